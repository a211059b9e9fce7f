/**
 * Hostile files made on demand for the corpus (test/hostile/corpus.mjs): damaged pictures, PDFs,
 * fonts and workbooks, made small in the repository and large only when written.
 */
import { closeSync, copyFileSync, openSync, readFileSync, readSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import iconv from 'iconv-lite';
import jpeg from 'jpeg-js';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
export const fixtureText = (name) => readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8');
export const GOOD_PNG = readFileSync(join(FIXTURES, 'reading-room.png'));
export const FONT = new URL('../../fonts/ipaexm.ttf', import.meta.url).pathname;

/** A PNG's chunks, to damage one and write it again with right (or wrong) CRCs. */
export function pngChunks(png = GOOD_PNG) {
  const out = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}
export function pngOf(parts) {
  return Buffer.concat([GOOD_PNG.subarray(0, 8), ...parts.map(({ type, data, badCrc }) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE((crc32(Buffer.concat([head.subarray(4), data])) ^ (badCrc ? 1 : 0)) >>> 0);
    return Buffer.concat([head, data, crc]);
  })]);
}
export const pngWithIhdr = (edit) => pngOf(pngChunks().map((c) => {
  if (c.type !== 'IHDR') return c;
  const data = Buffer.from(c.data);
  edit(data);
  return { ...c, data };
}));

/** A PNG of the given size and pixel bytes (8-bit, colour type `type`), each row filtered 0. */
export function pngRaw(width, height, { type = 0, depth = 8, channels = 1, interlace = 0, fill = 0x80 } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = type;
  ihdr[12] = interlace;
  const row = 1 + Math.ceil((width * channels * depth) / 8);
  const raw = Buffer.alloc(row * height, fill);
  for (let y = 0; y < height; y++) raw[y * row] = 0;
  return pngOf([{ type: 'IHDR', data: ihdr }, { type: 'IDAT', data: deflateSync(raw, { level: 9 }) }, { type: 'IEND', data: Buffer.alloc(0) }]);
}

export const jpegOf = (width = 64, height = 48) => Buffer.from(jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 0x80) }, 90).data);
/** A JPEG whose start-of-frame declares another size than its data. */
export function jpegDeclaring(width, height) {
  const j = jpegOf();
  for (let i = 2; i < j.length - 9; i++) {
    if (j[i] === 0xff && (j[i + 1] === 0xc0 || j[i + 1] === 0xc2)) {
      j.writeUInt16BE(height, i + 5);
      j.writeUInt16BE(width, i + 7);
      break;
    }
  }
  return j;
}

/** A file of `size` bytes that takes no room: `head` then holes. */
export function sparse(path, size, head = '') {
  writeFileSync(path, head);
  truncateSync(path, size);
}

/** A tiny PDF written by hand (objects and a cross-reference table), to be damaged at will. */
export function pdfOf(objects, { trailerExtra = '', xref = true } = {}) {
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const at = out.length;
  if (xref) {
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  }
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
export const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
export const onePagePdf = () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE]);

/** A zip (stored or deflated entries) written by hand, so an entry may lie about its size. */
export function zipOf(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, data, deflate = true, claimSize } of entries) {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
    const stored = deflate ? deflateRawSync(bytes) : bytes;
    const nameBytes = Buffer.from(name);
    const crc = crc32(bytes) >>> 0;
    const size = claimSize ?? bytes.length;
    // The local header and the central directory's entry hold the same fields, 2 bytes further on in the latter.
    const header = (signature, length, shift) => {
      const h = Buffer.alloc(length);
      h.writeUInt32LE(signature, 0);
      h.writeUInt16LE(20, 4);
      if (shift) h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0800, 6 + shift);
      h.writeUInt16LE(deflate ? 8 : 0, 8 + shift);
      h.writeUInt32LE(crc, 14 + shift);
      h.writeUInt32LE(stored.length, 18 + shift);
      h.writeUInt32LE(size, 22 + shift);
      h.writeUInt16LE(nameBytes.length, 26 + shift);
      return h;
    };
    const local = header(0x04034b50, 30, 0);
    const dir = header(0x02014b50, 46, 2);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, stored);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + stored.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** A workbook of one sheet: its sheet XML's rows, shared strings, and any entry replaced or added. */
export function xlsxOf({ rows = '', shared, sheetXml, extra = [], prolog = '' } = {}) {
  const entries = [
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${shared === undefined ? '' : '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'}</Types>` },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="works" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${shared === undefined ? '' : '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'}</Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml ?? `<?xml version="1.0" encoding="UTF-8"?>${prolog}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>` },
  ];
  if (shared !== undefined) entries.push({ name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${shared}</sst>` });
  const names = new Set(extra.map((e) => e.name));
  return zipOf([...entries.filter((e) => !names.has(e.name)), ...extra]);
}
/** An inline-string cell. */
export const cell = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
export const WORK_HEAD = ['title', 'author', 'category', 'description', 'directory_or_web', 'management_bodies', 'expert_bodies'];
/** A work with the three measures of 相当な努力 its list must record. */
export const WORK = ['港町の記憶', '山田 一', 'language', '随筆', '名鑑を閲覧した', '管理事業者に照会した', '団体に照会した'];
/** A works sheet's XML rows: the heading and `rows` works, each cell written by `cellOf`. */
export function worksRowsXml(works, cellOf = cell) {
  const cols = 'ABCDEFG';
  const row = (r, values) => `<row r="${r}">${values.map((v, i) => cellOf(`${cols[i]}${r}`, v)).join('')}</row>`;
  return [row(1, WORK_HEAD), ...works.map((w, i) => row(i + 2, w))].join('');
}

/** A works CSV (UTF-8 text) with the heading and rows. */
/** A CSV cell, quoted as CSV quotes (doubled quotes) when it must be. */
export const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const worksCsv = (rows, head = WORK_HEAD.join(',')) => `${head}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
export const sjis = (text) => iconv.encode(text, 'Shift_JIS');
export const utf16 = (text, be = false) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!be) return le;
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};

/** A font cut, or with its glyph table's bytes damaged. */
export function fontCut(path, bytes) {
  const fd = openSync(FONT, 'r');
  const buf = Buffer.alloc(bytes);
  readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  writeFileSync(path, buf);
}
export function fontTableDamaged(path, tag, fill = 0xff) {
  copyFileSync(FONT, path);
  const font = readFileSync(path);
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + 16 * i;
    if (font.toString('latin1', at, at + 4) !== tag) continue;
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(Math.min(length, 4096), fill), 0, Math.min(length, 4096), offset);
    closeSync(fd);
  }
}
