/**
 * Whether a text may hold a character that grows past one code point: only marks, joiners, emoji
 * modifiers and Hangul jamo extend a grapheme cluster. Checking a case asks this of every value
 * (the pipeline's overlong-text check); a Unicode-property RegExp took 100 ms of 10,000 works'
 * 2.3 million characters, a table lookup per code unit 5 ms. The table holds the blocks Japanese
 * paperwork is written in, each fully assigned and holding no mark (a test checks every code unit
 * against EXTENDS); any other code unit, a surrogate among them, leaves the answer to EXTENDS.
 */

/** What extends a cluster, as the overlong-text check has always read it. */
export const EXTENDS = /[\p{M}\p{Emoji_Modifier}\u200d\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;

/** Blocks (first, last code unit) none of whose characters EXTENDS matches. */
const PLAIN_BLOCKS: [number, number][] = [
  [0x0000, 0x02ff], // Basic Latin … Spacing Modifier Letters (combining marks start at U+0300)
  [0x2010, 0x205e], // General Punctuation from the dashes: ― ‥ … ※ (U+200D, the joiner, is before it)
  [0x2100, 0x218b], // Letterlike Symbols, Number Forms: ℃ № Ⅰ
  [0x2190, 0x23ff], // Arrows, Mathematical Operators, Miscellaneous Technical
  [0x2460, 0x27bf], // Enclosed Alphanumerics ①, Box Drawing, Geometric Shapes □ ○, Symbols ★, Dingbats
  [0x3000, 0x3029], // CJK Symbols and Punctuation: 、。「」〇 (U+302A–302F are tone marks)
  [0x3030, 0x303f],
  [0x3041, 0x3096], // Hiragana (U+3099, U+309A are the combining voicing marks)
  [0x309b, 0x30ff], // the spacing voicing marks ゛ ゜, Katakana
  [0x3220, 0x33ff], // Enclosed CJK ㈱, CJK Compatibility ㍻
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xff01, 0xffbe], // Fullwidth ASCII, halfwidth katakana (ﾞ ﾟ are letters, not marks)
];

/** 1 for a code unit of a plain block. */
export const PLAIN_UNITS = new Uint8Array(0x10000);
for (const [first, last] of PLAIN_BLOCKS) PLAIN_UNITS.fill(1, first, last + 1);

/** EXTENDS.test(text), answered without the RegExp when every code unit is in a plain block. */
export function mayExtendCluster(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (PLAIN_UNITS[text.charCodeAt(i)] === 0) return EXTENDS.test(text);
  return false;
}
