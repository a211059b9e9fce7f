/**
 * The case-file contract for `form: ruling` (文化庁長官の裁定の申請, seed 004).
 * Every field of spec/cases/ruling-*.yaml is accepted; unknown fields are refused by name.
 */
import { z } from 'zod';
import { amount, contactPerson, isoDate, postalCode, ratio, say, text, titledName } from '../../case/fields.js';
import { APPLICANT_KINDS, WORK_CATEGORIES } from '../../legal/ruling.js';

const SUBJECTS = ['work', 'performance', 'phonogram', 'broadcast', 'cablecast'] as const;

const person = titledName();

const contact = contactPerson().omit({ fax: true });

const agent = z.strictObject({
  title: text().optional(), // 弁護士 etc.
  name: text(),
  postal_code: postalCode().optional(),
  address: text().optional(),
  phone: text().optional(),
  email: text().optional(),
});

const applicant = z
  .strictObject({
    kind: z.enum(APPLICANT_KINDS),
    postal_code: postalCode().optional(),
    address: text(),
    name: text(),
    representative: person.optional(), // 代表者 (法人) — printed with ㊞
    contact: contact.optional(), // 担当者
    phone: text().optional(),
    email: text().optional(),
    agent: agent.optional(), // 代理人 => 委任状
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'individual' && !a.representative)
      ctx.addIssue({ code: 'custom', path: ['representative'], ...say(
        '法人・団体の申請では代表者（representative: { title, name }）が必要です。',
        'An organisation must name its representative (representative: { title, name }).') });
  });

/** Each work's own evidence text, one per measure column of 資料2. */
const evidence = z.strictObject({
  directory_or_web: text().optional(), // ア(ア)/(イ)
  management_bodies: text().optional(), // イ(ア)
  expert_bodies: text().optional(), // イ(イ)
  public_notice: text().optional(), // ウ
  ruling_database: text().optional(), // ア(ウ)
  agency_inquiry: text().optional(), // イ(ウ)
});

/** A work (法10条1項) needs its category: item 3 and the evidence table start with it. */
export const CATEGORY_NEEDED = say(
  `著作物の種類（category）が必要です: ${Object.keys(WORK_CATEGORIES).join(', ')}。`,
  `The work needs its category: ${Object.keys(WORK_CATEGORIES).join(', ')}.`);

export const workSchema = z
  .strictObject({
    title: text().optional(),
    title_status: z.enum(['none', 'unknown']).optional(), // 題号無し / 題号不明
    author: text().optional(),
    author_status: z.enum(['none', 'unknown']).optional(), // 表示がない / 不明
    author_reading: text().optional(),
    category: z.enum(Object.keys(WORK_CATEGORIES) as [keyof typeof WORK_CATEGORIES]).optional(),
    description: text(),
    year: text().optional(), // 出版年・公表年 as the source prints it (昭和45年), for the advertisement
    publisher: text().optional(), // 出版社・発行者, for the advertisement
    previously_ruled: z.boolean().default(false),
    attachments: z.array(text()).optional(), // 別添資料: PNG/JPEG paths relative to the case file
    evidence: evidence.optional(),
  })
  .superRefine((w, ctx) => {
    if (!w.title && !w.title_status)
      ctx.addIssue({ code: 'custom', path: ['title'], ...say(
        '題号（title）か、題号がない・不明であること（title_status: none / unknown）を書いてください。',
        'Give the title, or title_status: none (no title) / unknown (title unknown).') });
    if (!w.author && !w.author_status)
      ctx.addIssue({ code: 'custom', path: ['author'], ...say(
        '著作者名（author）か、表示がない・不明であること（author_status: none / unknown）を書いてください。',
        'Give the author, or author_status: none (no name shown) / unknown.') });
  });

const common = {
  tax_rate: ratio(1).optional(), // overrides the consumption tax in force on the case date
  basis: text().optional(), // where the rate comes from
  unit_label: text().optional(), // e.g. 追加複製の単位数
};

const compensation = z.discriminatedUnion('formula', [
  z.strictObject({ formula: z.literal('print'), unit_price: amount(), copies: amount(), rate: ratio(), ...common }),
  z.strictObject({ formula: z.literal('print-partial'), unit_price: amount(), copies: amount(), rate: ratio(), share: ratio(), ...common }),
  z.strictObject({ formula: z.literal('online-period'), unit_price: amount(), rate: ratio(), annual_uses: amount(), years: amount(), ...common }),
  z.strictObject({ formula: z.literal('online-downloads'), unit_price: amount(), rate: ratio(), downloads: amount(), ...common }),
  z.strictObject({ formula: z.literal('video'), unit_price: amount(), rate: ratio(), contribution: ratio(), copies: amount(), ...common }),
  z.strictObject({ formula: z.literal('monthly-tariff'), per_request: amount(), monthly_requests: amount(), minimum: amount(), months: amount(), ...common }),
  z.strictObject({ formula: z.literal('fixed'), amount: amount(), ...common }),
]);

const use = z.strictObject({
  method: text(), // 利用方法: quantity, period, paid or free
  compensation: compensation.optional(),
});

const inquiry = z.strictObject({
  name: text(),
  inquired_on: isoDate().optional(),
  person: text().optional(),
  result: text(),
});

const dueDiligence = z.strictObject({
  summary: text(),
  directories: z.array(z.strictObject({ title: text(), publisher: text().optional(), year: text().optional(), result: text() })).optional(),
  web_search: z.strictObject({ engines: z.array(text()).min(1), result: text() }).optional(),
  management_bodies: z.array(inquiry).optional(),
  expert_bodies: z.array(inquiry).optional(),
  ruling_database: z.strictObject({ serial: text().optional(), ruled_on: isoDate().optional(), result: text() }).optional(),
  agency_inquiry: z.strictObject({ inquired_on: isoDate().optional(), result: text() }).optional(),
  public_notice: z.strictObject({
    medium: z.enum(['cric', 'newspaper']),
    start: isoDate().optional(), // CRIC: first day on the site
    published_on: isoDate().optional(), // newspaper
    name: text().optional(), // newspaper name
    own_site: z.boolean().optional(), // also on the applicant's site, linked from CRIC
    result: text(),
  }).optional(),
});

export const rulingSchema = z
  .strictObject({
    form: z.literal('ruling'),
    subject: z.enum(SUBJECTS),
    date: isoDate().optional(), // 申請日; today when omitted
    applicant,
    works: z.array(workSchema).min(1, say('著作物等を一つ以上書いてください。', 'List at least one work.')).optional(),
    works_file: text().optional(), // CSV of works beside the case file
    uses: z.array(use).min(1, say('利用方法（uses）を一つ以上書いてください。', 'List at least one use.')),
    due_diligence: dueDiligence,
    in_application_use: z.boolean(), // 8 申請中利用の有無
    deposit_exempt: z.boolean().optional(), // overrides item 7 (a 国等 may still deposit in advance)
    medium: text().optional(), // 複製物の媒体 for the copy notice: 書籍, DVD, CD …
    ruled_on: isoDate().optional(), // 裁定のあった日, once the ruling is made: the copy notice after the ruling
    advertisement: z.strictObject({
      purpose: text().optional(), // 「昭和15年に出版された『〇〇の歴史』を復刊する」: why the holder is sought
    }).optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.works && !c.works_file)
      ctx.addIssue({ code: 'custom', path: ['works'], ...say(
        '著作物等を works に書くか、works_file で CSV を指定してください。',
        'List the works under works, or name a CSV with works_file.') });
    if (c.subject === 'work')
      c.works?.forEach((w, i) => {
        if (!w.category) ctx.addIssue({ code: 'custom', path: ['works', i, 'category'], ...CATEGORY_NEEDED });
      });
  });

export type RulingCase = z.output<typeof rulingSchema>;
export type RulingWork = z.output<typeof workSchema>;
