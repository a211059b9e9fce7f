import { describe, expect, it } from 'vitest';
import { amount, ratio } from '../../src/input/fields.js';
import { computeByWork, computeCompensation, sumOfShares, taxFactor, withWorkTerms, type Compensation } from '../../src/law/rules/compensation.js';
import { checkDiligence, cricNoticeSpan, earliestFilingAfterCric, managesField } from '../../src/law/rules/diligence.js';
import { checkContact } from '../../src/law/rules/applicant.js';
import { fewestStamps, rulingFee } from '../../src/law/rules/fee.js';
import { addDays, eraDate, isRealDate } from '../../src/base/format.js';

const n = (v: number | string) => amount().parse(v);
const r = (v: number | string) => ratio().parse(v);
const at2018 = (c: Compensation) => computeCompensation(c, '2018-11-20').amount;

describe('compensation formulas reproduce seed 004 to the yen (all at 1.08)', () => {
  it('print: 記入例① and ⑤', () => {
    expect(at2018({ formula: 'print', unit_price: n(800), copies: n(3000), rate: r('7%') })).toBe(181440);
    expect(at2018({ formula: 'print', unit_price: n(800), copies: n(500), rate: r('7%') })).toBe(30240);
    expect(at2018({ formula: 'print', unit_price: n(600), copies: n(5000), rate: r(0.07) })).toBe(226800);
    expect(at2018({ formula: 'print', unit_price: n(600), copies: n(500), rate: r('7%') })).toBe(22680);
  });
  it('online-downloads: 記入例②', () => {
    expect(at2018({ formula: 'online-downloads', unit_price: n(450), rate: r('15%'), downloads: n(5000) })).toBe(364500);
    expect(at2018({ formula: 'online-downloads', unit_price: n(450), rate: r('15%'), downloads: n(1000) })).toBe(72900);
  });
  it('monthly-tariff: 記入例③ (the computation, 10,800円, not the heading 10,500円)', () => {
    const c: Compensation = { formula: 'monthly-tariff', per_request: n(5.5), monthly_requests: n(500), minimum: n(5000), months: n(2) };
    const res = computeCompensation(c, '2014-10-20');
    expect(res.amount).toBe(10800);
    expect(res.workings[0]).toContain('最低使用料5,000円を下回るため');
  });
  it('video: 記入例④', () => {
    expect(at2018({ formula: 'video', unit_price: n(7000), rate: r('10%'), contribution: r('0.5%'), copies: n(1000) })).toBe(3780);
    expect(at2018({ formula: 'video', unit_price: n(7000), rate: r('10%'), contribution: r('0.5%'), copies: n(100) })).toBe(378);
  });
  it('prints the formula line in the seed\'s form', () => {
    const res = computeCompensation({ formula: 'print', unit_price: n(800), copies: n(500), rate: r('7%'), unit_label: '追加複製の単位数' }, '2018-11-20');
    expect(res.formulaLine).toBe('（本体価格×追加複製の単位数×印税率7%×消費税→800円×500部×7%×1.08=30,240円）');
  });
  it('is exact where binary floating point is not, and rounds down once at the end', () => {
    // 0.1 + 0.2 style traps: 1/3 share of 900 must be exactly 300 before tax, not 299.99…
    expect(computeCompensation({ formula: 'print-partial', unit_price: n(900), copies: n(1), rate: r(1), share: r('1/3'), tax_rate: r(0) }, '2020-01-01').amount).toBe(300);
    // 1.10 × 999 × 0.07 = 76.923 → 76
    expect(computeCompensation({ formula: 'print', unit_price: n(999), copies: n(1), rate: r('7%') }, '2020-01-01').amount).toBe(76);
    expect(computeCompensation({ formula: 'fixed', amount: n('12,345') }, '2020-01-01').amount).toBe(12345);
  });
  it('uses the consumption tax in force on the case date, unless overridden', () => {
    expect(taxFactor('1997-03-31').display).toBe('1.03');
    expect(taxFactor('1997-04-01').display).toBe('1.05');
    expect(taxFactor('2014-04-01').display).toBe('1.08');
    expect(taxFactor('2019-09-30').display).toBe('1.08');
    expect(taxFactor('2019-10-01').display).toBe('1.10');
    expect(taxFactor('1989-03-31').display).toBe('1');
    expect(taxFactor('2026-01-01', r('8%')).display).toBe('1.08');
  });
});

describe('compensation per work (seed 004 line 636: 全体の分量と当該著作物が占める分量)', () => {
  const book: Compensation = { formula: 'print', unit_price: n(3000), copies: n(1000), rate: r('10%') };

  it('one work with nothing of its own is the use itself: the seed\'s amounts stay exact', () => {
    const reprint: Compensation = { formula: 'print', unit_price: n(800), copies: n(3000), rate: r('7%') };
    expect(computeByWork(reprint, [{}], '2018-11-20')).toMatchObject({ total: 181440, works: [{ amount: 181440 }] });
    const dvd: Compensation = { formula: 'video', unit_price: n(7000), rate: r('10%'), contribution: r('0.5%'), copies: n(100) };
    expect(computeByWork(dvd, [{}], '2018-11-20').total).toBe(378);
  });

  it('rounds each work down once and sums the whole yen: never the floor of the sum', () => {
    // 1,000円×1部×10%×1/3×1.10 = 36.666… per work → 36円 each, 108円 in all (the whole book would be 110円).
    const one: Compensation = { formula: 'print', unit_price: n(1000), copies: n(1), rate: r('10%') };
    const third = { share: r('1/3') };
    const res = computeByWork(one, [third, third, third], '2020-01-01');
    expect(res.works.map((w) => w.amount)).toEqual([36, 36, 36]);
    expect(res.total).toBe(108);
    expect(computeCompensation(one, '2020-01-01').amount).toBe(110);
  });

  it('is exact: 57/200 of a 3,000円 book in 1,000 copies at 10% and 1.10 is 94,050円, not 94,049', () => {
    // In binary floating point 3000*1000*0.1*(57/200)*1.1 is 94049.99999999999.
    expect(Math.floor(3000 * 1000 * 0.1 * (57 / 200) * 1.1)).toBe(94049);
    const shares = [{ share: r('57/200') }, { share: r('7/300') }, { share: r('1/300') }];
    const res = computeByWork(book, shares, '2026-12-01');
    expect(res.works.map((w) => w.amount)).toEqual([94050, 7700, 1100]);
    expect(res.total).toBe(102850);
    expect(sumOfShares(shares).toFraction()).toBe('187/600');
  });

  it('prints one formula line per work: the share as 記載例2\'s 「刊行物に占める当該著作物の割合」', () => {
    const [w] = computeByWork(book, [{ share: r('7/300') }], '2026-12-01').works;
    expect(w.labels).toBe('本体価格×発行部数×印税率10%×刊行物に占める当該著作物の割合×消費税');
    expect(w.values).toBe('3,000円×1,000部×10%×7/300×1.10=7,700円');
    expect(w.formulaLine).toBe(`（${w.labels}→${w.values}）`);
    expect(withWorkTerms(book, { share: r('7/300') }).formula).toBe('print-partial');
  });

  it('takes a work\'s own quantities: each performer\'s 寄与率 (記入例④), each song\'s requests', () => {
    const dvd: Compensation = { formula: 'video', unit_price: n(7000), rate: r('10%'), contribution: r('1%'), copies: n(1000) };
    const res = computeByWork(dvd, [{ contribution: r('0.5%') }, { contribution: r('0.3%') }], '2018-11-20');
    expect(res.works.map((w) => w.amount)).toEqual([3780, 2268]);
    const tariff: Compensation = { formula: 'monthly-tariff', per_request: n(5.5), monthly_requests: n(500), minimum: n(5000), months: n(2) };
    const songs = computeByWork(tariff, [{}, { monthly_requests: n(2000) }], '2014-10-20');
    // 5.5円×500 is below the 5,000円 minimum (記入例③: 10,800円); 5.5円×2,000 = 11,000円 a month → 23,760円.
    expect(songs.works.map((w) => w.amount)).toEqual([10800, 23760]);
  });

  it('splits a fixed amount by share with a line of its own, and a share on another formula is one more term', () => {
    const fixed: Compensation = { formula: 'fixed', amount: n(20000) };
    const [w] = computeByWork(fixed, [{ share: r('1/3') }], '2025-06-02').works;
    expect(w.amount).toBe(6666);
    expect(w.formulaLine).toBe('（補償金の額×全体に占める当該著作物の割合→20,000円×1/3=6,666円）');
    const online: Compensation = { formula: 'online-period', unit_price: n(100), rate: r('10%'), annual_uses: n(200), years: n(5) };
    const [o] = computeByWork(online, [{ share: r('1/4') }], '2026-12-01').works;
    expect(o.values).toBe('100円×10%×200件×5年×1/4×1.10=2,750円');
  });
});

describe('a fixed amount stated before tax', () => {
  it('gets the consumption tax of its date and a formula line', () => {
    const res = computeCompensation({ formula: 'fixed', amount: n('10,000'), before_tax: true }, '2026-12-01');
    expect(res.amount).toBe(11000);
    expect(res.formulaLine).toBe('（補償金の額（税抜）×消費税→10,000円×1.10=11,000円）');
    expect(computeCompensation({ formula: 'fixed', amount: n(10000), before_tax: true }, '2018-11-20').amount).toBe(10800);
    expect(computeCompensation({ formula: 'fixed', amount: n(10000), before_tax: true }, '1989-03-31').amount).toBe(10000);
  });
  it('takes a tax rate of its own as the rate to add (it was silently ignored)', () => {
    expect(computeCompensation({ formula: 'fixed', amount: n(10000), tax_rate: r('10%') }, '2018-11-20').amount).toBe(11000);
  });
  it('is printed as it stands otherwise, with no formula line', () => {
    const res = computeCompensation({ formula: 'fixed', amount: n(20000) }, '2025-06-02');
    expect(res).toMatchObject({ amount: 20000, formulaLine: null, taxFactor: null });
  });
});

describe('fee and revenue stamps', () => {
  it('charges 6,900円 and breaks it into the fewest stamps', () => {
    expect(rulingFee({ kind: 'corporation', name: 'x' }, '2026-12-01')).toBe(6900);
    expect(fewestStamps(6900, '2026-12-01')).toEqual([6000, 600, 300]);
  });
  it('finds the true minimum where greedy would not (160 = 80+80, not 120+40)', () => {
    expect(fewestStamps(160, '2026-12-01')).toHaveLength(2);
    expect(fewestStamps(160, '2026-12-01').reduce((a, b) => a + b)).toBe(160);
  });
  it('exempts the state and only the agencies of 令65条 別表', () => {
    expect(rulingFee({ kind: 'state', name: '文化庁' }, '2026-12-01')).toBe(0);
    expect(rulingFee({ kind: 'independent-administrative-agency', name: '独立行政法人国立美術館' }, '2026-12-01')).toBe(0);
    expect(rulingFee({ kind: 'independent-administrative-agency', name: '独立行政法人国際交流基金' }, '2026-12-01')).toBe(6900);
    expect(rulingFee({ kind: 'local-government', name: '〇〇市' }, '2026-12-01')).toBe(6900);
    expect(rulingFee({ kind: 'nhk', name: '日本放送協会' }, '2026-12-01')).toBe(6900);
    expect(fewestStamps(0, '2026-12-01')).toEqual([]);
  });
  it('knows a listed agency by its short name too (「国立美術館」), not a name that merely resembles one', () => {
    const agency = (name: string) => rulingFee({ kind: 'independent-administrative-agency', name }, '2026-12-01');
    expect(agency('国立美術館')).toBe(0);
    expect(agency('国立美術館 東京国立近代美術館')).toBe(0);
    expect(agency('国立 科学博物館')).toBe(0);
    expect(agency('産業技術総合研究所')).toBe(0);
    expect(agency('国立西洋美術館')).toBe(6900); // a museum of the agency, not the applicant's name the table lists
    expect(agency('国際交流基金')).toBe(6900);
    expect(rulingFee({ kind: 'corporation', name: '国立美術館' }, '2026-12-01')).toBe(6900); // only as an agency
  });
});

describe('dates', () => {
  it('prints the Japanese era with 元年', () => {
    expect(eraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(eraDate('2019-04-30')).toBe('平成31年4月30日');
    expect(eraDate('2026-12-01')).toBe('令和8年12月1日');
  });
  it('refuses impossible dates', () => {
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-13-01')).toBe(false);
  });
  it('CRIC: filing from the 8th day after posting (seed: posted 9月10日, filed 9月18日)', () => {
    expect(earliestFilingAfterCric('2018-09-10', '2018-09-18')).toBe('2018-09-18');
    expect(addDays('2026-12-28', 8)).toBe('2027-01-05');
  });
});

describe('due diligence (相当な努力)', () => {
  const notice = { medium: 'cric' as const, start: '2018-11-01' };
  it('a work never ruled needs ア, イ(ア), イ(イ) and ウ', () => {
    const problems = checkDiligence([{ category: 'language' }], {}, 'work', '2018-11-20');
    const errors = problems.filter((p) => p.severity === 'error').map((p) => p.code);
    expect(errors).toEqual(['diligence-a-missing', 'diligence-b1-missing', 'diligence-b2-missing', 'diligence-c-missing']);
  });
  it('a work ruled before may use the database and the Commissioner instead', () => {
    const problems = checkDiligence([{ category: 'language', previously_ruled: true }],
      { ruling_database: {}, agency_inquiry: {}, public_notice: notice }, 'work', '2018-11-20');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const neverRuled = checkDiligence([{ category: 'language' }],
      { ruling_database: {}, agency_inquiry: {}, public_notice: notice }, 'work', '2018-11-20');
    expect(neverRuled.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  });
  it('refuses an application filed before the CRIC notice has run 7 days', () => {
    const dd = { directories: [{ title: 'x' }], management_bodies: [{ name: '一般社団法人日本音楽著作権協会' }], expert_bodies: [{}] };
    const early = checkDiligence([{ category: 'music' }], { ...dd, public_notice: notice }, 'work', '2018-11-08');
    expect(early.find((p) => p.severity === 'error')).toMatchObject({
      code: 'diligence-cric-too-early', params: { start: '2018-11-01', earliest: '2018-11-09', date: '2018-11-08' } });
    const onTime = checkDiligence([{ category: 'music' }], { ...dd, public_notice: notice }, 'work', '2018-11-09');
    expect(onTime.filter((p) => p.severity === 'error')).toEqual([]);
  });
  it('warns about a management body of the field that was not asked', () => {
    const dd = { directories: [{ title: 'x' }], expert_bodies: [{}], public_notice: notice,
      management_bodies: [{ name: '一般社団法人日本音楽著作権協会' }, { name: '株式会社NexTone' }] };
    const warnings = checkDiligence([{ category: 'music' }], dd, 'work', '2018-11-20').filter((p) => p.severity === 'warning');
    expect(warnings).toHaveLength(1);
    const names = warnings[0].code === 'diligence-bodies-not-asked' ? warnings[0].params.bodies.map((b) => b.name).join() : '';
    expect(names).toContain('アイ・シー・エージェンシー');
    expect(names).not.toContain('NexTone');
  });
  it('warns about a body once per field, asked in the case or in a work\'s evidence, in the order of the works', () => {
    const dd = { directories: [{ title: 'x' }], expert_bodies: [{}], public_notice: notice, management_bodies: [{ name: '株式会社NexTone' }] };
    const works = [
      { category: 'music', evidence: { management_bodies: 'JASRACに照会した。' } },
      { category: 'music' },
      { category: 'music', evidence: { management_bodies: '日本音楽著作権協会とアイ・シー・エージェンシーに照会した。' } },
      { category: 'language' },
    ];
    const warned = checkDiligence(works, dd, 'work', '2018-11-20').flatMap((p) =>
      (p.code === 'diligence-bodies-not-asked' ? [`${p.path.join('.')}: ${p.params.bodies.map((b) => b.name).join('、')}`] : []));
    expect(warned).toHaveLength(3);
    expect(warned[0]).toMatch(/^works\.0: .*アイ・シー・エージェンシー/);
    expect(warned[0]).not.toMatch(/JASRAC|NexTone/);
    expect(warned[1]).toBe('works.1: 一般社団法人日本音楽著作権協会（JASRAC）');
    expect(warned[2]).toMatch(/^works\.3: /);
  });
});

describe('due diligence: dates, the notice\'s span, step ② (seed 004 第3の2)', () => {
  const complete = {
    directories: [{ title: '文化人名録' }], expert_bodies: [{ name: '〇〇協会' }],
    management_bodies: [{ name: '公益社団法人日本文藝家協会' }], public_notice: { medium: 'cric' as const, start: '2018-11-01' },
  };
  const errors = (dd: Parameters<typeof checkDiligence>[1], date = '2018-11-20') =>
    checkDiligence([{ category: 'language' }], dd, 'work', date).filter((p) => p.severity === 'error');

  it('an inquiry or an earlier ruling dated after the application is an error at its date', () => {
    const late = errors({
      ...complete,
      management_bodies: [{ name: '公益社団法人日本文藝家協会', inquired_on: '2018-11-21' }],
      expert_bodies: [{ name: '〇〇協会', inquired_on: '2018-11-20' }], // the same day is not after
      agency_inquiry: { inquired_on: '2018-12-01' },
      ruling_database: { ruled_on: '2019-01-10' },
    });
    expect(late.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['diligence-inquiry-after-application', 'due_diligence.management_bodies.0.inquired_on'],
      ['diligence-inquiry-after-application', 'due_diligence.agency_inquiry.inquired_on'],
      ['diligence-earlier-ruling-after-application', 'due_diligence.ruling_database.ruled_on'],
    ]);
    expect(late[0].params).toEqual({ on: '2018-11-21', date: '2018-11-20' });
    expect(errors(complete)).toEqual([]);
  });

  it('the CRIC notice runs to its given end, else only to the end of the minimum period, which it says', () => {
    expect(cricNoticeSpan({ start: '2026-11-10' }, '2026-12-01')).toEqual({ start: '2026-11-10', end: '2026-11-17', minimum: true, days: 7 });
    expect(cricNoticeSpan({ start: '2026-11-10', end: '2026-11-30' }, '2026-12-01')).toEqual({ start: '2026-11-10', end: '2026-11-30', minimum: false, days: 7 });
  });

  it('a given end shorter than the minimum period, after the application, or on a newspaper notice is an error', () => {
    const notice = (extra: object) => errors({ ...complete, public_notice: { medium: 'cric', start: '2018-11-01', ...extra } });
    expect(notice({ end: '2018-11-07' })).toMatchObject([{ code: 'diligence-cric-end-too-soon', path: ['due_diligence', 'public_notice', 'end'],
      params: { start: '2018-11-01', end: '2018-11-07', days: 7, minimum_end: '2018-11-08' } }]);
    expect(notice({ end: '2018-11-08' })).toEqual([]);
    expect(notice({ end: '2018-11-20' })).toEqual([]);
    expect(notice({ end: '2018-11-21' })).toMatchObject([{ code: 'diligence-cric-end-after-application', params: { on: '2018-11-21', date: '2018-11-20' } }]);
    const paper = errors({ ...complete, public_notice: { medium: 'newspaper', name: '〇〇新聞', published_on: '2018-11-01', end: '2018-11-08' } });
    expect(paper.map((p) => p.code)).toEqual(['diligence-notice-end-not-cric']);
  });

  it('step ②: an address or number a measure found needs what was done with it, named by its record', () => {
    const found = errors({
      ...complete,
      directories: [{ title: '文化人名録', found: ['phone'] }],
      management_bodies: [{ name: '公益社団法人日本文藝家協会', found: ['address', 'email'], follow_up: '郵送した文書は宛先不明で返送された。' }],
      agency_inquiry: { found: ['address'] },
    });
    expect(found.map((p) => [p.code, p.path.join('.'), p.params])).toEqual([
      ['diligence-follow-up-missing', 'due_diligence.directories.0.found', { record: 'directories', name: '文化人名録', found: ['phone'] }],
      ['diligence-follow-up-missing', 'due_diligence.agency_inquiry.found', { record: 'agency_inquiry', name: null, found: ['address'] }],
    ]);
  });

  it('a management body is of the field only when the guide lists it there', () => {
    expect(managesField('公益社団法人日本文藝家協会', 'language', '2018-11-20')).toBe(true);
    expect(managesField('公益社団法人日本文藝家協会', 'music', '2018-11-20')).toBe(false);
    expect(managesField('一般社団法人日本ケーブルテレビ連盟', 'cablecast', '2025-06-02')).toBe(true);
    expect(managesField('一般社団法人日本ケーブルテレビ連盟', 'broadcast', '2025-06-02')).toBe(false); // 有線放送番組, not 放送
    expect(managesField('〇〇協会', 'language', '2018-11-20')).toBe(false); // unknown: not called a 管理事業者 of the field
    expect(managesField('公益社団法人日本文藝家協会', null, '2018-11-20')).toBe(false); // works of several categories
  });
});

describe('the applicant\'s contact person (seed 004 第3の3(1)イ)', () => {
  it('warns an organisation without its contact person\'s department, name, phone or e-mail, naming what is missing', () => {
    expect(checkContact({ kind: 'corporation' }, '2026-12-01')).toEqual([
      { code: 'applicant-contact-missing', severity: 'warning', path: ['applicant'], params: { missing: ['contact.department', 'contact.name', 'phone', 'email'] } }]);
    expect(checkContact({ kind: 'association', phone: '03-0000-0000', contact: { name: '担当 一郎', email: 'a@example.jp' } }, '2026-12-01'))
      .toMatchObject([{ path: ['applicant', 'contact'], params: { missing: ['contact.department'] } }]);
    expect(checkContact({ kind: 'corporation', contact: { department: '編集部', name: '著作 健太', phone: '03', email: 'k@example.jp' } }, '2026-12-01')).toEqual([]);
    expect(checkContact({ kind: 'individual' }, '2026-12-01')).toEqual([]); // an individual signs and is the contact
  });
});
