/**
 * The case-file contract for `form: transmission-exclusion` (図書館送信・個人送信の除外申出, seed 000):
 * an author or publisher asks the NDL to take titles out of its digitized-material transmission
 * services. Every field of spec/cases/transmission-exclusion.yaml is accepted.
 */
import { z } from 'zod';
import { isoDate, postalCode, say, text } from '../../case/fields.js';
import { RESERVED_CATEGORY_KEYS } from '../../legal/transmission.js';

const requester = z.strictObject({
  role: z.enum(['author', 'publisher', 'heir', 'association', 'other']), // 申出者の立場
  name: text(), // 申出者（著作者名、出版社名など）
  department: text().optional(),
  person: text().optional(), // 担当者
  postal_code: postalCode().optional(),
  address: text().optional(),
  phone: text().optional(),
  email: text().optional(),
});

const item = z.strictObject({
  // The identifier printed in the NDL's list: info:ndljp/pid/…, a dl.ndl.go.jp URL, or the bare number.
  pid: z.union([text(), z.number().int().nonnegative().transform(String)]),
  title: text().optional(),
  author: text().optional(),
  criterion: z.enum(['in-print', 'managed', 'author-request', 'reserved-category']), // 除外基準
  evidence: text().optional(), // 根拠: where it is sold, the announcement, …
  reissue_on: isoDate().optional(), // in-print: 再販等の流通予定日
  managed_by: text().optional(), // managed: 著作権等管理事業者の名称
  author_request: text().optional(), // author-request through a publisher or association: how the author asked
  category: z.enum(RESERVED_CATEGORY_KEYS).optional(), // reserved-category: 漫画・絵本・商業出版雑誌
});

/** The NDL's own list (送信候補資料リスト / 送信資料リスト), to be filled for the items. */
const candidateList = z.strictObject({
  file: text(), // CSV or XLSX, relative to the case file
  sheet: text().optional(), // the worksheet (default: the first)
  // Headings of the list's columns when they differ from those yoshiki looks for.
  columns: z.strictObject({
    identifier: text().optional(),
    criterion: text().optional(),
    evidence: text().optional(),
    requester: text().optional(),
    contact: text().optional(),
    date: text().optional(),
  }).optional(),
});

export const exclusionSchema = z.strictObject({
  form: z.literal('transmission-exclusion'),
  date: isoDate().optional(), // 申出日 (default: today)
  stage: z.enum(['pre', 'post']), // 事前除外 | 事後除外
  requester,
  items: z.array(item).min(1, say('除外を申し出る資料を1件以上書いてください。', 'List at least one item to exclude.')),
  candidate_list: candidateList.optional(),
});

export type ExclusionCase = z.output<typeof exclusionSchema>;
export type ExclusionItem = ExclusionCase['items'][number];
export type ListColumn = keyof NonNullable<NonNullable<ExclusionCase['candidate_list']>['columns']>;
