/** How problems read on a terminal: file:line:column and field, then Japanese, English and the fix. */
import { relative } from 'node:path';
import { pathText, type Problem } from '../../base/problem.js';
import { FORMS } from '../../forms/registry.js';

/** What a report needs of a checked or rendered case. */
interface Reported { file: string; form: string | null; ok: boolean; problems: Problem[]; settled?: string[] }

/** A case's report: ✓ or ✗ with its file, then each problem. */
export function caseReport(r: Reported): string {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const mark = r.ok ? '✓' : '✗';
  const summary = r.ok ? '' : `  (${errors} 件のエラー / ${errors} error${errors === 1 ? '' : 's'})`;
  return [`${mark} ${relative(process.cwd(), r.file) || r.file}${summary}`, ...r.problems.map((p) => formatProblem(p, isEnglish(r))),
    ...(r.settled?.length ? [settledLine(r.settled.length, isEnglish(r))] : [])].join('\n');
}

/** The warnings a case acknowledged, counted in one line instead of printed. */
export function settledLine(count: number, english = false): string {
  const ja = `${count} 件の注意は確認済み`;
  const en = `${count} settled warning${count === 1 ? '' : 's'}`;
  return `  ${english ? `${en} / ${ja}` : `${ja} / ${en}`}`;
}

/** A case of an English-language form gets its messages English first. */
export const isEnglish = (r: { form: string | null }) => (r.form ? FORMS[r.form]?.language === 'en' : false);

/**
 * `english`: the case is for an English-language form (the NDL's ILL papers, filled by librarians
 * abroad): the English comes first, the Japanese after it for a Japanese colleague.
 */
export function formatProblem(p: Problem, english = false): string {
  const where = [p.file ? relative(process.cwd(), p.file) || p.file : '', p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  const field = p.path.length ? `  ${pathText(p.path)}` : '';
  const code = p.severity === 'warning' && p.code ? `  [${p.code}]` : '';
  const [ja, en] = p.severity === 'error' ? ['エラー', 'Error'] : ['注意', 'Warning'];
  const said = [`    ${ja}: ${p.ja}`, `    ${en}: ${p.en}`];
  const lines = [`  ${where}${field}${code}`, ...(english ? said.reverse() : said)];
  if (p.hint) lines.push(english ? `    Fix / 修正: ${p.hint.en}  ${p.hint.ja}` : `    修正 / Fix: ${p.hint.ja}  ${p.hint.en}`);
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
