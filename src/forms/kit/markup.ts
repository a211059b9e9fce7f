/**
 * Templates hold a form's wording and order as one block per line, so a form's paper is edited in
 * `templates/`, not in code:
 *
 *     p align=right | {{date}}
 *     p label=1 indent=0 keep | 著作物の題号
 *     @box stamp                 (a block of that kind, its fields taken from the context at that path)
 *     break                      (page break)
 *
 * Handlebars fills the template; every string in the context is escaped first so that a user's
 * newline stays inside its paragraph (it becomes "\n" here and a line break in the block).
 *
 * A template is checked when it is loaded: an unknown block kind or paragraph attribute is an error
 * naming the template file and line; the fields of each `@kind` block are checked against the
 * model's schema of that kind when it is filled, again naming the template line.
 */
import { BLOCK_SCHEMAS, type Block, type BlockKind, type Paragraph } from '../../model/document.js';

/** A mistake in a template: a bug of yoshiki's, reported with the template's file and line. */
export class TemplateError extends Error {}

const PARAGRAPH_ATTRIBUTES = new Set(['align', 'indent', 'first', 'label', 'size', 'before', 'after', 'keep']);
const isBlockKind = (kind: string): kind is BlockKind => Object.hasOwn(BLOCK_SCHEMAS, kind);

/**
 * Checks a block template's lines before it is compiled, and marks each `@kind path` line with its
 * line number (` #12`) so that a block filled wrongly is reported at the template's line, not the
 * filled text's (Handlebars removes the lines of {{#if}} and {{/each}}).
 */
export function checkBlockTemplate(source: string, file: string): string {
  return source.split('\n').map((raw, i) => {
    const fail = (why: string) => new TemplateError(`${file}:${i + 1}: ${why}: ${raw.trim()}`);
    // What the line is, with Handlebars expressions, comments and block helpers taken out.
    // A partial alone on a line (`{{> (lookup . "partial")}}`) brings lines of its own, checked as they are parsed.
    const line = raw.replace(/{{!--[\s\S]*?--}}|{{![^}]*}}/g, '').replace(/{{[#/^][^}]*}}|{{else\b[^}]*}}/g, '').replace(/^\s*{{>[^}]*}}\s*$/, '').trim();
    if (line === '') return raw;
    if (line.startsWith('@')) {
      const [kind, path, ...rest] = line.slice(1).split(/\s+/);
      if (!isBlockKind(kind)) throw fail(`unknown block kind "${kind}" (known: ${Object.keys(BLOCK_SCHEMAS).join(', ')})`);
      if (!path || rest.length) throw fail('a block line is "@kind path.to.data"');
      return `${raw} #${i + 1}`;
    }
    const head = (line.includes('|') ? line.slice(0, line.indexOf('|')) : line).replace(/{{[^}]*}}/g, 'x').trim().split(/\s+/);
    const [kind, ...attrs] = head;
    if (kind !== 'p' && kind !== 'title' && kind !== 'break') throw fail(`unknown block "${kind}" (p, title, break or @kind)`);
    for (const attr of attrs) {
      const name = attr.split('=')[0];
      if (!PARAGRAPH_ATTRIBUTES.has(name)) throw fail(`unknown attribute "${name}" (known: ${[...PARAGRAPH_ATTRIBUTES].join(', ')})`);
    }
    return raw;
  }).join('\n');
}

/** Escapes every string of the context for the line-based markup. */
export function escapeContext<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n') as T;
  if (Array.isArray(value)) return value.map(escapeContext) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeContext(v);
    return out as T;
  }
  return value;
}

const unescape = (s: string) => s.replace(/\\(n|\\)/g, (_, c) => (c === 'n' ? '\n' : '\\'));

/** Parses the filled template into blocks; `context` supplies structured blocks for @lines. */
export function parseMarkup(markup: string, context: Record<string, unknown>, where: string): Block[] {
  const blocks: Block[] = [];
  markup.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const fail = (why: string) => new TemplateError(`${where}:${i + 1}: ${why}: ${line}`);
    if (line.startsWith('@')) {
      const [kind, path, mark] = line.slice(1).split(/\s+/);
      const at = (why: string) => new TemplateError(`${where}:${mark?.slice(1) ?? '?'}: @${kind} ${path}: ${why}`);
      if (!isBlockKind(kind)) throw at(`unknown block kind "${kind}"`);
      const data = path?.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], context);
      if (!data || typeof data !== 'object') throw at(`no data at "${path}"`);
      const checked = BLOCK_SCHEMAS[kind].safeParse({ ...(data as object), kind });
      if (!checked.success) {
        const issues = checked.error.issues.map((e) => `${e.path.join('.') || '(block)'}: ${e.message}`).join('; ');
        throw at(`not a ${kind} block: ${issues}`);
      }
      blocks.push(checked.data as Block);
      return;
    }
    const bar = line.indexOf('|');
    const head = (bar < 0 ? line : line.slice(0, bar)).trim().split(/\s+/);
    const text = bar < 0 ? '' : unescape(line.slice(bar + 1).trim());
    const [kind, ...attrs] = head;
    if (kind === 'break') {
      blocks.push({ kind: 'pageBreak' });
      return;
    }
    if (kind !== 'p' && kind !== 'title') throw fail(`unknown block "${kind}"`);
    const p: Paragraph = kind === 'title'
      ? { kind: 'paragraph', text, align: 'center', size: 16, before: 1, after: 1 }
      : { kind: 'paragraph', text };
    for (const attr of attrs) applyAttr(p, attr, fail);
    blocks.push(p);
  });
  return blocks;
}

function applyAttr(p: Paragraph, attr: string, fail: (why: string) => Error): void {
  const [name, value = ''] = attr.split('=');
  const num = () => {
    const n = Number(value);
    if (!Number.isFinite(n)) throw fail(`"${name}" needs a number`);
    return n;
  };
  switch (name) {
    case 'align': if (value !== 'left' && value !== 'center' && value !== 'right') throw fail('bad align'); p.align = value; break;
    case 'indent': p.indent = num(); break;
    case 'first': p.firstLine = num(); break;
    case 'label': p.label = unescape(value); break;
    case 'size': p.size = num(); break;
    case 'before': p.before = num(); break;
    case 'after': p.after = num(); break;
    case 'keep': p.keepWithNext = true; break;
    default: throw fail(`unknown attribute "${name}"`);
  }
}
