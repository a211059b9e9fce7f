/**
 * The live preview: a real Chromium (Debian's, driven by playwright-core) opens the page of a
 * running `yoshiki preview`, sees the rendered page, follows edits of the YAML on disk, shows a
 * syntax error with its line while keeping the last render marked out of date, and recovers. The
 * server refuses traversal, foreign Host headers and anything that is not a page asset or a render.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from './helpers.js';

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

beforeAll(async () => {
  dir = tempDir('preview-');
  caseFile = join(dir, 'deposit.yaml');
  copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), caseFile);
  original = readFileSync(caseFile, 'utf8');
  cli = spawn(process.execPath, ['bin/yoshiki.js', 'preview', caseFile, '--port', '0'], { cwd: new URL('..', import.meta.url).pathname });
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

describe('the preview in Chromium', () => {
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

/** A raw HTTP GET with the path as written (no normalisation) and any Host header. */
let serverUrl: string;
function get(path: string, host?: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(serverUrl);
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.on('data', (b) => { body += b; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the preview server refuses what it must', () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    const { startPreview } = await import('../src/app/preview/server.js');
    const d = tempDir('preview-srv-');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), join(d, 'case.yaml'));
    server = await startPreview(join(d, 'case.yaml'), 0);
    serverUrl = server.url;
  });
  afterAll(() => server.close());

  it('serves the page, its assets, the state and a current render', async () => {
    expect((await get('/')).body).toContain('<nav id="tabs"');
    expect((await get('/pdf.mjs')).status).toBe(200);
    expect((await get('/doc/deposit-form.pdf')).body.startsWith('%PDF-')).toBe(true);
    expect(JSON.parse((await get('/state')).body)).toMatchObject({ ok: true, form: 'deposit' });
    expect((await get('/', `localhost:${new URL(serverUrl).port}`)).status).toBe(200);
  });
  it.each([
    '/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/doc/../../package.json', '/doc/..%2F..%2Fpackage.json',
    '/doc/%2e%2e%2fcase.yaml', '/case.yaml', '/doc/case.yaml', '/doc/deposit-form.docx', '/node_modules/pdfjs-dist/package.json',
    '/preview/', '/doc/', '//etc/passwd',
  ])('404 for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('"name"');
  });
  it('403 for a foreign Host header (DNS rebinding), even on a valid path', async () => {
    const { port } = new URL(serverUrl);
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', '127.0.0.1:1', `localhost.evil.example:${port}`])
      expect((await get('/state', host)).status, host).toBe(403);
  });
});

describe('the preview follows the files a case names', () => {
  it('replacing the reading-room photo re-renders the registration', async () => {
    const { startPreview } = await import('../src/app/preview/server.js');
    const d = tempDir('preview-named-');
    copyFileSync(join(FIXTURES, 'ill-registration.yaml'), join(d, 'case.yaml'));
    copyFileSync(join(FIXTURES, 'reading-room.png'), join(d, 'reading-room.png'));
    const server = await startPreview(join(d, 'case.yaml'), 0);
    try {
      const first = server.state();
      expect(first).toMatchObject({ ok: true, english: true });
      writeFileSync(join(d, 'reading-room.png'), readFileSync(join(FIXTURES, 'cover-photo.png')));
      await expect.poll(() => server.state().renderVersion, { timeout: 10_000 }).toBeGreaterThan(first.renderVersion);
      // An unreadable photo: the error at its field, the last render kept and marked out of date.
      writeFileSync(join(d, 'reading-room.png'), 'not a picture');
      await expect.poll(() => server.state().stale, { timeout: 10_000 }).toBe(true);
      expect(server.state().problems[0]).toMatchObject({ severity: 'error', field: 'enclosures.reading_room_photo' });
      expect(server.state().problems[0].first).toMatch(/PNG or JPEG/);
    } finally {
      await server.close();
    }
  }, 30_000);
});
