/**
 * XLSX renderer (exceljs): a document's tables as an Excel workbook. A workbook the user gave (a
 * FilledSheet) is not rewritten by exceljs but filled in place (xlsx-fill.ts).
 */
import type { DocumentModel, Table } from '../model/document.js';
import { FIXED_DATE, pinZipDates } from './zip.js';

export async function renderXlsx(doc: DocumentModel): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(sheetName(doc.title));
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  tables.forEach((table, i) => {
    if (i > 0) sheet.addRow([]);
    if (table.headerRow !== false) {
      const header = sheet.addRow(table.columns.map((c) => c.header.replace(/\n/g, '')));
      header.font = { bold: true };
      // Freeze the first heading so it stays in view over a long list.
      if (i === 0) sheet.views = [{ state: 'frozen', ySplit: header.number }];
    }
    for (const row of table.rows) sheet.addRow(row).alignment = { vertical: 'top', wrapText: row.some((c) => c.includes('\n')) };
  });
  sheet.columns.forEach((column, i) => {
    const texts = tables.flatMap((t) => [t.columns[i]?.header ?? '', ...t.rows.map((r) => r[i] ?? '')]);
    column.width = Math.min(60, Math.max(8, ...texts.flatMap((t) => t.split('\n')).map(displayWidth)) + 2);
  });
  return pinZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** Excel's limits on a sheet's name: 31 characters, none of []:*?/\ */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, '・').slice(0, 31) || 'Sheet1';
}

/** Column width in Excel's units: a full-width character takes two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}
