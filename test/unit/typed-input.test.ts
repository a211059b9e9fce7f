/**
 * Input the way clerks write it (README, "Writing a case"): dates in the Japanese calendar, yen with
 * commas and 円, full-width digits, Japanese names for every choice, はい/いいえ, unquoted postal codes
 * and phone numbers — read to the same case as the ASCII one, in YAML and in works lists alike,
 * while full-width spaces inside names and titles stay as typed. And works lists from Excel as they
 * come: a title above the headings, empty rows, unused columns, problems at sheet, row and column.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERAS } from '../../src/base/era.js';
import { addDays, eraDate } from '../../src/base/format.js';
import { parseCaseText } from '../../src/input/parse.js';
import { readChoice, readDate, readNumber, readPhone, readPostal, readRate, readYesNo } from '../../src/input/typed.js';
import { validate } from '../../src/input/validate.js';
import { depositSchema } from '../../src/forms/deposit/schema.js';
import { checkCase, type CaseResult } from '../../src/pipeline/pipeline.js';
import { FIXTURES, tempDir } from '../helpers.js';

describe('the eras', () => {
  const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { dateStyle: 'long', timeZone: 'UTC' });
  const byIntl = (iso: string) => intl.format(new Date(`${iso}T00:00:00Z`));

  it.each(ERAS.map((e) => [e.name, e.from]))('%s starts on %s, where Intl\'s Japanese calendar starts it', (name, from) => {
    expect(byIntl(from)).toMatch(new RegExp(`^${name}元年`));
    expect(byIntl(addDays(from, -1))).not.toMatch(new RegExp(`^${name}`));
  });

  it('a date is printed as Intl\'s Japanese calendar prints it: each day within 400 of a change of era, every 11th day since 明治, days before it', () => {
    // 2026-02-30 is no day: checking refuses it before anything prints it; Intl rolls it over.
    const days = new Set(['1868-10-22', '1700-01-01', '2026-12-01', '2026-02-30']);
    for (const era of ERAS) for (let d = -400; d <= 400; d++) days.add(addDays(era.from, d));
    for (let iso = ERAS[0].from; iso < '2100-01-01'; iso = addDays(iso, 11)) days.add(iso);
    for (const iso of days) expect(eraDate(iso), iso).toBe(byIntl(iso));
  });
});

describe('typed values as a clerk writes them', () => {
  it.each([
    ['令和8年12月1日', '2026-12-01'], ['R8.12.1', '2026-12-01'], ['r08/12/01', '2026-12-01'], ['2026/12/01', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'], ['２０２６－１２－０１', '2026-12-01'], ['令和元年5月1日', '2019-05-01'], ['令和 8年 12月 1日', '2026-12-01'],
    ['平成31年4月30日', '2019-04-30'], ['昭和64年1月7日', '1989-01-07'], ['H1.1.8', '1989-01-08'], ['2026-12-01', '2026-12-01'],
  ])('date %s is %s', (typed, iso) => {
    expect(readDate(typed)).toEqual({ value: iso });
  });

  it.each([
    ['平成31年5月1日', '平成の期間', '令和元年5月1日'], ['昭和64年1月8日', '昭和の期間', '平成元年1月8日'],
    ['令和0年1月1日', '令和0年はありません', undefined], ['2026/02/30', '実在する日ではありません', undefined],
  ])('date %s is refused: %s', (typed, ja, hint) => {
    const read = readDate(typed);
    expect(read.value).toBe(typed);
    expect(read.problem?.ja).toContain(ja);
    if (hint) expect(read.problem?.hint?.ja).toContain(hint);
  });

  it('a date it does not recognise is left for the schema to refuse, naming it', () => {
    expect(readDate('12/1/2026')).toEqual({ value: '12/1/2026' });
    expect(readDate('2026-13-01')).toEqual({ value: '2026-13-01' });
  });

  it.each([
    ['2,000円', '2000'], ['２，０００円', '2000'], ['¥2,000', '2000'], ['￥２０００', '2000'], ['2000 円', '2000'], ['1,234,567', '1234567'],
  ])('yen %s is %s', (typed, value) => {
    expect(readNumber(typed, { yen: true, whole: true })).toEqual({ value });
  });

  it('commas must group by three: "1,8,0,0" is never 1800', () => {
    for (const typed of ['1,8,0,0', '18,00', '1,8000円']) expect(readNumber(typed, { yen: true, whole: true }).problem?.ja).toContain('桁区切り');
  });

  it('円 only where the field is yen; a unit-less count keeps its own message', () => {
    expect(readNumber('200円', { yen: false, whole: true })).toEqual({ value: '200円' });
    expect(readNumber('２００', { yen: false, whole: true })).toEqual({ value: '200' });
  });

  it('1.800円 is read as 1.8 yen, and says so: a clerk may have meant 1,800', () => {
    const read = readNumber('1.800円', { yen: true, whole: false });
    expect(read.value).toBe('1.800');
    expect(read.note?.ja).toBe('「1.800円」を 1.8円 と読みました。');
    expect(read.note?.hint?.ja).toContain('1,800円');
  });

  it.each([['7％', '7%'], ['7パーセント', '7%'], ['７．５％', '7.5%'], ['１／２０', '1/20'], ['0.07', '0.07']])('rate %s is %s', (typed, value) => {
    expect(readRate(typed)).toEqual({ value });
  });

  it('postal codes and phone numbers: full width, 〒, a YAML number with its leading 0 from the source', () => {
    expect(readPostal('〒１００－０００１')).toEqual({ value: '100-0001' });
    expect(readPostal('100ー0001')).toEqual({ value: '100-0001' });
    expect(readPostal(600001, '0600001')).toEqual({ value: '0600001' });
    expect(readPhone(312345678, '0312345678')).toEqual({ value: '0312345678' });
    expect(readPhone('０３－１２３４－５６７８（代表）')).toEqual({ value: '03-1234-5678（代表）' });
  });

  it('choices by key, Japanese label or full-width key; yes and no in words', () => {
    const keys = ['individual', 'corporation'];
    const labels = { individual: ['個人'], corporation: ['法人'] };
    expect(readChoice('法人', keys, labels)).toEqual({ value: 'corporation' });
    expect(readChoice('ｃｏｒｐｏｒａｔｉｏｎ', keys, labels)).toEqual({ value: 'corporation' });
    expect(readChoice('会社', keys, labels)).toEqual({ value: '会社' });
    expect(readYesNo('はい')).toEqual({ value: true });
    expect(readYesNo('いいえ')).toEqual({ value: false });
    expect(readYesNo('たぶん')).toEqual({ value: 'たぶん' });
  });
});

/** Facts, problems and every composed paper of a case: what must not change when only the typing does. */
const outcome = (r: CaseResult) => ({
  ok: r.ok,
  facts: r.facts,
  problems: r.problems.map((p) => p.code),
  papers: r.documents.map((d) => JSON.stringify(d) + JSON.stringify((d as { blocks?: unknown }).blocks ?? null)),
});

describe('a case as a clerk types it is the case', () => {
  it('deposit-compensation with 令和 dates, full-width amounts and codes, Japanese choices, unquoted numbers', async () => {
    const ascii = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8');
    const typed = ascii
      .replace('date: 2026-12-01', 'date: 令和8年12月1日')
      .replace('mode: compensation', 'mode: 代償金')
      .replace('postal_code: "150-0001"', 'postal_code: 〒１５０－０００１')
      .replace('phone: 03-1234-5678', 'phone: ０３－１２３４－５６７８')
      .replace('published_on: 2026-11-15', 'published_on: R8.11.15')
      .replace('price: 1800', 'price: １，８００円')
      .replace('copies_printed: 300', 'copies_printed: ３００')
      .replace('publishing_type: self-published', 'publishing_type: 自費出版')
      .replace('binding: perfect', 'binding: 無線綴じ')
      .replace('receipt_requested: true', 'receipt_requested: はい')
      .replace('postage: 520', 'postage: 520円');
    expect(typed).not.toContain('2026-11-15');
    const dir = tempDir('typed-');
    writeFileSync(join(dir, 'ascii.yaml'), ascii);
    writeFileSync(join(dir, 'typed.yaml'), typed);
    const [a, b] = await Promise.all([checkCase(join(dir, 'ascii.yaml'), '2026-12-01'), checkCase(join(dir, 'typed.yaml'), '2026-12-01')]);
    expect(a.ok).toBe(true);
    expect(outcome(b)).toEqual(outcome(a));
  });

  it('full-width spaces inside a name and a title are the clerk\'s text, kept as typed', () => {
    const text = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8')
      .replace('  name: 山田 花子', '  name: 坂下　耕平').replace('title: 港町の記憶', 'title: 港町の記憶　第二版');
    const parsed = parseCaseText('case.yaml', text);
    if (!parsed.ok) throw new Error('not parsed');
    const valid = validate(depositSchema, parsed.parsed);
    if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
    expect(valid.value.publisher.name).toBe('坂下　耕平');
    expect(valid.value.publication.title).toBe('港町の記憶　第二版');
  });

  it('ruling-bulk-excel (typed by a clerk, works in Excel) makes the papers of ruling-bulk; the 備考 column is its one more warning', async () => {
    const [a, b] = await Promise.all(['ruling-bulk', 'ruling-bulk-excel'].map((n) => checkCase(join(FIXTURES, `${n}.yaml`), '2026-11-21')));
    expect(outcome(b)).toEqual(outcome(a));
    expect(b.settled).toEqual(['copyright.csv-columns-unused']);
  });
});

describe('a works list from Excel', () => {
  /** The fixture's case with its workbook changed by `edit` (exceljs, as an office would save it). */
  async function withWorkbook(edit: (sheet: import('exceljs').Worksheet) => void): Promise<{ checked: CaseResult; xlsx: string }> {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(FIXTURES, 'ruling-bulk-excel-works.xlsx'));
    edit(book.worksheets[0]);
    const dir = tempDir('excel-');
    const xlsx = join(dir, 'ruling-bulk-excel-works.xlsx');
    await book.xlsx.writeFile(xlsx);
    copyFileSync(join(FIXTURES, 'ruling-bulk-excel.yaml'), join(dir, 'case.yaml'));
    return { checked: await checkCase(join(dir, 'case.yaml'), '2026-11-21'), xlsx };
  }

  it('a mistake is at its sheet, row and column, said with the cell as Excel names it', async () => {
    const { checked, xlsx } = await withWorkbook((sheet) => { sheet.getCell('D6').value = '料理の著作物'; });
    const errors = checked.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: xlsx, line: 6, column: 4 });
    expect(errors[0].ja).toMatch(/^シート「著作物一覧」のセル D6: 「料理の著作物」は使えません/);
    expect(errors[0].en).toMatch(/^Sheet "著作物一覧", cell D6: /);
  });

  it('the heading row is found below a title and notes; with none, the missing column is said at the first row', async () => {
    const { checked } = await withWorkbook((sheet) => { sheet.getCell('B4').value = '書名'; sheet.getCell('E4').value = '説明'; });
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.line).toBe(1);
    expect(e.ja).toContain('「title」（著作物の題号）の列がありません');
  });
});
