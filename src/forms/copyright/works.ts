/**
 * Reads what a ruling case names beside it — any form with works: the works list (works_file, a
 * CSV or an Excel workbook). The 別添資料 files are read by attachments.ts. Nothing else is read.
 * Problems point at the list's row and column, or at the case field.
 */
import { namedPath } from '../../input/named-file.js';
import { readSheetFile } from '../../input/sheet.js';
import { append, error, type FieldPath, type Problem } from '../../base/problem.js';
import type { FormContext, Loaded } from '../kit/plugin.js';
import type { Subject, Work } from './schema.js';
import { worksFromSheet, type SheetWorks } from './works-sheet.js';

/** A case with its works from YAML and CSV together. */
export type WithWorks<C> = Omit<C, 'works'> & { works: Work[] };

type HasWorks = { works?: Work[]; works_file?: string; subject: Subject };

export async function loadWorks<C extends HasWorks>(c: C, ctx: FormContext): Promise<Loaded<WithWorks<C>>> {
  const problems: Problem[] = [];
  const yamlWorks = c.works ?? [];
  let fromCsv: SheetWorks | undefined;
  let csvFile: string | undefined;
  if (c.works_file) {
    csvFile = namedPath(ctx.caseDir, c.works_file);
    const read = await readSheetFile(ctx.folder, c.works_file);
    if (!read.ok) {
      // A file that cannot be read at all is reported at the works_file line of the case; bytes it cannot read, at their line.
      const place = read.line === undefined ? {} : { file: csvFile, line: read.line, column: 1 };
      problems.push({ ...error(['works_file'], read.problem.ja, read.problem.en, read.hint), ...place });
    } else {
      const { sheet } = read;
      fromCsv = worksFromSheet({ file: csvFile, sheet: sheet.format === 'xlsx' ? sheet.sheet : undefined, rows: sheet.rows }, c.subject);
      append(problems, fromCsv.problems);
    }
  }
  const works = [...yamlWorks, ...(fromCsv?.works ?? [])];

  const spot = (path: FieldPath) => {
    const index = path[1];
    if (!fromCsv || !csvFile || path[0] !== 'works' || typeof index !== 'number' || index < yamlWorks.length) return undefined;
    const key = path.slice(2).filter((k): k is string => typeof k === 'string' && k !== 'evidence' && k !== 'compensation').pop();
    return { file: csvFile, ...fromCsv.spot(index - yamlWorks.length, key) };
  };
  const text = fromCsv ? { works: [...yamlWorks.map(() => null), ...fromCsv.text.works] } : undefined;
  return { value: { ...c, works }, problems, spot, text };
}
