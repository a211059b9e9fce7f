/**
 * The parts of a case file that the Agency's ruling applications share — 法67条 (whose holder cannot
 * be found) and 法67条の3 (未管理著作物): the applicant and agent, the works (in YAML or a works
 * CSV), the uses and the compensation formulas, the due-diligence records.
 */
import { z } from 'zod';
import { amount, choice, contactPerson, doc, fieldsByChoice, fileName, isoDate, PAPER_FILES, postalCode, ratio, RELEVANCE, say, text, titledName, phone } from '../../input/fields.js';
import { NOTICE_FIELDS } from '../../law/rules/diligence.js';
import { APPLICANT_KIND_JA, WORK_CATEGORIES, type WorkCategory } from '../../law/data/ruling.js';
import { messages } from '../kit/messages.js';

/** templates/copyright/messages.yaml: the messages of the shared parts. */
export const copyrightMessages = messages('copyright');

/** What a ruling is for, with the Japanese names a clerk may write instead (subjects.yaml `object`). */
export const SUBJECT_LABELS = { work: '著作物', performance: '実演', phonogram: 'レコード', broadcast: '放送', cablecast: '有線放送' } as const;
export const SUBJECTS = Object.keys(SUBJECT_LABELS) as (keyof typeof SUBJECT_LABELS)[];

/** Categories of work (法10条1項) by their names in the law and the short names a list uses (言語). */
const CATEGORY_LABELS = Object.fromEntries(Object.entries(WORK_CATEGORIES).map(([k, ja]) => [k, [ja, ja.replace(/の著作物$/, '')]])) as Record<WorkCategory, string[]>;

const person = titledName();

const contact = contactPerson().omit({ fax: true });

const agent = z.strictObject({
  title: text().optional().describe(doc('代理人の肩書（弁護士など）', "The agent's title, e.g. 弁護士 (attorney)")),
  name: text().describe(doc('代理人の氏名', "The agent's name")),
  postal_code: postalCode().optional().describe(doc('代理人の郵便番号', "The agent's postal code")),
  address: text().optional().describe(doc('代理人の住所', "The agent's address")),
  phone: phone().optional().describe(doc('代理人の電話番号', "The agent's telephone number")),
  email: text().optional().describe(doc('代理人の電子メールアドレス', "The agent's e-mail address")),
});

export const applicant = z
  .strictObject({
    kind: choice(APPLICANT_KIND_JA).describe(doc(
      '申請者の種別。2026年3月31日までの申請では国・地方公共団体等（state など）は補償金の供託が不要でした（2026年4月1日からは全員が指定補償金管理機関に支払います）',
      'Kind of applicant; until 31 March 2026 the state, local governments and the like (state …) need not deposit the compensation (from 1 April 2026 everyone pays the designated body)')),
    postal_code: postalCode().optional().describe(doc('申請者の郵便番号', "The applicant's postal code")),
    address: text().describe(doc('申請者の住所（法人は主たる事務所の所在地）', "The applicant's address (an organisation's main office)")),
    name: text().describe(doc('申請者の氏名または名称', "The applicant's name")),
    representative: person.optional().describe(doc('代表者（法人・団体の場合。㊞欄つきで印刷）', "An organisation's representative (printed with a seal box)")),
    contact: contact.optional().describe(doc('担当者', 'Contact person for questions about the application')),
    phone: phone().optional().describe(doc('申請者の電話番号', "The applicant's telephone number")),
    email: text().optional().describe(doc('申請者の電子メールアドレス', "The applicant's e-mail address")),
    agent: agent.optional().describe(doc('代理人。書くと委任状も作ります', 'Agent acting for the applicant; a power of attorney is produced')),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'individual' && !a.representative)
      ctx.addIssue({ code: 'custom', path: ['representative'], ...copyrightMessages.say('copyright-representative-missing') });
  });

/** Each work's own evidence text, one per measure column of 資料2. */
const evidence = z.strictObject({
  directory_or_web: text().optional().describe(doc('名簿・ウェブ検索の結果（ア(ア)(イ)）', 'Result of the directories and web search (a-i, a-ii)')),
  management_bodies: text().optional().describe(doc('著作権等管理事業者への照会結果（イ(ア)）', 'Result of asking the management bodies (b-i)')),
  expert_bodies: text().optional().describe(doc('関係団体・有識者への照会結果（イ(イ)）', 'Result of asking expert bodies (b-ii)')),
  public_notice: text().optional().describe(doc('公告（CRIC・新聞）の結果（ウ）', 'Result of the public notice, CRIC or newspaper (c)')),
  ruling_database: text().optional().describe(doc('裁定データベースの確認結果（ア(ウ)）', 'Result of checking the ruling database (a-iii)')),
  agency_inquiry: text().optional().describe(doc('文化庁への照会結果（イ(ウ)）', 'Result of asking the Agency for Cultural Affairs (b-iii)')),
});

/**
 * What one work states of the uses' formulas (seed 004 line 636: 「全体の分量…と当該著作物が占める分量」):
 * its share of the whole, or quantities of its own; the Agency fixes the compensation per rights holder.
 */
export const workCompensation = z.strictObject({
  share: ratio().optional().describe(doc(
    '全体（刊行物・番組など）に占めるこの著作物の割合（例: 12/300 ＝300ページ中12ページ）', "This work's share of the whole (e.g. 12/300: 12 of 300 pages)")),
  unit_price: amount({ yen: true }).optional().describe(doc('この著作物の単価（円）', "This work's own unit price in yen")),
  copies: amount().optional().describe(doc('この著作物の部数・複製数', "This work's own number of copies")),
  rate: ratio().optional().describe(doc('この著作物の使用料率', "This work's own royalty rate")),
  contribution: ratio().optional().describe(doc('この著作物（実演など）の寄与率', "This work's (performance's) own contribution")),
  annual_uses: amount().optional().describe(doc('この著作物の年間利用件数（見込み）', "This work's own expected uses a year")),
  years: amount().optional().describe(doc('この著作物の利用年数', "This work's own years of use")),
  downloads: amount().optional().describe(doc('この著作物のダウンロード数（見込み）', "This work's own expected downloads")),
  per_request: amount({ yen: true }).optional().describe(doc('この著作物の1件あたりの使用料（円）', "This work's own fee per request in yen")),
  monthly_requests: amount().optional().describe(doc('この著作物の月間の件数', "This work's own requests a month")),
  minimum: amount({ yen: true }).optional().describe(doc('この著作物の月額の最低使用料（円）', "This work's own monthly minimum in yen")),
  months: amount().optional().describe(doc('この著作物の利用月数', "This work's own months of use")),
  amount: amount({ yen: true }).optional().describe(doc('この著作物の補償金の額（定額の利用で。円）', "This work's own amount in yen (for a fixed use)")),
});

/** A work (法10条1項) needs its category: item 3 and the evidence table start with it. */
export const CATEGORY_NEEDED = copyrightMessages.text('copyright-category-needed', { categories: Object.keys(WORK_CATEGORIES).join(', ') });

/**
 * The kinds of 別添資料 the law asks for with an application (法67条2項, 令8条2項; seed 004 第3の3サ):
 * (ア) material showing the holder could not be reached — the notice as it ran (notice-copy) and
 * the replies to inquiries (reply); (イ) drawings or photographs showing the work (appearance);
 * (ウ) material showing the work was published (publication); and anything else (other).
 */
const ATTACHMENT_LABELS = {
  publication: ['公表の疎明資料', '公表'], 'notice-copy': ['広告の掲載の写し', '広告'], reply: ['照会への回答', '回答'],
  appearance: ['図面・写真', '図面', '写真'], other: 'その他',
} as const;
export const ATTACHMENT_KINDS = Object.keys(ATTACHMENT_LABELS) as (keyof typeof ATTACHMENT_LABELS)[];
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

const attachmentFile = () => fileName(PAPER_FILES).describe(doc('ファイル（PDF・PNG・JPEG。ケースファイルからの相対パス）', 'The file (PDF, PNG or JPEG, relative to the case file)'));

export const attachment = z.strictObject({
  file: attachmentFile(),
  kind: choice(ATTACHMENT_LABELS).describe(doc(
    '種類: 公表の疎明資料（publication）、広告の掲載の写し（notice-copy）、照会への回答（reply）、図面・写真（appearance）、その他（other）',
    'Kind: proof of publication, copy of the notice as it ran, reply to an inquiry, drawing or photograph, other')),
  title: text().optional().describe(doc('別添の表題（省略すると種類と著作物から付けます）', 'Title of the attachment (default: from its kind and work)')),
});
export type Attachment = z.output<typeof attachment>;

export const workSchema = z
  .strictObject({
    subject: choice(SUBJECT_LABELS).optional().describe(doc(
      'この項目の対象（work: 著作物、performance: 実演、phonogram: レコード、broadcast: 放送、cablecast: 有線放送）。省略するとケースの subject。一つの申請で著作物と実演・レコードなどをまとめるとき（手引き 御質問5）',
      "What this entry is (work, performance, phonogram, broadcast, cablecast); default: the case's subject. Lets one application hold works, performances, phonograms … together (guide, question 5)")),
    title: text().optional().describe(doc('題号', 'Title of the work')),
    title_status: choice({ none: ['題号なし', 'なし', '無し'], unknown: ['題号不明', '不明'] }).optional().describe(doc('題号がない（none）・不明（unknown）とき', 'When the work has no title (none) or it is unknown (unknown)')),
    author: text().optional().describe(doc('著作者名（表示されている名前）', "The author's name as shown")),
    author_status: choice({ none: ['表示なし', '表示がない', 'なし'], unknown: ['不明'] }).optional().describe(doc('著作者名の表示がない（none）・不明（unknown）とき', "When no author's name is shown (none) or it is unknown (unknown)")),
    author_reading: text().optional().describe(doc('著作者名の読み（ふりがな）', "Reading of the author's name (furigana)")),
    category: choice(CATEGORY_LABELS).optional().describe(doc(
      '著作物の種類（言語、美術、写真など）。subject: work では必須', 'Category of the work (literary, artistic, photographic …); required when subject is work')),
    description: text().describe(doc('著作物等の内容・掲載箇所の説明', 'What the work is and where it appears')),
    year: text().optional().describe(doc('出版年・公表年（資料の表記どおり。例: 昭和45年）', 'Year of publication as the source prints it (e.g. 昭和45年)')),
    publisher: text().optional().describe(doc('出版社・発行者（公告文に載ります）', 'Publisher (printed in the advertisement)')),
    previously_ruled: z.boolean().default(false).describe(doc(
      '過去に裁定を受けた著作物か（受けていれば相当な努力の一部を省けます）', 'Whether the work was ruled on before (some of the search may then be skipped)')),
    attachments: z.array(z.union([fileName(PAPER_FILES), attachment])).optional().describe(doc(
      'この著作物の別添資料。ファイル名だけなら図面・写真（PNG・JPEG・PDF）、種類を付けるときは file と kind',
      "This work's attachments: a file name alone is a drawing or photograph (PNG, JPEG or PDF); give file and kind for another kind")),
    evidence: evidence.optional().describe(doc('この著作物だけの探索結果（資料2の各欄）', "This work's own search results (columns of the evidence table)")),
    compensation: workCompensation.optional().describe(doc(
      'この著作物の補償金の算定（各利用の式に対する割合 share や、この著作物だけの数量）。別紙に著作物ごとの額が載ります',
      "This work's part of each use's compensation (its share, or quantities of its own); the 別紙 lists each work's amount")),
  })
  .superRefine((w, ctx) => {
    if (!w.title && !w.title_status)
      ctx.addIssue({ code: 'custom', path: ['title'], ...copyrightMessages.say('copyright-title-missing') });
    if (!w.author && !w.author_status)
      ctx.addIssue({ code: 'custom', path: ['author'], ...copyrightMessages.say('copyright-author-missing') });
  });

const common = {
  tax_rate: ratio(1).optional().describe(doc('消費税率（省略すると申請日に施行中の税率）', 'Consumption tax rate (default: the rate in force on the case date)')),
  basis: text().optional().describe(doc('使用料率の根拠（使用料規程など）', 'Where the rate comes from (a royalty tariff …)')),
  unit_label: text().optional().describe(doc('数量の呼び方（例: 追加複製の単位数）', 'What the quantity counts, e.g. 追加複製の単位数')),
};

const unitPrice = () => amount({ yen: true }).describe(doc('単価（定価など、円）', 'Unit price in yen (list price …)'));
const copies = () => amount().describe(doc('部数・複製数', 'Number of copies'));
const rate = () => ratio().describe(doc('使用料率（7%、0.07、1/20）', 'Royalty rate (7%, 0.07 or 1/20)'));
const formula = <T extends string>(name: T, ja: string, en: string) => z.literal(name).describe(doc(`補償金の算定式: ${ja}`, `Compensation formula: ${en}`));

export const compensation = z.discriminatedUnion('formula', [
  z.strictObject({ formula: formula('print', '出版（単価×部数×率）', 'print (price × copies × rate)'), unit_price: unitPrice(), copies: copies(), rate: rate(), ...common }),
  z.strictObject({
    formula: formula('print-partial', '一部を掲載する出版（単価×部数×率×割合）', 'partial print (price × copies × rate × share)'),
    unit_price: unitPrice(), copies: copies(), rate: rate(),
    share: ratio().describe(doc('出版物に占める当該著作物の割合', "The work's share of the publication")), ...common,
  }),
  z.strictObject({
    formula: formula('online-period', 'インターネット配信・期間（単価×率×年間利用数×年数）', 'online for a period (price × rate × uses a year × years)'),
    unit_price: unitPrice(), rate: rate(),
    annual_uses: amount().describe(doc('年間の利用回数（見込み）', 'Expected uses a year')),
    years: amount().describe(doc('利用年数', 'Years of use')), ...common,
  }),
  z.strictObject({
    formula: formula('online-downloads', 'ダウンロード配信（単価×率×ダウンロード数）', 'downloads (price × rate × downloads)'),
    unit_price: unitPrice(), rate: rate(),
    downloads: amount().describe(doc('ダウンロード数（見込み）', 'Expected downloads')), ...common,
  }),
  z.strictObject({
    formula: formula('video', '映像（単価×率×寄与率×複製数）', 'video (price × rate × contribution × copies)'),
    unit_price: unitPrice(), rate: rate(),
    contribution: ratio().describe(doc('映像全体に対する当該著作物の寄与率', "The work's contribution to the whole video")), copies: copies(), ...common,
  }),
  z.strictObject({
    formula: formula('monthly-tariff', '月額の使用料規程（1件あたり×月間件数、最低額あり）', 'monthly tariff (per request × requests, with a minimum)'),
    per_request: amount({ yen: true }).describe(doc('1件あたりの使用料（円）', 'Fee per request in yen')),
    monthly_requests: amount().describe(doc('月間の件数', 'Requests a month')),
    minimum: amount({ yen: true }).describe(doc('月額の最低使用料（円）', 'Monthly minimum in yen')),
    months: amount().describe(doc('利用する月数', 'Months of use')), ...common,
  }),
  z.strictObject({
    formula: formula('fixed', '定額', 'a fixed amount'),
    amount: amount({ yen: true }).describe(doc('補償金の額（円）。税抜の額なら before_tax: true', 'Compensation in yen; before tax: add before_tax: true')),
    before_tax: z.boolean().optional().describe(doc(
      'amount が税抜（消費税を加える。税率は申請日のもの、または tax_rate）', 'amount is before tax: the consumption tax of the case date (or tax_rate) is added')),
    ...common,
  }),
]);

export const use = z.strictObject({
  method: text().describe(doc('利用方法（数量・期間・有償か無償か）', 'How the work will be used (quantity, period, paid or free)')),
  compensation: compensation.optional().describe(doc('補償金の算定（formula で式を選びます）', 'How the compensation is computed (choose a formula)')),
});

/**
 * Step ② of 相当な努力 (seed 004 第3の2(2)): a way to reach the holder a measure turned up, and what
 * was done with it. Every record of due_diligence may carry both.
 */
const followUp = {
  found: z.array(choice({ address: '住所', phone: ['電話', '電話番号'], fax: ['FAX', 'ファクス'], email: ['電子メール', 'メール'] })).min(1).optional().describe(doc(
    'この調査で判明した権利者の連絡先: address（住所）、phone（電話）、fax、email。判明したときは follow_up が必要です',
    "Ways to reach the holder this measure turned up: address, phone, fax, email; follow_up is then required")),
  follow_up: text().optional().describe(doc(
    '判明した連絡先に連絡を試みた結果（例: 郵送した文書が宛先不明で返送された。電話番号は使われていなかった。）',
    'What came of trying that address, number or e-mail (e.g. the letter was returned; the number was out of service)')),
};

const inquiry = z.strictObject({
  name: text().describe(doc('照会先の名称', 'Whom you asked')),
  inquired_on: isoDate().optional().describe(doc('照会日（2026-12-01、令和8年12月1日など。申請日より後は不可）', 'Date asked (2026-12-01, 令和8年12月1日 …; not after the application)')),
  person: text().optional().describe(doc('応対した担当者', 'Who answered')),
  result: text().describe(doc('照会の結果', 'What they answered')),
  ...followUp,
  reply_file: fileName(PAPER_FILES).optional().describe(doc('受け取った回答（メール・回答書）のファイル（PDF・PNG・JPEG）', 'The reply received (e-mail or letter) as a file (PDF, PNG or JPEG)')),
});

export const dueDiligence = z.strictObject({
  summary: text().describe(doc('相当な努力の概要', 'Summary of the search for the rights holder')),
  directories: z.array(z.strictObject({
    title: text().describe(doc('名簿・名鑑の名前', 'Name of the directory')),
    publisher: text().optional().describe(doc('発行者', 'Publisher')),
    year: text().optional().describe(doc('発行年', 'Year')),
    result: text().describe(doc('閲覧の結果', 'What it showed')),
    ...followUp,
  })).optional().describe(doc('閲覧した名簿・名鑑（ア(ア)）', 'Directories consulted (a-i)')),
  web_search: z.strictObject({
    engines: z.array(text()).min(1).describe(doc('使った検索サイト', 'Search engines used')),
    result: text().describe(doc('検索の結果', 'What the search found')),
    ...followUp,
  }).optional().describe(doc('インターネット検索（ア(イ)）', 'Web search (a-ii)')),
  management_bodies: z.array(inquiry).optional().describe(doc('照会した著作権等管理事業者（イ(ア)）', 'Management bodies asked (b-i)')),
  expert_bodies: z.array(inquiry).optional().describe(doc('照会した関係団体・有識者（イ(イ)）', 'Expert bodies asked (b-ii)')),
  ruling_database: z.strictObject({
    serial: text().optional().describe(doc('過去の裁定の番号', 'Number of the earlier ruling')),
    ruled_on: isoDate().optional().describe(doc('過去の裁定の日（申請日より後は不可）', 'Date of the earlier ruling (not after the application)')),
    result: text().describe(doc('確認の結果', 'What the database showed')),
    ...followUp,
  }).optional().describe(doc('文化庁の裁定データベースの確認（ア(ウ)）', "Check of the Agency's ruling database (a-iii)")),
  agency_inquiry: z.strictObject({
    inquired_on: isoDate().optional().describe(doc('照会日（申請日より後は不可）', 'Date asked (not after the application)')),
    result: text().describe(doc('照会の結果', 'What the Agency answered')),
    ...followUp,
    reply_file: fileName(PAPER_FILES).optional().describe(doc('文化庁からの回答のファイル（PDF・PNG・JPEG）', "The Agency's reply as a file (PDF, PNG or JPEG)")),
  }).optional().describe(doc('文化庁への照会（イ(ウ)）', 'Inquiry to the Agency for Cultural Affairs (b-iii)')),
  public_notice: z.strictObject({
    medium: choice({ cric: ['CRIC', '著作権情報センター'], newspaper: '新聞' }).describe(doc('公告の媒体: CRICのウェブサイト（cric）か新聞（newspaper）', 'Where the notice ran: the CRIC website (cric) or a newspaper')),
    start: isoDate().optional().describe(doc('CRICサイトへの掲載開始日', 'First day on the CRIC site')),
    end: isoDate().optional().describe(doc(
      'CRICサイトへの掲載終了日（分かるとき。省略すると疎明資料には最短の掲載期間の満了日をその旨を添えて記載）',
      'Last day on the CRIC site, when known (without it the evidence table gives the end of the minimum period, saying so)')),
    published_on: isoDate().optional().describe(doc('新聞の掲載日', 'Date in the newspaper')),
    name: text().optional().describe(doc('新聞名', 'Name of the newspaper')),
    own_site: z.boolean().optional().describe(doc('申請者のサイトにも掲載しCRICからリンクしたか', "Also on the applicant's own site, linked from CRIC")),
    result: text().describe(doc('公告の結果', 'What came of the notice')),
    ...followUp,
    copy_file: fileName(PAPER_FILES).optional().describe(doc('掲載した紙面・ページの写し（PDF・PNG・JPEG）', 'A copy of the page as it ran (PDF, PNG or JPEG)')),
  }).register(RELEVANCE, fieldsByChoice('medium', NOTICE_FIELDS)).optional().describe(doc('権利者情報を求める公告（ウ）', 'Public notice seeking the rights holder (c)')),
});


/** 別添資料 of the whole case (a notice's copy, a list of the NDL's records for all works …). */
export const caseAttachments = z.array(attachment).optional().describe(doc(
  '申請全体の別添資料（広告の掲載の写し、全著作物の書誌情報など）', 'Attachments for the whole application (a copy of the notice, the bibliographic records of all works …)'));

/** The works of a case: listed under `works`, or in a CSV named by `works_file`, or both. */
export const worksFields = {
  works: z.array(workSchema).min(1, copyrightMessages.say('copyright-works-none')).optional()
    .describe(doc('裁定を求める著作物等', 'The works the ruling is asked for')),
  works_file: fileName(['.csv', '.xlsx'], true).optional().describe(doc('著作物等の一覧 CSV（ケースファイルからの相対パス）', 'CSV listing the works (relative to the case file)')),
};

/** Works are given one way or the other, and a work (法10条1項) — an entry whose own subject is work — has its category. */
export function checkWorks(c: { works?: { category?: string; subject?: string }[]; works_file?: string; subject: string }, ctx: z.RefinementCtx): void {
  if (!c.works && !c.works_file)
    ctx.addIssue({ code: 'custom', path: ['works'], ...copyrightMessages.say('copyright-works-not-given') });
  c.works?.forEach((w, i) => {
    if ((w.subject ?? c.subject) === 'work' && !w.category)
      ctx.addIssue({ code: 'custom', path: ['works', i, 'category'], ...say(CATEGORY_NEEDED.ja, CATEGORY_NEEDED.en) });
  });
}

export type Subject = (typeof SUBJECTS)[number];
export type Work = z.output<typeof workSchema>;
export type Applicant = z.output<typeof applicant>;
export type Use = z.output<typeof use>;
export type DueDiligence = z.output<typeof dueDiligence>;
