/**
 * One application for works, a performance and a phonogram together (seed 004 御質問5: 「複数の著作物等を
 * まとめて申請することができます」, one fee of 6,900円), read as a clerk would with poppler: each group under
 * the seed's own headings, the lead sentence citing 法67条1項 and 103条, the evidence table per group,
 * each entry's management bodies by its own subject — and a record maker never called a 実演家.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { caseStrings, needs, pdfText, renderFixture, squash } from '../helpers.js';

const poppler = needs('pdftotext');

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
let cd: Rendered;
const pdf = (doc: string) => squash(pdfText(cd.file(doc)!));
const read = (doc: string) => readFileSync(cd.file(doc)!, 'utf8');

beforeAll(async () => {
  cd = await renderFixture('ruling-cd-reissue');
});

poppler('a CD reissue: the song, its performance and its record in one application', () => {
  it('cites 法67条1項 and 103条 in the lead sentence, naming each kind of object', () => {
    expect(pdf('application.pdf')).toContain(squash(
      '著作権法第67条第1項及び同法第103条において準用する同法第67条第1項の規定に基づき、下記の著作物、実演及びレコードの利用を行いたいので、必要な資料を添えて申請します。'));
  });

  it('prints each group under its own heading of the seed in items 1–3, and items 4, 6, 7 and 8 for them all', () => {
    const text = pdf('application.pdf');
    const inOrder = (...parts: string[]) => {
      let at = -1;
      for (const p of parts) {
        const next = text.indexOf(squash(p), at + 1);
        expect(next, p).toBeGreaterThan(at);
        at = next;
      }
    };
    inOrder('1著作物、実演及びレコードの題号・名称等',
      '（1）著作物の題号', '別紙「著作物一覧」のとおり',
      '（2）実演が行われた作品名や実演家の役名等', '別紙「実演一覧」のとおり',
      '（3）レコードの名称等', '別紙「レコード一覧」のとおり',
      '2著作者名、実演家名及びレコード製作者名', '（1）著作者名', '（2）実演家名', '（3）レコード製作者名',
      '3著作物、実演及びレコードの種類及び内容又は体様', '（1）著作物の種類及び内容又は体様', '（2）実演の内容又は体様', '（3）レコードの内容又は体様',
      '4著作物、実演及びレコードの利用方法',
      '6著作権者、実演家及びレコード製作者と連絡することができない理由',
      '7著作権法第67条第2項及び同法第103条において準用する同法第67条第2項の該当の有無',
      '8著作権法第67条の2第1項及び同法第103条において準用する同法第67条の2第1項の規定による著作物、実演及びレコードの利用の有無');
  });

  it('one fee for the whole application', () => {
    const text = pdf('application.pdf');
    expect(text).toContain(squash('6,900円（6,000円＋600円＋300円）'));
    expect(text.match(/6,900円/g)).toHaveLength(1);
    expect(pdf('cover-letter.pdf')).toContain(squash('収入印紙6,900円（裁定申請書に貼付）'));
  });

  it('the 別紙 has one list per group, each with its own title and columns, numbered as in the case', () => {
    const text = pdf('application.pdf');
    const annex = text.slice(text.lastIndexOf('別紙'));
    expect(annex).toContain(squash('著作物一覧No.題号著作者名種類内容又は体様補償金の額1波止場の灯（楽曲）海野一郎音楽の著作物'));
    expect(annex).toContain(squash('実演一覧No.作品名・役名等実演家名内容又は体様補償金の額3歌謡曲「波止場の灯」の歌唱汐見三枝子'));
    expect(annex).toContain(squash('レコード一覧No.名称等レコード製作者名内容又は体様補償金の額4シングルレコード「波止場の灯」A面の録音〇〇レコード株式会社'));
  });

  it('the evidence table: one table per group under 資料2\'s headings, each with its own columns and its own bodies', () => {
    const csv = read('evidence.csv');
    const [works, performances, phonograms] = csv.split(/\r\n\r\n/);
    expect(works.split('\r\n')[0]).toMatch(/^\uFEFFNo\.,著作物の題号,著作者名,ア\(ア\)/);
    expect(performances.split('\r\n').slice(0, 2)).toEqual(['2. 実演家', expect.stringMatching(/^No\.,実演が行われた作品名,実演家名,ア\(ア\)/)]);
    expect(phonograms.split('\r\n').slice(0, 2)).toEqual(['3. レコード製作者', expect.stringMatching(/^No\.,レコードの名称等,レコード製作者名,ア\(ア\)/)]);
    // Management bodies by each entry's own subject: the record's row asks the record body, not JASRAC or CPRA.
    expect(works).toContain('音楽の著作物の著作権等管理事業者である一般社団法人日本音楽著作権協会（JASRAC）');
    expect(works).not.toContain('日本レコード協会');
    expect(performances).toContain('実演の著作隣接権を管理する著作権等管理事業者である公益社団法人日本芸能実演家団体協議会');
    expect(performances).not.toContain('JASRAC');
    expect(phonograms).toContain('レコードの著作隣接権を管理する著作権等管理事業者である一般社団法人日本レコード協会');
    expect(phonograms).not.toContain('JASRAC');
    expect(phonograms).not.toContain('日本芸能実演家団体協議会');
    const text = pdf('evidence.pdf');
    expect(text).toContain(squash('1. 著作者No.著作物の題号著作者名'));
    expect(text).toContain(squash('2. 実演家No.実演が行われた作品名実演家名'));
    expect(text).toContain(squash('3. レコード製作者No.レコードの名称等レコード製作者名'));
  });

  it('item 6 calls each body its own field\'s 著作権等管理事業者', () => {
    const text = pdf('application.pdf');
    expect(text).toContain(squash('音楽の著作物の著作権等管理事業者である一般社団法人日本音楽著作権協会（JASRAC）'));
    expect(text).toContain(squash('実演の著作隣接権を管理する著作権等管理事業者である公益社団法人日本芸能実演家団体協議会'));
    expect(text).toContain(squash('レコードの著作隣接権を管理する著作権等管理事業者である一般社団法人日本レコード協会'));
  });

  it('never prints the record maker as a 実演家', () => {
    const maker = '〇〇レコード株式会社（昭和52年解散）';
    const texts = [pdf('application.pdf'), pdf('evidence.pdf'), read('evidence.csv'), read('advertisement.txt'), read('consultation-mail.txt')];
    for (const t of texts) {
      const flat = squash(t);
      const at = flat.indexOf(squash(maker));
      expect(at).toBeGreaterThan(-1);
      // The nearest holder heading before the maker's name is the record maker's, never the performer's.
      const before = flat.slice(0, at);
      expect(before.lastIndexOf('レコード製作者')).toBeGreaterThan(before.lastIndexOf('実演家名'));
    }
    expect(read('advertisement.txt')).toContain(`レコード製作者名　${maker}`);
    expect(read('consultation-mail.txt')).toContain(`（レコード製作者名：${maker}）`);
    expect(read('advertisement.txt')).not.toContain(`実演家名　${maker}`);
  });

  it('the other papers word the mixed case: 著作物等, both articles, the holders of both kinds', () => {
    const poa = pdf('power-of-attorney.pdf');
    expect(poa).toContain(squash('著作権法第67条第1項及び同法第103条において準用する同法第67条第1項の規定による文化庁長官の裁定の申請に関する一切の件'));
    expect(poa).toContain(squash('対象の著作物等：裁定申請書別紙「著作物一覧」「実演一覧」「レコード一覧」のとおり（計4件）'));
    const ad = read('advertisement.txt');
    expect(ad).toContain('著作権者及び著作隣接権者の方を捜しています');
    expect(ad).toContain('（実演に関する情報　3）');
    expect(ad).toContain('（レコードに関する情報　4）');
    const notice = read('copy-notice.txt');
    expect(notice).toContain('このCDは、令和8年3月16日に著作権法第67条の2第1項及び同法第103条において準用する同法第67条の2第1項の規定に基づく申請を行い、これらの規定の適用を受けて作成されたものです。');
    expect(notice).toContain('著作権法第67条第1項及び同法第103条において準用する同法第67条第1項の裁定を受け作成したものです。');
    expect(pdf('cover-letter.pdf')).toContain(squash('裁定申請書（別紙「著作物一覧」「実演一覧」「レコード一覧」4件を含む）'));
    const mail = read('consultation-mail.txt');
    expect(mail).toContain('件名：【裁定申請の事前相談】株式会社文部科学レコード（著作物等4件）');
    expect(mail).toContain('著作権法第67条第1項及び同法第103条において準用する同法第67条第1項の規定による裁定の申請を予定しており');
  });

  it('every value of the case reaches the application or the evidence', () => {
    const all = squash([pdf('application.pdf'), pdf('evidence.pdf')].join(''));
    for (const { key, value } of caseStrings('ruling-cd-reissue', new Set(['form', 'subject', 'kind', 'category', 'date', 'inquired_on', 'start', 'medium', 'formula', 'share', 'rate', 'unit_price', 'copies', 'person', 'engines', 'agent', 'postal_code', 'email'])))
      expect(all, key).toContain(squash(value));
  });
});
