/**
 * NDL lists as other programs write them, for the tests of reading and filling a list in place:
 * one as openpyxl writes it (relationship targets absolute from the package root), and a flat ODS
 * document that LibreOffice Calc saves as XLSX, with what a rewrite would lose — conditional formats
 * of several kinds, a dropdown from another sheet, sheet protection, a date-formatted entry column.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { expect } from 'vitest';
import { zipEntries } from '../src/export/zip.js';

/** The entry columns both lists have, after PID, title and author. */
export const LIST_HEADINGS = ['PID', '書名', '著者', '除外基準', '根拠・確認方法', '申出者', '連絡先', '申出日'];

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A list as openpyxl writes one, with defined names, custom properties, sheet protection, a
 * conditional format and an Excel 2010 data validation from another sheet (x14, in extLst).
 * Row 2 has its criterion cell formatted as text and its date cell as a date; row 4's cells have no
 * addresses and its entry cells are absent (the date column has a date style). `prefix` writes the
 * sheet's elements with a namespace prefix (x:row), as the Open XML SDK can, after a byte-order mark.
 */
export function openpyxlLikeList(prefix = ''): Uint8Array {
  const p = prefix ? `${prefix}:` : '';
  const strings = [...LIST_HEADINGS, 'info:ndljp/pid/2500001', '〇〇の歴史', 'info:ndljp/pid/2500004', '△△考'];
  const c = (ref: string, inner: string, attrs = '') => `<${p}c${ref ? ` r="${ref}"` : ''}${attrs}>${inner}</${p}c>`;
  const s = (ref: string, i: number) => c(ref, `<${p}v>${i}</${p}v>`, ' t="s"');
  const rows = [
    `<${p}row r="1">${LIST_HEADINGS.map((_, i) => s(`${'ABCDEFGH'[i]}1`, i)).join('')}</${p}row>`,
    // The author's name carries its reading (rPh), which is not part of its text.
    `<${p}row r="2">${s('A2', 8)}${s('B2', 9)}${s('C2', 12)}<${p}c r="D2" s="2"/><${p}c r="H2" s="1"/></${p}row>`,
    `<${p}row r="4" spans="1:2">${s('', 10)}${s('', 11)}</${p}row>`,
  ];
  const sheet = `${prefix ? '\uFEFF' : ''}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet xmlns${prefix ? `:${prefix}` : ''}="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">`
    + `<${p}dimension ref="A1:H4"/><${p}cols><${p}col min="8" max="8" width="14" style="1" customWidth="1"/></${p}cols>`
    + `<${p}sheetData>${rows.join('')}</${p}sheetData>`
    + `<${p}sheetProtection sheet="1" objects="1" scenarios="1"/>`
    + `<${p}conditionalFormatting sqref="D2:D4"><${p}cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="留保"><${p}formula>NOT(ISERROR(SEARCH("留保",D2)))</${p}formula></${p}cfRule></${p}conditionalFormatting>`
    + `<${p}extLst><${p}ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>記入方法!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>D2:D4</xm:sqref></x14:dataValidation></x14:dataValidations></${p}ext></${p}extLst>`
    + `</${p}worksheet>`;
  const type = (t: string) => `application/vnd.openxmlformats-officedocument.${t}`;
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type('spreadsheetml.sheet.main+xml')}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type('spreadsheetml.worksheet+xml')}"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${type('spreadsheetml.worksheet+xml')}"/><Override PartName="/xl/styles.xml" ContentType="${type('spreadsheetml.styles+xml')}"/><Override PartName="/xl/sharedStrings.xml" ContentType="${type('spreadsheetml.sharedStrings+xml')}"/><Override PartName="/docProps/custom.xml" ContentType="${type('custom-properties+xml')}"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/><Relationship Id="rId2" Type="${REL}/custom-properties" Target="/docProps/custom.xml"/></Relationships>`,
    'docProps/custom.xml': '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="リスト版"><vt:lpwstr>令和8年度</vt:lpwstr></property></Properties>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="送信候補資料リスト" sheetId="1" r:id="rId1"/><sheet name="記入方法" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">送信候補資料リスト!$A$1:$H$4</definedName><definedName name="基準">記入方法!$A$1:$A$4</definedName></definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" xfId="0" applyNumberFormat="1"/></cellXfs><dxfs count="1"><dxf/></dxfs></styleSheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="13" uniqueCount="13">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}<si><t>佐藤一郎</t><rPh sb="0" eb="2"><t>サトウ</t></rPh><phoneticPr fontId="0"/></si></sst>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/worksheets/sheet2.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${['1', '2', '3', '留保'].map((v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${v}</t></is></c></row>`).join('')}</sheetData></worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6, mtime: new Date('2026-04-01T00:00:00Z') });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The identifier of the Calc list's data row i (0-based), on sheet row i + 4. */
export const calcPid = (i: number) => `info:ndljp/pid/${2500001 + 3 * i}`;

/**
 * A flat ODS document (one XML file) that LibreOffice Calc saves as the XLSX the test fills: a title,
 * headings on row 3, `rows` data rows; the entry columns styled and unprotected on a protected sheet,
 * the criterion a dropdown from the sheet 記入方法, the date column formatted yyyy-mm-dd, and
 * conditional formats of four kinds (a cell value, a colour scale, a data bar, a date).
 */
export function calcListFods(rows: number): string {
  const cell = (v: string | number, style = '', validation = '') => {
    const attrs = `${style ? ` table:style-name="${style}"` : ''}${validation ? ` table:content-validation-name="${validation}"` : ''}`;
    if (v === '') return `<table:table-cell${attrs}/>`;
    if (typeof v === 'number') return `<table:table-cell${attrs} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    return `<table:table-cell${attrs} office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`;
  };
  const data = Array.from({ length: rows }, (_, i) => [i + 1, calcPid(i), `郷土史 第${i + 1}巻`, '佐藤 一郎', 1950 + i]);
  const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
  const body = [
    row([cell('令和8年度 送信候補資料リスト（図書）')]),
    row([cell('')]),
    row(['No.', 'PID', 'タイトル', '著者', '出版年', '除外基準（1・2・3・留保）', '根拠・確認方法', '申出者', '連絡先', '申出日'].map((h) => cell(h))),
    ...data.map((d) => row([...d.map((v) => cell(v)), cell('', 'entry', 'criteria'), cell('', 'entry'), cell('', 'entry'), cell('', 'entry'), cell('', 'date')])),
  ].join('\n');
  const last = rows + 3;
  const format = (range: string, inner: string) => `<calcext:conditional-format calcext:target-range-address="一覧.${range.replace(':', ':一覧.')}">${inner}</calcext:conditional-format>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles>
 <style:style style:name="Default" style:family="table-cell"/>
 <style:style style:name="Good" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color="#ccffcc"/></style:style>
</office:styles>
<office:automatic-styles>
 <number:date-style style:name="isodate"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <style:style style:name="entry" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color="#fff2cc" style:cell-protect="none"/></style:style>
 <style:style style:name="date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="isodate"><style:table-cell-properties fo:background-color="#fff2cc" style:cell-protect="none"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:content-validations>
 <table:content-validation table:name="criteria" table:condition="of:cell-content-is-in-list([$記入方法.$A$1:.$A$4])" table:allow-empty-cell="true" table:base-cell-address="$一覧.$F$4" table:display-list="unsorted"/>
</table:content-validations>
<table:table table:name="一覧" table:protected="true">
<table:table-column table:number-columns-repeated="10"/>
${body}
<calcext:conditional-formats>
 ${format(`F4:F${last}`, '<calcext:condition calcext:apply-style-name="Good" calcext:value="=&quot;留保&quot;" calcext:base-cell-address="一覧.F4"/>')}
 ${format(`E4:E${last}`, '<calcext:color-scale><calcext:color-scale-entry calcext:value="0" calcext:type="minimum" calcext:color="#f8696b"/><calcext:color-scale-entry calcext:value="0" calcext:type="maximum" calcext:color="#63be7b"/></calcext:color-scale>')}
 ${format(`A4:A${last}`, '<calcext:data-bar calcext:positive-color="#638ec6" calcext:negative-color="#ff0000" calcext:axis-color="#000000"><calcext:formatting-entry calcext:value="0" calcext:type="auto-minimum"/><calcext:formatting-entry calcext:value="0" calcext:type="auto-maximum"/></calcext:data-bar>')}
 ${format(`J4:J${last}`, '<calcext:date-is calcext:date="today" calcext:style="Good"/>')}
</calcext:conditional-formats>
</table:table>
<table:table table:name="記入方法">
${[1, 2, 3, '留保'].map((v) => row([cell(v)])).join('\n')}
</table:table>
</office:spreadsheet></office:body></office:document>
`;
}

/**
 * Every entry of a zip is what its headers say: the central directory's and the local header's CRC
 * and sizes (unless a data descriptor follows) agree with the data as it inflates — what `unzip -t`
 * checks, and what Excel would "repair". fflate's unzip does not check CRCs.
 */
export function expectSoundZip(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (const [name, e] of zipEntries(zip)) {
    const stored = zip.subarray(e.data, e.data + e.compressedSize);
    const content = e.method === 0 ? stored : inflateRawSync(stored);
    const central = { crc: view.getUint32(e.central + 16, true), size: view.getUint32(e.central + 24, true) };
    expect({ name, crc: crc32(content), size: content.length }).toEqual({ name, ...central });
    if (!(view.getUint16(e.local + 6, true) & 8))
      expect({ name, crc: view.getUint32(e.local + 14, true), compressed: view.getUint32(e.local + 18, true), size: view.getUint32(e.local + 22, true) })
        .toEqual({ name, ...central, compressed: e.compressedSize });
  }
}

/** The same bytes at a place in a larger buffer, as fs.readFileSync gives a small file: a view must not be taken for a copy. */
export const pooled = (bytes: Uint8Array): Buffer => Buffer.concat([Buffer.alloc(7), Buffer.from(bytes)]).subarray(7);
