/**
 * Reads an image a case names (別添資料, a reading-room photo): PNG or JPEG only, since those are
 * what PDF and DOCX both embed. Only the path the case names is read; a problem says which path
 * and why.
 *
 * Every image is decoded in full when it is read — at `check`, not only at `render` — by decoders
 * that check what they read (pngjs: every chunk's CRC, the palette, the bit depth, the compressed
 * data to its end; jpeg-js without its tolerant mode: every scan complete). A damaged picture is a
 * message at its field; before, a truncated PNG sent pdf-lib's own decoder into an endless loop at
 * render and a damaged one was drawn as noise. The pixel count is checked from the header first,
 * before anything is decoded: a 1.2 MB PNG can declare 20,000 × 20,000 pixels (1.6 GB of RGBA).
 * What is embedded is what was decoded: a PNG is written again from its decoded pixels, a JPEG,
 * whose decoding proved it whole, is embedded as it is (PDF and DOCX both carry JPEG data unchanged).
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readNamedFile, type FolderOf } from './named-file.js';
import type { Bilingual } from '../base/problem.js';

export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
/**
 * A4 scanned at 400 dpi is 3,307 × 4,677 = 15.5 million pixels; 20 million leave room. Checking and
 * rendering a picture takes about 17 bytes a pixel at its peak (pngjs decodes to RGBA, the PDF
 * writer decodes again): a 36-million-pixel RGB PNG (A4 at 600 dpi) took 630 MB and 11 s of CPU
 * (issue 21's hostile pass; the bound is 500 MB and 10 s). 300 dpi is plenty for a 別添 on paper.
 */
export const MAX_IMAGE_PIXELS = 20_000_000;

export interface ImageFile {
  /** The path as the case wrote it, for captions and messages. */
  name: string;
  /** What PDF and DOCX embed: the decoded pixels as a PNG written by us, or the proven JPEG. */
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
  widthPx: number;
  heightPx: number;
}

export type ImageResult = { ok: true; image: ImageFile } | { ok: false; problem: Bilingual; hint: Bilingual };

const SAVE_AGAIN: Bilingual = { ja: '画像編集ソフトで開けるか確かめ、PNG か JPEG で保存し直してください。', en: 'Check that an image editor opens it, and save it again as PNG or JPEG.' };

export function readImage(caseDir: FolderOf, name: string): ImageResult {
  const bad = (ja: string, en: string, hint: Bilingual): ImageResult => ({ ok: false, problem: { ja, en }, hint });
  const read = readNamedFile(caseDir, name, MAX_IMAGE_BYTES, { ja: '画像ファイル', en: 'The image' },
    { ja: '解像度を下げて保存し直してください。', en: 'Save it again at a lower resolution.' });
  if (!read.ok) return read;
  const bytes = read.bytes;
  const format = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 ? 'png'
    : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : null;
  if (!format) return bad(`画像ファイル「${name}」を PNG または JPEG として読めません。`, `The image "${name}" cannot be read as PNG or JPEG.`,
    { ja: 'PNG か JPEG で保存し直してください。', en: 'Save it again as PNG or JPEG.' });
  const size = headerSize(bytes);
  if (!size) return damaged(name, format, 'the header');
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    return bad(`画像ファイル「${name}」の画素数が多すぎます（${size.width}×${size.height}、上限${MAX_IMAGE_PIXELS.toLocaleString('en')}画素）。`,
      `The image "${name}" has too many pixels (${size.width} × ${size.height}; the limit is ${MAX_IMAGE_PIXELS.toLocaleString('en')}).`,
      { ja: '解像度を下げて（A4 なら 300〜400dpi で）保存し直してください。', en: 'Save it again at a lower resolution (300–400 dpi for A4).' });
  const decoded = decodeOnce(bytes, format);
  if ('damage' in decoded) return damaged(name, format, decoded.damage);
  return { ok: true, image: { name, format, widthPx: decoded.widthPx, heightPx: decoded.heightPx, bytes: decoded.bytes } };
}

function damaged(name: string, format: 'png' | 'jpeg', where: string): ImageResult {
  const kind = format === 'png' ? 'PNG' : 'JPEG';
  return { ok: false, problem: { ja: `画像ファイル「${name}」は壊れているか途中で切れていて、${kind} として最後まで読めません。`,
    en: `The image "${name}" is damaged or cut short: it cannot be read to its end as ${kind} (${where}).` }, hint: SAVE_AGAIN };
}

/** The pixel size the header declares; image-size reads it without decoding. */
function headerSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

type Decoded = { widthPx: number; heightPx: number; bytes: Uint8Array } | { damage: string };

/**
 * The verdict on the same bytes is the same: kept by their hash, so a preview that checks a case at
 * every edit decodes its pictures once (a 3-million-pixel JPEG takes about half a second here).
 */
const decodedByHash = new Map<string, Decoded>();
const KEEP_DECODED = 32;

function decodeOnce(bytes: Uint8Array, format: 'png' | 'jpeg'): Decoded {
  const key = createHash('sha1').update(bytes).digest('hex');
  let d = decodedByHash.get(key);
  if (!d) {
    d = format === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
    if (decodedByHash.size >= KEEP_DECODED) decodedByHash.delete(decodedByHash.keys().next().value!);
    decodedByHash.set(key, d);
  }
  return d;
}

/** Channels of each PNG colour type (grey, RGB, palette, grey + alpha, RGBA: ISO 15948 11.2.2). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7's seven passes: first column and row, then the steps between them (ISO 15948 8.2). */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

/** The bytes the image data must inflate to: each row (of each pass) with its filter byte. */
function pngDataLength(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((n, [x, y, dx, dy]) => n + rows(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)), 0);
}

/**
 * Whether the image data is whole: present, and inflating to exactly the bytes the header's size
 * needs. pngjs's own inflater hands on a buffer it never filled when the data is missing or short,
 * so a PNG without image data was read from whatever the memory held — refused on one run,
 * accepted with stray pixels on the next (issue 21's hostile pass). Inflated by Node's zlib and
 * let go at once.
 */
function pngDataDamage(bytes: Uint8Array): string | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at + 8 <= view.length;) {
    const length = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > view.length) return `the ${type} chunk is cut short`;
    const data = view.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header ??= data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header || header.length < 13) return 'no header';
  if (idat.length === 0) return 'no image data';
  const channels = PNG_CHANNELS[header[9]];
  if (!channels) return `colour type ${header[9]}`;
  const expected = pngDataLength(header.readUInt32BE(0), header.readUInt32BE(4), channels * header[8], header[12] === 1);
  let inflated: number;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 }).length;
  } catch {
    return 'the image data does not inflate, or holds more than the image';
  }
  return inflated === expected ? undefined : `the image data holds ${inflated} of ${expected} bytes`;
}

function decodePng(bytes: Uint8Array): Decoded {
  const damage = pngDataDamage(bytes);
  if (damage) return { damage };
  let png: PNG & { color?: boolean; alpha?: boolean };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: true });
  } catch (e) {
    return { damage: (e as Error).message };
  }
  // Written again from the pixels, as RGB(A) or grey(A); only this compressed copy is kept, not the pixels.
  const colorType = (png.color === false ? 0 : 2) + (png.alpha ? 4 : 0);
  const written = new Uint8Array(PNG.sync.write(png, { colorType: colorType as 0 | 2 | 4 | 6, deflateLevel: 6 }));
  return { widthPx: png.width, heightPx: png.height, bytes: written };
}

function decodeJpeg(bytes: Uint8Array): Decoded {
  try {
    // tolerantDecoding off: a scan that ends early is an error, not grey blocks.
    const img = jpeg.decode(bytes, { tolerantDecoding: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 400, useTArray: true });
    // Pixels are placed as stored: PDF and DOCX both ignore a JPEG's EXIF orientation.
    return { widthPx: img.width, heightPx: img.height, bytes };
  } catch (e) {
    return { damage: (e as Error).message };
  }
}
