/** form: ruling — 文化庁長官の裁定の申請 (著作権法67条1項・103条), seed 004. */
import type { FormPlugin } from '../kit/plugin.js';
import { advertisement, lawOf, type Articles } from '../copyright/papers.js';
import { consultationMail, submissionPapers, type SubmissionParts } from '../copyright/submission.js';
import { checklist } from '../copyright/checklist.js';
import { loadWorksAndAttachments } from '../copyright/attachments.js';
import { application } from './compose.js';
import { deriveRuling, type RulingDerived } from './derive.js';
import { evidenceTable } from './evidence.js';
import { rulingSchema, type RulingCase, type RulingInput } from './schema.js';

/** The articles the shared papers cite: the ruling (法67条1項) and use while it is pending (法67条の2第1項). */
const ARTICLES: Articles = { ruling: '第67条第1項', pending: '第67条の2第1項' };

/** What the ruling's submission binds, by document name. */
const PARTS: SubmissionParts = {
  law: (c, ctx) => lawOf(ctx, c, ARTICLES.ruling), application: 'application', evidence: 'evidence', attachments: 'attachments', powerOfAttorney: 'power-of-attorney',
};

const PAPERS = submissionPapers(PARTS, ARTICLES);

export const ruling: FormPlugin<RulingCase, RulingDerived, RulingInput> = {
  id: 'ruling',
  catalogues: ['ruling', 'copyright'],
  title: { ja: '裁定申請（著作権者不明等の場合の著作物等の利用）', en: 'Ruling for works whose rights holder cannot be found' },
  documents: [
    PAPERS.coverLetter,
    { name: 'application', about: '裁定申請書（別紙一覧を含む）', make: application },
    { name: 'evidence', about: '「相当な努力」の疎明資料', formats: ['pdf', 'docx', 'csv'], make: evidenceTable },
    PAPERS.attachments,
    PAPERS.powerOfAttorney,
    { name: 'advertisement', about: '権利者捜しの広告文', formats: ['txt', 'docx'], make: advertisement },
    PAPERS.copyNotice,
    { name: 'consultation-mail', about: '文化庁への事前相談のメール本文', formats: ['txt'], make: consultationMail(PARTS) },
    { name: 'checklist', about: '裁定手続チェックリスト（ケースの記録で印を付けた自己確認用）', make: checklist },
    PAPERS.submission,
  ],
  schema: rulingSchema,
  load: loadWorksAndAttachments,
  derive: deriveRuling,
};
