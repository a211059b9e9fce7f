/** What a form plugin provides: its schema, its rules, and how its documents are composed. */
import type { z } from 'zod';
import type { Bilingual, Problem } from '../case/problem.js';
import type { DocumentModel } from '../model/document.js';

export interface FormContext {
  /** Path of the case file, and its folder (paths in a case are relative to it). */
  caseFile: string;
  caseDir: string;
  /** Today's date, ISO: the default application date. */
  today: string;
}

export interface Derivation<D> {
  /** JSON facts for `check --json`. */
  facts: Record<string, unknown>;
  /** Errors (the case cannot be rendered) and warnings (it can, but look). */
  problems: Problem[];
  /** Everything compose needs, worked out once. */
  derived: D;
}

export interface FormPlugin<C = any, D = any> {
  id: string;
  title: Bilingual;
  /** Names and titles of the documents the form produces. */
  documents: { name: string; title: string }[];
  schema: z.ZodType<C>;
  derive(c: C, ctx: FormContext): Derivation<D>;
  compose(c: C, derived: D, ctx: FormContext): DocumentModel[];
}
