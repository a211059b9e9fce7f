/**
 * Transmission exclusion (除外申出, seed 000): our table as CSV and XLSX, the e-mail and cover
 * letter, and filling the NDL's own list — 30,000 rows as CSV in both encodings, 10,000 as XLSX — where
 * nothing but the items' entry cells may change and the input is never written. The criteria's
 * rules and their messages are in test/unit/exclusion.test.ts.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
// @ts-expect-error a plain ES module without types: the list generator is shared with the fixture script
import { candidateCsv, candidateRows, candidateXlsx, HEADINGS, pidOf } from '../../scripts/candidate-list.mjs';
import {
  caseStrings, checkEdited, expectSoundPdf, expectWithinMarginsAndKinsoku, libreOfficeSheetsCsv, libreOfficeToPdf, needs, pdfText, renderFixture, squash, tempDir,
} from '../helpers.js';

type Rendered = Awaited<ReturnType<typeof renderFixture>>;
const cases: Record<string, Rendered> = {};
beforeAll(async () => {
  for (const name of ['transmission-exclusion', 'transmission-exclusion-list']) cases[name] = await renderFixture(name);
});
const read = (path: string) => readFileSync(path, 'utf8');
const edited = (edit: (yaml: string) => string) => checkEdited('transmission-exclusion', edit, '2026-11-21');

needs('soffice', 'pdftotext', 'pdftoppm', 'qpdf')('the contract case', () => {
  it('counts per criterion, and a warning that the NDL wants its own list filled', () => {
    const { checked } = cases['transmission-exclusion'];
    expect(checked.facts).toEqual({ counts: { 'in-print': 2, managed: 0, 'author-request': 0, 'reserved-category': 1 } });
    const warnings = checked.problems.filter((p) => p.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].ja).toContain('送信候補資料リストの記入欄');
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

/**
 * A list beside a case of 300 items (plus two the list lacks), in a fresh folder; the items are
 * every `step`th row from row 17, spread over a 30,000-row list (97) or a 10,000-row one (33).
 */
async function bigListCase(listName: string, bytes: Uint8Array, extra = '', step = 97) {
  const dir = tempDir('exclusion-');
  writeFileSync(join(dir, listName), bytes);
  const picked = Array.from({ length: 300 }, (_, k) => 17 + k * step); // spread over the whole list
  const items = picked.map((i, k) => (k % 3 === 0
    ? `  - pid: ${pidOf(i)}\n    criterion: managed\n    managed_by: 〇〇著作権管理機構\n`
    : `  - pid: ${pidOf(i)}\n    criterion: in-print\n    evidence: オンデマンド版 ${k}\n`)).join('');
  const missing = '  - pid: info:ndljp/pid/9999999\n    criterion: in-print\n  - pid: info:ndljp/pid/9999998\n    criterion: in-print\n';
  const yaml = `form: transmission-exclusion\ndate: 2026-11-20\nstage: pre\nrequester:\n  role: publisher\n  name: 株式会社〇〇書房\n  email: rights@example.co.jp\n`
    + `candidate_list:\n  file: ${listName}\n${extra}items:\n${items}${missing}`;
  writeFileSync(join(dir, 'case.yaml'), yaml);
  return { dir, picked, file: join(dir, 'case.yaml'), list: join(dir, listName) };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const ENTRY = HEADINGS.indexOf('除外基準（1・2・3・留保）'); // first entry column, 0-based

needs('soffice')('filling the NDL list (30,000 rows; 10,000 as XLSX)', () => {
  const rows: string[][] = candidateRows(30_000);
  // The XLSX round trip (exceljs reads the list to check it and again to fill it) costs about 0.7 s
  // per 1,000 rows here; 10,000 rows prove the same filling in a third of the suite's time.
  const xlsxRows = rows.slice(0, 10_003);

  it('XLSX: the items\' entry cells are filled; every other cell, sheet, style and width is as it was', async () => {
    const { dir, picked, file, list } = await bigListCase('送信候補資料リスト.xlsx', await candidateXlsx(xlsxRows), '', 33);
    const before = sha(list);
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.ok, JSON.stringify(checked.problems.filter((p) => p.severity === 'error'))).toBe(true);
    expect(checked.facts.list).toEqual({ rows: 10_000, matched: 300, unmatched: ['info:ndljp/pid/9999999', 'info:ndljp/pid/9999998'], cells_filled: 1500 });
    const notFound = checked.problems.filter((p) => p.severity === 'warning' && p.ja.includes('見つかりません'));
    expect(notFound.map((p) => p.line)).toEqual([expect.any(Number), expect.any(Number)]);
    const written = await renderCase(checked, join(dir, 'out'), ['xlsx', 'txt']);
    expect(sha(list)).toBe(before); // the input is never written
    const out = written.find((f) => f.endsWith('filled-list.xlsx'))!;

    // Every part of the workbook but the sheet is the same bytes; in the sheet, every row not
    // filled is the same XML, and a filled row differs only in its entry cells, each keeping its style.
    const [inParts, outParts] = [unzipSync(readFileSync(list)), unzipSync(readFileSync(out))];
    expect(Object.keys(outParts).sort()).toEqual(Object.keys(inParts).sort());
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const changedParts = Object.keys(inParts).filter((k) => !Buffer.from(inParts[k]).equals(Buffer.from(outParts[k])));
    expect(changedParts).toEqual([sheetPart]);
    const rowsOf = (xml: Uint8Array) => new Map([...Buffer.from(xml).toString('utf8').matchAll(/<row\b[^>]*?\br="(\d+)"[\s\S]*?(?:<\/row>|\/>)/g)]
      .map((m) => [Number(m[1]), m[0]]));
    const [rowsIn, rowsOut] = [rowsOf(inParts[sheetPart]), rowsOf(outParts[sheetPart])];
    // Widths, frozen panes and all else around the rows.
    const aroundRows = (xml: Uint8Array) => Buffer.from(xml).toString('utf8').replace(/<sheetData>[\s\S]*<\/sheetData>/, '');
    expect(aroundRows(outParts[sheetPart])).toBe(aroundRows(inParts[sheetPart]));
    expect(aroundRows(inParts[sheetPart])).toMatch(/<pane ySplit="3"[^>]*state="frozen"[\s\S]*<col min="3" max="3" width="36"/);
    expect(rowsOut.size).toBe(rowsIn.size);
    const filledRows = new Map(picked.map((i, k) => [i + 4, k])); // data starts on row 4
    const changedRows = [...rowsIn].filter(([r, xml]) => rowsOut.get(r) !== xml).map(([r]) => r);
    expect(changedRows).toEqual([...filledRows.keys()]);
    const entryRefs = HEADINGS.slice(ENTRY).map((_, j) => String.fromCharCode(65 + ENTRY + j));
    const outsideEntries = (row: string) => row.replace(new RegExp(`<c r="(?:${entryRefs.join('|')})\\d+"[\\s\\S]*?(?:</c>|/>)`, 'g'), '');
    const [r0, k0] = [picked[0] + 4, 0];
    expect(outsideEntries(rowsOut.get(r0)!)).toBe(outsideEntries(rowsIn.get(r0)!));
    const styleOf = (row: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?\\bs="(\\d+)"`).exec(row)?.[1];
    for (const ref of entryRefs) expect(styleOf(rowsOut.get(r0)!, `${ref}${r0}`)).toBe(styleOf(rowsIn.get(r0)!, `${ref}${r0}`));
    expect(k0 % 3).toBe(0);

    // A real spreadsheet program opens it and sees every row: the list's own cells, and the items'
    // entries filled. Differences are collected, not expected one by one (77,000 cells).
    const calc = libreOfficeSheetsCsv({ filled: out, ours: cases['transmission-exclusion'].file('exclusion-rows.xlsx')! });
    // Our own table (the contract case's exclusion-rows.xlsx) reads to the same cells as its CSV.
    const ourCsv = readFileSync(cases['transmission-exclusion'].file('exclusion-rows.csv')!).toString('utf8').slice(1).trim().split('\r\n');
    expect(calc.ours.trim().split(/\r?\n/)).toEqual(ourCsv);
    const lo = calc.filled.trim().split(/\r?\n/);
    expect(lo).toHaveLength(10_003);
    const asCsv = (cells: string[]) => stringify([cells], { record_delimiter: '' }).replace(/,+$/, '');
    const entriesOf = (k: number) => [k % 3 === 0 ? '2' : '1', k % 3 === 0 ? '管理事業者：〇〇著作権管理機構' : `オンデマンド版 ${k}`,
      '株式会社〇〇書房', 'rights@example.co.jp', '2026-11-20'];
    const differing = xlsxRows.flatMap((expected, r) => {
      const k = filledRows.get(r + 1);
      const wanted = asCsv(k === undefined ? expected : [...expected.slice(0, ENTRY), ...entriesOf(k)]);
      return lo[r].replace(/,+$/, '') === wanted ? [] : [`row ${r + 1}: ${lo[r]} ≠ ${wanted}`];
    });
    expect(differing.slice(0, 5)).toEqual([]);
    expect(lo[picked[1] + 3]).toMatch(/,1,オンデマンド版 1,株式会社〇〇書房,rights@example\.co\.jp,2026-11-20$/);

    const mail = read(written.find((f) => f.endsWith('request-mail.txt'))!);
    expect(mail).toContain('件名：【事前除外の申出】株式会社〇〇書房（302件）');
    expect(mail).toContain('ほか282件は添付の一覧のとおりです。');
  }, 120_000);

  it('CSV (UTF-8 with BOM): every record not filled is byte for byte the same; run again on its own output, nothing changes', async () => {
    const { dir, picked, file, list } = await bigListCase('list.csv', candidateCsv(rows));
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.ok).toBe(true);
    const out = (await renderCase(checked, join(dir, 'out'), ['csv'])).find((f) => f.endsWith('filled-list.csv'))!;
    const input = readFileSync(list, 'latin1').split('\r\n');
    const output = readFileSync(out, 'latin1').split('\r\n');
    expect(output).toHaveLength(input.length);
    const filled = new Set(picked.map((i) => i + 3));
    const changed = output.flatMap((line, i) => (line === input[i] ? [] : [i]));
    expect(changed).toEqual([...filled].sort((a, b) => a - b));
    expect(Buffer.from(output[picked[0] + 3], 'latin1').toString('utf8')).toMatch(/,2,管理事業者：〇〇著作権管理機構,株式会社〇〇書房,rights@example\.co\.jp,2026-11-20$/);

    // The filled list given back as the list: every cell already says what we would write.
    copyFileSync(out, list);
    const again = await checkCase(file, '2026-11-21');
    expect(again.ok).toBe(true);
    expect(again.facts.list).toMatchObject({ matched: 300, cells_filled: 0 });
  }, 120_000);

  it('CSV in Shift_JIS stays Shift_JIS; a character it lacks is refused at the item', async () => {
    const { dir, picked, file } = await bigListCase('list.csv', candidateCsv(rows.slice(0, 3 + 5000), true));
    const checked = await checkCase(file, '2026-11-21');
    const out = (await renderCase(checked, join(dir, 'out'), ['csv'])).find((f) => f.endsWith('filled-list.csv'))!;
    const text = iconv.decode(readFileSync(out), 'cp932');
    expect(text.split('\r\n')[picked[1] + 3]).toMatch(/,1,オンデマンド版 1,株式会社〇〇書房,/);
    expect(text.split('\r\n')[0]).toBe('令和8年度 送信候補資料リスト（図書）');

    writeFileSync(file, readFileSync(file, 'utf8').replace('evidence: オンデマンド版 1\n', 'evidence: Café Müller で販売中\n'));
    const refused = await checkCase(file, '2026-11-21');
    const e = refused.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['items', 1, 'pid']);
    expect(e.ja).toContain('「é」「ü」');
    expect(e.hint!.ja).toContain('UTF-8');
  }, 120_000);
});

describe('the list\'s columns and cells', () => {
  const small = candidateRows(50);
  const listCase = async (bytes: Uint8Array, extra = '') => {
    const made = await bigListCase('list.csv', bytes, extra);
    return checkCase(made.file, '2026-11-21');
  };
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
