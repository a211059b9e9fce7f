/**
 * fixtures/ruling-bulk-excel-works.xlsx: the works of fixtures/ruling-bulk-works.csv as an office
 * keeps them in Excel — a title and a note above the heading row, the Japanese headings of 資料2,
 * the categories by their Japanese names, an empty row between two works, and a 備考 column
 * yoshiki does not use. The same bytes each run (fixed dates in the workbook's properties).
 *
 *   node scripts/works-excel.mjs [out.xlsx]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const FIXTURES = new URL('../fixtures/', import.meta.url);
export const TITLE = '裁定申請 著作物等一覧（〇〇大学附属図書館 デジタル化事業）';
export const NOTE = '※ 題号・著作者名が分からないものは「不明」と記入。備考欄は館内メモ（申請書には載りません）。';
export const SHEET = '著作物一覧';

/** The CSV's columns as 資料2 heads them. */
const HEADINGS = {
  title: '著作物の題号', author: '著作者名', category: '著作物の種類', description: '内容又は体様',
  directory_or_web: 'ア(ア)名簿・名鑑類の閲覧 又は ア(イ)ネット検索サービスによる情報の検索',
  management_bodies: 'イ(ア)著作権等管理事業者等への照会', expert_bodies: 'イ(イ)同種の著作物等に関する識見を有する団体への照会',
};
const CATEGORY_JA = { language: '言語の著作物', photo: '写真', music: '音楽の著作物', art: '美術' };

/** The rows of the sheet: title, note, an empty row, headings (and 備考), then the works with an empty row after the second. */
export function worksRows() {
  const [head, ...works] = parse(readFileSync(new URL('ruling-bulk-works.csv', FIXTURES)));
  const rows = [[TITLE], [NOTE], [], ['No.', ...head.map((h) => HEADINGS[h]), '備考']];
  works.forEach((cells, i) => {
    const category = head.indexOf('category');
    const row = cells.map((cell, c) => (c === category ? CATEGORY_JA[cell] ?? cell : cell));
    rows.push([i + 1, ...row, i === 0 ? '原本は書庫B-3' : '']);
    if (i === 1) rows.push([]);
  });
  return rows;
}

export async function worksXlsx(rows = worksRows()) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date('2026-11-20T00:00:00Z');
  const sheet = workbook.addWorksheet(SHEET);
  for (const row of rows) sheet.addRow(row);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getRow(4).font = { bold: true };
  [6, 24, 14, 14, 40, 40, 40, 40, 20].forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? new URL('ruling-bulk-excel-works.xlsx', FIXTURES).pathname;
  writeFileSync(out, await worksXlsx());
}
