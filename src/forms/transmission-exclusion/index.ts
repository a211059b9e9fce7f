/** form: transmission-exclusion — 図書館送信・個人送信の除外申出, seed 000. */
import { error, type Problem } from '../../base/problem.js';
import { readSheetFile } from '../../input/sheet.js';
import type { FormContext, FormPlugin, Loaded } from '../kit/plugin.js';
import { coverLetter, DOCUMENTS, filledList, requestMail, rowsTable } from './compose.js';
import { deriveExclusion, type ExclusionDerived, type LoadedExclusion } from './derive.js';
import { exclusionSchema, type ExclusionCase } from './schema.js';

/** Reads the NDL's list the case names (only that file), to fill a copy of it. */
async function load(c: ExclusionCase, ctx: FormContext): Promise<Loaded<LoadedExclusion>> {
  const problems: Problem[] = [];
  if (!c.candidate_list) return { value: c, problems };
  const read = await readSheetFile(ctx.folder, c.candidate_list.file, c.candidate_list.sheet);
  if (read.ok) return { value: { ...c, list: read.sheet }, problems };
  problems.push(error(['candidate_list', read.about], read.problem.ja, read.problem.en, read.hint));
  return { value: c, problems };
}

export const transmissionExclusion: FormPlugin<ExclusionCase, ExclusionDerived, LoadedExclusion> = {
  id: 'transmission-exclusion',
  title: { ja: 'デジタル化資料送信サービスの除外申出（図書館送信・個人送信）', en: 'Exclusion from the NDL\'s digitized-material transmission services' },
  documents: [
    { ...DOCUMENTS.rows, about: DOCUMENTS.rows.title, formats: ['csv', 'xlsx'], make: rowsTable },
    { ...DOCUMENTS.list, about: DOCUMENTS.list.title, formats: ['csv', 'xlsx'], when: (_, d) => !!d.list, make: filledList },
    { ...DOCUMENTS.mail, about: DOCUMENTS.mail.title, formats: ['txt'], make: requestMail },
    { ...DOCUMENTS.letter, about: DOCUMENTS.letter.title, make: coverLetter },
  ],
  schema: exclusionSchema,
  load,
  derive: deriveExclusion,
};
