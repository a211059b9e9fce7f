/**
 * Derivation of an exclusion request: each item checked against its criterion's rules (seed 000),
 * what goes into the list's entry columns for it, the counts per criterion, and, when the NDL's
 * list is given, which of its rows are filled.
 */
import { dedupeProblems, error, warning, type FieldPath, type Problem } from '../../base/problem.js';
import type { SheetFile } from '../../input/sheet.js';
import { valueInForce } from '../../law/dated.js';
import { CRITERIA, RESERVED_CATEGORIES, STAGES, type Criterion } from '../../law/data/transmission.js';
import { westernDate } from '../../base/format.js';
import { countByCriterion, mayInvoke, onAuthorsBehalf, pidKey, reissueTiming } from '../../law/rules/transmission.js';
import { fillList, type Entry, type ListFill } from './list.js';
import type { ExclusionCase, ExclusionItem } from './schema.js';

export type LoadedExclusion = ExclusionCase & { list?: SheetFile };

export interface ExclusionDerived {
  date: string;
  entries: Entry[];
  counts: Record<Criterion, number>;
  list?: ListFill & { sheet: SheetFile };
}

/** The fields that belong to one criterion only; given with another they would be lost. */
const OWN_FIELDS: Record<'reissue_on' | 'managed_by' | 'author_request' | 'category', Criterion> = {
  reissue_on: 'in-print', managed_by: 'managed', author_request: 'author-request', category: 'reserved-category',
};

export function deriveExclusion(c: LoadedExclusion, ctx: { today: string }) {
  const date = c.date ?? ctx.today;
  const problems: Problem[] = [];
  if (!c.requester.email && !c.requester.phone)
    problems.push(error(['requester'], '国立国会図書館から問い合わせがあるので、email か phone を書いてください。',
      'The NDL may need to ask about the request: give an email or a phone number.'));
  if (!c.candidate_list)
    problems.push(warning([], `国立国会図書館は、${STAGES[c.stage].list}の記入欄に記入して送るよう求めています。`,
      `The NDL asks for its own list (${STAGES[c.stage].list}) with the entry columns filled in.`,
      { ja: 'リストのファイルを candidate_list.file に書けば、該当する行に記入した写しを作ります（元のファイルは変えません）。',
        en: 'Name the list under candidate_list.file and yoshiki fills a copy of it (the original is never changed).' }));
  const seen = new Map<string, number>();
  c.items.forEach((item, i) => {
    problems.push(...itemProblems(c, item, i, date));
    const key = pidKey(item.pid);
    if (key === null) return;
    if (seen.has(key))
      problems.push(error(['items', i, 'pid'], `「${item.pid}」は items[${seen.get(key)}] と同じ資料です。`,
        `"${item.pid}" is the same item as items[${seen.get(key)}].`, { ja: '1件にまとめてください。', en: 'Keep one of them.' }));
    else seen.set(key, i);
  });

  const entries = c.items.map((item) => entryFor(c, item, date));
  const counts = countByCriterion(c.items.map((it) => it.criterion));
  const list = c.list && !problems.some((p) => p.severity === 'error') ? { ...fillList(c, c.list, entries), sheet: c.list } : undefined;
  if (list) problems.push(...list.problems);
  problems.push(...c.items.flatMap((item, i) => notTheAuthor(c, item, i, list?.described[i]?.author)));
  const facts: Record<string, unknown> = { counts };
  if (list) facts.list = { rows: list.listed, matched: list.matched, unmatched: list.unmatched, cells_filled: list.edits.length };
  return { facts, problems: dedupeProblems(problems), derived: { date, entries, counts, list } satisfies ExclusionDerived };
}

function itemProblems(c: ExclusionCase, item: ExclusionItem, i: number, date: string): Problem[] {
  const at = (field: string): FieldPath => ['items', i, field];
  const problems: Problem[] = [];
  if (pidKey(item.pid) === null)
    problems.push(error(at('pid'), `「${item.pid}」は国立国会図書館デジタルコレクションの識別子として読めません。`,
      `"${item.pid}" is not an NDL Digital Collections identifier.`,
      { ja: 'リストに載っている形（info:ndljp/pid/1234567 や https://dl.ndl.go.jp/pid/1234567）で書いてください。',
        en: 'Write it as the list prints it (info:ndljp/pid/1234567 or https://dl.ndl.go.jp/pid/1234567).' }));
  for (const [field, owner] of Object.entries(OWN_FIELDS))
    if (item[field as keyof typeof OWN_FIELDS] !== undefined && item.criterion !== owner)
      problems.push(error(at(field), `${field} は criterion: ${owner} の資料にだけ書けます（この資料は ${item.criterion}）。`,
        `${field} belongs to criterion: ${owner} (this item is ${item.criterion}).`,
        { ja: 'criterion を確かめるか、この欄を消してください。', en: 'Check the criterion, or remove the field.' }));
  const role = c.requester.role;
  switch (item.criterion) {
    case 'in-print':
      problems.push(...reissueProblems(item, at, date));
      break;
    case 'managed':
      if (!item.managed_by)
        problems.push(error(at('managed_by'), '基準2では、著作権を管理している著作権等管理事業者の名称を managed_by に書いてください。',
          'Criterion 2: name the copyright management business that manages the work under managed_by.'));
      break;
    case 'author-request':
      if (!mayInvoke('author-request', role, date))
        problems.push(error(['requester', 'role'],
          `基準3（送信停止の要請）は著作者本人のものです（出版関連団体・出版社経由も可）。${role === 'heir' ? '相続人' : 'この立場'}からは申し出られません。`,
          `Criterion 3 is the author's own request (passed on by a publisher or publishing association at most); a requester who is ${role === 'heir' ? 'an heir' : `"${role}"`} cannot invoke it.`,
          { ja: '基準1（流通）か基準2（管理委託）に当たるかを確かめてください。', en: 'See whether criterion 1 (in print) or 2 (managed) applies.' }));
      else if (onAuthorsBehalf(role) && !item.author_request)
        problems.push(error(at('author_request'), '出版社・団体を経由する基準3の申出では、著作者本人からどのように要請があったか（日付と方法）を author_request に書いてください。',
          'Criterion 3 through a publisher or association: say under author_request how and when the author asked.',
          { ja: '例: 2026年10月1日付の著作者からの書面', en: 'For instance: the author\'s letter of 1 October 2026' }));
      break;
    case 'reserved-category':
      if (!item.category)
        problems.push(error(at('category'), '送信留保の資料は、その区分（manga・picture-book・commercial-magazine）を category に書いてください。',
          'A reserved-category item needs its category: manga, picture-book or commercial-magazine.'));
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
  return [warning(['items', i, item.author ? 'author' : 'pid'],
    `基準3は著作者本人の申出ですが、この資料の著者は「${author}」で、申出者は「${c.requester.name}」です。`,
    `Criterion 3 is the author's own request, but this item's author is "${author}" and the requester is "${c.requester.name}".`,
    { ja: '筆名・共著などで同じ方なら、そのことを evidence に書いてください。', en: 'If it is the same person (a pen name, a co-author), say so under evidence.' })];
}

function reissueProblems(item: ExclusionItem, at: (f: string) => FieldPath, date: string): Problem[] {
  if (!item.reissue_on) {
    return item.evidence ? [] : [warning(at('evidence'),
      '流通していることが分かる情報（ISBN、販売ページの URL、オンデマンド版・電子書籍の情報）を evidence に書くと、確認が早く確実になります。',
      'Say under evidence where it is on the market (ISBN, a shop page, the print-on-demand or e-book edition): the NDL confirms it.')];
  }
  const { timing, windowEnd, earliest } = reissueTiming(date, item.reissue_on);
  const problems: Problem[] = [];
  if (!item.evidence)
    problems.push(error(at('evidence'), '再販等の予定は公開情報で確認されます。告知している場所（出版社のウェブサイトの URL など）を evidence に書いてください。',
      'A planned reissue is confirmed from public information: say under evidence where it is announced (the publisher\'s web page, for instance).'));
  if (timing === 'too-far')
    problems.push(error(at('reissue_on'),
      `再販予定日（${item.reissue_on}）が申出日から約3か月（${windowEnd}まで）を超えています。基準1は、おおむね3か月以内に流通する予定のものに限られます。`,
      `The reissue (${item.reissue_on}) is more than about three months after the request (after ${windowEnd}); criterion 1 covers reissues due within about three months.`,
      { ja: `${earliest}以降に申し出るか、発行後に事後除外（通年受付）で申し出てください。`,
        en: `Ask from ${earliest} on, or after it is out, through the post-transmission procedure (accepted all year).` }));
  if (timing === 'past')
    problems.push(warning(at('reissue_on'), `再販予定日（${item.reissue_on}）は申出日以前です。すでに流通しているなら、販売している場所を evidence に書き、reissue_on は消してください。`,
      `The reissue date (${item.reissue_on}) is not after the request: if it is on sale now, say where under evidence and drop reissue_on.`));
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
