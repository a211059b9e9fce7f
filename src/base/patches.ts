/**
 * Every place yoshiki reaches into a library's private internals, in one module. Each of these
 * depends on the exact version pinned in package.json (no ^ or ~ there, for these three), and
 * test/unit/patches.test.ts fails when one is no longer in effect — after an upgrade, that test
 * says which patch to look at. Only types are imported: a patch costs nothing until it is applied.
 */
import type { Font } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont, PDFObjectStream } from 'pdf-lib';
import type { z } from 'zod';

/** The versions the patches below were written against (package.json pins these exactly). */
export const PATCHED_VERSIONS = { '@pdf-lib/fontkit': '1.1.1', 'pdf-lib': '1.17.1', zod: '4.6.7' } as const;

type Glyph = ReturnType<Font['getGlyph']> & { _decode(): unknown };

/**
 * fontkit 1.1.1, glyph._decode: subsetting (TTFSubset) decodes the outline of every glyph a PDF
 * uses, in every PDF, only to learn whether it is composite: a fifth of a batch's time went there.
 * fontkit keeps one glyph object per id, so each object's decoded outline is kept with it and the
 * decoding happens once per process. A font with variations transforms decoded points, so is left alone.
 */
export function memoizeGlyphOutlines(f: Font): Font {
  if ((f as unknown as { _variationProcessor?: unknown })._variationProcessor) return f;
  const getGlyph = f.getGlyph.bind(f);
  const memoized = new WeakSet<object>();
  f.getGlyph = (id, characters) => {
    const glyph = getGlyph(id, characters) as Glyph;
    if (!memoized.has(glyph)) {
      memoized.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let outline: unknown;
      let decoded = false;
      glyph._decode = () => {
        if (!decoded) [outline, decoded] = [decode(), true];
        return outline;
      };
    }
    return glyph;
  };
  return f;
}

/**
 * fontkit 1.1.1, TTFSubset.prototype._addGlyph: a PDF's font subset decoded the whole outline of
 * each glyph it takes only to learn whether the glyph is composite (its components are taken too);
 * the outline's first field, its number of contours, says so. A simple or empty glyph is now given
 * to fontkit's own _addGlyph with that field alone in place of its outline — which is all it reads
 * of a simple glyph's — so the subset's bytes are the same; a composite glyph, or a font with
 * variations (whose outlines are transformed), is decoded as before. The outlines were a twelfth of
 * a cold one-case render. `subset` is any subset fontkit made: its prototype is patched, once.
 */
export function subsetWithoutOutlines(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as SubsetProto;
  if (patchedSubsets.has(proto) || typeof proto._addGlyph !== 'function') return;
  patchedSubsets.add(proto);
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: SubsetProto, gid: number) {
    const font = this.font;
    if (font._variationProcessor || typeof font.loca?.offsets?.[gid + 1] !== 'number') return addGlyph.call(this, gid);
    const start = font.loca.offsets[gid];
    const empty = start === font.loca.offsets[gid + 1];
    const contours = empty ? 0 : contoursOf(font, start);
    // A composite glyph, or one whose outline lies past the table (a damaged font): fontkit's own way.
    if (contours === undefined || contours < 0) return addGlyph.call(this, gid);
    const glyph = font.getGlyph(gid);
    // Put back by plain assignment (memoizeGlyphOutlines gives every glyph its own _decode): a
    // delete or defineProperty here turned glyphs into slow dictionaries, 2 ms of a warm case.
    const decode = glyph._decode;
    glyph._decode = empty ? decodesToNull : () => ({ numberOfContours: contours });
    try {
      return addGlyph.call(this, gid);
    } finally {
      glyph._decode = decode;
    }
  };
}
const patchedSubsets = new WeakSet<object>();
const decodesToNull = () => null;

/** A TrueType glyph's number of contours, its outline's first field (negative: composite), or undefined past the table's end. */
function contoursOf(font: SubsetProto['font'], offset: number): number | undefined {
  const table = font._getTableStream('glyf');
  const at = table.pos + offset;
  return at >= 0 && at + 2 <= table.buffer.length ? table.buffer.readInt16BE(at) : undefined;
}
interface SubsetProto {
  _addGlyph(gid: number): number;
  font: {
    _variationProcessor?: unknown;
    loca: { offsets: number[] };
    _getTableStream(tag: string): { buffer: Buffer; pos: number };
    getGlyph(id: number): { _decode(): unknown };
  };
}

/**
 * fontkit 1.1.1, font._cmapProcessor.lookup: fontkit finds a character's glyph by a binary search
 * over the cmap's groups, decoding a group from the font's bytes at every step (restructure's
 * LazyArray keeps none): 0.1–0.2 ms a character, and checking a case asks it of every character
 * it holds — about a tenth of a cold one-case render. The groups of a format 12 subtable (the one
 * fontkit picks in IPAex Mincho and most fonts with a (3, 10) table) and the segments of a format 4
 * one are read once into typed arrays, from the very bytes fontkit's arrays view, and searched
 * the same way; any other subtable, a legacy encoding or a variation selector is left to fontkit.
 */
export function fastCmapLookup(f: Font): Font {
  const processor = (f as unknown as { _cmapProcessor: CmapProcessor })._cmapProcessor;
  if (processor.encoding) return f;
  let search: ((code: number) => number) | null;
  try {
    search = processor.cmap.version === 12 ? format12(processor.cmap) : processor.cmap.version === 4 ? format4(processor.cmap) : null;
  } catch {
    // A table reaching past the font's end (a damaged font): left to fontkit, which says so where it is used.
    search = null;
  }
  if (!search) return f;
  const lookup = processor.lookup.bind(processor);
  processor.lookup = (code, variationSelector) => (variationSelector ? lookup(code, variationSelector) : search(code));
  return f;
}

/** restructure's LazyArray: `length` items of its type from `base` in its stream's buffer. */
interface LazyArray { base: number; length: number; stream: { buffer: Uint8Array } }
interface CmapProcessor {
  encoding: unknown;
  cmap: { version: number; nGroups: number; groups: LazyArray; segCount: number; startCode: LazyArray; endCode: LazyArray; idDelta: LazyArray; idRangeOffset: LazyArray; glyphIndexArray: LazyArray };
  lookup(code: number, variationSelector?: number): number;
}

const viewOf = (a: LazyArray) => new DataView(a.stream.buffer.buffer, a.stream.buffer.byteOffset);

/** Format 12: sequential groups of 12 bytes (first code, last code, first glyph), in order. */
function format12(cmap: CmapProcessor['cmap']): (code: number) => number {
  const n = cmap.nGroups;
  const view = viewOf(cmap.groups);
  const first = new Uint32Array(n), last = new Uint32Array(n), glyph = new Uint32Array(n);
  for (let i = 0, at = cmap.groups.base; i < n; i++, at += 12) {
    first[i] = view.getUint32(at);
    last[i] = view.getUint32(at + 4);
    glyph[i] = view.getUint32(at + 8);
  }
  return (code) => {
    const i = rangeHolding(first, last, code);
    return i < 0 ? 0 : glyph[i] + (code - first[i]);
  };
}

/** The index of the range (first[i]..last[i], sorted, apart) holding `code`, or -1: fontkit's binary search. */
function rangeHolding(first: ArrayLike<number>, last: ArrayLike<number>, code: number): number {
  let min = 0, max = first.length - 1;
  while (min <= max) {
    const mid = (min + max) >> 1;
    if (code < first[mid]) max = mid - 1;
    else if (code > last[mid]) min = mid + 1;
    else return mid;
  }
  return -1;
}

/** Format 4: segments of the BMP, each mapped by a delta or through the glyph index array. */
function format4(cmap: CmapProcessor['cmap']): (code: number) => number {
  const n = cmap.segCount;
  const u16 = (a: LazyArray, count: number) => {
    const view = viewOf(a);
    return Uint16Array.from({ length: count }, (_, i) => view.getUint16(a.base + 2 * i));
  };
  const start = u16(cmap.startCode, n), end = u16(cmap.endCode, n), rangeOffset = u16(cmap.idRangeOffset, n);
  const delta = Int16Array.from(u16(cmap.idDelta, n));
  const indices = u16(cmap.glyphIndexArray, cmap.glyphIndexArray.length);
  return (code) => {
    const i = rangeHolding(start, end, code);
    if (i < 0) return 0;
    if (rangeOffset[i] === 0) return (code + delta[i]) & 0xffff;
    const gid = indices[rangeOffset[i] / 2 + (code - start[i]) - (n - i)] || 0;
    return gid === 0 ? 0 : (gid + delta[i]) & 0xffff;
  };
}

/**
 * pdf-lib 1.17.1, context.flateStream and PDFObjectStream.withContextAndObjects: pdf-lib
 * compresses the embedded font subset and the object streams (where save() puts the page
 * dictionaries) with pako, a JavaScript deflate that took a sixth of a batch's time and a sixth of
 * joining a 2,500-page submission; Node's zlib gives the same kind of stream (FlateDecode) several
 * times faster. `deflate` is node:zlib's deflateSync and `objectStreams` pdf-lib's PDFObjectStream,
 * passed in so this module imports nothing at run time. The class is patched once; its streams use
 * the deflate of the document whose context they belong to, and pako for any other document.
 */
export function useNativeDeflate(pdf: PDFDocument, deflate: Deflate, objectStreams: typeof PDFObjectStream): void {
  const context = pdf.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflate(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  deflaters.set(context, deflate);
  if (patchedObjectStreams.has(objectStreams)) return;
  patchedObjectStreams.add(objectStreams);
  const make = objectStreams.withContextAndObjects.bind(objectStreams);
  objectStreams.withContextAndObjects = (ctx, objects, encode = true) => {
    const stream = make(ctx, objects, encode);
    const ours = encode ? deflaters.get(ctx) : undefined;
    if (ours) {
      let bytes: Uint8Array | undefined;
      stream.getContents = () => (bytes ??= ours(stream.getUnencodedContents()));
      stream.getContentsSize = () => stream.getContents().length;
    }
    return stream;
  };
}

type Deflate = (data: Uint8Array) => Uint8Array;
const deflaters = new WeakMap<object, Deflate>();
const patchedObjectStreams = new WeakSet<object>();

/**
 * pdf-lib 1.17.1, font.embedder (subset, glyphs, glyphIdMap, glyphCache): puts one glyph, shaped by
 * the layout, into a document's font subset and returns its id there, as pdf-lib's own encodeText
 * would after shaping the text itself — so the PDF draws exactly the glyphs the layout measured.
 * `text` is what the glyph stands for in the PDF's ToUnicode map (what copying and searching give):
 * recorded per document, since the parsed font, and fontkit's glyph objects with the text they were
 * first made for, are shared by every document of a process (〜 and ～ share a glyph in IPAex Mincho).
 */
export function includeGlyph(font: PDFFont, glyphId: number, text: string): number {
  type Glyph = { id: number; codePoints: number[] };
  const embedder = (font as unknown as { embedder: {
    font: { getGlyph(id: number): Glyph }; subset: { includeGlyph(g: Glyph): number }; glyphs: Glyph[];
    glyphIdMap: Map<number, number>; glyphCache: { invalidate(): void };
  } }).embedder;
  if (!embedder?.subset || !embedder.glyphIdMap) throw new Error('pdf-lib no longer keeps its font subset where yoshiki adds glyphs');
  const glyph = embedder.font.getGlyph(glyphId);
  const subsetId = embedder.subset.includeGlyph(glyph);
  embedder.glyphs[subsetId - 1] = Object.create(glyph, { codePoints: { value: Array.from(text, (c) => c.codePointAt(0)!) } });
  embedder.glyphIdMap.set(glyph.id, subsetId);
  embedder.glyphCache.invalidate();
  return subsetId;
}

/** zod 4.6.7, schema._zod.def: what a schema is made of, read to suggest field names and allowed values and to normalise typed values. */
export type ZodDef = {
  type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType;
  options?: z.ZodType[]; in?: z.ZodType; discriminator?: string; values?: unknown[]; entries?: Record<string, string | number>;
};
export const zodDef = (s: z.ZodType): ZodDef => (s as unknown as { _zod: { def: ZodDef } })._zod.def;
