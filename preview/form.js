// STAND-IN for the form (part F of issue 19 replaces this file at the merge; keep the interface):
//   mountForm(container, { schema, data, english, onEdit, upload, files }) → { update({ data, problems, facts, files }), focusField(path) }
//   renderFacts(container, facts, english)
// The real form is generated from the form's schema. This one lists the case's single values as
// labelled text boxes (their YAML paths as labels), enough to edit a case in the page until then.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** Every single value of the case with its path. */
function leaves(value, path = [], out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push({ path, value });
  return out;
}

const key = (path) => JSON.stringify(path);

export function mountForm(container, { data, english, onEdit }) {
  const note = el('p', { class: 'form-note' }, english ? 'The full form comes in a later version; the case\'s values:' : '入力フォームは後の版で加わります。いまはケースの値を直接編集できます:');
  const fields = el('div', { class: 'form-fields' });
  container.replaceChildren(note, fields);
  const draw = (d) => {
    fields.replaceChildren(...leaves(d ?? {}).map(({ path, value }, i) => {
      const id = `field-${i}`;
      const input = el('input', { id, 'data-path': key(path), value: value === null ? '' : String(value) });
      input.addEventListener('input', () => {
        const typed = input.value;
        // A number stays a number, as the case wrote it.
        const next = typeof value === 'number' && typed.trim() !== '' && !Number.isNaN(Number(typed)) ? Number(typed) : typeof value === 'boolean' && /^(true|false)$/.test(typed) ? typed === 'true' : typed;
        onEdit([{ op: 'set', path, value: next }]);
      });
      return el('p', {}, el('label', { for: id }, path.join('.')), ' ', input);
    }));
  };
  draw(data);
  return {
    update({ data: next }) {
      if (next === undefined) return;
      const focused = document.activeElement?.dataset?.path;
      const caret = document.activeElement?.selectionStart;
      draw(next);
      const again = focused && fields.querySelector(`[data-path='${CSS.escape(focused)}']`);
      if (again) (again.focus(), caret != null && again.setSelectionRange(caret, caret));
    },
    focusField(path) {
      const input = fields.querySelector(`[data-path='${CSS.escape(key(path))}']`);
      if (input) (input.scrollIntoView({ block: 'center' }), input.focus());
    },
  };
}

export function renderFacts(container, facts, english) {
  const entries = Object.entries(facts ?? {});
  container.replaceChildren(...(entries.length ? [el('h2', {}, english ? 'Facts' : '計算結果 / Facts'),
    el('dl', {}, ...entries.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]))] : []));
}
