/**
 * The case-file contract for `form: ruling` (文化庁長官の裁定の申請, seed 004).
 * Every field of spec/cases/ruling-*.yaml is accepted; unknown fields are refused by name.
 */
import { z } from 'zod';
import { acknowledgedCodes, choice, doc, fontFiles, isoDate, officialForms, text } from '../../input/fields.js';
import { messages } from '../kit/messages.js';
import { applicant, caseAttachments, checkWorks, dueDiligence, SUBJECT_LABELS, use, worksFields, type Work } from '../copyright/schema.js';
import type { WithWorks } from '../copyright/works.js';
import type { WithAttachments } from '../copyright/attachments.js';

const m = messages('ruling');

export const rulingSchema = z
  .strictObject({
    form: z.literal('ruling').describe(doc('様式: 著作権者不明等の場合の裁定申請', 'Form: ruling application for works whose rights holder cannot be found')),
    fonts: fontFiles(),
    acknowledged: acknowledgedCodes(),
    official_forms: officialForms(),
    subject: choice(SUBJECT_LABELS).describe(doc(
      '裁定の対象: 著作物（work）、実演、レコード、放送、有線放送', 'What the ruling is for: a work, performance, phonogram, broadcast or cablecast')),
    date: isoDate().optional().describe(doc('申請日（2026-12-01、令和8年12月1日など。省略すると今日）', 'Date of the application (2026-12-01, 令和8年12月1日 …; today when omitted)')),
    applicant: applicant.describe(doc('申請者', 'The applicant')),
    ...worksFields,
    uses: z.array(use).min(1, m.say('uses-none'))
      .describe(doc('利用方法と補償金', 'Each intended use and its compensation')),
    attachments: caseAttachments,
    consultation: z.strictObject({
      date: isoDate().describe(doc('相談した日', 'Date of the consultation')),
      person: text().optional().describe(doc('応対した文化庁の担当者', 'Who at the Agency answered')),
    }).optional().describe(doc('文化庁への事前相談（手引き 第3の1。チェックリストに載ります）', 'Consultation with the Agency before applying (on the checklist)')),
    due_diligence: dueDiligence.describe(doc('権利者を探した相当な努力', 'The search made for the rights holder (due diligence)')),
    in_application_use: z.boolean().describe(doc('申請中利用（担保金を供託して裁定前に利用する）の有無', 'Whether the work will be used while the application is pending (after a security deposit)')),
    deposit_exempt: z.boolean().optional().describe(doc('補償金の供託が不要か（2026年3月31日までの申請の国等のみ。省略すると申請者の種別と申請日から判断）', 'Whether the compensation need not be deposited (only the state and the like, applying until 31 March 2026; default: from the applicant kind and the date)')),
    medium: text().optional().describe(doc('複製物の媒体（書籍、DVD、CD など。複製物の表示に使います）', 'Medium of the copies (book, DVD, CD …) for the copy notice')),
    ruled_on: isoDate().optional().describe(doc('裁定のあった日（裁定後の複製物の表示に使います）', 'Date of the ruling, once made (for the copy notice after the ruling)')),
    advertisement: z.strictObject({
      purpose: text().optional().describe(doc(
        '権利者を探す目的（例: 昭和15年に出版された『〇〇の歴史』を復刊する）', 'Why the holder is sought, e.g. to reissue a 1940 history')),
    }).optional().describe(doc('公告文の設定', 'Settings for the advertisement text')),
  })
  .superRefine(checkWorks);

export type RulingCase = z.output<typeof rulingSchema>;
export type RulingWork = Work;

/** A ruling case with its works from YAML and CSV together, and the 別添資料 files it names. */
export type RulingInput = WithAttachments<WithWorks<RulingCase>>;
