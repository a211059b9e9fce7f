/**
 * Reads an image a case names (別添資料, a reading-room photo): PNG or JPEG only, since those are
 * what PDF and DOCX both embed as they are. Only the path the case names is read; a problem says
 * which path and why. image-size reads the pixel size from the header without decoding the image.
 */
import { imageSize } from 'image-size';
import { readNamedFile } from './named-file.js';
import type { Bilingual } from '../base/problem.js';

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
  const bad = (ja: string, en: string, hint: Bilingual): ImageResult => ({ ok: false, problem: { ja, en }, hint });
  const read = readNamedFile(caseDir, name, MAX_IMAGE_BYTES, { ja: '画像ファイル', en: 'The image' },
    { ja: '解像度を下げて保存し直してください。', en: 'Save it again at a lower resolution.' });
  if (!read.ok) return read;
  const bytes = Buffer.from(read.bytes);
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
