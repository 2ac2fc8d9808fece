// @ts-check
// A refused save or status change, shown in #messages: the server's reason
// and its issues in the editor's words, numbered as the editor counts blocks
// and related items (the payload leaves empty ones out, the editor shows them).
import { $, T } from './editor-context.js';
import { el } from './editor-dom.js';
import { isEmptyBlock, isEmptyRelated } from './editor-draft.js';
import { errorOf } from './editor-api.js';
import { state } from './editor-state.js';
/** @typedef {import('./editor-types.js').ApiIssue} ApiIssue */

/** Position in the editor of the payload's related[n] (a save leaves untouched new rows out). @param {number} n */
function relatedIndex(n) {
  let k = -1;
  const items = state.doc.related || [];
  for (const [i, r] of items.entries()) {
    if (!isEmptyRelated(r)) { k += 1; if (k === n) return i; }
  }
  return n;
}

/** Position in the editor of the payload's body[n] (a save leaves empty blocks out). @param {number} n */
function editorIndex(n) {
  let k = -1;
  for (const [i, b] of state.doc.body.entries()) {
    if (!isEmptyBlock(b)) { k += 1; if (k === n) return i; }
  }
  return n;
}

/**
 * The server's wording of an issue in the user's language (issue.text), with
 * a body block numbered as the editor counts (empty blocks included), or null.
 * @param {ApiIssue} issue
 */
function serverIssueText(issue) {
  const text = issue.text;
  if (typeof text !== 'string' || !text) return null;
  const m = /^(body|related)\[(\d+)\]/.exec(issue.path || '');
  if (!m) return text;
  const n = Number(m[2]);
  const word = m[1] === 'body' ? T.position : T.relatedItem;
  const sent = word + ' ' + (n + 1);
  const shown = (m[1] === 'body' ? editorIndex(n) : relatedIndex(n)) + 1;
  const next = text.charAt(sent.length);
  if (shown !== n + 1 && text.indexOf(sent) === 0 && (next === '' || next === ':')) return word + ' ' + shown + text.slice(sent.length);
  return text;
}

/** One problem the server named, in the editor's words: pictures (which figure, and what to do), else the server's localized text. @param {ApiIssue} issue */
function issueItem(issue) {
  const path = issue.path || '';
  const message = issue.message || '';
  const fig = /^(lead|body\[(\d+)\]|related\[(\d+)\]\.image|authors\[(\d+)\]\.image)(\.[a-zA-Z]+)?$/.exec(path);
  let text = null;
  if (fig) {
    const where = fig[1] === 'lead' ? T.leadImage
      : fig[2] !== undefined ? T.position + ' ' + (editorIndex(Number(fig[2])) + 1) + ' (' + T.types.figure + ')'
        : fig[3] !== undefined ? T.relatedImage + ' ' + (relatedIndex(Number(fig[3])) + 1)
          : T.authorImage + ' ' + (Number(fig[4]) + 1);
    if (/no credit line/.test(message)) text = where + ': ' + T.noCreditIssue;
    else if (/no picture/.test(message)) text = where + ': ' + T.noSuchPicture;
    else if (fig[5] === '.alt' && (!issue.code || issue.code === 'alt_required')) text = where + ': ' + T.altIssue;
  }
  const li = el('li', { text: text || serverIssueText(issue) || path + ': ' + message });
  const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(message);
  if (text && id && /no credit line/.test(message)) {
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('a', { href: '/newsroom/media/' + id[1], target: '_blank', rel: 'noopener' }, [T.openInLibrary]));
  }
  return li;
}

/**
 * Shows a refusal in #messages: an ended session, a missing permission, the
 * issues of an invalid story, or `prefix` with the server's reason.
 * @param {Response} res @param {string | null} [prefix] @param {string} [invalidText]
 */
export async function showApiError(res, prefix, invalidText) {
  const box = $('messages');
  const err = await errorOf(res);
  box.textContent = '';
  // err.text: the refusal in the user's language, when the server knows it (else its English message).
  const said = err.text || err.message;
  const msg = res.status === 401 ? T.sessionEnded : res.status === 403 ? T.forbidden + ' ' + (said || '') : (err.issues && err.issues.length ? (invalidText || T.invalid) : (prefix || T.failed) + ' ' + (said || res.status));
  const wrap = el('div', { class: 'notice error' }, [el('p', { text: msg })]);
  if (err.issues && err.issues.length) {
    wrap.appendChild(el('ul', null, err.issues.map(issueItem)));
  }
  box.appendChild(wrap);
}
