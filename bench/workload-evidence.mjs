// The evidence table (相当な努力の疎明資料) of a synthetic N-work ruling case (bench/synthetic.mjs), as a
// PDF, in-process: yoshiki from the case file; Typst, pdfme and headless Chromium from the rows
// yoshiki composed (bench/engines.mjs says what each is timed from). Each run is a child process
// of its own; the engines take turns run by run, so a change in the machine's load falls on all.
// Every PDF is read back (pdf.js): pages, text in order, 禁則 faults; yoshiki with a fault or a
// missing cell fails the bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, ENGINES, evidenceOf, missing } from './engines.mjs';
import { measure, median, readBack, ROOT } from './harness.mjs';
import { writeSyntheticCase } from './synthetic.mjs';

export const order = 10;

/** Targets of issue 20: yoshiki's time at 10,000 works, and how many times faster than each peer. */
const TARGETS = { seconds: { 10000: 1.2 }, typst: { 2000: 4, 10000: 4 }, pdfme: { 2000: 20 }, chromium: { 2000: 12 } };

export async function run({ runs, sizes = [2000, 10000], tmp, log, args }) {
  const rows = [];
  const allPeers = args.includes('--all-peers');
  for (const n of sizes) {
    const { file } = writeSyntheticCase(join(tmp, String(n)), n);
    const e = await evidenceOf(file);
    const engines = [];
    for (const engine of ENGINES) {
      if (!['yoshiki', 'typst'].includes(engine) && n > 2000 && !allPeers) continue;
      const why = await missing(engine);
      if (why) rows.push({ workload: `evidence PDF, ${n} works, in-process`, engine, note: `not run: ${why}` });
      else engines.push(engine);
    }
    const results = new Map(engines.map((engine) => [engine, []]));
    for (let i = 0; i < runs; i++)
      for (const engine of engines) {
        log(`  ${n} works, ${engine}, run ${i + 1} of ${runs}`);
        const m = measure(process.execPath, [join(ROOT, 'bench/engines.mjs'), engine, file, join(tmp, `${engine}-${n}.pdf`)]);
        // Chromium's own processes are children of the child: their CPU time is the child's, not its report's.
        results.get(engine).push({ seconds: m.report.seconds, cpu: engine === 'chromium' ? m.cpu : m.report.cpuSeconds, rssMb: m.rssMb });
      }
    const measured = new Map();
    for (const engine of engines) {
      const r = median(runs, (i) => results.get(engine)[i]);
      log(`  ${n} works, ${engine}: reading the PDF back`);
      const back = await readBack(readFileSync(join(tmp, `${engine}-${n}.pdf`)), e.table.rows);
      measured.set(engine, r);
      rows.push(engineRow(n, engine, r, back));
    }
    const y = measured.get('yoshiki');
    for (const [engine, r] of measured) {
      if (engine === 'yoshiki' || !y) continue;
      const want = TARGETS[engine][n];
      rows.push({ workload: `evidence PDF, ${n} works, in-process`, engine: `yoshiki vs ${engine}`,
        value: `${(r.seconds / y.seconds).toFixed(1)}× (CPU ${(r.cpu / y.cpu).toFixed(1)}×)`,
        ...(want ? { target: `≥ ${want}×`, met: r.seconds / y.seconds >= want } : {}) });
    }
  }
  return rows;
}

function engineRow(n, engine, r, back) {
  const row = { workload: `evidence PDF, ${n} works, in-process`, engine, seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb,
    pages: back.pages, kb: back.bytes / 1024, text: back.missing ? `${back.missing} of ${back.cells} cells missing` : 'complete',
    faults: back.faults.length };
  const notes = [];
  if (back.faults.length) notes.push(`禁則 faults such as ${back.faults.slice(0, 3).map((f) => `「${f.text}」`).join(' ')}`);
  if (back.lookalikes) notes.push(`its text layer gives ${back.lookalikes} characters as radical lookalikes (⺠ for 民): a search for them misses`);
  if (engine === 'chromium') notes.push(`${CHROMIUM}, launched before the clock starts; CPU and memory are those of all its processes`);
  if (notes.length) row.note = notes.join('; ');
  if (engine === 'yoshiki') {
    const want = TARGETS.seconds[n];
    if (want) Object.assign(row, { target: `< ${want} s`, met: r.seconds < want });
    const wrong = [back.faults.length && `${back.faults.length} 禁則 faults`, back.missing && `${back.missing} cells missing (${back.examples.join(' / ')})`].filter(Boolean);
    if (wrong.length) row.fail = wrong.join(', ');
  }
  return row;
}
