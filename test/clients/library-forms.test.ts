/**
 * The self-publisher's deposit papers (納本, seed 001) and the ILL librarian's 後納 application
 * (seed 003), read as they would read them: the deadline and the money worked out, the right NDL
 * section and 内線, every string of the case on paper, pages that poppler, qpdf and LibreOffice accept.
 * The deposit rules and facts are in test/unit/library-forms.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import {
  caseStrings, checkEdited, expectSoundPdf, expectWithinMarginsAndKinsoku, FIXTURES, libreOfficeToPdf, needs, pdfText, renderFixture, run, squash, tempDir,
} from '../helpers.js';

const DEPOSIT = ['deposit-compensation', 'deposit-ondemand-donation', 'deposit-late-company-history', 'deposit-research-report',
  'deposit-year-end', 'deposit-private-edition-gift'];
const DEFERRED = ['deferred-payment', 'deferred-payment-change', 'deferred-payment-agency'];
/** The DOCX LibreOffice lays out (one start for all, seconds each): the two new deposit cases add no kind of block the others lack. */
const IN_WORD = [...DEPOSIT.filter((n) => !['deposit-year-end', 'deposit-private-edition-gift'].includes(n)), ...DEFERRED];
/** Keys whose values are codes or dates, not words to print. */
const CODES = new Set(['form', 'mode', 'publishing_type', 'binding', 'date', 'published_on', 'request', 'recipient', 'acknowledged', 'incorporated_administrative_agency']);
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]).stdout)![1]);

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
const cases: Record<string, Rendered> = {};
const pdfOf = (name: string, doc: string) => cases[name].file(`${doc}.pdf`);
const textOf = (name: string, doc: string) => squash(pdfText(pdfOf(name, doc)!));
const pageText = (pdf: string, page: number) =>
  squash(run('pdftotext', ['-f', String(page), '-l', String(page), '-raw', '-enc', 'UTF-8', pdf, '-']).stdout);

beforeAll(async () => {
  for (const name of [...DEPOSIT, ...DEFERRED]) cases[name] = await renderFixture(name);
});

needs('pdftotext', 'pdftoppm', 'qpdf')('deposit papers', () => {
  it.each(DEPOSIT)('%s: every string of the case is printed', async (name) => {
    const text = cases[name].files.filter((f) => f.endsWith('.pdf')).map((f) => squash(pdfText(f))).join('');
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
  });

  it.each(DEPOSIT)('%s: every page inside its margins, fonts embedded, qpdf clean', async (name) => {
    for (const pdf of cases[name].files.filter((f) => f.endsWith('.pdf'))) {
      expectWithinMarginsAndKinsoku(pdf);
      await expectSoundPdf(pdf);
    }
  });

  it('出版物納入書: the law, the facts of the publication, and the estimate worked out', async () => {
    const text = textOf('deposit-compensation', 'deposit-form');
    expect(text).toContain(squash('国立国会図書館法第25条第1項の規定により、下記の出版物を納入します。'));
    expect(text).toContain(squash('900円（小売価格1,800円の5割）＋送料520円＝1,420円'));
    expect(text).toContain('令和8年11月15日');
    expect(text).toContain('300部');
    expect(text).toContain(squash('2部（うち1部は納入義務分、1部は関西館への寄贈）'));
    expect(textOf('deposit-ondemand-donation', 'deposit-form')).toContain(squash('希望しない（寄贈）'));
  });

  it('a line break the user wrote inside a table cell stays a line break, never a printed \\n', async () => {
    const dir = tempDir();
    const yaml = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8') + 'note: "初版第1刷\\n第2刷は未定"\n';
    writeFileSync(join(dir, 'two-lines.yaml'), yaml);
    const checked = await checkCase(join(dir, 'two-lines.yaml'), '2026-11-21');
    const files = await renderCase(checked, join(dir, 'out'), ['pdf']);
    const raw = pdfText(files.find((f) => f.endsWith('deposit-form.pdf'))!);
    expect(raw).toMatch(/初版第1刷\s*\n\s*第2刷は未定/);
    expect(raw).not.toContain('\\n');
  });

  it('事前連絡票: the seven facts in the order NDL asks, on the phone/fax memo and, to an address the NDL gave, in a mail text', async () => {
    const sheet = textOf('deposit-year-end', 'advance-notice');
    const mail = readFileSync(cases['deposit-year-end'].file('advance-notice-mail.txt')!, 'utf8');
    const facts = ['申請内容', '出版物のタイトル', '出版物奥付に記載の発行者名', '出版物の価格', '発行部数', 'オンデマンド出版の場合は販売済み部数', '発行形態'];
    let at = -1;
    for (const f of facts) {
      const next = sheet.indexOf(f, at + 1);
      expect(next, f).toBeGreaterThan(at);
      at = next;
    }
    // The memo: the day of the contact (not the day the book is sent), the phone number, where to note the answer.
    expect(sheet).toContain('令和8年12月7日');
    expect(sheet).not.toContain('令和9年1月4日');
    expect(sheet).toContain(squash('電話 03-3581-2331 内線24630 で上の7項目を伝えます'));
    expect(sheet).toContain('応対した職員');
    expect(mail.split('\n').slice(0, 2)).toEqual(['宛先：nouhon-daishokin@example.go.jp', '件名：出版物の代償金希望の事前連絡（「川沿いの植物誌」）']);
    facts.forEach((f, i) => expect(mail).toMatch(new RegExp(`^${i + 1}\\. ${f}：`, 'm')));
    expect(mail).toContain('1. 申請内容：出版物の代償金希望');
    expect(mail).toContain('7. 発行形態：自費出版');
    // Without an address from the NDL (seed 001 gives none) no mail text, and an undated contact leaves the date to write.
    expect(cases['deposit-compensation'].files.some((f) => basename(f).startsWith('advance-notice-mail'))).toBe(false);
    expect(textOf('deposit-compensation', 'advance-notice')).toContain(squash('令和　　年　　月　　日'));
    // A fax number the NDL gave is printed on the sheet to fax.
    expect(textOf('deposit-late-company-history', 'advance-notice')).toContain(squash('FAX　03-0000-0000'));
    // Only a claim needs the advance contact.
    expect(cases['deposit-ondemand-donation'].files.some((f) => basename(f).startsWith('advance-notice'))).toBe(false);
  });

  it('the deposit follows the contact with its own date; on time on the next open day, it does not apologise', async () => {
    const letter = textOf('deposit-year-end', 'cover-letter');
    expect(letter).toContain('令和9年1月4日');
    expect(letter).toContain(squash('本件は、令和8年12月7日に事前にご連絡し、貴館からお送りいただいた出版物納入書を添えて納入するものです。'));
    expect(letter).not.toContain('お詫び');
    expect(textOf('deposit-year-end', 'deposit-form')).toContain('令和9年1月4日');
  });

  it('a gift with no deposit duty cites no law and is never late', async () => {
    for (const doc of ['deposit-form', 'cover-letter']) {
      const text = textOf('deposit-private-edition-gift', doc);
      expect(text, doc).not.toContain('第25条');
      expect(text, doc).not.toContain('お詫び');
      expect(text, doc).not.toContain('納入義務分');
    }
    expect(textOf('deposit-private-edition-gift', 'deposit-form')).toContain(squash('下記の出版物を寄贈します。'));
    expect(textOf('deposit-private-edition-gift', 'cover-letter')).toContain(squash('下記の出版物を寄贈いたしますので'));
    // A book with the duty still cites it.
    expect(textOf('deposit-ondemand-donation', 'deposit-form')).toContain(squash('国立国会図書館法第25条第1項の規定により'));
  });

  it('送付状: the section and 内線 the mode routes to, the receipt note only when asked', async () => {
    const claim = pdfOf('deposit-compensation', 'cover-letter')!;
    expect(pageText(claim, 1)).toContain(squash('収集第三係　御中'));
    expect(pageText(claim, 1)).toContain('内線24630');
    expect(pageText(claim, 2)).toContain('受領書送付のお願い');
    expect(pageText(claim, 2)).toContain(squash('東京都渋谷区神宮前1丁目2番3号'));
    const gift = textOf('deposit-ondemand-donation', 'cover-letter');
    expect(gift).toContain(squash('収集第二係　御中'));
    expect(gift).toContain('内線24622');
    expect(gift).not.toContain('受領書');
    // Sent after the 30 days: the letter apologises; on time it does not.
    expect(gift).toContain(squash('納入が期限（発行日から30日以内）を過ぎましたことをお詫び申し上げます。'));
    expect(pageText(claim, 1)).not.toContain('お詫び');
    // A return address of its own replaces the publisher's on the receipt note.
    const late = pdfOf('deposit-late-company-history', 'cover-letter')!;
    expect(pageText(late, 2)).toContain(squash('神奈川県横浜市中区海岸通1丁目1番地 港湾ビル5階'));
  });

  it('宛名ラベル: the NDL address, the section, what is inside, and the sender', async () => {
    const text = textOf('deposit-research-report', 'address-label');
    for (const s of ['〒100-8924', '東京都千代田区永田町1-10-1', '収集第三係　御中', '納本在中（代償金申請）', '差出人', '〒980-0011'])
      expect(text).toContain(squash(s));
  });
});

needs('pdftotext', 'pdftoppm', 'qpdf')('後納許可申請書', () => {
  it('is addressed to the lending library director, for the fiscal year in the era, from the head with ㊞', async () => {
    expect(cases['deferred-payment'].checked.facts).toEqual({ fiscal_year_label: '令和9年度' });
    const text = textOf('deferred-payment', 'application');
    expect(text).toContain(squash('長崎大学附属図書館長　殿'));
    expect(text).toContain(squash('令和9年度　文献複写等料金後納許可申請書'));
    expect(text).toContain(squash('館長　長崎 太郎　㊞'));
    expect(text).toContain(squash('4　図書館法（昭和25年法律第118号）第2条第1項に規定する図書館'));
    expect(text).toContain(squash('本館及び分館のいずれも、国立情報学研究所のILL文献複写等料金相殺サービスに参加していません。'));
    expect(text).toContain(squash('〇〇市立図書館 東分館'));
  });

  it('names where to post it: the data\'s library, or one the case writes out in full', async () => {
    expect(textOf('deferred-payment', 'application')).toContain(squash('提出先：〒852-8521 長崎市文教町1-14 長崎大学附属図書館 総務担当'));
    const { checked } = await checkEdited('deferred-payment', (y) => y.replace(/^recipient: nagasaki-u .*$/m,
      'recipient: { director: 熊本大学附属図書館長, name: 熊本大学附属図書館, postal_code: "860-8555", address: 熊本市中央区黒髪2-40-1, phone: 096-000-1234 }'), '2027-04-01');
    const [pdf] = await renderCase(checked, tempDir(), ['pdf']);
    const text = squash(pdfText(pdf));
    expect(text).toContain(squash('熊本大学附属図書館長　殿'));
    expect(text).toContain(squash('提出先：〒860-8555 熊本市中央区黒髪2-40-1 熊本大学附属図書館 Tel 096-000-1234'));
  });

  it('prints seed 003\'s note on 独立行政法人 beside the category of an institution that is one, and only there', async () => {
    const text = textOf('deferred-payment-agency', 'application');
    expect(text).toContain(squash('3　学術の研究を目的とする研究所'));
    expect(text).toContain(squash('独立行政法人として設置（1～5 については、独立行政法人として設置されているものを含む）'));
    expect(textOf('deferred-payment', 'application')).not.toContain('独立行政法人');
  });

  it.each(DEFERRED)('%s: the application is one page', async (name) => {
    expect(pages(pdfOf(name, 'application')!)).toBe(1);
  });

  it('a change names the permission it changes and what changed', async () => {
    const text = textOf('deferred-payment-change', 'application');
    expect(text).toContain(squash('文献複写等料金後納許可申請書（変更）'));
    expect(text).toContain(squash('（許可番号　長大図後第27-045号）について、申請内容に変更がありました'));
    expect(text).toContain(squash('医学部分館の新設に伴い分館を追加し'));
  });

  it.each(DEFERRED)('%s: every string printed, inside the margins, fonts embedded', async (name) => {
    const pdf = pdfOf(name, 'application')!;
    const text = squash(pdfText(pdf));
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
    expectWithinMarginsAndKinsoku(pdf);
    await expectSoundPdf(pdf);
  });

  const check = async (edit: (yaml: string) => string) => (await checkEdited('deferred-payment', edit, '2027-04-01')).checked;

  it.each([
    ['a category outside 1–10', (y: string) => y.replace('category: 4 ', 'category: 11 '), 'institution.category', '1～10'],
    ['a branch-only application', (y: string) => y.replace('whole_institution: true', 'whole_institution: false'), 'institution.whole_institution', '機関全体'],
    ['NII offset-service participation', (y: string) => y.replace('nii_offset_service: false', 'nii_offset_service: true'), 'institution.nii_offset_service', '相殺サービス'],
    ['a fiscal year already over', (y: string) => y.replace('fiscal_year: 2027', 'fiscal_year: 2025'), 'fiscal_year', '終わっています'],
  ])('refuses %s, saying why at the field', async (_, edit, path, why) => {
    const result = await check(edit);
    expect(result.ok).toBe(false);
    const e = result.problems.find((p) => p.severity === 'error')!;
    expect(e.path.join('.')).toBe(path);
    expect(e.line).toBeGreaterThan(0);
    expect(e.ja).toContain(why);
    expect(e.en.length).toBeGreaterThan(20);
  });

  it('warns for category 10, and lets a participant in the offset service cancel', async () => {
    const ten = await check((y) => y.replace('category: 4 ', 'category: 10 '));
    expect(ten.ok).toBe(true);
    expect(ten.problems.some((p) => p.severity === 'warning' && p.ja.includes('特に許可'))).toBe(true);
    const cancel = await check((y) => y.replace('request: new', 'request: cancel').replace('nii_offset_service: false', 'nii_offset_service: true')
      .replace(/^ {2}branches:.*\n(?: {4}- .*\n)+/m, '').replace(/^billing:[\s\S]*$/m, ''));
    expect(cancel.ok).toBe(true);
  });
});

needs('soffice', 'pdftotext')('DOCX of both forms opened by LibreOffice', () => {
  let converted: { name: string; pdf: string }[] = [];
  beforeAll(() => {
    const docx: Record<string, string> = {};
    for (const name of IN_WORD)
      for (const f of cases[name].files.filter((x) => x.endsWith('.docx'))) docx[`${name}--${basename(f, '.docx')}`] = f;
    converted = Object.entries(libreOfficeToPdf(docx)).map(([name, pdf]) => ({ name: `${name}.docx`, pdf }));
  }, 120_000);

  it.each(IN_WORD)('%s: every string of the case is laid out', async (name) => {
    const mine = converted.filter((c) => c.name.startsWith(`${name}--`));
    expect(mine.length).toBe(cases[name].files.filter((f) => f.endsWith('.docx')).length);
    const text = mine.map((c) => squash(pdfText(c.pdf))).join('');
    for (const { key, value } of caseStrings(name, CODES)) expect(text, `${key}: ${value}`).toContain(squash(value));
  });

  it.each(DEFERRED)('%s: the application is one page in LibreOffice too', async (name) => {
    expect(pages(converted.find((c) => c.name === `${name}--application.docx`)!.pdf)).toBe(1);
  });

  it('form grids have no heading row, in Word as on the PDF', async () => {
    const word = squash(pdfText(converted.find((c) => c.name === 'deposit-compensation--deposit-form.docx')!.pdf));
    const pdf = textOf('deposit-compensation', 'deposit-form');
    for (const text of [word, pdf]) {
      expect(text).toContain(squash('書名港町の記憶'));
      expect(text).not.toContain('項目内容');
    }
  });
});
