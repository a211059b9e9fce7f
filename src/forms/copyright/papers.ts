/**
 * The papers that go with any ruling application (法67条, 法67条の3) besides the application itself:
 * 別添資料 (each work's images), 委任状 (when an agent applies), 権利者捜しの広告文 and 複製物への表示.
 * A form names the articles its papers cite (`Articles`); the words are in templates/copyright.
 */
import type { Block, KeyValue } from '../../model/document.js';
import type { Made } from '../kit/plugin.js';
import { BLANK_ERA_DATE, eraDate } from '../../base/format.js';
import { signatureLine } from '../kit/blocks.js';
import { portraitPage, type WithTemplates } from '../kit/templates.js';
import type { Applicant, Attachment, AttachmentKind, DueDiligence, Subject } from './schema.js';
import { numberAttachments, type Annex, type WithAttachments } from './attachments.js';
import type { WithWorks } from './works.js';
import { applicantBlock, authorOf, caseTerms, categoryOf, copyrightTemplates, entryTerms, lawOf, subjectsOf, titleOf } from './words.js';

/** The articles a form's papers cite: the ruling asked for, and use while it is pending. */
export interface Articles {
  /** 第67条第1項 */
  ruling: string;
  /** 第67条の2第1項 */
  pending: string;
}

/** What the shared papers read of a case. */
export type PaperCase = WithWorks<{
  subject: Subject; applicant: Applicant; in_application_use?: boolean; medium?: string; ruled_on?: string;
  advertisement?: { purpose?: string };
}>;

/** A case with its 別添資料 read. */
export type AnnexCase = WithAttachments<PaperCase & { attachments?: Attachment[]; due_diligence?: DueDiligence }>;

export { lawOf };


/** Whether the case attaches anything (load() has read each file, or reported it and the case stopped). */
export const hasAttachments = (c: AnnexCase) => numberAttachments(c).some((a) => c.files.has(a.file));

/** 別添資料: every attached file under its number and title, a picture on its own page, a PDF's pages as they are. */
export function attachmentPages(c: AnnexCase, _: unknown, ctx: WithTemplates): Made {
  const blocks: Block[] = [];
  for (const annex of annexesOf(c, ctx)) {
    const file = c.files.get(annex.file);
    if (!file) continue; // load() reported it; a case with a missing file never reaches compose
    if (blocks.length > 0) blocks.push({ kind: 'pageBreak' });
    // A drawing or photograph shows the work: its description says what to look at.
    const described = annex.kind === 'appearance' && annex.work !== undefined ? `\n${c.works[annex.work].description}` : '';
    const caption = `別添${annex.no}　${annex.caption}${described}`;
    if (file.type === 'image') {
      const img = file.image;
      blocks.push({ kind: 'image', caption, bytes: img.bytes, format: img.format, widthPx: img.widthPx, heightPx: img.heightPx });
    } else {
      const words = annexWords(ctx);
      blocks.push({ kind: 'pdfPages', caption, bytes: file.pdf.bytes, pages: file.pdf.pages,
        standIn: fill(words.pdf_stand_in, { name: annex.file, pages: String(file.pdf.pages.length) }) });
    }
  }
  return { title: '別添資料', page: portraitPage(), fontSize: 10.5, lineHeight: 1.55, pageNumbers: true, blocks };
}

interface AnnexWords {
  titles: Record<AttachmentKind, string>;
  media: Record<'cric' | 'newspaper', string>;
  of_listed_work: string;
  of_work: string;
  pdf_stand_in: string;
}
const annexWords = (ctx: WithTemplates) => copyrightTemplates.data<AnnexWords>(ctx, 'attachments.yaml');
const fill = (pattern: string, values: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** Each 別添 once (a file named twice keeps its first number), with its title and, for a work's, the work. */
export function annexesOf(c: AnnexCase, ctx: WithTemplates): (Annex & { caption: string })[] {
  const words = annexWords(ctx);
  const seen = new Set<number>();
  return numberAttachments(c).filter((a) => !seen.has(a.no) && seen.add(a.no)).map((a) => {
    const from = a.from && 'inquiry' in a.from ? a.from.inquiry : '';
    const medium = a.from && 'notice' in a.from ? (a.from.name ?? words.media[a.from.notice]) : '';
    const title = a.title ?? fill(words.titles[a.kind], { from, medium });
    const w = a.work === undefined ? undefined : c.works[a.work];
    const work = w && fill(c.works.length > 1 ? words.of_listed_work : words.of_work, { no: String(a.work! + 1), title: `${titleOf(w, entryTerms(ctx, c, w))}／${authorOf(w)}` });
    return { ...a, title, caption: work ? `${title}（${work}）` : title };
  });
}

/** 委任状: the applicant appoints the agent for this application; the applicant signs or seals it. */
export const powerOfAttorney = (articles: Articles) => (c: PaperCase, d: { date: string }, ctx: WithTemplates): Made => {
  const terms = caseTerms(ctx, c);
  const g = c.applicant.agent!;
  const agentRows = [
    g.postal_code && `〒${g.postal_code}`, g.address, `${g.title ? `${g.title}　` : ''}${g.name}`,
    g.phone && `電話　${g.phone}`, g.email && `E-mail　${g.email}`,
  ].filter((v): v is string => !!v);
  const agentBlock: Omit<KeyValue, 'kind'> = { left: 0.1, keyWidth: 6, rows: agentRows.map((value, i) => ({ key: i === 0 ? '住所・氏名' : '', value })) };
  // The principal: the applicant block of the application without its contact person and agent.
  const principal = applicantBlock({ ...c, applicant: { ...c.applicant, agent: undefined, contact: undefined, phone: undefined, email: undefined } });
  const individual = c.applicant.kind === 'individual';
  const several = c.works.length > 1;
  return copyrightTemplates.document(ctx, 'power-of-attorney.hbs', '委任状', () => ({
    date: eraDate(d.date),
    agentBlock,
    principalWord: individual ? '私' : '委任者',
    law: lawOf(ctx, c, articles.ruling),
    terms,
    several,
    count: c.works.length,
    work: several ? null : { title: titleOf(c.works[0], entryTerms(ctx, c, c.works[0])), author: authorOf(c.works[0]) },
    principalBlock: { ...principal, left: 0.1, keyWidth: 6, rows: principal.rows.map((r, i) => ({ ...r, key: i === 0 ? '住所・氏名' : '' })) },
    signature: individual ? signatureLine('署名', 0.42) : null,
  }));
};

/** 権利者捜しの広告文 (seed 004 ウ(イ) 掲載例): each work described so it can be recognised, then the contact. */
export function advertisement(c: PaperCase, _: unknown, ctx: WithTemplates): Made {
  const terms = caseTerms(ctx, c);
  return copyrightTemplates.document(ctx, 'advertisement.hbs', `${terms.holder}の方を捜しています`, () => {
    const purpose = (c.advertisement?.purpose ?? `下記の${terms.object}を利用する`).replace(/(に当たり|にあたり)、?$/, '');
    const works = c.works.map((w, i) => {
      // Each entry in its own subject's words: a record maker is named as such, never as a 実演家.
      const own = entryTerms(ctx, c, w);
      const rows: { key: string; value: string }[] = [];
      const add = (key: string, value: string | null | undefined) => value && rows.push({ key, value });
      add('題名', w.title && !/[「」]/.test(w.title) ? `「${w.title}」` : titleOf(w, own));
      add(own.item2, authorOf(w));
      add('種類', categoryOf(w));
      add(own.ad_year, w.year);
      add(own.ad_publisher, w.publisher);
      add('概要', w.description);
      return { no: String(i + 1), object: own.object, info: { left: 0.04, keyWidth: 6, rows } };
    });
    const a = c.applicant;
    const ct = a.contact;
    const who = [a.name, ct?.department, ct?.name].filter(Boolean).join('　');
    const phone = ct?.phone ?? a.phone;
    const email = ct?.email ?? a.email;
    const contactRows = [
      `${a.postal_code ? `〒${a.postal_code}　` : ''}${a.address}（${who}）`,
      [phone && `電話　${phone}`, email && `E-mail　${email}`].filter(Boolean).join('　'),
    ].filter(Boolean);
    return {
      terms, purpose, several: works.length > 1, works,
      contact: { left: 0.04, keyWidth: 0, rows: contactRows.map((value) => ({ key: '', value })) },
    };
  });
}

/** 複製物への表示 (法67条3項・4項, seed 004 の記載例): during the application and after the ruling. */
export const copyNotice = (articles: Articles) => (c: PaperCase, d: { date: string }, ctx: WithTemplates): Made =>
  copyrightTemplates.document(ctx, 'copy-notice.hbs', '複製物への表示', () => ({
    inApplication: !!c.in_application_use,
    medium: c.medium ?? '複製物',
    applied: eraDate(d.date),
    ruled: c.ruled_on ? eraDate(c.ruled_on) : BLANK_ERA_DATE,
    lawInApplication: lawOf(ctx, c, articles.pending),
    lawRuling: lawOf(ctx, c, articles.ruling),
    // Several articles cited at once (法67条の2第1項 and 103条 applying it) are 「これらの規定」, not 「同項」.
    several: subjectsOf(c).length > 1 && subjectsOf(c).includes('work'),
  }));
