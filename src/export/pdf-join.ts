/**
 * Joins PDFs we wrote into one (a ruling's submission.pdf): every page carried as it is, with its
 * fonts and pictures, in the order given. Each part's objects are written once more under new
 * numbers (carryPages), not copied into pdf-lib's objects first; the same font subset in two parts
 * stays two subsets (each part was made on its own), which costs some kilobytes and keeps every
 * part's text exactly as it was.
 */
import { deflateSync } from 'node:zlib';
import { ParseSpeeds, PDFDocument, PDFObjectStream, PDFPageLeaf, type PDFRef } from 'pdf-lib';
import { useNativeDeflate } from '../base/patches.js';
import { carryPages, pageTreeOf, WrittenPage } from './pdf-objects.js';
import { FIXED_DATE } from './zip.js';

/** A part: a PDF's bytes, or the document yoshiki just saved them from (writePdfDocument), copied from without parsing. */
export type PdfPart = Uint8Array | PDFDocument;

export async function joinPdfs(parts: PdfPart[], title: string): Promise<{ bytes: Uint8Array; pages: number }> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(joined, deflateSync, PDFObjectStream);
  const { tree: pageTree, ref: treeRef } = pageTreeOf(joined);
  let pages = 0;
  for (const given of parts) {
    // parseSpeed: pdf-lib otherwise waits for a timer every 100 objects it parses.
    const part = given instanceof PDFDocument ? given : await PDFDocument.load(given, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    for (const ref of carryPages(part.context, pageRefs(part), joined.context, treeRef)) {
      pageTree.pushLeafNode(ref);
      pages++;
    }
  }
  joined.setTitle(title);
  joined.setProducer('yoshiki');
  joined.setCreator('yoshiki');
  joined.setCreationDate(FIXED_DATE);
  joined.setModificationDate(FIXED_DATE);
  joined.setLanguage('ja-JP');
  // addDefaultPage: pdf-lib counts only its own page objects, and would add a blank page to pages
  // carried; nothing carried still gets its one blank page.
  const bytes = await joined.save({ useObjectStreams: true, objectsPerTick: Infinity, addDefaultPage: pages === 0 });
  return { bytes, pages: pages || joined.getPageCount() };
}

/**
 * The pages' references, in order: the page tree's leaves as getPages finds them, without making
 * pdf-lib's page objects (yoshiki's own pages are WrittenPages, not pdf-lib's page dictionaries).
 */
function pageRefs(doc: PDFDocument): PDFRef[] {
  const refs: PDFRef[] = [];
  doc.catalog.Pages().traverse((node, ref) => {
    if (node instanceof PDFPageLeaf || node instanceof WrittenPage) refs.push(ref);
  });
  return refs;
}
