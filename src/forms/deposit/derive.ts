/** Facts of a deposit: deadline, lateness, compensation, the NDL section that receives it. */
import type { Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import { COPIES_KEPT, NO_DUTY, PUBLISHING_TYPE_JA, type NdlDesk, type NdlSection } from '../../law/data/deposit.js';
import {
  compensationEligibility, compensationEstimate, depositDeadline, depositDesk, maximumFine, noDutyReasons, type Eligibility,
} from '../../law/rules/deposit.js';
import { yen } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import { eraOrIso, messages } from '../kit/messages.js';
import type { DepositCase } from './schema.js';

const m = messages('deposit');

export interface DepositDerived {
  date: string;
  deadline: string;
  late: boolean;
  desk: NdlDesk;
  section: NdlSection;
  eligibility: Eligibility;
  /** Half the price (rounded down) and that plus postage; null when nothing is claimed or it cannot be worked out. */
  estimate: { share: number; postage: number; total: number } | null;
}


export function deriveDeposit(c: DepositCase, ctx: FormContext): Derivation<DepositDerived> {
  const date = c.date ?? ctx.today;
  const p = c.publication;
  const problems: Problem[] = [];
  const desk = depositDesk(date);
  const section = desk.sections[c.mode];

  const deadline = depositDeadline(p.published_on, date);
  const late = date > deadline;
  if (late) problems.push(lateWarning(c, deadline, date));
  if (date < p.published_on)
    problems.push(m.warning('deposit-sent-before-issue', ['date'], { date: eraOrIso(date), published_on: eraOrIso(p.published_on) }));

  const reasons = noDutyReasons(p, date);
  if (reasons.length > 0)
    problems.push(m.warning('deposit-no-duty', ['publication'],
      { reasons: { ja: reasons.map((r) => NO_DUTY[r]).join('、'), en: reasons.join(', ') } }));

  const eligibility = compensationEligibility(p, date);
  problems.push(...compensationProblems(c, eligibility, date));

  // The return address is printed only on the 受領書送付のお願い, which comes with a receipt requested.
  if (c.return_address && !c.receipt_requested)
    problems.push(m.error('deposit-return-address-without-receipt', ['return_address']));

  const kept = inForceOn(COPIES_KEPT, date)?.value ?? 1;
  if (c.copies_deposited < 1)
    problems.push(m.error('deposit-no-copies', ['copies_deposited']));
  else if (c.copies_deposited > kept)
    problems.push(m.warning('deposit-too-many-copies', ['copies_deposited'], { kept, count: c.copies_deposited }));

  const estimate = estimateFor(c, eligibility, date, problems);
  const facts = {
    deadline,
    late,
    compensation_eligible: eligibility.eligible,
    compensation_estimate: estimate?.total ?? null,
    section: section.name,
  };
  return { facts, problems, derived: { date, deadline, late, desk, section, eligibility, estimate } };
}

/** Late is still accepted (seed 001): say so, with the deadline and the 過料 the law allows. */
function lateWarning(c: DepositCase, deadline: string, date: string): Problem {
  const price = c.publication.price;
  const path = ['publication', 'published_on'];
  if (price === undefined) return m.warning('deposit-late', path, { deadline: eraOrIso(deadline) });
  return m.warning('deposit-late-priced', path, { deadline: eraOrIso(deadline), fine: yen(maximumFine(price, date)) });
}

/** A claim the publication does not qualify for is refused, with the reason and the gift route. */
function compensationProblems(c: DepositCase, e: Eligibility, date: string): Problem[] {
  const p = c.publication;
  const type = { ja: PUBLISHING_TYPE_JA[p.publishing_type], en: p.publishing_type };
  const { counts, minimum } = e.threshold;
  const what = m.text(counts === 'sold' ? 'deposit-count-sold' : 'deposit-count-printed');
  if (c.mode === 'donation') {
    if (e.eligible !== true || p.price === undefined) return [];
    const { total } = compensationEstimate(p.price, c.postage ?? 0, date);
    return [m.warning('deposit-compensation-available', ['mode'],
      { type, what, count: e.count, total: { ja: yen(total), en: String(total) } })];
  }
  const claim = m.text(c.mode === 'compensation' ? 'deposit-claim-compensation' : 'deposit-claim-postage-only');
  if (e.eligible === null)
    return [m.error('deposit-claim-needs-count', ['publication', e.missing], { claim, what, field: e.missing, type, minimum })];
  if (e.eligible === false) {
    const why = e.simple
      ? m.text('deposit-why-simple', { simple: { ja: NO_DUTY[e.simple], en: e.simple } })
      : m.text('deposit-why-too-few', { type, what, minimum, count: String(e.count) });
    const path = e.simple ? ['publication'] : ['publication', counts === 'sold' ? 'on_demand_sold' : 'copies_printed'];
    return [m.error('deposit-claim-refused', path, { claim, why })];
  }
  return [];
}

function estimateFor(c: DepositCase, e: Eligibility, date: string, problems: Problem[]): DepositDerived['estimate'] {
  if (c.mode === 'donation' || e.eligible !== true) return null;
  if (c.postage === undefined)
    problems.push(m.warning('deposit-postage-missing', ['postage']));
  const postage = c.postage ?? 0;
  if (c.mode === 'postage-only') return { share: 0, postage, total: postage };
  if (c.publication.price === undefined) {
    problems.push(m.warning('deposit-price-missing', ['publication', 'price']));
    return null;
  }
  const { share, total } = compensationEstimate(c.publication.price, postage, date);
  return { share, postage, total };
}
