/**
 * PDF writer. Writes the layout's operations with pdf-lib, each page's content stream as one string:
 * each grapheme is drawn with the glyphs the layout measured it by (Typeface.shape), put into the
 * font subset once per document, so the cost does not grow with drawText calls.
 */
import { deflateSync } from 'node:zlib';
import { includeGlyph, useNativeDeflate } from '../base/patches.js';
import { ParseSpeeds, PDFDocument, PDFObjectStream, type PDFEmbeddedPage, type PDFFont, type PDFImage, type PDFRef } from 'pdf-lib';
import { visibleBox, type DocumentModel, type Image, type PdfPages } from '../model/document.js';
import { eachGrapheme, neverCombines } from '../typeset/kinsoku.js';
import type { FontBook, Typeface } from '../typeset/fonts.js';
import { layoutDocument, type Hundredths, type PagePlan } from '../layout/layout.js';
import { blankIfNoContents } from './pdf-pages.js';
import { PdfBytes, pdfNumber } from './pdf-bytes.js';
import { contentStream, pageTreeOf, WrittenPage } from './pdf-objects.js';
import { deflaterFor, startDeflateThreadFor } from './deflate-thread.js';
import { FIXED_DATE } from './zip.js';

export async function renderPdf(doc: DocumentModel, fonts: FontBook): Promise<Uint8Array> {
  return writePdf(layoutForPdf(doc, fonts), doc.title, fonts, doc.fonts);
}

/** The document laid out; for a long one, the deflating thread started meanwhile (deflate-thread.ts). */
export function layoutForPdf(doc: DocumentModel, fonts: FontBook): PagePlan[] {
  let rows = 0;
  for (const block of doc.blocks) if (block.kind === 'table') rows += block.rows.length;
  startDeflateThreadFor(rows);
  return layoutDocument(doc, fonts);
}

/** `fonts`: the document's fallback font files, as the layout measured with them. */
export async function writePdf(pages: PagePlan[], title: string, book: FontBook, fonts: string[] = []): Promise<Uint8Array> {
  return (await writePdfDocument(pages, title, book, fonts)).bytes;
}

/**
 * The PDF's bytes and the document they were saved from: a bundle (submission.pdf) copies the
 * pages of the document as it is in memory instead of parsing the bytes again (pdf-lib's parse was
 * a third of binding a 10,000-work submission); a copy from either is the same.
 */
export async function writePdfDocument(pages: PagePlan[], title: string, book: FontBook, fonts: string[] = []): Promise<{ bytes: Uint8Array; document: PDFDocument }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(pdf, deflateSync, PDFObjectStream);
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
  const encoders = new Map([...embedded].map(([face, font]) => [face, glyphIds(font, faces[face])]));
  const content = new PdfBytes();
  const pageText = new PdfBytes();
  const images = new Map<Image, PDFImage>();
  const sourcePages = new SourcePages(pdf);
  const deflater = deflaterFor(pages.length);
  const { tree: pageTree, ref: treeRef } = pageTreeOf(pdf);
  for (const plan of pages) {
    // Registered where pdf-lib's addPage registers a page, so every object keeps its number.
    const ref = pdf.context.nextRef();
    const page = new WrittenPage(pdf.context, treeRef, plan.width, plan.height);
    pdf.context.assign(ref, page);
    // Pushed at the end of the one /Pages node, without addPage's walk over the pages already
    // there (it made a 2,500-page table quadratic: 2.9 s of 19 s at 50,000 works).
    pageTree.pushLeafNode(ref);
    const fontNames = new Map([...embedded].map(([face, font]) => [face, page.font(font.ref)]));
    // Each picture is embedded once, however many pages show it, and named in the page's resources;
    // so is each page of a PDF the user gave (a form XObject: its text and drawings stay as they were).
    const xObjects = new Map<Image | PdfPages, Map<number, string>>();
    const name = (key: Image | PdfPages, index: number, ref: PDFRef, prefix: string) => {
      const names = xObjects.get(key) ?? new Map<number, string>();
      xObjects.set(key, names);
      if (!names.has(index)) names.set(index, page.xObject(prefix, ref));
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
    pageContent(content.clear(), pageText.clear(), plan, fontNames, encoders, (key, index = 0) => xObjects.get(key)!.get(index)!, sourcePages);
    // Node's native zlib, not pdf-lib's JavaScript deflate: a 400-page table compresses in a tenth of
    // the time; a long document's on a thread of its own. The contents keep the number they would
    // have if registered now.
    const contents = (page.contents = pdf.context.nextRef());
    deflater.deflate(content.bytes(), (deflated) => pdf.context.assign(contents, contentStream(pdf.context, deflated)));
  }
  await deflater.finished();
  // objectsPerTick: pdf-lib otherwise yields to a timer every 50 objects, a millisecond each time.
  // addDefaultPage: pdf-lib counts only its own page objects, and would add a blank page to a
  // document of written pages; it still gives a document of none its one blank page.
  return { bytes: await pdf.save({ useObjectStreams: true, objectsPerTick: Infinity, addDefaultPage: pages.length === 0 }), document: pdf };
}

/**
 * The glyphs that draw a text, by their ids in the document's subset of one face: `unit` for a
 * UTF-16 code unit that is a grapheme of its own (nearly all text; see neverCombines), `grapheme`
 * for any cluster.
 */
interface GlyphIds { unit(code: number): number; grapheme(g: string): number[] }

/**
 * The glyphs the layout measured (Typeface.shape), put into the document's subset of one face the
 * first time each is drawn, each with the text it stands for in the PDF's ToUnicode map. Kept per
 * grapheme, and by code for a UTF-16 code unit that is a grapheme of its own (nearly all text):
 * no string and no map lookup per character.
 */
function glyphIds(font: PDFFont, face: Typeface): GlyphIds {
  const byGrapheme = new Map<string, number[]>();
  const byUnit = new Int32Array(0x10000);
  const grapheme = (g: string) => {
    let known = byGrapheme.get(g);
    if (known === undefined) {
      const shaped = face.shape(g);
      byGrapheme.set(g, (known = shaped.glyphs.map((id, i) => includeGlyph(font, id, shaped.texts[i]))));
    }
    return known;
  };
  return { grapheme, unit: (c) => byUnit[c] || (byUnit[c] = grapheme(String.fromCharCode(c))[0]) };
}

/** Calls `emit` with each glyph that draws `text`. */
function eachGlyph(glyphs: GlyphIds, text: string, emit: (id: number) => void): void {
  if (neverCombines(text)) for (let i = 0; i < text.length; i++) emit(glyphs.unit(text.charCodeAt(i)));
  else eachGrapheme(text, (g) => glyphs.grapheme(g).forEach(emit));
}

/** Glyph codes of a text as a hex string's digits (the overlay on an agency's form: <…> Tj). */
export function glyphEncoder(font: PDFFont, face: Typeface): (text: string) => string {
  const glyphs = glyphIds(font, face);
  return (text) => {
    let out = '';
    eachGlyph(glyphs, text, (id) => (out += id.toString(16).padStart(4, '0')));
    return out;
  };
}

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
      if (!doc) this.loaded.set(source, (doc = PDFDocument.load(source.bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })));
      const original = (await doc).getPage(index);
      blankIfNoContents(await doc, original);
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

/** A rule's width, starting its line of the stream: "\n0.5 w". */
function lineWidth(out: PdfBytes, width: Hundredths): void {
  out.char(0x0a);
  out.hundredths(width);
  out.ascii(' w');
}

type XObjectName = (key: Image | PdfPages, index?: number) => string;

/**
 * A page's content stream. The page's text goes in one text object, each line placed relative to
 * the one before (Td) and the font set only when it changes: a line costs "dx dy Td (…) Tj" instead
 * of a text object of its own with an absolute matrix (a table's stream is a third smaller, and
 * deflates faster). Positions are the layout's, in whole hundredths of a point, so every line lands
 * where an absolute position would put it. Rules and frames (no path may be drawn inside a text object) are
 * drawn before the text that precedes them in the layout — text never lies under a rule, so this
 * changes nothing seen; a picture or a page of the user's PDF ends the text object, so what is read
 * before it (its caption) stays before it in the stream, as readers and copying take the text.
 */
function pageContent(out: PdfBytes, text: PdfBytes, plan: PagePlan, fontNames: Map<number, string>, encoders: Map<number, GlyphIds>, xObject: XObjectName, sources: SourcePages): void {
  out.ascii('0 g 0 G');
  let face = -1;
  let size = -1;
  let x = 0;
  let y = 0;
  const endText = () => {
    if (face < 0) return;
    out.ascii('\nBT');
    out.append(text.bytes());
    out.ascii('\nET');
    text.clear();
    [face, size, x, y] = [-1, -1, 0, 0];
  };
  for (const op of plan.ops) {
    switch (op.op) {
      case 'text': {
        const f = op.font ?? 0;
        if (f !== face || op.size !== size) {
          text.ascii(`\n${fontNames.get(f)} `);
          text.hundredths(op.size);
          text.ascii(' Tf');
        }
        [face, size] = [f, op.size];
        const tx = op.x;
        const ty = op.y;
        text.char(0x0a);
        text.hundredths(tx - x);
        text.char(0x20);
        text.hundredths(ty - y);
        text.ascii(' Td (');
        const glyphs = encoders.get(f)!;
        const t = op.text;
        if (neverCombines(t)) for (let i = 0; i < t.length; i++) text.glyph(glyphs.unit(t.charCodeAt(i)));
        else eachGlyph(glyphs, t, (id) => text.glyph(id));
        text.ascii(') Tj');
        [x, y] = [tx, ty];
        break;
      }
      case 'rect':
        lineWidth(out, op.lineWidth);
        out.spaced(op.x), out.spaced(op.y), out.spaced(op.w), out.spaced(op.h);
        out.ascii(' re S');
        break;
      case 'line':
        lineWidth(out, op.lineWidth);
        out.spaced(op.x1), out.spaced(op.y1), out.ascii(' m');
        out.spaced(op.x2), out.spaced(op.y2), out.ascii(' l S');
        break;
      case 'image':
        endText();
        out.ascii(`\nq ${n(op.w)} 0 0 ${n(op.h)} ${n(op.x)} ${n(op.y)} cm ${xObject(op.image)} Do Q`);
        break;
      case 'pdfPage':
        endText();
        out.ascii(`\nq ${turned(op, sources.size(op.source, op.index)).map(n6).join(' ')} cm ${xObject(op.source, op.index)} Do Q`);
        break;
    }
  }
  endText();
}
