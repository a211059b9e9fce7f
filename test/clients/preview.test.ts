/**
 * The live preview: a real Chromium (Debian's, driven by playwright-core) opens the page of a
 * running `yoshiki preview`, sees the rendered page, follows edits of the YAML on disk, shows a
 * syntax error with its line while keeping the last render marked out of date, recovers, and stops
 * cleanly on Ctrl-C. What the server refuses is in test/unit/preview.test.ts.
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
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
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
    await page.goto(url);
    await canvasHasInk();
    await expect.poll(paperText, { timeout: 10_000 }).toContain('出版物納入書');
    expect(await page.locator('#tabs button').count()).toBeGreaterThanOrEqual(4);
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
