/**
 * 相当な努力 (due diligence) before a ruling: 令7条の5, 平成21年文化庁告示第26号1〜3条, seed 004 第3の2.
 * Pure checks over the case; each finding points at the field to fix and is worded by the form
 * that asks (templates/ruling/messages.yaml), by its code.
 */
import { inForceOn } from '../dated.js';
import { CRIC_NOTICE_DAYS, MANAGEMENT_BODIES, type ManagementBody } from '../data/ruling.js';
import { dedupeFindings, type FieldPath, type Finding } from '../../base/problem.js';
import { addDays } from '../../base/format.js';

export interface NoticeRecord {
  medium: 'cric' | 'newspaper';
  start?: string;
  published_on?: string;
  name?: string;
}

export interface DiligenceRecords {
  directories?: { title: string }[];
  web_search?: unknown;
  management_bodies?: { name: string }[];
  expert_bodies?: unknown[];
  ruling_database?: unknown;
  agency_inquiry?: unknown;
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
  category?: string;
  previously_ruled?: boolean;
  evidence?: WorkEvidence;
}

/** The first day a CRIC notice allows filing: the day after posting, plus 7 full days (告示3条). */
export function earliestFilingAfterCric(start: string, date: string): string {
  const days = inForceOn(CRIC_NOTICE_DAYS, date)?.value ?? 7;
  return addDays(start, days + 1);
}

/** A record that is missing or misdated: the code says it all. */
type MissingRecord = 'diligence-a-missing-ruled-before' | 'diligence-b-missing-ruled-before' | 'diligence-a-missing'
  | 'diligence-b1-missing' | 'diligence-b2-missing' | 'diligence-c-missing' | 'diligence-cric-start-missing'
  | 'diligence-newspaper-name-missing' | 'diligence-newspaper-date-missing' | 'diligence-newspaper-after-application';

/** What the checks can find; the dates are ISO, for the form to write in each language's way. */
export type DiligenceFinding =
  | Finding<MissingRecord, Record<string, never>>
  | Finding<'diligence-cric-too-early', { start: string; earliest: string; date: string }>
  | Finding<'diligence-bodies-not-asked', { bodies: ManagementBody[] }>;

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
  works.forEach((work, i) => findings.push(...checkWork(work, i, dd)));
  findings.push(...checkNotice(dd.public_notice, date));
  findings.push(...checkManagementBodies(works, dd, subject, date));
  return dedupeFindings(findings);
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

function checkNotice(notice: NoticeRecord | undefined, date: string): DiligenceFinding[] {
  if (!notice) return [];
  const at = ['due_diligence', 'public_notice'];
  if (notice.medium === 'cric') {
    if (!notice.start) return [missing('diligence-cric-start-missing', [...at, 'start'])];
    const earliest = earliestFilingAfterCric(notice.start, date);
    if (date < earliest)
      return [{ code: 'diligence-cric-too-early', severity: 'error', path: [...at, 'start'], params: { start: notice.start, earliest, date } }];
    return [];
  }
  const out: DiligenceFinding[] = [];
  if (!notice.name) out.push(missing('diligence-newspaper-name-missing', [...at, 'name']));
  if (!notice.published_on) out.push(missing('diligence-newspaper-date-missing', [...at, 'published_on']));
  else if (notice.published_on > date) out.push(missing('diligence-newspaper-after-application', [...at, 'published_on']));
  return out;
}

/** Seed 004: "原則として全ての事業者への照会" — warn about listed bodies the case did not ask. */
function checkManagementBodies(works: DiligenceWork[], dd: DiligenceRecords, subject: string, date: string): DiligenceFinding[] {
  const table = inForceOn(MANAGEMENT_BODIES, date) ?? MANAGEMENT_BODIES[0];
  const asked = (dd.management_bodies ?? []).map((b) => b.name).join('\n');
  const out: DiligenceFinding[] = [];
  const seen = new Set<string>();
  works.forEach((work, i) => {
    if (work.previously_ruled) return; // path B: any one inquiry suffices (告示2条 柱書)
    const key = subject === 'work' ? work.category : subject;
    const listed: ManagementBody[] = (key && table.value[key]) || [];
    const text = `${asked}\n${work.evidence?.management_bodies ?? ''}`;
    const missing = listed.filter((b) => !b.match.some((m) => text.includes(m)) && !seen.has(`${key}:${b.name}`));
    if (missing.length === 0) return;
    missing.forEach((b) => seen.add(`${key}:${b.name}`));
    out.push({
      code: 'diligence-bodies-not-asked', severity: 'warning',
      path: works.length === 1 && has(dd.management_bodies) ? ['due_diligence', 'management_bodies'] : ['works', i],
      params: { bodies: missing },
    });
  });
  return out;
}
