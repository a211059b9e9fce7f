// npm run bench (second part) — batch rendering: 1,000 mixed cases from every form, rendered by the
// CLI with --jobs 1 and with the default (one worker per core), and the warm time of one ruling
// application in a running process.
//
//   node bench/batch.mjs            1,000 cases
//   node bench/batch.mjs 200        another count
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures');
let line = (s) => process.stdout.write(`${s}\n`);

/** N case files cycling through every example case (every form), with the files they name beside them. */
function mixedCases(dir, n) {
  const all = readdirSync(FIXTURES);
  const cases = all.filter((f) => f.endsWith('.yaml')).sort();
  for (const f of all.filter((f) => !f.endsWith('.yaml') && /\.[a-z]+$/.test(f))) copyFileSync(join(FIXTURES, f), join(dir, f));
  for (let i = 0; i < n; i++) {
    const source = cases[i % cases.length];
    copyFileSync(join(FIXTURES, source), join(dir, `${String(i).padStart(4, '0')}-${source}`));
  }
  return cases;
}

/** CPU seconds used by this process's finished children (Linux: cutime + cstime, in clock ticks). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function renderRun(dir, out, jobs) {
  const args = [join(ROOT, 'bin/yoshiki.js'), 'render', dir, '-o', out, ...(jobs ? ['--jobs', String(jobs)] : [])];
  const cpuBefore = childCpuSeconds();
  const start = performance.now();
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  const cpu = childCpuSeconds() - cpuBefore;
  const done = /Done: ([\d,]+) of ([\d,]+) cases rendered, ([\d,]+) failed, ([\d,]+) pages/.exec(stdout);
  if (!done || done[3] !== '0') throw new Error(`batch run failed:\n${stdout.slice(-2000)}`);
  return { ms, cpu, cases: Number(done[2].replace(/,/g, '')), pages: Number(done[4].replace(/,/g, '')) };
}

/** One ruling case (every document, every format) rendered again and again in one warm process. */
async function warmApplication() {
  const { checkCase, renderDocuments, FORMATS } = await import('../dist/pipeline/pipeline.js');
  const file = join(FIXTURES, 'ruling-reprint.yaml');
  const once = async (formats) => {
    const start = performance.now();
    const checked = await checkCase(file, '2026-11-21');
    await renderDocuments(checked, formats);
    return performance.now() - start;
  };
  const median = async (formats) => {
    for (let i = 0; i < 10; i++) await once(formats);
    const times = [];
    for (let i = 0; i < 40; i++) times.push(await once(formats));
    return times.sort((a, b) => a - b)[20];
  };
  return { pdf: await median(['pdf']), all: await median(FORMATS) };
}

/** Prints its lines (to stdout, or through `print`) and returns what it measured, for bench/workload-batch.mjs. */
export async function batchBench(n = 1000, print = line) {
  line = print;
  const dir = mkdtempSync(join(tmpdir(), 'yoshiki-batch-'));
  try {
    const forms = mixedCases(dir, n);
    line('');
    line(`batch: ${n} cases cycling through ${forms.length} example cases (all forms), every document in every format, ${availableParallelism()} cores`);
    const one = renderRun(dir, join(dir, 'out-1'), 1);
    const all = renderRun(dir, join(dir, 'out-n'));
    // CPU time shows why the speed-up is below the core count: one worker already keeps V8's
    // collector and compiler threads busy on the other core, and two workers share the caches.
    const row = (label, r) => line(`  ${label.padEnd(22)} ${(r.ms / 1000).toFixed(1).padStart(6)} s   ${(r.cases / (r.ms / 1000)).toFixed(1).padStart(6)} cases/s   ${r.pages} pages   CPU ${r.cpu.toFixed(1)} s (${(r.cpu / (r.ms / 1000)).toFixed(2)} cores busy)`);
    row('--jobs 1', one);
    row(`default (${availableParallelism()} workers)`, all);
    line(`  speed-up ${(one.ms / all.ms).toFixed(2)}× (target ≥ 1.7× on 2 cores)`);
    const warm = await warmApplication();
    line(`warm ruling case, median of 40: application etc. as PDF ${warm.pdf.toFixed(1)} ms, every document in every format ${warm.all.toFixed(1)} ms (target < 50 ms)`);
    return { n, one, all, warm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1000);
  await batchBench(n);
}
