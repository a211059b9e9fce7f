/**
 * The self-publisher's deposit (納本, seed 001): the deadline and the money worked out, the right
 * NDL section, and what check --json says. The papers are judged in test/clients/library-forms.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import {
  compensationEligibility, compensationEstimate, depositDeadline, noDutyReasons,
} from '../../src/law/rules/deposit.js';
import { fiscalYearLabel, fiscalYearOf } from '../../src/base/format.js';
import { checkEdited, FIXTURES, lineOf } from '../helpers.js';

describe('deposit rules (pure, over the dated data)', () => {
  it('counts 30 days from the day after issue', async () => {
    expect(depositDeadline('2026-11-15', '2026-12-01')).toBe('2026-12-15');
    expect(depositDeadline('2026-12-10', '2026-12-10')).toBe('2027-01-09');
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
    ['deposit-ondemand-donation', { deadline: '2026-10-31', late: true, compensation_eligible: false, compensation_estimate: null, section: '収集第二係' }],
    ['deposit-late-company-history', { deadline: '2026-08-31', late: true, compensation_eligible: true, compensation_estimate: 3540, section: '収集第三係' }],
    ['deposit-research-report', { deadline: '2026-12-30', late: false, compensation_eligible: true, compensation_estimate: 1250, section: '収集第三係' }],
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
    const result = await edited((y) => y.replace('mode: compensation ', 'mode: donation '));
    expect(result.ok).toBe(true);
    expect(result.facts).toMatchObject({ compensation_eligible: true, compensation_estimate: null, section: '収集第二係' });
    const hint = result.problems.find((p) => p.path.join('.') === 'mode')!;
    expect(hint.severity).toBe('warning');
    expect(hint.ja).toContain('1,420円');
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
