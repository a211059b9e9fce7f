/**
 * A CSV is split by hand where it can be (src/input/sheet.ts, handSpans): it must give what
 * csv-parse gives — the same records, lines and byte spans — or leave the file to csv-parse, which
 * then says where a fault is.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/input/csv.js';
import { csvParseSpans, csvRecordSpans, handSpans } from '../../src/input/sheet.js';

describe('a CSV split by hand', () => {
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
    ['a comma last', 'a,b,\nc,'],
    ['quoted', 'a,b\r\nc,"d,e"\r\n'],
    ['quotes doubled', '"a ""b""",c\n"""",""\n'],
    ['a line break in a cell', 'a,"b\r\nc",d\r\ne,f\r\n'],
    ['a line break in the last cell, no end', 'a,"b\nc"'],
    ['CRLF records, LF in a cell (as Excel writes)', 'a,"b\nc",d\r\ne,f\r\n'],
    ['a CRLF in a cell counts one line', 'a,"b\r\nc\r\nd"\r\ne,f\r\ng\r\n'],
    ['mixed line ends (csv-parse)', 'a,b\r\nc,d\ne,f\r\n'],
    ['LF then CRLF (csv-parse)', 'a,b\nc,d\r\n'],
    ['a lone CR (csv-parse)', 'a,b\rc,d'],
    ['a quote inside a cell (csv-parse)', 'a,b"c\n'],
    ['text after a closing quote (csv-parse)', 'a,"b"c\n'],
    ['a quote never closed (csv-parse)', 'a,"b\nc,d\n'],
  ])('%s: the same as csv-parse', (_, text) => {
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      expect(csvRecordSpans(bytes)).toEqual(csvParseSpans(bytes));
      // Split by hand unless the case says csv-parse.
      const decoded = decode(bytes) as { text: string; encoding: 'utf-8' };
      expect(handSpans(bytes, decoded) === undefined).toBe(_.includes('csv-parse'));
    }
  });

  it('in Shift_JIS: the same spans in the file', () => {
    const bytes = iconv.encode('題号,著者\r\n髙橋の記,"①,\r\n②"\r\n', 'cp932');
    const read = csvRecordSpans(bytes);
    expect(read).toEqual(csvParseSpans(bytes));
    expect(read.ok && read.encoding).toBe('cp932');
  });

  it('a plain Uint8Array inside a larger buffer (as a file is read): the same spans as a Buffer of its bytes', () => {
    const text = Buffer.from('題号,著者\r\n髙橋の記,"①,\n②"\r\nx,y');
    const inside = Buffer.concat([Buffer.from('\n\n'), text, Buffer.from('\n\n')]);
    const view = new Uint8Array(inside.buffer, inside.byteOffset + 2, text.length);
    expect(csvRecordSpans(view)).toEqual(csvRecordSpans(Buffer.from(text)));
    expect(csvRecordSpans(view)).toEqual(csvParseSpans(Buffer.from(text)));
  });

  it('gives what csv-parse gives for any text made of cells, quotes, commas and line ends', () => {
    const pieces = ['a', '題', ' ', ',', '"', '""', '\n', '\r\n', '\r', ',"', '",'];
    let byHand = 0;
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), (parts) => {
      const bytes = Buffer.from(parts.join(''));
      const hand = handSpans(bytes, decode(bytes) as { text: string; encoding: 'utf-8' });
      if (hand === undefined) return;
      byHand++;
      expect(hand).toEqual(csvParseSpans(bytes));
    }), { numRuns: 800, seed: 20 });
    // Most of them split by hand, not left to csv-parse.
    expect(byHand).toBeGreaterThan(150);
  });

  it('says the line a record starts on after line breaks inside cells (csv-parse counts a CRLF there twice)', () => {
    const read = csvParseSpans(Buffer.from('a,"b\r\nc"\r\nd,e\r\n"f\r\n\r\ng",h\r\ni\r\n'));
    expect(read.ok && read.records.map((r) => r.line)).toEqual([1, 3, 4, 7]);
  });
});
