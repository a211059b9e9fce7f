/** Number and date formatting for Japanese paperwork. */
import { ERAS } from './era.js';

/** 181440 → "181,440" (grouping as on the forms). */
export function groupDigits(n: number | bigint | string): string {
  const [int, frac] = String(n).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/** 181440 → "181,440円". */
export const yen = (n: number | bigint | string) => `${groupDigits(n)}円`;

// Made on first use, for a date before 明治 only: ICU's Japanese calendar costs 17–24 ms of CPU to
// set up, a fortieth of a 2,000-work table and of a one-case render.
let eraFormat: Intl.DateTimeFormat | undefined;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * ISO date → 令和8年12月1日, 平成元年1月8日: Intl's Japanese calendar in its long style, written from
 * the eras' first days (era.ts, with their sources) for a real day since 明治 — the same text, a
 * test compares every day around each change of era and a spread of days between. Earlier days,
 * and a day that is not real, go to Intl itself (which refuses the latter).
 */
export function eraDate(iso: string): string {
  const day = ISO_DAY.exec(iso);
  if (day && isRealDate(iso))
    for (let i = ERAS.length - 1; i >= 0; i--) {
      if (iso < ERAS[i].from) continue;
      const year = Number(day[1]) - Number(ERAS[i].from.slice(0, 4)) + 1;
      return `${ERAS[i].name}${year === 1 ? '元' : year}年${Number(day[2])}月${Number(day[3])}日`;
    }
  eraFormat ??= new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { dateStyle: 'long', timeZone: 'UTC' });
  return eraFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** A date left blank to be written by hand, in the era of today's paperwork. */
export const BLANK_ERA_DATE = '令和　　年　　月　　日';

/** ISO date → 平成27年12月 (the seed's style for when an inquiry was made). */
export function eraMonth(iso: string): string {
  return eraDate(iso).replace(/\d+日$/, '');
}

/** Adds whole days to an ISO date, returning an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True when `iso` names a real calendar day (2026-02-30 is not). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export function todayIso(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

/** The fiscal year (年度, April to March) a date falls in: 2027-03-31 → 2026. */
export function fiscalYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/**
 * 2027 → 令和9年度. A fiscal year takes the era name in force for most of it, which for both recent
 * era changes (1989-01-08, 2019-05-01) is the era of its 31 December: 2019 → 令和元年度.
 */
export function fiscalYearLabel(year: number): string {
  return eraDate(`${year}-12-31`).replace(/\d+月\d+日$/, '度');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ISO date → "1 December 2026", as English paperwork to the NDL writes dates. */
/** 2027年1月15日: the Western-calendar date as Japanese text (for lists where the era would be out of place). */
export function westernDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function englishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * Adds calendar months: 2026-12-19 + 1 → 2027-01-19. A day the target month lacks becomes its last
 * day (2027-01-31 + 1 → 2027-02-28), as a period counted in months ends (民法143条2項).
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
