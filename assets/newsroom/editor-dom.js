// @ts-check
// Building the editor's DOM: elements with attributes, notices, labelled
// fields and inline field messages. Nothing here knows about stories.
/**
 * @typedef {string | number | boolean | null | undefined | ((event: Event) => unknown)} AttrValue
 * @typedef {Record<string, AttrValue>} Attrs
 * @typedef {Node | string | null | undefined | false} Kid
 */

let uid = 0;

/** A page-unique id ("f12") for labels, hints and messages. @param {string} [prefix] */
export function nextId(prefix) {
  uid += 1;
  return (prefix || 'x') + uid;
}

/**
 * An element: `text`, `class`, `value` and `checked` set the properties,
 * `on…` adds a listener, other attributes are set (true as an empty value;
 * undefined, null and false leave them out).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {Kid[]} [kids]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, kids) {
  const e = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) {
    const v = attrs[k];
    if (v === undefined || v === null || v === false) return;
    if (typeof v === 'function') {
      if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      return;
    }
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = String(v);
    else if (k === 'value') /** @type {HTMLInputElement} */ (e).value = String(v);
    else if (k === 'checked') /** @type {HTMLInputElement} */ (e).checked = !!v;
    else e.setAttribute(k, v === true ? '' : String(v));
  });
  (kids || []).forEach(function (k) { if (k) e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k); });
  return e;
}

/** Replaces a message area's content with one notice (none for an empty text). @param {HTMLElement} node @param {string} text @param {string} [kind] */
export function say(node, text, kind) {
  node.textContent = '';
  if (text) node.appendChild(el('p', { class: 'notice ' + (kind || ''), text: text }));
}

/** A field with its label above it. @param {string} labelText @param {HTMLElement} input */
export function labelled(labelText, input) {
  const id = input.id || (input.id = nextId('f'));
  return el('div', null, [el('label', { for: id, text: labelText }), input]);
}

/** A field's inline message, hidden until flag() shows it. @param {string} text */
export function fieldMessage(text) {
  return el('p', { class: 'field-error', id: nextId('err'), hidden: true, text: text });
}

/**
 * Shows or hides a field's inline message, naming it in aria-describedby while shown.
 * @param {HTMLElement} field @param {HTMLElement} msg @param {string} hintId @param {boolean} bad
 */
export function flag(field, msg, hintId, bad) {
  msg.hidden = !bad;
  field.setAttribute('aria-invalid', bad ? 'true' : 'false');
  field.setAttribute('aria-describedby', bad ? msg.id + ' ' + hintId : hintId);
}
