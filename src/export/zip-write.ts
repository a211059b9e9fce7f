/**
 * Writes the zip archives yoshiki makes itself (the DOCX), with yazl: entries in the order given,
 * each dated FIXED_DATE, an entry of text made in pieces compressed as it is made. (zip.ts reads and
 * edits archives others made, by offsets.)
 */
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { FIXED_DATE } from './zip.js';

/**
 * A file of a zip archive: text or bytes, or text made in pieces while it is compressed; `store`:
 * not compressed (a PNG is already).
 */
export interface ZipPart { path: string; data: string | Uint8Array | (() => Iterable<string>); store?: boolean }

/**
 * yazl writes an entry's date as the local time of the Date it is given: the local midnight of
 * FIXED_DATE's day is 2000-01-01 00:00 in the archive in every time zone (forceDosTimestamp leaves
 * out the Unix time, which would differ by zone).
 */
const ENTRY_DATE = new Date(FIXED_DATE.getUTCFullYear(), FIXED_DATE.getUTCMonth(), FIXED_DATE.getUTCDate());

/**
 * A zip archive, written by yazl with Node's zlib (native, on the thread pool: four times the speed
 * of a JavaScript deflate). An entry made in pieces is pulled a piece at a time as the compressor
 * takes it, so its whole text is never held.
 */
export function writeZip(parts: ZipPart[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    zip.on('error', reject);
    const options = (compress: boolean) => ({ mtime: ENTRY_DATE, forceDosTimestamp: true, compress });
    for (const { path, data, store } of parts) {
      if (typeof data === 'function') {
        zip.addReadStreamLazy(path, options(!store), (ready) => ready(null, Readable.from(inBuffers(data()), { objectMode: false }).on('error', reject)));
        continue;
      }
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      zip.addBuffer(bytes, path, options(!store && bytes.length >= STORED_BELOW));
    }
    zip.end();
    const out: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => out.push(chunk)).on('error', reject).on('end', () => resolve(Buffer.concat(out)));
  });
}

/**
 * Smaller files are stored as they are: deflating one saves a kilobyte at most and costs setting
 * up a compressor (0.2–0.3 ms), and a DOCX has eight such parts — a tenth of a small paper's time.
 */
const STORED_BELOW = 4096;

/** Text pieces joined into buffers of 32,768 characters or more (32–96 KB): a stream step per table row would cost more than the row. */
function* inBuffers(pieces: Iterable<string>): Generator<Buffer> {
  let text = '';
  for (const piece of pieces) {
    text += piece;
    if (text.length >= 32_768) {
      yield Buffer.from(text);
      text = '';
    }
  }
  if (text) yield Buffer.from(text);
}
