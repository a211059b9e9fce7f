/**
 * 相当な努力 (due diligence) before a ruling: 令7条の5, 平成21年文化庁告示第26号1〜3条, seed 004 第3の2.
 * Pure checks over the case; each problem points at the field to fix.
 */
import { inForceOn } from '../dated.js';
import { CRIC_NOTICE_DAYS, MANAGEMENT_BODIES, type ManagementBody } from '../data/ruling.js';
import { dedupeProblems, error, warning, type Problem } from '../../base/problem.js';
import { addDays, eraDate } from '../../base/format.js';

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

const has = (x: unknown) => (Array.isArray(x) ? x.length > 0 : x !== undefined && x !== null && x !== '');

/** Checks the measures ア・イ・ウ for every work, and the public notice's timing. */
export function checkDiligence(
  works: DiligenceWork[],
  dd: DiligenceRecords,
  subject: string,
  date: string,
): Problem[] {
  const problems: Problem[] = [];
  works.forEach((work, i) => problems.push(...checkWork(work, i, dd)));
  problems.push(...checkNotice(dd.public_notice, date));
  problems.push(...checkManagementBodies(works, dd, subject, date));
  return dedupeProblems(problems);
}

function checkWork(work: DiligenceWork, i: number, dd: DiligenceRecords): Problem[] {
  const ev = work.evidence ?? {};
  const at = ['works', i];
  const out: Problem[] = [];
  const readA = has(dd.directories) || has(dd.web_search) || has(ev.directory_or_web);
  const noticeC = has(dd.public_notice) || has(ev.public_notice);
  if (work.previously_ruled) {
    // Path B (過去に裁定を受けた著作物等): ア may be the ruling database, イ any one of (ア)(イ)(ウ).
    if (!readA && !has(dd.ruling_database) && !has(ev.ruling_database))
      out.push(error([...at, 'previously_ruled'],
        'ア（名簿・名鑑の閲覧、ウェブ検索、または過去の裁定のデータベースの検索）の記録がありません。',
        'Measure ア is missing: record a directory reading, a web search or a search of the past-rulings database.',
        { ja: 'due_diligence に ruling_database（または directories / web_search）を書いてください。', en: 'Add due_diligence.ruling_database (or directories / web_search).' }));
    const anyB = has(dd.management_bodies) || has(dd.expert_bodies) || has(dd.agency_inquiry) ||
      has(ev.management_bodies) || has(ev.expert_bodies) || has(ev.agency_inquiry);
    if (!anyB)
      out.push(error([...at, 'previously_ruled'],
        'イ（管理事業者・識見を有する団体・文化庁長官のいずれかへの照会）の記録がありません。',
        'Measure イ is missing: record an inquiry to a management body, an expert body or the Commissioner (agency_inquiry).',
        { ja: 'due_diligence に agency_inquiry などを書いてください。', en: 'Add due_diligence.agency_inquiry or another inquiry.' }));
  } else {
    if (!readA)
      out.push(error(at,
        'ア（名簿・名鑑の閲覧またはウェブ検索）の記録がありません（令7条の5第1項1号）。',
        'Measure ア is missing: a directory reading or a web search is required (Order art. 7-5(1)(i)).',
        { ja: 'due_diligence.directories か web_search、または作品の evidence.directory_or_web を書いてください。', en: 'Add due_diligence.directories or web_search, or the work\'s evidence.directory_or_web.' }));
    if (!has(dd.management_bodies) && !has(ev.management_bodies))
      out.push(error(at,
        'イ(ア)（著作権等管理事業者等への照会）の記録がありません。',
        'Measure イ(ア) is missing: an inquiry to the copyright management bodies is required.',
        { ja: 'due_diligence.management_bodies を書いてください。', en: 'Add due_diligence.management_bodies.' }));
    if (!has(dd.expert_bodies) && !has(ev.expert_bodies))
      out.push(error(at,
        'イ(イ)（識見を有する団体への照会）の記録がありません。',
        'Measure イ(イ) is missing: an inquiry to a body of experts in the field is required.',
        { ja: 'due_diligence.expert_bodies を書いてください。', en: 'Add due_diligence.expert_bodies.' }));
  }
  if (!noticeC)
    out.push(error(at,
      'ウ（日刊新聞紙またはCRICのウェブサイトでの情報提供の求め）の記録がありません。',
      'Measure ウ is missing: a notice in a daily newspaper or on the CRIC website is required.',
      { ja: 'due_diligence.public_notice を書いてください。', en: 'Add due_diligence.public_notice.' }));
  return out;
}

function checkNotice(notice: NoticeRecord | undefined, date: string): Problem[] {
  if (!notice) return [];
  const at = ['due_diligence', 'public_notice'];
  if (notice.medium === 'cric') {
    if (!notice.start)
      return [error([...at, 'start'], 'CRICへの掲載開始日がありません。', 'The CRIC notice needs its start date.',
        { ja: 'start: YYYY-MM-DD を書いてください。', en: 'Add start: YYYY-MM-DD.' })];
    const earliest = earliestFilingAfterCric(notice.start, date);
    if (date < earliest)
      return [error([...at, 'start'],
        `CRICへの掲載は掲載日翌日から7日間が必要です。${eraDate(notice.start)}掲載なら、申請日は${eraDate(earliest)}以降にしてください（申請日は${eraDate(date)}）。`,
        `A CRIC notice must run 7 days after the day it went up: posted ${notice.start}, the application may be dated ${earliest} at the earliest (it is dated ${date}).`,
        { ja: `date を ${earliest} 以降にしてください。`, en: `Set date to ${earliest} or later.` })];
    return [];
  }
  const out: Problem[] = [];
  if (!notice.name)
    out.push(error([...at, 'name'], '新聞の名称がありません。', 'The newspaper notice needs the paper\'s name.',
      { ja: 'name: 〇〇新聞 を書いてください。', en: 'Add name: (the newspaper).' }));
  if (!notice.published_on)
    out.push(error([...at, 'published_on'], '新聞の掲載日がありません。', 'The newspaper notice needs its date.',
      { ja: 'published_on: YYYY-MM-DD を書いてください。', en: 'Add published_on: YYYY-MM-DD.' }));
  else if (notice.published_on > date)
    out.push(error([...at, 'published_on'], '新聞の掲載日が申請日より後です。', 'The newspaper notice is dated after the application.'));
  return out;
}

/** Seed 004: "原則として全ての事業者への照会" — warn about listed bodies the case did not ask. */
function checkManagementBodies(works: DiligenceWork[], dd: DiligenceRecords, subject: string, date: string): Problem[] {
  const table = inForceOn(MANAGEMENT_BODIES, date) ?? MANAGEMENT_BODIES[0];
  const asked = (dd.management_bodies ?? []).map((b) => b.name).join('\n');
  const out: Problem[] = [];
  const seen = new Set<string>();
  works.forEach((work, i) => {
    if (work.previously_ruled) return; // path B: any one inquiry suffices (告示2条 柱書)
    const key = subject === 'work' ? work.category : subject;
    const listed: ManagementBody[] = (key && table.value[key]) || [];
    const text = `${asked}\n${work.evidence?.management_bodies ?? ''}`;
    const missing = listed.filter((b) => !b.match.some((m) => text.includes(m)) && !seen.has(`${key}:${b.name}`));
    if (missing.length === 0) return;
    missing.forEach((b) => seen.add(`${key}:${b.name}`));
    const names = missing.map((b) => `${b.name}（${b.field}）`).join('、');
    out.push(warning(works.length === 1 && has(dd.management_bodies) ? ['due_diligence', 'management_bodies'] : ['works', i],
      `文化庁の手引きが挙げる管理事業者のうち、照会の記録がないものがあります: ${names}。同じ分野の事業者には原則としてすべて照会してください。`,
      `The guide lists management bodies for this kind of material that the case did not ask: ${names}. In principle every body in the field should be asked.`,
      { ja: '照会した場合は management_bodies に加えてください。分野が違う場合はこの警告は無視できます。', en: 'If you asked them, add them to management_bodies; if their field differs from the work\'s, ignore this warning.' }));
  });
  return out;
}
