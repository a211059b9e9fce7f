// The papers viewer of the preview page (README, "Preview": big documents). A 2,000-work ruling case
// binds into a 600-page submission; drawing every page before showing any took 20 s and 5.8 GB
// in the browser. So the viewer lays out a placeholder of each page's size at once, draws only
// the pages in view and AHEAD around them (an IntersectionObserver says which are in view) once
// the view rests (REST_MS: pages flown past are not drawn), frees the drawings more than KEEP pages
// away (and cancels a drawing scrolled past before it ends),
// keeps the place in the document when a new render of it comes, and swaps each page's new drawing
// in only once it is drawn, so an edit never flickers through blank pages. Each drawn page keeps
// pdf.js's text layer: the words can be selected and copied. Text documents are shown as text.
//
//   mountViewer(container, { pdfjs, english }) → { show({ url, format: 'pdf'|'txt', key }), destroy() }
//
// `key` names one render of one document; a `url` whose path is the one shown (only its query
// differs) is a new render of the same document, and the place in it is kept.

/**
 * Pages drawn beyond those in view, on each side: the next page ready for a page-down (a screen is
 * about one A4 page here). Each page drawn costs Chromium ~3.4 MB (792×1121 px) in the canvas and as
 * much again in the compositor's copies: reading 50 pages one at a time peaked 36 MB lower with
 * AHEAD 1 and KEEP 2 than with 2 and 4 (README, "The editor in a browser").
 */
const AHEAD = 1;
/** Drawn pages kept beyond those in view, on each side (a page-up shows its drawing); farther ones are freed. */
const KEEP = 2;
/** Page sizes asked of pdf.js at a time, between drawings: 600 pages' sizes arrive in well under a second. */
const SIZE_BATCH = 25;
/**
 * A page is drawn once the view has rested this long (ms): pages flown past are not drawn. Each
 * drawing leaves Chromium ~0.5 MB (pdf.js's canvas states, the picture's copies) that only a full
 * garbage collection frees; the bench's scroll through 600 pages drew 323 of them as it went, and
 * the page's process grew by 150 MB. Kept short of what a reader notices; a scroll that stops on a page
 * draws it, and those around it, as before.
 */
const REST_MS = 150;
/** CSS pixels per PDF point at most (1.4 = the preview's size since it began); less when the pane is narrower. */
const MAX_SCALE = 1.4;

export function mountViewer(container, { pdfjs, english = false }) {
  const say = (ja, en) => (english ? `${en} / ${ja}` : `${ja} / ${en}`);
  linkStyles();
  const root = el('div', 'yv-viewer');
  container.append(root);
  // One worker for every document: a new render does not wait for a worker to start.
  const worker = new pdfjs.PDFWorker();
  /** What is shown: { path, key, format, doc, pages, scale } — pages: { n, box, width, height, page, canvas, text, task, drawn }. */
  let shown = null;
  let latest = 0;
  const inView = new Set();
  /** When the clerk last scrolled (the viewer's own scrolls, which keep the place, do not count). */
  let scrolledAt = -Infinity;
  let ownScroll = false;
  let restTimer = null;
  const onScroll = () => {
    if (!ownScroll) scrolledAt = performance.now();
  };
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const n = Number(e.target.dataset.page);
      if (e.isIntersecting) inView.add(n);
      else inView.delete(n);
    }
    pump();
  });

  async function show({ url, format, key }) {
    if (shown?.key === key) return;
    const mine = ++latest;
    const path = new URL(url, location.href).pathname;
    const same = shown?.path === path && shown.format === format;
    try {
      if (format === 'txt') return await showText(url, mine, { path, key, format }, same);
      const doc = await pdfjs.getDocument({ url, worker }).promise;
      if (mine !== latest) return void doc.destroy();
      const first = await doc.getPage(1);
      if (mine !== latest) return void doc.destroy();
      showPdf({ path, key, format, doc }, first, same);
    } catch (e) {
      if (mine === latest && e?.name !== 'RenderingCancelledException') showProblem(e);
    }
  }

  async function showText(url, mine, next, same) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    const text = await res.text();
    if (mine !== latest) return;
    const top = same ? scroller().scrollTop : null;
    leave();
    // Replaced in one step: no layout between, so the place is kept when it is the same document.
    root.replaceChildren(el('pre', 'yv-text', text));
    if (top === null) scrollToTop();
    finish({ ...next, doc: null, pages: [] });
  }

  function showPdf(next, first, same) {
    const base = first.getViewport({ scale: 1 });
    const old = same ? shown : null;
    // A new render of the same document keeps its scale and its pages' sizes: nothing in view moves.
    next.scale = old?.scale ?? Math.min(MAX_SCALE, Math.max(0.5, (root.clientWidth - 16) / base.width));
    const anchor = old ? anchorOf() : null;
    const count = next.doc.numPages;
    leave(old);
    const pages = [];
    for (let n = 1; n <= count; n++) {
      const p = old?.pages[n - 1] ?? newPage(n);
      p.page = n === 1 ? first : null;
      p.drawn = p.drawn ? 'old' : null;
      pages.push(p);
    }
    for (const p of old?.pages.slice(count) ?? []) (observer.unobserve(p.box), free(p), p.box.remove());
    next.pages = pages;
    // Each new placeholder the first page's size until its own size is known (most papers are one size).
    for (const p of pages.slice(old?.pages.length ?? 0)) size(p, base.width * next.scale, base.height * next.scale);
    if (!old) {
      root.replaceChildren(...pages.map((p) => p.box));
      scrollToTop();
    } else root.append(...pages.slice(old.pages.length).map((p) => p.box));
    for (const p of pages.slice(old?.pages.length ?? 0)) observer.observe(p.box);
    if (anchor) restore(anchor);
    finish(next);
    void learnSizes(next);
    pump();
  }

  /** The new render becomes the shown one; the old document is let go (its canvases stay until replaced). */
  function finish(next) {
    const before = shown;
    shown = next;
    root.dataset.key = next.key;
    root.dataset.pages = String(next.pages.length);
    if (before?.doc && before.doc !== next.doc) void before.doc.destroy();
  }

  /** Stops what the shown document is drawing; without a successor that keeps its pages, removes them. */
  function leave(keeping = null) {
    if (!shown) return;
    for (const p of shown.pages) {
      p.task?.cancel();
      p.task = null;
      if (!keeping) (observer.unobserve(p.box), free(p));
    }
    if (!keeping) inView.clear();
  }

  function newPage(n) {
    const box = el('div', 'yv-page');
    box.dataset.page = String(n);
    // A labelled group (a div's own label is not announced without a role; axe counts it serious).
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', say(`${n} ページ`, `Page ${n}`));
    return { n, box, width: 0, height: 0, page: null, canvas: null, text: null, task: null, drawn: null };
  }

  function size(p, width, height) {
    if (Math.abs(p.width - width) < 0.5 && Math.abs(p.height - height) < 0.5) return;
    p.width = width;
    p.height = height;
    p.box.style.width = `${width}px`;
    p.box.style.height = `${height}px`;
  }

  /** Each page's own size, a batch at a time, the place in the document kept as placeholders above it change. */
  async function learnSizes(doc) {
    for (let from = 1; from < doc.pages.length; from += SIZE_BATCH) {
      const batch = doc.pages.slice(from, from + SIZE_BATCH);
      const got = await Promise.all(batch.map((p) => doc.doc.getPage(p.n).catch(() => null)));
      if (shown !== doc) return;
      const anchor = anchorOf();
      batch.forEach((p, i) => {
        if (!got[i]) return;
        p.page ??= got[i];
        const v = got[i].getViewport({ scale: doc.scale });
        size(p, v.width, v.height);
      });
      if (anchor) restore(anchor);
      pump();
    }
  }

  // ---- drawing: the pages in view first, then those around them; one at a time (pdf.js's worker is one thread).

  let drawing = null;

  function wanted() {
    if (!shown?.pages.length || !inView.size) return { want: [], keep: () => false };
    const first = Math.min(...inView);
    const last = Math.max(...inView);
    const want = [...inView].sort((a, b) => a - b);
    for (let d = 1; d <= AHEAD; d++) want.push(last + d, first - d);
    return {
      want: want.filter((n) => n >= 1 && n <= shown.pages.length),
      keep: (n) => n >= first - KEEP && n <= last + KEEP,
    };
  }

  function pump() {
    if (!shown?.doc) return;
    const { want, keep } = wanted();
    for (const p of shown.pages) if ((p.canvas || p.task) && !keep(p.n)) free(p);
    if (drawing) return;
    const next = want.map((n) => shown.pages[n - 1]).find((p) => p.drawn !== shown.key);
    if (!next) return;
    const resting = performance.now() - scrolledAt;
    if (resting < REST_MS) {
      clearTimeout(restTimer);
      restTimer = setTimeout(pump, REST_MS - resting);
      return;
    }
    drawing = draw(shown, next).catch((e) => {
      if (e?.name !== 'RenderingCancelledException') console.warn('yoshiki viewer:', e);
    }).finally(() => {
      drawing = null;
      pump();
    });
  }

  async function draw(doc, p) {
    const page = (p.page ??= await doc.doc.getPage(p.n));
    if (shown !== doc) return;
    const cssView = page.getViewport({ scale: doc.scale });
    size(p, cssView.width, cssView.height);
    // Sharp on a high-density screen, at most twice (a page's canvas grows with the square).
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const view = page.getViewport({ scale: doc.scale * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(view.width);
    canvas.height = Math.ceil(view.height);
    p.task = page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport: view });
    try {
      await p.task.promise;
    } finally {
      p.task = null;
    }
    // The text layer lies over the picture: the clerk can select and copy the words.
    const text = el('div', 'textLayer');
    text.style.setProperty('--scale-factor', String(doc.scale));
    text.style.setProperty('--total-scale-factor', String(doc.scale));
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport: cssView }).render();
    // The pixels are on the canvas: pdf.js's operator list of the page need not stay (a page drawn
    // and then scrolled past before it was shown would otherwise keep it).
    page.cleanup();
    if (shown !== doc || !wanted().keep(p.n)) return release(canvas);
    // Swapped in whole once drawn: the old drawing stays until then, so nothing flickers.
    const old = p.canvas;
    p.box.replaceChildren(canvas, text);
    if (old) release(old);
    p.canvas = canvas;
    p.text = text;
    p.drawn = doc.key;
    p.box.dataset.drawn = doc.key;
    if (!root.dataset.drawn || root.dataset.drawn !== doc.key) {
      root.dataset.drawn = doc.key;
      root.dispatchEvent(new CustomEvent('yoshiki:drawn', { bubbles: true, detail: { key: doc.key, page: p.n } }));
    }
  }

  /** A page far from view: its drawing, text layer, and pdf.js's cached operator list go. */
  function free(p) {
    p.task?.cancel();
    p.task = null;
    if (p.canvas) release(p.canvas);
    p.box.replaceChildren();
    p.canvas = p.text = null;
    p.drawn = null;
    delete p.box.dataset.drawn;
    p.page?.cleanup();
  }

  // ---- the place in the document: the first page in view and how far down it the view starts.

  function scroller() {
    for (let n = root.parentElement; n; n = n.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(n).overflowY) && n.scrollHeight > n.clientHeight) return n;
    }
    return document.scrollingElement;
  }

  function anchorOf() {
    if (!shown?.pages.length || !inView.size) return null;
    const p = shown.pages[Math.min(...inView) - 1];
    return { p, top: p.box.getBoundingClientRect().top };
  }

  /** The page that was first in view back where it was on screen, whatever changed above it. */
  function restore({ p, top }) {
    if (!p.box.isConnected) return;
    const delta = p.box.getBoundingClientRect().top - top;
    if (Math.abs(delta) >= 1) scrollOwn(null, delta);
  }

  /** A scroll of the viewer's own: its scroll event (dispatched before the next frame) is not the clerk's. */
  function scrollOwn(s, delta) {
    ownScroll = true;
    (s || scroller()).scrollBy(0, delta);
    requestAnimationFrame(() => { ownScroll = false; });
  }

  function scrollToTop() {
    const s = scroller();
    const top = root.getBoundingClientRect().top - (s === document.scrollingElement ? 0 : s.getBoundingClientRect().top);
    if (top < 0) scrollOwn(s, top);
  }

  function showProblem(e) {
    leave();
    root.replaceChildren(el('p', 'yv-problem', say('書類を表示できませんでした。', 'The document could not be shown.') + ` (${e?.message ?? e})`));
    shown = null;
  }

  return {
    show,
    destroy() {
      latest++;
      leave();
      observer.disconnect();
      document.removeEventListener('scroll', onScroll, { capture: true });
      clearTimeout(restTimer);
      void shown?.doc?.destroy();
      shown = null;
      worker.destroy();
      root.remove();
    },
  };
}

/** A canvas let go: its pixels are freed now, not when the garbage collector comes. */
function release(canvas) {
  canvas.width = canvas.height = 0;
  canvas.remove();
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The viewer's styles (viewer.css beside this module), linked once: the page need not know of them. */
function linkStyles() {
  const href = new URL('viewer.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel=stylesheet]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
