/**
 * Rules of legal deposit (納本) as pure functions over the dated data of src/law/data/deposit.ts.
 * Each takes the case's date so a publication is judged by the rules in force when it is sent.
 */
import Fraction from 'fraction.js';
import { valueInForce } from '../dated.js';
import {
  COMPENSATION_SHARE, COMPENSATION_THRESHOLDS, DEPOSIT_DEADLINE_DAYS, FINE_MULTIPLE, NDL_DEPOSIT_DESK,
  PRIVATE_EDITION_COPIES, type CompensationThreshold, type NoDutyReason, type PublishingType,
} from '../data/deposit.js';
import { addDays } from '../../base/format.js';
import { onNdlOpenDay } from './closed-days.js';

/** The 30th day after issue (the day of issue itself not counted, 民法140条). */
export const depositPeriodEnd = (publishedOn: string, date: string) => addDays(publishedOn, valueInForce(DEPOSIT_DEADLINE_DAYS, date));

/**
 * 納入期限: the 30th day after issue, or when the NDL is closed that day (a Saturday, Sunday,
 * national holiday or 12月29日–1月3日) the next day it is open (国会に置かれる機関の休日に関する法律2条).
 */
export function depositDeadlineDetail(publishedOn: string, date: string): ReturnType<typeof onNdlOpenDay> {
  return onNdlOpenDay(depositPeriodEnd(publishedOn, date));
}

export const depositDeadline = (publishedOn: string, date: string) => depositDeadlineDetail(publishedOn, date).deadline;

/** The most a 過料 for not depositing can be: five times the retail price (法25条の2). */
export const maximumFine = (price: number, date: string) => price * valueInForce(FINE_MULTIPLE, date);

export const depositDesk = (date: string) => valueInForce(NDL_DEPOSIT_DESK, date);

/** What decides the duty and the compensation; the fields of the case's publication that matter. */
export interface PublicationFacts {
  publishing_type: PublishingType;
  copies_printed?: number;
  on_demand_sold?: number;
  binding?: string;
  blank_form?: boolean;
  same_content_reprint?: boolean;
  restricted?: boolean;
}

/** Why a publication need not be deposited (seed 001 納本義務がない出版物); empty: it must be. */
export function noDutyReasons(p: PublicationFacts, date: string): NoDutyReason[] {
  const reasons: NoDutyReason[] = [];
  if (p.binding === 'stapled') reasons.push('stapled');
  const privateEdition = p.publishing_type === 'self-published' || p.publishing_type === 'company-history';
  if (privateEdition && p.copies_printed !== undefined && p.copies_printed < valueInForce(PRIVATE_EDITION_COPIES, date))
    reasons.push('private_edition');
  if (p.blank_form) reasons.push('blank_form');
  if (p.same_content_reprint) reasons.push('same_content_reprint');
  if (p.restricted) reasons.push('restricted');
  return reasons;
}

/** Simple publications (簡易な出版物) cannot be deposited for compensation (seed 001 STEP1). */
const SIMPLE: readonly NoDutyReason[] = ['stapled', 'blank_form', 'same_content_reprint', 'restricted'];

export type Eligibility =
  | { eligible: true; threshold: CompensationThreshold; count: number }
  /** `missing`: the count the threshold needs is not in the case. */
  | { eligible: null; threshold: CompensationThreshold; missing: 'copies_printed' | 'on_demand_sold' }
  | { eligible: false; threshold: CompensationThreshold; count?: number; simple?: NoDutyReason };

/** Whether the publication may be deposited for 代償金 (seed 001 代償金の対象となる基準). */
export function compensationEligibility(p: PublicationFacts, date: string): Eligibility {
  const threshold = valueInForce(COMPENSATION_THRESHOLDS, date)[p.publishing_type];
  const simple = noDutyReasons(p, date).find((r) => SIMPLE.includes(r));
  if (simple) return { eligible: false, threshold, simple };
  const field = threshold.counts === 'sold' ? 'on_demand_sold' : 'copies_printed';
  const count = p[field];
  if (count === undefined) return { eligible: null, threshold, missing: field };
  return count >= threshold.minimum ? { eligible: true, threshold, count } : { eligible: false, threshold, count };
}

/**
 * 代償金の見込額: half the retail price of the one obligatory copy, rounded down to the yen once at
 * the end, plus the postage paid. The NDL decides the amount; this is what the publisher can expect.
 */
export function compensationEstimate(price: number, postage: number, date: string): { share: number; total: number } {
  const share = new Fraction(price).mul(new Fraction(valueInForce(COMPENSATION_SHARE, date))).floor().valueOf();
  return { share, total: share + postage };
}
