/**
 * What the layout keeps together (README, "How it is built"): a chain of kept headings stays with
 * the first lines of what follows; a table row that fits a page moves there whole; a row taller
 * than a page continues with its identifying cells marked （続き）; a fit column holds its widest
 * number unbroken; a paragraph does not end in a lone fragment; a key–value block moves left
 * before it wraps a line.
 */
import { describe, expect, it } from 'vitest';
import { layoutDocument, type PagePlan } from '../../src/layout/layout.js';
import type { Block, DocumentModel, Table } from '../../src/model/document.js';
import { MM } from '../../src/model/document.js';
import { FONTS, textsInPoints } from '../helpers.js';

/** A4 portrait, 20 mm margins, 10 pt text on 15 pt lines: 48 body lines to a page (728.5 pt / 15). */
const LINES_PER_PAGE = 48;
const doc = (blocks: Block[], marginsMm: [number, number, number, number] = [20, 20, 20, 20]): DocumentModel => ({
  name: 't', title: 't', page: { size: 'A4', orientation: 'portrait', marginsMm }, fontSize: 10, lineHeight: 1.5, pageNumbers: false, blocks,
});
const para = (text: string, extra: Partial<Block> = {}): Block => ({ kind: 'paragraph', text, ...extra } as Block);
const fillers = (n: number) => Array.from({ length: n }, (_, i) => para(`埋め草${i + 1}`));

const texts = textsInPoints;
/** The page (0-based) whose text contains `needle`; -1 when none does. */
const pageOf = (pages: PagePlan[], needle: string) => pages.findIndex((p) => texts(p).some((t) => t.text.includes(needle)));

describe('keeping headings with what follows', () => {
  it('a chain of kept headings moves with the first lines of the content after it', () => {
    // Two lines left on page 1: room for both headings, not for them and the paragraph's start.
    const pages = layoutDocument(doc([
      ...fillers(LINES_PER_PAGE - 2),
      para('イ　照会すること', { keepWithNext: true }),
      para('（ア）　著作権等管理事業者等への照会', { keepWithNext: true }),
      para('本文一行目。本文二行目。本文三行目。'),
    ]), FONTS);
    expect(pageOf(pages, 'イ')).toBe(1);
    expect(pageOf(pages, '（ア）')).toBe(1);
    expect(pageOf(pages, '本文一行目')).toBe(1);
  });

  it('a heading with room for itself and the start of what follows stays where it is', () => {
    const pages = layoutDocument(doc([...fillers(LINES_PER_PAGE - 4), para('見出し', { keepWithNext: true }), para('本文。')]), FONTS);
    expect(pageOf(pages, '見出し')).toBe(0);
    expect(pageOf(pages, '本文')).toBe(0);
  });
});

/** A three-column table whose first column is No. (fit, identifying) and second the title (identifying). */
const table = (rows: string[][], noShare = 0.08): Table => ({
  kind: 'table', size: 10,
  columns: [
    { header: 'No.', width: noShare, align: 'right', fit: true, identifies: true },
    { header: '題号', width: 0.3, identifies: true },
    { header: '内容', width: 1 - noShare - 0.3 },
  ],
  rows,
});

describe('table rows over page breaks', () => {
  it('a row that fits a page moves there whole instead of being split', () => {
    const tall = Array.from({ length: 6 }, (_, i) => `第${i + 1}行`).join('\n');
    const pages = layoutDocument(doc([...fillers(LINES_PER_PAGE - 5), table([['1', '題号', tall]])]), FONTS);
    // Its first and last lines are on the same page, and that page is the second.
    expect(pageOf(pages, '第1行')).toBe(1);
    expect(pageOf(pages, '第6行')).toBe(1);
  });

  it('a row taller than a page continues under its No. and title, marked （続き）', () => {
    const huge = Array.from({ length: 120 }, (_, i) => `行${i + 1}`).join('\n');
    const pages = layoutDocument(doc([table([['7', '日本の文化', huge]])]), FONTS);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(1)) {
      const strings = texts(page).map((t) => t.text);
      expect(strings).toContain('7');
      expect(strings.join('')).toContain('日本の文化（続き）');
    }
    // Nothing of the cell is lost or repeated.
    const cellLines = pages.flatMap((p) => texts(p).map((t) => t.text)).filter((t) => /^行\d+$/.test(t));
    expect(cellLines).toEqual(huge.split('\n'));
  });

  it('a fit column is as wide as its widest number: 10000 is never broken', () => {
    const rows = ['1', '99', '10000'].map((n) => [n, '題号', '内容']);
    const pages = layoutDocument(doc([table(rows, 0.02)]), FONTS);
    const strings = pages.flatMap((p) => texts(p).map((t) => t.text));
    expect(strings).toContain('10000');
    expect(strings).not.toContain('1000');
  });
});

describe('lines of a paragraph', () => {
  it('the last line is not a lone character when the line before can give some up', () => {
    // 400 pt of text width at 10 pt: 40 kanji to a line, so 41 would leave one alone.
    const side = (210 - 400 / MM) / 2;
    const text = '著'.repeat(41);
    const lines = texts(layoutDocument(doc([para(text)], [20, side, 20, side]), FONTS)[0]).map((t) => t.text);
    expect(lines.join('')).toBe(text);
    expect(lines.length).toBe(2);
    expect(lines[1].length).toBeGreaterThanOrEqual(3);
  });

  it('a key–value block set to the right moves left so an address is not broken', () => {
    const address = '京都府京都市中京区寺町通御池上る上本能寺前町488番地';
    const pages = layoutDocument(doc([{ kind: 'keyValue', left: 0.6, keyWidth: 4, rows: [{ key: '発行者', value: address }] }]), FONTS);
    const ops = texts(pages[0]);
    expect(ops.map((o) => o.text)).toContain(address);
    const key = ops.find((o) => o.text === '発行者')!;
    expect(key.x).toBeLessThan(20 * MM + 0.6 * (210 - 40) * MM);
  });
});
