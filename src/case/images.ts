/**
 * Reads an image a case names (別添資料, a reading-room photo): PNG or JPEG only, since those are
 * what PDF and DOCX both embed as they are. Only the path the case names is read; a problem says
 * which path and why. image-size reads the pixel size from the header without decoding the image.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { imageSize } from 'image-size';
import type { Bilingual } from './problem.js';

export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export interface ImageFile {
  /** The path as the case wrote it, for captions and messages. */
  name: string;
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
  widthPx: number;
  heightPx: number;
}

export type ImageResult = { ok: true; image: ImageFile } | { ok: false; problem: Bilingual; hint: Bilingual };

export function readImage(caseDir: string, name: string): ImageResult {
  const path = isAbsolute(name) ? name : resolve(caseDir, name);
  const bad = (ja: string, en: string, hint: Bilingual): ImageResult => ({ ok: false, problem: { ja, en }, hint });
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return bad(`画像ファイル「${name}」が見つかりません。`, `The image "${name}" does not exist.`,
      { ja: 'パスはケースファイルのあるフォルダからの相対パスで書いてください。', en: 'Write the path relative to the case file\'s folder.' });
  }
  if (size > MAX_IMAGE_BYTES)
    return bad(`画像ファイル「${name}」が大きすぎます（${size}バイト、上限${MAX_IMAGE_BYTES}バイト）。`,
      `The image "${name}" is too large (${size} bytes; the limit is ${MAX_IMAGE_BYTES}).`,
      { ja: '解像度を下げて保存し直してください。', en: 'Save it again at a lower resolution.' });
  const bytes = readFileSync(path);
  const format = bytes[0] === 0x89 && bytes.subarray(1, 4).toString('latin1') === 'PNG' ? 'png'
    : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : null;
  const unreadable = () => bad(`画像ファイル「${name}」を PNG または JPEG として読めません。`,
    `The image "${name}" cannot be read as PNG or JPEG.`,
    { ja: 'PNG か JPEG で保存し直してください。', en: 'Save it again as PNG or JPEG.' });
  if (!format) return unreadable();
  try {
    const dims = imageSize(bytes);
    if (!dims.width || !dims.height) return unreadable();
    // Pixels are placed as stored: PDF and DOCX both ignore a JPEG's EXIF orientation.
    return { ok: true, image: { name, bytes: new Uint8Array(bytes), format, widthPx: dims.width, heightPx: dims.height } };
  } catch {
    return unreadable();
  }
}
