/**
 * CSV renderer: a document's tables, for people who keep working in a spreadsheet. UTF-8 with a
 * BOM and CRLF line ends, which is what Excel needs to open Japanese text without garbling it.
 * csv-stringify does the quoting (commas, quotes and line breaks inside cells).
 */
import { stringify } from 'csv-stringify/sync';
import type { DocumentModel } from '../model/document.js';

export function renderCsv(doc: DocumentModel): Uint8Array {
  const records: string[][] = [];
  doc.blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    if (records.length > 0) records.push([]);
    // A table's heading is the paragraph just before it (「1. 著作物」), kept so two tables stay apart.
    const before = doc.blocks[i - 1];
    if (before?.kind === 'paragraph' && records.length > 0) records.push([before.text]);
    if (block.headerRow !== false) records.push(block.columns.map((c) => c.header.replace(/\n/g, '')));
    records.push(...block.rows);
  });
  return new TextEncoder().encode(`\uFEFF${stringify(records, { record_delimiter: '\r\n' })}`);
}
