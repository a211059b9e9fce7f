/**
 * Fills cells of a workbook the user gave (the NDL's list) in place: only the XML of the rows that
 * get a value changes, inside the one sheet part; every other zip entry keeps its stored bytes and
 * headers (zip.ts, replaceZipEntry), so conditional formats, data validations (the Excel 2010 x14
 * ones in extLst too), protection, defined names and custom properties survive because nothing
 * rewrites them. The sheet is inflated, copied and deflated in pieces; only the rows filled are
 * parsed (saxes), found where the input layer's reading saw them (SheetLayout), as a CSV's records
 * are found by their byte spans.
 *
 * Values go in as inline strings (t="inlineStr"), not into the shared strings table: the table, the
 * package's content types and the workbook's relationships then stay as they were (a workbook
 * without a table would need all three changed), and Excel and LibreOffice read inline strings as
 * any other text. A date goes into a date-formatted cell as its serial number and a number into a
 * cell not formatted as text as a number, so the list sorts and filters as the NDL's own cells do.
 */
import { SaxesParser } from 'saxes';
import type { FilledSheet, SheetLayout } from '../model/document.js';
import {
  attribute, cellStyleKinds, columnName, columnOfRef, localName, openWorkbook, partEntry, readSheet, serialOfDate, TextWindow, type Parser, type StyleKind,
} from './xlsx-package.js';
import { entryContent, EntryDeflater, replaceZipEntry } from './zip.js';

type Edit = FilledSheet['edits'][number];

/** A change to the sheet's text: [start, end) replaced by what `make` makes of it (an insertion when start = end). */
interface Splice { start: number; end: number; make: (xml: string) => string }

/**
 * The workbook with the edits made; its entries keep their own dates, so the same list and case
 * give the same bytes without the fixed date other outputs are stamped with.
 */
export async function fillXlsx(filled: FilledSheet): Promise<Uint8Array> {
  const pkg = await openWorkbook(filled.source.bytes);
  const name = filled.source.sheet;
  const sheet = name === undefined ? pkg.sheets[0] : pkg.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`the workbook no longer has the sheet ${name ?? '(first)'}`);
  const layout = filled.source.layout ?? (await readSheet(pkg, sheet.part)).layout;
  const cells = new CellWriter(await cellStyleKinds(pkg), pkg.date1904, layout);
  const splices = plan(filled.edits, layout, cells);
  const entry = partEntry(pkg, sheet.part)!;
  // A byte-order mark is kept in the text, so it is copied through.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const encoder = new TextEncoder();
  const out = new EntryDeflater();
  const window = new TextWindow();
  let next = 0;
  /** The text read so far with the splices it covers made, up to the next splice not yet read whole. */
  const ready = (): string => {
    let text = '';
    for (; next < splices.length && splices[next].end <= window.end; next++) {
      const { start, end, make } = splices[next];
      text += window.dropTo(start) + make(window.slice(start, end));
      window.dropTo(end);
    }
    return text + window.dropTo(next < splices.length ? Math.min(splices[next].start, window.end) : window.end);
  };
  for await (const bytes of entryContent(pkg.zip, entry)) {
    window.take(decoder.decode(bytes, { stream: true }));
    await out.write(encoder.encode(ready()));
  }
  window.take(decoder.decode());
  await out.write(encoder.encode(ready()));
  if (next < splices.length) throw new Error('the sheet ended before the rows to fill');
  return replaceZipEntry(pkg.zip, pkg.entries, entry.name, await out.end());
}

/**
 * The splices the edits make, in the order of the text: each row present rewritten with its cells
 * set, each row absent added before the next row present (or after the last), in order.
 */
function plan(edits: Edit[], layout: SheetLayout, cells: CellWriter): Splice[] {
  const byRow = new Map<number, Edit[]>();
  for (const e of edits) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const present = [...layout.rows.keys()].sort((a, b) => a - b);
  const inserts = new Map<number, string>();
  const splices: Splice[] = [];
  for (const [number, rowEdits] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const sorted = rowEdits.sort((a, b) => a.column - b.column);
    const span = layout.rows.get(number);
    if (span) {
      splices.push({ start: span[0], end: span[1], make: (xml) => cells.editedRow(xml, number, sorted) });
      continue;
    }
    const after = present.find((r) => r > number);
    const at = after === undefined ? layout.emptySheetData?.[0] ?? layout.append : layout.rows.get(after)![0];
    inserts.set(at, (inserts.get(at) ?? '') + cells.newRow(number, sorted));
  }
  for (const [at, rows] of inserts) {
    const empty = layout.emptySheetData;
    // <sheetData/> has no inside: it is written open and closed around the rows.
    if (empty && at === empty[0]) splices.push({ start: empty[0], end: empty[1], make: (tag) => `${tag.replace(/\s*\/>$/, '>')}${rows}</${layout.prefix}sheetData>` });
    else splices.push({ start: at, end: at, make: () => rows });
  }
  return splices.sort((a, b) => a.start - b.start);
}

interface CellSpan { column: number; start: number; end: number; style?: number }

/** Writes cells and rows in the sheet's own terms: its prefix, its cell styles' kinds, its date system. */
class CellWriter {
  constructor(private readonly kinds: StyleKind[], private readonly date1904: boolean, private readonly layout: SheetLayout) {}

  newRow(number: number, edits: Edit[]): string {
    const p = this.layout.prefix;
    return `<${p}row r="${number}">${edits.map((e) => this.cell(number, e, this.columnStyle(e.column))).join('')}</${p}row>`;
  }

  /**
   * A row with its edited cells set: a cell present keeps its place and style, an absent one is put
   * in column order with the row's or the column's style. (A cell without an address takes the
   * column after the cell before it, so no cell is ever added just before one: there is no gap.)
   */
  editedRow(xml: string, number: number, edits: Edit[]): string {
    const row = parseRow(xml);
    const newStyle = (column: number) => row.style ?? this.columnStyle(column);
    let out = xml.slice(0, row.openEnd);
    let cursor = row.openEnd;
    let i = 0;
    for (const cell of row.cells) {
      out += xml.slice(cursor, cell.start);
      for (; i < edits.length && edits[i].column < cell.column; i++) out += this.cell(number, edits[i], newStyle(edits[i].column));
      out += edits[i]?.column === cell.column ? this.cell(number, edits[i++], cell.style) : xml.slice(cell.start, cell.end);
      cursor = cell.end;
    }
    const last = row.cells.at(-1)?.end ?? row.openEnd;
    out += xml.slice(cursor, last);
    for (; i < edits.length; i++) out += this.cell(number, edits[i], newStyle(edits[i].column));
    return row.selfClosing ? `${out.replace(/\s*\/>/, '>')}</${row.name}>` : out + xml.slice(last);
  }

  private columnStyle(column: number): number | undefined {
    return this.layout.columnStyles.find((c) => c.min <= column && column <= c.max)?.style;
  }

  /** One cell: a date as its serial in a date-formatted cell, a number as a number unless the cell is text, else inline text. */
  private cell(row: number, edit: Edit, style: number | undefined): string {
    const p = this.layout.prefix;
    const head = `<${p}c r="${columnName(edit.column)}${row}"${style === undefined ? '' : ` s="${style}"`}`;
    const kind = style === undefined ? 'other' : this.kinds[style] ?? 'other';
    if (edit.as === 'date' && kind === 'date' && /^\d{4}-\d\d-\d\d$/.test(edit.value))
      return `${head}><${p}v>${serialOfDate(edit.value, this.date1904)}</${p}v></${p}c>`;
    if (edit.as === 'number' && kind !== 'text' && /^-?\d+(\.\d+)?$/.test(edit.value))
      return `${head}><${p}v>${Number(edit.value)}</${p}v></${p}c>`;
    return `${head} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(edit.value)}</${p}t></${p}is></${p}c>`;
  }
}

/** One <row> element's parts: where its start tag ends, its style if it sets one for its cells, and its cells. */
function parseRow(xml: string): { name: string; openEnd: number; selfClosing: boolean; style?: number; cells: CellSpan[] } {
  const parser: Parser = new SaxesParser({ xmlns: false, position: true, fragment: true });
  const row = { name: '', openEnd: 0, selfClosing: false, style: undefined as number | undefined, cells: [] as CellSpan[] };
  let column = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'row' && !row.name) {
      Object.assign(row, { name: tag.name, openEnd: parser.position, selfClosing: tag.isSelfClosing });
      const customFormat = ['1', 'true'].includes(attribute(tag, 'customFormat') ?? '');
      if (customFormat && attribute(tag, 's') !== undefined) row.style = Number(attribute(tag, 's'));
    } else if (name === 'c') {
      column = columnOfRef(attribute(tag, 'r')) ?? column + 1;
      const style = attribute(tag, 's');
      row.cells.push({ column, start: xml.lastIndexOf('<', parser.position - 1), end: parser.position, style: style === undefined ? undefined : Number(style) });
    }
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'c') row.cells[row.cells.length - 1].end = parser.position;
  });
  parser.write(xml).close();
  return row;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // Characters XML 1.0 cannot hold are left out rather than written as a broken file.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
