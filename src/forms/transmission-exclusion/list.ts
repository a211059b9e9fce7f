/**
 * Filling the NDL's own list (送信候補資料リスト / 送信資料リスト): find its heading row and columns,
 * find each item's row by identifier, and plan the cells to fill. Nothing else in the list is
 * touched; a cell that already holds something else is never overwritten.
 */
import { closest } from 'fastest-levenshtein';
import iconv from 'iconv-lite';
import { error, warning, type FieldPath, type Problem } from '../../base/problem.js';
import type { SheetFile, SheetRow } from '../../input/sheet.js';
import { pidKey } from '../../law/rules/transmission.js';
import type { ExclusionCase, ListColumn } from './schema.js';

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

/** The heading row is looked for this far down: lists often open with a title and notes. */
const HEADING_SEARCH_ROWS = 30;

export interface ListFill {
  edits: { row: number; column: number; value: string }[];
  problems: Problem[];
  /** Rows of the list below the heading that carry an identifier. */
  listed: number;
  /** Items found, and the identifiers (as the case wrote them) that were not. */
  matched: number;
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
  const empty = { edits: [], listed: 0, matched: 0, unmatched: [], described: [] };

  const headingIndex = sheet.rows.slice(0, HEADING_SEARCH_ROWS).findIndex((r) => r.cells.some(wanted('identifier')));
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
    problems.push(warning(['candidate_list', 'file'],
      `リストに${missing.map((k) => `「${COLUMN_JA[k]}」`).join('')}の列が見つからないため、その内容はリストには書かず、別に作る一覧表とメールにだけ書きます。`,
      `The list has no column for ${missing.join(', ')}: that is written only in the separate table and the e-mail, not in the list.`,
      { ja: '列の見出しが違うだけなら candidate_list.columns で見出しを指定してください。', en: 'If the heading is only worded differently, name it under candidate_list.columns.' }));

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
  let matched = 0;
  c.items.forEach((item, i) => {
    const rows = rowsById.get(pidKey(item.pid) ?? '') ?? [];
    described.push({ title: cell(rows[0], titleAt), author: cell(rows[0], authorAt) });
    const where: FieldPath = ['items', i, 'pid'];
    if (rows.length === 0) {
      unmatched.push(item.pid);
      problems.push(notListed(sheet, item.pid, where, c.stage));
      return;
    }
    matched++;
    if (rows.length > 1)
      problems.push(warning(where, `「${item.pid}」はリストに${rows.length}行あります（${rows.map((r) => r.line).join('、')}行目）。すべての行に記入します。`,
        `"${item.pid}" is on ${rows.length} rows of the list (${rows.map((r) => r.line).join(', ')}); all of them are filled.`));
    for (const row of rows)
      for (const key of ENTRY_COLUMNS) {
        const column = columns[key];
        const value = entries[i][key];
        if (column === undefined || value === '') continue;
        const before = (row.cells[column - 1] ?? '').trim();
        const lost = sheet.encoding === 'cp932' ? notInShiftJis(value) : [];
        if (lost.length) problems.push(notWritable(sheet, lost, where));
        else if (before === '') edits.push({ row: row.row, column, value });
        else if (before !== value.trim()) problems.push(alreadyFilled(sheet, row, heading.cells[column - 1], before, value, where));
      }
  });
  return { edits, problems, listed, matched, unmatched, described };
}

function noIdentifierColumn(sheet: SheetFile, path: FieldPath, name: string | undefined): Problem {
  const first = sheet.rows[0]?.cells.filter(Boolean).join('」「') ?? '';
  return error(path,
    name ? `リスト「${sheet.name}」の最初の${HEADING_SEARCH_ROWS}行に「${name}」という見出しがありません。`
      : `リスト「${sheet.name}」に識別子（PID）の列が見つかりません。`,
    name ? `The first ${HEADING_SEARCH_ROWS} rows of the list "${sheet.name}" have no heading "${name}".`
      : `The list "${sheet.name}" has no identifier (PID) column.`,
    { ja: `識別子の列の見出しを candidate_list.columns.identifier に書いてください（1行目: 「${first}」）。`,
      en: `Name the identifier column's heading under candidate_list.columns.identifier (row 1: "${first}").` });
}

function noColumn(sheet: SheetFile, heading: SheetRow, key: EntryColumn, path: FieldPath, name: string | undefined): Problem {
  const headings = heading.cells.filter(Boolean);
  const guess = headings.length ? closest(name ?? COLUMN_JA[key], headings) : '';
  return error(path,
    `リスト「${sheet.name}」（${heading.line}行目の見出し）に${name ? `「${name}」` : `${COLUMN_JA[key]}の記入欄`}の列がありません。`,
    `The list "${sheet.name}" (headings on row ${heading.line}) has no ${name ? `column "${name}"` : `column to enter the ${key}`}.`,
    { ja: `見出し: 「${headings.join('」「')}」。記入欄の見出しを candidate_list.columns.${key} に書いてください（「${guess}」ではありませんか）。`,
      en: `Headings: "${headings.join('", "')}". Name the entry column under candidate_list.columns.${key} (did you mean "${guess}"?).` });
}

function notListed(sheet: SheetFile, pid: string, path: FieldPath, stage: ExclusionCase['stage']): Problem {
  const other = stage === 'pre' ? { ja: '事後除外（送信資料リスト）', en: 'post (the list of items already transmitted)' }
    : { ja: '事前除外（送信候補資料リスト）', en: 'pre (the candidate list)' };
  return warning(path, `「${pid}」はリスト「${sheet.name}」に見つかりません。この資料はリストに記入されません。`,
    `"${pid}" is not in the list "${sheet.name}": it is not entered in the list.`,
    { ja: `識別子を確かめてください。別のリストの資料なら stage を ${other.ja} にして別に申し出てください。`,
      en: `Check the identifier. If the item is on the other list, make a separate request with stage: ${other.en}.` });
}

function alreadyFilled(sheet: SheetFile, row: SheetRow, heading: string | undefined, before: string, value: string, path: FieldPath): Problem {
  return error(path,
    `リスト「${sheet.name}」の${row.line}行目の「${heading ?? ''}」にはすでに「${before}」と書かれています（書こうとした内容:「${value}」）。上書きはしません。`,
    `Row ${row.line} of the list "${sheet.name}" already has "${before}" under "${heading ?? ''}" (yoshiki would write "${value}"); it is never overwritten.`,
    { ja: 'リストのその欄を空にするか、ケースの内容をリストに合わせてください。', en: 'Empty that cell of the list, or make the case agree with it.' });
}

/** Characters Shift_JIS (CP932) has no code for: a CSV list in it cannot hold them. */
function notInShiftJis(text: string): string[] {
  return [...new Set([...text].filter((ch) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch))];
}

function notWritable(sheet: SheetFile, chars: string[], path: FieldPath): Problem {
  const list = chars.map((ch) => `「${ch}」`).join('');
  return error(path, `リスト「${sheet.name}」は Shift_JIS の CSV なので、${list}を書き込めません。`,
    `The list "${sheet.name}" is a Shift_JIS CSV, which cannot hold ${chars.join(' ')}.`,
    { ja: 'その文字を Shift_JIS にある字に置き換えるか、リストを Excel ブック（.xlsx）か UTF-8 の CSV で保存し直してください。',
      en: 'Replace the character, or save the list again as an Excel workbook (.xlsx) or as UTF-8 CSV.' });
}
