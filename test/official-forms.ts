/**
 * Agencies' own forms as the tests make them with pdf-lib (yoshiki cannot ship the NDL's): a loan
 * request with AcroForm fields named as the request's values, and the receipt letter's "To
 * Borrowers" sheet without fields, stored sideways (/Rotate 90, as scanners often store a page)
 * and filled at the places of a field map. Each form's boxes are listed here once, as the tests
 * expect to find the values.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { degrees, PDFDocument, rgb, StandardFonts, TextAlignment } from 'pdf-lib';
import { FIXTURES } from './helpers.js';

/** A box as poppler reports words: points from the top left of the page as shown. */
export interface TopLeftBox { left: number; top: number; width: number; height: number }

const A4 = { width: 595.28, height: 841.89 };

/** The request form's text fields: name, and the widget's rectangle in the page's own coordinates (bottom left). */
export const REQUEST_FIELDS = [
  { name: 'user_id', x: 60, y: 730, w: 160, h: 20 },
  { name: 'date', x: 380, y: 770, w: 160, h: 20, align: TextAlignment.Right },
  { name: 'library.name', x: 60, y: 680, w: 320, h: 20 },
  { name: 'library.address', x: 60, y: 610, w: 320, h: 50, multiline: true },
  { name: 'items.1.title', x: 60, y: 540, w: 320, h: 20 },
  { name: 'items.2.title', x: 60, y: 510, w: 320, h: 20 },
] as const;
export const REQUEST_CHECKBOXES = [{ name: 'send_by.fax', x: 60, y: 460 }, { name: 'send_by.post', x: 160, y: 460 }] as const;
/** A field no value is named as: it stays a field to fill in. */
export const UNRELATED_FIELD = 'office_use';

export const fieldBox = (f: { x: number; y: number; w: number; h: number }): TopLeftBox =>
  ({ left: f.x, top: A4.height - f.y - f.h, width: f.w, height: f.h });

/** The designated request form: printed labels and a frame (its own content stream), and AcroForm fields. */
export async function requestFormPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([A4.width, A4.height]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('INTERLIBRARY LOAN REQUEST (designated form, test copy)', { x: 60, y: 800, size: 12, font });
  page.drawRectangle({ x: 40, y: 420, width: 515, height: 400, borderWidth: 1, borderColor: rgb(0, 0, 0) });
  const form = pdf.getForm();
  for (const f of REQUEST_FIELDS) {
    page.drawText(f.name, { x: f.x, y: f.y + f.h + 2, size: 7, font });
    const field = form.createTextField(f.name);
    if ('multiline' in f) field.enableMultiline();
    if ('align' in f) field.setAlignment(f.align);
    field.addToPage(page, { x: f.x, y: f.y, width: f.w, height: f.h });
  }
  for (const c of REQUEST_CHECKBOXES) {
    page.drawText(c.name, { x: c.x + 18, y: c.y + 3, size: 8, font });
    form.createCheckBox(c.name).addToPage(page, { x: c.x, y: c.y, width: 14, height: 14 });
  }
  form.createTextField(UNRELATED_FIELD).addToPage(page, { x: 380, y: 440, width: 160, height: 20 });
  return pdf.save(); // object and cross-reference streams, as pdf-lib writes by default
}

/** The "To Borrowers" sheet as shown: landscape A4; the receipt letter's boxes on its right half. */
export const SHEET_SHOWN = { width: A4.height, height: A4.width };
export const RECEIPT_MAP_BOXES: Record<string, TopLeftBox & { extra?: string }> = {
  user_id: { left: 460, top: 80, width: 150, height: 20 },
  library: { left: 460, top: 120, width: 330, height: 46, extra: ', wrap: true' },
  received_on: { left: 460, top: 190, width: 150, height: 20 },
  'items.1.title': { left: 460, top: 230, width: 330, height: 20 },
  'items.2.title': { left: 460, top: 260, width: 330, height: 20 },
  'items.2.note': { left: 460, top: 290, width: 200, height: 40, extra: ', wrap: true, size: 9' },
  'items.2.condition.damaged': { left: 680, top: 290, width: 14, height: 14 },
};

/** The field map of the sheet, as a clerk writes it beside the case. */
export const receiptMap = (boxes = RECEIPT_MAP_BOXES) => [
  '# The receipt letter on the right half of "To Borrowers" (pt, from the top left of the page as shown)',
  'size: 10',
  'fields:',
  ...Object.entries(boxes).map(([name, b]) => `  ${name}: { page: 1, box: [${b.left}, ${b.top}, ${b.width}, ${b.height}]${b.extra ?? ''} }`),
  '',
].join('\n');

/**
 * The sheet without form fields, stored portrait and turned 90° to be shown landscape: its drawing
 * is made in the page's own coordinates, each shown box (X, Y from the top left) turned by hand.
 */
export async function toBorrowersPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([A4.width, A4.height]);
  page.setRotation(degrees(90));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  // Shown (X from the left, Y from the top) on a page turned 90° clockwise: own x = Y, own y = X.
  for (const b of Object.values(RECEIPT_MAP_BOXES))
    page.drawRectangle({ x: b.top, y: b.left, width: b.height, height: b.width, borderWidth: 0.7, borderColor: rgb(0, 0, 0) });
  page.drawLine({ start: { x: 20, y: SHEET_SHOWN.width / 2 }, end: { x: A4.width - 20, y: SHEET_SHOWN.width / 2 }, thickness: 0.5 });
  page.drawText('To Borrowers (test copy)', { x: 40, y: 40, size: 14, font, rotate: degrees(90) });
  page.drawText('Receipt Letter of the Loan Material', { x: 50, y: 460, size: 12, font, rotate: degrees(90) });
  return pdf.save({ useObjectStreams: false }); // a cross-reference table, as older writers make
}

/** A fixture copied into `dir` with its official form named, and the form's files written beside it. */
export function caseWithForm(dir: string, fixture: string, entry: string, files: Record<string, Uint8Array | string>, edit = (y: string) => y): string {
  const file = join(dir, `${fixture}.yaml`);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(file, edit(`${readFixture(fixture)}official_forms:\n  ${entry}\n`));
  return file;
}

const readFixture = (name: string) => readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8').replace(/\n*$/, '\n');
