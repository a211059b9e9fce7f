/**
 * The 禁則 sets come from the Unicode Line_Break classes (UAX #14, https://www.unicode.org/reports/tr14/)
 * plus JIS X 4051's additions (its classes in English: https://www.w3.org/TR/jlreq/, cl-01 … cl-11),
 * so a lookalike a hand list forgets — ～ FULLWIDTH TILDE, the wave dash of CP932 files — is caught.
 * And no number, date or code is cut inside while the line has another place to cut; minContentWidth
 * tells the narrowest a column can be without cutting one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, minContentWidth, NO_LINE_END, NO_LINE_START, splitGraphemes } from '../../src/typeset/kinsoku.js';

/** Full-width characters are 1 wide, half-width ones (ASCII, Latin, ｶﾅ) 0.5. */
const measure = (g: string) => {
  const c = g.codePointAt(0)!;
  return c < 0x1100 || (c >= 0xff61 && c <= 0xff9f) ? 0.5 : 1;
};
const width = (s: string) => splitGraphemes(s).reduce((w, g) => w + measure(g), 0);
const chars = (s: string) => Array.from(s.replace(/\s/g, ''));

describe('no-line-start set (行頭禁則) from UAX #14 CL, CP, NS, EX, IS, CJ and JIS X 4051', () => {
  const cases: [string, string][] = [
    // JIS cl-03 ハイフン類: 〜 WAVE DASH is NS; ～ FULLWIDTH TILDE (ID in UAX #14) is what CP932 files hold for it.
    ['wave dashes', '〜～'],
    // cl-03 also has ‐ HYPHEN and – EN DASH (BA), and ゠ (NS). Not here, on purpose: ‑ NON-BREAKING
    // HYPHEN (GL, never separated from either side anyway), — EM DASH (B2) and ― HORIZONTAL BAR: JIS
    // cl-08 分離禁止文字, which may start a line but never be split from their pair (——).
    ['hyphens', '‐–゠'],
    ['prolonged sound marks (cl-10)', 'ーｰ'],
    ['small hiragana (cl-11, UAX #14 CJ)', 'ぁぃぅぇぉっゃゅょゎゕゖ'],
    ['small katakana (cl-11, CJ)', 'ァィゥェォッャュョヮヵヶｧｨｩｪｫｯｬｭｮ'],
    ['katakana phonetic extensions U+31F0–31FF (CJ)', 'ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ'],
    ['iteration marks (cl-09)', '々〻ゝゞヽヾ'],
    ['closing brackets (cl-02)', '」』）］｝〕〉》】〙〗｠｣)]}»'],
    ['closing quotation marks (cl-02, QU with category Pf)', '’”〟〞'],
    ['full stops and commas (cl-06, cl-07)', '。、．，｡､.,'],
    ['dividing punctuation (cl-04)', '？！‼⁇⁈⁉?!'],
    ['middle dots (cl-05)', '・：；･:;'],
    ['voiced sound marks (NS)', '゛゜ﾞﾟ'],
    ['ellipses, kept off the line start as before', '…‥'],
  ];
  for (const [name, list] of cases)
    it(name, () => {
      for (const ch of list) expect(NO_LINE_START.has(ch), `${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`).toBe(true);
    });

  it('leaves out what may start a line', () => {
    for (const ch of '—―‑-/%（「あア漢A1 ') expect(NO_LINE_START.has(ch), ch).toBe(false);
  });
});

describe('no-line-end set (行末禁則) from UAX #14 OP and opening quotation marks', () => {
  it('opening brackets (cl-01)', () => {
    for (const ch of '「『（［｛〔〈《【〘〖｟｢([{«〝') expect(NO_LINE_END.has(ch), ch).toBe(true);
  });
  it('opening quotation marks (QU with category Pi)', () => {
    for (const ch of '‘“') expect(NO_LINE_END.has(ch), ch).toBe(true);
  });
  it('leaves out what may end a line', () => {
    for (const ch of '」）。、’”～ーあ漢A1') expect(NO_LINE_END.has(ch), ch).toBe(false);
  });
  it('no character is in both sets', () => {
    for (const ch of NO_LINE_END) expect(NO_LINE_START.has(ch), ch).toBe(false);
  });
});

describe('an evidence table', () => {
  const row = (n: number) => `甲第${n}号証　ウェブサイト「著作権者不明等の場合の裁定」の写し（2018年10月1日～2018年10月8日に閲覧）、${n * 3}頁～${n * 3 + 2}頁。`;
  const text = Array.from({ length: 40 }, (_, k) => row(k + 1)).join('');

  it('never starts a line with ～ (FULLWIDTH TILDE), at any width', () => {
    for (let w = 4; w <= 30; w += 0.5) {
      const lines = breakLines(text, w, measure);
      lines.forEach((line, i) => {
        if (i > 0) expect(line[0], `width ${w}, line ${i}: ${line}`).not.toBe('～');
      });
      expect(lines.join('').replace(/[\s　]/g, '')).toBe(text.replace(/[\s　]/g, ''));
    }
  });

  it('never starts or ends a line against the sets, at any width', () => {
    for (let w = 4; w <= 30; w += 0.5) {
      const lines = breakLines(text, w, measure);
      lines.forEach((line, i) => {
        const g = splitGraphemes(line);
        if (i > 0) expect(NO_LINE_START.has(g[0]), `width ${w}: ${line}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(g[g.length - 1]), `width ${w}: ${line}`).toBe(false);
      });
    }
  });
});

describe('numbers, dates and codes are not cut inside', () => {
  it('a No. column narrower than 「10000」 puts it on a line of its own before cutting it', () => {
    // 3 ems hold 6 half-width characters: 「No.」 and 「10000」 each fit, together they do not.
    expect(breakLines('No.10000', 3, measure)).toEqual(['No.', '10000']);
    expect(breakLines('第10000号', 3, measure)).toEqual(['第', '10000', '号']);
  });

  it('cuts a number only when it is wider than the line, then after a separator', () => {
    expect(breakLines('1234567890', 2, measure)).toEqual(['1234', '5678', '90']);
    expect(breakLines('12,345,678', 2.5, measure)).toEqual(['12,', '345,', '678']);
    expect(breakLines('2026-04-01', 3, measure)).toEqual(['2026-', '04-01']);
  });

  it('keeps dates, decimals, times, ISBNs and identifiers whole when the line has room for them', () => {
    for (const token of ['2026-04-01', '2026/04/01', '３，０００', '２０２６－０４－０１', '3.5', '10:30', 'ISBN978-4-12-345678-9', 'chosaku@example.jp']) {
      const text = `証拠として${token}を提出する。`;
      const w = Math.max(width(token), 3);
      for (let ww = w; ww <= w + 4; ww += 0.5) {
        const lines = breakLines(text, ww, measure);
        expect(lines.some((l) => l.includes(token)), `${token} at ${ww}: ${JSON.stringify(lines)}`).toBe(true);
      }
    }
  });

  it('cuts a URL wider than the line after its separators', () => {
    const url = 'https://dl.ndl.go.jp/pid/1234567/1/10';
    for (let w = 4; w <= 8; w += 0.5) {
      const lines = breakLines(url, w, measure);
      expect(lines.join('')).toBe(url);
      for (const l of lines.slice(0, -1)) expect(l, JSON.stringify(lines)).toMatch(/[/.:]$/);
    }
  });

  it('never splits a pair of dashes or ellipses in a forced cut (JIS cl-08)', () => {
    // UAX #14 has no opportunity in 「ab――cd」 (― is AL): the forced cut goes before the pair, not into it.
    expect(breakLines('ab――cd', 2.5, measure)).toEqual(['ab', '――', 'cd']);
    // From 4 ems up: 「——」 is 4 wide and 禁則 keeps its brackets to it.
    for (let w = 4; w <= 8; w++) {
      const lines = breakLines('「——」「……」「‥‥」'.repeat(3), w, measure);
      for (let i = 1; i < lines.length; i++) {
        const a = lines[i - 1].at(-1)!, b = lines[i][0];
        expect(a === b && '—…‥'.includes(a), `width ${w}: ${JSON.stringify(lines)}`).toBe(false);
      }
    }
  });
});

describe('minContentWidth', () => {
  it('is the width of the widest piece no break may cut', () => {
    expect(minContentWidth('10000', measure)).toBe(width('10000'));
    expect(minContentWidth('No.', measure)).toBe(width('No.'));
    expect(minContentWidth('No. 10000', measure)).toBe(width('10000'));
    expect(minContentWidth('2026-04-01', measure)).toBe(width('2026-04-01'));
    expect(minContentWidth('30,240円', measure)).toBe(width('30,240円'));
    // 禁則 keeps 「う。」 and 「（株」 together: each is one piece two ems wide.
    expect(minContentWidth('あいう。', measure)).toBe(2);
    expect(minContentWidth('（株）', measure)).toBe(3);
    expect(minContentWidth('甲第1号証', measure)).toBe(width('1号'));
    expect(minContentWidth('a\nbbbb', measure)).toBe(2);
    expect(minContentWidth('', measure)).toBe(0);
  });

  it('letters and digits measured by code unit are one piece, as the general path finds (no line breaker run for them)', () => {
    const byUnit = Object.assign((g: string) => measure(g), { unit: (code: number) => measure(String.fromCharCode(code)) });
    const alnum = fc.stringMatching(/^[0-9A-Za-z]{1,24}$/);
    fc.assert(fc.property(alnum, fc.constantFrom('', '\n', ' ', '-', '年'), alnum, (a, between, b) => {
      const text = a + between + b;
      expect(minContentWidth(text, byUnit), text).toBe(minContentWidth(text, measure));
    }), { numRuns: 300, seed: 14 });
    expect(minContentWidth('ISBN9784000000000', byUnit)).toBe(width('ISBN9784000000000'));
  });

  it('trailing spaces do not count (a wrapped line drops them)', () => {
    expect(minContentWidth('ab   cd', measure)).toBe(1);
    expect(minContentWidth('あ　い', measure)).toBe(1);
  });

  it('breaking at that width cuts no piece: every number and code stays whole, no line is wider', () => {
    const piece = fc.oneof(
      fc.constantFrom('著作権者', '不明', 'の', '裁定', '申請', '、', '。', '（', '）', '「', '」', '～', 'ー', 'ゃ', ' ', '　', 'No.'),
      fc.integer({ min: 0, max: 99_999_999 }).map((n) => n.toLocaleString('en-US')),
      fc.integer({ min: 0, max: 99_999 }).map(String),
      fc.constantFrom('2026-04-01', '2018年10月1日', '3.5', '10:30', 'ISBN978-4-12-345678-9', 'Agency', '１２３'),
    );
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      const w = minContentWidth(text, measure);
      const lines = breakLines(text, w, measure);
      for (const line of lines) expect(width(line)).toBeLessThanOrEqual(w);
      for (const run of text.match(/[0-9０-９]+(?:[,.:\-][0-9]+)*/g) ?? [])
        expect(lines.some((l) => l.includes(run)), `${run} in ${JSON.stringify(lines)} at ${w}`).toBe(true);
      expect(chars(lines.join(''))).toEqual(chars(text));
    }), { numRuns: 300, seed: 4051 });
  });
});

describe('dates are one piece', () => {
  const measure = (g: string) => (/[\x20-\x7e]/.test(g) ? 0.5 : 1);
  const text = '公益社団法人著作権情報センターのウェブサイト（令和8年11月2日～令和8年11月9日掲載）にて、2026年4月1日から12月31日まで広く一般に情報提供を求めた。';
  const dates = ['令和8年11月2日', '令和8年11月9日', '2026年4月1日', '12月31日'];
  // From 9 em, the widest date with the brackets and ～ 禁則 keeps beside it (「（令和8年11月2日～」) fits a line.
  it.each([9, 10, 11, 12, 13, 15, 17, 20, 24])('at %i em no line break falls inside a date', (width) => {
    const lines = breakLines(text, width, measure);
    expect(lines.join('')).toBe(text);
    let at = 0;
    const cuts = lines.slice(0, -1).map((l) => (at += l.length));
    for (const date of dates) {
      const from = text.indexOf(date);
      for (const cut of cuts) expect(cut > from && cut < from + date.length, `${date} cut in ${JSON.stringify(lines)}`).toBe(false);
    }
  });
});
