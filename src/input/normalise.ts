/**
 * Normalising before validating: walks a form's schema beside the values read (a case file's tree,
 * or a works-list row) and reads each typed value the way a clerk writes it (typed.ts) into the
 * form the schema checks — 令和8年12月1日 to 2026-12-01, ２，０００円 to 2000, 法人 to corporation,
 * はい to true. Free text is left exactly as written. One walk serves the YAML and the spreadsheets,
 * so a works list accepts what a case file accepts.
 *
 * What it reads it says nothing about, except where the result could surprise (a note, kept as a
 * warning at its place); a value it recognised but found wrong (a day outside its era, commas in
 * the wrong places) is an error here, and the schema's own complaint about that value is dropped.
 */
import type { z } from 'zod';
import { zodDef, type ZodDef } from '../base/patches.js';
import { error, warning, type FieldPath, type Problem } from '../base/problem.js';
import { INPUT_CODES } from './codes.js';
import { FIELD_KINDS, type FieldKind } from './fields.js';
import { readChoice, readDate, readNumber, readPhone, readPostal, readRate, readText, readYesNo, looseWord, type Reading } from './typed.js';


export interface Normalised {
  data: unknown;
  /** Errors in values recognised but wrong, and notes about values read in a way that could surprise. */
  problems: Problem[];
}

/**
 * `sourceOf`: the text a YAML number was written as (0312345678 before it lost its 0). The walk
 * keeps one path, pushed and popped, and copies it only for a problem or for `sourceOf`: a path per
 * field was 70,000 arrays for 10,000 works read from a list, which has no sources.
 */
export function normalise(schema: z.ZodType, data: unknown, sourceOf?: (path: FieldPath) => string | undefined): Normalised {
  const walk = new Walk(sourceOf);
  return { data: walk.value(schema, data), problems: walk.problems };
}

/** One normalising walk: its path and problems (an object with methods, not closures made per row: 4.7 of 72 MB a check allocated). */
class Walk {
  readonly problems: Problem[] = [];
  private readonly path: FieldPath = [];

  constructor(private readonly sourceOf: ((path: FieldPath) => string | undefined) | undefined) {}

  value(s: z.ZodType, value: unknown): unknown {
    for (;;) {
      const step = stepOf(s);
      switch (step.type) {
        case 'field': return this.take(read(step.kind, step.choices, value, this.sourceOf?.([...this.path])));
        case 'object': return isRecord(value) ? this.object(step.shape, value) : value;
        case 'array': return Array.isArray(value) ? value.map((v, i) => this.at(i, step.element, v)) : value;
        case 'union': {
          const option = pick(step.def, value);
          if (!option) return value;
          s = option;
          break;
        }
        case 'enum': return this.take(readChoice(value, step.choices));
        case 'literal': return literal(step.values, value);
        case 'boolean': return this.take(readYesNo(value));
        default: return value;
      }
    }
  }

  /** The value at `key` of the one walked, normalised by `s`. */
  private at(key: string | number, s: z.ZodType, value: unknown): unknown {
    this.path.push(key);
    const v = this.value(s, value);
    this.path.pop();
    return v;
  }

  // Built by assignment, not Object.fromEntries (a tenth of a large works list's check); a key
  // __proto__ (a case may hold one) is defined as an own field, as fromEntries defines it.
  private object(shape: Record<string, z.ZodType>, value: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = Object.hasOwn(shape, k) ? this.at(k, shape[k], value[k]) : value[k];
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }

  private take(reading: Reading): unknown {
    if (reading.problem) this.problems.push(error([...this.path], reading.problem.ja, reading.problem.en, reading.problem.hint));
    if (reading.note) this.problems.push(warning(INPUT_CODES.yenPoint, [...this.path], reading.note.ja, reading.note.en, reading.note.hint));
    return reading.value;
  }
}

/**
 * What normalising does at a schema, its wrappers (optional, default, pipe) looked through: the
 * same for every value, so worked out once per schema — a works list walks one work's schema per
 * row, and the registry's lookup at each wrapper was a third of normalising 10,000 rows.
 */
type Step =
  | { type: 'field'; kind: FieldKind; choices: string[] }
  | { type: 'object'; shape: Record<string, z.ZodType> }
  | { type: 'array'; element: z.ZodType }
  | { type: 'union'; def: ZodDef }
  | { type: 'enum'; choices: string[] }
  | { type: 'literal'; values: unknown[] }
  | { type: 'boolean' }
  | { type: 'other' };

const steps = new WeakMap<z.ZodType, Step>();

function stepOf(schema: z.ZodType): Step {
  let step = steps.get(schema);
  if (!step) steps.set(schema, (step = stepAt(schema)));
  return step;
}

function stepAt(schema: z.ZodType): Step {
  for (let s = schema; ;) {
    const kind = FIELD_KINDS.get(s);
    if (kind) return { type: 'field', kind, choices: kind.kind === 'choice' ? choicesOf(s) : [] };
    const def = zodDef(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'object') return { type: 'object', shape: def.shape ?? {} };
    else if (def.type === 'array') return { type: 'array', element: def.element! };
    else if (def.type === 'union') return { type: 'union', def };
    else if (def.type === 'enum') return { type: 'enum', choices: choicesOf(s) };
    else if (def.type === 'literal') return { type: 'literal', values: def.values ?? [] };
    else if (def.type === 'boolean') return { type: 'boolean' };
    else return { type: 'other' };
  }
}

const choicesOf = (s: z.ZodType) => Object.values(zodDef(s).entries ?? {}).map(String);

function read(field: FieldKind, choices: string[], value: unknown, source: string | undefined): Reading {
  switch (field.kind) {
    case 'text': return readText(value, source);
    case 'phone': return readPhone(value, source);
    case 'postal': return readPostal(value, source);
    case 'date': return readDate(value);
    case 'number': return readNumber(value, field);
    case 'rate': return readRate(value);
    case 'choice': return readChoice(value, choices, field.labels);
  }
}

/** The member of a union a value is meant for: by its discriminator, or an object for a mapping, else the first other. */
function pick(def: ZodDef, value: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  const isObject = (o: z.ZodType) => zodDef(o).type === 'object';
  if (def.discriminator) {
    if (!isRecord(value)) return undefined;
    return options.find((o) => zodDef(o).shape?.[def.discriminator!] && literalValues(zodDef(o).shape![def.discriminator!]).includes(value[def.discriminator!]));
  }
  return isRecord(value) ? options.find(isObject) : options.find((o) => !isObject(o));
}

const literalValues = (s: z.ZodType): unknown[] => zodDef(s).values ?? [];

/** form: ｄｅｐｏｓｉｔ is form: deposit. */
function literal(values: unknown[], value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return values.find((v) => typeof v === 'string' && looseWord(v) === looseWord(value)) ?? value;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
