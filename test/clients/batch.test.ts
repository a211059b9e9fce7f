/**
 * Batch rendering: the same case gives the same bytes on another day; a folder of cases renders in
 * parallel with progress and a summary; one bad case fails alone; a killed run leaves every
 * document complete or absent, and the input untouched.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkCase, FORMATS, renderDocuments } from '../../src/pipeline/pipeline.js';
import { formatsOf } from '../../src/model/document.js';
import { MANIFEST } from '../../src/pipeline/write.js';
import { cli, copyNamedFiles, FIXTURE_FORMATS, FIXTURES, needs, renderFixture, run, tempDir, YOSHIKI } from '../helpers.js';


const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort();

/**
 * For each form, the example case that makes the most files: the time could only leak in through a
 * form's code or an exporter, and the richest case of each form runs every document and format it
 * has (the ruling's attachments and binding, the exclusion's filled list …). Rendering every example
 * twice took a third of this file's time, for nothing more.
 */
async function richestOfEachForm(): Promise<string[]> {
  const best = new Map<string, { name: string; files: number }>();
  for (const name of fixtures) {
    const checked = await checkCase(join(FIXTURES, name), '2026-11-21');
    const files = checked.documents.reduce((n, d) => n + formatsOf(d).length, 0);
    const form = checked.form!;
    // On a tie the later example wins: ruling-submission, with PDFs among its attachments, over the anthology.
    if (files >= (best.get(form)?.files ?? -1)) best.set(form, { name, files });
  }
  return [...best.values()].map((b) => b.name);
}

/** Every file of the given example cases, in every format, rendered with the clock at `now`. */
async function renderAt(names: string[], now: string): Promise<Map<string, Uint8Array>> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  try {
    const files = new Map<string, Uint8Array>();
    for (const name of names) {
      const checked = await checkCase(join(FIXTURES, name), '2026-11-21');
      for (const f of await renderDocuments(checked, [...FORMATS])) files.set(`${name}/${f.path}`, f.bytes);
    }
    return files;
  } finally {
    vi.useRealTimers();
  }
}

/** The same files as rendered by renderFixture, at the real time (shared with the other test files of this worker). */
async function renderedNow(names: string[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of names) {
    const { files: paths } = await renderFixture(name.replace(/\.yaml$/, ''));
    for (const path of paths) files.set(`${name}/${basename(path)}`, readFileSync(path));
  }
  return files;
}

describe('reproducible output', () => {
  it('every document of each form\'s richest example case, in every format, is byte-identical when rendered at another time', async () => {
    expect([...FORMATS].sort()).toEqual([...FIXTURE_FORMATS].sort()); // renderFixture writes every format
    const names = await richestOfEachForm();
    expect(names).toEqual(expect.arrayContaining(['ruling-submission.yaml', 'transmission-exclusion-list.yaml']));
    expect(names.length).toBeGreaterThanOrEqual(7);
    const now = await renderedNow(names);
    const later = await renderAt(names, '2031-05-05T12:34:56Z');
    for (const kind of ['.pdf', '.docx', '.xlsx', '.csv', '.txt']) expect([...now.keys()].some((k) => k.endsWith(kind)), kind).toBe(true);
    expect(now.get('ruling-submission.yaml/submission.pdf')).toBeDefined();
    expect([...later.keys()].sort()).toEqual([...now.keys()].sort());
    const differing = [...now].filter(([k, bytes]) => !Buffer.from(bytes).equals(Buffer.from(later.get(k)!))).map(([k]) => k);
    expect(differing).toEqual([]);
  }, 120_000);
});

/** A folder of n cases cycling through the example cases, with the files they name beside them. */
function caseFolder(n: number): string {
  const dir = tempDir('batch-in-');
  copyNamedFiles(dir);
  for (let i = 0; i < n; i++) {
    const source = fixtures[i % fixtures.length];
    copyFileSync(join(FIXTURES, source), join(dir, `${String(i).padStart(3, '0')}-${source}`));
  }
  return dir;
}

/** Every file under a folder (hidden ones too) with its bytes' hash. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('yoshiki render <folder>', () => {
  it('refuses a second case with the same name instead of overwriting the first one\'s folder', async () => {
    const base = tempDir('batch-dup-');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(base, sub));
      copyFileSync(join(FIXTURES, 'ill-request.yaml'), join(base, sub, 'request.yaml'));
    }
    const r = await cli('render', join(base, 'a'), join(base, 'b'), '-o', join(base, 'out'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('same name');
    expect(r.stdout).toContain('出力先のフォルダ「request」が重なります');
    expect(r.stdout).toMatch(/Done: 1 of 2 cases rendered, 1 failed/);
  }, 60_000);

  it('--jobs must be a whole number of 1 or more', async () => {
    const r = await cli('render', FIXTURES, '--jobs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--jobs');
  });

  it('killed mid-run, leaves each document complete or absent; the next run renders every valid case, explains the broken one, prints [n/N] lines and a summary, and writes the same bytes with one worker as the killed run did with two', async () => {
    // 10 cases and a broken one: the kill lands after 4 reports, and with 2 workers at most a few
    // more finish before it, so most are still undone. What the killed run left is judged against
    // the full run after it (the output is reproducible), so the folder is rendered twice, not three
    // times. The full run rewrites every document with one worker, so the documents the killed run
    // finished with two also show that --jobs 1 and --jobs 2 give the same bytes.
    const dir = caseFolder(10);
    writeFileSync(join(dir, '100-broken.yaml'), 'form: deposit\nmode: donation\npublisher: [\n');
    const input = tree(dir);
    const out = join(tempDir('batch-kill-'), 'killed');
    // Killed for real: a process of its own, since SIGKILL would take the test runner with it.
    const child = spawn(process.execPath, [YOSHIKI, 'render', dir, '-o', out, '--jobs', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    await new Promise<void>((done) => {
      let lines = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        lines += chunk.toString().split('\n').filter((l) => /^\[/.test(l)).length;
        if (lines >= 4 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(stderr).toBe('');
    const left = tree(out);
    // Documents in the cases' folders: not a half-written set in a hidden folder, nor the manifest.
    const documents = [...left.keys()].filter((k) => !k.split('/').some((part) => part.startsWith('.')));
    expect(documents.length).toBeGreaterThan(0);

    // Run again into the same folder: everything is written, the broken case explained, no temporary file left.
    const r = await cli('render', dir, '-o', out, '--jobs', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    const progress = r.stdout.split('\n').filter((l) => /^\[\s*\d+\/11\] [✓✗] /.test(l));
    expect(progress.map((l) => Number(l.slice(1, l.indexOf('/')).trim()))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.stdout).toMatch(/✗ .*100-broken\.yaml.*\n.*100-broken\.yaml:\d+:\d+\n.*YAML/);
    expect(r.stdout).toMatch(/Done: 10 of 11 cases rendered, 1 failed, \d+ pages, [\d.]+ s/);
    expect(r.stdout).toMatch(/完了: 11 件中 10 件を作成、失敗 1 件/);
    const folders = readdirSync(out).sort();
    expect(folders).toEqual(readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('broken')).map((f) => f.replace(/\.yaml$/, '')).sort());
    // Each case gets every document in every format its form writes, and the broken one nothing
    // (no mail text for the deposit: it names no address the NDL gave to write to).
    const deposit = folders.find((f) => f.endsWith('deposit-compensation'))!;
    expect(readdirSync(join(out, deposit)).sort()).toEqual([MANIFEST, 'address-label.docx', 'address-label.pdf',
      'advance-notice.docx', 'advance-notice.pdf', 'cover-letter.docx', 'cover-letter.pdf', 'deposit-form.docx', 'deposit-form.pdf']);
    expect(existsSync(join(out, '100-broken'))).toBe(false);
    const whole = tree(out);
    // Nothing hidden is left but each folder's manifest: no half-written set, no temporary file.
    expect([...whole.keys()].filter((k) => k.split('/').some((part) => part.startsWith('.')) && !k.endsWith(`/${MANIFEST}`))).toEqual([]);
    expect(documents.length).toBeLessThan(whole.size); // killed before the end
    for (const k of documents) expect(left.get(k), k).toBe(whole.get(k));
    expect(tree(dir)).toEqual(input); // the input is never modified
  }, 180_000);
});

needs('script')('yoshiki render <folder> on a terminal', () => {
  it('draws a progress bar, colours, wraps every report to the window without cutting one, and lists the failed case again at the end', async () => {
    const { displayWidth } = await import('../../src/app/cli/terminal.js');
    const dir = caseFolder(2);
    // A message longer than the window: an unknown form is answered with every form's name.
    writeFileSync(join(dir, '100-broken.yaml'), 'form: rulng\n');
    const out = join(tempDir('batch-tty-'), 'out');
    // script(1) gives the command a pseudo-terminal, as a clerk's terminal window would, 60 columns
    // wide; the bar switches the terminal's line wrapping off, so a line wider than 60 would lose
    // its end. One worker and PDF only: the bar is the same, and more would only slow the test.
    // CI's own variables leave: Node answers "no colours" on any terminal when CI is set (.ci/run sets it).
    const command = `stty cols 60 rows 40; env -u NO_COLOR -u FORCE_COLOR -u CI TERM=xterm-256color ${process.execPath} ${YOSHIKI} render ${dir} -o ${out} --jobs 1 --format pdf`;
    const r = run('script', ['-qec', command, '/dev/null']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/[█░]{10,}/);
    expect(r.stdout).toContain('件 cases');
    expect(r.stdout).toContain('\u001b[31m'); // red: the ✗ and "エラー:"
    // What the terminal shows: the bar's moves to a line's start (CSI G, A) start a line again,
    // colours take no room. Every line fits the window.
    const shown = r.stdout.replace(/\u001b\[[0-9;]*[GA]/g, '\r').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n|\r/);
    expect(shown.filter((l) => displayWidth(l) > 60)).toEqual([]);
    const text = shown.join('\n');
    expect(text).not.toMatch(/^\[\s*\d+\/3\]/m);
    // Every case's report, the last one too (it once came less than a redraw before the end, and was lost).
    expect(text.match(/✓/g)).toHaveLength(2);
    // The long message whole, to its last words, and its case again after the reports, before the summary.
    expect(text.match(/\(did you mean\s+"ruling"\?\)/g)).toHaveLength(2);
    expect(text).toMatch(/失敗したケース \/ Failed cases \(1\):\n✗ [\s\S]*?100-broken\.yaml[\s\S]*Done: 2 of 3 cases rendered, 1 failed/);
  }, 60_000);
});
