/**
 * Reads a PDF a case names (a 別添資料: the CRIC page printed to PDF, a reply received by e-mail,
 * a scanned colophon), so its pages can be copied into our PDF as they are. A file that is not a
 * PDF, is encrypted, or that pdf-lib cannot take apart page by page is refused here, at check time,
 * naming the file — never found out while rendering.
 */
import { decodePDFRawStream, PDFArray, PDFRawStream, type PDFPage } from 'pdf-lib';
import { blankIfNoContents } from '../export/pdf-pages.js';
import { readNamedFile, type FolderOf } from './named-file.js';
import type { Bilingual } from '../base/problem.js';
import { visibleBox } from '../model/document.js';

export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** A 別添 is a few pages (a reply, a colophon); 500 pages is a book, not an attachment. */
export const MAX_PDF_PAGES = 500;

/**
 * A page's drawing, decoded, is at most this: a page of a reply or a scanned colophon draws in a
 * few kilobytes (its scan is an image, which is copied, not decoded). A 40 KB stream that inflates
 * to 200 MB kept a render busy for minutes (issue 21's hostile pass).
 */
export const MAX_PAGE_CONTENT_BYTES = 16 * 1024 * 1024;

/** A page whose drawing decodes to more than MAX_PAGE_CONTENT_BYTES. */
class PageTooLarge extends Error {
  constructor(readonly page: number) {
    super(`page ${page}`);
  }
}

/** Each page's drawing decoded only as far as the limit, so a bomb is found without being inflated. */
function checkContentSizes(pages: PDFPage[]): void {
  pages.forEach((page, i) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((o) => page.doc.context.lookup(o)) : [contents];
    let bytes = 0;
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      bytes += decodePDFRawStream(stream).getBytes(MAX_PAGE_CONTENT_BYTES + 1 - bytes).length;
      if (bytes > MAX_PAGE_CONTENT_BYTES) throw new PageTooLarge(i + 1);
    }
  });
}

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
  // pdf-lib is CommonJS: its module object (default) has what it exports, whether Node loads it
  // or the bundle (scripts/bundle.mjs) holds it, where a CommonJS module loaded later has only that.
  const { PDFDocument } = (await import('pdf-lib')).default;
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
    // Taken apart now, as rendering will (embedding decodes each page's drawing): a page pdf-lib
    // cannot embed fails here, at its entry. embedPages alone defers the work to saving, where a
    // page without contents was an internal error at render.
    for (const page of pages) blankIfNoContents(doc, page);
    checkContentSizes(pages);
    for (const embedded of await (await PDFDocument.create()).embedPages(pages, pages.map(visibleBox))) await embedded.embed();
    const sizes = pages.map((p) => {
      const rotate = (((p.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
      if (rotate % 90 !== 0) throw new Error('a page turned by other than a quarter');
      const { width, height } = p.getCropBox();
      return rotate % 180 === 0 ? { widthPt: width, heightPt: height, rotate } : { widthPt: height, heightPt: width, rotate };
    });
    if (sizes.some((s) => !(s.widthPt > 0 && s.heightPt > 0))) throw new Error('a page without a size');
    return { ok: true, pdf: { name, bytes: read.bytes, pages: sizes } };
  } catch (e) {
    if (e instanceof PageTooLarge)
      return bad(`PDF「${name}」の${e.page}ページ目の描画内容が大きすぎます（展開すると${MAX_PAGE_CONTENT_BYTES / 1024 / 1024} MBを超えます）。`,
        `Page ${e.page} of the PDF "${name}" draws too much (over ${MAX_PAGE_CONTENT_BYTES / 1024 / 1024} MB once decoded).`,
        { ja: '印刷して PDF に保存し直すか、スキャンし直してください。', en: 'Print it to a new PDF, or scan it again.' });
    return bad(`PDF「${name}」は壊れているか、読めない形式です。`, `The PDF "${name}" is damaged or cannot be read.`,
      { ja: '元のファイルから PDF を作り直してください。', en: 'Make the PDF again from the original.' });
  }
}
