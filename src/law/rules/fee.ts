/** 手数料 and 収入印紙: what the applicant pays and with which stamps. */
import { inForceOn, valueInForce, type Dated } from '../dated.js';
import {
  FEE_EXEMPT_AGENCIES, FEE_EXEMPT_KINDS, REVENUE_STAMP_DENOMINATIONS, RULING_FEE, type ApplicantKind,
} from '../data/ruling.js';

export interface FeeApplicant {
  kind: ApplicantKind;
  name: string;
}

/** The fee in yen for one ruling application on `date` (`table`: the fee of 67条, or of 67条の3); 0 when the applicant is exempt (法70条2項, 令65条). */
export function rulingFee(applicant: FeeApplicant, date: string, table: readonly Dated<number>[] = RULING_FEE): number {
  const exemptKinds = inForceOn(FEE_EXEMPT_KINDS, date)?.value ?? [];
  if (exemptKinds.includes(applicant.kind)) return 0;
  if (applicant.kind === 'independent-administrative-agency' && isListedAgency(applicant.name, date)) return 0;
  return valueInForce(table, date);
}

/**
 * True when the agency is one of 令65条 別表's, by its full name or its short name (「国立美術館」);
 * the name may carry more, e.g. a department (「独立行政法人国立美術館 東京国立近代美術館」).
 */
export function isListedAgency(name: string, date: string): boolean {
  const listed = inForceOn(FEE_EXEMPT_AGENCIES, date)?.value ?? inForceOn(FEE_EXEMPT_AGENCIES, '9999-12-31')!.value;
  const compact = name.replace(/[\s\u3000]/g, '');
  return listed.some((agency) => [agency.name, ...agency.aliases].some((n) => compact.includes(n)));
}

/**
 * The fewest revenue stamps that make `amount` exactly, largest first (6,900 → 6,000+600+300).
 * Greedy is not enough with denominations such as 120 and 80, so this is a small exact search.
 */
export function fewestStamps(amount: number, date: string): number[] {
  if (amount <= 0) return [];
  const table = (inForceOn(REVENUE_STAMP_DENOMINATIONS, date) ?? REVENUE_STAMP_DENOMINATIONS[0]).value;
  // The search walks every yen up to the amount (6,900 × 31 denominations): once per amount and table.
  const key = `${amount}:${table.join(',')}`;
  let stamps = fewest.get(key);
  if (!stamps) fewest.set(key, (stamps = searchStamps(amount, [...table])));
  return [...stamps];
}
const fewest = new Map<string, number[]>();

function searchStamps(amount: number, denominations: number[]): number[] {
  const count = new Array<number>(amount + 1).fill(Infinity);
  const pick = new Array<number>(amount + 1).fill(0);
  count[0] = 0;
  for (let v = 1; v <= amount; v++) {
    // Try larger stamps first so that ties resolve to the breakdown a clerk would buy.
    for (let k = denominations.length - 1; k >= 0; k--) {
      const d = denominations[k];
      if (d <= v && count[v - d] + 1 < count[v]) {
        count[v] = count[v - d] + 1;
        pick[v] = d;
      }
    }
  }
  const stamps: number[] = [];
  for (let v = amount; v > 0; v -= pick[v]) stamps.push(pick[v]);
  return stamps.sort((a, b) => b - a);
}
