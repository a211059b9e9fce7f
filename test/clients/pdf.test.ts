/**
 * The application as a clerk receives it, judged by poppler and qpdf: every string of the case is
 * there, the arithmetic is printed, nothing leaves its page or breaks a line against 禁則, the stamp
 * box is top left and clear of text, and the embedded font is a subset that renders without help.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MM } from '../../src/model/document.js';
import { eraDate, yen } from '../../src/base/format.js';
import { renderCase } from '../../src/pipeline/pipeline.js';
import {
  caseStrings, checkEdited, expectSoundPdf, expectWithinMarginsAndKinsoku, FIXTURES, needs, pdfBoxes, pdfRects, pdfText, RULING_CASES, renderFixture, squash, tempDir,
} from '../helpers.js';

const OWN_CASES = ['ruling-museum-broadcast', 'ruling-individual-phonogram', 'ruling-works-csv-amounts'];
const ALL = [...RULING_CASES, ...OWN_CASES];

/** Keys whose values are codes or dates, not text to print. */
const CODES = new Set(['form', 'subject', 'kind', 'category', 'medium', 'formula', 'title_status', 'author_status',
  'date', 'start', 'inquired_on', 'published_on', 'ruled_on',
  // The works CSV is read, not printed: its rows are the 別紙's.
  'works_file',
  // Per-work evidence, attachments and the advertisement's words belong to their own documents (papers.test.ts).
  'evidence', 'attachments', 'purpose', 'year', 'publisher']);

const rendered: Record<string, Awaited<ReturnType<typeof renderFixture>>> = {};
beforeAll(async () => {
  for (const name of ALL) rendered[name] = await renderFixture(name);
});

const poppler = needs('pdftotext', 'pdftoppm', 'qpdf');

poppler('every application', () => describe.each(ALL)('%s.pdf', (name) => {
  it('holds every string of the case file, the date in the era, and each amount', () => {
    const text = squash(pdfText(rendered[name].pdf));
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
    const date = caseStrings(name, new Set()).find((s) => s.key === 'date')!.value;
    expect(text).toContain(eraDate(date));
    for (const amount of rendered[name].checked.facts.compensation as number[]) expect(text).toContain(yen(amount));
  });

  it('keeps every word inside the margins and every line within 禁則', () => {
    expectWithinMarginsAndKinsoku(rendered[name].pdf);
  });

  it('embeds a subset of IPAex Mincho that poppler renders with no fonts installed, and qpdf accepts', async () => {
    await expectSoundPdf(rendered[name].pdf);
  });
}));

poppler('the revenue-stamp box', () => {
  it('sits top left with 6,900円 and its stamps, and no other text touches it', () => {
    for (const name of RULING_CASES) {
      const pdf = rendered[name].pdf;
      const page = pdfBoxes(pdf)[0];
      const box = pdfRects(pdf)[0][0];
      const boxTop = page.height - (box.y + box.h);
      expect(box.x).toBeCloseTo(22 * MM, 0);
      expect(boxTop).toBeCloseTo(20 * MM, 0);
      expect(box.w).toBeGreaterThan(40 * MM); // room for three stamps
      const inside = (w: { xMin: number; xMax: number; yMin: number; yMax: number }) =>
        w.xMin >= box.x && w.xMax <= box.x + box.w && w.yMin >= boxTop && w.yMax <= boxTop + box.h;
      const overlaps = (w: { xMin: number; xMax: number; yMin: number; yMax: number }) =>
        w.xMax > box.x && w.xMin < box.x + box.w && w.yMax > boxTop && w.yMin < boxTop + box.h;
      const words = page.lines.flat();
      const boxText = squash(words.filter(inside).map((w) => w.text).join(''));
      expect(boxText).toBe(squash('収入印紙6,900円（6,000円＋600円＋300円）'));
      for (const w of words.filter((x) => !inside(x))) expect(overlaps(w), `${w.text} overlaps the stamp box`).toBe(false);
    }
  });

  it('is absent for an exempt applicant, and the date still stands top right', () => {
    const pdf = rendered['ruling-museum-broadcast'].pdf;
    expect(pdfRects(pdf)[0]).toEqual([]);
    expect(pdfText(pdf)).not.toContain('収入印紙');
    const first = pdfBoxes(pdf)[0].lines[0];
    expect(first.map((w) => w.text).join('')).toBe('令和7年6月2日');
  });
});

poppler('wording', () => {
  it('follows the seed for a work and a performance', () => {
    const work = squash(pdfText(rendered['ruling-reprint'].pdf));
    expect(work).toContain(squash('著作権法第67条第1項の規定に基づき、下記の著作物の利用を行いたいので、必要な資料を添えて申請します。'));
    expect(work).toContain(squash('（本体価格×発行部数×印税率7%×消費税→800円×3,000部×7%×1.08=181,440円）'));
    expect(work).toContain(squash('言語の著作物　株式会社〇〇出版より昭和57年11月2日初版発行された書籍（全250ページ）'));
    expect(work).toContain(squash('文化 太郎（ぶんかたろう）'));
    expect(work).toContain(squash('代表取締役 文科 太郎 ㊞'));
    expect(work).toMatch(/7著作権法第67条第2項の該当の有無無し8著作権法第67条の2第1項の規定による著作物の利用の有無有り/);
    const perf = squash(pdfText(rendered['ruling-drama-dvd'].pdf));
    expect(perf).toContain(squash('著作権法第103条において準用する著作権法第67条第1項の規定に基づき、下記の実演の利用を行いたいので'));
    expect(perf).toContain('1実演が行われた作品名や実演家の役名等');
    expect(perf).toContain('著作権法第103条において準用する同法第67条第2項の該当の有無');
  });

  it('prints only the measures taken under ア・イ・ウ', () => {
    const prev = squash(pdfText(rendered['ruling-previously-ruled'].pdf));
    expect(prev).toContain('（ウ）過去になされた裁定に係る著作物について');
    expect(prev).toContain('（ウ）文化庁長官への照会');
    expect(prev).not.toContain('（ア）著作物、実演、レコード');
    expect(prev).not.toContain('を選択した場合');
    expect(prev).toContain(squash('平成28年2月22日付の〇〇新聞に著作権者捜しの広告を掲載し'));
    const ring = squash(pdfText(rendered['ruling-ringtone'].pdf));
    expect(ring).toContain(squash('文化人名録（著作権台帳）第〇版（日本著作権協議会）及び音楽家人名事典（日外アソシエーツ株式会社）の閲覧を行ったところ、著作権者に関する情報は未掲載であった。'));
    expect(ring).not.toContain('（イ）広くウェブサイト');
  });

  it('points items 1–3 to the 別紙 for several works and lists them there', () => {
    const text = squash(pdfText(rendered['ruling-anthology'].pdf));
    expect(text.match(/別紙一覧のとおり/g)).toHaveLength(3);
    expect(text).toContain('著作物一覧');
    expect(text).toContain('3題号不明不明写真の著作物');
    expect(text).toContain(squash('代理人 〒100-0013'));
    expect(text).toContain(squash('弁護士 代理 一郎 ㊞'));
  });

  it('prints each work\'s amount on the 別紙 and item 5\'s total, terms and one line per work', () => {
    const { pdf, checked } = rendered['ruling-works-csv-amounts'];
    const text = squash(pdfText(pdf));
    const amounts = checked.facts.compensation_by_work as number[][];
    const [first, second] = checked.facts.compensation as number[];
    const list = text.slice(text.indexOf('著作物一覧'));
    expect(list).toContain(squash('No.題号著作者名種類内容又は体様補償金の額'));
    const titles = readFileSync(join(FIXTURES, 'ruling-works-csv-amounts-works.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    let from = 0;
    amounts.forEach(([a, b], i) => {
      // Each row in order: its No. and title, then its amount per use and their total.
      const row = list.indexOf(`${i + 1}${squash(titles[i])}`, from);
      expect(row, `row ${i + 1}`).toBeGreaterThanOrEqual(from);
      const cell = `（1）${yen(a)}（2）${yen(b)}計${yen(a + b)}`;
      expect(list.indexOf(cell, row), `row ${i + 1}: ${cell}`).toBeGreaterThan(row);
      from = row + 1;
    });
    const item5 = text.slice(text.indexOf('5補償金の額の算定の基礎となるべき事項'), text.indexOf('6著作権者と連絡することができない理由'));
    expect(item5).toContain(squash(`（1）${yen(first)}（著作物ごとの額の合計。各著作物の額は別紙一覧のとおり）`));
    expect(item5).toContain(squash(`（2）${yen(second)}（著作物ごとの額の合計。`));
    expect(item5).toContain('（本体価格×発行部数×印税率7%×刊行物に占める当該著作物の割合×消費税）');
    expect(item5).toContain('（本体価格×追加複製の単位数×印税率7%×刊行物に占める当該著作物の割合×消費税）');
    expect(item5).toContain(`No.12,800円×1,200部×7%×12/300×1.10=${yen(amounts[0][0])}`);
    expect(item5).toContain(`No.302,800円×500部×7%×9/300×1.10=${yen(amounts[29][1])}`);
    expect(item5.match(/No\.\d+2,800円/g)).toHaveLength(60);
  });

  it('keeps the 別紙 without amounts when no work states its part (the contract cases are unchanged)', () => {
    const text = squash(pdfText(rendered['ruling-anthology'].pdf));
    expect(text).toContain('内容又は体様');
    expect(text).not.toContain('内容又は体様補償金の額');
    expect(text).not.toContain('著作物ごとの額の合計');
  });

  it('has an individual sign, without a seal', () => {
    const text = squash(pdfText(rendered['ruling-individual-phonogram'].pdf));
    expect(text).toContain('署名');
    expect(text).not.toContain('㊞');
    expect(text).toContain('レコード製作者名');
  });

  it('has an individual with an agent sign under the name, before the contact lines and the 代理人 block (seed 004 第3の3(1)イ)', async () => {
    const { checked } = await checkEdited('ruling-individual-phonogram', (y) => y.replace('  email: yoshiko@example.jp\n',
      '  email: yoshiko@example.jp\n  agent: { title: 弁護士, name: 代理 一郎, postal_code: "100-0013", address: 東京都千代田区霞が関1丁目1番1号 〇〇法律事務所 }\n'), '2026-11-21');
    const pdf = (await renderCase(checked, tempDir(), ['pdf'])).find((f) => f.endsWith('/application.pdf'))!;
    const lines = pdfBoxes(pdf)[0].lines.map((l) => ({ text: l.map((w) => w.text).join(''), y: l[0].yMin }));
    // poppler's lines split a key from its value: each is placed by its height on the page.
    const y = (text: string) => lines.find((l) => l.text.includes(text))?.y ?? NaN;
    const heights = ['〒150-0001', '録音好子', '署名', '090-0000-0000', 'yoshiko@example.jp', '代理人', '〒100-0013', '代理一郎'].map(y);
    expect(heights.every((h) => !Number.isNaN(h)), JSON.stringify(lines)).toBe(true);
    heights.slice(1).forEach((h, i) => expect(h, `line ${i + 1}`).toBeGreaterThan(heights[i] - 0.5)); // top to bottom (代理人 and its 〒 share a line)
    expect(lines.filter((l) => l.y > heights[1] && l.y < heights[2])).toEqual([]); // the line to sign right under the name
    // The seal is the agent's; the applicant signs, with no seal of its own.
    expect(squash(pdfText(pdf)).match(/㊞/g)).toHaveLength(1);
  });
});
