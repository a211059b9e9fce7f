/** Rules of the 後納 application (seed 003 後納許可審査基準) and its facts. */
import { error, warning, type Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import {
  INSTITUTION_CATEGORIES, LENDING_LIBRARIES, SPECIAL_PERMISSION_CATEGORY, type LendingLibrary,
} from '../../law/data/deferred-payment.js';
import { eraDate, fiscalYearLabel, fiscalYearOf } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import type { DeferredPaymentCase } from './schema.js';

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

  const categories = inForceOn(INSTITUTION_CATEGORIES, date)?.value ?? {};
  const categoryText = categories[inst.category];
  if (!categoryText)
    problems.push(error(['institution', 'category'],
      `機関の種別（category）は1～10のいずれかです（今は ${inst.category}）。後納が認められるのは、貸出館の定める後納制度対象機関（1 大学・高専の図書館 … 4 公共図書館 … 10 附属図書館長が特に許可した機関）に限られます。`,
      `The institution category must be 1 to 10 (found ${inst.category}): only the institutions on the lending library's list may pay in arrears.`,
      { ja: '種別の一覧は README の「後納」の節にあります。', en: 'The list of categories is in the README, section deferred payment.' }));
  else if (inst.category === SPECIAL_PERMISSION_CATEGORY)
    problems.push(warning(['institution', 'category'],
      '種別10（上記各号以外の機関）は、附属図書館長が特に許可した場合に限り後納が認められます。申請前に図書館へ相談してください。',
      'Category 10 (other institutions) needs the library director\'s special permission: ask the library before applying.'));

  // 後納許可審査基準 (seed 003 2.): the whole institution, and no NII offset service anywhere in it.
  if (!inst.whole_institution)
    problems.push(error(['institution', 'whole_institution'],
      '部局又は分館単位の申請は許可されません。後納は機関全体として申請します（後納許可審査基準）。',
      'An application for a department or branch alone is refused: the whole institution applies (review criteria).',
      { ja: '機関全体として申請し、分館は branches に書いてください。', en: 'Apply for the whole institution and list branches under branches.' }));
  if (inst.nii_offset_service && c.request !== 'cancel')
    problems.push(error(['institution', 'nii_offset_service'],
      '本館又は分館が国立情報学研究所のILL文献複写等料金相殺サービスに参加している機関には、後納は許可されません。料金は相殺サービスで支払われます（後納許可審査基準）。',
      'An institution whose main library or any branch takes part in the NII ILL fee offset service cannot pay in arrears; its fees are settled through that service.',
      { ja: '相殺サービスに参加したために後納をやめる場合は request: cancel で取消しを申請してください。', en: 'If you joined the offset service, apply to cancel (request: cancel).' }));

  if (c.request !== 'new' && !c.permit_number)
    problems.push(warning(['permit_number'],
      '変更・取消の申請には、後納許可書の許可番号（permit_number）を書くと照合が確実です。',
      'A change or cancellation should give the permit number (permit_number) from the permission letter.'));
  if (c.request === 'change' && !c.changes)
    problems.push(warning(['changes'], '変更の申請です。何が変わったか（changes）を書いてください。',
      'This is a change request: say what changed (changes).'));

  const lastDay = `${fiscalYear + 1}-03-31`;
  if (date > lastDay)
    problems.push(error(['fiscal_year'], `${label}は${eraDate(lastDay)}に終わっています。申請は年度ごとに、その年度について行います。`,
      `Fiscal year ${fiscalYear} ended on ${lastDay}; apply for the current fiscal year.`,
      { ja: `fiscal_year: ${fiscalYearOf(date)} にしてください。`, en: `Use fiscal_year: ${fiscalYearOf(date)}.` }));
  else if (fiscalYear > fiscalYearOf(date) + 1)
    problems.push(warning(['fiscal_year'], `${label}の申請を${eraDate(date)}に出そうとしています。年度を確かめてください。`,
      `Applying on ${date} for fiscal year ${fiscalYear}: check the year.`));

  const library = typeof c.recipient === 'string'
    ? LENDING_LIBRARIES[c.recipient]
    : { ...c.recipient, postalCode: c.recipient.postal_code };
  return {
    facts: { fiscal_year_label: label },
    problems,
    derived: { date, fiscalYear, fiscalYearLabel: label, categoryText: categoryText ?? '', library },
  };
}
