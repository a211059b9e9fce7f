// The case as a form, generated from the form's editor schema (`yoshiki schema <form>`, with the
// browser hints README "The editor schema" lists): every edit becomes ops for the server
// (set / delete / insert / move, paths as in problem.path), every problem is shown at its field.
// A plain ES module, no build step. An update re-renders the form detached and, when its shape is
// unchanged (the usual case: a value typed), copies only values and messages into the live form, so
// focus, caret, an IME composition and open groups stay as they were.

const HALF = (s) => String(s).replace(/[０-９Ａ-Ｚａ-ｚ．／－，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const keyOf = (path) => JSON.stringify(path);
const getAt = (data, path) => path.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), data);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A title as a button or an entry names it: up to its first comma or bracket ("Postal address, one line per entry…" → "Postal address"). */
const brief = (title) => title.split(/[,、（(]/)[0].trim() || title;
const groupDigits = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A schema title or description, "日本語 / English": the form's language first. */
function words(text, english) {
  if (!text) return ['', ''];
  const at = text.indexOf(' / ');
  const [ja, en] = at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 3)];
  return english && en ? [en, ja] : [ja, en];
}

/**
 * What a description adds to its label, language by language ("申請日（省略すると今日） / Date (today
 * when omitted)" under "申請日 / Date" → "省略すると今日 / Today when omitted"): the label's words
 * and the punctuation after them dropped, a bracket that then opens the rest unwrapped. '' when the
 * description only repeats the label.
 */
export function beyondLabel(description, label) {
  if (!description) return '';
  const [dJa, dEn] = words(description, false);
  const [lJa, lEn] = words(label ?? '', false);
  const ja = afterLabel(dJa, lJa);
  const en = afterLabel(dEn, lEn);
  const sentence = (t) => (t && t !== dEn.trim() ? t.charAt(0).toUpperCase() + t.slice(1) : t);
  return ja && en ? `${ja} / ${sentence(en)}` : ja || sentence(en);
}

function afterLabel(text, label) {
  const t = text.trim();
  if (!label || !t.startsWith(label.trim())) return t;
  let rest = t.slice(label.trim().length).replace(/^[\s:：;；,，、。.]+/, '');
  const close = closingBracket(rest);
  if (close > 0) rest = rest.slice(1, close) + rest.slice(close + 1);
  return rest.trim();
}

/** Where the bracket that opens `text` closes (brackets inside it counted), or -1. */
function closingBracket(text) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if ('（('.includes(text[i])) depth++;
    else if ('）)'.includes(text[i]) && --depth === 0) return i;
    if (depth === 0) return -1;
  }
  return -1;
}

// ---- dates: the era beside, read and written with the eras the schema carries (src/base/era.ts) ----

const ERA_FORMAT = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { dateStyle: 'long', timeZone: 'UTC' });

/** The ISO day a typed date names (2026-12-01, 2026/12/1, 2026年12月1日, 令和8年12月1日, R8.12.1), or null. */
export function readDate(typed, eras) {
  const s = HALF(typed).trim().replace(/元年/, '1年');
  let m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(s);
  let year;
  if (m) year = Number(m[1]);
  else {
    m = /^(\S+?)(\d{1,2})[年.](\d{1,2})[月.](\d{1,2})日?$/.exec(s);
    const era = m && eras.find((e) => e.name === m[1] || e.letter === m[1].toUpperCase());
    if (!era) return null;
    year = Number(era.from.slice(0, 4)) + Number(m[2]) - 1;
    m = [m[0], '', m[3], m[4]];
  }
  const iso = `${year}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** What is shown beside a date: the other calendar's writing of the same day. */
function dateAside(value, eras) {
  if (value === undefined || value === '') return '';
  const iso = readDate(value, eras);
  if (!iso) return '';
  const era = ERA_FORMAT.format(new Date(`${iso}T00:00:00Z`));
  return HALF(value).trim() === iso ? era : `${era}（${iso}）`;
}

/** A typed amount as the schema reads it: 1800 or "1,800" as the number, anything else as typed (check explains). */
function readAmount(typed) {
  const s = HALF(typed).trim();
  return /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s) ? Number(s.replace(/,/g, '')) : typed;
}

// ---- choices ----

/** The schema's enum lists keys then labels ("代償金": "compensation と同じ / same as compensation"): each key once, with its label. */
function choiceOptions(node) {
  const descriptions = node.enumDescriptions ?? [];
  return node.enum
    .map((value, i) => ({ value, label: descriptions[i] ?? String(value) }))
    .filter((o) => !/ same as \S+$/.test(o.label));
}

/** The key a written value stands for (代償金 → compensation; はい → true). */
function canonical(node, value) {
  const i = node.enum.indexOf(value);
  if (i < 0) return value;
  const same = / same as (\S+)$/.exec(node.enumDescriptions?.[i] ?? '');
  if (!same) return value;
  return node.enum.find((v) => String(v) === same[1]) ?? value;
}

const isChoice = (node) => Array.isArray(node?.enum);
const isYesNo = (node) => isChoice(node) && node.enum.includes(true);

/** Whether a field matters given its siblings (x-yoshiki-when: the rules refuse it otherwise). */
function relevant(node, parent, parentNode) {
  const when = node['x-yoshiki-when'];
  if (!when) return true;
  const control = parentNode?.properties?.[when.field];
  const value = parent?.[when.field] ?? control?.default;
  return when.is.includes(control && isChoice(control) ? canonical(control, value) : value);
}

/** The branch of a union a value takes: for objects, the one whose discriminator (const) it holds. */
function branchOf(node, value) {
  const branches = node.oneOf ?? node.anyOf;
  if (isObject(value)) {
    const objects = branches.filter((b) => b.type === 'object');
    return objects.find((b) => Object.entries(b.properties).some(([k, p]) => p.const !== undefined && p.const === value[k])) ?? objects[0];
  }
  return branches.find((b) => b.type !== 'object') ?? branches[0];
}

const discriminatorOf = (node) => Object.keys(node.oneOf[0].properties).find((k) => node.oneOf.every((b) => b.properties[k]?.const !== undefined));
const isDiscriminated = (node) => Array.isArray(node.oneOf) && node.oneOf.every((b) => b.type === 'object') && discriminatorOf(node) !== undefined;
const isTextLike = (node) => node.anyOf && !node.anyOf.some((b) => b.type === 'object');

/** A new entry of a list: an empty mapping, or an empty value to type into. */
function blankOf(node) {
  if (node.type === 'object' || node.anyOf?.some((b) => b.type === 'object') || node.oneOf) return {};
  if (isChoice(node)) return choiceOptions(node)[0].value;
  return '';
}

// ---- applying ops locally (the server applies the same to the YAML) ----

export function applyOp(data, op) {
  const root = { v: data };
  const path = ['v', ...op.path];
  let at = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (at[path[i]] === undefined || at[path[i]] === null) {
      if (op.op === 'delete') return root.v;
      at[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    }
    at = at[path[i]];
  }
  const last = path[path.length - 1];
  if (op.op === 'set') at[last] = op.value;
  else if (op.op === 'delete') Array.isArray(at) ? at.splice(last, 1) : delete at[last];
  else {
    at[last] ??= [];
    const list = at[last];
    if (op.op === 'insert') list.splice(op.index, 0, op.value);
    else list.splice(op.to, 0, ...list.splice(op.from, 1));
  }
  return root.v;
}

// ---- rendering ----

let ids = 0;

/** Fields every form has that a clerk rarely needs (fonts, settled warnings, the agency's own PDF): shown last. */
const LAST = ['fonts', 'acknowledged', 'official_forms'];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== null) node.append(c);
  return node;
}

class Renderer {
  constructor(form) {
    this.f = form;
    this.english = form.english;
    this.eras = form.schema['x-yoshiki-eras'] ?? [];
  }

  t(ja, en) { return this.english ? en : ja; }

  /** The label of a field: its title in the form's language, the other beside, smaller. */
  label(node, name, id, required) {
    const [first, second] = words(node.title ?? node.description ?? name, this.english);
    return el('label', { for: id, class: 'yf-label' }, first,
      second ? el('span', { class: 'yf-second', lang: this.english ? 'ja' : 'en' }, ` ${second}`) : null,
      required ? el('span', { class: 'yf-required' }, this.t(' 必須', ' required')) : null);
  }

  /** The description as help, less the label it repeats (`shown`: the text the label was made of); none when nothing is left. */
  help(node, id, shown = node.title ?? node.description) {
    const said = beyondLabel(node.description, shown);
    if (!said) return null;
    const [first, second] = words(said, this.english);
    return el('p', { class: 'yf-help', id }, first, second ? el('span', { class: 'yf-second' }, ` ${second}`) : null);
  }

  /** The root mapping: its fields one after another (form: is the page's title, not a field). */
  root() {
    const { schema, data } = this.f;
    const box = el('div', { class: 'yf-root', 'data-key': keyOf([]) });
    box.append(el('ul', { class: 'yf-problems', 'data-slot': 'problems', 'aria-live': 'polite' }));
    this.fields(box, schema, data ?? {}, []);
    return box;
  }

  fields(box, node, value, path) {
    const required = new Set(node.required ?? []);
    for (const [name, child] of this.ordered(node, path)) {
      const v = value?.[name];
      const shown = relevant(child, value, node) || v !== undefined;
      const part = this.node(child, [...path, name], v, { name, required: required.has(name) });
      if (!shown) part.hidden = true;
      box.append(part);
    }
  }

  /** The schema's order, except at the root: form: is the page's title, and the technical fields every form has go last. */
  ordered(node, path) {
    const entries = Object.entries(node.properties ?? {});
    if (path.length) return entries;
    const last = (name) => LAST.includes(name);
    return [...entries.filter(([n]) => n !== 'form' && !last(n)), ...entries.filter(([n]) => last(n))];
  }

  node(node, path, value, opts) {
    if (node.type === 'array') return this.list(node, path, value, opts);
    if (node.type === 'object' && node.properties) return this.group(node, path, value, opts);
    if (node.type === 'object' && node.additionalProperties) return this.record(node, path, value, opts);
    if (node.oneOf && isDiscriminated(node)) return this.union(node, path, value, opts);
    if ((node.anyOf || node.oneOf) && !isTextLike(node)) return this.node(branchOf(node, value), path, value, opts);
    return this.field(node, path, value, opts);
  }

  /** Folded when optional (<details>, open while it holds something or the clerk opened it). */
  frame(node, path, value, opts, body) {
    const key = keyOf(path);
    const [first, second] = words(node.title ?? opts.name, this.english);
    const heading = [first, second ? el('span', { class: 'yf-second' }, ` ${second}`) : null,
      el('span', { class: 'yf-badge', 'data-slot': 'badge', hidden: true })];
    const problems = el('ul', { class: 'yf-problems', 'data-slot': 'problems', 'aria-live': 'polite' });
    const help = this.help(node, `yf-h${++ids}`, node.title ?? opts.name);
    if (opts.required || opts.item) {
      const box = el('fieldset', { class: 'yf-group', 'data-key': key }, el('legend', {}, ...heading), problems, help);
      box.append(...body);
      return box;
    }
    const remembered = this.f.open.get(key);
    const box = el('details', { class: 'yf-group', 'data-key': key, open: remembered ?? value !== undefined,
      ontoggle: (e) => this.f.open.set(key, e.target.open) }, el('summary', {}, ...heading), problems, help);
    box.append(...body);
    if (value !== undefined)
      box.append(el('button', { type: 'button', class: 'yf-remove-group', onclick: () => this.f.edit([{ op: 'delete', path }]) },
        this.t(`「${brief(words(node.title, false)[0]) || opts.name}」を消す`, `Remove “${brief(words(node.title, true)[0]) || opts.name}”`)));
    return box;
  }

  group(node, path, value, opts) {
    const box = el('div', { class: 'yf-fields' });
    this.fields(box, node, value ?? {}, path);
    return this.frame(node, path, value, opts, [box]);
  }

  /** official_forms: entries by a name the clerk gives (the document's name). */
  record(node, path, value, opts) {
    const entries = Object.entries(value ?? {}).map(([name, v]) => {
      const part = this.node(node.additionalProperties, [...path, name], v, { name, required: true, item: true });
      part.querySelector('legend')?.prepend(`${name}: `);
      part.append(el('button', { type: 'button', class: 'yf-remove-group', 'data-ctl': `${keyOf([...path, name])}remove`,
        onclick: () => this.f.edit([{ op: 'delete', path: [...path, name] }]) }, this.t(`「${name}」を消す`, `Remove “${name}”`)));
      return part;
    });
    const id = `yf-c${++ids}`;
    const [title] = words(node.title, this.english);
    const input = el('input', { id, type: 'text', class: 'yf-new-name', 'data-slot': 'new-name' });
    const add = el('button', { type: 'button', onclick: () => {
      const name = input.value.trim();
      if (name) this.f.edit([{ op: 'set', path: [...path, name], value: {} }]);
    } }, this.t('追加', 'Add'));
    const adder = el('div', { class: 'yf-add' }, el('label', { for: id }, this.t(`${title}: 書類の名前`, `${title}: document name`)), input, add);
    return this.frame(node, path, value, opts, [...entries, adder]);
  }

  /** A repeating part: each entry numbered, with buttons to move it up or down and to remove it. */
  list(node, path, value, opts) {
    const items = Array.isArray(value) ? value : [];
    const title = brief(words(node.title ?? opts.name, this.english)[0]);
    const ol = el('ol', { class: 'yf-items' });
    items.forEach((item, i) => ol.append(this.item(node, path, items, i, title)));
    const add = el('button', { type: 'button', class: 'yf-add-item', 'data-ctl': `${keyOf(path)}add`, onclick: () => this.f.edit(value === undefined
      ? [{ op: 'set', path, value: [blankOf(node.items)] }]
      : [{ op: 'insert', path, index: items.length, value: blankOf(node.items) }]) },
    this.t(`＋ ${title}を追加`, `+ Add to ${title}`));
    return this.frame(node, path, value, opts, [ol, add]);
  }

  item(node, path, items, i, title) {
    const at = [...path, i];
    const n = `${title} ${i + 1}`;
    const button = (text, label, ops, disabled, action) => el('button', { type: 'button', 'aria-label': label, title: label, disabled,
      'data-ctl': `${keyOf(at)}${action}`, onclick: () => this.f.edit(ops) }, text);
    const tools = el('div', { class: 'yf-item-tools' },
      el('span', { class: 'yf-item-number' }, `${i + 1}`),
      button('↑', this.t(`${n}を上へ`, `Move ${n} up`), [{ op: 'move', path, from: i, to: i - 1 }], i === 0, 'up'),
      button('↓', this.t(`${n}を下へ`, `Move ${n} down`), [{ op: 'move', path, from: i, to: i + 1 }], i === items.length - 1, 'down'),
      button('×', this.t(`${n}を削除`, `Remove ${n}`), [{ op: 'delete', path: at }], false, 'remove'));
    const body = this.node(node.items, at, items[i], { name: n, required: true, item: true, itemLabel: n });
    return el('li', { class: 'yf-item' }, tools, body);
  }

  /** A union told apart by a fixed field (compensation: formula): that field as a select, then the branch's fields. */
  union(node, path, value, opts) {
    const name = discriminatorOf(node);
    const branch = value === undefined ? undefined : branchOf(node, value);
    const id = `yf-c${++ids}`;
    const first = node.oneOf[0].properties[name];
    const select = el('select', { id, class: 'yf-ctl', 'data-slot': 'ctl', 'data-ctl': keyOf([...path, name]),
      onchange: (e) => this.switchBranch(node, path, value, name, e.target.value) },
    el('option', { value: '' }, this.t('（選んでください）', '(choose)')),
    ...node.oneOf.map((b) => {
      const [text] = words(b.properties[name].description, this.english);
      return el('option', { value: b.properties[name].const, selected: branch === b }, text.replace(/^[^:：]*[:：]\s*/, ''));
    }));
    const field = el('div', { class: 'yf-field', 'data-key': keyOf([...path, name]) }, this.label(first, name, id, true), select,
      el('ul', { class: 'yf-problems', 'data-slot': 'problems', 'aria-live': 'polite' }));
    const box = el('div', { class: 'yf-fields' }, field);
    if (branch) {
      const rest = { ...branch, properties: Object.fromEntries(Object.entries(branch.properties).filter(([k]) => k !== name)) };
      this.fields(box, rest, value, path);
    }
    return this.frame(node, path, value, opts, [box]);
  }

  /** Another formula: what the new branch also has is kept, the rest would be refused and goes. */
  switchBranch(node, path, value, name, chosen) {
    if (!chosen) return this.f.edit([{ op: 'delete', path }]);
    const branch = node.oneOf.find((b) => b.properties[name].const === chosen);
    const kept = Object.fromEntries(Object.entries(value ?? {}).filter(([k]) => k in branch.properties && k !== name));
    this.f.edit([{ op: 'set', path, value: { [name]: chosen, ...kept } }]);
  }

  /** One value: a select for a choice, a file picker for a file, a text box for the rest. */
  field(node, path, value, opts) {
    const id = `yf-c${++ids}`;
    const helpId = `yf-h${++ids}`;
    // An entry of a list without a title of its own is labelled by its number: its description is then all help.
    const help = this.help(node, helpId, opts.item && !node.title ? undefined : node.title ?? node.description ?? opts.name);
    const common = { id, class: 'yf-ctl', 'data-slot': 'ctl', 'data-ctl': keyOf(path), 'aria-describedby': help ? helpId : undefined };
    const aside = el('span', { class: 'yf-aside', 'data-slot': 'aside', 'aria-live': 'polite' });
    let control;
    if (node.const !== undefined) control = el('output', { ...common }, String(node.const));
    else if (node['x-yoshiki-file']) control = this.file(node, path, value, common, aside);
    else if (isChoice(node)) control = this.select(node, path, value, common, opts);
    else control = this.input(node, path, value, common, aside);
    const label = this.label(node, opts.name, id, opts.required && !opts.item);
    if (opts.item && !node.title) label.textContent = opts.itemLabel;
    return el('div', { class: 'yf-field', 'data-key': keyOf(path), 'data-kind': node['x-yoshiki-kind'] ?? '' },
      label, el('div', { class: 'yf-row' }, control, aside), help,
      el('ul', { class: 'yf-problems', 'data-slot': 'problems', 'aria-live': 'polite' }));
  }

  select(node, path, value, common, opts) {
    const current = value === undefined ? undefined : canonical(node, value);
    const fallback = node.default === undefined ? '' : this.t(`（省略: ${this.optionLabel(node, node.default)}）`, `(default: ${this.optionLabel(node, node.default)})`);
    const options = choiceOptions(node).map((o) => el('option', { value: JSON.stringify(o.value), selected: o.value === current },
      isYesNo(node) ? words(o.label, this.english)[0] : o.label === String(o.value) ? o.label : `${o.label}（${o.value}）`));
    const empty = opts.required && !opts.item && node.default === undefined ? this.t('（選んでください）', '(choose)') : fallback || this.t('（なし）', '(none)');
    return el('select', { ...common, onchange: (e) => this.f.choose(node, path, e.target.value) },
      opts.item ? null : el('option', { value: '' }, empty), ...options);
  }

  optionLabel(node, value) {
    const o = choiceOptions(node).find((c) => c.value === value);
    return o ? words(o.label, this.english)[0] : String(value);
  }

  input(node, path, value, common, aside) {
    const kind = node['x-yoshiki-kind'];
    const shown = value === undefined ? '' : (kind === 'yen' || kind === 'number') && /^\d+$/.test(String(value)) ? groupDigits(String(value)) : String(value);
    const placeholder = node.default !== undefined ? this.t(`省略: ${node.default}`, `default: ${node.default}`)
      : kind === 'date' ? '2026-12-01 / 令和8年12月1日' : undefined;
    // A long text (a method, a search's result) gets room to be read whole.
    const long = (kind === 'text' || kind === undefined) && (shown.length > 40 || shown.includes('\n'));
    const input = el(long ? 'textarea' : 'input', { ...common, type: long ? undefined : 'text', value: long ? undefined : shown, rows: long ? 3 : undefined, placeholder,
      inputmode: kind === 'yen' || kind === 'number' || kind === 'postal' ? 'numeric' : kind === 'phone' ? 'tel' : undefined,
      oninput: (e) => { if (!e.isComposing) this.f.typed(node, path, e.target.value); },
      oncompositionend: (e) => this.f.typed(node, path, e.target.value) });
    if (long) input.value = shown;
    aside.textContent = this.aside(node, value);
    return input;
  }

  aside(node, value) {
    const kind = node['x-yoshiki-kind'];
    if (value === undefined || value === '') return kind === 'yen' ? '円' : '';
    if (kind === 'date') return dateAside(value, this.eras);
    const n = readAmount(String(value));
    if (kind === 'yen') return typeof n === 'number' ? `${groupDigits(String(n))}円` : '円';
    return '';
  }

  /** A file beside the case: one already in its folder, or one picked and copied in by the server. */
  file(node, path, value, common, aside) {
    const spec = node['x-yoshiki-file'];
    const files = this.f.files ?? {};
    const names = Object.keys(files).filter((n) => spec.accept.some((ext) => n.toLowerCase().endsWith(ext)));
    if (value !== undefined && !names.includes(String(value))) names.unshift(String(value));
    const select = el('select', { ...common, onchange: (e) => this.f.edit([e.target.value
      ? { op: 'set', path, value: e.target.value } : { op: 'delete', path }]) },
    el('option', { value: '' }, this.t('（なし）', '(none)')),
    ...names.map((n) => el('option', { value: n, selected: n === value }, n)));
    const [title] = words(node.title ?? path.join('.'), this.english);
    const picker = el('input', { type: 'file', accept: spec.accept.join(','), hidden: true, 'aria-label': this.t(`${title}のファイル`, `File for ${title}`),
      onchange: (e) => {
        const f = e.target.files?.[0];
        e.target.value = ''; // the same file picked again (after renaming it, say) is a change again
        if (f) void this.f.pick(f, path, spec);
      } });
    const pick = el('button', { type: 'button', class: 'yf-pick', 'aria-label': this.t(`ファイルを選ぶ…（${title}）`, `Choose file… (${title})`),
      onclick: () => picker.click() }, this.t('ファイルを選ぶ…', 'Choose file…'));
    const info = value === undefined ? undefined : files[value];
    aside.textContent = info?.rows !== undefined ? this.t(`${info.rows.toLocaleString('ja-JP')} 行`, `${info.rows.toLocaleString('en')} rows`)
      : value !== undefined && !info ? this.t('フォルダにありません', 'not in the folder') : '';
    // A kind the server never takes (a font): chosen among the files already there, never uploaded.
    return el('span', { class: 'yf-file' }, select, ...(purposeOf(spec.accept) ? [pick, picker] : []));
  }
}

// ---- problems ----

function problemItem(p, english) {
  const hint = typeof p.hint === 'string' ? p.hint : p.hint ? (english ? p.hint.en : p.hint.ja) : '';
  return el('li', { class: `yf-problem ${p.severity}` },
    el('span', { class: 'yf-first' }, p.first ?? (english ? p.en : p.ja)),
    el('span', { class: 'yf-second' }, ` ${p.second ?? (english ? p.ja : p.en)}`),
    hint ? el('span', { class: 'yf-hint' }, ` → ${hint}`) : null);
}

/** Each problem at its field, or the nearest shown part of the form above it. */
function placeProblems(root, problems, english) {
  const byKey = new Map([...root.querySelectorAll('[data-key]')].map((e) => [e.dataset.key, e]));
  const shown = (e) => !e.closest('[hidden]');
  for (const p of problems ?? []) {
    const path = p.path ?? [];
    let target = root;
    for (let n = path.length; n >= 0; n--) {
      const e = byKey.get(keyOf(path.slice(0, n)));
      if (e && shown(e)) { target = e; break; }
    }
    const list = target.querySelector(':scope > [data-slot="problems"]') ?? root.querySelector(':scope > [data-slot="problems"]');
    list.append(problemItem(p, english));
    for (let up = target.closest('details'); up; up = up.parentElement?.closest('details')) {
      const badge = up.querySelector(':scope > summary [data-slot="badge"]');
      badge.hidden = false;
      badge.textContent = String(Number(badge.textContent || 0) + 1);
      badge.title = english ? 'problems inside' : '中に問題があります';
    }
  }
}

// ---- the form ----

const IMAGES = ['.png', '.jpg', '.jpeg'];
/** The kinds of file the server takes for a field (an upload's `purpose`, src/app/preview/uploads.ts), from what the field accepts: narrowest first. */
export function purposeOf(accept) {
  const within = (kinds) => accept.length > 0 && accept.every((e) => kinds.includes(e));
  if (within(IMAGES)) return 'image';
  if (within(['.pdf'])) return 'pdf';
  if (within(['.csv', '.xlsx'])) return 'list';
  if (within(['.pdf', ...IMAGES])) return 'attachment';
  return undefined;
}

/** The shape of a rendered form: when it is the same, an update only copies values and messages. */
const shapeOf = (root) => [...root.querySelectorAll('[data-key],[data-slot]')].map((e) => `${e.tagName}${e.dataset.key ?? e.dataset.slot}`).join('|');

export function mountForm(container, { schema, data, english, onEdit, upload, files }) {
  const form = {
    schema, data: structuredClone(data ?? {}), english: !!english, files: files ?? {}, problems: [], open: new Map(),
    composing: false, pending: null,
    /** A file the server refused, by field: said there until another file is picked for it (no check sees it). */
    refused: new Map(),
    edit(ops) {
      for (const op of ops) form.data = applyOp(form.data, structuredClone(op));
      onEdit(ops);
      draw();
    },
    typed(node, path, text) {
      const kind = node['x-yoshiki-kind'];
      const value = text.trim() === '' ? undefined : kind === 'yen' || kind === 'number' || kind === 'rate' ? readAmount(text) : text;
      const op = value === undefined ? { op: 'delete', path } : { op: 'set', path, value };
      form.data = applyOp(form.data, structuredClone(op));
      onEdit([op]);
      const field = container.querySelector(`[data-key="${CSS.escape(keyOf(path))}"] > .yf-row > [data-slot="aside"]`);
      if (field) field.textContent = new Renderer(form).aside(node, value);
    },
    choose(node, path, raw) {
      const value = raw === '' ? undefined : JSON.parse(raw);
      const ops = [value === undefined ? { op: 'delete', path } : { op: 'set', path, value }];
      // Fields this choice makes irrelevant are hidden: what they held would be refused, so it goes with them.
      const parentPath = path.slice(0, -1);
      const parent = structuredClone(getAt(form.data, parentPath) ?? {});
      const parentNode = nodeAt(schema, parentPath, form.data);
      if (value === undefined) delete parent[path.at(-1)]; else parent[path.at(-1)] = value;
      for (const [name, child] of Object.entries(parentNode?.properties ?? {}))
        if (child['x-yoshiki-when']?.field === path.at(-1) && parent[name] !== undefined && !relevant(child, parent, parentNode))
          ops.push({ op: 'delete', path: [...parentPath, name] });
      form.edit(ops);
    },
    async pick(file, path, spec) {
      try {
        const name = await upload(file, path, purposeOf(spec.accept));
        form.refused.delete(keyOf(path));
        form.files = { ...form.files, [name]: form.files[name] ?? { kind: 'file', bytes: file.size } };
        form.edit([{ op: 'set', path, value: name }]);
      } catch (e) {
        form.refused.set(keyOf(path), { severity: 'error', path, first: String(e?.message ?? e), second: '' });
        draw();
      }
    },
  };

  container.classList.add('yf');
  container.replaceChildren();
  container.addEventListener('compositionstart', () => { form.composing = true; });
  container.addEventListener('compositionend', () => {
    form.composing = false;
    if (form.pending) { const next = form.pending; form.pending = null; api.update(next); }
  });

  function draw() {
    const fresh = new Renderer(form).root();
    placeProblems(fresh, [...form.problems, ...form.refused.values()], form.english);
    const live = container.firstElementChild;
    if (live && shapeOf(live) === shapeOf(fresh)) return patch(live, fresh);
    const active = document.activeElement;
    const focus = live?.contains(active) ? { ctl: active.dataset.ctl, start: active.selectionStart, end: active.selectionEnd } : null;
    container.replaceChildren(fresh);
    if (focus?.ctl) {
      const again = fresh.querySelector(`[data-ctl="${CSS.escape(focus.ctl)}"]`);
      again?.focus({ preventScroll: true });
      if (again && focus.start !== null && focus.start !== undefined && 'setSelectionRange' in again) again.setSelectionRange(focus.start, focus.end);
    }
  }

  /** Copies values, messages and what is hidden into the live form, leaving the focused control alone. */
  function patch(live, fresh) {
    const olds = live.querySelectorAll('[data-key],[data-slot]');
    const news = fresh.querySelectorAll('[data-key],[data-slot]');
    olds.forEach((old, i) => {
      const next = news[i];
      old.hidden = next.hidden;
      const slot = old.dataset.slot;
      if (!slot) return;
      if (slot !== 'ctl') return void (old.innerHTML !== next.innerHTML && (old.innerHTML = next.innerHTML));
      if (old === document.activeElement) return;
      if (old.tagName === 'SELECT') {
        if (old.innerHTML !== next.innerHTML) old.innerHTML = next.innerHTML;
        old.value = next.value;
      } else if ((old.tagName === 'INPUT' || old.tagName === 'TEXTAREA') && old.value !== next.value) old.value = next.value;
    });
  }

  const api = {
    update({ data: next, problems, files: nextFiles } = {}) {
      if (form.composing) return void (form.pending = { data: next, problems, files: nextFiles });
      if (next !== undefined) {
        form.data = structuredClone(next);
        // What is being typed is newer than what the server has seen: keep it.
        const active = container.contains(document.activeElement) ? document.activeElement : null;
        if (active?.dataset.ctl && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA')) {
          const path = JSON.parse(active.dataset.ctl);
          const node = nodeAt(schema, path, form.data);
          const typed = active.value.trim() === '' ? undefined : node && ['yen', 'number', 'rate'].includes(node['x-yoshiki-kind']) ? readAmount(active.value) : active.value;
          if (JSON.stringify(typed) !== JSON.stringify(getAt(form.data, path)))
            form.data = applyOp(form.data, typed === undefined ? { op: 'delete', path } : { op: 'set', path, value: typed });
        }
      }
      if (problems) form.problems = problems;
      if (nextFiles) form.files = nextFiles;
      draw();
    },
    focusField(path) {
      const root = container.firstElementChild;
      for (let n = path.length; n >= 0; n--) {
        const box = root?.querySelector(`[data-key="${CSS.escape(keyOf(path.slice(0, n)))}"]`);
        if (!box || box.closest('[hidden]')) continue;
        for (let up = box; up; up = up.parentElement?.closest('details')) if (up.tagName === 'DETAILS' && !up.open) {
          up.open = true;
          form.open.set(up.dataset.key, true);
        }
        box.scrollIntoView({ block: 'center' });
        (box.querySelector('[data-slot="ctl"], summary, button') ?? box).focus({ preventScroll: true });
        return true;
      }
      return false;
    },
  };
  draw();
  return api;
}

/** The schema node of a path, following the data through unions (compensation's formula). */
function nodeAt(schema, path, data) {
  let node = schema;
  for (let i = 0; i < path.length && node; i++) {
    const here = getAt(data, path.slice(0, i));
    if (node.oneOf || node.anyOf) node = branchOf(node, here);
    const k = path[i];
    node = node.type === 'array' ? node.items : node.properties?.[k] ?? (isObject(node.additionalProperties) ? node.additionalProperties : undefined);
  }
  if (node && (node.oneOf || node.anyOf) && !isTextLike(node)) node = branchOf(node, getAt(data, path));
  return node;
}

// ---- the facts ----

const FACT_LABELS = {
  fee: ['手数料', 'Fee'], stamps: ['収入印紙', 'Revenue stamps'], compensation: ['補償金（利用ごと）', 'Compensation by use'],
  compensation_by_work: ['補償金（著作物ごと）', 'Compensation by work'], earliest_filing_date: ['最も早い申請日', 'Earliest filing date'],
  deadline: ['納入期限', 'Deposit deadline'], late: ['期限後', 'Late'], compensation_eligible: ['代償金の対象', 'Compensation due'],
  compensation_estimate: ['代償金の見込み', 'Compensation estimate'], section: ['担当', 'Section'], receipt_due: ['受領報告の期限', 'Receipt due'],
  return_due: ['返却期限', 'Return due'], total_on_loan: ['貸出中の合計点数', 'Items on loan in all'], deposit_exempt: ['供託不要', 'No deposit needed'],
  in_application_use: ['申請中利用', 'Use while pending'], tax_rate: ['消費税率', 'Tax rate'], regime: ['制度', 'Regime'], payee: ['支払先', 'Payee'],
  attachments: ['別添資料', 'Attachments'], fiscal_year_label: ['年度', 'Fiscal year'], counts: ['件数', 'Counts'], list: ['リスト', 'List'],
};
/** Facts whose value is a key of the law's data: said in words. */
const FACT_VALUES = {
  regime: { 2019: ['2019年1月1日からの制度（補償金は供託）', 'Regime of 1 January 2019 (compensation deposited)'],
    2026: ['2026年4月1日からの制度', 'Regime of 1 April 2026'] },
  payee: { 'deposit-office': ['供託所', 'The deposit office'], 'designated-body': ['指定補償金管理機関', 'The designated compensation body'] },
};
const FACTS_SHOWN = 10;
const YEN_FACT = /fee|stamps|compensation(?!_eligible)|estimate|postage|amount/;

function factValue(key, v, english) {
  if (v === null || v === undefined) return '—';
  const said = FACT_VALUES[key]?.[v];
  if (said) return english ? said[1] : said[0];
  if (Array.isArray(v) && !v.length) return english ? 'none' : 'なし';
  if (typeof v === 'boolean') return v ? (english ? 'yes' : 'はい') : (english ? 'no' : 'いいえ');
  if (typeof v === 'number') return key === 'tax_rate' ? `${Math.round(v * 1000) / 10}%` : YEN_FACT.test(key) ? `${groupDigits(String(v))}円` : groupDigits(String(v));
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return english ? v : ERA_FORMAT.format(new Date(`${v}T00:00:00Z`));
  // A list per work may run to thousands: the first few, and how many more.
  if (Array.isArray(v)) return [...v.slice(0, FACTS_SHOWN).map((x) => factValue(key, x, english)),
    ...(v.length > FACTS_SHOWN ? [english ? `and ${v.length - FACTS_SHOWN} more` : `ほか${v.length - FACTS_SHOWN}件`] : [])].join('、');
  if (isObject(v)) return Object.entries(v).map(([k, x]) => `${k}: ${factValue(key, x, english)}`).join('、');
  return String(v);
}

export function renderFacts(container, facts, english) {
  const rows = Object.entries(facts ?? {}).map(([key, v]) => {
    const [ja, en] = FACT_LABELS[key] ?? [key, key];
    return [el('dt', {}, english ? en : ja), el('dd', {}, factValue(key, v, english))];
  });
  container.replaceChildren(...(rows.length ? [el('dl', { class: 'yf-facts' }, ...rows.flat())] : []));
}
