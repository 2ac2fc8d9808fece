// @ts-check
// Related items (Weiterführende Beiträge): title, media type, duration,
// address and picture per row; moving, removing and adding rows. A duration
// or address that cannot be read is shown at its field, and an unreadable
// duration keeps the story from being saved until it is fixed.
import { $, $maybe, C, T, cfg } from './editor-context.js';
import { el, fieldMessage, flag, labelled, nextId, say } from './editor-dom.js';
import { relatedUrlOk } from './editor-draft.js';
import { changed } from './editor-local-copy.js';
import { openPicker, returnFocusTo } from './editor-picker.js';
import { pictureInfo } from './editor-pictures.js';
import { input } from './editor-rich.js';
import { state } from './editor-state.js';
import { announce, setState } from './editor-status.js';
/**
 * @typedef {import('./editor-types.js').RelatedTeaser} RelatedTeaser
 * @typedef {import('./editor-types.js').MediaType} MediaType
 * @typedef {import('./editor-types.js').LibraryAsset} LibraryAsset
 * @typedef {{ index: number, selector?: string }} Focus which row (and which of its controls) gets the focus after drawing
 */

/** @type {MediaType[]} */
const MEDIA_TYPES = ['article', 'video', 'audio', 'graphic', 'image', 'gallery', 'liveticker'];

/** The draft's related items (an empty list when it has none yet). */
function relatedItems() {
  if (!Array.isArray(state.doc.related)) state.doc.related = [];
  return state.doc.related;
}

/** Draws every row anew; `focus` says where the focus goes. @param {Focus | null} [focus] */
export function renderRelated(focus) {
  const items = relatedItems();
  state.badDurations.forEach(function (_, r) { if (items.indexOf(r) < 0) state.badDurations.delete(r); });
  const list = $maybe('related-list');
  if (!list) return;
  list.textContent = '';
  $('related-empty').hidden = items.length > 0;
  $('related-add').hidden = items.length >= (cfg.limits.related || 50);
  items.forEach(function (r, i) { list.appendChild(relatedRow(r, i, items.length)); });
  if (focus) {
    const row = list.querySelector('li[data-index="' + focus.index + '"]');
    /** @type {HTMLInputElement | null} */
    let target = row && row.querySelector(focus.selector || 'input');
    if (!target || target.disabled) target = row && row.querySelector('input');
    if (target) target.focus();
  }
}

/** One row's fields. @param {RelatedTeaser} r @param {number} i @param {number} n */
function relatedRow(r, i, n) {
  const label = T.relatedItem + ' ' + (i + 1);
  const headId = nextId('rh');
  const li = el('li', { 'data-index': String(i), 'aria-labelledby': headId });
  li.appendChild(el('div', { class: 'block-head' }, [
    el('h2', { id: headId, text: (i + 1) + '. ' + T.relatedItem }),
    el('div', { class: 'block-tools' }, [
      el('button', { type: 'button', class: 'secondary', 'data-act': 'up', disabled: i === 0, text: '↑', 'aria-label': T.moveUp + ': ' + label, onclick: function () { moveRelated(i, -1); } }),
      el('button', { type: 'button', class: 'secondary', 'data-act': 'down', disabled: i === n - 1, text: '↓', 'aria-label': T.moveDown + ': ' + label, onclick: function () { moveRelated(i, 1); } }),
      el('button', { type: 'button', class: 'secondary', 'data-act': 'remove', text: '✕', 'aria-label': T.remove + ': ' + label, onclick: function () { removeRelated(i); } }),
    ]),
  ]));

  li.appendChild(labelled(T.title, input(r.title, function (v) { r.title = v; }, { maxlength: cfg.limits.headline, required: true, 'data-field': 'title' })));

  const type = el('select', { 'data-field': 'mediaType', onchange: function () { r.mediaType = /** @type {MediaType} */ (type.value); changed(); } }, MEDIA_TYPES.map(function (k) {
    return el('option', { value: k, text: T.mediaTypes[k], selected: (r.mediaType || 'article') === k });
  }));

  // Duration: "m:ss" or "h:mm:ss"; an unreadable value stays in the field with a message and blocks saving.
  const durHint = nextId('dh');
  const durMsg = fieldMessage(T.durationBad);
  const bad = state.badDurations;
  const dur = el('input', { type: 'text', id: nextId('dur'), 'data-field': 'duration', autocomplete: 'off', 'aria-describedby': durHint, value: bad.has(r) ? bad.get(r) : C.durationText(r.durationSeconds) });
  const readDuration = /** @param {boolean} show */ function (show) {
    const v = C.parseDuration(dur.value);
    if (v === null) bad.set(r, dur.value);
    else {
      bad.delete(r);
      if (v === undefined) delete r.durationSeconds; else r.durationSeconds = v;
    }
    if (show || v !== null) flag(dur, durMsg, durHint, v === null);
  };
  dur.addEventListener('input', function () { readDuration(false); changed(); });
  dur.addEventListener('change', function () { readDuration(true); });
  if (bad.has(r)) readDuration(true);

  const urlHint = nextId('uh');
  const urlMsg = fieldMessage(T.relatedUrlBad);
  const url = el('input', { type: 'text', inputmode: 'url', 'data-field': 'url', autocomplete: 'off', spellcheck: 'false', maxlength: cfg.limits.url, 'aria-describedby': urlHint, value: r.url || '' });
  url.addEventListener('input', function () {
    const v = url.value.trim();
    if (v) r.url = v; else delete r.url;
    if (relatedUrlOk(v)) flag(url, urlMsg, urlHint, false);
    changed();
  });
  url.addEventListener('change', function () { flag(url, urlMsg, urlHint, !relatedUrlOk(url.value.trim())); });
  if (!relatedUrlOk(r.url || '')) flag(url, urlMsg, urlHint, true);

  li.appendChild(el('div', { class: 'related-grid' }, [
    labelled(T.mediaType, type),
    el('div', null, [el('label', { for: dur.id, text: T.duration }), dur, el('p', { class: 'hint', id: durHint, text: T.durationHint }), durMsg]),
  ]));
  li.appendChild(labelled(T.relatedUrl, url));
  li.appendChild(el('p', { class: 'hint', id: urlHint, text: T.relatedUrlHint }));
  li.appendChild(urlMsg);

  // The picture: from the library (or one from outside, kept as it is), with its own alt text.
  const pic = el('fieldset', { class: 'related-picture' }, [el('legend', { text: T.relatedPicture })]);
  const image = r.image;
  if (image) {
    pic.appendChild(pictureInfo(image));
    const altHint = nextId('alth');
    pic.appendChild(labelled(T.relatedAlt, input(image.alt, function (v) { image.alt = v; }, { maxlength: cfg.limits.alt, 'aria-describedby': altHint, 'data-field': 'alt' })));
    pic.appendChild(el('p', { class: 'hint', id: altHint, text: T.altHint }));
  } else pic.appendChild(el('p', { class: 'muted', text: T.relatedNoPicture }));
  const tools = el('div', { class: 'pick-tools' });
  if (cfg.media) {
    tools.appendChild(el('button', {
      type: 'button', class: 'secondary', 'data-act': 'pick', 'aria-haspopup': 'dialog',
      onclick: function (e) { openPicker(/** @type {HTMLElement} */ (e.currentTarget), function (asset) { chooseForRelated(r, asset); }); },
    }, [r.image ? T.chooseOther : T.choose, el('span', { class: 'vh', text: ' – ' + label })]));
  }
  if (r.image) {
    tools.appendChild(el('button', {
      type: 'button', class: 'secondary', 'data-act': 'remove-picture',
      onclick: function () { removeRelatedPicture(r); },
    }, [T.removePicture, el('span', { class: 'vh', text: ' – ' + T.relatedPicture + ', ' + label })]));
  }
  if (tools.firstChild) pic.appendChild(tools);
  li.appendChild(pic);
  return li;
}

/** @param {RelatedTeaser} r @param {LibraryAsset} asset */
function chooseForRelated(r, asset) {
  const at = state.doc.related.indexOf(r);
  if (at < 0) return;
  r.image = C.withAsset(r.image || { kind: 'image', alt: '' }, asset.id);
  renderRelated();
  // The row was drawn anew: focus goes back to its button, not to the one that is gone.
  returnFocusTo($('related-list').querySelector('li[data-index="' + at + '"] button[data-act="pick"]'));
  changed();
  announce(T.chosen + ' ' + (asset.originalName || T.untitled));
}

/** @param {RelatedTeaser} r */
function removeRelatedPicture(r) {
  const at = state.doc.related.indexOf(r);
  delete r.image;
  renderRelated({ index: at, selector: 'button[data-act="pick"]' });
  changed();
  announce(T.pictureRemoved);
}

/** @param {number} i @param {number} by */
function moveRelated(i, by) {
  const items = state.doc.related;
  const j = i + by;
  if (j < 0 || j >= items.length) return;
  const r = /** @type {RelatedTeaser} */ (items.splice(i, 1)[0]); // i is a drawn row's index
  items.splice(j, 0, r);
  // The focus stays on the moved row's button, or on the other one when this one is now at its end.
  const act = by < 0 ? (j === 0 ? 'down' : 'up') : (j === items.length - 1 ? 'up' : 'down');
  renderRelated({ index: j, selector: 'button[data-act="' + act + '"]' });
  changed();
  announce(T.relatedMoved + ' ' + (j + 1));
}

/** @param {number} i */
function removeRelated(i) {
  const items = state.doc.related;
  const r = /** @type {RelatedTeaser} */ (items.splice(i, 1)[0]); // i is a drawn row's index
  state.badDurations.delete(r);
  renderRelated(items.length ? { index: Math.min(i, items.length - 1), selector: 'button[data-act="remove"]' } : null);
  if (!items.length) $('related-add').focus();
  changed();
  announce(T.relatedRemoved);
}

/** Adds an empty row at the end, its title focused. */
export function addRelated() {
  const items = relatedItems();
  items.push({ title: '', mediaType: 'article' });
  renderRelated({ index: items.length - 1, selector: 'input[data-field="title"]' });
  changed();
  announce(T.relatedAdded);
}

/** Before a save: an unreadable duration is shown at its field (when `loud`), and the save does not go out. @param {boolean} loud */
export function durationsBlock(loud) {
  if (!state.badDurations.size) return false;
  if (!loud) return true;
  /** @type {HTMLInputElement[]} */
  const rows = [];
  $('related-list').querySelectorAll('input[data-field="duration"]').forEach(function (f) {
    f.dispatchEvent(new Event('change'));
    if (f.getAttribute('aria-invalid') === 'true') rows.push(/** @type {HTMLInputElement} */ (f));
  });
  const where = rows.map(function (f) { return T.relatedItem + ' ' + (Number(/** @type {Element} */ (f.closest('li[data-index]')).getAttribute('data-index')) + 1); });
  say($('messages'), T.durationBlocked + (where.length ? ' (' + where.join(', ') + ')' : ''), 'error');
  setState(T.unsaved);
  if (rows[0]) rows[0].focus();
  return true;
}
