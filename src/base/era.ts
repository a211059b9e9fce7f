/**
 * The Japanese eras (元号) since the Gregorian calendar: what a clerk writes as 令和8年12月1日 or
 * R8.12.1, read back to a day, and printed (format.ts, eraDate). The table holds the same first
 * days as Intl's Japanese calendar (test/unit/typed-input.test.ts compares them at every change of
 * era, and the printed dates day by day), so a date read here prints back as it was written.
 */

export interface Era {
  /** 令和 */
  name: string;
  /** The letter of the short forms: R8.12.1. */
  letter: string;
  /** Its first day (元年 starts here); it ends the day before the next era's first day. */
  from: string;
  source: string;
}

export const ERAS: readonly Era[] = [
  // Dates before 明治6年 (1873) were reckoned by the lunar calendar; like Intl, we count them in the
  // Gregorian one (明治元年 starts 1868-10-23, the Gregorian day of 慶応4年9月8日).
  { name: '明治', letter: 'M', from: '1868-10-23', source: '改元の詔（慶応4年9月8日、グレゴリオ暦1868年10月23日）' },
  { name: '大正', letter: 'T', from: '1912-07-30', source: '改元の詔（明治45年7月30日）' },
  { name: '昭和', letter: 'S', from: '1926-12-25', source: '改元の詔（大正15年12月25日）' },
  { name: '平成', letter: 'H', from: '1989-01-08', source: '元号を改める政令（昭和64年政令第1号）附則' },
  { name: '令和', letter: 'R', from: '2019-05-01', source: '元号を改める政令（平成31年政令第143号）附則' },
];

/** An era by its name (令和) or letter (R, r). */
export function eraNamed(name: string): Era | undefined {
  return ERAS.find((e) => e.name === name || e.letter === name.toUpperCase());
}

/** The last day of an era, or undefined for the current one. */
export function eraEnd(era: Era): string | undefined {
  const next = ERAS[ERAS.indexOf(era) + 1];
  if (!next) return undefined;
  const d = new Date(`${next.from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The Western year of an era year: 令和8年 → 2026 (元年 is 1). */
export const westernYear = (era: Era, year: number) => Number(era.from.slice(0, 4)) + year - 1;

/** Whether an ISO day falls within an era. */
export function inEra(era: Era, iso: string): boolean {
  const end = eraEnd(era);
  return iso >= era.from && (end === undefined || iso <= end);
}

/** The era an ISO day falls in (undefined before 明治). */
export function eraOf(iso: string): Era | undefined {
  return ERAS.find((e) => inEra(e, iso));
}
