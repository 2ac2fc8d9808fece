// @ts-check
// Editing text: plain fields, rich-text areas (bold, italic, links) with
// their format bar, and the HTML a list, a ticker entry or a box is edited as.
import { C, T } from './editor-context.js';
import { el, nextId } from './editor-dom.js';
import { changed } from './editor-local-copy.js';
/**
 * @typedef {import('./editor-types.js').Block} Block
 * @typedef {import('./editor-types.js').BlockOf<'list'>} ListBlock
 * @typedef {import('./editor-types.js').Inline} Inline
 * @typedef {{ start: number, end: number }} Offsets
 */

/**
 * A ticker entry's text is one rich area. Figures, embeds and boxes have fields a
 * rich area cannot hold (caption, credit, library picture, provider, a box's own text), so when
 * `kept` is given they stand in it as an uneditable line and come back whole
 * (readEntryBody); deleting that line removes them.
 * @param {Block[] | undefined} blocks
 * @param {Block[]} [kept]
 */
export function entryBodyHtml(blocks, kept) {
  return (blocks || []).map(function (b) {
    if (kept && (b.type === 'figure' || b.type === 'embed' || b.type === 'box')) {
      kept.push(b);
      const what = T.types[b.type] + ': ' + (C.blockSummary(b) || '–');
      return '<div class="kept-block" contenteditable="false" data-kept="' + (kept.length - 1) + '"><span>' + C.escapeHtml(what) + '</span> '
        + '<button type="button" class="secondary" data-remove-kept aria-label="' + C.escapeHtml(T.remove + ': ' + what) + '">✕</button></div>';
    }
    switch (b.type) {
      case 'paragraph': return '<p>' + C.inlinesToHtml(b.content) + '</p>';
      case 'heading': return '<h3>' + C.escapeHtml(b.text) + '</h3>';
      case 'quote': return '<blockquote><p>' + C.escapeHtml(b.text) + '</p>' + (b.speaker ? '<cite>' + C.escapeHtml(b.speaker) + '</cite>' : '') + '</blockquote>';
      case 'list': return '<' + (b.ordered ? 'ol' : 'ul') + '>' + b.items.map(function (it) { return '<li>' + C.inlinesToHtml(it) + '</li>'; }).join('') + '</' + (b.ordered ? 'ol' : 'ul') + '>';
      case 'figure': return b.src ? '<p><img src="' + C.escapeHtml(b.src) + '" alt="' + C.escapeHtml(b.alt || '') + '"></p>' : '';
      case 'embed': return '<p><a href="' + C.escapeHtml(b.url) + '">' + C.escapeHtml(b.title || b.url) + '</a></p>';
      default: return '';
    }
  }).join('');
}

/**
 * A box's text as the HTML of its rich area: headings at their own level
 * (h2/h3, which blocksFromNode reads back as levels 2 and 3), the other text
 * blocks as a ticker entry's.
 * @param {Block[] | undefined} blocks
 */
export function boxBodyHtml(blocks) {
  return (blocks || []).map(function (b) {
    return b.type === 'heading' ? '<h' + b.level + '>' + C.escapeHtml(b.text) + '</h' + b.level + '>' : entryBodyHtml([b]);
  }).join('');
}

/** The block types a box holds (the server refuses others: not_in_box). */
export const BOX_TYPES = ['paragraph', 'heading', 'list', 'quote'];

/**
 * Only what a box may hold, of blocks read or pasted: a picture pasted into
 * a box is left out (its place is the story body, not the box).
 * @param {Block[]} blocks
 */
export function boxBlocksOf(blocks) {
  return blocks.filter(function (b) { return BOX_TYPES.indexOf(b.type) >= 0; });
}

/** A box's blocks from its rich area (read from a copy: reading a quote takes its speaker out of the markup). @param {HTMLElement} root */
export function readBoxBody(root) {
  return boxBlocksOf(C.blocksFromNode(root.cloneNode(true)));
}

/** A ticker entry's blocks from its rich area, the kept figures, embeds and boxes in their places. @param {HTMLElement} root @param {Block[]} kept */
export function readEntryBody(root, kept) {
  /** @type {Block[]} */
  const out = [];
  let run = document.createElement('div');
  function flush() {
    if (!run.firstChild) return;
    out.push.apply(out, C.blocksFromNode(run));
    run = document.createElement('div');
  }
  for (let n = root.firstChild; n; n = n.nextSibling) {
    const k = n.nodeType === 1 ? /** @type {Element} */ (n).getAttribute('data-kept') : null;
    const keptBlock = k !== null ? kept[Number(k)] : undefined;
    if (keptBlock) { flush(); out.push(keptBlock); } else run.appendChild(n.cloneNode(true));
  }
  flush();
  return out;
}

/** A list block as the HTML of its rich area (one empty item for none). @param {ListBlock} b */
export function listHtml(b) {
  return '<' + (b.ordered ? 'ol' : 'ul') + '>' + (b.items.length ? b.items : [[]]).map(function (it) { return '<li>' + C.inlinesToHtml(it) + '</li>'; }).join('') + '</' + (b.ordered ? 'ol' : 'ul') + '>';
}

/** A list's items from its rich area (all of its text as one item when the list markup is gone). @param {HTMLElement} root */
export function readList(root) {
  /** @type {Inline[][]} */
  const items = [];
  root.querySelectorAll('li').forEach(function (li) { items.push(C.inlinesOf(li)); });
  if (!items.length) {
    const all = C.inlinesOf(root);
    if (all.length) items.push(all);
  }
  return items;
}

/** The selection inside `root` as character offsets (they survive the area being re-rendered on blur). @param {HTMLElement} root @returns {Offsets | null} */
function selectionOffsets(root) {
  const s = /** @type {Selection} */ (window.getSelection());
  if (!s.rangeCount || !root.contains(s.anchorNode)) return null;
  const r = s.getRangeAt(0);
  const pre = document.createRange();
  pre.selectNodeContents(root);
  pre.setEnd(r.startContainer, r.startOffset);
  const start = pre.toString().length;
  return { start: start, end: start + r.toString().length };
}

/** Selects the character offsets `at` inside `root`. @param {HTMLElement} root @param {Offsets} at */
function selectOffsets(root, at) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0, startSet = false, node;
  const range = document.createRange();
  range.selectNodeContents(root);
  range.collapse(true);
  while ((node = walker.nextNode())) {
    const len = /** @type {string} */ (node.nodeValue).length;
    if (!startSet && at.start <= pos + len) { range.setStart(node, at.start - pos); startSet = true; }
    if (startSet && at.end <= pos + len) { range.setEnd(node, at.end - pos); break; }
    pos += len;
  }
  const s = /** @type {Selection} */ (window.getSelection());
  s.removeAllRanges();
  s.addRange(range);
}

/** Bold / italic / link buttons for a rich-text area. @param {HTMLElement} rich @param {string} label */
export function formatBar(rich, label) {
  /** @type {Offsets | null} */
  let savedRange = null;
  const linkRow = el('span', { class: 'fmt', hidden: true });
  const linkId = nextId('link');
  const linkInput = el('input', { type: 'url', id: linkId, placeholder: 'https://' });
  const keep = /** @param {Event} e */ function (e) { e.preventDefault(); };
  const cmd = /** @param {string} name */ function (name) { return function () { rich.focus(); document.execCommand(name, false); changed(); }; };
  const setLink = function () {
    const url = C.safeHref(linkInput.value);
    rich.focus();
    if (savedRange) selectOffsets(rich, savedRange);
    if (url) document.execCommand('createLink', false, url);
    else document.execCommand('unlink', false);
    linkRow.hidden = true;
    rich.dispatchEvent(new Event('input', { bubbles: true }));
  };
  linkInput.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); setLink(); } if (e.key === 'Escape') { linkRow.hidden = true; rich.focus(); } });
  linkRow.appendChild(el('label', { for: linkId, class: 'vh', text: T.linkUrl + ' (' + label + ')' }));
  linkRow.appendChild(linkInput);
  linkRow.appendChild(el('button', { type: 'button', class: 'secondary', text: T.setLink, onclick: setLink }));
  const bar = el('div', { class: 'fmt', role: 'toolbar', 'aria-label': label }, [
    el('button', { type: 'button', class: 'secondary', 'data-cmd': 'bold', onmousedown: keep, onclick: cmd('bold') }, [el('strong', { text: T.bold })]),
    el('button', { type: 'button', class: 'secondary', 'data-cmd': 'italic', onmousedown: keep, onclick: cmd('italic') }, [el('em', { text: T.italic })]),
    el('button', {
      type: 'button', class: 'secondary', 'data-cmd': 'link', onmousedown: keep,
      onclick: function () {
        const s = /** @type {Selection} */ (window.getSelection());
        savedRange = selectionOffsets(rich);
        const a = s.anchorNode && s.anchorNode.parentElement && s.anchorNode.parentElement.closest('a');
        linkInput.value = a ? a.getAttribute('href') || '' : '';
        linkRow.hidden = false;
        linkInput.focus();
      },
    }, [T.link]),
    linkRow,
  ]);
  return bar;
}

/**
 * A rich-text area (contenteditable) showing `html`; `onInput` reads it back into the draft after each edit.
 * @param {string} html @param {string} label @param {(rich: HTMLElement) => void} onInput @param {boolean} multi
 */
export function richArea(html, label, onInput, multi) {
  const rich = el('div', { class: 'rich', contenteditable: 'true', role: 'textbox', 'aria-multiline': multi ? 'true' : 'false', 'aria-label': label, spellcheck: 'true' });
  rich.innerHTML = html;
  rich.addEventListener('input', function () { onInput(rich); changed(); });
  rich.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'b' || e.key === 'i')) { e.preventDefault(); document.execCommand(e.key === 'b' ? 'bold' : 'italic', false); onInput(rich); changed(); }
  });
  return rich;
}

/**
 * A text field (a textarea when `attrs.rows` is given); `onInput` takes each new value into the draft.
 * @param {string | undefined} value @param {(value: string) => void} onInput @param {import('./editor-dom.js').Attrs} [attrs]
 */
export function input(value, onInput, attrs) {
  const a = Object.assign({ type: 'text', value: value || '' }, attrs || {});
  const i = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (el(a.rows ? 'textarea' : 'input', a));
  if (a.rows) { i.removeAttribute('type'); i.value = value || ''; }
  i.addEventListener('input', function () { onInput(i.value); changed(); });
  return i;
}
