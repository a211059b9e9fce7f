/** Facts of a deposit: deadline, lateness, compensation, the NDL section that receives it. */
import type { Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import { COPIES_KEPT, NO_DUTY, PUBLISHING_TYPE_JA, type NdlDesk, type NdlSection, type NoDutyReason } from '../../law/data/deposit.js';
import {
  compensationEligibility, compensationEstimate, depositDeadlineDetail, depositDesk, maximumFine, noDutyReasons, type Eligibility,
} from '../../law/rules/deposit.js';
import { HOLIDAYS_KNOWN, holidaysKnownFor, type Closed } from '../../law/rules/closed-days.js';
import { yen } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import { eraOrIso, messages, type Params } from '../kit/messages.js';
import { DEPOSIT_WHEN, PUBLICATION_WHEN, type DepositCase } from './schema.js';
import { relevant } from '../../input/fields.js';

const m = messages('deposit');

export interface DepositDerived {
  date: string;
  /** null: the publication has no deposit duty (it is a gift), so no deadline runs. */
  deadline: string | null;
  late: boolean;
  /** 納本義務がない: why the publication need not be deposited (empty: it must be). */
  noDuty: NoDutyReason[];
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

  if (date < p.published_on)
    problems.push(m.warning('deposit-sent-before-issue', ['date'], { date: eraOrIso(date), published_on: eraOrIso(p.published_on) }));

  // A publication with no deposit duty is a gift: no 30 days run, nothing is late.
  const reasons = noDutyReasons(p, date);
  if (reasons.length > 0)
    problems.push(m.warning('deposit-no-duty', ['publication'],
      { reasons: { ja: reasons.map((r) => NO_DUTY[r]).join('、'), en: reasons.join(', ') } }));
  const deadline = reasons.length > 0 ? null : deadlineOf(c, date, problems);
  const late = deadline !== null && date > deadline;

  const eligibility = compensationEligibility(p, date);
  problems.push(...compensationProblems(c, eligibility, date));

  problems.push(...advanceContactProblems(c, date), ...unprintedProblems(c));

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
  return { facts, problems, derived: { date, deadline, late, noDuty: reasons, desk, section, eligibility, estimate } };
}

/**
 * The deadline, on a day the NDL is open; a late deposit is warned of. When the holiday calendar
 * does not reach the deadline's year, only weekends and the year-end are counted: said so.
 */
function deadlineOf(c: DepositCase, date: string, problems: Problem[]): string {
  const { deadline, movedFrom, closed } = depositDeadlineDetail(c.publication.published_on, date);
  if (!holidaysKnownFor(movedFrom ?? deadline))
    problems.push(m.warning('deposit-holidays-unknown', ['publication', 'published_on'],
      { year: (movedFrom ?? deadline).slice(0, 4), last: HOLIDAYS_KNOWN.last }));
  if (date > deadline) problems.push(lateWarning(c, deadline, movedFrom && closed ? { day: movedFrom, closed } : undefined, date));
  return deadline;
}

/** Why the 30th day is not the deadline: 「30日目（令和8年12月30日）は国立国会図書館の休館日（年末年始）のため、翌開館日」. */
function movedText(moved?: { day: string; closed: Closed }): Params[string] {
  if (!moved) return '';
  return m.text('deposit-deadline-moved', { day: eraOrIso(moved.day), closed: CLOSED_WORDS[moved.closed.reason](moved.closed.name ?? '') });
}

/** Why the NDL is closed, in words (国会に置かれる機関の休日に関する法律1条1項の各号). */
const CLOSED_WORDS: Record<Closed['reason'], (holiday: string) => Params[string]> = {
  sunday: () => m.text('deposit-closed-sunday'),
  saturday: () => m.text('deposit-closed-saturday'),
  'national-holiday': (name) => m.text('deposit-closed-national-holiday', { name }),
  'year-end': () => m.text('deposit-closed-year-end'),
};

/** Late is still accepted (seed 001): say so, with the deadline and the 過料 the law allows. */
function lateWarning(c: DepositCase, deadline: string, moved: { day: string; closed: Closed } | undefined, date: string): Problem {
  const price = c.publication.price;
  const path = ['publication', 'published_on'];
  const params = { deadline: eraOrIso(deadline), moved: movedText(moved) };
  if (price === undefined) return m.warning('deposit-late', path, params);
  return m.warning('deposit-late-priced', path, { ...params, fine: yen(maximumFine(price, date)) });
}

/**
 * 事前連絡 (seed 001 STEP2–4): a claim is announced first, the publication sent later. A gift needs no
 * contact (「事前の連絡や予約は不要」), so a contact written for one reaches no paper and is refused.
 */
function advanceContactProblems(c: DepositCase, date: string): Problem[] {
  const a = c.advance_contact;
  if (!relevant(c, DEPOSIT_WHEN.advance_contact)) return a ? [m.error('deposit-advance-contact-for-gift', ['advance_contact'])] : [];
  if (!a?.date) return [m.warning('deposit-advance-contact-undated', a ? ['advance_contact'] : ['mode'])];
  const dates = { contacted: eraOrIso(a.date), date: eraOrIso(date) };
  if (a.date > date) return [m.error('deposit-advance-contact-after-sending', ['advance_contact', 'date'], dates)];
  if (a.date === date) return [m.warning('deposit-advance-contact-same-day', ['advance_contact', 'date'], dates)];
  return [];
}

/** Values no paper would print, or that contradict the publishing type, are refused with the reason. */
function unprintedProblems(c: DepositCase): Problem[] {
  const problems: Problem[] = [];
  // The sold count is the on-demand threshold's (seed 001): beside another type it contradicts the 事前連絡票.
  if (c.publication.on_demand_sold !== undefined && !relevant(c.publication, PUBLICATION_WHEN.on_demand_sold))
    problems.push(m.error('deposit-sold-not-on-demand', ['publication', 'on_demand_sold'],
      { type: { ja: PUBLISHING_TYPE_JA[c.publication.publishing_type], en: c.publication.publishing_type } }));
  // A gift's postage is the publisher's (元払い) and is paid back by no one: no paper has a place for it.
  if (c.postage !== undefined && !relevant(c, DEPOSIT_WHEN.postage))
    problems.push(m.error('deposit-postage-for-gift', ['postage']));
  // The return address is printed only on the 受領書送付のお願い, which comes with a receipt requested.
  if (c.return_address && !relevant(c, DEPOSIT_WHEN.return_address))
    problems.push(m.error('deposit-return-address-without-receipt', ['return_address']));
  return problems;
}

/** A claim the publication does not qualify for is refused, with the reason and the gift route. */
function compensationProblems(c: DepositCase, e: Eligibility, date: string): Problem[] {
  const p = c.publication;
  const type = { ja: PUBLISHING_TYPE_JA[p.publishing_type], en: p.publishing_type };
  const { counts, minimum } = e.threshold;
  const what = m.text(counts === 'sold' ? 'deposit-count-sold' : 'deposit-count-printed');
  if (c.mode === 'donation') {
    if (e.eligible !== true || p.price === undefined) return [];
    const { total } = compensationEstimate(p.price, 0, date);
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
