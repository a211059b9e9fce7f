/**
 * The due-diligence evidence table (疎明資料) in bulk, judged by poppler and qpdf: a 500-work case
 * read from a CSV loses nothing across page breaks, repeats its header on every page, keeps every
 * word inside its cell. (A Shift_JIS CSV gives the very same PDF as a UTF-8 one: test/unit/evidence.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCaseYaml, syntheticCsv, syntheticWorks } from '../../bench/synthetic.mjs';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/typeset/kinsoku.js';
import { needs, pdfBoxes, pdfRects, pdfText, squash, tempDir, type Word } from '../helpers.js';

const HEADERS = ['No.', '著作物の題号', '著作者名', 'ア(ア)名簿・名鑑類の閲覧 又は ア(イ)ネット検索サービスによる情報の検索',
  'イ(ア)著作権等管理事業者等への照会', 'イ(イ)同種の著作物等に関する識見を有する団体への照会', 'ウ 公衆に対し情報提供を求めること'];

interface Cell { x: number; top: number; w: number; h: number; words: Word[] }

/** The table's cells on each page (from the stroked rectangles), each with the words inside it. */
function cellsByPage(pdf: string): { cells: Cell[]; stray: Word[] }[] {
  const rects = pdfRects(pdf);
  return pdfBoxes(pdf).map((page, p) => {
    const cells: Cell[] = rects[p].map((r) => ({ x: r.x, top: page.height - r.y - r.h, w: r.w, h: r.h, words: [] }));
    const stray: Word[] = [];
    for (const word of page.lines.flat()) {
      const cx = (word.xMin + word.xMax) / 2, cy = (word.yMin + word.yMax) / 2;
      const cell = cells.find((c) => cx > c.x && cx < c.x + c.w && cy > c.top && cy < c.top + c.h);
      (cell ? cell.words : stray).push(word);
    }
    return { cells, stray };
  });
}

const cellText = (c: Cell) => c.words.slice().sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin).map((w) => w.text).join('');

/** Groups cells into rows (same top), rows top to bottom, cells left to right. */
function rows(cells: Cell[]): Cell[][] {
  const byTop = new Map<number, Cell[]>();
  for (const c of cells) {
    const key = Math.round(c.top * 10);
    byTop.set(key, [...(byTop.get(key) ?? []), c]);
  }
  return [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.sort((a, b) => a.x - b.x));
}

needs('pdftotext', 'qpdf')('evidence table of a 500-work CSV case', () => {
  const works = syntheticWorks(500);
  let pdf = '';
  let pages: ReturnType<typeof cellsByPage> = [];
  beforeAll(async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'works.csv'), syntheticCsv(works));
    writeFileSync(join(dir, 'bulk.yaml'), syntheticCaseYaml('works.csv'));
    const checked = await checkCase(join(dir, 'bulk.yaml'), '2026-11-21');
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const files = await renderCase(checked, join(dir, 'out'), ['pdf']);
    pdf = files.find((f) => f.endsWith('evidence.pdf'))!;
    pages = cellsByPage(pdf);
  });

  it('spans many pages, each starting with the header row', () => {
    expect(pages.length).toBeGreaterThan(50);
    for (const [i, page] of pages.entries()) {
      const header = rows(page.cells)[0].map(cellText);
      expect(header, `page ${i + 1}`).toEqual(HEADERS.map(squash));
    }
  });

  it('keeps every word inside its cell and every line within 禁則', () => {
    // What is wrong is collected and asserted once: six expects for each of 15,000 words took
    // seconds in vitest's own bookkeeping.
    const wrong: string[] = [];
    for (const page of pages)
      for (const cell of page.cells)
        for (const w of cell.words) {
          if (!(w.xMin >= cell.x - 0.5) || !(w.xMax <= cell.x + cell.w + 0.5) || !(w.yMin >= cell.top - 0.5) || !(w.yMax <= cell.top + cell.h + 0.5))
            wrong.push(`${w.text} leaves its cell: x ${w.xMin}–${w.xMax} of ${cell.x}–${cell.x + cell.w}, y ${w.yMin}–${w.yMax} of ${cell.top}–${cell.top + cell.h}`);
          const chars = Array.from(w.text);
          if (NO_LINE_START.has(chars[0])) wrong.push(`line starts with ${chars[0]}: ${w.text}`);
          if (NO_LINE_END.has(chars.at(-1)!)) wrong.push(`line ends with ${chars.at(-1)}: ${w.text}`);
        }
    expect(wrong).toEqual([]);
  });

  it('holds every title and every cell, in order, with nothing lost or repeated across page breaks', () => {
    // Body rows of all pages, in order.
    const columns: string[][] = HEADERS.map(() => []);
    for (const page of pages)
      for (const row of rows(page.cells).slice(1)) row.forEach((cell, c) => columns[c].push(cellText(cell)));
    const expected = [
      works.map((_, i) => String(i + 1)),
      works.map((w) => w.title),
      works.map((w) => w.author),
      works.map((w) => w.directory_or_web),
      works.map((w) => w.management_bodies),
      works.map((w) => w.expert_bodies),
    ];
    expected.forEach((want, c) => expect(columns[c].join(''), HEADERS[c]).toBe(squash(want.join(''))));
    // ウ: the case's CRIC notice, composed once into every row.
    const notice = squash('公益社団法人著作権情報センターのウェブサイト（令和8年11月2日から掲載。最短の掲載期間（掲載日翌日から7日間）の満了日は令和8年11月9日）にて、広く一般に情報提供を求めたが、掲載日翌日から7日間経過後も著作権者につながる情報は得られなかった。');
    expect(columns[6].join('')).toBe(notice.repeat(works.length));
    const text = squash(pdfText(pdf));
    for (const w of works) expect(text).toContain(squash(w.title));
  });

  it('moves a row that fits a page whole to the next page: every page starts with a row of its own', () => {
    // A row is split only when it is taller than a whole page; none of these is, so every body row
    // of every page carries its No., and the numbers run on without a gap or a repeat.
    const numbers = pages.flatMap((p) => rows(p.cells).slice(1).map((r) => cellText(r[0])));
    expect(numbers).toEqual(works.map((_, i) => String(i + 1)));
  });
});
