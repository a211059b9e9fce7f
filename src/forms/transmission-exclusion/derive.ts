/**
 * Derivation of an exclusion request: each item checked against its criterion's rules (seed 000),
 * what goes into the list's entry columns for it, the counts per criterion, and, when the NDL's
 * list is given, which of its rows are filled.
 */
import { append, dedupeProblems, type FieldPath, type Problem } from '../../base/problem.js';
import type { SheetFile } from '../../input/sheet.js';
import { valueInForce } from '../../law/dated.js';
import { CRITERIA, EXCLUSION_DATA_FROM, EXCLUSION_PAGE, RESERVED_CATEGORIES, STAGES, type Criterion } from '../../law/data/transmission.js';
import { fiscalYearLabel, westernDate } from '../../base/format.js';
import { countByCriterion, mayInvoke, onAuthorsBehalf, pidKey, preExclusionRound, reissueTiming } from '../../law/rules/transmission.js';
import { eraOrIso, messages } from '../kit/messages.js';
import { fillList, type Entry, type ListFill } from './list.js';
import { ITEM_WHEN, OWN_FIELDS, type ExclusionCase, type ExclusionItem } from './schema.js';
import { relevant } from '../../input/fields.js';

const m = messages('transmission-exclusion');

export type LoadedExclusion = ExclusionCase & { list?: SheetFile };

export interface ExclusionDerived {
  date: string;
  entries: Entry[];
  /** Whether each item is requested: found in the NDL's list, or every item when no list is given. */
  found: boolean[];
  /** Per criterion, the items requested. */
  counts: Record<Criterion, number>;
  list?: ListFill & { sheet: SheetFile };
}


export function deriveExclusion(c: LoadedExclusion, ctx: { today: string }) {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];
  // The procedure as seed 000 gives it starts with its leaflet: no rule of ours says what held before.
  if (date < EXCLUSION_DATA_FROM) {
    const error = m.error('exclusion-date-before-data', ['date'], { date: eraOrIso(date), from: eraOrIso(EXCLUSION_DATA_FROM) });
    return { facts: {}, problems: [error], derived: { date, entries: [], found: [], counts: countByCriterion([]), list: undefined } satisfies ExclusionDerived };
  }
  if (!c.requester.email && !c.requester.phone)
    problems.push(m.error('exclusion-contact-missing', ['requester']));
  if (!c.candidate_list)
    problems.push(m.warning('exclusion-list-not-given', [], { list: STAGES[c.stage].list }));
  problems.push(...roundProblems(c, date));
  const seen = new Map<string, number>();
  c.items.forEach((item, i) => {
    problems.push(...itemProblems(c, item, i, date));
    const key = pidKey(item.pid);
    if (key === null) return;
    if (seen.has(key))
      problems.push(m.error('exclusion-pid-repeated', ['items', i, 'pid'], { pid: item.pid, first: seen.get(key)! }));
    else seen.set(key, i);
  });

  const entries = c.items.map((item) => entryFor(c, item, date));
  const list = c.list && !problems.some((p) => p.severity === 'error') ? { ...fillList(c, c.list, entries), sheet: c.list } : undefined;
  if (list) problems.push(...list.problems);
  if (list && list.listed > 0 && list.matched === 0)
    problems.push(m.error('exclusion-list-none-found', ['candidate_list', 'file'], {
      sheet: list.sheet.name, list: STAGES[c.stage].list, other: m.text(c.stage === 'pre' ? 'exclusion-stage-post' : 'exclusion-stage-pre'),
    }));
  append(problems, c.items.flatMap((item, i) => notTheAuthor(c, item, i, list?.described[i]?.author)));
  // Only the items the list has are requested: counted, mailed and printed; the others are named apart.
  const found = c.items.map((_, i) => list?.found[i] ?? true);
  const counts = countByCriterion(c.items.filter((_, i) => found[i]).map((it) => it.criterion));
  const facts: Record<string, unknown> = { counts };
  if (list) facts.list = { rows: list.listed, matched: list.matched, unmatched: list.unmatched, cells_filled: list.edits.length };
  return { facts, problems: dedupeProblems(problems), derived: { date, entries, found, counts, list } satisfies ExclusionDerived };
}

/**
 * 事前除外 is taken in rounds (seed 000: 令和6年度 until 令和7年4月18日); a request outside every round
 * known open is pointed to 事後除外, which is taken all year.
 */
function roundProblems(c: ExclusionCase, date: string): Problem[] {
  if (c.stage === 'post') return c.round === undefined ? [] : [m.error('exclusion-round-post', ['round'])];
  const { status, round, latest } = preExclusionRound(date, c.round);
  const fiscal = (year: number) => ({ ja: fiscalYearLabel(year), en: `FY${year}` });
  const params = { date: eraOrIso(date), latest: fiscal(latest.fiscalYear), until: eraOrIso(latest.until), page: valueInForce(EXCLUSION_PAGE, date) };
  if (status === 'closed') return [m.error('exclusion-round-closed', ['round'], { fiscal: fiscal(round!.fiscalYear), until: eraOrIso(round!.until), date: eraOrIso(date) })];
  if (status === 'open') return [];
  if (c.round !== undefined) return [m.warning('exclusion-round-unknown', ['round'], { fiscal: fiscal(c.round), latest: params.latest, until: params.until, page: params.page })];
  return [m.warning('exclusion-round-none-open', ['stage'], params)];
}

function itemProblems(c: ExclusionCase, item: ExclusionItem, i: number, date: string): Problem[] {
  const at = (field: string): FieldPath => ['items', i, field];
  const problems: Problem[] = [];
  if (pidKey(item.pid) === null)
    problems.push(m.error('exclusion-pid-unreadable', at('pid'), { pid: item.pid }));
  for (const [field, owner] of Object.entries(OWN_FIELDS))
    if (item[field as keyof typeof OWN_FIELDS] !== undefined && !relevant(item, ITEM_WHEN[field as keyof typeof OWN_FIELDS]))
      problems.push(m.error('exclusion-field-of-other-criterion', at(field), { field, owner, criterion: item.criterion }));
  const role = c.requester.role;
  switch (item.criterion) {
    case 'in-print':
      problems.push(...reissueProblems(item, at, date));
      break;
    case 'managed':
      if (!item.managed_by)
        problems.push(m.error('exclusion-managed-by-missing', at('managed_by')));
      break;
    case 'author-request':
      if (!mayInvoke('author-request', role, date))
        problems.push(m.error('exclusion-author-request-not-author', ['requester', 'role'],
          { who: role === 'heir' ? m.text('exclusion-who-heir') : m.text('exclusion-who-other', { role }) }));
      else if (onAuthorsBehalf(role) && !item.author_request)
        problems.push(m.error('exclusion-author-request-missing', at('author_request')));
      else if (!onAuthorsBehalf(role) && item.author_request)
        problems.push(m.error('exclusion-author-request-own', at('author_request')));
      break;
    case 'reserved-category':
      if (!item.category)
        problems.push(m.error('exclusion-category-missing', at('category')));
      break;
  }
  return problems;
}

/**
 * 基準3 from the author: the item's author (as the case or the list gives it) should be the requester.
 * Only a warning: pen names, co-authors and spacing differ in ways we cannot judge.
 */
function notTheAuthor(c: ExclusionCase, item: ExclusionItem, i: number, listed: string | undefined): Problem[] {
  const author = item.author ?? listed;
  const same = (a: string, b: string) => a.replace(/[\s　]/g, '') === b.replace(/[\s　]/g, '');
  if (item.criterion !== 'author-request' || c.requester.role !== 'author' || !author || same(author, c.requester.name)) return [];
  return [m.warning('exclusion-not-the-author', ['items', i, item.author ? 'author' : 'pid'], { author, requester: c.requester.name })];
}

function reissueProblems(item: ExclusionItem, at: (f: string) => FieldPath, date: string): Problem[] {
  if (!item.reissue_on) {
    return item.evidence ? [] : [m.warning('exclusion-in-print-evidence-missing', at('evidence'))];
  }
  const { timing, windowEnd, limitEnd, earliest } = reissueTiming(date, item.reissue_on);
  const problems: Problem[] = [];
  if (!item.evidence)
    problems.push(m.error('exclusion-reissue-evidence-missing', at('evidence')));
  if (timing === 'beyond-guideline')
    problems.push(m.warning('exclusion-reissue-beyond-guideline', at('reissue_on'), { reissue_on: item.reissue_on, window_end: windowEnd, earliest }));
  if (timing === 'too-far')
    problems.push(m.error('exclusion-reissue-too-far', at('reissue_on'), { reissue_on: item.reissue_on, window_end: windowEnd, limit_end: limitEnd, earliest }));
  if (timing === 'past')
    problems.push(m.warning('exclusion-reissue-past', at('reissue_on'), { reissue_on: item.reissue_on }));
  return problems;
}

/** The entry columns' text for one item, the same in the NDL's list and in our own table. */
function entryFor(c: ExclusionCase, item: ExclusionItem, date: string): Entry {
  const rule = valueInForce(CRITERIA, date)[item.criterion];
  const r = c.requester;
  return {
    criterion: rule.mark,
    evidence: evidenceText(c, item, date),
    requester: [r.name, r.department, r.person].filter(Boolean).join(' '),
    contact: [r.email, r.phone].filter(Boolean).join(' '),
    date,
  };
}

function evidenceText(c: ExclusionCase, item: ExclusionItem, date: string): string {
  const parts: (string | undefined)[] = [];
  switch (item.criterion) {
    case 'in-print':
      if (item.reissue_on) parts.push(`${westernDate(item.reissue_on)}流通予定`);
      break;
    case 'managed':
      parts.push(item.managed_by && `管理事業者：${item.managed_by}`);
      break;
    case 'author-request':
      parts.push(onAuthorsBehalf(c.requester.role) ? `著作者からの要請による（${item.author_request ?? ''}）` : '著作者本人からの申出');
      break;
    case 'reserved-category':
      parts.push(item.category && `${valueInForce(RESERVED_CATEGORIES, date)[item.category]}（送信留保）`);
      break;
  }
  parts.push(item.evidence);
  return parts.filter(Boolean).join('／');
}
