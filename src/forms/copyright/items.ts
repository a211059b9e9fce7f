/**
 * The items every ruling application states the same way, for 法67条 and 法67条の3 alike: the work
 * (items 1–3, or 「別紙一覧のとおり」 and the 別紙 list when there are several) and the uses with
 * their compensation (items 4 and 5: the amount, the workings and the formula line of seed 004).
 */
import { yen } from '../../base/format.js';
import type { ByWork, CompensationResult } from '../../law/rules/compensation.js';
import type { Table } from '../../model/document.js';
import type { Subject, Use, Work } from './schema.js';
import { authorOf, categoryOf, titleOf, type Terms } from './words.js';

/** One work, for items 1–3. */
export function workLine(w: Work, terms: Terms) {
  return {
    title: titleOf(w, terms),
    author: authorOf(w),
    category: categoryOf(w),
    description: w.description,
  };
}

/**
 * The 別紙 list: one row per work (`numbers`: their No. in the case, when the list holds one group of several), No. as wide as its largest number, No. and title repeated where a
 * row continues; with `amounts` (workAmounts) a last column gives each work's compensation.
 */
export function worksTable(works: Work[], subject: Subject, terms: Terms, amounts?: string[] | null, numbers?: string[]): Omit<Table, 'kind'> {
  const isWork = subject === 'work';
  const widths = amounts
    ? (isWork ? [0.06, 0.18, 0.13, 0.14, 0.32, 0.17] : [0.06, 0.24, 0.16, 0.37, 0.17])
    : (isWork ? [0.06, 0.22, 0.15, 0.14, 0.43] : [0.06, 0.28, 0.18, 0.48]);
  const headers = ['No.', ...terms.list_columns, ...(amounts ? [terms.list_amount] : [])];
  const last = headers.length - 1;
  return {
    columns: headers.map((header, i) => ({
      header, width: widths[i],
      align: i === 0 || (amounts && i === last) ? 'right' as const : 'left' as const,
      fit: i === 0 || (amounts && i === last) || undefined, identifies: i < 2 || undefined,
    })),
    rows: works.map((w, i) => [
      numbers?.[i] ?? String(i + 1), titleOf(w, terms), authorOf(w),
      ...(isWork ? [categoryOf(w) ?? ''] : []),
      w.description,
      ...(amounts ? [amounts[i]] : []),
    ]),
  };
}

/**
 * Each work's amount for the 別紙, when some use was worked out per work (else null): with one use
 * the amount; with several, one line per use worked out per work, labelled as items 4 and 5 label
 * them, and their total.
 */
export function workAmounts(byWork: (ByWork | null)[], workCount: number, terms: Terms): string[] | null {
  const split = byWork.map((b, u) => ({ b, u })).filter((x): x is { b: ByWork; u: number } => !!x.b);
  if (split.length === 0) return null;
  const several = byWork.length > 1;
  return Array.from({ length: workCount }, (_, w) => {
    const lines = split.map(({ b, u }) => `${several ? `（${u + 1}）` : ''}${yen(b.works[w].amount)}`);
    if (split.length > 1) lines.push(`${terms.list_total}${yen(split.reduce((sum, { b }) => sum + b.works[w].amount, 0))}`);
    return lines.join('\n');
  });
}

/** Items 4 and 5: each use's method, and its amount with how it was worked out (none: stated as such). */
export function usesItem(uses: Use[], compensation: (CompensationResult | null)[], byWork: (ByWork | null)[] = []) {
  const several = uses.length > 1;
  return uses.map((use, i) => {
    const r = compensation[i];
    return {
      label: several ? `（${i + 1}）` : null,
      method: use.method,
      amount: r ? yen(r.amount) : null,
      workings: r?.workings ?? [],
      formula: r?.formulaLine ?? null,
      basis: use.compensation?.basis ?? null,
      byWork: byWork[i] ? workLines(byWork[i]) : null,
    };
  });
}

/**
 * One formula line per work (its No. in the 別紙): the terms once when every work has the same, then
 * each work's values and amount; a work whose terms differ gets the whole line of the seed's form.
 */
function workLines(b: ByWork) {
  const labels = b.works.every((w) => w.labels === b.works[0].labels) ? b.works[0].labels : null;
  return {
    labels,
    lines: b.works.map((w, i) => ({ no: i + 1, workings: w.workings, line: labels ? w.values : w.formulaLine ?? yen(w.amount) })),
  };
}
