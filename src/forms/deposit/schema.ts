/**
 * The case-file contract for `form: deposit` (国立国会図書館への納本, seed 001): a self-publisher's
 * one publication, how it is sent (寄贈 / 代償金 / 送料のみ) and who sent it. Every field of
 * spec/cases/deposit-*.yaml is accepted; unknown fields are refused by name.
 */
import { z } from 'zod';
import { contactPerson, isoDate, postalCode, text, titledName, wholeNumber } from '../../case/fields.js';
import { DEPOSIT_MODES, PUBLISHING_TYPES } from '../../legal/deposit.js';

/** 製本: how the copy is bound. Stapled (ホチキス留め) copies are simple prints with no deposit duty. */
export const BINDINGS = {
  perfect: '無線綴じ',
  hardcover: '上製本',
  'saddle-stitch': '中綴じ',
  stapled: 'ホチキス留め',
} as const;

/** 発行者: as printed in the colophon (奥付). */
const publisher = z.strictObject({
  name: text(),
  representative: titledName().optional(), // a company's 代表者
  postal_code: postalCode().optional(),
  address: text(),
  phone: text().optional(),
  email: text().optional(),
  contact: contactPerson().optional(), // 担当者, when not the publisher himself
});

const publication = z.strictObject({
  title: text(), // 書名 as on the title page
  volume: text().optional(), // 巻次・版
  author: text().optional(),
  published_on: isoDate(), // 発行日 (奥付): the 30-day deadline runs from it
  price: wholeNumber().optional(), // 小売価格（本体、税抜）; absent: 非売品
  copies_printed: wholeNumber().optional(), // 発行部数
  publishing_type: z.enum(PUBLISHING_TYPES), // 発行形態
  on_demand_sold: wholeNumber().optional(), // オンデマンド出版: 販売済み部数
  binding: z.enum(Object.keys(BINDINGS) as [keyof typeof BINDINGS]).optional(),
  pages: wholeNumber().optional(),
  isbn: text().optional(), // irrelevant to the duty; printed when given
  // Kinds of publication with no deposit duty (seed 001 納本義務がない出版物):
  blank_form: z.boolean().optional(), // 手帳・カレンダー・家計簿など書式・ひな形
  same_content_reprint: z.boolean().optional(), // 内容が同一の単純な刷り重ね
  restricted: z.boolean().optional(), // 広く公開することに支障があるもの
});

/** Where the 受領書 (receipt) should be sent, when not to the publisher's own address. */
const returnAddress = z.strictObject({
  name: text().optional(),
  postal_code: postalCode().optional(),
  address: text(),
});

export const depositSchema = z.strictObject({
  form: z.literal('deposit'),
  date: isoDate().optional(), // the day the papers are prepared and sent; today when omitted
  mode: z.enum(DEPOSIT_MODES),
  publisher,
  publication,
  copies_deposited: wholeNumber().default(1), // 1 is the duty; a 2nd is a gift kept at the Kansai-kan
  receipt_requested: z.boolean().default(false), // 受領書: a note with the return address is enclosed
  return_address: returnAddress.optional(),
  postage: wholeNumber().optional(), // 送料 paid by the publisher (元払い), claimed with 代償金
  note: text().optional(), // 備考, printed on the 出版物納入書
});

export type DepositCase = z.output<typeof depositSchema>;
export type Publication = DepositCase['publication'];
