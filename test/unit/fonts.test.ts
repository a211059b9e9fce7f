/**
 * The font-fallback chain's errors (test/clients/fonts.test.ts draws with the fallback fonts): a
 * character IPAex Mincho lacks, with no font to draw it, is an error naming the field and the
 * character; a font that is missing or is not a font is an error at its entry.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { checkEdited, cli, FIXTURES, lineOf } from '../helpers.js';

const DEPOSIT = 'deposit-compensation.yaml';
const TITLE_LINE = '  title: 港町の記憶';
/** The deposit example with `title` as its title and `extra` appended, checked in a folder of its own. */
const withTitle = (title: string, extra = '') =>
  checkEdited('deposit-compensation', (y) => y.replace(TITLE_LINE, `  title: ${title}`) + extra, '2026-11-21');

describe('font-fallback chain: errors', () => {
  it('without extra fonts, a character IPAex lacks is an error naming the field and the character', async () => {
    // ∯ (U+222F) and ⍟ (U+235F): IPAex Mincho has neither.
    const { checked } = await withTitle('港町の記憶 ∯ ⍟');
    expect(checked.ok).toBe(false);
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0]).toMatchObject({ path: ['publication', 'title'], line: lineOf(DEPOSIT, TITLE_LINE) });
    expect(checked.problems[0].en).toContain('「∯」(U+222F)、「⍟」(U+235F)');
  });

  it('a missing font or a file that is not a font is an error at its entry', async () => {
    const { checked } = await withTitle('港町の記憶', 'fonts: [nowhere.ttf, deposit-compensation.yaml]\n');
    const fontProblems = checked.problems.filter((p) => p.path[0] === 'fonts');
    expect(fontProblems.map((p) => p.path)).toEqual([['fonts', 0], ['fonts', 1]]);
    expect(fontProblems[0].en).toBe('The font "nowhere.ttf" does not exist.');
    expect(fontProblems[1].en).toContain('"deposit-compensation.yaml" cannot be read as a font');
    expect(fontProblems.every((p) => p.line !== undefined)).toBe(true);
    const run = await cli('check', join(FIXTURES, DEPOSIT), '--font', '/nonexistent/font.ttf');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('/nonexistent/font.ttf');
    expect(run.stdout).not.toMatch(/^\s+at /m);
  });
});
