/**
 * The 未管理著作物裁定 submission as poppler reads it: every string of the fixture is in the PDFs
 * (the application, the evidence table, the cover letter, the power of attorney), the stamp box
 * says 13,800円, the papers carry no "provisional" mark, and every word stays inside its margins
 * and within 禁則; LibreOffice lays out every string from the DOCX too.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraDate, yen } from '../../src/base/format.js';
import { caseStrings, expectWithinMarginsAndKinsoku, libreOfficeToPdf, needs, pdfText, renderFixture, squash } from '../helpers.js';

const NAME = 'unmanaged-ruling-two-contacts';
/** Codes, dates and file names: not text to print as written. */
const CODES = new Set(['form', 'kind', 'category', 'medium', 'formula', 'date', 'checked_on', 'viewed_on', 'searched_on', 'sent_on',
  'arrived_on', 'start', 'end', 'file']);
const PAPERS = ['application', 'evidence', 'cover-letter', 'power-of-attorney'];

let rendered: Awaited<ReturnType<typeof renderFixture>>;
beforeAll(async () => {
  rendered = await renderFixture(NAME);
});

needs('pdftotext')('unmanaged-ruling PDFs', () => {
  const text = (name: string) => squash(pdfText(rendered.file(`${name}.pdf`)!));

  it('hold every string of the case file, the dates in the era and each amount', () => {
    const all = PAPERS.map(text).join('\n');
    for (const { key, value } of caseStrings(NAME, CODES)) expect(all, `${key}: ${value}`).toContain(squash(value));
    for (const iso of ['2026-11-16', '2027-01-15', '2029-10-31', '2026-11-01', '2026-10-29']) expect(all).toContain(eraDate(iso));
    expect(text('application')).toContain(squash('収入印紙13,800円（10,000円＋3,000円＋600円＋200円）'));
    for (const amount of [49500, 19800, 29700]) expect(text('application')).toContain(yen(amount));
    expect(text('application')).toContain('著作権法第67条の3第1項');
  });

  it('carry no provisional mark', () => {
    for (const name of PAPERS) expect(text(name)).not.toMatch(/暫定|仮の|provisional/i);
  });

  it('the submission binds them all, and the copy notice names 法67条の3', () => {
    const bound = squash(pdfText(rendered.file('submission.pdf')!));
    for (const name of PAPERS) expect(bound).toContain(text(name).slice(0, 40));
    expect(readFileSync(rendered.file('copy-notice.txt')!, 'utf8')).toContain('著作権法第67条の3第1項の裁定を受け作成したものです');
  });

  // The portrait papers (the helper's margins are theirs; the evidence table is landscape with its own).
  it.each(PAPERS.filter((p) => p !== 'evidence'))('%s keeps every word inside the margins and every line within 禁則', (name) => {
    expectWithinMarginsAndKinsoku(rendered.file(`${name}.pdf`)!);
  });
});

needs('soffice', 'pdftotext')('unmanaged-ruling DOCX opened by LibreOffice', () => {
  it('lays out every string of the case file across the papers', () => {
    const converted = libreOfficeToPdf(Object.fromEntries(PAPERS.map((name) => [`um-${name}`, rendered.file(`${name}.docx`)!])));
    const all = PAPERS.map((name) => squash(pdfText(converted[`um-${name}`]))).join('\n');
    for (const { key, value } of caseStrings(NAME, CODES)) expect(all, `${key}: ${value}`).toContain(squash(value));
    expect(all).toContain('未管理著作物裁定申請書');
  });
});
