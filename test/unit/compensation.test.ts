/**
 * Compensation per work through a whole case (seed 004 第3の3(1)キ, line 636: 「全体の分量…と当該著作物が
 * 占める分量」): each work's amount, rounded down once, in check's facts (compensation_by_work, [work][use]),
 * the use's amount their sum; what a work may state and what is refused; a fixed amount before tax.
 * The formulas themselves are in rules.test.ts; the paper is judged in test/clients/pdf.test.ts.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { FIXTURES, tempDir } from '../helpers.js';

const check = (file: string) => checkCase(file, '2026-11-21');
const fixture = (name: string) => check(join(FIXTURES, `${name}.yaml`));

/** A copy of a fixture, edited, in a folder of its own (with the image the anthology names, and a CSV if given). */
async function edited(name: string, edit: (yaml: string) => string, csv?: { name: string; text: string }) {
  const dir = tempDir('comp-');
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8')));
  copyFileSync(join(FIXTURES, 'cover-photo.png'), join(dir, 'cover-photo.png'));
  if (csv) writeFileSync(join(dir, csv.name), csv.text);
  return check(file);
}

const byWork = (facts: Record<string, unknown>) => facts.compensation_by_work as (number | null)[][];

describe('compensation_by_work in check --json facts', () => {
  it('30 works from a CSV: each work\'s amount is its own formula rounded down once, each use the sum', async () => {
    const checked = await fixture('ruling-works-csv-amounts');
    expect(checked.ok).toBe(true);
    const csv = readFileSync(join(FIXTURES, 'ruling-works-csv-amounts-works.csv'), 'utf8').trim().split('\n').slice(1);
    const pages = csv.map((line) => BigInt(/,(\d+)\/300,/.exec(line)![1]));
    // Worked out here in whole integers: 2,800円 × copies × 7/100 × pages/300 × 110/100, floored.
    const expected = pages.map((p) => [1200n, 500n].map((copies) => Number((2800n * copies * 7n * p * 110n) / (100n * 300n * 100n))));
    const amounts = byWork(checked.facts);
    expect(amounts).toHaveLength(30);
    expect(amounts).toEqual(expected);
    expect(amounts[0]).toEqual([10348, 4312]); // 2,800円×1,200部×7%×12/300×1.10 = 10,348.8
    const sums = [0, 1].map((u) => amounts.reduce((s, w) => s + w[u]!, 0));
    expect(checked.facts.compensation).toEqual(sums);
    expect(sums).toEqual([174192, 72575]);
    // One floor per work, not one for the whole: the 202 pages together would be 174,204円.
    expect(Number((2800n * 1200n * 7n * 202n * 110n) / (100n * 300n * 100n))).toBe(174204);
    expect(checked.problems.filter((p) => p.path.join('.').includes('compensation'))).toEqual([]);
  });

  it('one work: the work\'s amount is the use\'s, and the seed\'s amounts stay as they were', async () => {
    const reprint = await fixture('ruling-reprint');
    expect(reprint.facts.compensation).toEqual([181440, 30240]);
    expect(byWork(reprint.facts)).toEqual([[181440, 30240]]);
    expect(byWork((await fixture('ruling-drama-dvd')).facts)).toEqual([[3780, 378]]);
  });

  it('several works none of which states its part: the one amount stays, each work\'s is null, and a warning asks for it', async () => {
    const anthology = await fixture('ruling-anthology');
    expect(anthology.ok).toBe(true);
    expect(anthology.facts.compensation).toEqual([26400]);
    expect(byWork(anthology.facts)).toEqual([[null], [null], [null]]);
    const warning = anthology.problems.find((p) => p.path.join('.') === 'uses.0.compensation')!;
    expect(warning.severity).toBe('warning');
    expect(warning.ja).toContain('全体の分量と当該著作物が占める分量');
  });

  it('works in YAML giving their pages of the whole: shares matching the use\'s share, no warning about them', async () => {
    const shares = ['7/200', '1/200', '2/200'];
    let i = 0;
    const checked = await edited('ruling-anthology', (y) =>
      y.replace(/^(    description: .*)$/gm, (line) => `${line}\n    compensation: { share: ${shares[i++]} }`));
    expect(checked.ok).toBe(true);
    // 2,400円×2,000部×10%×7/200×1.10 = 18,480円; ×1/200 = 2,640円; ×2/200 = 5,280円.
    expect(byWork(checked.facts)).toEqual([[18480], [2640], [5280]]);
    expect(checked.facts.compensation).toEqual([26400]);
    expect(checked.problems.filter((p) => p.path.join('.').includes('compensation'))).toEqual([]);
  });

  it('warns when the works\' shares do not add up to the use\'s share', async () => {
    let i = 0;
    const checked = await edited('ruling-anthology', (y) =>
      y.replace(/^(    description: .*)$/gm, (line) => `${line}\n    compensation: { share: ${['7/200', '1/200', '4/200'][i++]} }`));
    const warning = checked.problems.find((p) => p.path.join('.') === 'uses.0.compensation.share')!;
    expect(warning.severity).toBe('warning');
    expect(warning.en).toContain('add up to 3/50, not the use\'s share 1/20');
  });

  it('refuses a work left without its part when the others state theirs, and a quantity no use has', async () => {
    let i = 0;
    const parts = ['{ share: 7/200 }', '{ share: 1/200, amount: 500 }'];
    const checked = await edited('ruling-anthology', (y) =>
      y.replace(/^(    description: .*)$/gm, (line) => (i < 2 ? `${line}\n    compensation: ${parts[i++]}` : line)));
    expect(checked.ok).toBe(false);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.path.join('.')).sort()).toEqual(['works.1.compensation.amount', 'works.2.compensation']);
    expect(errors.find((p) => p.path.join('.') === 'works.2.compensation')!.en).toContain('this one does not');
    expect(errors.find((p) => p.path.join('.') === 'works.1.compensation.amount')!.hint?.en).toContain('unit_price, copies, rate, share');
  });

  it('a share the CSV cannot read is reported at its row and column', async () => {
    const text = readFileSync(join(FIXTURES, 'ruling-works-csv-amounts-works.csv'), 'utf8').replace(',8/300,', ',8/0,');
    const checked = await edited('ruling-works-csv-amounts', (y) => y, { name: 'ruling-works-csv-amounts-works.csv', text });
    const error = checked.problems.find((p) => p.severity === 'error')!;
    expect(error.file).toMatch(/ruling-works-csv-amounts-works\.csv$/);
    expect([error.line, error.column]).toEqual([3, 5]);
  });
});

describe('a fixed amount stated before tax, through a case', () => {
  const museum = (edit: string) => edited('ruling-museum-broadcast', (y) => y.replace('formula: fixed, amount: 20000,', edit));

  it('before_tax: true adds the tax of the case date (令和7年: 10%)', async () => {
    const checked = await museum('formula: fixed, amount: 20000, before_tax: true,');
    expect(checked.ok).toBe(true);
    expect(checked.facts.compensation).toEqual([22000]);
  });

  it('a tax rate of its own is added, not ignored; with before_tax: false it is refused', async () => {
    expect((await museum('formula: fixed, amount: 20000, tax_rate: 8%,')).facts.compensation).toEqual([21600]);
    const refused = await museum('formula: fixed, amount: 20000, tax_rate: 8%, before_tax: false,');
    expect(refused.ok).toBe(false);
    expect(refused.problems.find((p) => p.severity === 'error')!.path.join('.')).toBe('uses.0.compensation.tax_rate');
  });

  it('as it stands otherwise (the contract case is unchanged)', async () => {
    expect((await fixture('ruling-museum-broadcast')).facts.compensation).toEqual([20000]);
  });
});
