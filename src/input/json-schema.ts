/**
 * The JSON Schema of a form for editors (`yoshiki schema`, and the file `yoshiki new` writes beside
 * a case), made from its zod schema so the editor flags what `check` flags: typed values carry the
 * patterns of what normalising reads (typed.ts, widened to full width: ２０２６－１２－０１ is a
 * date), and each choice lists its keys and the Japanese labels `check` accepts, described for the
 * completion list (`enumDescriptions`, and `markdownEnumDescriptions` as the YAML extension of VS
 * Code reads them). Draft 7: the YAML language server supports JSON Schema 7 and below.
 */
import { z } from 'zod';
import { zodDef } from '../base/patches.js';
import { ERAS } from '../base/era.js';
import { FIELD_KINDS, FILE_FIELDS, RELEVANCE, type FieldKind } from './fields.js';
import { numberPattern, PATTERNS, YES, NO } from './typed.js';

type Json = Record<string, unknown>;

/**
 * The keywords editors read that JSON Schema does not define (declared to Ajv in the test that
 * compiles the schemas). The x-yoshiki ones are for the browser form (preview/form.js, README
 * "The editor schema"): `x-yoshiki-when` {field, is} on a field that matters only while a sibling
 * holds one of `is`; `x-yoshiki-file` {accept, rows?} on a field naming a file beside the case;
 * `x-yoshiki-kind` on a typed field, what it holds (date, yen, number, rate, postal, phone, text, choice);
 * `x-yoshiki-eras` at the root, the eras' first days (src/base/era.ts) to read 令和8年12月1日 back.
 */
export const EDITOR_KEYWORDS = ['enumDescriptions', 'markdownEnumDescriptions', 'x-yoshiki-when', 'x-yoshiki-file', 'x-yoshiki-kind', 'x-yoshiki-eras'] as const;

export function editorSchema(schema: z.ZodType, form: string): Json {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7', io: 'input', unrepresentable: 'any',
    override: ({ zodSchema: node, jsonSchema }) => {
      const zodSchema = node as unknown as z.ZodType;
      const kind = FIELD_KINDS.get(zodSchema);
      const typed = kind ? kindSchema(kind, zodSchema) : zodDef(zodSchema).type === 'boolean' ? YES_NO : undefined;
      if (typed) replace(jsonSchema as Json, typed);
      if (kind) (jsonSchema as Json)['x-yoshiki-kind'] = kind.kind === 'number' && kind.yen ? 'yen' : kind.kind;
      hint(zodSchema, jsonSchema as Json);
    },
  }) as Json;
  titled(json);
  return {
    ...json, title: `yoshiki: ${form}`, $comment: `Made by yoshiki (yoshiki schema ${form}); yoshiki new writes it beside a case.`,
    'x-yoshiki-eras': ERAS.map(({ name, letter, from }) => ({ name, letter, from })),
  };
}

/** The browser form's hints a field's declaration carries (after `replace`, which would drop them). */
function hint(node: z.ZodType, target: Json): void {
  const file = FILE_FIELDS.get(node);
  if (file) target['x-yoshiki-file'] = { ...file, accept: [...file.accept] };
  const when = RELEVANCE.get(node);
  const properties = target.properties as Record<string, Json> | undefined;
  if (when && properties)
    for (const [field, rule] of Object.entries(when)) properties[field]['x-yoshiki-when'] = { field: rule.field, is: [...rule.is] };
}

/**
 * Each described field gets a short title, its label in the browser form and the hover title in an
 * editor: the description's words without what its brackets add, up to its first sentence or colon,
 * in each language (「公告（CRIC・新聞）の結果（ウ）」 → 公告の結果).
 */
export function titled(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(titled);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  if (typeof schema.description === 'string' && schema.title === undefined) schema.title = shortTitle(schema.description);
  for (const [key, value] of Object.entries(schema)) if (!key.startsWith('x-yoshiki') && key !== 'default' && key !== 'enum') titled(value);
}

function shortTitle(description: string): string {
  const [ja, en = ''] = description.split(' / ');
  const short = (text: string, brackets: RegExp, stops: RegExp) => {
    let bare = text;
    for (let depth = 0; depth < 2; depth++) bare = bare.replace(brackets, '');
    return bare.split(stops)[0].trim() || text.trim();
  };
  return [short(ja, /（[^（）]*）|\([^()]*\)/g, /。|: |：/), short(en, / ?\([^()]*\)/g, /[;:]|, e\.g\./)].filter(Boolean).join(' / ');
}

/** Replaces what zod made of a field, keeping its description and default. */
function replace(target: Json, typed: Json): void {
  const { description, default: fallback } = target;
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, typed, description === undefined ? {} : { description }, fallback === undefined ? {} : { default: fallback });
}

const TEXT = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }] };

function kindSchema(field: FieldKind, s: z.ZodType): Json {
  switch (field.kind) {
    case 'text':
    case 'phone': return TEXT;
    case 'postal': return { anyOf: [{ type: 'string', pattern: widen(PATTERNS.postal) }, { type: 'integer', minimum: 0, maximum: 9_999_999 }] };
    case 'date': return { type: 'string', pattern: widen(PATTERNS.date) };
    case 'number': return { anyOf: [{ type: field.whole ? 'integer' : 'number', minimum: 0 }, { type: 'string', pattern: widen(numberPattern(field)) }] };
    case 'rate': return { anyOf: [{ type: 'number', minimum: 0, maximum: field.max }, { type: 'string', pattern: widen(PATTERNS.rate) }] };
    case 'choice': return choiceSchema(Object.values(zodDef(s).entries ?? {}).map(String), field.labels);
  }
}

/** The keys, then each Japanese label, all described: a clerk may pick 法人 as well as corporation. */
function choiceSchema(keys: string[], labels: Readonly<Record<string, readonly string[]>>): Json {
  const entries = [
    ...keys.map((k) => [k, labels[k]?.length ? `${labels[k][0]}` : k]),
    ...keys.flatMap((k) => (labels[k] ?? []).map((label) => [label, `${k} と同じ / same as ${k}`])),
  ];
  return { type: 'string', enum: entries.map(([v]) => v), enumDescriptions: entries.map(([, d]) => d), markdownEnumDescriptions: entries.map(([, d]) => d) };
}

const YES_NO_WORDS = [...YES, ...NO].filter((w) => !/^(true|false|yes|no|1|0)$/.test(w));
const YES_NO: Json = {
  enum: [true, false, ...YES_NO_WORDS],
  enumDescriptions: ['はい / yes', 'いいえ / no', ...YES_NO_WORDS.map((w) => (YES.includes(w) ? 'true と同じ / same as true' : 'false と同じ / same as false'))],
  markdownEnumDescriptions: ['はい / yes', 'いいえ / no', ...YES_NO_WORDS.map((w) => (YES.includes(w) ? 'true と同じ / same as true' : 'false と同じ / same as false'))],
};

/** What each ASCII character of a pattern also stands for once typed in full width (normalising reads them alike). */
function twins(c: string): string {
  if (c === '-') return '\\-－\u2010-\u2015\u2212ーｰ';
  if (c === ' ') return ' \u3000';
  if (c === '¥') return '¥￥';
  if (c === '\\') return '\\\\＼';
  const code = c.charCodeAt(0);
  const wide = code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : '';
  return /[\]\\^]/.test(c) ? `\\${c}${wide}` : `${c}${wide}`;
}

const wideOf = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

/**
 * An ASCII pattern (read after halfWidth) as one that also accepts the full-width forms: 0-9 also
 * ０-９, "-" also －, ー and −. Quantifiers ({1,3}) and groups are kept as they are.
 */
export function widen(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const e = pattern[++i];
      out += e === 'd' ? '[0-9０-９]' : e === 's' ? '\\s' : `[${twins(e)}]`;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      out += pattern.slice(i, end + 1);
      i = end;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      out += `[${widenClass(pattern.slice(i + 1, end))}]`;
      i = end;
    } else if ('()?:*+|^$'.includes(c)) out += c;
    else out += /[\x21-\x7e]/.test(c) ? `[${twins(c)}]` : c;
  }
  return out;
}

function widenClass(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const e = body[++i];
      out += e === 'd' ? '0-9０-９' : twins(e);
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2];
      out += `${c}-${to}${wideOf(c)}-${wideOf(to)}`;
      i += 2;
    } else out += twins(c);
  }
  return out;
}
