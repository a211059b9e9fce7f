// The evidence table (相当な努力の疎明資料) made by each engine of the bench, in a child process of
// its own (so its peak memory is its own):
//
//   node bench/engines.mjs <engine> <case.yaml> <out.pdf>   → prints { seconds, cpuSeconds } of the timed part
//
// "In-process" is an engine already loaded, as in a server or a batch: its modules are imported
// (and the browser launched) before the clock starts; each run is still a new process, so no
// engine has made a document before. yoshiki is timed from the case file: reading and checking the
// CSV, parsing the font, composing, laying out and writing the PDF. Each peer gets the very rows
// yoshiki composed (untimed) and is timed from them to its PDF bytes, parsing the font inside the
// timed part as yoshiki does. Each makes the title, applicant line and table, landscape A4 with
// 15 mm margins, IPAex Mincho 8.5 pt at 1.45 lines, 3 pt cell padding, the heading row repeated on
// every page, no row split across pages (but pdfme's, which splits a row at the foot), yoshiki's
// column widths and a page number at each foot (but pdfme's table, which has none).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FONT, timedSince } from './harness.mjs';

export const ENGINES = ['yoshiki', 'typst', 'pdfme', 'chromium'];
/** Debian's Chromium, driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why an engine cannot run here (not installed), or undefined. */
export async function missing(engine) {
  const need = { typst: '@myriaddreamin/typst-ts-node-compiler', pdfme: '@pdfme/generator', chromium: 'playwright-core' }[engine];
  if (!need) return undefined;
  try {
    await import(need);
  } catch {
    return `${need} is not installed (npm install --include=dev)`;
  }
  if (engine === 'chromium') {
    const { existsSync } = await import('node:fs');
    if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  }
  return undefined;
}

/** The evidence document and what a peer needs of it: its table, title lines and column widths in points. */
export async function evidenceOf(caseFile) {
  const { checkCase } = await import('../dist/pipeline/pipeline.js');
  const { columnWidths, tableTextSize } = await import('../dist/layout/layout.js');
  const checked = await checkCase(caseFile, '2026-11-21');
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
  const doc = checked.documents.find((d) => d.name === 'evidence');
  const table = doc.blocks.find((b) => b.kind === 'table');
  const [title, applicant] = doc.blocks.filter((b) => b.kind === 'paragraph').map((p) => p.text);
  const fonts = await checked.session.fonts();
  const size = tableTextSize(table, doc.fontSize);
  const textWidth = (297 - 30) * (72 / 25.4);
  const widths = columnWidths(table, textWidth, size, (g) => fonts.chain([]).advance(g));
  return { checked, doc, fonts, table, title, applicant, widths, size, headers: table.columns.map((c) => c.header) };
}

async function yoshiki(caseFile) {
  const { checkCase } = await import('../dist/pipeline/pipeline.js');
  const { renderPdf } = await import('../dist/export/pdf.js');
  // The fonts module (and fontkit) is loaded when a case is first checked, and the ruling form's
  // modules when a case first names it: loaded here, as modules are.
  await import('../dist/typeset/fonts.js');
  await (await import('../dist/forms/registry.js')).loadForm('ruling');
  const start = performance.now();
  const cpu = process.cpuUsage();
  const checked = await checkCase(caseFile, '2026-11-21');
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 3)));
  const bytes = await renderPdf(checked.documents.find((d) => d.name === 'evidence'), await checked.session.fonts());
  return { bytes, ...timedSince(start, cpu) };
}

/** A string as a Typst string literal. */
export const typstString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * The Typst source of the evidence document; `rows` is Typst code giving the rows (an array of
 * arrays of strings). Typst's own Japanese line breaking (lang: "ja") does the 禁則.
 */
export function typstSource({ title, applicant, widths, size, headers }, rows) {
  return `#set page(paper: "a4", flipped: true, margin: 15mm,
  footer: context align(center, text(size: 8.925pt, counter(page).display("1 / 1", both: true))))
#set text(font: "IPAexMincho", size: 10.5pt, lang: "ja", hyphenate: false, top-edge: "ascender", bottom-edge: "descender")
#set par(leading: 0.5em)
#align(center, text(size: 14pt, ${typstString(title)}))
#v(0.5em)
#align(right, ${typstString(applicant)})
#v(0.5em)
#let rows = ${rows}
#set par(leading: 0.45em)
#set table.cell(breakable: false)
#text(size: ${size}pt, table(
  columns: (${widths.map((w) => `${w.toFixed(3)}pt`).join(', ')}),
  inset: 3pt, stroke: 0.5pt,
  align: (x, y) => if y == 0 { center + horizon } else if x == 0 { right } else { left },
  table.header(${headers.map(typstString).join(', ')}),
  ..rows.flatten(),
))
`;
}

async function typst(e) {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const start = performance.now();
  const cpu = process.cpuUsage();
  const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(FONT)] }] });
  const result = compiler.compile({ mainFileContent: typstSource(e, 'json(bytes(sys.inputs.rows))'), inputs: { rows: JSON.stringify(e.table.rows) } });
  if (result.hasError()) throw new Error(`typst: ${JSON.stringify(result.takeDiagnostics?.() ?? result)}`);
  const bytes = compiler.pdf(result.result);
  return { bytes, ...timedSince(start, cpu) };
}

/** pdfme's table plugin: the same page, font, size, padding and column shares. */
export async function pdfmeTable(e, { generate, table: tablePlugin }) {
  const font = { ipaexm: { data: readFileSync(FONT), fallback: true } };
  const mm = 25.4 / 72;
  const border = { top: 0.5, right: 0.5, bottom: 0.5, left: 0.5 };
  const padding = { top: 3 * mm, right: 3 * mm, bottom: 3 * mm, left: 3 * mm };
  const cellStyle = { fontName: 'ipaexm', fontSize: e.size, alignment: 'left', verticalAlignment: 'top', fontColor: '#000000',
    backgroundColor: '', borderColor: '#000000', borderWidth: border, padding, characterSpacing: 0, lineHeight: 1.45 };
  const total = e.widths.reduce((a, b) => a + b, 0);
  const template = {
    basePdf: { width: 297, height: 210, padding: [15, 15, 15, 15] },
    schemas: [[{
      name: 'evidence', type: 'table', position: { x: 15, y: 15 }, width: 267, height: 20,
      content: '[]', showHead: true, repeatHead: true,
      head: e.headers,
      headWidthPercentages: e.widths.map((w) => (w / total) * 100),
      tableStyles: { borderWidth: 0.5, borderColor: '#000000' },
      headStyles: { ...cellStyle, alignment: 'center', verticalAlignment: 'middle' },
      bodyStyles: { ...cellStyle, alternateBackgroundColor: '' },
      columnStyles: { alignment: { 0: 'right' } },
    }]],
  };
  return generate({ template, inputs: [{ evidence: JSON.stringify(e.table.rows) }], options: { font }, plugins: { table: tablePlugin } });
}

export const pdfmeModules = async () => ({ ...(await import('@pdfme/generator')), ...(await import('@pdfme/schemas')) });

async function pdfme(e) {
  const modules = await pdfmeModules();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const bytes = await pdfmeTable(e, modules);
  return { bytes, ...timedSince(start, cpu) };
}

const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** The document as HTML: `line-break: strict` is CSS's strict Japanese line breaking (CSS Text 3). */
export function chromiumHtml(e) {
  const cols = e.widths.map((w) => `<col style="width:${w.toFixed(3)}pt">`).join('');
  const rows = e.table.rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
@font-face { font-family: IPAexMincho; src: url("file://${FONT}"); }
@page { size: A4 landscape; margin: 15mm 15mm 20mm 15mm; }
body { margin: 0; font-family: IPAexMincho; font-size: 10.5pt; line-height: 1.5; line-break: strict; word-break: normal; overflow-wrap: anywhere; }
h1 { font-size: 14pt; font-weight: normal; text-align: center; margin: 0 0 0.5em; }
p { text-align: right; margin: 0 0 0.5em; }
table { border-collapse: collapse; table-layout: fixed; width: ${e.widths.reduce((a, b) => a + b, 0).toFixed(3)}pt; font-size: ${e.size}pt; line-height: 1.45; }
th, td { border: 0.5pt solid black; padding: 3pt; vertical-align: top; text-align: left; font-weight: normal; }
th { text-align: center; vertical-align: middle; }
td:first-child { text-align: right; }
tr { break-inside: avoid; }
</style></head><body><h1>${html(e.title)}</h1><p>${html(e.applicant)}</p>
<table><colgroup>${cols}</colgroup><thead><tr>${e.headers.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

async function chromium(e, out) {
  const { chromium: browserType } = await import('playwright-core');
  const browser = await browserType.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const page = await browser.newPage();
    // A file, not setContent: the page may then load the font from file://.
    const file = `${out}.html`;
    writeFileSync(file, chromiumHtml(e));
    await page.goto(`file://${file}`);
    const bytes = await page.pdf({ format: 'A4', landscape: true, displayHeaderFooter: true, headerTemplate: '<span></span>',
      footerTemplate: '<div style="width:100%;text-align:center;font-size:8.9pt"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '15mm', right: '15mm', bottom: '20mm', left: '15mm' } });
    return { bytes, ...timedSince(start, cpu) };
  } finally {
    await browser.close();
  }
}

async function child([engine, caseFile, out]) {
  const made = engine === 'yoshiki' ? await yoshiki(caseFile)
    : await { typst, pdfme, chromium }[engine](await evidenceOf(caseFile), out);
  writeFileSync(out, made.bytes);
  process.stdout.write(`${JSON.stringify({ seconds: made.seconds, cpuSeconds: made.cpuSeconds })}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await child(process.argv.slice(2));
