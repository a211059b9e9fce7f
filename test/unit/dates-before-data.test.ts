/**
 * A case dated before the first entry of a dated table its rules need (issue 17 §6): every form
 * answers with an error at the date's field naming the first day yoshiki knows the rules for —
 * never an internal error, never a misleading one (a 後納 category "unknown" because the table of
 * categories starts in 2004).
 */
import { describe, expect, it } from 'vitest';
import { checkEdited } from '../helpers.js';

const withDate = (date: string) => (yaml: string) => yaml.replace(/^date: \S+/m, `date: ${date}`);

describe('dates before the data', () => {
  it.each([
    // fixture, a date before its data, the first day named (Japanese era)
    ['deposit-compensation', '1900-01-10', '昭和23年2月25日'],
    ['ill-request', '1999-04-01', '平成14年10月7日'],
    ['ill-receipt', '2001-06-01', '平成14年10月7日'],
    ['ill-registration', '1990-12-01', '平成14年10月7日'],
    ['deferred-payment', '2003-04-01', '平成16年4月1日'],
    ['ruling-reprint', '1965-05-01', '昭和45年1月1日'],
  ])('%s dated %s: an error at date naming %s', async (fixture, date, earliest) => {
    const { checked } = await checkEdited(fixture, withDate(date), '2026-12-31', ['cover-photo.png', 'reading-room.png']);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    expect(errors, JSON.stringify(errors)).toHaveLength(1);
    const [e] = errors;
    expect(e.path).toEqual(['date']);
    expect(e.line).toBeGreaterThan(0);
    expect(e.ja).toContain(earliest);
    expect(e.en).not.toMatch(/internal/i);
    expect(e.hint!.ja).toContain(`${earliest}以降`);
    expect(e.code).toBe('case.date-before-data');
  });

  it('a case without a date, checked on a day before the data, is told it is today\'s date', async () => {
    const { checked } = await checkEdited('deposit-compensation', (y) => y.replace(/^date: .*\n/m, ''), '1900-01-10');
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['date']);
    expect(e.ja).toContain('今日の日付（明治33年1月10日）');
    expect(e.en).toContain('(today)');
  });
});
