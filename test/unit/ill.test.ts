/**
 * The NDL interlibrary-loan papers in English (seed 002): English dates, the loan month counted as
 * 民法140条・143条 count it, the material types and the seed's whole not-loanable list, and the facts
 * and refusals check --json gives. The papers are judged in test/clients/ill.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { englishDate } from '../../src/base/format.js';
import { endOfMonthsAfter } from '../../src/law/rules/period.js';
import { valueInForce } from '../../src/law/dated.js';
import { MATERIAL_TYPES, NOT_LOANABLE, NOT_LOANABLE_KINDS } from '../../src/law/data/ill.js';
import { checkEdited, FIXTURES } from '../helpers.js';

describe('dates and facts', () => {
  it('prints English dates', async () => {
    expect(englishDate('2026-12-01')).toBe('1 December 2026');
  });

  it('a month after receipt ends as 民法143条 says: the corresponding day, or a month end', async () => {
    expect(endOfMonthsAfter('2026-12-19', 1)).toBe('2027-01-19');
    // Received on a month's last day: the month runs from the 1st, so it ends on the next month's last day.
    expect(endOfMonthsAfter('2027-02-28', 1)).toBe('2027-03-31');
    expect(endOfMonthsAfter('2027-04-30', 1)).toBe('2027-05-31');
    expect(endOfMonthsAfter('2027-01-31', 1)).toBe('2027-02-28');
    // No corresponding day in the last month: its last day (143条2項ただし書).
    expect(endOfMonthsAfter('2027-01-30', 1)).toBe('2027-02-28');
    expect(endOfMonthsAfter('2028-01-30', 1)).toBe('2028-02-29');
    // 2028-02-28 is not February's last day in a leap year: the corresponding day.
    expect(endOfMonthsAfter('2028-02-28', 1)).toBe('2028-03-28');
    expect(endOfMonthsAfter('2026-12-31', 1)).toBe('2027-01-31');
  });

  it('check --json: total on loan, receipt and return due', async () => {
    const facts = async (name: string) => (await checkCase(join(FIXTURES, `${name}.yaml`), '2026-11-21')).facts;
    expect(await facts('ill-request')).toEqual({ total_on_loan: 5 });
    expect(await facts('ill-receipt')).toEqual({ receipt_due: '2026-12-22', return_due: '2027-01-19' });
    expect(await facts('ill-receipt-month-end')).toEqual({ receipt_due: '2027-05-03', return_due: '2027-05-31' });
  });
});

describe('material the NDL does not lend', () => {
  it('keeps the seed\'s whole list, in its order, digitized materials first', async () => {
    const list = valueInForce(NOT_LOANABLE, '2026-12-01');
    expect(Object.keys(list)).toEqual([...NOT_LOANABLE_KINDS]);
    expect(Object.values(list)[0]).toBe('Digitized materials');
    expect(Object.values(list)).toHaveLength(9);
    expect(list.amusement).toBe('Books for amusement');
    // Every kind a type falls under is on the list, and every type has an English label.
    for (const [key, type] of Object.entries(MATERIAL_TYPES)) {
      expect(type.label, key).toMatch(/^[A-Z][a-z]/);
      if ('notLoanable' in type) expect(NOT_LOANABLE_KINDS, key).toContain(type.notLoanable);
    }
  });

  it('warns of a digitized item in the seed\'s words, and a doctoral thesis under non-book materials', async () => {
    const { checked } = await checkEdited('ill-request', (y) => y
      .replace('    year: 1999\n    material_type: book', '    year: 1999\n    material_type: digitized')
      .replace(/(isbn: [^\n]*\n\s+material_type: )book/, '$1doctoral-thesis'), '2026-11-21');
    const warned = checked.problems.filter((p) => p.code === 'ill.request-not-loanable');
    expect(warned.map((p) => p.path.join('.'))).toEqual(['items.0.material_type', 'items.1.material_type']);
    expect(warned[1].en).toContain('(Digitized materials)');
    expect(warned[0].en).toContain('Non-book materials (doctoral dissertations');
  });
});

describe('receipt letter: where it goes', () => {
  const edited = (edit: (y: string) => string) => checkEdited('ill-receipt', edit, '2026-11-21');

  it('without the number or address of "To Borrowers", warns at send_to (the letter keeps a line for it)', async () => {
    const { checked } = await edited((y) => y);
    expect(checked.ok).toBe(true);
    expect(checked.problems.find((p) => p.code === 'ill.receipt-send-to-missing')).toMatchObject({ severity: 'warning', path: ['send_to'] });
    const given = (await edited((y) => `${y}send_to: { fax: "+81-774-98-0000" }\n`)).checked;
    expect(given.problems.filter((p) => p.code?.startsWith('ill.receipt-send-to'))).toEqual([]);
  });

  it.each([
    ['both a fax and an e-mail', 'send_to: { fax: "+81-774-98-0000", email: ill@example.go.jp }', 'one of fax and email'],
    ['neither', 'send_to: {}', 'no fax number or e-mail address'],
  ])('refuses %s, at send_to', async (_, line, why) => {
    const { checked } = await edited((y) => `${y}${line}\n`);
    expect(checked.ok).toBe(false);
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['send_to']);
    expect(e.line).toBeGreaterThan(1);
    expect(e.en).toContain(why);
  });
});
