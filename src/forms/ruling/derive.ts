/** Facts of a ruling application, worked out by the pure rules over the legal data in force. */
import { append, type Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import { APPLICANT_KIND_JA, DEPOSIT_EXEMPT_KINDS, RULING_REGIME, type RulingRegime } from '../../law/data/ruling.js';
import { valueInForce } from '../../law/dated.js';
import { taxFactor, type ByWork, type CompensationResult } from '../../law/rules/compensation.js';
import { compensationsOf } from '../copyright/compensation.js';
import { attachmentFacts, missingAttachments, retitledAttachments } from '../copyright/attachments.js';
import { fieldsThatDoNotBelong } from '../copyright/belongs.js';
import { checkDiligence, earliestFilingAfterCric, type ContactFound, type DiligenceFinding, type RecordKind } from '../../law/rules/diligence.js';
import { eraOrIso, messages } from '../kit/messages.js';
import { fewestStamps, rulingFee } from '../../law/rules/fee.js';
import { checkContact } from '../../law/rules/applicant.js';
import { UNMANAGED_RULING_FEE } from '../../law/data/unmanaged-ruling.js';
import { reachedButSilent } from '../../law/rules/which-ruling.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import type { RulingInput } from './schema.js';
import { copyrightMessages as cm } from '../copyright/schema.js';
import { subjectOf } from '../copyright/words.js';

/** The subjects by their Japanese names, for messages (the papers' words are in subjects.yaml). */
const SUBJECT_JA = { work: '著作物', performance: '実演', phonogram: 'レコード', broadcast: '放送', cablecast: '有線放送' } as const;

const m = messages('ruling');

export interface RulingDerived {
  date: string;
  /** The law the application is judged by (its date chooses). */
  regime: RulingRegime;
  fee: number;
  stamps: number[];
  depositExempt: boolean;
  compensation: (CompensationResult | null)[];
  /** Each use worked out per work, when its works state their part. */
  byWork: (ByWork | null)[];
}

export function deriveRuling(c: RulingInput, ctx: FormContext): Derivation<RulingDerived> {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];

  const fee = rulingFee(c.applicant, date);
  problems.push(...checkContact(c.applicant, date).map((f) => m.finding(f, { missing: f.params.missing.join(', ') })));
  const stamps = fewestStamps(fee, date);

  // Which law the application is judged by: its date chooses (RULING_REGIME).
  const regime = valueInForce(RULING_REGIME, date);

  // 法67条2項 (until 2026-03-31): 国等 need not deposit; a 国等 may still choose to (seed 004 ケ), never
  // the reverse. From 2026-04-01 no one is exempt: every applicant pays the designated body.
  const eligible = (inForceOn(DEPOSIT_EXEMPT_KINDS, date)?.value ?? []).includes(c.applicant.kind);
  if (c.deposit_exempt === true && !eligible)
    problems.push(regime.payee === 'designated-body'
      ? m.error('deposit-exempt-ended', ['deposit_exempt'], { date: eraOrIso(date), payee: regime.payeeName ?? '' })
      : m.error('deposit-exempt-not-eligible', ['deposit_exempt'], { kind: { ja: APPLICANT_KIND_JA[c.applicant.kind], en: c.applicant.kind } }));
  const depositExempt = c.deposit_exempt ?? eligible;

  const { results: compensation, byWork, perWork, problems: unpriced } = compensationsOf(c.uses, date, c.works);
  append(problems, unpriced);
  append(problems, fieldsThatDoNotBelong(c));

  append(problems, checkDiligence(c.works, c.due_diligence, c.subject, date).map(worded));
  // A category is a work's (法10条1項): on a performance, phonogram … it would reach no paper, so it is refused (issue 15 §5).
  c.works.forEach((w, i) => {
    const subject = subjectOf(c, w);
    if (subject !== 'work' && w.category)
      problems.push(cm.error('copyright-category-not-work', ['works', i, 'category'], { object: SUBJECT_JA[subject], subject }));
  });
  append(append(problems, missingAttachments(c)), retitledAttachments(c));

  if (c.ruled_on && c.ruled_on < date)
    problems.push(m.error('ruled-before-application', ['ruled_on'], { ruled_on: eraOrIso(c.ruled_on), date: eraOrIso(date) }));

  const notice = c.due_diligence.public_notice;
  const earliest = notice?.medium === 'cric' && notice.start ? earliestFilingAfterCric(notice.start, date) : null;

  // Which ruling fits (issue 16 §2): a holder reached who did not answer is not unknown — once the
  // 67条の3 ruling exists, that is its case, said at the record (a warning: the clerk judges).
  if (inForceOn(UNMANAGED_RULING_FEE, date)) problems.push(...silentHolders(c.due_diligence).map((path) => m.warning('unmanaged-ruling-may-fit', path)));

  // What of the regime reaches paper without an official 様式 behind it: one short notice per case.
  if (regime.uncertain.length) problems.push(m.warning('regime-uncertain', ['date']));

  const tax = taxFactor(date);
  const facts = {
    regime: regime.id,
    payee: regime.payee,
    fee,
    stamps,
    deposit_exempt: depositExempt,
    in_application_use: c.in_application_use,
    tax_rate: Number(tax.value.sub(1).toString()),
    compensation: compensation.map((r) => (r ? r.amount : null)),
    compensation_by_work: perWork,
    earliest_filing_date: earliest,
    attachments: attachmentFacts(c),
  };
  return { facts, problems, derived: { date, regime, fee, stamps, depositExempt, compensation, byWork } };
}

/** A due-diligence finding in the ruling's words: its dates in each language's calendar, the bodies listed. */
function worded(f: DiligenceFinding): Problem {
  switch (f.code) {
    case 'diligence-cric-too-early': {
      const { start, earliest, date } = f.params;
      return m.finding(f, { start: eraOrIso(start), earliest: eraOrIso(earliest), date: eraOrIso(date), earliest_day: earliest });
    }
    case 'diligence-cric-end-too-soon': {
      const { start, end, days, minimum_end } = f.params;
      return m.finding(f, { start: eraOrIso(start), end: eraOrIso(end), days, minimum_end: eraOrIso(minimum_end) });
    }
    case 'diligence-cric-end-after-application':
    case 'diligence-inquiry-after-application':
    case 'diligence-earlier-ruling-after-application':
      return m.finding(f, { on: eraOrIso(f.params.on), date: eraOrIso(f.params.date) });
    case 'diligence-follow-up-missing': {
      const found = f.params.found.map(foundWord);
      return m.finding(f, {
        record: recordWord(f.params.record, f.params.name),
        found: { ja: found.map((w) => w.ja).join('・'), en: found.map((w) => w.en).join(', ') },
      });
    }
    case 'diligence-notice-field-of-other-medium':
      return m.finding(f, {
        field: f.params.field,
        medium: f.params.medium === 'cric' ? { ja: 'CRICのウェブサイトへの掲載', en: 'a CRIC notice' } : { ja: '新聞への掲載', en: 'a newspaper notice' },
        own: f.params.medium === 'cric' ? 'newspaper' : 'cric',
      });
    case 'diligence-bodies-not-asked':
      return m.finding(f, { bodies: f.params.bodies.map((b) => `${b.name}（${b.field}）`).join('、') });
    default:
      return m.finding(f);
  }
}

/** A due-diligence record as the messages name it: by the name the case gives it, else by its measure. */
function recordWord(kind: RecordKind, name: string | null) {
  switch (kind) {
    case 'directories': return m.text('diligence-record-directory', { name: name ?? '' });
    case 'web_search': return m.text('diligence-record-web-search');
    case 'management_bodies':
    case 'expert_bodies': return m.text('diligence-record-inquiry', { name: name ?? '' });
    case 'ruling_database': return m.text('diligence-record-ruling-database');
    case 'agency_inquiry': return m.text('diligence-record-agency-inquiry');
    case 'public_notice': return m.text('diligence-record-public-notice');
  }
}

function foundWord(found: ContactFound) {
  switch (found) {
    case 'address': return m.text('diligence-found-address');
    case 'phone': return m.text('diligence-found-phone');
    case 'fax': return m.text('diligence-found-fax');
    case 'email': return m.text('diligence-found-email');
  }
}

/** The follow-ups of due_diligence that say the holder was reached and did not answer. */
function silentHolders(dd: RulingInput['due_diligence']): (string | number)[][] {
  const lists = { directories: dd.directories, management_bodies: dd.management_bodies, expert_bodies: dd.expert_bodies } as const;
  const paths: (string | number)[][] = [];
  for (const [key, list] of Object.entries(lists))
    list?.forEach((r, i) => r.found && r.follow_up && reachedButSilent(r.follow_up) && paths.push(['due_diligence', key, i, 'follow_up']));
  for (const key of ['web_search', 'ruling_database', 'agency_inquiry', 'public_notice'] as const) {
    const r = dd[key];
    if (r?.found && r.follow_up && reachedButSilent(r.follow_up)) paths.push(['due_diligence', key, 'follow_up']);
  }
  return paths;
}
