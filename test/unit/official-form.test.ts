/**
 * Writing a document onto the agency's own form, in this process: the fitting of a value into its
 * box (sizes, wrapping, alignment, cells, what does not fit), the page turns, and what `check`
 * says of a case's official_forms — each mistake at its file, line and field. What poppler and
 * qpdf make of the written PDFs is in test/clients/official-form.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitText, sizesToTry, type FitStyle } from '../../src/layout/fit.js';
import { pageRectShown, shownToPage, type OfficialPage } from '../../src/model/official-form.js';
import { knownFieldMap } from '../../src/input/official-form.js';
import { checkCase, renderDocuments, type CaseResult } from '../../src/pipeline/pipeline.js';
import type { DocumentModel } from '../../src/model/document.js';
import { FIXTURES as FIXTURES_DIR, lineIn, tempDir } from '../helpers.js';
import { caseWithForm, RECEIPT_MAP_BOXES, receiptMap, REQUEST_CHECKBOXES, REQUEST_FIELDS, requestFormPdf, toBorrowersPdf } from '../official-forms.js';

/** A face where kana and kanji are 1 em and everything else half: widths easy to reckon. */
const advance = (g: string) => (/[\u3000-\u9fff]/.test(g) ? 1 : 0.5);
const style = (over: Partial<FitStyle> = {}): FitStyle => ({
  box: { x: 100, y: 200, w: 100, h: 20 }, size: 10, minSize: 7, align: 'left', valign: 'middle', wrap: false, lineHeight: 1.2, padding: 1, ...over,
});

describe('fitting a value into its box', () => {
  it('tries the given size, then half points down to the least', () => {
    expect(sizesToTry(10, 7)).toEqual([10, 9.5, 9, 8.5, 8, 7.5, 7]);
    expect(sizesToTry(10.3, 9)).toEqual([10.3, 10, 9.5, 9]);
    expect(sizesToTry(8, 8)).toEqual([8]);
  });

  it('sets a value that fits at its size, from the left, its em box centred in the box', () => {
    const fit = fitText('あいう', style(), advance);
    expect(fit).toEqual({ ok: true, size: 10, lines: [{ text: 'あいう', x: 101, y: expect.closeTo(200 + (20 + 10) / 2 - 8.8, 6) }] });
  });

  it('shrinks a line too wide for its size to the first half point at which it fits', () => {
    // 12 kanji: 120 pt at 10 pt; the box holds 98 pt; 8 pt makes 96.
    const fit = fitText('一二三四五六七八九十百千', style(), advance);
    expect(fit.ok && fit.size).toBe(8);
  });

  it('wraps at the box width with 禁則, never starting a line with 。', () => {
    const fit = fitText('あいうえおかきくけこ。さしす', style({ box: { x: 0, y: 0, w: 52, h: 60 }, wrap: true, valign: 'top' }), advance);
    if (!fit.ok) throw new Error('did not fit');
    expect(fit.size).toBe(10);
    expect(fit.lines.map((l) => l.text).join('')).toBe('あいうえおかきくけこ。さしす');
    expect(fit.lines.every((l) => !l.text.startsWith('。'))).toBe(true);
    // Top-aligned: the first baseline an ascent below the box's inside top, each next one a line lower.
    expect(fit.lines[0].y).toBeCloseTo(60 - 1 - 8.8, 6);
    expect(fit.lines[1].y).toBeCloseTo(60 - 1 - 8.8 - 12, 6);
  });

  it('reports what does not fit at the least size, with what it needs and the room: never a cut line', () => {
    const fit = fitText('あ'.repeat(30), style({ box: { x: 0, y: 0, w: 50, h: 20 } }), advance);
    expect(fit).toEqual({ ok: false, size: 7, lines: 1, width: 210, height: 7, room: { width: 48, height: 18 } });
    const tall = fitText('一\n二\n三', style({ box: { x: 0, y: 0, w: 50, h: 16 } }), advance);
    expect(tall.ok).toBe(false);
  });

  it('aligns right and centre within the padding', () => {
    const right = fitText('ab', style({ align: 'right' }), advance);
    const centre = fitText('ab', style({ align: 'center' }), advance);
    expect(right.ok && right.lines[0].x).toBeCloseTo(100 + 100 - 1 - 10, 6);
    expect(centre.ok && centre.lines[0].x).toBeCloseTo(100 + (100 - 10) / 2, 6);
  });

  it('puts one character in each cell of a comb field, and refuses more characters than cells', () => {
    const fit = fitText('1500001', style({ box: { x: 0, y: 0, w: 70, h: 14 }, cells: 7 }), advance);
    expect(fit.ok && fit.lines.map((l) => [l.text, l.x])).toEqual([...'1500001'].map((ch, i) => [ch, i * 10 + (10 - 5) / 2]));
    expect(fitText('15000012', style({ box: { x: 0, y: 0, w: 70, h: 14 }, cells: 7 }), advance)).toMatchObject({ ok: false, characters: 8 });
  });
});

describe('page turns', () => {
  const crop = { x: 10, y: 20, w: 595, h: 842 };
  it.each([0, 90, 180, 270] as const)('a rectangle of the page shown turned %i° and drawn back lands where it was', (rotate) => {
    const page: OfficialPage = { crop, rotate };
    const own = { x: 100, y: 300, width: 150, height: 20 };
    const shown = pageRectShown(page, own);
    const [a, b, c, d, e, f] = shownToPage(page);
    const corners = [[shown.x, shown.y], [shown.x + shown.w, shown.y + shown.h]].map(([X, Y]) => [a * X + c * Y + e, b * X + d * Y + f]);
    const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
    expect([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => Math.round(v * 1e6) / 1e6))
      .toEqual([own.x, own.y, own.x + own.width, own.y + own.height]);
    // A quarter turn swaps the box's sides.
    expect(rotate % 180 === 0 ? [shown.w, shown.h] : [shown.h, shown.w]).toEqual([150, 20]);
  });
});

describe('official_forms in check', () => {
  let request: Uint8Array;
  let sheet: Uint8Array;
  beforeAll(async () => {
    [request, sheet] = await Promise.all([requestFormPdf(), toBorrowersPdf()]);
  });
  const problemsOf = (checked: CaseResult, severity: 'error' | 'warning') => checked.problems.filter((p) => p.severity === severity);
  const official = (checked: CaseResult, name: string) => (checked.documents.find((d) => d.name === name) as DocumentModel).official;

  it('fills the AcroForm fields named as the values, with no map; the other fields and values are left, the latter named', async () => {
    const file = caseWithForm(tempDir('of-'), 'ill-request', 'request: { file: form.pdf }', { 'form.pdf': request });
    const checked = await checkCase(file, '2026-12-03');
    expect(problemsOf(checked, 'error')).toEqual([]);
    const placed = official(checked, 'request')!.placements;
    expect(placed.map((p) => p.value).sort()).toEqual([...REQUEST_FIELDS, ...REQUEST_CHECKBOXES].map((f) => f.name).sort());
    expect(placed.find((p) => p.value === 'library.address')).toMatchObject({ wrap: true, valign: 'top' });
    expect(placed.find((p) => p.value === 'date')).toMatchObject({ align: 'right' });
    const [unplaced] = problemsOf(checked, 'warning');
    expect(unplaced.code).toBe('official-form.values-unplaced');
    expect(unplaced.en).toContain('items.1.author');
    expect(unplaced.en).not.toContain('items.1.title');
    expect(checked.problems.map((p) => p.code)).not.toContain('official-form.missing');
  });

  it('refuses a value too long for its field, naming the field and the case line, never printing it cut off', async () => {
    const title = 'Proceedings of the International Symposium on the History of Publishing in East Asia, volume 3';
    const file = caseWithForm(tempDir('of-'), 'ill-request', 'request: { file: form.pdf }', { 'form.pdf': request },
      (y) => y.replace('title: 近代日本の出版文化', `title: ${title}`));
    const checked = await checkCase(file, '2026-12-03');
    expect(checked.ok).toBe(false);
    const [overflow] = problemsOf(checked, 'error');
    expect(overflow.en).toMatch(/^"items\.1\.title" does not fit its box \(form field "items\.1\.title"\): "Proceedings of/);
    expect(overflow.ja).toContain('「items.1.title」が枠に収まりません');
    expect(overflow).toMatchObject({ path: ['official_forms', 'request'], line: lineIn(readCase(file), 'request: { file: form.pdf }') });
    expect(checked.documents).toEqual([]);
  });

  it('a map sends a value to a field named otherwise; text into a check box is refused at the map\'s line', async () => {
    const map = 'fields:\n  library.fax: { field: office_use }\n';
    const file = caseWithForm(tempDir('of-'), 'ill-request', 'request: { file: form.pdf, map: map.yaml }', { 'form.pdf': request, 'map.yaml': map });
    const checked = await checkCase(file, '2026-12-03');
    expect(problemsOf(checked, 'error')).toEqual([]);
    expect(official(checked, 'request')!.placements.find((p) => p.acroField === 'office_use')?.value).toBe('library.fax');
    const wrong = caseWithForm(tempDir('of-'), 'ill-request', 'request: { file: form.pdf, map: map.yaml }',
      { 'form.pdf': request, 'map.yaml': 'fields:\n  user_id: { field: send_by.post }\n' });
    const [e] = problemsOf(await checkCase(wrong, '2026-12-03'), 'error');
    expect(e).toMatchObject({ line: 2, path: ['fields', 'user_id'], en: '"user_id" is text, so it cannot go in the check box "send_by.post".' });
  });

  it('places the values of a flat form at its map\'s boxes, on a page turned sideways', async () => {
    const file = caseWithForm(tempDir('of-'), 'ill-receipt', 'receipt-letter: { file: sheet.pdf, map: sheet-map.yaml }',
      { 'sheet.pdf': sheet, 'sheet-map.yaml': receiptMap() });
    const checked = await checkCase(file, '2026-12-20');
    expect(problemsOf(checked, 'error')).toEqual([]);
    const placed = official(checked, 'receipt-letter')!;
    expect(placed.pages[0].rotate).toBe(90);
    // The map's top-left box in the landscape page as shown, in PDF's bottom-left points.
    const b = RECEIPT_MAP_BOXES.user_id;
    expect(placed.placements.find((p) => p.value === 'user_id')!.box).toEqual({ x: b.left, y: 595.28 - b.top - b.height, w: b.width, h: b.height });
  });

  describe('a field map\'s mistakes, each at its line in the map', () => {
    const withMap = async (map: string, caseEdit = (y: string) => y) => {
      const dir = tempDir('of-map-');
      const file = caseWithForm(dir, 'ill-receipt', 'receipt-letter: { file: sheet.pdf, map: sheet-map.yaml }',
        { 'sheet.pdf': sheet, 'sheet-map.yaml': map }, caseEdit);
      return { checked: await checkCase(file, '2026-12-20'), map: join(dir, 'sheet-map.yaml') };
    };

    it('a value the document does not have, with the closest name', async () => {
      const { checked, map } = await withMap(`${receiptMap()}  recieved_on: { page: 1, box: [10, 10, 100, 20] }\n`);
      const [e] = problemsOf(checked, 'error');
      expect(e).toMatchObject({ file: map, line: lineIn(`${receiptMap()}  recieved_on:`, 'recieved_on:'), path: ['fields', 'recieved_on'] });
      expect(e.en).toBe('This document has no value "recieved_on".');
      expect(e.hint?.en).toMatch(/^Did you mean "received_on"\? The values: date, user_id, .*items\.N\.title/);
    });

    it('an item beyond the case\'s is no mistake: the map may have more rows than the case has items', async () => {
      const { checked } = await withMap(`${receiptMap()}  items.9.title: { page: 1, box: [460, 400, 330, 20] }\n`);
      expect(problemsOf(checked, 'error')).toEqual([]);
    });

    it('a page the PDF does not have, a box off the page, a field the PDF does not have, a box and a field at once', async () => {
      const extra = [
        '  date: { page: 2, box: [10, 10, 100, 20] }',
        '  return_due: { page: 1, box: [800, 10, 100, 20] }',
        '  sent_from: { field: Sent from }',
        '  receipt_due: { page: 1, box: [10, 10, 100, 20], field: x }',
      ].join('\n');
      const { checked, map } = await withMap(`${receiptMap()}${extra}\n`);
      const errors = problemsOf(checked, 'error').map((p) => [p.file === map, p.line, p.en]);
      const text = `${receiptMap()}${extra}`;
      expect(errors).toEqual([
        [true, lineIn(text, 'receipt_due:'), 'With field, leave out page and box: the position is the form field\'s.'],
      ]);
      // The schema's mistake comes first and alone; without it, the others each at their line.
      const { checked: again } = await withMap(`${receiptMap()}${extra.split('\n').slice(0, 3).join('\n')}\n`);
      expect(problemsOf(again, 'error').map((p) => [p.line, p.en])).toEqual([
        [lineIn(text, '  date:'), 'There is no page 2 (the PDF "sheet.pdf" has 1).'],
        [lineIn(text, 'return_due:'), 'The box reaches outside the page (the page is 841.9 wide and 595.3 high, in pt).'],
        [lineIn(text, 'sent_from:'), 'The PDF "sheet.pdf" has no form field "Sent from".'],
      ]);
    });

    it('a value too long for its box, naming the field and the map line; a box in mm', async () => {
      const small = { ...RECEIPT_MAP_BOXES, 'items.1.title': { left: 460, top: 230, width: 40, height: 12 } };
      const { checked, map } = await withMap(receiptMap(small));
      const [e] = problemsOf(checked, 'error');
      expect(e).toMatchObject({ file: map, line: lineIn(receiptMap(small), 'items.1.title:'), path: ['fields', 'items.1.title'] });
      expect(e.en).toContain(`"items.1.title" does not fit its box (field map, line ${e.line}): "近代日本の出版文化" needs 63 pt by 7 pt (1 line(s)) even at 7 pt`);
      const mm = (v: number) => Math.round((v * 25.4) / 72 * 100) / 100;
      const inMm = Object.fromEntries(Object.entries(RECEIPT_MAP_BOXES).map(([k, b]) => [k, { ...b, left: mm(b.left), top: mm(b.top), width: mm(b.width), height: mm(b.height) }]));
      const { checked: millimetres } = await withMap(`unit: mm\n${receiptMap(inMm)}`);
      expect(problemsOf(millimetres, 'error')).toEqual([]);
    });

    it('a mark no font can draw', async () => {
      const boxes = { ...RECEIPT_MAP_BOXES, 'items.2.condition.damaged': { ...RECEIPT_MAP_BOXES['items.2.condition.damaged'], extra: ', mark: 🙂' } };
      const { checked, map } = await withMap(receiptMap(boxes));
      expect(problemsOf(checked, 'error').map((p) => [p.file === map, p.line, p.en])).toEqual([
        [true, lineIn(receiptMap(boxes), 'items.2.condition.damaged:'), 'No font can draw the mark "🙂".'],
      ]);
    });

    it('a map made for another PDF warns', async () => {
      const { checked } = await withMap(`sha256: ${'ab'.repeat(32)}\n${receiptMap()}`);
      expect(problemsOf(checked, 'warning').map((p) => p.code)).toContain('official-form.map-other-version');
    });
  });

  it.each([
    ['an unknown document, with the closest name', 'ill-request', 'requst: { file: form.pdf }', 'There is no document "requst" in this form (ill-request).', ['official_forms', 'requst']],
    ['a document this case does not make', 'deposit-ondemand-donation', 'advance-notice: { file: form.pdf }', 'This case does not make "advance-notice".', ['official_forms', 'advance-notice']],
    ['a document not made as a PDF', 'transmission-exclusion', 'request-mail: { file: form.pdf }', '"request-mail" is not made as a PDF, so it cannot be written onto a form PDF.', ['official_forms', 'request-mail']],
    ['a document without named values', 'ill-registration', 'cover-letter: { file: form.pdf }', '"cover-letter" has no named values to write onto a form yet.', ['official_forms', 'cover-letter']],
    ['a file that is not there', 'ill-request', 'request: { file: missing.pdf }', 'The PDF "missing.pdf" does not exist.', ['official_forms', 'request', 'file']],
  ])('refuses %s', async (_what, fixture, entry, en, path) => {
    const file = caseWithForm(tempDir('of-'), fixture, entry, { 'form.pdf': request, 'reading-room.png': readFixtureBytes('reading-room.png') });
    const checked = await checkCase(file, '2026-12-20');
    expect(problemsOf(checked, 'error').map((p) => [p.en, p.path])).toEqual([[en, path]]);
  });

  it('refuses a PDF whose cross-reference is not where it says (a viewer repairs it; an update cannot be appended)', async () => {
    const text = Buffer.from(request).toString('latin1');
    const broken = Buffer.from(text.replace(/startxref\s+\d+/, 'startxref\n12'), 'latin1');
    const file = caseWithForm(tempDir('of-'), 'ill-request', 'request: { file: form.pdf }', { 'form.pdf': broken });
    const [e] = problemsOf(await checkCase(file, '2026-12-03'), 'error');
    expect(e).toMatchObject({ path: ['official_forms', 'request', 'file'] });
    expect(e.en).toContain('is damaged (its cross-reference table is not where the file says)');
  });

  it('refuses a PDF with no field named as a value and no map, listing both', async () => {
    const file = caseWithForm(tempDir('of-'), 'ill-receipt', 'receipt-letter: { file: sheet.pdf }', { 'sheet.pdf': sheet });
    const [e] = problemsOf(await checkCase(file, '2026-12-20'), 'error');
    expect(e.en).toBe('The PDF "sheet.pdf" has no form field named as a value of this document, and there is no field map. It has no form fields.');
    expect(e.hint?.en).toContain('The values: date, user_id, library,');
  });

  it('warns, without the agency\'s form, for the papers the agency accepts only on its own, and for no other', async () => {
    const missing = async (fixture: string) => (await checkCase(join(FIXTURES_DIR, `${fixture}.yaml`), '2026-12-20')).problems
      .filter((p) => p.code === 'official-form.missing').map((p) => p.path.join('.'));
    expect(await missing('ill-request')).toEqual(['official_forms.request']);
    expect(await missing('ill-receipt')).toEqual(['official_forms.receipt-letter']);
    expect(await missing('ill-registration')).toEqual(['official_forms.application']);
    expect(await missing('deposit-compensation')).toEqual(['official_forms.deposit-form']);
    // A gift: seed 001 names no form of the NDL's for it.
    expect(await missing('deposit-ondemand-donation')).toEqual([]);
  });

  it('finds the map the project keeps for a known version of a form by the PDF\'s SHA-256', () => {
    const dir = tempDir('known-');
    writeFileSync(join(dir, 'ndl-request-2026.yaml'), `form: ill-request\ndocument: request\nversion: test\nsha256: ${'a'.repeat(64)}\nfields: {}\n`);
    const url = new URL(`file://${dir}/`);
    expect(knownFieldMap(url, 'a'.repeat(64), 'ill-request', 'request')?.file).toBe(join(dir, 'ndl-request-2026.yaml'));
    expect(knownFieldMap(url, 'b'.repeat(64), 'ill-request', 'request')).toBeUndefined();
    expect(knownFieldMap(url, 'a'.repeat(64), 'ill-receipt', 'request')).toBeUndefined();
  });

  it('the preview outlines every box in blue with its value\'s name; a rendered file never', async () => {
    const file = caseWithForm(tempDir('of-'), 'ill-receipt', 'receipt-letter: { file: sheet.pdf, map: sheet-map.yaml }',
      { 'sheet.pdf': sheet, 'sheet-map.yaml': receiptMap() });
    const checked = await checkCase(file, '2026-12-20');
    const [previewed] = await renderDocuments(checked, ['pdf'], { outline: true });
    const [sent] = await renderDocuments(checked, ['pdf']);
    const outlined = await overlayContent(previewed.bytes);
    const rects = [...outlined.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re S/g)].map((m) => m.slice(1).map(Number));
    expect(rects).toEqual(Object.values(RECEIPT_MAP_BOXES).map((b) => [b.left, Math.round((595.28 - b.top - b.height) * 100) / 100, b.width, b.height]));
    expect(outlined).toContain('0 0.35 0.85 RG');
    expect(await overlayContent(sent.bytes)).not.toContain(' re S');
  });

  it('the preview re-renders when the map is saved, the moved box outlined where it now is', async () => {
    const { startPreview } = await import('../../src/app/preview/server.js');
    const dir = tempDir('of-preview-');
    const file = caseWithForm(dir, 'ill-receipt', 'receipt-letter: { file: sheet.pdf, map: sheet-map.yaml }',
      { 'sheet.pdf': sheet, 'sheet-map.yaml': receiptMap() });
    const server = await startPreview(file, 0);
    try {
      const pdf = async () => new Uint8Array(await (await fetch(`${new URL(server.url).origin}/doc/receipt-letter.pdf?t=${server.token}`)).arrayBuffer());
      expect(await overlayContent(await pdf())).toContain('460 495.28 150 20 re S');
      const first = server.state().renderVersion;
      writeFileSync(join(dir, 'sheet-map.yaml'), receiptMap({ ...RECEIPT_MAP_BOXES, user_id: { left: 470, top: 80, width: 150, height: 20 } }));
      await expect.poll(() => server.state().renderVersion, { timeout: 10_000 }).toBeGreaterThan(first);
      expect(await overlayContent(await pdf())).toContain('470 495.28 150 20 re S');
    } finally {
      await server.close();
    }
  }, 30_000);
});

const readFixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES_DIR, name)));
const readCase = (file: string) => readFileSync(file, 'utf8');

/** The content stream yoshiki appends to the first page (the last of its /Contents), inflated. */
async function overlayContent(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(0).node.lookup(PDFName.of('Contents'), PDFArray);
  const last = doc.context.lookup(contents.get(contents.size() - 1), PDFRawStream);
  return inflateSync(last.contents).toString('latin1');
}
