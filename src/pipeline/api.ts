/**
 * yoshiki as a library (README, "As a library"): what `import { check, render, forms, schema } from
 * 'yoshiki'` gives an IT department that puts a web form or a batch job in front of it. A case comes
 * as its YAML text (or bytes) or as the object that text would be; the files it names are read from
 * `baseDir`. Nothing is written: the documents come back as bytes. The command line is a thin layer
 * over these functions (src/app/cli), and each batch worker calls `renderFile`.
 */
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import type { Problem } from '../base/problem.js';
import { todayIso } from '../base/format.js';
import { DEFAULT_FORMATS } from '../forms/kit/plugin.js';
import { FORM_IDS, loadForm, loadForms } from '../forms/registry.js';
import { editorSchema } from '../input/json-schema.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../model/document.js';
import { checkCase, renderDocuments, unknownForm, type CaseResult, type CheckOptions } from './pipeline.js';
import type { Session } from './session.js';

export type { Bilingual, FieldPath, Problem } from '../base/problem.js';
export type { Session } from './session.js';
export type Format = OutputFormat;
export const FORMATS: readonly Format[] = OUTPUT_FORMATS;

/** A case: its YAML text, its bytes (UTF-8), or the object its YAML would parse to. */
export type CaseInput = string | Uint8Array | Record<string, unknown>;

export interface CaseOptions {
  /** The folder the files the case names (works_file, pictures, fonts, the NDL's list) are read from. Default: the current folder. */
  baseDir?: string;
  /** What the case is called in its problems (`problem.file`). */
  file?: string;
  /** The case's name, its output folder for the command line (default: `file`'s name without extension, else "case"). */
  name?: string;
  /** The day it is checked on, YYYY-MM-DD: the law in force, deadlines, dates written as today. Default: today. */
  today?: string;
  /** Fonts tried after IPAex Mincho for characters it lacks (paths). */
  fonts?: string[];
  /** Files the case names may lie outside `baseDir` (default: inside only, links followed). */
  allowFilesOutside?: boolean;
  /** What a long-running caller keeps between cases (parsed fonts, compiled templates). Default: one per process. */
  session?: Session;
}

export interface RenderOptions extends CaseOptions {
  /** The formats to write each document in, among those it has. Default: all. */
  formats?: Format[];
}

export interface CheckResult {
  /** No error: the case can be rendered. */
  ok: boolean;
  /** The form the case names (null when it names none yoshiki knows). */
  form: string | null;
  /** The case's name: out/<name>/ for the command line. */
  name: string;
  /** Errors and unsettled warnings, each in Japanese and English with where it is and how to fix it. */
  problems: Problem[];
  /** The codes of the warnings the case's `acknowledged` settled, one per warning. */
  settled: string[];
  /** What was worked out (fees, stamps, deadlines …), as `yoshiki check --json` prints it. */
  facts: Record<string, unknown>;
  /** The documents the case makes, by name, in the form's order. */
  documents: string[];
}

export interface DocumentFile {
  /** `<document>.<format>`, e.g. `application.pdf`. */
  name: string;
  bytes: Uint8Array;
  /** A PDF's page count. */
  pages?: number;
}

export interface RenderResult extends CheckResult {
  /** Every document in each asked format; none when the case has errors. */
  files: DocumentFile[];
  /** The pages of all its PDFs. */
  pages: number;
}

export interface FormInfo {
  id: string;
  title: { ja: string; en: string };
  /** The language of its papers. */
  language: 'ja' | 'en';
  documents: { name: string; about: string; formats: Format[] }[];
}

/** Checks a case: its problems, facts and documents, nothing rendered. */
export async function check(input: CaseInput, options: CaseOptions = {}): Promise<CheckResult> {
  return checked(await checkInput(input, options));
}

/** Checks and renders a case in memory. */
export async function render(input: CaseInput, options: RenderOptions = {}): Promise<RenderResult> {
  return rendered(await checkInput(input, options), options.formats);
}

/** Checks a case file (its folder is the base of the files it names), as `yoshiki check` does. */
export async function checkFile(path: string, options: Omit<CaseOptions, 'file' | 'name'> = {}): Promise<CheckResult> {
  return checked(await checkCase(path, options.today ?? todayIso(), fileOptions(options)));
}

/** Checks and renders a case file in memory, as `yoshiki render` does before writing. */
export async function renderFile(path: string, options: Omit<RenderOptions, 'file' | 'name'> = {}): Promise<RenderResult> {
  return rendered(await checkCase(path, options.today ?? todayIso(), fileOptions(options)), options.formats);
}

/** The forms yoshiki knows, with the documents each makes (every form's modules loaded: asynchronous). */
export async function forms(): Promise<FormInfo[]> {
  return Object.values(await loadForms()).map((f) => ({
    id: f.id,
    title: { ...f.title },
    language: f.language ?? 'ja',
    documents: f.documents.map((d) => ({ name: d.name, about: d.about, formats: [...(d.formats ?? DEFAULT_FORMATS)] })),
  }));
}

/**
 * A form's JSON Schema, as `yoshiki schema` prints it for editors with a YAML language server
 * (src/input/json-schema.ts). An unknown form throws, naming the closest.
 */
export async function schema(form: string): Promise<Record<string, unknown>> {
  const plugin = await loadForm(form);
  if (!plugin) throw new RangeError(unknownFormText(form));
  return editorSchema(plugin.schema, plugin.id) as Record<string, unknown>;
}

/** 「rulng」という form はありません。…「ruling」ではありませんか / There is no form "rulng" … did you mean "ruling"? */
export function unknownFormText(form: string): string {
  const p = unknownForm(form, [...FORM_IDS]);
  return `${p.ja}${p.hint!.ja}\n${p.en} ${p.hint!.en}`;
}

const fileOptions = ({ baseDir, fonts, session, allowFilesOutside }: CaseOptions): CheckOptions => ({ baseDir, fonts, session, allowFilesOutside });

/**
 * An object is written out as YAML and read as a case file is: one path for both, with the same
 * guards. Its problems then lose line and column, which would point into YAML the caller never saw.
 */
async function checkInput(input: CaseInput, options: CaseOptions): Promise<CaseResult> {
  const isObject = typeof input !== 'string' && !(input instanceof Uint8Array);
  const bytes = isObject ? Buffer.from(stringify(input)) : typeof input === 'string' ? Buffer.from(input) : input;
  const file = options.file ?? 'case.yaml';
  const result = await checkCase(file, options.today ?? todayIso(), {
    ...fileOptions(options), bytes, baseDir: options.baseDir ?? process.cwd(), name: options.name ?? basename(file, extname(file)),
  });
  if (options.file === undefined || isObject)
    result.problems = result.problems.map((p) => (p.file === file ? unplaced(p, options.file === undefined, isObject) : p));
  return result;
}

function unplaced(p: Problem, dropFile: boolean, dropPosition: boolean): Problem {
  const { file, line, column, ...rest } = p;
  return { ...rest, ...(dropFile ? {} : { file }), ...(dropPosition ? {} : { line, column }) };
}

function checked(r: CaseResult): CheckResult {
  return { ok: r.ok, form: r.form, name: r.name, problems: r.problems, settled: r.settled ?? [], facts: r.facts, documents: r.documents.map((d) => d.name) };
}

async function rendered(r: CaseResult, formats: Format[] = [...FORMATS]): Promise<RenderResult> {
  const files = (await renderDocuments(r, formats)).map((f) => ({ name: f.path, bytes: f.bytes, ...(f.pages === undefined ? {} : { pages: f.pages }) }));
  return { ...checked(r), files, pages: files.reduce((n, f) => n + (f.pages ?? 0), 0) };
}

