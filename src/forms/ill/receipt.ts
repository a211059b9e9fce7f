/**
 * form: ill-receipt — the Receipt Letter of the Loan Material, sent within three days of receipt to
 * the NDL library the items came from (seed 002 Check on arriving items), with the return rules.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, doc, fontFiles, isoDate, officialForms, phone, text } from '../../input/fields.js';
import type { Problem } from '../../base/problem.js';
import { addressBlock, signatureLine } from '../kit/blocks.js';
import { valueInForce } from '../../law/dated.js';
import { LOAN_LIMITS, NDL_LIBRARIES, NDL_LIBRARY_KEYS } from '../../law/data/ill.js';
import { addDays, englishDate } from '../../base/format.js';
import { endOfMonthsAfter } from '../../law/rules/period.js';
import type { Paragraph } from '../../model/document.js';
import type { FormPlugin, Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { illMessages as m, illTemplates, letterhead, librarySchema, userId } from './common.js';
import { illAgencyForm, itemFields, libraryFields } from './fields.js';
import type { FieldValues } from '../../model/official-form.js';

const schema = z.strictObject({
  form: z.literal('ill-receipt').describe(doc('様式: NDL図書館間貸出の受領書（英文）', 'Form: receipt letter for NDL loan material')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('日付（省略すると今日）', 'Date (today when omitted)')),
  user_id: userId(),
  library: librarySchema.describe(doc('受け取った図書館', 'The receiving library')),
  sent_from: choice({ 'tokyo-main': '東京本館', 'kansai-kan': '関西館', ilcl: '国際子ども図書館' } satisfies Record<(typeof NDL_LIBRARY_KEYS)[number], string>).describe(doc(
    '資料を送ってきた（返送先の）NDLの館: 東京本館、関西館、国際子ども図書館', 'The NDL library the items came from and go back to: Tokyo Main, Kansai-kan or ILCL')),
  received_on: isoDate().describe(doc('受け取った日', 'Date received')),
  send_to: z.strictObject({
    fax: phone().optional().describe(doc('「To Borrowers」に書かれたFAX番号（FAXで送るとき）', 'The fax number "To Borrowers" gives (when the letter is faxed)')),
    email: text().optional().describe(doc('「To Borrowers」に書かれたメールアドレス（メールで送るとき）', 'The e-mail address "To Borrowers" gives (when the letter is e-mailed)')),
  }).optional().describe(doc(
    '受領書の送り先: 資料に同封の「To Borrowers」に書かれたFAX番号かメールアドレスのどちらか', 'Where the letter goes: the fax number or the e-mail address printed on the "To Borrowers" sheet, one of them')),
  checked_by: z.strictObject({
    name: text().describe(doc('資料の状態を確かめた職員の氏名', 'Name of the staff member who checked the items')),
    title: text().optional().describe(doc('その職員の役職', 'Their title')),
  }).optional().describe(doc('資料を確かめた職員（署名欄の上に印刷。省略すると手書きの欄）', 'The staff member who checked the items (printed above the signature line; a line to write on when omitted)')),
  items: z.array(z.strictObject({
    loan_slip: text().describe(doc('貸出票の番号', 'Loan slip number')),
    title: text().describe(doc('書名', 'Title')),
    condition: choice({ good: '良好', damaged: ['破損あり', '破損'] }).describe(doc('状態: 良好（good）か破損あり（damaged）', 'Condition: good or damaged')),
    note: text().optional().describe(doc('備考（破損の様子など）', 'Note (what the damage is …)')),
  })).min(1, m.say('ill-receipt-items-none')).describe(doc('受け取った資料', 'The items received')),
});
type Receipt = z.output<typeof schema>;
interface Derived { date: string; receiptDue: string; returnDue: string; late: boolean }

function derive(c: Receipt, ctx: { today: string }) {
  const date = c.date ?? ctx.today;
  const limits = valueInForce(LOAN_LIMITS, date);
  const receiptDue = addDays(c.received_on, limits.receiptDays);
  // "within one month from the date of receipt" (seed 002 Period of Loan), counted as 民法140条・143条 count it.
  const returnDue = endOfMonthsAfter(c.received_on, limits.loanMonths);
  const problems: Problem[] = [...sendToProblems(c)];
  const late = date > receiptDue;
  if (late)
    problems.push(m.warning('ill-receipt-late', ['date'], { days: limits.receiptDays, due: { ja: receiptDue, en: englishDate(receiptDue) } }));
  if (date < c.received_on)
    problems.push(m.warning('ill-receipt-before-received', ['date']));
  c.items.forEach((it, i) => {
    if (it.condition === 'damaged' && !it.note)
      problems.push(m.warning('ill-receipt-damage-undescribed', ['items', i, 'note']));
  });
  return { facts: { receipt_due: receiptDue, return_due: returnDue }, problems, derived: { date, receiptDue, returnDue, late } };
}

/**
 * The letter goes by fax or e-mail to what "To Borrowers" gives (seed 002): one of the two. Without
 * it the letter is still made — the example cases have none — with a line to write it in, and a warning.
 */
function sendToProblems(c: Receipt): Problem[] {
  const to = c.send_to;
  if (!to) return [m.warning('ill-receipt-send-to-missing', ['send_to'])];
  if (to.fax && to.email) return [m.error('ill-receipt-send-to-both', ['send_to'])];
  if (!to.fax && !to.email) return [m.error('ill-receipt-send-to-empty', ['send_to'])];
  return [];
}

/** 「Sent by fax to …」, or a line to write the number or address in by hand. */
function sentBy(c: Receipt): Paragraph {
  const to = c.send_to;
  if (to?.fax) return { kind: 'paragraph', text: `Sent by fax to ${to.fax}` };
  if (to?.email) return { kind: 'paragraph', text: `Sent by e-mail to ${to.email}` };
  return signatureLine('Sent by fax / e-mail to', 0);
}

/** Who checked the items, then the line to sign on: the name printed, or a line to write it. */
function signer(c: Receipt): Paragraph[] {
  const who = c.checked_by;
  const name = who ? { kind: 'paragraph' as const, text: `Checked by: ${[who.name, who.title].filter(Boolean).join(', ')}`, at: 0.35, before: 0.5 }
    : signatureLine('Checked by (name)', 0.35);
  return [name, signatureLine('Signature', 0.35)];
}
function receiptLetter(c: Receipt, d: Derived, ctx: WithTemplates): Made {
  const from = valueInForce(NDL_LIBRARIES, d.date)[c.sent_from];
  const damaged = c.items.some((it) => it.condition === 'damaged');
  const [checkedBy, signature] = signer(c);
  return illTemplates.document(ctx, 'receipt.hbs', 'Receipt Letter of the Loan Material', () => ({
    date: englishDate(d.date),
    to: addressBlock(from.address, 0),
    library: addressBlock([`User ID: ${c.user_id}`, ...letterhead(c.library)], 0.5),
    received: englishDate(c.received_on),
    receiptDue: englishDate(d.receiptDue),
    returnDue: englishDate(d.returnDue),
    onTime: !d.late,
    sentBy: sentBy(c),
    by: c.send_to?.fax ? ' by fax' : c.send_to?.email ? ' by e-mail' : '',
    checkedBy,
    signature,
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

/** The letter's values for the right half of the NDL's "To Borrowers" sheet (README "The agency's own form"). */
function receiptFields(c: Receipt, d: Derived): FieldValues {
  const from = valueInForce(NDL_LIBRARIES, d.date)[c.sent_from];
  return {
    date: englishDate(d.date),
    user_id: c.user_id,
    ...libraryFields(c.library),
    sent_from: from.name,
    'sent_from.address': from.address.join('\n'),
    received_on: englishDate(c.received_on),
    receipt_due: englishDate(d.receiptDue),
    return_due: englishDate(d.returnDue),
    'send_to.fax': c.send_to?.fax ?? '',
    'send_to.email': c.send_to?.email ?? '',
    'checked_by.name': c.checked_by?.name ?? '',
    'checked_by.title': c.checked_by?.title ?? '',
    ...itemFields(c.items, (it) => ({
      loan_slip: it.loan_slip, title: it.title, condition: it.condition === 'good' ? 'Good' : 'Damaged',
      'condition.good': it.condition === 'good', 'condition.damaged': it.condition === 'damaged', note: it.note ?? '',
    })),
  };
}

export const illReceipt: FormPlugin<Receipt, Derived> = {
  id: 'ill-receipt',
  catalogues: ['ill'],
  title: { ja: 'NDL図書館間貸出 受領書（英文）', en: 'NDL interlibrary loan: Receipt Letter of the Loan Material' },
  documents: [{
    name: 'receipt-letter', about: 'Receipt Letter of the Loan Material, with the return due date and rules', make: receiptLetter,
    fields: receiptFields, agencyForm: illAgencyForm('receipt'),
  }],
  language: 'en',
  schema,
  derive,
};
