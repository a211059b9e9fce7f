/**
 * The case-file contract for `form: deferred-payment` (文献複写等料金後納許可申請書, seed 003): an
 * institution asks a lending university library to bill its copy and loan fees in arrears for one
 * fiscal year. Every field of spec/cases/deferred-payment.yaml is accepted.
 */
import { z } from 'zod';
import { contactPerson, isoDate, postalCode, say, text, titledName, wholeNumber } from '../../case/fields.js';
import { DEFAULT_LENDING_LIBRARY, LENDING_LIBRARIES } from '../../legal/deferred-payment.js';

const branch = z.strictObject({
  name: text(),
  address: text().optional(),
});

const institution = z.strictObject({
  name: text(),
  category: wholeNumber(), // 1–10, seed 003 後納制度対象機関 (checked by the rules, which say why)
  postal_code: postalCode().optional(),
  address: text(),
  head: titledName(), // 機関の長: the applicant, printed with ㊞
  contact: contactPerson().optional(), // 担当者
  branches: z.array(branch).optional(), // 分館: all are covered by the application
  nii_offset_service: z.boolean(), // NII ILL文献複写等料金相殺サービスに本館・分館が参加しているか
  whole_institution: z.boolean(), // 機関全体としての申請か（部局・分館単位ではないか）
});

/** A lending library not in the project's data: its director and address, written in the case. */
const otherLibrary = z.strictObject({
  director: text(), // 〇〇大学附属図書館長
  name: text().optional(),
  office: text().optional(),
  postal_code: postalCode().optional(),
  address: text().optional(),
  phone: text().optional(),
  fax: text().optional(),
});

const libraryKeys = Object.keys(LENDING_LIBRARIES) as [string, ...string[]];

export const deferredPaymentSchema = z.strictObject({
  form: z.literal('deferred-payment'),
  date: isoDate().optional(), // 申請日; today when omitted
  request: z.enum(['new', 'change', 'cancel']), // 新規・変更・取消
  fiscal_year: wholeNumber().optional(), // 年度 (2027 = 令和9年度); default: the fiscal year of date
  recipient: z.union([z.enum(libraryKeys), otherLibrary], say(
    `recipient は ${libraryKeys.join(', ')} か、{ director: 〇〇大学附属図書館長, address: … } です。`,
    `recipient is ${libraryKeys.join(', ')}, or { director: …, address: … } for another library.`)).default(DEFAULT_LENDING_LIBRARY),
  permit_number: text().optional(), // 許可番号 (for a change or a cancellation)
  changes: text().optional(), // 変更内容
  reason: text().optional(), // 取消の理由
  institution,
  billing: z.strictObject({ // 請求書送付先
    addressee: text(),
    postal_code: postalCode().optional(),
    address: text(),
  }).optional(),
});

export type DeferredPaymentCase = z.output<typeof deferredPaymentSchema>;
