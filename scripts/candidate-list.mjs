/**
 * A stand-in for the NDL's 送信候補資料リスト until we have a real one: a title line, a heading row
 * with identifier, title, author, publisher, year and call number, then the empty entry columns the
 * rights holder fills (除外基準, 根拠, 申出者, 連絡先, 申出日). Deterministic: the same seed gives the same
 * list, so tests can name rows by identifier.
 *
 *   node scripts/candidate-list.mjs <rows> <out.xlsx|out.csv> [--sjis]
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

export const HEADINGS = ['No.', 'PID', 'タイトル', '著者', '出版者', '出版年', '請求記号',
  '除外基準（1・2・3・留保）', '根拠・確認方法', '申出者', '連絡先', '申出日'];
export const TITLE_LINE = '令和8年度 送信候補資料リスト（図書）';
/** Identifiers start here and step by 3, so the numbers look like the NDL's and leave gaps. */
export const FIRST_PID = 2500001;
export const pidOf = (i) => `info:ndljp/pid/${FIRST_PID + 3 * i}`;

const PLACES = ['東京', '大阪', '京都', '信濃', '出羽', '筑前', '北海道', '琉球', '越後', '土佐'];
const SUBJECTS = ['郷土史', '民俗誌', '産業史', '方言集', '植物誌', '寺社縁起', '鉄道史', '教育史', '漁業誌', '俳諧史'];
const FORMS = (p, s, n) => [`${p}の${s}`, `${s}研究 第${n}巻`, `近代${p}${s}`, `${p}${s}資料集`, `${s}の諸問題`];
const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本', '中村', '小林', '加藤', '吉田', '山田'];
const GIVEN = ['一郎', '正雄', '清', '茂', '和子', '弘', '節子', '実', '勇', '幸子', '進', '博'];
const PUBLISHERS = ['〇〇書房', '△△出版', '□□社', '郷土文化刊行会', '学芸図書', '東西書院', '新生社', '春秋館'];

/** A small linear congruential generator: the same seed, the same list. */
function random(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** The list's rows: [title line], [], [headings], then one row per candidate with empty entry cells. */
export function candidateRows(count, seed = 20261121) {
  const r = random(seed);
  const rows = [[TITLE_LINE], [], HEADINGS];
  for (let i = 0; i < count; i++) {
    const title = FORMS(PLACES[r(PLACES.length)], SUBJECTS[r(SUBJECTS.length)], 1 + r(12))[r(5)];
    const author = `${SURNAMES[r(SURNAMES.length)]} ${GIVEN[r(GIVEN.length)]}`;
    const year = 1948 + r(48);
    rows.push([String(i + 1), pidOf(i), title, author, PUBLISHERS[r(PUBLISHERS.length)], String(year),
      `${'GKY'[r(3)]}${100 + r(900)}-${1 + r(99)}`, '', '', '', '', '']);
  }
  return rows;
}

/** The list as an Excel workbook, styled like an office's list: a bold title, coloured headings, widths. */
export async function candidateXlsx(rows) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date('2026-04-01T00:00:00Z');
  const sheet = workbook.addWorksheet('送信候補資料リスト');
  for (const row of rows) sheet.addRow(row.map((cell, c) => (c === 5 && /^\d+$/.test(cell) ? Number(cell) : cell)));
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const heading = sheet.getRow(3);
  heading.font = { bold: true };
  heading.eachCell((cell, c) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c >= 8 ? 'FFFFF2CC' : 'FFD9E1F2' } };
  });
  [6, 26, 36, 16, 16, 8, 12, 14, 36, 20, 24, 12].forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  const notes = workbook.addWorksheet('記入方法');
  notes.addRow(['除外を申し出る資料の行に、除外基準の番号（1・2・3）または「留保」と、根拠を記入してください。']);
  notes.addRow(['送付先: jogai@ndl.go.jp']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The list as CSV: UTF-8 with BOM, or Shift_JIS as older Excel saves it. */
export function candidateCsv(rows, sjis = false) {
  const text = stringify(rows, { record_delimiter: '\r\n' });
  return sjis ? new Uint8Array(iconv.encode(text, 'cp932')) : new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out] = process.argv.slice(2);
  const rows = candidateRows(Number(count));
  writeFileSync(out, out.endsWith('.xlsx') ? await candidateXlsx(rows) : candidateCsv(rows, process.argv.includes('--sjis')));
}
