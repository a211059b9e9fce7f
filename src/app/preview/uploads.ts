/**
 * A file the clerk picks in the editor (an attachment, a works list, an agency's form), copied into
 * the case's folder. The page sends a name and the bytes; nothing else of the request reaches the
 * file system. The kind is told by the content, never the name (PNG, JPEG, PDF, CSV, XLSX only), and
 * the file is read by the same checks `check` applies to a file a case names (src/input: images
 * decoded in full under a pixel limit, PDFs taken apart page by page, lists parsed) with their size
 * limits, before anything is written. It is written only into the case's folder, under the name
 * given when that is a plain file name of the right extension — else refused — made unique by a
 * number (奥付-2.pdf) rather than written over anything; the file is created new beside it and
 * linked into place, so neither a file nor a link planted at that name is ever written through.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Bilingual } from '../../base/problem.js';
import { decode, MAX_CSV_BYTES } from '../../input/csv.js';
import { MAX_IMAGE_BYTES, readImage } from '../../input/images.js';
import { looksLikePdf, MAX_PDF_BYTES, readPdf } from '../../input/pdf-file.js';
import { readSheetFile } from '../../input/sheet.js';

export type UploadKind = 'png' | 'jpeg' | 'pdf' | 'csv' | 'xlsx';

const KINDS: Record<UploadKind, { extensions: string[]; limit: number }> = {
  png: { extensions: ['.png'], limit: MAX_IMAGE_BYTES },
  jpeg: { extensions: ['.jpg', '.jpeg'], limit: MAX_IMAGE_BYTES },
  pdf: { extensions: ['.pdf'], limit: MAX_PDF_BYTES },
  csv: { extensions: ['.csv'], limit: MAX_CSV_BYTES },
  xlsx: { extensions: ['.xlsx'], limit: MAX_CSV_BYTES },
};

/** The largest upload, as its base64 text in a JSON body (4 characters per 3 bytes, and room for the rest). */
export const MAX_UPLOAD_BODY = Math.ceil(Math.max(...Object.values(KINDS).map((k) => k.limit)) / 3) * 4 + 64 * 1024;

/** What each purpose a field gives may be: a picture field takes no PDF. */
const PURPOSES: Record<string, UploadKind[]> = {
  image: ['png', 'jpeg'],
  attachment: ['png', 'jpeg', 'pdf'],
  list: ['csv', 'xlsx'],
  pdf: ['pdf'],
};

/** A file's kind among those a case may name, by its first bytes. */
export function kindOf(bytes: Uint8Array): UploadKind | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (looksLikePdf(bytes)) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes.length > 0 && !('problem' in decode(bytes.subarray(0, 64 * 1024)))) return 'csv';
  return undefined;
}

export type Upload = { ok: true; name: string; kind: UploadKind } | { ok: false; status: number; message: Bilingual };

const refuse = (status: number, ja: string, en: string): Upload => ({ ok: false, status, message: { ja, en } });

/** A plain file name: no folder, no `..`, not hidden, no control characters, not too long. */
// eslint-disable-next-line no-control-regex
const PLAIN_NAME = /^(?!\.)[^/\\\u0000-\u001f\u007f:*?"<>|]{1,120}$/;

export async function saveUpload(folder: string, body: unknown): Promise<Upload> {
  const { name, data, purpose } = (body ?? {}) as { name?: unknown; data?: unknown; purpose?: unknown };
  if (typeof name !== 'string' || !PLAIN_NAME.test(name.normalize('NFC')) || name.trim() !== name)
    return refuse(400, `ファイル名「${String(name)}」は使えません（フォルダを含まない、「.」で始まらない名前にしてください）。`,
      `The file name "${String(name)}" cannot be used (a plain name: no folder, not starting with ".").`);
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return refuse(400, 'ファイルの中身がありません。', 'The file\'s content is missing.');
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  const kind = kindOf(bytes);
  const allowed = typeof purpose === 'string' && Object.hasOwn(PURPOSES, purpose) ? PURPOSES[purpose] : Object.keys(KINDS) as UploadKind[];
  if (!kind || !allowed.includes(kind))
    return refuse(415, `「${name}」は使えない種類のファイルです（使えるのは ${allowed.join('・').toUpperCase()}）。`,
      `"${name}" is not a kind of file this takes (${allowed.join(', ').toUpperCase()} only).`);
  const { extensions, limit } = KINDS[kind];
  if (!extensions.includes(extname(name).toLowerCase()))
    return refuse(415, `「${name}」の中身は ${kind.toUpperCase()} ですが、名前の拡張子が違います（${extensions.join(' か ')} にしてください）。`,
      `"${name}" holds ${kind.toUpperCase()} but its name does not end ${extensions.join(' or ')}.`);
  if (bytes.length > limit)
    return refuse(413, `「${name}」が大きすぎます（${bytes.length}バイト、上限${limit}バイト）。`, `"${name}" is too large (${bytes.length} bytes; the limit is ${limit}).`);
  const unusable = await readsAs(kind, bytes);
  if (unusable) return { ok: false, status: 422, message: unusable };
  return placeInFolder(folder, name.normalize('NFC'), bytes, kind);
}

/** The file read as `check` reads one the case names, from a private folder of its own; a refusal's words. */
async function readsAs(kind: UploadKind, bytes: Uint8Array): Promise<Bilingual | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'yoshiki-upload-'));
  try {
    const file = `upload${KINDS[kind].extensions[0]}`;
    writeFileSync(join(dir, file), bytes, { flag: 'wx', mode: 0o600 });
    const read = kind === 'pdf' ? await readPdf(dir, file) : kind === 'csv' || kind === 'xlsx' ? await readSheetFile(dir, file) : readImage(dir, file);
    if (read.ok) return undefined;
    return { ja: `${read.problem.ja.replaceAll(file, 'ファイル')} ${read.hint.ja}`.trim(), en: `${read.problem.en.replaceAll(file, 'the file')} ${read.hint.en}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Written new beside its place and hard-linked there: link() fails on any name that exists, a planted link included. */
function placeInFolder(folder: string, name: string, bytes: Uint8Array, kind: UploadKind): Upload {
  const temp = join(folder, `.upload-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o644 });
    for (let n = 1; n <= 100; n++) {
      const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
      try {
        linkSync(temp, join(folder, candidate));
        return { ok: true, name: candidate, kind };
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
      }
    }
    return refuse(409, `「${name}」と同じ名前のファイルが多すぎます。名前を変えてください。`, `Too many files are named like "${name}": choose another name.`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return refuse(507, `ケースのフォルダに書けません（${code}）。`, `The case's folder cannot be written (${code}).`);
  } finally {
    try {
      unlinkSync(temp);
    } catch { /* never made */ }
  }
}
