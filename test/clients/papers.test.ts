/**
 * The ruling's other papers, read as a clerk would: the evidence table's shape per case, cells
 * composed from the case's records in the seed's words, 別添資料, 委任状, the advertisement and the
 * copy notice with the 67条 or 103条 wording.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraDate } from '../../src/base/format.js';
import { renderCase } from '../../src/pipeline/pipeline.js';
import { caseStrings, checkEdited, needs, pdfText, renderFixture, run, squash, tempDir } from '../helpers.js';

/** A fixture edited as a clerk would, checked and rendered as PDF and CSV: each document's text. */
async function renderEdited(name: string, edit: (yaml: string) => string) {
  const { checked } = await checkEdited(name, edit, '2026-11-21');
  expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const files = await renderCase(checked, tempDir(), ['pdf', 'csv']);
  const file = (doc: string) => files.find((f) => f.endsWith(`/${doc}`))!;
  return { pdf: (doc: string) => squash(pdfText(file(doc))), csv: (doc: string) => readFileSync(file(doc), 'utf8') };
}

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
const cases: Record<string, Rendered> = {};
const read = (name: string, doc: string) => readFileSync(cases[name].file(doc)!, 'utf8');
const pdf = (name: string, doc: string) => squash(pdfText(cases[name].file(doc)!));

const poppler = needs('pdftotext', 'pdfimages');

beforeAll(async () => {
  for (const name of ['ruling-anthology', 'ruling-reprint', 'ruling-drama-dvd', 'ruling-previously-ruled', 'ruling-museum-broadcast'])
    cases[name] = await renderFixture(name);
});

poppler('evidence table', () => {
  it('works not ruled before: the four measure columns of 資料2, each work\'s own text, the notice composed', () => {
    const csv = read('ruling-anthology', 'evidence.csv');
    expect(csv.startsWith('\uFEFFNo.,著作物の題号,著作者名,ア(ア)名簿・名鑑類の閲覧 又は ア(イ)ネット検索サービスによる情報の検索,イ(ア)著作権等管理事業者等への照会,')).toBe(true);
    expect(csv).toContain('3,題号不明,不明,Google等のサーチエンジンで当該著作物に関するキーワードから検索を行ったが');
    // ウ from the case's CRIC record, which gives no end: the minimum period's end, said as such — not a span printed as fact.
    expect(csv).toContain(`公益社団法人著作権情報センターのウェブサイト（${eraDate('2026-11-10')}から掲載。最短の掲載期間（掲載日翌日から7日間）の満了日は${eraDate('2026-11-17')}）にて、広く一般に情報提供を求めたが、`);
    expect(csv).not.toContain('～');
    expect(pdf('ruling-anthology', 'evidence.pdf')).toContain(squash('「相当な努力」の疎明資料'));
  });

  it('composes cells from due_diligence records in the words of the seed\'s 記入例', () => {
    const text = pdf('ruling-reprint', 'evidence.pdf');
    expect(text).toContain(squash('を閲覧したところ、著作権者の配偶者の電話番号が記載されていた'));
    expect(text).toContain(squash('検索サイトであるGoogleにより、'));
    expect(text).toContain(squash('言語の著作物の著作権等管理事業者である公益社団法人日本文藝家協会（平成30年10月　担当〇〇氏）に照会を行ったところ、'));
  });

  it('performances use the performance headings', () => {
    const csv = read('ruling-drama-dvd', 'evidence.csv');
    expect(csv.split('\r\n')[0]).toContain('No.,実演が行われた作品名,実演家名,ア(ア)');
  });

  it('works ruled before use the third shape: ア(ウ), イ(ウ), ウ', () => {
    const header = read('ruling-previously-ruled', 'evidence.csv').split('\r\n')[0];
    expect(header).toBe('\uFEFFNo.,著作物の題号,著作者名,ア(ウ)過去に裁定を受けた著作物等のデータベースの検索,イ(ウ)文化庁長官への照会,ウ 公衆に対し情報提供を求めること');
    expect(read('ruling-previously-ruled', 'evidence.csv')).toContain('通番〇〇—000145に当該著作物についての記載があった');
  });

  it('works ruled before: each column is headed by the measure actually taken', async () => {
    // イ by asking a management body (イ(ア)), not the Commissioner: never printed under 「イ(ウ)文化庁長官への照会」.
    const asked = await renderEdited('ruling-previously-ruled', (y) => y.replace(
      /  agency_inquiry: .*\n    result: .*\n/,
      '  management_bodies:\n    - { name: 公益社団法人日本文藝家協会, inquired_on: 2016-02-10, result: 権利委託は受けていないとの回答を得た。 }\n'));
    const [header, row] = asked.csv('evidence.csv').split('\r\n');
    expect(header).toBe('\uFEFFNo.,著作物の題号,著作者名,ア(ウ)過去に裁定を受けた著作物等のデータベースの検索,イ(ア)著作権等管理事業者等への照会,ウ 公衆に対し情報提供を求めること');
    expect(row).toContain('言語の著作物の著作権等管理事業者である公益社団法人日本文藝家協会（平成28年2月）に照会を行ったところ、権利委託は受けていないとの回答を得た。');
    expect(asked.pdf('evidence.pdf')).not.toContain('文化庁長官への照会');
    // A directory read besides the database, and both the Commissioner and an expert body asked: a column each, in the guide's order.
    const more = await renderEdited('ruling-previously-ruled', (y) => y.replace('  agency_inquiry:', [
      '  directories: [{ title: 文化人名録, result: 著作権者に関する情報は未掲載であった。 }]',
      '  expert_bodies: [{ name: 〇〇学会, result: 連絡先は判明しなかった。 }]',
      '  agency_inquiry:'].join('\n')));
    expect(more.csv('evidence.csv').split('\r\n')[0]).toBe(['\uFEFFNo.', '著作物の題号', '著作者名',
      'ア(ア)名簿・名鑑類の閲覧 又は ア(イ)ネット検索サービスによる情報の検索', 'ア(ウ)過去に裁定を受けた著作物等のデータベースの検索',
      'イ(イ)同種の著作物等に関する識見を有する団体への照会', 'イ(ウ)文化庁長官への照会', 'ウ 公衆に対し情報提供を求めること'].join(','));
    expect(more.csv('evidence.csv')).toContain('文化人名録を閲覧したところ、著作権者に関する情報は未掲載であった。');
  });
});

poppler('what the audit found on paper (seed 004 第3の2)', () => {
  it('a CRIC notice\'s given end is printed as its span, in the table and in item 6', async () => {
    const r = await renderEdited('ruling-reprint', (y) => y.replace('    start: 2018-11-01\n', '    start: 2018-11-01\n    end: 2018-11-15\n'));
    expect(r.csv('evidence.csv')).toContain('公益社団法人著作権情報センターのウェブサイト（平成30年11月1日～平成30年11月15日掲載）及び自社のウェブサイトにて');
    expect(r.csv('evidence.csv')).not.toContain('最短の掲載期間');
    expect(r.pdf('application.pdf')).toContain(squash('平成30年11月1日から平成30年11月15日まで、自社のウェブサイトに著作権者捜しの広告を掲載するとともに'));
  });

  it('calls a body its field\'s 著作権等管理事業者 only when the guide lists it in that field', () => {
    // 日本ケーブルテレビ連盟 manages 有線放送番組 (cablecasts); the case is a broadcast.
    const broadcast = pdf('ruling-museum-broadcast', 'application.pdf');
    expect(broadcast).toContain(squash('（ア）著作権等管理事業者等への照会 一般社団法人日本ケーブルテレビ連盟（令和7年4月）に照会を行ったところ'));
    expect(broadcast).not.toContain('著作隣接権を管理する著作権等管理事業者');
    expect(pdf('ruling-drama-dvd', 'application.pdf')).toContain(squash(
      '実演の著作隣接権を管理する著作権等管理事業者である一般社団法人映像コンテンツ権利処理機構（平成27年12月　担当〇〇氏）、公益社団法人日本芸能実演家団体協議会'));
    for (const name of Object.keys(cases)) expect(pdf(name, 'application.pdf')).not.toContain('算定できる補償金の額なし');
  });

  it('one work\'s own evidence texts stand in item 6 under the (ア)/(イ) headings of the 記入例', async () => {
    const r = await renderEdited('ruling-reprint', (y) => y
      .replace(/  directories: .*\n(    .*\n|  web_search:.*\n|  management_bodies:.*\n|  expert_bodies:.*\n)+/, '')
      .replace('    previously_ruled: false\n', [
        '    previously_ruled: false',
        '    evidence:',
        '      directory_or_web: 文化人名録を閲覧したが、著作権者に関する情報は未掲載であった。',
        '      management_bodies: 公益社団法人日本文藝家協会に照会を行ったが、権利委託は受けていないとの回答を得た。',
        '      expert_bodies: 〇〇協会に照会を行ったが、新たな情報は得られなかった。', ''].join('\n')));
    const text = r.pdf('application.pdf');
    expect(text).toContain(squash('（ア）著作物、実演、レコード、放送又は有線放送の種類に応じて作成された名簿その他これに準ずるものの閲覧、又は（イ）広くウェブサイトの情報を検索する機能を有するウェブサイトでの検索 文化人名録を閲覧したが、'));
    expect(text).toContain(squash('イ 広く権利者情報を保有していると認められる者として文化庁長官が定める者に対し照会すること （ア）著作権等管理事業者等への照会 公益社団法人日本文藝家協会に照会を行ったが、'));
    expect(text).toContain(squash('権利委託は受けていないとの回答を得た。 （イ）同種著作物等について識見を有する者を主たる構成員とする法人等への照会 〇〇協会に照会を行ったが、'));
    expect(text).not.toContain('疎明資料のとおり');
  });

  it('step ②: what was done with a number a measure found is printed after what it found', async () => {
    const r = await renderEdited('ruling-reprint', (y) => y.replace(
      '      result: 著作権者の配偶者の電話番号が記載されていたため、連絡をしたが、現在は使われていない番号であり、連絡が取れなかった。\n',
      '      result: 著作権者の配偶者の電話番号が記載されていた\n      found: [phone]\n      follow_up: その番号に連絡をしたが、現在は使われていない番号であり、連絡が取れなかった。\n'));
    const said = '文化人名録（著作権台帳）第〇版（日本著作権協議会）を閲覧したところ、著作権者の配偶者の電話番号が記載されていた。その番号に連絡をしたが、現在は使われていない番号であり、連絡が取れなかった。';
    expect(r.pdf('application.pdf')).toContain(squash(said));
    expect(r.csv('evidence.csv')).toContain(said);
  });
});

poppler('別添資料', () => {
  it('puts each attachment on its own page, captioned with the work', () => {
    const file = cases['ruling-anthology'].file('attachments.pdf')!;
    const images = run('pdfimages', ['-list', file]).stdout.trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+480\s+360\b/); // page 1, the PNG's own pixels
    const text = squash(pdfText(file));
    expect(text).toContain(squash('別添1　図面・写真（別紙 No.3　題号不明／不明）'));
    expect(text).toContain(squash('〇〇出版発行「月刊〇〇」昭和45年3月号表紙に掲載された写真'));
  });
});

poppler('委任状', () => {
  it('names the agent, the applicant, the ruling under 法67条1項 and the works by the 別紙', () => {
    const text = pdf('ruling-anthology', 'power-of-attorney.pdf');
    for (const s of ['委任状', '弁護士代理一郎', '東京都千代田区霞が関1丁目1番1号〇〇法律事務所', '株式会社文部科学文芸出版', '代表取締役科学文男㊞',
      '著作権法第67条第1項の規定による文化庁長官の裁定の申請に関する一切の件', '裁定申請書別紙「著作物一覧」のとおり（計3件）', eraDate('2026-12-01')])
      expect(text).toContain(squash(s));
  });

  it('is made only when an agent applies', () => {
    expect(cases['ruling-reprint'].file('power-of-attorney.pdf')).toBeUndefined();
  });
});

poppler('権利者捜しの広告文', () => {
  it('describes every work and gives the contact, as in seed 004\'s 掲載例', () => {
    const text = read('ruling-anthology', 'advertisement.txt');
    expect(text).toContain('下記の著作物を利用するに当たり、著作権者の方を捜しています。著作権者の連絡先を御存知の方は、下記まで御一報いただければ幸いです。');
    for (const { value } of caseStrings('ruling-anthology', new Set()).filter((s) => s.key === 'description')) expect(text).toContain(value);
    expect(text).toContain('題名　「メディアとしてのポスター」');
    expect(text).toContain('題名　題号不明');
    expect(text).toContain('（著作物に関する情報　3）');
    expect(text).toContain('〒100-8959　東京都千代田区霞が関3丁目2番2号（株式会社文部科学文芸出版　編集部　著作 千代）');
    expect(text).toContain('電話　03-5253-4111　E-mail　chiyo@example.jp');
  });

  it('takes the case\'s purpose, year and publisher, with the subject\'s words', () => {
    const text = read('ruling-museum-broadcast', 'advertisement.txt');
    expect(text).toContain('当館の展覧会「日本の彫刻と映像」において昭和40年に放送された美術番組を上映するに当たり、著作隣接権者の方を捜しています。');
    expect(text).toContain('放送年　昭和40年');
    expect(text).toContain('放送局・発行者　〇〇放送株式会社');
  });
});

poppler('複製物への表示', () => {
  it('during the application (67条の2) and after the ruling, for a work', () => {
    const text = read('ruling-anthology', 'copy-notice.txt');
    expect(text).toContain(`この複製物は、${eraDate('2026-12-01')}に著作権法第67条の2第1項の規定に基づく申請を行い、同項の適用を受けて作成されたものです。`);
    expect(text).toContain('本複製物は、令和　　年　　月　　日に著作権法第67条第1項の裁定を受け作成したものです。');
  });

  it('uses the 103条 wording for neighbouring rights, the medium and the ruling date the case gives', () => {
    const text = read('ruling-museum-broadcast', 'copy-notice.txt');
    expect(text).toContain('本展示映像は、令和7年6月20日に著作権法第103条において準用する同法第67条第1項の裁定を受け作成したものです。');
    expect(text).not.toContain('67条の2'); // no use during the application in this case
    expect(read('ruling-drama-dvd', 'copy-notice.txt')).toContain('著作権法第103条において準用する同法第67条の2第1項の規定に基づく申請を行い');
  });
});
