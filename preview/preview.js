// The editor page (README, "The editor"): the form on the left, the papers on the right, the check's
// problems (a click takes you to the field), the facts, and the toolbar — save (with reload / keep
// mine when the file changed on disk), downloads per document and format, all as a zip, print.
// The form (form.js) and the viewer (viewer.js) are modules of their own; this one wires them to the
// server (src/app/preview/server.ts). Every request carries the token of the page's own address.
import * as pdfjs from '/pdf.mjs';
import { mountForm, renderFacts } from '/form.js';
import { mountViewer } from '/viewer.js';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';

/**
 * yoshiki's own Japanese face (preview.css) is loaded before the page is first drawn: Debian's
 * Chromium, on a machine with no Japanese font, keeps tofu in text drawn while the face was still
 * loading (the disabled Save button, the status, the tabs — seen in screenshots), font-display
 * swap or block alike. The page stays undrawn (display: none) until the face is in, or 3 s at most
 * (the length of CSS's block period), so a face that never comes cannot hide the page.
 */
const FONT_WAIT_MS = 3000;
await Promise.race([document.fonts.load('1em "IPAex Mincho (yoshiki)"', '保存').catch(() => {}),
  new Promise((ok) => setTimeout(ok, FONT_WAIT_MS))]);
document.documentElement.dataset.fonts = 'ready';

const token = new URLSearchParams(location.search).get('t') ?? '';
const $ = (id) => document.getElementById(id);
/** Edits are sent this long after the last keystroke: one check per pause, not per key. */
const DEBOUNCE_MS = 300;

let state = null;
let selected = null;
let form = null;
let formOf = null;
let dataVersion = -1;
let viewer = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

const withToken = (path, extra = '') => `${path}?t=${encodeURIComponent(token)}${extra}`;
async function api(path, body) {
  const init = body === undefined ? { headers: { 'X-Yoshiki-Token': token } }
    : { method: 'POST', headers: { 'X-Yoshiki-Token': token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = await res.json().catch(() => ({}));
  return { status: res.status, json };
}

/** Japanese or English first, as the form's clerk reads it. */
const say = (ja, en) => (state?.english ? `${en} / ${ja}` : `${ja} / ${en}`);

// ---- edits: gathered, sent after a pause, one request at a time ----
let pending = [];
/** Edits made on this page, counted: values asked for before the latest of them are older than the form's own. */
let edited = 0;
let timer = null;
let sending = Promise.resolve();
let inFlight = 0;

function onEdit(ops) {
  edited++;
  pending.push(...ops);
  $('save').disabled = false;
  $('status').textContent = say('入力中…', 'Editing…');
  clearTimeout(timer);
  timer = setTimeout(flush, DEBOUNCE_MS);
}

function flush() {
  clearTimeout(timer);
  const ops = pending;
  pending = [];
  if (!ops.length) return sending;
  inFlight++;
  sending = sending.then(async () => {
    const { status, json } = await api('/api/edit', { ops });
    inFlight--;
    if (status !== 200) showError(json.error);
    await follow();
  });
  return sending;
}

const editing = () => pending.length > 0 || inFlight > 0;

function showError(error) {
  if (error) $('status').textContent = say(error.ja, error.en);
}

async function upload(file, _path, purpose) {
  const data = await new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(file);
  });
  const { status, json } = await api('/api/upload', { name: file.name, data, ...(purpose ? { purpose } : {}) });
  if (status !== 200) throw new Error(json.error ? say(json.error.ja, json.error.en) : `upload failed (${status})`);
  return json.name;
}

// ---- what the page shows ----
function showTabs() {
  const shown = state.documents.filter((d) => d.shown);
  $('tabs').replaceChildren(...shown.map((d) => {
    const b = el('button', { type: 'button', role: 'tab', 'aria-selected': String(d.name === selected), title: `${d.name}.${d.shown}` }, d.title);
    b.addEventListener('click', () => { selected = d.name; showTabs(); void showDocument(); });
    return b;
  }));
}

function showMessages() {
  const box = $('messages');
  if (!state.file) return box.replaceChildren();
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  const head = errors
    ? el('p', {}, say(`エラー ${errors} 件`, `${errors} error${errors === 1 ? '' : 's'}`))
    : el('p', { class: 'ok' }, say('エラーはありません', 'No errors'));
  box.replaceChildren(head, ...state.problems.map((p) => {
    const item = el('button', { type: 'button', class: `problem ${p.severity}` },
      el('div', { class: 'where' }, `${p.where}${p.field ? `  ${p.field}` : ''}${p.code ? `  [${p.code}]` : ''}`),
      el('div', { class: 'first' }, p.first),
      el('div', { class: 'second' }, p.second),
      ...(p.hint ? [el('div', { class: 'hint' }, `→ ${p.hint}`)] : []));
    item.addEventListener('click', () => form?.focusField(p.path));
    return item;
  }), ...(state.settled ? [el('p', { class: 'settled' }, say(`${state.settled} 件の注意は確認済み`, `${state.settled} settled warning${state.settled === 1 ? '' : 's'}`))] : []));
}

/** The page's fixed controls (Japanese first in index.html), labelled in the form's language first like the rest. */
const CONTROL_LABELS = [['#save', '保存', 'Save'], ['#downloads summary', 'ダウンロード', 'Download'], ['#download-all', 'すべて（zip）', 'All (zip)'],
  ['#print', '印刷', 'Print'], ['#reload', 'ファイルの内容を読み込む', 'Reload the file'], ['#keep', '自分の変更で上書き保存', 'Keep mine and save']];

function showToolbar() {
  for (const [selector, ja, en] of CONTROL_LABELS) document.querySelector(selector).textContent = say(ja, en);
  $('file').textContent = state.file ? `${state.file}${state.dirty ? ' ●' : ''}` : '';
  $('save').disabled = !state.file || (!state.dirty && !editing());
  $('status').textContent = editing() ? say('入力中…', 'Editing…')
    : state.rendering ? say('書類を作っています…', 'Making the papers…')
    : state.stale ? say('古い表示（エラーを直すと更新されます）', 'Out of date (fix the errors to update)')
    : state.ok ? say('最新', 'Up to date') : '';
  $('conflict').hidden = !state.diskChanged;
  const can = state.documents.length > 0;
  for (const id of ['download-all', 'print']) $(id).setAttribute('aria-disabled', String(!can));
  // Nothing to download yet (no case, or none valid so far): the menu stays shut.
  $('downloads').querySelector('summary').setAttribute('aria-disabled', String(!can));
  if (!can) $('downloads').open = false;
  if (can) {
    $('download-all').href = withToken('/download/all.zip');
    $('download-all').setAttribute('download', '');
    $('print').href = withToken('/print', `&v=${state.renderVersion}`);
  } else for (const id of ['download-all', 'print']) $(id).removeAttribute('href');
  $('download-list').replaceChildren(...state.documents.map((d) => el('li', {}, d.title, ...d.formats.map((f) =>
    el('a', { href: withToken(`/download/${encodeURIComponent(`${d.name}.${f}`)}`), download: `${d.name}.${f}` }, f.toUpperCase())))));
}

/** Papers asked of the viewer, counted: only the latest one's arrival is announced. */
let documentsAsked = 0;
async function showDocument() {
  const paper = $('paper');
  paper.querySelector('#banner')?.remove();
  if (state.stale) paper.prepend(el('div', { id: 'banner' }, say('ケースにエラーがあります。最後に正しかったときの表示です。', 'The case has errors: this is its last good render.')));
  paper.classList.toggle('stale', state.stale);
  // Nothing rendered yet because the case has errors: say so where the papers will be, not a blank pane.
  if (!state.ok && !state.documents.length && state.form) paper.prepend(el('div', { id: 'banner' },
    say('エラーを直すと、ここに書類が表示されます（左のエラーの一覧から、その項目へ移れます）。',
      'Once the errors are fixed, the papers appear here (the list of errors on the left takes you to each field).')));
  const doc = state.documents.find((d) => d.name === selected && d.shown);
  const asked = ++documentsAsked;
  if (!doc) return void (viewer?.destroy(), viewer = null);
  const version = state.renderVersion;
  await viewerFor(state.english).show({ url: withToken(`/doc/${encodeURIComponent(`${doc.name}.${doc.shown}`)}`, `&v=${version}`), format: doc.shown, key: `${doc.name}@${version}` });
  // A paper asked for since is on its way (the viewer drops this one for it): not said to be shown.
  if (asked === documentsAsked) document.body.dataset.rendered = String(version);
}

/** The viewer, in the form's language; a destroyed one is done with (its worker ended), so a new one is mounted. */
let viewerEnglish = null;
function viewerFor(english) {
  if (viewer && viewerEnglish === english) return viewer;
  viewer?.destroy();
  viewerEnglish = english;
  return (viewer = mountViewer($('viewer'), { pdfjs, english }));
}

async function showForm() {
  if (!state.form) return;
  if (state.form !== formOf) {
    const [{ json: schema }, { json: data }] = await Promise.all([api('/api/schema'), api('/api/case')]);
    form = mountForm($('form'), { schema, data: data.data, english: state.english, onEdit, upload, files: state.files });
    formOf = state.form;
    dataVersion = data.version;
    document.body.dataset.values = String(dataVersion);
    // A case opened with mistakes shows each at its field from the start, not from its next check.
    return form.update({ problems: state.problems, files: state.files });
  }
  // While the clerk types, the server's copy is behind the form's: the form keeps its own until the edits are in.
  if (editing() || state.version === dataVersion) return form.update({ problems: state.problems, facts: state.facts, files: state.files });
  const asked = edited;
  const { json: data } = await api('/api/case');
  // An edit made while the answer was on its way (sent, even answered, meanwhile) is newer than it: the
  // answer is dropped, and the edit's own update asks again. An answer older than the values shown is dropped too.
  if (editing() || edited !== asked || data.version < dataVersion) return form.update({ problems: state.problems, files: state.files });
  dataVersion = data.version;
  document.body.dataset.values = String(dataVersion);
  form.update({ data: data.data, problems: state.problems, facts: state.facts, files: state.files });
}

async function showStart() {
  const start = $('start');
  start.hidden = Boolean(state.file);
  if (state.file || start.dataset.ready) return;
  start.dataset.ready = 'yes';
  const { json: forms } = await api('/api/forms');
  $('start-form').replaceChildren(...forms.map((f) => el('option', { value: f.id }, `${f.title.ja} / ${f.title.en}`)));
  // A name is offered (the form's, as `yoshiki new` names its file) until the clerk types one; ".yaml" is added when left off.
  const offer = () => { if (!$('start-name').dataset.typed) $('start-name').value = `${$('start-form').value}.yaml`; };
  $('start-form').addEventListener('change', offer);
  $('start-name').addEventListener('input', () => { $('start-name').dataset.typed = 'yes'; });
  offer();
  start.addEventListener('submit', async (e) => {
    e.preventDefault();
    const typed = $('start-name').value.trim();
    const name = /\.ya?ml$/i.test(typed) ? typed.replace(/\.ya?ml$/i, '.yaml') : `${typed}.yaml`;
    const { status, json } = await api('/api/new', { form: $('start-form').value, name });
    $('start-error').textContent = status === 200 ? '' : say(json.error?.ja ?? '', json.error?.en ?? '');
    if (status !== 200) return $('start-name').focus();
    await follow();
    // The clerk carries on at the form's first field.
    $('form').querySelector('[data-slot="ctl"]')?.focus();
  });
}

async function update() {
  state = (await api('/api/state')).json;
  if (!state.documents.some((d) => d.name === selected && d.shown)) selected = state.documents.find((d) => d.shown)?.name ?? null;
  await showStart();
  showToolbar();
  showTabs();
  showMessages();
  renderFacts($('facts'), state.facts, state.english);
  await showForm();
  document.body.dataset.version = String(state.version);
  // Not awaited: loading a big submission's PDF takes a second, and the next check's problems must
  // reach their fields meanwhile (the viewer keeps only the latest paper asked of it).
  void showDocument();
}

// One update at a time; updates arriving meanwhile fold into one more.
let busy = null;
let again = false;
async function follow() {
  if (busy) { again = true; return busy; }
  busy = (async () => { do { again = false; await update(); } while (again); })();
  try { await busy; } finally { busy = null; }
}

async function save(force = false) {
  await flush();
  const { status, json } = await api('/api/save', force ? { force: true } : {});
  if (status === 409 && json.conflict) $('conflict').hidden = false;
  else if (status !== 200) showError(json.error);
  await follow();
}

$('save').addEventListener('click', () => void save());
$('downloads').addEventListener('toggle', (e) => {
  if (e.target.open && e.target.querySelector('summary').getAttribute('aria-disabled') === 'true') e.target.open = false;
});
$('keep').addEventListener('click', () => void save(true));
$('reload').addEventListener('click', async () => {
  pending = [];
  await api('/api/reload', {});
  formOf = null; // the form is drawn again from the file's values
  await follow();
});
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); }
  // Ctrl-P prints the papers as filed (the bound PDF, at print resolution), not this page's screen drawing.
  if ((e.ctrlKey || e.metaKey) && e.key === 'p' && $('print').href) { e.preventDefault(); window.open($('print').href, '_blank', 'noopener'); }
});
window.addEventListener('beforeunload', (e) => { if (state?.dirty || editing()) e.preventDefault(); });

new EventSource(withToken('/events')).addEventListener('update', () => void follow());
