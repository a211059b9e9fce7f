/**
 * Line breaking with Japanese 禁則処理 (kinsoku: characters that may not start or end a line).
 *
 * Break opportunities come from UAX #14 (the `linebreak` package, https://www.unicode.org/reports/tr14/);
 * on top of them we forbid the breaks Japanese typesetting forbids (JIS X 4051; its classes are
 * explained in English in W3C's "Requirements for Japanese Text Layout", https://www.w3.org/TR/jlreq/,
 * which names them cl-01 … cl-30). When nothing fits we push the previous character down to the next
 * line (追い出し) instead of letting text overflow, and never cut a number, a date or a code when the
 * line has any other place to cut. Text is handled as grapheme clusters so a kanji with a variation
 * selector never splits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import LineBreaker from 'linebreak';
import { derived } from '../base/cache.js';

/**
 * UAX #14 Line_Break classes as `linebreak` numbers them (its dist/module.mjs lists them in this
 * order). It does not export its class lookup, so we read classes with a breaker's `nextCharClass`,
 * the method its own algorithm uses (declared in linebreak.d.ts); that way the 禁則 sets come from
 * the same Unicode data as the break opportunities. It resolves classes as LB1 says: CJ (small kana,
 * ー) becomes NS, which is the "strict" line breaking Japanese paperwork wants; AI, SA, SG, XX
 * become AL.
 */
const LB = { OP: 0, CL: 1, CP: 2, QU: 3, NS: 5, EX: 6, IS: 8 } as const;
const lineBreakClass = (ch: string): number => new LineBreaker(ch).nextCharClass();
// A new `linebreak` that renumbered its classes would silently empty the sets: fail at load instead.
for (const [ch, cls] of [['(', LB.OP], ['」', LB.CL], [')', LB.CP], ['"', LB.QU], ['々', LB.NS], ['ぁ', LB.NS], ['!', LB.EX], [',', LB.IS]] as const)
  if (lineBreakClass(ch) !== cls) throw new Error(`linebreak classes changed: ${ch} is class ${lineBreakClass(ch)}, expected ${cls}`);

/**
 * JIS X 4051 forbids at a line's start some characters UAX #14 classes otherwise:
 * - ～ U+FF5E FULLWIDTH TILDE is ID, but CP932 (Shift_JIS as Windows and Excel write it) maps the
 *   wave dash 〜 U+301C (NS, JIS cl-03 ハイフン類) to it: text from Windows and Excel holds ～
 *   where JIS means 〜 (the evidence table's 「2018年10月1日～2018年10月8日」).
 * - ‐ U+2010 HYPHEN and – U+2013 EN DASH are cl-03 hyphens; UAX #14 classes them BA, which already
 *   forbids a break before them (LB21), so adding them matters only for forced breaks.
 * Not added, deliberately: — U+2014 (B2) and ― U+2015 (AL) are JIS cl-08 分離禁止文字, characters
 * that may not be separated from each other (——), not line-start prohibited; UAX #14 keeps a pair
 * together (LB17 B2 × B2; AL × AL) and `keepsTogether` below keeps forced breaks out of one.
 * … and ‥ (IN, also cl-08) are kept off a line's start as the hand list before this one did, so a
 * trailing ellipsis stays with its sentence; UAX #14 already never breaks before IN after a letter,
 * ideograph or another IN (LB22).
 * Nothing needs adding at a line's end: JIS cl-01 (始め括弧類) is all OP or opening quotation marks.
 */
const JIS_NO_LINE_START = '～‐–…‥';

const START = 1;
const END = 2;
/**
 * 禁則 flags per BMP code unit, set once at load: a Uint8Array lookup is what the
 * hot loop over thousands of table cells can afford. Beyond the BMP (emoji, rare kanji) nothing is
 * flagged.
 * - no line start: CL (close punctuation 」。、), CP (close parenthesis ）), NS (nonstarters ・々ー and,
 *   through CJ, small kana), EX (！？), IS (infix separators ，．：), closing quotation marks (QU with
 *   general category Pf: ’ ” »), plus JIS_NO_LINE_START.
 * - no line end: OP (open punctuation 「（【) and opening quotation marks (QU with category Pi: ‘ “ «).
 * All of these are Latin punctuation too; UAX #14 already forbids a break before CL, CP, EX, IS and
 * NS and after OP (LB13, LB14, LB21), so for Latin text the sets only matter after a space and in
 * forced breaks, where the hand list already had ( ) [ ] { } , . : ; ! ?.
 */
const FLAGS = new Uint8Array(0x10000);
const startSet = new Set<string>();
const endSet = new Set<string>();

/**
 * The BMP's flagged code units as [unit, flag] pairs, in the order they are flagged. Reading all
 * 63,488 classes through the breaker was a twentieth of a cold one-case render (40–60 ms): the
 * pairs are kept in yoshiki's cache folder (src/base/cache.ts), keyed by linebreak's version, so
 * each install reads them once.
 */
function scanBmp(): [number, number][] {
  // One breaker reads the whole BMP, one character per call (surrogates left out): half the cost of
  // a breaker per character.
  const units = new Uint16Array(0x10000 - 0x800);
  for (let c = 0, k = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units[k++] = c;
  const reader = new LineBreaker(new TextDecoder('utf-16le').decode(units));
  const pairs: [number, number][] = [];
  for (const c of units) {
    const cls = reader.nextCharClass();
    if (cls === LB.CL || cls === LB.CP || cls === LB.NS || cls === LB.EX || cls === LB.IS) pairs.push([c, START]);
    else if (cls === LB.OP) pairs.push([c, END]);
    else if (cls === LB.QU && /\p{Pf}/u.test(String.fromCharCode(c))) pairs.push([c, START]);
    else if (cls === LB.QU && /\p{Pi}/u.test(String.fromCharCode(c))) pairs.push([c, END]);
  }
  for (const ch of JIS_NO_LINE_START) pairs.push([ch.charCodeAt(0), START]);
  return pairs;
}

/** linebreak's version, from its package.json (which its `exports` do not name): beside dist/, where its entry is. */
function linebreakVersion(): string {
  const entry = createRequire(import.meta.url).resolve('linebreak');
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Flag pairs as scanBmp makes them: what is read from the cache is used only in that shape. */
const isFlagPairs = (value: unknown): value is [number, number][] =>
  Array.isArray(value) && value.length > 0 && value.every((p) => Array.isArray(p) && p.length === 2 && Number.isInteger(p[0])
    && p[0] >= 0 && p[0] < 0x10000 && (p[1] === START || p[1] === END));

// Keyed by what the flags are made from — linebreak's version and this module's own rules (the scan
// and the JIS additions) — so an edit to either makes them anew (yoshiki's version alone does not
// change when the rules do). A cached entry not shaped as flags is not used.
const FLAG_SOURCE = `${linebreakVersion()}\n${JIS_NO_LINE_START}\n${scanBmp.toString()}`;
const cachedPairs = derived('kinsoku-flags', 'linebreak', FLAG_SOURCE, scanBmp);
for (const [c, f] of isFlagPairs(cachedPairs) ? cachedPairs : scanBmp()) {
  FLAGS[c] = f;
  (f === START ? startSet : endSet).add(String.fromCharCode(c));
}

/**
 * Characters that may not begin a line (行頭禁則), one character each. The breaker looks a grapheme
 * cluster up by its first character (a combining mark takes its base's class, UAX #14 LB9), so ㇷ゚
 * counts as ㇷ.
 */
export const NO_LINE_START: ReadonlySet<string> = startSet;

/** Characters that may not end a line (行末禁則), one character each. */
export const NO_LINE_END: ReadonlySet<string> = endSet;

/**
 * A grapheme cluster as the line breaker reads it, a number: its first UTF-16 code unit, plus
 * MULTI when the cluster holds more than that unit (a kanji and a variation selector, a surrogate
 * pair). The 禁則 classes are read from the first unit (a combining mark takes its base's class,
 * UAX #14 LB9); digits, spaces and ASCII are clusters of one unit. Numbers, not strings: a
 * 10,000-row table's cells are millions of characters, and a string for each was most of the
 * line breaker's time.
 */
const MULTI = 0x10000;
const codeOf = (g: string) => g.charCodeAt(0) | (g.length > 1 ? MULTI : 0);

const noStart = (c: number) => (FLAGS[c & 0xffff] & START) !== 0;
const noEnd = (c: number) => (FLAGS[c & 0xffff] & END) !== 0;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000;

/** 0-9 and ０-９. */
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** A one-unit cluster's code, full-width ASCII forms (ＡＢＣ１２３，．－) read as ASCII; else -1. */
const asciiCode = (c: number) => (c >= MULTI ? -1 : c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);

/** Punctuation inside a number or a date: 2,000 3.5 2026/04/01 2026-04-01 10:30, and full-width ２，０００. */
const isNumberSeparator = (code: number) => {
  const c = asciiCode(code);
  return c === 0x2c || c === 0x2e || c === 0x2f || c === 0x2d || c === 0x3a;
};

/** Letters and digits of a number or a code (ASCII, or full-width as in 第１２３号). */
const isAlnum = (code: number) => {
  const c = asciiCode(code);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
};

/**
 * Punctuation that joins the parts of a number, a date or a code: 2,000 · 2026-04-01 · 10:30 ·
 * 978-4-… · info:ndljp/pid/… · chosaku@example.jp · ?q=1&r=2 · 50%.
 */
const CODE_SEPARATORS = new Set(Array.from('-.,/:@_~?=&%#+', (c) => c.charCodeAt(0)));
const isCodeSeparator = (code: number) => CODE_SEPARATORS.has(asciiCode(code));
const isCodeCharacter = (code: number) => isAlnum(code) || isCodeSeparator(code);

/** JIS X 4051 cl-08 分離禁止文字 that come in pairs: —— ―― …… ‥‥ are never split. */
const INSEPARABLE_PAIRS = new Set(Array.from('—―…‥', (c) => c.charCodeAt(0)));

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * Text made only of characters that never combine with a neighbour (Latin, kana without combining
 * marks, kanji, full-width forms; no CR, joiners, variation selectors or surrogates) splits per
 * code unit exactly as the segmenter would, at a fraction of its cost: it is most of what a
 * thousand-row table holds.
 */
const NEVER_COMBINING = /^[\u0000-\u000C\u000E-\u02FF\u2010-\u20CF\u2100-\u2BFF\u3000-\u3098\u309B-\u9FFF\uF900-\uFAFF\uFF00-\uFF9D\uFFA0-\uFFEF]*$/;

/** Whether each UTF-16 code unit of `text` is a grapheme of its own (see NEVER_COMBINING): then a caller may work per code unit. */
export const neverCombines = (text: string): boolean => NEVER_COMBINING.test(text);

export function splitGraphemes(text: string): string[] {
  if (NEVER_COMBINING.test(text)) return text.split('');
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Calls `fn` for each grapheme cluster without building an array (measuring and encoding lines). */
export function eachGrapheme(text: string, fn: (grapheme: string) => void): void {
  if (NEVER_COMBINING.test(text)) for (let i = 0; i < text.length; i++) fn(text[i]);
  else for (const s of graphemes.segment(text)) fn(s.segment);
}


/**
 * The line breaker's arrays, kept for the process and grown as needed: a new typed array per table
 * cell (four for a cell that wraps) put its bytes outside V8's heap, for the collector to free — a
 * 10,000-row table made a million of them. A call gets the whole array, at least `n` long, and
 * reads only its first `n` entries (a view of that length was an object per array and cell, a
 * twentieth of a first layout); it uses it only until it returns (nothing here is re-entered), and
 * fills what it reads.
 */
function scratchOf<T extends Float64Array | Int32Array | Uint8Array>(make: (n: number) => T): (n: number) => T {
  let buffer = make(1024);
  return (n) => {
    if (buffer.length < n) buffer = make(Math.max(n, 2 * buffer.length));
    return buffer;
  };
}

const scratch = {
  widths: scratchOf((n) => new Float64Array(n)),
  codes: scratchOf((n) => new Int32Array(n)),
  offsets: scratchOf((n) => new Int32Array(n)),
  uax: scratchOf((n) => new Uint8Array(n)),
  breakable: scratchOf((n) => new Uint8Array(n)),
};

/**
 * Work done by the line breaker, counted in its loops: the tests prove the breaking linear in the
 * text's length by this count, for any text (a run of 100,000 spaces or dates once took minutes),
 * which a clock on a shared machine cannot prove.
 */
let steps = 0;
export const lineBreakSteps = () => steps;

/**
 * Width of one grapheme cluster, in the caller's unit. `unit`, when given, is the same width asked
 * by a UTF-16 code unit that is a grapheme of its own (see neverCombines): the line breaker then
 * measures such text without making a string per character, which was a fifth of a 10,000-row
 * table's layout. Both must give the same number for the same character.
 */
export type Measure = ((grapheme: string) => number) & { unit?: (code: number) => number };

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
  if (text === '') {
    out.push('');
    return;
  }
  const unit = measure.unit && neverCombines(text) ? measure.unit : undefined;
  const g = unit ? undefined : splitGraphemes(text);
  const n = g ? g.length : text.length;
  const widths = scratch.widths(n);
  let total = firstIndent;
  if (unit) for (let i = 0; i < n; i++) total += widths[i] = unit(text.charCodeAt(i));
  else for (let i = 0; i < n; i++) total += widths[i] = measure(g![i]);
  // Many cells and lines fit as they are: no break opportunities to look for.
  if (total <= maxWidth) {
    out.push(trimEnd(text));
    return;
  }
  const { codes, offsets } = clusters(text, g);
  const breakable = breakOpportunities(text, codes, offsets, n);
  let forced: ForcedBreaks | undefined; // made for the first line that has no opportunity

  let start = 0;
  while (start < n) {
    let width = start === 0 ? firstIndent : 0;
    let lastBreak = -1;
    let end = n;
    for (let i = start; i < n; i++) {
      steps++;
      if (i > start && breakable[i]) lastBreak = i;
      const w = widths[i];
      if (width + w > maxWidth && i > start && !isSpace(codes[i])) {
        if (breakable[i]) end = i;
        else if (lastBreak > start) end = lastBreak;
        else end = (forced ??= new ForcedBreaks(codes, n)).at(start, i);
        break;
      }
      width += w;
    }
    out.push(trimEnd(text.slice(offsets[start], offsets[end])));
    start = end;
    // Spaces at the start of a wrapped line are the break itself: drop them (never a first line).
    while (start < n && (codes[start] === 0x20 || codes[start] === 0x09)) start++, steps++;
  }
}

/**
 * The text's n grapheme clusters as codes (see codeOf), and where each starts in the text
 * (offsets[i]; offsets[n] is the text's length), so a line is one slice of it; the arrays are the
 * scratch ones, longer than that. `g`: the clusters,
 * or undefined when each code unit is one (neverCombines).
 */
function clusters(text: string, g: string[] | undefined): { codes: Int32Array; offsets: Int32Array } {
  const n = g ? g.length : text.length;
  const codes = scratch.codes(n);
  const offsets = scratch.offsets(n + 1);
  offsets[0] = 0;
  if (g) for (let i = 0; i < n; i++) [codes[i], offsets[i + 1]] = [codeOf(g[i]), offsets[i] + g[i].length];
  else for (let i = 0; i < n; i++) [codes[i], offsets[i + 1]] = [text.charCodeAt(i), i + 1];
  return { codes, offsets };
}

const trimEnd = (line: string) => (isSpace(line.charCodeAt(line.length - 1)) ? line.replace(/[ \t\u3000]+$/u, '') : line);

/**
 * breakable[i]: a line may break before grapheme i — UAX #14 allows it and 禁則 does not forbid
 * it, and a number keeps its unit ("30,240円", "3,000部") and stays whole: UAX #14 classes
 * full-width digits ID, so it would break 「２０２６－|０４－|０１」 after each separator.
 */
function breakOpportunities(text: string, codes: Int32Array, offsets: Int32Array, n: number): Uint8Array {
  const uax = scratch.uax(text.length + 1).fill(0, 0, text.length + 1);
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) uax[bk.position] = 1;
  const breakable = scratch.breakable(n);
  breakable[0] = 0;
  // The line's last character once trailing spaces are trimmed: 「 followed by a space still may not end a line.
  let lastVisible = isSpace(codes[0]) ? 0x20 : codes[0];
  for (let i = 1; i < n; i++) {
    const c = codes[i];
    breakable[i] = uax[offsets[i]] && !noStart(c) && !noEnd(codes[i - 1]) && !noEnd(lastVisible) &&
      !(isDigit(codes[i - 1]) && !isSpace(c)) && !(isDigit(c) && isNumberSeparator(codes[i - 1]) && i > 1 && isDigit(codes[i - 2])) ? 1 : 0;
    if (!isSpace(c)) lastVisible = c;
  }
  keepDatesWhole(text, offsets, breakable, n);
  return breakable;
}

/**
 * A date in Japanese is one piece: 令和8年11月2日, 2026年4月1日, 11月2日 (and 元年, full-width digits).
 * UAX #14 would break between 月 and 2 as between any ideograph and a number; a clerk reads 「令和8年11月」
 * / 「2日～」 as a mistake. A date wider than the whole line may still be cut (by forcedBreak).
 */
const JAPANESE_DATE = /(?:(?:明治|大正|昭和|平成|令和)(?:[0-9０-９]{1,2}|元)|[0-9０-９]{4})年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?|[0-9０-９]{1,2}月[0-9０-９]{1,2}日/g;

function keepDatesWhole(text: string, offsets: Int32Array, breakable: Uint8Array, n: number): void {
  if (!/[年月]/.test(text)) return;
  // Dates come in order, so one walk over the graphemes serves them all.
  let i = 1;
  for (const m of text.matchAll(JAPANESE_DATE)) {
    const from = m.index!;
    const to = from + m[0].length;
    // Grapheme i starts at offsets[i]; no break before any grapheme strictly inside the date.
    for (; i < n && offsets[i] < to; i++, steps++) if (offsets[i] > from) breakable[i] = 0;
  }
}

/**
 * Where a line with no break opportunity is cut (start … overflowAt): where kinsoku allows it,
 * moving back from the overflow, and not inside a number, date or code if the line has any other
 * such place — so a 10,000-row table's No. column gets 「10000」 whole on a line of its own. Only a
 * line that is one such run is cut inside it, after a separator if it has one
 * (https://|dl.ndl.go.jp/|pid, 2,|000).
 *
 * What each cut needs to know about its neighbours — the next and previous character that is not
 * a space, whether a letter or digit lies on each side within the same code run — is worked out
 * once for the paragraph, in linear passes, so no cut looks further than its own line.
 */
class ForcedBreaks {
  /** nextVisible[i]: the first cluster at or after i that is not a space or tab (n if none). */
  private readonly nextVisible: Int32Array;
  /** previousVisible[i]: the last grapheme before i that is not a space (0 if none). */
  private readonly previousVisible: Int32Array;
  /** alnumBefore[j]: a letter or digit in the code run ending just before j. */
  private readonly alnumBefore: Uint8Array;
  /** alnumFrom[j]: a letter or digit in the code run starting at j. */
  private readonly alnumFrom: Uint8Array;

  /** `g`: the paragraph's n clusters as codes (the scratch array: longer than n). */
  constructor(private readonly g: Int32Array, private readonly n: number) {
    this.nextVisible = new Int32Array(n + 1);
    this.previousVisible = new Int32Array(n + 1);
    this.alnumBefore = new Uint8Array(n + 1);
    this.alnumFrom = new Uint8Array(n + 1);
    this.nextVisible[n] = n;
    for (let i = n - 1; i >= 0; i--, steps++) {
      this.nextVisible[i] = g[i] === 0x20 || g[i] === 0x09 ? this.nextVisible[i + 1] : i;
      this.alnumFrom[i] = isCodeCharacter(g[i]) && (isAlnum(g[i]) || this.alnumFrom[i + 1]) ? 1 : 0;
    }
    for (let i = 1; i <= n; i++, steps++) {
      this.previousVisible[i] = i - 1 > 0 && isSpace(g[i - 1]) ? this.previousVisible[i - 1] : i - 1;
      this.alnumBefore[i] = isCodeCharacter(g[i - 1]) && (isAlnum(g[i - 1]) || this.alnumBefore[i - 1]) ? 1 : 0;
    }
  }

  at(start: number, overflowAt: number): number {
    let afterSeparator = -1;
    let anywhere = -1;
    for (let j = overflowAt; j > start; j--) {
      steps++;
      if (!this.kinsokuAllows(j)) continue;
      if (!this.keepsTogether(j)) return j;
      if (afterSeparator < 0 && isCodeSeparator(this.g[j - 1]) && !isCodeSeparator(this.g[j])) afterSeparator = j;
      if (anywhere < 0) anywhere = j;
    }
    if (afterSeparator > 0) return afterSeparator;
    if (anywhere > 0) return anywhere;
    return overflowAt; // a line of nothing but forbidden characters: better a violation than a loss
  }

  /** Spaces at the cut are dropped from both lines, so the characters that end up at the line's end and start count. */
  private kinsokuAllows(i: number): boolean {
    const next = this.nextVisible[i];
    return !(next < this.n && noStart(this.g[next])) && !noEnd(this.g[this.previousVisible[i]]);
  }

  /**
   * Cutting before grapheme j would split a number, a date or a code (a run of letters, digits and
   * CODE_SEPARATORS with a letter or digit on each side of the cut: 10|000, 2026-|04-01,
   * ISBN97|8-4, but not 日|～2018), or a JIS cl-08 pair (—|—, …|…).
   */
  private keepsTogether(j: number): boolean {
    const before = this.g[j - 1];
    if (before === this.g[j] && INSEPARABLE_PAIRS.has(before)) return true;
    return this.alnumBefore[j] === 1 && this.alnumFrom[j] === 1;
  }
}

/**
 * Letters and digits only (a No. 「10000」, a code): UAX #14 offers no break inside them (LB23,
 * LB25, LB28) and 禁則 adds none, so the text is one piece, as wide as its characters. A table's fit
 * column is thousands of such numbers, and a line breaker run for each was a tenth of a first
 * 10,000-work layout.
 */
const ONE_PIECE = /^[0-9A-Za-z]+$/;

/** The width of text each of whose code units is a grapheme, summed in order as the line breaker sums. */
function widthOfUnits(text: string, unit: (code: number) => number): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) width += unit(text.charCodeAt(i));
  return width;
}

/**
 * The width of the widest piece of `text` no line break may cut (a word, a number, a date, a code,
 * a character with the punctuation 禁則 keeps beside it, such as 「う。」): the narrowest a table
 * column can be without breakLines cutting anything inside. Pieces are what lies between the break
 * opportunities breakLines uses, less the spaces a wrapped line drops at its end; newlines are hard
 * breaks. Empty text is 0 wide.
 */
export function minContentWidth(text: string, measure: Measure): number {
  let widest = 0;
  for (const paragraph of text.split('\n')) {
    if (measure.unit && ONE_PIECE.test(paragraph)) {
      widest = Math.max(widest, widthOfUnits(paragraph, measure.unit));
      continue;
    }
    // Measured per code unit where each is a grapheme (see Measure): a table's fit column is
    // thousands of numbers, and an array of one-character strings for each was most of its cost.
    const unit = measure.unit && neverCombines(paragraph) ? measure.unit : undefined;
    const g = unit ? undefined : splitGraphemes(paragraph);
    const n = g ? g.length : paragraph.length;
    if (n === 0) continue;
    const { codes, offsets } = clusters(paragraph, g);
    const breakable = breakOpportunities(paragraph, codes, offsets, n);
    let piece = 0; // width of the piece so far
    let visible = 0; // … up to its last character that is not a space
    for (let i = 0; i < n; i++) {
      if (breakable[i]) {
        if (visible > widest) widest = visible;
        piece = visible = 0;
      }
      piece += unit ? unit(codes[i]) : measure(g![i]);
      if (!isSpace(codes[i])) visible = piece;
    }
    if (visible > widest) widest = visible;
  }
  return widest;
}

