/**
 * Rules of the transmission-exclusion procedure (seed 000), as pure functions over the dated data
 * in src/law/data/transmission.ts.
 */
import { inForceOn, valueInForce } from '../dated.js';
import { CRITERIA, PRE_EXCLUSION_ROUNDS, REISSUE_WINDOW_MONTHS, type Criterion, type RequesterRole } from '../data/transmission.js';
import { addMonths } from '../../base/format.js';

/**
 * The NDL names a digitized item by its persistent identifier, written in several ways:
 * info:ndljp/pid/1234567, https://dl.ndl.go.jp/pid/1234567, https://dl.ndl.go.jp/info:ndljp/pid/1234567
 * or the bare number; copied from the viewer, the address also carries the volume and page
 * (…/pid/1234567/1/5) and a search (?keyword=…). All name the same item; the key is the number
 * without leading zeros. Returns null for text that is no identifier (a heading, a note row).
 */
export function pidKey(text: string): string | null {
  const s = text.trim().replace(/[?#].*$/, '');
  const m = /(?:^|[/:])pid\/(\d+)(?:\/\d+)*\/?$/i.exec(s) ?? /^(\d+)$/.exec(s);
  return m ? m[1].replace(/^0+(?=\d)/, '') : null;
}

/** May a requester in this role invoke the criterion? (基準3 is the author's, or passed on for the author.) */
export function mayInvoke(criterion: Criterion, role: RequesterRole, date: string): boolean {
  const who = valueInForce(CRITERIA, date)[criterion].who;
  return who === 'anyone' || who.includes(role);
}

/** Does a role invoke 基準3 for someone else, so that the author's own request must be shown? */
export const onAuthorsBehalf = (role: RequesterRole) => role !== 'author';

export type ReissueTiming = 'past' | 'within' | 'beyond-guideline' | 'too-far';

/**
 * Where a planned reissue stands: due within about three months of the request counts as in print;
 * past them the NDL judges (おおむね); past the limit yoshiki refuses it. `windowEnd` and `limitEnd`
 * are the last days of each, `earliest` the first request date from which the reissue is due within
 * the three months.
 */
export function reissueTiming(requestDate: string, reissueOn: string): { timing: ReissueTiming; windowEnd: string; limitEnd: string; earliest: string } {
  const { guideline, limit } = valueInForce(REISSUE_WINDOW_MONTHS, requestDate);
  const windowEnd = addMonths(requestDate, guideline);
  const limitEnd = addMonths(requestDate, limit);
  const earliest = addMonths(reissueOn, -guideline);
  const timing = reissueOn <= requestDate ? 'past' : reissueOn <= windowEnd ? 'within' : reissueOn <= limitEnd ? 'beyond-guideline' : 'too-far';
  return { timing, windowEnd, limitEnd, earliest };
}

export type PreRound = { fiscalYear: number; until: string };

/**
 * Whether a request for ②事前除外 falls in a round yoshiki knows to be open: the round the case
 * names (by fiscal year), or else the latest round opened by the request's date. `closed`: that
 * round's last day has passed; `unknown`: the named round is not in the data, or no round is known
 * open on the date. `latest` is the last round known, for the message.
 */
export function preExclusionRound(date: string, fiscalYear?: number): { status: 'open' | 'closed' | 'unknown'; round?: PreRound; latest: PreRound } {
  const latest = [...PRE_EXCLUSION_ROUNDS].sort((a, b) => a.value.fiscalYear - b.value.fiscalYear).at(-1)!.value;
  const round = fiscalYear === undefined
    ? inForceOn(PRE_EXCLUSION_ROUNDS, date)?.value
    : PRE_EXCLUSION_ROUNDS.find((r) => r.value.fiscalYear === fiscalYear)?.value;
  if (!round) return { status: 'unknown', latest };
  if (date <= round.until) return { status: 'open', round, latest };
  return { status: fiscalYear === undefined ? 'unknown' : 'closed', round, latest };
}

/** How many items the request makes on each ground, every ground listed (0 included). */
export function countByCriterion(criteria: Criterion[]): Record<Criterion, number> {
  const counts: Record<Criterion, number> = { 'in-print': 0, managed: 0, 'author-request': 0, 'reserved-category': 0 };
  for (const c of criteria) counts[c]++;
  return counts;
}
