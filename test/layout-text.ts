/**
 * Random text and boxes for the layout engine's properties (fast-check), shared by the layout
 * property tests (test/unit) and the sample that goes through a PDF to poppler (test/clients).
 */
import fc from 'fast-check';
import { type DocumentModel } from '../src/model/document.js';
import { FONTS } from './helpers.js';

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
export const text = fc.array(piece, { minLength: 1, maxLength: 60 }).map((p) => p.join('')).filter((t) => t.trim() !== '' && FONTS.chain().missing(t).length === 0);

/** A box from 25 mm to 170 mm wide, as narrow table cells and wide body text are. */
export const box = fc.record({ widthMm: fc.integer({ min: 25, max: 170 }), size: fc.constantFrom(8, 8.5, 9, 10.5, 12, 14) });

export function documentOf(t: string, widthMm: number, size: number): DocumentModel {
  const side = (210 - widthMm) / 2;
  return {
    name: 'property', title: 'property', fontSize: size, lineHeight: 1.5, pageNumbers: false,
    page: { size: 'A4', orientation: 'portrait', marginsMm: [20, side, 20, side] },
    blocks: [{ kind: 'paragraph', text: t }],
  };
}
