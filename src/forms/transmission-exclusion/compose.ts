/**
 * Composes an exclusion request: our own table of the entries (CSV and XLSX), the NDL's list with
 * its entry columns filled (as the format it came in), the e-mail to send it with, and a printable
 * cover letter with the counts and every item. Wording is in templates/transmission-exclusion.
 */
import { addressBlock } from '../kit/blocks.js';
import { formTemplates, portraitPage, type WithTemplates } from '../kit/templates.js';
import { valueInForce } from '../../law/dated.js';
import { CRITERIA, EXCLUSION_DESK, RESERVED_CATEGORIES, STAGES, type Criterion, type CriterionRule } from '../../law/data/transmission.js';
import type { Table } from '../../model/document.js';
import type { Made } from '../kit/plugin.js';
import { eraDate, fiscalYearLabel } from '../../base/format.js';
import type { ExclusionDerived, LoadedExclusion } from './derive.js';
import type { SheetFile } from '../../input/sheet.js';
import { basename } from 'node:path';

const templates = formTemplates('transmission-exclusion');
interface Words {
  role: Record<LoadedExclusion['requester']['role'], string>;
  lead: Record<LoadedExclusion['stage'], string>;
}
const words = (ctx: WithTemplates) => templates.data<Words>(ctx, 'words.yaml');

/** Items named one by one in the e-mail body; the rest are in the attachment. */
const ITEMS_IN_MAIL = 20;

/** The documents' names and titles; the e-mail and the letter name the attachment by its file name. */
export const DOCUMENTS = {
  rows: { name: 'exclusion-rows', title: '除外申出資料の一覧（CSV・Excel）' },
  list: { name: 'filled-list', title: '記入済みの送信候補資料リスト（与えたリストと同じ形式）' },
  mail: { name: 'request-mail', title: '除外申出のメール本文（テキスト）' },
  letter: { name: 'cover-letter', title: '除外申出の送付状（件数と資料の一覧）' },
};

/** The items requested (all, or those the NDL's list has), each with its place in the case. */
const requested = (c: LoadedExclusion, d: ExclusionDerived) => c.items.map((item, i) => ({ item, i })).filter(({ i }) => d.found[i]);

/** Our own table: one row per item requested with what the list's entry columns would hold. */
export function rowsTable(c: LoadedExclusion, d: ExclusionDerived): Made {
  const table: Table = {
    kind: 'table',
    columns: [
      { header: '識別子', width: 0.16 }, { header: '書名', width: 0.16 }, { header: '著者', width: 0.1 },
      { header: '除外基準', width: 0.06, align: 'center' }, { header: '根拠・確認方法', width: 0.22 },
      { header: '申出者', width: 0.12 }, { header: '連絡先', width: 0.1 }, { header: '申出日', width: 0.08 },
    ],
    rows: requested(c, d).map(({ item: it, i }) => {
      const e = d.entries[i];
      const { title, author } = described(it, d, i);
      return [it.pid, title ?? '', author ?? '', e.criterion, e.evidence, e.requester, e.contact, e.date];
    }),
  };
  return { title: DOCUMENTS.rows.title, page: portraitPage(), fontSize: 10, lineHeight: 1.5, pageNumbers: false, blocks: [table] };
}

/** The NDL's list with the entries filled, under the list's own file name: the NDL gets back the file it published. */
export function filledList(_: LoadedExclusion, d: ExclusionDerived): Made {
  const { sheet, edits } = d.list!;
  const csv = sheet.encoding && sheet.records ? { encoding: sheet.encoding, records: sheet.records } : undefined;
  return { kind: 'filledSheet', name: listFileName(sheet), title: DOCUMENTS.list.title, format: sheet.format, source: { bytes: sheet.bytes, sheet: sheet.sheet, csv, layout: sheet.layout }, edits };
}

/** The list's file name without its extension, unless another document of the request has that name. */
function listFileName(sheet: SheetFile): string {
  const name = basename(sheet.name).replace(/\.[^.]*$/, '');
  return Object.values(DOCUMENTS).some((doc) => doc.name === name) || name === '' ? DOCUMENTS.list.name : name;
}

/** The e-mail text and the printed cover letter say the same things from one context. */
export const requestMail = (c: LoadedExclusion, d: ExclusionDerived, ctx: WithTemplates): Made =>
  templates.document(ctx, 'request-mail.hbs', DOCUMENTS.mail.title, () => letterContext(c, d, ctx));
export const coverLetter = (c: LoadedExclusion, d: ExclusionDerived, ctx: WithTemplates): Made =>
  templates.document(ctx, 'cover-letter.hbs', DOCUMENTS.letter.title, () => letterContext(c, d, ctx));

function letterContext(c: LoadedExclusion, d: ExclusionDerived, ctx: WithTemplates) {
  const criteria = valueInForce(CRITERIA, d.date);
  const desk = valueInForce(EXCLUSION_DESK, d.date);
  const stage = STAGES[c.stage];
  const r = c.requester;
  const items = requested(c, d);
  const total = items.length;
  const attachments = d.list
    ? [`${listFileName(d.list.sheet)}.${d.list.sheet.format}（${stage.list}${d.list.sheet.sheet ? `のシート「${d.list.sheet.sheet}」` : ''}に記入したもの）`]
    : [`${DOCUMENTS.rows.name}.xlsx（除外申出資料の一覧）`];
  const shown = items.slice(0, ITEMS_IN_MAIL).map(({ item: it, i }, k) => {
    const { title } = described(it, d, i);
    return { no: String(k + 1), pid: it.pid, title: title ? `「${title}」` : '', mark: groundOf(it, d.date) };
  });
  const missing = c.items.filter((_, i) => !d.found[i]).map((it) => ({ pid: it.pid, title: it.title ? `「${it.title}」` : '' }));
  return {
    date: eraDate(d.date),
    desk,
    deskBlock: addressBlock([desk.library, desk.division, `${desk.section}　御中`, desk.email], 0),
    requesterBlock: addressBlock([
      r.postal_code && `〒${r.postal_code}`, r.address, r.name, r.department,
      r.person && `担当　${r.person}`, r.phone && `電話　${r.phone}`, r.email && `メール　${r.email}`,
    ], 0.5, '', 0.5),
    stage: stage.name,
    round: c.stage === 'pre' && c.round !== undefined ? `${fiscalYearLabel(c.round)}、` : '',
    list: stage.list,
    lead: words(ctx).lead[c.stage],
    where: d.list ? `添付の${stage.list}の記入欄` : '添付の一覧表',
    requester: r.name,
    person: [r.department, r.person].filter(Boolean).join('　'),
    role: words(ctx).role[r.role],
    total: String(total),
    counts: (Object.keys(d.counts) as Criterion[]).map((k) => ({ label: criteria[k].short, count: String(d.counts[k]) })),
    attachments,
    attachmentList: attachments.join('、'),
    shown,
    more: total > ITEMS_IN_MAIL ? String(total - ITEMS_IN_MAIL) : '',
    missing,
    signature: [r.name, [r.department, r.person].filter(Boolean).join('　'), r.postal_code && `〒${r.postal_code}`, r.address,
      r.phone && `電話：${r.phone}`, r.email && `メール：${r.email}`].filter(Boolean),
    counts_table: countsTable(d, criteria),
    items_table: itemsTable(c, d, criteria),
  };
}

/** An item's title and author: as the case gives them, else as the NDL's list does. */
function described(item: LoadedExclusion['items'][number], d: ExclusionDerived, i: number) {
  const listed = d.list?.described[i];
  return { title: item.title ?? listed?.title, author: item.author ?? listed?.author };
}

/** 基準1, 基準2, 基準3, or 送信留保（漫画）: an item's ground in a few characters. */
function groundOf(item: LoadedExclusion['items'][number], date: string): string {
  if (item.criterion === 'reserved-category')
    return `送信留保${item.category ? `（${valueInForce(RESERVED_CATEGORIES, date)[item.category]}）` : ''}`;
  return `基準${valueInForce(CRITERIA, date)[item.criterion].mark}`;
}

function countsTable(d: ExclusionDerived, criteria: Record<Criterion, CriterionRule>): Omit<Table, 'kind'> {
  return {
    columns: [{ header: '除外基準', width: 0.3 }, { header: '内容', width: 0.58 }, { header: '件数', width: 0.12, align: 'right' }],
    rows: (Object.keys(d.counts) as Criterion[]).map((k) => [criteria[k].short, criteria[k].statement, `${d.counts[k]}件`]),
    size: 9.5,
  };
}

function itemsTable(c: LoadedExclusion, d: ExclusionDerived, criteria: Record<Criterion, { mark: string }>): Omit<Table, 'kind'> {
  return {
    columns: [{ header: 'No.', width: 0.06, align: 'center' }, { header: '識別子', width: 0.24 }, { header: '書名・著者', width: 0.28 },
      { header: '基準', width: 0.08, align: 'center' }, { header: '根拠・確認方法', width: 0.34 }],
    rows: requested(c, d).map(({ item: it, i }, k) => {
      const { title, author } = described(it, d, i);
      return [String(k + 1), it.pid, [title, author].filter(Boolean).join('\n'), criteria[it.criterion].mark, d.entries[i].evidence];
    }),
    size: 9,
  };
}
