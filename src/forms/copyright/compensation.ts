/**
 * 補償金 (item 5) for each use: its formula worked out by the pure rules (src/law/rules/compensation.ts)
 * at the application date; a use without a formula is a warning, as the guide asks for an estimate.
 */
import { warning, type Problem } from '../../base/problem.js';
import { computeCompensation, type CompensationResult } from '../../law/rules/compensation.js';
import type { Use } from './schema.js';

export function compensationsOf(uses: Use[], date: string): { results: (CompensationResult | null)[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const results = uses.map((use, i) => {
    if (!use.compensation) {
      problems.push(warning(['uses', i],
        'この利用には補償金の算定式（compensation）がありません。利用の数量・期間・有償無償を明記し、補償金の試算額を書くよう求められています（手引き カ・キ、御質問6）。',
        'This use has no compensation formula. The guide asks for quantity, period, paid or free, and an estimated amount.',
        { ja: 'compensation: { formula: print, … } を書き足してください。', en: 'Add compensation: { formula: …, … }.' }));
      return null;
    }
    return computeCompensation(use.compensation, date);
  });
  return { results, problems };
}
