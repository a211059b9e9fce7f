/**
 * CSV formula injection (issue 21 §6, OWASP "CSV Injection"): a cell we write that starts with =, +,
 * -, @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet reads it as text.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { inertCell, renderCsv } from '../../src/export/csv.js';
import type { DocumentModel } from '../../src/model/document.js';
import { checkEdited } from '../helpers.js';

const cellsOf = (bytes: Uint8Array) => (parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();

describe('cells that a spreadsheet would run', () => {
  it('each dangerous start gets an apostrophe; other cells, a minus inside or 全角＝ included, stay as they are', () => {
    for (const c of ['=HYPERLINK("http://x","y")', '=cmd|\' /C calc\'!A0', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(inertCell(c)).toBe(`'${c}`);
    for (const c of ['日本の文化', '1-2', '＝全角', ' =1', '', '19,800円']) expect(inertCell(c)).toBe(c);
  });

  it('a work titled =HYPERLINK(…) reaches the evidence CSV as text', async () => {
    const title = '=HYPERLINK("http://evil.example","日本の文化")';
    const { checked } = await checkEdited('ruling-reprint', (y) => y.replace('  - title: 日本の文化', `  - title: '${title}'`), '2026-11-21');
    expect(checked.ok).toBe(true);
    const evidence = checked.documents.find((d) => d.name === 'evidence') as DocumentModel;
    const cells = cellsOf(renderCsv(evidence));
    expect(cells).toContain(`'${title}`);
    expect(cells.some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
  });
});
