/**
 * Typed values as a Japanese clerk writes them, read to the one form the schemas check: dates
 * (令和8年12月1日, R8.12.1, 2026/12/01, 2026年12月1日), yen (２，０００円, ¥2,000), rates (7％,
 * 7パーセント), postal codes (〒１００－０００１), phone numbers, and yes or no (はい, 無). Full-width
 * digits, signs and spaces count as their half-width selves — but only here, in typed values: a
 * full-width space inside a name (坂下　耕平) or a title is the clerk's text and is never touched.
 *
 * Each reader either gives the canonical value, or says why not when it recognised the form and
 * something in it is wrong (a day that does not exist, a date outside its era, commas in the wrong
 * places); anything it does not recognise is left as written for the schema to refuse, naming it.
 * The same regular expressions (ASCII, applied after `halfWidth`) make the JSON Schema's patterns
 * (json-schema.ts, widened to full width), so an editor accepts what `check` accepts.
 */
import { ERAS, eraEnd, eraNamed, eraOf, inEra, westernYear } from '../base/era.js';
import { eraDate, isRealDate } from '../base/format.js';
import type { Bilingual } from '../base/problem.js';

export type Said = Bilingual & { hint?: Bilingual };
/** What a reader made of a value: the canonical value, the value left as written, or why it is wrong. */
export type Reading = { value: unknown; problem?: Said; note?: Said };

const DASHES = /[\u2010-\u2015\u2212\uFE63]|(?<=[0-9０-９])[ーｰ](?=[0-9０-９])/g;

/**
 * Full-width ASCII (Ａ, ２, ，, ％, －) and the ideographic space as half-width; dash-like marks (−, –,
 * and ー between digits, as in 100ー0001) as "-". The ー of パーセント stays a long vowel.
 */
export function halfWidth(s: string): string {
  return s
    .replace(DASHES, '-')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\uFFE5/g, '¥');
}

/** Labels and keys compared as a clerk means them: width, spaces and case aside. */
export const looseWord = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const M = '(0?[1-9]|1[0-2])';
const D = '(0?[1-9]|[12]\\d|3[01])';
const ERA_WORDS = `${ERAS.map((e) => e.name).join('|')}|[${ERAS.map((e) => e.letter + e.letter.toLowerCase()).join('')}]`;

/**
 * The ASCII patterns of each kind (read after `halfWidth`). Dates: a 4-digit year or an era and
 * its year (元 for the first), then 年月日 or two separators.
 */
const GROUPED = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
/** An amount or count: digits grouped by three or not at all, a fraction unless `whole`, yen marks where `yen`. */
export const numberPattern = ({ yen, whole }: { yen: boolean; whole: boolean }) =>
  `^\\s*${yen ? '(?:[¥\\\\]\\s*)?' : ''}${GROUPED}${whole ? '()' : '(\\.\\d+)?'}\\s*${yen ? '円?\\s*' : ''}$`;

export const PATTERNS = {
  date: `^\\s*(?:(\\d{4})|(${ERA_WORDS})\\s*(\\d{1,2}|元))\\s*(?:年\\s*${M}\\s*月\\s*${D}\\s*日|[-/.]${M}[-/.]${D})\\s*$`,
  rate: '^\\s*(?:\\d+(?:\\.\\d+)?\\s*(?:%|パーセント)|\\d+\\s*/\\s*[1-9]\\d*|\\d+(?:\\.\\d+)?)\\s*$',
  postal: '^\\s*(?:〒\\s*)?\\d{3}-?\\d{4}\\s*$',
} as const;
const RE = Object.fromEntries(Object.entries(PATTERNS).map(([k, v]) => [k, new RegExp(v)])) as Record<keyof typeof PATTERNS, RegExp>;
const NUMBER_RE = new Map<string, RegExp>();
const numberRe = (o: { yen: boolean; whole: boolean }) =>
  NUMBER_RE.get(`${o.yen}${o.whole}`) ?? NUMBER_RE.set(`${o.yen}${o.whole}`, new RegExp(numberPattern(o))).get(`${o.yen}${o.whole}`)!;

const left = (value: unknown): Reading => ({ value });

/** 令和8年12月1日, R8.12.1, 2026/12/01, 2026年12月1日, 2026-12-01 → 2026-12-01. */
export function readDate(raw: unknown): Reading {
  if (typeof raw !== 'string') return left(raw);
  const m = RE.date.exec(halfWidth(raw));
  if (!m) return left(raw);
  const [, western, eraWord, eraYear, m1, d1, m2, d2] = m;
  const month = Number(m1 ?? m2);
  const day = Number(d1 ?? d2);
  const era = eraWord ? eraNamed(eraWord) : undefined;
  if (era && eraYear !== '元' && Number(eraYear) === 0)
    return { value: raw, problem: {
      ja: `「${raw}」: ${era.name}0年はありません（最初の年は${era.name}元年です）。`,
      en: `"${raw}": there is no year 0 of ${era.name} (its first year is 元年, year 1).` } };
  const year = era ? westernYear(era, eraYear === '元' ? 1 : Number(eraYear)) : Number(western);
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isRealDate(iso)) return { value: raw, problem: unrealDay(raw) };
  if (era && !inEra(era, iso)) return { value: raw, problem: outsideEra(raw, era, iso) };
  return { value: iso };
}

export const unrealDay = (raw: string): Said => ({
  ja: `「${raw}」は実在する日ではありません。`,
  en: `"${raw}" is not a real day. Write a real date, e.g. 2026-12-01.`,
  hint: { ja: '月と日を確かめてください（例: 2026-12-01、令和8年12月1日）。', en: 'Check the month and the day (e.g. 2026-12-01, 令和8年12月1日).' },
});

function outsideEra(raw: string, era: (typeof ERAS)[number], iso: string): Said {
  const end = eraEnd(era);
  const span = { ja: `${eraDate(era.from)}〜${end ? eraDate(end) : ''}`, en: `${era.from} to ${end ?? 'today'}` };
  const actual = eraOf(iso);
  return {
    ja: `「${raw}」は${era.name}の期間（${span.ja}）の外の日付です。`,
    en: `"${raw}" falls outside the era ${era.name} (${span.en}).`,
    hint: actual
      ? { ja: `西暦${iso.slice(0, 4)}年のその日は${eraDate(iso)}です。元号か年を確かめてください。`, en: `That day of ${iso.slice(0, 4)} is ${eraDate(iso)} (${iso}): check the era or the year.` }
      : { ja: '元号か年を確かめてください。', en: 'Check the era or the year.' },
  };
}

/**
 * An amount or count: "2,000円", "２，０００", "¥2,000" → "2000" (yen marks only where `yen`).
 * Commas must group by three: "1,8,0,0" is refused, never read as 1800.
 */
export function readNumber(raw: unknown, options: { yen: boolean; whole: boolean }): Reading {
  if (typeof raw !== 'string') return left(raw);
  const s = halfWidth(raw);
  const m = numberRe(options).exec(s);
  if (!m) {
    const digits = options.yen ? s.replace(/^\s*[¥\\]|円\s*$/g, '') : s;
    return /^\s*\d[\d,]*(\.\d+)?\s*$/.test(digits) && digits.includes(',') ? { value: raw, problem: badGrouping(raw) } : left(raw);
  }
  const [, digits, fraction = ''] = m;
  const value = digits.replace(/,/g, '') + fraction;
  const european = options.yen && !options.whole && /^\s*\d{1,3}\.\d{3}\s*円/.test(s);
  return european ? { value, note: pointInYen(raw, value) } : { value };
}

const badGrouping = (raw: string): Said => ({
  ja: `「${raw}」の桁区切りの「,」の位置が正しくありません。`,
  en: `The commas in "${raw}" do not group the digits by three.`,
  hint: { ja: '3桁ごとに区切るか、区切らずに書いてください（例: 1,800 または 1800）。', en: 'Group by three digits or not at all (e.g. 1,800 or 1800).' },
});

/** 1.800円 is 1.8 yen to yoshiki; a clerk used to another grouping may have meant 1,800円. */
const pointInYen = (raw: string, value: string): Said => ({
  ja: `「${raw}」を ${Number(value)}円 と読みました。`,
  en: `"${raw}" was read as ${Number(value)} yen.`,
  hint: { ja: `千円以上のつもりなら「,」で区切ってください（例: ${value.replace('.', ',')}円）。`, en: `If you meant thousands, group with a comma (e.g. ${value.replace('.', ',')}円).` },
});

/** A rate: "7％", "7パーセント", "１／２０" → "7%", "1/20". */
export function readRate(raw: unknown): Reading {
  if (typeof raw !== 'string') return left(raw);
  const s = halfWidth(raw).trim().replace(/\s*パーセント$/, '%');
  return RE.rate.test(s) ? { value: s } : left(raw);
}

/** A postal code: "〒１００－０００１", "100ー0001" → "100-0001"; a YAML number (1000001) as its digits. */
export function readPostal(raw: unknown, source?: string): Reading {
  const text = typeof raw === 'number' ? digitsOf(raw, source) : raw;
  if (typeof text !== 'string') return left(raw);
  const s = halfWidth(text).trim();
  return RE.postal.test(s) ? { value: s.replace(/^〒\s*/, '') } : left(raw);
}

/**
 * A phone or fax number: full-width digits, plus signs and dashes as half-width; the rest (a
 * （代表） after it) as written. A YAML number (0312345678, the leading 0 lost) as its source text.
 */
export function readPhone(raw: unknown, source?: string): Reading {
  const text = typeof raw === 'number' ? digitsOf(raw, source) : raw;
  if (typeof text !== 'string') return left(raw);
  return { value: text.replace(/[０-９＋－]/g, (c) => halfWidth(c)).replace(DASHES, '-').trim() };
}

/**
 * A number YAML read where text was wanted (title: 1984, user_id: 0012345): the text as typed.
 * Only digits (and the signs and points of a number) are taken from the source: never anything else.
 */
export function readText(raw: unknown, source?: string): Reading {
  return typeof raw === 'number' ? { value: digitsOf(raw, source) } : left(raw);
}

const digitsOf = (n: number, source?: string) => (source !== undefined && /^[+-]?[\d.]+$/.test(source) ? source : String(n));

/** A choice by its key or any of its labels (法人 for corporation), width and case aside. */
export function readChoice(raw: unknown, keys: readonly string[], labels?: Readonly<Record<string, readonly string[]>>): Reading {
  if (typeof raw !== 'string' || keys.includes(raw)) return left(raw);
  const word = looseWord(raw);
  const key = keys.find((k) => looseWord(k) === word)
    ?? keys.find((k) => labels?.[k]?.some((label) => looseWord(label) === word));
  return key === undefined ? left(raw) : { value: key };
}

/** Yes or no as a clerk writes it in a case or a spreadsheet cell. */
export const YES = ['true', 'yes', 'はい', '有', '有り', 'あり', '○', '〇', '済', '1'];
export const NO = ['false', 'no', 'いいえ', '無', '無し', 'なし', '×', '0'];

export function readYesNo(raw: unknown): Reading {
  if (typeof raw !== 'string' && typeof raw !== 'number') return left(raw);
  const word = looseWord(String(raw));
  if (YES.some((w) => looseWord(w) === word)) return { value: true };
  if (NO.some((w) => looseWord(w) === word)) return { value: false };
  return left(raw);
}
