/** Rules of the 後納 application (seed 003 後納許可審査基準) and its facts. */
import type { Problem } from '../../base/problem.js';
import { inForceOn, valueInForce } from '../../law/dated.js';
import {
  FISCAL_YEAR_END_NEAR, INCORPORATED_AGENCY_CATEGORIES, INSTITUTION_CATEGORIES, LENDING_LIBRARIES, SPECIAL_PERMISSION_CATEGORY,
  type LendingLibrary,
} from '../../law/data/deferred-payment.js';
import { fiscalYearLabel, fiscalYearOf } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import { eraOrIso, messages, type Worded } from '../kit/messages.js';
import type { DeferredPaymentCase } from './schema.js';

const m = messages('deferred-payment');

export interface DeferredPaymentDerived {
  date: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The category's wording, e.g. 図書館法（…）第2条第1項に規定する図書館. */
  categoryText: string;
  /** Seed 003's note on 独立行政法人, for an institution that is one in categories 1–5; else null. */
  agencyNote: string | null;
  library: Partial<LendingLibrary> & { director: string };
}

export function deriveDeferredPayment(c: DeferredPaymentCase, ctx: FormContext): Derivation<DeferredPaymentDerived> {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];
  const fiscalYear = c.fiscal_year ?? fiscalYearOf(date);
  const label = fiscalYearLabel(fiscalYear);
  const inst = c.institution;

  const categories = valueInForce(INSTITUTION_CATEGORIES, date);
  const categoryText = categories[inst.category];
  if (!categoryText)
    problems.push(m.error('deferred-category-unknown', ['institution', 'category'], { category: inst.category }));
  else if (inst.category === SPECIAL_PERMISSION_CATEGORY)
    problems.push(m.warning('deferred-category-special', ['institution', 'category']));

  // 後納許可審査基準 (seed 003 2.): the whole institution, and no NII offset service anywhere in it.
  if (!inst.whole_institution)
    problems.push(m.error('deferred-not-whole-institution', ['institution', 'whole_institution']));
  if (inst.nii_offset_service && c.request !== 'cancel')
    problems.push(m.error('deferred-nii-offset', ['institution', 'nii_offset_service']));

  const agencyNote = agencyNoteFor(c, date, problems);
  problems.push(...unusedFields(c));

  if (c.request !== 'new' && !c.permit_number)
    problems.push(m.warning('deferred-permit-number-missing', ['permit_number']));
  if (c.request === 'change' && !c.changes)
    problems.push(m.warning('deferred-changes-missing', ['changes']));

  if (c.fiscal_year === undefined) problems.push(...yearEndNear(date));

  const lastDay = `${fiscalYear + 1}-03-31`;
  const year = { ja: label, en: String(fiscalYear) };
  if (date > lastDay)
    problems.push(m.error('deferred-fiscal-year-over', ['fiscal_year'], { year, last_day: eraOrIso(lastDay), current: fiscalYearOf(date) }));
  else if (fiscalYear > fiscalYearOf(date) + 1)
    problems.push(m.warning('deferred-fiscal-year-ahead', ['fiscal_year'], { year, date: eraOrIso(date) }));

  const library = typeof c.recipient === 'string'
    ? LENDING_LIBRARIES[c.recipient]
    : { ...c.recipient, postalCode: c.recipient.postal_code };
  return {
    facts: { fiscal_year_label: label },
    problems,
    derived: { date, fiscalYear, fiscalYearLabel: label, categoryText: categoryText ?? '', agencyNote, library },
  };
}

/**
 * 独立行政法人: categories 1–5 include them (seed 003's note), printed beside the category. Categories
 * 6–9 are the NDL and foreign or overseas institutions, which are not set up so: refused. Category 10
 * is any other institution, 独立行政法人 or not, and gets no note.
 */
function agencyNoteFor(c: DeferredPaymentCase, date: string, problems: Problem[]): string | null {
  const inst = c.institution;
  if (!inst.incorporated_administrative_agency) return null;
  const rule = inForceOn(INCORPORATED_AGENCY_CATEGORIES, date)?.value;
  if (rule?.categories.includes(inst.category)) return rule.note;
  if (inst.category !== SPECIAL_PERMISSION_CATEGORY && inst.category >= 1 && inst.category <= 9)
    problems.push(m.error('deferred-agency-category', ['institution', 'incorporated_administrative_agency'], { category: inst.category }));
  return null;
}

/**
 * What a kind of request does not print is refused, each with why: a new application has no permit
 * yet; what changed is a change's; a reason, a cancellation's; a cancellation ends the billing and
 * takes back the whole institution's permit, so it names neither an invoice address nor branches.
 */
const USED_BY: { path: (string | number)[]; requests: readonly DeferredPaymentCase['request'][]; why: () => Worded }[] = [
  { path: ['permit_number'], requests: ['change', 'cancel'], why: () => m.text('deferred-why-permit') },
  { path: ['changes'], requests: ['change'], why: () => m.text('deferred-why-changes') },
  { path: ['reason'], requests: ['cancel'], why: () => m.text('deferred-why-reason') },
  { path: ['billing'], requests: ['new', 'change'], why: () => m.text('deferred-why-billing') },
  { path: ['institution', 'branches'], requests: ['new', 'change'], why: () => m.text('deferred-why-branches') },
];

function unusedFields(c: DeferredPaymentCase): Problem[] {
  const valueAt = (path: (string | number)[]) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], c);
  return USED_BY.filter((u) => valueAt(u.path) !== undefined && !u.requests.includes(c.request)).map((u) =>
    m.error('deferred-field-not-for-request', u.path,
      { field: u.path.join('.'), requests: u.requests.join(', '), request: c.request, why: u.why() }));
}

/** Late in March with no fiscal year: the application is for the year about to end; suggest the coming one. */
function yearEndNear(date: string): Problem[] {
  const from = inForceOn(FISCAL_YEAR_END_NEAR, date)?.value;
  const monthDay = date.slice(5);
  if (!from || monthDay < from || monthDay.slice(0, 2) !== from.slice(0, 2)) return [];
  const current = fiscalYearOf(date);
  return [m.warning('deferred-fiscal-year-coming', ['date'], {
    date: eraOrIso(date), year: { ja: fiscalYearLabel(current), en: String(current) },
    next: { ja: fiscalYearLabel(current + 1), en: String(current + 1) }, next_year: current + 1,
  })];
}
