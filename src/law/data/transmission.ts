/**
 * Exclusion from the NDL's digitized-material transmission services (図書館送信・個人送信の除外手続),
 * as dated data. Seed 000 is the NDL's leaflet 「除外手続のご案内」 (国立国会図書館 令和6年11月); the
 * procedure rests on the 「国立国会図書館のデジタル化資料の図書館等への限定送信に関する合意事項」.
 * No earlier versions are known to us, so every entry starts on the leaflet's date.
 */
import type { Dated } from '../dated.js';

const LEAFLET = '2024-11-01';
/** The first day our data describe: a request dated earlier has no rules here to be judged by. */
export const EXCLUSION_DATA_FROM = LEAFLET;

/** 除外基準 — the grounds for an exclusion, and who may invoke each. */
export type Criterion = 'in-print' | 'managed' | 'author-request' | 'reserved-category';
export type RequesterRole = 'author' | 'publisher' | 'heir' | 'association' | 'other';

export interface CriterionRule {
  /** How the NDL numbers it (1–3), or 留保 for the reserved categories, which need no criterion. */
  mark: string;
  /** Short name for tables and counts. */
  short: string;
  /** The criterion as the leaflet states it. */
  statement: string;
  /** Who may ask on this ground: everyone, or only these roles. */
  who: 'anyone' | readonly RequesterRole[];
}

export const CRITERIA: readonly Dated<Record<Criterion, CriterionRule>>[] = [
  {
    from: LEAFLET,
    value: {
      'in-print': {
        mark: '1', short: '基準1（流通）',
        statement: 'その資料（同内容の著作物）が流通している（オンデマンド出版及び電子書籍を含む）',
        who: 'anyone',
      },
      managed: {
        mark: '2', short: '基準2（管理委託）',
        statement: 'その資料（同内容の著作物）の著作権が著作権等管理事業者により管理されている',
        who: 'anyone',
      },
      // 著作者（出版関連団体・出版社経由も可）: the author, or a publisher or association passing on the author's request.
      'author-request': {
        mark: '3', short: '基準3（著作者の申出）',
        statement: '著作者本人から送信停止の要請があった',
        who: ['author', 'publisher', 'association'],
      },
      'reserved-category': {
        mark: '留保', short: '送信留保（漫画・絵本・商業出版雑誌）',
        statement: '送信を留保している漫画・絵本、商業出版雑誌（除外基準を満たさなくとも申出により除く）',
        who: 'anyone',
      },
    },
    source: 'seed 000 「申請できる方／除外申出の要件（除外基準）」 and its note ※現在、漫画・絵本、商業出版雑誌については、送信を留保しています',
  },
];

/** The categories whose transmission is reserved (送信留保). */
export const RESERVED_CATEGORIES: readonly Dated<Record<'manga' | 'picture-book' | 'commercial-magazine', string>>[] = [
  { from: LEAFLET, value: { manga: '漫画', 'picture-book': '絵本', 'commercial-magazine': '商業出版雑誌' }, source: 'seed 000 note ※現在、漫画・絵本、商業出版雑誌については、送信を留保しています' },
];
export const RESERVED_CATEGORY_KEYS = ['manga', 'picture-book', 'commercial-magazine'] as const;

/**
 * A planned reissue counts as "in print" when it is publicly announced and due within about three
 * months of the request (再販等の予定がある場合は、おおむね３か月を目安に流通予定であることを公開情報により確認).
 * The three months are a guideline (おおむね … を目安に): past them yoshiki warns and the NDL judges.
 * It refuses only past `limit`, twice the guideline: no reading of "about three months" reaches six,
 * and such a request loses nothing by waiting, since 事後除外 takes requests all year.
 */
export const REISSUE_WINDOW_MONTHS: readonly Dated<{ guideline: number; limit: number }>[] = [
  { from: LEAFLET, value: { guideline: 3, limit: 6 }, source: 'seed 000 除外基準1 (guideline); limit: twice it, yoshiki\'s reading of おおむね (README)' },
];

/**
 * The rounds of ②事前除外手続 yoshiki knows, each from the day its candidate list was open (at the
 * latest the leaflet's date) to the last day requests were taken. ③事後除外 takes requests all year,
 * so a request outside every round known here is pointed there. The page giving later rounds' dates
 * is EXCLUSION_PAGE; add each round here as the NDL announces it.
 */
export const PRE_EXCLUSION_ROUNDS: readonly Dated<{ fiscalYear: number; until: string }>[] = [
  { from: LEAFLET, value: { fiscalYear: 2024, until: '2025-04-18' }, source: 'seed 000 ※令和6年度の事前除外手続は、令和7年4月18日まで受け付けます' },
];

/**
 * The NDL's page on the exclusion procedure, where the lists and each round's dates are published.
 * When it moved is not known: the second entry starts on the day the new address was read.
 */
export const EXCLUSION_PAGE: readonly Dated<string>[] = [
  { from: LEAFLET, value: 'https://www.ndl.go.jp/jp/preservation/digitization/distribution.html', source: 'seed 000 除外手続のページ' },
  { from: '2026-11-29', value: 'https://www.ndl.go.jp/preservation/digitization/distribution', source: 'ndl.go.jp, read 2026-11-29: the page moved (confidence high)' },
];

/** The two stages at which a rights holder asks (②事前除外手続, ③事後除外手続), and the list each works on. */
export const STAGES = {
  pre: { name: '事前除外', list: '送信候補資料リスト', what: '送信候補資料リストに掲載された資料' },
  post: { name: '事後除外', list: '送信資料リスト', what: 'すでに送信中の資料' },
} as const;

/** Where exclusion requests are sent, and who answers questions about them. */
export const EXCLUSION_DESK: readonly Dated<{ library: string; division: string; section: string; phone: string; email: string }>[] = [
  {
    from: LEAFLET,
    value: { library: '国立国会図書館', division: '関西館電子図書館課', section: '電子化資料提供係', phone: '0774-98-1480（直通）', email: 'jogai@ndl.go.jp' },
    source: 'seed 000 お問い合わせ窓口（除外手続の方法、個別資料の取扱い等についてのお問い合わせ・除外申出ご送付先）',
  },
];
