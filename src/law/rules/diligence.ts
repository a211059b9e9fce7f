/**
 * 相当な努力 (due diligence) before a ruling: 令7条の5, 平成21年文化庁告示第26号1〜3条, seed 004 第3の2.
 * Pure checks over the case; each finding points at the field to fix and is worded by the form
 * that asks (templates/ruling/messages.yaml), by its code.
 */
import { inForceOn } from '../dated.js';
import { CRIC_NOTICE_DAYS, MANAGEMENT_BODIES, type ManagementBody } from '../data/ruling.js';
import { append, dedupeFindings, type FieldPath, type Finding } from '../../base/problem.js';
import { addDays } from '../../base/format.js';

/** A way to reach the holder that a measure turned up (seed 004 第3の2(2) ア・イ: 住所, 電話・FAX・メールアドレス). */
export type ContactFound = 'address' | 'phone' | 'fax' | 'email';

/**
 * Step ② of 相当な努力 (令7条の5第1項, seed 004 第3の2(2)): what a measure found to reach the holder
 * by, and what was done with it (the letter came back, the number was dead …).
 */
export interface FollowUp {
  found?: ContactFound[];
  follow_up?: string;
}

export interface NoticeRecord extends FollowUp {
  medium: 'cric' | 'newspaper';
  start?: string;
  /** The last day the notice was up on the CRIC site, when the applicant knows it. */
  end?: string;
  published_on?: string;
  name?: string;
  own_site?: boolean;
}

export interface InquiryRecord extends FollowUp {
  name?: string;
  inquired_on?: string;
}

export interface DiligenceRecords {
  directories?: ({ title: string } & FollowUp)[];
  web_search?: FollowUp;
  management_bodies?: ({ name: string } & InquiryRecord)[];
  expert_bodies?: InquiryRecord[];
  ruling_database?: { ruled_on?: string } & FollowUp;
  agency_inquiry?: { inquired_on?: string } & FollowUp;
  public_notice?: NoticeRecord;
}

export interface WorkEvidence {
  directory_or_web?: string;
  management_bodies?: string;
  expert_bodies?: string;
  public_notice?: string;
  ruling_database?: string;
  agency_inquiry?: string;
}

export interface DiligenceWork {
  /** The entry's own subject (works[i].subject); the case's when not given. */
  subject?: string;
  category?: string;
  previously_ruled?: boolean;
  evidence?: WorkEvidence;
}

/** The days a CRIC notice must run, counted from the day after it went up (告示3条), in force on `date`. */
export const cricNoticeDays = (date: string): number => inForceOn(CRIC_NOTICE_DAYS, date)?.value ?? CRIC_NOTICE_DAYS[0].value;

/** The first day a CRIC notice allows filing: the day after posting, plus 7 full days (告示3条). */
export function earliestFilingAfterCric(start: string, date: string): string {
  return addDays(start, cricNoticeDays(date) + 1);
}

/**
 * How long a CRIC notice ran, as far as the case knows: to its `end` when the applicant gives it,
 * else only to the end of the minimum period (the start plus the days of 告示3条) — `minimum` says
 * which, so the paper never prints the shortest period as if it were the posting's real end.
 */
export function cricNoticeSpan(notice: { start: string; end?: string }, date: string): { start: string; end: string; minimum: boolean; days: number } {
  const days = cricNoticeDays(date);
  return notice.end
    ? { start: notice.start, end: notice.end, minimum: false, days }
    : { start: notice.start, end: addDays(notice.start, days), minimum: true, days };
}

/** A record that is missing or misdated: the code says it all. */
type MissingRecord = 'diligence-a-missing-ruled-before' | 'diligence-b-missing-ruled-before' | 'diligence-a-missing'
  | 'diligence-b1-missing' | 'diligence-b2-missing' | 'diligence-c-missing' | 'diligence-cric-start-missing'
  | 'diligence-newspaper-name-missing' | 'diligence-newspaper-date-missing' | 'diligence-newspaper-after-application'
  | 'diligence-notice-end-not-cric';

/** The records of due_diligence, by their field names. */
export type RecordKind = 'directories' | 'web_search' | 'management_bodies' | 'expert_bodies' | 'ruling_database' | 'agency_inquiry' | 'public_notice';

/** What the checks can find; the dates are ISO, for the form to write in each language's way. */
export type DiligenceFinding =
  | Finding<MissingRecord, Record<string, never>>
  | Finding<'diligence-cric-too-early', { start: string; earliest: string; date: string }>
  | Finding<'diligence-cric-end-too-soon', { start: string; end: string; days: number; minimum_end: string }>
  | Finding<'diligence-cric-end-after-application' | 'diligence-inquiry-after-application' | 'diligence-earlier-ruling-after-application',
      { on: string; date: string }>
  | Finding<'diligence-follow-up-missing', { record: RecordKind; name: string | null; found: ContactFound[] }>
  | Finding<'diligence-bodies-not-asked', { bodies: ManagementBody[] }>
  | Finding<'diligence-notice-field-of-other-medium', { field: string; medium: 'cric' | 'newspaper' }>;

const missing = (code: MissingRecord, path: FieldPath): DiligenceFinding => ({ code, severity: 'error', path, params: {} });

const has = (x: unknown) => (Array.isArray(x) ? x.length > 0 : x !== undefined && x !== null && x !== '');

/** Checks the measures ア・イ・ウ for every work, and the public notice's timing. */
export function checkDiligence(
  works: DiligenceWork[],
  dd: DiligenceRecords,
  subject: string,
  date: string,
): DiligenceFinding[] {
  const findings: DiligenceFinding[] = [];
  works.forEach((work, i) => append(findings, checkWork(work, i, dd)));
  findings.push(...checkNotice(dd.public_notice, date));
  findings.push(...checkDates(dd, date));
  findings.push(...checkFollowUps(dd));
  findings.push(...checkManagementBodies(works, dd, subject, date));
  return dedupeFindings(findings);
}

/** Every record of due_diligence with its path and, where it has one, the name the case gives it. */
function recordsOf(dd: DiligenceRecords): { kind: RecordKind; path: FieldPath; name: string | null; record: FollowUp }[] {
  const at = (kind: RecordKind, i?: number): FieldPath => ['due_diligence', kind, ...(i === undefined ? [] : [i])];
  return [
    ...(dd.directories ?? []).map((r, i) => ({ kind: 'directories' as const, path: at('directories', i), name: r.title, record: r })),
    ...(dd.web_search ? [{ kind: 'web_search' as const, path: at('web_search'), name: null, record: dd.web_search }] : []),
    ...(dd.management_bodies ?? []).map((r, i) => ({ kind: 'management_bodies' as const, path: at('management_bodies', i), name: r.name, record: r })),
    ...(dd.expert_bodies ?? []).map((r, i) => ({ kind: 'expert_bodies' as const, path: at('expert_bodies', i), name: r.name ?? null, record: r })),
    ...(dd.ruling_database ? [{ kind: 'ruling_database' as const, path: at('ruling_database'), name: null, record: dd.ruling_database }] : []),
    ...(dd.agency_inquiry ? [{ kind: 'agency_inquiry' as const, path: at('agency_inquiry'), name: null, record: dd.agency_inquiry }] : []),
    ...(dd.public_notice ? [{ kind: 'public_notice' as const, path: at('public_notice'), name: dd.public_notice.name ?? null, record: dd.public_notice }] : []),
  ];
}

/**
 * Step ② (令7条の5第1項, seed 004 第3の2(2)): an address, phone, fax or e-mail a measure turned up
 * must have been tried — the record says what came of it, or the holder has not been shown unreachable.
 */
function checkFollowUps(dd: DiligenceRecords): DiligenceFinding[] {
  return recordsOf(dd)
    .filter(({ record }) => record.found?.length && !has(record.follow_up))
    .map(({ kind, path, name, record }) => ({
      code: 'diligence-follow-up-missing' as const, severity: 'error' as const, path: [...path, 'found'],
      params: { record: kind, name, found: record.found! },
    }));
}

/** An inquiry, or the earlier ruling the database shows, cannot postdate the application (as a notice cannot). */
function checkDates(dd: DiligenceRecords, date: string): DiligenceFinding[] {
  const out: DiligenceFinding[] = [];
  const after = (code: 'diligence-inquiry-after-application' | 'diligence-earlier-ruling-after-application', on: string | undefined, path: FieldPath) => {
    if (on && on > date) out.push({ code, severity: 'error', path, params: { on, date } });
  };
  (['management_bodies', 'expert_bodies'] as const).forEach((kind) =>
    dd[kind]?.forEach((r, i) => after('diligence-inquiry-after-application', r.inquired_on, ['due_diligence', kind, i, 'inquired_on'])));
  after('diligence-inquiry-after-application', dd.agency_inquiry?.inquired_on, ['due_diligence', 'agency_inquiry', 'inquired_on']);
  after('diligence-earlier-ruling-after-application', dd.ruling_database?.ruled_on, ['due_diligence', 'ruling_database', 'ruled_on']);
  return out;
}

function checkWork(work: DiligenceWork, i: number, dd: DiligenceRecords): DiligenceFinding[] {
  const ev = work.evidence ?? {};
  const at = ['works', i];
  const out: DiligenceFinding[] = [];
  const readA = has(dd.directories) || has(dd.web_search) || has(ev.directory_or_web);
  const noticeC = has(dd.public_notice) || has(ev.public_notice);
  if (work.previously_ruled) {
    // Path B (過去に裁定を受けた著作物等): ア may be the ruling database, イ any one of (ア)(イ)(ウ).
    if (!readA && !has(dd.ruling_database) && !has(ev.ruling_database))
      out.push(missing('diligence-a-missing-ruled-before', [...at, 'previously_ruled']));
    const anyB = has(dd.management_bodies) || has(dd.expert_bodies) || has(dd.agency_inquiry) ||
      has(ev.management_bodies) || has(ev.expert_bodies) || has(ev.agency_inquiry);
    if (!anyB) out.push(missing('diligence-b-missing-ruled-before', [...at, 'previously_ruled']));
  } else {
    if (!readA) out.push(missing('diligence-a-missing', at));
    if (!has(dd.management_bodies) && !has(ev.management_bodies)) out.push(missing('diligence-b1-missing', at));
    if (!has(dd.expert_bodies) && !has(ev.expert_bodies)) out.push(missing('diligence-b2-missing', at));
  }
  if (!noticeC) out.push(missing('diligence-c-missing', at));
  return out;
}

/** The fields of one medium's notice: a CRIC posting's days and link, a newspaper's name and date. */
const MEDIUM_FIELDS = { cric: ['start', 'own_site'], newspaper: ['name', 'published_on'] } as const;

/**
 * The fields each medium's notice has, as the schema declares them (the browser form hides the other
 * medium's): MEDIUM_FIELDS, and the CRIC posting's end, refused on a newspaper notice with a message of its own.
 */
export const NOTICE_FIELDS = { cric: [...MEDIUM_FIELDS.cric, 'end'], newspaper: MEDIUM_FIELDS.newspaper } as const;

function checkNotice(notice: NoticeRecord | undefined, date: string): DiligenceFinding[] {
  if (!notice) return [];
  const at = ['due_diligence', 'public_notice'];
  // A field of the other medium would be dropped from the papers: refused at the field.
  const other = notice.medium === 'cric' ? 'newspaper' : 'cric';
  const misplaced: DiligenceFinding[] = MEDIUM_FIELDS[other].filter((field) => notice[field] !== undefined)
    .map((field) => ({ code: 'diligence-notice-field-of-other-medium', severity: 'error', path: [...at, field], params: { field, medium: other } }));
  return [...misplaced, ...checkNoticeOfItsMedium(notice, date, at)];
}

function checkNoticeOfItsMedium(notice: NoticeRecord, date: string, at: string[]): DiligenceFinding[] {
  if (notice.medium === 'cric') {
    if (!notice.start) return [missing('diligence-cric-start-missing', [...at, 'start'])];
    const earliest = earliestFilingAfterCric(notice.start, date);
    if (date < earliest)
      return [{ code: 'diligence-cric-too-early', severity: 'error', path: [...at, 'start'], params: { start: notice.start, earliest, date } }];
    if (notice.end) {
      const days = cricNoticeDays(date);
      const minimumEnd = addDays(notice.start, days);
      if (notice.end < minimumEnd)
        return [{ code: 'diligence-cric-end-too-soon', severity: 'error', path: [...at, 'end'], params: { start: notice.start, end: notice.end, days, minimum_end: minimumEnd } }];
      if (notice.end > date)
        return [{ code: 'diligence-cric-end-after-application', severity: 'error', path: [...at, 'end'], params: { on: notice.end, date } }];
    }
    return [];
  }
  const out: DiligenceFinding[] = [];
  if (notice.end) out.push(missing('diligence-notice-end-not-cric', [...at, 'end']));
  if (!notice.name) out.push(missing('diligence-newspaper-name-missing', [...at, 'name']));
  if (!notice.published_on) out.push(missing('diligence-newspaper-date-missing', [...at, 'published_on']));
  else if (notice.published_on > date) out.push(missing('diligence-newspaper-after-application', [...at, 'published_on']));
  return out;
}

/**
 * Whether the guide lists the body as managing the case's kind of material (a work's category, or
 * the neighbouring-right subject): only then may the paper call it that field's 著作権等管理事業者.
 */
export function managesField(name: string, field: string | null, date: string): boolean {
  if (!field) return false;
  const table = inForceOn(MANAGEMENT_BODIES, date) ?? MANAGEMENT_BODIES[0];
  return (table.value[field] ?? []).some((b) => b.match.some((m) => name.includes(m)));
}

/** Seed 004: "原則として全ての事業者への照会" — warn about listed bodies the case did not ask. */
function checkManagementBodies(works: DiligenceWork[], dd: DiligenceRecords, subject: string, date: string): DiligenceFinding[] {
  const table = inForceOn(MANAGEMENT_BODIES, date) ?? MANAGEMENT_BODIES[0];
  const asked = (dd.management_bodies ?? []).map((b) => b.name).join('\n');
  const out: DiligenceFinding[] = [];
  const seen = new Map<string, Set<string>>();
  // A body is asked when the case's inquiries or the work's evidence name it. The case's are
  // searched once per body, not once per work with its evidence (a tenth of checking 10,000 works);
  // a fragment holding a line end could straddle the two, and is looked for in them joined.
  const inCase = new Map<ManagementBody, boolean>();
  const askedInCase = (b: ManagementBody) =>
    inCase.get(b) ?? inCase.set(b, b.match.some((m) => !m.includes('\n') && asked.includes(m))).get(b)!;
  const named = (b: ManagementBody, evidence: string) =>
    askedInCase(b) || b.match.some((m) => (m.includes('\n') ? `${asked}\n${evidence}` : evidence).includes(m));
  works.forEach((work, i) => {
    if (work.previously_ruled) return; // path B: any one inquiry suffices (告示2条 柱書)
    // Each entry by its own subject: a phonogram's bodies for a phonogram, a work's category for a work.
    const own = work.subject ?? subject;
    const key = own === 'work' ? work.category : own;
    const listed: ManagementBody[] = (key && table.value[key]) || [];
    const warned = seen.get(key ?? '') ?? new Set<string>();
    const evidence = work.evidence?.management_bodies ?? '';
    const missing = listed.filter((b) => !warned.has(b.name) && !named(b, evidence));
    if (missing.length === 0) return;
    missing.forEach((b) => warned.add(b.name));
    seen.set(key ?? '', warned);
    out.push({
      code: 'diligence-bodies-not-asked', severity: 'warning',
      path: works.length === 1 && has(dd.management_bodies) ? ['due_diligence', 'management_bodies'] : ['works', i],
      params: { bodies: missing },
    });
  });
  return out;
}
