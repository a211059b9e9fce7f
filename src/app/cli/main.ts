/**
 * yoshiki's command line. Exit status: 0 all good; 1 a case was invalid or failed; 2 bad usage.
 * A user never sees a stack trace: an unexpected exception is reported as a fault of yoshiki.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { internalProblem } from '../../base/problem.js';
import { DEFAULT_FORMATS } from '../../forms/kit/plugin.js';
import { FORMS } from '../../forms/registry.js';
import { checkCase, FORMATS, type CaseResult, type Format } from '../../pipeline/pipeline.js';
import { Session } from '../../pipeline/session.js';
import { hasStarter, starter, writeWithSchema } from './starters.js';
import { editorSchema } from '../../input/json-schema.js';
import { todayIso } from '../../base/format.js';
import { defaultJobs, renderAll } from '../batch/pool.js';
import type { CaseOutcome } from '../batch/job.js';
import { progress, type Output } from './progress.js';
import { caseReport, isEnglish, problemJson, warningJson } from './report.js';

const USAGE = `yoshiki — 様式: case files to paperwork

使い方 / Usage:
  yoshiki render <case.yaml | dir>... [-o out] [--format pdf,docx,csv,xlsx,txt] [--jobs N] [--font file]...
  yoshiki check <case.yaml | dir>... [--json] [--font file]...
  yoshiki preview <case.yaml> [--port 4649]
  yoshiki new <form> [-o case.yaml]
  yoshiki forms
  yoshiki schema <form>
`;

class UsageError extends Error {}

/**
 * Where the command line writes. bin/yoshiki.js gives the process's streams; the tests run the
 * command in their own process (a spawned one costs 1.5–2 s, mostly loading fontkit) and give
 * writers that collect the text. Nothing else differs: paths are still relative to process.cwd().
 */
export interface CliIO {
  stdout: Output;
  stderr: Output;
}

const processIO = (): CliIO => ({ stdout: process.stdout, stderr: process.stderr });

/** Runs the command; an exception yoshiki did not expect is reported as its own fault, exit 1. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    io.stderr.write(`yoshiki の内部エラーです / Internal error in yoshiki: ${(e as { message?: unknown } | null)?.message ?? e}\n`);
    return 1;
  }
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'render': return await render(rest, io);
      case 'check': return await check(rest, io);
      case 'forms': return forms(io);
      case 'schema': return schema(rest, io);
      case 'preview': return await preview(rest, io);
      case 'new': return newCase(rest, io);
      case undefined: case '-h': case '--help': case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`「${command}」というコマンドはありません。 / Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

function caseFiles(inputs: string[]): string[] {
  if (inputs.length === 0) throw new UsageError('ケースファイルかフォルダを指定してください。 / Give case files or folders.');
  return inputs.flatMap((input) => {
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

async function render(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    out: { type: 'string', short: 'o', default: 'out' },
    format: { type: 'string', default: FORMATS.join(',') },
    jobs: { type: 'string', short: 'j' },
    font: { type: 'string', multiple: true, default: [] },
  } });
  const formats = values.format.split(',').map((f) => f.trim()) as Format[];
  const bad = formats.filter((f) => !FORMATS.includes(f));
  if (bad.length) throw new UsageError(`知らない形式です: ${bad.join(', ')} / Unknown format: ${bad.join(', ')} (${FORMATS.join(', ')})`);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs は 1 以上の整数です。 / --jobs is a whole number of 1 or more.');

  const started = performance.now();
  const files = caseFiles(positionals);
  const { unique, clashes } = byOutputFolder(files);
  const today = todayIso();
  // Listing every written file helps with a few cases; with hundreds the summary says where they are.
  const listWritten = files.length <= 20;
  const bar = progress(files.length, io.stdout);
  let failed = 0;
  let pages = 0;
  const finished = (o: CaseOutcome) => {
    if (!o.ok) failed++;
    pages += o.pages;
    const written = listWritten ? o.written.map((w) => `\n    → ${relative(process.cwd(), w)}`).join('') : '';
    bar.done(caseReport(o) + written);
  };
  clashes.forEach(finished);
  const fonts = values.font.map((f) => resolve(f));
  await renderAll(unique.map((file) => ({ file, out: values.out, formats, today, fonts })), jobs, finished, new Session());
  bar.stop();
  if (files.length > 1) io.stdout.write(`${summary(files.length, failed, pages, performance.now() - started, values.out)}\n`);
  return failed ? 1 : 0;
}

/**
 * Two cases with the same file name would write the same folder under out/: the first keeps it,
 * each later one fails with a message rather than silently overwriting the first's documents.
 */
function byOutputFolder(files: string[]): { unique: string[]; clashes: CaseOutcome[] } {
  const first = new Map<string, string>();
  const unique: string[] = [];
  const clashes: CaseOutcome[] = [];
  for (const file of files) {
    const name = basename(file, extname(file));
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, file);
      unique.push(file);
      continue;
    }
    clashes.push({ file, form: null, ok: false, written: [], pages: 0, problems: [{
      severity: 'error', path: [], file,
      ja: `「${earlier}」と同じ名前のため、出力先のフォルダ「${name}」が重なります。`,
      en: `It has the same name as "${earlier}": both would be written to the folder "${name}".`,
      hint: { ja: 'どちらかのファイル名を変えてください。', en: 'Rename one of the two files.' },
    }] });
  }
  return { unique, clashes };
}

function summary(total: number, failed: number, pages: number, ms: number, out: string): string {
  const seconds = (ms / 1000).toFixed(1);
  const n = (x: number) => x.toLocaleString('en-US');
  return `完了: ${n(total)} 件中 ${n(total - failed)} 件を作成、失敗 ${n(failed)} 件、${n(pages)} ページ、${seconds} 秒（出力先 ${out}）\n`
    + `Done: ${n(total - failed)} of ${n(total)} cases rendered, ${n(failed)} failed, ${n(pages)} pages, ${seconds} s (in ${out})`;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, font: { type: 'string', multiple: true, default: [] } } });
  const fonts = values.font.map((f) => resolve(f));
  let failed = 0;
  const session = new Session();
  for (const file of caseFiles(positionals)) {
    const result = await safely(file, () => checkCase(file, todayIso(), { fonts, session }));
    if (!result.ok) failed++;
    if (values.json) {
      const en = isEnglish(result);
      io.stdout.write(`${JSON.stringify({
        case: result.name, form: result.form, ok: result.ok,
        errors: result.problems.filter((p) => p.severity === 'error').map((p) => problemJson(p, en)),
        warnings: result.problems.filter((p) => p.severity === 'warning').map((p) => warningJson(p, en)),
        settled: result.settled ?? [],
        facts: result.facts,
        documents: result.documents.map((d) => d.name),
      })}\n`);
    } else io.stdout.write(`${caseReport(result)}\n`);
  }
  return failed ? 1 : 0;
}

/** Prints (or writes, never over an existing file) a starter case that checks and renders as it is. */
function newCase(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' } } });
  const [form] = positionals;
  if (!form || !FORMS[form] || !hasStarter(form))
    throw new UsageError(`form を指定してください: ${Object.keys(FORMS).join(', ')} / Name a form.`);
  const text = starter(form, todayIso());
  if (!values.out) {
    io.stdout.write(text);
    return 0;
  }
  if (existsSync(values.out))
    throw new UsageError(`「${values.out}」はすでにあります。上書きはしません。 / "${values.out}" exists: it is never overwritten.`);
  const schemaFile = join(dirname(values.out), `${form}.schema.json`);
  const withSchema = writeWithSchema(values.out, text, form, FORMS[form].schema);
  io.stdout.write(`${values.out} を作りました。 / Wrote ${values.out}.\n  yoshiki preview ${values.out}\n`);
  io.stdout.write(withSchema ? `${schemaFile}: エディタ用のスキーマ / the schema for editors\n`
    : `「${schemaFile}」は yoshiki のものではないため、スキーマを書きませんでした。 / "${schemaFile}" is not yoshiki's: no schema written.\n`);
  return 0;
}

function forms(io: CliIO): number {
  for (const f of Object.values(FORMS)) {
    io.stdout.write(`${f.id}\t${f.title.ja} / ${f.title.en}\n`);
    for (const d of f.documents) io.stdout.write(`  ${d.name}\t${d.about}\t${(d.formats ?? DEFAULT_FORMATS).join(', ')}\n`);
  }
  return 0;
}

/** Serves the live preview until Ctrl-C; the exit is clean (server, watcher and connections closed). */
async function preview(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string', default: '4649' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('ケースファイルを1つ指定してください。 / Give one case file.');
  if (!existsSync(file)) throw new UsageError(`「${file}」が見つかりません。 / "${file}" does not exist.`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port は 0～65535 の数です。 / --port is a number from 0 to 65535.`);
  const { startPreview } = await import('../preview/server.js');
  let server;
  try {
    server = await startPreview(file, port, (line) => io.stdout.write(`${line}\n`));
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    throw new UsageError(`ポート ${port} は使用中です。--port で別の番号を指定してください。 / Port ${port} is in use: choose another with --port.`);
  }
  io.stdout.write(`プレビュー / Preview: ${server.url}  （Ctrl-C で終了 / Ctrl-C to stop）\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stdout.write('プレビューを終了しました。 / Preview stopped.\n');
  return 0;
}

function schema(args: string[], io: CliIO): number {
  const form = FORMS[args[0] ?? ''];
  if (!form) throw new UsageError(`form を指定してください: ${Object.keys(FORMS).join(', ')} / Name a form.`);
  io.stdout.write(`${JSON.stringify(editorSchema(form.schema, form.id), null, 2)}\n`);
  return 0;
}

/** A case whose checking throws is a bug in yoshiki: say so, and go on with the next case. */
async function safely(file: string, run: () => Promise<CaseResult>): Promise<CaseResult> {
  try {
    return await run();
  } catch (e) {
    return { file, name: file, form: null, ok: false, problems: [internalProblem(file, e)], facts: {}, documents: [] };
  }
}

