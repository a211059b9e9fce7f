/**
 * Dated legal data for rulings on works whose rights holder cannot be found
 * (著作権者不明等の場合の裁定, 著作権法67条・103条). Seed 004 is 文化庁「裁定の手引き」(平成31年1月).
 */
import type { Dated } from '../dated.js';

/** 手数料 (application fee) per application, however many works or uses it covers. */
export const RULING_FEE: readonly Dated<number>[] = [
  // The guide of 2019 and its examples dated 平成26年 both state 6,900円; no earlier amount is known to us.
  { from: '1970-01-01', value: 6900, source: '著作権法施行令11条 (seed 004 第3の3(1)ア, 御質問5)' },
];

/** Consumption-tax factor applied to compensation (消費税). */
export const CONSUMPTION_TAX: readonly Dated<string>[] = [
  { from: '1989-04-01', value: '1.03', source: '消費税法 (昭和63年法律第108号) 施行' },
  { from: '1997-04-01', value: '1.05', source: '平成6年法律第109号 (地方消費税を含む5%)' },
  { from: '2014-04-01', value: '1.08', source: '平成24年法律第68号 (8%; seed 004 の記入例は1.08)' },
  { from: '2019-10-01', value: '1.10', source: '平成24年法律第68号・平成28年法律第85号 (10%)' },
];

/** The 31 denominations of revenue stamps (収入印紙), in yen. */
export const REVENUE_STAMP_DENOMINATIONS: readonly Dated<readonly number[]>[] = [
  {
    from: '1970-01-01',
    value: [1, 2, 5, 10, 20, 30, 40, 50, 60, 80, 100, 120, 200, 300, 400, 500, 600, 1000, 2000, 3000, 4000,
      5000, 6000, 8000, 10000, 20000, 30000, 40000, 50000, 60000, 100000],
    source: '印紙をもってする歳入金納付に関する法律; 財務省告示 (31種類). Fees are paid in stamps: 規則23条',
  },
];

/** Applicant kinds (申請者の種別) and what the law makes of each. */
export const APPLICANT_KINDS = [
  'individual', 'corporation', 'association', 'state', 'local-government',
  'independent-administrative-agency', 'national-university-corporation',
  'inter-university-research-institute-corporation', 'local-independent-administrative-agency', 'nhk',
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** Japanese names of the kinds, for messages. */
export const APPLICANT_KIND_JA: Record<ApplicantKind, string> = {
  individual: '個人',
  corporation: '法人',
  association: '法人格を有しない社団・財団',
  state: '国',
  'local-government': '地方公共団体',
  'independent-administrative-agency': '独立行政法人',
  'national-university-corporation': '国立大学法人',
  'inter-university-research-institute-corporation': '大学共同利用機関法人',
  'local-independent-administrative-agency': '地方独立行政法人',
  nhk: '日本放送協会',
};

/**
 * 国等 under 法67条2項 (and 67条の2第2項): no deposit of compensation in advance.
 * 令7条の6 adds the agencies, university corporations, local agencies and NHK (seed 004 第3の3(1)ケ).
 */
export const DEPOSIT_EXEMPT_KINDS: readonly Dated<readonly ApplicantKind[]>[] = [
  {
    from: '2010-01-01',
    value: ['state', 'local-government', 'independent-administrative-agency', 'national-university-corporation',
      'inter-university-research-institute-corporation', 'local-independent-administrative-agency', 'nhk'],
    source: '著作権法67条2項, 令7条の6 (seed 004 第3の3(1)ケ, 資料3)',
  },
  {
    // 国等 lose the exemption: from 2026-04-01 every applicant pays the compensation to the designated body.
    from: '2026-04-01',
    value: [],
    source: 'bunka.go.jp 裁定制度のページ (「令和8年4月以降に…申請された場合は、指定補償金管理機関への補償金の支払が必要」; law-2026 row 4, high)',
  },
];

/**
 * Applicants that add a contact person to the application: a 法人 (and a 社団・財団 with a
 * representative) gives 担当者の部署・氏名・電話番号・メールアドレス; an individual signs and is the contact.
 */
export const CONTACT_PERSON_KINDS: readonly Dated<readonly ApplicantKind[]>[] = [
  {
    from: '1970-01-01',
    value: APPLICANT_KINDS.filter((k) => k !== 'individual'),
    source: 'seed 004 第3の3(1)イ 申請者 (「事務的な連絡等のため、担当者の部署・氏名・電話番号・メールアドレスを付記してください」); 資料1 記入例①〜⑥',
  },
];

/** Kinds that never pay the fee: 国 (法70条2項). Listed agencies are handled by name below. */
export const FEE_EXEMPT_KINDS: readonly Dated<readonly ApplicantKind[]>[] = [
  { from: '1970-01-01', value: ['state'], source: '著作権法70条2項 (seed 004 第3の3(1)ア)' },
];

/** A listed agency: its name as 令65条 別表 gives it, and the shorter names a clerk writes it by. */
export interface ListedAgency {
  name: string;
  /** The name without its legal form (独立行政法人, 国立研究開発法人), as the agency calls itself. */
  aliases: readonly string[];
}

/** 独立行政法人 exempt from the fee: 令65条 別表 (14 names, seed 004 資料3), each also known by its short name. */
export const FEE_EXEMPT_AGENCIES: readonly Dated<readonly ListedAgency[]>[] = [
  {
    from: '2019-01-01',
    value: [
      { name: '国立研究開発法人情報通信研究機構', aliases: ['情報通信研究機構'] },
      { name: '独立行政法人酒類総合研究所', aliases: ['酒類総合研究所'] },
      { name: '独立行政法人国立特別支援教育総合研究所', aliases: ['国立特別支援教育総合研究所'] },
      { name: '独立行政法人国立科学博物館', aliases: ['国立科学博物館'] },
      { name: '国立研究開発法人防災科学技術研究所', aliases: ['防災科学技術研究所'] },
      { name: '独立行政法人国立美術館', aliases: ['国立美術館'] },
      { name: '独立行政法人国立文化財機構', aliases: ['国立文化財機構'] },
      { name: '独立行政法人経済産業研究所', aliases: ['経済産業研究所'] },
      { name: '独立行政法人工業所有権情報・研修館', aliases: ['工業所有権情報・研修館'] },
      { name: '国立研究開発法人産業技術総合研究所', aliases: ['産業技術総合研究所'] },
      { name: '独立行政法人製品評価技術基盤機構', aliases: ['製品評価技術基盤機構'] },
      { name: '独立行政法人教職員支援機構', aliases: ['教職員支援機構'] },
      { name: '独立行政法人国立高等専門学校機構', aliases: ['国立高等専門学校機構'] },
      { name: '独立行政法人大学改革支援・学位授与機構', aliases: ['大学改革支援・学位授与機構'] },
    ],
    source: '著作権法施行令65条 別表 (seed 004 資料3, 平成31年1月時点); aliases: the same name without its legal form (独立行政法人, 国立研究開発法人)',
  },
];

/** CRIC notice: at least 7 days' posting, counted from the day after it went up (告示3条). */
export const CRIC_NOTICE_DAYS: readonly Dated<number>[] = [
  { from: '2009-07-31', value: 7, source: '平成21年文化庁告示第26号3条 (seed 004 第3の2(1)ウ; スケジュール例 9月10日掲載→9月18日申請)' },
];

/** How sure we are of a fact (README: Where the rules come from): an official page, a specific secondary source, or inference. */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Which law a ruling application is judged by, chosen by its date: the 2019 guide's rules (seed 004)
 * until 2026-03-31, the 2023 amendment's from 2026-04-01. Every rule and paper that differs reads
 * this table; none compares a date with a literal.
 */
export interface RulingRegime {
  id: '2019' | '2026';
  /** Where the compensation and the security for use while pending (担保金, 法67条の2) go. */
  payee: 'deposit-office' | 'designated-body';
  /** The body paid, when it is one (指定補償金管理機関). */
  payeeName: string | null;
  /** How sure we are of this regime's facts; `uncertain`: what of it reaches paper without an official 様式. */
  confidence: Confidence;
  uncertain: readonly string[];
}

export const RULING_REGIME: readonly Dated<RulingRegime>[] = [
  {
    from: '1970-01-01',
    value: { id: '2019', payee: 'deposit-office', payeeName: null, confidence: 'high', uncertain: [] },
    source: '著作権法67条1項・2項, 67条の2 (供託); seed 004 第3の3(1)ケ, 第3の4・5 (平成31年1月)',
  },
  {
    from: '2026-04-01',
    value: {
      id: '2026', payee: 'designated-body', payeeName: '公益社団法人著作権情報センター（指定補償金管理機関）', confidence: 'high',
      // law-2026 rows 6 and 16 and the 様式 itself: nothing official read; see README "Where the rules come from".
      uncertain: ['item-7', 'fee', 'agency-address', 'form'],
    },
    source: '令和5年法律第33号 (施行 2026-04-01, 令和7年政令第195号); bunka.go.jp 裁定制度のページ (「令和8年4月以降に…申請された場合は、指定補償金管理機関への補償金の支払が必要」, high); CRIC の指定 (shuwa.net 2025-12-05, high/medium)',
  },
];

/** Categories of works, 法10条1項 (seed 004 資料3). */
export const WORK_CATEGORIES = {
  language: '言語の著作物',
  music: '音楽の著作物',
  dance: '舞踊又は無言劇の著作物',
  art: '美術の著作物',
  architecture: '建築の著作物',
  figure: '図形の著作物',
  film: '映画の著作物',
  photo: '写真の著作物',
  program: 'プログラムの著作物',
} as const;
export type WorkCategory = keyof typeof WORK_CATEGORIES;

/** A copyright management business the seed's list names (資料 (ア) 著作権等管理事業者の例). */
export interface ManagementBody {
  name: string;
  /** Fragments that identify the body in a case's text. */
  match: string[];
  field: string;
}

/**
 * The seed's list, by the kind of material the body manages (平成31年1月1日時点). Keyed by work
 * category, or by the neighbouring-right subject for performances, phonograms and cablecasts.
 */
export const MANAGEMENT_BODIES: readonly Dated<Record<string, ManagementBody[]>>[] = [
  {
    from: '2019-01-01',
    source: 'seed 004 第3の2(1)イ(ア) 著作権等管理事業者の例 (平成31年1月1日時点)',
    value: {
      music: [
        { name: '一般社団法人日本音楽著作権協会（JASRAC）', match: ['日本音楽著作権協会', 'JASRAC'], field: '音楽' },
        { name: '株式会社NexTone', match: ['NexTone'], field: '音楽' },
        { name: '株式会社International Copyright Association', match: ['International Copyright Association'], field: '音楽' },
        { name: '株式会社アイ・シー・エージェンシー', match: ['アイ・シー・エージェンシー'], field: '音楽' },
        { name: '一般社団法人ワールドミュージックインターネット放送協会', match: ['ワールドミュージックインターネット放送協会'], field: '音楽' },
      ],
      language: [
        { name: '公益社団法人日本文藝家協会', match: ['日本文藝家協会'], field: '言語（文芸作品）' },
        { name: '協同組合日本脚本家連盟', match: ['日本脚本家連盟'], field: '言語（脚本）' },
        { name: '協同組合日本シナリオ作家協会', match: ['日本シナリオ作家協会'], field: '言語（脚本）' },
        { name: '公益社団法人日本複製権センター', match: ['日本複製権センター'], field: '言語（新聞、雑誌、書籍、学術書等）' },
        { name: '一般社団法人学術著作権協会', match: ['学術著作権協会'], field: '言語（学術論文等）' },
        { name: '一般社団法人教学図書協会', match: ['教学図書協会'], field: '言語（教科書）' },
        { name: '一般社団法人出版者著作権管理機構', match: ['出版者著作権管理機構', 'JCOPY'], field: '言語（学術書等）' },
        { name: '一般社団法人日本出版著作権協会', match: ['日本出版著作権協会'], field: '言語（学術書等）' },
      ],
      art: [
        { name: '株式会社東京美術倶楽部', match: ['東京美術倶楽部'], field: '美術（日本画，洋画）' },
        { name: '一般社団法人日本美術家連盟', match: ['日本美術家連盟'], field: '美術（絵画，版画，彫刻）' },
        { name: '株式会社メディアリンクス・ジャパン', match: ['メディアリンクス・ジャパン'], field: '美術（絵本）' },
      ],
      photo: [{ name: '有限会社コーベットフォトエージェンシー', match: ['コーベットフォトエージェンシー'], field: '写真' }],
      performance: [
        { name: '公益社団法人日本芸能実演家団体協議会 実演家著作隣接権センター（CPRA）', match: ['日本芸能実演家団体協議会', 'CPRA'], field: '実演' },
        { name: '一般社団法人映像コンテンツ権利処理機構（aRma）', match: ['映像コンテンツ権利処理機構', 'aRma'], field: '実演' },
      ],
      phonogram: [{ name: '一般社団法人日本レコード協会', match: ['日本レコード協会'], field: 'レコード' }],
      cablecast: [{ name: '一般社団法人日本ケーブルテレビ連盟', match: ['日本ケーブルテレビ連盟'], field: '映画（有線放送番組）' }],
    },
  },
];

/**
 * Where ruling applications go (提出先) and where to ask first (事前相談): the seed's contact page and
 * back cover. The Agency moved its headquarters to Kyoto in 2023; the seed's Tokyo address of the
 * copyright division is kept here as the seed gives it, not reconfirmed for 2026 (README: uncertain rules).
 */
export const RULING_DESK: readonly Dated<{
  office: string; section: string; postal_code: string; address: string; phone: string; email: string;
}>[] = [
  {
    // The guide's editions since 2012 give this address; no earlier one is known to us, so it stands for any date.
    from: '1970-01-01',
    value: {
      office: '文化庁著作権課', section: '著作物流通推進室　管理係', postal_code: '100-8959',
      address: '東京都千代田区霞が関3-2-2', phone: '03-5253-4111（内線2847）', email: 'ckanri@mext.go.jp',
    },
    source: 'seed 004「裁定に関する問い合わせ先」・裏表紙 (平成31年1月, 第7版); 第3の3: 「文化庁著作権課に提出してください」',
  },
];
