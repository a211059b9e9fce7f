/**
 * Transmission exclusion (除外申出, seed 000): our table as CSV and XLSX, the e-mail and cover
 * letter, and filling the NDL's own list — as CSV (UTF-8 and Shift_JIS) and as XLSX written
 * by exceljs, LibreOffice Calc and openpyxl — where nothing but the items' entry cells may change
 * and the input is never written. The criteria's rules and their messages are in
 * test/unit/exclusion.test.ts, filling a workbook's cells in test/unit/xlsx-fill.test.ts.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../../src/export/zip.js';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
// @ts-expect-error a plain ES module without types: the list generator is shared with the fixture script
import { candidateCsv, candidateRows, candidateXlsx, HEADINGS, pidOf } from '../../scripts/candidate-list.mjs';
import {
  caseStrings, checkEdited, expectSoundPdf, expectWithinMarginsAndKinsoku, libreOfficeCalcToXlsx, libreOfficeSheetsCsv, libreOfficeToPdf, needs, pdfText, renderFixture, squash, tempDir,
} from '../helpers.js';
import { calcListFods, calcPid, expectSoundZip, LIST_HEADINGS, openpyxlLikeList } from '../lists.js';

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
const cases: Record<string, Rendered> = {};
beforeAll(async () => {
  for (const name of ['transmission-exclusion', 'transmission-exclusion-list']) cases[name] = await renderFixture(name);
});
const read = (path: string) => readFileSync(path, 'utf8');
const edited = (edit: (yaml: string) => string) => checkEdited('transmission-exclusion', edit, '2026-11-21');

needs('soffice', 'pdftotext', 'pdftoppm', 'qpdf')('the contract case', () => {
  it('counts per criterion; warnings that the NDL wants its own list filled and that no round of 事前除外 is known open', () => {
    const { checked } = cases['transmission-exclusion'];
    expect(checked.facts).toEqual({ counts: { 'in-print': 2, managed: 0, 'author-request': 0, 'reserved-category': 1 } });
    const warnings = checked.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((w) => w.code)).toEqual(['transmission-exclusion.exclusion-list-not-given', 'transmission-exclusion.exclusion-round-none-open']);
    expect(warnings[0].ja).toContain('送信候補資料リストの記入欄');
    expect(warnings[1].hint!.ja).toContain('事後除外');
  });

  it('our table: UTF-8 CSV with BOM, and an XLSX LibreOffice reads to the same cells', () => {
    const { file } = cases['transmission-exclusion'];
    const csv = readFileSync(file('exclusion-rows.csv')!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('識別子,書名,著者,除外基準,根拠・確認方法,申出者,連絡先,申出日');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['1', '1', '留保']);
    expect(lines[2]).toContain('2027年1月15日流通予定／2027年1月刊行予定の新装版を自社ウェブサイトで告知済み');
    expect(lines[3]).toContain('漫画（送信留保）');
    // LibreOffice's reading of our XLSX is compared in the XLSX filling test below, which opens
    // both workbooks in one LibreOffice start (a start costs seconds).
  });

  it('the e-mail: to jogai@ndl.go.jp, the stage and count in the subject, every criterion counted, signed', () => {
    const mail = read(cases['transmission-exclusion'].file('request-mail.txt')!);
    const lines = mail.split('\n');
    expect(lines[0]).toBe('宛先：jogai@ndl.go.jp');
    expect(lines[1]).toBe('件名：【事前除外の申出】株式会社〇〇書房（3件）');
    expect(mail).toContain('国立国会図書館　関西館電子図書館課　電子化資料提供係　御中');
    for (const [label, n] of [['基準1（流通）', 2], ['基準2（管理委託）', 0], ['基準3（著作者の申出）', 0], ['送信留保（漫画・絵本・商業出版雑誌）', 1]])
      expect(mail).toMatch(new RegExp(`^　${label.replace(/[()（）]/g, '.')}：${n}件$`, 'm'));
    expect(mail).toContain('3. info:ndljp/pid/0000003　「まんが〇〇物語」　送信留保（漫画）');
    expect(mail).toMatch(/版権部　田中 三郎\n〒101-0051\n東京都千代田区神田神保町1丁目1番地\n電話：03-0000-0000\nメール：rights@example\.co\.jp\n$/);
  });

  it('the cover letter prints every string of the case, inside its margins, one embedded font', async () => {
    const { file } = cases['transmission-exclusion'];
    const pdf = file('cover-letter.pdf')!;
    const text = squash(pdfText(pdf));
    for (const { key, value } of caseStrings('transmission-exclusion', new Set(['form', 'date', 'stage', 'role', 'criterion', 'category', 'reissue_on'])))
      expect(text, key).toContain(squash(value));
    for (const s of ['事前除外の申出について', '電子化資料提供係御中', '基準1（流通）', '2件', '送信留保', '1件', '計3件'])
      expect(text).toContain(squash(s));
    expectWithinMarginsAndKinsoku(pdf);
    await expectSoundPdf(pdf);
    // LibreOffice lays the DOCX out with every string too.
    const lo = squash(pdfText(libreOfficeToPdf({ letter: file('cover-letter.docx')! }).letter));
    for (const { key, value } of caseStrings('transmission-exclusion', new Set(['form', 'date', 'stage', 'role', 'criterion', 'category', 'reissue_on'])))
      expect(lo, key).toContain(squash(value));
  });
});

/** A case of `items` (YAML, indented as list entries) beside a list, in a fresh folder. */
function listCase(listName: string, bytes: Uint8Array, items: string, extra = '') {
  const dir = tempDir('exclusion-');
  writeFileSync(join(dir, listName), bytes);
  const yaml = `form: transmission-exclusion\ndate: 2026-11-20\nstage: pre\nrequester:\n  role: publisher\n  name: 株式会社〇〇書房\n  email: rights@example.co.jp\n`
    + `candidate_list:\n  file: ${listName}\n${extra}items:\n${items}`;
  writeFileSync(join(dir, 'case.yaml'), yaml);
  return { dir, file: join(dir, 'case.yaml'), list: join(dir, listName) };
}

const managed = (pid: string) => `  - pid: ${pid}\n    criterion: managed\n    managed_by: 〇〇著作権管理機構\n`;
const inPrint = (pid: string, k: number) => `  - pid: ${pid}\n    criterion: in-print\n    evidence: オンデマンド版 ${k}\n`;
/** What the entry columns say for the k-th item of bigListCase: 基準2 for every third, else 基準1. */
const entriesOf = (k: number) => [k % 3 === 0 ? '2' : '1', k % 3 === 0 ? '管理事業者：〇〇著作権管理機構' : `オンデマンド版 ${k}`,
  '株式会社〇〇書房', 'rights@example.co.jp', '2026-11-20'];

/**
 * A list beside a case of 300 items (plus two the list lacks), in a fresh folder; the items are
 * every `step`th row from row 17, spread over the whole list.
 */
function bigListCase(listName: string, bytes: Uint8Array, extra = '', step = 97) {
  const picked = Array.from({ length: 300 }, (_, k) => 17 + k * step);
  const items = picked.map((i, k) => (k % 3 === 0 ? managed(pidOf(i)) : inPrint(pidOf(i), k))).join('');
  const missing = '  - pid: info:ndljp/pid/9999999\n    criterion: in-print\n  - pid: info:ndljp/pid/9999998\n    criterion: in-print\n';
  return { ...listCase(listName, bytes, items + missing, extra), picked };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const ENTRY = HEADINGS.indexOf('除外基準（1・2・3・留保）'); // first entry column, 0-based

/** Each zip entry's stored form (local header, name, extra field, compressed data), as in the archive. */
function storedEntries(zip: Uint8Array): Map<string, Buffer> {
  return new Map([...zipEntries(zip)].map(([name, e]) => [name, Buffer.from(zip.subarray(e.local, e.data + e.compressedSize))]));
}
/** The entries whose stored bytes differ (the names must be the same, in the same order); the filled zip is sound. */
function changedEntries(before: string, after: string): string[] {
  expectSoundZip(readFileSync(after));
  const [a, b] = [storedEntries(readFileSync(before)), storedEntries(readFileSync(after))];
  expect([...b.keys()]).toEqual([...a.keys()]);
  return [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
}
const partText = (file: string, part: string) => Buffer.from(unzipSync(readFileSync(file), { filter: (f) => f.name === part })[part]).toString('utf8');
/** A sheet's XML without its rows: widths, panes, protection, conditional formats, validations, extLst. */
const aroundRows = (xml: string) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '');
const asCsv = (cells: (string | number)[]) => stringify([cells.map(String)], { record_delimiter: '' }).replace(/,+$/, '');
const csvLines = (text: string) => text.trim().split(/\r?\n/).map((l) => l.replace(/,+$/, ''));

async function checkAndRender(file: string, formats: ('xlsx' | 'txt' | 'csv')[]) {
  const checked = await checkCase(file, '2026-11-21');
  expect(checked.ok, JSON.stringify(checked.problems.filter((p) => p.severity === 'error'))).toBe(true);
  return { checked, written: await renderCase(checked, join(file, '..', 'out'), formats) };
}

/**
 * Lists filled in place: one written by exceljs (3,000 rows: the scale is the bench's, 30,000 rows
 * in under 5 s), one saved by LibreOffice Calc, one written as openpyxl writes (absolute targets).
 * Each is filled through the pipeline first; then one LibreOffice start reads every filled list
 * back (a start costs seconds), with our own table beside them.
 */
needs('soffice')('filling the NDL list in place (XLSX from exceljs, LibreOffice Calc, openpyxl; CSV)', () => {
  // Sizes that prove the filling without making the suite wait: 300 items spread over 3,000 rows.
  // The NDL's lists run to 30,000 rows, whose time is the bench's (npm run bench: under 5 s as XLSX;
  // csv-parse alone takes 2 s to read 30,000 rows of CSV here).
  const rows: string[][] = candidateRows(3_000);
  const xlsxRows = rows;
  const made: Record<string, { list: string; out: string; checked: Awaited<ReturnType<typeof checkCase>>; written: string[] }> = {};
  let calc: Record<string, string> = {};
  let big: ReturnType<typeof bigListCase>;
  const CALC_ROWS = 20;
  const STEP = 9; // 300 items from row 17 to row 2,708
  const calcItems = [[0, managed], [7, inPrint], [19, managed]] as const;

  beforeAll(async () => {
    big = bigListCase('送信候補資料リスト.xlsx', await candidateXlsx(xlsxRows), '', STEP);
    const bigBefore = sha(big.list);
    made.big = { list: big.list, out: '', ...await checkAndRender(big.file, ['xlsx', 'txt']) };
    expect(sha(big.list)).toBe(bigBefore); // the input is never written

    const fods = join(tempDir('fods-'), 'calc.fods');
    writeFileSync(fods, calcListFods(CALC_ROWS));
    const calcList = libreOfficeCalcToXlsx({ calc: fods }).calc;
    const calcCase = listCase('calc-list.xlsx', readFileSync(calcList), calcItems.map(([i, item]) => item(calcPid(i), i)).join(''));
    made.calc = { list: calcCase.list, out: '', ...await checkAndRender(calcCase.file, ['xlsx']) };

    const pyCase = listCase('openpyxl-list.xlsx', openpyxlLikeList(), managed('info:ndljp/pid/2500001') + inPrint('https://dl.ndl.go.jp/pid/2500004/1/3?keyword=考', 1));
    made.openpyxl = { list: pyCase.list, out: '', ...await checkAndRender(pyCase.file, ['xlsx']) };

    for (const [name, m] of Object.entries(made)) m.out = m.written.find((f) => f.endsWith(basename(m.list)))!;
    calc = libreOfficeSheetsCsv({ ...Object.fromEntries(Object.entries(made).map(([n, m]) => [n, m.out])), ours: cases['transmission-exclusion'].file('exclusion-rows.xlsx')! });
  }, 180_000);

  it('exceljs\'s list: under its own name, only its sheet changes, and in it only the filled rows\' entry cells', () => {
    const { checked, out, list } = made.big;
    expect(checked.facts.list).toEqual({ rows: 3_000, matched: 300, unmatched: ['info:ndljp/pid/9999999', 'info:ndljp/pid/9999998'], cells_filled: 1500 });
    const notFound = checked.problems.filter((p) => p.severity === 'warning' && p.ja.includes('見つかりません'));
    expect(notFound.map((p) => p.line)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(basename(out)).toBe('送信候補資料リスト.xlsx');
    const sheetPart = 'xl/worksheets/sheet1.xml';
    expect(changedEntries(list, out)).toEqual([sheetPart]);
    const [before, after] = [partText(list, sheetPart), partText(out, sheetPart)];
    // Widths, frozen panes and all else around the rows.
    expect(aroundRows(after)).toBe(aroundRows(before));
    expect(aroundRows(before)).toMatch(/<pane ySplit="3"[^>]*state="frozen"[\s\S]*<col min="3" max="3" width="36"/);
    const rowsOf = (xml: string) => new Map([...xml.matchAll(/<row\b[^>]*?\br="(\d+)"[\s\S]*?(?:<\/row>|\/>)/g)].map((m) => [Number(m[1]), m[0]]));
    const [rowsIn, rowsOut] = [rowsOf(before), rowsOf(after)];
    expect(rowsOut.size).toBe(rowsIn.size);
    const changedRows = [...rowsIn].filter(([r, xml]) => rowsOut.get(r) !== xml).map(([r]) => r);
    expect(changedRows).toEqual(big.picked.map((i) => i + 4)); // data starts on row 4
    const entryRefs = HEADINGS.slice(ENTRY).map((_, j) => String.fromCharCode(65 + ENTRY + j));
    const outsideEntries = (row: string) => row.replace(new RegExp(`<c r="(?:${entryRefs.join('|')})\\d+"[\\s\\S]*?(?:</c>|/>)`, 'g'), '');
    const r0 = big.picked[0] + 4;
    expect(outsideEntries(rowsOut.get(r0)!)).toBe(outsideEntries(rowsIn.get(r0)!));
    const styleOf = (row: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?\\bs="(\\d+)"`).exec(row)?.[1];
    for (const ref of entryRefs) expect(styleOf(rowsOut.get(r0)!, `${ref}${r0}`)).toBe(styleOf(rowsIn.get(r0)!, `${ref}${r0}`));
  });

  it('exceljs\'s list as LibreOffice reads it: every row, the items\' entries filled; our own table as its CSV', () => {
    const ourCsv = readFileSync(cases['transmission-exclusion'].file('exclusion-rows.csv')!).toString('utf8').slice(1).trim().split('\r\n');
    expect(calc.ours.trim().split(/\r?\n/)).toEqual(ourCsv);
    const lo = csvLines(calc.big);
    expect(lo).toHaveLength(3_003);
    const filledRows = new Map(big.picked.map((i, k) => [i + 4, k]));
    // Differences are collected, not expected one by one (36,000 cells).
    const differing = xlsxRows.flatMap((expected, r) => {
      const k = filledRows.get(r + 1);
      const wanted = asCsv(k === undefined ? expected : [...expected.slice(0, ENTRY), ...entriesOf(k)]);
      return lo[r] === wanted ? [] : [`row ${r + 1}: ${lo[r]} ≠ ${wanted}`];
    });
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('the mail counts only the items the list has and names the others apart', () => {
    const mail = read(made.big.written.find((f) => f.endsWith('request-mail.txt'))!);
    expect(mail).toContain('件名：【事前除外の申出】株式会社〇〇書房（300件）');
    expect(mail).toContain('添付：送信候補資料リスト.xlsx（送信候補資料リストのシート「送信候補資料リスト」に記入したもの）');
    expect(mail).toMatch(/^　基準1（流通）：200件$/m);
    expect(mail).toContain('ほか280件は添付の一覧のとおりです。');
    expect(mail).toContain('リストに見当たらない資料：\n次の資料は送信候補資料リストに見当たらないため、この申出には含めていません。\n・info:ndljp/pid/9999999\n・info:ndljp/pid/9999998\n');
  });

  it('LibreOffice Calc\'s list (conditional formats, a dropdown from another sheet, protection): only the sheet changes; the date is a date, the criterion a number', () => {
    const { out, list } = made.calc;
    expect(changedEntries(list, out)).toEqual(['xl/worksheets/sheet1.xml']);
    const [before, after] = [partText(list, 'xl/worksheets/sheet1.xml'), partText(out, 'xl/worksheets/sheet1.xml')];
    expect(aroundRows(after)).toBe(aroundRows(before));
    // What the test made survived Calc and so must survive the filling: each kind of conditional format, the dropdown, protection.
    for (const kind of ['cellIs', 'colorScale', 'dataBar', 'timePeriod']) expect(before).toContain(`type="${kind}"`);
    expect(before).toMatch(/<dataValidation [^>]*type="list"[\s\S]*記入方法!\$A\$1:\$A\$4/);
    expect(before).toContain('<sheetProtection sheet="true"');
    expect(after).toMatch(/<c r="F4" s="\d+"><v>2<\/v><\/c>/);
    expect(after).toMatch(/<c r="J4" s="\d+"><v>46346<\/v><\/c>/);
    const lo = csvLines(calc.calc);
    expect(lo).toHaveLength(CALC_ROWS + 3);
    const filled = new Map<number, readonly [number, (pid: string, k: number) => string]>(calcItems.map((c) => [c[0], c]));
    const expected = Array.from({ length: CALC_ROWS }, (_, i) => {
      const own = [i + 1, calcPid(i), `郷土史 第${i + 1}巻`, '佐藤 一郎', 1950 + i];
      return asCsv(filled.has(i) ? [...own, ...entriesOf(filled.get(i)![1] === managed ? 0 : i)] : own);
    });
    expect(lo.slice(3)).toEqual(expected);
  });

  it('openpyxl\'s list (absolute targets, x14 validation, defined names, custom properties): only the sheet changes; read back exactly', () => {
    const { out, list } = made.openpyxl;
    expect(changedEntries(list, out)).toEqual(['xl/worksheets/sheet1.xml']);
    expect(aroundRows(partText(out, 'xl/worksheets/sheet1.xml'))).toBe(aroundRows(partText(list, 'xl/worksheets/sheet1.xml')));
    expect(csvLines(calc.openpyxl)).toEqual([
      asCsv(LIST_HEADINGS),
      asCsv(['info:ndljp/pid/2500001', '〇〇の歴史', '佐藤一郎', '2', '管理事業者：〇〇著作権管理機構', '株式会社〇〇書房', 'rights@example.co.jp', '2026年11月20日']),
      '',
      asCsv(['info:ndljp/pid/2500004', '△△考', '', '1', 'オンデマンド版 1', '株式会社〇〇書房', 'rights@example.co.jp', '2026年11月20日']),
    ]);
  });

  it('a filled list given back as the list: every cell already says what would be written', async () => {
    for (const name of ['calc', 'openpyxl']) {
      copyFileSync(made[name].out, made[name].list);
      const again = await checkCase(join(made[name].list, '..', 'case.yaml'), '2026-11-21');
      expect(again.ok, JSON.stringify(again.problems.filter((p) => p.severity === 'error'))).toBe(true);
      expect(again.facts.list).toMatchObject({ cells_filled: 0 });
    }
  });

  it('CSV (UTF-8 with BOM): every record not filled is byte for byte the same; run again on its own output, nothing changes', async () => {
    const { picked, file, list } = bigListCase('list.csv', candidateCsv(rows), '', STEP);
    const { written } = await checkAndRender(file, ['csv']);
    const out = written.find((f) => f.endsWith('/list.csv'))!;
    const input = readFileSync(list, 'latin1').split('\r\n');
    const output = readFileSync(out, 'latin1').split('\r\n');
    expect(output).toHaveLength(input.length);
    const changed = output.flatMap((line, i) => (line === input[i] ? [] : [i]));
    expect(changed).toEqual(picked.map((i) => i + 3));
    expect(Buffer.from(output[picked[0] + 3], 'latin1').toString('utf8')).toMatch(/,2,管理事業者：〇〇著作権管理機構,株式会社〇〇書房,rights@example\.co\.jp,2026-11-20$/);

    // The filled list given back as the list: every cell already says what we would write.
    copyFileSync(out, list);
    const again = await checkCase(file, '2026-11-21');
    expect(again.ok).toBe(true);
    expect(again.facts.list).toMatchObject({ matched: 300, cells_filled: 0 });
  });

  it('CSV in Shift_JIS stays Shift_JIS; a character it lacks is refused at the item', async () => {
    const { picked, file } = bigListCase('list.csv', candidateCsv(rows.slice(0, 3 + 1000), true), '', 3);
    const { written } = await checkAndRender(file, ['csv']);
    const text = iconv.decode(readFileSync(written.find((f) => f.endsWith('/list.csv'))!), 'cp932');
    expect(text.split('\r\n')[picked[1] + 3]).toMatch(/,1,オンデマンド版 1,株式会社〇〇書房,/);
    expect(text.split('\r\n')[0]).toBe('令和8年度 送信候補資料リスト（図書）');

    writeFileSync(file, readFileSync(file, 'utf8').replace('evidence: オンデマンド版 1\n', 'evidence: Café Müller で販売中\n'));
    const refused = await checkCase(file, '2026-11-21');
    const e = refused.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['items', 1, 'pid']);
    expect(e.ja).toContain('「é」「ü」');
    expect(e.hint!.ja).toContain('UTF-8');
  });
});

describe('the list\'s columns and cells', () => {
  const small = candidateRows(50);
  const listCase = async (bytes: Uint8Array, extra = '') => checkCase(bigListCase('list.csv', bytes, extra).file, '2026-11-21');
  it('a cell already holding something else is never overwritten: the row and what it says are named', async () => {
    const rows = small.map((r) => [...r]);
    rows[3 + 17][ENTRY] = '3';
    const checked = await listCase(candidateCsv(rows));
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['items', 0, 'pid']);
    expect(e.ja).toContain('21行目');
    expect(e.ja).toContain('すでに「3」');
  });
  it('an entry column under another heading: refused with the headings, then found once named', async () => {
    const rows = small.map((r) => [...r]);
    rows[2][ENTRY] = '基準番号';
    const refused = await listCase(candidateCsv(rows));
    const e = refused.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['candidate_list', 'file']);
    expect(e.hint!.ja).toContain('「基準番号」');
    const misspelt = await listCase(candidateCsv(rows), '  columns:\n    criterion: 基準番\n');
    const m = misspelt.problems.find((p) => p.severity === 'error')!;
    expect(m.path).toEqual(['candidate_list', 'columns', 'criterion']);
    expect(m.hint!.ja).toContain('「基準番号」ではありませんか');
    const named = await listCase(candidateCsv(rows), '  columns:\n    criterion: 基準番号\n');
    expect(named.ok, JSON.stringify(named.problems.filter((p) => p.severity === 'error'))).toBe(true);
  });
  it('a missing list file is an error at candidate_list.file', async () => {
    const { checked } = await edited((y) => `${y}candidate_list:\n  file: no-such-list.xlsx\n`);
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['candidate_list', 'file']);
    expect(e.line).toBeGreaterThan(0);
    expect(e.ja).toContain('no-such-list.xlsx');
  });
});
