/**
 * The case form (preview/form.js) in Debian's Chromium, without the server: a static harness page
 * (test/clients/form-harness.html) mounts the form of each schema `editorSchema` makes, and the test
 * fills fields and reads the ops the form emits, the problems `check` finds shown at their fields,
 * the fields a choice hides, the era beside a date and yen grouped by thousands. axe-core checks
 * every generated form and fails on serious or critical violations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadForms } from '../../src/forms/registry.js';
import { editorSchema } from '../../src/input/json-schema.js';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { FIXTURES, needs, tempDir } from '../helpers.js';

const FORMS = await loadForms();

const ROOT = new URL('../..', import.meta.url);
const ORIGIN = 'http://form.test';
const SERVED: Record<string, [URL, string]> = {
  '/': [new URL('test/clients/form-harness.html', ROOT), 'text/html'],
  '/form.js': [new URL('preview/form.js', ROOT), 'text/javascript'],
  '/form.css': [new URL('preview/form.css', ROOT), 'text/css'],
  '/axe.js': [new URL('node_modules/axe-core/axe.min.js', ROOT), 'text/javascript'],
  '/ipaexm.ttf': [new URL('fonts/ipaexm.ttf', ROOT), 'font/ttf'],
};
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const keyOf = (path: unknown[]) => JSON.stringify(path);
type Op = { op: string; path: (string | number)[]; value?: unknown; index?: number; from?: number; to?: number };

let browser: Browser;
let page: Page;

const fixture = (name: string) => parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const field = (path: (string | number)[]) => page.locator(`[data-key="${JSON.stringify(path).replace(/"/g, '\\"')}"]`);
const control = (path: (string | number)[]) => page.locator(`[data-ctl="${JSON.stringify(path).replace(/"/g, '\\"')}"]`);
const ops = () => page.evaluate(() => (window as unknown as { ops: Op[] }).ops);

async function mount(form: string, data: unknown, files: Record<string, unknown> = {}) {
  const schema = editorSchema(FORMS[form].schema, form);
  await page.evaluate(([s, d, e, f]) => (window as unknown as { harness: { mount: (...a: unknown[]) => void } }).harness.mount(s, d, e, f),
    [schema, data, FORMS[form].language === 'en', files] as const);
}

/** The problems `check` finds in a case, as the server hands them to the page (form's language first). */
async function problemsOf(text: string) {
  const file = join(tempDir('form-'), 'case.yaml');
  writeFileSync(file, text);
  const { problems } = await checkCase(file, '2026-12-01');
  return problems.map((p) => ({ severity: p.severity, path: p.path, first: p.ja, second: p.en, hint: p.hint?.ja, code: p.code }));
}

/** Serious or critical accessibility violations of the page as it stands, with every group open. */
async function axeViolations() {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${ORIGIN}/axe.js` });
  const found = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

needs('/usr/bin/chromium')('the case form in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.route(`${ORIGIN}/**`, (route) => {
      const served = SERVED[new URL(route.request().url()).pathname];
      return served ? route.fulfill({ body: readFileSync(served[0]), contentType: served[1] }) : route.fulfill({ status: 404 });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForSelector('body[data-ready="yes"]');
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('ruling', () => {
    it('labels in Japanese, the era beside a date, ops for each edit, focus kept over an update', async () => {
      const data = fixture('ruling-reprint.yaml');
      await mount('ruling', data);
      await expect.poll(() => field(['applicant', 'name']).locator('label').textContent()).toContain('申請者の氏名または名称');
      expect(await field(['date']).locator('.yf-aside').textContent()).toBe('平成30年11月20日');
      // Help says what the label does not: its repeated words dropped, and none where nothing is left.
      expect(await field(['date']).locator('.yf-help').textContent()).toBe('2026-12-01、令和8年12月1日など。省略すると今日 2026-12-01, 令和8年12月1日 …; today when omitted');
      expect(await field(['works', 0, 'author']).locator('.yf-help').textContent()).toBe('表示されている名前');
      expect(await field(['works', 0, 'title']).locator('.yf-help').count()).toBe(0);
      expect(await control(['works', 0, 'title']).getAttribute('aria-describedby')).toBeNull();
      // A choice shows each key once, with its Japanese label.
      const kinds = await control(['applicant', 'kind']).locator('option').allTextContents();
      expect(kinds).toContain('法人（corporation）');
      expect(kinds.filter((k) => k === '法人（corporation）')).toHaveLength(1);
      expect(kinds).not.toContain('法人');

      await control(['date']).fill('R8.12.1');
      expect(await field(['date']).locator('.yf-aside').textContent()).toBe('令和8年12月1日（2026-12-01）');
      await control(['applicant', 'name']).fill('株式会社 見本出版');
      expect((await ops()).slice(-2)).toEqual([
        { op: 'set', path: ['date'], value: 'R8.12.1' },
        { op: 'set', path: ['applicant', 'name'], value: '株式会社 見本出版' },
      ]);

      // An update with new problems keeps the field focused and its caret where it was.
      await control(['applicant', 'name']).evaluate((e: HTMLInputElement) => e.setSelectionRange(3, 3));
      const problems = [{ severity: 'error', path: ['applicant', 'name'], first: '名前の見本の誤り', second: 'A sample mistake', hint: '直し方の見本' }];
      await page.evaluate(([d, p]) => (window as unknown as { form: { update: (s: unknown) => void } }).form.update({ data: d, problems: p }),
        [{ ...data, applicant: { ...(data.applicant as object), name: '株式会社 見本出版' } }, problems] as const);
      expect(await field(['applicant', 'name']).locator('.yf-problem').textContent()).toContain('名前の見本の誤り');
      expect(await page.evaluate(() => [(document.activeElement as HTMLElement).dataset.ctl, (document.activeElement as HTMLInputElement).selectionStart]))
        .toEqual([JSON.stringify(['applicant', 'name']), 3]);
      // And over an update that changes the form's shape (a work added elsewhere): redrawn, focus and caret put back.
      await page.evaluate((d) => (window as unknown as { form: { update: (s: unknown) => void } }).form.update({ data: d, problems: [] }),
        { ...data, applicant: { ...(data.applicant as object), name: '株式会社 見本出版' }, works: [...(data.works as unknown[]), { title: '二つ目' }] });
      expect(await control(['works', 1, 'title']).inputValue()).toBe('二つ目');
      expect(await page.evaluate(() => [(document.activeElement as HTMLElement).dataset.ctl, (document.activeElement as HTMLInputElement).selectionStart]))
        .toEqual([JSON.stringify(['applicant', 'name']), 3]);
    });

    it('hides the newspaper fields of a CRIC notice; choosing newspaper shows them and drops what only CRIC has', async () => {
      await mount('ruling', fixture('ruling-reprint.yaml'));
      const notice = ['due_diligence', 'public_notice'];
      expect(await field([...notice, 'name']).isHidden()).toBe(true);
      expect(await field([...notice, 'published_on']).isHidden()).toBe(true);
      expect(await field([...notice, 'start']).isVisible()).toBe(true);
      await control([...notice, 'medium']).selectOption({ label: '新聞（newspaper）' });
      expect(await ops()).toEqual([
        { op: 'set', path: [...notice, 'medium'], value: 'newspaper' },
        { op: 'delete', path: [...notice, 'start'] },
        { op: 'delete', path: [...notice, 'own_site'] },
      ]);
      expect(await field([...notice, 'name']).isVisible()).toBe(true);
      expect(await field([...notice, 'start']).isHidden()).toBe(true);
    });

    it('adds, moves and removes a work; a work is keyboard-reachable by its named buttons', async () => {
      await mount('ruling', fixture('ruling-reprint.yaml'));
      await page.getByRole('button', { name: '＋ 裁定を求める著作物等を追加' }).click();
      expect(await page.locator('[data-key="[\\"works\\",1]"]').count()).toBe(1);
      await page.locator('button[aria-label="裁定を求める著作物等 2を上へ"]').click();
      await page.locator('button[aria-label="裁定を求める著作物等 1を削除"]').click();
      expect(await ops()).toEqual([
        { op: 'insert', path: ['works'], index: 1, value: {} },
        { op: 'move', path: ['works'], from: 1, to: 0 },
        { op: 'delete', path: ['works', 0] },
      ]);
      // What is left is the reprint's own work, back in first place.
      expect(await control(['works', 0, 'title']).inputValue()).toBe('日本の文化');
    });

    it('shows each problem check finds at its field, in Japanese first with the fix, or at the nearest shown group', async () => {
      const text = readFileSync(join(FIXTURES, 'ruling-reprint.yaml'), 'utf8').replace('    start: 2018-11-01\n', '    start: 2018-11-19\n');
      const problems = await problemsOf(text);
      const early = problems.find((p) => p.code === 'ruling.diligence-cric-too-early');
      expect(early?.path).toEqual(['due_diligence', 'public_notice', 'start']);
      await mount('ruling', parse(text));
      // The notice's group folded by the clerk stays folded over the update.
      const group = page.locator(`details[data-key="${JSON.stringify(['due_diligence', 'public_notice']).replace(/"/g, '\\"')}"]`);
      await group.locator(':scope > summary').click();
      await page.evaluate((p) => (window as unknown as { form: { update: (s: unknown) => void } }).form.update({ problems: p }), problems);
      expect(await group.getAttribute('open')).toBeNull();
      const shown = field(['due_diligence', 'public_notice', 'start']).locator('.yf-problem');
      expect(await shown.textContent()).toContain(early!.first);
      expect(await shown.textContent()).toContain(early!.second);
      // The group holding it is folded: its summary counts what is inside, and focusField opens it.
      expect(Number(await group.locator(':scope > summary .yf-badge').textContent())).toBe(problems.filter((p) => keyOf(p.path).startsWith(keyOf(['due_diligence', 'public_notice']).slice(0, -1))).length);
      await page.evaluate(() => (window as unknown as { form: { focusField: (p: unknown[]) => void } }).form.focusField(['due_diligence', 'public_notice', 'start']));
      expect(await control(['due_diligence', 'public_notice', 'start']).evaluate((e) => e === document.activeElement)).toBe(true);
      // A problem on a hidden field goes to the nearest group shown: name is hidden in a CRIC notice.
      await page.evaluate(() => (window as unknown as { form: { update: (s: unknown) => void } }).form.update({
        problems: [{ severity: 'error', path: ['due_diligence', 'public_notice', 'name'], first: '隠れた欄の見本', second: 'hidden' }] }));
      expect(await field(['due_diligence', 'public_notice']).locator(':scope > .yf-problems').textContent()).toContain('隠れた欄の見本');
    });

    it('a works list is a file with its row count; a reply file is picked and uploaded', async () => {
      const data = { ...fixture('ruling-reprint.yaml'), works_file: 'works.csv' };
      await mount('ruling', data, { 'works.csv': { kind: 'csv', bytes: 200_000, rows: 2000 }, 'scan.pdf': { kind: 'pdf', bytes: 10 } });
      expect(await field(['works_file']).locator('.yf-aside').textContent()).toBe('2,000 行');
      expect(await control(['works_file']).locator('option').allTextContents()).toEqual(['（なし）', 'works.csv']);
      const reply = ['due_diligence', 'management_bodies', 0, 'reply_file'];
      await field(reply).locator('input[type=file]').setInputFiles({ name: 'reply.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
      await expect.poll(ops).toEqual([{ op: 'set', path: reply, value: 'uploads/reply.pdf' }]);
      expect(await page.evaluate(() => (window as unknown as { uploads: unknown[] }).uploads.at(-1))).toEqual({ name: 'reply.pdf', size: 9, path: reply });
      // A file already in the folder is chosen from the list.
      await control(['due_diligence', 'agency_inquiry', 'reply_file']).count().then((n) => expect(n).toBe(1));
      expect(await control(reply).locator('option').allTextContents()).toContain('scan.pdf');
    });

    it('has no serious accessibility violations (axe-core)', async () => {
      await mount('ruling', fixture('ruling-reprint.yaml'));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: '/tmp/form-ruling.png', fullPage: false });
      expect(await axeViolations()).toEqual([]);
    });
  });

  describe('deposit', () => {
    it('yen grouped by thousands, sent as a number; a gift hides the claim fields', async () => {
      await mount('deposit', fixture('deposit-compensation.yaml'));
      await page.screenshot({ path: '/tmp/form-deposit.png' });
      expect(await control(['publication', 'price']).inputValue()).toBe('1,800');
      expect(await field(['publication', 'price']).locator('.yf-aside').textContent()).toBe('1,800円');
      await control(['publication', 'price']).fill('12,400');
      expect(await field(['publication', 'price']).locator('.yf-aside').textContent()).toBe('12,400円');
      expect((await ops()).at(-1)).toEqual({ op: 'set', path: ['publication', 'price'], value: 12400 });
      expect(await field(['advance_contact']).isVisible()).toBe(true);
      await control(['mode']).selectOption({ label: '寄贈（donation）' });
      expect((await ops()).slice(-2)).toEqual([{ op: 'set', path: ['mode'], value: 'donation' }, { op: 'delete', path: ['postage'] }]);
      expect(await field(['advance_contact']).isHidden()).toBe(true);
      expect(await field(['postage']).isHidden()).toBe(true);
      // A Japanese label in the file (代償金) is the same choice as its key.
      await mount('deposit', { ...fixture('deposit-compensation.yaml'), mode: '代償金' });
      expect(await control(['mode']).inputValue()).toBe('"compensation"');
      expect(await field(['postage']).isVisible()).toBe(true);
      expect(await axeViolations()).toEqual([]);
    });

    it('the facts, live', async () => {
      await page.evaluate(() => (window as unknown as { harness: { facts: (f: unknown, e: boolean) => void } }).harness.facts(
        { deadline: '2026-12-31', compensation_estimate: 12345, late: false }, false));
      expect(await page.locator('#facts').textContent()).toBe('納入期限令和8年12月31日代償金の見込み12,345円期限後いいえ');
    });
  });

  describe('ill-request', () => {
    it('in English first; an item added to the list', async () => {
      await mount('ill-request', fixture('ill-request.yaml'));
      expect(await field(['library', 'name']).locator('label').textContent()).toMatch(/^Name of the library 図書館名/);
      const before = ((fixture('ill-request.yaml').items as unknown[]) ?? []).length;
      await page.getByRole('button', { name: '+ Add to The items requested' }).click();
      expect((await ops()).at(-1)).toEqual({ op: 'insert', path: ['items'], index: before, value: {} });
      await control(['items', before, 'title']).fill('A History of Paper');
      expect((await ops()).at(-1)).toEqual({ op: 'set', path: ['items', before, 'title'], value: 'A History of Paper' });
      expect(await axeViolations()).toEqual([]);
    });
  });
});
