/**
 * CSV renderer: a document's tables, for people who keep working in a spreadsheet. UTF-8 with a
 * BOM and CRLF line ends, which is what Excel needs to open Japanese text without garbling it.
 * csv-stringify does the quoting (commas, quotes and line breaks inside cells).
 *
 * A spreadsheet the user gave (a FilledSheet) is written as that CSV again: every record not
 * edited byte for byte, the edited ones in the file's own encoding, line end and quoting style.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV runs a cell that starts
 * with =, +, -, @, a tab or a carriage return as a formula (LibreOffice imported `=HYPERLINK(…)` and
 * `=cmd|…` so). Every cell we write that starts so gets a leading apostrophe, which spreadsheets
 * read as "text follows" — in our tables and in the cells we fill into the NDL's list; the list's
 * own cells are never touched.
 */
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { DocumentModel, FilledSheet } from '../model/document.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will read as text, never as a formula. */
export const inertCell = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

export function renderCsv(doc: DocumentModel): Uint8Array {
  const records: string[][] = [];
  doc.blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    if (records.length > 0) records.push([]);
    // A table's heading is the paragraph just before it (「1. 著作物」), kept so two tables stay apart.
    const before = doc.blocks[i - 1];
    if (before?.kind === 'paragraph' && records.length > 0) records.push([inertCell(before.text)]);
    if (block.headerRow !== false) records.push(block.columns.map((c) => inertCell(c.header.replace(/\n/g, ''))));
    for (const row of block.rows) records.push(row.map(inertCell));
  });
  return new TextEncoder().encode(`\uFEFF${stringify(records, { record_delimiter: '\r\n' })}`);
}

export function fillCsv({ source, edits }: FilledSheet): Uint8Array {
  const spans = source.csv;
  if (!spans) throw new Error('a filled CSV needs the records its source was read as');
  const byRecord = new Map<number, FilledSheet['edits']>();
  for (const e of edits) byRecord.set(e.row, [...(byRecord.get(e.row) ?? []), e]);
  const encode = (text: string) => (spans.encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8'));
  const parts: Uint8Array[] = [source.bytes.subarray(0, spans.records[0]?.start ?? source.bytes.length)];
  spans.records.forEach((record, i) => {
    const mine = byRecord.get(i + 1);
    const original = source.bytes.subarray(record.start, record.end);
    if (!mine) return parts.push(original);
    const cells = [...record.cells];
    for (const e of mine) {
      while (cells.length < e.column) cells.push('');
      cells[e.column - 1] = inertCell(e.value);
    }
    const quoted = original[0] === 0x22; // a file that quotes every cell gets its edited rows quoted too
    parts.push(encode(stringify([cells], { eof: false, quoted }) + record.lineEnd));
  });
  return Buffer.concat(parts);
}
