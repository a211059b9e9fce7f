/**
 * The font a DOCX carries. A clerk's PC seldom has IPAex Mincho: without it Word and LibreOffice
 * draw our papers in whatever Mincho they have (or a Western font), with other widths, so lines and
 * pages fall differently from the PDF. The DOCX therefore embeds IPAex Mincho as Word does (an
 * obfuscated font part named in word/fontTable.xml), cut down to the characters the document uses:
 * the whole font is 8 MB, a paper's characters a few dozen KB.
 *
 * The subset is made by harfbuzz's hb-subset, the subsetter browsers and font services use, from
 * the harfbuzzjs package (harfbuzz's own wasm build, shipped in the package: nothing is fetched at
 * run time). fontkit, which subsets for the PDF, writes only the tables a PDF needs — no cmap,
 * name, OS/2 or post — so its subset cannot be installed as a font, which is what a word processor
 * does with an embedded one. harfbuzzjs has no JavaScript API for subsetting, so harfbuzz's C API is
 * called on the wasm module's exports, as the `subset-font` package does; unlike that package, the
 * 8 MB font is loaded into harfbuzz once per process instead of once per document (30 ms a DOCX).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { unhandledBlock, type Block, type DocumentModel } from '../model/document.js';
import type { FontBook } from '../typeset/fonts.js';

/** Blocks' strings as the DOCX writes them (docx.ts: a signature line ends in ideographic spaces), one string or list at a time. */
function* blockText(b: Block): Generator<string | string[]> {
  switch (b.kind) {
    // A fill run (a line to sign on) is set after an ideographic space.
    case 'paragraph': return yield [b.label ?? '', b.text, b.runs?.some((r) => r.fill) ? '　' : ''];
    case 'keyValue': for (const r of b.rows) yield [r.key, r.value]; return;
    case 'box': return yield [...b.lines.map((l) => l.text), b.beside ?? ''];
    case 'table': yield b.columns.map((c) => c.header); yield* b.rows; return;
    case 'image': return yield b.caption;
    case 'pdfPages': return yield [b.caption, b.standIn];
    case 'pageBreak': return;
    default: return unhandledBlock(b);
  }
}

/**
 * Every character the document shows: its blocks' text, and the page-number footer's digits (any
 * page count) and " / ". In code point order, so the same document gives the same subset. The
 * Basic Multilingual Plane in a table of flags, one per character, other planes in a Set: an
 * evidence table of 10,000 works has three million characters, and a Set of strings took half a second.
 */
export function documentCharacters(doc: DocumentModel): string {
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00) {
        const c2 = s.codePointAt(i)!;
        if (c2 > 0xffff) {
          astral.add(c2);
          i++;
          continue;
        }
      }
      bmp[c] = 1;
    }
  };
  add(' ');
  for (const block of doc.blocks) for (const text of blockText(block)) (typeof text === 'string' ? add(text) : text.forEach(add));
  if (doc.pageNumbers) add('0123456789 / ');
  const chars: number[] = [];
  // A loop, not bmp.forEach: a callback for each of the 65,536 flags took 1.1 ms a document, the loop 0.15.
  for (let c = 0; c < 0x10000; c++) if (bmp[c]) chars.push(c);
  return String.fromCodePoint(...chars, ...[...astral].sort((a, b) => a - b));
}

/** The font as the DOCX names it, and the embedded subset with the key it is obfuscated with. */
export interface EmbeddedFont {
  /** The subset's family name, which every run names: `ABCDEF+IPAexMincho`. */
  name: string;
  /** The subset, not obfuscated (obfuscatedFont gives the part the DOCX holds). */
  data: Buffer;
  /** A GUID: the obfuscation key, which word/fontTable.xml states. */
  key: string;
  /** word/fontTable.xml naming the font and its embedded file (relationship rId1 of word/_rels/fontTable.xml.rels). */
  fontTable: string;
}

export const FONT_NAME = 'IPAexMincho';

/**
 * IPAex Mincho cut down to `text`'s characters (those it has: a character only a fallback font
 * draws is left to the word processor, as before). Hinting is kept for Windows at small sizes;
 * layout closure is not — it would add the vertical and variant forms the GSUB table can reach
 * (three times the glyphs), and our papers set none of them.
 *
 * Each subset has a family name of its own, tagged as PDF tags subsets (`ABCDEF+IPAexMincho`, the
 * tag taken from its glyphs). LibreOffice keeps a document's embedded fonts for the rest of the
 * session under the family name inside the file, and a second document naming the same family is
 * drawn with the first one's subset: with one name for all, a clerk who opens the application and
 * then the evidence table sees holes wherever the table has a character the application lacks.
 */
export async function embeddedFont(text: string, fonts: FontBook): Promise<EmbeddedFont> {
  const subset = subsetIpaex(await harfbuzz(fonts), text);
  const name = `${subsetTag(createHash('sha256').update(subset).digest())}+${FONT_NAME}`;
  const data = renamed(subset, name);
  // A key taken from the font (not a random one, as Word draws) keeps the same document's bytes the same.
  const key = guid(createHash('sha256').update(data).digest());
  return { name, data, key, fontTable: fontTable(name, key, fonts) };
}

/** The harfbuzz C functions used here, as the wasm module exports them (pointers are numbers). */
interface HarfBuzz {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  hb_subset_preprocess(face: number): number;
}

/** IPAex Mincho in harfbuzz: the face as read, how many subsets were made of it, and the face prepared for subsetting once that pays. */
interface Subsetter { hb: HarfBuzz; face: number; subsets: number; prepared?: number }

/**
 * hb_subset_preprocess works out once what every subset of a face needs (90–180 ms for IPAex
 * Mincho) and makes each subset after it two to three times faster (5 → 2 ms for a 350-character
 * paper), with the same bytes. A single case makes a handful of DOCX files and would not earn it
 * back; a batch worker does, so the face is prepared at its 16th subset.
 */
const PREPARE_AT = 16;

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;

/** harfbuzz with IPAex Mincho as a face, once per font book (per worker thread); the face is never changed. */
function harfbuzz(fonts: FontBook): Promise<Subsetter> {
  return fonts.memo('harfbuzz IPAex Mincho', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const hb = (await WebAssembly.instantiate(wasm)).instance.exports as unknown as HarfBuzz;
    hb._initialize();
    const bytes = fonts.typeface().bytes;
    const at = hb.malloc(bytes.length);
    new Uint8Array(hb.memory.buffer).set(bytes, at);
    const blob = hb.hb_blob_create(at, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob); // the face holds its own reference
    return { hb, face, subsets: 0 };
  });
}

/** hb-subset of the face to the characters of `text`: every layout feature kept, no layout closure. */
function subsetIpaex(subsetter: Subsetter, text: string): Buffer {
  const { hb } = subsetter;
  if (++subsetter.subsets === PREPARE_AT) subsetter.prepared = hb.hb_subset_preprocess(subsetter.face);
  const face = subsetter.prepared ?? subsetter.face;
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new Error('harfbuzz could not make a subset input');
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of text) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('harfbuzz could not subset IPAex Mincho');
    const blob = hb.hb_face_reference_blob(subset);
    // Copied out: the wasm memory is reused, and grows (which detaches views of it).
    const data = Buffer.from(new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(blob, 0), hb.hb_blob_get_length(blob)));
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
    if (data.length === 0) throw new Error('harfbuzz made an empty subset of IPAex Mincho');
    return data;
  } finally {
    hb.hb_subset_input_destroy(input);
  }
}

/** Six capital letters, as a PDF's subset tag. */
const subsetTag = (hash: Buffer) => [...hash.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');

/** 16 bytes as a GUID: 8-4-4-4-12 upper-case hex digits. */
function guid(hash: Buffer): string {
  const hex = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

/**
 * The font table, with what Word reads to choose a stand-in when it cannot use the embedded file (the installed IPAex
 * Mincho as `altName`, charset 80 = Shift_JIS, the PANOSE class, the Unicode ranges and code pages
 * of OS/2) and `w:subsetted`, which tells the reader that characters outside the document are
 * missing from the file.
 */
function fontTable(name: string, key: string, fonts: FontBook): string {
  const os2 = (fonts.typeface().font as unknown as { 'OS/2': { panose: number[]; ulCharRange: number[]; codePageRange: number[] } })['OS/2'];
  const panose = os2.panose.map((n) => n.toString(16).toUpperCase().padStart(2, '0')).join('');
  const [usb0, usb1, usb2, usb3] = os2.ulCharRange.map(hex8);
  const [csb0, csb1] = os2.codePageRange.map(hex8);
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `<w:font w:name="${name}"><w:altName w:val="${FONT_NAME}"/><w:panose1 w:val="${panose}"/><w:charset w:val="80"/>`
    + '<w:family w:val="roman"/><w:pitch w:val="variable"/>'
    + `<w:sig w:usb0="${usb0}" w:usb1="${usb1}" w:usb2="${usb2}" w:usb3="${usb3}" w:csb0="${csb0}" w:csb1="${csb1}"/>`
    + `<w:embedRegular r:id="rId1" w:fontKey="{${key}}" w:subsetted="1"/></w:font>`
    + '</w:fonts>';
}

/**
 * The font part as a DOCX holds it (ECMA-376 Part 1, §17.8.1): its first 32 bytes XORed with the
 * key's 16 bytes, read from the GUID's hex digits in reverse order; word/fontTable.xml states the key.
 */
export function obfuscatedFont(font: Pick<EmbeddedFont, 'data' | 'key'>): Uint8Array {
  const key = Buffer.from(font.key.replace(/-/g, ''), 'hex').reverse();
  const out = Buffer.from(font.data);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] ^= key[i % 16];
  return out;
}

/** Name IDs that carry the family's name: family, unique ID, full name, PostScript name. */
const NAME_IDS = new Set([1, 3, 4, 6]);

/**
 * The font with `family` in place of its name in every record of its name table that names it,
 * the tables laid out again (OpenType: sorted by tag, 4-byte aligned, each with its checksum, and
 * head.checkSumAdjustment for the whole file). harfbuzz cannot rename a subset, nor can fontkit.
 */
export function renamed(font: Buffer, family: string): Buffer {
  const numTables = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    tables.set(font.toString('latin1', at, at + 4), font.subarray(offset, offset + font.readUInt32BE(at + 12)));
  }
  const name = tables.get('name');
  if (!name) throw new Error('the subset has no name table');
  tables.set('name', renamedTable(name, family));
  return sfnt(font.readUInt32BE(0), tables);
}

/** A name table with `family` in its records of NAME_IDS; the other records kept. */
function renamedTable(table: Buffer, family: string): Buffer {
  // Format 1 adds language tags after the records; harfbuzz writes format 0.
  if (table.readUInt16BE(0) !== 0) throw new Error('the subset\'s name table is not format 0');
  const count = table.readUInt16BE(2);
  const storage = table.readUInt16BE(4);
  const records: { head: Buffer; text: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => table.readUInt16BE(at + o));
    const old = table.subarray(storage + offset, storage + offset + length);
    // Windows and Unicode platform strings are UTF-16BE; Macintosh Roman is ASCII for our name.
    const text = !NAME_IDS.has(nameId) ? old : platform === 1 ? Buffer.from(family, 'latin1') : Buffer.from(family, 'utf16le').swap16();
    records.push({ head: Buffer.from(table.subarray(at, at + 12)), text });
  }
  const out: Buffer[] = [];
  const header = Buffer.alloc(6);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(records.length, 2);
  header.writeUInt16BE(6 + 12 * records.length, 4);
  let offset = 0;
  for (const r of records) {
    r.head.writeUInt16BE(r.text.length, 8);
    r.head.writeUInt16BE(offset, 10);
    offset += r.text.length;
  }
  out.push(header, ...records.map((r) => r.head), ...records.map((r) => r.text));
  return Buffer.concat(out);
}

/** The sum of a padded table's big-endian 32-bit words (read through a DataView: Buffer's reader checks bounds at each word). */
const checksum = (data: Buffer) => {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
};
const padded = (data: Buffer) => Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);

/** An sfnt file of these tables. */
function sfnt(version: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const power = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(version, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(n * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  let headAt = -1;
  tags.forEach((tag, i) => {
    const data = padded(Buffer.from(tables.get(tag)!));
    if (tag === 'head') {
      data.writeUInt32BE(0, 8); // checkSumAdjustment is left out of every checksum
      headAt = offset;
    }
    const at = 12 + 16 * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(tables.get(tag)!.length, at + 12);
    bodies.push(data);
    offset += data.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  if (headAt >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}
