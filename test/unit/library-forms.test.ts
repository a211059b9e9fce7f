/**
 * The self-publisher's deposit (納本, seed 001): the deadline and the money worked out, the right
 * NDL section, and what check --json says. The papers are judged in test/clients/library-forms.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import {
  compensationEligibility, compensationEstimate, depositDeadline, depositDeadlineDetail, noDutyReasons,
} from '../../src/law/rules/deposit.js';
import { HOLIDAYS_KNOWN, ndlClosedOn } from '../../src/law/rules/closed-days.js';
import { fiscalYearLabel, fiscalYearOf } from '../../src/base/format.js';
import { checkEdited, FIXTURES, lineOf } from '../helpers.js';

describe('deposit rules (pure, over the dated data)', () => {
  it('counts 30 days from the day after issue, to the next day the NDL is open', async () => {
    expect(depositDeadline('2026-11-15', '2026-12-01')).toBe('2026-12-15');
    // 2027-01-09 is a Saturday, the 10th a Sunday, the 11th 成人の日: the 12th.
    expect(depositDeadline('2026-12-10', '2026-12-10')).toBe('2027-01-12');
    // 2026-12-30 is in the year-end closure (12月29日–1月3日); 1月1日 is 元日 too; the 4th a Monday.
    expect(depositDeadlineDetail('2026-11-30', '2027-01-04')).toEqual({ deadline: '2027-01-04', movedFrom: '2026-12-30', closed: { reason: 'year-end' } });
  });

  it('knows the NDL\'s closed days as the law stood on each day (国会に置かれる機関の休日に関する法律1条)', async () => {
    expect(ndlClosedOn('2026-11-03')).toEqual({ reason: 'national-holiday', name: '文化の日' });
    expect(ndlClosedOn('2026-09-22')).toMatchObject({ reason: 'national-holiday' }); // 国民の休日, between two holidays
    expect(ndlClosedOn('2027-01-03')).toEqual({ reason: 'sunday' });
    expect(ndlClosedOn('2026-12-29')).toEqual({ reason: 'year-end' });
    expect(ndlClosedOn('2026-12-28')).toBe(null);
    // 1989-01-01 to 1992-04-30: only the second and fourth Saturdays of the month.
    expect(ndlClosedOn('1990-12-08')).toEqual({ reason: 'saturday' });
    expect(ndlClosedOn('1990-12-01')).toBe(null);
    expect(ndlClosedOn('1992-05-02')).toEqual({ reason: 'saturday' });
    // Before the law: no closed days are known, the deadline is the 30th day.
    expect(ndlClosedOn('1988-12-25')).toBe(null);
    expect(HOLIDAYS_KNOWN.first).toBeLessThanOrEqual(1989);
    expect(HOLIDAYS_KNOWN.last).toBeGreaterThanOrEqual(2030);
  });

  it('puts each publishing type against its threshold', async () => {
    const at = (publishing_type: Parameters<typeof compensationEligibility>[0]['publishing_type'], counts: object) =>
      compensationEligibility({ publishing_type, ...counts }, '2026-12-01').eligible;
    expect(at('self-published', { copies_printed: 99 })).toBe(false);
    expect(at('self-published', { copies_printed: 100 })).toBe(true);
    expect(at('research-report', { copies_printed: 15 })).toBe(true);
    expect(at('reprint', { copies_printed: 14 })).toBe(false);
    expect(at('on-demand', { on_demand_sold: 14, copies_printed: 500 })).toBe(false); // sold, not printed, counts
    expect(at('on-demand', { on_demand_sold: 15 })).toBe(true);
    expect(at('self-published', {})).toBe(null);
    expect(at('self-published', { copies_printed: 500, binding: 'stapled' })).toBe(false);
  });

  it('rounds half the price down to the yen, then adds the postage', async () => {
    expect(compensationEstimate(1801, 520, '2026-12-01')).toEqual({ share: 900, total: 1420 });
    expect(compensationEstimate(999, 0, '2026-12-01')).toEqual({ share: 499, total: 499 });
  });

  it('names the publications with no duty', async () => {
    expect(noDutyReasons({ publishing_type: 'self-published', copies_printed: 60 }, '2026-12-01')).toEqual(['private_edition']);
    expect(noDutyReasons({ publishing_type: 'research-report', copies_printed: 60 }, '2026-12-01')).toEqual([]);
    expect(noDutyReasons({ publishing_type: 'other', binding: 'stapled', blank_form: true }, '2026-12-01')).toEqual(['stapled', 'blank_form']);
  });

  it('names fiscal years in the era most of the year falls in', async () => {
    expect(fiscalYearLabel(2027)).toBe('令和9年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
  });
});

describe('deposit facts for check --json', () => {
  it.each([
    ['deposit-compensation', { deadline: '2026-12-15', late: false, compensation_eligible: true, compensation_estimate: 1420, section: '収集第三係' }],
    ['deposit-ondemand-donation', { deadline: '2026-11-02', late: true, compensation_eligible: false, compensation_estimate: null, section: '収集第二係' }],
    ['deposit-late-company-history', { deadline: '2026-08-31', late: true, compensation_eligible: true, compensation_estimate: 3540, section: '収集第三係' }],
    ['deposit-research-report', { deadline: '2027-01-04', late: false, compensation_eligible: true, compensation_estimate: 1250, section: '収集第三係' }],
    ['deposit-year-end', { deadline: '2027-01-04', late: false, compensation_eligible: true, compensation_estimate: 1370, section: '収集第三係' }],
    // No deposit duty: a gift, with no deadline and never late.
    ['deposit-private-edition-gift', { deadline: null, late: false, compensation_eligible: false, compensation_estimate: null, section: '収集第二係' }],
  ])('%s', async (name, facts) => {
    expect((await checkCase(join(FIXTURES, `${name}.yaml`), '2026-11-21')).facts).toEqual(facts);
  });

  it('warns of a late deposit, says it is still accepted, and names the fine for this price', async () => {
    const { problems } = await checkCase(join(FIXTURES, 'deposit-late-company-history.yaml'), '2026-11-21');
    const late = problems.find((p) => p.path.join('.') === 'publication.published_on')!;
    expect(late.severity).toBe('warning');
    expect(late.ja).toContain('遅れても納入は受け付けられます');
    expect(late.ja).toContain('25,000円以下'); // five times 5,000円
  });

  const edited = async (edit: (yaml: string) => string) => (await checkEdited('deposit-compensation', edit, '2026-11-21')).checked;

  it('postage only: the estimate is the postage, sent to the same section as a claim', async () => {
    const result = await edited((y) => y.replace('mode: compensation ', 'mode: postage-only '));
    expect(result.facts).toMatchObject({ compensation_eligible: true, compensation_estimate: 520, section: '収集第三係' });
  });

  it('a donation that would qualify is told it could claim, and how much', async () => {
    const result = await edited((y) => y.replace('mode: compensation ', 'mode: donation ').replace(/^postage: .*$/m, ''));
    expect(result.ok).toBe(true);
    expect(result.facts).toMatchObject({ compensation_eligible: true, compensation_estimate: null, section: '収集第二係' });
    const hint = result.problems.find((p) => p.path.join('.') === 'mode')!;
    expect(hint.severity).toBe('warning');
    expect(hint.ja).toContain('900円');
  });

  it('a deadline on a closed day moves, and a late deposit is told why the deadline is not the 30th day', async () => {
    // Issued 2026-11-30: the 30th day is 2026-12-30 (year-end closure), the deadline 2027-01-04.
    const y = (date: string) => edited((t) => t.replace('date: 2026-12-01', `date: ${date}`).replace('published_on: 2026-11-15', 'published_on: 2026-11-30'));
    expect((await y('2027-01-04')).facts).toMatchObject({ deadline: '2027-01-04', late: false });
    const late = await y('2027-01-05');
    expect(late.facts.late).toBe(true);
    const warned = late.problems.find((p) => p.code === 'deposit.late-priced')!;
    expect(warned.ja).toContain('令和9年1月4日。30日目の令和8年12月30日は国立国会図書館の休館日（年末年始）のため、翌開館日');
    expect(warned.en).toContain('2027-01-04; the 30th day, 2026-12-30, fell on a day the NDL is closed (year-end closure');
  });

  it('beyond the holiday data, the deadline counts weekends and the year-end only, and says so', async () => {
    // Checked on a day in 2071 too: a date more than a year after today is refused as a slip.
    const result = (await checkEdited('deposit-compensation', (y) => y.replace('date: 2026-12-01', 'date: 2071-01-10')
      .replace('published_on: 2026-11-15', 'published_on: 2070-12-01'), '2071-01-10')).checked;
    const warned = result.problems.find((p) => p.code === 'deposit.holidays-unknown')!;
    expect(warned.path).toEqual(['publication', 'published_on']);
    expect(warned.ja).toContain(`${HOLIDAYS_KNOWN.last}年まで`);
    expect(warned.ja).toContain('2070年の祝日は分からない');
  });

  it('the 代償金 route in two steps: the advance contact before the deposit, each with its date', async () => {
    const contact = (line: string) => edited((y) => y.replace('mode: compensation ', `${line}\nmode: compensation `));
    const undated = await edited((y) => y);
    expect(undated.problems.find((p) => p.code === 'deposit.advance-contact-undated')).toMatchObject({ severity: 'warning', path: ['mode'] });
    const before = await contact('advance_contact: { date: 2026-11-20 }');
    expect(before.ok).toBe(true);
    expect(before.problems.filter((p) => p.code?.startsWith('deposit.advance-contact'))).toEqual([]);
    const after = await contact('advance_contact: { date: 2026-12-02 }');
    expect(after.problems.find((p) => p.severity === 'error')).toMatchObject({ path: ['advance_contact', 'date'], code: 'deposit.advance-contact-after-sending' });
    const same = await contact('advance_contact: { date: 2026-12-01 }');
    expect(same.ok).toBe(true);
    expect(same.problems.find((p) => p.code === 'deposit.advance-contact-same-day')!.path).toEqual(['advance_contact', 'date']);
  });

  it.each([
    ['an on-demand sold count on a self-published book', (y: string) => y.replace('copies_printed: 300 ', 'copies_printed: 300\n  on_demand_sold: 40 '),
      'publication.on_demand_sold', 'オンデマンド出版の代償金の基準'],
    ['postage on a gift', (y: string) => y.replace('mode: compensation ', 'mode: donation '), 'postage', '元払い'],
    ['an advance contact for a gift', (y: string) => y.replace('mode: compensation ', 'mode: donation\nadvance_contact: { date: 2026-11-20 } ').replace(/^postage: .*$/m, ''),
      'advance_contact', '事前連絡は要りません'],
    ['a return address with no receipt asked for', (y: string) => y.replace('receipt_requested: true ', 'receipt_requested: false\nreturn_address: { address: 東京都港区1-1 } '),
      'return_address', '受領書を希望するとき'],
  ])('refuses %s, saying why at the field', async (_, edit, path, why) => {
    const result = await edited(edit);
    expect(result.ok).toBe(false);
    const e = result.problems.find((p) => p.severity === 'error')!;
    expect(e.path.join('.')).toBe(path);
    expect(e.line).toBeGreaterThan(0);
    expect(e.ja).toContain(why);
    expect(e.hint?.ja.length).toBeGreaterThan(5);
  });

  it('a deposit sent on the last day is on time, the day after is late', async () => {
    expect((await edited((y) => y.replace('date: 2026-12-01', 'date: 2026-12-15'))).facts.late).toBe(false);
    expect((await edited((y) => y.replace('date: 2026-12-01', 'date: 2026-12-16'))).facts.late).toBe(true);
  });

  it('refuses compensation for an on-demand title with too few sold, and offers donation', async () => {
    const result = await checkCase(join(FIXTURES, 'refused', 'deposit-ondemand-compensation.yaml'), '2026-11-21');
    expect(result.ok).toBe(false);
    const e = result.problems.find((p) => p.severity === 'error')!;
    expect(e).toMatchObject({ path: ['publication', 'on_demand_sold'], line: lineOf('refused/deposit-ondemand-compensation.yaml', 'on_demand_sold:') });
    expect(e.ja).toContain('販売済み部数15部以上が条件ですが、9部です');
    expect(e.hint?.ja).toContain('mode: donation');
  });
});

describe('後納 application: what check refuses and warns of', () => {
  const check = async (name: string, edit: (yaml: string) => string, today = '2027-04-01') => (await checkEdited(name, edit, today)).checked;

  it.each([
    ['a permit number on a new application', 'deferred-payment', (y: string) => y.replace('request: new ', 'request: new\npermit_number: 長大図後第27-001号 '),
      'permit_number', '後納許可書で付く'],
    ['a reason on a change', 'deferred-payment-change', (y: string) => y.replace('changes:', 'reason: 統合のため\nchanges:'), 'reason', '取消の申請'],
    ['an invoice address on a cancellation', 'deferred-payment-change', (y: string) => y.replace('request: change', 'request: cancel').replace(/^changes: .*$/m, ''),
      'billing', '請求書の送付先を届け出る欄はありません'],
    ['branches on a cancellation', 'deferred-payment-change', (y: string) => y.replace('request: change', 'request: cancel').replace(/^changes: .*$/m, '').replace(/^billing:[\s\S]*$/m, ''),
      'institution.branches', '分館を挙げる欄はありません'],
    ['a 独立行政法人 in category 8', 'deferred-payment', (y: string) => y.replace('category: 4 ', 'category: 8\n  incorporated_administrative_agency: true '),
      'institution.incorporated_administrative_agency', '種別1～5'],
  ])('refuses %s, saying why at the field', async (_, name, edit, path, why) => {
    const result = await check(name, edit);
    expect(result.ok).toBe(false);
    const e = result.problems.find((p) => p.severity === 'error')!;
    expect(e.path.join('.')).toBe(path);
    expect(e.line).toBeGreaterThan(0);
    expect(e.ja).toContain(why);
    expect(e.en.length).toBeGreaterThan(40);
  });

  it('late in March with no fiscal year, suggests the coming one; from the 21st, and only then', async () => {
    const on = (date: string) => check('deferred-payment', (y) => y.replace('date: 2027-04-01', `date: ${date}`).replace(/^fiscal_year: .*$/m, ''), date);
    const late = await on('2027-03-25');
    expect(late.ok).toBe(true);
    const w = late.problems.find((p) => p.code === 'deferred-payment.deferred-fiscal-year-coming')!;
    expect(w.path).toEqual(['date']);
    expect(w.ja).toContain('令和8年度の申請になります');
    expect(w.ja).toContain('令和9年度の申請なら fiscal_year: 2027');
    expect(late.facts).toEqual({ fiscal_year_label: '令和8年度' });
    for (const date of ['2027-03-20', '2027-04-01', '2027-12-25'])
      expect((await on(date)).problems.some((p) => p.code === 'deferred-payment.deferred-fiscal-year-coming'), date).toBe(false);
    // A fiscal year written out is the clerk's choice: no warning.
    const named = await check('deferred-payment', (y) => y.replace('date: 2027-04-01', 'date: 2027-03-25'), '2027-03-25');
    expect(named.problems.some((p) => p.code === 'deferred-payment.deferred-fiscal-year-coming')).toBe(false);
  });
});
