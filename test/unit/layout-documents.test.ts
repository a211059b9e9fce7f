/**
 * Property-based tests of whole documents (fast-check): random sequences of kept headings,
 * paragraphs and tables (rows short, tall and taller than a page) at random sizes. Whatever comes,
 * nothing overflows the text area, nothing is lost or reordered, no kept heading ends a page, and
 * no table row that fits on a page is split over two.
 *
 * Every heading, paragraph and cell starts with a marker (H3, P4, T5r2c1) so the order can be read
 * back from the drawing operations; the table headings are words the random text never holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutDocument, type PagePlan } from '../../src/layout/layout.js';
import { MM, type Block, type DocumentModel, type Table } from '../../src/model/document.js';
import { FONTS, textsInPoints } from '../helpers.js';

const pick = (chars: string) => fc.constantFrom(...Array.from(chars));
const JAPANESE = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはまみむめもやゆよらりるれろわをんっゃゅょー著作権者不明裁定申請書国立国会図書館納本代償金文化庁長官、。「」（）・';
const words = (max: number) => fc.array(pick(JAPANESE), { maxLength: max }).map((a) => a.join(''));
/** A cell or paragraph body: a few lines of random length, some of them long. */
const body = (maxLines: number, maxChars: number) => fc.array(words(maxChars), { minLength: 1, maxLength: maxLines }).map((l) => l.join('\n'));

const HEADERS = ['見本甲', '見本乙', '見本丙', '見本丁'];

type Shape =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; shares: number[]; rows: string[][] };

const heading = words(12).map((text): Shape => ({ kind: 'heading', text }));
const paragraph = body(4, 120).map((text): Shape => ({ kind: 'paragraph', text }));
const table = fc.integer({ min: 2, max: 4 }).chain((n) => fc.record({
  shares: fc.array(fc.integer({ min: 15, max: 40 }), { minLength: n, maxLength: n }),
  rows: fc.array(fc.array(fc.oneof(
    { weight: 8, arbitrary: body(3, 60) },
    { weight: 2, arbitrary: body(30, 20) }, // a tall row
    { weight: 1, arbitrary: fc.constant(Array.from({ length: 70 }, (_, i) => `行${i}`).join('\n')) }, // taller than a page
  ), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 12 }),
}).map(({ shares, rows }): Shape => ({ kind: 'table', shares, rows })));

/** At most three kept headings in a row, so a chain and the start after it always fit on a page. */
const shapes = fc.array(fc.oneof({ weight: 2, arbitrary: heading }, { weight: 3, arbitrary: paragraph }, { weight: 2, arbitrary: table }),
  { minLength: 1, maxLength: 20 })
  .filter((list) => !list.some((_, i) => list.slice(i, i + 4).every((s) => s.kind === 'heading')));

function blocksOf(list: Shape[]): Block[] {
  return list.map((s, i): Block => {
    if (s.kind === 'heading') return { kind: 'paragraph', text: `H${i}${s.text}`, keepWithNext: true, before: 0.5 };
    if (s.kind === 'paragraph') return { kind: 'paragraph', text: `P${i}${s.text}` };
    const total = s.shares.reduce((a, b) => a + b, 0);
    return {
      kind: 'table',
      columns: s.shares.map((w, c) => ({ header: HEADERS[c], width: w / total })),
      rows: s.rows.map((row, r) => row.map((cell, c) => `T${i}r${r}c${c}${cell}`)),
    };
  });
}

const MARGIN = 20;
const documentOf = (blocks: Block[], fontSize: number): DocumentModel => ({
  name: 'p', title: 'p', fontSize, lineHeight: 1.5, pageNumbers: false,
  page: { size: 'A4', orientation: 'portrait', marginsMm: [MARGIN, MARGIN, MARGIN, MARGIN] }, blocks,
});

const textOps = (pages: PagePlan[]) => pages.map(textsInPoints);
const MARKER = /^(H\d+|P\d+|T\d+r\d+c\d+)/;
const squash = (s: string) => s.replace(/\s/g, '');
const sorted = (s: string) => Array.from(squash(s)).sort().join('');

describe('layout of whole documents', () => {
  it('nothing overflows, is lost or reordered; no kept heading ends a page; no row that fits a page is split', () => {
    fc.assert(fc.property(shapes, fc.constantFrom(9, 10.5), (list, size) => {
      const blocks = blocksOf(list);
      const pages = layoutDocument(documentOf(blocks, size), FONTS);
      const ops = textOps(pages);
      const left = MARGIN * MM;
      const right = (210 - MARGIN) * MM;

      // Nothing overflows the text area. (Collected, then asserted once: two expects per drawn line
      // were most of this test's time, in vitest's bookkeeping.)
      const overflowing = ops.flat().filter((op) => !(op.x >= left - 0.01) || !(op.x + FONTS.chain().textWidth(op.text, op.size) <= right + 0.01));
      expect(overflowing.map((op) => `${op.text} at x ${op.x}`)).toEqual([]);

      // Nothing is lost or repeated (table headings aside, which repeat on every page), and the
      // markers come in the order of the blocks, rows and cells.
      const body = ops.flat().filter((o) => !HEADERS.includes(o.text));
      const expected = blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'table' ? b.rows.flat().join('') : '')).join('');
      expect(sorted(body.map((o) => o.text).join(''))).toBe(sorted(expected));
      const markers = body.map((o) => MARKER.exec(o.text)?.[0]).filter(Boolean);
      const wanted = blocks.flatMap((b, i) => (b.kind === 'table'
        ? b.rows.flatMap((row, r) => row.map((_, c) => `T${i}r${r}c${c}`))
        : [b.kind === 'paragraph' && b.keepWithNext ? `H${i}` : `P${i}`]));
      expect(markers).toEqual(wanted);

      // No kept heading ends a page: something of the next block follows it on its page.
      ops.forEach((page, p) => {
        const last = page[page.length - 1];
        const isLastBlock = (m: string) => Number(m.slice(1)) === blocks.length - 1;
        const m = last && MARKER.exec(last.text)?.[0];
        if (m?.startsWith('H') && !isLastBlock(m)) expect.fail(`page ${p + 1} ends with the heading ${last.text}`);
      });

      // A page that a table continues on starts with its heading row, then a new row (c0), unless
      // the row before is taller than a whole page.
      ops.forEach((page, p) => {
        if (p === 0 || !HEADERS.includes(page[0]?.text ?? '')) return;
        const first = page.find((o) => !HEADERS.includes(o.text));
        if (!first || /^T\d+r\d+c0/.test(first.text)) return;
        // The row in progress: the last one started on an earlier page (a very tall row spans several).
        const previous = ops.slice(0, p).flat().reverse().map((o) => /^T(\d+)r(\d+)c0/.exec(o.text)).find(Boolean)!;
        const t = blocks[Number(previous[1])] as Table;
        const alone = layoutDocument(documentOf([{ ...t, rows: [t.rows[Number(previous[2])]] }], size), FONTS);
        expect(alone.length, `row ${previous[0]} was split over pages ${p} and ${p + 1} though it fits on one`).toBeGreaterThan(1);
      });
    }), { numRuns: 100, seed: 20261129 });
  });
});
