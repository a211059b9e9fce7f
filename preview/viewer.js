// STAND-IN for the viewer (part V of issue 19 replaces this file at the merge; keep the interface):
//   mountViewer(container, { pdfjs, english }) → { show({ url, format: 'pdf'|'txt', key }), destroy() }
// This one is the preview's earlier drawing code: every page drawn with pdf.js, a text layer over
// each so the words can be selected, swapped in whole once drawn (no flicker through a blank page).

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

export function mountViewer(container, { pdfjs }) {
  let shown = '';
  let latest = 0;
  return {
    async show({ url, format, key }) {
      if (key === shown) return;
      const ticket = ++latest;
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      let pages;
      if (format === 'txt') {
        pages = [el('pre', { class: 'text' }, new TextDecoder().decode(bytes))];
      } else {
        const pdf = await pdfjs.getDocument({ data: bytes }).promise;
        pages = [];
        for (let n = 1; n <= pdf.numPages; n++) {
          if (ticket !== latest) return; // a newer render was asked for: this one is dropped
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: 1.4 });
          const canvas = el('canvas', { width: String(Math.ceil(viewport.width)), height: String(Math.ceil(viewport.height)) });
          await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
          const text = el('div', { class: 'textLayer' });
          text.style.setProperty('--scale-factor', String(viewport.scale));
          await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
          pages.push(el('div', { class: 'page', 'data-page': String(n) }, canvas, text));
        }
      }
      if (ticket !== latest) return;
      const scroll = document.scrollingElement?.scrollTop ?? 0;
      container.replaceChildren(...pages);
      if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
      shown = key;
    },
    destroy() {
      latest++;
      container.replaceChildren();
    },
  };
}
