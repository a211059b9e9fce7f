/**
 * form: ill-receipt — the Receipt Letter of the Loan Material, sent within three days of receipt to
 * the NDL library the items came from (seed 002 Check on arriving items), with the return rules.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, doc, fontFiles, isoDate, text } from '../../input/fields.js';
import type { Problem } from '../../base/problem.js';
import { addressBlock } from '../kit/blocks.js';
import { valueInForce } from '../../law/dated.js';
import { LOAN_LIMITS, NDL_LIBRARIES, NDL_LIBRARY_KEYS } from '../../law/data/ill.js';
import { addDays, addMonths, englishDate } from '../../base/format.js';
import type { FormPlugin, Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { illMessages as m, illTemplates, letterhead, librarySchema, userId } from './common.js';

const schema = z.strictObject({
  form: z.literal('ill-receipt').describe(doc('様式: NDL図書館間貸出の受領書（英文）', 'Form: receipt letter for NDL loan material')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  date: isoDate().optional().describe(doc('日付（省略すると今日）', 'Date (today when omitted)')),
  user_id: userId(),
  library: librarySchema.describe(doc('受け取った図書館', 'The receiving library')),
  sent_from: choice({ 'tokyo-main': '東京本館', 'kansai-kan': '関西館', ilcl: '国際子ども図書館' } satisfies Record<(typeof NDL_LIBRARY_KEYS)[number], string>).describe(doc(
    '資料を送ってきた（返送先の）NDLの館: 東京本館、関西館、国際子ども図書館', 'The NDL library the items came from and go back to: Tokyo Main, Kansai-kan or ILCL')),
  received_on: isoDate().describe(doc('受け取った日', 'Date received')),
  items: z.array(z.strictObject({
    loan_slip: text().describe(doc('貸出票の番号', 'Loan slip number')),
    title: text().describe(doc('書名', 'Title')),
    condition: choice({ good: '良好', damaged: ['破損あり', '破損'] }).describe(doc('状態: 良好（good）か破損あり（damaged）', 'Condition: good or damaged')),
    note: text().optional().describe(doc('備考（破損の様子など）', 'Note (what the damage is …)')),
  })).min(1, m.say('ill-receipt-items-none')).describe(doc('受け取った資料', 'The items received')),
});
type Receipt = z.output<typeof schema>;
interface Derived { date: string; receiptDue: string; returnDue: string }

function derive(c: Receipt, ctx: { today: string }) {
  const date = c.date ?? ctx.today;
  const limits = valueInForce(LOAN_LIMITS, date);
  const receiptDue = addDays(c.received_on, limits.receiptDays);
  const returnDue = addMonths(c.received_on, limits.loanMonths);
  const problems: Problem[] = [];
  if (date > receiptDue)
    problems.push(m.warning('ill-receipt-late', ['date'], { days: limits.receiptDays, due: { ja: receiptDue, en: englishDate(receiptDue) } }));
  if (date < c.received_on)
    problems.push(m.warning('ill-receipt-before-received', ['date']));
  c.items.forEach((it, i) => {
    if (it.condition === 'damaged' && !it.note)
      problems.push(m.warning('ill-receipt-damage-undescribed', ['items', i, 'note']));
  });
  return { facts: { receipt_due: receiptDue, return_due: returnDue }, problems, derived: { date, receiptDue, returnDue } };
}

function receiptLetter(c: Receipt, d: Derived, ctx: WithTemplates): Made {
  const from = valueInForce(NDL_LIBRARIES, d.date)[c.sent_from];
  const damaged = c.items.some((it) => it.condition === 'damaged');
  return illTemplates.document(ctx, 'receipt.hbs', 'Receipt Letter of the Loan Material', () => ({
    date: englishDate(d.date),
    to: addressBlock(from.address, 0),
    library: addressBlock([`User ID: ${c.user_id}`, ...letterhead(c.library)], 0.5),
    received: englishDate(c.received_on),
    receiptDue: englishDate(d.receiptDue),
    returnDue: englishDate(d.returnDue),
    damaged,
    items: {
      columns: [{ header: 'No.', width: 0.06, align: 'center' }, { header: 'Loan slip', width: 0.2 }, { header: 'Title', width: 0.34 },
        { header: 'Condition', width: 0.12 }, { header: 'Note', width: 0.28 }],
      rows: c.items.map((it, i) => [String(i + 1), it.loan_slip, it.title, it.condition === 'good' ? 'Good' : 'Damaged', it.note ?? '']),
      size: 9.5,
    },
    returnTo: addressBlock(from.address, 0.06),
  }), { lineHeight: 1.45 });
}

export const illReceipt: FormPlugin<Receipt, Derived> = {
  id: 'ill-receipt',
  catalogues: ['ill'],
  title: { ja: 'NDL図書館間貸出 受領書（英文）', en: 'NDL interlibrary loan: Receipt Letter of the Loan Material' },
  documents: [{ name: 'receipt-letter', about: 'Receipt Letter of the Loan Material, with the return due date and rules', make: receiptLetter }],
  language: 'en',
  schema,
  derive,
};
