/**
 * Works read from a spreadsheet (works_file): one row per work, columns named by the YAML keys of a
 * work or by the Japanese headings of seed 004 資料2. Each row is checked by the same schema as a
 * work written in YAML, and every problem names the CSV file, its row and its column.
 */
import { closest } from 'fastest-levenshtein';
import type { CsvTable } from '../../input/csv.js';
import { BILINGUAL_SEPARATOR } from '../../input/fields.js';
import type { Problem } from '../../base/problem.js';
import type { Worded } from '../kit/messages.js';
import { WORK_CATEGORIES, type WorkCategory } from '../../law/data/ruling.js';
import { CATEGORY_NEEDED, copyrightMessages as m, SUBJECTS, workSchema, type Subject, type Work } from './schema.js';

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

const TRUE = new Set(['true', 'yes', '1', 'はい', '有', '有り', 'あり', '○', '〇', '済']);
const FALSE = new Set(['false', 'no', '0', 'いいえ', '無', '無し', 'なし', '×', '']);
/** A row's subject by its key or its Japanese name (subjects.yaml `object`). */
const SUBJECT_BY_NAME = new Map<string, Subject>([['著作物', 'work'], ['実演', 'performance'], ['レコード', 'phonogram'], ['放送', 'broadcast'], ['有線放送', 'cablecast']]);
const CATEGORY_BY_NAME = new Map<string, WorkCategory>(
  Object.entries(WORK_CATEGORIES).flatMap(([key, ja]) => [[ja, key], [ja.replace(/の著作物$/, ''), key]] as [string, WorkCategory][]));

export interface CsvWorks {
  works: Work[];
  /** The raw strings of each work as read, rooted like a case ({ works: [...] }), for the glyph check. */
  text: { works: Record<string, unknown>[] };
  problems: Problem[];
  /** Row line and column of a work's field: works[i].key. */
  spot(index: number, key: string | undefined): { line: number; column: number };
}

export function worksFromCsv(table: CsvTable, subject: string): CsvWorks {
  const problems: Problem[] = [];
  const at = (line: number, column: number, { ja, en, hint }: Worded) =>
    problems.push({ severity: 'error', path: [], file: table.file, line, column, ja, en, hint });

  const keys = table.header.map((heading, c) => {
    const key = columnKey(heading);
    if (!key && heading !== '') {
      const guess = closest(heading, [...KEYS.filter((k) => k !== 'number'), ...Object.keys(HEADINGS)]);
      at(1, c + 1, m.text('copyright-csv-column-unknown', { heading, guess }));
    }
    return key;
  });
  const seen = new Map<ColumnKey, number>();
  keys.forEach((k, c) => {
    if (!k) return;
    if (seen.has(k)) at(1, c + 1, m.text('copyright-csv-column-repeated', { heading: table.header[c], first: seen.get(k)! + 1 }));
    else seen.set(k, c);
  });
  const required: [ColumnKey, string][] = [['title', '著作物の題号'], ['description', '内容又は体様']];
  for (const [key, heading] of required)
    if (!seen.has(key))
      at(1, 1, m.text('copyright-csv-column-missing', { key, heading }));

  const columnOf = (key: string | undefined) => {
    const c = key === undefined ? undefined : seen.get(key as ColumnKey);
    return c === undefined ? 1 : c + 1;
  };
  const spot = (index: number, key: string | undefined) => ({ line: table.records[index]?.line ?? 1, column: columnOf(key) });

  const works: Work[] = [];
  const text: Record<string, unknown>[] = [];
  if (problems.length) return { works, text: { works: text }, problems, spot };

  table.records.forEach((record) => {
    const raw: Record<string, unknown> = {};
    const evidence: Record<string, string> = {};
    const compensation: Record<string, string> = {};
    keys.forEach((key, c) => {
      const cell = (record.cells[c] ?? '').trim();
      if (!key || key === 'number' || cell === '') return;
      if ((EVIDENCE_KEYS as readonly string[]).includes(key)) evidence[key] = cell;
      else if ((COMPENSATION_KEYS as readonly string[]).includes(key)) compensation[key] = cell;
      else raw[key] = cell;
    });
    if (Object.keys(evidence).length) raw.evidence = evidence;
    if (Object.keys(compensation).length) raw.compensation = compensation;
    text.push({ ...raw });
    const fail = (key: string, worded: Worded) => at(record.line, columnOf(key), worded);
    const work = cellsToWork(raw, fail);
    const parsed = workSchema.safeParse(work);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.filter((k): k is string => typeof k === 'string' && k !== 'evidence' && k !== 'compensation').pop();
        const [ja, en] = issue.message.split(BILINGUAL_SEPARATOR);
        // The schema's own messages are bilingual; any other issue (zod's English default) is not shown.
        fail(key ?? 'title', en !== undefined ? { ja, en } : m.text('copyright-csv-value-invalid', { key: key ?? '' }));
      }
      return;
    }
    if ((parsed.data.subject ?? subject) === 'work' && raw.category === undefined) {
      fail('category', { ...CATEGORY_NEEDED, hint: m.text('copyright-csv-category-column') });
    }
    works.push(parsed.data);
  });
  if (table.records.length === 0)
    at(2, 1, m.text('copyright-csv-no-rows'));
  return { works, text: { works: text }, problems, spot };
}

/** Spreadsheet cells to the shape of a YAML work: 不明 and 無し become the statuses, words become booleans. */
function cellsToWork(raw: Record<string, unknown>, fail: (key: string, worded: Worded) => void) {
  const work: Record<string, unknown> = { ...raw };
  if (typeof raw.title === 'string' && ['不明', '題号不明', '作品名不明', '名称不明'].includes(raw.title)) {
    delete work.title;
    work.title_status = 'unknown';
  } else if (typeof raw.title === 'string' && ['無し', 'なし', '題号無し', '作品名無し', '名称無し'].includes(raw.title)) {
    delete work.title;
    work.title_status = 'none';
  }
  if (raw.author === '不明') {
    delete work.author;
    work.author_status = 'unknown';
  } else if (raw.author === '表示がない') {
    delete work.author;
    work.author_status = 'none';
  }
  if (typeof raw.category === 'string') {
    const key = (Object.keys(WORK_CATEGORIES) as WorkCategory[]).includes(raw.category as WorkCategory)
      ? raw.category : CATEGORY_BY_NAME.get(raw.category);
    delete work.category; // set again below when the cell names a category
    if (key) work.category = key;
    else fail('category', m.text('copyright-csv-category-unknown', { category: raw.category, categories: Object.keys(WORK_CATEGORIES).join(', ') }));
  }
  if (typeof raw.subject === 'string') {
    const key = (SUBJECTS as readonly string[]).includes(raw.subject) ? raw.subject as Subject : SUBJECT_BY_NAME.get(raw.subject);
    delete work.subject; // set again below when the cell names a subject
    if (key) work.subject = key;
    else fail('subject', m.text('copyright-csv-subject-unknown', { subject: raw.subject, subjects: SUBJECTS.join(', ') }));
  }
  if (typeof raw.previously_ruled === 'string') {
    const v = raw.previously_ruled.toLowerCase();
    delete work.previously_ruled;
    if (TRUE.has(v)) work.previously_ruled = true;
    else if (FALSE.has(v)) work.previously_ruled = false;
    else fail('previously_ruled', m.text('copyright-csv-previously-ruled-unreadable', { value: raw.previously_ruled }));
  }
  if (typeof raw.attachments === 'string') work.attachments = raw.attachments.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);
  return work;
}
