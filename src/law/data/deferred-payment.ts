/**
 * Deferred payment of document-copy and loan fees between libraries (文献複写等料金後納).
 * Seed 003 is 長崎大学附属図書館「文献複写等料金 後納について」(page dated 2008-02-01). The scheme is
 * the lending university's own: its eligible institutions follow the former 文部科学省 fee-deferral
 * list (平成15年度まで); another university's scheme is another entry in LENDING_LIBRARIES.
 */
import type { Dated } from '../dated.js';

/** 後納制度対象機関: categories 1–10 as seed 003 words them. */
export const INSTITUTION_CATEGORIES: readonly Dated<Record<number, string>>[] = [
  {
    from: '2004-04-01', // 平成16年度: the university's scheme replaces the ministry's deferral (seed 003)
    value: {
      1: '学校教育法（昭和22年法律第26号）第1条の大学又は高等専門学校に設置された図書館及びこれに類する施設',
      2: '大学等における教育に類する教育を行う教育機関で当該教育を行うにつき学校教育法以外の法律に特別の規定があるものに設置された図書館及びこれに類する施設（国又は地方公共団体又は民法第34条の法人が設置するものに限る）',
      3: '学術の研究を目的とする研究所、試験所その他の施設で法令の規定によって設置されたものに設置された図書館及びこれに類する施設（国又は地方公共団体又は民法第34条の法人が設置するものに限る）',
      4: '図書館法（昭和25年法律第118号）第2条第1項に規定する図書館',
      5: '学校図書館法（昭和28年法律第185号）第2条に規定する学校図書館',
      6: '国立国会図書館法（昭和23年法律第5号）第1条に規定する国立国会図書館',
      7: '外国の政府又は地方公共団体が定める学校教育に関する法令の規定によって設置された学校に設置された図書館及びこれに類する施設',
      8: '外国の政府又は地方公共団体が設置した図書館',
      9: '文部科学大臣が小学校又は中学校又は高等学校の課程と同等の課程を有するものとして認定した在外教育施設に設置された図書館及びこれに類する施設',
      10: '上記各号以外の機関で附属図書館長が特に許可した機関',
    },
    // Seed 003 prints category 2 garbled (「当該教育を行たもの」); the words restored here are those of
    // 著作権法施行令1条の3第1項2号, which the old ministry list (and categories 1-5) follow.
    source: 'seed 003 1. 後納が認められる機関 (1～5 は独立行政法人として設置されているものを含む); 2号の文言は著作権法施行令1条の3第1項2号',
  },
];

/**
 * Seed 003's note under the list: categories 1–5 include institutions set up as 独立行政法人. The
 * note is printed beside the category of an institution that says it is one.
 */
export const INCORPORATED_AGENCY_CATEGORIES: readonly Dated<{ categories: readonly number[]; note: string }>[] = [
  {
    from: '2004-04-01',
    value: { categories: [1, 2, 3, 4, 5], note: '※ 1～5 については、独立行政法人として設置されているものを含む。' },
    source: 'seed 003 1. 後納が認められる機関「※ 1~5 については、独立行政法人として設置されているものを含む。」',
  },
];

/**
 * From this day of March (MM-DD) an application that names no fiscal year is near the year's end:
 * 下旬, the 21st on. Applications are made per fiscal year (seed 003 申請方法「申請は、年度ごとに必要です」),
 * so one made then is likely meant for the year starting 1 April; the day is our choice.
 */
export const FISCAL_YEAR_END_NEAR: readonly Dated<string>[] = [
  { from: '2004-04-01', value: '03-21', source: '下旬 = 21日以降 (our choice); seed 003 申請は年度ごとに必要' },
];

/** Category that needs the library director's special permission (附属図書館長が特に許可). */
export const SPECIAL_PERMISSION_CATEGORY = 10;

/** A lending library that runs a 後納 scheme: where the application goes and who decides it. */
export interface LendingLibrary {
  /** 附属図書館長: the addressee of the application. */
  director: string;
  name: string;
  /** The office that receives applications and answers questions. */
  office: string;
  postalCode: string;
  address: string;
  phone: string;
  fax: string;
  source: string;
}

/** Lending libraries by key (the case's `recipient`); nagasaki-u is the default. */
export const LENDING_LIBRARIES: Record<string, LendingLibrary> = {
  'nagasaki-u': {
    director: '長崎大学附属図書館長',
    name: '長崎大学附属図書館',
    office: '総務担当',
    postalCode: '852-8521',
    address: '長崎市文教町1-14',
    phone: '095-819-2193',
    fax: '095-819-2196',
    source: 'seed 003 5. 申し込み・問い合わせ先 (後納申請に関する問合せ先・申請書提出先、3館共通)',
  },
};
export const DEFAULT_LENDING_LIBRARY = 'nagasaki-u';
