/**
 * A CSV without quotation marks is split by hand (src/input/csv.ts, unquotedRecords): it must give
 * what csv-parse gives — the same cells and the same lines — or leave the file to csv-parse.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../src/input/csv.js';

/** What csv-parse makes of the text, as the table parseCsvBytes returns (or 'error'). */
function byCsvParse(text: string) {
  try {
    const rows = parse(text, { info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    const newlines = (cells: string[]) => cells.join('').split('\n').length - 1;
    return { header: rows[0].record.map((h) => h.trim()), records: rows.slice(1).map((r) => ({ line: r.info.lines - newlines(r.record), cells: r.record })) };
  } catch {
    return 'error';
  }
}

const byYoshiki = (text: string) => {
  const read = parseCsvBytes('works.csv', Buffer.from(text));
  return read.ok ? { header: read.table.header, records: read.table.records } : 'error';
};

describe('a CSV without quotation marks', () => {
  it.each([
    ['CRLF', 'title,author\r\n題A,著者A\r\n題B,著者B\r\n'],
    ['LF, no end', 'title,author\n題A,著者A\n題B,著者B'],
    ['empty lines skipped, counted', 'a,b\n\n\nc,d\n\n'],
    ['CRLF empty lines', 'a,b\r\n\r\nc,d'],
    ['spaces kept', 'a, b \n c,d'],
    ['empty cells', 'a,b\n,\n'],
    ['a line of spaces is a record', 'a,b\n  \nc,d\n'],
    ['a row of another width', 'a,b\nc'],
    ['mixed line ends', 'a,b\r\nc,d\ne,f\r\n'],
    ['LF then CRLF', 'a,b\nc,d\r\n'],
    ['a lone CR', 'a,b\rc,d'],
    ['starts with a line end', '\na,b\nc,d'],
    ['quoted (csv-parse)', 'a,b\r\nc,"d,e"\r\n'],
  ])('%s: the same as csv-parse', (_, text) => {
    expect(byYoshiki(text)).toEqual(byCsvParse(text));
  });
});
