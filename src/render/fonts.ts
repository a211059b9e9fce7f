/**
 * The embedded typeface. IPAex Mincho is parsed once per process and shared: by layout for
 * measuring, by pdf-lib for embedding (a fontkit whose create() returns the cached font), and by
 * validation for asking whether a character can be drawn at all.
 */
import { readFileSync } from 'node:fs';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { eachGrapheme } from '../text/kinsoku.js';

export const FONT_FILE = new URL('../../fonts/ipaexm.ttf', import.meta.url);

let bytes: Uint8Array | undefined;
let parsed: Font | undefined;

export function fontBytes(): Uint8Array {
  bytes ??= new Uint8Array(readFileSync(FONT_FILE));
  return bytes;
}

export function font(): Font {
  parsed ??= memoizeOutlines(fontkit.create(fontBytes()));
  return parsed;
}

type Glyph = ReturnType<Font['getGlyph']> & { _decode(): unknown };

/**
 * Subsetting (fontkit's TTFSubset) decodes the outline of every glyph a PDF uses, in every PDF, only
 * to learn whether it is composite: a fifth of a batch's time went there. fontkit keeps one glyph
 * object per id, so each object's decoded outline is kept with it and the decoding happens once
 * per process. A font with variations (not ours) transforms decoded points, so is left alone.
 */
function memoizeOutlines(f: Font): Font {
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

/** A fontkit for pdf-lib's registerFontkit: parsing the 7.8 MB font once, not per document. */
export const cachedFontkit = {
  create: (data: Uint8Array) => (data === fontBytes() ? font() : fontkit.create(data)),
};

const widthCache = new Map<string, number>();

/** Advance width of a grapheme cluster at 1 pt. */
export function advance(grapheme: string): number {
  let w = widthCache.get(grapheme);
  if (w === undefined) {
    const f = font();
    // One code point needs no shaping (the slow part of fontkit); a cluster (kanji + IVS) does.
    const single = grapheme.length === 1 || (grapheme.length === 2 && grapheme.codePointAt(0)! > 0xffff);
    w = (single ? f.glyphForCodePoint(grapheme.codePointAt(0)!).advanceWidth : f.layout(grapheme).advanceWidth) / f.unitsPerEm;
    widthCache.set(grapheme, w);
  }
  return w;
}

export function textWidth(text: string, size: number): number {
  let w = 0;
  eachGrapheme(text, (g) => (w += advance(g)));
  return w * size;
}

const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u200D]|[\u{E0100}-\u{E01EF}]/u;

/** Characters of `text` the font has no glyph for (variation selectors aside: they modify a glyph). */
export function missingCharacters(text: string): string[] {
  let missing: Set<string> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Fast path: a BMP character already asked about. Surrogate pairs and new characters ask the font.
    const known = c < 0xd800 || c > 0xdfff ? bmpDrawable[c] : 0;
    if (known === 1) continue;
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch.length === 2) i++;
    if (!drawable(ch)) (missing ??= new Set()).add(ch);
  }
  return missing ? [...missing] : [];
}

/** 0: not asked yet, 1: drawable, 2: missing — per BMP code unit. */
const bmpDrawable = new Uint8Array(0x10000);
const drawableCache = new Map<string, boolean>();

/** Whether the font can draw a character; asked once per character per process (a cmap lookup is slow). */
function drawable(ch: string): boolean {
  let ok = drawableCache.get(ch);
  if (ok === undefined) {
    ok = ch === '\n' || ch === '\r' || ch === '\t' || VARIATION_SELECTOR.test(ch) || font().hasGlyphForCodePoint(ch.codePointAt(0)!);
    drawableCache.set(ch, ok);
    if (ch.length === 1) bmpDrawable[ch.charCodeAt(0)] = ok ? 1 : 2;
  }
  return ok;
}
