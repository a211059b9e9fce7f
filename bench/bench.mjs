// npm run bench — the evidence table (相当な努力の疎明資料) of a deterministic N-work case, rendered
// by yoshiki and, in the same run, by pdfme (table plugin, same rows, font, size and page).
// Each run is its own child process so that its peak memory (max RSS) is its own.
//
//   npm run bench                    2,000 works (both) and 10,000 works (yoshiki)
//   npm run bench -- 500 2000        chosen sizes
//   npm run bench -- --pdfme-all     pdfme at every size too (10,000 works takes minutes)
//   npm run bench -- --runs 5        runs per engine and size (default 3); the median is reported,
//                                    since a shared 2-core machine is noisy and both engines suffer alike
//   npm run bench -- --no-batch      without the batch part (bench/batch.mjs: 1,000 mixed cases)
//   npm run bench -- --no-exclusion  without the NDL-list part (bench/exclusion.mjs: 30,000 rows, 40 items)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchBench } from './batch.mjs';
import { exclusionBench } from './exclusion.mjs';
import { writeSyntheticCase } from './synthetic.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FONT = join(HERE, '..', 'fonts', 'ipaexm.ttf');

async function child(engine, caseFile, out) {
  const { checkCase } = await import('../dist/pipeline/pipeline.js');
  const { renderPdf } = await import('../dist/export/pdf.js');
  const { PDFDocument } = await import('pdf-lib');
  let start = performance.now();
  let bytes;
  if (engine === 'yoshiki') {
    // Timed from the case file: reading the CSV, checking, composing, laying out and writing the PDF.
    const checked = await checkCase(caseFile, '2026-11-21');
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
    bytes = await renderPdf(checked.documents.find((d) => d.name === 'evidence'), await checked.session.fonts());
  } else {
    // pdfme gets the very rows yoshiki composed (untimed), so both set the same text.
    const checked = await checkCase(caseFile, '2026-11-21');
    const table = checked.documents.find((d) => d.name === 'evidence').blocks.find((b) => b.kind === 'table');
    start = performance.now();
    bytes = await pdfmeTable(table);
  }
  writeFileSync(out, bytes);
  return report(performance.now() - start, bytes, PDFDocument);
}

async function report(ms, bytes, PDFDocument) {
  const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, pages, rssMb, bytes: bytes.length }));
}

/** The same table with pdfme: landscape A4, 15 mm margins, 8.5 pt IPAex Mincho, same column shares. */
async function pdfmeTable(table) {
  const { generate } = await import('@pdfme/generator');
  const { table: tablePlugin } = await import('@pdfme/schemas');
  const font = { ipaexm: { data: readFileSync(FONT), fallback: true } };
  const border = { top: 0.1, right: 0.1, bottom: 0.1, left: 0.1 };
  const padding = { top: 1, right: 1, bottom: 1, left: 1 };
  const cellStyle = { fontName: 'ipaexm', fontSize: 8.5, alignment: 'left', verticalAlignment: 'top', fontColor: '#000000',
    backgroundColor: '', borderColor: '#000000', borderWidth: border, padding, characterSpacing: 0, lineHeight: 1.45 };
  const template = {
    basePdf: { width: 297, height: 210, padding: [15, 15, 15, 15] },
    schemas: [[{
      name: 'evidence', type: 'table', position: { x: 15, y: 15 }, width: 267, height: 20,
      content: '[]', showHead: true,
      head: table.columns.map((c) => c.header),
      headWidthPercentages: table.columns.map((c) => c.width * 100),
      tableStyles: { borderWidth: 0.3, borderColor: '#000000' },
      headStyles: { ...cellStyle, alignment: 'center', verticalAlignment: 'middle' },
      bodyStyles: { ...cellStyle, alternateBackgroundColor: '' },
      columnStyles: {},
    }]],
  };
  const pdf = await generate({ template, inputs: [{ evidence: JSON.stringify(table.rows) }], options: { font }, plugins: { table: tablePlugin } });
  return pdf;
}

function runOnce(engine, caseFile, out) {
  const json = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', engine, caseFile, out],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(json);
}

/** The median run by time (its memory and size with it); the peak memory of all runs. */
function run(engine, caseFile, out, runs) {
  const all = Array.from({ length: runs }, () => runOnce(engine, caseFile, out)).sort((a, b) => a.ms - b.ms);
  return { ...all[Math.floor(all.length / 2)], rssMb: Math.max(...all.map((r) => r.rssMb)) };
}

async function main(argv) {
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3]);
  const pdfmeAll = argv.includes('--pdfme-all');
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
  const sizes = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--runs').map(Number);
  const plan = sizes.length ? sizes : [2000, 10000];
  const dir = mkdtempSync(join(tmpdir(), 'yoshiki-bench-'));
  const line = (s) => process.stdout.write(`${s}\n`);
  line(`node ${process.version}, ${new Date().toISOString().slice(0, 10)} — evidence table, landscape A4, IPAex Mincho subset`);
  line(`median of ${runs} runs each`);
  line('works    engine    pages   time (s)   peak RSS (MB)   PDF (KB)');
  try {
    for (const n of plan) {
      const { file } = writeSyntheticCase(join(dir, String(n)), n);
      const y = run('yoshiki', file, join(dir, `yoshiki-${n}.pdf`), runs);
      const row = (engine, r) => line(`${String(n).padStart(6)}   ${engine.padEnd(8)} ${String(r.pages).padStart(6)}   ${(r.ms / 1000).toFixed(2).padStart(8)}   ${r.rssMb.toFixed(0).padStart(13)}   ${(r.bytes / 1024).toFixed(0).padStart(8)}`);
      row('yoshiki', y);
      if (n <= 2000 || pdfmeAll) {
        const p = run('pdfme', file, join(dir, `pdfme-${n}.pdf`), runs);
        row('pdfme', p);
        line(`         yoshiki is ${(p.ms / y.ms).toFixed(1)}× faster than pdfme at ${n} works (target ≥ 10× at 2,000)`);
      }
      if (n >= 10000) line(`         ${n} works: ${(y.ms / 1000).toFixed(1)} s (target < 10 s), ${y.rssMb.toFixed(0)} MB (target < 1,536 MB)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!argv.includes('--no-exclusion')) await exclusionBench(30_000, 40, runs);
  if (!argv.includes('--no-batch')) await batchBench(1000);
}

await main(process.argv.slice(2));
