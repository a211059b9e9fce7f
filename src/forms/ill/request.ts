/**
 * form: ill-request — a loan request to the NDL by fax or post, for libraries that cannot use NDL
 * Search (seed 002 How to Make a Request). At most ten items on loan at once, counting those held.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, doc, fontFiles, isoDate, officialForms, text, wholeNumber } from '../../input/fields.js';
import type { Problem } from '../../base/problem.js';
import { addressBlock, formGrid } from '../kit/blocks.js';
import { valueInForce } from '../../law/dated.js';
import { ILL_SECTION, LOAN_LIMITS, MATERIAL_TYPE_KEYS, materialType, NOT_LOANABLE } from '../../law/data/ill.js';
import { englishDate } from '../../base/format.js';
import type { FormPlugin, Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { illMessages as m, illTemplates, letterhead, librarySchema, userId } from './common.js';
import { illAgencyForm, itemFields, libraryFields } from './fields.js';
import type { FieldValues } from '../../model/official-form.js';

/** The kinds of material in Japanese, for a Japanese colleague filling the request. */
const MATERIAL_TYPE_LABELS = {
  book: '図書', digitized: 'デジタル化資料', serial: '逐次刊行物', rare: '貴重書', 'large-sized': '大型本', reference: '参考図書',
  pamphlet: 'パンフレット', 'doctoral-thesis': '博士論文', map: '地図', electronic: '電子資料', score: '楽譜', recording: '録音資料',
  microform: 'マイクロ資料', other: 'その他',
} satisfies Record<(typeof MATERIAL_TYPE_KEYS)[number], string>;

const item = z.strictObject({
  title: text().describe(doc('書名', 'Title')),
  author: text().optional().describe(doc('著者名', 'Author')),
  publisher: text().optional().describe(doc('出版者', 'Publisher')),
  year: wholeNumber().optional().describe(doc('出版年', 'Year of publication')),
  ndl_call_number: text().optional().describe(doc('NDLの請求記号', 'NDL call number')),
  isbn: text().optional().describe(doc('ISBN（国際標準図書番号）', 'ISBN')),
  material_type: choice(MATERIAL_TYPE_LABELS).default('book').describe(doc(
    '資料の種類（図書、デジタル化資料、逐次刊行物、博士論文など）', 'Kind of material (book, digitized material, serial, doctoral thesis …)')),
  language: choice({ japanese: '和書', foreign: '洋書' }).optional().describe(doc(
    '和書（japanese）か洋書（foreign）か（省略すると書名の文字から判断）', 'Japanese or foreign book (default: japanese when the title has Japanese script)')),
  note: text().optional().describe(doc('備考', 'Note')),
});

const schema = z.strictObject({
  form: z.literal('ill-request').describe(doc('様式: NDL図書館間貸出の貸出申込（英文、FAX・郵送）', 'Form: NDL interlibrary loan request by fax or post')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('日付（省略すると今日）', 'Date (today when omitted)')),
  user_id: userId(),
  library: librarySchema.describe(doc('申し込む図書館', 'The borrowing library')),
  currently_borrowed: wholeNumber().default(0).describe(doc('前の申込で借りていてまだ返していない点数', 'Items from earlier requests not yet returned')),
  send_by: choice({ fax: 'FAX', post: '郵送' }).describe(doc('送り方: FAX（fax）か郵送（post）', 'Sent by fax or by post')),
  items: z.array(item).min(1, m.say('ill-request-items-none')).describe(doc('借りたい資料', 'The items requested')),
});
type Request = z.output<typeof schema>;
interface Derived { date: string; total: number }

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function derive(c: Request, ctx: { today: string }) {
  const date = c.date ?? ctx.today;
  const limits = valueInForce(LOAN_LIMITS, date);
  const problems: Problem[] = [];
  const total = c.currently_borrowed + c.items.length;
  if (total > limits.maxOnLoan) {
    const room = Math.max(0, limits.maxOnLoan - c.currently_borrowed);
    problems.push(m.error('ill-request-too-many', ['items'], {
      max: limits.maxOnLoan, borrowed: c.currently_borrowed, room, count: c.items.length,
      unit: m.text(room === 1 ? 'ill-unit-one' : 'ill-unit-many'),
    }));
  }
  const notLoanable = valueInForce(NOT_LOANABLE, date);
  c.items.forEach((it, i) => {
    const type = materialType(it.material_type);
    if (type.notLoanable)
      problems.push(m.warning('ill-request-not-loanable', ['items', i, 'material_type'], { why: notLoanable[type.notLoanable] }));
    const japanese = (it.language ?? (JAPANESE_SCRIPT.test(it.title) ? 'japanese' : 'foreign')) === 'japanese';
    const from = japanese ? limits.japaneseFrom : limits.foreignFrom;
    if (it.year !== undefined && it.year < from)
      problems.push(m.warning('ill-request-acquired-early', ['items', i, 'year'],
        { books: m.text(japanese ? 'ill-books-japanese' : 'ill-books-foreign'), from, year: it.year }));
  });
  return { facts: { total_on_loan: total }, problems, derived: { date, total } };
}

function request(c: Request, d: Derived, ctx: WithTemplates): Made {
  const section = valueInForce(ILL_SECTION, d.date);
  const limits = valueInForce(LOAN_LIMITS, d.date);
  return illTemplates.document(ctx, 'request.hbs', 'Interlibrary Loan Request', () => ({
    date: englishDate(d.date),
    to: addressBlock(c.send_by === 'fax' ? [...section.address, `Fax: ${section.fax}`] : section.address, 0),
    byFax: c.send_by === 'fax',
    fax: section.fax,
    from: formGrid([
      ['User ID', c.user_id],
      ['Library', letterhead(c.library).join('\n')],
    ], 0.22),
    items: {
      columns: [
        { header: 'No.', width: 0.05, align: 'center' }, { header: 'Title', width: 0.27 }, { header: 'Author', width: 0.14 },
        { header: 'Publisher, year', width: 0.17 }, { header: 'NDL call no. / ISBN', width: 0.2 }, { header: 'Type / note', width: 0.17 },
      ],
      rows: c.items.map((it, i) => [
        String(i + 1), it.title, it.author ?? '',
        [it.publisher, it.year].filter((v) => v !== undefined).join(', '),
        [it.ndl_call_number, it.isbn && `ISBN ${it.isbn}`].filter(Boolean).join('\n'),
        [materialType(it.material_type).label, it.note].filter(Boolean).join('\n'),
      ]),
      size: 9,
    },
    counts: formGrid([
      ['Items requested', String(c.items.length)],
      ['Items already on loan', String(c.currently_borrowed)],
      ['On loan after this request', `${d.total} (at most ${limits.maxOnLoan})`],
    ], 0.35),
  }), { lineHeight: 1.45 });
}

/** The request's values for the NDL's designated request form (README "The agency's own form"). */
function requestFields(c: Request, d: Derived): FieldValues {
  return {
    date: englishDate(d.date),
    user_id: c.user_id,
    ...libraryFields(c.library),
    send_by: c.send_by,
    'send_by.fax': c.send_by === 'fax',
    'send_by.post': c.send_by === 'post',
    currently_borrowed: String(c.currently_borrowed),
    total_on_loan: String(d.total),
    ...itemFields(c.items, (it) => ({
      title: it.title, author: it.author ?? '', publisher: it.publisher ?? '', year: it.year === undefined ? '' : String(it.year),
      publisher_year: [it.publisher, it.year].filter((v) => v !== undefined).join(', '),
      ndl_call_number: it.ndl_call_number ?? '', isbn: it.isbn ?? '', material_type: materialType(it.material_type).label, note: it.note ?? '',
    })),
  };
}

export const illRequest: FormPlugin<Request, Derived> = {
  id: 'ill-request',
  catalogues: ['ill'],
  title: { ja: 'NDL図書館間貸出 貸出申込（英文、FAX・郵送）', en: 'NDL interlibrary loan: loan request by fax or post' },
  documents: [{ name: 'request', about: 'Interlibrary Loan Request (by fax or post)', make: request, fields: requestFields, agencyForm: illAgencyForm('request') }],
  language: 'en',
  schema,
  derive,
};
