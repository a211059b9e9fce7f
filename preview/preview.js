// The preview page: draws the current render of each document with pdf.js (served by yoshiki
// itself, no CDN), lists the check messages, and follows the server's updates without reloading.
import * as pdfjs from '/pdf.mjs';
import { mountViewer } from '/viewer.js';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';

const $ = (id) => document.getElementById(id);
let state = null;
let selected = null;
let drawn = '';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** Japanese or English first, as the form's clerk reads it. */
const say = (ja, en) => (state?.english ? `${en} / ${ja}` : `${ja} / ${en}`);

function showTabs() {
  const tabs = $('tabs');
  tabs.replaceChildren(...state.documents.map((d) => {
    const b = el('button', { role: 'tab', 'aria-selected': String(d.file === selected), title: d.file }, d.title);
    b.addEventListener('click', () => { selected = d.file; showTabs(); void showDocument(); });
    return b;
  }));
}

function showMessages() {
  const box = $('messages');
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  const head = errors
    ? el('p', {}, say(`エラー ${errors} 件`, `${errors} error${errors === 1 ? '' : 's'}`))
    : el('p', { class: 'ok' }, say('エラーはありません', 'No errors'));
  box.replaceChildren(head, ...state.problems.map((p) => el('div', { class: `problem ${p.severity}` },
    el('div', { class: 'where' }, `${p.where}${p.field ? `  ${p.field}` : ''}${p.code ? `  [${p.code}]` : ''}`),
    el('div', { class: 'first' }, p.first),
    el('div', { class: 'second' }, p.second),
    ...(p.hint ? [el('div', { class: 'hint' }, `→ ${p.hint}`)] : []))),
    ...(state.settled ? [el('p', { class: 'settled' }, say(`${state.settled} 件の注意は確認済み`, `${state.settled} settled warning${state.settled === 1 ? '' : 's'}`))] : []));
  $('status').textContent = state.stale ? say('古い表示（エラーを直すと更新されます）', 'Out of date (fix the errors to update)')
    : state.ok ? say('最新', 'Up to date') : '';
}

/** The papers viewer (viewer.js), made once the form's language is known. */
let viewer = null;

function showDocument() {
  const paper = $('paper');
  paper.classList.toggle('stale', state.stale);
  paper.querySelector('#banner')?.remove();
  if (state.stale) paper.prepend(el('div', { id: 'banner' }, say('ケースファイルにエラーがあります。最後に正しかったときの表示です。', 'The case file has errors: this is its last good render.')));
  const doc = state.documents.find((d) => d.file === selected);
  if (!doc) return;
  if (!viewer) {
    const box = el('div', { id: 'viewer' });
    paper.append(box);
    viewer = mountViewer(box, { pdfjs, english: state.english });
    box.addEventListener('yoshiki:drawn', (e) => { document.body.dataset.rendered = e.detail.key.split('@').pop(); });
  }
  const key = `${doc.file}@${state.renderVersion}`;
  if (key === drawn) return;
  drawn = key;
  void viewer.show({ url: `/doc/${doc.file}?v=${state.renderVersion}`, format: doc.format, key });
}

async function update() {
  state = await (await fetch('/state')).json();
  if (!state.documents.some((d) => d.file === selected)) selected = state.documents[0]?.file ?? null;
  showTabs();
  showMessages();
  showDocument();
  document.body.dataset.version = String(state.version);
}

// One update at a time; updates arriving meanwhile fold into one more.
let busy = null;
let again = false;
async function follow() {
  if (busy) { again = true; return; }
  busy = (async () => { do { again = false; await update(); } while (again); })();
  try { await busy; } finally { busy = null; }
}

new EventSource('/events').addEventListener('update', () => void follow());
