/**
 * form: ill-request — a loan request to the NDL by fax or post, for libraries that cannot use NDL
 * Search (seed 002 How to Make a Request). At most ten items on loan at once, counting those held.
 */
import { z } from 'zod';
import { doc, fontFiles, isoDate, say, text, wholeNumber } from '../../input/fields.js';
import { error, warning, type Problem } from '../../base/problem.js';
import { addressBlock, formGrid } from '../kit/blocks.js';
import { valueInForce } from '../../law/dated.js';
import { ILL_SECTION, LOAN_LIMITS, MATERIAL_TYPES, NOT_LOANABLE } from '../../law/data/ill.js';
import { englishDate } from '../../base/format.js';
import type { FormPlugin, Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { illTemplates, letterhead, librarySchema, userId } from './common.js';

const item = z.strictObject({
  title: text().describe(doc('書名', 'Title')),
  author: text().optional().describe(doc('著者名', 'Author')),
  publisher: text().optional().describe(doc('出版者', 'Publisher')),
  year: wholeNumber().optional().describe(doc('出版年', 'Year of publication')),
  ndl_call_number: text().optional().describe(doc('NDLの請求記号', 'NDL call number')),
  isbn: text().optional().describe(doc('ISBN（国際標準図書番号）', 'ISBN')),
  material_type: z.enum(MATERIAL_TYPES).default('book').describe(doc('資料の種類（図書、逐次刊行物、博士論文など）', 'Kind of material (book, serial, doctoral thesis …)')),
  language: z.enum(['japanese', 'foreign']).optional().describe(doc(
    '和書（japanese）か洋書（foreign）か（省略すると書名の文字から判断）', 'Japanese or foreign book (default: japanese when the title has Japanese script)')),
  note: text().optional().describe(doc('備考', 'Note')),
});

const schema = z.strictObject({
  form: z.literal('ill-request').describe(doc('様式: NDL図書館間貸出の貸出申込（英文、FAX・郵送）', 'Form: NDL interlibrary loan request by fax or post')),
  fonts: fontFiles(),
  date: isoDate().optional().describe(doc('日付（省略すると今日）', 'Date (today when omitted)')),
  user_id: userId(),
  library: librarySchema.describe(doc('申し込む図書館', 'The borrowing library')),
  currently_borrowed: wholeNumber().default(0).describe(doc('前の申込で借りていてまだ返していない点数', 'Items from earlier requests not yet returned')),
  send_by: z.enum(['fax', 'post']).describe(doc('送り方: FAX（fax）か郵送（post）', 'Sent by fax or by post')),
  items: z.array(item).min(1, say('資料を1件以上書いてください。', 'List at least one item.')).describe(doc('借りたい資料', 'The items requested')),
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
    problems.push(error(['items'],
      `NDLから同時に借りられるのは${limits.maxOnLoan}点までです（借りている${c.currently_borrowed}点を含む）。今回申し込めるのはあと${room}点ですが、${c.items.length}点あります。`,
      `At most ${limits.maxOnLoan} items may be on loan at once, counting the ${c.currently_borrowed} you already have: you may request ${room} more, not ${c.items.length}.`,
      { ja: `items を${room}点以下にしてください。`, en: `Request at most ${room} item${room === 1 ? "" : "s"} now; ask for the rest after returning some.` }));
  }
  c.items.forEach((it, i) => {
    const why = NOT_LOANABLE[it.material_type];
    if (why)
      problems.push(warning(['items', i, 'material_type'],
        `NDLはこの種類の資料を貸し出しません（${why}）。`,
        `The NDL does not lend this kind of material (${why}); the request will probably be declined.`));
    const japanese = (it.language ?? (JAPANESE_SCRIPT.test(it.title) ? 'japanese' : 'foreign')) === 'japanese';
    const from = japanese ? limits.japaneseFrom : limits.foreignFrom;
    if (it.year !== undefined && it.year < from)
      problems.push(warning(['items', i, 'year'],
        `NDLが貸し出すのは主に${japanese ? '和書' : '洋書'}で${from}年以降に受け入れたものです（${it.year}年刊）。受入年は出版年と異なることがあるので、申し込むことはできます。`,
        `The NDL mainly lends ${japanese ? 'Japanese' : 'foreign'} books acquired in ${from} or later; this one was published in ${it.year}. Acquisition years are not always known, so you may still ask.`));
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
        [it.material_type, it.note].filter(Boolean).join('\n'),
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

export const illRequest: FormPlugin<Request, Derived> = {
  id: 'ill-request',
  title: { ja: 'NDL図書館間貸出 貸出申込（英文、FAX・郵送）', en: 'NDL interlibrary loan: loan request by fax or post' },
  documents: [{ name: 'request', about: 'Interlibrary Loan Request (by fax or post)', make: request }],
  language: 'en',
  schema,
  derive,
};
