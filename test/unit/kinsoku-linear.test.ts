/**
 * Line breaking is linear in the text's length for every input (issue 21 §5): a run of 100,000
 * spaces or dates once took minutes. Proved by the breaker's own count of the work
 * it does (lineBreakSteps), not by a clock: at most a fixed number of steps per character, whatever
 * the text and the line width.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, lineBreakSteps, minContentWidth } from '../../src/typeset/kinsoku.js';

const measure = (g: string) => (g.charCodeAt(0) < 0x80 ? 0.5 : 1);
/** Steps per UTF-16 unit of text, plus a little for each paragraph: measured at most 5.6 on the worst runs below. */
const STEPS_PER_CHARACTER = 10;

function stepsFor(text: string, width: number): number {
  const before = lineBreakSteps();
  const lines = breakLines(text, width, measure);
  minContentWidth(text, measure);
  // Nothing is lost on the way: the lines hold every character but the spaces at the breaks.
  expect(lines.join('').replace(/[ \t\u3000\n]/g, '')).toBe(text.replace(/[ \t\u3000\n]/g, ''));
  return lineBreakSteps() - before;
}

const PIECES = [' ', '  ', '\t', '\u3000', '\n', 'a', 'Z', '1', '２', '10,000', '2026-04-01', '2026年4月1日', '令和8年', '11月2日',
  '「', '」', '（', '）', '。', '、', 'あ', 'ぁ', 'ー', '漢', '～', '—', '……', 'https://dl.ndl.go.jp/pid/', 'e\u0301', '👍🏽', '.', '-', '/'];

describe('the line breaker\'s work grows linearly with the text', () => {
  it('for random texts of these pieces at any width', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 3000 }), fc.integer({ min: 1, max: 40 }), (pieces, width) => {
      const text = pieces.join('');
      expect(stepsFor(text, width)).toBeLessThanOrEqual(STEPS_PER_CHARACTER * text.length + 50 * (text.split('\n').length));
    }), { numRuns: 60 });
  });

  it.each([
    ['spaces between two characters', (n: number) => `あ${' '.repeat(n)}い`],
    ['words apart by long runs of spaces', (n: number) => `a${' '.repeat(49)}`.repeat(n / 50)],
    ['one number', (n: number) => '1'.repeat(n)],
    ['dates', (n: number) => '2026年4月1日'.repeat(n / 9)],
    ['closing brackets', (n: number) => '」'.repeat(n)],
    ['opening brackets', (n: number) => '「'.repeat(n)],
    ['a code', (n: number) => 'A-'.repeat(n / 2)],
  ])('20,000 characters of %s', (_, make) => {
    // Quadratic work would be hundreds of steps per character at this length (20,000 × 2,222 dates' scans).
    for (const width of [1, 20]) {
      const text = make(20_000);
      expect(stepsFor(text, width)).toBeLessThanOrEqual(STEPS_PER_CHARACTER * text.length);
    }
  });
});
