/**
 * The papers viewer (preview/viewer.js) in Debian's Chromium, on a page of its own (a scrolling
 * pane, as the editor lays the papers out) served from here: a 60-page PDF (pages 46–60 landscape,
 * made with pdf-lib) shows a placeholder of the right size for every page at once but draws only a
 * few; scrolling far draws the pages reached and frees the ones left behind; a new render of the
 * same document keeps the place and swaps the drawing in without a frame without it; a fast scroll
 * draws no page it flies past (the old viewer drew 12 of 26), only the one it rests on; the text layer
 * holds the words; a text document is shown as text. The bench (bench/workload-browser.mjs) measures
 * the same on the real preview with a 600-page submission.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs, tempDir } from '../helpers.js';

/** Where the screenshots go (to look at them: YOSHIKI_SCREENSHOTS=/some/folder); else the run's temporary folder. */
const shots = () => process.env.YOSHIKI_SCREENSHOTS ?? tempDir('viewer-');

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const PAGES = 60;
const LANDSCAPE_FROM = 46;
const PREVIEW = new URL('../../preview/', import.meta.url);
const PDFJS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');

const HARNESS = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>viewer</title></head>
<body style="margin:0"><div id="pane" style="height:100vh;overflow:auto;background:#ddd"><div id="box"></div></div>
<script type="module">
import * as pdfjs from '/pdf.mjs';
import { mountViewer } from '/viewer.js';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
window.viewer = mountViewer(document.getElementById('box'), { pdfjs, english: false });
</script></body></html>`;

/** A PDF of PAGES pages, each saying its number and the render's version in big letters. */
async function manyPages(version: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = pdf.addPage(n >= LANDSCAPE_FROM ? [842, 595] : [595, 842]);
    page.drawText(`Page ${n} version ${version}`, { x: 60, y: page.getHeight() - 120, size: 36, font });
    for (let line = 0; line < 30; line++) page.drawText(`line ${line} of page ${n}`, { x: 60, y: page.getHeight() - 180 - line * 18, size: 12, font });
  }
  return pdf.save();
}

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const docs = new Map<string, { type: string; body: Uint8Array | string }>();

needs('/usr/bin/chromium')('the papers viewer in Chromium', () => {
  beforeAll(async () => {
    docs.set('/doc.pdf', { type: 'application/pdf', body: await manyPages(1) });
    docs.set('/doc.txt', { type: 'text/plain; charset=utf-8', body: '出版物納入書\n一行目のテキスト\n' });
    const assets: Record<string, [string | URL, string]> = {
      '/viewer.js': [new URL('viewer.js', PREVIEW), 'text/javascript'],
      '/viewer.css': [new URL('viewer.css', PREVIEW), 'text/css'],
      '/pdf.mjs': [join(PDFJS, 'pdf.min.mjs'), 'text/javascript'],
      '/pdf.worker.mjs': [join(PDFJS, 'pdf.worker.min.mjs'), 'text/javascript'],
    };
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const doc = docs.get(path);
      const asset = assets[path];
      if (path === '/') res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(HARNESS);
      else if (doc) res.writeHead(200, { 'Content-Type': doc.type }).end(doc.body);
      else if (asset) res.writeHead(200, { 'Content-Type': asset[1] }).end(readFileSync(asset[0]));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'viewer' in window);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const show = (url: string, format: string, key: string) =>
    page.evaluate(([url, format, key]) => (window as any).viewer.show({ url, format, key }), [url, format, key]);
  const drawnPages = () => page.$$eval('.yv-page canvas', (cs) => cs.map((c) => Number((c.parentElement as HTMLElement).dataset.page)));
  const drawn = (n: number, key: string) => page.waitForSelector(`.yv-page[data-page="${n}"][data-drawn="${key}"] canvas`, { timeout: 20_000 });
  const scrollTop = () => page.$eval('#pane', (p) => p.scrollTop);

  it('lays out every page at once and draws only those in view and a few around them, with their text', async () => {
    await show('/doc.pdf?v=1', 'pdf', '1');
    await drawn(1, '1');
    expect(await page.locator('.yv-page').count()).toBe(PAGES);
    // The landscape pages' placeholders are landscape before they are drawn: sizes learned from the PDF.
    await expect.poll(() => page.$eval(`.yv-page[data-page="${PAGES}"]`, (b) => b.clientWidth > b.clientHeight), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(500); // let it draw what it will
    const pages = await drawnPages();
    expect(pages).toContain(1);
    expect(pages.length).toBeLessThanOrEqual(4); // in view (1–2) and one ahead, never the 60
    expect(Math.max(...pages)).toBeLessThanOrEqual(4);
    expect(await page.locator('.yv-page[data-page="1"] .textLayer').textContent()).toContain('Page 1 version 1');
    // The canvas holds ink: pdf.js really drew the page.
    const ink = await page.$eval('.yv-page[data-page="1"] canvas', (c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 100) dark++;
      return dark;
    });
    expect(ink).toBeGreaterThan(500);
    await page.screenshot({ path: join(shots(), 'viewer-top.png') });
  });

  it('draws the pages scrolled to and frees those left far behind', async () => {
    await page.$eval('#pane', (p) => { p.scrollTop = (document.querySelector('.yv-page[data-page="40"]') as HTMLElement).offsetTop; });
    await drawn(40, '1');
    await expect.poll(drawnPages, { timeout: 10_000 }).not.toContain(1);
    const pages = await drawnPages();
    expect(pages.length).toBeLessThanOrEqual(6);
    expect(pages.every((n) => n >= 40 - 2 && n <= 42 + 2)).toBe(true);
    expect(await page.locator('.yv-page[data-page="40"] .textLayer').textContent()).toContain('Page 40 version 1');
  });

  it('keeps the place when the same document is rendered anew, swapping each page without a frame left blank', async () => {
    const before = await scrollTop();
    docs.set('/doc.pdf', { type: 'application/pdf', body: await manyPages(2) });
    // Every frame until the new drawing is in: page 40 must always show a drawing, old or new.
    await page.evaluate(() => {
      const w = window as any;
      w.blankFrames = 0;
      const look = () => {
        if (!document.querySelector('.yv-page[data-page="40"] canvas')) w.blankFrames++;
        if (!document.querySelector('.yv-page[data-page="40"][data-drawn="2"]')) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await show('/doc.pdf?v=2', 'pdf', '2');
    await drawn(40, '2');
    expect(await page.evaluate(() => (window as any).blankFrames)).toBe(0);
    expect(Math.abs((await scrollTop()) - before)).toBeLessThanOrEqual(1);
    expect(await page.locator('.yv-page[data-page="40"] .textLayer').textContent()).toContain('Page 40 version 2');
    expect(await page.locator('.yv-page').count()).toBe(PAGES);
    await page.screenshot({ path: join(shots(), 'viewer-page-40.png') });
  });

  it('draws no page flown past in a fast scroll, and the one it stops on once it rests', async () => {
    // From page 40 up to page 10, one page a frame: what gets a new drawing meanwhile is recorded.
    const during = await page.evaluate(async () => {
      const pane = document.getElementById('pane')!;
      const got = new Set<number>();
      const watch = new MutationObserver((ms) => {
        for (const m of ms) for (const n of m.addedNodes) if (n instanceof HTMLCanvasElement) got.add(Number((m.target as HTMLElement).dataset.page));
      });
      watch.observe(pane, { childList: true, subtree: true });
      for (let n = 39; n >= 10; n--) {
        pane.scrollTop = (document.querySelector(`.yv-page[data-page="${n}"]`) as HTMLElement).offsetTop;
        await new Promise(requestAnimationFrame);
      }
      watch.disconnect();
      return [...got];
    });
    // At most the drawing under way when the scroll began, and one if a frame came late on a busy machine.
    expect(during.filter((n) => n > 11 && n < 38).length).toBeLessThanOrEqual(1);
    await drawn(10, '2');
  });

  it('shows a text document as text, from its top', async () => {
    await show('/doc.txt?v=1', 'txt', 't1');
    await expect.poll(() => page.locator('.yv-text').textContent()).toContain('出版物納入書');
    expect(await page.locator('.yv-page').count()).toBe(0);
    expect(await scrollTop()).toBe(0);
  });
});
