/**
 * 補償金の額 (item 5): the seven formulas of seed 004's worked examples (README: Where the rules come from), in exact rational arithmetic.
 * An amount is rounded down to the yen once, at the end (円未満切捨て).
 *
 * With several works a use is also worked out per work (computeByWork): the seed asks for 「全体の分量
 * （ページ数や収録時間数）と当該著作物が占める分量」 (seed 004 第3の3(1)キ, line 636) and its 記載例2 multiplies
 * by 「刊行物に占める当該著作物の割合」 (line 656); the Agency fixes the compensation per rights holder
 * (法67条1項: 「著作権者のために供託」). Each work's amount is its own formula, rounded down once; the use's
 * total is the sum of those whole-yen amounts, so the total deposited is what the works add up to.
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
    | { formula: 'fixed'; amount: Exact; before_tax?: boolean }
  ) & {
    /**
     * A work's part of the whole use (全体に占める当該著作物の割合, seed 004 line 636) for the formulas
     * without a share of their own; set by withWorkTerms, never by a case directly.
     */
    work_share?: Exact;
  };

export type Formula = Compensation['formula'];

/** The quantities of each formula that a work may state for itself (its own copies, rate, amount …). */
export const WORK_QUANTITIES: Record<Formula, readonly string[]> = {
  print: ['unit_price', 'copies', 'rate'],
  'print-partial': ['unit_price', 'copies', 'rate', 'share'],
  'online-period': ['unit_price', 'rate', 'annual_uses', 'years'],
  'online-downloads': ['unit_price', 'rate', 'downloads'],
  video: ['unit_price', 'rate', 'contribution', 'copies'],
  'monthly-tariff': ['per_request', 'monthly_requests', 'minimum', 'months'],
  fixed: ['amount'],
};

/** What one work states of a use's formula: its share of the whole and any quantity of its own. */
export type WorkTerms = { [key: string]: Exact | undefined; share?: Exact };

/** The keys of `terms` that apply to formula `f` (a share applies to every formula). */
export function applicableTerms(f: Formula, terms: WorkTerms | undefined): string[] {
  if (!terms) return [];
  return Object.keys(terms).filter((k) => terms[k] !== undefined && (k === 'share' || WORK_QUANTITIES[f].includes(k)));
}

export interface CompensationResult {
  /** Whole yen. */
  amount: number;
  /** The factor used, e.g. "1.08", or null for a fixed amount. */
  taxFactor: string | null;
  /** Lines printed before the formula line (how a monthly fee was found). */
  workings: string[];
  /** The seed's one-line formula: （labels→values=amount）, or null for a fixed amount. */
  formulaLine: string | null;
  /** The formula's terms alone: 本体価格×発行部数×…×消費税 (null for a fixed amount). */
  labels: string | null;
  /** Its values and result: 800円×3,000部×7%×1.08=181,440円 (null for a fixed amount). */
  values: string | null;
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

const SHARE_LABEL = '刊行物に占める当該著作物の割合'; // seed 004 記載例2 (line 656)
const WORK_SHARE_LABEL = '全体に占める当該著作物の割合'; // seed 004 line 636: 全体の分量と当該著作物が占める分量

export function computeCompensation(c: Compensation, date: string): CompensationResult {
  // A fixed amount is taken as it stands unless it is stated before tax (or given a tax rate of its own).
  const taxed = c.formula !== 'fixed' || (c.before_tax ?? c.tax_rate !== undefined);
  const tax = taxFactor(date, c.tax_rate);
  // A work's part of a whole that has no share of its own: one more term before the tax.
  const part = c.work_share;
  const line = (labels: string[], values: string[], total: Fraction) => {
    const withPart = part ? total.mul(part.value) : total;
    const amount = floorYen(taxed ? withPart.mul(tax.value) : withPart);
    const allLabels = [...labels, ...(part ? [WORK_SHARE_LABEL] : []), ...(taxed ? ['消費税'] : [])].join('×');
    const allValues = `${[...values, ...(part ? [part.display] : []), ...(taxed ? [tax.display] : [])].join('×')}=${groupDigits(amount)}円`;
    return {
      amount, taxFactor: taxed ? tax.display : null, workings: [] as string[],
      formulaLine: `（${allLabels}→${allValues}）`, labels: allLabels, values: allValues,
    };
  };
  switch (c.formula) {
    case 'fixed':
      // A fixed amount is printed as it is, unless it is stated before tax (or with its own tax rate) or is a work's part.
      if (!taxed && !part) return { amount: floorYen(c.amount.value), taxFactor: null, workings: [], formulaLine: null, labels: null, values: null };
      return line([taxed ? '補償金の額（税抜）' : '補償金の額'], [money(c.amount)], c.amount.value);
    case 'print':
      return line(
        ['本体価格', c.unit_label ?? '発行部数', term('印税率', c.rate)],
        [money(c.unit_price), `${c.copies.display}部`, c.rate.display],
        c.unit_price.value.mul(c.copies.value).mul(c.rate.value),
      );
    case 'print-partial':
      return line(
        ['本体価格', c.unit_label ?? '発行部数', term('印税率', c.rate), SHARE_LABEL],
        [money(c.unit_price), `${c.copies.display}部`, c.rate.display, c.share.display],
        c.unit_price.value.mul(c.copies.value).mul(c.rate.value).mul(c.share.value),
      );
    case 'online-period':
      return line(
        ['オンライン提供する場合の本体価格', term('使用料率', c.rate), c.unit_label ?? '年間利用件数（見込み）', '利用年数'],
        [money(c.unit_price), c.rate.display, `${c.annual_uses.display}件`, `${c.years.display}年`],
        c.unit_price.value.mul(c.rate.value).mul(c.annual_uses.value).mul(c.years.value),
      );
    case 'online-downloads':
      return line(
        ['本体価格', term('使用料率', c.rate), c.unit_label ?? 'ダウンロード予定数'],
        [money(c.unit_price), c.rate.display, c.downloads.display],
        c.unit_price.value.mul(c.rate.value).mul(c.downloads.value),
      );
    case 'video':
      return line(
        ['小売価格（消費税抜）', term('使用料率', c.rate), term('寄与率', c.contribution), c.unit_label ?? '出荷数'],
        [money(c.unit_price), c.rate.display, c.contribution.display, c.copies.display],
        c.unit_price.value.mul(c.rate.value).mul(c.contribution.value).mul(c.copies.value),
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
        monthly.mul(c.months.value),
      );
      return { ...result, workings: [working] };
    }
  }
}

/**
 * A use's formula as one work states it: the work's own quantities replace the use's, and its share
 * is the formula's 「刊行物に占める当該著作物の割合」 (print becomes print-partial, seed 004 記載例2) or, for
 * the formulas without a share, one more term 「全体に占める当該著作物の割合」 (line 636).
 */
export function withWorkTerms(c: Compensation, terms: WorkTerms): Compensation {
  const own: Record<string, Exact> = {};
  for (const k of applicableTerms(c.formula, terms)) if (k !== 'share') own[k] = terms[k]!;
  const merged = { ...c, ...own } as Compensation;
  const share = terms.share;
  if (!share) return merged;
  if (merged.formula === 'print') return { ...merged, formula: 'print-partial', share };
  if (merged.formula === 'print-partial') return { ...merged, share };
  return { ...merged, work_share: share };
}

export interface ByWork {
  /** Each work's amount, formula and values (one rounding down per work). */
  works: CompensationResult[];
  /** The sum of the works' whole-yen amounts. */
  total: number;
}

/** A use worked out per work: each work's own formula, rounded down once, and their sum. */
export function computeByWork(c: Compensation, terms: WorkTerms[], date: string): ByWork {
  const works = terms.map((t) => computeCompensation(withWorkTerms(c, t), date));
  return { works, total: works.reduce((sum, w) => sum + w.amount, 0) };
}

/** The sum of the works' shares, exactly (to compare with a use's own share or with the whole). */
export function sumOfShares(terms: WorkTerms[]): Fraction {
  return terms.reduce((sum, t) => (t.share ? sum.add(t.share.value) : sum), new Fraction(0));
}

/** Rounds down to the whole yen (円未満切捨て), exactly. */
export function floorYen(x: Fraction): number {
  return Number(x.floor().toString());
}
