/**
 * Warnings a clerk can settle: every warning has a stable code, `<catalogue>.<key>`; a case lists
 * the codes it has settled under `acknowledged`, and those warnings are counted, not printed. An
 * unknown code is an error at its entry with the closest code; an acknowledgement nothing raised
 * warns; an error is never settled.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForms } from '../../src/forms/registry.js';
import { codeOf, formCodes, messages } from '../../src/forms/kit/messages.js';
import { checkCase, PIPELINE_CODES } from '../../src/pipeline/pipeline.js';
import { cli, FIXTURES, lineIn, tempDir } from '../helpers.js';

const FORMS = await loadForms();

const TEMPLATES = new URL('../../templates/', import.meta.url).pathname;
const CATALOGUES = readdirSync(TEMPLATES).filter((f) => existsSync(join(TEMPLATES, f, 'messages.yaml')));
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The deposit starter as a donation: it qualifies for compensation, so it warns (deposit-compensation-available), and only that. */
function donation(extra = ''): string {
  const text = readFileSync(new URL('../../starters/deposit.yaml', import.meta.url), 'utf8')
    .replaceAll('{{today-5}}', '2026-11-25')
    .replace(/^mode: compensation .*$/m, 'mode: donation')
    .replace(/^advance_contact:.*\n(?:[ \t]+.*\n)*/m, '')
    .replace(/^postage: .*$/m, '')
    // A gift gets no form from the NDL: the starter's acknowledgement of its 出版物納入書 goes too.
    .replace(/^acknowledged:\n(?: +- .*\n?)+/m, '');
  const file = join(tempDir('ack-'), 'case.yaml');
  writeFileSync(file, `${text}\ndate: 2026-11-30\n${extra}`);
  return file;
}
const AVAILABLE = 'deposit.compensation-available';

describe('warning codes', () => {
  it.each(CATALOGUES)('%s: each key gives one code, <catalogue>.<key> without the key\'s own catalogue prefix, unique in the catalogue', (name) => {
    const m = messages(name);
    const codes = m.codes();
    expect(codes).toEqual(m.keys().map((key) => `${name}.${key.replace(new RegExp(`^${name}-`), '')}`));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => !CODE.test(c))).toEqual([]);
  });

  it('no two catalogues share a code, and the pipeline\'s own codes are none of theirs', () => {
    const all = CATALOGUES.flatMap((name) => messages(name).codes());
    expect(new Set(all).size).toBe(all.length);
    for (const code of Object.values(PIPELINE_CODES)) expect(all).not.toContain(code);
  });

  it('every form knows the codes of the catalogues it words from', () => {
    expect(formCodes(FORMS.ruling)).toContain('ruling.diligence-bodies-not-asked');
    expect(formCodes(FORMS.ruling)).toContain('copyright.attachment-publication-missing');
    expect(formCodes(FORMS['ill-request'])).toContain(codeOf('ill', messages('ill').keys()[0]));
    for (const form of Object.values(FORMS)) expect(formCodes(form).length, form.id).toBeGreaterThan(0);
  });

  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it.each(fixtures)('%s: every warning has a code its form knows (so it can be acknowledged)', async (name) => {
    const checked = await checkCase(join(FIXTURES, name), '2026-11-30');
    const known = new Set(formCodes(FORMS[checked.form!]));
    const warnings = checked.problems.filter((p) => p.severity === 'warning');
    expect(warnings.filter((p) => !p.code || !known.has(p.code)).map((p) => p.en)).toEqual([]);
  });
});

describe('acknowledged', () => {
  it('without it the warning is printed with its code', async () => {
    const out = await cli('check', donation());
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`mode  [${AVAILABLE}]`);
    expect(out.stdout).toContain('注意: この出版物は代償金の対象になります');
    expect(out.stdout).not.toContain('確認済み');
    const json = JSON.parse((await cli('check', '--json', donation())).stdout);
    expect(json.warnings).toEqual([{ path: 'mode', code: AVAILABLE, message: expect.stringContaining('代償金') }]);
    expect(json.settled).toEqual([]);
  });

  it('a settled warning is counted in one line, not printed; in JSON it moves to settled', async () => {
    const file = donation(`acknowledged:\n  - ${AVAILABLE}   # 寄贈にする\n`);
    const out = await cli('check', file);
    expect(out.status).toBe(0);
    expect(out.stdout).not.toContain('代償金の対象');
    expect(out.stdout).not.toContain(AVAILABLE);
    expect(out.stdout).toContain('1 件の注意は確認済み / 1 settled warning');
    const json = JSON.parse((await cli('check', '--json', file)).stdout);
    expect(json).toMatchObject({ ok: true, errors: [], warnings: [], settled: [AVAILABLE] });
    // Rendering reports the same count.
    const render = await cli('render', file, '-o', join(tempDir('ack-out-'), 'out'), '--format', 'txt');
    expect(render.status).toBe(0);
    expect(render.stdout).toContain('1 件の注意は確認済み');
  });

  it('an unknown code is an error at its entry, in both languages, with the closest code', async () => {
    const file = donation(`acknowledged:\n  - deposit.compensation-availabel\n`);
    const checked = await checkCase(file, '2026-11-30');
    expect(checked.ok).toBe(false);
    const [problem] = checked.problems.filter((p) => p.severity === 'error');
    expect(problem).toMatchObject({ path: ['acknowledged', 0], line: lineIn(readFileSync(file, 'utf8'), 'availabel'), column: 5 });
    expect(problem.ja).toContain('「deposit.compensation-availabel」という注意のコードはありません');
    expect(problem.en).toContain('There is no warning code "deposit.compensation-availabel"');
    expect(problem.hint?.ja).toContain(`「${AVAILABLE}」`);
    expect(problem.hint?.en).toContain(`Did you mean "${AVAILABLE}"?`);
    const out = await cli('check', file);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/case\.yaml:\d+:5 {2}acknowledged\[0\]/);
  });

  it('a code of the same key in another catalogue is suggested as it is', async () => {
    const file = join(tempDir('ack-'), 'case.yaml');
    const starter = readFileSync(new URL('../../starters/ruling.yaml', import.meta.url), 'utf8')
      .replace(/\{\{today-(\d+)\}\}/g, '2026-10-01')
      .replace('copyright.attachment-notice-copy-missing', 'ruling.attachment-notice-copy-missing');
    writeFileSync(file, starter);
    const [problem] = (await checkCase(file, '2026-11-30')).problems.filter((p) => p.severity === 'error');
    expect(problem.hint?.en).toContain('Did you mean "copyright.attachment-notice-copy-missing"?');
  });

  it('an acknowledgement no warning of the case raised is a warning of its own', async () => {
    const file = donation(`acknowledged:\n  - ${AVAILABLE}\n  - deposit.late-priced\n`);
    const checked = await checkCase(file, '2026-11-30');
    expect(checked.ok).toBe(true);
    expect(checked.settled).toEqual([AVAILABLE]);
    expect(checked.problems).toEqual([expect.objectContaining({
      severity: 'warning', code: PIPELINE_CODES.stale, path: ['acknowledged', 1], line: lineIn(readFileSync(file, 'utf8'), 'deposit.late-priced'),
    })]);
    expect(checked.problems[0].ja).toContain('出ていません');
    expect(checked.problems[0].en).toContain('No "deposit.late-priced" warning was raised');
  });

  it('an error is never settled by listing its code', async () => {
    const file = donation(`acknowledged:\n  - deposit.no-copies\n`).toString();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^copies_deposited: 1/m, 'copies_deposited: 0'));
    const checked = await checkCase(file, '2026-11-30');
    expect(checked.ok).toBe(false);
    expect(checked.settled).toEqual([]);
    expect(checked.problems.find((p) => p.severity === 'error')).toMatchObject({ code: 'deposit.no-copies', path: ['copies_deposited'] });
    expect(checked.problems.find((p) => p.path[0] === 'acknowledged')).toMatchObject({ severity: 'warning', code: PIPELINE_CODES.error });
    const json = JSON.parse((await cli('check', '--json', file)).stdout);
    expect(json.ok).toBe(false);
    expect(json.errors.map((e: { path: string }) => e.path)).toContain('copies_deposited');
  });

  it('an English form counts its settled warnings English first', async () => {
    const { settledLine } = await import('../../src/app/cli/report.js');
    expect(settledLine(2, true)).toBe('  2 settled warnings / 2 件の注意は確認済み');
    expect(settledLine(2)).toBe('  2 件の注意は確認済み / 2 settled warnings');
  });
});
