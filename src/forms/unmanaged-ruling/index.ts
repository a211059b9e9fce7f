/** form: unmanaged-ruling — 未管理著作物裁定の申請 (著作権法67条の3, in force from 2026-04-01). */
import type { FormPlugin } from '../kit/plugin.js';
import { lawOf, type Articles } from '../copyright/papers.js';
import { submissionPapers, type SubmissionParts } from '../copyright/submission.js';
import { loadWorksAndAttachments } from '../copyright/attachments.js';
import { application, ARTICLE, evidenceTable, registeredBodyDesk } from './compose.js';
import { deriveUnmanaged, type UnmanagedDerived } from './derive.js';
import { unmanagedRulingSchema, type UnmanagedRulingCase, type UnmanagedRulingInput } from './schema.js';

/** The articles the shared papers cite; there is no use while pending (法67条の2 is 67条's alone), so `pending` is never printed. */
const ARTICLES: Articles = { ruling: ARTICLE, pending: ARTICLE };

const PARTS: SubmissionParts = {
  law: (c, ctx) => lawOf(ctx, c, ARTICLE), application: 'application', evidence: 'evidence', attachments: 'attachments', powerOfAttorney: 'power-of-attorney',
  titles: { application: '未管理著作物裁定申請書', evidence: '著作権者の意思を確認するための措置の疎明資料' },
  desk: (c) => registeredBodyDesk(c as unknown as UnmanagedRulingInput),
};

const PAPERS = submissionPapers(PARTS, ARTICLES, '複製物への表示（裁定の後）');

export const unmanagedRuling: FormPlugin<UnmanagedRulingCase, UnmanagedDerived, UnmanagedRulingInput> = {
  id: 'unmanaged-ruling',
  catalogues: ['unmanaged-ruling', 'copyright'],
  title: { ja: '未管理著作物裁定申請（著作権法67条の3）', en: 'Ruling for unmanaged published works (art. 67-3)' },
  documents: [
    PAPERS.coverLetter,
    { name: 'application', about: '未管理著作物裁定申請書（別紙一覧を含む）', make: application },
    { name: 'evidence', about: '著作権者の意思を確認するための措置の疎明資料', formats: ['pdf', 'docx', 'csv'], make: evidenceTable },
    PAPERS.attachments,
    PAPERS.powerOfAttorney,
    PAPERS.copyNotice,
    PAPERS.submission,
  ],
  schema: unmanagedRulingSchema,
  load: ({ in_application_use: pending, ...c }, ctx) =>
    loadWorksAndAttachments({ ...c, subject: 'work' as const, pendingAsked: pending !== undefined }, ctx),
  derive: deriveUnmanaged,
};
