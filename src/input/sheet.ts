/**
 * Reads a spreadsheet a case names so that yoshiki can fill some of its cells (the NDL's candidate
 * list for transmission exclusion): CSV in UTF-8 or Shift_JIS, or an Excel workbook (.xlsx). The
 * file is only read, never written; its bytes are kept so that the filled copy is made from them.
 *
 * For a CSV every record keeps the byte span it occupies in the file, so the filled copy can carry
 * every record we do not touch byte for byte (quoting, line ends, encoding and all). An XLSX is read
 * in pieces (src/export/xlsx-package.ts): its parts streamed through an XML parser, never loaded whole.
 */
import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Bilingual } from '../base/problem.js';
import { bufferOf, decode, MAX_CSV_BYTES, type CsvEncoding } from './csv.js';
import { readNamedFile, type FolderOf } from './named-file.js';
import { openWorkbook, readSheet, SHEET_MAX_COLUMNS, SHEET_MAX_ROWS, WorkbookError, type WorkbookPackage } from '../export/xlsx-package.js';
import type { SheetLayout } from '../model/document.js';

export interface SheetRow {
  /** Where the row is: its row number in the workbook, or the line a CSV record starts on. */
  line: number;
  /** The number yoshiki uses to address the row when filling it: the workbook row, or the CSV record (1-based). */
  row: number;
  /** Each cell as the user sees it (an XLSX cell's displayed text). */
  cells: string[];
}

export interface SheetFile {
  /** The path as the case wrote it, for messages. */
  name: string;
  format: 'csv' | 'xlsx';
  bytes: Uint8Array;
  /** The worksheet read (XLSX). */
  sheet?: string;
  /** How the CSV was encoded; the filled copy is written the same way. */
  encoding?: CsvEncoding;
  /** A CSV's records with the bytes each occupies, so the filled copy keeps every other record byte for byte. */
  records?: CsvSpan[];
  /** Where a workbook sheet's rows are, so the filled copy parses only the rows it changes. */
  layout?: SheetLayout;
  rows: SheetRow[];
}

/** A failure says whether the file or the sheet named in it is at fault, and the line of the file when it knows. */
export type SheetResult = { ok: true; sheet: SheetFile } | { ok: false; problem: Bilingual; hint: Bilingual; about: 'file' | 'sheet'; line?: number };

const fail = (ja: string, en: string, hint: Bilingual, about: 'file' | 'sheet' = 'file', line?: number): SheetResult =>
  ({ ok: false, problem: { ja, en }, hint, about, ...(line === undefined ? {} : { line }) });

/** A1-style name of a cell, as Excel shows it: column 3 of row 5 is C5. */
export function cellName(line: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${line}`;
}

/** A problem in a workbook's cell, said with the sheet and the cell as Excel shows them (シート「著作物一覧」のセル C5). */
export function inSheetCell<W extends Bilingual>(words: W, sheet: string, line: number, column: number): W {
  const cell = cellName(line, column);
  return { ...words, ja: `シート「${sheet}」のセル ${cell}: ${words.ja}`, en: `Sheet "${sheet}", cell ${cell}: ${words.en}` };
}

/** The heading row is looked for this far down: lists often open with a title and notes. */
export const HEADING_SEARCH_ROWS = 30;

/** The index of the first of a sheet's first rows that has a cell `isHeading` knows, or -1. */
export function findHeadingRow(rows: SheetRow[], isHeading: (cell: string) => boolean): number {
  return rows.slice(0, HEADING_SEARCH_ROWS).findIndex((r) => r.cells.some(isHeading));
}

const SAVE_AS = {
  ja: 'Excel ブック（.xlsx）か CSV で保存し直してください。',
  en: 'Save it again as an Excel workbook (.xlsx) or as CSV.',
};

export async function readSheetFile(caseDir: FolderOf, name: string, sheetName?: string): Promise<SheetResult> {
  const read = readNamedFile(caseDir, name, MAX_CSV_BYTES, { ja: 'ファイル', en: 'The file' }, { ja: 'リストを分けてください。', en: 'Split the list.' });
  if (!read.ok) return { ...read, about: 'file' };
  const bytes = read.bytes;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(name, bytes, sheetName);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    return fail(`「${name}」は古い形式の Excel ブック（.xls）です。`, `"${name}" is an old-style Excel workbook (.xls).`, SAVE_AS);
  const csv = csvRecordSpans(bytes);
  if (!csv.ok) return fail(`「${name}」を CSV として読めません（${csv.problem.ja}）。`, `"${name}" cannot be read as CSV: ${csv.problem.en}`, SAVE_AS, 'file', csv.line);
  return {
    ok: true,
    sheet: { name, format: 'csv', bytes, encoding: csv.encoding, records: csv.records, rows: csv.records.map((r, i) => ({ line: r.line, row: i + 1, cells: r.cells })) },
  };
}

export interface CsvSpan {
  cells: string[];
  line: number;
  /** Byte offsets of the record in the file, its line end included. */
  start: number;
  end: number;
  /** The record's line end as written ("\r\n", "\n" or "" for a last line without one). */
  lineEnd: string;
}

export type CsvSpans = { ok: true; encoding: CsvEncoding; records: CsvSpan[] } | { ok: false; problem: Bilingual; line?: number };

/**
 * csv-parse measures every record against the first one and, even with relax_column_count, builds an
 * error with a stack trace for each that differs — every row of the NDL's list, whose first line is
 * a one-cell title: a second of a 30,000-row check. The errors are never thrown, so no trace is taken.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Splits CSV bytes into records and the bytes each occupies. csv-parse reports how many UTF-8 bytes
 * of the decoded text it has consumed after each record; for Shift_JIS the span in the file is the
 * record re-encoded, which has the same length character for character.
 */
export function csvRecordSpans(bytes: Uint8Array): CsvSpans {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ok: false, problem: decoded.problem, line: decoded.line };
  return handSpans(bufferOf(bytes), decoded) ?? csvParseSpans(bytes, decoded);
}

/** The records as csv-parse splits them (csvRecordSpans; exported so a test can hold the two ways side by side). */
export function csvParseSpans(bytes: Uint8Array, decoded = decode(bytes)): CsvSpans {
  if ('problem' in decoded) return { ok: false, problem: decoded.problem, line: decoded.line };
  let parsed: { record: string[]; info: { bytes: number; lines: number } }[];
  try {
    parsed = withoutStackTraces(() => parse(decoded.text, { info: true, relax_column_count: true })) as unknown as typeof parsed;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    return { ok: false, problem: { ja: `${line ?? '?'}行目: 引用符（"）の対応がとれていません`, en: e.message }, line };
  }
  const utf8 = Buffer.from(decoded.text, 'utf8');
  const lengthInFile = lengthOf(decoded.encoding);
  let consumed = 0;
  let offset = decoded.encoding === 'utf-8-bom' ? 3 : 0;
  const records: CsvSpan[] = [];
  // csv-parse counts a CRLF inside a cell as two lines: taken off its count, from that record on.
  let crlfInCells = 0;
  for (const { record, info } of parsed) {
    const raw = utf8.subarray(consumed, info.bytes).toString('utf8');
    consumed = info.bytes;
    const start = offset;
    offset += lengthInFile(raw);
    const lineEnd = /\r\n$/.test(raw) ? '\r\n' : /[\r\n]$/.test(raw) ? raw.slice(-1) : '';
    const count = (pattern: RegExp) => record.reduce((n, cell) => n + (cell.match(pattern)?.length ?? 0), 0);
    records.push({ cells: record, line: info.lines - crlfInCells - count(/[\r\n]/g), start, end: offset, lineEnd });
    crlfInCells += count(/\r\n/g);
  }
  // Anything csv-parse did not account for would be lost in the copy: refuse rather than guess.
  if (offset !== bytes.length)
    return { ok: false, problem: { ja: 'ファイルの終わりを読み切れません', en: 'the end of the file could not be read as records' } };
  return { ok: true, encoding: decoded.encoding, records };
}

/** A record's length in the file, from its decoded text. */
const lengthOf = (encoding: CsvEncoding) => (encoding === 'cp932'
  ? (raw: string) => iconv.encode(raw, 'cp932').length
  : (raw: string) => Buffer.byteLength(raw, 'utf8'));

/**
 * The records of a CSV split by hand, as csv-parse would split them — the same records, lines and
 * byte spans (a test compares the two on thousands of generated files) — at a tenth of its cost (it
 * was 44 % of checking 100,000 works): a comma separates cells and a line end ends a record, except
 * inside a cell in quotation marks, as Excel writes a cell holding a comma, a quotation mark
 * (doubled) or a line break (LF, inside a file of CRLF lines). Records end as the first one does,
 * CRLF or LF, as csv-parse takes it. Undefined for anything csv-parse refuses or reads another way —
 * a quotation mark inside an unquoted cell, text after a closing one, a quotation never closed, a
 * line end of the other kind between cells: csv-parse then reads the file and says where the fault is.
 */
export function handSpans(bytes: Uint8Array, decoded: { text: string; encoding: CsvEncoding }): CsvSpans | undefined {
  const { text, encoding } = decoded;
  const records: CsvSpan[] = [];
  let offset = encoding === 'utf-8-bom' ? 3 : 0;
  let line = 1;
  const split: Split = { text, i: 0, lineEnd: '', next: [-1, -1, -1, -1] };
  while (split.i < text.length) {
    const record = handRecord(split);
    if (!record) return undefined;
    // A record ends after its last line feed in the file: byte 0x0A is a line feed in UTF-8 and in
    // CP932 alike (never part of a character), so no record is encoded again to be measured.
    const start = offset;
    for (let k = 0; k < record.lineFeeds; k++) offset = bytes.indexOf(0x0a, offset) + 1;
    if (!record.ended) offset = bytes.length;
    records.push({ cells: record.cells, line, start, end: offset, lineEnd: record.ended ? split.lineEnd : '' });
    line += record.lines;
  }
  return offset === bytes.length ? { ok: true, encoding, records } : undefined;
}

/**
 * Where the hand split is in the text, the records' line end once the first has shown it, and where
 * the next comma, CR, LF and quotation mark are (STOPS; the text's length for none), each found
 * again only once passed.
 */
type Split = { text: string; i: number; lineEnd: '' | '\r\n' | '\n'; next: number[] };

const STOPS = [',', '\r', '\n', '"'];

/**
 * Where the unquoted cell at `i` stops: the first comma, CR, LF or quotation mark from `i` on (the
 * text's length for none). Found by indexOf, which searches natively: a loop over every character
 * of 10,000 works' 2.3 million took 13 ms a check.
 */
function stopAfter(split: Split, i: number): number {
  let stop = split.text.length;
  for (let k = 0; k < STOPS.length; k++) {
    if (split.next[k] < i) {
      const at = split.text.indexOf(STOPS[k], i);
      split.next[k] = at < 0 ? split.text.length : at;
    }
    if (split.next[k] < stop) stop = split.next[k];
  }
  return stop;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The record at `split.i` (moved past it): its cells, the line feeds it holds (in cells and at its
 * end), the lines it spans (CRLF, LF or CR each one) and whether a line end ends it; undefined where
 * csv-parse would refuse the text or read it otherwise.
 */
function handRecord(split: Split): { cells: string[]; lineFeeds: number; lines: number; ended: boolean } | undefined {
  const { text } = split;
  const cells: string[] = [];
  let [lineFeeds, lines] = [0, 0];
  for (let i = split.i; ;) {
    let cell = '';
    if (text.charCodeAt(i) === QUOTE) {
      const closed = quotedCell(text, i);
      if (!closed) return undefined;
      [cell, i] = closed;
      const breaks = lineBreaks(cell);
      [lineFeeds, lines] = [lineFeeds + breaks.lineFeeds, lines + breaks.lines];
    } else {
      const from = i;
      i = stopAfter(split, i);
      if (text.charCodeAt(i) === QUOTE) return undefined;
      cell = text.slice(from, i);
    }
    cells.push(cell);
    split.i = i;
    if (i >= text.length) return { cells, lineFeeds, lines, ended: false };
    if (text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    const end = text.charCodeAt(i) === CR ? (text.charCodeAt(i + 1) === LF ? '\r\n' : undefined) : text.charCodeAt(i) === LF ? '\n' : undefined;
    if (!end || (split.lineEnd && end !== split.lineEnd)) return undefined;
    split.lineEnd = end;
    split.i = i + end.length;
    return { cells, lineFeeds: lineFeeds + 1, lines: lines + 1, ended: true };
  }
}

/** The cell in quotation marks at `i` (its quotes undoubled) and where it ends: at a comma, a line end or the text's end. */
function quotedCell(text: string, i: number): [string, number] | undefined {
  let cell = '';
  for (let from = i + 1; ;) {
    const q = text.indexOf('"', from);
    if (q < 0) return undefined;
    cell += text.slice(from, q);
    if (text.charCodeAt(q + 1) !== QUOTE) {
      const after = text.charCodeAt(q + 1);
      return q + 1 >= text.length || after === COMMA || after === CR || after === LF ? [cell, q + 1] : undefined;
    }
    cell += '"';
    from = q + 2;
  }
}

/** The line feeds in a cell's text, and its line breaks: CRLF, LF or CR, each one. */
function lineBreaks(cell: string): { lineFeeds: number; lines: number } {
  let [lineFeeds, lines] = [0, 0];
  for (let k = 0; k < cell.length; k++) {
    const c = cell.charCodeAt(k);
    if (c === LF) lineFeeds++;
    if (c === LF || (c === CR && cell.charCodeAt(k + 1) !== LF)) lines++;
  }
  return { lineFeeds, lines };
}

async function readXlsx(name: string, bytes: Uint8Array, sheetName?: string): Promise<SheetResult> {
  let pkg: WorkbookPackage;
  const names = () => pkg.sheets.map((s) => s.name);
  try {
    pkg = await openWorkbook(bytes);
    const sheet = sheetName === undefined ? pkg.sheets[0] : pkg.sheets.find((s) => s.name === sheetName);
    if (!sheet)
      return fail(`「${name}」に「${sheetName ?? ''}」というシートがありません。`, `"${name}" has no sheet "${sheetName ?? ''}".`,
        { ja: `シート: ${names().join('、')}`, en: `Its sheets: ${names().join(', ')}` }, 'sheet');
    const { rows, layout } = await readSheet(pkg, sheet.part);
    return { ok: true, sheet: { name, format: 'xlsx', bytes, sheet: sheet.name, layout, rows: rows.map((r) => ({ line: r.row, row: r.row, cells: r.cells })) } };
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    return unreadableWorkbook(name, e);
  }
}

/** A workbook yoshiki cannot read or would not write back whole, with the reason in the user's terms. */
function unreadableWorkbook(name: string, e: WorkbookError): SheetResult {
  switch (e.reason) {
    case 'encrypted':
      return fail(`「${name}」はパスワードで保護されています。`, `"${name}" is protected by a password.`,
        { ja: 'パスワードを外して保存し直してください。', en: 'Remove the password and save it again.' });
    case 'zip64':
      return fail(`「${name}」は ZIP64 形式で保存されていて、yoshiki では書き込めません。`, `"${name}" is stored as ZIP64, which yoshiki cannot write back.`, SAVE_AS);
    case 'xml':
      return fail(`「${name}」の中身（XML）が壊れています（${e.message}）。`, `"${name}" holds broken XML (${e.message}).`, SAVE_AS);
    case 'too-large':
      return fail(`「${name}」は展開すると大きすぎます（${e.detail}）。`, `"${name}" is too large once unpacked (${e.detail}).`,
        { ja: 'リストを分けるか、Excel で開いて保存し直してください。', en: 'Split the list, or open it in Excel and save it again.' });
    case 'beyond-sheet':
      return fail(`「${name}」に Excel のシートの範囲（${SHEET_MAX_ROWS.toLocaleString('en')}行・${SHEET_MAX_COLUMNS.toLocaleString('en')}列）を超えるセルがあります（${e.detail}）。`,
        `"${name}" has a cell beyond what an Excel sheet holds (${SHEET_MAX_ROWS.toLocaleString('en')} rows, ${SHEET_MAX_COLUMNS.toLocaleString('en')} columns): ${e.detail}.`, SAVE_AS);
    default:
      return fail(`「${name}」を Excel ブックとして読めません。`, `"${name}" cannot be read as an Excel workbook.`, SAVE_AS);
  }
}
