/** Facts of an application for the ruling on unmanaged works (法67条の3), by the pure rules over the dated data. */
import { append, type Problem } from '../../base/problem.js';
import { inForceOn, valueInForce } from '../../law/dated.js';
import { RULING_REGIME, type RulingRegime } from '../../law/data/ruling.js';
import { UNMANAGED_RULING_FEE } from '../../law/data/unmanaged-ruling.js';
import type { ByWork, CompensationResult } from '../../law/rules/compensation.js';
import { checkUnmanaged, earliestFilingAfterContacts, type UnmanagedFinding } from '../../law/rules/unmanaged.js';
import { fewestStamps, rulingFee } from '../../law/rules/fee.js';
import { checkContact } from '../../law/rules/applicant.js';
import { compensationsOf } from '../copyright/compensation.js';
import { attachmentFacts, missingAttachments, retitledAttachments } from '../copyright/attachments.js';
import { fieldsThatDoNotBelong } from '../copyright/belongs.js';
import { eraOrIso, messages } from '../kit/messages.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import type { UnmanagedRulingInput } from './schema.js';

const m = messages('unmanaged-ruling');

export interface UnmanagedDerived {
  date: string;
  regime: RulingRegime;
  fee: number;
  stamps: number[];
  /** The first day the application could be filed (14 days after the last message arrived). */
  earliest: string | null;
  compensation: (CompensationResult | null)[];
  byWork: (ByWork | null)[];
}

export function deriveUnmanaged(c: UnmanagedRulingInput, ctx: FormContext): Derivation<UnmanagedDerived> {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];

  // The ruling began with its fee table: a case dated before it is refused, and judged as of its first day.
  const first = UNMANAGED_RULING_FEE[0].from;
  if (!inForceOn(UNMANAGED_RULING_FEE, date)) problems.push(m.error('before-start', ['date'], { start: eraOrIso(first), date: eraOrIso(date) }));
  const lawDate = date < first ? first : date;
  const fee = rulingFee(c.applicant, lawDate, UNMANAGED_RULING_FEE);
  const stamps = fewestStamps(fee, lawDate);
  const regime = valueInForce(RULING_REGIME, lawDate);
  problems.push(...checkContact(c.applicant, date).map((f) => m.finding(f, { missing: f.params.missing.join(', ') })));

  if (c.pendingAsked) problems.push(m.error('in-application-use', ['in_application_use']));
  c.works.forEach((w, i) => {
    if (w.subject && w.subject !== 'work') problems.push(m.error('not-work', ['works', i, 'subject'], { subject: w.subject }));
    // The year and publisher reach 67条's advertisement only: this ruling has none, so they are refused, not dropped.
    for (const key of ['year', 'publisher'] as const)
      if (w[key]) problems.push(m.error('work-field-not-here', ['works', i, key], { field: key }));
    if (w.previously_ruled) problems.push(m.error('previously-ruled-not-here', ['works', i, 'previously_ruled']));
    for (const key of Object.keys(w.evidence ?? {})) problems.push(m.error('evidence-not-here', ['works', i, 'evidence', key], { field: key }));
  });
  if (c.ruled_on && c.ruled_on < date)
    problems.push(m.error('ruled-before-application', ['ruled_on'], { ruled_on: eraOrIso(c.ruled_on), date: eraOrIso(date) }));

  const { results: compensation, byWork, perWork, problems: unpriced } = compensationsOf(c.uses, date, c.works);
  for (const list of [unpriced, fieldsThatDoNotBelong(c), missingAttachments(c), retitledAttachments(c)]) append(problems, list);
  append(problems, checkUnmanaged({ ...c, date }).map(worded));

  // The 様式 and the fee follow no official text read (README): one notice per case, never on the paper.
  problems.push(m.warning('form-uncertain', ['date']));

  const earliest = earliestFilingAfterContacts(c.measures.contacts.map((k) => k.arrived_on), lawDate);
  const facts = {
    payee: regime.payee,
    fee,
    stamps,
    earliest_filing_date: earliest,
    use_period_end: c.use_period.end,
    compensation: compensation.map((r) => (r ? r.amount : null)),
    compensation_by_work: perWork,
    attachments: attachmentFacts(c),
  };
  return { facts, problems, derived: { date, regime, fee, stamps, earliest, compensation, byWork } };
}

/** A finding in this form's words: its dates in each language's calendar. */
function worded(f: UnmanagedFinding): Problem {
  const p = f.params as Record<string, string | number>;
  const dates = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? eraOrIso(v) : v]));
  return m.finding(f, dates);
}
