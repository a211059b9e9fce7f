/**
 * Composes the ruling application (裁定申請書) from the case and its derived facts: prepares the
 * template's context (grouping, dates in the era, amounts) and lets templates/ruling hold the words.
 */
import type { FormContext, Made } from '../kit/plugin.js';
import { signatureLine, stampBox } from '../kit/blocks.js';
import { eraDate, yen } from '../../base/format.js';
import { usesItem, workAmounts, workLine, worksTable } from '../copyright/items.js';
import { applicantBlock, applicantBlocks, caseTerms, fill, groupsOf, type CaseTerms, type Group } from '../copyright/words.js';
import type { RulingDerived } from './derive.js';
import { diligenceRecords, rulingTemplates, type DiligenceRecords } from './diligence.js';
import type { RulingInput, RulingWork } from './schema.js';

/** The 裁定申請書, with the 別紙 list when there are several works. */
export function application(c: RulingInput, d: RulingDerived, ctx: FormContext): Made {
  const terms = caseTerms(ctx, c);
  return rulingTemplates.document(ctx, 'application.hbs', '裁定申請書',
    () => applicationContext(c, d, terms, groupsOf(ctx, c), diligenceRecords(c, terms, d.date, ctx)), { lineHeight: 1.55 });
}

function applicationContext(c: RulingInput, d: RulingDerived, terms: CaseTerms, groups: Group[], records: DiligenceRecords) {
  const several = c.works.length > 1;
  // An individual signs under the name, before the contact lines and the agent; an organisation's
  // seal is on its representative's line, so its block stays whole.
  const individual = c.applicant.kind === 'individual';
  const { head, rest } = applicantBlocks(c);
  return {
    stamp: d.fee > 0 ? stampBox(yen(d.fee), d.stamps.length > 1 ? `（${d.stamps.map(yen).join('＋')}）` : undefined, eraDate(d.date)) : null,
    date: eraDate(d.date),
    applicantBlock: individual ? head : applicantBlock(c),
    signature: individual ? signatureLine('署名', 0.42) : null,
    applicantRest: individual ? rest : null,
    neighbouring: groups.every((g) => g.subject !== 'work'),
    // Works and neighbouring rights in one application (seed 004 御質問5): both articles in the lead sentence.
    both: terms.mixed && groups.some((g) => g.subject === 'work'),
    terms,
    several,
    work: several ? null : workLine(c.works[0], groups[0].terms),
    worksList: several && !terms.mixed ? worksTable(c.works, groups[0].subject, terms, workAmounts(d.byWork, c.works.length, terms)) : null,
    // Entries of several subjects: items 1–3 name each group under its own heading, and the 別紙 has one list per group.
    groups: terms.mixed ? groups.map((g, i) => ({
      label: `（${i + 1}）`, terms: g.terms, where: fill(terms.list_group, { title: g.terms.list_title }),
    })) : null,
    lists: terms.mixed ? groupLists(c, d, groups) : null,
    uses: usesItem(c.uses, d.compensation, d.byWork),
    dd: diligence(c, terms, records),
    item7: d.depositExempt ? '有り' : '無し',
    item8: c.in_application_use ? '有り' : '無し',
  };
}

/** The 別紙 of a case of several subjects: one list per group, its own title and columns, each entry by its No. in the case. */
function groupLists(c: RulingInput, d: RulingDerived, groups: Group[]) {
  const amounts = workAmounts(d.byWork, c.works.length, groups[0].terms);
  return groups.map((g) => ({
    title: g.terms.list_title,
    table: worksTable(g.entries.map((e) => e.work), g.subject, g.terms, amounts && g.entries.map((e) => amounts[e.index]),
      g.entries.map((e) => String(e.index + 1))),
  }));
}

/**
 * Item 6: only the measures taken, under ア・イ・ウ and their (ア)–(ウ) as in seed 004's 記入例, from
 * the case's records and — with one work — that work's own evidence texts, each under the heading of
 * its measure. With several works their texts are in the evidence table, which item 6 points to.
 */
function diligence(c: RulingInput, terms: CaseTerms, r: DiligenceRecords) {
  const several = c.works.length > 1;
  type Measure = keyof NonNullable<RulingWork['evidence']>;
  const given = (key: Measure) => c.works.some((w) => w.evidence?.[key]);
  const own = (key: Measure) => (several ? null : c.works[0]?.evidence?.[key] ?? null);
  const pointer = (...keys: Measure[]) => (several && keys.some(given) ? `各${terms.object}について、別添「相当な努力」の疎明資料のとおり。` : null);
  const a = {
    directories: r.directories, web: r.web, database: r.database,
    reading: own('directory_or_web'),
    databaseOwn: own('ruling_database'), databaseTaken: !!(r.database || own('ruling_database')),
    evidence: pointer('directory_or_web', 'ruling_database'),
  };
  const b = {
    management: r.management, managementOwn: own('management_bodies'), managementTaken: !!(r.management || own('management_bodies')),
    experts: r.experts, expertsOwn: own('expert_bodies'), expertsTaken: !!(r.experts || own('expert_bodies')),
    agency: r.agency, agencyOwn: own('agency_inquiry'), agencyTaken: !!(r.agency || own('agency_inquiry')),
    evidence: pointer('management_bodies', 'expert_bodies', 'agency_inquiry'),
  };
  const cEvidence = r.notice ? null : own('public_notice') ?? pointer('public_notice');
  return {
    summary: c.due_diligence.summary,
    a: a.directories || a.web || a.reading || a.databaseTaken || a.evidence ? a : null,
    b: b.managementTaken || b.expertsTaken || b.agencyTaken || b.evidence ? b : null,
    c: r.notice || cEvidence ? { notice: r.notice, evidence: cEvidence } : null,
  };
}
