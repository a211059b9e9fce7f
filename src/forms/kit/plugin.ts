/** What a form plugin provides: its schema, its rules, and how its documents are composed. */
import type { CaseFolder } from '../../input/named-file.js';
import type { z } from 'zod';
import type { Bilingual, FieldPath, Problem } from '../../base/problem.js';
import { isPaper, type Made, type Output, type OutputFormat } from '../../model/document.js';
import type { AgencyForm, FieldValues } from '../../model/official-form.js';
import type { TemplateBook } from './templates.js';

export interface FormContext {
  /** Path of the case file, and its folder (paths in a case are relative to it). */
  caseFile: string;
  caseDir: string;
  /** The folder again, with whether files may lie outside it (--allow-files-outside): what a form reads files through. */
  folder: CaseFolder;
  /** Today's date, ISO: the default application date. */
  today: string;
  /** The session's templates: a form reads its words and papers through them (src/forms/kit/templates.ts). */
  templates: TemplateBook;
}

export interface Derivation<D> {
  /** JSON facts for `check --json`. */
  facts: Record<string, unknown>;
  /** Errors (the case cannot be rendered) and warnings (it can, but look). */
  problems: Problem[];
  /** Everything compose needs, worked out once. */
  derived: D;
}

/** Where a problem sits in a file other than the case file (a CSV row and column, or a workbook sheet's). */
export interface FileSpot {
  file: string;
  line?: number;
  column?: number;
  /** The workbook's sheet: the problem is said with it and the cell (シート「著作物一覧」のセル C5). */
  sheet?: string;
}

/** The case with what it names beside it (a works CSV, images) read in. */
export interface Loaded<L> {
  value: L;
  /** Problems met while reading; those without `file` are placed by their path. */
  problems: Problem[];
  /** Where a path into data read from another file sits; undefined: in the case file. */
  spot?: (path: FieldPath) => FileSpot | undefined;
  /** Text read from other files, as a tree rooted like the case, to check for undrawable characters. */
  text?: unknown;
}

export interface FormPlugin<C = any, D = any, L = C> {
  id: string;
  title: Bilingual;
  /** The language of the papers; 'en' also puts English first in the form's messages. Default 'ja'. */
  language?: 'ja' | 'en';
  /** Every document the form can make, declared once: its name, what it is, its formats, how it is made. */
  documents: DocumentSpec<L, D>[];
  /**
   * The message catalogues (templates/<name>/messages.yaml) its problems are worded from, whose codes
   * a case of this form may list under `acknowledged`. Default: the one named by its id, if there is one.
   */
  catalogues?: string[];
  schema: z.ZodType<C>;
  /** Reads the files a case names (works_file, attachments), only those, relative to the case. */
  load?(c: C, ctx: FormContext): Loaded<L> | Promise<Loaded<L>>;
  derive(c: L, ctx: FormContext): Derivation<D>;
}

export type { Made };

export interface DocumentSpec<L = any, D = any> {
  /** File name without extension: out/<case>/<name>.<format> (a filled sheet may keep its file's own, see Made). */
  name: string;
  /** What it is, as `yoshiki forms` lists it. */
  about: string;
  /** The formats it is written in (default pdf and docx); a filled sheet is written as it came. */
  formats?: OutputFormat[];
  /** Whether this case gets it (default: every case). */
  when?: (c: L, d: D) => boolean;
  make: (c: L, d: D, ctx: FormContext) => Made;
  /**
   * The paper's values by name, for writing them onto the agency's own form when the case names one
   * (`official_forms:`; README "The agency's own form"): worked out only for such a case.
   */
  fields?: (c: L, d: D, ctx: FormContext) => FieldValues;
  /** For a paper the agency accepts only on its own form: that form and where to get it (`check` warns when the case names none). */
  agencyForm?: (c: L, d: D) => AgencyForm | undefined;
}

export const DEFAULT_FORMATS: OutputFormat[] = ['pdf', 'docx'];

/**
 * The documents of one case, in the order the form declares them. The name and formats are set on
 * the made object itself, not a copy: copying a lazy document would compose its blocks now.
 */
export function composeDocuments<L, D>(plugin: FormPlugin<unknown, D, L>, c: L, d: D, ctx: FormContext): Output[] {
  return plugin.documents.filter((spec) => spec.when?.(c, d) ?? true).map((spec) => {
    const made = spec.make(c, d, ctx) as Output;
    made.name = made.kind === 'filledSheet' && made.name ? made.name : spec.name;
    if (isPaper(made)) {
      made.formats = spec.formats ?? DEFAULT_FORMATS;
      const fields = spec.fields;
      let values: FieldValues | undefined;
      if (fields) Object.defineProperty(made, 'fields', { get: () => (values ??= fields(c, d, ctx)), enumerable: true });
      const agency = spec.agencyForm?.(c, d);
      if (agency) made.agencyForm = agency;
    }
    return made;
  });
}
