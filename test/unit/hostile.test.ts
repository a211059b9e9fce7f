/**
 * The hostile corpus (test/hostile/corpus.mjs, issue 21) in CI: every input that is small to make
 * and to read goes through the library in this process — check, and render for those that must
 * succeed — and those run as commands (output folders, options, names, standard input) through the
 * command line in-process. Each must end in a message at its place (or a correct result): no
 * exception, no "internal error", nothing written for a refusal, no control character printed raw,
 * no formula left live in a CSV. The inputs made or read at scale (bombs, a million rows, megabytes
 * of YAML), the full disk and the read-only folder run in test/hostile/run.mjs, a process each,
 * timed and watched by strace.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { Alias } from 'yaml';
import { runCli } from '../../src/app/cli/main.js';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { context, corpus, FORM_CASES, makeOutside } from '../hostile/corpus.mjs';
import { WORK, worksRowsXml, xlsxOf } from '../hostile/make.mjs';
import { FIXTURES, tempDir } from '../helpers.js';

const TODAY = '2026-11-21';
/**
 * The inputs CI runs, a few of each kind (every kind runs in test/hostile/run.mjs): small to make
 * and to read, so the whole file takes seconds. Those made or read at scale (bombs, a million rows,
 * megabytes of YAML), the full disk and the read-only folder are the runner's alone.
 */
const IN_CI = new Set([
  'png-truncated', 'png-bad-crc', 'png-no-idat', 'png-palette-no-plte', 'png-20000x20000', 'jpeg-truncated', 'gif-as-png',
  'pdf-truncated', 'pdf-no-pages', 'pdf-pages-loop', 'pdf-encrypted', 'pdf-a-folder',
  'font-dev-zero-case', 'font-dev-zero-cli-setup', 'font-truncated', 'font-png-renamed', 'font-outside-by-case', 'font-fifo-cli',
  'works-/dev/zero', 'works-fifo', 'photo-fifo', 'attachment-fifo', 'attachment-fifo-outside', 'case-file-fifo', 'works-symlink-out',
  'works-dotdot', 'photo-dir-symlink-out', 'photo-symlink-loop', 'attachment-outside', 'pdf-outside', 'map-outside', 'form-pdf-outside',
  'yaml-self-alias', 'yaml-undefined-alias', 'yaml-unknown-tags', 'yaml-binary-tag', 'yaml-two-documents', 'yaml-nan-inf',
  'yaml-lone-surrogate', 'yaml-nul-bytes', 'yaml-proto-keys', 'form-constructor', 'form-hasOwnProperty', 'yaml-alias-bomb',
  ...Object.keys(FORM_CASES).map((form) => `${form}-every-scalar-list`), 'ruling-every-mapping-text',
  'csv-formulas', 'xlsx-formulas-cached', 'xlsx-cell-ref-huge-column', 'xlsx-xxe', 'xlsx-billion-laughs', 'csv-bom-then-cp932', 'csv-nul-bytes',
  'list-not-xlsx', 'list-truncated-zip',
  'map-page-99', 'map-box-off-page', 'map-box-nan', 'map-cells-billion', 'map-dev-zero', 'form-pdf-acroform-loop',
  'date-0000-01-01', 'date-9999-12-31', 'date-大化1年1月1日', 'deposit-published-0000',
  'case-named-esc', 'case-named-dots', 'field-name-esc', 'file-name-esc', 'json-output-exact',
  'out-is-a-file', 'out-proc-self', 'out-dev-full', 'out-empty-string', 'out-the-case-folder', 'out-case-folder-symlink-out',
  'jobs-0', 'jobs-abc', 'format-traversal', 'stdin-garbage', 'stdin-empty', 'stdin-names-outside',
])

const root = tempDir('hostile-');
makeOutside(join(root, 'outside'));
const entries = corpus().filter((e) => IN_CI.has(e.id));

/** What no user may ever see: a JavaScript stack frame, yoshiki blaming itself, a raw control character. */
function expectNoTrace(output: string): void {
  expect(output).not.toMatch(/^\s+at .*[:(]\d+:\d+\)?$/m);
  expect(output).not.toMatch(/Internal error|内部エラー/);
}
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/;

/** Each cell of the CSVs written that a spreadsheet would run (a leading =, +, -, @, tab or CR). */
function liveFormulas(dir: string): string[] {
  const found: string[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return found;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.csv')) continue;
    const text = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '');
    for (const row of parseCsv(text, { relax_column_count: true }) as string[][])
      for (const cell of row) if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d[\d,.]*$/.test(cell)) found.push(`${f}: ${cell}`);
  }
  return found;
}

const filesIn = (dir: string) => (existsSync(dir) && statSync(dir).isDirectory() ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()) : []);

/** The command line in this process: paths the corpus gives from the input's folder made absolute. */
async function command(dir: string, args: string[], stdin?: Uint8Array) {
  const out = { stdout: '', stderr: '' };
  const absolute = args.map((a) => (/^(case|out)(\/|$)|^\.\.\//.test(a) ? resolve(dir, a) : a === '.' ? dir : a));
  const status = await runCli(absolute, {
    stdout: { write: (t: string) => { out.stdout += t; } },
    stderr: { write: (t: string) => { out.stderr += t; } },
    stdin: stdin === undefined ? undefined : [stdin],
    env: {},
  });
  return { status, ...out };
}

describe('the hostile corpus, each input at its place', () => {
  it('covers every category of issue 21 with enough inputs', () => {
    const all = corpus();
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((e) => e.cat))).toEqual(new Set(['pictures', 'pdfs', 'fonts', 'devices', 'yaml', 'wrong-types', 'works', 'ndl-list', 'official', 'dates', 'control', 'output', 'options', 'stdin']));
    expect(entries.map((e) => e.id).sort()).toEqual([...IN_CI].sort());
  });

  it.each(entries.map((e, i) => [`${e.cat}/${e.id}`, e, i] as const))('%s', async (_, entry, i) => {
    const dir = join(root, String(i));
    const c = context(dir);
    const how = (entry.make(c) ?? {}) as { args?: string[]; stdin?: Uint8Array; fifo?: string; outsideAllowed?: boolean; json?: boolean; batch?: boolean };
    if (how.fifo) {
      rmSync(join(dir, how.fifo), { force: true });
      execFileSync('mkfifo', [join(dir, how.fifo)]);
    }
    const before = filesIn(c.out);
    if (!how.args && how.stdin === undefined) {
      // The default run, `render case/case.yaml`: checked here, rendered when it must succeed.
      const checked = await checkCase(join(c.case, 'case.yaml'), TODAY);
      const errors = checked.problems.filter((p) => p.severity === 'error');
      const said = errors.map((p) => `${p.file}:${p.line}:${p.column} ${p.path.join('.')} ${p.ja} ${p.en}`).join('\n');
      expect(said).not.toMatch(/Internal error|内部エラー/);
      if (entry.expect === 'refuse') expect(checked.ok, 'refused').toBe(false);
      if (entry.expect === 'ok') expect(said).toBe('');
      if (!checked.ok) {
        expect(errors.length).toBeGreaterThan(0);
        // Each error at its place: a line of a file, or the file as a whole (path [] with no line).
        for (const p of errors) expect(p.line !== undefined || p.path.length === 0, said).toBe(true);
        if (entry.says) expect(said).toMatch(entry.says);
        return;
      }
      if (entry.expect !== 'ok') return;
      await renderCase(checked, c.out, ['csv', 'txt']);
      expect(liveFormulas(c.out)).toEqual([]);
      return;
    }
    const args = how.args ?? ['render', 'case/case.yaml', '-o', 'out'];
    const r = await command(dir, args, how.stdin);
    const output = r.stdout + r.stderr;
    expectNoTrace(output);
    if (!how.json) expect(output).not.toMatch(RAW_CONTROL);
    else for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    const expected = { refuse: [1], ok: [0], usage: [2], any: [0, 1, 2] }[entry.expect as 'refuse' | 'ok' | 'usage' | 'any'];
    expect(expected, output).toContain(r.status);
    if (entry.says && r.status === 1) expect(output).toMatch(entry.says);
    if (r.status !== 0 && !how.batch) expect(filesIn(c.out)).toEqual(before);
    if (r.status === 0) expect(liveFormulas(c.out)).toEqual([]);
  }, 60_000);
});

describe('the fixes of the hostile pass, each at the size that found it', () => {
  const errorsOf = async (file: string) => (await checkCase(file, TODAY)).problems.filter((p) => p.severity === 'error').map((p) => p.en);

  it('aliases are resolved from one index of the anchors, never by yaml\'s walk from the start for each (190,000 took minutes)', async () => {
    const dir = join(root, 'aliases');
    mkdirSync(dir);
    const file = join(dir, 'case.yaml');
    writeFileSync(file, `form: ruling\nx: &b 1\nworks: [${'*b, '.repeat(5000)}]\n`);
    const walks = vi.spyOn(Alias.prototype, 'resolve');
    try {
      expect((await errorsOf(file)).length).toBeGreaterThan(0);
      expect(walks).not.toHaveBeenCalled();
    } finally {
      walks.mockRestore();
    }
  });

  it('600 works naming a 19,000-character anchor three times: the text expanded is capped', async () => {
    const dir = join(root, 'long-text');
    mkdirSync(dir);
    const file = join(dir, 'case.yaml');
    writeFileSync(file, `form: ruling\nx: &s ${'あ'.repeat(19_000)}\nworks: [${Array.from({ length: 600 }, () => '{title: *s, author: *s, description: *s}').join(', ')}]\n`);
    expect(await errorsOf(file)).toEqual(['The case file expands to too much text (at most 10,485,760 characters, counting YAML aliases).']);
  });

  it('a PDF page whose drawing inflates past 16 MB is refused at its entry, without inflating the rest', async () => {
    // 24 MB of zeros deflate to 24 KB: the 200 MB of the runner's input took a render over 600 MB.
    const c = context(join(root, 'pdf-bomb'));
    const packed = deflateSync(Buffer.alloc(24 << 20));
    c.write('colophon.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n'
      + '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n'
      + `4 0 obj\n<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n', 'latin1')]));
    c.yaml(readFileSync(join(FIXTURES, 'ruling-submission.yaml'), 'utf8').replace('file: ruling-submission-colophon.pdf', 'file: colophon.pdf'));
    expect(await errorsOf(join(c.case, 'case.yaml'))).toContain('Page 1 of the PDF "colophon.pdf" draws too much (over 16 MB once decoded).');
  });

  it('30 MB of spaces in a works sheet: refused once it inflates past 200 times its size', async () => {
    const c = context(join(root, 'zip-bomb'));
    c.write('w.xlsx', xlsxOf({ sheetXml: Buffer.concat([Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${worksRowsXml([WORK])}`),
      Buffer.alloc(30 << 20, 0x20), Buffer.from('</sheetData></worksheet>')]) }));
    c.yaml(readFileSync(join(FIXTURES, 'ruling-bulk.yaml'), 'utf8').replace('works_file: ruling-bulk-works.csv', 'works_file: w.xlsx'));
    expect((await errorsOf(join(c.case, 'case.yaml'))).join('\n')).toContain('"w.xlsx" is too large once unpacked (xl/worksheets/sheet1.xml)');
  });

  it('standard input that never ends is read up to the case limit, then refused as too large', async () => {
    async function* zeros() {
      for (;;) yield new Uint8Array(1 << 16);
    }
    const out = { stdout: '' };
    const status = await runCli(['check', '-'], { stdout: { write: (t: string) => { out.stdout += t; } }, stderr: { write: () => {} }, stdin: zeros(), env: {} });
    expect(status).toBe(1);
    expect(out.stdout).toContain('The file is too large (5242881 bytes or more; the limit is 5242880).');
  });
});
