/**
 * 補償金の額 (item 5): the seven formulas of seed 004's worked examples (README: Where the rules come from), in exact rational arithmetic.
 * An amount is rounded down to the yen once, at the end (円未満切捨て).
 */
import Fraction from 'fraction.js';
import { inForceOn } from '../dated.js';
import { CONSUMPTION_TAX } from '../data/ruling.js';
import { groupDigits } from '../../base/format.js';

import type { Exact } from '../../base/exact.js';

export type { Exact };

interface Common {
  tax_rate?: Exact;
  basis?: string;
  unit_label?: string;
}

export type Compensation = Common &
  (
    | { formula: 'print'; unit_price: Exact; copies: Exact; rate: Exact }
    | { formula: 'print-partial'; unit_price: Exact; copies: Exact; rate: Exact; share: Exact }
    | { formula: 'online-period'; unit_price: Exact; rate: Exact; annual_uses: Exact; years: Exact }
    | { formula: 'online-downloads'; unit_price: Exact; rate: Exact; downloads: Exact }
    | { formula: 'video'; unit_price: Exact; rate: Exact; contribution: Exact; copies: Exact }
    | { formula: 'monthly-tariff'; per_request: Exact; monthly_requests: Exact; minimum: Exact; months: Exact }
    | { formula: 'fixed'; amount: Exact }
  );

export interface CompensationResult {
  /** Whole yen. */
  amount: number;
  /** The factor used, e.g. "1.08", or null for a fixed amount. */
  taxFactor: string | null;
  /** Lines printed before the formula line (how a monthly fee was found). */
  workings: string[];
  /** The seed's one-line formula: （labels→values=amount）, or null for a fixed amount. */
  formulaLine: string | null;
}

/** The consumption-tax factor in force on `date`, unless the use overrides it with `tax_rate`. */
export function taxFactor(date: string, override?: Exact): { value: Fraction; display: string } {
  if (override) {
    const value = new Fraction(1).add(override.value);
    return { value, display: value.toString() };
  }
  const entry = inForceOn(CONSUMPTION_TAX, date);
  // Before 1989-04-01 there was no consumption tax.
  if (!entry) return { value: new Fraction(1), display: '1' };
  return { value: new Fraction(entry.value), display: entry.value };
}

const money = (x: Exact) => `${x.display}円`;
const term = (label: string, x: Exact) => `${label}${x.display}`;

export function computeCompensation(c: Compensation, date: string): CompensationResult {
  if (c.formula === 'fixed') {
    return { amount: floorYen(c.amount.value), taxFactor: null, workings: [], formulaLine: null };
  }
  const tax = taxFactor(date, c.tax_rate);
  const line = (labels: string[], values: string[], total: Fraction) => {
    const amount = floorYen(total);
    const text = `（${[...labels, '消費税'].join('×')}→${[...values, tax.display].join('×')}=${groupDigits(amount)}円）`;
    return { amount, taxFactor: tax.display, workings: [], formulaLine: text };
  };
  switch (c.formula) {
    case 'print':
      return line(
        ['本体価格', c.unit_label ?? '発行部数', term('印税率', c.rate)],
        [money(c.unit_price), `${c.copies.display}部`, c.rate.display],
        c.unit_price.value.mul(c.copies.value).mul(c.rate.value).mul(tax.value),
      );
    case 'print-partial':
      return line(
        ['本体価格', c.unit_label ?? '発行部数', term('印税率', c.rate), '刊行物に占める当該著作物の割合'],
        [money(c.unit_price), `${c.copies.display}部`, c.rate.display, c.share.display],
        c.unit_price.value.mul(c.copies.value).mul(c.rate.value).mul(c.share.value).mul(tax.value),
      );
    case 'online-period':
      return line(
        ['オンライン提供する場合の本体価格', term('使用料率', c.rate), c.unit_label ?? '年間利用件数（見込み）', '利用年数'],
        [money(c.unit_price), c.rate.display, `${c.annual_uses.display}件`, `${c.years.display}年`],
        c.unit_price.value.mul(c.rate.value).mul(c.annual_uses.value).mul(c.years.value).mul(tax.value),
      );
    case 'online-downloads':
      return line(
        ['本体価格', term('使用料率', c.rate), c.unit_label ?? 'ダウンロード予定数'],
        [money(c.unit_price), c.rate.display, c.downloads.display],
        c.unit_price.value.mul(c.rate.value).mul(c.downloads.value).mul(tax.value),
      );
    case 'video':
      return line(
        ['小売価格（消費税抜）', term('使用料率', c.rate), term('寄与率', c.contribution), c.unit_label ?? '出荷数'],
        [money(c.unit_price), c.rate.display, c.contribution.display, c.copies.display],
        c.unit_price.value.mul(c.rate.value).mul(c.contribution.value).mul(c.copies.value).mul(tax.value),
      );
    case 'monthly-tariff': {
      const byRequests = c.per_request.value.mul(c.monthly_requests.value);
      const belowMinimum = byRequests.compare(c.minimum.value) < 0;
      const monthly = belowMinimum ? c.minimum.value : byRequests;
      const working =
        `月額使用料：1リクエスト当たり${money(c.per_request)}×月間${c.monthly_requests.display}リクエスト＝` +
        `${groupDigits(byRequests.toString())}円` +
        (belowMinimum ? `（最低使用料${money(c.minimum)}を下回るため${money(c.minimum)}）` : '');
      const result = line(
        ['月額使用料', c.unit_label ?? '月数'],
        [`${groupDigits(monthly.toString())}円`, `${c.months.display}か月`],
        monthly.mul(c.months.value).mul(tax.value),
      );
      return { ...result, workings: [working] };
    }
  }
}

/** Rounds down to the whole yen (円未満切捨て), exactly. */
export function floorYen(x: Fraction): number {
  return Number(x.floor().toString());
}
