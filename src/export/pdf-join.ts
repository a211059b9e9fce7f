/**
 * Joins PDFs we wrote into one (a ruling's submission.pdf): every page copied as it is, with its
 * fonts and pictures, in the order given. pdf-lib copies each page with what it refers to; the same
 * font subset in two parts stays two subsets (each part was made on its own), which costs some
 * kilobytes and keeps every part's text exactly as it was.
 */
import { deflateSync } from 'node:zlib';
import { ParseSpeeds, PDFDocument, PDFObjectStream } from 'pdf-lib';
import { useNativeDeflate } from '../base/patches.js';
import { pageTreeEnd } from './pdf.js';
import { FIXED_DATE } from './zip.js';

/** A part: a PDF's bytes, or the document yoshiki just saved them from (writePdfDocument), copied from without parsing. */
export type PdfPart = Uint8Array | PDFDocument;

export async function joinPdfs(parts: PdfPart[], title: string): Promise<{ bytes: Uint8Array; pages: number }> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(joined, deflateSync, PDFObjectStream);
  const pageTree = pageTreeEnd(joined);
  for (const given of parts) {
    // parseSpeed: pdf-lib otherwise waits for a timer every 100 objects it parses.
    const part = given instanceof PDFDocument ? given : await PDFDocument.load(given, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    for (const page of await joined.copyPages(part, part.getPageIndices())) pageTree.append(page.node, page.ref);
  }
  joined.setTitle(title);
  joined.setProducer('yoshiki');
  joined.setCreator('yoshiki');
  joined.setCreationDate(FIXED_DATE);
  joined.setModificationDate(FIXED_DATE);
  joined.setLanguage('ja-JP');
  const bytes = await joined.save({ useObjectStreams: true, objectsPerTick: Infinity });
  return { bytes, pages: joined.getPageCount() };
}
