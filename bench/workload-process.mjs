// Whole processes, what a clerk waits for: `yoshiki render <case> --format pdf` (every paper of the
// case as a PDF: the evidence table, the application, the cover letter, the checklist and the
// bound submission) against a script that makes the evidence table alone from the same CSV with
// Typst or pdfme (bench/peer-scripts.mjs); and a cold `yoshiki render` of one ruling case.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceOf, missing, typstSource, typstString } from './engines.mjs';
import { measure, median, ROOT } from './harness.mjs';
import { writeSyntheticCase } from './synthetic.mjs';

export const order = 20;

const TARGETS = { typst: { 2000: 2, 10000: 3.5 }, pdfme: { 2000: 15 } };
const COLD_TARGET = 0.5;

export async function run({ runs, sizes = [2000, 10000], tmp, log, args }) {
  const rows = [];
  for (const n of sizes) {
    const dir = join(tmp, String(n));
    const { file } = writeSyntheticCase(dir, n);
    const e = await evidenceOf(file);
    const notice = e.table.rows[0][6];
    writeFileSync(join(dir, 'evidence.json'), JSON.stringify({ title: e.title, applicant: e.applicant, widths: e.widths, size: e.size, headers: e.headers, notice }));
    writeFileSync(join(dir, 'evidence.typ'), typstSource(e, `csv("works.csv", row-type: dictionary).enumerate().map(((i, w)) => (str(i + 1),
  w.title, w.author, w.directory_or_web, w.management_bodies, w.expert_bodies, ${typstString(notice)}))`));
    const commands = { yoshiki: [join(ROOT, 'bin/yoshiki.js'), 'render', file, '--format', 'pdf', '-o', join(tmp, `out-${n}`)] };
    for (const peer of ['typst', 'pdfme']) {
      if (peer === 'pdfme' && n > 2000 && !args.includes('--all-peers')) continue;
      const why = await missing(peer);
      if (why) rows.push({ workload: `whole process, ${n} works`, engine: `${peer} script`, note: `not run: ${why}` });
      else commands[peer] = [join(ROOT, 'bench/peer-scripts.mjs'), peer, dir, join(tmp, `${peer}-${n}.pdf`)];
    }
    const results = new Map(Object.keys(commands).map((k) => [k, []]));
    for (let i = 0; i < runs; i++)
      for (const [engine, argv] of Object.entries(commands)) {
        log(`  whole process, ${n} works, ${engine}, run ${i + 1} of ${runs}`);
        const m = measure(process.execPath, argv);
        results.get(engine).push({ seconds: m.wall, cpu: m.cpu, rssMb: m.rssMb });
      }
    const measured = new Map([...results].map(([engine, all]) => [engine, median(runs, (i) => all[i])]));
    const y = measured.get('yoshiki');
    for (const [engine, r] of measured)
      rows.push({ workload: `whole process, ${n} works`, engine: engine === 'yoshiki' ? 'yoshiki render --format pdf' : `${engine} script`,
        seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb });
    for (const [engine, r] of measured) {
      if (engine === 'yoshiki') continue;
      const want = TARGETS[engine][n];
      rows.push({ workload: `whole process, ${n} works`, engine: `yoshiki vs ${engine}`,
        value: `${(r.seconds / y.seconds).toFixed(1)}× (CPU ${(r.cpu / y.cpu).toFixed(1)}×)`,
        ...(want ? { target: `≥ ${want}×`, met: r.seconds / y.seconds >= want } : {}) });
    }
  }
  rows.push(...cold(runs, tmp, log));
  return rows;
}

/**
 * One ruling case from the examples, PDF only, in a new process each run (what a clerk's first
 * command costs), with yoshiki's cache folder (src/base/cache.ts: V8's code cache of the bundle,
 * the templates parsed and compiled) of the bench's own: empty for each run (the first command
 * after an install or a build), and kept from a first run (every command after it).
 */
function cold(runs, tmp, log) {
  const dir = join(tmp, 'cold');
  cpSync(join(ROOT, 'fixtures'), dir, { recursive: true });
  const argv = [join(ROOT, 'bin/yoshiki.js'), 'render', join(dir, 'ruling-reprint.yaml'), '--format', 'pdf', '-o', join(tmp, 'cold-out')];
  const once = (label, cache) => (i) => {
    log(`  cold render of one ruling case, ${label}, run ${i + 1} of ${runs}`);
    const m = measure(process.execPath, argv, { env: { YOSHIKI_CACHE: cache(i) } });
    return { seconds: m.wall, cpu: m.cpu, rssMb: m.rssMb };
  };
  const first = median(runs, once('empty cache', (i) => join(tmp, `cold-cache-${i}`)));
  measure(process.execPath, argv, { env: { YOSHIKI_CACHE: join(tmp, 'cold-cache') } });
  const kept = median(runs, once('cache kept', () => join(tmp, 'cold-cache')));
  const row = (workload, r, target) => ({ workload, engine: 'yoshiki render --format pdf', seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb,
    ...(target ? { target: `< ${COLD_TARGET} s`, met: r.seconds < COLD_TARGET } : {}) });
  return [row('cold render, one ruling case, PDF only, empty cache', first), row('cold render, one ruling case, PDF only', kept, true)];
}
