/**
 * The ruling on unmanaged published works (法67条の3): the facts of the fixture, and each rule of
 * issue 16 §2 refusing at its field — filed before the 14 days ran out, one contact without the
 * statement that it was the only one, a period of 3 years and a day, a managed work, use while pending.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { earliestFilingAfterContacts, longestUseEnd } from '../../src/law/rules/unmanaged.js';
import { fewestStamps } from '../../src/law/rules/fee.js';
import { checkEdited } from '../helpers.js';
import type { DocumentModel } from '../../src/model/document.js';

const NAME = 'unmanaged-ruling-two-contacts';
const edited = (edit: (y: string) => string) => checkEdited(NAME, edit, '2026-11-21', ['ruling-submission-colophon.pdf']);
const errors = (c: Awaited<ReturnType<typeof checkCase>>) => c.problems.filter((p) => p.severity === 'error');

describe('the rules, pure', () => {
  it('the 14 days run from the day after the last arrival: filing from the 15th day', () => {
    expect(earliestFilingAfterContacts(['2026-10-22', '2026-11-01'], '2026-11-16')).toBe('2026-11-16');
    expect(earliestFilingAfterContacts([], '2026-11-16')).toBeNull();
  });
  it('a use of 3 years ends the day before the third anniversary', () => {
    expect(longestUseEnd('2027-01-15', '2026-11-16')).toBe('2030-01-14');
    expect(longestUseEnd('2028-02-29', '2026-11-16')).toBe('2031-02-27');
  });
  it('13,800円 in the fewest stamps the existing rule finds', () => {
    // The denominations table has no 800円 stamp: 10,000＋3,000＋600＋200 (see README, doubtful).
    expect(fewestStamps(13800, '2026-11-16')).toEqual([10000, 3000, 600, 200]);
  });
});

describe('unmanaged-ruling', () => {
  it('the fixture checks, with its facts', async () => {
    const { checked } = await edited((y) => y);
    expect(errors(checked)).toEqual([]);
    // What follows no official text is one notice of check, never a mark on the paper.
    expect(checked.problems.filter((p) => p.code === 'unmanaged-ruling.form-uncertain').map((p) => p.path)).toEqual([['date']]);
    expect(checked.facts).toMatchObject({
      payee: 'designated-body', fee: 13800, stamps: [10000, 3000, 600, 200],
      earliest_filing_date: '2026-11-16', use_period_end: '2029-10-31',
      compensation: [49500], compensation_by_work: [[19800], [29700]],
    });
  });

  it('filed on 2026-11-15 (the 14th day) is an error at date, naming the first day', async () => {
    const { checked } = await edited((y) => y.replace('date: 2026-11-16', 'date: 2026-11-15'));
    const e = errors(checked);
    expect(e).toHaveLength(1);
    expect(e[0].path).toEqual(['date']);
    expect(e[0].ja).toContain('令和8年11月16日');
    expect(e[0].en).toContain('2026-11-16');
    expect(e[0].line).toBe(5);
    expect(e[0].hint?.ja).toBeTruthy();
  });

  it('one contact without the statement that it was the only one is an error; with it, accepted', async () => {
    const one = (y: string) => y.replace(/    - name: 川原 しず[\s\S]*?result: 配達は確認されたが、期間内に回答はなかった。\n/, '');
    const { checked } = await edited(one);
    const e = errors(checked);
    expect(e.map((p) => p.path)).toEqual([['measures', 'contacts']]);
    expect(e[0].ja).toContain('only_contact');
    const said = await edited((y) => one(y).replace('medium: 書籍', '  only_contact: 判明した国内の連絡先はこの1件のみであった。\nmedium: 書籍'));
    expect(errors(said.checked)).toEqual([]);
    expect(said.checked.facts.earliest_filing_date).toBe('2026-11-06');
  });

  it('a period of 3 years and 1 day is an error naming the longest end', async () => {
    const { checked } = await edited((y) => y.replace('end: 2029-10-31', 'end: 2030-01-15'));
    const e = errors(checked);
    expect(e.map((p) => p.path)).toEqual([['use_period', 'end']]);
    expect(e[0].ja).toContain('令和12年1月14日');
    expect(e[0].en).toContain('2030-01-14');
    expect(checked.facts.use_period_end).toBe('2030-01-15');
  });

  it('a managed work, or one showing its terms or a request address, is out of scope', async () => {
    const { checked } = await edited((y) => y.replace('managed: false', 'managed: true').replace('use_rules: false', 'use_rules: true'));
    expect(errors(checked).map((p) => p.path)).toEqual([['status', 'management', 'managed'], ['status', 'will_shown', 'use_rules']]);
    expect(errors(checked)[0].ja).toContain('著作権等管理事業者');
  });

  it('asking for use while pending is an error that says why', async () => {
    const { checked } = await edited((y) => `${y}in_application_use: true\n`);
    const e = errors(checked);
    expect(e.map((p) => p.path)).toEqual([['in_application_use']]);
    expect(e[0].ja).toContain('法67条の2');
    expect(e[0].line).toBeGreaterThan(0);
  });

  it('no contact at all points to the 67条 ruling; a date before 2026-04-01 is refused', async () => {
    const none = await edited((y) => y.replace(/  contacts:[\s\S]*?medium:/, '  contacts: []\nmedium:'));
    expect(errors(none.checked)[0].ja).toContain('法67条の裁定');
    const early = await edited((y) => y.replace('date: 2026-11-16', 'date: 2026-03-31'));
    expect(errors(early.checked).some((p) => p.path.join('.') === 'date' && p.ja.includes('令和8年4月1日'))).toBe(true);
  });

  it('addresses a 登録確認機関 when the case names one, on the application and the cover letter', async () => {
    const { checked } = await edited((y) => y.replace('works:\n', 'registered_body: { name: 一般社団法人〇〇権利確認機構, postal_code: "100-0001", address: 東京都千代田区〇〇1-1 }\nworks:\n'));
    expect(errors(checked)).toEqual([]);
    const text = (name: string) => (checked.documents.find((d) => d.name === name) as DocumentModel).blocks
      .map((b) => JSON.stringify(b)).join('\n');
    expect(text('application')).toContain('一般社団法人〇〇権利確認機構　御中');
    expect(text('application')).not.toContain('文化庁長官　殿');
    expect(text('cover-letter')).toContain('一般社団法人〇〇権利確認機構　御中');
    expect(text('cover-letter')).not.toContain('著作物流通推進室');
  });
});

describe('which ruling fits', () => {
  const followUp = (text: string) => (y: string) => y.replace('    result: 掲載日翌日から7日間経過後も著作権者につながる情報は得られなかった。',
    `    result: 掲載日翌日から7日間経過後、著作権者の親族から住所の情報が寄せられた。\n    found: [address]\n    follow_up: ${text}`);
  const anthology = (edit: (y: string) => string) => checkEdited('ruling-anthology', edit, '2026-12-01', ['cover-photo.png']);
  const mayFit = (c: Awaited<ReturnType<typeof checkEdited>>['checked']) => c.problems.filter((p) => p.code === 'ruling.unmanaged-ruling-may-fit');

  it('a 67条 case whose holder was reached and did not answer is pointed to 67条の3, at the record', async () => {
    const { checked } = await anthology(followUp('その住所に文書を郵送し、配達されたが、回答はなかった。'));
    const found = mayFit(checked);
    expect(found.map((p) => p.path)).toEqual([['due_diligence', 'public_notice', 'follow_up']]);
    expect(found[0].severity).toBe('warning');
    expect(found[0].ja).toContain('法67条の3');
  });

  it('a letter returned undelivered keeps the holder unknown (67条): no suggestion; nor before 2026-04-01', async () => {
    expect(mayFit((await anthology(followUp('その住所に文書を郵送したが、宛先不明で返送され、回答はなかった。'))).checked)).toEqual([]);
    const before = await anthology((y) => followUp('文書を郵送したが、回答はなかった。')(y)
      .replace('date: 2026-12-01', 'date: 2026-03-20').replace('start: 2026-11-10', 'start: 2026-03-01'));
    expect(before.checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(mayFit(before.checked)).toEqual([]);
  });
});

describe('works from a CSV', () => {
  const withCsv = async (csv: string) => {
    const { file } = await edited((y) => y);
    const dir = file.slice(0, file.lastIndexOf('/'));
    writeFileSync(join(dir, 'works.csv'), csv);
    const yaml = readFileSync(file, 'utf8').replace(/^works:\n[\s\S]*?^uses:/m, 'works_file: works.csv\nuses:');
    writeFileSync(file, yaml);
    return checkCase(file, '2026-11-21');
  };

  it('one evidence row per work of the CSV, each with its share', async () => {
    const checked = await withCsv('title,author,category,description,share\n'
      + '路地裏の季節,坂下 耕平,language,随筆（12ページ）,12/240\n古書店主の手帖,川原 しず,language,随筆（18ページ）,18/240\n町の灯,不明,language,随筆（6ページ）,6/240\n');
    expect(errors(checked)).toEqual([]);
    expect(checked.facts.compensation_by_work).toEqual([[19800], [29700], [9900]]);
    const evidence = checked.documents.find((d) => d.name === 'evidence') as DocumentModel;
    const table = evidence.blocks.find((b) => b.kind === 'table') as { rows: string[][] };
    expect(table.rows.map((r) => r[1])).toEqual(['路地裏の季節', '古書店主の手帖', '町の灯']);
  });

  it('a 67条 evidence column is refused at its CSV cell', async () => {
    const checked = await withCsv('title,author,category,description,share,management_bodies\n路地裏の季節,坂下 耕平,language,随筆,12/240,照会した。\n');
    const e = errors(checked);
    expect(e).toHaveLength(1);
    expect(e[0].file).toMatch(/works\.csv$/);
    expect(e[0].line).toBe(2);
  });
});
