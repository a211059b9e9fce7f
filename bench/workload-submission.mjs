// The whole submission at scale, what a clerk runs: `yoshiki render bulk.yaml` (every paper in every
// format: PDF, DOCX, CSV, TXT and the bound submission) of a ruling case whose works are a CSV in
// CP932, as Excel saves it (bench/synthetic.mjs writes the rows), at 10,000 works, and at 100,000
// to show the time grows in step with the works and the memory stays bounded; and the DOCX alone
// at 10,000; and at 10,000 the same render in one thread (YOSHIKI_SIDE_THREAD=0), taking turns with
// it. Each run is a process of its own (bench/harness.mjs measures its wall and CPU time and
// peak memory). `npm run bench -- --only submission`, or alone: `node bench/workload-submission.mjs [N…]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { measure, median, ROOT, runAlone } from './harness.mjs';
import { syntheticCaseYaml, syntheticCsv, syntheticWorks } from './synthetic.mjs';

export const order = 30;

const TARGETS = { 10000: { seconds: 6, mb: 600 }, 100000: { seconds: 90, mb: 2048 } };

/** bulk.yaml and works.csv (CP932) for n works in dir. */
function writeCase(dir, n) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'works.csv'), iconv.encode(syntheticCsv(syntheticWorks(n)), 'cp932'));
  writeFileSync(join(dir, 'bulk.yaml'), syntheticCaseYaml('works.csv'));
  return join(dir, 'bulk.yaml');
}

/** `env`: YOSHIKI_SIDE_THREAD=0 renders the other formats in the main thread after the PDFs, as before issue 20's second thread. */
function render(file, out, formats, env) {
  const m = measure(process.execPath, [join(ROOT, 'bin/yoshiki.js'), 'render', file, '-o', out, ...(formats ? ['--format', formats] : [])], { env });
  return { seconds: m.wall, cpu: m.cpu, rssMb: m.rssMb };
}

export async function run({ runs, sizes = [10000, 100000], tmp, log }) {
  const rows = [];
  const measured = new Map();
  for (const n of sizes) {
    const file = writeCase(join(tmp, String(n)), n);
    // 100,000 works take minutes a run: one run, said in the row.
    const times = n > 20000 ? 1 : runs;
    // At 10,000 works the same render in one thread takes turns with it, so the load falls on both alike.
    const oneThread = [];
    const r = median(times, (i) => {
      log(`  whole submission, ${n} works, run ${i + 1} of ${times}`);
      if (n === 10000) oneThread.push(render(file, join(tmp, `out-one-${n}`), undefined, { YOSHIKI_SIDE_THREAD: '0' }));
      return render(file, join(tmp, `out-${n}`));
    });
    measured.set(n, r);
    const want = TARGETS[n];
    rows.push({ workload: `whole submission, all formats, ${n} works`, engine: 'yoshiki render', seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb,
      ...(want ? { target: `< ${want.seconds} s, < ${want.mb} MB`, met: r.seconds < want.seconds && r.rssMb < want.mb } : {}),
      ...(times === 1 ? { note: `${n} works: one run` } : {}) });
    if (oneThread.length) {
      const one = median(oneThread.length, (i) => oneThread[i]);
      rows.push({ workload: `whole submission, all formats, ${n} works`, engine: 'yoshiki render, one thread', seconds: one.seconds, cpu: one.cpu, rssMb: one.rssMb,
        value: `${(one.seconds / r.seconds).toFixed(2)}× the wall, ${(one.cpu / r.cpu).toFixed(2)}× the CPU of the default` });
    }
    if (n === 10000) {
      log('  the DOCX alone, 10000 works');
      const d = render(file, join(tmp, 'out-docx'), 'docx');
      rows.push({ workload: 'the DOCX alone, 10000 works', engine: 'yoshiki render --format docx', seconds: d.seconds, cpu: d.cpu, rssMb: d.rssMb });
    }
  }
  const small = measured.get(10000);
  const large = measured.get(100000);
  // Linear: ten times the works in at most about ten times the CPU (start-up is paid once, so a little less).
  if (small && large)
    rows.push({ workload: 'whole submission, 100000 vs 10000 works', engine: 'yoshiki render', value: `${(large.cpu / small.cpu).toFixed(1)}× the CPU time`,
      target: '≤ 11× (linear)', met: large.cpu / small.cpu <= 11 });
  return rows;
}

await runAlone(import.meta.url, 'submission', run);
