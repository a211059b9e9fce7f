/**
 * Reads what a ruling case names beside it — any form with works: the works CSV (works_file) and
 * each work's 別添資料 images. Nothing else is read. Problems point at the CSV row and column, or at
 * the case field.
 */
import { resolve } from 'node:path';
import { readCsvFile } from '../../input/csv.js';
import { readImage, type ImageFile } from '../../input/images.js';
import { error, type FieldPath, type Problem } from '../../base/problem.js';
import type { FormContext, Loaded } from '../kit/plugin.js';
import type { Subject, Work } from './schema.js';
import { worksFromCsv, type CsvWorks } from './works-csv.js';

/** A case with its works from YAML and CSV together, and the images they name. */
export type WithWorks<C> = Omit<C, 'works'> & {
  works: Work[];
  /** 別添資料 by the path the case wrote. */
  images: Map<string, ImageFile>;
};

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
      problems.push(...read.problems.map((p) => (p.line === undefined ? { ...p, file: undefined, path: ['works_file'] } : p)));
    } else {
      fromCsv = worksFromCsv(read.table, c.subject);
      problems.push(...fromCsv.problems);
    }
  }
  const works = [...yamlWorks, ...(fromCsv?.works ?? [])];

  const images = new Map<string, ImageFile>();
  works.forEach((w, i) => w.attachments?.forEach((name, j) => {
    if (images.has(name)) return;
    const read = readImage(ctx.caseDir, name);
    if (read.ok) images.set(name, read.image);
    else problems.push(error(['works', i, 'attachments', j], read.problem.ja, read.problem.en, read.hint));
  }));

  const spot = (path: FieldPath) => {
    const index = path[1];
    if (!fromCsv || !csvFile || path[0] !== 'works' || typeof index !== 'number' || index < yamlWorks.length) return undefined;
    const key = path.slice(2).filter((k): k is string => typeof k === 'string' && k !== 'evidence' && k !== 'compensation').pop();
    return { file: csvFile, ...fromCsv.spot(index - yamlWorks.length, key) };
  };
  const text = fromCsv ? { works: [...yamlWorks.map(() => null), ...fromCsv.text.works] } : undefined;
  return { value: { ...c, works, images }, problems, spot, text };
}
