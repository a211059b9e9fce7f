/**
 * Filling a workbook the user gave edits only the cells filled (src/export/xlsx-fill.ts): a cell
 * present keeps its style, an absent cell or row is added in its place, text is escaped, and every
 * other part of the workbook is the same, byte for byte, once unzipped.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fillSheetXml } from '../../src/export/xlsx-fill.js';
import { fillXlsx } from '../../src/export/xlsx.js';

async function workbook(): Promise<Uint8Array> {
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

describe('filling cells of a workbook in place', () => {
  it('sets present and absent cells and rows, keeps styles and everything else', async () => {
    const source = await workbook();
    const edits = [
      { row: 2, column: 3, value: '1' }, // present, styled
      { row: 2, column: 2, value: 'A & <B>' }, // absent, between A and C
      { row: 4, column: 4, value: '2' }, // a row the sheet lacks, between 2 and 5
      { row: 5, column: 3, value: '留保' },
    ];
    const filled = fillSheetXml({ kind: 'filledSheet', name: 'l', title: 'l', format: 'xlsx', source: { bytes: source, sheet: '一覧' }, edits });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(filled) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('一覧')!;
    expect(['A1', 'C1', 'A2', 'B2', 'C2', 'D4', 'A5', 'C5'].map((ref) => sheet.getCell(ref).text))
      .toEqual(['PID', '除外基準', 'info:ndljp/pid/1', 'A & <B>', '1', '2', 'info:ndljp/pid/5', '留保']);
    expect(sheet.getCell('C1').font?.bold).toBe(true);
    expect(sheet.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect(wb.getWorksheet('記入方法')!.getCell('A1').text).toBe('説明');
    const before = unzipSync(source);
    const after = unzipSync(filled);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const changed = Object.keys(before).filter((k) => !Buffer.from(before[k]).equals(Buffer.from(after[k])));
    expect(changed).toEqual(['xl/worksheets/sheet1.xml']);
  });

  it('a sheet written another way (an address in single quotes) is rewritten whole instead, the cells still filled', async () => {
    const files = unzipSync(await workbook());
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']).replace(/<c r="A5"/, "<c r='A5'");
    files['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(sheet);
    const filled = { kind: 'filledSheet' as const, name: 'l', title: 'l', format: 'xlsx' as const,
      source: { bytes: zipSync(files), sheet: '一覧' }, edits: [{ row: 2, column: 3, value: '1' }] };
    expect(fillSheetXml(filled)).toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await fillXlsx(filled)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('一覧')!.getCell('C2').text).toBe('1');
    expect(wb.getWorksheet('記入方法')!.getCell('A1').text).toBe('説明');
  });
});
