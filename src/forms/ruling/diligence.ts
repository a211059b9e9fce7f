/**
 * The ruling's templates (templates/ruling: the application, the evidence table's headings and the
 * due-diligence partials), and the case's due-diligence records shaped for the sentences of seed
 * 004's 記入例 — used by the application's item 6 and the evidence table.
 */
import { formTemplates } from '../kit/templates.js';
import { eraDate, eraMonth } from '../../base/format.js';
import { cricNoticeSpan, managesField } from '../../law/rules/diligence.js';
import { categoryOf, type Terms } from '../copyright/words.js';
import type { RulingInput } from './schema.js';
import { annexAt, citingAnnex, numberAttachments } from '../copyright/attachments.js';

/** templates/ruling: the word lists, the documents and the due-diligence partials (ruling/<name>). */
export const rulingTemplates = formTemplates('ruling');

/**
 * What a record says came of it: its result, then — step ② of seed 004 第3の2(2) — what was done
 * with an address or number it turned up (記入例①: 「…記載されていたため、連絡をしたが、…」).
 */
function said(r: { result: string; follow_up?: string }): string {
  if (!r.follow_up) return r.result;
  return /[。．.）)」]$/.test(r.result) ? `${r.result}${r.follow_up}` : `${r.result}。${r.follow_up}`;
}

/**
 * Groups consecutive records that say the same into one sentence, as the seed's examples do;
 * `kind` keeps apart records the sentence must introduce differently.
 */
function groupByResult<T extends { result: string; follow_up?: string }, I>(records: T[], item: (r: T) => I, kind: (r: T) => string = () => '') {
  const groups: { items: I[]; result: string; kind: string; single: boolean }[] = [];
  for (const r of records) {
    const last = groups[groups.length - 1];
    if (last && last.result === said(r) && last.kind === kind(r)) last.items.push(item(r));
    else groups.push({ items: [item(r)], result: said(r), kind: kind(r), single: true });
  }
  groups.forEach((g) => (g.single = g.items.length === 1));
  return groups;
}

/** The case-level due_diligence records, shaped for the partials in templates/ruling/partials; `date`: the application's. */
export function diligenceRecords(c: RulingInput, terms: Terms, date: string) {
  const dd = withAnnexesCited(c);
  const inquiryNote = (r: { inquired_on?: string; person?: string }) =>
    [r.inquired_on && eraMonth(r.inquired_on), r.person && `担当${r.person}氏`].filter(Boolean).join('　') || null;
  const categories = new Set(c.works.map((w) => w.category));
  const category = categories.size === 1 && c.works[0] ? categoryOf(c.works[0]) : null;
  // A body is called the field's 著作権等管理事業者 only when the guide lists it for that field
  // (the work's category, or the neighbouring right): never a body of another field, nor one unknown.
  const fieldKey = c.subject === 'work' ? (categories.size === 1 ? c.works[0]?.category ?? null : null) : c.subject;
  // workField: the category's words (言語の著作物); rightField: the neighbouring right's object (実演).
  const fieldWords = c.subject === 'work' ? { workField: category, rightField: null } : { workField: null, rightField: terms.object };
  const noField = { workField: null, rightField: null };
  const inField = (r: { name: string }) => (managesField(r.name, fieldKey, date) ? 'field' : '');
  const n = dd.public_notice;
  const span = n?.medium === 'cric' && n.start ? cricNoticeSpan({ start: n.start, end: n.end }, date) : null;
  return {
    directories: dd.directories?.length
      ? groupByResult(dd.directories, (r) => ({ title: r.title, source: [r.publisher, r.year && `${r.year}刊`].filter(Boolean).join('、') || null }))
      : null,
    web: dd.web_search ? { engines: dd.web_search.engines.join('及び'), result: said(dd.web_search) } : null,
    database: dd.ruling_database
      ? { object: terms.object, serial: dd.ruling_database.serial ?? null, ruled: dd.ruling_database.ruled_on ? eraDate(dd.ruling_database.ruled_on) : null, result: said(dd.ruling_database) }
      : null,
    management: dd.management_bodies?.length
      ? groupByResult(dd.management_bodies, (r) => ({ name: r.name, note: inquiryNote(r) }), inField)
        .map((g) => ({ ...g, ...(g.kind ? fieldWords : noField) }))
      : null,
    experts: dd.expert_bodies?.length ? groupByResult(dd.expert_bodies, (r) => ({ name: r.name, note: inquiryNote(r) })).map((g) => ({ ...g, ...noField })) : null,
    agency: dd.agency_inquiry
      ? { when: dd.agency_inquiry.inquired_on ? `${eraDate(dd.agency_inquiry.inquired_on)}に照会を行ったところ` : null, result: said(dd.agency_inquiry) }
      : null,
    notice: n
      ? {
          cric: n.medium === 'cric',
          newspaper: n.medium === 'newspaper',
          start: span ? eraDate(span.start) : null,
          // The posting's end as the case gives it; else the end of 告示3条's minimum period, said as such.
          end: span ? eraDate(span.end) : null,
          minimum: span?.minimum ?? false,
          days: span?.days ?? null,
          published: n.published_on ? eraDate(n.published_on) : null,
          name: n.name ?? null,
          ownSite: n.own_site ? (c.applicant.kind === 'corporation' ? '自社' : '申請者') : null,
          holder: terms.holder,
          result: said(n),
        }
      : null,
  };
}

export type DiligenceRecords = ReturnType<typeof diligenceRecords>;

/** The records with each result citing the 別添 attached to it: an inquiry's reply, the notice's copy. */
function withAnnexesCited(c: RulingInput): RulingInput['due_diligence'] {
  const dd = c.due_diligence;
  const annexes = numberAttachments(c).filter((a) => c.files.has(a.file));
  const cite = <R extends { result: string }>(r: R, path: (string | number)[]): R => ({ ...r, result: citingAnnex(r.result, annexAt(annexes, path)) });
  return {
    ...dd,
    management_bodies: dd.management_bodies?.map((r, i) => cite(r, ['due_diligence', 'management_bodies', i, 'reply_file'])),
    expert_bodies: dd.expert_bodies?.map((r, i) => cite(r, ['due_diligence', 'expert_bodies', i, 'reply_file'])),
    agency_inquiry: dd.agency_inquiry && cite(dd.agency_inquiry, ['due_diligence', 'agency_inquiry', 'reply_file']),
    public_notice: dd.public_notice && cite(dd.public_notice, ['due_diligence', 'public_notice', 'copy_file']),
  };
}
