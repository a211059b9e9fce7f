/**
 * A table breaks each distinct cell text once per column (src/layout/layout.ts, wrapCell) and
 * shares the lines between the rows that repeat it: what each row draws must still be that text
 * broken at its own column's width and the table's size, whichever column or row broke it first.
 * Widths are measured by code unit where each is a grapheme (Measure.unit), by grapheme elsewhere;
 * both must give the same numbers, or the PDF's columns (measured by unit) and the DOCX's (by
 * grapheme, src/export/docx.ts) would differ.
 */
import { describe, expect, it } from 'vitest';
import { columnWidths, layoutDocument, tableTextSize, type DrawOp } from '../../src/layout/layout.js';
import { MM, type DocumentModel, type Table } from '../../src/model/document.js';
import { STYLE } from '../../src/model/style.js';
import { breakLines, splitGraphemes } from '../../src/typeset/kinsoku.js';
import { FONTS } from '../helpers.js';

const NOTICE = '公益社団法人著作権情報センターのウェブサイト（令和8年11月2日から掲載）にて、広く一般に情報提供を求めたが、著作権者につながる情報は得られなかった。';
const OTHER = '日本童謡協会に照会したところ、著作権者の連絡先等に関する情報は得られなかった。';

describe('repeated table cells', () => {
  it('a text repeated in columns of different widths is broken at each column\'s own width', () => {
    const table: Table = {
      kind: 'table',
      columns: [{ header: '照会', width: 0.3 }, { header: '公告', width: 0.7 }],
      rows: [[NOTICE, NOTICE], [OTHER, NOTICE], [NOTICE, OTHER], [NOTICE, NOTICE]],
    };
    const doc: DocumentModel = {
      name: 't', title: 't', page: { size: 'A4', orientation: 'portrait', marginsMm: [20, 20, 20, 20] }, fontSize: 10, lineHeight: 1.5,
      pageNumbers: false, blocks: [table],
    };
    const chain = FONTS.chain();
    const size = tableTextSize(table, doc.fontSize);
    const widths = columnWidths(table, (210 - 40) * MM, size, (g) => chain.advance(g));
    const lines = (text: string, c: number) => breakLines(text, widths[c] - 2 * STYLE.table.padding, chain.measureAt(size));
    // Drawn in order: the heading row, then each row cell by cell, each cell line by line.
    const expected = [table.columns.map((c) => c.header), ...table.rows].flatMap((row) => row.flatMap((cell, c) => lines(cell, c)));
    const drawn = layoutDocument(doc, FONTS).flatMap((p) => p.ops).filter((o): o is Extract<DrawOp, { op: 'text' }> => o.op === 'text');
    expect(drawn.map((o) => o.text)).toEqual(expected);
    // The widths differ enough that the same text breaks into a different number of lines.
    expect(lines(NOTICE, 0).length).toBeGreaterThan(lines(NOTICE, 1).length);
  });
});

describe('widths by code unit and by grapheme', () => {
  const chain = FONTS.chain();
  // Text the unit path takes, and text it does not (a variation selector, a combining mark, a surrogate pair).
  const texts = ['10000', '令和8年11月2日', 'ISBN978-4-00-000000-0 ＡＢＣ１２３', '葛\u{E0100}城', 'e\u0301te', '𠮟る'];

  it('a line\'s width is the sum of its graphemes\' advances, in order', () => {
    for (const text of texts) {
      let sum = 0;
      for (const g of splitGraphemes(text)) sum += chain.advance(g);
      expect(chain.textWidth(text, 8.5), text).toBe(sum * 8.5);
    }
  });

  it('a fit column is as wide measured by code unit as by grapheme', () => {
    const table: Table = {
      kind: 'table',
      columns: [{ header: 'No.', width: 0.02, fit: true }, { header: '題号', width: 0.98 }],
      rows: texts.map((text) => [text, '本文']),
    };
    const byUnit = columnWidths(table, 480, 8.5, chain.measureAt(1));
    expect(byUnit).toEqual(columnWidths(table, 480, 8.5, (g) => chain.advance(g)));
    // The fit column took room from the other: the widths were worked out, not the shares returned.
    expect(byUnit[0]).toBeGreaterThan(0.02 * 480);
  });
});
