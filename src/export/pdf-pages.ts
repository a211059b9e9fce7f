/** Pages of a user's PDF (a 別添資料) made ready to embed in ours. */
import { PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';

/**
 * A page without a content stream is a blank page (ISO 32000-1 7.7.3.3: Contents is optional);
 * pdf-lib will not embed one, so it is given an empty drawing — on the page loaded for embedding
 * only, never in the user's file.
 */
export function blankIfNoContents(doc: PDFDocument, page: PDFPage): void {
  if (!page.node.Contents()) page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream('')));
}
