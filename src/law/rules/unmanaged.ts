/**
 * The rules of the ruling on unmanaged published works (未管理著作物裁定, 著作権法67条の3) as pure
 * functions over the case's records and the dated data (src/law/data/unmanaged-ruling.ts): the work
 * is published and unmanaged, the will-confirmation measures (1)–(4) were taken, the 14 days after
 * the last message reached its addressee have passed, and the period of use is at most 3 years.
 */
import { addDays, addMonths } from '../../base/format.js';
import type { FieldPath, Finding } from '../../base/problem.js';
import { inForceOn, type Dated } from '../dated.js';
import { UNMANAGED_MAX_YEARS, UNMANAGED_MIN_CONTACTS, UNMANAGED_WAIT_DAYS } from '../data/unmanaged-ruling.js';

/** The value in force on `date`, or the table's first (a case dated before the ruling existed is refused elsewhere). */
const value = <T>(table: readonly Dated<T>[], date: string): T => (inForceOn(table, date) ?? table[0]).value;

export const waitDays = (date: string) => value(UNMANAGED_WAIT_DAYS, date);
export const maxYears = (date: string) => value(UNMANAGED_MAX_YEARS, date);
export const minContacts = (date: string) => value(UNMANAGED_MIN_CONTACTS, date);

/**
 * The first day the application may be filed: the days of waiting are counted from the day after
 * the last message arrived (arrival 11-01 → 11-02 … 11-15), so filing is from the day after them (11-16).
 */
export function earliestFilingAfterContacts(arrivals: string[], date: string): string | null {
  if (arrivals.length === 0) return null;
  const last = arrivals.reduce((a, b) => (a > b ? a : b));
  return addDays(last, waitDays(date) + 1);
}

/** The last day of a use of at most `years` years that starts on `start` (2027-01-01, 3 → 2029-12-31; 民法143条). */
export function longestUseEnd(start: string, date: string): string {
  return addDays(addMonths(start, 12 * maxYears(date)), -1);
}

export interface UnmanagedStatus {
  published: { checked_on: string };
  management: { checked_on: string; managed: boolean };
  will_shown: { checked_on: string; use_rules: boolean; request_address: boolean };
}

export interface ViewedSite { viewed_on: string }

export interface ContactRecord { sent_on: string; arrived_on: string }

export interface UnmanagedMeasures {
  work_information: { checked_on: string };
  websites: ViewedSite[];
  rights_search: { searched_on: string; listed_sites?: ViewedSite[] };
  contacts: ContactRecord[];
  only_contact?: string;
}

export interface UnmanagedCase {
  date: string;
  status: UnmanagedStatus;
  measures: UnmanagedMeasures;
  use_period: { start: string; end: string };
}

type Dates = { on: string; date: string };

/** What the checks can find; the dates are ISO, for the form to write in each language's way. */
export type UnmanagedFinding =
  | Finding<'unmanaged-managed' | 'unmanaged-use-rules-shown' | 'unmanaged-request-address-shown' | 'unmanaged-contacts-none'
      | 'unmanaged-only-contact-with-several', Record<string, never>>
  | Finding<'unmanaged-contacts-too-few', { min: number; count: number }>
  | Finding<'unmanaged-arrived-before-sent', { sent: string; arrived: string }>
  | Finding<'unmanaged-record-after-application', Dates>
  | Finding<'unmanaged-filed-too-early', { arrived: string; days: number; earliest: string; date: string }>
  | Finding<'unmanaged-period-reversed', { start: string; end: string }>
  | Finding<'unmanaged-period-too-long', { start: string; end: string; years: number; longest: string }>
  | Finding<'unmanaged-period-before-application', { start: string; date: string }>;

const found = <F extends UnmanagedFinding>(code: F['code'], path: FieldPath, params: F['params'], severity: 'error' | 'warning' = 'error') =>
  ({ code, severity, path, params }) as F;

export function checkUnmanaged(c: UnmanagedCase): UnmanagedFinding[] {
  const out: UnmanagedFinding[] = [];
  const s = c.status;
  // 法67条の3第1項: a work managed by a 著作権等管理事業者, or one showing how to ask for its use, is out of scope.
  if (s.management.managed) out.push(found('unmanaged-managed', ['status', 'management', 'managed'], {}));
  if (s.will_shown.use_rules) out.push(found('unmanaged-use-rules-shown', ['status', 'will_shown', 'use_rules'], {}));
  if (s.will_shown.request_address) out.push(found('unmanaged-request-address-shown', ['status', 'will_shown', 'request_address'], {}));

  // Every record is dated on or before the application.
  const dated: [string, FieldPath][] = [
    [s.published.checked_on, ['status', 'published', 'checked_on']],
    [s.management.checked_on, ['status', 'management', 'checked_on']],
    [s.will_shown.checked_on, ['status', 'will_shown', 'checked_on']],
    [c.measures.work_information.checked_on, ['measures', 'work_information', 'checked_on']],
    ...c.measures.websites.map((w, i): [string, FieldPath] => [w.viewed_on, ['measures', 'websites', i, 'viewed_on']]),
    [c.measures.rights_search.searched_on, ['measures', 'rights_search', 'searched_on']],
    ...(c.measures.rights_search.listed_sites ?? []).map((w, i): [string, FieldPath] => [w.viewed_on, ['measures', 'rights_search', 'listed_sites', i, 'viewed_on']]),
    ...c.measures.contacts.flatMap((k, i): [string, FieldPath][] => [[k.sent_on, ['measures', 'contacts', i, 'sent_on']], [k.arrived_on, ['measures', 'contacts', i, 'arrived_on']]]),
  ];
  for (const [on, path] of dated) if (on > c.date) out.push(found('unmanaged-record-after-application', path, { on, date: c.date }));

  // Measure (4): at least two domestic contacts, or the only one found, said so.
  const contacts = c.measures.contacts;
  const min = minContacts(c.date);
  if (contacts.length === 0) out.push(found('unmanaged-contacts-none', ['measures', 'contacts'], {}));
  else if (contacts.length < min && !c.measures.only_contact)
    out.push(found('unmanaged-contacts-too-few', ['measures', 'contacts'], { min, count: contacts.length }));
  if (contacts.length >= min && c.measures.only_contact) out.push(found('unmanaged-only-contact-with-several', ['measures', 'only_contact'], {}));
  contacts.forEach((k, i) => {
    if (k.arrived_on < k.sent_on) out.push(found('unmanaged-arrived-before-sent', ['measures', 'contacts', i, 'arrived_on'], { sent: k.sent_on, arrived: k.arrived_on }));
  });
  const earliest = earliestFilingAfterContacts(contacts.map((k) => k.arrived_on), c.date);
  if (earliest && c.date < earliest) {
    const arrived = contacts.map((k) => k.arrived_on).reduce((a, b) => (a > b ? a : b));
    out.push(found('unmanaged-filed-too-early', ['date'], { arrived, days: waitDays(c.date), earliest, date: c.date }));
  }

  // 法67条の3第2項: the use is for a period of at most 3 years.
  const { start, end } = c.use_period;
  if (end < start) out.push(found('unmanaged-period-reversed', ['use_period', 'end'], { start, end }));
  else {
    const longest = longestUseEnd(start, c.date);
    if (end > longest) out.push(found('unmanaged-period-too-long', ['use_period', 'end'], { start, end, years: maxYears(c.date), longest }));
  }
  if (start < c.date) out.push(found('unmanaged-period-before-application', ['use_period', 'start'], { start, date: c.date }, 'warning'));
  return out;
}
