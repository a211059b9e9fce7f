/**
 * Rules of the transmission-exclusion procedure (seed 000), as pure functions over the dated data
 * in src/law/data/transmission.ts.
 */
import { valueInForce } from '../dated.js';
import { CRITERIA, REISSUE_WINDOW_MONTHS, type Criterion, type RequesterRole } from '../data/transmission.js';
import { addMonths } from '../../base/format.js';

/**
 * The NDL names a digitized item by its persistent identifier, written in several ways:
 * info:ndljp/pid/1234567, https://dl.ndl.go.jp/pid/1234567, https://dl.ndl.go.jp/info:ndljp/pid/1234567
 * or the bare number. All name the same item; the key is the number without leading zeros.
 * Returns null for text that is no identifier (a heading, a note row).
 */
export function pidKey(text: string): string | null {
  const s = text.trim();
  const m = /(?:^|[/:])pid\/(\d+)\/?$/i.exec(s) ?? /^(\d+)$/.exec(s);
  return m ? m[1].replace(/^0+(?=\d)/, '') : null;
}

/** May a requester in this role invoke the criterion? (基準3 is the author's, or passed on for the author.) */
export function mayInvoke(criterion: Criterion, role: RequesterRole, date: string): boolean {
  const who = valueInForce(CRITERIA, date)[criterion].who;
  return who === 'anyone' || who.includes(role);
}

/** Does a role invoke 基準3 for someone else, so that the author's own request must be shown? */
export const onAuthorsBehalf = (role: RequesterRole) => role !== 'author';

export type ReissueTiming = 'past' | 'within' | 'too-far';

/**
 * Where a planned reissue stands against the window: due within about three months of the request
 * counts as in print; beyond it, the NDL will not accept it yet. `earliest` is the first request
 * date from which the reissue would fall inside the window.
 */
export function reissueTiming(requestDate: string, reissueOn: string): { timing: ReissueTiming; windowEnd: string; earliest: string } {
  const months = valueInForce(REISSUE_WINDOW_MONTHS, requestDate);
  const windowEnd = addMonths(requestDate, months);
  const earliest = addMonths(reissueOn, -months);
  const timing = reissueOn <= requestDate ? 'past' : reissueOn <= windowEnd ? 'within' : 'too-far';
  return { timing, windowEnd, earliest };
}

/** How many items the request makes on each ground, every ground listed (0 included). */
export function countByCriterion(criteria: Criterion[]): Record<Criterion, number> {
  const counts: Record<Criterion, number> = { 'in-print': 0, managed: 0, 'author-request': 0, 'reserved-category': 0 };
  for (const c of criteria) counts[c]++;
  return counts;
}
