/**
 * The days the NDL is closed (国会に置かれる機関の休日に関する法律1条) and the deadline rule of its 2条,
 * as pure functions over the dated data of src/law/data/closed-days.ts and the national holidays of
 * @holiday-jp/holiday_jp (国民の祝日に関する法律に規定する休日: 振替休日 and 国民の休日 included).
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { inForceOn } from '../dated.js';
import { DIET_ORGAN_CLOSED_DAYS } from '../data/closed-days.js';
import { addDays } from '../../base/format.js';

export type ClosedReason = 'sunday' | 'saturday' | 'national-holiday' | 'year-end';
export interface Closed { reason: ClosedReason; /** The holiday's name (元日, 文化の日 …) for a national holiday. */ name?: string }

const HOLIDAYS = holidayJp.holidays as Record<string, { name: string } | undefined>;
const HOLIDAY_YEARS = Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4)));

/** The years the holiday package lists; outside them a national holiday cannot be known. */
export const HOLIDAYS_KNOWN = { first: Math.min(...HOLIDAY_YEARS), last: Math.max(...HOLIDAY_YEARS) };
export const holidaysKnownFor = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= HOLIDAYS_KNOWN.first && year <= HOLIDAYS_KNOWN.last;
};

/** Why the NDL is closed on `iso`, or null when it is open (or no closed-days law was in force). */
export function ndlClosedOn(iso: string): Closed | null {
  const rules = inForceOn(DIET_ORGAN_CLOSED_DAYS, iso)?.value;
  if (!rules) return null;
  const day = new Date(`${iso}T00:00:00Z`);
  const weekday = day.getUTCDay();
  if (weekday === 0) return { reason: 'sunday' };
  // The n-th Saturday of the month: days 8–14 are the second, 22–28 the fourth.
  const nth = Math.ceil(day.getUTCDate() / 7);
  if (weekday === 6 && (rules.saturdays === 'all' || nth === 2 || nth === 4)) return { reason: 'saturday' };
  const holiday = HOLIDAYS[iso];
  if (holiday) return { reason: 'national-holiday', name: holiday.name };
  const monthDay = iso.slice(5);
  if (monthDay >= rules.yearEnd.from || monthDay <= rules.yearEnd.to) return { reason: 'year-end' };
  return null;
}

/**
 * 国会に置かれる機関の休日に関する法律2条: a deadline that falls on a closed day is the next day the NDL
 * is open. `movedFrom` and `closed` say from which day and why, when it moved.
 */
export function onNdlOpenDay(deadline: string): { deadline: string; movedFrom?: string; closed?: Closed } {
  const closed = ndlClosedOn(deadline);
  if (!closed) return { deadline };
  let day = addDays(deadline, 1);
  while (ndlClosedOn(day)) day = addDays(day, 1);
  return { deadline: day, movedFrom: deadline, closed };
}
