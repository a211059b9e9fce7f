/**
 * Field types shared by every form's schema. Each check that can fail says what it wanted in
 * Japanese and English (see `say`), so messages never fall back to zod's English defaults.
 */
import { closest, distance } from 'fastest-levenshtein';
import Fraction from 'fraction.js';
import { z } from 'zod';
import { ERAS } from '../base/era.js';
import { groupDigits, isRealDate } from '../base/format.js';
import type { Exact } from '../base/exact.js';
import type { Bilingual } from '../base/problem.js';
import { unrealDay } from './typed.js';

/** Separates the Japanese and English halves of a schema message, and its fix (validate.ts splits them again). */
export const BILINGUAL_SEPARATOR = '\u001f';
export const say = (ja: string, en: string, hint?: Bilingual) =>
  ({ message: [ja, en, ...(hint ? [hint.ja, hint.en] : [])].join(BILINGUAL_SEPARATOR) });

/**
 * A field's description for editors (JSON Schema `description`, shown on hover and beside each
 * completion): Japanese, then English, one line so every editor shows both.
 */
export const doc = (ja: string, en: string) => `${ja} / ${en}`;

/**
 * What kind of typed value a field holds: normalise.ts reads what the clerk wrote into the form the
 * field checks, and json-schema.ts gives editors the pattern of what it accepts. Kept in a zod
 * registry, which a field's `.describe()` copies inherit.
 */
export type FieldKind =
  | { kind: 'text' | 'phone' | 'postal' | 'date' }
  | { kind: 'number'; yen: boolean; whole: boolean }
  | { kind: 'rate'; max: number }
  | { kind: 'choice'; labels: Readonly<Record<string, readonly string[]>> };
export const FIELD_KINDS = z.registry<FieldKind>();

/**
 * A field naming a file beside the case (relative to the case file): the browser form offers a file
 * picker and the files already in the folder (`x-yoshiki-file` in the editor schema). `rows`: a list
 * whose rows are counted and checked (a works CSV), shown as one file, never as thousands of rows.
 */
export interface FileField { accept: readonly string[]; rows?: boolean }
export const FILE_FIELDS = z.registry<FileField>();

/** The files a paper binds in: what the guide asks for as 別添資料 (PDF, PNG, JPEG). */
export const PAPER_FILES = ['.pdf', '.png', '.jpg', '.jpeg'] as const;

/** A non-empty file name, relative to the case file. */
export const fileName = (accept: readonly string[], rows = false) =>
  text().register(FILE_FIELDS, rows ? { accept, rows } : { accept });

/**
 * When a field matters: only while a sibling field (a choice, a yes/no) holds one of `is`. The form's
 * rules refuse such a field otherwise (issue 15 §5: refused, not dropped) and read the same
 * declaration (`relevant`); the browser form hides it (`x-yoshiki-when` in the editor schema).
 */
export interface When { field: string; is: readonly (string | boolean)[] }
/** On an object schema: its fields that matter only while a sibling holds a value. */
export const RELEVANCE = z.registry<Readonly<Record<string, When>>>();

/** Each value of a choice with the fields that belong to it, as When per field. */
export function fieldsByChoice(field: string, table: Readonly<Record<string, readonly string[]>>): Record<string, When> {
  const out: Record<string, When> = {};
  for (const [value, fields] of Object.entries(table))
    for (const name of fields) out[name] = { field, is: [...(out[name]?.is ?? []), value] };
  return out;
}

/** Whether a field that matters only `when` does matter in this (normalised) object. */
export const relevant = (object: object, when: When) => when.is.includes((object as Record<string, string | boolean>)[when.field]);

/** A non-empty line of text. */
export const text = () =>
  z.string().trim().min(1, say('空にできません。', 'This cannot be empty.')).register(FIELD_KINDS, { kind: 'text' });

/** A telephone or fax number (full-width digits and dashes read as half-width). */
export const phone = () =>
  z.string().trim().min(1, say('空にできません。', 'This cannot be empty.')).register(FIELD_KINDS, { kind: 'phone' });

const DATE_FORMS = { ja: '2026-12-01、2026/12/01、2026年12月1日、令和8年12月1日、R8.12.1 のように書いてください。', en: 'Write it as 2026-12-01, 2026/12/01, 2026年12月1日, 令和8年12月1日 or R8.12.1.' };

/**
 * A date that names a real day: ISO once normalised (normalise.ts reads 令和8年12月1日 and the rest),
 * on or after the first day of 明治: the papers write dates in the Japanese era, and one before it
 * (0000-01-01) came out as 大化-644年 (issue 21 §12).
 */
export const isoDate = () =>
  z.string().superRefine((s, ctx) => {
    if (isRealDate(s) && s < ERAS[0].from) {
      ctx.addIssue({ code: 'custom', ...say(`「${s}」は明治（${ERAS[0].from}）より前の日付です。書類は和暦で書くため、それより前の日付は書けません。`,
        `${s} is before 明治 (Meiji, from ${ERAS[0].from}): the papers write dates in the Japanese era, which cannot write an earlier one.`,
        { ja: '年の打ち間違いがないか確かめてください。', en: 'Check the year for a typo.' }) });
      return;
    }
    if (isRealDate(s)) return;
    const { ja, en, hint } = /^\d{4}-\d{2}-\d{2}$/.test(s) ? unrealDay(s)
      : { ja: `「${s}」は日付として読めません。`, en: `"${s}" is not a date.`, hint: DATE_FORMS };
    ctx.addIssue({ code: 'custom', ...say(ja, en, hint) });
  }).register(FIELD_KINDS, { kind: 'date' });

export const postalCode = () =>
  z.string().superRefine((s, ctx) => {
    if (!/^\d{3}-?\d{4}$/.test(s))
      ctx.addIssue({ code: 'custom', ...say(`「${s}」は郵便番号として読めません。`, `"${s}" is not a postal code.`,
        { ja: '100-8959 のように、3桁と4桁の数字で書いてください。', en: 'Write three and four digits, like 100-8959.' }) });
  }).register(FIELD_KINDS, { kind: 'postal' });

/**
 * A choice among keys, each with the Japanese labels a clerk may write instead (法人 for
 * corporation): the first label is the one editors show beside the key.
 */
export function choice<K extends string>(labels: Readonly<Record<K, string | readonly string[]>>) {
  const keys = Object.keys(labels) as [K, ...K[]];
  const all = Object.fromEntries(keys.map((k) => [k, ([] as string[]).concat(labels[k])])) as Record<K, string[]>;
  const named = keys.map((k) => all[k][0]).filter(Boolean);
  return z.enum(keys, {
    error: (issue) => {
      const input = (issue as { input?: unknown }).input;
      const guess = typeof input === 'string' ? suggest(input, [...keys, ...named]) : undefined;
      return say(
        `「${showInput(input)}」は使えません。次のいずれかを書いてください: ${keys.join(', ')}（日本語で ${named.join('、')} とも書けます）`,
        `"${showInput(input)}" is not allowed here. Use one of: ${keys.join(', ')}`,
        guess ? { ja: `「${guess}」ではありませんか。`, en: `Did you mean "${guess}"?` } : undefined).message;
    },
  }).register(FIELD_KINDS, { kind: 'choice', labels: all });
}

const showInput = (v: unknown) => (typeof v === 'object' && v !== null ? (Array.isArray(v) ? '一覧 / a list' : '項目の集まり / a mapping') : String(v));

/** The closest of `options` to what was written, when it is close enough to be a slip. */
export function suggest(input: string, options: string[]): string | undefined {
  if (options.length === 0) return undefined;
  const best = closest(input, options);
  return distance(input, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Exact decimal from what YAML gave us. String(number) is the shortest round-trip decimal, i.e. what was typed. */
function toFraction(raw: string): Fraction | null {
  const s = raw.trim();
  // Commas group by three or not at all: "1,8,0,0" is a slip, not 1800.
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s)) return null;
  return new Fraction(s.replace(/,/g, ''));
}

/**
 * Beyond 2^53 a YAML number has already lost digits (99999999999999999999 reads as 1e20): say the
 * number is too large rather than quote back a value the clerk never wrote.
 */
const tooLarge = (raw: number | string) =>
  typeof raw === 'number' ? Math.abs(raw) > Number.MAX_SAFE_INTEGER : raw.replace(/[,\s]/g, '').replace(/\.\d*$/, '').length > 15;
const TOO_LARGE = say('数が大きすぎます（15桁まで）。桁を確かめてください。', 'The number is too large (15 digits at most): check the digits.');

/** A unit after the digits (200部, 3件): the fix is to drop it. */
const unitHint = (raw: number | string, yen: boolean): Bilingual | undefined => {
  const unit = /^\s*[\d,.]+\s*([^\d\s,.]+)\s*$/.exec(String(raw))?.[1];
  if (!unit) return undefined;
  return unit === '円' && !yen
    ? { ja: 'ここは金額ではなく数です。「円」を付けずに数字だけを書いてください。', en: 'This is a count, not an amount: write the digits alone, without 円.' }
    : { ja: `単位（${unit}）は付けずに、数字だけを書いてください。`, en: `Write the digits alone, without the unit (${unit}).` };
};

/** A non-negative amount or count: 800, 5.5, "2,400" (and "2,400円" where `yen`, once normalised). */
export const amount = ({ yen = false } = {}) =>
  z.union([z.number(), z.string()]).transform((raw, ctx): Exact => {
    if (tooLarge(raw)) {
      ctx.addIssue({ code: 'custom', ...TOO_LARGE });
      return z.NEVER;
    }
    const value = toFraction(String(raw));
    if (value === null) {
      ctx.addIssue({ code: 'custom', ...say(`「${raw}」は 0 以上の数ではありません。`, `"${raw}" is not a number of zero or more.`, unitHint(raw, yen)) });
      return z.NEVER;
    }
    return { value, display: groupDigits(String(raw).replace(/,/g, '').trim()) };
  }).register(FIELD_KINDS, { kind: 'number', yen, whole: false });

/**
 * A rate or share: 7%, 0.07, 1/20. Printed as the user wrote a percentage or fraction, and a
 * plain decimal as a percentage (0.005 → 0.5%), as the forms print rates.
 */
export const ratio = (max = 1) =>
  z.union([z.number(), z.string()]).transform((raw, ctx): Exact => {
    const s = String(raw).trim();
    let value: Fraction | null = null;
    let display = s;
    if (/^\d+(\.\d+)?\s*[%％]$/.test(s)) {
      value = new Fraction(s.replace(/\s*[%％]$/, '')).div(100);
      display = s.replace(/\s*％$/, '%');
    } else if (/^\d+\s*\/\s*[1-9]\d*$/.test(s)) {
      value = new Fraction(s.replace(/\s/g, ''));
      display = s.replace(/\s/g, '');
    } else if (/^\d+(\.\d+)?$/.test(s)) {
      value = new Fraction(s);
      display = `${value.mul(100).toString()}%`;
    }
    if (value === null || value.compare(max) > 0) {
      const percent = value !== null && /^\d+(\.\d+)?$/.test(s) && value.compare(100) <= 0
        ? { ja: `${s}% のつもりなら「${s}%」と書いてください。`, en: `If you meant ${s}%, write "${s}%".` } : undefined;
      ctx.addIssue({ code: 'custom', ...say(
        `「${raw}」は率として読めません。7%、0.07、1/20 のように、${max * 100}%以下で書いてください。`,
        `"${raw}" is not a rate. Write it as 7%, 0.07 or 1/20, at most ${max * 100}%.`, percent) });
      return z.NEVER;
    }
    return { value, display };
  }).register(FIELD_KINDS, { kind: 'rate', max });

/**
 * A whole number of zero or more (yen, copies, pages): 1800, "1,800". A fraction of a yen or of a
 * copy is a mistake to point out, not a value to round silently.
 */
export const wholeNumber = ({ yen = false } = {}) =>
  z.union([z.number(), z.string()]).transform((raw, ctx): number => {
    if (tooLarge(raw)) {
      ctx.addIssue({ code: 'custom', ...TOO_LARGE });
      return z.NEVER;
    }
    const s = String(raw).trim();
    const plain = /^(\d{1,3}(,\d{3})+|\d+)$/.test(s) ? s.replace(/,/g, '') : '';
    if (!plain || !Number.isSafeInteger(Number(plain))) {
      ctx.addIssue({ code: 'custom', ...say(`「${raw}」は 0 以上の整数ではありません（例: 1800）。`, `"${raw}" is not a whole number of zero or more (e.g. 1800).`,
        unitHint(raw, yen)) });
      return z.NEVER;
    }
    return Number(plain);
  }).register(FIELD_KINDS, { kind: 'number', yen, whole: true });

/** A person named with a title: 代表者 { title: 代表取締役, name: … }, 館長 … */
export const titledName = () => z.strictObject({
  title: text().describe(doc('肩書（代表取締役、館長など）', 'Title, e.g. 代表取締役 (representative director)')),
  name: text().describe(doc('氏名', 'Full name')),
});

/** 担当者: who answers questions about the papers. */
export const contactPerson = () => z.strictObject({
  department: text().optional().describe(doc('担当部署', 'Department')),
  name: text().optional().describe(doc('担当者の氏名', "Contact person's name")),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
  fax: phone().optional().describe(doc('FAX番号', 'Fax number')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
});

/**
 * Extra fonts for characters IPAex Mincho lacks, tried in order (every form has this field).
 * TrueType or OpenType files, relative to the case file; the PDF embeds what it draws from them.
 */
export const fontFiles = () => z.array(fileName(['.ttf', '.otf'])).min(1).optional().describe(doc(
  'IPAex明朝にない文字を描く追加のフォント（.ttf・.otf。ケースファイルからの相対パス。前から順に探します）',
  'Extra fonts for characters IPAex Mincho lacks (.ttf or .otf, relative to the case file; tried in order)'));

/**
 * The codes of the warnings the clerk has looked at and settled (every form has this field): each is
 * counted in one line instead of printed. Which codes exist is checked by the pipeline, which knows
 * the form's catalogues; errors cannot be settled.
 */
export const acknowledgedCodes = () => z.array(text()).min(1).optional().describe(doc(
  '確認済みの注意のコード（`yoshiki check` が注意ごとに示すもの。例: ruling.diligence-bodies-not-asked）。一覧の注意は件数だけ表示されます。エラーは確認済みにできません',
  'Codes of the warnings you have settled (as `yoshiki check` shows beside each warning, e.g. ruling.diligence-bodies-not-asked): they are counted instead of printed. Errors cannot be settled'));

/**
 * The agency's own forms the clerk has, by document (every form has this field): the document's
 * values are written onto that PDF instead of yoshiki's own layout (README "The agency's own form").
 */
export const officialForms = () => z.record(z.string(), z.strictObject({
  file: fileName(['.pdf']).describe(doc('機関の様式の PDF（ケースファイルからの相対パス）', "The agency's form as a PDF (relative to the case file)")),
  map: text().optional().describe(doc(
    'フィールドマップ（YAML。値ごとの位置）。PDF の入力欄に値と同じ名前があるか、既知の版なら不要',
    'Field map (YAML: where each value goes); not needed when the PDF has form fields named as the values, or is a known version')),
})).optional().describe(doc(
  '機関の様式に書き込む書類: 書類の名前（出力ファイル名）ごとに file（と map）',
  "Documents to write onto the agency's own form: file (and map) by document name (its output file name)"));
