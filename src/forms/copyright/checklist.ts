/**
 * 裁定手続チェックリスト (seed 004 第2の4) as a self-check page: each step of the guide's list,
 * marked from what the case records — a measure with its records done, a step still ahead open, a
 * step of the other route (works ruled before or not) marked not applicable. Not filed with the
 * application; the steps and their words are in templates/copyright/checklist.yaml.
 */
import type { Table } from '../../model/document.js';
import type { Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { eraDate } from '../../base/format.js';
import { valueInForce } from '../../law/dated.js';
import { RULING_REGIME } from '../../law/data/ruling.js';
import type { DueDiligence, Work } from './schema.js';
import { copyrightTemplates } from './words.js';

type Route = 'A' | 'B';

interface Step {
  step: string;
  text: string;
  /** The step's words where the compensation is paid to the designated body instead of deposited (the 2026 regime). */
  paid_to_body?: string;
  page: string;
  fact?: string;
  routes?: Route[];
  heading?: boolean;
}

interface ChecklistWords {
  title: string;
  lead: string;
  route_names: Record<Route, string>;
  columns: string[];
  marks: { done: string; open: string; none: string };
  steps: Step[];
}

/** What the checklist reads of a case. */
export interface ChecklistCase {
  works: Work[];
  due_diligence: DueDiligence;
  in_application_use: boolean;
  consultation?: { date: string; person?: string };
}

/** For each fact, what the case records of it (a short line), null when it records nothing, false when the step is not for this case. */
type Records = Record<string, string | null | false>;

export const checklist = (c: ChecklistCase, d: { date: string }, ctx: WithTemplates): Made => {
  const words = copyrightTemplates.data<ChecklistWords>(ctx, 'checklist.yaml');
  return copyrightTemplates.document(ctx, 'checklist.hbs', words.title, () => {
    const routes = routesOf(c);
    return {
      date: eraDate(d.date),
      title: words.title,
      lead: words.lead,
      routes: routes.map((r) => words.route_names[r]).join('、'),
      steps: stepsTable(words, routes, recordsOf(c, d.date), d.date),
    };
  });
};

/** A: some work not ruled before; B: some work ruled before (seed 004 第2の4). */
const routesOf = (c: ChecklistCase): Route[] =>
  (['A', 'B'] as const).filter((r) => c.works.some((w) => (r === 'B') === !!w.previously_ruled));

function stepsTable(words: ChecklistWords, routes: Route[], records: Records, date: string): Omit<Table, 'kind'> {
  const rows = words.steps.map((s) => {
    const text = valueInForce(RULING_REGIME, date).payee === 'designated-body' && s.paid_to_body ? s.paid_to_body : s.text;
    if (s.heading || !s.fact) return [s.step, text, s.page, '', ''];
    const record = records[s.fact] ?? null;
    const applies = (s.routes?.some((r) => routes.includes(r)) ?? true) && record !== false;
    const mark = !applies ? words.marks.none : record && !record.startsWith('（') ? words.marks.done : words.marks.open;
    return [s.step, text, s.page, mark, applies ? record || '' : '該当なし'];
  });
  const [step, what, page, check, record] = words.columns;
  return {
    columns: [{ header: step, width: 0.09, fit: true }, { header: what, width: 0.43 }, { header: page, width: 0.08, align: 'center' },
      { header: check, width: 0.07, align: 'center' }, { header: record, width: 0.33 }],
    rows,
    size: 9,
  };
}

/** Where the notice ran, and from when. */
function noticeRecord(n: NonNullable<DueDiligence['public_notice']>): string {
  const where = n.medium === 'cric' ? 'CRIC のウェブサイト' : n.name ?? '新聞';
  const from = n.start ?? n.published_on;
  return from ? `${where}（${eraDate(from)}）` : where;
}

/**
 * Step ② (第3の2(2)): the records whose measure turned up a way to reach the holder, and what was
 * done with it (`follow_up`). None recorded: still to be said in item 6.
 */
function contactMeasures(dd: DueDiligence): string {
  const records: { follow_up?: string }[] = [
    ...(dd.directories ?? []), ...(dd.web_search ? [dd.web_search] : []), ...(dd.management_bodies ?? []), ...(dd.expert_bodies ?? []),
    ...(dd.ruling_database ? [dd.ruling_database] : []), ...(dd.agency_inquiry ? [dd.agency_inquiry] : []), ...(dd.public_notice ? [dd.public_notice] : []),
  ];
  const followed = records.filter((r) => r.follow_up).length;
  return followed ? `判明した連絡先への連絡の結果（${followed}件、申請書の6）` : '（判明した連絡先への連絡の結果を申請書の6に書いてください）';
}

/**
 * What the case records for each step. A line in （） is a step still ahead, with what to do;
 * any other line is a record of the step done.
 */
function recordsOf(c: ChecklistCase, date: string): Records {
  const dd = c.due_diligence;
  const perWork = (key: keyof NonNullable<Work['evidence']>) =>
    (c.works.some((w) => w.evidence?.[key]) ? '著作物ごとの記録（「相当な努力」の疎明資料）' : null);
  const names = (list?: { name: string }[]) => (list?.length ? list.map((q) => q.name).join('、') : null);
  return {
    consultation: c.consultation ? `${eraDate(c.consultation.date)}${c.consultation.person ? `　${c.consultation.person}` : ''}` : '（記録なし。申請前の相談が勧められています）',
    directories: dd.directories?.map((r) => r.title).join('、') ?? perWork('directory_or_web'),
    web_search: dd.web_search ? dd.web_search.engines.join('、') : perWork('directory_or_web'),
    ruling_database: dd.ruling_database ? `裁定データベース${dd.ruling_database.serial ? `（${dd.ruling_database.serial}）` : ''}` : perWork('ruling_database'),
    management_bodies: names(dd.management_bodies) ?? perWork('management_bodies'),
    expert_bodies: names(dd.expert_bodies) ?? perWork('expert_bodies'),
    agency_inquiry: dd.agency_inquiry ? `文化庁${dd.agency_inquiry.inquired_on ? `（${eraDate(dd.agency_inquiry.inquired_on)}）` : ''}` : perWork('agency_inquiry'),
    public_notice: dd.public_notice ? noticeRecord(dd.public_notice) : perWork('public_notice'),
    contact_measures: contactMeasures(dd),
    submission: `この書類一式（${eraDate(date)}付）`,
    security: c.in_application_use ? '（申請後、文化庁の通知に従って）' : false,
    ruling: '（申請後、文化庁の通知を待って）',
    use: '（裁定後。複製物への表示は copy-notice.txt）',
  };
}
