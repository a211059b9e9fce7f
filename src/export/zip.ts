import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * Office files are zip archives that their writers stamp with the time of writing, in every entry's
 * header. Stamped again with one fixed date, the same case and the same input give the same bytes,
 * which batch runs and reviewers rely on. The dates are patched where they lie in the headers, not
 * by unzipping and compressing again: recompressing with a JavaScript deflate cost a tenth of a
 * batch's time.
 */

/** The date every output file says it was made (zip entries, docProps/core.xml, PDF metadata). */
export const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

// MS-DOS date and time of FIXED_DATE as zip headers hold them: years since 1980, month, day; 00:00:00.
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Rewrites the modification date of every entry, in the central directory and each local header. */
export function pinZipDates(zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const end = findEndOfDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error('unexpected zip layout: central directory entry missing');
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error('unexpected zip layout: local header missing');
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KB comment. */
function findEndOfDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  throw new Error('not a zip archive: no end of central directory');
}

/**
 * A file of a zip archive: text or bytes, or text made in pieces while it is compressed; `store`:
 * not compressed (a PNG is already).
 */
export interface ZipEntry { path: string; data: string | Uint8Array | (() => Iterable<string>); store?: boolean }

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
export function writeZip(entries: ZipEntry[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    zip.on('error', reject);
    const options = (compress: boolean) => ({ mtime: ENTRY_DATE, forceDosTimestamp: true, compress });
    for (const { path, data, store } of entries) {
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

/** Text pieces joined into buffers of about 64 KB: a stream step per table row would cost more than the row. */
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

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with the title, yoshiki as creator, and FIXED_DATE in place of the time of writing. */
export function coreProperties(title: string): string {
  const when = FIXED_DATE.toISOString().replace(/\.\d+Z$/, 'Z');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>yoshiki</dc:creator><cp:lastModifiedBy>yoshiki</cp:lastModifiedBy><cp:revision>1</cp:revision>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
    + '</cp:coreProperties>';
}
