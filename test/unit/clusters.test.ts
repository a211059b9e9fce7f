/**
 * The overlong-text check skips its Unicode RegExp for text made only of plain blocks
 * (src/base/clusters.ts): no code unit of those blocks may be one the RegExp matches, and the
 * quick answer must be the RegExp's for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTENDS, mayExtendCluster, PLAIN_UNITS } from '../../src/base/clusters.js';

describe('text that may extend a cluster', () => {
  it('no code unit of a plain block is one that extends a cluster (or half of a pair)', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (PLAIN_UNITS[c] && (EXTENDS.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff))) wrong.push(c.toString(16));
    expect(wrong).toEqual([]);
  });

  it.each([
    ['kanji and kana', '□□市の学校【聞き書き】　第1編、①㈱ＡＢＣ', false],
    ['a combining voicing mark', 'か\u3099', true],
    ['a combining accent', 'e\u0301', true],
    ['a tone mark', '〇\u302a', true],
    ['a joiner', '👨\u200d👩', true],
    ['an emoji modifier (a surrogate pair)', '👍🏽', true],
    ['an emoji without one', '😀', false],
    ['Hangul jamo', '\u1100\u1161', true],
    ['a variation selector', '葛\udb40\udd00', true],
  ])('%s: as the RegExp says', (_, text, expected) => {
    expect(EXTENDS.test(text)).toBe(expected);
    expect(mayExtendCluster(text)).toBe(expected);
  });

  it('answers as the RegExp for any text', () => {
    const unit = fc.oneof(fc.constantFrom('あ', '漢', 'a', '、', '\u0301', '\u3099', '🏽', '\u200d'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)));
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
      const text = units.join('');
      expect(mayExtendCluster(text)).toBe(EXTENDS.test(text));
    }), { numRuns: 2000 });
  });
});
