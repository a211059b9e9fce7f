/**
 * Entries of several subjects in one ruling case (works[i].subject, seed 004 御質問5): what check
 * makes of them — a category only for works, a works CSV's subject column, the management bodies the
 * guide lists looked up by each entry's own subject — and the words composed for the whole application.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { caseTerms, lawOf } from '../../src/forms/copyright/words.js';
import { defaultSession } from '../../src/pipeline/session.js';
import { FIXTURES, tempDir } from '../helpers.js';

const CD = readFileSync(join(FIXTURES, 'ruling-cd-reissue.yaml'), 'utf8');

async function check(yaml: string, csv?: string) {
  const dir = tempDir();
  writeFileSync(join(dir, 'case.yaml'), yaml);
  if (csv !== undefined) writeFileSync(join(dir, 'works.csv'), csv);
  return checkCase(join(dir, 'case.yaml'), '2026-11-21');
}

describe('works[i].subject', () => {
  it('the CD reissue checks: one fee, an amount per entry', async () => {
    const r = await check(CD);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.facts.fee).toBe(6900);
    expect(r.facts.compensation_by_work).toEqual([[13750], [13750], [9166], [13750]]);
  });

  it('an entry whose own subject is work needs its category; a performance in a work case does not', async () => {
    const r = await check(CD.replace('    category: music\n    description: 同レコード', '    description: 同レコード'));
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.path.join('.'))).toEqual(['works.1.category']);
    // A performance case with one entry that is a work: that entry needs its category.
    const perf = CD.replace(/^subject: work$/m, 'subject: performance').replace(/^  - subject: performance .*$/m, '  - subject: work');
    const r2 = await check(perf);
    expect(r2.problems.filter((p) => p.severity === 'error').map((p) => p.path.join('.'))).toEqual(['works.2.category']);
  });

  it('refuses a category on a performance or phonogram (it would reach no paper), with the fix', async () => {
    const r = await check(CD.replace(/^  - subject: phonogram .*$/m, '  - subject: phonogram\n    category: music'));
    const w = r.problems.find((p) => p.path.join('.') === 'works.3.category')!;
    expect([w.severity, w.ja]).toEqual(['error', 'レコード（phonogram）には著作物の種類（category）を書けません。どの書類にも載らないためです。']);
    expect(w.hint?.en).toContain('subject: work');
  });

  it('refuses an unknown subject at the entry, naming the allowed ones', async () => {
    const r = await check(CD.replace('  - subject: phonogram', '  - subject: record'));
    const e = r.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['works', 3, 'subject']);
    expect(`${e.ja}${e.en}${e.hint?.en ?? ''}`).toContain('phonogram');
  });

  it('looks up the guide\'s management bodies by each entry\'s own subject', async () => {
    const noRecordBody = CD.replace(/^ {4}- \{ name: 一般社団法人日本レコード協会.*\n/m, '');
    const r = await check(noRecordBody);
    const warning = r.problems.find((p) => p.severity === 'warning' && `${p.ja}`.includes('日本レコード協会'));
    expect(warning?.path).toEqual(['works', 3]);
    // The works (music) and the performance were asked of their own bodies: no warning for them.
    expect(r.problems.filter((p) => p.severity === 'warning' && /管理事業者のうち/.test(p.ja))).toHaveLength(1);
  });
});

describe('a works CSV with a subject column', () => {
  const yaml = [
    'form: ruling', 'subject: work', 'date: 2026-03-16',
    'applicant: { kind: individual, address: 東京都千代田区霞が関3丁目2番2号, name: 録音 好子 }',
    'works_file: works.csv',
    'uses: [{ method: CDとして千枚複製し販売する。, compensation: { formula: fixed, amount: 10000 } }]',
    'due_diligence:',
    '  summary: 調査したが不明であった。',
    '  web_search: { engines: [Google], result: 情報は得られなかった。 }',
    '  management_bodies: [{ name: 〇〇協会, result: 情報は得られなかった。 }]',
    '  expert_bodies: [{ name: 〇〇研究会, result: 情報は得られなかった。 }]',
    '  public_notice: { medium: cric, start: 2026-02-16, result: 情報は得られなかった。 }',
    'in_application_use: false',
  ].join('\n');

  it('reads each row\'s subject by its key or its Japanese name; a row of a neighbouring right needs no category', async () => {
    const r = await check(yaml, [
      '対象,題号,著作者名,種類,内容又は体様',
      ',港の灯,海野 一郎,音楽の著作物,楽曲',
      '実演,港の灯の歌唱,汐見 三枝子,,歌唱',
      'phonogram,港の灯の録音,〇〇レコード,,SPレコードの録音',
    ].join('\n'));
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.ja)).toEqual([]);
    expect(r.documents.map((d) => d.name)).toContain('application');
  });

  it('names the row and column of a subject it does not know, with the allowed values', async () => {
    const r = await check(yaml, ['対象,題号,著作者名,種類,内容又は体様', 'レコード盤,港の灯の録音,〇〇レコード,,SPレコードの録音'].join('\n'));
    const e = r.problems.find((p) => p.severity === 'error')!;
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.ja).toContain('「レコード盤」は使えません');
    expect(e.ja).toContain('work, performance, phonogram, broadcast, cablecast（日本語で 著作物、実演、レコード、放送、有線放送 とも書けます）');
    expect(e.hint?.ja).toBe('「レコード」ではありませんか。');
  });
});

describe('the words of a case of several subjects', () => {
  const ctx = { templates: defaultSession().templates } as never;
  const entry = (subject?: string) => ({ subject, title: 't', author: 'a', description: 'd', previously_ruled: false }) as never;

  it('cites 67条 alone, 103条 alone or both joined', () => {
    expect(lawOf(ctx, { subject: 'work', works: [entry()] }, '第67条第1項')).toBe('著作権法第67条第1項');
    expect(lawOf(ctx, { subject: 'phonogram', works: [entry(), entry('performance')] }, '第67条第1項')).toBe('著作権法第103条において準用する同法第67条第1項');
    expect(lawOf(ctx, { subject: 'work', works: [entry(), entry('phonogram')] }, '第67条第1項')).toBe('著作権法第67条第1項及び同法第103条において準用する同法第67条第1項');
  });

  it('joins each group\'s words in the law\'s order: A及びB, A、B及びC', () => {
    const two = caseTerms(ctx, { subject: 'phonogram', works: [entry(), entry('performance')] });
    expect([two.mixed, two.lead_object, two.item6, two.holder]).toEqual([true, '実演及びレコード', '実演家及びレコード製作者と連絡することができない理由', '著作隣接権者']);
    expect(two.item7).toBe('著作権法第103条において準用する同法第67条第2項の該当の有無');
    const three = caseTerms(ctx, { subject: 'broadcast', works: [entry(), entry('work'), entry('cablecast')] });
    expect([three.lead_object, three.item2, three.holder]).toEqual(['著作物、放送及び有線放送', '著作者名、放送事業者名及び有線放送事業者名', '著作権者及び著作隣接権者']);
    const one = caseTerms(ctx, { subject: 'work', works: [entry('performance')] });
    expect([one.mixed, one.object, one.item1]).toEqual([false, '実演', '実演が行われた作品名や実演家の役名等']);
  });
});
