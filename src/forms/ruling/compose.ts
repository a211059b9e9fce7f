/**
 * Composes the ruling application (裁定申請書) from the case and its derived facts: prepares the
 * template's context (grouping, dates in the era, amounts) and lets templates/ruling hold the words.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compileTemplate, escapeContext, parseMarkup } from '../../compose/markup.js';
import { WORK_CATEGORIES } from '../../legal/ruling.js';
import type { DocumentModel, KeyValue, StampBox, Table } from '../../model/document.js';
import { eraDate, eraMonth, yen } from '../../text/format.js';
import type { RulingDerived } from './derive.js';
import type { RulingCase, RulingWork } from './schema.js';

const TEMPLATES = new URL('../../../templates/ruling/', import.meta.url);

type Terms = Record<string, string> & { list_columns: string[] };
let subjects: Record<string, Terms> | undefined;
const termsFor = (subject: string): Terms => {
  subjects ??= parseYaml(readFileSync(new URL('subjects.yaml', TEMPLATES), 'utf8')) as Record<string, Terms>;
  return subjects[subject];
};

const template = (name: string) => compileTemplate(`ruling/${name}`, () => readFileSync(new URL(name, TEMPLATES), 'utf8'));

export function composeRuling(c: RulingCase, d: RulingDerived): DocumentModel[] {
  const terms = termsFor(c.subject);
  const context = escapeContext(applicationContext(c, d, terms));
  const markup = template('application.hbs')(context);
  return [{
    name: 'application',
    title: '裁定申請書',
    page: { size: 'A4', orientation: 'portrait', marginsMm: [20, 22, 20, 22] },
    fontSize: 10.5,
    lineHeight: 1.55,
    pageNumbers: true,
    blocks: parseMarkup(markup, context, 'templates/ruling/application.hbs'),
  }];
}

function applicationContext(c: RulingCase, d: RulingDerived, terms: Terms) {
  const several = d.works.length > 1;
  const multiUse = c.uses.length > 1;
  return {
    stamp: d.fee > 0 ? stampBox(d) : null,
    date: eraDate(d.date),
    applicantBlock: applicantBlock(c),
    signature: c.applicant.kind === 'individual' ? { left: 0.42, label: '署名' } : null,
    neighbouring: c.subject !== 'work',
    terms,
    several,
    work: several ? null : workLine(d.works[0], terms),
    worksList: several ? worksTable(d.works, c.subject, terms) : null,
    uses: c.uses.map((use, i) => {
      const r = d.compensation[i];
      return {
        label: multiUse ? `（${i + 1}）` : null,
        method: use.method,
        amount: r ? yen(r.amount) : null,
        workings: r?.workings ?? [],
        formula: r?.formulaLine ?? null,
        basis: use.compensation?.basis ?? null,
      };
    }),
    dd: diligence(c, d, terms),
    item7: d.depositExempt ? '有り' : '無し',
    item8: c.in_application_use ? '有り' : '無し',
  };
}

function stampBox(d: RulingDerived): Omit<StampBox, 'kind'> {
  return {
    label: '収入印紙',
    amount: yen(d.fee),
    breakdown: d.stamps.length > 1 ? `（${d.stamps.map(yen).join('＋')}）` : undefined,
    aside: eraDate(d.date),
    widthMm: 60,
    heightMm: 36,
  };
}

function applicantBlock(c: RulingCase): Omit<KeyValue, 'kind'> {
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
  push((ct?.phone ?? a.phone) && `電話　${ct?.phone ?? a.phone}`);
  push((ct?.email ?? a.email) && `E-mail　${ct?.email ?? a.email}`);
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

function titleOf(w: RulingWork, terms: Terms): string {
  return w.title ?? (w.title_status === 'none' ? terms.no_title : terms.unknown_title);
}

function authorOf(w: RulingWork): string {
  const name = w.author ?? (w.author_status === 'none' ? '表示がない' : '不明');
  return w.author_reading ? `${name}（${w.author_reading}）` : name;
}

function workLine(w: RulingWork, terms: Terms) {
  return {
    title: titleOf(w, terms),
    author: authorOf(w),
    category: w.category ? WORK_CATEGORIES[w.category] : null,
    description: w.description,
  };
}

function worksTable(works: RulingWork[], subject: string, terms: Terms): Omit<Table, 'kind'> {
  const isWork = subject === 'work';
  const widths = isWork ? [0.06, 0.22, 0.15, 0.14, 0.43] : [0.06, 0.28, 0.18, 0.48];
  const headers = ['No.', ...terms.list_columns];
  return {
    columns: headers.map((header, i) => ({ header, width: widths[i], align: i === 0 ? 'right' : 'left' })),
    rows: works.map((w, i) => [
      String(i + 1), titleOf(w, terms), authorOf(w),
      ...(isWork ? [w.category ? WORK_CATEGORIES[w.category] : ''] : []),
      w.description,
    ]),
  };
}

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

/** Item 6: only the measures taken, under ア・イ・ウ, from the case's records or each work's evidence. */
function diligence(c: RulingCase, d: RulingDerived, terms: Terms) {
  const dd = c.due_diligence;
  const several = d.works.length > 1;
  // With one work its own evidence text stands in the application; with several it is in the table.
  const evidenceOf = (key: keyof NonNullable<RulingWork['evidence']>) => {
    const texts = d.works.map((w) => w.evidence?.[key]).filter((t): t is string => !!t);
    if (texts.length === 0) return null;
    return several ? `各${terms.object}について、別添「相当な努力」の疎明資料のとおり。` : texts.join('\n');
  };
  const inquiryNote = (r: { inquired_on?: string; person?: string }) =>
    [r.inquired_on && eraMonth(r.inquired_on), r.person && `担当${r.person}氏`].filter(Boolean).join('　') || null;

  const aDirectories = dd.directories?.length
    ? groupByResult(dd.directories, (r) => ({ title: r.title, source: [r.publisher, r.year && `${r.year}刊`].filter(Boolean).join('、') || null }))
    : null;
  const aWeb = dd.web_search ? { engines: dd.web_search.engines.join('及び'), result: dd.web_search.result } : null;
  const aDatabase = dd.ruling_database
    ? { serial: dd.ruling_database.serial ?? null, ruled: dd.ruling_database.ruled_on ? eraDate(dd.ruling_database.ruled_on) : null, result: dd.ruling_database.result }
    : null;
  const aEvidence = evidenceOf('directory_or_web') ?? evidenceOf('ruling_database');
  const a = aDirectories || aWeb || aDatabase || aEvidence
    ? { directories: aDirectories, web: aWeb, database: aDatabase, evidence: aEvidence } : null;

  const categories = new Set(d.works.map((w) => w.category));
  const category = categories.size === 1 && d.works[0]?.category ? WORK_CATEGORIES[d.works[0].category] : null;
  const managementIntro = c.subject === 'work'
    ? (category ? `${category}の著作権等管理事業者である` : '')
    : `${terms.object}の著作隣接権を管理する著作権等管理事業者である`;
  const bManagement = dd.management_bodies?.length
    ? groupByResult(dd.management_bodies, (r) => ({ name: r.name, note: inquiryNote(r) })) : null;
  const bExperts = dd.expert_bodies?.length
    ? groupByResult(dd.expert_bodies, (r) => ({ name: r.name, note: inquiryNote(r) })) : null;
  const bAgency = dd.agency_inquiry
    ? { when: dd.agency_inquiry.inquired_on ? `${eraDate(dd.agency_inquiry.inquired_on)}に照会を行ったところ` : null, result: dd.agency_inquiry.result }
    : null;
  const bEvidence = [evidenceOf('management_bodies'), evidenceOf('expert_bodies'), evidenceOf('agency_inquiry')]
    .filter((t, i, all) => t && all.indexOf(t) === i).join('\n') || null;
  const b = bManagement || bExperts || bAgency || bEvidence
    ? { management: bManagement, managementIntro, experts: bExperts, agency: bAgency, evidence: bEvidence } : null;

  const n = dd.public_notice;
  const ownSite = c.applicant.kind === 'corporation' ? '自社' : '申請者';
  const cNotice = n || evidenceOf('public_notice')
    ? {
        cric: n?.medium === 'cric',
        newspaper: n?.medium === 'newspaper',
        start: n?.start ? eraDate(n.start) : null,
        published: n?.published_on ? eraDate(n.published_on) : null,
        name: n?.name ?? null,
        ownSite: n?.own_site ? ownSite : null,
        result: n?.result ?? null,
        evidence: n ? null : evidenceOf('public_notice'),
      }
    : null;

  return { summary: dd.summary, a, b, c: cNotice };
}

