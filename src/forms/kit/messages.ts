/**
 * A form's message catalogue, templates/<form>/messages.yaml: every problem the form can report,
 * Japanese and English side by side with the fix, so the wording is edited beside the paper's
 * other words and not in code.
 *
 *   deposit-copies-none:
 *     ja: 納入部数は1部以上です（今は{count}部）。
 *     en: At least one copy must be deposited ({count} given).
 *     fix: { ja: …, en: … }          # optional
 *     ja_only: [type]                  # optional: placeholders the English leaves out
 *
 * `{name}` (letters, digits and _, no spaces) is a placeholder. A catalogue is read and checked once
 * per process; a key it lacks, a placeholder not given or a value given for none is a bug in
 * yoshiki, thrown at once with the file and key, never shown to a user as a blank message.
 */
import { existsSync } from 'node:fs';
import { error, warning, type Bilingual, type FieldPath, type Finding, type Problem } from '../../base/problem.js';
import { eraDate } from '../../base/format.js';
import { say } from '../../input/fields.js';
import { TEMPLATES_ROOT, yamlOf } from './templates.js';

/** A value for a placeholder: the same in both languages, or one for each (a date in each calendar). */
export type Param = string | number | Bilingual;
export type Params = Record<string, Param>;

/** A date as most messages write it: in the Japanese calendar in Japanese, ISO in English. */
export const eraOrIso = (iso: string): Bilingual => ({ ja: eraDate(iso), en: iso });

/** A message worded: its two languages and, when the catalogue gives one, the fix. */
export type Worded = Bilingual & { hint?: Bilingual };

export interface Messages {
  error(key: string, path: FieldPath, params?: Params): Problem;
  warning(key: string, path: FieldPath, params?: Params): Problem;
  /** A rule's finding worded by its code; `params` replace the finding's own (e.g. dates formatted). */
  finding(f: Finding<string, unknown>, params?: Params): Problem;
  /** The words alone: for a problem placed elsewhere (a CSV cell), or a phrase given as a parameter. */
  text(key: string, params?: Params): Worded;
  /** A zod refinement's message (zod issues carry no fix, so the entry must have none). */
  say(key: string, params?: Params): { message: string };
  /** The catalogue's keys (reading and checking it). */
  keys(): string[];
  /** The catalogue's codes, `<catalogue>.<key>`: what a case may list under `acknowledged`. */
  codes(): string[];
}

interface Entry {
  ja: string;
  en: string;
  fix?: Bilingual;
  ja_only?: string[];
  en_only?: string[];
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
const placeholders = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
const ENTRY_FIELDS = new Set(['ja', 'en', 'fix', 'ja_only', 'en_only']);

const catalogues = new Map<string, Map<string, Entry>>();

/** `root`: the templates folder (tests give one of their own). */
export function messages(form: string, root = TEMPLATES_ROOT): Messages {
  const file = `templates/${form}/messages.yaml`;
  const entry = (key: string): Entry => {
    const found = catalogue(form, root, file).get(key);
    if (!found) throw new Error(`${file} has no message "${key}"`);
    return found;
  };
  const word = (key: string, params: Params = {}): Worded => fill(entry(key), params, `${file}: "${key}"`);
  const problem = (severity: Problem['severity'], key: string, path: FieldPath, params?: Params): Problem => {
    const { ja, en, hint } = word(key, params);
    return severity === 'error' ? { ...error(path, ja, en, hint), code: codeOf(form, key) } : warning(codeOf(form, key), path, ja, en, hint);
  };
  return {
    error: (key, path, params) => problem('error', key, path, params),
    warning: (key, path, params) => problem('warning', key, path, params),
    finding: (f, params) => problem(f.severity, f.code, f.path, params ?? (f.params as Params)),
    text: word,
    say(key, params) {
      if (entry(key).fix) throw new Error(`${file}: "${key}" has a fix, which a schema message cannot show`);
      const { ja, en } = word(key, params);
      return say(ja, en);
    },
    keys: () => [...catalogue(form, root, file).keys()],
    codes: () => [...catalogue(form, root, file).keys()].map((key) => codeOf(form, key)),
  };
}

/**
 * A problem's stable code: its catalogue and key, `ruling.diligence-bodies-not-asked`. A key is
 * unique in its catalogue and a catalogue's name in templates/, so a code names one message; a
 * message shared by several forms (templates/copyright, templates/ill) keeps one code in all of them.
 */
/**
 * A warning's stable code: its catalogue and key, the key's own repeat of the catalogue left out
 * (copyright-attachment-… in the copyright catalogue → copyright.attachment-…).
 */
export const codeOf = (catalogue: string, key: string) => `${catalogue}.${key.startsWith(`${catalogue}-`) ? key.slice(catalogue.length + 1) : key}`;

/**
 * The catalogues every form words from besides its own: writing a paper onto the agency's own form
 * is the engine's, for any form (src/pipeline/official.ts).
 */
export const ENGINE_CATALOGUES = ['official-form'];

/** The codes a case of a form may acknowledge: those of the catalogues it words its problems from, and the engine's. */
export function formCodes(form: { id: string; catalogues?: string[] }, root = TEMPLATES_ROOT): string[] {
  const names = form.catalogues ?? (existsSync(new URL(`${form.id}/messages.yaml`, root)) ? [form.id] : []);
  const engine = ENGINE_CATALOGUES.filter((name) => existsSync(new URL(`${name}/messages.yaml`, root)));
  return [...names, ...engine].flatMap((name) => messages(name, root).codes());
}

function catalogue(form: string, root: URL, file: string): Map<string, Entry> {
  const id = new URL(`${form}/messages.yaml`, root).href;
  let entries = catalogues.get(id);
  if (!entries) {
    const data: unknown = yamlOf(new URL(id));
    if (!isRecord(data)) throw new Error(`${file} is not a mapping of message keys`);
    entries = new Map(Object.entries(data).map(([key, value]) => [key, checkedEntry(value, `${file}: "${key}"`)]));
    catalogues.set(id, entries);
  }
  return entries;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
const isBilingual = (x: unknown): x is Bilingual => isRecord(x) && isText(x.ja) && isText(x.en);

/**
 * An entry has both languages (and its fix both), and says the same things in each: a placeholder
 * on one side only is a slip unless the entry lists it under ja_only / en_only.
 */
function checkedEntry(value: unknown, where: string): Entry {
  if (!isBilingual(value)) throw new Error(`${where} needs ja and en`);
  const unknown = Object.keys(value).filter((k) => !ENTRY_FIELDS.has(k));
  if (unknown.length) throw new Error(`${where} has unknown fields: ${unknown.join(', ')}`);
  const e = value as Entry;
  if (e.fix !== undefined && !isBilingual(e.fix)) throw new Error(`${where}: the fix needs ja and en`);
  const pairs = [[e.ja, e.en], ...(e.fix ? [[e.fix.ja, e.fix.en]] : [])];
  const oneSided = (side: 0 | 1) =>
    new Set(pairs.flatMap((pair) => [...placeholders(pair[side])].filter((p) => !placeholders(pair[1 - side]).has(p))));
  checkOneSided(oneSided(0), e.ja_only, 'ja', where);
  checkOneSided(oneSided(1), e.en_only, 'en', where);
  return e;
}

function checkOneSided(found: Set<string>, declared: unknown, lang: string, where: string) {
  if (declared !== undefined && !(Array.isArray(declared) && declared.every(isText)))
    throw new Error(`${where}: ${lang}_only is a list of placeholder names`);
  const listed = new Set(declared as string[] | undefined);
  const undeclared = [...found].filter((p) => !listed.has(p));
  if (undeclared.length) throw new Error(`${where}: {${undeclared.join('}, {')}} only in ${lang} (list it under ${lang}_only if meant)`);
  const stale = [...listed].filter((p) => !found.has(p));
  if (stale.length) throw new Error(`${where}: ${lang}_only names {${stale.join('}, {')}}, which is not only in ${lang}`);
}

/** Fills an entry's placeholders; every one must be given, and every value given must be used. */
function fill(e: Entry, params: Params, where: string): Worded {
  const texts = [e.ja, e.en, e.fix?.ja ?? '', e.fix?.en ?? ''];
  const wanted = new Set(texts.flatMap((t) => [...placeholders(t)]));
  const missing = [...wanted].filter((p) => !Object.hasOwn(params, p));
  if (missing.length) throw new Error(`${where} needs {${missing.join('}, {')}}`);
  const unused = Object.keys(params).filter((p) => !wanted.has(p));
  if (unused.length) throw new Error(`${where} has no placeholder for ${unused.join(', ')}`);
  const sub = (text: string, lang: 'ja' | 'en') => text.replace(PLACEHOLDER, (_, name: string) => value(params[name], lang, where, name));
  const worded: Worded = { ja: sub(e.ja, 'ja'), en: sub(e.en, 'en') };
  if (e.fix) worded.hint = { ja: sub(e.fix.ja, 'ja'), en: sub(e.fix.en, 'en') };
  return worded;
}

function value(v: Param, lang: 'ja' | 'en', where: string, name: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null && typeof v[lang] === 'string') return v[lang];
  throw new Error(`${where}: {${name}} is given as ${JSON.stringify(v)}, not text, a number or { ja, en }`);
}
