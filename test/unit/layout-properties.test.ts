/**
 * Property-based tests of the layout engine (fast-check): for random text mixing kana, kanji,
 * punctuation, brackets, Latin words, digits, very long unbreakable runs, variation selectors and
 * combining marks (test/layout-text.ts), at random box widths and sizes, no line overflows its box,
 * no character is lost or reordered, and no line starts (or ends) with a character 禁則 forbids
 * there. A smaller sample goes all the way to a PDF and back through poppler
 * (test/clients/layout-properties.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MM } from '../../src/model/document.js';
import { layoutDocument } from '../../src/layout/layout.js';
import { NO_LINE_END, NO_LINE_START, splitGraphemes } from '../../src/typeset/kinsoku.js';
import { box, documentOf, text } from '../layout-text.js';
import { FONTS, textsInPoints } from '../helpers.js';

const withoutSpace = (s: string) => s.replace(/\s/gu, '');

describe('layout properties', () => {
  it('no line overflows, nothing is lost or reordered, no line starts or ends against 禁則', () => {
    fc.assert(fc.property(text, box, (t, { widthMm, size }) => {
      const doc = documentOf(t, widthMm, size);
      const left = ((210 - widthMm) / 2) * MM;
      const right = left + widthMm * MM;
      const lines = layoutDocument(doc, FONTS).flatMap(textsInPoints);
      for (const line of lines) {
        expect(line.x).toBeGreaterThanOrEqual(left - 0.01);
        expect(line.x + FONTS.chain().textWidth(line.text, line.size), `"${line.text}" at ${widthMm} mm`).toBeLessThanOrEqual(right + 0.01);
      }
      expect(withoutSpace(lines.map((l) => l.text).join(''))).toBe(withoutSpace(t));
      lines.forEach((line, i) => {
        const g = splitGraphemes(line.text);
        if (i > 0) expect(NO_LINE_START.has(g[0]), `line ${i} starts with ${g[0]}: ${JSON.stringify(lines.map((l) => l.text))}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(g[g.length - 1]), `line ${i} ends with ${g[g.length - 1]}`).toBe(false);
      });
    }), { numRuns: 600, seed: 20261121 });
  });
});
