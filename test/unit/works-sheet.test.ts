/**
 * A works list's row becomes a work (src/forms/copyright/works-sheet.ts): a plain row is read as
 * it is, a row whose title or author says 不明 or 無し, or that lists attachments, is reshaped —
 * both must give the work the same row written in YAML gives, and the glyph check the cells as written.
 */
import { describe, expect, it } from 'vitest';
import { worksFromSheet } from '../../src/forms/copyright/works-sheet.js';
import { workSchema } from '../../src/forms/copyright/schema.js';

const rows = (cells: string[][]) => cells.map((c, i) => ({ line: i + 1, row: i + 1, cells: c }));

describe('works read from a list', () => {
  const heading = ['title', 'author', 'category', 'description', 'attachments', '備考'];
  const read = worksFromSheet({ file: 'works.csv', rows: rows([
    heading,
    ['港町の記憶', '山田 花子', 'language', '随筆', '', 'x'],
    ['題号不明', '不明', 'photo', '写真', '', ''],
    ['無し', '表示がない', 'art', '絵', 'a.png；b.png; ', ''],
    [' 潮騒 ', ' 不明 ', 'music', '歌', '', ''],
  ]) }, 'work');

  it('gives each row the work its YAML gives', () => {
    const yaml = [
      { title: '港町の記憶', author: '山田 花子', category: 'language', description: '随筆' },
      { category: 'photo', description: '写真', title_status: 'unknown', author_status: 'unknown' },
      { category: 'art', description: '絵', attachments: ['a.png', 'b.png'], title_status: 'none', author_status: 'none' },
      { title: '潮騒', category: 'music', description: '歌', author_status: 'unknown' },
    ].map((w) => workSchema.parse(w));
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(read.works).toEqual(yaml);
    expect(read.works.map((w) => Object.keys(w))).toEqual(yaml.map((w) => Object.keys(w)));
  });

  it('keeps the cells as written for the glyph check', () => {
    expect(read.text.works).toEqual([
      { title: '港町の記憶', author: '山田 花子', category: 'language', description: '随筆' },
      { title: '題号不明', author: '不明', category: 'photo', description: '写真' },
      { title: '無し', author: '表示がない', category: 'art', description: '絵', attachments: 'a.png；b.png;' },
      { title: '潮騒', author: '不明', category: 'music', description: '歌' },
    ]);
  });
});
