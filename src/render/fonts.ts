/**
 * The embedded typeface. IPAex Mincho is parsed once per process and shared: by layout for
 * measuring, by pdf-lib for embedding (a fontkit whose create() returns the cached font), and by
 * validation for asking whether a character can be drawn at all.
 */
import { readFileSync } from 'node:fs';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { splitGraphemes } from '../text/kinsoku.js';

export const FONT_FILE = new URL('../../fonts/ipaexm.ttf', import.meta.url);

let bytes: Uint8Array | undefined;
let parsed: Font | undefined;

export function fontBytes(): Uint8Array {
  bytes ??= new Uint8Array(readFileSync(FONT_FILE));
  return bytes;
}

export function font(): Font {
  parsed ??= fontkit.create(fontBytes());
  return parsed;
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
    w = f.layout(grapheme).advanceWidth / f.unitsPerEm;
    widthCache.set(grapheme, w);
  }
  return w;
}

export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const g of splitGraphemes(text)) w += advance(g);
  return w * size;
}

const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u200D]|[\u{E0100}-\u{E01EF}]/u;

/** Characters of `text` the font has no glyph for (variation selectors aside: they modify a glyph). */
export function missingCharacters(text: string): string[] {
  const f = font();
  const missing = new Set<string>();
  for (const ch of text) {
    if (ch === '\n' || ch === '\r' || ch === '\t' || VARIATION_SELECTOR.test(ch)) continue;
    if (!f.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  }
  return [...missing];
}
