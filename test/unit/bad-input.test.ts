/**
 * The hardening corpus (fixtures/bad/): every bad input exits 1 with its message at its place, in
 * Japanese and English, without a stack trace and without writing anything. Plus what cannot be
 * committed: a 100 MB file, a missing file; and the guarantees behind two of them: the alias bomb
 * fails fast and small, and __proto__ keys pollute nothing. The command runs in-process (cli); the
 * alias bomb's memory is measured on a process of its own (test/clients/bad-input.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { checkEdited, cli, FIXTURES, tempDir } from '../helpers.js';

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

  describe('files a case names that are not files, or too large, are refused at once without being read', () => {
    // Each used to be read whole before any check: /dev/zero grew without end, a FIFO waited for a
    // writer for ever, a sparse 1.9 GB "font" was read into memory.
    const dir = tempDir('bad-files-');
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const sparseFont = join(dir, 'sparse.ttf');
    writeFileSync(sparseFont, '');
    truncateSync(sparseFont, 1_900_000_000);

    const refusedAt = async (name: string, edit: (y: string) => string, field: string, words: string) => {
      const start = performance.now();
      // Each names a file outside the case's folder: allowed, as --allow-files-outside does, to reach the reading itself.
      const { checked } = await checkEdited(name, edit, '2026-11-21', [], { allowFilesOutside: true });
      expect(performance.now() - start).toBeLessThan(5000);
      const e = checked.problems.find((p) => p.severity === 'error' && p.path.join('.') === field);
      expect(e, JSON.stringify(checked.problems.map((p) => [p.path.join('.'), p.ja]))).toBeDefined();
      expect(`${e!.ja} ${e!.en}`).toContain(words);
      expect(e!.line).toBeGreaterThan(0);
    };

    it('works_file: /dev/zero and a FIFO', async () => {
      const works = (to: string) => (y: string) => y.replace('works_file: ruling-bulk-works.csv', `works_file: ${to}`);
      await refusedAt('ruling-bulk', works('/dev/zero'), 'works_file', '普通のファイルではありません');
      await refusedAt('ruling-bulk', works(fifo), 'works_file', 'not a regular file');
    });

    it('fonts: /dev/zero, and a 1.9 GB sparse font refused by its size', async () => {
      await refusedAt('deposit-compensation', (y) => `${y}\nfonts: [/dev/zero]\n`, 'fonts.0', '普通のファイルではありません');
      await refusedAt('deposit-compensation', (y) => `${y}\nfonts: [${sparseFont}]\n`, 'fonts.0', '1900000000 bytes or more, over the 67108864-byte limit');
    });

    it('a photograph that is a FIFO; the case file itself a FIFO', async () => {
      await refusedAt('ill-registration', (y) => y.replace('reading_room_photo: reading-room.png', `reading_room_photo: ${fifo}`),
        'enclosures.reading_room_photo', '普通のファイルではありません');
      const r = await cli('check', fifo);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('This is not a regular file');
      expectNoTrace(r.stdout + r.stderr);
    });
  });

  it('a value of 20,001 characters, and a character carrying 40 combining marks, are refused at their field', async () => {
    const long = await checkEdited('ruling-reprint', (y) => y.replace('  - title: 日本の文化', `  - title: ${'あ'.repeat(20_001)}`), '2026-11-21');
    const e = long.checked.problems.find((p) => p.path.join('.') === 'works.0.title')!;
    expect(e.ja).toBe('長すぎます（20,001文字、上限20,000文字）。');
    expect(e.line).toBeGreaterThan(0);
    const marks = await checkEdited('ruling-reprint', (y) => y.replace('  - title: 日本の文化', `  - title: 日本e${'\u0301'.repeat(40)}の文化`), '2026-11-21');
    expect(marks.checked.problems.find((p) => p.path.join('.') === 'works.0.title')?.en).toBe('Character 3 carries 40 combining marks (the limit is 30).');
  });

  it('a megabyte of opening brackets is refused before parsing, at the bracket too deep (issue 21 §4)', async () => {
    // It ran the YAML parser out of stack after a minute and a gigabyte.
    const file = join(tempDir('bad-brackets-'), 'brackets.yaml');
    writeFileSync(file, `form: deposit\nmode: ${'['.repeat(1_000_000)}\n`);
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.problems.map((p) => [p.line, p.column, p.en])).toEqual([[2, 39, 'Brackets ([ and {) nest too deep (at most 32 levels).']]);
  });

  describe('a case past the limits of what one application holds is refused at check, before anything is read (issue 21 §3)', () => {
    // A 60 MB works CSV of 100,000 works and 150,000 attachments ran render out of memory.
    const bulkCase = (dir: string, csv: string) => {
      writeFileSync(join(dir, 'works.csv'), csv);
      const file = join(dir, 'bulk.yaml');
      writeFileSync(file, readFileSync(join(FIXTURES, 'ruling-bulk.yaml'), 'utf8').replace('works_file: ruling-bulk-works.csv', 'works_file: works.csv'));
      return file;
    };
    const HEAD = 'title,author,category,description,attachments';
    const errorsOf = async (file: string) => (await checkCase(file, '2026-11-21')).problems.filter((p) => p.severity === 'error');

    it('100,001 works in the CSV: the row past the limit', async () => {
      const rows = Array.from({ length: 100_001 }, (_, i) => `t${i},a,language,d,`);
      const errors = await errorsOf(bulkCase(tempDir('bad-rows-'), [HEAD, ...rows].join('\n')));
      expect(errors.map((p) => [p.line, p.en])).toEqual([[100_002, 'There are too many works (the limit is 100,000); this is the first row past it.']]);
    });

    it('1,001 attached files: the entry past the limit, none of them read', async () => {
      const rows = Array.from({ length: 1001 }, (_, i) => `t${i},a,language,d,scan-${i}.png`);
      const errors = await errorsOf(bulkCase(tempDir('bad-attached-'), [HEAD, ...rows].join('\n')));
      expect(errors.map((p) => [p.line, p.ja])).toEqual([[1002, '別添資料のファイルが多すぎます（上限1,000ファイル）。ここが1,000を超えた最初のファイルです。']]);
    });

    it('attached files over 128 MB together: the file that passes it', async () => {
      const dir = tempDir('bad-attached-size-');
      // Sparse files: their sizes say 30 MB each, and nothing is read to learn it.
      for (let i = 0; i < 5; i++) {
        writeFileSync(join(dir, `scan-${i}.jpg`), '');
        truncateSync(join(dir, `scan-${i}.jpg`), 30 * 1024 * 1024);
      }
      const rows = Array.from({ length: 5 }, (_, i) => `t${i},a,language,d,scan-${i}.jpg`);
      const errors = await errorsOf(bulkCase(dir, [HEAD, ...rows].join('\n')));
      expect(errors.map((p) => [p.line, p.en])).toEqual([[6, 'The attached files are too large together (the limit is 128 MB); this one goes past it.']]);
    });
  });

  it('a file outside the case\'s folder — a ../ path, an absolute path, a link leading out — is refused unless the clerk allows it (issue 21 §7)', async () => {
    const dir = tempDir('outside-');
    mkdirSync(join(dir, 'case'));
    copyFileSync(join(FIXTURES, 'reading-room.png'), join(dir, 'outside.png'));
    symlinkSync('../outside.png', join(dir, 'case', 'link.png'));
    copyFileSync(join(FIXTURES, 'reading-room.png'), join(dir, 'case', 'inside.png'));
    const photo = (name: string) => {
      const file = join(dir, 'case', `${name.replace(/\W/g, '_')}.yaml`);
      writeFileSync(file, readFileSync(join(FIXTURES, 'ill-registration.yaml'), 'utf8').replace('reading_room_photo: reading-room.png', `reading_room_photo: ${name}`));
      return file;
    };
    for (const name of ['../outside.png', join(dir, 'outside.png'), 'link.png']) {
      const refused = await checkCase(photo(name), '2026-11-21');
      expect(refused.problems.find((p) => p.path.join('.') === 'enclosures.reading_room_photo')?.en, name)
        .toBe(`The image "${name}" is outside the case file's folder (links followed).`);
      expect((await checkCase(photo(name), '2026-11-21', { allowFilesOutside: true })).ok, name).toBe(true);
    }
    expect((await checkCase(photo('inside.png'), '2026-11-21')).ok).toBe(true);
    const r = await cli('render', photo('link.png'), '-o', join(dir, 'out'), '--allow-files-outside', '--format', 'txt');
    expect(r.status).toBe(0);
  });

  it('__proto__ and constructor keys pollute no prototype', async () => {
    const checked = await checkCase(join(BAD, 'proto-keys.yaml'), '2026-11-21');
    expect(checked.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
