/**
 * The YAML slips a Japanese clerk makes, reported as what they are rather than as the parser's
 * guess: a full-width colon or space where YAML wants a half-width one (「全角」), a value holding
 * ": " (note: 注記: …) or starting with a character YAML reserves (*, &, !, @, `, %), and ` #` that
 * turns the rest of a line into a comment. Each message names the line as the clerk wrote it and
 * how to write it instead.
 */
import type { Bilingual } from '../base/problem.js';
import type { Said } from './typed.js';

export interface Slip {
  /** Where in the text the slip is. */
  offset: number;
  said: Said;
}

/** The text of the line holding `offset`, and where it starts. */
function lineAt(text: string, offset: number): { start: number; line: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, line: text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '') };
}

const FULL_WIDTH_INDENT: Said = {
  ja: '字下げに全角スペースが使われています。',
  en: 'The indentation uses a full-width space (全角スペース).',
  hint: { ja: '字下げは半角スペースで書いてください。', en: 'Indent with half-width spaces.' },
};

/** A field name followed by a full-width colon, or by ":" and a full-width space. */
const KEY_SLIP = /^([ \t]*(?:- )?)([a-z][a-z0-9_]*)(\s*：|:\u3000)/;

function keySlip(start: number, line: string): Slip | null {
  const indent = /^[ \t\u3000]*/.exec(line)![0];
  if (indent.includes('\u3000')) return { offset: start + indent.indexOf('\u3000'), said: FULL_WIDTH_INDENT };
  const m = KEY_SLIP.exec(line);
  if (!m) return null;
  const [, lead, key, sep] = m;
  const offset = start + lead.length + key.length + sep.search(/[：\u3000]/);
  const said: Said = sep.includes('：')
    ? { ja: `「${key}」の後のコロン「：」が全角です。`, en: `The colon after "${key}" is full-width (：).`,
      hint: { ja: `半角の「:」と半角スペースにしてください（例: ${key}: …）。`, en: `Write a half-width ":" and a space (e.g. ${key}: …).` } }
    : { ja: `「${key}:」の後の空白が全角スペースです。`, en: `The space after "${key}:" is a full-width space (全角スペース).`,
      hint: { ja: `「:」の後は半角スペースにしてください（例: ${key}: …）。`, en: `Write a half-width space after ":" (e.g. ${key}: …).` } };
  return { offset, said };
}

/** "key: value" split as a clerk sees the line (for the example of how to quote it). */
function keyAndValue(line: string): { key: string; value: string } | null {
  const m = /^[ \t]*(?:- )?([^\s:#][^:#]*?):[ \t]+(.*?)[ \t]*$/.exec(line) ?? /^[ \t]*-[ \t]+(.*?)[ \t]*$/.exec(line);
  if (!m) return null;
  return m.length === 3 ? { key: m[1], value: m[2] } : { key: '-', value: m[1] };
}

const quoted = (kv: { key: string; value: string } | null, value = kv?.value ?? '…') =>
  `${kv && kv.key !== '-' ? `${kv.key}: ` : '- '}"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const RESERVED: Record<string, Bilingual> = {
  '*': { ja: 'YAML では別の値の参照（エイリアス）と読まれます', en: 'YAML reads it as a reference to another value (an alias)' },
  '&': { ja: 'YAML では値の名前（アンカー）と読まれます', en: 'YAML reads it as a name for the value (an anchor)' },
  '!': { ja: 'YAML では値の型（タグ）と読まれます', en: 'YAML reads it as a type for the value (a tag)' },
  '@': { ja: 'YAML では使えない文字です', en: 'YAML reserves it' },
  '`': { ja: 'YAML では使えない文字です', en: 'YAML reserves it' },
  '%': { ja: 'YAML では指示（ディレクティブ）の記号です', en: 'YAML reads it as a directive' },
};

/** A value that starts with a character YAML reserves, at `offset` (where that character is). */
export function reservedStart(text: string, offset: number): Slip | null {
  const { line } = lineAt(text, offset);
  const ch = text[offset];
  const why = RESERVED[ch];
  if (!why) return null;
  const kv = keyAndValue(line);
  return {
    offset,
    said: {
      ja: `「${ch}」で始まる値は、${why.ja}。`,
      en: `A value starting with "${ch}": ${why.en}.`,
      hint: { ja: `値全体を引用符で囲んでください（例: ${quoted(kv)}）。`, en: `Put the whole value in quotes (e.g. ${quoted(kv)}).` },
    },
  };
}

/** ": " inside a value (note: 注記: …), which YAML reads as another key. */
function colonInValue(start: number, line: string): Slip | null {
  const m = /^([ \t]*(?:- )?[^\s:#'"][^:#]*?:[ \t]+)([^'"\s[{][^#]*?)(:)(?=[ \t]|$)/.exec(line);
  if (!m) return null;
  const kv = keyAndValue(line);
  return {
    offset: start + m[1].length + m[2].length,
    said: {
      ja: '値の中の「: 」（コロンと空白）が、項目の区切りと読まれました。',
      en: 'The ": " inside this value was read as the start of another field.',
      hint: { ja: `値全体を引用符で囲んでください（例: ${quoted(kv)}）。`, en: `Put the whole value in quotes (e.g. ${quoted(kv)}).` },
    },
  };
}

/** What the parser's error at `offset` is, when it is one of a clerk's slips. */
export function slipAtError(text: string, offset: number, code: string): Slip | null {
  const { start, line } = lineAt(text, offset);
  const key = keySlip(start, line);
  if (key) return key;
  if (code === 'BAD_SCALAR_START') return reservedStart(text, offset);
  if (code === 'MISSING_CHAR' && /[!&]/.test(text[offset - 1] ?? '')) {
    const at = line.slice(0, offset - start).search(/[!&][^\s!&]*$/);
    return at >= 0 ? reservedStart(text, start + at) : null;
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return colonInValue(start, line);
  return null;
}

/** A key YAML read that a slip made: a full-width space before it, or a full-width colon in it. */
export function slipInKey(text: string, offset: number): Slip | null {
  const { start, line } = lineAt(text, offset);
  return keySlip(start, line);
}

/** A plain value that is really "key：value" or "key:　value" on a line of its own. */
export function slipInValue(text: string, offset: number, value: string): Slip | null {
  if (!/^[a-z][a-z0-9_]*(\s*：|:\u3000)/.test(value)) return null;
  const { start, line } = lineAt(text, offset);
  return keySlip(start, line);
}

/**
 * ` #` right after a value, with no space after the #: YAML ends the value there and reads the rest
 * as a comment, though the clerk most likely meant "港町 #2". A comment meant as one has a space
 * after the # (or two before it), as yoshiki's starters write them.
 */
export function commentInValue(text: string, valueEnd: number, value: unknown): Slip | null {
  // Asked of every plain value: the line is looked at only when a # follows, or 200,000 values on
  // one line (a flow list) took each the whole line's length, minutes in all.
  if (text[valueEnd] !== '#' && !(text[valueEnd] === ' ' && text[valueEnd + 1] === '#')) return null;
  const { start, line } = lineAt(text, valueEnd);
  const rest = line.slice(valueEnd - start);
  const m = /^( ?)#(\S.*)$/.exec(rest);
  if (!m) return null;
  const before = line.slice(0, valueEnd - start);
  if (m[1] === '' ? !/[^ ] $/.test(before) : / $/.test(before)) return null;
  const kv = keyAndValue(line);
  const shown = value === null || value === undefined ? '' : String(value);
  const whole = `${shown}${shown ? ' ' : ''}#${m[2]}`.trim();
  return {
    offset: valueEnd + m[1].length,
    said: {
      ja: `「#${m[2]}」から行の終わりまでがコメントとして読まれ、値は${shown ? `「${shown}」` : '空'}になりました。`,
      en: `Everything from "#${m[2]}" to the end of the line was read as a comment: the value is ${shown ? `"${shown}"` : 'empty'}.`,
      hint: {
        ja: `# も値なら、値全体を引用符で囲んでください（例: ${quoted(kv, whole)}）。コメントのつもりなら # の後に空白を入れてください。`,
        en: `If the # belongs to the value, put the whole value in quotes (e.g. ${quoted(kv, whole)}); if it is a comment, put a space after the #.`,
      },
    },
  };
}
