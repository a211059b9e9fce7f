/**
 * The case-file contract for `form: unmanaged-ruling` (未管理著作物裁定, 著作権法67条の3): the shared
 * copyright parts (applicant, works or works_file, uses and their compensation, attachments) and
 * what this ruling asks for besides — that the work is published and unmanaged, the measures taken
 * to confirm the rights holder's will, and the period of use.
 */
import { z } from 'zod';
import { acknowledgedCodes, doc, fontFiles, isoDate, officialForms, postalCode, text, titledName } from '../../input/fields.js';
import { messages } from '../kit/messages.js';
import { applicant, caseAttachments, checkWorks, use, worksFields, type Work } from '../copyright/schema.js';
import type { WithWorks } from '../copyright/works.js';
import type { WithAttachments } from '../copyright/attachments.js';

const m = messages('unmanaged-ruling');

const checkedOn = () => isoDate().describe(doc('確認した日（申請日より後は不可）', 'Date checked (not after the application)'));

const site = z.strictObject({
  name: text().describe(doc('閲覧したウェブサイト等の名称', 'Name of the website viewed')),
  url: text().optional().describe(doc('そのURL', 'Its URL')),
  viewed_on: isoDate().describe(doc('閲覧した日', 'Date viewed')),
  result: text().describe(doc('閲覧の結果（権利者の連絡先・意思表示の有無）', 'What it showed (a contact, a stated will, or none)')),
});

const contact = z.strictObject({
  name: text().describe(doc('連絡先の名称・氏名（国内の連絡先）', 'Whom the message went to (a domestic contact)')),
  address: text().describe(doc('連絡先（住所・メールアドレス等）', 'The address or e-mail used')),
  found_in: text().optional().describe(doc('その連絡先が判明した資料（奥付、ウェブサイト等）', 'Where the contact was found (colophon, website …)')),
  means: text().describe(doc('連絡の方法（簡易書留郵便、電子メール等）', 'How it was sent (registered mail, e-mail …)')),
  sent_on: isoDate().describe(doc('連絡を発した日', 'Date sent')),
  arrived_on: isoDate().describe(doc('連絡が相手方に到達した日（14日はこの翌日から数えます）', 'Date it reached the addressee (the 14 days run from the day after)')),
  result: text().describe(doc('結果（期間内に回答がなかった等）', 'What came of it (no answer within the period …)')),
});

export const unmanagedRulingSchema = z
  .strictObject({
    form: z.literal('unmanaged-ruling').describe(doc('様式: 未管理著作物裁定申請（著作権法67条の3）', 'Form: ruling for unmanaged published works (art. 67-3)')),
    fonts: fontFiles(),
    acknowledged: acknowledgedCodes(),
    official_forms: officialForms(),
    date: isoDate().optional().describe(doc('申請日（2026-12-01、令和8年12月1日など。省略すると今日）', 'Date of the application (2026-12-01, 令和8年12月1日 …; today when omitted)')),
    applicant: applicant.describe(doc('申請者', 'The applicant')),
    registered_body: z.strictObject({
      name: text().describe(doc('登録確認機関の名称', 'Name of the registered confirmation body')),
      representative: titledName().optional().describe(doc('その代表者', 'Its representative')),
      postal_code: postalCode().optional().describe(doc('その郵便番号', 'Its postal code')),
      address: text().optional().describe(doc('その所在地', 'Its address')),
    }).optional().describe(doc(
      '申請を受け付ける登録確認機関（法104条の33以下）。書くと申請書と送付状の宛先になります（省略すると文化庁長官）',
      'The registered confirmation body that receives the application; it becomes the addressee (default: the Commissioner)')),
    ...worksFields,
    uses: z.array(use).min(1, m.say('uses-none')).describe(doc('利用方法と補償金', 'Each intended use and its compensation')),
    use_period: z.strictObject({
      start: isoDate().describe(doc('利用の開始日', 'First day of use')),
      end: isoDate().describe(doc('利用の終了日（開始から3年以内）', 'Last day of use (at most 3 years from the start)')),
    }).describe(doc('利用の期間（法67条の3第2項: 3年を超えない範囲）', 'The period of use (art. 67-3(2): at most 3 years)')),
    status: z.strictObject({
      published: z.strictObject({
        checked_on: checkedOn(),
        how: text().describe(doc('公表されたことを確認した方法と内容（奥付、国立国会図書館の書誌情報等）', 'How publication was confirmed (colophon, NDL record …)')),
      }).describe(doc('著作物が公表されたものであることの確認', 'That the work was published')),
      management: z.strictObject({
        checked_on: checkedOn(),
        checked: text().describe(doc('確認した管理事業者・データベース', 'Which management bodies and databases were checked')),
        managed: z.boolean().describe(doc('著作権等管理事業者が管理しているか（true なら本裁定の対象外）', 'Whether a management body manages the work (true: outside this ruling)')),
        result: text().describe(doc('確認の結果', 'What the check showed')),
      }).describe(doc('著作権等管理事業者による管理の有無の確認', 'Whether a copyright management body manages the work')),
      will_shown: z.strictObject({
        checked_on: checkedOn(),
        checked: text().describe(doc('確認した箇所（著作物・奥付・権利者のサイト等）', 'Where it was checked (the work, colophon, the holder\'s site …)')),
        use_rules: z.boolean().describe(doc('利用の可否・条件（利用ルール）が表示されているか（true なら対象外）', 'Whether terms of use are shown (true: outside this ruling)')),
        request_address: z.boolean().describe(doc('利用の申込みを受け付ける連絡先が表示されているか（true なら対象外）', 'Whether an address for use requests is shown (true: outside this ruling)')),
        result: text().describe(doc('確認の結果', 'What the check showed')),
      }).describe(doc('利用の可否に係る権利者の意思を確認するための情報の表示の有無', 'Whether information for confirming the holder\'s will is shown')),
    }).describe(doc('未管理公表著作物であることの確認', 'That the work is a published, unmanaged work')),
    measures: z.strictObject({
      summary: text().optional().describe(doc('意思確認の経過の概要（申請書の冒頭に載ります）', 'A summary of the attempts (opens the item on the application)')),
      work_information: z.strictObject({
        checked_on: checkedOn(),
        viewed: text().describe(doc('確認した情報（奥付、パッケージ、クレジット等）', 'What was checked (colophon, package, credits …)')),
        result: text().describe(doc('確認の結果', 'What it showed')),
      }).describe(doc('措置(1): 著作物等に付された情報の確認', 'Measure (1): the information on the work itself')),
      websites: z.array(site).min(1).describe(doc('措置(2): 権利者のウェブサイト、権利情報を掲載するサイト等の閲覧', 'Measure (2): the holder\'s likely sites and sites carrying rights information')),
      rights_search: z.strictObject({
        searched_on: isoDate().describe(doc('検索した日', 'Date searched')),
        query: text().optional().describe(doc('検索した語', 'What was searched for')),
        result: text().describe(doc('検索の結果', 'What the search showed')),
        listed_sites: z.array(site).optional().describe(doc('検索結果に表示されたサイトとその閲覧の結果', 'The sites the search listed, and what viewing them showed')),
      }).describe(doc('措置(3): 分野横断権利情報検索システムでの検索', 'Measure (3): the cross-field rights information search system')),
      contacts: z.array(contact).describe(doc('措置(4): 判明した国内の連絡先（2以上。1つしか判明しなければその1つ）への連絡', 'Measure (4): the domestic contacts found (two or more, or the only one) asked whether the work may be used')),
      only_contact: text().optional().describe(doc(
        '連絡先が1つしか判明しなかったことの説明（連絡先が1つのとき必須）', 'Why only one contact was found (required with one contact)')),
    }).describe(doc('著作権者の意思を確認するための措置（告示の措置(1)〜(4)）', 'The measures taken to confirm the rights holder\'s will ((1)–(4))')),
    attachments: caseAttachments,
    medium: text().optional().describe(doc('複製物の媒体（書籍、DVD など。複製物の表示に使います）', 'Medium of the copies (book, DVD …) for the copy notice')),
    ruled_on: isoDate().optional().describe(doc('裁定のあった日（裁定後の複製物の表示に使います）', 'Date of the ruling, once made (for the copy notice)')),
    in_application_use: z.unknown().optional().describe(doc(
      '書かないでください: 申請中利用（法67条の2）は67条の裁定だけの制度で、未管理著作物裁定にはありません（書くとエラー）',
      'Do not use: use while the application is pending (art. 67-2) belongs to the art. 67 ruling only (an error here)')),
  })
  .superRefine((c, ctx) => checkWorks({ ...c, subject: 'work' }, ctx));

export type UnmanagedRulingCase = z.output<typeof unmanagedRulingSchema>;
export type UnmanagedWork = Work;

/**
 * The case as the shared parts read it: works from YAML and CSV, its 別添資料 read, its subject (works
 * only), and whether it asked for use while pending (`pendingAsked`: refused, never printed).
 */
export type UnmanagedRulingInput = WithAttachments<WithWorks<Omit<UnmanagedRulingCase, 'in_application_use'> & { subject: 'work'; pendingAsked: boolean }>>;
