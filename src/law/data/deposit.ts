/**
 * Dated legal data for legal deposit with the National Diet Library (納本, 国立国会図書館法24条・25条).
 * Seed 001 is a self-publishing guide (2025年版, facts as of 2025-10) that restates NDL's pages.
 * The law dates from 1948 (昭和23年法律第5号); where no earlier value is known to us the entry
 * starts then, so a case is still judged by the value in force on its date.
 */
import type { Bilingual } from '../../base/problem.js';
import type { Dated } from '../dated.js';

const LAW_IN_FORCE = '1948-02-25';

/** 納入期限: days after the date of issue within which one copy must reach the NDL. */
export const DEPOSIT_DEADLINE_DAYS: readonly Dated<number>[] = [
  { from: LAW_IN_FORCE, value: 30, source: '国立国会図書館法25条1項「発行の日から三十日以内」(seed 001 納本期限)' },
];

/** 過料: up to this many times the retail price, for failing to deposit without good reason. */
export const FINE_MULTIPLE: readonly Dated<number>[] = [
  { from: LAW_IN_FORCE, value: 5, source: '国立国会図書館法25条の2 (seed 001 未納入の場合の罰則)' },
];

/**
 * 代償金 (compensation, 法25条3項: the usual cost of publishing and depositing): in practice half the
 * retail price of the one obligatory copy, plus the postage the publisher paid.
 */
export const COMPENSATION_SHARE: readonly Dated<string>[] = [
  { from: LAW_IN_FORCE, value: '1/2', source: '国立国会図書館法25条3項; seed 001「通常、小売価格の5割+送料」' },
];

/** 発行形態: how the publication was made, which decides the compensation threshold. */
export const PUBLISHING_TYPES = ['self-published', 'research-report', 'reprint', 'on-demand', 'company-history', 'other'] as const;
export type PublishingType = (typeof PUBLISHING_TYPES)[number];

/** The words of the 事前連絡票 (発行形態) for each type. */
export const PUBLISHING_TYPE_JA: Record<PublishingType, string> = {
  'self-published': '自費出版',
  'research-report': '調査資料（調査報告書）',
  reprint: '復刻・再刊',
  'on-demand': 'オンデマンド出版',
  'company-history': '社史・団体史',
  other: '一般の出版物',
};

/** What the threshold counts: copies printed (発行部数), or for print on demand copies sold (販売済み部数). */
export interface CompensationThreshold {
  counts: 'printed' | 'sold';
  minimum: number;
}

/** 代償金の対象となる基準: the fewest copies that make a publication eligible for compensation. */
export const COMPENSATION_THRESHOLDS: readonly Dated<Record<PublishingType, CompensationThreshold>>[] = [
  {
    from: LAW_IN_FORCE,
    value: {
      'self-published': { counts: 'printed', minimum: 100 },
      'company-history': { counts: 'printed', minimum: 100 },
      other: { counts: 'printed', minimum: 100 },
      'research-report': { counts: 'printed', minimum: 15 },
      reprint: { counts: 'printed', minimum: 15 },
      'on-demand': { counts: 'sold', minimum: 15 },
    },
    source: 'seed 001 代償金の対象となる基準 (100部以上; オンデマンドは販売15部以上); 調査報告書・復刻は15部以上 (forms.md, NDL 代償金の案内)',
  },
];

/** Copies the NDL keeps: the first is the duty (東京本館), a second is a gift kept at the Kansai-kan. */
export const COPIES_KEPT: readonly Dated<number>[] = [
  { from: '2002-10-07', value: 2, source: 'seed 001「2部納入すると東京本館と関西館（京都）の両方で所蔵」(関西館開館 2002-10-07)' },
];

/** 納本義務のない出版物: what need not be deposited (seed 001 納本義務がない出版物). */
export const NO_DUTY = {
  stapled: 'ホチキス留めなど簡易綴じのもの',
  private_edition: '頒布部数が100部未満の私家版・同人誌',
  blank_form: '書式・ひな形など簡易なもの（手帳、カレンダー、家計簿等）',
  same_content_reprint: '内容が同一の単純な刷り重ね',
  restricted: '広く公開することに支障があるもの（機密扱い等）',
} as const;
export type NoDutyReason = keyof typeof NO_DUTY;

/** Below this many copies a privately made edition (私家版・同人誌) has no deposit duty. */
export const PRIVATE_EDITION_COPIES: readonly Dated<number>[] = [
  { from: LAW_IN_FORCE, value: 100, source: 'seed 001「頒布部数が100部未満の私家版・同人誌」は納本不要' },
];

/** How a deposit is made: free (寄贈), with compensation (代償金), or only the postage paid back. */
export const DEPOSIT_MODES = ['donation', 'compensation', 'postage-only'] as const;
export type DepositMode = (typeof DEPOSIT_MODES)[number];

export interface NdlSection {
  /** 係 name as the NDL writes it. */
  name: string;
  extension: string;
}

export interface NdlDesk {
  postalCode: string;
  address: string;
  library: string;
  /** 収集書誌部 国内資料課: the division above the sections. */
  division: string;
  phone: string;
  hours: string;
  /** Which section receives each mode; 収集第一係 answers general questions. */
  sections: Record<DepositMode | 'general', NdlSection>;
}

/**
 * Where deposits go. Routing is data: another public source sends free deposits from publishers to
 * 収集第一係 (内線24611); correcting the routing is a change of one line here.
 */
export const NDL_DEPOSIT_DESK: readonly Dated<NdlDesk>[] = [
  {
    // Only the present address and routing are known to us (2025-10); no earlier entry.
    from: LAW_IN_FORCE,
    value: {
      postalCode: '100-8924',
      address: '東京都千代田区永田町1-10-1',
      library: '国立国会図書館',
      division: '収集書誌部　国内資料課',
      phone: '03-3581-2331',
      hours: '月～金 9:00～17:45（祝日・年末年始を除く）',
      sections: {
        general: { name: '収集第一係', extension: '24611' },
        donation: { name: '収集第二係', extension: '24622' },
        compensation: { name: '収集第三係', extension: '24630' },
        'postage-only': { name: '収集第三係', extension: '24630' },
      },
    },
    source: 'seed 001 宛先・連絡先・問い合わせ先 (2025年10月時点)',
  },
];

/**
 * The NDL's own 出版物納入書: a claim (代償金 or 送料のみ) is told to 収集第三係 before anything is
 * sent; when it qualifies, the NDL sends its forms (「出版物納入書等の書式が送付されます」) and the
 * publication goes with the filled-in 出版物納入書 (「記入済みの出版物納入書を同封」). A gift needs
 * no advance contact, and seed 001 names no form of the NDL's for it.
 */
export const DEPOSIT_AGENCY_FORM: readonly Dated<{ name: Bilingual; file: string; modes: readonly DepositMode[] }>[] = [
  {
    from: LAW_IN_FORCE,
    value: {
      name: { ja: '国立国会図書館が送ってくる出版物納入書', en: 'the NDL\'s own 出版物納入書 (deposit form), which it sends' },
      file: 'ndl-nounyusho.pdf',
      modes: ['compensation', 'postage-only'],
    },
    source: 'seed 001 有償での納本 STEP3（出版物納入書等の書式が送付されます）, STEP4（記入済みの出版物納入書を同封）',
  },
];
