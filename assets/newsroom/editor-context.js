// @ts-check
// What every part of the story editor starts from: the page's configuration
// and texts, the editor's pure logic (LedeCore, from the classic script
// editor-core.js, which the page loads first), the CSRF token and look-ups of
// the page's elements. Reading this module changes nothing on the page.
/**
 * @typedef {import('./editor-types.js').EditorConfig} EditorConfig
 * @typedef {import('./editor-types.js').EditorText} EditorText
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} FormField
 */

const island = document.getElementById('editor-config');

/**
 * The page's configuration (#editor-config). Without the island the entry
 * script (editor.js) stops before any other module reads it, so the editor's
 * modules treat it as present.
 */
export const cfg = /** @type {EditorConfig} */ (island ? JSON.parse(island.textContent || 'null') : null);

/** The editor's texts in the user's language. */
export const T = /** @type {EditorText} */ (cfg && cfg.text);

/** The editor's pure logic (editor-core.js); undefined only when that script did not load, and then editor.js stops. */
export const C = globalThis.LedeCore;

const csrfMeta = document.querySelector('meta[name="csrf-token"]');
/** The session's CSRF token, sent with every changing request. */
export const csrf = (csrfMeta && csrfMeta.getAttribute('content')) || '';

/** An element the editor page always has (a missing one fails as loudly as before the split: at its first use). @param {string} id */
export function $(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/** An element the page has only sometimes (the picture picker needs a media library, the quick ticker entry a live ticker). @param {string} id */
export function $maybe(id) {
  return document.getElementById(id);
}

/** A form field the editor page always has (input, select or textarea). @param {string} id */
export function fieldOf(id) {
  return /** @type {FormField} */ (document.getElementById(id));
}

/** An <input> the editor page always has (checkbox, time, search). @param {string} id */
export function inputOf(id) {
  return /** @type {HTMLInputElement} */ (document.getElementById(id));
}
