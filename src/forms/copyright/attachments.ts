/**
 * 別添資料: every file a case attaches to its application, read (PNG, JPEG or PDF), numbered
 * 別添1, 別添2 … in the order of the law's list (令8条2項, seed 004 第3の3サ: (ア) that the holder
 * could not be reached — the replies to inquiries, then the notice as it ran; (イ) drawings and
 * photographs of the works; (ウ) proof of publication; then anything else), and what the Agency will
 * ask for that is still missing. The same file named twice is one 別添 with one number.
 */
import { statSync } from 'node:fs';
import { readHead } from '../../base/bounded-file.js';
import type { FieldPath, Problem } from '../../base/problem.js';
import { readImage, type ImageFile } from '../../input/images.js';
import { insideFolder, namedPath, type FolderOf } from '../../input/named-file.js';
import { looksLikePdf, readPdf, type PdfFile } from '../../input/pdf-file.js';
import type { FormContext, Loaded } from '../kit/plugin.js';
import { copyrightMessages as m, type Attachment, type AttachmentKind, type DueDiligence, type Work } from './schema.js';
import { loadWorks, type WithWorks } from './works.js';

export type AttachedFile = { type: 'image'; image: ImageFile } | { type: 'pdf'; pdf: PdfFile };

/** One 別添 as the case names it, before it is numbered. */
export interface AttachmentEntry {
  kind: AttachmentKind;
  file: string;
  /** The title the case gave, if any. */
  title?: string;
  /** The work it belongs to (index into the case's works). */
  work?: number;
  /** The inquiry or notice it belongs to, whose name titles it. */
  from?: { inquiry: string } | { notice: 'cric' | 'newspaper'; name?: string };
  /** Where the case names it. */
  path: FieldPath;
}

/** A numbered 別添: `no` is its number, shared by every entry naming the same file. */
export type Annex = AttachmentEntry & { no: number };

interface AttachingCase {
  works: Work[];
  attachments?: Attachment[];
  /** 法67条's search records (their replies and the notice's copy are 別添); the 67条の3 ruling has none. */
  due_diligence?: DueDiligence;
}

/** Past this many works without their proof of publication, one warning counts them. */
const MAX_WARNINGS_EACH = 3;

const ORDER: AttachmentKind[] = ['reply', 'notice-copy', 'appearance', 'publication', 'other'];

/** Every entry, in the law's order; within a kind: the records of item 6, then the case's, then each work's. */
export function attachmentEntries(c: AttachingCase): AttachmentEntry[] {
  const entries: AttachmentEntry[] = [];
  const dd = c.due_diligence ?? { summary: '' };
  (['management_bodies', 'expert_bodies'] as const).forEach((list) => dd[list]?.forEach((q, i) => {
    if (q.reply_file) entries.push({ kind: 'reply', file: q.reply_file, from: { inquiry: q.name }, path: ['due_diligence', list, i, 'reply_file'] });
  }));
  if (dd.agency_inquiry?.reply_file)
    entries.push({ kind: 'reply', file: dd.agency_inquiry.reply_file, from: { inquiry: '文化庁' }, path: ['due_diligence', 'agency_inquiry', 'reply_file'] });
  const notice = dd.public_notice;
  if (notice?.copy_file)
    entries.push({ kind: 'notice-copy', file: notice.copy_file, from: { notice: notice.medium, name: notice.name }, path: ['due_diligence', 'public_notice', 'copy_file'] });
  c.attachments?.forEach((a, i) => entries.push({ kind: a.kind, file: a.file, title: a.title, path: ['attachments', i] }));
  c.works.forEach((w, wi) => w.attachments?.forEach((a, i) => entries.push(typeof a === 'string'
    ? { kind: 'appearance', file: a, work: wi, path: ['works', wi, 'attachments', i] }
    : { kind: a.kind, file: a.file, title: a.title, work: wi, path: ['works', wi, 'attachments', i] })));
  // A stable sort: the order above is kept within each kind.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => ORDER.indexOf(a.e.kind) - ORDER.indexOf(b.e.kind) || a.i - b.i).map(({ e }) => e);
}

/** The entries numbered 別添1 … in order; a file named again keeps the number it got first. */
export function numberAttachments(c: AttachingCase): Annex[] {
  const numbers = new Map<string, number>();
  return attachmentEntries(c).map((e) => {
    let no = numbers.get(e.file);
    if (no === undefined) numbers.set(e.file, (no = numbers.size + 1));
    return { ...e, no };
  });
}

/** `check --json`'s `attachments`: each 別添 once, under its number, with its kind, file and work (its 別紙 No.). */
export function attachmentFacts(c: AttachingCase): { no: number; kind: AttachmentKind; file: string; work?: number }[] {
  // Numbers run from 1 without gaps, so the first entry of each is the one after the previous number.
  let last = 0;
  return numberAttachments(c).filter((a) => a.no > last && (last = a.no))
    .map((a) => ({ no: a.no, kind: a.kind, file: a.file, ...(a.work === undefined ? {} : { work: a.work + 1 }) }));
}

/**
 * The most files one case may attach, and their size together. Each is held from check to render
 * and drawn into the 別添資料 PDF and DOCX and the bound submission: 150,000 files ran a render out of
 * memory. A 別添 is a reply, a notice or a scanned colophon of a few pages, a megabyte or two as
 * JPEG; 1,000 files and 128 MB are far above a real case and keep a render near 600 MB.
 */
export const MAX_ATTACHED_FILES = 1_000;
export const MAX_ATTACHED_BYTES = 128 * 1024 * 1024;

/** Reads every file the case attaches, once each; a problem is placed where the file is first named. */
export async function readAttachedFiles(c: AttachingCase, caseDir: FolderOf): Promise<{ files: Map<string, AttachedFile>; problems: Problem[] }> {
  const files = new Map<string, AttachedFile>();
  const entries = attachmentEntries(c);
  const overLimit = pastTheLimits(entries, caseDir);
  if (overLimit) return { files, problems: [overLimit] };
  const problems: Problem[] = [];
  const tried = new Set<string>();
  for (const e of entries) {
    if (tried.has(e.file)) continue;
    tried.add(e.file);
    const read = startsAsPdf(caseDir, e.file) ? await readPdf(caseDir, e.file) : readImage(caseDir, e.file);
    if (!read.ok) problems.push({ ...m.error('copyright-attachment-unreadable', e.path, { problem: read.problem }), hint: read.hint });
    else files.set(e.file, 'pdf' in read ? { type: 'pdf', pdf: read.pdf } : { type: 'image', image: read.image });
  }
  return { files, problems };
}

/** The first file past MAX_ATTACHED_FILES or MAX_ATTACHED_BYTES, found from the files' sizes before any is read. */
function pastTheLimits(entries: AttachmentEntry[], caseDir: FolderOf): Problem | undefined {
  const seen = new Set<string>();
  let bytes = 0;
  for (const e of entries) {
    if (seen.has(e.file)) continue;
    seen.add(e.file);
    if (seen.size > MAX_ATTACHED_FILES) return m.error('copyright-attachments-too-many', e.path, { limit: MAX_ATTACHED_FILES.toLocaleString('en') });
    bytes += sizeOf(namedPath(caseDir, e.file));
    if (bytes > MAX_ATTACHED_BYTES) return m.error('copyright-attachments-too-large', e.path, { limit: String(MAX_ATTACHED_BYTES / 1024 / 1024) });
  }
  return undefined;
}

/**
 * A file named again with a title of its own: it stays one 別添 under its first number and title,
 * so the later title would be lost without a word — a warning says so, at the later entry.
 */
export function retitledAttachments(c: AttachingCase): Problem[] {
  const first = new Map<string, Annex>();
  const problems: Problem[] = [];
  for (const a of numberAttachments(c)) {
    const earlier = first.get(a.file);
    if (!earlier) first.set(a.file, a);
    else if (a.title && a.title !== earlier.title)
      problems.push(m.warning('copyright-attachment-retitled', a.path, { no: a.no, title: a.title, first: earlier.title ?? '（種類から付けた表題）' }));
  }
  return problems;
}

/** A file's size; nothing for one that cannot be asked, which its reader then refuses with the reason. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Whether the file begins as a PDF does. A file outside the case's folder is not opened to ask (the
 * image reader then refuses it, unread: its first kilobyte was read before), nor one that is not a
 * regular file.
 */
function startsAsPdf(caseDir: FolderOf, name: string): boolean {
  const path = namedPath(caseDir, name);
  return insideFolder(caseDir, path) && looksLikePdf(readHead(path, 1024));
}

/**
 * What the Agency will ask for that the case does not attach (seed 004 第3の3サ): each work's proof
 * of publication (ウ), the copy of the notice as it ran (ア), and the reply to every inquiry the
 * application says was answered in writing (the 記入例's 「別添メール参照」).
 */
export function missingAttachments(c: AttachingCase): Problem[] {
  const entries = attachmentEntries(c);
  const problems: Problem[] = [];
  const caseWide = (kind: AttachmentKind) => entries.some((e) => e.kind === kind && e.work === undefined);
  const proven = new Set(entries.flatMap((e) => (e.kind === 'publication' ? [e.work] : [])));
  const unproven = caseWide('publication') ? [] : c.works.flatMap((_, i) => (proven.has(i) ? [] : [i]));
  // One warning a work up to a few; past that one warning counting them, at the first (a 2,000-work
  // list without proof would otherwise bury every other message).
  if (unproven.length > MAX_WARNINGS_EACH)
    problems.push(m.warning('copyright-attachment-publication-missing-many', ['works', unproven[0]], { count: unproven.length }));
  else for (const i of unproven) problems.push(m.warning('copyright-attachment-publication-missing', ['works', i]));
  const notice = c.due_diligence?.public_notice;
  if (notice && !notice.copy_file && !entries.some((e) => e.kind === 'notice-copy'))
    problems.push(m.warning('copyright-attachment-notice-copy-missing', ['due_diligence', 'public_notice']));
  const dd = c.due_diligence ?? { summary: '' };
  const inquiries: { result: string; reply_file?: string; path: FieldPath }[] = [
    ...(['management_bodies', 'expert_bodies'] as const).flatMap((list) => (dd[list] ?? []).map((q, i) => ({ ...q, path: ['due_diligence', list, i] as FieldPath }))),
    ...(dd.agency_inquiry ? [{ ...dd.agency_inquiry, path: ['due_diligence', 'agency_inquiry'] as FieldPath }] : []),
  ];
  for (const q of inquiries)
    if (!q.reply_file && answeredInWriting(q.result)) problems.push(m.warning('copyright-attachment-reply-missing', q.path, { result: q.result }));
  return problems;
}

/** A result that cites a written answer (メール, 回答書, 書面, 文書, 別添) and was not given by phone. */
export const answeredInWriting = (result: string) => /メール|回答書|書面|文書|別添/.test(result) && !/電話|口頭/.test(result);

/** A case with its 別添資料 read, by the path the case wrote. */
export type WithAttachments<C> = C & { files: Map<string, AttachedFile> };

/** load() for a form with works and attachments: the works list, then every attached file. */
export async function loadWorksAndAttachments<C extends Parameters<typeof loadWorks>[0] & Omit<AttachingCase, 'works'>>(
  c: C, ctx: FormContext,
): Promise<Loaded<WithAttachments<WithWorks<C>>>> {
  const works = await loadWorks(c, ctx);
  const { files, problems } = await readAttachedFiles(works.value, ctx.folder);
  return { ...works, value: { ...works.value, files }, problems: [...works.problems, ...problems] };
}

/**
 * A record's result citing its 別添 by number, as the 記入例 cites 「（別添メール参照）」: a free
 * reference the result already has (「（別添…参照）」) becomes the number; without one the citation goes
 * before the closing 。. No number: the result as written.
 */
export function citingAnnex(result: string, no: number | undefined): string {
  if (no === undefined) return result;
  const cite = `（別添${no}参照）`;
  if (/[（(]別添[^）)]*参照[）)]/.test(result)) return result.replace(/[（(]別添[^）)]*参照[）)]/, cite);
  return /。$/.test(result) ? `${result.slice(0, -1)}${cite}。` : `${result}${cite}`;
}

/** The 別添 number of the file named at `path` (a reply_file, a copy_file), if it is attached. */
export function annexAt(annexes: Annex[], path: FieldPath): number | undefined {
  const key = path.join('.');
  return annexes.find((a) => a.path.join('.') === key)?.no;
}
