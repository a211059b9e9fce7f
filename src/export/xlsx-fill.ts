/**
 * Fills cells of a workbook the user gave (the NDL's list) in place: only the XML of the rows that
 * get a value changes, inside the one sheet part; every other zip entry keeps its stored bytes and
 * headers (zip.ts, replaceZipEntry), so conditional formats, data validations (the Excel 2010 x14
 * ones in extLst too), protection, defined names and custom properties survive because nothing
 * rewrites them. The sheet is inflated, parsed (saxes) and deflated in pieces; the text between the
 * edited rows is copied as it was read.
 *
 * Values go in as inline strings (t="inlineStr"), not into the shared strings table: the table, the
 * package's content types and the workbook's relationships then stay as they were (a workbook
 * without a table would need all three changed), and Excel and LibreOffice read inline strings as
 * any other text. A date goes into a date-formatted cell as its serial number and a number into a
 * cell not formatted as text as a number, so the list sorts and filters as the NDL's own cells do.
 */
import type { SaxesTagPlain } from 'saxes';
import type { FilledSheet } from '../model/document.js';
import {
  attribute, cellStyleKinds, columnName, columnOfRef, localName, openWorkbook, partEntry, readPart, type Parser, serialOfDate, type StyleKind, type WorkbookPackage,
} from './xlsx-package.js';
import { EntryDeflater, replaceZipEntry } from './zip.js';

type Edit = FilledSheet['edits'][number];

/**
 * The workbook with the edits made; its entries keep their own dates, so the same list and case
 * give the same bytes without the fixed date other outputs are stamped with.
 */
export async function fillXlsx(filled: FilledSheet): Promise<Uint8Array> {
  const pkg = await openWorkbook(filled.source.bytes);
  const name = filled.source.sheet;
  const sheet = name === undefined ? pkg.sheets[0] : pkg.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`the workbook no longer has the sheet ${name ?? '(first)'}`);
  const editor = new SheetEditor(filled.edits, { kinds: await cellStyleKinds(pkg), pkg });
  await readPart(pkg, sheet.part, {
    chunk: (t) => editor.take(t), open: (t, p) => editor.open(t, p), close: (t, p) => editor.close(t, p), parsed: () => editor.handOn(),
  });
  return replaceZipEntry(pkg.zip, pkg.entries, partEntry(pkg, sheet.part)!.name, await editor.finish());
}

interface CellSpan { column: number; start: number; end: number; style?: number }
interface OpenRow { number: number; start: number; openEnd: number; selfClosing: boolean; style?: number; cells: CellSpan[] }

/** How often the text read is handed on when no edited row is open: 64 K characters. */
const FLUSH_AT = 1 << 16;

/**
 * Copies the sheet's XML through, rewriting the rows that get values (and adding the rows the sheet
 * lacks). Positions are saxes's: offsets in the text as read, which `take` keeps from `start` on.
 */
class SheetEditor {
  private text = '';
  private start = 0;
  private readonly out = new EntryDeflater();
  private readonly encoder = new TextEncoder();
  /** What was written while saxes parsed a piece, handed on to the deflater after it. */
  private written: string[] = [];
  private readonly rows: [number, Edit[]][];
  private next = 0;
  private prefix = '';
  private readonly columnStyles: { min: number; max: number; style: number }[] = [];
  private lastRow = 0;
  private lastColumn = 0;
  private row: OpenRow | undefined;

  constructor(edits: Edit[], private readonly styles: { kinds: StyleKind[]; pkg: WorkbookPackage }) {
    const byRow = new Map<number, Edit[]>();
    for (const e of edits) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
    this.rows = [...byRow].sort((a, b) => a[0] - b[0]).map(([r, es]) => [r, es.sort((a, b) => a.column - b.column)]);
  }

  take(chunk: string): void {
    this.text += chunk;
  }

  open(tag: SaxesTagPlain, parser: Parser): void {
    const name = localName(tag.name);
    if (name === 'sheetData') this.prefix = tag.name.slice(0, tag.name.length - name.length);
    else if (name === 'col') this.columnStyles.push({ min: Number(attribute(tag, 'min')), max: Number(attribute(tag, 'max')), style: Number(attribute(tag, 'style') ?? 0) });
    else if (name === 'row') this.openRow(tag, parser);
    else if (name === 'c') this.openCell(tag, parser);
  }

  close(tag: SaxesTagPlain, parser: Parser): void {
    const name = localName(tag.name);
    if (name === 'c' && this.row) this.row.cells[this.row.cells.length - 1].end = parser.position;
    else if (name === 'row') this.closeRow(parser.position);
    else if (name === 'sheetData') this.closeSheetData(tag, parser.position);
  }

  private openRow(tag: SaxesTagPlain, parser: Parser): void {
    const number = Number(attribute(tag, 'r') ?? this.lastRow + 1);
    this.lastRow = number;
    this.lastColumn = 0;
    const start = this.tagStart(parser.position);
    // Rows the sheet lacks, before this one.
    if (this.next < this.rows.length && this.rows[this.next][0] < number) {
      this.emitTo(start);
      this.write(this.missingRows(number));
    }
    if (this.rows[this.next]?.[0] !== number) return;
    const customFormat = ['1', 'true'].includes(attribute(tag, 'customFormat') ?? '');
    this.row = {
      number, start, openEnd: parser.position, selfClosing: tag.isSelfClosing, cells: [],
      style: customFormat && attribute(tag, 's') !== undefined ? Number(attribute(tag, 's')) : undefined,
    };
  }

  private openCell(tag: SaxesTagPlain, parser: Parser): void {
    const ref = attribute(tag, 'r');
    const column = columnOfRef(ref) ?? this.lastColumn + 1;
    this.lastColumn = column;
    if (!this.row) return;
    const style = attribute(tag, 's');
    this.row.cells.push({ column, start: this.tagStart(parser.position), end: parser.position, style: style === undefined ? undefined : Number(style) });
  }

  private closeRow(end: number): void {
    const row = this.row;
    if (!row) {
      if (end - this.start > FLUSH_AT) this.emitTo(end);
      return;
    }
    this.emitTo(row.start);
    this.write(this.editedRow(this.slice(row.start, end), row, this.rows[this.next++][1]));
    this.dropTo(end);
    this.row = undefined;
  }

  /** The rows left to add go at the end of sheetData (which may have been written empty, <sheetData/>). */
  private closeSheetData(tag: SaxesTagPlain, end: number): void {
    const rows = this.missingRows(Infinity);
    if (!rows) return;
    if (tag.isSelfClosing) {
      this.emitTo(this.tagStart(end));
      this.write(`<${tag.name}>${rows}</${tag.name}>`);
      this.dropTo(end);
    } else {
      this.emitTo(this.start + this.text.lastIndexOf('<', end - 1 - this.start));
      this.write(rows);
    }
  }

  /** Whole rows for the edited rows numbered below `before` that the sheet does not have. */
  private missingRows(before: number): string {
    let xml = '';
    for (; this.next < this.rows.length && this.rows[this.next][0] < before; this.next++) {
      const [number, edits] = this.rows[this.next];
      xml += `<${this.prefix}row r="${number}">${edits.map((e) => this.cell(number, e, this.columnStyle(e.column))).join('')}</${this.prefix}row>`;
    }
    return xml;
  }

  /**
   * A row with its edited cells set: a cell present keeps its place and style, an absent one is
   * put in column order with the row's or the column's style. (A cell without an address takes the
   * column after the cell before it, so no cell is ever added just before one: there is no gap.)
   */
  private editedRow(xml: string, row: OpenRow, edits: Edit[]): string {
    const open = row.selfClosing ? `${xml.slice(0, -2)}>` : xml.slice(0, row.openEnd - row.start);
    const closeAt = row.selfClosing ? xml.length : xml.lastIndexOf('</');
    const close = row.selfClosing ? `</${/^<([^\s/>]+)/.exec(xml)![1]}>` : xml.slice(closeAt);
    const body = row.selfClosing ? '' : xml.slice(open.length, closeAt);
    const at = (n: number) => n - row.start - open.length;
    let out = '';
    let cursor = 0;
    let i = 0;
    for (const cell of row.cells) {
      out += body.slice(cursor, at(cell.start));
      cursor = at(cell.start);
      for (; i < edits.length && edits[i].column < cell.column; i++) out += this.cell(row.number, edits[i], this.newCellStyle(row, edits[i].column));
      if (edits[i]?.column === cell.column) out += this.cell(row.number, edits[i++], cell.style);
      else out += body.slice(at(cell.start), at(cell.end));
      cursor = at(cell.end);
    }
    const last = row.cells.length ? at(row.cells[row.cells.length - 1].end) : 0;
    out += body.slice(cursor, last);
    for (; i < edits.length; i++) out += this.cell(row.number, edits[i], this.newCellStyle(row, edits[i].column));
    return `${open}${out}${body.slice(last)}${close}`;
  }

  private newCellStyle(row: OpenRow, column: number): number | undefined {
    return row.style ?? this.columnStyle(column);
  }

  private columnStyle(column: number): number | undefined {
    return this.columnStyles.find((c) => c.min <= column && column <= c.max)?.style;
  }

  /** One cell: a date as its serial in a date-formatted cell, a number as a number unless the cell is text, else inline text. */
  private cell(row: number, edit: Edit, style: number | undefined): string {
    const p = this.prefix;
    const head = `<${p}c r="${columnName(edit.column)}${row}"${style === undefined ? '' : ` s="${style}"`}`;
    const kind = style === undefined ? 'other' : this.styles.kinds[style] ?? 'other';
    if (edit.as === 'date' && kind === 'date' && /^\d{4}-\d\d-\d\d$/.test(edit.value))
      return `${head}><${p}v>${serialOfDate(edit.value, this.styles.pkg.date1904)}</${p}v></${p}c>`;
    if (edit.as === 'number' && kind !== 'text' && /^-?\d+(\.\d+)?$/.test(edit.value))
      return `${head}><${p}v>${Number(edit.value)}</${p}v></${p}c>`;
    return `${head} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(edit.value)}</${p}t></${p}is></${p}c>`;
  }

  async handOn(): Promise<void> {
    const xml = this.written.join('');
    this.written = [];
    if (xml) await this.out.write(this.encoder.encode(xml));
  }

  async finish(): Promise<{ data: Uint8Array; crc: number; size: number }> {
    if (this.next < this.rows.length) throw new Error('the sheet has no sheetData to fill');
    this.emitTo(this.start + this.text.length);
    await this.handOn();
    return this.out.end();
  }

  /** The start of the tag whose end saxes is at: the last < before it (an attribute value cannot hold one). */
  private tagStart(end: number): number {
    return this.start + this.text.lastIndexOf('<', end - 1 - this.start);
  }

  private slice(from: number, to: number): string {
    return this.text.slice(from - this.start, to - this.start);
  }

  /** Hands on the text read up to `to`, unchanged. */
  private emitTo(to: number): void {
    this.write(this.slice(this.start, to));
    this.dropTo(to);
  }

  private dropTo(to: number): void {
    this.text = this.text.slice(to - this.start);
    this.start = to;
  }

  private write(xml: string): void {
    if (xml) this.written.push(xml);
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // Characters XML 1.0 cannot hold are left out rather than written as a broken file.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
