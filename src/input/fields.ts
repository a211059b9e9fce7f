/**
 * Field types shared by every form's schema. Each check that can fail says what it wanted in
 * Japanese and English (see `say`), so messages never fall back to zod's English defaults.
 */
import Fraction from 'fraction.js';
import { z } from 'zod';
import { groupDigits, isRealDate } from '../base/format.js';
import type { Exact } from '../base/exact.js';

/** Separates the Japanese and English halves of a schema message (validate.ts splits them again). */
export const BILINGUAL_SEPARATOR = '\u001f';
export const say = (ja: string, en: string) => ({ message: `${ja}${BILINGUAL_SEPARATOR}${en}` });

/**
 * A field's description for editors (JSON Schema `description`, shown on hover and beside each
 * completion): Japanese, then English, one line so every editor shows both.
 */
export const doc = (ja: string, en: string) => `${ja} / ${en}`;

/** A non-empty line of text. */
export const text = () =>
  z.string().trim().min(1, say('空にできません。', 'This cannot be empty.'));

/** An ISO date that names a real day. */
export const isoDate = () =>
  z.string().refine(isRealDate, say(
    '日付は YYYY-MM-DD の形で、実在する日を書いてください（例: 2026-12-01）。',
    'Write a real date as YYYY-MM-DD (e.g. 2026-12-01).',
  ));

export const postalCode = () =>
  z.string().regex(/^\d{3}-?\d{4}$/, say('郵便番号は 100-8959 のように書いてください（引用符で囲むと確実です）。',
    'Write the postal code like "100-8959" (quote it to be safe).'));

/** Exact decimal from what YAML gave us. String(number) is the shortest round-trip decimal, i.e. what was typed. */
function toFraction(raw: string): Fraction | null {
  const s = raw.replace(/,/g, '').trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return new Fraction(s);
}

/**
 * Beyond 2^53 a YAML number has already lost digits (99999999999999999999 reads as 1e20): say the
 * number is too large rather than quote back a value the clerk never wrote.
 */
const tooLarge = (raw: number | string) =>
  typeof raw === 'number' ? Math.abs(raw) > Number.MAX_SAFE_INTEGER : raw.replace(/[,\s]/g, '').replace(/\.\d*$/, '').length > 15;
const TOO_LARGE = say('数が大きすぎます（15桁まで）。桁を確かめてください。', 'The number is too large (15 digits at most): check the digits.');

/** A non-negative amount or count: 800, 5.5, "2,400". */
export const amount = () =>
  z.union([z.number(), z.string()]).transform((raw, ctx): Exact => {
    if (tooLarge(raw)) {
      ctx.addIssue({ code: 'custom', ...TOO_LARGE });
      return z.NEVER;
    }
    const value = toFraction(String(raw));
    if (value === null) {
      ctx.addIssue({ code: 'custom', ...say(`「${raw}」は 0 以上の数ではありません。`, `"${raw}" is not a number of zero or more.`) });
      return z.NEVER;
    }
    return { value, display: groupDigits(String(raw).replace(/,/g, '').trim()) };
  });

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
      ctx.addIssue({ code: 'custom', ...say(
        `「${raw}」は率として読めません。7%、0.07、1/20 のように、${max * 100}%以下で書いてください。`,
        `"${raw}" is not a rate. Write it as 7%, 0.07 or 1/20, at most ${max * 100}%.`) });
      return z.NEVER;
    }
    return { value, display };
  });

/**
 * A whole number of zero or more (yen, copies, pages): 1800, "1,800". A fraction of a yen or of a
 * copy is a mistake to point out, not a value to round silently.
 */
export const wholeNumber = () =>
  z.union([z.number(), z.string()]).transform((raw, ctx): number => {
    if (tooLarge(raw)) {
      ctx.addIssue({ code: 'custom', ...TOO_LARGE });
      return z.NEVER;
    }
    const s = String(raw).replace(/,/g, '').trim();
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) {
      ctx.addIssue({ code: 'custom', ...say(`「${raw}」は 0 以上の整数ではありません（例: 1800）。`, `"${raw}" is not a whole number of zero or more (e.g. 1800).`) });
      return z.NEVER;
    }
    return Number(s);
  });

/** A person named with a title: 代表者 { title: 代表取締役, name: … }, 館長 … */
export const titledName = () => z.strictObject({
  title: text().describe(doc('肩書（代表取締役、館長など）', 'Title, e.g. 代表取締役 (representative director)')),
  name: text().describe(doc('氏名', 'Full name')),
});

/** 担当者: who answers questions about the papers. */
export const contactPerson = () => z.strictObject({
  department: text().optional().describe(doc('担当部署', 'Department')),
  name: text().optional().describe(doc('担当者の氏名', "Contact person's name")),
  phone: text().optional().describe(doc('電話番号', 'Telephone number')),
  fax: text().optional().describe(doc('FAX番号', 'Fax number')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
});

/**
 * Extra fonts for characters IPAex Mincho lacks, tried in order (every form has this field).
 * TrueType or OpenType files, relative to the case file; the PDF embeds what it draws from them.
 */
export const fontFiles = () => z.array(text()).min(1).optional().describe(doc(
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
  file: text().describe(doc('機関の様式の PDF（ケースファイルからの相対パス）', "The agency's form as a PDF (relative to the case file)")),
  map: text().optional().describe(doc(
    'フィールドマップ（YAML。値ごとの位置）。PDF の入力欄に値と同じ名前があるか、既知の版なら不要',
    'Field map (YAML: where each value goes); not needed when the PDF has form fields named as the values, or is a known version')),
})).optional().describe(doc(
  '機関の様式に書き込む書類: 書類の名前（出力ファイル名）ごとに file（と map）',
  "Documents to write onto the agency's own form: file (and map) by document name (its output file name)"));
