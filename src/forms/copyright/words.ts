/**
 * What every ruling paper shares: the words that change with the subject (templates/copyright/
 * subjects.yaml), how a work and its author are named, and the applicant's block.
 */
import { reachLines } from '../kit/reach.js';
import { formTemplates, type WithTemplates } from '../kit/templates.js';
import { WORK_CATEGORIES } from '../../law/data/ruling.js';
import type { KeyValue } from '../../model/document.js';
import type { Applicant, Work } from './schema.js';

/** templates/copyright: the papers every ruling form shares (委任状, 広告文, 複製物への表示) and the subjects' words. */
export const copyrightTemplates = formTemplates('copyright');

export type Terms = Record<string, string> & { list_columns: string[]; evidence_columns: string[] };
export const termsFor = (ctx: WithTemplates, subject: string): Terms => copyrightTemplates.data<Record<string, Terms>>(ctx, 'subjects.yaml')[subject];

export function titleOf(w: Work, terms: Terms): string {
  return w.title ?? (w.title_status === 'none' ? terms.no_title : terms.unknown_title);
}

export function authorOf(w: Work): string {
  const name = w.author ?? (w.author_status === 'none' ? '表示がない' : '不明');
  return w.author_reading ? `${name}（${w.author_reading}）` : name;
}

export const categoryOf = (w: Work) => (w.category ? WORK_CATEGORIES[w.category] : null);

/**
 * The applicant (and agent) block of the application, in two parts: `head` down to the name (a
 * corporation's representative with ㊞ in it), and `rest` — the contact person, the numbers and the
 * agent. An individual signs between the two (seed 004 第3の3(1)イ: the applicant's 署名 under the
 * applicant's name; the agent written 「申請者の記載の下に」 with the agent's seal).
 */
export function applicantBlocks(c: { applicant: Applicant }): { head: Omit<KeyValue, 'kind'>; rest: Omit<KeyValue, 'kind'> | null } {
  const a = c.applicant;
  const rows: { key: string; value: string }[] = [];
  const push = (value: string | undefined | false) => value && rows.push({ key: rows.length === 0 ? '申請者' : '', value });
  push(a.postal_code && `〒${a.postal_code}`);
  push(a.address);
  push(a.name);
  if (a.kind !== 'individual') push(a.representative && `${a.representative.title}　${a.representative.name}　㊞`);
  const head = rows.length; // an individual signs below the name (署名); no seal is needed
  const ct = a.contact;
  if (ct && (ct.department || ct.name)) push(`担当者　${[ct.department, ct.name].filter(Boolean).join('　')}`);
  reachLines(a, ct).forEach(push);
  if (a.agent) {
    const g = a.agent;
    const first = rows.length;
    const add = (value: string | undefined | false) => value && rows.push({ key: rows.length === first ? '代理人' : '', value });
    add(g.postal_code && `〒${g.postal_code}`);
    add(g.address);
    add(`${g.title ? `${g.title}　` : ''}${g.name}　㊞`);
    add(g.phone && `電話　${g.phone}`);
    add(g.email && `E-mail　${g.email}`);
  }
  const block = (part: typeof rows, before?: number) => ({ left: 0.42, keyWidth: 4, rows: part, before });
  return {
    head: block(rows.slice(0, head), 0.5),
    rest: rows.length > head ? block(rows.slice(head), 0.3) : null,
  };
}

/** The applicant block whole (the 委任状's principal, a form with no line to sign between). */
export function applicantBlock(c: { applicant: Applicant }): Omit<KeyValue, 'kind'> {
  const { head, rest } = applicantBlocks(c);
  return { ...head, rows: [...head.rows, ...(rest?.rows ?? [])] };
}
