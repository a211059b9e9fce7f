/**
 * The NDL's interlibrary loan service for overseas libraries, as dated data. Seed 002 is the NDL's
 * English page "Interlibrary Loan Service for overseas" (Home > For Librarians). No earlier values
 * are known to us, so each entry starts when the Kansai-kan opened (2002-10-07), which the page presumes.
 */
import type { AgencyForm } from '../../model/official-form.js';
import type { Dated } from '../dated.js';

const KANSAI_KAN_OPENED = '2002-10-07';

export interface NdlLibrary {
  /** How the library is named in the letters' headings. */
  name: string;
  /** The address lines exactly as seed 002 prints them (Return Method). */
  address: string[];
}

/** The three NDL libraries that send (and take back) loan material. */
export const NDL_LIBRARIES: readonly Dated<Record<'tokyo-main' | 'kansai-kan' | 'ilcl', NdlLibrary>>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: {
      'tokyo-main': {
        name: 'Tokyo Main Library',
        address: ['Loan Service Section, Book Service Division', 'National Diet Library', '1-10-1, Nagata-cho, Chiyoda-ku, Tokyo', '100-8924 Japan'],
      },
      'kansai-kan': {
        name: 'Kansai-kan',
        address: ['ILL Section, Public Services Division', 'Kansai-kan of the National Diet Library', '8-1-3 Seikadai, Seika-cho, Soraku-gun, Kyoto Prefecture', '619-0287 Japan'],
      },
      ilcl: {
        name: 'International Library of Children’s Literature',
        address: ['Resources and Information Division,', 'International Library of Children’s Literature', '12-49 Ueno Koen, Taito-ku, Tokyo', '110-0007 Japan'],
      },
    },
    source: 'seed 002 Return Method (the mailing addresses)',
  },
];
export type NdlLibraryKey = keyof (typeof NDL_LIBRARIES)[number]['value'];
export const NDL_LIBRARY_KEYS = ['tokyo-main', 'kansai-kan', 'ilcl'] as const;

/** Where registrations and fax/post loan requests go. */
export const ILL_SECTION: readonly Dated<{ address: string[]; fax: string }>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: {
      address: ['ILL-Section, Kansai-kan of the National Diet Library', '8-1-3 Seikadai, Seika-cho, Soraku-gun, Kyoto Prefecture', '619-0287 Japan'],
      fax: '+81-774-94-9112',
    },
    source: 'seed 002 Application procedure; How to Make a Request (By fax or postal mail)',
  },
];

/** The three conditions of the written contract, verbatim (seed 002, Application procedure). */
export const LOAN_CONDITIONS: readonly Dated<readonly string[]>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: [
      'The borrowed materials will be read only within the specified reading room under the supervision of the library staff.',
      'The borrowed materials will not be copied or duplicated by any means.',
      'If the borrowed materials are lost or damaged, contact the National Diet Library immediately, and replacement or full compensation will be made as the National Diet Library instructed.',
    ],
    source: 'seed 002 "This application is a written contract which includes the three following conditions"',
  },
];

export interface LoanLimits {
  /** Items on loan at any time, counting those from earlier requests. */
  maxOnLoan: number;
  /** Days after receipt within which the Receipt Letter is sent. */
  receiptDays: number;
  /** Months after receipt within which the items are shipped back. */
  loanMonths: number;
  /** Japanese books acquired from this year, foreign books from that one, are generally loanable. */
  japaneseFrom: number;
  foreignFrom: number;
}

export const LOAN_LIMITS: readonly Dated<LoanLimits>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: { maxOnLoan: 10, receiptDays: 3, loanMonths: 1, japaneseFrom: 1996, foreignFrom: 1948 },
    source: 'seed 002 Number of Volumes to be Lent; Check on arriving items (within three days); Period of Loan; Loanable materials',
  },
];

/** Seed 002's "Materials not loanable", whole, in its order and words (digitized materials first). */
export const NOT_LOANABLE_KINDS = ['digitized', 'serials', 'deteriorated', 'rare', 'unsuitable', 'non-book', 'collection', 'market', 'amusement'] as const;
export type NotLoanable = (typeof NOT_LOANABLE_KINDS)[number];

export const NOT_LOANABLE: readonly Dated<Record<NotLoanable, string>>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: {
      digitized: 'Digitized materials',
      serials: 'Serials (newspapers, periodicals, etc.)',
      deteriorated: 'Materials in deteriorated condition (acidic, etc.)',
      rare: 'Rare and precious materials (old Japanese books, etc.)',
      unsuitable: 'Materials unsuitable to lending (large-sized books, reference books, pamphlets, etc)',
      'non-book': 'Non-book materials (doctoral dissertations, single-sheet maps, electronic resources, music scores, phonographic records, microfilms, microfiches)',
      collection: 'Documents considered as collection',
      market: 'Materials determined to be obtained on the market easily',
      amusement: 'Books for amusement',
    },
    source: 'seed 002 Materials not loanable',
  },
];

/**
 * The kinds of material a request names, each with the English label the request prints and, for
 * those the NDL does not lend, the entry of NOT_LOANABLE it falls under. Deteriorated, collection,
 * easily bought and amusement are the NDL's judgement of an item, not a kind the borrower picks.
 */
export interface MaterialTypeInfo { label: string; notLoanable?: NotLoanable }
export const MATERIAL_TYPES = {
  book: { label: 'Book' },
  digitized: { label: 'Digitized material', notLoanable: 'digitized' },
  serial: { label: 'Serial', notLoanable: 'serials' },
  rare: { label: 'Rare book', notLoanable: 'rare' },
  'large-sized': { label: 'Large-sized book', notLoanable: 'unsuitable' },
  reference: { label: 'Reference book', notLoanable: 'unsuitable' },
  pamphlet: { label: 'Pamphlet', notLoanable: 'unsuitable' },
  'doctoral-thesis': { label: 'Doctoral dissertation', notLoanable: 'non-book' },
  map: { label: 'Single-sheet map', notLoanable: 'non-book' },
  electronic: { label: 'Electronic resource', notLoanable: 'non-book' },
  score: { label: 'Music score', notLoanable: 'non-book' },
  recording: { label: 'Phonographic record', notLoanable: 'non-book' },
  microform: { label: 'Microfilm or microfiche', notLoanable: 'non-book' },
  other: { label: 'Other' },
} as const satisfies Record<string, MaterialTypeInfo>;
export type MaterialType = keyof typeof MATERIAL_TYPES;
export const materialType = (type: MaterialType): MaterialTypeInfo => MATERIAL_TYPES[type];
export const MATERIAL_TYPE_KEYS = Object.keys(MATERIAL_TYPES) as [MaterialType, ...MaterialType[]];

/**
 * The address of seed 002: the seed is the text of the NDL's page "Interlibrary Loan Service for
 * overseas" (Home > For Librarians) without its address; this is the page that carries that text,
 * with the links to the application PDF and the request form.
 */
export const ILL_PAGE = 'https://www.ndl.go.jp/en/library/service_lendout.html';

/**
 * The papers the NDL accepts only on its own form (seed 002): the registration on its PDF
 * "Application for the User Registration System for Interlibrary Loan Services" (a written
 * contract, the original signed by hand); a request by fax or post on "the designated request
 * form" ("We cannot accept any form other than the designated request form"); the receipt letter on
 * "the right side of 'To Borrowers'", the sheet that comes with the items.
 */
export const ILL_AGENCY_FORMS: readonly Dated<Record<'registration' | 'request' | 'receipt', AgencyForm>>[] = [
  {
    from: KANSAI_KAN_OPENED,
    value: {
      registration: {
        name: { ja: 'NDL 自身の PDF「Application for the User Registration System for Interlibrary Loan Services」',
          en: 'the NDL\'s own PDF "Application for the User Registration System for Interlibrary Loan Services"' },
        obtain: { ja: `NDL のページ「Interlibrary Loan Service for overseas」（${ILL_PAGE}）からダウンロードしてください`,
          en: `Download it from the NDL's page "Interlibrary Loan Service for overseas" (${ILL_PAGE})` },
        file: 'ndl-ill-application.pdf',
      },
      request: {
        name: { ja: 'NDL 指定の申込書（the designated request form）', en: 'the NDL\'s designated request form' },
        obtain: { ja: `NDL のページ「Interlibrary Loan Service for overseas」（${ILL_PAGE}）の「How to Make a Request」から入手してください`,
          en: `Get it from "How to Make a Request" on the NDL's page "Interlibrary Loan Service for overseas" (${ILL_PAGE})` },
        file: 'ndl-request-form.pdf',
      },
      receipt: {
        name: { ja: '資料に同封される「To Borrowers」の右半分（Receipt Letter of the Loan Material）',
          en: 'the right half of the "To Borrowers" sheet that comes with the items ("Receipt Letter of the Loan Material")' },
        obtain: { ja: '資料と一緒に届いた「To Borrowers」を PDF にスキャンしてください（右半分が受領書です）',
          en: 'Scan the "To Borrowers" sheet that came with the items to a PDF (its right half is the receipt letter)' },
        file: 'to-borrowers.pdf',
      },
    },
    source: 'seed 002 Application procedure; How to Make a Request (By fax or postal mail); Check on arriving items',
  },
];
