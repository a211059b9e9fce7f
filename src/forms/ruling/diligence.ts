/**
 * The ruling's templates (templates/ruling: the application, the evidence table's headings and the
 * due-diligence partials), and the case's due-diligence records shaped for the sentences of seed
 * 004's 記入例 — used by the application's item 6 and the evidence table.
 */
import { formTemplates } from '../kit/templates.js';
import { addDays, eraDate, eraMonth } from '../../base/format.js';
import { categoryOf, type Terms } from '../copyright/words.js';
import type { RulingInput } from './schema.js';

/** templates/ruling: the word lists, the documents and the due-diligence partials (ruling/<name>). */
export const rulingTemplates = formTemplates('ruling');

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
