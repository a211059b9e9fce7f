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
import { zodDef } from '../base/patches.js';
import { error, warning, type FieldPath, type Problem } from '../base/problem.js';
import { INPUT_CODES } from './codes.js';
import { FIELD_KINDS, type FieldKind } from './fields.js';
import { readChoice, readDate, readNumber, readPhone, readPostal, readRate, readText, readYesNo, looseWord, type Reading } from './typed.js';


export interface Normalised {
  data: unknown;
  /** Errors in values recognised but wrong, and notes about values read in a way that could surprise. */
  problems: Problem[];
}

/** `sourceOf`: the text a YAML number was written as (0312345678 before it lost its 0). */
export function normalise(schema: z.ZodType, data: unknown, sourceOf: (path: FieldPath) => string | undefined = () => undefined): Normalised {
  const problems: Problem[] = [];
  const walk = (s: z.ZodType, value: unknown, path: FieldPath): unknown => {
    for (;;) {
      const kind = FIELD_KINDS.get(s);
      if (kind) return take(read(kind, s, value, sourceOf(path)), path);
      const def = zodDef(s);
      if (def.innerType) s = def.innerType;
      else if (def.type === 'pipe' && def.in) s = def.in;
      else if (def.type === 'object' && isRecord(value)) return mapObject(def.shape ?? {}, value, path);
      else if (def.type === 'array' && Array.isArray(value)) return value.map((v, i) => walk(def.element!, v, [...path, i]));
      else if (def.type === 'union') {
        const option = pick(def, value);
        if (!option) return value;
        s = option;
      } else if (def.type === 'enum') return take(readChoice(value, Object.values(def.entries ?? {}).map(String)), path);
      else if (def.type === 'literal') return literal(def.values ?? [], value);
      else if (def.type === 'boolean') return take(readYesNo(value), path);
      else return value;
    }
  };
  const mapObject = (shape: Record<string, z.ZodType>, value: Record<string, unknown>, path: FieldPath) =>
    Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Object.hasOwn(shape, k) ? walk(shape[k], v, [...path, k]) : v]));
  const take = (reading: Reading, path: FieldPath): unknown => {
    if (reading.problem) problems.push(error(path, reading.problem.ja, reading.problem.en, reading.problem.hint));
    if (reading.note) problems.push(warning(INPUT_CODES.yenPoint, path, reading.note.ja, reading.note.en, reading.note.hint));
    return reading.value;
  };
  return { data: walk(schema, data, []), problems };
}

function read(field: FieldKind, s: z.ZodType, value: unknown, source: string | undefined): Reading {
  switch (field.kind) {
    case 'text': return readText(value, source);
    case 'phone': return readPhone(value, source);
    case 'postal': return readPostal(value, source);
    case 'date': return readDate(value);
    case 'number': return readNumber(value, field);
    case 'rate': return readRate(value);
    case 'choice': return readChoice(value, Object.values(zodDef(s).entries ?? {}).map(String), field.labels);
  }
}

/** The member of a union a value is meant for: by its discriminator, or an object for a mapping, else the first other. */
function pick(def: ReturnType<typeof zodDef>, value: unknown): z.ZodType | undefined {
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
