/**
 * Nothing accepted and dropped (issue 15 §5): every field a case of any form may hold either
 * reaches a document or is refused with a message at the field. The test walks each form's zod
 * schema to its leaves and, for each leaf, puts a value into a case that checks (one of the form's
 * fixtures in fixtures/, the leaf's missing parents made up from the schema), checks and composes
 * it, and looks for the value in the words of every output: each paper's text (what the txt
 * exporter writes, a table's cells included, so the csv too) and each filled sheet's cells.
 *
 * - text: a marker string (QZX001Q…) must appear in some output;
 * - numbers and rates: a marker number (4,321 · 37/1000) must appear, or another value must change the output;
 * - dates, choices and yes/no: some other valid value must change the output (a date prints in the
 *   era or in English, a choice prints its words or changes what is printed);
 * - or the case is refused with an error (or a warning) at the field itself;
 * - or the field is in STEERING below, with the reason it reaches no paper.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { loadForms } from '../../src/forms/registry.js';
import { renderText } from '../../src/export/txt.js';
import { isPaper, type Output } from '../../src/model/document.js';
import { checkCase, type CaseResult } from '../../src/pipeline/pipeline.js';
import { FIXTURES, tempDir } from '../helpers.js';

const FORMS = await loadForms();

/**
 * Fields that only steer what yoshiki works out or which papers it makes, each with why no
 * paper can show the value itself. Paths: keys joined by '.', '[]' for an array's entries,
 * '{formula=fixed}' for one choice of a union.
 */
const STEERING: Record<string, Record<string, string>> = {
  '*': {
    form: 'chooses the form itself',
    'fonts[]': 'a font file: it only draws characters IPAex Mincho lacks, never words of its own',
    'acknowledged[]': 'a warning code: it settles that warning in check\'s report (test/unit/acknowledged.test.ts), never words of a paper',
    official_forms: 'names the agency\'s own PDF (and field map) a paper is written onto: the paper\'s values are printed there, the file names never (test/unit/official-form.test.ts, test/clients/official-form.test.ts)',
  },
  ruling: {
    'uses[].compensation{*}.formula': 'chooses the formula: its terms and line are printed, the key itself is not',
    'due_diligence.public_notice.medium': 'chooses the CRIC or the newspaper wording; each medium\'s own fields are tested where a fixture has that medium (the other medium\'s are refused)',
    'works_file': 'names the works CSV: its rows are the works printed (fixtures/ruling-bulk.yaml, test/unit/submission.test.ts)',
    'works[].attachments[]': 'names a picture or PDF: its pages are bound into the 別添資料, under a title made from its kind',
    'works[].attachments[].file': 'names the 別添\'s file: its picture or pages are printed, not its name',
    'attachments[].file': 'names the 別添\'s file: its picture or pages are printed, not its name',
    'due_diligence.management_bodies[].reply_file': 'names the reply\'s file: it becomes a numbered 別添 that item 6 cites',
    'due_diligence.expert_bodies[].reply_file': 'names the reply\'s file: it becomes a numbered 別添 that item 6 cites',
    'due_diligence.agency_inquiry.reply_file': 'names the reply\'s file: it becomes a numbered 別添 that item 6 cites',
    'due_diligence.public_notice.copy_file': 'names the notice\'s copy: it becomes a numbered 別添',
  },
  'unmanaged-ruling': {
    'uses[].compensation{*}.formula': 'chooses the formula: its terms and line are printed, the key itself is not',
    'works_file': 'names the works CSV: its rows are the works printed (as for ruling)',
    'works[].attachments[]': 'names a picture or PDF: its pages are bound into the 別添資料, under a title made from its kind',
    'works[].attachments[].file': 'names the 別添\'s file: its picture or pages are printed, not its name',
    'attachments[].file': 'names the 別添\'s file: its picture or pages are printed, not its name',
    in_application_use: 'refused whatever its value, saying why (法67条の2 is 67条\'s alone; test/unit/unmanaged-ruling.test.ts)',
  },
  deposit: {
    'publication.blank_form': 'says the publication has no deposit duty (seed 001): the no-duty warning and the refused compensation show it; the form has no box for it',
    'publication.same_content_reprint': 'says the publication has no deposit duty (seed 001): the no-duty warning and the refused compensation show it; the form has no box for it',
    'publication.restricted': 'says the publication has no deposit duty (seed 001): the no-duty warning and the refused compensation show it; the form has no box for it',
  },
  'deferred-payment': {
    recipient: 'names a lending library of src/law/data/deferred-payment.ts, whose director and address are printed (one is known today, so no other name to compare)',
  },
  'ill-registration': {
    'enclosures.reading_room_photo': 'names the photograph: the picture is printed on the enclosure page, not its name',
  },
  'ill-request': {
    'items[].language': 'says which year limit applies to a Japanese or a foreign book (1996 or 1948): only the warning of an old item shows it',
  },
  'ill-receipt': {},
  'transmission-exclusion': {
    'candidate_list.file': 'names the NDL\'s list: the filled copy is written from it',
    'candidate_list.sheet': 'picks the worksheet of the NDL\'s list to fill (a name the list lacks is refused)',
    'candidate_list.columns.identifier': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
    'candidate_list.columns.criterion': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
    'candidate_list.columns.evidence': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
    'candidate_list.columns.requester': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
    'candidate_list.columns.contact': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
    'candidate_list.columns.date': 'names a heading of the NDL\'s list, to find its column (a name the list lacks is refused)',
  },
};

/** Fields whose marker must have a shape of its own, with the words to find. */
const MARKERS: Record<string, Record<string, { value: unknown; find: string[] }>> = {
  'transmission-exclusion': { 'items[].pid': { value: 'info:ndljp/pid/9876543', find: ['9876543'] } },
  'deferred-payment': { fiscal_year: { value: 2028, find: ['令和10年度'] } },
};

/** A file a made-up entry names (an attachment's file): one beside the fixtures. */
const FILE_KEYS = new Set(['file', 'copy_file', 'reply_file', 'reading_room_photo']);

// ——— walking a zod 4 schema ———

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

interface Leaf {
  /** The leaf's path in the case, as STEERING names it. */
  name: string;
  /** Keys and array marks ('[]') and union choices ({ key, value }) from the root. */
  steps: Step[];
  schema: z.ZodType;
}
type Step = string | '[]' | { key: string; value: string };

/** Strips optional, default, describe …: the schema a value is checked against. */
function core(s: z.ZodType): z.ZodType {
  let d = defOf(s);
  while (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault' || d.type === 'readonly') {
    s = d.innerType as z.ZodType;
    d = defOf(s);
  }
  return s;
}

function leaves(s: z.ZodType, steps: Step[] = []): Leaf[] {
  const c = core(s);
  const d = defOf(c);
  const name = steps.map((x) => (typeof x === 'string' ? (x === '[]' ? '[]' : `.${x}`) : `{${x.key}=${x.value}}`)).join('').replace(/^\./, '');
  if (d.type === 'object') return Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leaves(v, [...steps, k]));
  if (d.type === 'array') return leaves(d.element as z.ZodType, [...steps, '[]']);
  if (d.type === 'union' && d.discriminator) {
    const key = d.discriminator as string;
    return (d.options as z.ZodType[]).flatMap((o) => {
      const value = String((defOf(core((defOf(o).shape as Record<string, z.ZodType>)[key])).values as unknown[])[0]);
      return leaves(o, [...steps, { key, value }]);
    });
  }
  if (d.type === 'union') {
    // A union of a choice and an object (a known library or one written out): walk the object too.
    const objects = (d.options as z.ZodType[]).filter((o) => defOf(core(o)).type === 'object');
    return [{ name, steps, schema: c }, ...objects.flatMap((o) => leaves(o, steps))];
  }
  return [{ name, steps, schema: c }];
}

/** The least value a schema accepts, to make up a parent a fixture lacks. */
function minimal(s: z.ZodType, counter: () => string, key = ''): unknown {
  if (FILE_KEYS.has(key)) return 'reading-room.png';
  const c = core(s);
  const d = defOf(c);
  switch (d.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        const vd = defOf(v).type;
        if (vd !== 'optional' && vd !== 'default') o[k] = minimal(v, counter, k);
      }
      return o;
    }
    case 'array': return [minimal(d.element as z.ZodType, counter)];
    case 'union': return minimal((d.options as z.ZodType[])[0], counter);
    case 'enum': return Object.values(d.entries as Record<string, string>)[0];
    case 'literal': return (d.values as unknown[])[0];
    case 'boolean': return false;
    case 'pipe': return minimal(d.in as z.ZodType, counter);
    case 'number': return 1;
    case 'string': return c.safeParse('x').success ? counter() : '2000-01-01';
    default: return counter();
  }
}

// ——— cases ———

interface Fixture { name: string; form: string; data: Record<string, unknown> }
const dir = tempDir('dropped-');
cpSync(FIXTURES, dir, { recursive: true });
const fixtures: Fixture[] = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort().map((f) => {
  const data = parse(readFileSync(join(FIXTURES, f), 'utf8')) as Record<string, unknown>;
  return { name: f.replace(/\.yaml$/, ''), form: data.form as string, data };
});

const TODAY = '2026-11-21';
let serial = 0;

async function check(data: unknown, name: string): Promise<CaseResult> {
  const file = join(dir, `${name}--${++serial}.yaml`);
  writeFileSync(file, stringify(data, { lineWidth: 0 }));
  return checkCase(file, TODAY);
}

/** Every word the case's outputs hold, without white space (a wrapped cell reads whole). */
function words(outputs: Output[]): string {
  const parts: string[] = [];
  for (const o of outputs) {
    if (isPaper(o)) parts.push(new TextDecoder().decode(renderText(o)));
    else if (o.kind === 'filledSheet') parts.push(...o.edits.map((e) => e.value));
  }
  return parts.join('\n').replace(/\s+/g, '');
}

/** The object choice of a union of a name and an object (a known library or one written out). */
function objectChoice(s: z.ZodType): z.ZodType {
  const d = defOf(core(s));
  return d.type === 'union' && !d.discriminator ? (d.options as z.ZodType[]).find((o) => defOf(core(o)).type === 'object') ?? s : s;
}

/** Follows steps into the data, making up what is missing; returns the object and key to set. */
function place(data: Record<string, unknown>, leaf: Leaf, root: z.ZodType, counter: () => string): { parent: Record<string, unknown>; key: string } | null {
  let here: unknown = data;
  let schema = root;
  const steps = leaf.steps;
  // A leaf that is an array's entry (fonts[], postal_address[]) is set as the whole array.
  const last = steps.at(-1) === '[]' ? steps.length - 2 : steps.length - 1;
  for (let i = 0; i <= last; i++) {
    const step = steps[i];
    const d = defOf(core(schema));
    if (step === '[]') {
      const arr = here as unknown[];
      if (!Array.isArray(arr) || !arr.length) return null;
      schema = d.element as z.ZodType;
      if (typeof steps[i + 1] === 'string' && steps[i + 1] !== '[]' && (typeof arr[0] !== 'object' || arr[0] === null)) arr[0] = minimal(objectChoice(schema), counter);
      here = arr[0];
      continue;
    }
    if (typeof step === 'object') {
      const option = (d.options as z.ZodType[]).find((o) =>
        (defOf(core((defOf(o).shape as Record<string, z.ZodType>)[step.key])).values as unknown[])[0] === step.value)!;
      const obj = here as Record<string, unknown>;
      if (obj[step.key] !== step.value) {
        const fresh = minimal(option, counter) as Record<string, unknown>;
        for (const k of Object.keys(obj)) delete obj[k];
        Object.assign(obj, fresh);
      }
      schema = option;
      continue;
    }
    let objSchema = core(schema);
    if (defOf(objSchema).type === 'union') objSchema = core((defOf(objSchema).options as z.ZodType[]).find((o) => defOf(core(o)).type === 'object')!);
    const shape = defOf(objSchema).shape as Record<string, z.ZodType>;
    const obj = here as Record<string, unknown>;
    if (typeof obj !== 'object' || obj === null) return null;
    if (i === last) return { parent: obj, key: step };
    if (obj[step] === undefined || typeof obj[step] !== 'object' || obj[step] === null)
      obj[step] = minimal(typeof steps[i + 1] === 'string' && steps[i + 1] !== '[]' ? objectChoice(shape[step]) : shape[step], counter);
    here = obj[step];
    schema = shape[step];
  }
  return null;
}

type How = 'printed' | 'visible' | 'refused' | 'steering' | 'dropped' | 'invalid' | 'unplaceable';
interface Verdict { field: string; how: How; note?: string }

/** A problem at the field itself, or at the object that holds it (a rule over its fields). */
const atField = (p: { path: (string | number)[] }, concrete: (string | number)[]) =>
  p.path.length >= concrete.length - 1 && p.path.slice(0, concrete.length).every((k, i) => String(concrete[i]) === String(k));

/** The leaf's path in a case as made here (each array's first entry), as a problem names it. */
const concreteOf = (leaf: Leaf) => leaf.steps.flatMap((s): (string | number)[] => (s === '[]' ? [0] : typeof s === 'string' ? [s] : []));

const baselines = new Map<string, Promise<string | null>>();
const baselineOf = (f: Fixture) => {
  let b = baselines.get(f.name);
  if (!b) baselines.set(f.name, (b = check(structuredClone(f.data), f.name).then((c) => (c.ok ? words(c.documents) : null))));
  return b;
};

/**
 * Most text fields are printed, and checking them one at a time was most of this file's time (a
 * check per field per fixture). So each fixture first gets every text marker at once, in one case:
 * a marker found in its papers settles that field for that fixture. A set that does not check is
 * halved until the parts do (a marker refused alone, or two fields that exclude each other); a
 * field not settled so is judged alone as before, so nothing is judged on less than it was.
 */
const printedTogether = new Map<string, Promise<Set<string>>>();

const isTextMarker = (form: string, leaf: Leaf) => !MARKERS[form]?.[leaf.name] && !STEERING['*'][leaf.name] && !STEERING[form]?.[leaf.name]
  && valuesFor(leaf, undefined, () => 'QZX0000Q').length === 1 && valuesFor(leaf, undefined, () => 'QZX0000Q')[0].find?.[0] === 'QZX0000Q';

function printedWithOthers(fixture: Fixture, root: z.ZodType, counter: () => string): Promise<Set<string>> {
  let found = printedTogether.get(fixture.name);
  if (!found) printedTogether.set(fixture.name, (found = markSet(fixture, leaves(root).filter((l) => isTextMarker(fixture.form, l)), root, counter)));
  return found;
}

async function markSet(fixture: Fixture, set: Leaf[], root: z.ZodType, counter: () => string): Promise<Set<string>> {
  const printed = new Set<string>();
  if (set.length === 0) return printed;
  const data = structuredClone(fixture.data);
  const markers = new Map<string, string>();
  for (const leaf of set) {
    const spot = place(data, leaf, root, counter);
    if (!spot) continue;
    const marker = counter();
    spot.parent[spot.key] = leaf.steps.at(-1) === '[]' ? [marker] : marker;
    inContext(data, leaf, spot.parent, root, counter);
    markers.set(leaf.name, marker);
  }
  const checked = await check(data, fixture.name);
  if (checked.ok) {
    const text = words(checked.documents);
    for (const [name, marker] of markers) if (text.includes(marker)) printed.add(name);
    return printed;
  }
  if (set.length === 1) return printed;
  // The markers refused at their own field (or the object holding it) leave the set, to be judged
  // alone, and the others are tried again together; when no marker is refused so, the set is halved.
  // (Halving alone took 235 failing checks of 377 here, most of them closing in on one field.)
  const errors = checked.problems.filter((p) => p.severity === 'error');
  const kept = set.filter((leaf) => !errors.some((p) => atField(p, concreteOf(leaf))));
  const half = Math.ceil(set.length / 2);
  const parts = kept.length === set.length ? [set.slice(0, half), set.slice(half)] : kept.length ? [kept] : [];
  for (const part of parts) for (const name of await markSet(fixture, part, root, counter)) printed.add(name);
  return printed;
}

/** What becomes of the leaf in one fixture: the first try that tells. */
async function judgeIn(fixture: Fixture, leaf: Leaf, root: z.ZodType, counter: () => string): Promise<{ how: How; note: string }> {
  if (isTextMarker(fixture.form, leaf) && (await printedWithOthers(fixture, root, counter)).has(leaf.name))
    return { how: 'printed', note: `${fixture.name}: printed with the other text markers` };
  const base = structuredClone(fixture.data);
  const spot = place(base, leaf, root, counter);
  if (!spot) return { how: 'unplaceable', note: fixture.name };
  const baseWords = await baselineOf(fixture);
  let verdict: { how: How; note: string } = { how: 'invalid', note: `${fixture.name}: no value to try` };
  const tries = MARKERS[fixture.form]?.[leaf.name] ? [MARKERS[fixture.form][leaf.name]] : valuesFor(leaf, spot.parent[spot.key], counter, String(fixture.data.date ?? TODAY));
  for (const t of tries) {
    const data = structuredClone(base);
    const again = place(data, leaf, root, counter)!;
    again.parent[again.key] = leaf.steps.at(-1) === '[]' ? [t.value] : t.value;
    inContext(data, leaf, again.parent, root, counter);
    let checked: CaseResult;
    try {
      checked = await check(data, fixture.name);
    } catch (e) {
      return { how: 'dropped', note: `${fixture.name}: ${JSON.stringify(t.value)} throws ${(e as Error).message}` };
    }
    const concrete = concreteOf(leaf);
    const note = `${fixture.name}: ${JSON.stringify(t.value)}`;
    if (!checked.ok) {
      const at = checked.problems.filter((p) => p.severity === 'error' && atField(p, concrete));
      // A marker refused is refused; a choice or date refused may still show with another value.
      if (at.length && typeof t.value === 'string' && t.find) return { how: 'refused', note: `${note}: ${at[0].en.slice(0, 100)}` };
      if (at.length) {
        verdict = { how: 'refused', note: `${note}: ${at[0].en.slice(0, 100)}` };
        continue;
      }
      if (verdict.how === 'refused') continue;
      verdict = { how: 'invalid', note: `${note}: ${checked.problems.filter((p) => p.severity === 'error').map((p) => `${p.path.join('.')}: ${p.en.slice(0, 120)}`).join(' | ')}` };
      continue;
    }
    const text = words(checked.documents);
    if (t.find?.some((f) => text.includes(f))) return { how: 'printed', note };
    if (!t.find && baseWords !== null && text !== baseWords) return { how: 'visible', note };
    const warned = checked.problems.filter((p) => p.severity === 'warning' && p.path.length >= concrete.length && atField(p, concrete));
    if (warned.length) return { how: 'refused', note: `${note}: warning: ${warned[0].en.slice(0, 100)}` };
    if (verdict.how !== 'refused') verdict = { how: 'dropped', note: `${note}: not in any output` };
  }
  return verdict;
}

/**
 * A marker (text, a number) must be printed or refused in every fixture where the case still checks;
 * a choice, yes/no or date must change the papers (or be refused) in at least one.
 */
async function judge(form: string, leaf: Leaf, root: z.ZodType): Promise<Verdict> {
  const steering = STEERING['*'][leaf.name] ?? STEERING[form][leaf.name] ?? STEERING[form][leaf.name.replace(/\{[^}]*\}/g, '{*}')];
  if (steering) return { field: leaf.name, how: 'steering', note: steering };
  const counter = () => `QZX${String(++serial).padStart(4, '0')}Q`;
  const marker = !!MARKERS[form]?.[leaf.name] || valuesFor(leaf, undefined, () => 'QZX').some((t) => t.find && !/^\d/.test(t.find[0]));
  const results: { how: How; note: string }[] = [];
  for (const fixture of fixtures.filter((f) => f.form === form && !SLOW.has(f.name))) {
    const r = await judgeIn(fixture, leaf, root, counter);
    results.push(r);
    if (!marker && (r.how === 'printed' || r.how === 'visible')) return { field: leaf.name, ...r };
  }
  const dropped = results.find((r) => r.how === 'dropped');
  if (marker && dropped) return { field: leaf.name, ...dropped };
  const good = results.find((r) => r.how === 'printed' || r.how === 'visible') ?? results.find((r) => r.how === 'refused') ?? dropped;
  if (good) return { field: leaf.name, ...good };
  return { field: leaf.name, how: results.some((r) => r.how === 'invalid') ? 'invalid' : 'unplaceable', note: results.map((r) => r.note).join(' || ') };
}

/**
 * Fixtures whose context the others give as well, left out to keep the test fast: the works CSVs
 * and workbooks (many rows to read; ruling-bulk-excel is ruling-bulk typed by a clerk), a second corporation with one work and a CRIC notice (drama-dvd, ringtone:
 * their formulas are made up in the others' uses), and the whole submission (its PDFs are read again
 * at every check; an individual with an agent is in the others, and its attachments' fields steer).
 */
const SLOW = new Set(['ruling-bulk', 'ruling-bulk-excel', 'ruling-works-csv-amounts', 'ruling-drama-dvd', 'ruling-ringtone', 'ruling-submission']);

/**
 * What a leaf needs beside it to be valid at all: a record that found an address says what came of
 * it (follow_up); a work's own quantity needs a use whose formula has it.
 */
function inContext(data: Record<string, unknown>, leaf: Leaf, parent: Record<string, unknown>, root: z.ZodType, counter: () => string) {
  if (leaf.name.endsWith('.found[]')) parent.follow_up ??= counter();
  const own = /^works\[\]\.compensation\.(\w+)$/.exec(leaf.name)?.[1];
  if (own && own !== 'share') {
    const formulas = defOf(core((defOf(core(((defOf(core(root)).shape as Record<string, z.ZodType>).uses))).element as z.ZodType)));
    const union = defOf(core((formulas.shape as Record<string, z.ZodType>).compensation));
    const variant = (union.options as z.ZodType[]).find((o) => own in (defOf(o).shape as object))!;
    for (const use of data.uses as { compensation?: unknown }[]) use.compensation = minimal(variant, counter);
  }
}

/** The values to try for a leaf: a marker to find, or other values whose effect must show. */
function valuesFor(leaf: Leaf, current: unknown, counter: () => string, caseDate = TODAY): { value: unknown; find?: string[] }[] {
  const s = leaf.schema;
  const d = defOf(s);
  if (d.type === 'string') {
    if (s.safeParse('QZX0000Q').success) { const m = counter(); return [{ value: m, find: [m] }]; }
    if (s.safeParse('2000-01-01').success) {
      // Days before the case's date (inquiries, notices, issues), and one after (a reissue, a ruling).
      const dates = [-3, -40, -400, 1].map((days) => new Date(Date.parse(caseDate) + days * 86_400_000).toISOString().slice(0, 10));
      return dates.filter((x) => x !== current).map((value) => ({ value }));
    }
    if (s.safeParse('100-8959').success) return [{ value: '987-6543', find: ['987-6543', '９８７－６５４３'] }];
    return [{ value: current ?? 'x' }];
  }
  if (d.type === 'pipe') {
    const inner = d.in as z.ZodType;
    if (s.safeParse(4321).success && !s.safeParse('37/1000').success) return [{ value: 4321, find: ['4,321', '4321', '４，３２１'] }, { value: 2 }, { value: 3 }];
    if (s.safeParse('37/1000').success) return [{ value: '37/1000', find: ['37/1000', '3.7%'] }, { value: '1/2' }];
    return [{ value: minimal(inner, counter) }];
  }
  if (d.type === 'enum') return Object.values(d.entries as Record<string, string>).filter((v) => v !== current).map((value) => ({ value }));
  if (d.type === 'boolean') return [{ value: true }, { value: false }].filter((t) => t.value !== current);
  if (d.type === 'union') {
    const choices = (d.options as z.ZodType[]).map(core).filter((o) => defOf(o).type === 'enum')
      .flatMap((o) => Object.values(defOf(o).entries as Record<string, string>));
    return choices.filter((v) => v !== current).map((value) => ({ value }));
  }
  if (d.type === 'number') return [{ value: 4321, find: ['4321', '4,321'] }];
  if (d.type === 'literal') return [];
  return [{ value: current }];
}

describe('nothing accepted and dropped', () => {
  it('every fixture (a contract copy) still checks as it is', async () => {
    for (const f of fixtures) expect(await baselineOf(f), f.name).not.toBeNull();
  });

  for (const [form, plugin] of Object.entries(FORMS)) {
    it(`${form}: every field reaches a paper, is refused, or steers`, async () => {
      const verdicts: Verdict[] = [];
      for (const leaf of leaves(plugin.schema as z.ZodType)) verdicts.push(await judge(form, leaf, plugin.schema as z.ZodType));
      const bad = verdicts.filter((v) => v.how === 'dropped' || v.how === 'unplaceable' || v.how === 'invalid');
      if (process.env.DROPPED_VERBOSE) console.log(verdicts.map((v) => `${form} ${v.field}: ${v.how} ${v.note ?? ''}`).join('\n'));
      expect(bad, bad.map((v) => `${v.field}: ${v.how} ${v.note ?? ''}`).join('\n')).toEqual([]);
    });
  }
});

describe('what the papers would drop is refused at its line', () => {
  const edited = async (name: string, edit: (c: any) => void) => {
    const data = structuredClone(fixtures.find((f) => f.name === name)!.data);
    edit(data);
    return check(data, name);
  };
  it.each([
    ['ruling-individual-phonogram', 'applicant.representative', 'copyright', (c: any) => { c.applicant.representative = { title: '代表', name: '個人 太郎' }; }],
    ['ruling-anthology', 'works.0.title_status', 'title_status', (c: any) => { c.works[0].title_status = 'unknown'; }],
    ['ruling-anthology', 'works.0.evidence.agency_inquiry', 'agency_inquiry', (c: any) => { c.works[0].evidence.agency_inquiry = '文化庁に照会した。'; }],
    ['ruling-anthology', 'uses.0.compensation.unit_label', 'unit_label', (c: any) => { c.uses[0].compensation = { formula: 'fixed', amount: 10000, unit_label: '件数' }; }],
    ['ruling-anthology', 'due_diligence.public_notice.name', 'name', (c: any) => { c.due_diligence.public_notice.name = '〇〇新聞'; }],
    ['ruling-previously-ruled', 'due_diligence.public_notice.own_site', 'own_site', (c: any) => { c.due_diligence.public_notice.own_site = true; }],
    ['deposit-ondemand-donation', 'return_address', 'return_address', (c: any) => { c.return_address = { address: '東京都千代田区永田町1丁目' }; }],
    ['deferred-payment', 'permit_number', 'permit_number', (c: any) => { c.permit_number = '第1号'; }],
    ['deferred-payment-change', 'reason', 'reason', (c: any) => { c.reason = '閉館のため'; }],
    ['transmission-exclusion-list', 'author_request', 'author_request', (c: any) => { c.items.find((i: any) => i.criterion === 'author-request').author_request = '2026年に口頭で'; }],
  ] as [string, string, string, (c: any) => void][])('%s: %s', async (name, path, word, edit) => {
    const checked = await edited(name, edit);
    const p = checked.problems.find((q) => q.severity === 'error' && q.path.join('.').endsWith(path));
    expect(p, JSON.stringify(checked.problems.map((q) => [q.path.join('.'), q.en]))).toBeDefined();
    expect(p!.line).toBeGreaterThan(0);
    expect(p!.column).toBeGreaterThan(0);
    expect(p!.en + p!.ja).toContain(word === 'copyright' ? '' : word);
    expect(p!.hint?.ja && p!.hint.en).toBeTruthy();
  });
});
