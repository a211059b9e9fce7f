/**
 * The case-file contract for `form: deferred-payment` (文献複写等料金後納許可申請書, seed 003): an
 * institution asks a lending university library to bill its copy and loan fees in arrears for one
 * fiscal year. Every field of spec/cases/deferred-payment.yaml is accepted.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, contactPerson, doc, fontFiles, isoDate, officialForms, phone, postalCode, text, titledName, wholeNumber } from '../../input/fields.js';
import { messages } from '../kit/messages.js';
import { DEFAULT_LENDING_LIBRARY, LENDING_LIBRARIES } from '../../law/data/deferred-payment.js';

const branch = z.strictObject({
  name: text().describe(doc('分館の名称', 'Name of the branch')),
  address: text().optional().describe(doc('分館の所在地', 'Address of the branch')),
});

const institution = z.strictObject({
  name: text().describe(doc('機関の名称', 'Name of the institution')),
  category: wholeNumber().describe(doc('後納制度対象機関の区分（1〜10）', 'Category of institution eligible for deferred payment (1–10)')),
  postal_code: postalCode().optional().describe(doc('郵便番号', 'Postal code')),
  address: text().describe(doc('所在地', 'Address')),
  incorporated_administrative_agency: z.boolean().optional().describe(doc(
    '独立行政法人として設置された機関か（種別1～5に含まれます。書類にその旨を印刷）',
    'Whether the institution is set up as an incorporated administrative agency (独立行政法人; categories 1–5 include them, and the paper says so)')),
  head: titledName().describe(doc('機関の長（申請者。㊞欄つきで印刷）', 'Head of the institution, the applicant (printed with a seal box)')),
  contact: contactPerson().optional().describe(doc('担当者', 'Contact person')),
  branches: z.array(branch).optional().describe(doc('分館（すべて申請の対象になります）', 'Branches (all are covered by the application)')),
  nii_offset_service: z.boolean().describe(doc(
    'NII ILL文献複写等料金相殺サービスに本館・分館が参加しているか', 'Whether the library takes part in the NII ILL fee offset service')),
  whole_institution: z.boolean().describe(doc('機関全体としての申請か（部局・分館単位ではないか）', 'Whether the whole institution applies (not one department or branch)')),
});

/** A lending library not in the project's data: its director and address, written in the case. */
const otherLibrary = z.strictObject({
  director: text().describe(doc('宛先の図書館長（〇〇大学附属図書館長）', 'The library director addressed, e.g. 〇〇大学附属図書館長')),
  name: text().optional().describe(doc('図書館の名称', 'Name of the library')),
  office: text().optional().describe(doc('担当部署', 'Office in charge')),
  postal_code: postalCode().optional().describe(doc('郵便番号', 'Postal code')),
  address: text().optional().describe(doc('所在地', 'Address')),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
  fax: phone().optional().describe(doc('FAX番号', 'Fax number')),
});

const m = messages('deferred-payment');

const libraryKeys = Object.keys(LENDING_LIBRARIES) as [string, ...string[]];
/** A library by its key or its name (長崎大学附属図書館). */
const LIBRARY_LABELS = Object.fromEntries(libraryKeys.map((k) => [k, LENDING_LIBRARIES[k].name])) as Record<string, string>;

export const deferredPaymentSchema = z.strictObject({
  form: z.literal('deferred-payment').describe(doc('様式: 文献複写等料金後納許可申請書', 'Form: application to pay interlibrary copy fees in arrears')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('申請日（省略すると今日）', 'Date of the application (today when omitted)')),
  request: choice({ new: '新規', change: '変更', cancel: ['取消', '取消し', '取り消し'] }).describe(doc('新規（new）・変更（change）・取消（cancel）', 'New application, change or cancellation')),
  fiscal_year: wholeNumber().optional().describe(doc('年度（2027 = 令和9年度。省略すると申請日の年度）', 'Fiscal year (2027 = 令和9年度; default: that of the date)')),
  recipient: z.union([choice(LIBRARY_LABELS), otherLibrary], m.say('deferred-recipient-unknown', { libraries: libraryKeys.join(', ') }))
    .default(DEFAULT_LENDING_LIBRARY)
    .describe(doc('申請先の図書館（登録済みの名前か、館長と住所を書いたもの）', 'The lending library: a known name, or its director and address')),
  permit_number: text().optional().describe(doc('許可番号（変更・取消のとき）', 'Permit number (for a change or a cancellation)')),
  changes: text().optional().describe(doc('変更内容', 'What changes')),
  reason: text().optional().describe(doc('取消の理由', 'Why the permit is cancelled')),
  institution: institution.describe(doc('申請する機関', 'The applying institution')),
  billing: z.strictObject({
    addressee: text().describe(doc('請求書の宛名', 'Addressee of the invoices')),
    postal_code: postalCode().optional().describe(doc('郵便番号', 'Postal code')),
    address: text().describe(doc('住所', 'Address')),
  }).optional().describe(doc('請求書送付先（機関の住所と違うとき）', 'Where invoices go, when not the institution')),
});

export type DeferredPaymentCase = z.output<typeof deferredPaymentSchema>;
