/**
 * Transmission exclusion (除外申出, seed 000): the criteria's rules, and the criteria as validation
 * of a case. What is written (tables, e-mail, letter, the NDL's list filled) is judged in
 * test/clients/exclusion.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { pidKey, reissueTiming } from '../../src/law/rules/transmission.js';
import { checkEdited } from '../helpers.js';

const edited = (edit: (yaml: string) => string) => checkEdited('transmission-exclusion', edit, '2026-11-21');
const errorAt = async (edit: (yaml: string) => string, path: string) => {
  const { checked } = await edited(edit);
  expect(checked.ok, JSON.stringify(checked.problems)).toBe(false);
  const e = checked.problems.find((p) => p.severity === 'error' && p.path.join('.') === path);
  expect(e, `an error at ${path}: ${JSON.stringify(checked.problems)}`).toBeDefined();
  expect(e!.line).toBeGreaterThan(0);
  return e!;
};

describe('rules', () => {
  it('identifiers written as info URI, dl.ndl.go.jp URL or number name the same item', () => {
    expect(pidKey('info:ndljp/pid/2500001')).toBe('2500001');
    expect(pidKey('https://dl.ndl.go.jp/pid/2500001')).toBe('2500001');
    expect(pidKey('https://dl.ndl.go.jp/info:ndljp/pid/2500001/')).toBe('2500001');
    expect(pidKey(' 2500001 ')).toBe('2500001');
    expect(pidKey('info:ndljp/pid/0000003')).toBe('3');
    expect(pidKey('タイトル')).toBeNull();
    expect(pidKey('ISBN 978-4-00-000001-7')).toBeNull();
  });
  it('a reissue counts within about three months of the request (month ends clamp)', () => {
    expect(reissueTiming('2026-11-20', '2027-02-20').timing).toBe('within');
    expect(reissueTiming('2026-11-20', '2027-02-21')).toEqual({ timing: 'too-far', windowEnd: '2027-02-20', earliest: '2026-11-21' });
    expect(reissueTiming('2026-11-30', '2027-02-28').timing).toBe('within');
    expect(reissueTiming('2026-11-20', '2026-11-20').timing).toBe('past');
  });
});

describe('criteria as validation', () => {
  it('a request dated before the procedure our data start with is an error at date, not an internal error', async () => {
    const e = await errorAt((y) => y.replace(/^date: .*$/m, 'date: 2018-10-01'), 'date');
    expect(e.ja).toContain('平成30年10月1日');
    expect(e.en).not.toMatch(/internal/i);
  });
  it('a reissue beyond about three months is refused, naming the first day it may be asked for', async () => {
    const e = await errorAt((y) => y.replace('reissue_on: 2027-01-15', 'reissue_on: 2027-03-01'), 'items.1.reissue_on');
    expect(e.ja).toContain('2027-02-20まで');
    expect(e.hint!.ja).toContain('2026-12-01以降');
    expect(e.hint!.ja).toContain('事後除外');
  });
  it('a planned reissue must cite its public announcement', async () => {
    const e = await errorAt((y) => y.replace(/^    evidence: 2027年1月刊行予定.*\n/m, ''), 'items.1.evidence');
    expect(e.ja).toContain('公開情報');
  });
  it('managed needs the management business; reserved-category its category', async () => {
    await errorAt((y) => y.replace('criterion: in-print             #', 'criterion: managed #'), 'items.0.managed_by');
    await errorAt((y) => y.replace(/^    category: manga .*\n/m, ''), 'items.2.category');
  });
  it('criterion 3: never from an heir; from a publisher only with how the author asked', async () => {
    const toThree = (y: string) => y.replace('criterion: in-print             #', 'criterion: author-request #');
    const heir = await errorAt((y) => toThree(y).replace('role: publisher ', 'role: heir '), 'requester.role');
    expect(heir.ja).toContain('著作者本人');
    const publisher = await errorAt(toThree, 'items.0.author_request');
    expect(publisher.en).toMatch(/how and when the author asked/);
    const { checked } = await edited((y) => toThree(y).replace('    evidence: オンデマンド版', '    author_request: 2026年10月1日付の著作者からの書面\n    evidence: オンデマンド版'));
    expect(checked.ok, JSON.stringify(checked.problems)).toBe(true);
    expect(checked.facts.counts).toMatchObject({ 'in-print': 1, 'author-request': 1 });
  });
  it('a field of another criterion, a repeated item, a bad identifier and no way to reach the requester are refused', async () => {
    await errorAt((y) => y.replace('    reissue_on: 2027-01-15', '    reissue_on: 2027-01-15\n    category: manga'), 'items.1.category');
    await errorAt((y) => y.replace('pid: info:ndljp/pid/0000002', 'pid: https://dl.ndl.go.jp/pid/1'), 'items.1.pid');
    await errorAt((y) => y.replace('pid: info:ndljp/pid/0000002', 'pid: ISBN978-4-00'), 'items.1.pid');
    await errorAt((y) => y.replace(/^  phone: .*\n/m, '').replace(/^  email: .*\n/m, ''), 'requester');
  });
});
