/**
 * 補償金 (item 5) for each use: its formula worked out by the pure rules (src/law/rules/compensation.ts)
 * at the application date. A use without a formula is an error at the use: item 5 must state the
 * estimated amount and how it was worked out (seed 004 第3の3(1)キ), and no paper says there is none.
 *
 * With several works, a use whose works state their part (works[].compensation: a share of the whole
 * or quantities of their own, seed 004 line 636) is worked out per work: each work's amount, rounded
 * down once, goes on the 別紙, and the use's amount is their sum. A use none of whose works states a
 * part keeps its one amount for all the works together, with a warning that the Agency fixes the
 * compensation per rights holder.
 */
import type { Problem } from '../../base/problem.js';
import {
  applicableTerms, computeByWork, computeCompensation, sumOfShares, withWorkTerms, WORK_QUANTITIES,
  type ByWork, type CompensationResult, type WorkTerms,
} from '../../law/rules/compensation.js';
import { copyrightMessages as m, type Use, type Work } from './schema.js';

export interface Compensations {
  /** Each use's amount: its formula, or the sum of its works' amounts when worked out per work. */
  results: (CompensationResult | null)[];
  /** Each use worked out per work (several works that state their part), else null. */
  byWork: (ByWork | null)[];
  /** Yen per work per use ([work][use]): null where a work's part of a use is not known. */
  perWork: (number | null)[][];
  problems: Problem[];
}

export function compensationsOf(uses: Use[], date: string, works: Work[] = []): Compensations {
  const problems: Problem[] = [];
  const terms = works.map((w) => w.compensation as WorkTerms | undefined);
  const formulas = uses.map((u) => u.compensation?.formula);

  // A work's term that no use's formula has is refused, not dropped (a share fits every formula).
  terms.forEach((t, w) => {
    if (!t) return;
    for (const key of Object.keys(t).filter((k) => t[k] !== undefined))
      if (!formulas.some((f) => f && applicableTerms(f, { [key]: t[key] }).length))
        problems.push(m.error('copyright-work-compensation-unused', ['works', w, 'compensation', key], {
          key, formulas: [...new Set(formulas.filter(Boolean))].join(', ') || '—',
          keys: [...new Set(formulas.flatMap((f) => (f ? [...WORK_QUANTITIES[f], 'share'] : [])))].join(', ') || '—',
        }));
  });

  const byWork: (ByWork | null)[] = [];
  const results = uses.map((use, i) => {
    byWork.push(null);
    const c = use.compensation;
    if (!c) {
      problems.push(m.error('copyright-compensation-missing', ['uses', i]));
      return null;
    }
    if (c.formula === 'fixed' && c.before_tax === false && c.tax_rate)
      problems.push(m.error('copyright-fixed-tax-rate-not-before-tax', ['uses', i, 'compensation', 'tax_rate']));
    if (c.formula === 'fixed' && c.unit_label)
      problems.push(m.error('copyright-fixed-unit-label', ['uses', i, 'compensation', 'unit_label']));
    const stated = terms.map((t) => applicableTerms(c.formula, t).length > 0);
    // One work: what it states of the formula is simply the use's formula.
    if (works.length === 1) return computeCompensation(stated[0] ? withWorkTerms(c, terms[0]!) : c, date);
    if (!stated.some(Boolean)) {
      if (works.length > 1) problems.push(m.warning('copyright-compensation-not-by-work', ['uses', i, 'compensation'], { use: i + 1 }));
      return computeCompensation(c, date);
    }
    stated.forEach((s, w) => {
      if (!s) problems.push(m.error('copyright-work-compensation-missing', ['works', w, 'compensation'], { use: i + 1 }));
    });
    if (!stated.every(Boolean)) return computeCompensation(c, date);
    const split = computeByWork(c, terms.map((t) => t ?? {}), date);
    byWork[i] = split;
    checkShares(c, terms, i, problems);
    const whole = computeCompensation(c, date);
    return { ...whole, amount: split.total, formulaLine: null, values: null };
  });

  const perWork = works.map((_, w) => results.map((r, u) => {
    if (!r) return null;
    const split = byWork[u];
    if (split) return split.works[w].amount;
    return works.length === 1 ? r.amount : null;
  }));
  return { results, byWork, perWork, problems };
}

/** The works' shares against the whole: the use's own share (print-partial), or all of it. */
function checkShares(c: NonNullable<Use['compensation']>, terms: (WorkTerms | undefined)[], i: number, problems: Problem[]) {
  const given = terms.filter((t): t is WorkTerms => !!t?.share);
  if (given.length === 0) return;
  const sum = sumOfShares(given);
  if (c.formula === 'print-partial' && given.length === terms.length && !sum.equals(c.share.value))
    problems.push(m.warning('copyright-work-shares-differ', ['uses', i, 'compensation', 'share'], { use: i + 1, sum: sum.toFraction(), share: c.share.display }));
  else if (sum.compare(1) > 0)
    problems.push(m.warning('copyright-work-shares-exceed', ['uses', i, 'compensation'], { use: i + 1, sum: sum.toFraction() }));
}
