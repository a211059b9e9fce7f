/**
 * The form kit carries a second form: test/forms/probe — a folder, its templates, a starter and
 * fixtures — is a ruling application of its own made from the shared copyright parts, and
 * checks, derives and renders without a line of src/ naming it.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yen } from '../../src/base/format.js';
import { loadForms } from '../../src/forms/registry.js';
import { layoutDocument } from '../../src/layout/layout.js';
import type { DocumentModel } from '../../src/model/document.js';
import { checkCase, renderDocuments } from '../../src/pipeline/pipeline.js';
import { Session } from '../../src/pipeline/session.js';
import { probe } from '../forms/probe/index.js';
import { tempDir, FONTS } from '../helpers.js';

const FORMS = await loadForms();

const HERE = new URL('../forms/probe/', import.meta.url).pathname;
const forms = { ...FORMS, probe };
const session = new Session(forms);
const check = (file: string) => checkCase(file, '2026-12-01', { session });

/** A document's text as laid out on its pages, page numbers aside. */
const textOf = (doc: DocumentModel) =>
  layoutDocument(doc, FONTS).flatMap((p) => p.ops).filter((o) => o.op === 'text').map((o) => (o as { text: string }).text).join('');
const documentNamed = (checked: Awaited<ReturnType<typeof check>>, name: string) =>
  checked.documents.find((d) => d.name === name) as DocumentModel;

describe('a second form made of the shared copyright parts', () => {
  it('its starter checks and renders: the applicant, the work and the amount the shared rules worked out', async () => {
    const checked = await check(join(HERE, 'starter.yaml'));
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const amount = (checked.facts.compensation as number[])[0];
    expect(amount).toBeGreaterThan(0);
    const text = textOf(documentNamed(checked, 'application'));
    for (const s of ['未管理著作物裁定申請書', '試験 太郎', '港町の記憶', '山田 花子', yen(amount), '期限までに回答がなかった'])
      expect(text).toContain(s);
    const files = await renderDocuments(checked, ['pdf', 'docx']);
    expect(files.map((f) => f.path)).toEqual(['application.pdf', 'application.docx']);
  });

  it('reads its works from a CSV, lists them in the 別紙, and makes the shared 委任状 citing its own article', async () => {
    const checked = await check(join(HERE, 'fixtures', 'probe-several.yaml'));
    expect(checked.ok).toBe(true);
    expect(checked.documents.map((d) => d.name)).toEqual(['application', 'power-of-attorney']);
    const application = textOf(documentNamed(checked, 'application'));
    expect(application).toContain('別紙一覧のとおり');
    for (const s of ['随筆「冬の港」', '北 一', '随筆「夏の坂」', '南 二', '代理 二郎']) expect(application).toContain(s);
    const power = textOf(documentNamed(checked, 'power-of-attorney'));
    expect(power).toContain('著作権法第67条の3第1項');
    expect(power).toContain('株式会社 試験出版');
  });

  it('a mistake in its works CSV is reported at the CSV\'s row and column, by the shared reader', async () => {
    const dir = tempDir('probe-');
    copyFileSync(join(HERE, 'fixtures', 'probe-several.yaml'), join(dir, 'case.yaml'));
    writeFileSync(join(dir, 'probe-works.csv'), '題号,著作者名,種類,内容\n随筆「冬の港」,北 一,言語の著作物,昭和48年\n随筆「夏の坂」,南 二,料理の著作物,昭和49年\n');
    const checked = await check(join(dir, 'case.yaml'));
    expect(checked.ok).toBe(false);
    const problem = checked.problems.find((p) => p.severity === 'error')!;
    expect(problem.file).toBe(join(dir, 'probe-works.csv'));
    expect(problem.line).toBe(3);
  });

  it('is not a form users can name', async () => {
    const checked = await checkCase(join(HERE, 'starter.yaml'), '2026-12-01');
    expect(checked.ok).toBe(false);
    expect(checked.problems[0].path).toEqual(['form']);
    expect(Object.keys(FORMS)).not.toContain('probe');
  });
});
