/** How problems read on a terminal: file:line:column and field, then Japanese, English and the fix. */
import { relative } from 'node:path';
import { pathText, type Problem } from '../case/problem.js';

export function formatProblem(p: Problem): string {
  const where = [p.file ? relative(process.cwd(), p.file) || p.file : '', p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  const field = p.path.length ? `  ${pathText(p.path)}` : '';
  const [ja, en] = p.severity === 'error' ? ['エラー', 'Error'] : ['注意', 'Warning'];
  const lines = [`  ${where}${field}`, `    ${ja}: ${p.ja}`, `    ${en}: ${p.en}`];
  if (p.hint) lines.push(`    修正 / Fix: ${p.hint.ja}  ${p.hint.en}`);
  return lines.join('\n');
}

export function problemJson(p: Problem) {
  return { path: pathText(p.path), line: p.line ?? null, column: p.column ?? null, message: `${p.ja} / ${p.en}`,
    ...(p.hint ? { hint: `${p.hint.ja} / ${p.hint.en}` } : {}) };
}
