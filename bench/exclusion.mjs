// npm run bench (third part) — filling the NDL's list (送信候補資料リスト) for a transmission-exclusion
// request: a 30,000-row XLSX list and 40 items spread over it, timed from the case file to the
// filled copy in memory (reading the list, checking, filling). Each run is its own child process so
// that its peak memory (max RSS) is its own; the median run by time is reported, the peak memory of all.
//
//   node bench/exclusion.mjs            30,000 rows, 40 items, 3 runs
//   node bench/exclusion.mjs 10000 20 1 other sizes (rows, items, runs)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateRows, candidateXlsx, pidOf } from '../scripts/candidate-list.mjs';

const line = (s) => process.stdout.write(`${s}\n`);

/** The list and a case naming `items` of its rows, evenly spread, on the grounds a publisher gives. */
async function writeListCase(dir, rows, items) {
  writeFileSync(join(dir, 'list.xlsx'), await candidateXlsx(candidateRows(rows)));
  const step = Math.floor(rows / items);
  const entries = Array.from({ length: items }, (_, k) => (k % 2 === 0
    ? `  - pid: ${pidOf(k * step)}\n    criterion: managed\n    managed_by: 〇〇著作権管理機構\n`
    : `  - pid: ${pidOf(k * step)}\n    criterion: in-print\n    evidence: オンデマンド版を販売中 ${k}\n`)).join('');
  const file = join(dir, 'case.yaml');
  writeFileSync(file, 'form: transmission-exclusion\ndate: 2026-11-20\nstage: post\nrequester:\n  role: publisher\n  name: 株式会社〇〇書房\n'
    + `  email: rights@example.co.jp\ncandidate_list:\n  file: list.xlsx\nitems:\n${entries}`);
  return file;
}

async function child(caseFile) {
  const { checkCase, renderDocuments } = await import('../dist/pipeline/pipeline.js');
  const start = performance.now();
  const checked = await checkCase(caseFile, '2026-11-21');
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.filter((p) => p.severity === 'error').slice(0, 3)));
  const filled = checked.documents.find((d) => d.kind === 'filledSheet');
  const [file] = await renderDocuments({ ...checked, documents: [filled] }, ['xlsx']);
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes: file.bytes.length, cells: checked.facts.list.cells_filled }));
}

function runOnce(caseFile) {
  return JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', caseFile],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] }));
}

export async function exclusionBench(rows = 30_000, items = 40, runs = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'yoshiki-exclusion-'));
  try {
    const file = await writeListCase(dir, rows, items);
    const all = Array.from({ length: runs }, () => runOnce(file)).sort((a, b) => a.ms - b.ms);
    const median = all[Math.floor(all.length / 2)];
    const peak = Math.max(...all.map((r) => r.rssMb));
    line('');
    line(`exclusion list: ${rows.toLocaleString('en')}-row XLSX, ${items} items (${median.cells} cells filled), median of ${runs} runs`);
    line(`  ${(median.ms / 1000).toFixed(2)} s (target < 5 s), peak RSS ${peak.toFixed(0)} MB (target < 400 MB), filled list ${(median.bytes / 1024).toFixed(0)} KB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const main = process.argv[1] === fileURLToPath(import.meta.url);
if (main && process.argv[2] === '--child') await child(process.argv[3]);
else if (main) {
  const [rows, items, runs] = process.argv.slice(2).map(Number);
  await exclusionBench(rows || 30_000, items || 40, runs || 3);
}
