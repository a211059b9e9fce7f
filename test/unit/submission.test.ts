/**
 * The papers around the ruling application, read from their document models: the checklist's marks
 * from the case's records and route (works ruled before or not), and the consultation e-mail's summary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import type { DocumentModel, Table } from '../../src/model/document.js';
import { copyNamedFiles, FIXTURES, tempDir } from '../helpers.js';

async function documentOf(fixture: string, name: string, edit: (yaml: string) => string = (y) => y): Promise<DocumentModel> {
  const dir = tempDir('submission-unit-');
  copyNamedFiles(dir);
  const file = join(dir, `${fixture}.yaml`);
  writeFileSync(file, edit(readFileSync(join(FIXTURES, `${fixture}.yaml`), 'utf8')));
  const checked = await checkCase(file, '2026-11-21');
  expect(checked.ok, JSON.stringify(checked.problems.filter((p) => p.severity === 'error'))).toBe(true);
  return checked.documents.find((d) => d.name === name) as DocumentModel;
}

/** The checklist's rows by step: [mark, record]. */
async function checklistOf(fixture: string, edit?: (yaml: string) => string): Promise<Map<string, [string, string]>> {
  const table = (await documentOf(fixture, 'checklist', edit)).blocks.find((b): b is Table => b.kind === 'table')!;
  return new Map(table.rows.map((r) => [r[0], [r[3], r[4]]]));
}

describe('裁定手続チェックリスト', () => {
  it('works not ruled before (A): the measures recorded are marked done, the B-only steps do not apply', async () => {
    const rows = await checklistOf('ruling-reprint');
    expect(rows.get('ア(ア)')).toEqual(['■', '文化人名録（著作権台帳）第〇版']);
    expect(rows.get('イ(ア)')).toEqual(['■', '公益社団法人日本文藝家協会']);
    expect(rows.get('イ(イ)')).toEqual(['■', '〇〇協会']);
    expect(rows.get('ア(ウ)')).toEqual(['－', '該当なし']);
    expect(rows.get('イ(ウ)')).toEqual(['－', '該当なし']);
    expect(rows.get('1')![0]).toBe('□'); // no consultation recorded
    expect(rows.get('3')).toEqual(['■', 'この書類一式（平成30年11月20日付）']);
    expect(rows.get('4')![0]).toBe('□'); // use while pending: the security is still to be paid
    expect(rows.get('5')![0]).toBe('□');
  });

  it('step ② is marked done when a record says what came of the contact it turned up', async () => {
    expect((await checklistOf('ruling-reprint')).get('(2)')![0]).toBe('□');
    const rows = await checklistOf('ruling-reprint', (y) => y.replace(
      '      result: 著作権者の配偶者の電話番号が記載されていたため、連絡をしたが、現在は使われていない番号であり、連絡が取れなかった。\n',
      '      result: 著作権者の配偶者の電話番号が記載されていた。\n      found: [phone]\n      follow_up: 連絡をしたが、現在は使われていない番号であった。\n'));
    expect(rows.get('(2)')).toEqual(['■', '判明した連絡先への連絡の結果（1件、申請書の6）']);
  });

  it('a consultation recorded is marked with its date and person', async () => {
    const rows = await checklistOf('ruling-reprint', (y) => `${y}consultation:\n  date: 2018-10-01\n  person: 管理係 〇〇氏\n`);
    expect(rows.get('1')).toEqual(['■', '平成30年10月1日　管理係 〇〇氏']);
  });

  it('works ruled before (B): the database and the Agency are the measures; the expert bodies do not apply', async () => {
    const rows = await checklistOf('ruling-previously-ruled');
    expect(rows.get('ア(ウ)')![0]).toBe('■');
    expect(rows.get('イ(ウ)')![0]).toBe('■');
    expect(rows.get('イ(イ)')).toEqual(['－', '該当なし']);
  });

  it('without use while pending, the security step does not apply; from 2026-04-01 the steps say 支払 to the 指定補償金管理機関', async () => {
    const doc = await documentOf('ruling-reprint', 'checklist', (y) => y.replace('in_application_use: true', 'in_application_use: false').replace('date: 2018-11-20', 'date: 2026-11-20')
      .replace(/start: 2018-11-01/, 'start: 2026-11-01').replace(/inquired_on: 2018-10-05/g, 'inquired_on: 2026-10-05'));
    const table = doc.blocks.find((b): b is Table => b.kind === 'table')!;
    const step = (n: string) => table.rows.find((r) => r[0] === n)!;
    expect(step('4')[3]).toBe('－');
    expect(step('4')[1]).toContain('担保金の支払（指定補償金管理機関）');
    expect(step('5')[1]).toContain('補償金の額の決定・支払（指定補償金管理機関）');
  });
});

describe('事前相談のメール', () => {
  it('goes to the Agency\'s desk with the works, the uses and the measures taken', async () => {
    const doc = await documentOf('ruling-anthology', 'consultation-mail');
    const lines = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(lines[0]).toBe('宛先：ckanri@mext.go.jp');
    expect(lines[1]).toMatch(/^件名：【裁定申請の事前相談】.+（著作物3件）$/);
    expect(lines).toContain('文化庁著作権課　著作物流通推進室　管理係　御中');
    expect(lines.some((l) => /^3\. 題号不明（不明）$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^（\d）/.test(l)).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith('広告：著作権情報センター（CRIC）のウェブサイト'))).toBe(true);
  });
});

describe('check --json facts', () => {
  it('lists each 別添 once, under its number, with its kind and work', async () => {
    const checked = await checkCase(join(FIXTURES, 'ruling-submission.yaml'), '2026-11-21');
    expect(checked.facts.attachments).toEqual([
      { no: 1, kind: 'reply', file: 'ruling-submission-reply.pdf' },
      { no: 2, kind: 'notice-copy', file: 'ruling-submission-cric.pdf' },
      { no: 3, kind: 'appearance', file: 'cover-photo.png', work: 1 },
      { no: 4, kind: 'publication', file: 'ruling-submission-colophon.pdf', work: 1 },
    ]);
  });
});

describe('a file attached twice', () => {
  it('stays one 別添; a second title of its own is warned about at the second entry, not silently lost', async () => {
    const dir = tempDir('submission-twice-');
    copyNamedFiles(dir);
    const text = readFileSync(join(FIXTURES, 'ruling-submission.yaml'), 'utf8')
      .replace('      - cover-photo.png\n', '      - cover-photo.png\n      - { file: cover-photo.png, kind: other, title: 港の写真（別の説明） }\n');
    const file = join(dir, 'twice.yaml');
    writeFileSync(file, text);
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.ok).toBe(true);
    const w = checked.problems.find((p) => p.ja.includes('既に添付されています'))!;
    expect(w.path).toEqual(['works', 0, 'attachments', 1]);
    expect(w.ja).toContain('別添3');
    expect(w.ja).toContain('「港の写真（別の説明）」は使われません');
    expect((checked.facts.attachments as unknown[]).length).toBe(4);
  });
});
