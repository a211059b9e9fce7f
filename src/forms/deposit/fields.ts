/**
 * The 出版物納入書's named values, for writing them onto the NDL's own form when the clerk has it
 * (README "The agency's own form"): the same facts in the same words as our own layout prints.
 */
import { eraDate, groupDigits, yen } from '../../base/format.js';
import { valueInForce } from '../../law/dated.js';
import { DEPOSIT_AGENCY_FORM, PUBLISHING_TYPE_JA } from '../../law/data/deposit.js';
import type { AgencyForm, FieldValues } from '../../model/official-form.js';
import type { WithTemplates } from '../kit/templates.js';
import { copiesText, countsText, estimateText, priceText, publisherLines, receiptAddress, titleOf, words } from './compose.js';
import type { DepositDerived } from './derive.js';
import { BINDINGS, type DepositCase } from './schema.js';

export function depositFormFields(c: DepositCase, d: DepositDerived, ctx: WithTemplates): FieldValues {
  const p = c.publication;
  const pub = c.publisher;
  return {
    date: eraDate(d.date),
    publisher: publisherLines(c).join('\n'),
    'publisher.name': pub.name,
    'publisher.postal_code': pub.postal_code ?? '',
    'publisher.address': pub.address,
    'publisher.representative': pub.representative ? `${pub.representative.title}　${pub.representative.name}` : '',
    'publisher.phone': pub.phone ?? pub.contact?.phone ?? '',
    'publisher.email': pub.email ?? pub.contact?.email ?? '',
    'publisher.contact': pub.contact ? [pub.contact.department, pub.contact.name].filter(Boolean).join('　') : '',
    'publication.title': titleOf(c),
    'publication.author': p.author ?? '',
    'publication.published_on': eraDate(p.published_on),
    'publication.price': priceText(c),
    'publication.copies_printed': countsText(c) ?? '',
    'publication.on_demand_sold': p.on_demand_sold === undefined ? '' : `${groupDigits(p.on_demand_sold)}部`,
    'publication.publishing_type': PUBLISHING_TYPE_JA[p.publishing_type],
    'publication.binding': p.binding ? BINDINGS[p.binding] : '',
    'publication.pages': p.pages === undefined ? '' : `${groupDigits(p.pages)}ページ`,
    'publication.isbn': p.isbn ?? '',
    copies_deposited: copiesText(c, d),
    mode: words(ctx).claim_row[c.mode],
    'mode.donation': c.mode === 'donation',
    'mode.compensation': c.mode === 'compensation',
    'mode.postage-only': c.mode === 'postage-only',
    estimate: estimateText(c, d) ?? '',
    postage: c.postage === undefined ? '' : yen(c.postage),
    receipt_requested: c.receipt_requested,
    return_address: c.receipt_requested ? receiptAddress(c).join('\n') : '',
    note: c.note ?? '',
  };
}

/**
 * For a claim the NDL sends its own 出版物納入書 after the advance contact (seed 001 STEP3): until the
 * clerk names it, `check` says so, with the section and number to call.
 */
export function depositAgencyForm(c: DepositCase, d: DepositDerived): AgencyForm | undefined {
  const form = valueInForce(DEPOSIT_AGENCY_FORM, d.date);
  if (!form.modes.includes(c.mode)) return undefined;
  const desk = `${d.section.name}（電話 ${d.desk.phone} 内線${d.section.extension}）`;
  return {
    name: form.name,
    obtain: {
      ja: `出版物を送る前に${desk}へ事前連絡すると、条件を満たしていれば国立国会図書館から出版物納入書などの書式が送られてきます`,
      en: `Before sending anything, tell the NDL's ${d.section.name} (phone ${d.desk.phone}, extension ${d.section.extension}); when the claim qualifies, the NDL sends its forms, the 出版物納入書 among them`,
    },
    file: form.file,
  };
}
