/**
 * Reads a CSV a user keeps beside a case file: UTF-8 with or without BOM, or Shift_JIS (CP932) as
 * Excel saves it, told apart without being told. Every record keeps the line it started on so a
 * problem can name file, row and column.
 *
 * Papa Parse does the quoting rules (quoted commas, doubled quotes, line breaks inside a cell), a
 * record at a time, and finds quoting mistakes; the rows must have as many cells as the header.
 * It reads 100,000 works in 0.3–0.7 s where csv-parse took 3.6–4.6 s (csv-parse still splits the
 * NDL's lists, sheet.ts, where the byte span of each record matters). iconv-lite decodes CP932
 * including the NEC/IBM extensions Excel writes (①, ㈱, 髙).
 */
import Papa from 'papaparse';
import { readBounded } from '../base/bounded-file.js';
import iconv from 'iconv-lite';
import type { Problem } from '../base/problem.js';

/** Far above any real list of works (10,000 works are about 6 MB), far below what would hurt. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
/**
 * The most records (works) a CSV may hold: 100,000 works render in bounded time and memory (README,
 * Speed); 64 MB of short rows would be millions, each a row of every paper.
 */
export const MAX_CSV_RECORDS = 100_000;

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

export interface CsvRecord {
  /** Line of the file the record starts on (1-based, the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  encoding: CsvEncoding;
  header: string[];
  records: CsvRecord[];
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; problems: Problem[] };

const fail = (file: string, line: number | undefined, ja: string, en: string, hint?: Problem['hint']): CsvResult => ({
  ok: false,
  problems: [{ severity: 'error', path: [], file, line, column: line === undefined ? undefined : 1, ja, en, hint }],
});

const SAVE_AS = {
  ja: 'Excel では「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存してください。',
  en: 'In Excel, save as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)".',
};

export function readCsvFile(file: string): CsvResult {
  const read = readBounded(file, MAX_CSV_BYTES);
  if (read.ok) return parseCsvBytes(file, read.bytes);
  if (read.reason === 'too-large')
    return fail(file, undefined, `CSV ファイルが大きすぎます（${read.size}バイト以上、上限${MAX_CSV_BYTES}バイト）。`,
      `The CSV file is too large (${read.size} bytes or more; the limit is ${MAX_CSV_BYTES}).`,
      { ja: '申請を分けてください。', en: 'Split the application.' });
  if (read.reason === 'not-file')
    return fail(file, undefined, `「${file}」は普通のファイルではありません（フォルダ・デバイス・パイプなど）。`, `"${file}" is not a regular file (a folder, a device, a pipe…).`,
      { ja: 'works_file には CSV ファイルそのものを指定してください。', en: 'Name the CSV file itself in works_file.' });
  return fail(file, undefined, `CSV ファイル「${file}」が見つからないか、読めません。`, `The CSV file "${file}" does not exist or cannot be read.`,
    { ja: 'works_file のパス（ケースファイルのフォルダからの相対パス）を確かめてください。', en: 'Check the works_file path (relative to the case file\'s folder).' });
}

export function parseCsvBytes(file: string, bytes: Uint8Array): CsvResult {
  const decoded = decode(bytes);
  if ('problem' in decoded) return fail(file, decoded.line, decoded.problem.ja, decoded.problem.en, SAVE_AS);
  const read = csvRecords(decoded.text);
  if ('problem' in read) return fail(file, read.line, read.problem.ja, read.problem.en, read.problem.hint);
  if (!read.header) return fail(file, 1, 'CSV が空です。', 'The CSV is empty.', SAVE_AS);
  return { ok: true, table: { file, encoding: decoded.encoding, header: read.header.map((h) => h.trim()), records: read.records } };
}

const QUOTES_AND_COLUMNS = { ja: '引用符（"）の対応と、各行の列の数を確かめてください。', en: 'Check the quotes (") and the number of columns on each row.' };

type CsvRecords = { header?: string[]; records: CsvRecord[] } | { problem: { ja: string; en: string; hint: Problem['hint'] }; line: number };

/**
 * The header and the records, each with the line it starts on: counted from the newlines Papa Parse
 * has passed (its cursor), so a cell holding line breaks, or an empty line skipped, keeps the count.
 */
function csvRecords(text: string): CsvRecords {
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  let failure: CsvRecords | undefined;
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',', skipEmptyLines: true,
    step: (row, parser) => {
      const start = line + newlines(text, cursor, firstCell(text, cursor));
      line += newlines(text, cursor, row.meta.cursor);
      cursor = row.meta.cursor;
      failure = rowFailure(row, start, header, records.length);
      if (failure) return parser.abort();
      if (header) records.push({ line: start, cells: row.data });
      else header = row.data;
    },
  });
  return failure ?? { header, records };
}

/** A quoting mistake, a row whose cells are not as many as the header's, or one row too many. */
function rowFailure(row: Papa.ParseStepResult<string[]>, line: number, header: string[] | undefined, count: number): CsvRecords | undefined {
  const problem = (ja: string, en: string, hint: Problem['hint'] = QUOTES_AND_COLUMNS): CsvRecords => ({ problem: { ja, en, hint }, line });
  const error = row.errors[0];
  if (error?.code === 'MissingQuotes') return problem('CSV として読めません（閉じていない引用符があります）。', 'This is not valid CSV: a quote (") is not closed.');
  if (error) return problem('CSV として読めません（引用符の後に余計な文字があります）。', `This is not valid CSV: ${error.message}.`);
  if (header && row.data.length !== header.length)
    return problem(`CSV として読めません（列の数が見出しの行と違う行があります: ${row.data.length}列、見出しは${header.length}列）。`,
      `This is not valid CSV: this row has ${row.data.length} cells, the header ${header.length}.`);
  if (count === MAX_CSV_RECORDS)
    return problem(`行が多すぎます（上限${MAX_CSV_RECORDS.toLocaleString('en')}行）。ここが上限を超えた最初の行です。`,
      `There are too many rows (the limit is ${MAX_CSV_RECORDS.toLocaleString('en')}); this is the first one past it.`,
      { ja: '申請を分けてください。', en: 'Split the application.' });
  return undefined;
}

/** Where the next record's text starts: after the empty lines Papa Parse skips. */
function firstCell(text: string, from: number): number {
  let at = from;
  while (text[at] === '\r' || text[at] === '\n') at++;
  return at;
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

type Decoded = { text: string; encoding: CsvEncoding } | { problem: { ja: string; en: string }; line?: number };

/** UTF-8 when the bytes are valid UTF-8 (a BOM says so outright), otherwise CP932. */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return { problem: { ja: 'UTF-16（「Unicode テキスト」）の CSV は読めません。', en: 'UTF-16 ("Unicode text") files are not read.' } };
  if (bytes.includes(0))
    return { problem: { ja: 'テキストの CSV ではありません（バイナリファイルか、Excel のブックそのものです）。', en: 'This is not a text CSV (a binary file, or an Excel workbook itself).' } };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = utf8(bytes.subarray(3));
    if (text !== null) return { text, encoding: 'utf-8-bom' };
  }
  const text = utf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8' };
  const sjis = iconv.decode(Buffer.from(bytes), 'cp932');
  const bad = sjis.indexOf('\uFFFD');
  if (bad >= 0)
    return {
      problem: { ja: 'UTF-8 としても Shift_JIS としても読めない文字があります。', en: 'Some bytes are neither UTF-8 nor Shift_JIS.' },
      line: sjis.slice(0, bad).split('\n').length,
    };
  return { text: sjis, encoding: 'cp932' };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
