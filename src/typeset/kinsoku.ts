/**
 * Line breaking with Japanese 禁則処理 (kinsoku: characters that may not start or end a line).
 *
 * Break opportunities come from UAX #14 (the `linebreak` package); on top of them we forbid the
 * breaks Japanese typesetting forbids (JIS X 4051 style, the list in design.md). When nothing
 * fits we push the previous character down to the next line (追い出し) instead of letting text
 * overflow. Text is handled as grapheme clusters so a kanji with a variation selector never splits.
 */
import LineBreaker from 'linebreak';

/** Characters that may not begin a line (行頭禁則). */
export const NO_LINE_START = new Set(
  Array.from(
    '、。，．・：；？！）」』】〕〉》］｝ー' +
      'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶゝゞヽヾ々〜…‥' +
      '､｡,.･:;?!)]}｣ｰｧｨｩｪｫｯｬｭｮ' +
      '〙〗｠»’”',
  ),
);

/** Characters that may not end a line (行末禁則). */
export const NO_LINE_END = new Set(Array.from('（「『【〔〈《［｛([{｢〘〖｟«‘“'));

/** 0-9 and ０-９, by code (a regular expression per character is measurable in a 2,000-row table). */
const isDigit = (g: string) => {
  const c = g.charCodeAt(0);
  return g.length === 1 && ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19));
};

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * Text made only of characters that never combine with a neighbour (Latin, kana without combining
 * marks, kanji, full-width forms; no CR, joiners, variation selectors or surrogates) splits per
 * code unit exactly as the segmenter would, at a fraction of its cost: it is most of what a
 * thousand-row table holds.
 */
const NEVER_COMBINING = /^[\u0000-\u000C\u000E-\u02FF\u2010-\u20CF\u2100-\u2BFF\u3000-\u3098\u309B-\u9FFF\uF900-\uFAFF\uFF00-\uFF9D\uFFA0-\uFFEF]*$/;

export function splitGraphemes(text: string): string[] {
  if (NEVER_COMBINING.test(text)) return text.split('');
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Calls `fn` for each grapheme cluster without building an array (measuring and encoding lines). */
export function eachGrapheme(text: string, fn: (grapheme: string) => void): void {
  if (NEVER_COMBINING.test(text)) for (let i = 0; i < text.length; i++) fn(text[i]);
  else for (const s of graphemes.segment(text)) fn(s.segment);
}

const isSpace = (g: string) => g === ' ' || g === '\t' || g === '\u3000';

/** Width of one grapheme cluster, in the caller's unit. */
export type Measure = (grapheme: string) => number;

/**
 * Wraps `text` into lines no wider than `maxWidth`. Newlines in the text are hard breaks.
 * Returns the lines without trailing spaces. Never drops a character.
 */
export function breakLines(text: string, maxWidth: number, measure: Measure, firstLineIndent = 0): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    breakParagraph(paragraph, maxWidth, measure, lines, lines.length === 0 ? firstLineIndent : 0);
  }
  return lines;
}

function breakParagraph(text: string, maxWidth: number, measure: Measure, out: string[], firstIndent: number): void {
  const g = splitGraphemes(text);
  if (g.length === 0) {
    out.push('');
    return;
  }
  const widths = new Float64Array(g.length);
  let total = firstIndent;
  for (let i = 0; i < g.length; i++) total += widths[i] = measure(g[i]);
  // Most cells and lines fit as they are: no break opportunities to look for.
  if (total <= maxWidth) {
    out.push(trimEnd(text));
    return;
  }
  // offsets[i]: where grapheme i starts in `text`, so a line is one slice of it.
  const offsets = new Int32Array(g.length + 1);
  for (let i = 0; i < g.length; i++) offsets[i + 1] = offsets[i] + g[i].length;
  const breakable = breakOpportunities(text, g, offsets);
  // Kinsoku-only check, for forced breaks inside words wider than the line. Spaces at the cut are
  // dropped from both lines, so the characters that end up at the line's end and start count.
  const kinsokuAllows = (i: number) => {
    let next = i;
    while (next < g.length && (g[next] === ' ' || g[next] === '\t')) next++;
    let previous = i - 1;
    while (previous > 0 && isSpace(g[previous])) previous--;
    return !NO_LINE_START.has(g[next]) && !NO_LINE_END.has(g[previous]);
  };

  let start = 0;
  while (start < g.length) {
    let width = start === 0 ? firstIndent : 0;
    let lastBreak = -1;
    let end = g.length;
    for (let i = start; i < g.length; i++) {
      if (i > start && breakable[i]) lastBreak = i;
      const w = widths[i];
      if (width + w > maxWidth && i > start && !isSpace(g[i])) {
        if (breakable[i]) end = i;
        else if (lastBreak > start) end = lastBreak;
        else end = forcedBreak(start, i, kinsokuAllows);
        break;
      }
      width += w;
    }
    out.push(trimEnd(text.slice(offsets[start], offsets[end])));
    start = end;
    // Spaces at the start of a wrapped line are the break itself: drop them (never a first line).
    while (start < g.length && (g[start] === ' ' || g[start] === '\t')) start++;
  }
}

const trimEnd = (line: string) => (isSpace(line[line.length - 1] ?? '') ? line.replace(/[ \t\u3000]+$/u, '') : line);

/**
 * breakable[i]: a line may break before grapheme i — UAX #14 allows it and 禁則 does not forbid
 * it, and a number keeps its unit ("30,240円", "3,000部").
 */
function breakOpportunities(text: string, g: string[], offsets: Int32Array): Uint8Array {
  const uax = new Uint8Array(text.length + 1);
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) uax[bk.position] = 1;
  const breakable = new Uint8Array(g.length);
  // The line's last character once trailing spaces are trimmed: 「 followed by a space still may not end a line.
  let lastVisible = isSpace(g[0]) ? '' : g[0];
  for (let i = 1; i < g.length; i++) {
    breakable[i] = uax[offsets[i]] && !NO_LINE_START.has(g[i]) && !NO_LINE_END.has(g[i - 1]) && !NO_LINE_END.has(lastVisible) &&
      !(isDigit(g[i - 1]) && !isSpace(g[i])) ? 1 : 0;
    if (!isSpace(g[i])) lastVisible = g[i];
  }
  return breakable;
}

/** No opportunity in the line: cut inside the word, moving back until kinsoku allows the cut. */
function forcedBreak(start: number, overflowAt: number, kinsokuAllows: (i: number) => boolean): number {
  for (let j = overflowAt; j > start + 1; j--) if (kinsokuAllows(j)) return j;
  return overflowAt; // a line of nothing but forbidden characters: better a violation than a loss
}

