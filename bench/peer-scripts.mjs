// What a user of a peer would run instead of `yoshiki render`, as one process from the works CSV:
//
//   node bench/peer-scripts.mjs typst <case dir> <out.pdf>   compiles evidence.typ, a template that reads works.csv itself (csv())
//   node bench/peer-scripts.mjs pdfme <case dir> <out.pdf>   csv-parse reads works.csv, pdfme's table plugin draws it
//
// bench/workload-process.mjs writes the template and evidence.json beside the CSV: the title
// lines, column widths, sizes and headings of bench/engines.mjs, and the text of the public-notice
// column, which yoshiki composes from the case and a peer's template holds as it stands.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT } from './harness.mjs';

const [engine, dir, out] = process.argv.slice(2);

if (engine === 'typst') {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontBlobs: [readFileSync(FONT)] }] });
  const result = compiler.compile({ mainFilePath: join(dir, 'evidence.typ') });
  if (result.hasError()) throw new Error(`typst: ${JSON.stringify(result.takeDiagnostics?.() ?? result)}`);
  writeFileSync(out, compiler.pdf(result.result));
} else if (engine === 'pdfme') {
  const [{ parse }, { pdfmeModules, pdfmeTable }] = await Promise.all([import('csv-parse/sync'), import('./engines.mjs')]);
  const meta = JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8'));
  const works = parse(readFileSync(join(dir, 'works.csv')), { columns: true });
  const rows = works.map((w, i) => [String(i + 1), w.title, w.author, w.directory_or_web, w.management_bodies, w.expert_bodies, meta.notice]);
  writeFileSync(out, await pdfmeTable({ ...meta, table: { rows } }, await pdfmeModules()));
} else throw new Error(`no such peer: ${engine}`);
