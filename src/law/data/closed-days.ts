/**
 * The days the National Diet Library is closed, as the law names them: 国会に置かれる機関の休日に関する法律
 * (昭和63年法律第105号) 1条1項 — Sundays and Saturdays, the holidays of 国民の祝日に関する法律, and
 * 12月29日 to 1月3日 — and 2条: a deadline of a period set by law that falls on one of those days
 * moves to the next day that is not (the 30 days of 納本, 国立国会図書館法25条1項, are such a period).
 * Which days are national holidays is not kept here: the @holiday-jp/holiday_jp package holds them
 * (README, "Libraries, and why each is here").
 */
import type { Dated } from '../dated.js';

export interface ClosedDays {
  /** Which Saturdays are closed: every one, or (1989–1992) the second and fourth of the month. */
  saturdays: 'all' | 'second-and-fourth';
  /** The year-end closure, as MM-DD: from `from` in December through `to` in January. */
  yearEnd: { from: string; to: string };
}

const YEAR_END = { from: '12-29', to: '01-03' };

export const DIET_ORGAN_CLOSED_DAYS: readonly Dated<ClosedDays>[] = [
  {
    // In force with 行政機関の休日に関する法律 (昭和63年法律第91号), 附則 of 法律第105号; that law's
    // 施行日 is 1989-01-01 (medium: the date 土曜閉庁 began, as secondary sources give it).
    from: '1989-01-01',
    value: { saturdays: 'second-and-fourth', yearEnd: YEAR_END },
    source: '国会に置かれる機関の休日に関する法律（昭和63年法律第105号）1条1項「日曜日並びに毎月の第二土曜日及び第四土曜日」・2条 (shugiin.go.jp 制定時の法律)',
  },
  {
    // 平成4年法律第27号 (公布 1992-04-02); in force 1992-05-01 with the full five-day week of the
    // national civil service (medium: the date as secondary sources give it).
    from: '1992-05-01',
    value: { saturdays: 'all', yearEnd: YEAR_END },
    source: '平成4年法律第27号「並びに毎月の第二土曜日及び第四土曜日」を「及び土曜日」に改める (1条1項1号)',
  },
];
