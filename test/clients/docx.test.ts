/**
 * The DOCX opened by a real client: LibreOffice converts it to PDF headlessly, and the text of the
 * case is found in what it laid out. LibreOffice sees only our own font (fontconfig pointing at
 * fonts/), as on a machine with no Japanese fonts installed.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  caseStrings, libreOfficeToPdf, needs, pdfText, RULING_CASES, renderFixture, run, squash, UNMANAGED_CODES, UNMANAGED_FIXTURE, UNMANAGED_PAPERS,
} from '../helpers.js';

const CODES = new Set(['form', 'subject', 'kind', 'category', 'medium', 'formula', 'title_status', 'author_status',
  'date', 'start', 'inquired_on', 'published_on', 'ruled_on', 'evidence', 'attachments',
  // Words for the advertisement (papers.test.ts), not the application.
  'purpose', 'year', 'publisher']);
const CASES = [...RULING_CASES, 'ruling-museum-broadcast', 'ruling-individual-phonogram'];

/** The anthology's other documents: evidence table, 別添資料 (an image), 委任状, advertisement. */
const OTHERS = ['evidence', 'attachments', 'power-of-attorney', 'advertisement'];

needs('soffice', 'pdftotext', 'pdfinfo', 'pdfimages')('DOCX opened by LibreOffice', () => {
  let converted: Record<string, string> = {};
  beforeAll(async () => {
    // Every case writes application.docx: each is converted under its case's name.
    const docx: Record<string, string> = {};
    for (const name of CASES) {
      const { docx: file, file: fileOf } = await renderFixture(name);
      docx[name] = file;
      if (name === 'ruling-anthology') for (const doc of OTHERS) docx[doc] = fileOf(`${doc}.docx`)!;
    }
    // The 未管理著作物裁定's papers in the same LibreOffice start (a start costs seconds).
    const unmanaged = await renderFixture(UNMANAGED_FIXTURE);
    for (const paper of UNMANAGED_PAPERS) docx[`um-${paper}`] = unmanaged.file(`${paper}.docx`)!;
    converted = libreOfficeToPdf(docx);
  });

  it('unmanaged-ruling: every string of the case file is laid out across its papers', () => {
    const all = UNMANAGED_PAPERS.map((paper) => squash(pdfText(converted[`um-${paper}`]))).join('\n');
    for (const { key, value } of caseStrings(UNMANAGED_FIXTURE, UNMANAGED_CODES)) expect(all, `${key}: ${value}`).toContain(squash(value));
    expect(all).toContain('未管理著作物裁定申請書');
  });

  describe.each(CASES)('%s.docx opened by LibreOffice', (name) => {
    it('lays out every string of the case file', () => {
      expect(existsSync(converted[name])).toBe(true);
      const text = squash(pdfText(converted[name]));
      for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
      expect(text).toContain('裁定申請書');
    });
  });

  describe('the anthology\'s other documents opened by LibreOffice', () => {
    it('evidence table: landscape, header repeated on every page, every work\'s evidence laid out', () => {
      const info = run('pdfinfo', [converted.evidence]).stdout;
      const [w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/)!.slice(1).map(Number);
      expect(w).toBeGreaterThan(h);
      const text = squash(pdfText(converted.evidence));
      for (const { key, value } of caseStrings('ruling-anthology', new Set()).filter((s) => ['directory_or_web', 'management_bodies', 'expert_bodies'].includes(s.key)))
        expect(text, key).toContain(squash(value));
      const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
      expect(text.split('イ(イ)同種の著作物等に関する識見を有する団体への照会').length - 1).toBe(pages);
    });

    it('別添資料 carries the picture and its caption', () => {
      const images = run('pdfimages', ['-list', converted.attachments]).stdout.trim().split('\n').slice(2);
      expect(images.length).toBe(1);
      expect(squash(pdfText(converted.attachments))).toContain('別添1図面・写真');
    });

    it('委任状 and the advertisement carry their words', () => {
      expect(squash(pdfText(converted['power-of-attorney']))).toContain('代理一郎');
      expect(squash(pdfText(converted.advertisement))).toContain('著作権者の方を捜しています');
    });
  });
});
