/**
 * How problems read on a terminal: file:line:column and field, then Japanese, English and the fix.
 * On a terminal (see terminal.ts) errors are red, warnings yellow, places cyan, and each message
 * wraps under itself; in a pipe the same words, plain, one message a line.
 */
import { relative } from 'node:path';
import { pathText, type Problem } from '../../base/problem.js';
import { formIsEnglish } from '../../forms/registry.js';
import { hanging, PLAIN, type Span, type Style } from './terminal.js';

/** What a report needs of a checked or rendered case. */
export interface Reported { file: string; form: string | null; ok: boolean; problems: Problem[]; settled?: string[] }

/**
 * Text from a case made safe for a terminal: a field name, a value or a file name holding ESC, BEL
 * or NUL was printed raw, so a case could erase its own ✗ line and show ✓. Control characters (C0
 * but the line end, DEL, C1) become their visible pictures (␛ ␇ ␀) or <U+0085>, and the bidi
 * overrides that reorder a line on screen become <U+202E>. `--json` needs none of this: JSON
 * escapes them itself.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** A path as the user would type it from here. */
export const shown = (file: string) => visible(relative(process.cwd(), file) || file);

/**
 * A case's report: ✓ or ✗ with its file, then its problems — `all` of them; only the `errors`
 * (--quiet); or the `first-error` alone (the failed cases listed again after a batch).
 */
export function caseReport(r: Reported, style: Style = PLAIN, shows: 'all' | 'errors' | 'first-error' = 'all'): string {
  const { paint } = style;
  const errors = r.problems.filter((p) => p.severity === 'error');
  const summary = r.ok ? '' : `  (${errors.length} 件のエラー / ${errors.length} error${errors.length === 1 ? '' : 's'})`;
  const head = hanging(`${r.ok ? paint.green('✓') : paint.red('✗')} `, [{ text: shown(r.file), paint: paint.bold }, summary], style);
  const problems = shows === 'all' ? r.problems : shows === 'errors' ? errors : errors.slice(0, 1);
  const settled = shows === 'all' && r.settled?.length ? [settledLine(r.settled.length, isEnglish(r))] : [];
  return [head, ...problems.map((p) => formatProblem(p, isEnglish(r), style)), ...settled].join('\n');
}

/** The warnings a case acknowledged, counted in one line instead of printed. */
export function settledLine(count: number, english = false): string {
  const ja = `${count} 件の注意は確認済み`;
  const en = `${count} settled warning${count === 1 ? '' : 's'}`;
  return `  ${english ? `${en} / ${ja}` : `${ja} / ${en}`}`;
}

/** A case of an English-language form gets its messages English first. */
export const isEnglish = (r: { form: string | null }) => (r.form ? formIsEnglish(r.form) : false);

/**
 * `english`: the case is for an English-language form (the NDL's ILL papers, filled by librarians
 * abroad): the English comes first, the Japanese after it for a Japanese colleague.
 */
export function formatProblem(problem: Problem, english = false, style: Style = PLAIN): string {
  const { paint } = style;
  const p = safeForTerminal(problem);
  const where = [p.file ? shown(p.file) : '', p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  const place: Span[] = [{ text: where, paint: paint.cyan }];
  if (p.path.length) place.push(`  ${pathText(p.path)}`);
  if (p.severity === 'warning' && p.code) place.push({ text: `  [${p.code}]`, paint: paint.dim });
  const [ja, en] = p.severity === 'error' ? ['エラー', 'Error'] : ['注意', 'Warning'];
  const mark = p.severity === 'error' ? (s: string) => paint.bold(paint.red(s)) : (s: string) => paint.bold(paint.yellow(s));
  const said = [hanging(`    ${mark(`${ja}:`)} `, p.ja, style), hanging(`    ${mark(`${en}:`)} `, p.en, style)];
  const lines = [hanging('  ', place, style), ...(english ? said.reverse() : said)];
  if (p.hint) {
    const [label, text] = english ? ['Fix / 修正:', `${p.hint.en}  ${p.hint.ja}`] : ['修正 / Fix:', `${p.hint.ja}  ${p.hint.en}`];
    lines.push(hanging(`    ${paint.green(label)} `, text, style));
  }
  return lines.join('\n');
}

/** A warning in `check --json`: where, its code (what `acknowledged` lists) and the words. */
export function warningJson(p: Problem, english = false) {
  const { path, message } = problemJson(p, english);
  return { path, code: p.code ?? null, message };
}

export function problemJson(p: Problem, english = false) {
  const both = (b: { ja: string; en: string }) => (english ? `${b.en} / ${b.ja}` : `${b.ja} / ${b.en}`);
  return { path: pathText(p.path), line: p.line ?? null, column: p.column ?? null, message: both(p),
    ...(p.hint ? { hint: both(p.hint) } : {}) };
}

/** A case's errors and warnings as `--json` prints them (check per line, render in its summary). */
export function problemsJson(r: Reported) {
  const en = isEnglish(r);
  return {
    errors: r.problems.filter((p) => p.severity === 'error').map((p) => problemJson(p, en)),
    warnings: r.problems.filter((p) => p.severity === 'warning').map((p) => warningJson(p, en)),
    settled: r.settled ?? [],
  };
}

/** A problem whose words, field names and hint are `visible`. */
function safeForTerminal(p: Problem): Problem {
  return { ...p, ja: visible(p.ja), en: visible(p.en), path: p.path.map((k) => (typeof k === 'string' ? visible(k) : k)),
    ...(p.hint ? { hint: { ja: visible(p.hint.ja), en: visible(p.hint.en) } } : {}) };
}
