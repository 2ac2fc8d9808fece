// @ts-check
// The draft being edited, as data: which blocks and related rows are still
// empty, what a save sends (payloadOf), new blocks. No page, no state.
import { C } from './editor-context.js';
/**
 * @typedef {import('./editor-types.js').Block} Block
 * @typedef {import('./editor-types.js').RelatedTeaser} RelatedTeaser
 * @typedef {import('./editor-types.js').StoryDraft} StoryDraft
 */

/** An object's fields by name, for code that copies them generically. @param {object} o */
function fieldsOf(o) {
  return /** @type {Record<string, unknown>} */ (o);
}

/** Whether a block has nothing in it yet (a save leaves it out). @param {Block} b @returns {boolean} */
export function isEmptyBlock(b) {
  switch (b.type) {
    case 'paragraph': return !C.plainText(b.content || []).trim();
    case 'heading': return !(b.text || '').trim();
    case 'quote': return !(b.text || '').trim();
    case 'list': return !(b.items || []).some(function (it) { return C.plainText(it).trim(); });
    case 'embed': return !(b.url || '').trim();
    case 'figure': return !b.assetId && !(b.src || '').trim() && !(b.alt || '').trim() && !(b.caption || '').trim();
    case 'ticker-entry': return !(b.title || '').trim() && !(b.body || []).length;
    case 'box': return !(b.heading || '').trim() && !(b.body || []).some(function (x) { return !isEmptyBlock(x); });
    default: return false;
  }
}

/** A block as a save sends it: no empty fields, no empty list items or entry blocks; a figure always has its alt text. @param {Block} b @returns {Block} */
export function cleanBlock(b) {
  const own = fieldsOf(b);
  /** @type {Record<string, unknown>} */
  const o = {};
  Object.keys(own).forEach(function (k) { if (own[k] !== '' && own[k] !== undefined) o[k] = own[k]; });
  if (b.type === 'figure') o.alt = b.alt || '';
  if (b.type === 'list') o.items = b.items.filter(function (it) { return C.plainText(it).trim(); });
  if (b.type === 'ticker-entry' || b.type === 'box') o.body = (b.body || []).filter(function (x) { return !isEmptyBlock(x); }).map(cleanBlock);
  if (b.type === 'box' && !(b.heading || '').trim()) delete o.heading;
  return /** @type {Block} */ (/** @type {unknown} */ (o));
}

/** A related row just added and not filled in: left out of a save, like an empty block. @param {RelatedTeaser} r */
export function isEmptyRelated(r) {
  const own = fieldsOf(r);
  return !(r.title || '').trim() && !(r.url || '').trim() && !r.image && r.durationSeconds === undefined
    && Object.keys(own).every(function (k) { return k === 'title' || k === 'mediaType' || k === 'url' || own[k] === undefined; });
}

/** A related row as a save sends it: no empty fields; its picture always has its alt text. @param {RelatedTeaser} r @returns {RelatedTeaser} */
export function cleanRelated(r) {
  const own = fieldsOf(r);
  /** @type {Record<string, unknown>} */
  const o = {};
  Object.keys(own).forEach(function (k) { if (own[k] !== '' && own[k] !== undefined) o[k] = own[k]; });
  const out = /** @type {RelatedTeaser} */ (/** @type {unknown} */ (o));
  if (out.image) {
    out.image = Object.assign({}, out.image);
    if (typeof out.image.alt !== 'string') out.image.alt = '';
  }
  return out;
}

/** Whether a related item's address is one the site accepts: a same-site path or http(s). Empty is fine. @param {string} v */
export function relatedUrlOk(v) {
  return !v || (v.charAt(0) === '/' && v.charAt(1) !== '/') || /^https?:\/\/\S+$/i.test(v);
}

/** What a save sends for a draft: the draft without the blocks and related rows that are still empty. @param {StoryDraft} d @returns {StoryDraft} */
export function payloadOf(d) {
  const own = fieldsOf(d);
  /** @type {Record<string, unknown>} */
  const out = {};
  Object.keys(own).forEach(function (k) { if (k !== 'body' && k !== 'related') out[k] = own[k]; });
  out.related = (d.related || []).filter(function (r) { return !isEmptyRelated(r); }).map(cleanRelated);
  out.body = (d.body || []).filter(function (b) { return !isEmptyBlock(b); }).map(cleanBlock);
  return /** @type {StoryDraft} */ (/** @type {unknown} */ (out));
}

/** A new, empty block of a type (a paragraph for an unknown one); a ticker entry gets its id and the current minute. @param {string} type @returns {Block} */
export function newBlock(type) {
  switch (type) {
    case 'heading': return { type: 'heading', level: 2, text: '' };
    case 'figure': return { type: 'figure', kind: 'image', alt: '', src: '' };
    case 'quote': return { type: 'quote', text: '' };
    case 'list': return { type: 'list', ordered: false, items: [[]] };
    case 'embed': return { type: 'embed', url: '' };
    case 'box': return { type: 'box', body: [] };
    // The current minute, Berlin time, read back: a valid local time always gives an instant.
    case 'ticker-entry': return { type: 'ticker-entry', id: 'e' + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36), time: /** @type {string} */ (C.berlinLocalToIso(C.isoToBerlinLocal(new Date().toISOString()))), body: [] };
    default: return { type: 'paragraph', content: [] };
  }
}
