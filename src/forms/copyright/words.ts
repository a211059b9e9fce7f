/**
 * What every ruling paper shares: the words that change with the subject (templates/copyright/
 * subjects.yaml), how a work and its author are named, and the applicant's block.
 */
import { reachLines } from '../kit/reach.js';
import { formTemplates, type WithTemplates } from '../kit/templates.js';
import { WORK_CATEGORIES } from '../../law/data/ruling.js';
import type { KeyValue } from '../../model/document.js';
import { SUBJECTS, type Applicant, type Subject, type Work } from './schema.js';

/** templates/copyright: the papers every ruling form shares (委任状, 広告文, 複製物への表示) and the subjects' words. */
export const copyrightTemplates = formTemplates('copyright');

export type Terms = Record<string, string> & { list_columns: string[]; evidence_columns: string[] };
export const termsFor = (ctx: WithTemplates, subject: string): Terms => copyrightTemplates.data<Record<string, Terms>>(ctx, 'subjects.yaml')[subject];

/** What a case holds of subjects: its own (the default of every entry) and its entries'. */
export interface SubjectCase { subject: Subject; works: Work[] }

/** An entry's own subject (works[i].subject), else the case's. */
export const subjectOf = (c: { subject: Subject }, w: Work): Subject => w.subject ?? c.subject;

/**
 * The subjects of a case's entries, in the law's order (著作物, 実演, レコード, 放送, 有線放送): the
 * works gone through once, not once for each subject — four times 10,000 works for a case of
 * works alone, and the papers ask for them again and again.
 */
export function subjectsOf(c: SubjectCase): Subject[] {
  const seen = new Set<Subject>();
  for (const w of c.works) seen.add(subjectOf(c, w));
  const present = SUBJECTS.filter((s) => seen.has(s));
  return present.length ? present : [c.subject];
}

/** One subject's entries, each with its index in the case (its No. in the 別紙 is index + 1). */
export interface Group { subject: Subject; terms: Terms; entries: { work: Work; index: number }[] }

/** The case's entries by subject, in the law's order; one group when the case has one subject. */
export function groupsOf(ctx: WithTemplates, c: SubjectCase): Group[] {
  return subjectsOf(c).map((subject) => ({
    subject, terms: termsFor(ctx, subject),
    entries: c.works.map((work, index) => ({ work, index })).filter(({ work }) => subjectOf(c, work) === subject),
  }));
}

/** The words of an entry's own subject. */
export const entryTerms = (ctx: WithTemplates, c: { subject: Subject }, w: Work): Terms => termsFor(ctx, subjectOf(c, w));

interface MixedWords extends Record<string, string> { and: string; comma: string }
type Laws = Record<'work' | 'neighbouring' | 'both', string>;
/** Fills {key} from values; a key not given stays for a later fill (list_group's {title}). */
export const fill = (pattern: string, values: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);

/** Japanese enumeration: A, A及びB, A、B及びC. */
function joinWords(words: string[], m: MixedWords): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(m.comma)}${m.and}${words[words.length - 1]}`;
}

/**
 * The article as the papers cite it (templates/copyright/subjects.yaml `laws`): 法67条 for works, 103条
 * applying it for neighbouring rights, both joined when the case holds both.
 */
export function lawOf(ctx: WithTemplates, c: SubjectCase, article: string): string {
  const laws = copyrightTemplates.data<{ laws: Laws }>(ctx, 'subjects.yaml').laws;
  const subjects = subjectsOf(c);
  const work = subjects.includes('work');
  const key = work && subjects.length > 1 ? 'both' : work ? 'work' : 'neighbouring';
  return fill(laws[key], { article });
}

/** Terms of the whole case: mixed says whether its entries are of several subjects. */
export type CaseTerms = Terms & { mixed: boolean; list_ref: string; lead_object: string };

/**
 * The words of the whole application: its one subject's, or — entries of several subjects (seed 004
 * 御質問5) — those of `mixed`, composed from each group's own words (著作物、実演及びレコード).
 */
export function caseTerms(ctx: WithTemplates, c: SubjectCase): CaseTerms {
  const groups = groupsOf(ctx, c);
  if (groups.length === 1) {
    const t = groups[0].terms;
    return { ...t, mixed: false, list_ref: `「${t.list_title}」`, lead_object: t.object } as unknown as CaseTerms;
  }
  const m = copyrightTemplates.data<{ mixed: MixedWords }>(ctx, 'subjects.yaml').mixed;
  const words = (key: string) => joinWords(groups.map((g) => g.terms[key]), m);
  const values: Record<string, string> = {
    objects: words('object'), parties: words('party'), names: words('item2'),
    holders: joinWords([...new Set(groups.map((g) => g.terms.holder))], m),
    law_deposit: lawOf(ctx, c, '第67条第2項'), law_pending: lawOf(ctx, c, '第67条の2第1項'),
  };
  const composed = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fill(v, values)]));
  const first = groups[0].terms;
  return {
    ...first, ...composed,
    list_columns: first.list_columns, evidence_columns: first.evidence_columns,
    list_title: groups.map((g) => g.terms.list_title).join('・'),
    list_ref: groups.map((g) => `「${g.terms.list_title}」`).join(''),
    mixed: true,
  } as unknown as CaseTerms;
}

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
