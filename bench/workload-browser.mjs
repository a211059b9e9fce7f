// The preview in a real browser with a big document (issue 19, "Big documents"): the real
// `yoshiki preview` serving a generated ruling case of 2,000 works (bench/synthetic.mjs), opened in
// Debian's Chromium (playwright-core) on its biggest document, the bound submission (600 pages, A4
// portrait and landscape). It measures
//
// - a change: the case file edited on disk (as a clerk's editor saves it) → the server's new render
//   announced (its `update` event: the settle wait, check and render; read from the server's own
//   event stream) → the first page in view drawn anew (a canvas in the viewport that was not there
//   before the change, seen from inside the page by requestAnimationFrame); the median of `runs`;
// - the browser's memory after loading, scrolling through every page and reading some page by page:
//   the PSS (proportional set size, /proc/<pid>/smaps_rollup: shared pages split between the
//   processes sharing them, so the sum is what the browser costs the machine) summed over
//   Chromium's whole process tree, sampled from the page's opening to the end (the peak, with what
//   each kind of process held then) and once more after a garbage collection; beside it the empty
//   browser's (about:blank, before the page), and the page's own process (the biggest renderer)
//   alone. Two scrolls: through every page a screen each 40 ms (a held key; the viewer draws only
//   where the view rests, so few are drawn), then READ pages one at a time with a pause on each
//   (every one drawn: what a clerk reading costs). The pages drawn in each are counted.
//
// Each wall clock is the machine's (Date.now() in Node, performance.timeOrigin + now() in the page).
// `npm run bench -- --only browser`, or alone: `node bench/workload-browser.mjs [N]`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { ROOT, runAlone } from './harness.mjs';
import { writeSyntheticCase } from './synthetic.mjs';

export const order = 70;

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
/** The document the clerk looks at: the bound submission, the biggest of a ruling case. */
const DOCUMENT = 'submission';
const TARGET = { firstPage: 1.5, mb: 500 };
/** Pages read one at a time after the scroll through, and the pause on each (ms): each is drawn. */
const READ = { pages: 60, pauseMs: 400 };

export async function run({ runs, sizes = [2000], tmp, log }) {
  if (!existsSync(CHROMIUM)) return [{ workload: 'preview in Chromium', note: `${CHROMIUM} is not installed: skipped` }];
  const { chromium } = await import('playwright-core');
  const rows = [];
  for (const n of sizes) {
    const { file } = writeSyntheticCase(join(tmp, String(n)), n);
    const server = await startPreview(file, log);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      rows.push(...(await measureCase({ n, file, server, browser, runs, log })));
    } finally {
      await browser.close();
      server.stop();
    }
  }
  return rows;
}

async function measureCase({ n, file, server, browser, runs, log }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(180_000);
  const tree = processTree;
  const baseline = pssMb(tree());
  const empty = byKind(tree()).map((k) => `${k.kind} ${k.mb.toFixed(0)}`).join(', ');
  let peak = { mb: 0, kinds: '', count: 0 };
  let pagePeak = 0;
  const sampler = setInterval(() => {
    const pids = tree();
    const kinds = byKind(pids);
    const mb = kinds.reduce((sum, k) => sum + k.mb, 0);
    if (mb > peak.mb) peak = { mb, kinds: kinds.map((k) => `${k.kind} ${k.mb.toFixed(0)}`).join(', '), count: pids.length };
    pagePeak = Math.max(pagePeak, kinds.find((k) => k.kind === 'the page\'s renderer')?.mb ?? 0);
  }, 400);
  sampler.unref(); // a workload that fails leaves no timer behind to keep the bench running
  log(`  ${n} works: the page opened, ${DOCUMENT} chosen`);
  const opened = Date.now();
  await page.goto(server.url);
  const firstOpen = ((await chooseDocument(page, DOCUMENT)) - opened) / 1000;

  const changes = [];
  const original = readFileSync(file, 'utf8');
  for (let i = 0; i < runs; i++) {
    await page.evaluate(armWatch);
    const announced = server.nextUpdate();
    const t0 = Date.now();
    writeFileSync(file, original.replace(/(summary: ).*/, `$1各著作物について下記の調査を行った（第${i + 1}回の見直し）が、著作権者の所在は不明であった。`));
    const update = await announced;
    const drawn = await page.evaluate(() => window.__bench.next);
    changes.push({ server: (update - t0) / 1000, first: (drawn - t0) / 1000 });
    log(`  change ${i + 1}: render announced after ${((update - t0) / 1000).toFixed(2)} s, first page in view drawn after ${((drawn - t0) / 1000).toFixed(2)} s`);
  }
  changes.sort((a, b) => a.first - b.first);
  const mid = changes[Math.floor(changes.length / 2)];

  const pages = await page.evaluate(() => document.querySelectorAll('.yv-page').length);
  log(`  scrolling through ${pages} pages`);
  const scrolled = await page.evaluate(turnPages, null);
  log(`  ${scrolled.drawn} pages drawn in the scroll through; reading ${READ.pages} pages one at a time`);
  const read = await page.evaluate(turnPages, READ);
  clearInterval(sampler);
  // What is let go, collected (the page's own heap; V8 would collect it under memory pressure anyway).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(1500);
  const settled = pssMb(tree());
  const pageSettled = biggestRenderer(tree());
  await page.close();
  const name = `preview in Chromium, ${n} works, ${pages}-page ${DOCUMENT}`;
  return [
    { workload: name, engine: 'server: change → render announced', seconds: mid.server, note: `${changes.length} changes: ${changes.map((c) => `${c.server.toFixed(2)}/${c.first.toFixed(2)} s`).join(', ')} (render announced / first page in view drawn)` },
    { workload: name, engine: 'change → first page in view drawn', seconds: mid.first, value: `browser's part ${(mid.first - mid.server).toFixed(2)} s`,
      target: `< ${TARGET.firstPage} s`, met: mid.first < TARGET.firstPage },
    { workload: name, engine: 'page opened → first page drawn', seconds: firstOpen },
    { workload: name, engine: `browser memory, all ${peak.count} processes (PSS)`, rssMb: peak.mb,
      value: `${settled.toFixed(0)} MB after, collected; ${baseline.toFixed(0)} MB empty`,
      target: `< ${TARGET.mb} MB`, met: peak.mb < TARGET.mb,
      note: `at the peak: ${peak.kinds} (empty: ${empty}); scrolled through ${scrolled.pages} pages in ${scrolled.seconds.toFixed(0)} s (${scrolled.drawn} drawn), then read ${read.pages} one at a time in ${read.seconds.toFixed(0)} s (${read.drawn} drawn)` },
    { workload: name, engine: 'the page\'s own process (PSS)', rssMb: pagePeak, value: `${pageSettled.toFixed(0)} MB after, collected` },
  ];
}

/** `yoshiki preview` as a process of its own; its URL, the time of each `update` it announces, and stop(). */
async function startPreview(file, log) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/yoshiki.js'), 'preview', file, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (b) => { output += b; });
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the preview printed no URL: ${output}`)), 120_000);
    child.on('exit', (code) => fail(new Error(`the preview stopped (${code}): ${output}`)));
    child.stdout.on('data', (b) => {
      output += b;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m) (clearTimeout(timer), ok(m[1]));
    });
  });
  log(`  the preview serves ${url}`);
  // The server's own event stream, as the page hears it: the moment each update is announced.
  const waiting = [];
  const events = new URL('events', url);
  events.search = new URL(url).search;
  const request = get(events, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      const parts = buffer.split('\n\n');
      buffer = parts.pop();
      const now = Date.now();
      // The editor announces a change twice: once checked (its problems), once rendered. The render is
      // the one that counts here: an update after which the state says no render is under way.
      for (const part of parts) if (/^event: update/m.test(part)) void rendered(url).then((done) => done && waiting.splice(0).forEach((ok) => ok(now)));
    });
  });
  request.on('error', () => {});
  return {
    url,
    nextUpdate: () => new Promise((ok) => waiting.push(ok)),
    stop: () => (request.destroy(), child.kill('SIGINT')),
  };
}

/** Whether the editor's state shows the last change rendered (no render under way). */
async function rendered(url) {
  const state = new URL('api/state', url);
  state.search = new URL(url).search;
  const res = await fetch(state);
  const { rendering, renderVersion, version } = await res.json();
  return !rendering && renderVersion === version;
}

/**
 * Clicks the document's tab (the page's tabs carry the file as their title) once the first
 * document is drawn; when its first page in view is drawn (ms, the machine's clock).
 */
async function chooseDocument(page, name) {
  const tab = page.locator(`[role=tab][title^="${name}."]`).first();
  await tab.waitFor();
  await page.waitForSelector('canvas');
  await page.evaluate(armWatch);
  await tab.click();
  return page.evaluate(() => window.__bench.next);
}

/**
 * In the page: marks the canvases there are now; window.__bench.next resolves when a canvas not
 * marked is in view (a page drawn anew: both the old preview and the viewer put a canvas in only
 * once it is drawn).
 */
function armWatch() {
  const old = new WeakSet(document.querySelectorAll('canvas'));
  window.__bench ??= {};
  window.__bench.next = new Promise((ok) => {
    const look = () => {
      const fresh = [...document.querySelectorAll('canvas')].some((c) => {
        if (old.has(c)) return false;
        const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.height > 0;
      });
      if (fresh) ok(performance.timeOrigin + performance.now());
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

/**
 * In the page: without `read`, scrolls its document to the end a screen each 40 ms, as a clerk
 * holding a key would; with `read` ({ pages, pauseMs }), backs up that many pages one at a time from
 * the end, pausing on each, as a clerk reading them would. Counts the pages drawn meanwhile. (Run in
 * the page, sent as its source: it cannot call the module's functions.)
 */
async function turnPages(read) {
  let scroller = document.querySelector('.yv-page')?.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
  scroller ??= document.scrollingElement;
  let drawn = 0;
  const watch = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => { if (n.nodeName === 'CANVAS') drawn++; })));
  watch.observe(scroller, { childList: true, subtree: true });
  const start = performance.now();
  const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const boxes = [...document.querySelectorAll('.yv-page')];
  if (read) {
    for (const box of boxes.slice(-read.pages - 1, -1).reverse()) (box.scrollIntoView({ block: 'start' }), await pause(read.pauseMs));
  } else {
    const view = scroller === document.scrollingElement ? innerHeight : scroller.clientHeight;
    while (scroller.scrollTop + view < scroller.scrollHeight - 2) (scroller.scrollBy(0, view * 0.9), await pause(40));
    await pause(1000); // the pages where it stopped, drawn
  }
  watch.disconnect();
  return { pages: read ? read.pages : boxes.length, seconds: (performance.now() - start) / 1000, drawn };
}

/**
 * Chromium's processes: this process's descendants running Chromium (playwright starts the browser
 * as our child; its zygotes, renderers, GPU and utility processes are the browser's descendants).
 */
function processTree() {
  const parent = new Map();
  const chromium = new Set();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) chromium.add(Number(pid));
    } catch { /* gone meanwhile */ }
  }
  const tree = [process.pid];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  return tree.filter((pid) => chromium.has(pid));
}

/** The PSS in MB of the biggest renderer among these processes: the page's own. */
function biggestRenderer(pids) {
  return byKind(pids).find((k) => k.kind === 'the page\'s renderer')?.mb ?? 0;
}

/**
 * These processes' PSS in MB by kind, biggest first: the browser, its zygotes, the GPU process, each
 * utility service (network, storage), the page's renderer (the biggest), and Chromium's other
 * renderers together (a spare kept ready for the next tab, the address bar's popup).
 */
function byKind(pids) {
  const kinds = new Map();
  let page = { pid: 0, mb: 0 };
  for (const pid of pids) {
    let args;
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    } catch { continue; /* gone meanwhile */ }
    const mb = pssMb([pid]);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
    const kind = type === 'utility' ? (args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19).split('.')[0] ?? 'utility') : type;
    if (kind === 'renderer' && mb > page.mb) page = { pid, mb };
    kinds.set(kind, (kinds.get(kind) ?? 0) + mb);
  }
  if (page.pid) kinds.set('renderer', kinds.get('renderer') - page.mb).set('the page\'s renderer', page.mb);
  const named = (kind) => (kind === 'renderer' ? 'other renderers' : kind === 'gpu-process' ? 'GPU' : kind);
  return [...kinds].map(([kind, mb]) => ({ kind: named(kind), mb })).sort((a, b) => b.mb - a.mb);
}

/** The PSS of these processes in MB (smaps_rollup; a process gone meanwhile counts nothing). */
function pssMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone meanwhile */ }
  }
  return kb / 1024;
}

await runAlone(import.meta.url, 'browser', run);
