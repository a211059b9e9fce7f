/**
 * Reads what a ruling case names beside it — any form with works: the works CSV (works_file). The
 * 別添資料 files are read by attachments.ts. Nothing else is read. Problems point at the CSV row and
 * column, or at the case field.
 */
import { resolve } from 'node:path';
import { readCsvFile } from '../../input/csv.js';
import { append, type FieldPath, type Problem } from '../../base/problem.js';
import type { FormContext, Loaded } from '../kit/plugin.js';
import type { Subject, Work } from './schema.js';
import { worksFromCsv, type CsvWorks } from './works-csv.js';

/** A case with its works from YAML and CSV together. */
export type WithWorks<C> = Omit<C, 'works'> & { works: Work[] };

type HasWorks = { works?: Work[]; works_file?: string; subject: Subject };

export function loadWorks<C extends HasWorks>(c: C, ctx: FormContext): Loaded<WithWorks<C>> {
  const problems: Problem[] = [];
  const yamlWorks = c.works ?? [];
  let fromCsv: CsvWorks | undefined;
  let csvFile: string | undefined;
  if (c.works_file) {
    csvFile = resolve(ctx.caseDir, c.works_file);
    const read = readCsvFile(csvFile);
    if (!read.ok) {
      // A file that cannot be opened at all is reported at the works_file line of the case.
      append(problems, read.problems.map((p) => (p.line === undefined ? { ...p, file: undefined, path: ['works_file'] } : p)));
    } else {
      fromCsv = worksFromCsv(read.table, c.subject);
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
