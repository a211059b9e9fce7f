/**
 * Bytes of PDF syntax, written by hand where pdf-lib's objects cost more than what they write.
 */
import type { PDFObject } from 'pdf-lib';

/**
 * PDF syntax as it is written, into a buffer that grows: a page's content stream (kept for the
 * whole document: the text of a 10,000-row table made as strings, a piece per character, joined,
 * cost more than laying it out), or a page's dictionary written ahead of the save.
 */
export class PdfBytes {
  private buffer: Buffer;
  private length = 0;

  constructor(size = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  clear(): this {
    this.length = 0;
    return this;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Operators and numbers: ASCII (copied by hand: Buffer.write costs more than the copy for a few bytes). */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buffer[this.length++] = s.charCodeAt(i);
  }

  /** One of pdf-lib's objects, as pdf-lib writes it (a name, a number, a string). */
  object(o: PDFObject): void {
    const size = o.sizeInBytes();
    this.room(size);
    this.length += o.copyBytesInto(this.buffer, this.length);
  }

  /** A copy of what is written, to keep (bytes() is overwritten when the buffer is used again). */
  copy(): Uint8Array {
    return new Uint8Array(this.bytes());
  }

  /** One ASCII character, by its code. */
  char(c: number): void {
    this.room(1);
    this.buffer[this.length++] = c;
  }

  /**
   * A whole number of hundredths as a decimal number, as JavaScript writes v / 100 (12.3, -0.05,
   * 7): the same bytes without turning a fraction into a string, twice for each line of text.
   */
  hundredths(v: number): void {
    this.room(24);
    if (v < 0) {
      this.buffer[this.length++] = 0x2d;
      v = -v;
    }
    const whole = Math.floor(v / 100);
    const cents = v - whole * 100;
    this.digits(whole);
    if (cents === 0) return;
    this.buffer[this.length++] = 0x2e;
    this.buffer[this.length++] = 0x30 + Math.floor(cents / 10);
    if (cents % 10) this.buffer[this.length++] = 0x30 + (cents % 10);
  }

  /** A space, then a whole number of hundredths (see hundredths): a rule's coordinate, as the layout gives it. */
  spaced(v: number): void {
    this.char(0x20);
    this.hundredths(v);
  }

  /** A whole number ≥ 0 as String() writes it (a safe integer: no exponent). */
  private digits(v: number): void {
    if (v >= 10) this.digits(Math.floor(v / 10));
    this.buffer[this.length++] = 0x30 + (v % 10);
  }

  /**
   * A glyph code as two bytes of a literal string (…), Identity-H: half of what a hex string <…>
   * takes. A byte that is a parenthesis or a backslash is escaped, as is a line end (a reader
   * would read CR as LF).
   */
  glyph(id: number): void {
    this.room(4);
    this.glyphByte(id >> 8);
    this.glyphByte(id & 0xff);
  }

  private glyphByte(b: number): void {
    if (b === 0x28 || b === 0x29 || b === 0x5c) this.buffer[this.length++] = 0x5c;
    else if (b === 0x0d || b === 0x0a) {
      this.buffer[this.length++] = 0x5c;
      b = b === 0x0d ? 0x72 : 0x6e; // \r, \n
    }
    this.buffer[this.length++] = b;
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}

/** A number as a content stream writes it: to a hundredth of a point, which no printer resolves. */
export const pdfNumber = (x: number) => (Math.round(x * 100) / 100).toString();
