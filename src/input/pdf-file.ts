/**
 * Reads a PDF a case names (a 別添資料: the CRIC page printed to PDF, a reply received by e-mail,
 * a scanned colophon), so its pages can be copied into our PDF as they are. A file that is not a
 * PDF, is encrypted, or that pdf-lib cannot take apart page by page is refused here, at check time,
 * naming the file — never found out while rendering.
 */
import { readNamedFile, type FolderOf } from './named-file.js';
import type { Bilingual } from '../base/problem.js';
import { visibleBox } from '../model/document.js';

export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** A 別添 is a few pages (a reply, a colophon); 500 pages is a book, not an attachment. */
export const MAX_PDF_PAGES = 500;

export interface PdfFile {
  /** The path as the case wrote it, for captions and messages. */
  name: string;
  bytes: Uint8Array;
  /** Each page as shown: its size in points and its clockwise turn. */
  pages: { widthPt: number; heightPt: number; rotate: 0 | 90 | 180 | 270 }[];
}

export type PdfResult = { ok: true; pdf: PdfFile } | { ok: false; problem: Bilingual; hint: Bilingual };

const bad = (ja: string, en: string, hint: Bilingual): PdfResult => ({ ok: false, problem: { ja, en }, hint });

/** Whether bytes start as a PDF does (「%PDF-」, possibly after a little junk some writers leave). */
export const looksLikePdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

export async function readPdf(caseDir: FolderOf, name: string): Promise<PdfResult> {
  const read = readNamedFile(caseDir, name, MAX_PDF_BYTES, { ja: 'PDF ファイル', en: 'The PDF' },
    { ja: '必要なページだけを PDF にしてください。', en: 'Make a PDF of the pages needed only.' });
  if (!read.ok) return read;
  if (!looksLikePdf(read.bytes))
    return bad(`「${name}」は PDF ではありません。`, `"${name}" is not a PDF.`,
      { ja: 'PDF・PNG・JPEG のどれかで保存し直してください。', en: 'Save it again as PDF, PNG or JPEG.' });
  const { PDFDocument } = await import('pdf-lib');
  try {
    // Loaded with encryption ignored, then asked: pdf-lib's own EncryptedPDFError cannot be told
    // apart by instanceof (compiled to ES5, it is a plain Error).
    const doc = await PDFDocument.load(read.bytes, { updateMetadata: false, ignoreEncryption: true });
    if (doc.isEncrypted)
      return bad(`PDF「${name}」は暗号化（パスワード保護）されています。`, `The PDF "${name}" is encrypted (password-protected).`,
        { ja: '保護を外して保存し直すか、印刷して PDF に保存し直してください。', en: 'Save it again without protection, or print it to a new PDF.' });
    const pages = doc.getPages();
    if (pages.length === 0) return bad(`PDF「${name}」にページがありません。`, `The PDF "${name}" has no pages.`, { ja: '', en: '' });
    if (pages.length > MAX_PDF_PAGES)
      return bad(`PDF「${name}」のページが多すぎます（${pages.length}ページ、上限${MAX_PDF_PAGES}ページ）。`,
        `The PDF "${name}" has too many pages (${pages.length}; the limit is ${MAX_PDF_PAGES}).`,
        { ja: '必要なページだけを PDF にしてください。', en: 'Make a PDF of the pages needed only.' });
    // Taken apart now, as rendering will: a page pdf-lib cannot embed fails here, at its entry.
    await (await PDFDocument.create()).embedPages(pages, pages.map(visibleBox));
    const sizes = pages.map((p) => {
      const rotate = (((p.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
      if (rotate % 90 !== 0) throw new Error('a page turned by other than a quarter');
      const { width, height } = p.getCropBox();
      return rotate % 180 === 0 ? { widthPt: width, heightPt: height, rotate } : { widthPt: height, heightPt: width, rotate };
    });
    if (sizes.some((s) => !(s.widthPt > 0 && s.heightPt > 0))) throw new Error('a page without a size');
    return { ok: true, pdf: { name, bytes: read.bytes, pages: sizes } };
  } catch {
    return bad(`PDF「${name}」は壊れているか、読めない形式です。`, `The PDF "${name}" is damaged or cannot be read.`,
      { ja: '元のファイルから PDF を作り直してください。', en: 'Make the PDF again from the original.' });
  }
}
