/**
 * Runs a form's zod schema over a parsed case and turns every issue into a bilingual problem
 * with file, line, column and field path, suggesting the closest known name for a typo.
 */
import type { z } from 'zod';
import { pathKey, type ParsedCase, type Position } from './parse.js';
import { BILINGUAL_SEPARATOR, suggest } from './fields.js';
import { normalise } from './normalise.js';
import { zodDef } from '../base/patches.js';
import { dedupeProblems, type Bilingual, type FieldPath, type Problem } from '../base/problem.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

/**
 * Normalises the case's typed values (normalise.ts), then checks it. `notes` are the warnings about
 * how it was read (a value cut short by ` #`, yen written with a point), kept whether or not it passes.
 */
export function validate<S extends z.ZodType>(schema: S, parsed: ParsedCase):
  { ok: true; value: z.output<S>; notes: Problem[] } | { ok: false; problems: Problem[]; notes: Problem[] } {
  const read = normalise(schema, parsed.data, (path) => parsed.sources.get(pathKey(path)));
  const placed = read.problems.map((p) => locate(p, parsed));
  const notes = [...parsed.notes, ...placed.filter((p) => p.severity === 'warning')];
  const misread = placed.filter((p) => p.severity === 'error');
  const result = schema.safeParse(read.data, { reportInput: true });
  if (result.success && misread.length === 0) return { ok: true, value: result.data, notes };
  // A value normalising found wrong is reported once, in its words, not again by the schema.
  const said = new Set(misread.map((p) => pathKey(p.path)));
  const issues = result.success ? [] : result.error.issues.filter((issue) => !said.has(pathKey(issue.path as FieldPath)));
  const problems = issues.map((issue) => toProblem(issue as Issue, schema, { ...parsed, data: read.data }));
  const typos = typoGuesses(problems);
  return { ok: false, problems: dedupeProblems([...misread, ...problems.filter((p) => !isEchoOfTypo(p, typos))]), notes };
}

/** A schema message's Japanese, English and fix (fields.ts `say`), or undefined for one zod worded. */
export function splitMessage(message: string): (Bilingual & { hint?: Bilingual }) | undefined {
  if (!message.includes(BILINGUAL_SEPARATOR)) return undefined;
  const [ja, en, hintJa, hintEn] = message.split(BILINGUAL_SEPARATOR);
  return hintJa === undefined ? { ja, en } : { ja, en, hint: { ja: hintJa, en: hintEn } };
}

/** `parent|guess` for each misspelt (or full-width) field that suggests a name (one pass, so 20,000 problems stay linear). */
function typoGuesses(problems: Problem[]): Set<string> {
  const out = new Set<string>();
  for (const q of problems) {
    const m = /^Did you mean "(.+)"\?$|\(全角\): write "(.+)"\.$/.exec(q.hint?.en ?? '');
    const guess = m?.[1] ?? m?.[2];
    if (guess) out.add(`${pathKey(q.path.slice(0, -1))}|${guess}`);
  }
  return out;
}

/**
 * "published_on is missing" beside "no field publised_on (did you mean published_on?)" is one
 * mistake, not two: the misspelling, which says how to fix it, is kept.
 */
function isEchoOfTypo(p: Problem, typos: Set<string>): boolean {
  const missing = /^The required field "(.+)" is missing\.$/.exec(p.en)?.[1];
  return missing !== undefined && typos.has(`${pathKey(p.path.slice(0, -1))}|${missing}`);
}

/** Attaches file, line and column to a problem found after validation (by rules). */
export function locate(problem: Problem, parsed: ParsedCase): Problem {
  const pos = positionOf(problem.path, parsed);
  return { ...problem, file: parsed.file, line: pos?.line, column: pos?.column };
}

/** The position of a path, or of its nearest ancestor that exists in the file. */
export function positionOf(path: FieldPath, parsed: ParsedCase, preferKey = false): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const k = pathKey(path.slice(0, n));
    const pos = (preferKey || n < path.length ? parsed.keys.get(k) : undefined) ?? parsed.values.get(k) ?? parsed.keys.get(k);
    if (pos) return pos;
  }
  return undefined;
}

function toProblem(issue: Issue, schema: z.ZodType, parsed: ParsedCase): Problem {
  const { path, preferKey, ...words } = wordIssue(issue, schema, parsed.data);
  return { severity: 'error', file: parsed.file, path, ...positionOf(path, parsed, preferKey), ...words };
}

/** An issue's words and the path they concern (a misspelt key: the key itself), whichever file the values came from. */
export type WordedIssue = Bilingual & { hint?: Bilingual; path: FieldPath; preferKey?: boolean };

/** What zod found, said in Japanese and English with the fix: for a case file (toProblem) or a spreadsheet row. */
export function wordIssue(zodIssue: z.core.$ZodIssue, schema: z.ZodType, data: unknown): WordedIssue {
  const issue = zodIssue as Issue;
  const path = issue.path as FieldPath;
  const at = (p: FieldPath, preferKey = false) => ({ path: p, preferKey });
  const field = path[path.length - 1];

  const worded = splitMessage(issue.message);
  if (worded) return { ...at(path), ...worded };

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path, data);
      const key = issue.keys[0];
      // ｔｉｔｌｅ is title typed in full width: say so, that is the fix.
      const wide = key.normalize('NFKC') !== key && known.includes(key.normalize('NFKC')) ? key.normalize('NFKC') : undefined;
      const guess = wide ?? suggest(key, known);
      return {
        ...at([...path, key], true),
        ja: `「${key}」という項目はありません。`,
        en: `There is no field "${key}".`,
        hint: wide
          ? { ja: `項目名に全角の文字が使われています。半角で「${wide}」と書いてください。`, en: `The name is typed in full-width characters (全角): write "${wide}".` }
          : guess
            ? { ja: `「${guess}」の書き間違いではありませんか。`, en: `Did you mean "${guess}"?` }
            : { ja: `ここで使える項目: ${known.join(', ')}`, en: `Fields allowed here: ${known.join(', ')}` },
      };
    }
    case 'invalid_type': {
      if (issue.input === undefined)
        return { ...at(path), ja: `必須の項目「${String(field)}」がありません。`, en: `The required field "${String(field)}" is missing.`,
          hint: { ja: `${String(field)}: を書き足してください。`, en: `Add ${String(field)}:.` } };
      const [ja, en] = TYPE_NAMES[issue.expected] ?? [issue.expected, issue.expected];
      // YAML reads 0352534111 or 2018 as a number: a leading zero is already lost, so say to quote it.
      const quote = issue.expected === 'string' && typeof issue.input !== 'object'
        ? { ja: '数字だけの値や true/false は、引用符で囲むと文字列になります（例: "03-5253-4111"）。', en: 'Put digits-only values or true/false in quotes to keep them as text (e.g. "03-5253-4111").' }
        : undefined;
      return { ...at(path), ja: `${ja}を書いてください（今は ${show(issue.input)}）。`, en: `Expected ${en}, found ${show(issue.input)}.`, hint: quote };
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof issue.input === 'string' ? suggest(issue.input, options) : undefined;
      return {
        ...at(path),
        ja: `「${show(issue.input)}」は使えません。次のいずれかを書いてください: ${options.join(', ')}`,
        en: `"${show(issue.input)}" is not allowed here. Use one of: ${options.join(', ')}`,
        hint: guess ? { ja: `「${guess}」ではありませんか。`, en: `Did you mean "${guess}"?` } : undefined,
      };
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (discriminator) {
        // zod reports the path of the discriminator itself; the union is its parent.
        const unionPath = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
        const options = unionDiscriminators(schema, unionPath, data, discriminator);
        const input = (valueAt(data, unionPath) as Record<string, unknown> | undefined)?.[discriminator];
        const guess = typeof input === 'string' ? suggest(input, options) : undefined;
        return {
          ...at([...unionPath, discriminator]),
          ja: `${discriminator} は次のいずれかです: ${options.join(', ')}（今は ${show(input)}）`,
          en: `${discriminator} must be one of: ${options.join(', ')} (found ${show(input)}).`,
          hint: guess ? { ja: `「${guess}」ではありませんか。`, en: `Did you mean "${guess}"?` } : undefined,
        };
      }
      return { ...at(path), ja: `数か文字列を書いてください（今は ${show(issue.input)}）。`, en: `Expected a number or text, found ${show(issue.input)}.` };
    }
    case 'too_small':
      if (issue.origin === 'array')
        return { ...at(path), ja: `少なくとも${issue.minimum}件書いてください。`, en: `List at least ${issue.minimum}.` };
      return { ...at(path), ja: '空にできません。', en: 'This cannot be empty.' };
    default:
      return { ...at(path), ja: `値が正しくありません（${issue.message}）。`, en: `Invalid value: ${issue.message}` };
  }
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文字列', 'text'],
  number: ['数', 'a number'],
  boolean: ['true か false（はい・いいえ でも可）', 'true or false (or はい, いいえ)'],
  object: ['項目の集まり（key: value の形）', 'a mapping of fields'],
  array: ['一覧（- で始まる行）', 'a list (lines starting with -)'],
  literal: ['決まった値', 'a fixed value'],
};

function show(v: unknown): string {
  if (v === undefined) return '（なし / nothing）';
  if (v === null) return '空 / empty';
  if (typeof v === 'object') return Array.isArray(v) ? '一覧 / a list' : '項目の集まり / a mapping';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k as string] : undefined), data);
}

const defOf = zodDef;

/** Unwraps optional/default/pipe wrappers and picks the union member matching the data. */
function unwrap(schema: z.ZodType, data: unknown): z.ZodType {
  for (;;) {
    const def = defOf(schema);
    if (def.innerType) schema = def.innerType;
    else if (def.type === 'pipe' && def.in) schema = def.in;
    else if (def.type === 'union' && def.options) {
      const objects = def.options.filter((o) => defOf(o).type === 'object');
      const disc = def.discriminator;
      const tag = disc && data && typeof data === 'object' ? (data as Record<string, unknown>)[disc] : undefined;
      const match = objects.find((o) => disc && literalValue(defOf(o).shape?.[disc]) === tag);
      if (!match) return schema;
      schema = match;
    } else return schema;
  }
}

function literalValue(s: z.ZodType | undefined): unknown {
  return s ? zodDef(s).values?.[0] : undefined;
}

function schemaAt(schema: z.ZodType, path: FieldPath, data: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(schema, data);
  let d = data;
  for (const k of path) {
    if (!s) return undefined;
    const def = defOf(s);
    d = d && typeof d === 'object' ? (d as Record<string, unknown>)[k as string] : undefined;
    const next: z.ZodType | undefined = def.type === 'object' ? def.shape?.[k as string] : def.type === 'array' ? def.element : undefined;
    s = next ? unwrap(next, d) : undefined;
  }
  return s;
}

function knownKeysAt(schema: z.ZodType, path: FieldPath, data: unknown): string[] {
  const s = schemaAt(schema, path, data);
  return s && defOf(s).type === 'object' ? Object.keys(defOf(s).shape ?? {}) : [];
}

function unionDiscriminators(schema: z.ZodType, path: FieldPath, data: unknown, disc: string): string[] {
  let s: z.ZodType | undefined = schemaAt(schema, path, data);
  while (s && defOf(s).type !== 'union' && (defOf(s).innerType || defOf(s).in)) s = defOf(s).innerType ?? defOf(s).in;
  const options = s ? defOf(s).options ?? [] : [];
  return options.map((o) => String(literalValue(defOf(o).shape?.[disc]))).filter((x) => x !== 'undefined');
}
