// A deterministic ruling case with N works in a CSV, written like a clerk's spreadsheet: seven
// columns of realistic Japanese text of varying length, each work's own evidence. Used by
// `npm run bench` and by the tests that check nothing is lost across page breaks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small linear congruential generator: the same N gives the same case on every machine. */
function random(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const PLACES = ['〇〇町', '△△村', '□□市', '北浜町', '南山村', '東川市', '西原町'];
const THINGS = ['民話', '祭り', '川', '山', '港', '学校', '田畑', '峠', '灯台', '古寺'];
const FORMS = ['の記', 'の思い出', 'について', '考', '（随筆）', '【聞き書き】', 'の歌（作詞）'];
const SURNAMES = ['山田', '佐藤', '鈴木', '髙橋', '渡邊', '齋藤', '中村', '小林'];
const NAMES = ['一郎', '二郎', '花子', '千代', '太一', '文男', 'さくら'];
const CATEGORIES = ['language', 'music', 'art', 'photo', 'language', 'language'];
const DIRECTORIES = ['文化人名録', '郷土人物事典', '著作権台帳', '日本紳士録', '現代作家名鑑'];
const BODIES = ['公益社団法人日本文藝家協会', '一般社団法人日本音楽著作権協会', '株式会社NexTone', '公益社団法人日本写真家協会', '一般社団法人日本美術家連盟'];
const EXPERTS = ['〇〇郷土史研究会', '△△民俗学会', '□□地方文化協会', '日本童謡協会', '郷土写真保存会'];
const ENDINGS = [
  '著作者に関する情報は掲載されていなかった。',
  '著作権者の連絡先等に関する情報は得られなかった。',
  '権利委託は受けていないとの回答を得た（令和8年10月1日、担当者：〇〇氏）。',
  '同姓同名の人物が複数おり、本人を特定できなかった。',
];

export function syntheticWorks(n, seed = 20261201) {
  const r = random(seed + n);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const works = [];
  for (let i = 1; i <= n; i++) {
    const place = pick(PLACES);
    const title = `${place}の${pick(THINGS)}${pick(FORMS)}　第${i}編`;
    const author = r() < 0.15 ? '不明' : `${pick(SURNAMES)} ${pick(NAMES)}`;
    const issue = 1 + Math.floor(r() * 40);
    const longer = r() < 0.1 ? `なお、${place}教育委員会の記録によれば、著作者は昭和${30 + Math.floor(r() * 20)}年頃まで${place}に居住していたとされるが、その後の転居先は記録されておらず、親族の所在も判明しなかった。` : '';
    works.push({
      title,
      author,
      category: pick(CATEGORIES),
      description: `${place}教育委員会発行「郷土誌」第${issue}号（昭和${30 + (i % 30)}年）${10 + (i % 80)}ページに掲載`,
      directory_or_web: `「${pick(DIRECTORIES)}」（${1980 + (i % 40)}年版）を閲覧したが、${pick(ENDINGS)}${longer}`,
      management_bodies: `${pick(BODIES)}及び${pick(BODIES)}に照会したが、${pick(ENDINGS)}`,
      expert_bodies: `${pick(EXPERTS)}に照会したところ、${pick(ENDINGS)}`,
    });
  }
  return works;
}

const COLUMNS = ['title', 'author', 'category', 'description', 'directory_or_web', 'management_bodies', 'expert_bodies'];
const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function syntheticCsv(works) {
  return `${[COLUMNS.join(','), ...works.map((w) => COLUMNS.map((c) => csvCell(w[c])).join(','))].join('\r\n')}\r\n`;
}

export function syntheticCaseYaml(csvName) {
  return `form: ruling
subject: work
date: 2026-12-01
applicant:
  kind: national-university-corporation
  postal_code: "113-8654"
  address: 東京都文京区本郷7丁目3番1号
  name: 国立大学法人〇〇大学
  representative: { title: 学長, name: 大学 一郎 }
  contact: { department: 附属図書館 学術資料課, name: 図書 花子, phone: 03-0000-0000, email: lib@example.ac.jp }
works_file: ${csvName}
uses:
  - method: 上記著作物をデジタル化し、当館のウェブサイトにおいて無料でインターネット公開する。公開期間は5年間とする。
    compensation: { formula: online-period, unit_price: 100, rate: 10%, annual_uses: 200, years: 5 }
due_diligence:
  summary: 各著作物について下記の調査を行ったが、著作権者の所在は不明であった。
  public_notice: { medium: cric, start: 2026-11-02, result: 掲載日翌日から7日間経過後も著作権者につながる情報は得られなかった。 }
in_application_use: false
`;
}

/** Writes case.yaml and works.csv (UTF-8) for N works into dir; returns the case path. */
export function writeSyntheticCase(dir, n) {
  mkdirSync(dir, { recursive: true });
  const works = syntheticWorks(n);
  writeFileSync(join(dir, 'works.csv'), syntheticCsv(works));
  const file = join(dir, `bulk-${n}.yaml`);
  writeFileSync(file, syntheticCaseYaml('works.csv'));
  return { file, works };
}
