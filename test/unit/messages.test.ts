/**
 * Bad input a clerk might hand us: every case gets a clear message with file, line, column, field,
 * Japanese and English — never a stack trace, never a crash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { parseCaseText } from '../../src/input/parse.js';
import { validate } from '../../src/input/validate.js';
import { rulingSchema } from '../../src/forms/ruling/schema.js';
import { FIXTURES, lineIn, tempDir } from '../helpers.js';

const reprint = readFileSync(join(FIXTURES, 'ruling-reprint.yaml'), 'utf8');

/** Checks a case that must fail; every error is said in Japanese and English, never as a stack trace. */
async function failingCheck(file: string) {
  const result = await checkCase(file, '2026-11-21');
  expect(result.ok).toBe(false);
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const p of errors) {
    expect(p.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(p.en).toMatch(/[A-Za-z]/);
    expect(p.en).not.toMatch(/\n\s+at /);
  }
  return errors;
}

async function checkText(text: string | Buffer) {
  const file = join(tempDir(), 'case.yaml');
  writeFileSync(file, text);
  const errors = await failingCheck(file);
  for (const p of errors) expect(p.file).toBe(file);
  return errors;
}

describe('messages for bad case files', () => {
  it('a misspelt field: where it is, and the closest known name', async () => {
    const text = reprint.replace('  representative:', '  representitive:');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('applicant.representitive');
    expect(e.line).toBe(lineIn(text, 'representitive'));
    expect(e.column).toBe(3);
    expect(e.hint?.en).toContain('"representative"');
  });
  it('a wrong choice: lists the allowed ones and guesses', async () => {
    const text = reprint.replace('kind: corporation ', 'kind: corporaton ');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('applicant.kind');
    expect(e.line).toBe(lineIn(text, 'corporaton'));
    expect(e.ja).toContain('individual');
    expect(e.hint?.ja).toContain('corporation');
  });
  it('an unknown compensation formula names the formulas', async () => {
    const text = reprint.replace('formula: print          #', 'formula: prnt          #');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('uses.0.compensation.formula');
    expect(e.line).toBe(lineIn(text, 'formula: prnt'));
    expect(e.en).toContain('monthly-tariff');
    expect(e.hint?.en).toContain('"print"');
  });
  it('a missing required field points at its parent', async () => {
    const text = reprint.replace(/^in_application_use: true.*$/m, '');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('in_application_use');
    expect(e.ja).toContain('in_application_use');
  });
  it('an impossible date and a negative amount', async () => {
    const text = reprint.replace('date: 2018-11-20', 'date: 2018-02-30').replace('unit_price: 800', 'unit_price: -800');
    const errors = await checkText(text);
    const date = errors.find((e) => e.path.join('.') === 'date')!;
    expect(date.line).toBe(lineIn(text, '2018-02-30'));
    expect(date.ja).toContain('「2018-02-30」は実在する日ではありません');
    expect(date.hint?.ja).toContain('令和8年12月1日');
    const price = errors.find((e) => e.path.join('.') === 'uses.0.compensation.unit_price')!;
    expect(price.en).toContain('-800');
  });
  it('a CRIC notice too recent for the application date names the earliest date', async () => {
    const text = reprint.replace('start: 2018-11-01', 'start: 2018-11-15');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('due_diligence.public_notice.start');
    expect(e.line).toBe(lineIn(text, 'start: 2018-11-15'));
    expect(e.en).toContain('2018-11-23');
    // The rule found it; the ruling words it: the Japanese calendar in Japanese, ISO in the fix.
    expect(e.ja).toContain('申請日は平成30年11月23日以降にしてください');
    expect(e.hint).toEqual({ ja: 'date を 2018-11-23 以降にしてください。', en: 'Set date to 2018-11-23 or later.' });
  });
  it('malformed YAML: line and column of the fault', async () => {
    const text = reprint.replace('  name: 株式会社 文部科学出版', '  name: "株式会社 文部科学出版');
    const [e] = await checkText(text);
    expect(e.line).toBeGreaterThan(0);
    expect(e.column).toBeGreaterThan(0);
  });
  it('an unclosed quote: the line and column where it was opened, not the end of the file', async () => {
    const text = reprint.replace(/^(\s+)title: (.*)$/m, '$1title: "$2');
    const line = lineIn(text, 'title: "');
    const [e] = await checkText(text);
    expect(e).toMatchObject({ line, ja: '引用符（"）が閉じていません。' });
    expect(e.column).toBe(text.split('\n')[line - 1].indexOf('"') + 1);
  });

  it('an unknown form suggests the known one', async () => {
    const [e] = await checkText(reprint.replace('form: ruling', 'form: rulling'));
    expect(e.path).toEqual(['form']);
    expect(e.hint?.en).toContain('ruling');
    expect(e.line).toBe(lineIn(reprint, 'form: ruling'));
  });
  it('a character the font cannot draw', async () => {
    const text = reprint.replace('title: 日本の文化', 'title: 日本の文化😀');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('works.0.title');
    expect(e.ja).toContain('U+1F600');
  });
  it('an alias bomb stops early', async () => {
    const lines = ['form: ruling', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const [e] = await checkText(lines.join('\n'));
    expect(e.en).toMatch(/too many values|alias/i);
  });
  it('__proto__ as a key', async () => {
    const text = 'form: ruling\n__proto__: { polluted: true }\n';
    const [e] = await checkText(text);
    expect(e.line).toBe(lineIn(text, '__proto__'));
    expect(e.en).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('binary junk, a huge file, and a list instead of a mapping', async () => {
    expect((await checkText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff])))[0].en).toMatch(/not UTF-8/);
    expect((await checkText('# ' + 'x'.repeat(6 * 1024 * 1024)))[0].en).toMatch(/too large/);
    expect((await checkText('- form: ruling\n'))[0].en).toMatch(/mapping/);
  });
  it('a file that does not exist', async () => {
    const result = await checkCase('/nonexistent/case.yaml');
    expect(result.ok).toBe(false);
    expect(result.problems[0].en).toMatch(/does not exist/);
  });
});

describe('YAML folding for Japanese', () => {
  it('joins folded Japanese lines without the space YAML would insert', async () => {
    const result = await checkCase(join(FIXTURES, 'ruling-reprint.yaml'), '2026-11-21');
    const application = result.documents.find((d) => d.name === 'application') as { blocks: { kind: string; text: string }[] };
    const summary = (application.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('株式会社〇〇出版')) as { text: string }).text;
    expect(summary).toContain('判明したものの、電話番号が無効であったため、下記の調査');
  });
});

describe('values YAML reads as numbers', () => {
  it('a phone number without quotes keeps its leading 0 (YAML reads 0352534111 as 352534111)', () => {
    const text = reprint.replace('phone: 03-5253-4111(内線 2847)', 'phone: 0352534111');
    const parsed = parseCaseText('case.yaml', text);
    if (!parsed.ok) throw new Error('not parsed');
    const valid = validate(rulingSchema, parsed.parsed);
    expect(valid.ok && valid.value.applicant.contact?.phone).toBe('0352534111');
  });
  it('a true where text is wanted: says to quote it', async () => {
    const text = reprint.replace('phone: 03-5253-4111(内線 2847)', 'phone: true');
    const [e] = await checkText(text);
    expect(e.path.join('.')).toBe('applicant.contact.phone');
    expect(e.line).toBe(lineIn(text, 'phone: true'));
    expect(e.hint?.en).toMatch(/quotes/);
  });
});

describe('rules that refuse a case', () => {
  it('a corporation cannot claim the 67条2項 exemption', async () => {
    const [e] = await checkText(`${reprint}\ndeposit_exempt: true\n`);
    expect(e.path).toEqual(['deposit_exempt']);
    expect(e.ja).toContain('申請者は法人');
    expect(e.line).toBe(lineIn(`${reprint}\ndeposit_exempt: true\n`, 'deposit_exempt'));
  });
});

describe('the audit\'s rules, reported where the case says it (file, line, column; Japanese and English)', () => {
  it('a use without a compensation formula is an error at the use: item 5 never says there is none', async () => {
    const text = reprint.replace(/(  - method: 上記に加えて、500部.*\n)    compensation:\n(      .*\n)+/, '$1');
    const errors = await checkText(text);
    expect(errors.map((e) => e.path.join('.'))).toEqual(['uses.1']);
    expect(errors[0].line).toBe(lineIn(text, '- method: 上記に加えて、500部'));
    expect(errors[0].ja).toContain('補償金の試算額とその算定方法');
  });
  it('an inquiry dated after the application', async () => {
    const text = reprint.replace('      inquired_on: 2018-10-05\n      person: 〇〇', '      inquired_on: 2018-11-25\n      person: 〇〇');
    const [e] = await checkText(text);
    expect(e).toMatchObject({ path: ['due_diligence', 'management_bodies', 0, 'inquired_on'], line: lineIn(text, '2018-11-25'), column: 20 });
    expect(e.ja).toBe('照会日（平成30年11月25日）が申請日（平成30年11月20日）より後です。相当な努力は申請の前に尽くしている必要があります。');
    expect(e.en).toContain('dated 2018-11-25, after the application (2018-11-20)');
  });
  it('a CRIC notice that ended before its seven days, or after the application', async () => {
    for (const [end, ja] of [['2018-11-05', '終了日は平成30年11月8日以降でなければなりません'], ['2018-11-30', '申請日（平成30年11月20日）より後です']]) {
      const text = reprint.replace('    start: 2018-11-01\n', `    start: 2018-11-01\n    end: ${end}\n`);
      const [e] = await checkText(text);
      expect(e).toMatchObject({ path: ['due_diligence', 'public_notice', 'end'], line: lineIn(text, `end: ${end}`) });
      expect(e.ja).toContain(ja);
    }
  });
  it('step ②: a phone number a directory showed, with nothing said of what came of it, names the directory', async () => {
    const text = reprint.replace('連絡が取れなかった。\n', '連絡が取れなかった。\n      found: [phone]\n');
    const [e] = await checkText(text);
    expect(e).toMatchObject({ path: ['due_diligence', 'directories', 0, 'found'], line: lineIn(text, 'found: [phone]') });
    expect(e.ja).toContain('名簿・名鑑「文化人名録（著作権台帳）第〇版」の閲覧で権利者の電話番号が判明していますが、その連絡先に連絡を試みた結果（follow_up）がありません');
    expect(e.en).toContain('Reading the directory "文化人名録（著作権台帳）第〇版" turned up the holder\'s phone number');
    expect(e.hint?.ja).toContain('follow_up');
  });
  it('a corporation without its contact person is warned, naming what is missing', async () => {
    const text = reprint.replace(/  contact:\n(    .*\n)+/, '');
    const file = join(tempDir(), 'case.yaml');
    writeFileSync(file, text);
    const result = await checkCase(file, '2026-11-21');
    expect(result.ok).toBe(true);
    const w = result.problems.find((p) => p.path.join('.') === 'applicant')!;
    expect(w).toMatchObject({ severity: 'warning', line: lineIn(text, 'kind: corporation ') }); // a mapping's place: its first field
    expect(w.ja).toContain('担当者の部署・氏名・電話番号・メールアドレス');
    expect(w.en).toContain('Missing: contact.department, contact.name, phone, email');
  });
});

describe('messages for a works CSV and attachments', () => {
  const bulk = readFileSync(join(FIXTURES, 'ruling-bulk.yaml'), 'utf8');
  const goodCsv = readFileSync(join(FIXTURES, 'ruling-bulk-works.csv'), 'utf8');

  /** Checks the bulk case with its CSV replaced; returns the errors. */
  async function checkCsv(csv: string | Buffer, yaml = bulk) {
    const dir = tempDir();
    writeFileSync(join(dir, 'ruling-bulk-works.csv'), csv);
    writeFileSync(join(dir, 'case.yaml'), yaml);
    return { errors: await failingCheck(join(dir, 'case.yaml')), dir };
  }

  it('columns it does not use: one warning at the first, listing them with the closest heading of a slip', async () => {
    const csv = goodCsv.replace('expert_bodies', 'expert_body').replace(/^(.*)$/m, '$1,備考').replace(/^(郷土の民話.*)$/m, '$1,要確認');
    const dir = tempDir();
    writeFileSync(join(dir, 'ruling-bulk-works.csv'), csv);
    writeFileSync(join(dir, 'case.yaml'), bulk);
    const checked = await checkCase(join(dir, 'case.yaml'), '2026-11-21');
    const unused = checked.problems.filter((p) => p.code === 'copyright.csv-columns-unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ severity: 'warning', file: join(dir, 'ruling-bulk-works.csv'), line: 1, column: 7 });
    expect(unused[0].ja).toContain('「expert_body」「備考」の列は使いません');
    expect(unused[0].hint?.ja).toContain('「expert_body」→「expert_bodies」');
    // A column it does not read is no error itself: the rows are read as without it (here, without
    // their イ(イ) records, which the rule then misses in each row).
    const errors = checked.problems.filter((p) => p.severity === 'error' && p.file?.endsWith('.csv')).map((p) => p.ja);
    expect(errors.length).toBe(3);
    for (const ja of errors) expect(ja).toContain('イ(イ)');
  });

  it('a bad category: the row and column of the cell, with the allowed values', async () => {
    const csv = goodCsv.replace(',photo,', ',foto,');
    const { errors } = await checkCsv(csv);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: lineIn(csv, ',foto,'), column: 3 });
    expect(errors[0].hint?.ja).toContain('photo');
  });

  it('Japanese headings of 資料2 are read; a missing title is reported at its cell', async () => {
    const japanese = goodCsv.replace('title,author,category,description,directory_or_web,management_bodies,expert_bodies',
      '著作物の題号,著作者名,種類,内容又は体様,ア(ア)名簿・名鑑類の閲覧 又は ア(イ)ネット検索サービスによる情報の検索,イ(ア)著作権等管理事業者等への照会,イ(イ)同種の著作物等に関する識見を有する団体への照会')
      .replace('郷土の民話,', ',');
    const { errors } = await checkCsv(japanese);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: lineIn(goodCsv, '郷土の民話,'), column: 1 });
    expect(errors[0].en).toContain('title');
  });

  it('a row with too many cells, and bytes that are neither UTF-8 nor Shift_JIS', async () => {
    const tooMany = `${goodCsv}extra,a,b,c,d,e,f,g\n`;
    expect((await checkCsv(tooMany)).errors[0]).toMatchObject({ line: lineIn(tooMany, 'extra,a,b') });
    const junk = Buffer.concat([Buffer.from(goodCsv.split('\n')[0] + '\n'), Buffer.from([0x82, 0xa0, 0xff, 0xfe, 0x0a])]);
    const [e] = (await checkCsv(junk)).errors;
    expect(e.en).toContain('neither UTF-8 nor Shift_JIS');
    expect(e.line).toBe(2);
  });

  it('a works_file that does not exist is reported at the works_file line of the case', async () => {
    const yaml = bulk.replace('works_file: ruling-bulk-works.csv', 'works_file: missing.csv');
    const { errors, dir } = await checkCsv(goodCsv, yaml);
    expect(errors[0]).toMatchObject({ file: join(dir, 'case.yaml'), path: ['works_file'], line: lineIn(yaml, 'works_file') });
    expect(errors[0].ja).toContain('missing.csv');
  });

  it('a missing or unreadable attachment names the path', async () => {
    const anthology = readFileSync(join(FIXTURES, 'ruling-anthology.yaml'), 'utf8');
    const dir = tempDir();
    writeFileSync(join(dir, 'not-an-image.png'), 'hello');
    for (const [name, ja] of [['nowhere.png', '見つかりません'], ['not-an-image.png', 'PNG または JPEG として読めません']]) {
      const text = anthology.replace('attachments: [cover-photo.png]', `attachments: [${name}]`);
      const file = join(dir, 'case.yaml');
      writeFileSync(file, text);
      const [e] = await failingCheck(file);
      expect(e).toMatchObject({ path: ['works', 2, 'attachments', 0], line: lineIn(text, `attachments: [${name}]`) });
      expect(e.ja).toContain(name);
      expect(e.ja).toContain(ja);
    }
  });
});
