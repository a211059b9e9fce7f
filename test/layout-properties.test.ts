/**
 * Property-based tests of the layout engine (fast-check): for random text mixing kana, kanji,
 * punctuation, brackets, Latin words, digits, very long unbreakable runs, variation selectors and
 * combining marks, at random box widths and sizes, no line overflows its box, no character is lost
 * or reordered, and no line starts (or ends) with a character 禁則 forbids there. A smaller sample
 * goes all the way to a PDF and back through poppler.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MM, type DocumentModel } from '../src/model/document.js';
import { missingCharacters, textWidth } from '../src/typeset/fonts.js';
import { layoutDocument } from '../src/layout/layout.js';
import { renderPdf } from '../src/export/pdf.js';
import { NO_LINE_END, NO_LINE_START, splitGraphemes } from '../src/typeset/kinsoku.js';
import { pdfText, squash, tempDir } from './helpers.js';

const pick = (chars: string) => fc.constantFrom(...Array.from(chars));
const run = (chars: string, max: number) => fc.array(pick(chars), { minLength: 1, maxLength: max }).map((a) => a.join(''));

/** The pieces Japanese paperwork is made of, and the awkward ones. */
const piece = fc.oneof(
  { weight: 4, arbitrary: run('あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんっゃゅょー', 8) },
  { weight: 2, arbitrary: run('アイウエオカキクケコサシスセソタチツテトッャュョー', 6) },
  { weight: 4, arbitrary: run('著作権者不明裁定申請書国立国会図書館納本代償金文化庁長官相当努力疎明資料', 6) },
  { weight: 3, arbitrary: pick('、。・：；？！…ー々〜') },
  { weight: 3, arbitrary: fc.constantFrom('「', '」', '（', '）', '『', '』', '【', '】', '〔', '〕', '(', ')', '［', '］') },
  { weight: 2, arbitrary: fc.constantFrom('Agency', 'for', 'Cultural', 'Affairs', 'NDL', 'ISBN', 'the', 'Diet', 'Library') },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 0, max: 99_999_999 }).map((n) => n.toLocaleString('en-US')), fc.constantFrom('3,000部', '6,900円', '2026年', '１２３')) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\u3000') },
  // Very long unbreakable runs: an identifier, a URL, a number, a word longer than any box.
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 90 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 80 }).map((n) => `https://dl.ndl.go.jp/pid/${'1234567890'.repeat(8).slice(0, n)}`) },
  // Variation selectors (葛 with its IVS) and combining marks (か + voiced mark, e + acute).
  { weight: 1, arbitrary: fc.constantFrom('葛\u{E0100}', '辻\u{E0100}', '邊\u{E0101}', 'か\u3099', 'は\u309A', 'e\u0301', 'A\u0308') },
);

/** Random text the embedded font can draw (a character it lacks is refused before layout). */
const text = fc.array(piece, { minLength: 1, maxLength: 60 }).map((p) => p.join('')).filter((t) => t.trim() !== '' && missingCharacters(t).length === 0);

/** A box from 25 mm to 170 mm wide, as narrow table cells and wide body text are. */
const box = fc.record({ widthMm: fc.integer({ min: 25, max: 170 }), size: fc.constantFrom(8, 8.5, 9, 10.5, 12, 14) });

function documentOf(t: string, widthMm: number, size: number): DocumentModel {
  const side = (210 - widthMm) / 2;
  return {
    name: 'property', title: 'property', fontSize: size, lineHeight: 1.5, pageNumbers: false,
    page: { size: 'A4', orientation: 'portrait', marginsMm: [20, side, 20, side] },
    blocks: [{ kind: 'paragraph', text: t }],
  };
}

const withoutSpace = (s: string) => s.replace(/\s/gu, '');

describe('layout properties', () => {
  it('no line overflows, nothing is lost or reordered, no line starts or ends against 禁則', () => {
    fc.assert(fc.property(text, box, (t, { widthMm, size }) => {
      const doc = documentOf(t, widthMm, size);
      const left = ((210 - widthMm) / 2) * MM;
      const right = left + widthMm * MM;
      const lines = layoutDocument(doc).flatMap((p) => p.ops).filter((op) => op.op === 'text');
      for (const line of lines) {
        expect(line.x).toBeGreaterThanOrEqual(left - 0.01);
        expect(line.x + textWidth(line.text, line.size), `"${line.text}" at ${widthMm} mm`).toBeLessThanOrEqual(right + 0.01);
      }
      expect(withoutSpace(lines.map((l) => l.text).join(''))).toBe(withoutSpace(t));
      lines.forEach((line, i) => {
        const g = splitGraphemes(line.text);
        if (i > 0) expect(NO_LINE_START.has(g[0]), `line ${i} starts with ${g[0]}: ${JSON.stringify(lines.map((l) => l.text))}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(g[g.length - 1]), `line ${i} ends with ${g[g.length - 1]}`).toBe(false);
      });
    }), { numRuns: 600, seed: 20261121 });
  });

  it('the text poppler reads back from the PDF is the input, whitespace aside', async () => {
    const dir = tempDir('property-');
    let n = 0;
    await fc.assert(fc.asyncProperty(text, box, async (t, { widthMm, size }) => {
      const file = join(dir, `${n++}.pdf`);
      writeFileSync(file, await renderPdf(documentOf(t, widthMm, size)));
      expect(squash(pdfText(file)).normalize('NFC')).toBe(squash(t).normalize('NFC'));
    }), { numRuns: 40, seed: 20261121 });
  }, 120_000);
});
