/**
 * Composes the ruling application (裁定申請書) from the case and its derived facts: prepares the
 * template's context (grouping, dates in the era, amounts) and lets templates/ruling hold the words.
 */
import type { FormContext, Made } from '../kit/plugin.js';
import { signatureLine, stampBox } from '../kit/blocks.js';
import { eraDate, yen } from '../../base/format.js';
import { usesItem, workAmounts, workLine, worksTable } from '../copyright/items.js';
import { applicantBlock, termsFor, type Terms } from '../copyright/words.js';
import type { RulingDerived } from './derive.js';
import { diligenceRecords, rulingTemplates, type DiligenceRecords } from './diligence.js';
import type { RulingInput, RulingWork } from './schema.js';

/** The 裁定申請書, with the 別紙 list when there are several works. */
export function application(c: RulingInput, d: RulingDerived, ctx: FormContext): Made {
  const terms = termsFor(ctx, c.subject);
  return rulingTemplates.document(ctx, 'application.hbs', '裁定申請書',
    () => applicationContext(c, d, terms, diligenceRecords(c, terms)), { lineHeight: 1.55 });
}

function applicationContext(c: RulingInput, d: RulingDerived, terms: Terms, records: DiligenceRecords) {
  const several = c.works.length > 1;
  return {
    stamp: d.fee > 0 ? stampBox(yen(d.fee), d.stamps.length > 1 ? `（${d.stamps.map(yen).join('＋')}）` : undefined, eraDate(d.date)) : null,
    date: eraDate(d.date),
    applicantBlock: applicantBlock(c),
    signature: c.applicant.kind === 'individual' ? signatureLine('署名', 0.42) : null,
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

/** Item 6: only the measures taken, under ア・イ・ウ, from the case's records or each work's evidence. */
function diligence(c: RulingInput, terms: Terms, r: DiligenceRecords) {
  const several = c.works.length > 1;
  // With one work its own evidence text stands in the application; with several it is in the table.
  const evidenceOf = (key: keyof NonNullable<RulingWork['evidence']>) => {
    const texts = c.works.map((w) => w.evidence?.[key]).filter((t): t is string => !!t);
    if (texts.length === 0) return null;
    return several ? `各${terms.object}について、別添「相当な努力」の疎明資料のとおり。` : texts.join('\n');
  };
  const aEvidence = evidenceOf('directory_or_web') ?? evidenceOf('ruling_database');
  const a = r.directories || r.web || r.database || aEvidence
    ? { directories: r.directories, web: r.web, database: r.database, evidence: aEvidence } : null;
  const bEvidence = [evidenceOf('management_bodies'), evidenceOf('expert_bodies'), evidenceOf('agency_inquiry')]
    .filter((t, i, all) => t && all.indexOf(t) === i).join('\n') || null;
  const b = r.management || r.experts || r.agency || bEvidence
    ? { management: r.management, managementIntro: r.managementIntro, experts: r.experts, agency: r.agency, evidence: bEvidence } : null;
  const cEvidence = r.notice ? null : evidenceOf('public_notice');
  const notice = r.notice || cEvidence ? { notice: r.notice, evidence: cEvidence } : null;
  return { summary: c.due_diligence.summary, a, b, c: notice };
}
