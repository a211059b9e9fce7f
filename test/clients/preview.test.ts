/**
 * The editor's page shell: a real Chromium (Debian's, driven by playwright-core) opens the page of
 * a running `yoshiki preview` (the same command as `yoshiki open`), sees the rendered page, follows
 * edits of the YAML on disk, shows a syntax error with its line while keeping the last render marked
 * out of date, recovers; saves an edit of the page, shows the conflict when the file changes outside
 * meanwhile and reloads; offers every download and print; and stops cleanly on Ctrl-C. What the
 * server refuses, and its edits in detail: test/unit/preview.test.ts, test/unit/preview-editor.test.ts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FIXTURES, needs, tempDir, YOSHIKI } from '../helpers.js';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let dir: string;
let caseFile: string;
let original: string;
let cli: ChildProcessWithoutNullStreams;
let output = '';
let url: string;
let browser: Browser;
let page: Page;

needs('/usr/bin/chromium')('the preview in Chromium', () => {
  beforeAll(async () => {
    dir = tempDir('preview-');
    caseFile = join(dir, 'deposit.yaml');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), caseFile);
    original = readFileSync(caseFile, 'utf8');
    // A process of its own: Ctrl-C (SIGINT) must stop it cleanly.
    cli = spawn(process.execPath, [YOSHIKI, 'preview', caseFile, '--port', '0'], { cwd: new URL('../..', import.meta.url).pathname });
    cli.stdout.on('data', (b) => { output += b; });
    cli.stderr.on('data', (b) => { output += b; });
    url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL printed: ${output}`)), 30_000);
      cli.stdout.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]+)/.exec(output);
        if (m) (clearTimeout(timer), ok(m[1]));
      });
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (cli && cli.exitCode === null) cli.kill('SIGKILL');
  });

  /** Does the first page canvas hold ink (dark pixels), i.e. did pdf.js really draw the PDF? */
  const canvasHasInk = () => page.waitForFunction(() => {
    const c = document.querySelector('#paper canvas') as HTMLCanvasElement | null;
    if (!c) return false;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 100 && data[i + 3] > 0) dark++;
    return dark > 500;
  }, undefined, { timeout: 20_000 });

  const paperText = () => page.locator('#paper').textContent().then((t) => (t ?? '').replace(/\s+/g, ''));

  it('shows the rendered document, follows an edit, shows a broken file\'s error, and recovers', async () => {
    // This machine has no Japanese font: text drawn while yoshiki's own face was still loading kept
    // tofu (the disabled Save button, the status, the tabs). The face held back 500 ms, the page must
    // not be shown before it is in: the face's state is noted when the page first shows.
    await page.route('**/ipaexm.ttf', async (route) => { await new Promise((ok) => setTimeout(ok, 500)); await route.continue(); });
    await page.addInitScript(() => new MutationObserver((_, observer) => {
      if (!document.documentElement?.dataset.fonts) return;
      const face = [...document.fonts].find((f) => f.family.includes('IPAex Mincho (yoshiki)'));
      document.documentElement.dataset.faceWhenShown = face?.status ?? 'none';
      observer.disconnect();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-fonts'] }));
    await page.goto(url);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.faceWhenShown)).toBe('loaded');
    await canvasHasInk();
    await expect.poll(paperText, { timeout: 10_000 }).toContain('出版物納入書');
    expect(await page.locator('#tabs button').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('#messages').textContent(), { timeout: 5_000 }).toContain('エラーはありません');

    // An edit on disk appears without a reload.
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    writeFileSync(caseFile, original.replace(/^(\s+title: ).*$/m, '$1新しい書名の見本'));
    await expect.poll(paperText, { timeout: 10_000 }).toContain('新しい書名の見本');
    expect(navigations).toEqual([]);

    // A syntax error: the message with its line; the last render stays, marked out of date.
    const broken = original.replace(/^(\s+title: ).*$/m, '$1"閉じていない引用符');
    const line = broken.split('\n').findIndex((l) => l.includes('閉じていない引用符')) + 1;
    writeFileSync(caseFile, broken);
    await expect.poll(() => page.locator('#messages .problem.error .where').first().textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`deposit\\.yaml:(${line}|${line + 1}):`));
    await expect.poll(() => page.locator('#banner').count()).toBe(1);
    expect(await page.locator('#paper').getAttribute('class')).toContain('stale');
    expect(await page.locator('#paper canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(dir, 'preview-broken.png') });

    // Fixed: the render comes back, current again.
    writeFileSync(caseFile, original.replace(/^(\s+title: ).*$/m, '$1直した書名'));
    await expect.poll(paperText, { timeout: 10_000 }).toContain('直した書名');
    expect(await page.locator('#banner').count()).toBe(0);
    await canvasHasInk();
    await page.screenshot({ path: join(dir, 'preview.png'), fullPage: false });
    process.stdout.write(`preview screenshots: ${dir}/preview.png, preview-broken.png\n`);
  }, 90_000);

  it('saves an edit of the page; an outside edit meanwhile is a conflict, reloaded from the file', async () => {
    // The edit as the page's form sends it (the form itself is form.js's, tested with it).
    const edit = (title: string) => page.evaluate(async (value) => {
      const t = new URLSearchParams(location.search).get('t')!;
      const res = await fetch('/api/edit', { method: 'POST', headers: { 'X-Yoshiki-Token': t, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ops: [{ op: 'set', path: ['publication', 'title'], value }] }) });
      return res.status;
    }, title);
    const before = readFileSync(caseFile, 'utf8');
    expect(await edit('ページで直した書名')).toBe(200);
    await expect.poll(paperText, { timeout: 10_000 }).toContain('ページで直した書名');
    await expect.poll(() => page.locator('#save').isEnabled()).toBe(true);
    expect(readFileSync(caseFile, 'utf8')).toBe(before);
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(caseFile, 'utf8'), { timeout: 5_000 }).toContain('ページで直した書名');
    const changed = readFileSync(caseFile, 'utf8').split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);

    expect(await edit('保存しない書名')).toBe(200);
    writeFileSync(caseFile, original.replace(/^(\s+title: ).*$/m, '$1エディタで直した書名'));
    await expect.poll(() => page.locator('#conflict').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('#save').click();
    await page.waitForTimeout(300);
    expect(readFileSync(caseFile, 'utf8')).toContain('エディタで直した書名'); // never a silent overwrite
    await page.screenshot({ path: join(dir, 'editor-conflict.png') });
    await page.locator('#reload').click();
    await expect.poll(() => page.locator('#conflict').isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(paperText, { timeout: 10_000 }).toContain('エディタで直した書名');
  }, 60_000);

  it('offers each document in each format, all as a zip, and print, with the page\'s token', async () => {
    const links = await page.locator('#download-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(4);
    const first = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)), disposition: res.headers.get('content-disposition') };
    }, links.find((l) => /\.pdf\?/.test(l))!);
    expect(first).toMatchObject({ status: 200, head: '%PDF-' });
    expect(first.disposition).toMatch(/^attachment/);
    expect(await page.locator('#download-all').getAttribute('href')).toMatch(/^\/download\/all\.zip\?t=/);
    expect(await page.locator('#print').getAttribute('href')).toMatch(/^\/print\?t=/);
  }, 30_000);

  it('stops cleanly on Ctrl-C (SIGINT)', async () => {
    await page.close();
    const code = await new Promise<number | null>((ok) => {
      cli.once('exit', (c) => ok(c));
      cli.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(output).toContain('Preview stopped');
    expect(output).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  }, 20_000);
});
