/**
 * The 未管理著作物裁定 submission as poppler reads it: every string of the fixture is in the PDFs
 * (the application, the evidence table, the cover letter, the power of attorney), the stamp box
 * says 13,800円, the papers carry no "provisional" mark, and every word stays inside its margins
 * and within 禁則. LibreOffice's layout of the DOCX: test/clients/docx.test.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraDate, yen } from '../../src/base/format.js';
import { caseStrings, expectWithinMarginsAndKinsoku, needs, pdfText, renderFixture, squash, UNMANAGED_CODES, UNMANAGED_FIXTURE, UNMANAGED_PAPERS } from '../helpers.js';

const NAME = UNMANAGED_FIXTURE;
const PAPERS = UNMANAGED_PAPERS;

let rendered: Awaited<ReturnType<typeof renderFixture>>;
beforeAll(async () => {
  rendered = await renderFixture(NAME);
});

needs('pdftotext')('unmanaged-ruling PDFs', () => {
  const text = (name: string) => squash(pdfText(rendered.file(`${name}.pdf`)!));

  it('hold every string of the case file, the dates in the era and each amount', () => {
    const all = PAPERS.map(text).join('\n');
    for (const { key, value } of caseStrings(NAME, UNMANAGED_CODES)) expect(all, `${key}: ${value}`).toContain(squash(value));
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

// LibreOffice's layout of this form's DOCX is judged in test/clients/docx.test.ts, in the one LibreOffice start it makes for every form's DOCX.
