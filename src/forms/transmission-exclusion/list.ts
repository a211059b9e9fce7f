/**
 * Filling the NDL's own list (送信候補資料リスト / 送信資料リスト): find its heading row and columns,
 * find each item's row by identifier, and plan the cells to fill. Nothing else in the list is
 * touched; a cell that already holds something else is never overwritten.
 */
import { closest } from 'fastest-levenshtein';
import iconv from 'iconv-lite';
import type { FieldPath, Problem } from '../../base/problem.js';
import { findHeadingRow, HEADING_SEARCH_ROWS, type SheetFile, type SheetRow } from '../../input/sheet.js';
import { pidKey } from '../../law/rules/transmission.js';
import { messages } from '../kit/messages.js';
import type { ExclusionCase, ListColumn } from './schema.js';

const m = messages('transmission-exclusion');

/** What goes into the entry columns for one item. */
export type Entry = Record<Exclude<ListColumn, 'identifier'>, string>;
type EntryColumn = keyof Entry;

/** The headings yoshiki recognises when the case does not name them. */
const USUAL_HEADINGS: Record<ListColumn, (h: string) => boolean> = {
  identifier: (h) => /pid|識別子|^id$|^url$/i.test(h),
  criterion: (h) => /除外基準|除外理由/.test(h),
  evidence: (h) => /根拠/.test(h),
  requester: (h) => /申出者/.test(h),
  contact: (h) => /連絡先/.test(h),
  date: (h) => /申出日/.test(h),
};
const ENTRY_COLUMNS: EntryColumn[] = ['criterion', 'evidence', 'requester', 'contact', 'date'];
const COLUMN_JA: Record<ListColumn, string> = {
  identifier: '識別子', criterion: '除外基準', evidence: '根拠', requester: '申出者', contact: '連絡先', date: '申出日',
};

export interface ListFill {
  edits: { row: number; column: number; value: string }[];
  problems: Problem[];
  /** Rows of the list below the heading that carry an identifier. */
  listed: number;
  /** Items found (and whether each one is), and the identifiers (as the case wrote them) that were not. */
  matched: number;
  found: boolean[];
  unmatched: string[];
  /** Each item's title and author as the list gives them, for papers where the case gives none. */
  described: { title?: string; author?: string }[];
}

/** Columns read (never written) to describe an item the case names only by identifier. */
const DESCRIPTIVE: Record<'title' | 'author', (h: string) => boolean> = {
  title: (h) => /タイトル|書名|^title$/i.test(h.trim()),
  author: (h) => /^(著者|著者名|著作者|author)/i.test(h.trim()),
};

const normal = (h: string) => h.replace(/\s+/g, '').toLowerCase();

export function fillList(c: ExclusionCase, sheet: SheetFile, entries: Entry[]): ListFill {
  const names = c.candidate_list?.columns ?? {};
  const at = (key: ListColumn): FieldPath => (names[key] ? ['candidate_list', 'columns', key] : ['candidate_list', 'file']);
  const wanted = (key: ListColumn) => {
    const name = names[key];
    return name ? (h: string) => normal(h) === normal(name) : USUAL_HEADINGS[key];
  };
  const empty = { edits: [], listed: 0, matched: 0, found: [], unmatched: [], described: [] };

  const headingIndex = findHeadingRow(sheet.rows, wanted('identifier'));
  if (headingIndex < 0) return { ...empty, problems: [noIdentifierColumn(sheet, at('identifier'), names.identifier)] };
  const heading = sheet.rows[headingIndex];
  const columnOf = (key: ListColumn) => {
    const i = heading.cells.findIndex(wanted(key));
    return i < 0 ? undefined : i + 1;
  };
  const idColumn = columnOf('identifier')!;

  const problems: Problem[] = [];
  const columns: Partial<Record<EntryColumn, number>> = {};
  const missing: EntryColumn[] = [];
  for (const key of ENTRY_COLUMNS) {
    const column = columnOf(key);
    if (column !== undefined) columns[key] = column;
    else if (names[key] || key === 'criterion') problems.push(noColumn(sheet, heading, key, at(key), names[key]));
    else missing.push(key);
  }
  if (problems.length) return { ...empty, problems };
  if (missing.length)
    problems.push(m.warning('exclusion-list-columns-missing', ['candidate_list', 'file'],
      { columns: { ja: missing.map((k) => COLUMN_JA[k]).join('」「'), en: missing.join(', ') } }));

  const rowsById = new Map<string, SheetRow[]>();
  let listed = 0;
  for (const row of sheet.rows.slice(headingIndex + 1)) {
    const key = pidKey(row.cells[idColumn - 1] ?? '');
    if (key === null) continue;
    listed++;
    rowsById.set(key, [...(rowsById.get(key) ?? []), row]);
  }

  const edits: ListFill['edits'] = [];
  const unmatched: string[] = [];
  const titleAt = heading.cells.findIndex(DESCRIPTIVE.title);
  const authorAt = heading.cells.findIndex(DESCRIPTIVE.author);
  const cell = (row: SheetRow | undefined, i: number) => (row && i >= 0 ? row.cells[i]?.trim() || undefined : undefined);
  const described: ListFill['described'] = [];
  const found: boolean[] = [];
  let matched = 0;
  c.items.forEach((item, i) => {
    const rows = rowsById.get(pidKey(item.pid) ?? '') ?? [];
    described.push({ title: cell(rows[0], titleAt), author: cell(rows[0], authorAt) });
    const where: FieldPath = ['items', i, 'pid'];
    found.push(rows.length > 0);
    if (rows.length === 0) {
      unmatched.push(item.pid);
      problems.push(notListed(sheet, item.pid, where, c.stage));
      return;
    }
    matched++;
    if (rows.length > 1)
      problems.push(m.warning('exclusion-list-rows-repeated', where, {
        pid: item.pid, count: rows.length, lines: { ja: rows.map((r) => r.line).join('、'), en: rows.map((r) => r.line).join(', ') },
      }));
    for (const row of rows)
      for (const key of ENTRY_COLUMNS) {
        const column = columns[key];
        const value = entries[i][key];
        if (column === undefined || value === '') continue;
        const before = (row.cells[column - 1] ?? '').trim();
        const lost = sheet.encoding === 'cp932' ? notInShiftJis(value) : [];
        if (lost.length) problems.push(notWritable(sheet, lost, where));
        else if (before === '') edits.push({ row: row.row, column, value, ...valueKind(key, value) });
        else if (before !== value.trim()) problems.push(alreadyFilled(sheet, row, heading.cells[column - 1], before, value, where));
      }
  });
  return { edits, problems, listed, matched, found, unmatched, described };
}

/** The date is a date, and a criterion's number (1–3) a number: a workbook's date and number cells take them as such. */
function valueKind(key: EntryColumn, value: string): { as?: 'date' | 'number' } {
  if (key === 'date') return { as: 'date' };
  return key === 'criterion' && /^\d+$/.test(value) ? { as: 'number' } : {};
}

function noIdentifierColumn(sheet: SheetFile, path: FieldPath, name: string | undefined): Problem {
  const first = sheet.rows[0]?.cells.filter(Boolean).join('」「') ?? '';
  if (name) return m.error('exclusion-list-heading-not-found', path, { sheet: sheet.name, rows: HEADING_SEARCH_ROWS, name, first });
  return m.error('exclusion-list-identifier-not-found', path, { sheet: sheet.name, first });
}

function noColumn(sheet: SheetFile, heading: SheetRow, key: EntryColumn, path: FieldPath, name: string | undefined): Problem {
  const headings = heading.cells.filter(Boolean);
  const guess = headings.length ? closest(name ?? COLUMN_JA[key], headings) : '';
  const common = { sheet: sheet.name, line: heading.line, key, guess, headings: { ja: headings.join('」「'), en: headings.join('", "') } };
  if (name) return m.error('exclusion-list-named-column-missing', path, { ...common, name });
  return m.error('exclusion-list-entry-column-missing', path, { ...common, column: { ja: COLUMN_JA[key], en: key } });
}

function notListed(sheet: SheetFile, pid: string, path: FieldPath, stage: ExclusionCase['stage']): Problem {
  const other = m.text(stage === 'pre' ? 'exclusion-stage-post' : 'exclusion-stage-pre');
  return m.warning('exclusion-list-item-not-listed', path, { pid, sheet: sheet.name, other });
}

function alreadyFilled(sheet: SheetFile, row: SheetRow, heading: string | undefined, before: string, value: string, path: FieldPath): Problem {
  return m.error('exclusion-list-cell-filled', path, { sheet: sheet.name, line: row.line, heading: heading ?? '', before, value });
}

/** Characters Shift_JIS (CP932) has no code for: a CSV list in it cannot hold them. */
function notInShiftJis(text: string): string[] {
  return [...new Set([...text].filter((ch) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch))];
}

function notWritable(sheet: SheetFile, chars: string[], path: FieldPath): Problem {
  return m.error('exclusion-list-not-shift-jis', path, { sheet: sheet.name, chars: { ja: chars.join('」「'), en: chars.join(' ') } });
}
