/**
 * The case-file contract for `form: transmission-exclusion` (図書館送信・個人送信の除外申出, seed 000):
 * an author or publisher asks the NDL to take titles out of its digitized-material transmission
 * services. Every field of spec/cases/transmission-exclusion.yaml is accepted.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, doc, fieldsByChoice, fileName, fontFiles, isoDate, officialForms, phone, postalCode, RELEVANCE, text } from '../../input/fields.js';
import { messages } from '../kit/messages.js';
import type { Criterion } from '../../law/data/transmission.js';

const m = messages('transmission-exclusion');

const requester = z.strictObject({
  role: choice({ author: '著作者', publisher: '出版社', heir: ['著作権継承者', '相続人'], association: ['団体', '出版関連団体'], other: 'その他' }).describe(doc(
    '申出者の立場: 著作者、出版社、著作権継承者、団体、その他', "The requester's standing: author, publisher, heir, association or other")),
  name: text().describe(doc('申出者（著作者名、出版社名など）', 'The requester (author, publisher …)')),
  department: text().optional().describe(doc('部署', 'Department')),
  person: text().optional().describe(doc('担当者', 'Contact person')),
  postal_code: postalCode().optional().describe(doc('郵便番号', 'Postal code')),
  address: text().optional().describe(doc('住所', 'Address')),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
});

/**
 * The fields that belong to one criterion only; given with another they would be lost, so derive.ts
 * refuses them and the browser form hides them (README "The editor schema").
 */
export const OWN_FIELDS = {
  reissue_on: 'in-print', managed_by: 'managed', author_request: 'author-request', category: 'reserved-category',
} as const satisfies Record<string, Criterion>;
export const ITEM_WHEN = fieldsByChoice('criterion', Object.fromEntries(Object.entries(OWN_FIELDS).map(([field, owner]) => [owner, [field]])));

const item = z.strictObject({
  // The identifier printed in the NDL's list: info:ndljp/pid/…, a dl.ndl.go.jp URL, or the bare number.
  pid: z.union([text(), z.number().int().nonnegative().transform(String)]).describe(doc(
    'NDLのリストにある識別子（info:ndljp/pid/…、dl.ndl.go.jp のURL、番号のみ）', "The identifier in the NDL's list (info:ndljp/pid/…, a dl.ndl.go.jp URL, or the number)")),
  title: text().optional().describe(doc('書名（省略するとリストから）', "Title (default: from the NDL's list)")),
  author: text().optional().describe(doc('著者名（省略するとリストから）', "Author (default: from the NDL's list)")),
  criterion: choice({
    'in-print': ['流通', '基準1'], managed: ['管理事業者', '管理委託', '基準2'], 'author-request': ['著作者の申出', '基準3'], 'reserved-category': ['留保', '送信の留保'],
  }).describe(doc(
    '除外基準: 1 流通（in-print）、2 管理事業者（managed）、3 著作者の申出（author-request）、留保（reserved-category）',
    'Exclusion criterion: 1 in print, 2 managed by a collecting body, 3 the author asks, or a reserved category')),
  evidence: text().optional().describe(doc('根拠・確認方法（販売先、再販の告知など）', 'Evidence: where it is sold, the reissue announcement …')),
  reissue_on: isoDate().optional().describe(doc('再販等の流通予定日（in-print）', 'Date the reissue goes on sale (in-print)')),
  managed_by: text().optional().describe(doc('著作権等管理事業者の名称（managed）', 'Name of the collecting body (managed)')),
  author_request: text().optional().describe(doc(
    '出版社・団体からの申出で、著作者がいつどう求めたか（author-request）', 'Through a publisher or association: how and when the author asked (author-request)')),
  category: choice({ manga: '漫画', 'picture-book': '絵本', 'commercial-magazine': '商業出版雑誌' }).optional().describe(doc(
    '留保の種類: 漫画、絵本、商業出版雑誌（reserved-category）', 'Reserved category: manga, picture book or commercial magazine')),
}).register(RELEVANCE, ITEM_WHEN);

/** The NDL's own list (送信候補資料リスト / 送信資料リスト), to be filled for the items. */
const candidateList = z.strictObject({
  file: fileName(['.csv', '.xlsx']).describe(doc('NDLのリスト（CSV・XLSX。ケースファイルからの相対パス）', "The NDL's list (CSV or XLSX, relative to the case file)")),
  sheet: text().optional().describe(doc('ワークシート名（省略すると最初のシート）', 'Worksheet (default: the first)')),
  columns: z.strictObject({
    identifier: text().optional().describe(doc('識別子の列の見出し', 'Heading of the identifier column')),
    criterion: text().optional().describe(doc('除外基準の列の見出し', 'Heading of the criterion column')),
    evidence: text().optional().describe(doc('根拠の列の見出し', 'Heading of the evidence column')),
    requester: text().optional().describe(doc('申出者の列の見出し', 'Heading of the requester column')),
    contact: text().optional().describe(doc('連絡先の列の見出し', 'Heading of the contact column')),
    date: text().optional().describe(doc('申出日の列の見出し', 'Heading of the date column')),
  }).optional().describe(doc('列の見出しが yoshiki の探すものと違うときの見出し', "The list's column headings, when they differ from those yoshiki looks for")),
});

export const exclusionSchema = z.strictObject({
  form: z.literal('transmission-exclusion').describe(doc('様式: 図書館送信・個人送信の除外申出', "Form: request to exclude titles from the NDL's transmission services")),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('申出日（省略すると今日）', 'Date of the request (today when omitted)')),
  stage: choice({ pre: ['事前除外', '事前'], post: ['事後除外', '事後'] }).describe(doc('事前除外（pre）か事後除外（post）か', 'Before the titles are transmitted (pre) or after (post)')),
  round: z.number().int().min(2000).max(2099).optional().describe(doc(
    '事前除外の回（年度を西暦で。例: 2024 = 令和6年度。省略すると申出日に受付中の回）',
    'The pre-exclusion round, by fiscal year (2024 = 令和6年度; default: the round open on the date)')),
  requester: requester.describe(doc('申出者', 'Who asks')),
  items: z.array(item).min(1, m.say('exclusion-items-none'))
    .describe(doc('除外を申し出る資料', 'The items to exclude')),
  candidate_list: candidateList.optional().describe(doc('記入するNDLのリスト（送信候補資料リスト）', "The NDL's own list to fill in")),
});

export type ExclusionCase = z.output<typeof exclusionSchema>;
export type ExclusionItem = ExclusionCase['items'][number];
export type ListColumn = keyof NonNullable<NonNullable<ExclusionCase['candidate_list']>['columns']>;
