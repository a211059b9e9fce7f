/**
 * The typefaces. IPAex Mincho (fonts/) is always first; a case or the command line may name more
 * fonts, and a character the first lacks is drawn from the next that has it (the fallback chain).
 * A FontBook parses each font file once and shares it: with layout for measuring, with pdf-lib for
 * embedding (a fontkit whose create() returns the parsed font), with the DOCX writer for its subset,
 * and with validation for asking whether a character can be drawn at all. The book is part of the
 * pipeline's session (src/pipeline/session.ts), not a module global: a preview that sees a font
 * file change starts a new book.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Font } from '@pdf-lib/fontkit';
import { readBounded, UnusableFile } from '../base/bounded-file.js';
import { fastCmapLookup, memoizeGlyphOutlines, subsetWithoutOutlines } from '../base/patches.js';
import { eachGrapheme, neverCombines, type Measure } from './kinsoku.js';

const PRIMARY = fileURLToPath(new URL('../../fonts/ipaexm.ttf', import.meta.url));

/**
 * fontkit is a 1.3 MB CommonJS file: required, not imported, since an import first has Node scan
 * all of it for the names it exports (a twentieth of a one-case render).
 */
const fontkit = createRequire(import.meta.url)('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');

/** The largest font file read: IPAex Mincho is 7.8 MB, the biggest CJK OpenType fonts (Noto Sans CJK) about 25 MB. */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

function readFontFile(file: string): Uint8Array {
  const read = readBounded(file, MAX_FONT_BYTES);
  if (read.ok) return read.bytes;
  switch (read.reason) {
    case 'too-large': throw new UnusableFile(`${read.size}バイト以上あり、フォントの上限${MAX_FONT_BYTES}バイトを超えています`, `${read.size} bytes or more, over the ${MAX_FONT_BYTES}-byte limit for a font`);
    case 'not-file': throw new UnusableFile('普通のファイルではありません（フォルダ・デバイス・パイプなど）', 'not a regular file (a folder, a device, a pipe…)');
    case 'unreadable': throw new UnusableFile('読み取りの権限がないか、読み取りに失敗しました', 'no permission, or a read error');
    default: throw new UnusableFile('ファイルがありません', 'no such file', true);
  }
}

/** Line ends, tabs, variation selectors and the zero-width joiner modify or separate glyphs; they have none. */
const needsNoGlyph = (code: number) =>
  code === 10 || code === 13 || code === 9 || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef);

/**
 * The tables every font needs to be measured, named and embedded, read now: fontkit reads a table
 * when first asked, so a font cut short failed only later, deep inside layout, as a bug in yoshiki.
 */
function checkTables(font: Font, size: number): void {
  const directory = (font as unknown as { directory: { tables: Record<string, { offset: number; length: number }> } }).directory.tables;
  const outlines = directory['CFF '] || directory.CFF2 ? [] : ['glyf', 'loca'];
  const lacking = ['head', 'hhea', 'maxp', 'hmtx', 'cmap', 'name', ...outlines].filter((tag) => !directory[tag]);
  // A table reaching past the file's end: the file was cut short.
  if (Object.values(directory).some((t) => t.offset + t.length > size))
    throw new UnusableFile(`ファイルが途中で切れています（${size}バイト）`, `the file is cut short (${size} bytes)`);
  if (lacking.length === 0) {
    // Decoded now (fontkit decodes a table when first asked): a damaged one throws here, not in layout.
    const decoded = font as unknown as Record<string, unknown>;
    for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'cmap', 'name', 'loca']) {
      try {
        if (directory[tag] && !decoded[tag]) lacking.push(tag);
      } catch {
        lacking.push(tag);
      }
    }
  }
  if (lacking.length > 0) {
    const tags = [...new Set(lacking)];
    throw new UnusableFile(`必要な表（${tags.join('、')}）が欠けているか壊れています`, `its ${tags.join(', ')} table${tags.length > 1 ? 's are' : ' is'} missing or damaged`);
  }
}

/** A grapheme cluster as a font draws it: its glyph ids, the text each stands for, its advance at 1 pt. */
export interface Shaped {
  glyphs: number[];
  texts: string[];
  advance: number;
}

/** One font file: its bytes, the parsed font, and what has been asked of it. */
export class Typeface {
  readonly font: Font;
  private readonly shapes = new Map<string, Shaped>();
  private readonly widths = new Map<string, number>();
  /** advance() per BMP code unit that is a grapheme of its own, NaN until asked. */
  private readonly unitWidths = new Float64Array(0x10000).fill(NaN);
  /** 0: not asked yet, 1: has a glyph, 2: lacks it — per BMP code unit (a cmap lookup is slow). */
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();
  private readonly sound = new Map<number, boolean>();

  constructor(readonly file: string, readonly bytes: Uint8Array) {
    // fontkit copies a Uint8Array into its own Buffer one byte at a time (7.8 M steps, a twentieth
    // of a cold one-case render) but views an ArrayBuffer as it is; it never writes to the font.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const data = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const parsed = fontkit.create(data as unknown as Uint8Array) as Font & { fonts?: unknown };
    if (parsed.fonts) throw new Error('a font collection (.ttc) — give one .ttf or .otf');
    checkTables(parsed, bytes.length);
    this.font = fastCmapLookup(memoizeGlyphOutlines(parsed));
    // TrueType outlines (glyf): the PDF's subsets need not decode them (see the patch).
    if ((parsed as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables.glyf) subsetWithoutOutlines(parsed.createSubset());
  }

  get name(): string {
    return this.font.familyName || this.file;
  }

  /** Whether the font draws this character (line ends, tabs and variation selectors need no glyph). */
  hasCodePoint(code: number): boolean {
    if (code < 0x10000) {
      let known = this.bmp[code];
      if (known === 0) known = this.bmp[code] = needsNoGlyph(code) || this.font.hasGlyphForCodePoint(code) ? 1 : 2;
      return known === 1;
    }
    let ok = this.astral.get(code);
    if (ok === undefined) this.astral.set(code, (ok = needsNoGlyph(code) || this.font.hasGlyphForCodePoint(code)));
    return ok;
  }

  /**
   * Whether the glyph of a character this font has is sound: its outline parses, and its box and
   * advance are numbers inside the box the font's head table declares for all its glyphs. A damaged
   * font (a glyf entry overwritten, a loca table gone) parsed without complaint, drew nonsense or
   * crashed the PDF writer's subsetting; a glyph is tried once.
   */
  soundGlyph(code: number): boolean {
    let ok = this.sound.get(code);
    if (ok === undefined) this.sound.set(code, (ok = this.tryGlyph(code)));
    return ok;
  }

  private tryGlyph(code: number): boolean {
    try {
      const glyph = this.font.glyphForCodePoint(code);
      const box = glyph.bbox;
      const all = this.font.bbox;
      // fontkit's typings lack Path.commands (it exists: the outline's drawing commands).
      const commands = (glyph.path as unknown as { commands: unknown[] }).commands.length;
      if (!Number.isFinite(glyph.advanceWidth)) return false;
      // No outline is right for a space or a format character only: a visible character would vanish.
      if (commands === 0) return /[\p{Z}\p{Cf}]/u.test(String.fromCodePoint(code));
      if (![box.minX, box.minY, box.maxX, box.maxY].every(Number.isFinite)) return false;
      return box.minX >= all.minX - 1 && box.minY >= all.minY - 1 && box.maxX <= all.maxX + 1 && box.maxY <= all.maxY + 1;
    } catch {
      return false;
    }
  }

  /**
   * Advance width of a grapheme cluster at 1 pt: the width of the glyphs `shape` gives it. Kept in a
   * map of numbers of its own: measuring asks this for every character of every line (millions in a
   * 2,000-work table), and the extra call and object read through `shape` cost a fifth of the layout.
   */
  advance(grapheme: string): number {
    let w = this.widths.get(grapheme);
    if (w === undefined) this.widths.set(grapheme, (w = this.shape(grapheme).advance));
    return w;
  }

  /** advance() of a BMP code unit that is a grapheme of its own (kinsoku's neverCombines), by its code: no string made. */
  advanceOfUnit(code: number): number {
    const w = this.unitWidths[code];
    return w === w ? w : (this.unitWidths[code] = this.advance(String.fromCharCode(code)));
  }

  /**
   * The glyphs that draw a grapheme cluster and their advance at 1 pt, shaped once. The layout
   * measures with them and the PDF writer draws them (src/export/pdf.ts), so what is measured is
   * what is drawn. One code point needs no shaping (the slow part of fontkit); a cluster (kanji +
   * variation selector, kana + combining mark) does.
   */
  shape(grapheme: string): Shaped {
    let shaped = this.shapes.get(grapheme);
    if (shaped === undefined) {
      const f = this.font;
      const single = grapheme.length === 1 || (grapheme.length === 2 && grapheme.codePointAt(0)! > 0xffff);
      if (single) {
        const glyph = f.glyphForCodePoint(grapheme.codePointAt(0)!);
        shaped = { glyphs: [glyph.id], texts: [grapheme], advance: glyph.advanceWidth / f.unitsPerEm };
      } else {
        const run = f.layout(grapheme);
        // Each glyph stands for the characters fontkit mapped to it (e, then its combining accent).
        shaped = { glyphs: run.glyphs.map((g) => g.id), texts: run.glyphs.map((g) => String.fromCodePoint(...g.codePoints)),
          advance: run.advanceWidth / f.unitsPerEm };
      }
      this.shapes.set(grapheme, shaped);
    }
    return shaped;
  }
}

/** The fonts of a session: each file parsed once, each chain built once, and what is made from them. */
export class FontBook {
  private readonly typefaces = new Map<string, Typeface>();
  private readonly chains = new Map<string, FontChain>();
  private readonly made = new Map<string, unknown>();

  /** The typeface of a font file (IPAex Mincho when none is named), parsed on first use. Throws when it is not a usable font. */
  typeface(file = PRIMARY): Typeface {
    let face = this.typefaces.get(file);
    if (!face) this.typefaces.set(file, (face = new Typeface(file, readFontFile(file))));
    return face;
  }

  /** IPAex Mincho, then these font files in order. */
  chain(files: readonly string[] = []): FontChain {
    const key = files.join('\n');
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = new FontChain([this.typeface(), ...files.map((f) => this.typeface(f))])));
    return chain;
  }

  /** Something made from the fonts once per book (the DOCX writer's HarfBuzz copy of IPAex Mincho). */
  memo<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }

  /** A fontkit for pdf-lib's registerFontkit: the book's parsed fonts, not a new parse per document. */
  get fontkit(): { create(data: Uint8Array): Font } {
    return { create: (data) => [...this.typefaces.values()].find((f) => f.bytes === data)?.font ?? fontkit.create(data) };
  }
}

/** IPAex Mincho, then the given typefaces in order. */
export class FontChain {
  private readonly measures = new Map<number, Measure>();

  constructor(readonly faces: Typeface[]) {}

  /** Which face draws a grapheme: the first that has its base character (0 when none has). */
  faceOf(grapheme: string): number {
    if (this.faces.length === 1) return 0;
    const base = grapheme.codePointAt(0)!;
    const i = this.faces.findIndex((f) => f.hasCodePoint(base));
    return i < 0 ? 0 : i;
  }

  advance(grapheme: string): number {
    return (this.faces.length === 1 ? this.faces[0] : this.faces[this.faceOf(grapheme)]).advance(grapheme);
  }

  /** advance() of a code unit that is a grapheme of its own, by its code. */
  advanceOfUnit(code: number): number {
    return this.faces.length === 1 ? this.faces[0].advanceOfUnit(code) : this.advance(String.fromCharCode(code));
  }

  /**
   * A line breaker's measure at a font size: widths in points, by grapheme or (Measure.unit) by
   * code unit, one function per size for the chain's life rather than one per cell.
   */
  measureAt(size: number): Measure {
    let m = this.measures.get(size);
    if (!m) {
      const measure: Measure = (g) => this.advance(g) * size;
      measure.unit = (code) => this.advanceOfUnit(code) * size;
      this.measures.set(size, (m = measure));
    }
    return m;
  }

  textWidth(text: string, size: number): number {
    let w = 0;
    // By code unit where each is a grapheme, the same widths summed in the same order: no string
    // and no callback per character (a table's right-aligned numbers and every page number).
    if (neverCombines(text)) for (let i = 0; i < text.length; i++) w += this.advanceOfUnit(text.charCodeAt(i));
    else eachGrapheme(text, (g) => (w += this.advance(g)));
    return w * size;
  }

  /** The text cut where the drawing face changes: one run per face, in order. */
  runs(text: string): { face: number; text: string }[] {
    if (this.faces.length === 1) return [{ face: 0, text }];
    const out: { face: number; text: string }[] = [];
    eachGrapheme(text, (g) => {
      const face = this.faceOf(g);
      const last = out[out.length - 1];
      if (last && last.face === face) last.text += g;
      else out.push({ face, text: g });
    });
    return out;
  }

  /**
   * Characters of `text` drawn by a fallback face (not IPAex Mincho, which ships with yoshiki) whose
   * glyph is damaged, with that face's name.
   */
  damaged(text: string): { char: string; face: string }[] {
    if (this.faces.length === 1) return [];
    const out: { char: string; face: string }[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (seen.has(code) || this.faces[0].hasCodePoint(code)) continue;
      seen.add(code);
      const face = this.faces.find((f) => f.hasCodePoint(code));
      if (face && !face.soundGlyph(code)) out.push({ char: String.fromCodePoint(code), face: face.name });
    }
    return out;
  }

  /** Characters of `text` no face of the chain can draw. */
  missing(text: string): string[] {
    let missing: Set<string> | undefined;
    const [first, ...rest] = this.faces;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (first.hasCodePoint(code)) continue;
      let found = false;
      for (const face of rest) if ((found = face.hasCodePoint(code))) break;
      if (!found) (missing ??= new Set()).add(String.fromCodePoint(code));
    }
    return missing ? [...missing] : [];
  }
}
