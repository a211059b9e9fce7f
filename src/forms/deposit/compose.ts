/**
 * Composes the deposit papers: 出版物納入書, for a claim the 事前連絡票 (sheet and e-mail text), the
 * 送付状 (with the 受領書 request note when asked) and the address label. The wording is in
 * templates/deposit; this file shapes the case and its derived facts for it.
 */
import { addressBlock, formGrid } from '../kit/blocks.js';
import { reachLines } from '../kit/reach.js';
import { formTemplates, type WithTemplates } from '../kit/templates.js';
import { PUBLISHING_TYPE_JA } from '../../law/data/deposit.js';
import type { KeyValue } from '../../model/document.js';
import type { Made } from '../kit/plugin.js';
import { BLANK_ERA_DATE, eraDate, groupDigits, yen } from '../../base/format.js';
import type { DepositDerived } from './derive.js';
import { BINDINGS, type DepositCase } from './schema.js';

const templates = formTemplates('deposit');

interface Words {
  request: Record<'compensation' | 'postage-only', string>;
  wish: Record<'compensation' | 'postage-only', string>;
  claim: Record<DepositCase['mode'], string>;
  claim_row: Record<DepositCase['mode'], string>;
  enclosed_in: Record<DepositCase['mode'], string>;
  lead: Record<Kind, string>;
  letter_lead: Record<Kind, string>;
}
/** A publication with a deposit duty is delivered under 法25条1項; one without is a gift that cites no law. */
type Kind = 'duty' | 'gift';
const kindOf = (d: DepositDerived): Kind => (d.noDuty.length > 0 ? 'gift' : 'duty');
/** The sentence after the lead: what is claimed (a gift with no duty claims nothing, as its lead says). */
const claimOf = (c: DepositCase, d: DepositDerived, w: Words) => (kindOf(d) === 'gift' ? '' : w.claim[c.mode]);
export const words = (ctx: WithTemplates) => templates.data<Words>(ctx, 'words.yaml');

/** The publisher as the colophon names it, then the person to reach; each number given is printed. */
export function publisherLines(c: DepositCase): string[] {
  const p = c.publisher;
  const ct = p.contact;
  return [
    p.postal_code && `〒${p.postal_code}`,
    p.address,
    p.name,
    p.representative && `${p.representative.title}　${p.representative.name}`,
    ct && (ct.department || ct.name) && `担当　${[ct.department, ct.name].filter(Boolean).join('　')}`,
    ...reachLines(p, ct),
  ].filter((r): r is string => !!r);
}

/** The section of the NDL that receives this mode, as an address block; `more`: a fax or address it gave. */
function deskLines(d: DepositDerived, more: (string | undefined)[] = []): Omit<KeyValue, 'kind'> {
  return addressBlock([
    `〒${d.desk.postalCode}`, d.desk.address, `${d.desk.library}　${d.desk.division}`, `${d.section.name}　御中`,
    `電話　${d.desk.phone}（内線${d.section.extension}）`, ...more,
  ], 0);
}

export const titleOf = (c: DepositCase) => c.publication.title + (c.publication.volume ? `　${c.publication.volume}` : '');

/** 2部（1部は納入義務分、1部は関西館への寄贈）; a gift's copies are all gifts. */
export function copiesText(c: DepositCase, d: DepositDerived): string {
  const n = c.copies_deposited;
  if (n === 1 || kindOf(d) === 'gift') return `${n}部`;
  return `${n}部（うち1部は納入義務分、${n - 1}部は関西館への寄贈）`;
}

export function countsText(c: DepositCase): string | undefined {
  const p = c.publication;
  return p.copies_printed !== undefined ? `${groupDigits(p.copies_printed)}部` : undefined;
}

export const priceText = (c: DepositCase) =>
  c.publication.price !== undefined ? `${yen(c.publication.price)}（本体価格）` : '非売品';

/** 見込額: 900円（小売価格1,800円の5割）＋送料520円＝1,420円 */
export function estimateText(c: DepositCase, d: DepositDerived): string | null {
  const e = d.estimate;
  // 非売品: the NDL sets the compensation; the postage claimed with it is still printed.
  if (!e && c.mode === 'compensation' && d.eligibility.eligible === true && c.postage !== undefined)
    return `代償金（非売品のため国立国会図書館が定めます）＋送料${yen(c.postage)}`;
  if (!e) return null;
  if (c.mode === 'postage-only') return `送料${yen(e.postage)}`;
  const price = c.publication.price!;
  const postage = c.postage !== undefined ? `＋送料${yen(e.postage)}` : '（送料は別途）';
  return `${yen(e.share)}（小売価格${yen(price)}の5割）${postage}＝${yen(e.total)}`;
}


export function depositForm(c: DepositCase, d: DepositDerived, ctx: WithTemplates): Made {
  const p = c.publication;
  const w = words(ctx);
  const estimate = estimateText(c, d);
  const returnTo = receiptAddress(c);
  return templates.document(ctx, 'deposit-form.hbs', '出版物納入書', () => ({
    date: eraDate(d.date),
    publisherBlock: addressBlock(publisherLines(c), 0.45, '発行者', 0.5),
    lead: w.lead[kindOf(d)],
    claim: claimOf(c, d, w),
    items: formGrid([
      ['書名', titleOf(c)],
      ['著者名', p.author],
      ['発行者（奥付の表示）', c.publisher.name],
      ['発行年月日', eraDate(p.published_on)],
      ['小売価格', priceText(c)],
      ['発行部数', countsText(c)],
      ['販売済み部数（オンデマンド出版）', p.on_demand_sold !== undefined && `${groupDigits(p.on_demand_sold)}部`],
      ['発行形態', PUBLISHING_TYPE_JA[p.publishing_type]],
      ['製本・ページ数', [p.binding && BINDINGS[p.binding], p.pages !== undefined && `${groupDigits(p.pages)}ページ`].filter(Boolean).join('・') || undefined],
      ['ISBN', p.isbn],
      ['納入部数', copiesText(c, d)],
      ['代償金等', w.claim_row[c.mode]],
      ['見込額', estimate ?? undefined],
      // The return address a line each, so a name is never cut at the cell's edge.
      ['受領書', c.receipt_requested ? ['希望する（送付先）', ...returnTo].join('\n') : '希望しない'],
      ['備考', c.note],
    ]),
    estimate,
  }));
}

/** The seven facts the NDL needs before anything is sent for a claim (seed 001 STEP2 必須情報). */
function advanceFacts(c: DepositCase, ctx: WithTemplates) {
  const p = c.publication;
  const request = words(ctx).request[c.mode as 'compensation' | 'postage-only'];
  return [
    ['申請内容', request],
    ['出版物のタイトル', titleOf(c)],
    ['出版物奥付に記載の発行者名', c.publisher.name],
    ['出版物の価格', priceText(c)],
    ['発行部数', countsText(c) ?? (p.publishing_type === 'on-demand' ? 'オンデマンド出版のため該当なし' : '（未記入）')],
    ['オンデマンド出版の場合は販売済み部数', p.publishing_type === 'on-demand' ? (p.on_demand_sold !== undefined ? `${groupDigits(p.on_demand_sold)}部` : '（未記入）') : '該当しない（オンデマンド出版ではない）'],
    ['発行形態', PUBLISHING_TYPE_JA[p.publishing_type]],
  ].map(([label, value], i) => ({ no: String(i + 1), label, value }));
}


/**
 * The 事前連絡票 is a memo for the phone call (the seed gives 収集第三係 no mail address), or a sheet to
 * fax to the number the NDL gave: dated the day of the contact — blank to write by hand when the case
 * does not say — with room to note who answered and what comes next.
 */
export function advanceNotice(c: DepositCase, d: DepositDerived, ctx: WithTemplates): Made {
  return templates.document(ctx, 'advance-notice.hbs', '代償金・送料の事前連絡票', () => {
    const facts = advanceFacts(c, ctx);
    const a = c.advance_contact;
    return {
      date: a?.date ? eraDate(a.date) : BLANK_ERA_DATE,
      deskBlock: deskLines(d, [a?.fax && `FAX　${a.fax}`, a?.email && `E-mail　${a.email}`]),
      phone: `${d.desk.phone} 内線${d.section.extension}`,
      hours: d.desk.hours,
      record: formGrid([['応対した職員', ''], ['回答・次の手順', '']], 0.25, 10.5),
      request: facts[0].value,
      wish: words(ctx).wish[c.mode as 'compensation' | 'postage-only'],
      facts: {
        columns: [{ header: '番号', width: 0.07, align: 'center' }, { header: '項目', width: 0.38 }, { header: '内容', width: 0.55 }],
        rows: facts.map((f) => [f.no, f.label, f.value]),
        headerRow: false,
        size: 10.5,
      },
      contactBlock: addressBlock(publisherLines(c), 0.04),
    };
  });
}


export function advanceNoticeMail(c: DepositCase, d: DepositDerived, ctx: WithTemplates): Made {
  return templates.document(ctx, 'advance-notice-mail.hbs', '事前連絡のメール本文', () => {
    const facts = advanceFacts(c, ctx);
    return {
      to: c.advance_contact!.email,
      request: facts[0].value,
      wish: words(ctx).wish[c.mode as 'compensation' | 'postage-only'],
      title: titleOf(c),
      desk: d.desk,
      section: d.section.name,
      publisher: c.publisher.name,
      facts,
      signature: publisherLines(c),
    };
  });
}

/** Where the 受領書 goes: the case's return address, else the publisher's own. */
export function receiptAddress(c: DepositCase): string[] {
  const r = c.return_address;
  if (r) return [r.postal_code && `〒${r.postal_code}`, r.address, r.name ?? c.publisher.name].filter((v): v is string => !!v);
  const p = c.publisher;
  return [p.postal_code && `〒${p.postal_code}`, p.address, p.name].filter((v): v is string => !!v);
}


export function coverLetter(c: DepositCase, d: DepositDerived, ctx: WithTemplates): Made {
  return templates.document(ctx, 'cover-letter.hbs', '送付状', () => {
    const enclosures = [
      `出版物納入書　1通`,
      ...(c.receipt_requested ? ['受領書送付のお願い（送付先のメモ）　1通'] : []),
    ];
    const estimate = estimateText(c, d);
    const w = words(ctx);
    const contacted = c.advance_contact?.date;
    return {
      date: eraDate(d.date),
      deskBlock: deskLines(d),
      senderBlock: addressBlock(publisherLines(c), 0.5, '', 0.5),
      lead: w.letter_lead[kindOf(d)],
      claim: claimOf(c, d, w),
      // A claim follows its advance contact: the letter says when, so the two steps meet at the NDL.
      claimed: c.mode !== 'donation',
      contacted: contacted ? `${eraDate(contacted)}に` : '',
      late: d.late,
      title: titleOf(c),
      copies: copiesText(c, d),
      enclosures,
      estimate: estimate && `${estimate}（金額は国立国会図書館が決定します）`,
      receipt: c.receipt_requested,
      receiptItems: formGrid([
        ['書名', titleOf(c)],
        ['発行者', c.publisher.name],
        ['発行年月日', eraDate(c.publication.published_on)],
        ['納入部数', copiesText(c, d)],
        ['送付日', eraDate(d.date)],
      ], 0.25, 10.5),
      returnBlock: addressBlock(receiptAddress(c), 0.04),
    };
  });
}


export function addressLabel(c: DepositCase, d: DepositDerived, ctx: WithTemplates): Made {
  return templates.document(ctx, 'address-label.hbs', '宛名ラベル', () => ({
    address: {
      columns: [{ header: 'お届け先', width: 0.72 }],
      rows: [[
        [`〒${d.desk.postalCode}`, d.desk.address, d.desk.library, d.desk.division,
          `${d.section.name}　御中`, '', words(ctx).enclosed_in[c.mode]].join('\n'),
      ]],
      headerRow: false,
      size: 15,
      before: 0.5,
    },
    sender: {
      columns: [{ header: 'ご依頼主', width: 0.72 }],
      rows: [[['差出人', ...publisherLines(c)].join('\n')]],
      headerRow: false,
      size: 10.5,
    },
  }), { pageNumbers: false });
}
