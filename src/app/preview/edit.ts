/**
 * The editor's changes to a case file's text (README, "The editor"). The page sends operations on
 * paths (`{op:'set', path:['works',0,'title'], value:'…'}`); each is applied to the YAML text so
 * that everything it does not touch stays as the clerk wrote it — comments, their alignment, key
 * order, quoting, folded lines. yaml's Document API keeps comments and order but writes the whole
 * file again in its own layout (aligned comments moved, folded text joined: 20–98 changed lines for
 * one changed value in the fixtures), so the common changes are made as splices of the text at the
 * node's place: a value replaced, a key added at the end of its mapping, an item inserted, removed
 * or moved. Every splice is proven by parsing the result and comparing it with what the Document API
 * makes of the same operation; anything else (a flow collection, a new parent) takes the Document's text.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Document, type Node, type Pair } from 'yaml';
import type { FieldPath } from '../../base/problem.js';
import { parseCaseText } from '../../input/parse.js';

export type Op =
  | { op: 'set'; path: FieldPath; value: unknown }
  | { op: 'delete'; path: FieldPath }
  | { op: 'insert'; path: FieldPath; index: number; value: unknown }
  | { op: 'move'; path: FieldPath; from: number; to: number };

/** A mistake in what the page sent (a path that is not there): said, nothing changed. */
export class EditError extends Error {}

/** Paths this deep are no case's (the deepest form nests 6; the parser allows 32). */
const MAX_PATH = 32;
const MAX_OPS = 1000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The operations of a request, checked for shape; a bad one throws EditError. */
export function readOps(body: unknown): Op[] {
  const ops = (body as { ops?: unknown } | null)?.ops;
  if (!Array.isArray(ops) || ops.length > MAX_OPS) throw new EditError(`ops must be a list of at most ${MAX_OPS} operations`);
  return ops.map((op: unknown) => {
    const o = op as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') throw new EditError('an operation is not an object');
    if (!isPath(o.path)) throw new EditError('an operation\'s path is not a list of keys and indices');
    const index = (k: string) => {
      if (!Number.isInteger(o[k]) || (o[k] as number) < 0) throw new EditError(`${k} must be an index`);
      return o[k] as number;
    };
    if (o.op === 'set' && o.path.length > 0 && 'value' in o) return { op: 'set', path: o.path, value: o.value };
    if (o.op === 'delete' && o.path.length > 0) return { op: 'delete', path: o.path };
    if (o.op === 'insert' && 'value' in o) return { op: 'insert', path: o.path, index: index('index'), value: o.value };
    if (o.op === 'move') return { op: 'move', path: o.path, from: index('from'), to: index('to') };
    throw new EditError(`unknown or incomplete operation ${JSON.stringify(o.op)}`);
  });
}

function isPath(p: unknown): p is FieldPath {
  return Array.isArray(p) && p.length <= MAX_PATH && p.every((k) =>
    (typeof k === 'string' && k.length > 0 && k.length <= 200 && !FORBIDDEN_KEYS.has(k)) || (Number.isInteger(k) && k >= 0));
}

const parse = (text: string) => parseDocument(text, { uniqueKeys: false });

/** The text after the operations, each applied in turn. Throws EditError when one does not fit the case. */
export function applyOps(text: string, ops: Op[]): string {
  return ops.reduce(applyOp, text);
}

export function applyOp(text: string, op: Op): string {
  // The case parser's guards first (nesting depth, alias expansion): yaml alone would follow a bomb.
  if (!parseCaseText('case.yaml', text).ok) throw new EditError('the case file has an error in its YAML: fix it in the text first');
  const doc = parse(text);
  if (doc.errors.length) throw new EditError('the case file has a YAML error: fix it in the text first');
  const expected = viaDocument(doc.clone(), op);
  const want = expected.toJS();
  const spliced = splice(text, doc, op);
  if (spliced !== undefined) {
    const check = parse(spliced);
    if (!check.errors.length && isDeepStrictEqual(check.toJS(), want)) return spliced;
  }
  return expected.toString({ lineWidth: 0 });
}

/** The operation done by yaml's Document API: always right, but the whole text laid out anew. */
function viaDocument(doc: Document, op: Op): Document {
  if (op.op === 'set') doc.setIn(op.path, doc.createNode(op.value));
  else if (op.op === 'delete') {
    if (!doc.hasIn(op.path)) throw new EditError(`nothing at ${op.path.join('.')} to delete`);
    doc.deleteIn(op.path);
  } else {
    const seq = op.path.length ? doc.getIn(op.path, true) : doc.contents;
    if (op.op === 'insert' && seq === undefined && op.index === 0) doc.setIn(op.path, doc.createNode([op.value]));
    else {
      if (!isSeq(seq)) throw new EditError(`${op.path.join('.')} is not a list`);
      const n = seq.items.length;
      if (op.op === 'insert') {
        if (op.index > n) throw new EditError(`index ${op.index} is past the end of ${op.path.join('.')}`);
        seq.items.splice(op.index, 0, doc.createNode(op.value));
      } else {
        if (op.from >= n || op.to >= n) throw new EditError(`index past the end of ${op.path.join('.')}`);
        seq.items.splice(op.to, 0, ...seq.items.splice(op.from, 1));
      }
    }
  }
  return doc;
}

type Ranged = Node & { range: [number, number, number] };
const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
/** The offset just past the end of the line `at` is on (past its newline). */
const nextLine = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
};
const withNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);

/** The text with the operation spliced in at its place, or undefined where no simple splice applies. */
function splice(text: string, doc: Document, op: Op): string | undefined {
  const parentPath = op.path.slice(0, -1);
  const key = op.path[op.path.length - 1];
  const parent = (parentPath.length ? doc.getIn(parentPath, true) : doc.contents) as Node | undefined;
  if (op.op === 'set') {
    const node = doc.getIn(op.path, true) as Ranged | undefined;
    if (node && isScalar(node) && isScalar(doc.createNode(op.value))) return replaceScalar(text, node, op.value);
    if (node) return undefined;
    // A new key, under the nearest mapping that is there (its missing parents written with it).
    for (let i = op.path.length - 1; i >= 0; i--) {
      const above = (i ? doc.getIn(op.path.slice(0, i), true) : doc.contents) as Node | undefined;
      if (above === undefined) continue;
      const name = op.path[i];
      return isMap(above) && typeof name === 'string' ? appendPair(text, above, name, nested(op.path.slice(i + 1), op.value)) : undefined;
    }
    return undefined;
  }
  if (op.op === 'delete') {
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Ranged, Ranged> | undefined;
      return pair ? cutLines(text, pair.key?.range[0], (pair.value ?? pair.key)?.range[1]) : undefined;
    }
    if (isSeq(parent) && typeof key === 'number') return cutItem(text, parent.items[key] as Ranged | undefined)?.text;
    return undefined;
  }
  const seq = (op.path.length ? doc.getIn(op.path, true) : doc.contents) as Node | undefined;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const items = seq.items as Ranged[];
  if (op.op === 'insert') return insertItem(text, items, op.index, itemText(op.value), false);
  // A move: the item's own lines (comments and all) cut, then put back before the item now at `to`.
  const cut = cutItem(text, items[op.from]);
  if (!cut) return undefined;
  const rest = parse(cut.text).getIn(op.path, true);
  if (!isSeq(rest)) return undefined;
  return insertItem(cut.text, rest.items as Ranged[], op.to, cut.removed, true);
}

/** The value under the keys that do not exist yet: a mapping for a name, a list for an index (as yaml's setIn makes them). */
function nested(path: FieldPath, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, k) => (typeof k === 'number' ? Object.assign(new Array(k + 1).fill(null), { [k]: inner }) : { [k]: inner }), value);
}

/** A value's text where it stands: a single line as yaml would write it, or a literal block under a key. */
function replaceScalar(text: string, node: Ranged, value: unknown): string | undefined {
  const [start, end] = node.range;
  const line = text.slice(lineStart(text, start), start);
  const source = scalarText(node, value);
  // Multi-line text, or any text where the clerk wrote a literal block: a literal block.
  if (source.includes('\n') || (isScalar(node) && node.type === 'BLOCK_LITERAL' && typeof value === 'string')) {
    // A literal block indented under its key, as a clerk would write it.
    if (typeof value !== 'string' || /^\s/.test(value) || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return undefined;
    const indent = ' '.repeat(/^[\s-]*/.exec(line)![0].length + 2);
    const content = value.replace(/\n$/, '').split('\n').map((l) => (l ? indent + l : '')).join('\n');
    const block = isBlock(node);
    const lineEnd = nextLine(text, end) - (text.includes('\n', end) ? 1 : 0);
    // What stood after the old value on its line (a comment) stays on the block's first line.
    const tail = block ? '' : text.slice(end, lineEnd);
    if (tail.trim() && !tail.trim().startsWith('#')) return undefined;
    const resume = block ? (text[end - 1] === '\n' ? end : nextLine(text, end)) : nextLine(text, end);
    return `${text.slice(0, start)}|${value.endsWith('\n') ? '' : '-'}${tail}\n${content}\n${text.slice(resume)}`;
  }
  return `${text.slice(0, start)}${source}${text.slice(end)}`;
}

/**
 * A new value written as the old one was: text the clerk quoted ('x' or "x") stays quoted the same
 * way (yaml falls back to another style only where that one cannot hold the text). Only text keeps
 * quotes: a number typed where "1800" stood is a number now, as the form meant.
 */
function scalarText(node: Node, value: unknown): string {
  const quoted = isScalar(node) && (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE');
  const written = quoted && typeof value === 'string' ? Object.assign(new Scalar(value), { type: node.type }) : value;
  return stringify(written, { lineWidth: 0 }).replace(/\n$/, '');
}

/** `key: value` as a new last line of a block mapping, at its keys' indentation. */
function appendPair(text: string, map: Node, key: string, value: unknown): string | undefined {
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const first = map.items[0].key as Ranged | undefined;
  const last = map.items[map.items.length - 1];
  const lastEnd = ((last.value ?? last.key) as Ranged | null)?.range[1];
  if (!first || lastEnd === undefined) return undefined;
  const column = first.range[0] - lineStart(text, first.range[0]);
  const at = nextLine(text, Math.max(lastEnd - 1, 0));
  const lines = stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '').split('\n');
  const block = lines.map((l) => (l ? ' '.repeat(column) + l : l)).join('\n');
  return `${withNewline(text.slice(0, at))}${block}\n${text.slice(at)}`;
}

/** An item's text as a block-sequence entry (`- …`), to be indented where it goes. */
function itemText(value: unknown): string {
  return stringify([value], { lineWidth: 0 });
}

/** Puts an item's lines before items[index], or after the last: lines cut from the file as they are, new ones (`- …`) at the list's indentation. */
function insertItem(text: string, items: Ranged[], index: number, lines: string, indented: boolean): string | undefined {
  const ref = items[Math.min(index, items.length - 1)];
  const dash = dashBefore(text, ref.range[0]);
  if (dash === undefined) return undefined;
  const indent = ' '.repeat(dash - lineStart(text, dash));
  const block = indented ? lines : lines.split('\n').map((l) => (l ? indent + l : l)).join('\n');
  const at = index < items.length ? lineStart(text, dash) : nextLine(text, Math.max(items[items.length - 1].range[1] - 1, 0));
  return `${withNewline(text.slice(0, at))}${withNewline(block)}${text.slice(at)}`;
}

/** The offset of the `- ` that opens the item starting at `at`, when only indentation stands before it on its line. */
function dashBefore(text: string, at: number): number | undefined {
  const start = lineStart(text, at);
  const m = /^( *)- +$/.exec(text.slice(start, at)) ?? /^( *)-$/.exec(text.slice(start, at));
  return m ? start + m[1].length : undefined;
}

/** Removes an item's lines from its dash to the end of its last line. */
function cutItem(text: string, item: Ranged | undefined): { text: string; removed: string } | undefined {
  if (!item) return undefined;
  const dash = dashBefore(text, item.range[0]);
  if (dash === undefined) return undefined;
  const from = lineStart(text, dash);
  const to = nextLine(text, Math.max(item.range[1] - 1, from));
  return { text: text.slice(0, from) + text.slice(to), removed: text.slice(from, to) };
}

/** Removes whole lines from the one `start` is on to the one `end` is on, when nothing else shares them. */
function cutLines(text: string, start: number | undefined, end: number | undefined): string | undefined {
  if (start === undefined || end === undefined) return undefined;
  const from = lineStart(text, start);
  if (text.slice(from, start).trim()) return undefined;
  return text.slice(0, from) + text.slice(nextLine(text, Math.max(end - 1, start)));
}

const isBlock = (node: Node) => isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
