/**
 * PDF objects written to bytes by yoshiki and handed to pdf-lib's save, which puts them in the file
 * as they are (object streams, cross-reference stream and trailer stay pdf-lib's):
 *
 * - a page of a document yoshiki lays out (WrittenPage): pdf-lib's page objects, and writing them,
 *   were a fifth of writing a 10,000-work table (0.3 of 1.5 s, warm);
 * - the objects a part's pages use, renumbered into a submission (carryPages): pdf-lib copied each
 *   part's objects into new objects and wrote them again (0.25 s to bind the 10,000-work table).
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFObject, PDFPageLeaf, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFPageTree } from 'pdf-lib';
import { PdfBytes } from './pdf-bytes.js';

/** A reference's object in the file being written. */
type Renumber = (ref: PDFRef) => PDFRef;
const asIs: Renumber = (ref) => ref;

/** An object that is its bytes, as pdf-lib's save measures, copies and prints it. */
abstract class BytesObject extends PDFObject {
  protected abstract bytes(): Uint8Array;

  sizeInBytes(): number {
    return this.bytes().length;
  }

  copyBytesInto(buffer: Uint8Array, offset: number): number {
    const bytes = this.bytes();
    buffer.set(bytes, offset);
    return bytes.length;
  }

  toString(): string {
    return Buffer.from(this.bytes()).toString('latin1');
  }

  clone(): this {
    return this;
  }
}

/**
 * A page's dictionary as pdf-lib writes a page made by addPage with fonts, XObjects and a content
 * stream added — the same bytes, its entries in the same order (Type, Parent, Resources, MediaBox,
 * Annots, Contents) — without pdf-lib's objects for it.
 */
export class WrittenPage extends BytesObject {
  private readonly fonts: [PDFName, PDFRef][] = [];
  private readonly xObjects: [PDFName, PDFRef][] = [];
  contents?: PDFRef;
  private written?: Uint8Array;

  constructor(private readonly context: PDFContext, private readonly parent: PDFRef, private readonly width: number, private readonly height: number) {
    super();
  }

  /** Names a font in the page's resources ("/F-…", as the content stream uses it). */
  font(ref: PDFRef): string {
    return this.name(this.fonts, 'F', ref);
  }

  /** Names a picture (tag Im) or an embedded page (Pg) in the page's resources. */
  xObject(tag: string, ref: PDFRef): string {
    return this.name(this.xObjects, tag, ref);
  }

  /** Every object the page refers to but its parent. */
  refs(): PDFRef[] {
    return [...this.fonts.map(([, ref]) => ref), ...this.xObjects.map(([, ref]) => ref), ...(this.contents ? [this.contents] : [])];
  }

  /** The dictionary, its references renumbered and its parent the given one. */
  writeTo(out: PdfBytes, renumber: Renumber, parent = this.parent): void {
    out.ascii('<<\n/Type /Page\n/Parent ');
    writeRef(out, parent);
    out.ascii('\n/Resources <<\n/Font <<\n');
    for (const [name, ref] of this.fonts) writeEntry(out, name, renumber(ref));
    out.ascii('>>\n/XObject <<\n');
    for (const [name, ref] of this.xObjects) writeEntry(out, name, renumber(ref));
    out.ascii('>>\n/ExtGState <<\n>>\n>>\n/MediaBox [ 0 0 ');
    out.object(PDFNumber.of(this.width));
    out.char(0x20);
    out.object(PDFNumber.of(this.height));
    out.ascii(' ]\n/Annots [ ]\n');
    if (this.contents) {
      out.ascii('/Contents [ ');
      writeRef(out, renumber(this.contents));
      out.ascii(' ]\n');
    }
    out.ascii('>>');
  }

  /** Written once, when pdf-lib first asks (the save measures, then copies). */
  protected bytes(): Uint8Array {
    if (!this.written) {
      const out = new PdfBytes(512);
      this.writeTo(out, asIs);
      this.written = out.copy();
    }
    return this.written;
  }

  /** A key as pdf-lib's uniqueKey makes it: a suffix from the document's own seeded generator, so the file is the same each time. */
  private name(names: [PDFName, PDFRef][], tag: string, ref: PDFRef): string {
    let key: PDFName;
    do key = PDFName.of(this.context.addRandomSuffix(tag, 10));
    while (names.some(([taken]) => taken === key));
    names.push([key, ref]);
    return key.asString();
  }
}

/** An object already written (a part's dictionary, renumbered). */
class WrittenObject extends BytesObject {
  constructor(private readonly written: Uint8Array) {
    super();
  }

  protected bytes(): Uint8Array {
    return this.written;
  }
}

const STREAM = Buffer.from('\nstream\n', 'latin1');
const END_STREAM = Buffer.from('\nendstream', 'latin1');

/**
 * A stream whose dictionary is already written and whose contents are not copied: a page's
 * deflated contents (contentStream), or a part's stream renumbered into a submission. A PDFStream,
 * so that pdf-lib's save writes it outside the object streams, with Node's copy of the bytes
 * (pdf-lib's own copies a stream byte by byte: 25 ms of a 2,000-work table in a fresh process).
 */
class WrittenStream extends PDFStream {
  /** `unnumbered`: its dictionary refers to no object, so it is carried into another file as it is. */
  constructor(context: PDFContext, private readonly head: Uint8Array, private readonly contents: Uint8Array, readonly unnumbered = false) {
    super(PDFDict.withContext(context));
  }

  getContents(): Uint8Array {
    return this.contents;
  }

  getContentsSize(): number {
    return this.contents.length;
  }

  getContentsString(): string {
    return Buffer.from(this.contents).toString('latin1');
  }

  updateDict(): void {}

  sizeInBytes(): number {
    return this.head.length + STREAM.length + this.contents.length + END_STREAM.length;
  }

  toString(): string {
    return Buffer.concat([this.head, STREAM, this.contents, END_STREAM]).toString('latin1');
  }

  copyBytesInto(buffer: Uint8Array, offset: number): number {
    let at = offset;
    for (const bytes of [this.head, STREAM, this.contents, END_STREAM]) {
      buffer.set(bytes, at);
      at += bytes.length;
    }
    return at - offset;
  }

  clone(): WrittenStream {
    return this;
  }
}

/**
 * A page's contents, deflated: the stream pdf-lib writes for context.stream(deflated, { Filter:
 * FlateDecode }), without its dictionary's objects (a name and a number a page, made twice by the
 * save).
 */
export function contentStream(context: PDFContext, deflated: Uint8Array): PDFStream {
  return new WrittenStream(context, Buffer.from(`<<\n/Filter /FlateDecode\n/Length ${deflated.length}\n>>`, 'latin1'), deflated, true);
}

/**
 * Puts the objects a document's pages use (contents, fonts, pictures, annotations…; not its
 * catalog, page tree or outline, as pdf-lib's copyPages) into another document under new numbers,
 * each written to bytes once; the pages' parent becomes `parent`, and what a page inherited from
 * its page tree (resources, boxes, rotation) is written into the page. Returns the pages' new
 * references, in order.
 */
export function carryPages(from: PDFContext, pages: PDFRef[], to: PDFContext, parent: PDFRef): PDFRef[] {
  const numbers = new Map<PDFRef, PDFRef>();
  const order: PDFRef[] = [];
  const isPage = new Set(pages);
  const visit = (ref: PDFRef) => {
    if (numbers.has(ref)) return;
    numbers.set(ref, to.nextRef());
    order.push(ref);
  };
  pages.forEach(visit);
  // Breadth first, by a queue: a long chain of references cannot run the stack out.
  for (let i = 0; i < order.length; i++) {
    const object = from.lookup(order[i]);
    if (object) eachRef(object, isPage.has(order[i]), visit);
  }
  const renumber: Renumber = (ref) => numbers.get(ref)!;
  const out = new PdfBytes(4096);
  for (const ref of order) {
    const object = from.lookup(ref);
    out.clear();
    if (object instanceof WrittenStream && object.unnumbered) {
      to.assign(renumber(ref), object);
      continue;
    }
    if (object instanceof PDFStream) {
      object.updateDict();
      writeValue(out, object.dict, renumber);
      to.assign(renumber(ref), new WrittenStream(to, out.copy(), object.getContents()));
      continue;
    }
    if (object instanceof WrittenPage) object.writeTo(out, renumber, parent);
    else if (object instanceof PDFPageLeaf && isPage.has(ref)) writePageLeaf(out, object, renumber, parent);
    // A reference to nothing (a damaged file) is written as null, as a reader takes it.
    else if (object) writeValue(out, object, renumber);
    else out.ascii('null');
    to.assign(renumber(ref), new WrittenObject(out.copy()));
  }
  return pages.map(renumber);
}

/** A document's one page tree and its reference: pages written ahead or carried are pushed at its end. */
export function pageTreeOf(doc: PDFDocument): { tree: PDFPageTree; ref: PDFRef } {
  return { tree: doc.catalog.Pages(), ref: doc.catalog.get(PDFName.of('Pages')) as PDFRef };
}

/** What a page inherits from its page tree, written into the page when it is carried. */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((key) => PDFName.of(key));

/** A page's own entries but its parent, and what it inherits. */
function pageEntries(page: PDFPageLeaf): [PDFName, PDFObject][] {
  const entries = page.entries().filter(([key]) => key !== PDFName.Parent);
  for (const key of INHERITED) {
    const inherited = page.get(key) ? undefined : page.getInheritableAttribute(key);
    if (inherited) entries.push([key, inherited]);
  }
  return entries;
}

function eachRef(object: PDFObject, isPage: boolean, visit: (ref: PDFRef) => void): void {
  if (object instanceof PDFRef) visit(object);
  else if (object instanceof WrittenPage) object.refs().forEach(visit);
  else if (object instanceof PDFPageLeaf && isPage) for (const [, value] of pageEntries(object)) eachRef(value, false, visit);
  else if (object instanceof PDFDict) for (const [, value] of object.entries()) eachRef(value, false, visit);
  else if (object instanceof PDFArray) for (let i = 0; i < object.size(); i++) eachRef(object.get(i), false, visit);
  else if (object instanceof PDFStream) eachRef(object.dict, false, visit);
}

function writePageLeaf(out: PdfBytes, page: PDFPageLeaf, renumber: Renumber, parent: PDFRef): void {
  out.ascii('<<\n');
  for (const [key, value] of pageEntries(page)) writeEntry(out, key, value, renumber);
  writeEntry(out, PDFName.Parent, parent);
  out.ascii('>>');
}

/** A value as pdf-lib writes it ("<<\n/Key value\n>>", "[ a b ]"), its references renumbered. */
function writeValue(out: PdfBytes, value: PDFObject, renumber: Renumber): void {
  if (value instanceof PDFRef) writeRef(out, renumber(value));
  else if (value instanceof PDFDict) {
    out.ascii('<<\n');
    for (const [key, entry] of value.entries()) writeEntry(out, key, entry, renumber);
    out.ascii('>>');
  } else if (value instanceof PDFArray) {
    out.ascii('[ ');
    for (let i = 0; i < value.size(); i++) {
      writeValue(out, value.get(i), renumber);
      out.char(0x20);
    }
    out.char(0x5d);
  } else out.object(value);
}

function writeEntry(out: PdfBytes, key: PDFName, value: PDFObject, renumber: Renumber = asIs): void {
  out.object(key);
  out.char(0x20);
  writeValue(out, value, renumber);
  out.char(0x0a);
}

function writeRef(out: PdfBytes, ref: PDFRef): void {
  out.ascii(`${ref.objectNumber} ${ref.generationNumber} R`);
}
