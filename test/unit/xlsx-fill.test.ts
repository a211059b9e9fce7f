/**
 * Reading and filling a workbook the user gave (src/export/xlsx-package.ts, xlsx-fill.ts): a cell
 * present keeps its style, an absent cell or row is added in its place, text is escaped, dates and
 * numbers go in as such where the cell's format says so, and every zip entry but the sheet keeps
 * its stored bytes and headers. Workbooks written the way openpyxl writes them (absolute
 * relationship targets) and with a namespace prefix read and fill the same. LibreOffice's reading
 * of filled lists is in test/clients/exclusion.test.ts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fillXlsx } from '../../src/export/xlsx-fill.js';
import { isDateCode, openWorkbook, readSheet, resolvePart } from '../../src/export/xlsx-package.js';
import { zipEntries } from '../../src/export/zip.js';
import type { FilledSheet } from '../../src/model/document.js';
import { expectSoundZip, LIST_HEADINGS, openpyxlLikeList as openpyxlLike, pooled } from '../lists.js';

async function exceljsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('一覧');
  wb.addWorksheet('記入方法').getCell('A1').value = '説明';
  sheet.getCell('A1').value = 'PID';
  sheet.getCell('C1').value = '除外基準';
  sheet.getCell('C1').font = { bold: true };
  sheet.getCell('A2').value = 'info:ndljp/pid/1';
  sheet.getCell('C2').value = '';
  sheet.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  sheet.getCell('A5').value = 'info:ndljp/pid/5';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The sheet to fill, its bytes in a larger buffer as a small file read from disk is. */
const filledSheet = (bytes: Uint8Array, sheet: string | undefined, edits: FilledSheet['edits']): FilledSheet =>
  ({ kind: 'filledSheet', name: 'l', title: 'l', format: 'xlsx', source: { bytes: pooled(bytes), sheet }, edits });

/** Each entry's stored form: local header, name, extra field and compressed data, as in the archive. */
function storedEntries(zip: Uint8Array): Map<string, Buffer> {
  return new Map([...zipEntries(zip)].map(([name, e]) => [name, Buffer.from(zip.subarray(e.local, e.data + e.compressedSize))]));
}
const changedEntries = (before: Uint8Array, after: Uint8Array) => {
  const [a, b] = [storedEntries(before), storedEntries(after)];
  expect([...b.keys()]).toEqual([...a.keys()]);
  return [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
};

async function sheetXml(zip: Uint8Array, part: string): Promise<string> {
  const { unzipSync } = await import('fflate');
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(unzipSync(zip, { filter: (f) => f.name === part })[part]);
}

describe('filling cells of a workbook in place', () => {
  it('sets present and absent cells and rows, keeps styles, and no other entry changes a byte', async () => {
    const source = await exceljsWorkbook();
    const edits = [
      { row: 2, column: 3, value: '1' }, // present, styled
      { row: 2, column: 2, value: 'A & <B>' }, // absent, between A and C
      { row: 4, column: 4, value: '2' }, // a row the sheet lacks, between 2 and 5
      { row: 5, column: 3, value: '留保' },
      { row: 9, column: 1, value: 'after the last row' },
    ];
    const filled = await fillXlsx(filledSheet(source, '一覧', edits));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(filled) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('一覧')!;
    expect(['A1', 'C1', 'A2', 'B2', 'C2', 'D4', 'A5', 'C5', 'A9'].map((ref) => sheet.getCell(ref).text))
      .toEqual(['PID', '除外基準', 'info:ndljp/pid/1', 'A & <B>', '1', '2', 'info:ndljp/pid/5', '留保', 'after the last row']);
    expect(sheet.getCell('C1').font?.bold).toBe(true);
    expect(sheet.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect(wb.getWorksheet('記入方法')!.getCell('A1').text).toBe('説明');
    expect(changedEntries(source, filled)).toEqual(['xl/worksheets/sheet1.xml']);
    expectSoundZip(filled);
    // The same list and edits give the same bytes.
    expect(Buffer.from(await fillXlsx(filledSheet(source, '一覧', edits))).equals(Buffer.from(filled))).toBe(true);
  });
});

describe('lists written by other programs', () => {
  for (const prefix of ['', 'x']) {
    it(`openpyxl's absolute targets${prefix ? ', with prefixed elements (x:row)' : ''}: read, filled with a date and a number in their formats, all else kept`, async () => {
      const source = openpyxlLike(prefix);
      const pkg = await openWorkbook(source);
      expect(pkg.sheets).toEqual([{ name: '送信候補資料リスト', part: 'xl/worksheets/sheet1.xml' }, { name: '記入方法', part: 'xl/worksheets/sheet2.xml' }]);
      expect((await readSheet(pkg, pkg.sheets[0].part)).rows).toEqual([
        { row: 1, cells: LIST_HEADINGS },
        { row: 2, cells: ['info:ndljp/pid/2500001', '〇〇の歴史', '佐藤一郎'] },
        { row: 4, cells: ['info:ndljp/pid/2500004', '△△考'] },
      ]);
      const edits: FilledSheet['edits'] = [
        { row: 2, column: 4, value: '1', as: 'number' }, // a text-formatted cell: stays text
        { row: 2, column: 8, value: '2026-11-20', as: 'date' }, // a date cell: its serial
        { row: 4, column: 4, value: '2', as: 'number' }, // absent, general: a number
        { row: 4, column: 8, value: '2026-11-20', as: 'date' }, // absent, the column's date style
      ];
      const given = filledSheet(source, undefined, edits);
      const filled = await fillXlsx(given);
      expect(Buffer.from(given.source.bytes).equals(Buffer.from(source))).toBe(true); // the input is never written
      expect(changedEntries(source, filled)).toEqual(['xl/worksheets/sheet1.xml']);
      expectSoundZip(filled);
      const [before, after] = [await sheetXml(source, 'xl/worksheets/sheet1.xml'), await sheetXml(filled, 'xl/worksheets/sheet1.xml')];
      const outside = (xml: string) => xml.replace(/<(\w+:)?sheetData>[\s\S]*<\/(\w+:)?sheetData>/, '');
      expect(outside(after)).toBe(outside(before));
      expect(after.startsWith('\uFEFF')).toBe(!!prefix); // a byte-order mark is kept
      const q = prefix ? `${prefix}:` : '';
      expect(after).toContain(`<${q}c r="D2" s="2" t="inlineStr"><${q}is><${q}t xml:space="preserve">1</${q}t></${q}is></${q}c><${q}c r="H2" s="1"><${q}v>46346</${q}v></${q}c>`);
      expect(after).toContain(`<${q}c t="s"><${q}v>11</${q}v></${q}c><${q}c r="D4"><${q}v>2</${q}v></${q}c><${q}c r="H4" s="1"><${q}v>46346</${q}v></${q}c></${q}row>`);
      const again = await openWorkbook(filled);
      const cells = (await readSheet(again, again.sheets[0].part)).rows.map((r) => [r.cells[3], r.cells[7]]);
      expect(cells).toEqual([['除外基準', '申出日'], ['1', '2026-11-20'], ['2', '2026-11-20']]);
    });
  }

  it('a cell without an address is found by its place', async () => {
    const filled = await fillXlsx(filledSheet(openpyxlLike(), undefined, [{ row: 4, column: 2, value: 'x' }, { row: 4, column: 3, value: 'y' }]));
    const xml = await sheetXml(filled, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<row r="4" spans="1:2"><c t="s"><v>10</v></c><c r="B4" t="inlineStr"><is><t xml:space="preserve">x</t></is></c><c r="C4" t="inlineStr">');
  });

  it('an empty row (<row r="3"/>) and an empty sheet (<sheetData/>) take their cells', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(openpyxlLike());
    const part = 'xl/worksheets/sheet1.xml';
    const xml = new TextDecoder().decode(files[part]);
    files[part] = new TextEncoder().encode(xml.replace('</row><row r="4"', '</row><row r="3" ht="20"/><row r="4"'));
    const withEmptyRow = await fillXlsx(filledSheet(zipSync(files), undefined, [{ row: 3, column: 2, value: 'b' }]));
    expect(await sheetXml(withEmptyRow, part)).toContain('<row r="3" ht="20"><c r="B3" t="inlineStr"><is><t xml:space="preserve">b</t></is></c></row><row r="4"');
    files[part] = new TextEncoder().encode(xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData />'));
    const empty = await fillXlsx(filledSheet(zipSync(files), undefined, [{ row: 2, column: 1, value: 'a' }, { row: 1, column: 8, value: '2026-11-20', as: 'date' }]));
    expect(await sheetXml(empty, part)).toContain('<sheetData><row r="1"><c r="H1" s="1"><v>46346</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">a</t></is></c></row></sheetData>');
  });

  it('part names: relative to their part, absolute from the root, with .. and %20', () => {
    expect(resolvePart('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/workbook.xml', '../customXml/item%201.xml')).toBe('customXml/item 1.xml');
    expect(resolvePart('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });

  it('date formats are told from others by their codes', () => {
    for (const code of ['yyyy\\-mm\\-dd', 'yyyy"年"m"月"d"日"', '[$-411]ggge"年"m"月"d"日"', 'm/d', 'mmm-yy'])
      expect(isDateCode(code), code).toBe(true);
    for (const code of ['General', '0.00E+00', '#,##0"円"', '[Red]0', 'h:mm', '@', '[h]:mm:ss'])
      expect(isDateCode(code), code).toBe(false);
  });
});
