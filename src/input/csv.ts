/**
 * Reads a CSV a user keeps beside a case file: UTF-8 with or without BOM, or Shift_JIS (CP932) as
 * Excel saves it, told apart without being told. Every record keeps the line it started on so a
 * problem can name file, row and column.
 *
 * csv-parse does the quoting rules (quoted commas, doubled quotes, line breaks inside a cell);
 * iconv-lite decodes CP932 including the NEC/IBM extensions Excel writes (①, ㈱, 髙).
 */
import { readBounded } from '../base/bounded-file.js';
import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Problem } from '../base/problem.js';

/** Far above any real list of works (10,000 works are about 6 MB), far below what would hurt. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

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
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(decoded.text, { info: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    return fail(file, line, `CSV として読めません（${csvErrorJa(e.code)}）。`, `This is not valid CSV: ${e.message}`,
      { ja: '引用符（"）の対応と、各行の列の数を確かめてください。', en: 'Check the quotes (") and the number of columns on each row.' });
  }
  if (rows.length === 0) return fail(file, 1, 'CSV が空です。', 'The CSV is empty.', SAVE_AS);
  const [head, ...body] = rows;
  return {
    ok: true,
    table: {
      file,
      encoding: decoded.encoding,
      header: head.record.map((h) => h.trim()),
      // csv-parse counts lines up to the end of a record; a record spanning lines starts earlier.
      records: body.map((r) => ({ line: r.info.lines - countNewlines(r.record), cells: r.record })),
    },
  };
}

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (const ch of cell) if (ch === '\n') n++;
  return n;
}

function csvErrorJa(code: string): string {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': return '列の数が見出しの行と違う行があります';
    case 'CSV_QUOTE_NOT_CLOSED': return '閉じていない引用符があります';
    case 'CSV_INVALID_CLOSING_QUOTE': return '引用符の後に余計な文字があります';
    default: return code;
  }
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
