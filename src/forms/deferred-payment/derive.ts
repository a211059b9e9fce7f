/** Rules of the 後納 application (seed 003 後納許可審査基準) and its facts. */
import type { Problem } from '../../base/problem.js';
import { valueInForce } from '../../law/dated.js';
import {
  INSTITUTION_CATEGORIES, LENDING_LIBRARIES, SPECIAL_PERMISSION_CATEGORY, type LendingLibrary,
} from '../../law/data/deferred-payment.js';
import { fiscalYearLabel, fiscalYearOf } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import { eraOrIso, messages } from '../kit/messages.js';
import type { DeferredPaymentCase } from './schema.js';

const m = messages('deferred-payment');

export interface DeferredPaymentDerived {
  date: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The category's wording, e.g. 図書館法（…）第2条第1項に規定する図書館. */
  categoryText: string;
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

  // Each of these is printed only for its kinds of request (compose.ts): elsewhere it is refused, not dropped.
  const onlyFor = { permit_number: ['change', 'cancel'], changes: ['change'], reason: ['cancel'] } as const;
  for (const [field, requests] of Object.entries(onlyFor))
    if (c[field as keyof typeof onlyFor] !== undefined && !(requests as readonly string[]).includes(c.request))
      problems.push(m.error('deferred-field-not-for-request', [field], { field, requests: requests.join(', '), request: c.request }));

  if (c.request !== 'new' && !c.permit_number)
    problems.push(m.warning('deferred-permit-number-missing', ['permit_number']));
  if (c.request === 'change' && !c.changes)
    problems.push(m.warning('deferred-changes-missing', ['changes']));

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
    derived: { date, fiscalYear, fiscalYearLabel: label, categoryText: categoryText ?? '', library },
  };
}
