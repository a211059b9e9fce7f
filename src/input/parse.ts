/**
 * Reads a case file into a plain tree, remembering where every key and value sits so that a
 * problem can be reported as file:line:column. Guards against what a user might hand us by
 * mistake or malice: binary files, huge files, alias bombs and prototype-polluting keys.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Scalar } from 'yaml';
import { readBounded } from '../base/bounded-file.js';
import { error, warning, type FieldPath, type Problem } from '../base/problem.js';
import { commentInValue, reservedStart, slipAtError, slipInKey, slipInValue, type Slip } from './slips.js';
import { INPUT_CODES } from './codes.js';

export const MAX_CASE_BYTES = 5 * 1024 * 1024;
/**
 * The explicit tags a case may carry: YAML 1.2's core types. Others were ignored (`!custom x` read
 * as "x") or turned values into things no field takes (`!!binary`, `!!set`, `!!timestamp`).
 */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
/** Levels of nesting in one case: the deepest form nests 6; a thousand brackets are a mistake or an attack. */
const MAX_DEPTH = 32;
/** Values in one case, counting every alias expansion: far above any real case, far below a bomb. */
export const MAX_NODES = 200_000;
/**
 * Characters of text in one case, counting every alias expansion: a 5 MB file holds at most 5
 * million; a 19,000-character anchor named by 2,000 aliases made 38 million for the checks to read,
 * and 200,000 such aliases would make 4 billion.
 */
export const MAX_EXPANDED_CHARS = 2 * MAX_CASE_BYTES;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Position {
  line: number;
  column: number;
}

export interface ParsedCase {
  file: string;
  data: unknown;
  /** Position of the value at a path ("works.0.title"). */
  values: Map<string, Position>;
  /** Position of the key naming a path, for unknown or misspelt keys. */
  keys: Map<string, Position>;
  /** The text each number was written as (0312345678, which YAML reads as 312345678). */
  sources: Map<string, string>;
  /** Warnings about how the text was read: a value cut short by ` #`. */
  notes: Problem[];
}

export type ParseResult = { ok: true; parsed: ParsedCase } | { ok: false; problems: Problem[] };

export const pathKey = (path: FieldPath) => path.join('.');

export function readCaseFile(file: string): ParseResult {
  const read = readBounded(file, MAX_CASE_BYTES);
  if (!read.ok && read.reason === 'too-large') return tooLarge(file, read.size ?? MAX_CASE_BYTES + 1);
  if (!read.ok && read.reason === 'not-file')
    return fail(file, '普通のファイルではありません（フォルダ・デバイス・パイプなど）。', 'This is not a regular file (a folder, a device, a pipe…).',
      'ケースファイル（.yaml）そのものを指定してください。', 'Name the case file (.yaml) itself.');
  if (!read.ok)
    return fail(file, 'ファイルが見つからないか、読めません。', 'The file does not exist or cannot be read.',
      'パスを確かめてください。', 'Check the path.');
  return readCaseBytes(file, read.bytes);
}

/** A case's bytes from elsewhere than a file (standard input, the library API): the same guards. */
export function readCaseBytes(file: string, bytes: Uint8Array): ParseResult {
  if (bytes.length > MAX_CASE_BYTES) return tooLarge(file, bytes.length);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(file, 'UTF-8 のテキストとして読めません（バイナリファイルか、別の文字コードです）。',
      'This is not UTF-8 text (a binary file, or another encoding).',
      'ケースファイルは UTF-8 で保存してください。', 'Save the case file as UTF-8.');
  }
  return parseCaseText(file, text.replace(/^\uFEFF/, ''));
}

const tooLarge = (file: string, size: number) =>
  fail(file, `ファイルが大きすぎます（${size}バイト以上、上限${MAX_CASE_BYTES}バイト）。`,
    `The file is too large (${size} bytes or more; the limit is ${MAX_CASE_BYTES}).`,
    '多数の著作物は works_file の CSV に書いてください。', 'Put many works in a CSV named by works_file.');

export function parseCaseText(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  let doc: Document;
  const deep = flowTooDeep(text);
  if (deep !== undefined) {
    const pos = positionIn(text, deep);
    return { ok: false, problems: [{ ...error([], `括弧（[ と {）の入れ子が深すぎます（${MAX_DEPTH}段まで）。`, `Brackets ([ and {) nest too deep (at most ${MAX_DEPTH} levels).`,
      { ja: '括弧が閉じているか確かめてください。', en: 'Check that the brackets close.' }), file, line: pos.line, column: pos.column }] };
  }
  try {
    // Keys are checked for duplicates while the tree is walked (TreeWalker.collection): yaml's own
    // check compares each key with every earlier one, and 40,000 keys took minutes.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch {
    return fail(file, 'YAML として読めません。', 'This is not valid YAML.', '', '');
  }
  if (doc.errors.length > 0) {
    // After the first mistake on a line the parser's further complaints there are echoes of it.
    const seenLines = new Set<number>();
    // A tab in the indentation, or a clerk's slip (a full-width space or colon), throws the rest of the
    // file off: it is the one thing to fix.
    const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
    const slips = doc.errors.filter((e) => slipAtError(text, e.pos[0], e.code));
    const firstPerLine = (tabs.length ? tabs : slips.length ? slips : doc.errors).filter((e) => {
      const line = lineCounter.linePos(e.pos[0]).line;
      return seenLines.has(line) ? false : (seenLines.add(line), true);
    });
    return {
      ok: false,
      problems: firstPerLine.slice(0, 3).map((e) => {
        // An unclosed quote is found at the end of the file; the clerk needs the line that opened it.
        const opened = /closing "quote|closing 'quote/.test(e.message) ? unclosedQuote(text, e.pos[0]) : null;
        if (opened) {
          const pos = lineCounter.linePos(opened.offset);
          return { ...unclosedQuoteMessage(opened.quote), severity: 'error' as const, path: [], file, line: pos.line, column: pos.col };
        }
        const slip = slipAtError(text, e.pos[0], e.code);
        if (slip) {
          const pos = lineCounter.linePos(slip.offset);
          return { ...slip.said, severity: 'error' as const, path: [], file, line: pos.line, column: pos.col };
        }
        const pos = lineCounter.linePos(indentedTooDeep(e.code, text, e.pos[0]) ?? e.pos[0]);
        return { ...yamlErrorMessage(e.code, e.message), severity: 'error' as const, path: [], file, line: pos.line, column: pos.col };
      }),
    };
  }
  const parsed: ParsedCase = { file, data: undefined, values: new Map(), keys: new Map(), sources: new Map(), notes: [] };
  const walker = new TreeWalker(doc, text, lineCounter, parsed);
  try {
    parsed.data = walker.toPlain(doc.contents as Node | null, []);
  } catch (e) {
    if (e instanceof WalkProblem) return { ok: false, problems: [{ ...e.problem, file }] };
    throw e;
  }
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data))
    return fail(file, 'ケースファイルは「form: …」などの項目を並べたマッピングでなければなりません。',
      'A case file must be a mapping of fields such as "form: …".', '先頭に form: ruling などを書いてください。',
      'Start with a line such as form: ruling.');
  return { ok: true, parsed };
}

class WalkProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.en);
  }
}

class TreeWalker {
  private count = 0;
  /** The outermost alias being expanded: an alias bomb is reported where it is set off. */
  private expanding: { path: FieldPath; offset: number } | undefined;
  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly out: ParsedCase,
  ) {}

  private pos(offset: number): Position {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /**
   * The node an alias stands for: the last node before it with its anchor. yaml's Alias.resolve
   * walks the document from its start on every call, so 100,000 aliases took 100,000 walks; the
   * anchors are indexed here in one walk, in document order, as they are met.
   */
  private resolve(alias: Alias): Node | undefined {
    if (!this.targets) {
      this.targets = new Map();
      const latest = new Map<string, Node>();
      visit(this.doc, {
        Node: (_, node) => {
          if (isAlias(node)) this.targets!.set(node, latest.get(node.source));
          else if (node.anchor) latest.set(node.anchor, node);
        },
      });
    }
    return this.targets.get(alias);
  }

  private targets: Map<Alias, Node | undefined> | undefined;
  private chars = 0;

  toPlain(node: Node | null | undefined, path: FieldPath): unknown {
    if (++this.count > MAX_NODES) {
      const at = this.expanding;
      throw new WalkProblem({
        ...error(at?.path ?? path, `ケースファイルの値が多すぎます（エイリアスの展開を含めて${MAX_NODES.toLocaleString('en-US')}個まで）。`,
          `The case file expands to too many values (at most ${MAX_NODES.toLocaleString('en-US')}, counting YAML aliases).`,
          { ja: 'アンカーとエイリアス（& と *）の使い方を見直してください。', en: 'Review the anchors and aliases (& and *).' }),
        ...(at ? this.pos(at.offset) : {}),
      });
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = this.resolve(node);
      if (target === undefined) this.slip(path, reservedStart(this.text, node.range?.[0] ?? 0));
      if (target && this.open.has(target)) throw new WalkProblem(this.selfContaining(node, path));
      const outermost = this.expanding === undefined;
      if (outermost) this.expanding = { path, offset: node.range?.[0] ?? 0 };
      const value = this.toPlain(target, path);
      if (outermost) this.expanding = undefined;
      return value;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag && !PLAIN_TAGS.has(tag)) throw new WalkProblem(this.unknownTag(tag, node, path));
    if (isMap(node) || isSeq(node)) {
      this.open.add(node);
      try {
        return this.collection(node, path);
      } finally {
        this.open.delete(node);
      }
    }
    if (node.range) this.out.values.set(pathKey(path), this.pos(node.range[0]));
    if (isScalar(node)) {
      const value = this.scalar(node, path);
      if (typeof value === 'string' && (this.chars += value.length) > MAX_EXPANDED_CHARS) throw new WalkProblem(this.tooMuchText(path));
      return value;
    }
    return null;
  }

  private tooMuchText(path: FieldPath): Problem {
    const at = this.expanding;
    return { ...error(at?.path ?? path, `ケースファイルの文字が多すぎます（エイリアスの展開を含めて${MAX_EXPANDED_CHARS.toLocaleString('en-US')}文字まで）。`,
      `The case file expands to too much text (at most ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} characters, counting YAML aliases).`,
      { ja: 'アンカーとエイリアス（& と *）の使い方を見直してください。', en: 'Review the anchors and aliases (& and *).' }),
    ...(at ? this.pos(at.offset) : {}) };
  }

  private scalar(node: Scalar, path: FieldPath): unknown {
    const range = node.range;
    if (!range) return node.value;
    if (node.anchor && node.value === null) this.slip(path, reservedStart(this.text, this.text.lastIndexOf('&', range[0])));
    if (node.type === 'BLOCK_FOLDED' && typeof node.value === 'string')
      return foldForJapanese(this.text.slice(range[0], range[1]), node.value);
    if (node.type !== 'PLAIN') return node.value;
    if (typeof node.value === 'string') this.slip(path, slipInValue(this.text, range[0], node.value));
    if (typeof node.value === 'number') this.out.sources.set(pathKey(path), this.text.slice(range[0], range[1]));
    const comment = commentInValue(this.text, range[1], node.value);
    if (comment)
      this.out.notes.push({ ...warning(INPUT_CODES.comment, path, comment.said.ja, comment.said.en, comment.said.hint), file: this.out.file, ...this.pos(comment.offset) });
    return node.value;
  }

  /** A clerk's slip found while walking is the one error to report. */
  private slip(path: FieldPath, slip: Slip | null): void {
    if (slip) throw new WalkProblem({ ...error(path, slip.said.ja, slip.said.en, slip.said.hint), ...this.pos(slip.offset) });
  }

  private unknownTag(tag: string, node: Node, path: FieldPath): Problem {
    const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    return { ...error(path, `タグ「${shown}」は使えません（ケースファイルには文字・数・真偽値・一覧だけを書きます）。`,
      `The tag "${shown}" is not allowed: a case file holds text, numbers, yes/no and lists only.`,
      { ja: `「${shown}」を消してください。`, en: `Remove "${shown}".` }),
    // The node's range starts at its value; the tag is the last 「!」 before it.
    ...(node.range ? this.pos(Math.max(0, this.text.lastIndexOf('!', node.range[0]))) : {}) };
  }

  /** The collections being read, outermost first: an alias to one of them would hold itself (`x: &a [*a]`). */
  private readonly open = new Set<Node>();

  private selfContaining(alias: Alias, path: FieldPath): Problem {
    return { ...error(path, `エイリアス「*${alias.source}」が、自分を含むアンカーを指しています（値が無限に続きます）。`,
      `The alias "*${alias.source}" points to an anchor that holds it: the value would never end.`,
      { ja: 'エイリアスを、アンカーの外に移すか、値そのものに書き換えてください。', en: 'Move the alias out of its anchor, or write the value itself.' }),
    ...(alias.range ? this.pos(alias.range[0]) : {}) };
  }

  private collection(node: Node, path: FieldPath): unknown {
    if (node.range) this.out.values.set(pathKey(path), this.pos(node.range[0]));
    if (path.length >= MAX_DEPTH)
      throw new WalkProblem({ ...error(path, `入れ子が深すぎます（${MAX_DEPTH}段まで）。`, `Nested too deep (at most ${MAX_DEPTH} levels).`,
        { ja: '括弧（[ と {）や字下げが閉じているか確かめてください。', en: 'Check that the brackets ([ and {) and indentation close.' }), ...this.pos(node.range?.[0] ?? 0) });
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = String(isScalar(keyNode) ? keyNode.value : keyNode);
        const keyPath = [...path, key];
        const keyAt = keyNode && (keyNode as Node).range ? this.pos((keyNode as Node).range![0]) : undefined;
        if (Object.hasOwn(obj, key))
          throw new WalkProblem({ ...error(keyPath, '同じ項目名が二度書かれています。', `A key appears twice: ${key}`,
            { ja: 'どちらか一方を消してください。', en: 'Remove one of them.' }), ...keyAt });
        if (keyAt) this.out.keys.set(pathKey(keyPath), keyAt);
        if (keyNode?.range && /^\u3000|：/.test(key)) this.slip(keyPath, slipInKey(this.text, keyNode.range[0]));
        if (FORBIDDEN_KEYS.has(key))
          throw new WalkProblem({ ...error(keyPath, `「${key}」は項目名に使えません。`, `"${key}" cannot be used as a field name.`),
            ...this.out.keys.get(pathKey(keyPath)) });
        obj[key] = this.toPlain(pair.value as Node | null, keyPath);
        if (!(pair.value as Node | null)?.range) {
          const keyPos = this.out.keys.get(pathKey(keyPath));
          if (keyPos) this.out.values.set(pathKey(keyPath), keyPos);
        }
      }
      return obj;
    }
    if (isSeq(node)) return node.items.map((item, i) => this.toPlain(item as Node, [...path, i]));
    return null;
  }
}

const WIDE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/**
 * YAML folds the lines of a `>` scalar with a space, which is right for English and wrong for
 * Japanese: 「ところ、 他社から」. Where either side of a fold is a wide character we join without
 * the space. Anything beyond plain folding (blank lines, more-indented lines) keeps YAML's value.
 */
export function foldForJapanese(source: string, yamlValue: string): string {
  const lines = source.split(/\r?\n/).slice(1);
  const content = lines.map((l) => l.trim()).filter((l, i, all) => l !== '' || i < all.length - 1);
  while (content.length && content[content.length - 1] === '') content.pop();
  if (content.some((l) => l === '')) return yamlValue;
  if (content.join(' ') !== yamlValue.replace(/\n+$/, '')) return yamlValue;
  const trailing = yamlValue.slice(yamlValue.replace(/\n+$/, '').length);
  let out = content[0] ?? '';
  for (const line of content.slice(1)) {
    const joinTight = WIDE.test(out.slice(-1)) || WIDE.test(line[0]);
    out += joinTight ? line : ` ${line}`;
  }
  return out + trailing;
}

/**
 * Where the quote left open before `end` was opened: a quote opens a value when it comes first
 * after "key: ", "- " or a flow bracket; inside, \" (double) or '' (single) do not close it.
 */
function unclosedQuote(text: string, end: number): { offset: number; quote: string } | null {
  let open: { offset: number; quote: string } | null = null;
  let comment = false;
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (open) {
      if (open.quote === '"' && ch === '\\') i++;
      else if (ch === open.quote && open.quote === "'" && text[i + 1] === "'") i++;
      else if (ch === open.quote) open = null;
    } else if (comment) {
      if (ch === '\n') comment = false;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      comment = true;
    } else if ((ch === '"' || ch === "'") && /(^|\n)[ \t]*(- )?$|(^|[^\\])(: |- |[[{,] ?)$/.test(text.slice(Math.max(0, i - 200), i).split('\n').pop() ?? '')) {
      open = { offset: i, quote: ch };
    }
  }
  return open;
}

function unclosedQuoteMessage(quote: string) {
  return {
    ja: `引用符（${quote}）が閉じていません。`,
    en: `This quote (${quote}) is never closed.`,
    hint: { ja: `値の終わりに ${quote} を書き足してください。`, en: `Add the closing ${quote} at the end of the value.` },
  };
}

/**
 * "key: value" followed by a line indented deeper than its key makes YAML read that line as more of
 * the value, and it complains at the value. The clerk's mistake is the deeper line: point there.
 */
/**
 * Where flow brackets ([ and {) first nest deeper than MAX_DEPTH, found by one pass over the text
 * before parsing: the YAML parser recurses per level, and a megabyte of 「[[[[…」 ran it out of stack
 * after a minute and a gigabyte. A bracket counts where a flow collection can open — at a line's
 * start, after 「: 」, 「- 」, 「? 」, a bracket or a comma — not inside quotes or a comment, so 「see [1]」
 * in a plain value is text.
 */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let previous = '\n'; // the last character that is not a space
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i) - 1;
      continue;
    }
    const opens = previous === '\n' || previous === ':' || previous === '-' || previous === '?' || previous === '[' || previous === '{' || previous === ',';
    if (opens && (c === '"' || c === "'")) {
      i = closingQuote(text, i);
      previous = c;
      continue;
    }
    if (opens && (c === '[' || c === '{') && ++depth > MAX_DEPTH) return i;
    if ((c === ']' || c === '}') && depth > 0) depth--;
    previous = c;
  }
  return undefined;
}

/** The index of the quote that closes the one at `open` (doubled '' inside single quotes, \" inside double). */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++, start = i + 1;
  return { line, column: offset - start + 1 };
}

function indentedTooDeep(code: string, text: string, offset: number): number | null {
  if (code !== 'BLOCK_AS_IMPLICIT_KEY' && code !== 'MULTILINE_IMPLICIT_KEY') return null;
  const next = text.indexOf('\n', offset);
  if (next < 0) return null;
  const indent = /^[ ]*/.exec(text.slice(next + 1))![0].length;
  return next + 1 + indent;
}

function yamlErrorMessage(code: string, message: string): { ja: string; en: string; hint?: { ja: string; en: string } } {
  const first = message.split('\n')[0];
  switch (code) {
    case 'DUPLICATE_KEY':
      return { ja: '同じ項目名が二度書かれています。', en: `A key appears twice: ${first}`, hint: { ja: 'どちらか一方を消してください。', en: 'Remove one of them.' } };
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return { ja: '字下げ（インデント）か記号の書き方が YAML として正しくありません。', en: `YAML syntax error: ${first}`,
        hint: { ja: '同じ階層の項目は同じ数の半角スペースで字下げし、タブは使わないでください。', en: 'Indent fields of the same level with the same number of spaces; do not use tabs.' } };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { ja: 'この行の字下げが深すぎます。前の行の値の続きとして読まれています。', en: `This line is indented too deep: it reads as more of the previous line's value (${first})`,
        hint: { ja: '同じ階層の項目は、前の項目と同じ数の半角スペースで字下げしてください。', en: 'Indent it by as many spaces as the field above it.' } };
    case 'TAB_AS_INDENT':
      return { ja: '字下げにタブが使われています。', en: 'A tab is used for indentation.', hint: { ja: '半角スペースで字下げしてください。', en: 'Indent with spaces.' } };
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
      return { ja: 'エイリアス（*名前）の書き方が正しくありません。', en: `Bad alias: ${first}` };
    default:
      if (/alias/i.test(first))
        return { ja: 'エイリアス（*名前）の展開が多すぎます。', en: `Too many alias expansions: ${first}`,
          hint: { ja: 'アンカーとエイリアスの使い方を見直してください。', en: 'Review the anchors and aliases.' } };
      return { ja: 'YAML として読めません。', en: `YAML error: ${first}`,
        hint: { ja: '行と列の位置の前後を確かめてください。引用符やかっこの閉じ忘れがよくある原因です。', en: 'Look around that line and column; an unclosed quote or bracket is a common cause.' } };
  }
}

function fail(file: string, ja: string, en: string, hintJa: string, hintEn: string): ParseResult {
  return { ok: false, problems: [{ severity: 'error', path: [], file, ja, en, hint: hintJa ? { ja: hintJa, en: hintEn } : undefined }] };
}
