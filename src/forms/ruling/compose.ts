/**
 * Composes the ruling application (裁定申請書) from the case and its derived facts: prepares the
 * template's context (grouping, dates in the era, amounts) and lets templates/ruling hold the words.
 */
import type { FormContext, Made } from '../kit/plugin.js';
import { signatureLine, stampBox } from '../kit/blocks.js';
import { eraDate, yen } from '../../base/format.js';
import { usesItem, workAmounts, workLine, worksTable } from '../copyright/items.js';
import { applicantBlock, applicantBlocks, termsFor, type Terms } from '../copyright/words.js';
import type { RulingDerived } from './derive.js';
import { diligenceRecords, rulingTemplates, type DiligenceRecords } from './diligence.js';
import type { RulingInput, RulingWork } from './schema.js';

/** The 裁定申請書, with the 別紙 list when there are several works. */
export function application(c: RulingInput, d: RulingDerived, ctx: FormContext): Made {
  const terms = termsFor(ctx, c.subject);
  return rulingTemplates.document(ctx, 'application.hbs', '裁定申請書',
    () => applicationContext(c, d, terms, diligenceRecords(c, terms, d.date)), { lineHeight: 1.55 });
}

function applicationContext(c: RulingInput, d: RulingDerived, terms: Terms, records: DiligenceRecords) {
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
    neighbouring: c.subject !== 'work',
    terms,
    several,
    work: several ? null : workLine(c.works[0], terms),
    worksList: several ? worksTable(c.works, c.subject, terms, workAmounts(d.byWork, c.works.length, terms)) : null,
    uses: usesItem(c.uses, d.compensation, d.byWork),
    dd: diligence(c, terms, records),
    item7: d.depositExempt ? '有り' : '無し',
    item8: c.in_application_use ? '有り' : '無し',
  };
}

/**
 * Item 6: only the measures taken, under ア・イ・ウ and their (ア)–(ウ) as in seed 004's 記入例, from
 * the case's records and — with one work — that work's own evidence texts, each under the heading of
 * its measure. With several works their texts are in the evidence table, which item 6 points to.
 */
function diligence(c: RulingInput, terms: Terms, r: DiligenceRecords) {
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
