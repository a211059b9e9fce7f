/**
 * The papers that carry a ruling application to the Agency (seed 004 第3の3: 「申請書及び添付書類を
 * 作成し、文化庁著作権課に提出してください」): the cover letter (送付状) listing every enclosure, and
 * submission.pdf, which binds the letter and everything it lists in that order, so a clerk prints
 * one file. Shared by the ruling forms; each names its papers (`SubmissionParts`).
 */
import type { Bundle, KeyValue } from '../../model/document.js';
import type { DocumentSpec, Made } from '../kit/plugin.js';
import type { WithTemplates } from '../kit/templates.js';
import { eraDate, yen } from '../../base/format.js';
import { valueInForce } from '../../law/dated.js';
import { APPLICANT_KIND_JA, RULING_DESK, type RulingRegime } from '../../law/data/ruling.js';
import { reachLines } from '../kit/reach.js';
import { annexesOf, attachmentPages, copyNotice, hasAttachments, powerOfAttorney, type AnnexCase, type Articles } from './papers.js';
import { authorOf, caseTerms, copyrightTemplates, entryTerms, titleOf } from './words.js';

/** What a ruling form's submission holds, by document name, and the article it applies under. */
export interface SubmissionParts {
  /** The article applied for, as the application's lead sentence cites it (著作権法第67条第1項). */
  law: (c: AnnexCase, ctx: WithTemplates) => string;
  application: string;
  evidence: string;
  attachments: string;
  powerOfAttorney: string;
  /** The enclosures' names in the letter (default: 67条's 裁定申請書 and 「相当な努力」の疎明資料). */
  titles?: { application: string; evidence: string };
  /** Where the papers go, when not the Agency's desk (RULING_DESK): a 登録確認機関 the case names (法67条の3). */
  desk?: (c: AnnexCase) => string[] | null;
}

/** What the submission reads of the derived facts. */
export interface SubmissionFacts {
  date: string;
  fee: number;
  /** Where the compensation goes under the law of the application's date (RULING_REGIME). */
  regime: Pick<RulingRegime, 'payee' | 'payeeName'>;
}

/** 送付状: to the Agency's desk, from whoever files (the agent when there is one), listing every enclosure. */
export const coverLetter = (parts: SubmissionParts) => (c: AnnexCase, d: SubmissionFacts, ctx: WithTemplates): Made =>
  copyrightTemplates.document(ctx, 'cover-letter.hbs', '裁定申請書類の送付状', () => ({
    date: eraDate(d.date),
    deskBlock: deskBlock(d.date, parts.desk?.(c)),
    senderBlock: senderBlock(c),
    law: parts.law(c, ctx),
    enclosures: enclosures(c, ctx, parts.titles),
    fee: d.fee > 0 ? `収入印紙　${yen(d.fee)}（${parts.titles?.application ?? '裁定申請書'}に貼付）` : `手数料を要しない申請者です（${APPLICANT_KIND_JA[c.applicant.kind]}）。`,
    // Paid to the designated body (from 2026-04-01): how is not published, so the letter says whose
    // notice and instructions the payment follows, never an account of our own making.
    payment: d.regime.payee === 'designated-body'
      ? { payee: d.regime.payeeName ?? '', security: c.in_application_use } : null,
  }));

/** submission.pdf: the cover letter, then the application, the evidence, every 別添 and the power of attorney. */
export const submission = (parts: SubmissionParts) => (): Made => ({
  kind: 'bundle', title: '裁定申請書類一式',
  parts: ['cover-letter', parts.application, parts.evidence, parts.attachments, parts.powerOfAttorney],
} satisfies Omit<Bundle, 'name'>);

function deskBlock(date: string, own?: string[] | null): Omit<KeyValue, 'kind'> {
  const desk = valueInForce(RULING_DESK, date);
  const rows = own ?? [`〒${desk.postal_code}`, desk.address, desk.office, `${desk.section}　御中`];
  return { left: 0, keyWidth: 0, rows: rows.map((value) => ({ key: '', value })), before: 0.5 };
}

/** Who files: the agent when there is one (the agent holds the power of attorney), else the applicant. */
function senderBlock(c: AnnexCase): Omit<KeyValue, 'kind'> {
  const a = c.applicant;
  const g = a.agent;
  const ct = a.contact;
  const rows = g
    ? [g.postal_code && `〒${g.postal_code}`, g.address, `${g.title ? `${g.title}　` : ''}${g.name}`, `（${a.name}　代理人）`,
      g.phone && `電話　${g.phone}`, g.email && `E-mail　${g.email}`]
    : [a.postal_code && `〒${a.postal_code}`, a.address, a.name,
      ct && (ct.department || ct.name) && `担当者　${[ct.department, ct.name].filter(Boolean).join('　')}`, ...reachLines(a, ct)];
  return { left: 0.42, keyWidth: 0, rows: rows.filter((v): v is string => !!v).map((value) => ({ key: '', value })), before: 0.5 };
}

/** The enclosures in the order they are bound, 別添 listed one by one under their number and title. */
function enclosures(c: AnnexCase, ctx: WithTemplates, titles = { application: '裁定申請書', evidence: '「相当な努力」の疎明資料' }) {
  const terms = caseTerms(ctx, c);
  const annexes = annexesOf(c, ctx).filter((a) => c.files.has(a.file));
  const list = [
    c.works.length > 1 ? `${titles.application}（別紙${terms.list_ref}${c.works.length}件を含む）　1通` : `${titles.application}　1通`,
    `${titles.evidence}　1通`,
    ...(annexes.length ? [`別添資料　${annexes.length}点`] : []),
    ...(c.applicant.agent ? ['委任状　1通'] : []),
  ];
  return list.map((text, i) => ({
    label: `（${i + 1}）`, text,
    annexes: text.startsWith('別添資料') ? annexes.map((a) => `別添${a.no}　${a.caption}`) : [],
  }));
}

/** Works named in the e-mail before 「ほか n 件」: enough to recognise the application by. */
const WORKS_IN_MAIL = 10;

/** What the consultation e-mail reads of a case beyond the papers' fields. */
type ConsultingCase = AnnexCase & { uses: { method: string }[]; due_diligence: NonNullable<AnnexCase['due_diligence']> };

/** 事前相談 (seed 004 第3の1): an e-mail to the Agency's desk summarising the works, the uses and the search so far. */
export const consultationMail = (parts: SubmissionParts) => (c: ConsultingCase, d: SubmissionFacts, ctx: WithTemplates): Made =>
  copyrightTemplates.document(ctx, 'consultation-mail.hbs', '事前相談のメール', () => {
    const terms = caseTerms(ctx, c);
    const a = c.applicant;
    const ct = a.contact;
    const dd = c.due_diligence;
    const names = (list?: { name: string }[]) => list?.map((q) => q.name).join('、');
    const measures = [
      dd.directories?.length && `名簿・名鑑の閲覧：${dd.directories.map((r) => r.title).join('、')}`,
      dd.web_search && `ウェブサイトでの検索：${dd.web_search.engines.join('、')}`,
      dd.ruling_database && '文化庁の裁定データベースの確認',
      dd.management_bodies?.length && `著作権等管理事業者への照会：${names(dd.management_bodies)}`,
      dd.expert_bodies?.length && `関係団体等への照会：${names(dd.expert_bodies)}`,
      dd.agency_inquiry && '文化庁への照会',
      dd.public_notice && `広告：${dd.public_notice.medium === 'cric' ? '著作権情報センター（CRIC）のウェブサイト' : dd.public_notice.name ?? '新聞'}`,
    ].filter((m): m is string => !!m);
    return {
      desk: valueInForce(RULING_DESK, d.date),
      applicant: a.name,
      person: ct?.name,
      law: parts.law(c, ctx),
      terms,
      count: c.works.length,
      works: c.works.slice(0, WORKS_IN_MAIL).map((w, i) => {
        const own = entryTerms(ctx, c, w);
        const title = w.title ? `「${w.title}」` : titleOf(w, own);
        // Entries of several subjects: each says what it is and whose name it gives (レコード製作者名, not 実演家名).
        return terms.mixed ? `${i + 1}. ${own.object}　${title}（${own.item2}：${authorOf(w)}）` : `${i + 1}. ${title}（${authorOf(w)}）`;
      }),
      more: c.works.length > WORKS_IN_MAIL ? String(c.works.length - WORKS_IN_MAIL) : '',
      uses: c.uses.map((u, i) => `（${i + 1}）${u.method}`),
      measures: measures.length ? measures : ['（まだありません。手引き 第3の2 の措置を御相談したく存じます）'],
      pending: c.in_application_use ? '有り' : '無し',
      date: eraDate(d.date),
      signature: [a.name, ct && [ct.department, ct.name].filter(Boolean).join('　'), a.postal_code && `〒${a.postal_code}`, a.address,
        ...reachLines(a, ct)].filter((v): v is string => !!v),
    };
  });

/**
 * The papers every ruling form's submission holds besides its application and evidence, declared
 * once; a form lists them in its order among its own documents.
 */
export function submissionPapers(parts: SubmissionParts, articles: Articles, noticeAbout = '複製物への表示') {
  const spec = (d: DocumentSpec<any, any>) => d;
  return {
    coverLetter: spec({ name: 'cover-letter', about: '送付状（送付書類と別添の一覧、手数料）', make: coverLetter(parts) }),
    attachments: spec({ name: parts.attachments, about: '別添資料（ファイルを添付したとき）', when: hasAttachments, make: attachmentPages }),
    powerOfAttorney: spec({ name: parts.powerOfAttorney, about: '委任状（代理人があるとき）', when: (c: AnnexCase) => !!c.applicant.agent, make: powerOfAttorney(articles) }),
    copyNotice: spec({ name: 'copy-notice', about: noticeAbout, formats: ['txt'], make: copyNotice(articles) }),
    submission: spec({ name: 'submission', about: '提出書類一式（送付状から委任状までを綴じた1つの PDF）', make: submission(parts) }),
  };
}
