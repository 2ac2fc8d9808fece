// @ts-check
// Requests to the newsroom's JSON API (docs/newsroom-api.md): the CSRF token,
// the version a change builds on, and the wording of a refusal.
import { csrf } from './editor-context.js';
/**
 * @typedef {import('./editor-types.js').ApiError} ApiError
 * @typedef {import('./editor-types.js').StoryView} StoryView
 */

/**
 * A JSON request; `version` is sent as If-Match, so the server refuses a
 * change built on an older version (412).
 * @param {string} method @param {string} url @param {unknown} [body] @param {number} [version]
 */
export function api(method, url, body, version) {
  /** @type {Record<string, string>} */
  const headers = { 'X-CSRF-Token': csrf, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (version) headers['If-Match'] = '"v' + version + '"';
  return fetch(url, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The `error` of a refusal ({} when the answer is not JSON). @param {Response} res @returns {Promise<ApiError>} */
export async function errorOf(res) {
  let j = null;
  try { j = await res.json(); } catch (e) { /* not JSON */ }
  return (j && j.error) || {};
}

/** The story in an answer: { story } (with more beside it) or the story itself. @param {any} j @returns {StoryView} */
export function storyOf(j) {
  return j && j.story && j.story.id ? j.story : j;
}

/** A refusal in one line: the server's text (or message, or status) and its issues. @param {Response} res */
export async function apiErrorText(res) {
  const err = await errorOf(res);
  let msg = err.text || err.message || String(res.status);
  if (err.issues && err.issues.length) msg += ' (' + err.issues.map(function (i) { return i.text || (i.path ? i.path + ': ' : '') + i.message; }).join('; ') + ')';
  return msg;
}
