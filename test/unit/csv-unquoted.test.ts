/**
 * A CSV without quotation marks is split by hand (src/input/sheet.ts, unquotedSpans): it must give
 * what csv-parse gives — the same records, lines and byte spans — or leave the file to csv-parse.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/input/csv.js';
import { csvParseSpans, csvRecordSpans, unquotedSpans } from '../../src/input/sheet.js';

describe('a CSV without quotation marks', () => {
  it.each([
    ['CRLF', 'title,author\r\n題A,著者A\r\n題B,著者B\r\n'],
    ['LF, no end', 'title,author\n題A,著者A\n題B,著者B'],
    ['empty lines', 'a,b\n\n\nc,d\n\n'],
    ['CRLF empty lines', 'a,b\r\n\r\nc,d'],
    ['starts with a line end', '\na,b\nc,d'],
    ['spaces kept', 'a, b \n c,d'],
    ['empty cells', 'a,b\n,\n'],
    ['rows of other widths', 'a,b\nc\nd,e,f\n'],
    ['one line', 'a,b'],
    ['mixed line ends (csv-parse)', 'a,b\r\nc,d\ne,f\r\n'],
    ['LF then CRLF (csv-parse)', 'a,b\nc,d\r\n'],
    ['a lone CR (csv-parse)', 'a,b\rc,d'],
    ['quoted (csv-parse)', 'a,b\r\nc,"d,e"\r\n'],
  ])('%s: the same as csv-parse', (_, text) => {
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      expect(csvRecordSpans(bytes)).toEqual(csvParseSpans(bytes));
      // Split by hand unless the case says csv-parse.
      const decoded = decode(bytes) as { text: string; encoding: 'utf-8' };
      expect(unquotedSpans(bytes, decoded) === undefined).toBe(_.includes('csv-parse'));
    }
  });

  it('in Shift_JIS: the same spans in the file', () => {
    const bytes = iconv.encode('題号,著者\r\n髙橋の記,①\r\n', 'cp932');
    const read = csvRecordSpans(bytes);
    expect(read).toEqual(csvParseSpans(bytes));
    expect(read.ok && read.encoding).toBe('cp932');
  });
});
