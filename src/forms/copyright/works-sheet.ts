/**
 * Works read from a spreadsheet (works_file, CSV or Excel): one row per work, columns named by the
 * YAML keys of a work or by the Japanese headings of seed 004 資料2. A list as it comes out of Excel
 * is fine: a title or notes above the heading row (searched for as the NDL's list is, sheet.ts),
 * empty rows, and columns yoshiki does not use (備考), which one warning lists. Each row is
 * normalised and checked by the same schema as a work written in YAML (normalise.ts), and every
 * problem names the file (and sheet), its row and its column.
 */
import { findHeadingRow, inSheetCell, type SheetRow } from '../../input/sheet.js';
import { suggest } from '../../input/fields.js';
import { normalise } from '../../input/normalise.js';
import { wordIssue } from '../../input/validate.js';
import type { Bilingual, Problem } from '../../base/problem.js';
import type { Worded } from '../kit/messages.js';
import { CATEGORY_NEEDED, copyrightMessages as m, workSchema, type Work } from './schema.js';

const EVIDENCE_KEYS = ['directory_or_web', 'management_bodies', 'expert_bodies', 'public_notice', 'ruling_database', 'agency_inquiry'] as const;
/** A work's part of the compensation (schema: workCompensation), read into `compensation`. */
const COMPENSATION_KEYS = ['share', 'unit_price', 'copies', 'rate', 'contribution', 'annual_uses', 'years', 'downloads',
  'per_request', 'monthly_requests', 'minimum', 'months', 'amount'] as const;
const WORK_KEYS = ['subject', 'title', 'title_status', 'author', 'author_status', 'author_reading', 'category', 'description',
  'year', 'publisher', 'previously_ruled', 'attachments'] as const;
type ColumnKey = (typeof WORK_KEYS)[number] | (typeof EVIDENCE_KEYS)[number] | (typeof COMPENSATION_KEYS)[number] | 'number';
const KEYS: readonly ColumnKey[] = [...WORK_KEYS, ...EVIDENCE_KEYS, ...COMPENSATION_KEYS, 'number'];

/** Japanese headings: those of 資料2 (seed 004) and of the 別紙 list, compared without spaces or width. */
const HEADINGS: Record<string, ColumnKey> = {
  'No.': 'number', 番号: 'number', 通番: 'number',
  著作物の題号: 'title', 題号: 'title', 実演が行われた作品名: 'title', 作品名: 'title', 名称: 'title',
  著作者名: 'author', 実演家名: 'author', 著作者名の読み: 'author_reading', 読み: 'author_reading',
  種類: 'category', 著作物の種類: 'category', 内容又は体様: 'description', 内容: 'description',
  出版年: 'year', 発行年: 'year', 公表年: 'year', 出版社: 'publisher', 発行者: 'publisher',
  過去の裁定: 'previously_ruled', 別添資料: 'attachments',
  // Each row's own subject (works[i].subject), and the headings of the other subjects' lists and tables (subjects.yaml).
  対象: 'subject', 裁定の対象: 'subject',
  作品名・役名等: 'title', レコードの名称等: 'title', 放送番組の名称等: 'title', 有線放送番組の名称等: 'title', 番組の名称等: 'title', 名称等: 'title',
  レコード製作者名: 'author', 放送事業者名: 'author', 有線放送事業者名: 'author',
  // A work's part of the compensation (seed 004 記載例2, line 656) and the 別紙's own amount column.
  割合: 'share', 当該著作物の割合: 'share', 刊行物に占める当該著作物の割合: 'share', 補償金の額: 'amount', 寄与率: 'contribution',
};

/** The measure columns of 資料2 are known by their code: 「ア(ア)名簿・名鑑類の閲覧 又は …」 starts with ア(ア). */
const MEASURE_PREFIXES: [RegExp, ColumnKey][] = [
  [/^ア\((ア|イ)\)/, 'directory_or_web'],
  [/^ア\(ウ\)/, 'ruling_database'],
  [/^イ\(ア\)/, 'management_bodies'],
  [/^イ\(イ\)/, 'expert_bodies'],
  [/^イ\(ウ\)/, 'agency_inquiry'],
  [/^ウ(公衆|$)/, 'public_notice'],
];

/** Headings compared loosely: full-width ( ) and Ａ-Ｚ as ASCII, spaces dropped. Never applied to cell text. */
const looseHeading = (h: string) => h.normalize('NFKC').replace(/\s+/g, '');

function columnKey(heading: string): ColumnKey | undefined {
  const h = looseHeading(heading);
  if ((KEYS as readonly string[]).includes(h)) return h as ColumnKey;
  const named = Object.entries(HEADINGS).find(([k]) => looseHeading(k) === h);
  if (named) return named[1];
  return MEASURE_PREFIXES.find(([re]) => re.test(h))?.[1];
}

/** A works list as read: its file, the sheet of a workbook, and its rows with their line in the file. */
export interface WorksSheet {
  file: string;
  sheet?: string;
  rows: SheetRow[];
}

export interface SheetWorks {
  works: Work[];
  /** The raw strings of each work as read, rooted like a case ({ works: [...] }), for the glyph check. */
  text: { works: Record<string, unknown>[] };
  problems: Problem[];
  /** Row line and column of a work's field: works[i].key (and the sheet, in a workbook). */
  spot(index: number, key: string | undefined): { line: number; column: number; sheet?: string };
}

const blank = (row: SheetRow) => row.cells.every((c) => c.trim() === '');

/**
 * The most works one list may hold: 100,000 render in bounded time and memory (README, Speed); 64 MB
 * of short rows would be millions, each a row of every paper.
 */
export const MAX_WORKS = 100_000;

export function worksFromSheet(table: WorksSheet, subject: string): SheetWorks {
  const problems: Problem[] = [];
  // In a workbook the row and column are the sheet's: said with the sheet's name and the cell, as Excel shows them.
  const inSheet = (line: number, column: number, w: Bilingual): Bilingual => (table.sheet === undefined ? w : inSheetCell(w, table.sheet, line, column));
  const at = (line: number, column: number, { ja, en, hint }: Worded, severity: Problem['severity'] = 'error', code?: string) =>
    problems.push({ severity, path: [], file: table.file, line, column, ...inSheet(line, column, { ja, en }), hint, ...(code ? { code } : {}) });

  const found = findHeadingRow(table.rows, (cell) => ['title', 'description'].includes(columnKey(cell) ?? ''));
  const start = found >= 0 ? found : table.rows.findIndex((r) => !blank(r));
  const heading = table.rows[start] ?? { line: 1, row: 1, cells: [] };
  const headings = heading.cells.map((h) => h.trim());
  const keys = headings.map(columnKey);
  const seen = new Map<ColumnKey, number>();
  keys.forEach((k, c) => {
    if (!k) return;
    if (seen.has(k)) at(heading.line, c + 1, m.text('copyright-csv-column-repeated', { heading: headings[c], first: seen.get(k)! + 1 }));
    else seen.set(k, c);
  });
  const required: [ColumnKey, string][] = [['title', '著作物の題号'], ['description', '内容又は体様']];
  for (const [key, name] of required)
    if (!seen.has(key)) at(heading.line, 1, m.text('copyright-csv-column-missing', { key, heading: name, line: heading.line }));
  const unused = unusedColumns(headings, keys);
  if (unused) at(heading.line, unused.column, unused.warning, 'warning', unused.warning.code);

  const columnOf = (key: string | undefined) => {
    const c = key === undefined ? undefined : seen.get(key as ColumnKey);
    return c === undefined ? 1 : c + 1;
  };
  const records = table.rows.slice(start + 1).filter((r) => !blank(r));
  const spot = (index: number, key: string | undefined) =>
    ({ line: records[index]?.line ?? heading.line, column: columnOf(key), ...(table.sheet === undefined ? {} : { sheet: table.sheet }) });

  const works: Work[] = [];
  const text: Record<string, unknown>[] = [];
  if (records.length > MAX_WORKS)
    at(records[MAX_WORKS].line, 1, m.text('copyright-works-too-many', { limit: MAX_WORKS.toLocaleString('en') }));
  if (problems.some((p) => p.severity === 'error')) return { works, text: { works: text }, problems, spot };

  const columns = workColumns(keys);
  for (const record of records) {
    const raw = rowToRaw(columns, record);
    text.push(raw);
    const cell = (key: string | undefined) => ({ line: record.line, column: columnOf(key) });
    const work = cellsToWork(raw);
    const read = normalise(workSchema, work);
    for (const p of read.problems) {
      const { line, column } = cell(fieldOf(p.path));
      at(line, column, p, p.severity, p.code);
    }
    const parsed = workSchema.safeParse(read.data);
    if (!parsed.success || read.problems.some((p) => p.severity === 'error')) {
      const said = new Set(read.problems.map((p) => fieldOf(p.path)));
      for (const issue of parsed.error?.issues ?? []) {
        const { path, ...words } = wordIssue(issue, workSchema, read.data);
        const key = fieldOf(path) ?? 'title';
        if (!said.has(key)) at(cell(key).line, cell(key).column, words);
      }
      continue;
    }
    if ((parsed.data.subject ?? subject) === 'work' && raw.category === undefined) {
      const { line, column } = cell('category');
      at(line, column, { ...CATEGORY_NEEDED, hint: m.text('copyright-csv-category-column') });
    }
    works.push(parsed.data);
  }
  if (records.length === 0)
    at(heading.line + 1, 1, m.text('copyright-csv-no-rows', { line: heading.line }));
  return { works, text: { works: text }, problems, spot };
}

/** The field of a work a path into it names (its evidence and compensation are columns of their own). */
const fieldOf = (path: (string | number)[]) =>
  path.filter((k): k is string => typeof k === 'string' && k !== 'evidence' && k !== 'compensation').pop();

/** A column a work is read from: its cell's index, its key, and where in the work it goes. */
type WorkColumn = { c: number; key: ColumnKey; into: 'work' | 'evidence' | 'compensation' };

/** The columns read into a work, worked out once per list rather than once per row and cell. */
function workColumns(keys: (ColumnKey | undefined)[]): WorkColumn[] {
  return keys.flatMap((key, c) => (!key || key === 'number' ? []
    : [{ c, key, into: (EVIDENCE_KEYS as readonly string[]).includes(key) ? 'evidence' as const
      : (COMPENSATION_KEYS as readonly string[]).includes(key) ? 'compensation' as const : 'work' as const }]));
}

/** A row's cells by the YAML shape of a work: evidence and compensation columns gathered under their keys. */
function rowToRaw(columns: WorkColumn[], record: SheetRow): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  let evidence: Record<string, string> | undefined;
  let compensation: Record<string, string> | undefined;
  for (const { c, key, into } of columns) {
    const cell = (record.cells[c] ?? '').trim();
    if (cell === '') continue;
    if (into === 'evidence') (evidence ??= {})[key] = cell;
    else if (into === 'compensation') (compensation ??= {})[key] = cell;
    else raw[key] = cell;
  }
  if (evidence) raw.evidence = evidence;
  if (compensation) raw.compensation = compensation;
  return raw;
}

/**
 * Columns yoshiki does not read (備考, 担当): one warning listing them, at the first. A heading
 * close to one it knows is named, since it may be a slip (著作物の題名 for 著作物の題号).
 */
function unusedColumns(headings: string[], keys: (ColumnKey | undefined)[]): { column: number; warning: Problem } | undefined {
  const unused = headings.map((h, c) => ({ h, c })).filter(({ h, c }) => h !== '' && !keys[c]);
  if (unused.length === 0) return undefined;
  const known = [...KEYS.filter((k) => k !== 'number'), ...Object.keys(HEADINGS)];
  const slips = unused.flatMap(({ h }) => {
    const guess = suggest(h, known);
    return guess ? [`「${h}」→「${guess}」`] : [];
  });
  const list = { ja: unused.map(({ h }) => `「${h}」`).join(''), en: unused.map(({ h }) => `"${h}"`).join(', ') };
  const guesses = slips.length ? { ja: slips.join('、'), en: slips.join(', ') } : { ja: 'なし', en: 'none' };
  return { column: unused[0].c + 1, warning: m.warning('copyright-csv-columns-unused', [], { columns: list, guesses }) };
}

/** A title or author cell that says there is none, or that it is not known: the status it stands for. */
const TITLE_STATUSES = new Map<string, 'unknown' | 'none'>([
  ...['不明', '題号不明', '作品名不明', '名称不明'].map((w) => [w, 'unknown'] as const),
  ...['無し', 'なし', '題号無し', '作品名無し', '名称無し'].map((w) => [w, 'none'] as const),
]);
const AUTHOR_STATUSES = new Map<string, 'unknown' | 'none'>([['不明', 'unknown'], ['表示がない', 'none']]);

/**
 * Spreadsheet cells to the shape of a YAML work: 不明 and 無し become the statuses, a list of
 * attachments is split. A row with none of these is the work as it is, not a copy.
 */
function cellsToWork(raw: Record<string, unknown>) {
  const title = typeof raw.title === 'string' ? TITLE_STATUSES.get(raw.title) : undefined;
  const author = typeof raw.author === 'string' ? AUTHOR_STATUSES.get(raw.author) : undefined;
  const attachments = typeof raw.attachments === 'string' ? raw.attachments : undefined;
  if (!title && !author && attachments === undefined) return raw;
  const work: Record<string, unknown> = { ...raw };
  if (title) {
    delete work.title;
    work.title_status = title;
  }
  if (author) {
    delete work.author;
    work.author_status = author;
  }
  if (attachments !== undefined) work.attachments = attachments.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);
  return work;
}
