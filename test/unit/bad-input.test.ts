/**
 * The hardening corpus (fixtures/bad/): every bad input exits 1 with its message at its place, in
 * Japanese and English, without a stack trace and without writing anything. Plus what cannot be
 * committed: a 100 MB file, a missing file; and the guarantees behind two of them: the alias bomb
 * fails fast and small, and __proto__ keys pollute nothing. The command runs in-process (cli); the
 * alias bomb's memory is measured on a process of its own (test/clients/bad-input.test.ts).
 */
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { cli, FIXTURES, tempDir } from '../helpers.js';

const BAD = join(FIXTURES, 'bad');
/** `exit: 0`: a warning the case still checks with (a value cut short by ` #`); otherwise an error, exit 1. */
const expected: Record<string, { where: string; says: string[]; exit?: number }> = parse(readFileSync(join(BAD, 'expected.yaml'), 'utf8'));

/** What no user may ever see: a JavaScript stack frame or yoshiki blaming itself. */
function expectNoTrace(output: string): void {
  expect(output).not.toMatch(/^\s+at .*[:(]\d+:\d+\)?$/m);
  expect(output).not.toContain('Internal error');
  expect(output).not.toContain('内部エラー');
}

describe('fixtures/bad: each bad input gets its message', () => {
  it('every case file in the folder has an expected message', () => {
    const cases = readdirSync(BAD).filter((f) => f.endsWith('.yaml') && f !== 'expected.yaml').sort();
    expect(Object.keys(expected).sort()).toEqual(cases);
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });

  it.each(Object.entries(expected))('%s', async (name, { where, says, exit = 1 }) => {
    const checked = await cli('check', join(BAD, name));
    expect(checked.status).toBe(exit);
    expectNoTrace(checked.stdout + checked.stderr);
    // file:line:column (or the file alone) starts a reported problem's line
    expect(checked.stdout).toMatch(new RegExp(`^  \\S*${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm'));
    for (const words of says) expect(checked.stdout).toContain(words);
    if (exit === 0) return;

    const out = join(tempDir('bad-out-'), 'out');
    const rendered = await cli('render', join(BAD, name), '-o', out);
    expect(rendered.status).toBe(1);
    expectNoTrace(rendered.stdout + rendered.stderr);
    expect(existsSync(join(out, name.replace(/\.yaml$/, '')))).toBe(false);
  }, 30_000);
});

describe('inputs made by the test', () => {
  it('a 100 MB file is refused by its size, at once', async () => {
    const file = join(tempDir('bad-big-'), 'huge.yaml');
    writeFileSync(file, 'form: deposit\n');
    truncateSync(file, 100 * 1024 * 1024);
    const start = performance.now();
    const r = await cli('check', file);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ファイルが大きすぎます');
    expect(r.stdout).toContain('The file is too large (104857600 bytes');
    expectNoTrace(r.stdout + r.stderr);
  });

  it('a case file that does not exist', async () => {
    const r = await cli('check', join(tempDir(), 'nowhere.yaml'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('The file does not exist or cannot be read.');
    expectNoTrace(r.stdout + r.stderr);
  });

  it('__proto__ and constructor keys pollute no prototype', async () => {
    const checked = await checkCase(join(BAD, 'proto-keys.yaml'), '2026-11-21');
    expect(checked.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
