/**
 * Reading and filling a workbook the user gave (src/export/xlsx-package.ts, xlsx-fill.ts): a cell
 * present keeps its style, an absent cell or row is added in its place, text is escaped, dates and
 * numbers go in as such where the cell's format says so, and every zip entry but the sheet keeps
 * its stored bytes and headers. Workbooks written the way openpyxl writes them (absolute
 * relationship targets) and with a namespace prefix read and fill the same. LibreOffice's reading
 * of filled lists is in test/clients/exclusion.test.ts.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fillXlsx } from '../../src/export/xlsx-fill.js';
import { isDateCode, openWorkbook, readSheetRows, resolvePart } from '../../src/export/xlsx-package.js';
import { zipEntries } from '../../src/export/zip.js';
import type { FilledSheet } from '../../src/model/document.js';

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

const filledSheet = (bytes: Uint8Array, sheet: string | undefined, edits: FilledSheet['edits']): FilledSheet =>
  ({ kind: 'filledSheet', name: 'l', title: 'l', format: 'xlsx', source: { bytes, sheet }, edits });

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
  return new TextDecoder().decode(unzipSync(zip, { filter: (f) => f.name === part })[part]);
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
    // The same list and edits give the same bytes.
    expect(Buffer.from(await fillXlsx(filledSheet(source, '一覧', edits))).equals(Buffer.from(filled))).toBe(true);
  });
});

/**
 * A list as openpyxl writes one (relationship targets absolute from the package root), with what a
 * rewrite would lose: defined names, custom properties, sheet protection, a conditional format and
 * an Excel 2010 data validation from another sheet (x14, in extLst). `prefix` writes the sheet's
 * elements with a namespace prefix (x:row), as the Open XML SDK can.
 */
function openpyxlLike(prefix = ''): Uint8Array {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const strings = ['PID', '書名', '著者', '除外基準', '申出日', 'info:ndljp/pid/2500001', '〇〇の歴史', 'info:ndljp/pid/2500004', '△△考'];
  const c = (ref: string, inner: string, attrs = '') => `<${p}c r="${ref}"${attrs}>${inner}</${p}c>`;
  const s = (ref: string, i: number) => c(ref, `<${p}v>${i}</${p}v>`, ' t="s"');
  const rows = [
    `<${p}row r="1">${[0, 1, 2, 3, 4].map((i) => s(`${'ABCDE'[i]}1`, i)).join('')}</${p}row>`,
    // The author's name carries its reading (rPh), which is not part of its text.
    `<${p}row r="2">${s('A2', 5)}${s('B2', 6)}${c('C2', `<${p}v>9</${p}v>`, ' t="s"')}<${p}c r="D2" s="2"/><${p}c r="E2" s="1"/></${p}row>`,
    // Cells without addresses take the next column; the entry cells are absent (column styles apply).
    `<${p}row r="4" spans="1:3"><${p}c t="s"><${p}v>7</${p}v></${p}c><${p}c t="s"><${p}v>8</${p}v></${p}c></${p}row>`,
  ];
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}="${main}" xmlns:r="${rel}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">`
    + `<${p}dimension ref="A1:E4"/><${p}cols><${p}col min="5" max="5" width="12" style="1" customWidth="1"/></${p}cols>`
    + `<${p}sheetData>${rows.join('')}</${p}sheetData>`
    + `<${p}sheetProtection sheet="1" objects="1" scenarios="1"/>`
    + `<${p}conditionalFormatting sqref="D2:D4"><${p}cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="留保"><${p}formula>NOT(ISERROR(SEARCH("留保",D2)))</${p}formula></${p}cfRule></${p}conditionalFormatting>`
    + `<${p}extLst><${p}ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>記入方法!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>D2:D4</xm:sqref></x14:dataValidation></x14:dataValidations></${p}ext></${p}extLst>`
    + `</${p}worksheet>`;
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="/xl/workbook.xml"/><Relationship Id="rId2" Type="${rel}/custom-properties" Target="/docProps/custom.xml"/></Relationships>`,
    'docProps/custom.xml': '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="リスト版"><vt:lpwstr>令和8年度</vt:lpwstr></property></Properties>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><workbookPr/><sheets><sheet name="送信候補資料リスト" sheetId="1" r:id="rId1"/><sheet name="記入方法" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">送信候補資料リスト!$A$1:$E$4</definedName><definedName name="基準">記入方法!$A$1:$A$4</definedName></definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="/xl/styles.xml"/><Relationship Id="rId4" Type="${rel}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" xfId="0" applyNumberFormat="1"/></cellXfs><dxfs count="1"><dxf/></dxfs></styleSheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}" count="10" uniqueCount="10">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}<si><t>佐藤一郎</t><rPh sb="0" eb="2"><t>サトウ</t></rPh><phoneticPr fontId="0"/></si></sst>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/worksheets/sheet2.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c></row></sheetData></worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6, mtime: new Date('2026-04-01T00:00:00Z') });
}

describe('lists written by other programs', () => {
  for (const prefix of ['', 'x']) {
    it(`openpyxl's absolute targets${prefix ? ', with prefixed elements (x:row)' : ''}: read, filled with a date and a number in their formats, all else kept`, async () => {
      const source = openpyxlLike(prefix);
      const pkg = await openWorkbook(source);
      expect(pkg.sheets).toEqual([{ name: '送信候補資料リスト', part: 'xl/worksheets/sheet1.xml' }, { name: '記入方法', part: 'xl/worksheets/sheet2.xml' }]);
      expect(await readSheetRows(pkg, pkg.sheets[0].part)).toEqual([
        { row: 1, cells: ['PID', '書名', '著者', '除外基準', '申出日'] },
        { row: 2, cells: ['info:ndljp/pid/2500001', '〇〇の歴史', '佐藤一郎'] },
        { row: 4, cells: ['info:ndljp/pid/2500004', '△△考'] },
      ]);
      const edits: FilledSheet['edits'] = [
        { row: 2, column: 4, value: '1', as: 'number' }, // a text-formatted cell: stays text
        { row: 2, column: 5, value: '2026-11-20', as: 'date' }, // a date cell: its serial
        { row: 4, column: 4, value: '2', as: 'number' }, // absent, general: a number
        { row: 4, column: 5, value: '2026-11-20', as: 'date' }, // absent, the column's date style
      ];
      const filled = await fillXlsx(filledSheet(source, undefined, edits));
      expect(changedEntries(source, filled)).toEqual(['xl/worksheets/sheet1.xml']);
      const [before, after] = [await sheetXml(source, 'xl/worksheets/sheet1.xml'), await sheetXml(filled, 'xl/worksheets/sheet1.xml')];
      const outside = (xml: string) => xml.replace(/<(\w+:)?sheetData>[\s\S]*<\/(\w+:)?sheetData>/, '');
      expect(outside(after)).toBe(outside(before));
      const q = prefix ? `${prefix}:` : '';
      expect(after).toContain(`<${q}c r="D2" s="2" t="inlineStr"><${q}is><${q}t xml:space="preserve">1</${q}t></${q}is></${q}c><${q}c r="E2" s="1"><${q}v>46346</${q}v></${q}c>`);
      expect(after).toContain(`<${q}c t="s"><${q}v>8</${q}v></${q}c><${q}c r="D4"><${q}v>2</${q}v></${q}c><${q}c r="E4" s="1"><${q}v>46346</${q}v></${q}c></${q}row>`);
      const again = await openWorkbook(filled);
      expect((await readSheetRows(again, again.sheets[0].part)).map((r) => r.cells.slice(3))).toEqual([['除外基準', '申出日'], ['1', '2026-11-20'], ['2', '2026-11-20']]);
    });
  }

  it('a cell without an address is found by its place', async () => {
    const filled = await fillXlsx(filledSheet(openpyxlLike(), undefined, [{ row: 4, column: 2, value: 'x' }, { row: 4, column: 3, value: 'y' }]));
    const xml = await sheetXml(filled, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<row r="4" spans="1:3"><c t="s"><v>7</v></c><c r="B4" t="inlineStr"><is><t xml:space="preserve">x</t></is></c><c r="C4" t="inlineStr">');
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
