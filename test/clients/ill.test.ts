/**
 * The NDL interlibrary-loan papers in English (seed 002), read as an overseas librarian and the
 * ILL-Section would: the contract's three conditions verbatim, a signature line and never a printed
 * signature, the ten-item limit, the receipt and return dates, every string of the case on paper.
 */
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { valueInForce } from '../../src/law/dated.js';
import { LOAN_CONDITIONS } from '../../src/law/data/ill.js';
import { renderCase } from '../../src/pipeline/pipeline.js';
import {
  caseStrings, checkEdited, expectSoundPdf, expectWithinMarginsAndKinsoku, libreOfficeToPdf, needs, pdfBoxes, pdfText, renderFixture, run, squash, tempDir,
} from '../helpers.js';

const CASES = ['ill-registration', 'ill-request', 'ill-receipt', 'ill-receipt-month-end'];
/** Codes and dates, and the photo's file name (its picture is printed, not its name). */
const CODES = new Set(['form', 'date', 'received_on', 'send_by', 'material_type', 'sent_from', 'condition', 'reading_room_photo']);

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
const cases: Record<string, Rendered> = {};
const pdfs = (name: string) => cases[name].files.filter((f) => f.endsWith('.pdf'));
const textOf = (name: string, doc: string) => squash(pdfText(cases[name].file(`${doc}.pdf`)!));

beforeAll(async () => {
  for (const name of CASES) cases[name] = await renderFixture(name);
});

const poppler = needs('pdftotext', 'pdftoppm', 'pdfimages', 'qpdf');

const edited = (name: string, edit: (yaml: string) => string) =>
  checkEdited(name, edit, '2026-11-21', name === 'ill-registration' ? ['reading-room.png'] : []);

poppler('application and cover letter (registration)', () => {
  it('holds the three conditions verbatim, numbered, and only they are numbered', async () => {
    const text = textOf('ill-registration', 'application');
    valueInForce(LOAN_CONDITIONS, '2026-12-01').forEach((condition, i) => expect(text).toContain(squash(`${i + 1}.${condition}`)));
    // The sections after them are headed, not numbered again from 1 (the messages cite "condition 1").
    const numbered = pdfText(cases['ill-registration'].file('application.pdf')!).split('\n').filter((l) => /^\s*\d+\.\s/.test(l));
    expect(numbered.map((l) => l.trim().slice(0, 2))).toEqual(['1.', '2.', '3.']);
    expect(text).toContain(squash('The libraryName of library'));
  });

  it('leaves the signature line empty: the name is printed under it, never on it', async () => {
    const page = pdfBoxes(cases['ill-registration'].file('application.pdf')!).at(-1)!;
    const lines = page.lines.map((l) => l.map((w) => w.text).join(' '));
    const at = lines.indexOf('Signature');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('Name: Jane Q. Doe');
    expect(lines.filter((l) => l.includes('Jane Q. Doe'))).toHaveLength(1);
  });

  it('the cover letter goes to the ILL-Section by post, with the three enclosures', async () => {
    const text = textOf('ill-registration', 'cover-letter');
    expect(text).toContain(squash('ILL-Section, Kansai-kan of the National Diet Library'));
    expect(text).toContain(squash('We send these documents by post, as the National Diet Library does not accept applications by fax or e-mail attachment.'));
    for (const n of ['1.', '2.', '3.']) expect(text).toContain(n);
    expect(text).toContain(squash('Library brochure 2026 (printed, 12 pages)'));
  });

  it('prints the reading-room photo on its enclosure page', async () => {
    const images = run('pdfimages', ['-list', cases['ill-registration'].file('enclosure-reading-room.pdf')!]).stdout.trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+640\s+400\b/);
  });

  it('refuses a reading room without supervision, and a missing photo file names its path', async () => {
    const unsupervised = (await edited('ill-registration', (y) => y.replace('supervised: true', 'supervised: false'))).checked;
    expect(unsupervised.ok).toBe(false);
    expect(unsupervised.problems.find((p) => p.severity === 'error')!.path).toEqual(['reading_room', 'supervised']);
    const missing = (await edited('ill-registration', (y) => y.replace('reading-room.png', 'no-such.png'))).checked;
    expect(missing.ok).toBe(false);
    const e = missing.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['enclosures', 'reading_room_photo']);
    expect(e.en).toContain('no-such.png');
  });
});

poppler('loan request', () => {
  it('sends by fax to the ILL-Section\'s number, or by post without it', async () => {
    expect(textOf('ill-request', 'request')).toContain(squash('Sent by fax to +81-774-94-9112.'));
    const { checked } = await edited('ill-request', (y) => y.replace('send_by: fax', 'send_by: post'));
    const files = await renderCase(checked, tempDir(), ['pdf']);
    const text = squash(pdfText(files[0]));
    expect(text).toContain(squash('Sent by post.'));
    expect(text).not.toContain('+81-774-94-9112');
  });

  it('refuses more than ten on loan, saying how many may still be asked for', async () => {
    const { checked } = await edited('ill-request', (y) => y.replace('currently_borrowed: 3', 'currently_borrowed: 9'));
    expect(checked.ok).toBe(false);
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['items']);
    expect(e.en).toContain('you may request 1 more, not 2');
    expect(checked.facts).toEqual({ total_on_loan: 11 });
  });

  it('warns, never refuses, for material the NDL does not lend and for years before the loanable ranges', async () => {
    const { checked } = await edited('ill-request', (y) => y
      .replace('year: 2001', 'year: 1990')
      .replace('    year: 1999\n    material_type: book', '    year: 1999\n    material_type: serial')
      .replace(/$/, '  - { title: Japanese Studies in Europe 欧州の日本研究, year: 1950, material_type: book }\n'
        + '  - { title: A Foreign Monograph, year: 1940 }\n'));
    expect(checked.ok).toBe(true);
    // (The NDL's own request form not named is a warning of its own: test/unit/official-form.test.ts.)
    const warned = checked.problems.filter((p) => p.severity === 'warning' && p.code !== 'official-form.missing').map((p) => p.path.join('.'));
    // A title with Japanese script is held to 1996, a Latin-only one to 1948.
    expect(warned.sort()).toEqual(['items.0.year', 'items.1.material_type', 'items.2.year', 'items.3.year']);
  });

  it('prints each material type\'s English label, never its code', async () => {
    const { checked } = await edited('ill-request', (y) => y.replace('    year: 1999\n    material_type: book', '    year: 1999\n    material_type: doctoral-thesis'));
    const [pdf] = await renderCase(checked, tempDir(), ['pdf']);
    const text = squash(pdfText(pdf));
    expect(text).toContain('Doctoraldissertation');
    expect(text).not.toContain('doctoral-thesis');
    expect(textOf('ill-request', 'request')).toContain('Book');
    expect(pdfText(cases['ill-request'].file('request.pdf')!)).not.toMatch(/\bbook\b/);
  });

  it('draws Latin and Japanese side by side in one title with the one embedded font', async () => {
    const { checked } = await edited('ill-request', (y) => y.replace('title: 近代日本の出版文化', 'title: Modern Publishing 近代日本の出版文化 (2nd ed.)'));
    const [pdf] = await renderCase(checked, tempDir(), ['pdf']);
    expect(squash(pdfText(pdf))).toContain(squash('Modern Publishing 近代日本の出版文化 (2nd ed.)'));
    await expectSoundPdf(pdf);
  });
});

poppler('receipt letter', () => {
  it('goes to the library that sent the items, with the dates and the return rules', async () => {
    const text = textOf('ill-receipt', 'receipt-letter');
    expect(text).toContain(squash('ILL Section, Public Services Division Kansai-kan of the National Diet Library'));
    expect(text).toContain(squash('We received the following materials on 19 December 2026'));
    expect(text).toContain(squash('(by 22 December 2026)'));
    expect(text).toContain(squash('We will ship the materials back by 19 January 2027'));
    expect(text).toContain(squash('registered air mail'));
    expect(text).toContain('Damaged');
  });

  it('sends Tokyo Main Library items back to Tokyo', async () => {
    const { checked } = await edited('ill-receipt', (y) => y.replace('sent_from: kansai-kan', 'sent_from: tokyo-main'));
    const [pdf] = await renderCase(checked, tempDir(), ['pdf']);
    const text = squash(pdfText(pdf));
    expect(text).toContain(squash('Loan Service Section, Book Service Division National Diet Library 1-10-1, Nagata-cho'));
    expect(text).not.toContain('Seikadai');
  });

  it('a late letter is warned of, and does not claim it was sent within three days', async () => {
    const { checked } = await edited('ill-receipt', (y) => y.replace('date: 2026-12-20', 'date: 2026-12-28'));
    expect(checked.problems.some((p) => p.severity === 'warning' && p.en.includes('by 22 December 2026'))).toBe(true);
    const [pdf] = await renderCase(checked, tempDir(), ['pdf']);
    const text = squash(pdfText(pdf));
    expect(text).not.toContain(squash('This letter is sent'));
    expect(text).toContain(squash('This letter was due within three days of receipt, by 22 December 2026; we apologise for the delay.'));
  });

  it('says where it is sent and who checked the items, above a line to sign; left blank, lines to write them', async () => {
    const given = textOf('ill-receipt-month-end', 'receipt-letter');
    expect(given).toContain(squash('Sent by e-mail to ill-tokyo@example.go.jp'));
    expect(given).toContain(squash('This letter is sent by e-mail within three days of receipt (by 3 May 2027).'));
    expect(given).toContain(squash('We will ship the materials back by 31 May 2027'));
    expect(given).toContain(squash('Checked by: Taro Suzuki, Japanese Studies Librarian'));
    const page = pdfBoxes(cases['ill-receipt-month-end'].file('receipt-letter.pdf')!).at(-1)!;
    const lines = page.lines.map((l) => l.map((w) => w.text).join(' '));
    expect(lines.at(-1)).toBe('Signature');
    const blank = textOf('ill-receipt', 'receipt-letter');
    for (const s of ['Sent by fax / e-mail to', 'Checked by (name)', 'Signature']) expect(blank).toContain(squash(s));
  });
});

poppler('papers', () => describe.each(CASES)('%s papers', (name) => {
  it('print every string of the case, inside the margins, with the font embedded', async () => {
    const text = pdfs(name).map((f) => squash(pdfText(f))).join('');
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
    for (const pdf of pdfs(name)) {
      expectWithinMarginsAndKinsoku(pdf);
      await expectSoundPdf(pdf);
    }
  });
}));

needs('soffice', 'pdftotext')('DOCX opened by LibreOffice', () => {
  const converted: Record<string, string[]> = {};
  beforeAll(() => {
    const docx: Record<string, string> = {};
    for (const name of CASES)
      for (const f of cases[name].files.filter((x) => x.endsWith('.docx'))) docx[`${name}--${basename(f, '.docx')}`] = f;
    for (const [key, pdf] of Object.entries(libreOfficeToPdf(docx))) (converted[key.split('--')[0]] ??= []).push(pdf);
  }, 120_000);

  it.each(CASES)('%s: every string of the case is laid out', async (name) => {
    const text = converted[name].map((f) => squash(pdfText(f))).join('');
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
  });
});
