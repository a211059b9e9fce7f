/**
 * Transmission exclusion (除外申出, seed 000): the criteria's rules, and the criteria as validation
 * of a case. What is written (tables, e-mail, letter, the NDL's list filled) is judged in
 * test/clients/exclusion.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pidKey, preExclusionRound, reissueTiming } from '../../src/law/rules/transmission.js';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { checkEdited, FIXTURES, tempDir } from '../helpers.js';

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
    // Copied from the viewer: volume and page, a search, a language prefix.
    expect(pidKey('https://dl.ndl.go.jp/pid/2500001/1/5')).toBe('2500001');
    expect(pidKey('https://dl.ndl.go.jp/pid/2500001/1/5?keyword=郷土史')).toBe('2500001');
    expect(pidKey('https://dl.ndl.go.jp/ja/pid/2500001?keyword=a#page')).toBe('2500001');
    expect(pidKey('https://dl.ndl.go.jp/search?keyword=2500001')).toBeNull();
    expect(pidKey('タイトル')).toBeNull();
    expect(pidKey('ISBN 978-4-00-000001-7')).toBeNull();
  });
  it('a reissue counts within about three months of the request (month ends clamp); six months is the limit', () => {
    expect(reissueTiming('2026-11-20', '2027-02-20').timing).toBe('within');
    expect(reissueTiming('2026-11-20', '2027-02-21')).toEqual({ timing: 'beyond-guideline', windowEnd: '2027-02-20', limitEnd: '2027-05-20', earliest: '2026-11-21' });
    expect(reissueTiming('2026-11-20', '2027-05-20').timing).toBe('beyond-guideline');
    expect(reissueTiming('2026-11-20', '2027-05-21').timing).toBe('too-far');
    expect(reissueTiming('2026-11-30', '2027-02-28').timing).toBe('within');
    expect(reissueTiming('2026-11-20', '2026-11-20').timing).toBe('past');
  });
  it('rounds of 事前除外: FY2024 open until 2025-04-18; later dates and other years are not known', () => {
    const fy2024 = { fiscalYear: 2024, until: '2025-04-18' };
    expect(preExclusionRound('2025-04-18')).toEqual({ status: 'open', round: fy2024, latest: fy2024 });
    expect(preExclusionRound('2025-04-19')).toMatchObject({ status: 'unknown', round: fy2024 });
    expect(preExclusionRound('2025-04-19', 2024).status).toBe('closed');
    expect(preExclusionRound('2025-01-10', 2024).status).toBe('open');
    expect(preExclusionRound('2026-11-20', 2026)).toEqual({ status: 'unknown', latest: fy2024 });
  });
});

describe('criteria as validation', () => {
  it('a request dated before the procedure our data start with is an error at date, not an internal error', async () => {
    const e = await errorAt((y) => y.replace(/^date: .*$/m, 'date: 2018-10-01'), 'date');
    expect(e.ja).toContain('平成30年10月1日');
    expect(e.en).not.toMatch(/internal/i);
  });
  it('a reissue past about three months is a warning naming the first day it fits; past six months, refused', async () => {
    const { checked } = await edited((y) => y.replace('reissue_on: 2027-01-15', 'reissue_on: 2027-03-01'));
    const w = checked.problems.find((p) => p.code === 'transmission-exclusion.exclusion-reissue-beyond-guideline')!;
    expect(checked.ok).toBe(true);
    expect(w.path).toEqual(['items', 1, 'reissue_on']);
    expect(w.ja).toContain('2027-02-20まで');
    expect(w.ja).toContain('おおむね3か月');
    expect(w.hint!.ja).toContain('2026-12-01以降');
    const e = await errorAt((y) => y.replace('reissue_on: 2027-01-15', 'reissue_on: 2027-05-21'), 'items.1.reissue_on');
    expect(e.ja).toContain('2027-05-20まで');
    expect(e.hint!.ja).toContain('2027-02-21以降');
    expect(e.hint!.ja).toContain('事後除外');
  });
  it('rounds: a closed round is refused, an unknown one or none open points to 事後除外; post takes no round', async () => {
    const closed = await errorAt((y) => y.replace('stage: pre ', 'round: 2024\nstage: pre '), 'round');
    expect(closed.ja).toContain('令和6年度の事前除外の受付は令和7年4月18日で終わっています');
    expect(closed.hint!.ja).toContain('stage: post');
    const { checked: open } = await edited((y) => y.replace('stage: pre ', 'round: 2024\nstage: pre ').replace(/^date: .*$/m, 'date: 2025-04-18')
      .replace('reissue_on: 2027-01-15', 'reissue_on: 2025-06-15'));
    expect(open.problems.filter((p) => /round/.test(p.code ?? ''))).toEqual([]);
    const { checked: unknown } = await edited((y) => y.replace('stage: pre ', 'round: 2026\nstage: pre '));
    const w = unknown.problems.find((p) => p.code === 'transmission-exclusion.exclusion-round-unknown')!;
    expect(w.path).toEqual(['round']);
    expect(w.ja).toContain('令和8年度');
    expect(w.hint!.ja).toMatch(/ndl\.go\.jp.*事後除外/);
    const { checked: none } = await edited((y) => y);
    expect(none.problems.find((p) => p.code === 'transmission-exclusion.exclusion-round-none-open')!.path).toEqual(['stage']);
    const { checked: post } = await edited((y) => y.replace('stage: pre ', 'stage: post'));
    expect(post.problems.filter((p) => /round/.test(p.code ?? ''))).toEqual([]);
    await errorAt((y) => y.replace('stage: pre ', 'round: 2026\nstage: post'), 'round');
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

describe('a list that lacks items', () => {
  /** The contract case with a small CSV list beside it holding the given identifiers. */
  const withList = async (pids: string[]) => {
    const dir = tempDir('exclusion-list-');
    writeFileSync(join(dir, 'list.csv'), `PID,タイトル,除外基準,根拠,申出者,連絡先,申出日\r\n${pids.map((p) => `${p},書名,,,,,`).join('\r\n')}\r\n`);
    const yaml = readFileSync(join(FIXTURES, 'transmission-exclusion.yaml'), 'utf8').replace('\nitems:', '\ncandidate_list:\n  file: list.csv\nitems:');
    writeFileSync(join(dir, 'case.yaml'), yaml);
    return checkCase(join(dir, 'case.yaml'), '2026-11-21');
  };
  it('counts only the items it has; the others are warnings at their pid', async () => {
    const checked = await withList(['info:ndljp/pid/0000001', 'info:ndljp/pid/0000003']);
    expect(checked.ok).toBe(true);
    expect(checked.facts.counts).toEqual({ 'in-print': 1, managed: 0, 'author-request': 0, 'reserved-category': 1 });
    expect(checked.problems.filter((p) => p.code === 'transmission-exclusion.exclusion-list-item-not-listed').map((p) => p.path)).toEqual([['items', 1, 'pid']]);
  });
  it('a list with none of the items is an error at candidate_list.file', async () => {
    const e = await withList(['info:ndljp/pid/7777777']).then((c) => c.problems.find((p) => p.severity === 'error')!);
    expect(e.path).toEqual(['candidate_list', 'file']);
    expect(e.ja).toContain('1件も');
    expect(e.hint!.ja).toContain('事後除外');
  });
});
