/**
 * The pipeline, one case at a time: parse → validate → derive → compose → render → write.
 * Each stage returns problems rather than throwing; an exception here is a bug in yoshiki.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { readCaseFile } from './case/parse.js';
import { error, type FieldPath, type Problem } from './case/problem.js';
import { locate, validate } from './case/validate.js';
import { FORMS } from './forms/registry.js';
import type { FormContext } from './forms/types.js';
import type { DocumentModel } from './model/document.js';
import { renderDocx } from './render/docx.js';
import { missingCharacters } from './render/fonts.js';
import { renderPdf } from './render/pdf.js';
import { todayIso } from './text/format.js';
import { writeFilesAtomically } from './write.js';

// Text outputs (notices, e-mails) arrive with the forms that have them.
export const FORMATS = ['pdf', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

export interface CaseResult {
  file: string;
  /** The case's name: its file name without extension, and the folder its documents go to. */
  name: string;
  form: string | null;
  ok: boolean;
  problems: Problem[];
  facts: Record<string, unknown>;
  documents: DocumentModel[];
}

export function checkCase(file: string, today = todayIso()): CaseResult {
  const name = basename(file, extname(file));
  const result: CaseResult = { file, name, form: null, ok: false, problems: [], facts: {}, documents: [] };
  const read = readCaseFile(file);
  if (!read.ok) return { ...result, problems: read.problems };
  const parsed = read.parsed;
  const data = parsed.data as Record<string, unknown>;

  const formId = data.form;
  const plugin = typeof formId === 'string' ? FORMS[formId] : undefined;
  if (!plugin) return { ...result, problems: [locate(unknownForm(formId), parsed)] };
  result.form = plugin.id;

  const valid = validate(plugin.schema, parsed);
  if (!valid.ok) return { ...result, problems: valid.problems };

  const glyphs = undrawableCharacters(parsed.data, []).map((p) => locate(p, parsed));
  const ctx: FormContext = { caseFile: file, caseDir: dirname(resolve(file)), today };
  const derivation = plugin.derive(valid.value, ctx);
  const problems = [...glyphs, ...derivation.problems.map((p) => locate(p, parsed))];
  const ok = !problems.some((p) => p.severity === 'error');
  return {
    ...result,
    ok,
    problems,
    facts: derivation.facts,
    documents: ok ? plugin.compose(valid.value, derivation.derived, ctx) : [],
  };
}

/** Renders every document of a checked case and writes them all, or nothing. */
export async function renderCase(checked: CaseResult, outDir: string, formats: Format[]): Promise<string[]> {
  if (!checked.ok) return [];
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const doc of checked.documents) {
    if (formats.includes('pdf')) files.push({ path: `${doc.name}.pdf`, bytes: await renderPdf(doc) });
    if (formats.includes('docx')) files.push({ path: `${doc.name}.docx`, bytes: await renderDocx(doc) });
  }
  return writeFilesAtomically(resolve(outDir, checked.name), files);
}

function unknownForm(formId: unknown): Problem {
  const known = Object.keys(FORMS);
  if (formId === undefined)
    return error(['form'], '「form:」がありません。どの書類を作るかを書いてください。', 'The case has no "form:". Say which paperwork to make.',
      { ja: `使える form: ${known.join(', ')}`, en: `Known forms: ${known.join(', ')}` });
  const guess = typeof formId === 'string' ? closest(formId, known) : known[0];
  return error(['form'], `「${String(formId)}」という form はありません。`, `There is no form "${String(formId)}".`,
    { ja: `使える form: ${known.join(', ')}（「${guess}」ではありませんか）`, en: `Known forms: ${known.join(', ')} (did you mean "${guess}"?)` });
}

/** Every string the user wrote must be drawable: a character the font lacks is an error, not a blank box. */
function undrawableCharacters(value: unknown, path: FieldPath): Problem[] {
  if (typeof value === 'string') {
    const missing = missingCharacters(value);
    if (missing.length === 0) return [];
    const list = missing.map((ch) => `「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
    return [error(path, `埋め込みフォント（IPAex明朝）にない文字があります: ${list}`,
      `The embedded font (IPAex Mincho) cannot draw: ${list}`,
      { ja: '別の字体（常用の字形など）に置き換えてください。', en: 'Replace it with a character the font has (a common form of the kanji, for instance).' })];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => undrawableCharacters(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => undrawableCharacters(v, [...path, k]));
  return [];
}

