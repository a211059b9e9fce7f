/**
 * The items every ruling application states the same way, for 法67条 and 法67条の3 alike: the work
 * (items 1–3, or 「別紙一覧のとおり」 and the 別紙 list when there are several) and the uses with
 * their compensation (items 4 and 5: the amount, the workings and the formula line of seed 004).
 */
import { yen } from '../../base/format.js';
import type { CompensationResult } from '../../law/rules/compensation.js';
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

/** The 別紙 list: one row per work, No. as wide as its largest number, No. and title repeated where a row continues. */
export function worksTable(works: Work[], subject: Subject, terms: Terms): Omit<Table, 'kind'> {
  const isWork = subject === 'work';
  const widths = isWork ? [0.06, 0.22, 0.15, 0.14, 0.43] : [0.06, 0.28, 0.18, 0.48];
  const headers = ['No.', ...terms.list_columns];
  return {
    columns: headers.map((header, i) => ({
      header, width: widths[i], align: i === 0 ? 'right' as const : 'left' as const, fit: i === 0 || undefined, identifies: i < 2 || undefined,
    })),
    rows: works.map((w, i) => [
      String(i + 1), titleOf(w, terms), authorOf(w),
      ...(isWork ? [categoryOf(w) ?? ''] : []),
      w.description,
    ]),
  };
}

/** Items 4 and 5: each use's method, and its amount with how it was worked out (none: stated as such). */
export function usesItem(uses: Use[], compensation: (CompensationResult | null)[]) {
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
    };
  });
}
