/**
 * The case-file contract for `form: deposit` (国立国会図書館への納本, seed 001): a self-publisher's
 * one publication, how it is sent (寄贈 / 代償金 / 送料のみ) and who sent it. Every field of
 * spec/cases/deposit-*.yaml is accepted; unknown fields are refused by name.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, contactPerson, doc, fontFiles, isoDate, officialForms, phone, postalCode, RELEVANCE, text, titledName, wholeNumber, type When } from '../../input/fields.js';
import { PUBLISHING_TYPE_JA } from '../../law/data/deposit.js';

/** 製本: how the copy is bound. Stapled (ホチキス留め) copies are simple prints with no deposit duty. */
export const BINDINGS = {
  perfect: '無線綴じ',
  hardcover: '上製本',
  'saddle-stitch': '中綴じ',
  stapled: 'ホチキス留め',
} as const;

/** 発行形態 as the 事前連絡票 words it, and the shorter words a clerk writes. */
const PUBLISHING_TYPE_LABELS = {
  ...PUBLISHING_TYPE_JA,
  'research-report': [PUBLISHING_TYPE_JA['research-report'], '調査資料', '調査報告書'],
  reprint: [PUBLISHING_TYPE_JA.reprint, '復刻', '再刊'],
  'company-history': [PUBLISHING_TYPE_JA['company-history'], '社史', '団体史'],
  'on-demand': [PUBLISHING_TYPE_JA['on-demand'], 'オンデマンド'],
};

/** 発行者: as printed in the colophon (奥付). */
const publisher = z.strictObject({
  name: text().describe(doc('発行者の氏名・名称（奥付どおり）', "The publisher's name as in the colophon")),
  representative: titledName().optional().describe(doc('代表者（法人の場合）', "A company's representative")),
  postal_code: postalCode().optional().describe(doc('発行者の郵便番号', "The publisher's postal code")),
  address: text().describe(doc('発行者の住所', "The publisher's address")),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
  contact: contactPerson().optional().describe(doc('担当者（発行者本人でないとき）', 'Contact person, when not the publisher')),
});

/**
 * Fields that matter only for some choices: derive.ts refuses them otherwise (each with its reason)
 * and the browser form hides them. A claim's advance contact and postage (a gift needs neither, seed
 * 001), the receipt's address (only with a receipt), the on-demand sold count (only on demand).
 */
const CLAIM: When = { field: 'mode', is: ['compensation', 'postage-only'] };
export const DEPOSIT_WHEN = { advance_contact: CLAIM, postage: CLAIM, return_address: { field: 'receipt_requested', is: [true] } } satisfies Record<string, When>;
export const PUBLICATION_WHEN = { on_demand_sold: { field: 'publishing_type', is: ['on-demand'] } } satisfies Record<string, When>;

const publication = z.strictObject({
  title: text().describe(doc('書名（標題紙どおり）', 'Title as on the title page')),
  volume: text().optional().describe(doc('巻次・版', 'Volume or edition')),
  author: text().optional().describe(doc('著者名', 'Author')),
  published_on: isoDate().describe(doc('発行日（奥付）。納本の期限30日はここから数えます', 'Date of publication (colophon); the 30-day deposit deadline runs from it')),
  price: wholeNumber({ yen: true }).optional().describe(doc('小売価格（本体、税抜、円）。省略すると非売品', 'Retail price in yen before tax; omit for a not-for-sale item')),
  copies_printed: wholeNumber().optional().describe(doc('発行部数', 'Copies printed')),
  publishing_type: choice(PUBLISHING_TYPE_LABELS).describe(doc('発行形態（自費出版、研究報告、オンデマンドなど）', 'Kind of publishing (self-published, research report, on demand …)')),
  on_demand_sold: wholeNumber().optional().describe(doc('オンデマンド出版の販売済み部数', 'Copies sold so far (on-demand publishing)')),
  binding: choice(BINDINGS).optional().describe(doc(
    '製本（無線綴じ、上製本、中綴じ、ホチキス留め）', 'Binding (perfect, hardcover, saddle-stitch, stapled)')),
  pages: wholeNumber().optional().describe(doc('ページ数', 'Number of pages')),
  isbn: text().optional().describe(doc('ISBN（納本義務には関係しません。書けば印刷します）', 'ISBN (irrelevant to the duty; printed when given)')),
  // Kinds of publication with no deposit duty (seed 001 納本義務がない出版物):
  blank_form: z.boolean().optional().describe(doc('手帳・カレンダー・家計簿など書式・ひな形か（納本義務なし）', 'A blank form such as a diary or calendar (no deposit duty)')),
  same_content_reprint: z.boolean().optional().describe(doc('内容が同一の単純な刷り重ねか（納本義務なし）', 'A plain reprint with the same content (no deposit duty)')),
  restricted: z.boolean().optional().describe(doc('広く公開することに支障があるものか（納本義務なし）', 'Not fit to be made widely public (no deposit duty)')),
}).register(RELEVANCE, PUBLICATION_WHEN);

/** Where the 受領書 (receipt) should be sent, when not to the publisher's own address. */
const returnAddress = z.strictObject({
  name: text().optional().describe(doc('宛名', 'Addressee')),
  postal_code: postalCode().optional().describe(doc('郵便番号', 'Postal code')),
  address: text().describe(doc('住所', 'Address')),
});

/**
 * 事前連絡 (seed 001 STEP2): a claim is announced to 収集第三係 before anything is sent, by phone
 * (the seed's only number), by fax or by mail to the number or address the NDL gives.
 */
const advanceContact = z.strictObject({
  date: isoDate().optional().describe(doc(
    '事前連絡をした日（出版物を送る日より前。事前連絡票に印刷）', 'The day the NDL was contacted, before the publication is sent (printed on the contact sheet)')),
  fax: phone().optional().describe(doc(
    '事前連絡票をFAXで送るとき、国立国会図書館から案内されたFAX番号', 'The fax number the NDL gave, when the contact sheet is faxed')),
  email: text().optional().describe(doc(
    'メールで連絡するよう案内されたときの送り先アドレス（書くとメール本文を作ります）', 'The e-mail address the NDL said to write to (the mail text is then made)')),
});

export const depositSchema = z.strictObject({
  form: z.literal('deposit').describe(doc('様式: 国立国会図書館への納本', 'Form: legal deposit with the National Diet Library')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('書類を作り送る日（省略すると今日）', 'Date the papers are sent (today when omitted)')),
  mode: choice({ donation: ['寄贈', '寄贈（代償金を求めない）'], compensation: ['代償金', '代償金を求める'], 'postage-only': '送料のみ' }).describe(doc(
    '納入の方法: 寄贈（donation）、代償金を受け取る（compensation）、送料のみ（postage-only）', 'How it is deposited: as a gift, for compensation (代償金), or postage only')),
  advance_contact: advanceContact.optional().describe(doc(
    '代償金・送料のみの事前連絡（いつ、どこへ）。寄贈には要りません', 'The advance contact for a claim (when, and where to); a gift needs none')),
  publisher: publisher.describe(doc('発行者', 'The publisher')),
  publication: publication.describe(doc('納入する出版物', 'The publication deposited')),
  copies_deposited: wholeNumber().default(1).describe(doc('納入部数（義務は1部。2部目は寄贈で関西館へ）', 'Copies sent (the duty is one; a second is a gift for the Kansai-kan)')),
  receipt_requested: z.boolean().default(false).describe(doc('受領書を希望するか', 'Whether a receipt is wanted')),
  return_address: returnAddress.optional().describe(doc('受領書の送付先（発行者の住所と違うとき）', "Where the receipt goes, when not the publisher's address")),
  postage: wholeNumber({ yen: true }).optional().describe(doc('発行者が払った送料（円。代償金と合わせて請求）', 'Postage paid by the publisher in yen (claimed with the compensation)')),
  note: text().optional().describe(doc('備考（出版物納入書に印刷）', 'Remarks (printed on the deposit form)')),
}).register(RELEVANCE, DEPOSIT_WHEN);

export type DepositCase = z.output<typeof depositSchema>;
export type Publication = DepositCase['publication'];
