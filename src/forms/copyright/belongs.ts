/**
 * Fields a case may hold that have no place in this case's papers (issue 15 §5: nothing accepted
 * and dropped): each is refused at the field, saying where it belongs, rather than left off the
 * paper in silence. The compensation's own (a unit_label on a fixed amount) are in compensation.ts,
 * the notice's (a newspaper's name on a CRIC notice) in the due-diligence rules.
 */
import type { Problem } from '../../base/problem.js';
import { copyrightMessages as m, type Applicant, type Work } from './schema.js';

/** The evidence columns that only the table of works ruled before has (seed 004 資料2: ア(ウ), イ(ウ)). */
const RULED_BEFORE_ONLY = ['ruling_database', 'agency_inquiry'] as const;

export function fieldsThatDoNotBelong(c: { applicant: Applicant; works: Work[] }): Problem[] {
  const problems: Problem[] = [];
  // Seed 004's applicant block: an individual signs under the name; only an organisation has a 代表者.
  if (c.applicant.kind === 'individual' && c.applicant.representative)
    problems.push(m.error('copyright-representative-individual', ['applicant', 'representative']));
  c.works.forEach((w, i) => {
    // A title (or author) printed, and its status saying there is none: one of them is wrong.
    if (w.title && w.title_status)
      problems.push(m.error('copyright-status-with-value', ['works', i, 'title_status'], { field: 'title', status: 'title_status' }));
    if (w.author && w.author_status)
      problems.push(m.error('copyright-status-with-value', ['works', i, 'author_status'], { field: 'author', status: 'author_status' }));
    if (!w.previously_ruled)
      for (const key of RULED_BEFORE_ONLY)
        if (w.evidence?.[key])
          problems.push(m.error('copyright-evidence-ruled-before-only', ['works', i, 'evidence', key], { field: key }));
  });
  return problems;
}
