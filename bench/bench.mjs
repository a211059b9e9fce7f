// npm run bench — runs every workload of bench/ and prints one table, with each target and whether
// it is met. The peers (Typst, pdfme, headless Chromium) run in the same run, beside yoshiki, on
// the same rows; a peer that is not installed is reported as missing and the bench goes on.
//
//   npm run bench                         every workload at its own sizes
//   npm run bench -- --only evidence,cold the workloads whose names are given
//   npm run bench -- --runs 5             runs per measurement (default 3; the median is reported)
//   npm run bench -- 500 2000             other sizes, for the workloads that take sizes
//
// THE CONVENTION. A workload is a module bench/workload-<name>.mjs that exports
//
//   export const order = 20;                  // optional: its rows' place in the table (lower first)
//   export async function run(options) { … }  // → Promise<Row[]>
//
// options: { runs, sizes (undefined: the workload's own), tmp (a fresh directory of its own, removed
// afterwards), args (the command line), log(text) (progress, to stderr) }. bench/harness.mjs has
// what workloads share: measure() runs a command as a child and gives wall and CPU seconds and
// peak memory, median() the median of runs, readBack() a PDF's pages, text completeness and 禁則
// faults (pdf.js).
//
// A Row is { workload, engine?, seconds?, cpu?, rssMb?, pages?, kb?, text?, faults?, value?,
// target?, met?, note?, fail? }: `seconds` the median wall time, `cpu` its CPU seconds, `text`
// 'complete' or what is missing, `faults` the 禁則 faults read back, `value` a result that is not
// a time (a ratio: '4.3×'), `met` true/false against `target`. A row with `fail` (a reason) fails
// the bench: it exits 1 after printing the table — yoshiki showing a 禁則 fault or text missing.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

function options(argv) {
  const valueOf = (flag) => (argv.indexOf(flag) >= 0 ? argv[argv.indexOf(flag) + 1] : undefined);
  const sizes = argv.filter((a, i) => /^\d+$/.test(a) && !['--runs'].includes(argv[i - 1])).map(Number);
  return {
    runs: Number(valueOf('--runs') ?? 3),
    sizes: sizes.length ? sizes : undefined,
    only: valueOf('--only')?.split(','),
    args: argv,
  };
}

async function workloads(only) {
  const names = readdirSync(HERE).filter((f) => /^workload-[\w-]+\.mjs$/.test(f)).sort();
  const loaded = [];
  for (const file of names) {
    const name = file.slice('workload-'.length, -'.mjs'.length);
    if (only && !only.includes(name)) continue;
    loaded.push({ name, ...(await import(pathToFileURL(join(HERE, file)).href)) });
  }
  return loaded.sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
}

/** Columns of the table: heading and how a row shows it. */
const COLUMNS = [
  ['workload', (r) => r.workload],
  ['engine', (r) => r.engine ?? ''],
  ['time s', (r) => (r.seconds === undefined ? '' : r.seconds.toFixed(2))],
  ['CPU s', (r) => (r.cpu === undefined ? '' : r.cpu.toFixed(2))],
  ['peak MB', (r) => (r.rssMb === undefined ? '' : r.rssMb.toFixed(0))],
  ['pages', (r) => (r.pages === undefined ? '' : String(r.pages))],
  ['PDF KB', (r) => (r.kb === undefined ? '' : r.kb.toFixed(0))],
  ['text', (r) => r.text ?? ''],
  ['禁則', (r) => (r.faults === undefined ? '' : String(r.faults))],
  ['result', (r) => r.value ?? ''],
  ['target', (r) => r.target ?? ''],
  ['met', (r) => (r.met === undefined ? '' : r.met ? 'yes' : 'NO')],
];
const NUMERIC = new Set(['time s', 'CPU s', 'peak MB', 'pages', 'PDF KB', '禁則']);

/** Columns on a terminal: CJK and full-width characters take two. */
const width = (s) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1), 0);
const pad = (s, w, right) => (right ? ' '.repeat(w - width(s)) + s : s + ' '.repeat(w - width(s)));

export function formatTable(rows) {
  const cells = rows.map((r) => COLUMNS.map(([, show]) => show(r)));
  const used = COLUMNS.map((_, c) => c < 2 || cells.some((row) => row[c] !== ''));
  const widths = COLUMNS.map(([h], c) => Math.max(width(h), ...cells.map((row) => width(row[c]))));
  const line = (values) => `| ${values.map((v, c) => pad(v, widths[c], NUMERIC.has(COLUMNS[c][0]))).filter((_, c) => used[c]).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (NUMERIC.has(COLUMNS[c][0]) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).filter((_, c) => used[c]).join('|')}|`;
  return [line(COLUMNS.map(([h]) => h)), rule, ...cells.map(line)].join('\n');
}

async function main(argv) {
  const opts = options(argv);
  const log = (s) => process.stderr.write(`${s}\n`);
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  const header = `node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${load()} at the start`;
  log(header);
  const rows = [];
  for (const w of await workloads(opts.only)) {
    const tmp = mkdtempSync(join(tmpdir(), `yoshiki-bench-${w.name}-`));
    log(`— ${w.name}`);
    try {
      rows.push(...(await w.run({ ...opts, tmp, log })));
    } catch (e) {
      rows.push({ workload: w.name, fail: `the workload failed: ${e.message.split('\n')[0]}` });
      log(e.stack);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const out = (s) => process.stdout.write(`${s}\n`);
  out(header);
  out(`medians of ${opts.runs} runs; load ${load()} at the end`);
  out('');
  out(formatTable(rows));
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.workload}${r.engine ? ` (${r.engine})` : ''}: ${r.note}`);
  if (notes.length) out(`\n${notes.join('\n')}`);
  const failed = rows.filter((r) => r.fail);
  if (failed.length) {
    out(`\nTHE BENCH FAILS:\n${failed.map((r) => `- ${r.workload}${r.engine ? ` (${r.engine})` : ''}: ${r.fail}`).join('\n')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
