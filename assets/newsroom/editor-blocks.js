// @ts-check
// The story's body: one editor per block (paragraph, heading, figure, quote,
// list, embed, box, ticker entry), moving, removing and adding blocks. Focus
// follows what was done, and each change is announced.
import { $, C, T, cfg } from './editor-context.js';
import { el, labelled, nextId } from './editor-dom.js';
import { newBlock } from './editor-draft.js';
import { changed } from './editor-local-copy.js';
import { openPicker, returnFocusTo } from './editor-picker.js';
import { pictureInfo } from './editor-pictures.js';
import { boxBodyHtml, entryBodyHtml, formatBar, input, listHtml, readBoxBody, readEntryBody, readList, richArea } from './editor-rich.js';
import { state } from './editor-state.js';
import { announce } from './editor-status.js';
/**
 * @typedef {import('./editor-types.js').Block} Block
 * @typedef {import('./editor-types.js').BlockOf<'figure'>} FigureBlock
 * @typedef {import('./editor-types.js').FigureKind} FigureKind
 * @typedef {import('./editor-types.js').LibraryAsset} LibraryAsset
 * @typedef {{ index: number, selector?: string }} Focus which block (and which of its controls) gets the focus after drawing
 */

/** The fields of one block. @param {Block} b @param {number} i @returns {HTMLElement[]} */
function blockEditor(b, i) {
  const label = T.types[b.type] + ' ' + (i + 1);
  switch (b.type) {
    case 'paragraph': {
      const rich = richArea(C.inlinesToHtml(b.content), label, function (r) { b.content = C.inlinesOf(r); }, true);
      rich.addEventListener('blur', function () { rich.innerHTML = C.inlinesToHtml(b.content); });
      rich.setAttribute('data-paste', 'paragraph');
      return [formatBar(rich, label), rich];
    }
    case 'heading': {
      const lvl = el('select', { onchange: function () { b.level = lvl.value === '3' ? 3 : 2; changed(); } }, [
        el('option', { value: '2', text: T.level2, selected: b.level !== 3 }),
        el('option', { value: '3', text: T.level3, selected: b.level === 3 }),
      ]);
      return [labelled(T.level, lvl), labelled(T.text, input(b.text, function (v) { b.text = v; }, { maxlength: 200 }))];
    }
    case 'figure': {
      const kind = el('select', { onchange: function () { b.kind = /** @type {FigureKind} */ (kind.value); changed(); } }, /** @type {FigureKind[]} */ (['image', 'graphic', 'map']).map(function (k) {
        return el('option', { value: k, text: T[k], selected: b.kind === k });
      }));
      const altHint = nextId('alth');
      const parts = [labelled(T.figureKind, kind)];
      // A library picture brings its own file and credit; a figure without one (external graphic, map) keeps its address and credit.
      if (b.assetId) parts.push(pictureInfo(b));
      else parts.push(labelled(T.src, input(b.src, function (v) { b.src = v.trim(); }, { type: 'url' })));
      parts.push(labelled(T.alt, input(b.alt, function (v) { b.alt = v; }, { maxlength: cfg.limits.alt, 'aria-describedby': altHint })));
      parts.push(el('p', { class: 'hint', id: altHint, text: T.altHint }));
      parts.push(labelled(T.caption, input(b.caption, function (v) { b.caption = v; }, { maxlength: cfg.limits.caption })));
      if (!b.assetId) parts.push(labelled(T.credit, input(b.credit, function (v) { b.credit = v; })));
      const tools = el('div', { class: 'pick-tools' });
      if (cfg.media) {
        tools.appendChild(el('button', {
          type: 'button', class: 'secondary', 'data-act': 'pick', 'aria-haspopup': 'dialog',
          onclick: function (e) { openPicker(/** @type {HTMLElement} */ (e.currentTarget), function (asset) { chooseForBlock(b, asset); }); },
        }, [T.choose, el('span', { class: 'vh', text: ' – ' + label })]));
      }
      if (b.assetId) {
        tools.appendChild(el('button', {
          type: 'button', class: 'secondary', 'data-act': 'detach',
          onclick: function () {
            delete b.assetId;
            const at = state.doc.body.indexOf(b);
            renderBlocks({ index: at, selector: 'input[type=url]' });
            announce(T.pictureRemoved);
            changed();
          },
        }, [T.detach, el('span', { class: 'vh', text: ' – ' + label })]));
      }
      if (tools.firstChild) parts.push(tools);
      return parts;
    }
    case 'quote':
      return [
        labelled(T.text, input(b.text, function (v) { b.text = v; }, { rows: 3 })),
        labelled(T.speaker, input(b.speaker, function (v) { b.speaker = v; })),
      ];
    case 'list': {
      const wrap = el('div');
      const listRich = richArea(listHtml(b), label + ': ' + T.items, function (r) { b.items = readList(r); }, true);
      listRich.setAttribute('data-paste', 'list');
      const ord = el('input', { type: 'checkbox', checked: b.ordered, id: nextId('ord') });
      ord.addEventListener('change', function () {
        b.ordered = ord.checked;
        listRich.innerHTML = listHtml(b);
        changed();
      });
      wrap.appendChild(el('p', null, [ord, ' ', el('label', { for: ord.id, class: 'inline', text: T.ordered })]));
      wrap.appendChild(formatBar(listRich, label));
      wrap.appendChild(listRich);
      return [wrap];
    }
    case 'embed':
      return [
        labelled(T.url, input(b.url, function (v) { b.url = v.trim(); }, { type: 'url' })),
        labelled(T.provider, input(b.provider, function (v) { b.provider = v; })),
        labelled(T.title, input(b.title, function (v) { b.title = v; })),
      ];
    case 'box': {
      // The heading is a plain field; the text one rich area of paragraphs, sub-headings, lists and quotes.
      const hintId = nextId('boxh');
      const boxBody = richArea(boxBodyHtml(b.body), label + ': ' + T.boxBody, function (r) { b.body = readBoxBody(r); }, true);
      boxBody.setAttribute('data-paste', 'box');
      boxBody.setAttribute('aria-describedby', hintId);
      return [
        labelled(T.boxHeading, input(b.heading, function (v) { b.heading = v; }, { maxlength: 200, 'data-box': 'heading' })),
        el('p', { class: 'hint', text: T.boxBody }),
        formatBar(boxBody, label),
        boxBody,
        el('p', { class: 'hint', id: hintId, text: T.boxHint }),
      ];
    }
    case 'ticker-entry': {
      const time = input(C.isoToBerlinLocal(b.time), function (v) { const iso = C.berlinLocalToIso(v); if (iso) b.time = iso; }, { type: 'datetime-local' });
      /** @type {Block[]} */
      const kept = [];
      const body = richArea(entryBodyHtml(b.body, kept), label + ': ' + T.entryBody, function (r) { b.body = readEntryBody(r, kept); }, true);
      body.addEventListener('click', function (e) {
        const target = /** @type {Element} */ (e.target);
        const button = target.closest && target.closest('[data-remove-kept]');
        if (!button) return;
        /** @type {Element} */ (button.parentNode).remove();
        body.dispatchEvent(new Event('input', { bubbles: true }));
        body.focus();
      });
      body.setAttribute('data-paste', 'entry');
      return [
        labelled(T.time, time),
        labelled(T.title, input(b.title, function (v) { b.title = v; })),
        labelled(T.location, input(b.location, function (v) { b.location = v; })),
        el('p', { class: 'hint', text: T.entryBody }),
        formatBar(body, label),
        body,
      ];
    }
    default:
      return [el('pre', { text: JSON.stringify(b, null, 1) })];
  }
}

/** A figure block now shows the library picture `asset`. @param {FigureBlock} b @param {LibraryAsset} asset */
function chooseForBlock(b, asset) {
  const at = state.doc.body.indexOf(b);
  if (at < 0) return;
  state.doc.body[at] = C.withAsset(b, asset.id);
  renderBlocks();
  // The block was drawn anew: focus goes back to its button, not to the one that is gone.
  returnFocusTo($('blocks').querySelector('li[data-index="' + at + '"] button[data-act="pick"]'));
  announce(T.chosen + ' ' + (asset.originalName || T.untitled));
  changed();
}

/** Draws every block anew; `focus` says where the focus goes. @param {Focus | null} [focus] */
export function renderBlocks(focus) {
  const body = state.doc.body;
  const list = $('blocks');
  list.textContent = '';
  const n = body.length;
  const empty = $('blocks-empty');
  empty.hidden = n > 0;
  empty.textContent = T.emptyBody;
  body.forEach(function (b, i) {
    const headId = nextId('bh');
    const li = el('li', { 'data-index': String(i), 'data-type': b.type, 'aria-labelledby': headId });
    const tools = el('div', { class: 'block-tools' }, [
      el('button', { type: 'button', class: 'secondary', 'data-act': 'up', disabled: i === 0, text: '↑', 'aria-label': T.moveUp + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { move(i, -1); } }),
      el('button', { type: 'button', class: 'secondary', 'data-act': 'down', disabled: i === n - 1, text: '↓', 'aria-label': T.moveDown + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { move(i, 1); } }),
      el('button', { type: 'button', class: 'secondary', 'data-act': 'remove', text: '✕', 'aria-label': T.remove + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { removeBlock(i); } }),
    ]);
    li.appendChild(el('div', { class: 'block-head' }, [el('h2', { id: headId, text: (i + 1) + '. ' + T.types[b.type] }), tools]));
    blockEditor(b, i).forEach(function (k) { li.appendChild(k); });
    list.appendChild(li);
  });
  if (focus) {
    const target = /** @type {HTMLElement & { disabled?: boolean } | null} */ (list.querySelector('li[data-index="' + focus.index + '"] ' + (focus.selector || 'input, select, textarea, [contenteditable]')));
    if (target && !target.disabled) target.focus();
    else {
      const first = /** @type {HTMLElement | null} */ (list.querySelector('li[data-index="' + focus.index + '"] input, li[data-index="' + focus.index + '"] [contenteditable], li[data-index="' + focus.index + '"] textarea, li[data-index="' + focus.index + '"] select'));
      if (first) first.focus();
    }
  }
}

/** @param {number} i @param {number} by */
function move(i, by) {
  const body = state.doc.body;
  const j = i + by;
  if (j < 0 || j >= body.length) return;
  const b = /** @type {Block} */ (body.splice(i, 1)[0]); // i is a drawn block's index
  body.splice(j, 0, b);
  renderBlocks({ index: j, selector: 'button[data-act="' + (by < 0 ? 'up' : 'down') + '"]' });
  announce(T.moved + ' ' + (j + 1));
  changed();
}

/** @param {number} i */
function removeBlock(i) {
  const body = state.doc.body;
  body.splice(i, 1);
  renderBlocks(body.length ? { index: Math.min(i, body.length - 1), selector: 'button[data-act="remove"]' } : null);
  if (!body.length) $('add-type').focus();
  announce(T.removedBlock);
  changed();
}

/** Adds an empty block of a type: a ticker entry on top (newest first), anything else at the end. @param {string} type */
export function addBlock(type) {
  const body = state.doc.body;
  const b = newBlock(type);
  if (type === 'ticker-entry') body.unshift(b); else body.push(b);
  const at = type === 'ticker-entry' ? 0 : body.length - 1;
  renderBlocks({ index: at });
  announce(T.addedBlock);
  changed();
}
