/** Periods counted as 民法 counts them (第6章 期間の計算), as pure functions. */
import { addDays } from '../../base/format.js';

/**
 * The last day of a period of `months` months after the day of an event. 民法140条: the event's day
 * is not counted, the period starts the next day (起算日). 143条2項: it ends the day before the day of
 * the last month that corresponds to the 起算日 — or, when that month has no such day, on its last day.
 * So an item received on the 19th is due on the 19th a month on; one received on a month's last day
 * (起算日 the 1st) is due on the last day of the next month: 2027-02-28 → 2027-03-31.
 */
export function endOfMonthsAfter(eventIso: string, months: number): string {
  const [y, m, d] = addDays(eventIso, 1).split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  if (d > lastDay) {
    first.setUTCDate(lastDay);
    return first.toISOString().slice(0, 10);
  }
  first.setUTCDate(d);
  return addDays(first.toISOString().slice(0, 10), -1);
}
