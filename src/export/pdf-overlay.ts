/**
 * Writes a document's values onto an agency's own PDF (an official form). The original file is
 * kept byte for byte: what changes is appended after it as an incremental update (ISO 32000-1
 * 7.5.6) — a content stream drawn on top of each page that receives text, our font subset, the
 * pages' dictionaries pointing at them, and for an AcroForm the fields filled, flattened (each
 * widget's own look drawn into the page, the field taken out of the form). Every other object of
 * the original is neither rewritten nor touched; a viewer reads the last version of each object.
 */
import { deflateSync } from 'node:zlib';
import {
  PDFAcroCheckBox, PDFAcroTerminal, PDFArray, PDFCrossRefSection, PDFCrossRefStream, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectStream,
  PDFRef, PDFStream, PDFTrailerDict, type PDFWidgetAnnotation, type PDFContext, type PDFFont, type PDFObject, type PDFPageLeaf,
} from 'pdf-lib';
import { useNativeDeflate } from '../base/patches.js';
import type { OverlayPlan, OverlayText } from '../layout/fit.js';
import { shownToPage, type OfficialForm } from '../model/official-form.js';
import type { FontBook } from '../typeset/fonts.js';
import { glyphEncoder } from './pdf.js';
import { pdfNumber as n } from './pdf-bytes.js';
import { annotationPages, lastCrossReference, widgetsOf } from './pdf-form.js';

export interface OverlayOptions {
  /** Outline every box and name its value (the preview, so a map can be adjusted); never in a file a clerk sends. */
  outline?: boolean;
}

/** The preview's outlines: a blue that no black-and-white form uses, thin enough to see the form's lines under it. */
const OUTLINE = { color: '0 0.35 0.85', lineWidth: 0.6, labelSize: 5 };

/** `fonts`: the document's fallback font files (the case's and the command line's), as the plan was fitted with them. */
export async function writeOverlay(form: OfficialForm, plan: OverlayPlan, book: FontBook, fonts: string[] = [], options: OverlayOptions = {}): Promise<{ bytes: Uint8Array; pages: number }> {
  const pdf = await PDFDocument.load(form.bytes, { updateMetadata: false });
  useNativeDeflate(pdf, deflateSync, PDFObjectStream);
  pdf.registerFontkit(book.fontkit as never);
  const ctx = pdf.context;
  const before = fingerprints(ctx);
  // New objects are numbered past every number the original uses: pdf-lib forgets the numbers of
  // the object and cross-reference streams it has taken apart, which the original's sections still name.
  const original = Math.max(ctx.largestObjectNumber, crossReference(form.bytes).size - 1);
  ctx.largestObjectNumber = original;
  const type = await typeset(pdf, plan, book, fonts, !!options.outline);
  const flattened = flattenFields(pdf, plan.flatten);
  const pages = new Set([...plan.pages.keys(), ...flattened.keys(), ...(options.outline ? plan.boxes.map((b) => b.page) : [])]);
  for (const index of [...pages].sort((a, b) => a - b)) {
    const page = pdf.getPage(index).node;
    const resources = ownResources(page, ctx);
    const names = new Map([...type.fonts].map(([face, font]) => [face, addResource(resources, 'Font', 'YkF', font.ref, ctx)]));
    const widgets = (flattened.get(index) ?? []).map((w) => ({ ...w, name: w.appearance && addResource(resources, 'XObject', 'YkAp', w.appearance, ctx) }));
    const content = [
      // The original's graphics state is closed first: a page may leave its matrix turned or scaled.
      'Q',
      ...widgets.flatMap((w) => (w.name ? [`q ${w.matrix.map(n).join(' ')} cm ${w.name} Do Q`] : [])),
      `q ${shownToPage(form.pages[index]).map(n).join(' ')} cm 0 g 0 G`,
      ...(plan.pages.get(index) ?? []).map((op) => textOp(op, names, type.encoders)),
      ...(options.outline ? outlines(plan, index, names.get(0)!, type) : []),
      'Q',
    ].join('\n');
    page.set(PDFName.of('Contents'), ctx.obj([ctx.getPushGraphicsStateContentStream(), ...contentRefs(page, ctx), ctx.register(ctx.flateStream(content))]));
    if (widgets.length) withoutAnnotations(page, new Set(widgets.map((w) => w.ref.toString())), ctx);
  }
  await pdf.flush();
  const changed = ctx.enumerateIndirectObjects().filter(([ref, obj]) => ref.objectNumber > original || before.get(ref.toString()) !== fingerprint(obj));
  return { bytes: appendUpdate(form.bytes, ctx, changed.map(([ref]) => ref)), pages: pdf.getPageCount() };
}

/** The faces the plan draws with (IPAex Mincho for the outlines' names too), each embedded as a subset of what it draws. */
interface Typeset { fonts: Map<number, PDFFont>; encoders: Map<number, (t: string) => string>; width: (text: string, size: number) => number }

async function typeset(pdf: PDFDocument, plan: OverlayPlan, book: FontBook, files: string[], outline: boolean): Promise<Typeset> {
  const chain = book.chain(files);
  const used = new Set<number>(outline ? [0] : []);
  for (const ops of plan.pages.values()) for (const op of ops) if (op.op === 'text') used.add(op.font ?? 0);
  const fonts = new Map<number, PDFFont>();
  for (const face of [...used].sort((a, b) => a - b)) fonts.set(face, await pdf.embedFont(chain.faces[face].bytes, { subset: true }));
  const encoders = new Map([...fonts].map(([face, font]) => [face, glyphEncoder(font, chain.faces[face])]));
  return { fonts, encoders, width: (text, size) => chain.textWidth(text, size) };
}

/** The original's last cross-reference section: the official form was refused at check time without one. */
function crossReference(bytes: Uint8Array) {
  const found = lastCrossReference(bytes);
  if (!found) throw new Error('the official form has no cross-reference section to append to');
  return found;
}

/** What an object is, to tell afterwards whether it changed: a stream by its dictionary (its bytes are never edited). */
const fingerprint = (obj: PDFObject) => (obj instanceof PDFStream ? `stream ${obj.dict.toString()}` : obj.toString());
const fingerprints = (ctx: PDFContext) => new Map(ctx.enumerateIndirectObjects().map(([ref, obj]) => [ref.toString(), fingerprint(obj)]));

function textOp(op: OverlayText, fontNames: Map<number, PDFName>, encoders: Map<number, (t: string) => string>): string {
  const face = op.font ?? 0;
  return `BT ${fontNames.get(face)!.asString()} ${n(op.size)} Tf 1 0 0 1 ${n(op.x)} ${n(op.y)} Tm <${encoders.get(face)!(op.text)}> Tj ET`;
}

/**
 * Each box of the page outlined, its value's name in its top right corner: inside the box, where
 * the form's own labels (above or to the left of a box) are not, and the text (set from the left) seldom is.
 */
function outlines(plan: OverlayPlan, page: number, font: PDFName, type: Typeset): string[] {
  const { color, lineWidth, labelSize } = OUTLINE;
  const encode = type.encoders.get(0)!;
  return plan.boxes.filter((b) => b.page === page).map(({ box, label }) =>
    `q ${color} RG ${color} rg ${n(lineWidth)} w ${n(box.x)} ${n(box.y)} ${n(box.w)} ${n(box.h)} re S `
    + `BT ${font.asString()} ${labelSize} Tf 1 0 0 1 ${n(box.x + box.w - type.width(label, labelSize) - 1)} ${n(box.y + box.h - labelSize)} Tm <${encode(label)}> Tj ET Q`);
}

/** The page's content streams as references, in order (a single stream, or an array of them). */
function contentRefs(page: PDFPageLeaf, ctx: PDFContext): PDFObject[] {
  const contents = page.get(PDFName.of('Contents'));
  if (!contents) return [];
  const looked = ctx.lookup(contents);
  return looked instanceof PDFArray ? looked.asArray() : [contents];
}

/**
 * A resources dictionary of the page's own, a shallow copy of the one it has or inherits: adding
 * our font to it leaves the original (often shared by every page) as it was.
 */
function ownResources(page: PDFPageLeaf, ctx: PDFContext): PDFDict {
  const inherited = ctx.lookupMaybe(page.getInheritableAttribute(PDFName.of('Resources')), PDFDict);
  const own = inherited ? inherited.clone(ctx) : ctx.obj({});
  page.set(PDFName.of('Resources'), own);
  return own;
}

/** Adds a named resource (a font, an XObject) under a name the page does not use yet. */
function addResource(resources: PDFDict, kind: 'Font' | 'XObject', tag: string, ref: PDFRef, ctx: PDFContext): PDFName {
  const existing = resources.lookupMaybe(PDFName.of(kind), PDFDict);
  const dict = existing ? existing.clone(ctx) : ctx.obj({});
  resources.set(PDFName.of(kind), dict);
  const name = dict.uniqueKey(tag);
  dict.set(name, ref);
  return name;
}

function withoutAnnotations(page: PDFPageLeaf, remove: Set<string>, ctx: PDFContext): void {
  const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const kept = (annots?.asArray() ?? []).filter((a) => !(a instanceof PDFRef && remove.has(a.toString())));
  if (kept.length) page.set(PDFName.of('Annots'), ctx.obj(kept));
  else page.delete(PDFName.of('Annots'));
}

/** A widget to take off its page: its reference, and its own look (when it shows no value) with where it goes. */
interface FlatWidget { ref: PDFRef; appearance?: PDFRef; matrix: number[] }

/**
 * Takes the named fields out of the AcroForm (and, emptied, their parents), returning their
 * widgets by page. A text field's look is kept when it shows no value yet (its border and
 * background; an old value would show under ours); a check box keeps its unticked look, our mark
 * drawn over it. A hidden widget keeps nothing.
 */
function flattenFields(pdf: PDFDocument, names: Set<string>): Map<number, FlatWidget[]> {
  const byPage = new Map<number, FlatWidget[]>();
  const form = pdf.catalog.getAcroForm();
  if (!form || names.size === 0) return byPage;
  const pageOf = annotationPages(pdf);
  for (const [field, ref] of form.getAllFields()) {
    if (!(field instanceof PDFAcroTerminal) || !names.has(field.getFullyQualifiedName() ?? '')) continue;
    for (const widget of widgetsOf(field, ref)) {
      const page = pageOf.get(widget.ref.toString());
      if (page === undefined) continue;
      const list = byPage.get(page) ?? [];
      byPage.set(page, list);
      list.push({ ref: widget.ref, ...widgetLook(widget.widget, field, pdf.context) });
    }
    form.removeField(field);
  }
  // An XFA form would be drawn by some viewers instead of the pages: the filled pages are the form now.
  form.dict.delete(PDFName.of('XFA'));
  return byPage;
}

/** The widget's normal appearance to keep, and the matrix that draws it into the widget's rectangle (ISO 32000-1 12.5.5). */
function widgetLook(widget: PDFWidgetAnnotation, field: PDFAcroTerminal, ctx: PDFContext): { appearance?: PDFRef; matrix: number[] } {
  const hidden = (widget.getFlags() & (0b10 | 0b100000)) !== 0; // Hidden, NoView
  const value = field.V();
  const shows = field instanceof PDFAcroCheckBox ? false : value !== undefined && value.toString() !== '()' && value.toString() !== '<>';
  const normal = widget.AP()?.get(PDFName.of('N'));
  const appearance = hidden || shows ? undefined
    : normal instanceof PDFRef ? normal
    : ctx.lookupMaybe(normal, PDFDict)?.get(PDFName.of('Off'));
  if (!(appearance instanceof PDFRef)) return { matrix: [] };
  const stream = ctx.lookupMaybe(appearance, PDFStream);
  if (!stream) return { matrix: [] };
  const nums = (key: string, fallback: number[]) =>
    stream.dict.lookupMaybe(PDFName.of(key), PDFArray)?.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : 0)) ?? fallback;
  const [x0, y0, x1, y1] = nums('BBox', [0, 0, 0, 0]);
  const [a, b, c, d, e, f] = nums('Matrix', [1, 0, 0, 1, 0, 0]);
  const corners = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].map(([x, y]) => [a * x + c * y + e, b * x + d * y + f]);
  const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
  const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
  const r = widget.getRectangle();
  if (!(box.w > 0 && box.h > 0)) return { matrix: [] };
  const sx = r.width / box.w, sy = r.height / box.h;
  return { appearance, matrix: [sx, 0, 0, sy, r.x - box.x * sx, r.y - box.y * sy] };
}

/**
 * The changed and new objects appended after the original's last byte, with a cross-reference
 * section for them alone whose /Prev is the original's: a table, or a stream when the original
 * keeps its own cross-references in a stream.
 */
function appendUpdate(original: Uint8Array, ctx: PDFContext, refs: PDFRef[]): Uint8Array {
  const prev = crossReference(original);
  const parts: Uint8Array[] = [];
  let offset = original.length;
  const add = (bytes: Uint8Array) => (parts.push(bytes), (offset += bytes.length));
  add(Buffer.from('\n', 'latin1'));
  const offsets = new Map<PDFRef, number>();
  for (const ref of [...refs].sort((a, b) => a.objectNumber - b.objectNumber)) {
    offsets.set(ref, offset);
    add(indirectObject(ref, ctx.lookup(ref)!));
  }
  const info = ctx.trailerInfo;
  const trailer = { Root: info.Root, Info: info.Info, ID: info.ID, Prev: PDFNumber.of(prev.offset) };
  let xrefAt: number;
  if (prev.stream) {
    const ref = ctx.nextRef();
    const stream = PDFCrossRefStream.create(ctx.obj({ ...trailer, Size: ref.objectNumber + 1 }), true);
    for (const [r, at] of offsets) stream.addUncompressedEntry(r, at);
    stream.addUncompressedEntry(ref, offset);
    xrefAt = offset;
    add(indirectObject(ref, stream));
  } else {
    const section = PDFCrossRefSection.createEmpty();
    for (const [r, at] of offsets) section.addEntry(r, at);
    xrefAt = offset;
    add(bytesOf(section));
    add(Buffer.from('\n', 'latin1'));
    add(bytesOf(PDFTrailerDict.of(ctx.obj({ ...trailer, Size: ctx.largestObjectNumber + 1 }))));
    add(Buffer.from('\n', 'latin1'));
  }
  add(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat([original, ...parts]);
}

interface Serializable { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }

function bytesOf(obj: Serializable): Uint8Array {
  const buffer = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buffer, 0);
  return buffer;
}

function indirectObject(ref: PDFRef, obj: PDFObject): Uint8Array {
  return Buffer.concat([Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'), bytesOf(obj), Buffer.from('\nendobj\n', 'latin1')]);
}
