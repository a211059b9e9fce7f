/**
 * 補償金 (item 5) for each use: its formula worked out by the pure rules (src/law/rules/compensation.ts)
 * at the application date. A use without a formula is an error at the use: item 5 must state the
 * estimated amount and how it was worked out (seed 004 第3の3(1)キ), and no paper says there is none.
 */
import type { Problem } from '../../base/problem.js';
import { computeCompensation, type CompensationResult } from '../../law/rules/compensation.js';
import { copyrightMessages as m, type Use } from './schema.js';

export function compensationsOf(uses: Use[], date: string): { results: (CompensationResult | null)[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const results = uses.map((use, i) => {
    if (!use.compensation) {
      problems.push(m.error('copyright-compensation-missing', ['uses', i]));
      return null;
    }
    return computeCompensation(use.compensation, date);
  });
  return { results, problems };
}
