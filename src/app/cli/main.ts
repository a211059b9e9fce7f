/**
 * yoshiki's command line. Exit status: 0 all good; 1 a case was invalid or failed; 2 bad usage.
 * A user never sees a stack trace: an unexpected exception is reported as a fault of yoshiki.
 * The commands and their options are declared in commands.ts (parsing and --help both read it);
 * the work is the library's (src/pipeline/api.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FORM_IDS, loadForm } from '../../forms/registry.js';
import { forms as formList, schema as formSchema, unknownFormText } from '../../pipeline/api.js';
import { todayIso } from '../../base/format.js';
import { checkCommand, renderCommand, type CaseIO } from './cases.js';
import { commandHelp, commandNamed, COMMANDS, nearest, overallHelp, parseCommand, UsageError, type CommandSpec, type Parsed } from './commands.js';
import { hasStarter, starter, writeWithSchema } from './starters.js';
import { hanging, styleOf, type Output } from './terminal.js';

/**
 * Where the command line reads and writes. bin/yoshiki.js gives the process's streams; the tests
 * run the command in their own process (a spawned one costs 1.5–2 s, mostly loading fontkit) and
 * give writers that collect the text, and a case as standard input. Nothing else differs: paths
 * are still relative to process.cwd().
 */
export interface CliIO extends CaseIO {
  stdout: Output;
  stderr: Output;
}

const processIO = (): CliIO => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

/** Runs the command; an exception yoshiki did not expect is reported as its own fault, exit 1. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    io.stderr.write(`yoshiki の内部エラーです / Internal error in yoshiki: ${(e as { message?: unknown } | null)?.message ?? e}\n`);
    return 1;
  }
}

const RUN: Record<string, (spec: CommandSpec, parsed: Parsed, io: CliIO) => number | Promise<number>> = {
  render: renderCommand,
  check: checkCommand,
  open: preview,
  preview,
  new: newCase,
  forms,
  schema,
};

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  const help = (text: string, status = 0) => (io.stdout.write(text), status);
  try {
    if (command === '--version' || command === '-v') return help(`yoshiki ${version()}\n`);
    if (command === undefined) return help(overallHelp(styleOf(io.stdout, io.env)), 2);
    if (command === '-h' || command === '--help' || command === 'help') {
      const spec = commandNamed(rest[0] ?? '');
      return help(spec ? commandHelp(spec, styleOf(io.stdout, io.env)) : overallHelp(styleOf(io.stdout, io.env)));
    }
    const spec = commandNamed(command);
    if (!spec) throw unknownCommand(command);
    // --help anywhere before "--" asks for help, whatever else the line holds.
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) return help(commandHelp(spec, styleOf(io.stdout, io.env)));
    return await RUN[spec.name](spec, parseCommand(spec, rest), io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const style = styleOf(io.stderr, io.env);
    const [first, ...more] = e.message.split('\n');
    const seeHelp = e.command ? `yoshiki ${e.command.name} --help で使い方を確かめてください。 / See yoshiki ${e.command.name} --help.` : '';
    io.stderr.write(`${[hanging(style.paint.red('✗ '), first, style), ...more.map((l) => hanging('  ', l, style))].join('\n')}\n`
      + (e.command ? `${hanging('  ', seeHelp, style)}\n` : `\n${overallHelp(style)}`));
    return 2;
  }
}

/** The version of the installed package (its package.json, two folders above both src/app/cli and dist/app/cli). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function unknownCommand(command: string): UsageError {
  const guess = nearest(command, COMMANDS.map((c) => c.name));
  return new UsageError(`「${command}」というコマンドはありません。 / Unknown command "${command}".`
    + (guess ? `\n「${guess}」ではありませんか。 / Did you mean ${guess}?` : ''));
}

const nameAForm = (spec: CommandSpec) =>
  new UsageError(`書類（form）を指定してください: ${FORM_IDS.join(', ')} / Name a form.`, spec);

/** Prints (or writes, never over an existing file) a starter case that checks and renders as it is. */
async function newCase(spec: CommandSpec, { values, positionals }: Parsed, io: CliIO): Promise<number> {
  const [form] = positionals;
  if (!form) throw nameAForm(spec);
  if (!hasStarter(form)) throw new UsageError(unknownFormText(form), spec);
  const text = starter(form, todayIso());
  const out = values.out as string | undefined;
  if (!out) {
    io.stdout.write(text);
    return 0;
  }
  if (existsSync(out)) throw new UsageError(`「${out}」はすでにあります。上書きはしません。 / "${out}" exists: it is never overwritten.`, spec);
  const schemaFile = join(dirname(out), `${form}.schema.json`);
  const withSchema = writeWithSchema(out, text, form, (await loadForm(form))!.schema);
  if (values.quiet) return 0;
  io.stdout.write(`${out} を作りました。 / Wrote ${out}.\n  yoshiki open ${out}\n`);
  io.stdout.write(withSchema ? `${schemaFile}: エディタ用のスキーマ / the schema for editors\n`
    : `「${schemaFile}」は yoshiki のものではないため、スキーマを書きませんでした。 / "${schemaFile}" is not yoshiki's: no schema written.\n`);
  return 0;
}

async function forms(_spec: CommandSpec, { values }: Parsed, io: CliIO): Promise<number> {
  const list = await formList();
  if (values.json) {
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const { paint } = styleOf(io.stdout, io.env);
  for (const f of list) {
    io.stdout.write(`${paint.bold(f.id)}\t${f.title.ja} / ${f.title.en}\n`);
    for (const d of f.documents) io.stdout.write(`  ${d.name}\t${d.about}\t${d.formats.join(', ')}\n`);
  }
  return 0;
}

async function schema(spec: CommandSpec, { positionals }: Parsed, io: CliIO): Promise<number> {
  const [form] = positionals;
  if (!form) throw nameAForm(spec);
  let json: Record<string, unknown>;
  try {
    json = await formSchema(form);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message, spec);
    throw e;
  }
  io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  return 0;
}

/**
 * `yoshiki open [case.yaml]` (`preview` is the same): serves the editor until Ctrl-C; the exit is
 * clean (server, watcher and connections closed). A port in use is said, exit 1, nothing left running.
 */
async function preview(spec: CommandSpec, { values, positionals }: Parsed, io: CliIO): Promise<number> {
  const [file] = positionals;
  if (positionals.length > 1) throw new UsageError('ケースファイルは1つだけ指定してください。 / Give one case file at most.', spec);
  if (file === '-') throw new UsageError('編集するのはファイルです。標準入力ではなくファイルを指定してください。 / The editor works on a file: name one, not standard input.', spec);
  if (file !== undefined && !existsSync(file)) throw new UsageError(`「${file}」が見つかりません。 / "${file}" does not exist.`, spec);
  const port = Number(values.port ?? '4649');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port は 0～65535 の数です。 / --port is a number from 0 to 65535.', spec);
  const { startPreview, PortInUse } = await import('../preview/server.js');
  let server;
  try {
    server = await startPreview(file ?? null, port, (line) => io.stdout.write(`${line}\n`));
  } catch (e) {
    if (!(e instanceof PortInUse)) throw e;
    const { paint } = styleOf(io.stderr, io.env);
    io.stderr.write(`${paint.red('✗')} ポート ${port} はほかのプログラムが使っています。--port で別の番号を指定してください（--port 0 は空いている番号）。\n`
      + `  Port ${port} is in use by another program: choose another with --port (--port 0 picks a free one).\n`);
    return 1;
  }
  io.stdout.write(`編集画面 / Editor: ${server.url}\n  （このアドレスだけが開けます。Ctrl-C で終了 / only this address opens it; Ctrl-C to stop）\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stdout.write('編集画面を終了しました。 / Preview stopped.\n');
  return 0;
}
