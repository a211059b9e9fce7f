/**
 * The DOCX opened by a real client: LibreOffice converts it to PDF headlessly, and the text of the
 * case is found in what it laid out. LibreOffice sees only our own font (fontconfig pointing at
 * fonts/), as on a machine with no Japanese fonts installed.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseStrings, fontconfig, pdfText, RULING_CASES, renderFixture, run, squash, tempDir } from './helpers.js';

const FONTS = new URL('../fonts/', import.meta.url).pathname;
const CODES = new Set(['form', 'subject', 'kind', 'category', 'medium', 'formula', 'title_status', 'author_status',
  'date', 'start', 'inquired_on', 'published_on', 'ruled_on', 'evidence', 'attachments']);
const CASES = [...RULING_CASES, 'ruling-museum-broadcast', 'ruling-individual-phonogram'];

const converted: Record<string, string> = {};
beforeAll(async () => {
  // Every case writes application.docx; copy each under its case's name so one LibreOffice start
  // (seconds each) converts them all.
  const docxDir = tempDir('docx-');
  for (const name of CASES) {
    const { docx } = await renderFixture(name, join(docxDir, 'out'));
    copyFileSync(docx, join(docxDir, `${name}.docx`));
  }
  const pdfDir = tempDir('lo-pdf-');
  const profile = tempDir('lo-profile-');
  const lo = run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir,
    ...CASES.map((n) => join(docxDir, `${n}.docx`))], { FONTCONFIG_FILE: fontconfig([FONTS]) });
  if (lo.status !== 0) throw new Error(`LibreOffice failed: ${lo.stderr}`);
  for (const name of CASES) converted[name] = join(pdfDir, `${name}.pdf`);
});

describe.each(CASES)('%s.docx opened by LibreOffice', (name) => {
  it('lays out every string of the case file', () => {
    expect(existsSync(converted[name])).toBe(true);
    const text = squash(pdfText(converted[name]));
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
    expect(text).toContain('裁定申請書');
  });
});
