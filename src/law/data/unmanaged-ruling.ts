/**
 * Dated legal data for the ruling on unmanaged published works (未管理著作物裁定, 著作権法67条の3,
 * 令和5年法律第33号, in force from 2026-04-01). No official 様式 or guide was read: each value
 * carries where it was read and how sure we are (law-2026.md rows 7–13), to change in one place.
 */
import type { Dated } from '../dated.js';
import type { Confidence } from './ruling.js';

/** A dated value with how sure we are of it. */
export type Sourced<T> = Dated<T> & { confidence: Confidence };

/**
 * 手数料 per application. The table starts on the day the ruling began: a case dated earlier finds
 * no fee, and the form refuses it (there was no 67条の3 ruling before 2026-04-01). Who pays none is
 * 67条's list (法70条2項: the state; 令65条 別表's agencies), assumed to reach 67条の3 too: no source
 * read says so either way (low).
 */
export const UNMANAGED_RULING_FEE: readonly Sourced<number>[] = [
  {
    from: '2026-04-01', value: 13800, confidence: 'medium',
    source: 'ascii.jp/elem/000/004/270/4270329/ (政令案の意見募集 2025-05-20 の額; law-2026 row 8). 施行令の確定額は未確認',
  },
];

/**
 * The days to wait after the will-confirmation message reached its addressee (措置(4)), counted from
 * the day after it arrived; the application may be filed on the day after the last of them.
 */
export const UNMANAGED_WAIT_DAYS: readonly Sourced<number>[] = [
  {
    from: '2026-04-01', value: 14, confidence: 'medium',
    source: '意思確認措置の告示 (2025-04-08; gyousei-nara.com/info/20250127135148.html 告示案, orphee-dic.raindrop.jp/?p=501 官報の引用; law-2026 row 10)',
  },
];

/** The longest use one ruling allows, in years; a longer use needs a new application. */
export const UNMANAGED_MAX_YEARS: readonly Sourced<number>[] = [
  {
    from: '2026-04-01', value: 3, confidence: 'high',
    source: '著作権法67条の3第2項 (3年を超えない範囲); shuwa.net/news/20251205-1.html, ascii.jp (law-2026 row 9)',
  },
];

/** Measure (4): at least this many domestic contacts asked, unless only one was found (then that one). */
export const UNMANAGED_MIN_CONTACTS: readonly Sourced<number>[] = [
  {
    from: '2026-04-01', value: 2, confidence: 'medium',
    source: '意思確認措置の告示 (「国内の連絡先2以上（1のみの場合はその1）」; gyousei-nara.com 告示案, orphee-dic 官報の引用; law-2026 row 10)',
  },
];
