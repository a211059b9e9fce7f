import { describe, expect, it, vi } from 'vitest';
import { breakLines, NO_LINE_END, NO_LINE_START, splitGraphemes } from '../../src/typeset/kinsoku.js';
import { FONTS } from '../helpers.js';

const measure = (g: string) => FONTS.typeface().advance(g) * 10;
const wrap = (text: string, ems: number) => breakLines(text, ems * 10, measure);

function assertKinsoku(lines: string[]) {
  lines.forEach((line, i) => {
    if (i > 0) expect(NO_LINE_START.has(splitGraphemes(line)[0] ?? ''), `line ${i} starts with a forbidden character: ${line}`).toBe(false);
    if (i < lines.length - 1) expect(NO_LINE_END.has(splitGraphemes(line).at(-1) ?? ''), `line ${i} ends with an opening bracket: ${line}`).toBe(false);
  });
}

describe('line breaking with 禁則', () => {
  it('never starts a line with closing punctuation: pushes the previous character down', () => {
    // Exactly 10 characters fit; the 11th is "。", which must not begin the next line.
    const lines = wrap('あいうえおかきくけこ。さしすせそ', 10);
    expect(lines[0]).toBe('あいうえおかきくけ');
    expect(lines[1].startsWith('こ。')).toBe(true);
    assertKinsoku(lines);
    expect(lines.join('')).toBe('あいうえおかきくけこ。さしすせそ');
  });
  it('keeps 「（株）」 whole across a wrap where pdfme splits it', () => {
    const text = '申請者は（株）〇〇出版であり、発行者は「（株）〇〇書房」である。';
    for (let width = 4; width <= 20; width++) {
      const lines = wrap(text, width);
      assertKinsoku(lines);
      expect(lines.join('')).toBe(text);
    }
  });
  it('handles full-width closing brackets and small kana at any width', () => {
    const text = '著作権者（ぶんかたろう）〕］｝は、ショッピングセンターの「メディア」ー々に…ゃ';
    // From 6 ems up: narrower lines cannot hold the run 「う）〕］｝」 at all.
    for (let width = 6; width <= 15; width++) assertKinsoku(wrap(text, width));
  });
  it('keeps a number with its unit and Latin words whole', () => {
    const lines = wrap('補償金は181,440円で、E-mail chosaku@example.jp に送付する', 12);
    expect(lines.some((l) => l.includes('181,440円'))).toBe(true);
    expect(lines.some((l) => l.includes('chosaku@example.jp'))).toBe(true);
  });
  it('cuts a word wider than the line rather than overflowing', () => {
    const long = 'a'.repeat(80);
    const lines = wrap(long, 10);
    for (const l of lines) expect(l.length * FONTS.typeface().advance('a') * 10).toBeLessThanOrEqual(100 + 1e-6);
    expect(lines.join('')).toBe(long);
  });
  it('keeps a kanji and its variation selector together', () => {
    const text = '葛\u{E0100}'.repeat(30);
    const lines = wrap(text, 7);
    for (const l of lines) expect(l.startsWith('\u{E0100}')).toBe(false);
    expect(lines.join('')).toBe(text);
  });
  it('loses nothing and never overflows the line on random text', () => {
    const alphabet = Array.from('あいう漢字、。（）「」ー々ゃっabc 123,\n');
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 5 + Math.floor(rand() * 60) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const ems = 3 + Math.floor(rand() * 12);
      const lines = wrap(text, ems);
      for (const l of lines) expect(splitGraphemes(l).reduce((w, g) => w + measure(g), 0)).toBeLessThanOrEqual(ems * 10 + 1e-6);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/[ \n]/g, ''));
    }
  });
});

describe('grapheme splitting', () => {
  it('the per-character fast path gives what Intl.Segmenter gives', () => {
    const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
    for (const text of ['著作権等管理事業法概論（昭和45年）、Google検索。', 'ｶﾞｷﾞ半角', '葛\u{E0100}城', '神\uFA19', 'e\u0301', 'a\r\nb', '👍🏽'])
      expect(splitGraphemes(text), text).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
  });
});

describe('the line breaker\'s kept arrays', () => {
  it('a paragraph breaks the same after a longer one left other characters past its end', async () => {
    // A module of its own, whose arrays hold nothing yet (zeros past any paragraph's end).
    vi.resetModules();
    const fresh = await import('../../src/typeset/kinsoku.js');
    const cases: [string, number][] = [['1234567890123 ', 5], ['「あいう」　', 2], ['令和8年11月2日から ', 4], ['ＡＢＣＤＥＦＧ', 3]];
    const alone = cases.map(([text, ems]) => fresh.breakLines(text, ems * 10, measure));
    // Closing brackets (no line start) and opening ones (no line end) now lie past each paragraph's end.
    fresh.breakLines('」（'.repeat(500), 30, measure);
    expect(cases.map(([text, ems]) => fresh.breakLines(text, ems * 10, measure))).toEqual(alone);
  });
});
