/**
 * PDF writer. Writes the layout's operations with pdf-lib, each page's content stream as one string:
 * each grapheme is drawn with the glyphs the layout measured it by (Typeface.shape), put into the
 * font subset once per document, so the cost does not grow with drawText calls.
 */
import { deflateSync } from 'node:zlib';
import { includeGlyph, useNativeDeflate } from '../base/patches.js';
import { PDFDocument, PDFName, type PDFEmbeddedPage, type PDFFont, type PDFImage, type PDFRef } from 'pdf-lib';
import { visibleBox, type DocumentModel, type Image, type PdfPages } from '../model/document.js';
import { eachGrapheme } from '../typeset/kinsoku.js';
import type { FontBook, Typeface } from '../typeset/fonts.js';
import { layoutDocument, type PagePlan } from '../layout/layout.js';
import { FIXED_DATE } from './zip.js';

export async function renderPdf(doc: DocumentModel, fonts: FontBook): Promise<Uint8Array> {
  return writePdf(layoutDocument(doc, fonts), doc.title, fonts, doc.fonts);
}

/** `fonts`: the document's fallback font files, as the layout measured with them. */
export async function writePdf(pages: PagePlan[], title: string, book: FontBook, fonts: string[] = []): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(pdf, deflateSync);
  pdf.registerFontkit(book.fontkit as never);
  const faces = book.chain(fonts).faces;
  // Only the faces some text is drawn with are embedded (each as a subset of what it draws).
  const used = new Set<number>([0]);
  for (const plan of pages) for (const op of plan.ops) if (op.op === 'text' && op.font) used.add(op.font);
  const embedded = new Map<number, PDFFont>();
  for (const face of [...used].sort((a, b) => a - b)) embedded.set(face, await pdf.embedFont(faces[face].bytes, { subset: true }));
  pdf.setTitle(title);
  pdf.setProducer('yoshiki');
  pdf.setCreator('yoshiki');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  pdf.setLanguage('ja-JP');
  const encoders = new Map([...embedded].map(([face, font]) => [face, glyphEncoder(font, faces[face])]));
  const images = new Map<Image, PDFImage>();
  const sourcePages = new SourcePages(pdf);
  for (const plan of pages) {
    const page = pdf.addPage([plan.width, plan.height]);
    const fontNames = new Map([...embedded].map(([face, font]) => [face, page.node.newFontDictionary('F', font.ref).asString()]));
    // Each picture is embedded once, however many pages show it, and named in the page's resources;
    // so is each page of a PDF the user gave (a form XObject: its text and drawings stay as they were).
    const xObjects = new Map<Image | PdfPages, Map<number, string>>();
    const name = (key: Image | PdfPages, index: number, ref: PDFRef, prefix: string) => {
      const names = xObjects.get(key) ?? new Map<number, string>();
      xObjects.set(key, names);
      if (!names.has(index)) names.set(index, page.node.newXObject(prefix, ref).asString());
    };
    for (const op of plan.ops) {
      if (op.op === 'pdfPage') name(op.source, op.index, (await sourcePages.get(op.source, op.index)).ref, 'Pg');
      if (op.op !== 'image') continue;
      let img = images.get(op.image);
      if (!img) {
        img = op.image.format === 'png' ? await pdf.embedPng(op.image.bytes) : await pdf.embedJpg(op.image.bytes);
        images.set(op.image, img);
      }
      name(op.image, 0, img.ref as PDFRef, 'Im');
    }
    const content = pageContent(plan, fontNames, encoders, (key, index = 0) => xObjects.get(key)!.get(index)!, sourcePages);
    // Node's native zlib, not pdf-lib's JavaScript deflate: a 400-page table compresses in a tenth of the time.
    const stream = pdf.context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: PDFName.of('FlateDecode') });
    page.node.addContentStream(pdf.context.register(stream));
  }
  // objectsPerTick: pdf-lib otherwise yields to a timer every 50 objects, a millisecond each time.
  return pdf.save({ useObjectStreams: true, objectsPerTick: Infinity });
}


/**
 * Each grapheme's glyph codes in the document's subset of one face: the glyphs the layout measured
 * (Typeface.shape), put into the subset once per document, each with the text it stands for in the
 * PDF's ToUnicode map.
 */
export function glyphEncoder(font: PDFFont, face: Typeface): (text: string) => string {
  const memo = new Map<string, string>();
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  return (text) => {
    let out = '';
    eachGrapheme(text, (g) => {
      let h = memo.get(g);
      if (h === undefined) {
        const shaped = face.shape(g);
        h = shaped.glyphs.map((id, i) => hex4(includeGlyph(font, id, shaped.texts[i]))).join('');
        memo.set(g, h);
      }
      out += h;
    });
    return out;
  };
}

/** A number as a content stream writes it: to a hundredth of a point, which no printer resolves. */
export const pdfNumber = (x: number) => (Math.round(x * 100) / 100).toString();
const n = pdfNumber;
const n6 = (x: number) => (Math.round(x * 1e6) / 1e6).toString();

/**
 * The matrix that draws a page of a user's PDF, as embedded (its own width × height, unturned),
 * into the layout's box as a viewer shows it: scaled, and turned clockwise by the page's /Rotate
 * (90: its top edge becomes the right edge).
 */
function turned(op: Extract<PagePlan['ops'][number], { op: 'pdfPage' }>, own: { width: number; height: number }): number[] {
  const { x, y, w, h } = op;
  switch (op.source.pages[op.index].rotate) {
    // (u, v) → (x + v·w/height, y + h − u·h/width): the page's top edge (v = height) lands on the box's right.
    case 90: return [0, -h / own.width, w / own.height, 0, x, y + h];
    case 180: return [-w / own.width, 0, 0, -h / own.height, x + w, y + h];
    case 270: return [0, h / own.width, -w / own.height, 0, x + w, y];
    default: return [w / own.width, 0, 0, h / own.height, x, y];
  }
}

/** The pages of the PDFs a document shows, each source loaded and each page embedded once. */
class SourcePages {
  private readonly embedded = new Map<PdfPages, Map<number, PDFEmbeddedPage>>();
  private readonly loaded = new Map<PdfPages, Promise<PDFDocument>>();

  constructor(private readonly pdf: PDFDocument) {}

  async get(source: PdfPages, index: number): Promise<PDFEmbeddedPage> {
    const pages = this.embedded.get(source) ?? new Map<number, PDFEmbeddedPage>();
    this.embedded.set(source, pages);
    let page = pages.get(index);
    if (!page) {
      let doc = this.loaded.get(source);
      if (!doc) this.loaded.set(source, (doc = PDFDocument.load(source.bytes, { updateMetadata: false })));
      const original = (await doc).getPage(index);
      page = await this.pdf.embedPage(original, visibleBox(original));
      pages.set(index, page);
    }
    return page;
  }

  /** The embedded page's own size: its drawing is scaled from it to the box the layout gave. */
  size(source: PdfPages, index: number): { width: number; height: number } {
    return this.embedded.get(source)!.get(index)!;
  }
}

type XObjectName = (key: Image | PdfPages, index?: number) => string;

function pageContent(plan: PagePlan, fontNames: Map<number, string>, encoders: Map<number, (t: string) => string>, xObject: XObjectName, sources: SourcePages): string {
  const out: string[] = ['0 g 0 G'];
  for (const op of plan.ops) {
    switch (op.op) {
      case 'text':
        out.push(`BT ${fontNames.get(op.font ?? 0)} ${n(op.size)} Tf 1 0 0 1 ${n(op.x)} ${n(op.y)} Tm <${encoders.get(op.font ?? 0)!(op.text)}> Tj ET`);
        break;
      case 'rect':
        out.push(`${n(op.lineWidth)} w ${n(op.x)} ${n(op.y)} ${n(op.w)} ${n(op.h)} re S`);
        break;
      case 'line':
        out.push(`${n(op.lineWidth)} w ${n(op.x1)} ${n(op.y1)} m ${n(op.x2)} ${n(op.y2)} l S`);
        break;
      case 'image':
        out.push(`q ${n(op.w)} 0 0 ${n(op.h)} ${n(op.x)} ${n(op.y)} cm ${xObject(op.image)} Do Q`);
        break;
      case 'pdfPage':
        out.push(`q ${turned(op, sources.size(op.source, op.index)).map(n6).join(' ')} cm ${xObject(op.source, op.index)} Do Q`);
        break;
    }
  }
  return out.join('\n');
}

