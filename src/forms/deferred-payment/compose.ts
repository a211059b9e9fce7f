/**
 * Composes the 文献複写等料金後納許可申請書: the institution's head applies to the lending library's
 * director for one fiscal year. The wording is in templates/deferred-payment.
 */
import { addressBlock, formGrid } from '../kit/blocks.js';
import type { Made } from '../kit/plugin.js';
import { formTemplates, type WithTemplates } from '../kit/templates.js';
import { eraDate } from '../../base/format.js';
import type { DeferredPaymentDerived } from './derive.js';
import type { DeferredPaymentCase } from './schema.js';

const templates = formTemplates('deferred-payment');

type Request = DeferredPaymentCase['request'];
interface Words {
  request: Record<Request, string>;
  title: Record<Request, string>;
}

const joined = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('　');

export function application(c: DeferredPaymentCase, d: DeferredPaymentDerived, ctx: WithTemplates): Made {
  // One page, as the lending library's own form is (a change with two branches fits at 1.5 lines).
  return templates.document(ctx, 'application.hbs', '文献複写等料金後納許可申請書', () => context(c, d, ctx), { lineHeight: 1.5 });
}

function context(c: DeferredPaymentCase, d: DeferredPaymentDerived, ctx: WithTemplates) {
  const w = templates.data<Words>(ctx, 'words.yaml');
  const inst = c.institution;
  const ct = inst.contact;
  const applicant = [
    inst.postal_code && `〒${inst.postal_code}`,
    inst.address,
    inst.name,
    `${inst.head.title}　${inst.head.name}　㊞`,
  ];
  const rows: Parameters<typeof formGrid>[0] = [
    ['申請区分', w.request[c.request]],
    ['年度', `${d.fiscalYearLabel}（${eraDate(`${d.fiscalYear}-04-01`)}～${eraDate(`${d.fiscalYear + 1}-03-31`)}）`],
    ['許可番号', c.request !== 'new' && (c.permit_number ?? '')],
    ['機関名', inst.name],
    // Seed 003's note where it applies: an institution set up as a 独立行政法人, in categories 1–5.
    ['機関の種別', [`${inst.category}　${d.categoryText}`, d.agencyNote && `独立行政法人として設置（${d.agencyNote.replace(/^※\s*/, '').replace(/。$/, '')}）`]
      .filter(Boolean).join('\n')],
    ['所在地', joined(inst.postal_code && `〒${inst.postal_code}`, inst.address)],
    ['機関の長', joined(inst.head.title, inst.head.name)],
    ['担当者', ct && (joined(ct.department, ct.name) || undefined)],
    ['電話', ct?.phone],
    ['FAX', ct?.fax],
    ['E-mail', ct?.email],
    // A cancellation takes back the whole permit: no branches (derive.ts refuses them there).
    ['分館', c.request !== 'cancel' && (inst.branches?.length ? inst.branches.map((b) => joined(b.name, b.address)).join('\n') : 'なし')],
    ['請求書送付先', c.billing && [joined(c.billing.postal_code && `〒${c.billing.postal_code}`, c.billing.address), c.billing.addressee].join('\n')],
    ['変更内容', c.request === 'change' && (c.changes ?? '')],
    ['取消の理由', c.request === 'cancel' && (c.reason ?? (inst.nii_offset_service ? 'ILL文献複写等料金相殺サービスに参加するため' : ''))],
  ];
  return {
    date: eraDate(d.date),
    library: d.library,
    applicantBlock: addressBlock(applicant, 0.45, '申請機関', 0.5),
    fiscalYear: d.fiscalYearLabel,
    title: w.title[c.request],
    isNew: c.request === 'new',
    isChange: c.request === 'change',
    isCancel: c.request === 'cancel',
    permit: c.permit_number ?? null,
    // Where to post it (seed 003 申請書提出先): the data's library, or the one the case wrote out.
    sendTo: [
      joined(d.library.postalCode && `〒${d.library.postalCode}`, d.library.address, d.library.name, d.library.office),
      joined(d.library.phone && `Tel ${d.library.phone}`, d.library.fax && `Fax ${d.library.fax}`),
    ].filter(Boolean).join('\n') || null,
    // A permit number or reason left empty stays as an empty cell to fill in by hand.
    items: formGrid(rows, 0.22),
  };
}
