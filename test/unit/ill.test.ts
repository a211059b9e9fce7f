/**
 * The NDL interlibrary-loan papers in English (seed 002): English dates, months counted as the
 * calendar does, and the facts check --json gives. The papers are judged in test/clients/ill.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { addMonths, englishDate } from '../../src/base/format.js';
import { FIXTURES } from '../helpers.js';

describe('dates and facts', () => {
  it('prints English dates and counts a month as the calendar does', async () => {
    expect(englishDate('2026-12-01')).toBe('1 December 2026');
    expect(addMonths('2026-12-19', 1)).toBe('2027-01-19');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
  });

  it('check --json: total on loan, receipt and return due', async () => {
    const facts = async (name: string) => (await checkCase(join(FIXTURES, `${name}.yaml`), '2026-11-21')).facts;
    expect(await facts('ill-request')).toEqual({ total_on_loan: 5 });
    expect(await facts('ill-receipt')).toEqual({ receipt_due: '2026-12-22', return_due: '2027-01-19' });
  });
});
