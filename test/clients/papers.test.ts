/**
 * The ruling's other papers, read as a clerk would: the evidence table's shape per case, cells
 * composed from the case's records in the seed's words, 別添資料, 委任状, the advertisement and the
 * copy notice with the 67条 or 103条 wording.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraDate } from '../../src/base/format.js';
import { caseStrings, needs, pdfText, renderFixture, run, squash } from '../helpers.js';

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
    // ウ from the case's CRIC record: seven days from the start, as the seed's table prints the span.
    expect(csv).toContain(`公益社団法人著作権情報センターのウェブサイト（${eraDate('2026-11-10')}～${eraDate('2026-11-17')}掲載）にて、広く一般に情報提供を求めたが、`);
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
