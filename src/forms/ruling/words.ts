/**
 * What every ruling document shares: the words that change with the subject (subjects.yaml), the
 * templates and their partials, how a work is named, and the case's due-diligence records shaped
 * for the sentences of seed 004's 記入例 (used by the application's item 6 and the evidence table).
 */
import { reachLines } from '../kit/reach.js';
import { formTemplates } from '../kit/templates.js';
import { WORK_CATEGORIES } from '../../law/data/ruling.js';
import type { KeyValue } from '../../model/document.js';
import { addDays, eraDate, eraMonth } from '../../base/format.js';
import type { RulingInput } from './load.js';
import type { RulingWork } from './schema.js';

/** templates/ruling: the word lists, the documents and the due-diligence partials (ruling/<name>). */
export const rulingTemplates = formTemplates('ruling');
export const templateData = <T>(name: string) => rulingTemplates.data<T>(name);
export const usePartials = () => rulingTemplates.usePartials();
export const templateDocument = rulingTemplates.document;

export type Terms = Record<string, string> & { list_columns: string[]; evidence_columns: string[] };
export const termsFor = (subject: string): Terms => templateData<Record<string, Terms>>('subjects.yaml')[subject];

export function titleOf(w: RulingWork, terms: Terms): string {
  return w.title ?? (w.title_status === 'none' ? terms.no_title : terms.unknown_title);
}

export function authorOf(w: RulingWork): string {
  const name = w.author ?? (w.author_status === 'none' ? '表示がない' : '不明');
  return w.author_reading ? `${name}（${w.author_reading}）` : name;
}

export const categoryOf = (w: RulingWork) => (w.category ? WORK_CATEGORIES[w.category] : null);

/** Groups consecutive records with the same result into one sentence, as the seed's examples do. */
function groupByResult<T extends { result: string }, I>(records: T[], item: (r: T) => I) {
  const groups: { items: I[]; result: string; single: boolean }[] = [];
  for (const r of records) {
    const last = groups[groups.length - 1];
    if (last && last.result === r.result) last.items.push(item(r));
    else groups.push({ items: [item(r)], result: r.result, single: true });
  }
  groups.forEach((g) => (g.single = g.items.length === 1));
  return groups;
}

/** The case-level due_diligence records, shaped for the partials in templates/ruling/partials. */
export function diligenceRecords(c: RulingInput, terms: Terms) {
  const dd = c.due_diligence;
  const inquiryNote = (r: { inquired_on?: string; person?: string }) =>
    [r.inquired_on && eraMonth(r.inquired_on), r.person && `担当${r.person}氏`].filter(Boolean).join('　') || null;
  const categories = new Set(c.works.map((w) => w.category));
  const category = categories.size === 1 && c.works[0] ? categoryOf(c.works[0]) : null;
  const n = dd.public_notice;
  return {
    directories: dd.directories?.length
      ? groupByResult(dd.directories, (r) => ({ title: r.title, source: [r.publisher, r.year && `${r.year}刊`].filter(Boolean).join('、') || null }))
      : null,
    web: dd.web_search ? { engines: dd.web_search.engines.join('及び'), result: dd.web_search.result } : null,
    database: dd.ruling_database
      ? { object: terms.object, serial: dd.ruling_database.serial ?? null, ruled: dd.ruling_database.ruled_on ? eraDate(dd.ruling_database.ruled_on) : null, result: dd.ruling_database.result }
      : null,
    managementIntro: c.subject === 'work'
      ? (category ? `${category}の著作権等管理事業者である` : '')
      : `${terms.object}の著作隣接権を管理する著作権等管理事業者である`,
    management: dd.management_bodies?.length ? groupByResult(dd.management_bodies, (r) => ({ name: r.name, note: inquiryNote(r) })) : null,
    experts: dd.expert_bodies?.length ? groupByResult(dd.expert_bodies, (r) => ({ name: r.name, note: inquiryNote(r) })) : null,
    agency: dd.agency_inquiry
      ? { when: dd.agency_inquiry.inquired_on ? `${eraDate(dd.agency_inquiry.inquired_on)}に照会を行ったところ` : null, result: dd.agency_inquiry.result }
      : null,
    notice: n
      ? {
          cric: n.medium === 'cric',
          newspaper: n.medium === 'newspaper',
          start: n.start ? eraDate(n.start) : null,
          // 告示3条: seven days on the CRIC site; the seed's table prints the span (H26.11.1～H26.11.8).
          end: n.start ? eraDate(addDays(n.start, 7)) : null,
          published: n.published_on ? eraDate(n.published_on) : null,
          name: n.name ?? null,
          ownSite: n.own_site ? (c.applicant.kind === 'corporation' ? '自社' : '申請者') : null,
          holder: terms.holder,
          result: n.result,
        }
      : null,
  };
}

export type DiligenceRecords = ReturnType<typeof diligenceRecords>;

/** The applicant (and agent) block of the application, also the principal's block of the 委任状. */
export function applicantBlock(c: RulingInput): Omit<KeyValue, 'kind'> {
  const a = c.applicant;
  const rows: { key: string; value: string }[] = [];
  const push = (value: string | undefined | false) => value && rows.push({ key: rows.length === 0 ? '申請者' : '', value });
  push(a.postal_code && `〒${a.postal_code}`);
  push(a.address);
  if (a.kind === 'individual') {
    push(a.name); // an individual signs below (署名); no seal is needed
  } else {
    push(a.name);
    push(a.representative && `${a.representative.title}　${a.representative.name}　㊞`);
  }
  const ct = a.contact;
  if (ct && (ct.department || ct.name)) push(`担当者　${[ct.department, ct.name].filter(Boolean).join('　')}`);
  reachLines(a, ct).forEach(push);
  if (a.agent) {
    const g = a.agent;
    const first = rows.length;
    const add = (value: string | undefined | false) => value && rows.push({ key: rows.length === first ? '代理人' : '', value });
    add(g.postal_code && `〒${g.postal_code}`);
    add(g.address);
    add(`${g.title ? `${g.title}　` : ''}${g.name}　㊞`);
    add(g.phone && `電話　${g.phone}`);
    add(g.email && `E-mail　${g.email}`);
  }
  return { left: 0.42, keyWidth: 4, rows, before: 0.5 };
}
