/**
 * Papers written onto the agency's own form, as poppler, qpdf and pdffonts see them: the test
 * makes the forms with pdf-lib (one with AcroForm fields, one flat and turned sideways, filled by a
 * field map), and checks that each value lands in its box, that the original file is still there
 * byte for byte with only the pages' dictionaries and the filled fields' entries superseded, and
 * that our font is embedded. Two renders, shared by every test here.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { PDFArray, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, expect, it } from 'vitest';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { needs, pdfBoxes, run, tempDir, type Word } from '../helpers.js';
import {
  caseWithForm, fieldBox, RECEIPT_MAP_BOXES, receiptMap, REQUEST_CHECKBOXES, REQUEST_FIELDS, requestFormPdf, SHEET_SHOWN, toBorrowersPdf,
  UNRELATED_FIELD, type TopLeftBox,
} from '../official-forms.js';

const poppler = needs('pdftotext', 'pdffonts', 'qpdf');

interface Filled { original: Uint8Array; pdf: string; docx: string }
let request: Filled;
let receipt: Filled;

async function fill(fixture: string, entry: string, files: Record<string, Uint8Array | string>, formPdf: Uint8Array, date: string): Promise<Filled> {
  const dir = tempDir('official-');
  const checked = await checkCase(caseWithForm(dir, fixture, entry, files), date);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const written = await renderCase(checked, dir, ['pdf', 'docx']);
  return { original: formPdf, pdf: written.find((f) => f.endsWith('.pdf'))!, docx: written.find((f) => f.endsWith('.docx'))! };
}

beforeAll(async () => {
  const [form, sheet] = await Promise.all([requestFormPdf(), toBorrowersPdf()]);
  request = await fill('ill-request', 'request: { file: form.pdf }', { 'form.pdf': form }, form, '2026-12-03');
  receipt = await fill('ill-receipt', 'receipt-letter: { file: sheet.pdf, map: sheet-map.yaml }',
    { 'sheet.pdf': sheet, 'sheet-map.yaml': receiptMap() }, sheet, '2026-12-20');
});

/** The words poppler finds inside a box (a point of slack for glyph edges). */
const wordsIn = (words: Word[], b: TopLeftBox) => words.filter((w) =>
  w.xMin >= b.left - 1 && w.xMax <= b.left + b.width + 1 && w.yMin >= b.top - 1 && w.yMax <= b.top + b.height + 1);
const allWords = (pdf: string) => pdfBoxes(pdf).flatMap((p) => p.lines.flat());
const squash = (s: string) => s.replace(/\s+/g, '');

poppler('the agency\'s own form, filled', () => {
  it('AcroForm: each value sits in its own field\'s box; the fax box is ticked, the post box not', () => {
    const words = allWords(request.pdf);
    const expected: Record<string, string> = {
      user_id: 'X0000123', date: '3 December 2026', 'library.name': 'Example University East Asian Library',
      'library.address': '1234 College Avenue Springfield, IL 62701 United States of America',
      'items.1.title': '近代日本の出版文化', 'items.2.title': '戦後地方出版史',
    };
    for (const f of REQUEST_FIELDS) expect(squash(wordsIn(words, fieldBox(f)).map((w) => w.text).join('')), f.name).toBe(squash(expected[f.name]));
    const tick = (name: string) => wordsIn(words, fieldBox({ ...REQUEST_CHECKBOXES.find((c) => c.name === name)!, w: 14, h: 14 })).map((w) => w.text).join('');
    expect(tick('send_by.fax')).toBe('✓');
    expect(tick('send_by.post')).toBe('');
    // The right-aligned date ends at its field's right edge, less the field's padding.
    const date = wordsIn(words, fieldBox(REQUEST_FIELDS[1]));
    expect(Math.max(...date.map((w) => w.xMax))).toBeGreaterThan(REQUEST_FIELDS[1].x + REQUEST_FIELDS[1].w - 4);
  });

  it('a flat form turned sideways: each value inside its map box as the page is shown', () => {
    // pdftotext measures a page unturned: qpdf turns it as a viewer shows it (its own reading of /Rotate).
    const shown = `${tempDir('shown-')}/shown.pdf`;
    expect(run('qpdf', ['--flatten-rotation', receipt.pdf, shown]).status).toBe(0);
    const [page] = pdfBoxes(shown);
    expect([page.width, page.height].map(Math.round)).toEqual([SHEET_SHOWN.width, SHEET_SHOWN.height].map(Math.round));
    const words = allWords(shown);
    const expected: Record<string, string> = {
      user_id: 'X0000123', library: 'Example University East Asian Library E-mail: ill@library.example.edu', received_on: '19 December 2026',
      'items.1.title': '近代日本の出版文化', 'items.2.title': '戦後地方出版史',
      'items.2.note': 'Back cover detached on arrival; photographed and set aside.', 'items.2.condition.damaged': '✓',
    };
    for (const [name, box] of Object.entries(RECEIPT_MAP_BOXES))
      expect(squash(wordsIn(words, box).map((w) => w.text).join('')), name).toBe(squash(expected[name]));
    // Read upright: poppler's words run left to right, one line per box line.
    const library = wordsIn(words, RECEIPT_MAP_BOXES.library);
    expect(library.every((w) => w.xMax - w.xMin > w.yMax - w.yMin || w.text.length === 1)).toBe(true);
  });

  it.each(['request', 'receipt'])('%s: the original file is kept byte for byte, its content streams untouched, and qpdf finds nothing wrong', async (which) => {
    const { original, pdf } = which === 'request' ? request : receipt;
    const out = readFileSync(pdf);
    expect(Buffer.compare(out.subarray(0, original.length), Buffer.from(original))).toBe(0);
    const check = run('qpdf', ['--check', pdf]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    // The objects the update supersedes: none of the original's content streams, fonts or drawings.
    const before = await PDFDocument.load(original);
    const originalContents = contentRefs(before).map((r) => r.objectNumber);
    const superseded = [...out.subarray(original.length).toString('latin1').matchAll(/(?:^|\n)(\d+) 0 obj\b/g)]
      .map((m) => Number(m[1])).filter((n) => n <= before.context.largestObjectNumber);
    expect(superseded.filter((n) => originalContents.includes(n))).toEqual([]);
    expect(superseded).toContain(before.getPage(0).ref.objectNumber);
    // The page still draws the original streams, in their order, between our q and our overlay.
    const after = await PDFDocument.load(out);
    expect(contentRefs(after).map((r) => r.objectNumber).slice(1, -1)).toEqual(originalContents);
  });

  it('the filled AcroForm fields are flattened; a field no value is named as stays to be filled', async () => {
    const after = await PDFDocument.load(readFileSync(request.pdf));
    expect(after.getForm().getFields().map((f) => f.getName()).sort()).toEqual([UNRELATED_FIELD, 'send_by.post'].sort());
  });

  it.each(['request', 'receipt'])('%s: our font is embedded for the values, with its ToUnicode map (pdffonts)', (which) => {
    const { pdf } = which === 'request' ? request : receipt;
    const fonts = run('pdffonts', [pdf]);
    expect(fonts.stderr).toBe('');
    expect(fonts.stdout).toMatch(/IPAexMincho\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/);
  });

  it('the DOCX stays yoshiki\'s own layout', () => {
    const xml = strFromU8(unzipSync(readFileSync(request.docx))['word/document.xml']);
    expect(xml).toContain('Interlibrary Loan Request');
  });
});

/** A page's content streams, by reference, in order. */
function contentRefs(doc: PDFDocument): PDFRef[] {
  const node = doc.getPage(0).node;
  const contents = node.get(PDFName.of('Contents'));
  const looked = doc.context.lookup(contents);
  return (looked instanceof PDFArray ? looked.asArray() : [contents]).filter((r): r is PDFRef => r instanceof PDFRef);
}
