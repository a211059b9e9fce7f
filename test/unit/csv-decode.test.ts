/**
 * A CSV's UTF-8 is checked and decoded by a faster path than TextDecoder (src/input/csv.ts, utf8):
 * it must accept exactly the bytes a fatal TextDecoder accepts and give the same text, a BOM
 * dropped as TextDecoder drops it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, utf8 } from '../../src/input/csv.js';

const byDecoder = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

describe('UTF-8 read from a CSV', () => {
  it.each([
    ['empty', []],
    ['ASCII', [...Buffer.from('title,author\r\n')]],
    ['Japanese and astral', [...Buffer.from('題号,髙①😀𠮷\n')]],
    ['a BOM', [0xef, 0xbb, 0xbf, 0x41]],
    ['two BOMs', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]],
    ['a BOM inside', [0x41, 0xef, 0xbb, 0xbf, 0x42]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['cut short', [0xe9, 0xab]],
    ['a lone continuation byte', [0x80]],
    ['Shift_JIS', [0x91, 0xe8, 0x8d, 0x86]],
  ])('%s: as TextDecoder reads it', (_, bytes) => {
    const b = Uint8Array.from(bytes);
    expect(utf8(b)).toBe(byDecoder(b));
  });

  it('reads any bytes as TextDecoder does (valid UTF-8 or not)', () => {
    // Whole characters of one to four bytes (a BOM among them) between stray bytes.
    const characters = ['a', ',', 'é', '題', '\uFEFF', '😀', '\uFFFD'].map((c) => [...Buffer.from(c)]);
    const piece = fc.oneof(fc.constantFrom(...characters), fc.uint8Array({ maxLength: 4 }).map((a) => [...a]));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const b = Uint8Array.from(pieces.flat());
      expect(utf8(b)).toBe(byDecoder(b));
    }), { numRuns: 1000 });
  });

  it('decodes a view by its own bytes, as a Buffer or a plain Uint8Array (as a file is read)', () => {
    const view = (b: Buffer, from: number, to: number) => new Uint8Array(b.buffer, b.byteOffset + from, to - from);
    const utf = Buffer.from('\0x題号,著者\n\0');
    expect(decode(utf.subarray(2, utf.length - 1))).toEqual({ text: '題号,著者\n', encoding: 'utf-8' });
    expect(decode(view(utf, 2, utf.length - 1))).toEqual({ text: '題号,著者\n', encoding: 'utf-8' });
    expect(decode(view(utf, 0, 4))).toHaveProperty('problem.en', 'This is not a text CSV (a binary file, or an Excel workbook itself).');
    const sjis = Buffer.concat([Buffer.from([0]), Buffer.from([0x91, 0xe8, 0x8d, 0x86, 0x0a]), Buffer.from([0])]);
    expect(decode(view(sjis, 1, sjis.length - 1))).toEqual({ text: '題号\n', encoding: 'cp932' });
  });
});
