/**
 * `yoshiki check` and `yoshiki render`: the commands over case files, folders of them, and a case
 * on standard input ("-"). Each case goes through the library API (src/pipeline/api.ts); this file
 * only reads the command line, prints and writes.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { internalProblem } from '../../base/problem.js';
import { todayIso } from '../../base/format.js';
import { MAX_CASE_BYTES } from '../../input/parse.js';
import { check, checkFile, FORMATS, type CheckResult, type Format } from '../../pipeline/api.js';
import { Session } from '../../pipeline/session.js';
import { defaultJobs, renderAll } from '../batch/pool.js';
import type { CaseOutcome, RenderTask } from '../batch/job.js';
import { nearest, UsageError, type CommandSpec, type Parsed } from './commands.js';
import { progress, type Progress } from './progress.js';
import { caseReport, problemsJson, shown, type Reported } from './report.js';
import { hanging, styleOf, type Output, type Style } from './terminal.js';

/** What the case commands read and write: standard input for "-", the two output streams. */
export interface CaseIO {
  stdout: Output;
  stderr: Output;
  stdin?: AsyncIterable<Uint8Array | string>;
  /** The environment colour is decided by (NO_COLOR, FORCE_COLOR); default the process's. */
  env?: NodeJS.ProcessEnv;
}

/** A case read from standard input is called this in messages, and goes to out/stdin/. */
export const STDIN = { file: '<stdin>', name: 'stdin' };

/** The case files named: files as given, each folder's *.yaml in name order, "-" once for standard input. */
function caseFiles(inputs: string[], spec: CommandSpec): string[] {
  if (inputs.length === 0)
    throw new UsageError('ケースファイルかフォルダを指定してください（「-」で標準入力）。 / Give case files or folders ("-" for standard input).', spec);
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('「-」（標準入力）は1回だけです。 / "-" (standard input) can be given once.', spec);
  return inputs.flatMap((input) => {
    if (input === '-') return [input];
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      return [input]; // reported by the pipeline as a file that cannot be read
    }
    if (!isDir) return [input];
    return readdirSync(input).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => join(input, f));
  });
}

/**
 * Standard input up to one byte past a case file's limit: the case is then refused as too large
 * (`cat /dev/zero | yoshiki check -` read until memory ran out). Leaving the loop closes the stream.
 */
async function readAll(stdin: AsyncIterable<Uint8Array | string> | undefined): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin ?? []) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    length += chunks[chunks.length - 1].length;
    if (length > MAX_CASE_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_CASE_BYTES + 1);
}

export async function checkCommand(spec: CommandSpec, { values, positionals }: Parsed, io: CaseIO): Promise<number> {
  const fonts = (values.font as string[] | undefined ?? []).map((f) => resolve(f));
  const style = styleOf(io.stdout, io.env);
  const quiet = values.quiet === true;
  let failed = 0;
  const session = new Session();
  for (const file of caseFiles(positionals, spec)) {
    const options = { today: todayIso(), fonts, session, allowFilesOutside: values['allow-files-outside'] === true };
    const shownFile = file === '-' ? STDIN.file : file;
    const result = await safely(shownFile, async () => (file === '-'
      ? check(await readAll(io.stdin), { ...options, ...STDIN })
      : checkFile(file, options)));
    if (!result.ok) failed++;
    const reported = { ...result, file: shownFile };
    if (values.json)
      io.stdout.write(`${JSON.stringify({ case: result.name, form: result.form, ok: result.ok, ...problemsJson(reported), facts: result.facts, documents: result.documents })}\n`);
    else if (!quiet || !result.ok) io.stdout.write(`${caseReport(reported, style, quiet ? 'errors' : 'all')}\n`);
  }
  return failed ? 1 : 0;
}

/** A case whose checking throws is a bug in yoshiki: say so, and go on with the next case. */
async function safely(file: string, run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (e) {
    return { name: basename(file, extname(file)), form: null, ok: false, problems: [internalProblem(file, e)], settled: [], facts: {}, documents: [] };
  }
}

/** --format pdf,docx: each one known, or the closest named. */
function formatsOf(list: string, spec: CommandSpec): Format[] {
  const formats = list.split(',').map((f) => f.trim());
  for (const f of formats) {
    if ((FORMATS as readonly string[]).includes(f)) continue;
    const guess = nearest(f, [...FORMATS]);
    throw new UsageError(`知らない形式です: ${f}（使えるのは ${FORMATS.join(', ')}）${guess ? `。「${guess}」ではありませんか。` : ''}`
      + ` / Unknown format: ${f} (${FORMATS.join(', ')})${guess ? `. Did you mean ${guess}?` : ''}`, spec);
  }
  return formats as Format[];
}

export async function renderCommand(spec: CommandSpec, { values, positionals }: Parsed, io: CaseIO): Promise<number> {
  const out = (values.out as string | undefined) ?? 'out';
  if (out.trim() === '') throw new UsageError('-o には出力先のフォルダを指定してください。 / -o needs an output folder.', spec);
  const formats = formatsOf((values.format as string | undefined) ?? FORMATS.join(','), spec);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs は 1 以上の整数です。 / --jobs is a whole number of 1 or more.', spec);
  const json = values.json === true;
  const quiet = values.quiet === true;
  const style = styleOf(io.stdout, io.env);

  const started = performance.now();
  const files = caseFiles(positionals, spec);
  const today = todayIso();
  const fonts = (values.font as string[] | undefined ?? []).map((f) => resolve(f));
  const tasks: RenderTask[] = [];
  const allowFilesOutside = values['allow-files-outside'] === true;
  for (const file of files)
    tasks.push(file === '-' ? { ...STDIN, bytes: await readAll(io.stdin), out, formats, today, fonts, allowFilesOutside } : { file, out, formats, today, fonts, allowFilesOutside });
  const { unique, clashes } = byOutputFolder(tasks);
  // Listing every written file helps with a few cases; with hundreds the summary says where they are.
  const listWritten = files.length <= 20;
  const bar: Progress | undefined = json || quiet ? undefined : progress(files.length, io.stdout);
  const outcomes = new Map<string, CaseOutcome>();
  const finished = (o: CaseOutcome) => {
    outcomes.set(o.file, o);
    if (json || (quiet && o.ok)) return;
    if (!bar) return void io.stdout.write(`${caseReport(o, style, 'errors')}\n`);
    const written = listWritten ? o.written.map((w) => `\n${hanging('    → ', shown(w), style)}`).join('') : '';
    bar.done(caseReport(o, style) + written);
  };
  clashes.forEach(finished);
  await renderAll(unique, jobs, finished, new Session());
  bar?.stop();
  const seconds = (performance.now() - started) / 1000;
  const ordered = tasks.map((t) => outcomes.get(t.file)!);
  const failed = ordered.filter((o) => !o.ok);
  if (json) io.stdout.write(`${JSON.stringify(renderJson(ordered, out, seconds))}\n`);
  else if (!quiet && files.length > 1) io.stdout.write(`${failedAgain(failed, style)}${summary(ordered, seconds, out).map((l) => hanging('', l, style)).join('\n')}\n`);
  return failed.length ? 1 : 0;
}

/**
 * Two cases with the same name would write the same folder under out/: the first keeps it,
 * each later one fails with a message rather than silently overwriting the first's documents.
 */
function byOutputFolder(tasks: RenderTask[]): { unique: RenderTask[]; clashes: CaseOutcome[] } {
  const first = new Map<string, string>();
  const unique: RenderTask[] = [];
  const clashes: CaseOutcome[] = [];
  for (const task of tasks) {
    const { file } = task;
    const name = task.name ?? basename(file, extname(file));
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, file);
      unique.push(task);
      continue;
    }
    clashes.push({ file, name, form: null, ok: false, written: [], pages: 0, problems: [{
      severity: 'error', path: [], file,
      ja: `「${earlier}」と同じ名前のため、出力先のフォルダ「${name}」が重なります。`,
      en: `It has the same name as "${earlier}": both would be written to the folder "${name}".`,
      hint: { ja: 'どちらかのファイル名を変えてください。', en: 'Rename one of the two files.' },
    }] });
  }
  return { unique, clashes };
}

/** After a batch, the cases that failed once more, each with its first error: what to open next. */
function failedAgain(failed: Reported[], style: Style): string {
  if (failed.length === 0) return '';
  const head = style.paint.red(style.paint.bold(`失敗したケース / Failed cases (${failed.length}):`));
  return `\n${head}\n${failed.map((r) => caseReport(r, style, 'first-error')).join('\n')}\n\n`;
}

function summary(outcomes: CaseOutcome[], seconds: number, out: string): string[] {
  const total = outcomes.length;
  const failed = outcomes.filter((o) => !o.ok).length;
  const pages = outcomes.reduce((n, o) => n + o.pages, 0);
  const s = seconds.toFixed(1);
  const n = (x: number) => x.toLocaleString('en-US');
  return [`完了: ${n(total)} 件中 ${n(total - failed)} 件を作成、失敗 ${n(failed)} 件、${n(pages)} ページ、${s} 秒（出力先 ${out}）`,
    `Done: ${n(total - failed)} of ${n(total)} cases rendered, ${n(failed)} failed, ${n(pages)} pages, ${s} s (in ${out})`];
}

/** `render --json`: one object for the run, its cases in the order they were given. */
function renderJson(outcomes: CaseOutcome[], out: string, seconds: number) {
  const failed = outcomes.filter((o) => !o.ok).length;
  return {
    ok: failed === 0, out,
    cases: outcomes.map((o) => ({ case: o.name, file: shown(o.file), form: o.form, ok: o.ok, written: o.written.map(shown), pages: o.pages, ...problemsJson(o) })),
    rendered: outcomes.length - failed, failed,
    pages: outcomes.reduce((n, o) => n + o.pages, 0),
    seconds: Math.round(seconds * 100) / 100,
  };
}
