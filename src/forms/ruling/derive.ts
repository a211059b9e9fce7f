/** Facts of a ruling application, worked out by the pure rules over the legal data in force. */
import { error, warning, type Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import { APPLICANT_KIND_JA, DEPOSIT_EXEMPT_KINDS, LAW_CHANGE_2026 } from '../../law/data/ruling.js';
import { taxFactor, type CompensationResult } from '../../law/rules/compensation.js';
import { compensationsOf } from '../copyright/compensation.js';
import { checkDiligence, earliestFilingAfterCric } from '../../law/rules/diligence.js';
import { eraDate } from '../../base/format.js';
import { fewestStamps, rulingFee } from '../../law/rules/fee.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import type { RulingInput } from './schema.js';

export interface RulingDerived {
  date: string;
  fee: number;
  stamps: number[];
  depositExempt: boolean;
  compensation: (CompensationResult | null)[];
}

export function deriveRuling(c: RulingInput, ctx: FormContext): Derivation<RulingDerived> {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];

  const fee = rulingFee(c.applicant, date);
  const stamps = fewestStamps(fee, date);

  // 法67条2項: 国等 need not deposit; a 国等 may still choose to (seed 004 ケ), never the reverse.
  const eligible = (inForceOn(DEPOSIT_EXEMPT_KINDS, date)?.value ?? []).includes(c.applicant.kind);
  if (c.deposit_exempt === true && !eligible)
    problems.push(error(['deposit_exempt'],
      `供託を要しない「国等」（法67条2項）は、国・地方公共団体・独立行政法人・国立大学法人等・日本放送協会に限られます（申請者は${APPLICANT_KIND_JA[c.applicant.kind]}）。`,
      `Only the state, local governments, the listed public corporations and NHK are exempt from depositing (art. 67(2)); the applicant is "${c.applicant.kind}".`,
      { ja: 'deposit_exempt を消すか、applicant.kind を確かめてください。', en: 'Remove deposit_exempt or check applicant.kind.' }));
  const depositExempt = c.deposit_exempt ?? eligible;

  const { results: compensation, problems: unpriced } = compensationsOf(c.uses, date);
  problems.push(...unpriced);

  problems.push(...checkDiligence(c.works, c.due_diligence, c.subject, date));

  if (c.ruled_on && c.ruled_on < date)
    problems.push(error(['ruled_on'], `裁定のあった日（${eraDate(c.ruled_on)}）が申請日（${eraDate(date)}）より前です。`,
      `The ruling date (${c.ruled_on}) is before the application date (${date}).`,
      { ja: 'ruled_on と date を確かめてください。', en: 'Check ruled_on and date.' }));

  const notice = c.due_diligence.public_notice;
  const earliest = notice?.medium === 'cric' && notice.start ? earliestFilingAfterCric(notice.start, date) : null;

  if (date >= LAW_CHANGE_2026.from)
    problems.push(warning(['date'],
      '2026年4月1日から裁定制度が改正されています（補償金は指定補償金管理機関への支払い、未管理著作物裁定の新設）。この申請書は2019年の手引きの様式です。提出前に文化庁に現在の様式を確認してください。',
      'The ruling procedure changed on 1 April 2026 (compensation is paid to the designated management body; a new ruling for unmanaged works). This form follows the 2019 guide: confirm the current form with the Agency for Cultural Affairs before filing.'));

  const tax = taxFactor(date);
  const facts = {
    fee,
    stamps,
    deposit_exempt: depositExempt,
    in_application_use: c.in_application_use,
    tax_rate: Number(tax.value.sub(1).toString()),
    compensation: compensation.map((r) => (r ? r.amount : null)),
    earliest_filing_date: earliest,
  };
  return { facts, problems, derived: { date, fee, stamps, depositExempt, compensation } };
}
