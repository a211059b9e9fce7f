/** Facts of a deposit: deadline, lateness, compensation, the NDL section that receives it. */
import { error, warning, type Problem } from '../../base/problem.js';
import { inForceOn } from '../../law/dated.js';
import { COPIES_KEPT, NO_DUTY, PUBLISHING_TYPE_JA, type NdlDesk, type NdlSection } from '../../law/data/deposit.js';
import {
  compensationEligibility, compensationEstimate, depositDeadline, depositDesk, maximumFine, noDutyReasons, type Eligibility,
} from '../../law/rules/deposit.js';
import { eraDate, yen } from '../../base/format.js';
import type { Derivation, FormContext } from '../kit/plugin.js';
import type { DepositCase } from './schema.js';

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
    problems.push(warning(['date'], `送付日（${eraDate(date)}）が発行日（${eraDate(p.published_on)}）より前です。`,
      `The sending date (${date}) is before the date of issue (${p.published_on}).`,
      { ja: 'date と publication.published_on を確かめてください。', en: 'Check date and publication.published_on.' }));

  const reasons = noDutyReasons(p, date);
  if (reasons.length > 0)
    problems.push(warning(['publication'],
      `この出版物には納本義務がありません（${reasons.map((r) => NO_DUTY[r]).join('、')}）。寄贈として送ることはできます。`,
      `This publication has no deposit duty (${reasons.join(', ')}). It may still be sent as a gift.`));

  const eligibility = compensationEligibility(p, date);
  problems.push(...compensationProblems(c, eligibility, date));

  const kept = inForceOn(COPIES_KEPT, date)?.value ?? 1;
  if (c.copies_deposited < 1)
    problems.push(error(['copies_deposited'], '納入部数は1部以上です。', 'At least one copy must be deposited.'));
  else if (c.copies_deposited > kept)
    problems.push(warning(['copies_deposited'],
      `国立国会図書館が所蔵するのは${kept}部まで（東京本館と関西館）です。${c.copies_deposited}部送る必要はありません。`,
      `The NDL keeps at most ${kept} copies (Tokyo and the Kansai-kan); ${c.copies_deposited} are more than needed.`));

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
  const fine = price !== undefined ? `。この出版物では${yen(maximumFine(price, date))}以下` : '';
  return warning(['publication', 'published_on'],
    `納入期限（発行日から30日、${eraDate(deadline)}）を過ぎています。遅れても納入は受け付けられますので、すぐに送ってください。正当な理由なく納入しないと、小売価格の5倍以下の過料に処せられることがあります（国立国会図書館法25条の2${fine}）。`,
    `The deposit deadline (30 days after issue: ${deadline}) has passed. Late deposits are still accepted: send it now. Not depositing without good reason can be fined up to five times the retail price (NDL Act art. 25-2).`);
}

/** A claim the publication does not qualify for is refused, with the reason and the gift route. */
function compensationProblems(c: DepositCase, e: Eligibility, date: string): Problem[] {
  const p = c.publication;
  const type = PUBLISHING_TYPE_JA[p.publishing_type];
  const { counts, minimum } = e.threshold;
  const what = counts === 'sold' ? '販売済み部数' : '発行部数';
  if (c.mode === 'donation') {
    if (e.eligible !== true || p.price === undefined) return [];
    const estimate = compensationEstimate(p.price, c.postage ?? 0, date);
    return [warning(['mode'],
      `この出版物は代償金の対象になります（${type}、${what}${e.count}部）。希望すれば見込額${yen(estimate.total)}が支払われます。`,
      `This publication qualifies for compensation (about ${estimate.total} yen).`,
      { ja: '希望するなら mode: compensation にして、送る前に事前連絡をしてください。', en: 'To claim it, set mode: compensation and contact the NDL before sending.' })];
  }
  const claim = c.mode === 'compensation' ? '代償金' : '送料の支払い';
  if (e.eligible === null) {
    const field = e.missing;
    return [error(['publication', field],
      `${claim}を希望するには${what}（publication.${field}）が必要です。${type}は${minimum}部以上で対象になります。`,
      `Claiming ${c.mode} needs publication.${field}: publishing type ${p.publishing_type} qualifies from ${minimum} copies ${counts}.`,
      { ja: `publication.${field}: を書き足してください。`, en: `Add publication.${field}:.` })];
  }
  if (e.eligible === false) {
    const why = e.simple
      ? `簡易な出版物（${NO_DUTY[e.simple]}）は対象になりません`
      : `${type}は${what}${minimum}部以上が条件ですが、${e.count}部です`;
    const whyEn = e.simple
      ? `simple publications (${e.simple}) are excluded`
      : `publishing type ${p.publishing_type} needs ${minimum} copies ${counts}, this one has ${e.count}`;
    const path = e.simple ? ['publication'] : ['publication', counts === 'sold' ? 'on_demand_sold' : 'copies_printed'];
    return [error(path, `${claim}は受けられません。${why}（seed 001 代償金の対象となる基準）。`,
      `This publication does not qualify for ${c.mode}: ${whyEn}.`,
      { ja: 'mode: donation（寄贈）にすれば、このまま無償で納入できます。', en: 'Set mode: donation to deposit it free of charge.' })];
  }
  return [];
}

function estimateFor(c: DepositCase, e: Eligibility, date: string, problems: Problem[]): DepositDerived['estimate'] {
  if (c.mode === 'donation' || e.eligible !== true) return null;
  if (c.postage === undefined)
    problems.push(warning(['postage'], '送料（postage）が書かれていないため、見込額に送料を含めていません。',
      'No postage is given, so the estimate leaves it out.',
      { ja: '元払いで支払った送料を postage: に書いてください。', en: 'Write the postage you paid under postage:.' }));
  const postage = c.postage ?? 0;
  if (c.mode === 'postage-only') return { share: 0, postage, total: postage };
  if (c.publication.price === undefined) {
    problems.push(warning(['publication', 'price'],
      '小売価格（price）がないため、代償金の見込額を計算できません。非売品の代償金は国立国会図書館が定めます。',
      'Without a retail price the compensation cannot be estimated; for items not for sale the NDL sets it.'));
    return null;
  }
  const { share, total } = compensationEstimate(c.publication.price, postage, date);
  return { share, postage, total };
}
