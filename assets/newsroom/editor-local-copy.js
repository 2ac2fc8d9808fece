// @ts-check
// Every edit goes through changed(): it marks the draft as (un)saved and
// keeps a copy in localStorage, so nothing typed is lost to a closed tab or a
// lost connection; the next visit offers that copy back.
import { $, C, T } from './editor-context.js';
import { el, say } from './editor-dom.js';
import { payloadOf } from './editor-draft.js';
import { payload, state } from './editor-state.js';
import { setState } from './editor-status.js';
/** @typedef {import('./editor-types.js').StoryDraft} StoryDraft */

/** Where this story's local copy is kept (a story not yet saved has one slot, "new"). */
export function storageKey() {
  return 'lede:story:' + (state.story ? state.story.id : 'new');
}

/** After every edit: dirty or not, and the local copy. */
export function changed() {
  state.lastEdit = Date.now();
  state.dirty = state.lastSaved !== C.canon(payload()) || state.badDurations.size > 0;
  if (state.dirty) setState(T.unsaved);
  try {
    localStorage.setItem(storageKey(), JSON.stringify({ changedAt: state.lastEdit, baseVersion: state.baseVersion, doc: state.doc }));
  } catch (e) { /* storage full or off: autosave still runs */ }
}

export function dropLocal() {
  try { localStorage.removeItem(storageKey()); } catch (e) { /* ignore */ }
}

/**
 * Offers the local copy back when it is newer than the stored story and
 * differs from it; `redraw` shows a restored draft.
 * @param {() => void} redraw
 */
export function offerLocalCopy(redraw) {
  /** @type {{ changedAt: number, baseVersion: number, doc: StoryDraft } | null} */
  let raw = null;
  try { raw = JSON.parse(localStorage.getItem(storageKey()) || 'null'); } catch (e) { raw = null; }
  if (!raw || !raw.doc) return;
  const copy = raw;
  const story = state.story;
  const serverAt = story ? Date.parse(story.modifiedAt) : 0;
  const differs = C.canon(payloadOf(copy.doc)) !== C.canon(payload());
  if (!differs) { dropLocal(); return; }
  if (!(copy.changedAt > serverAt || (story && copy.baseVersion < story.version))) return;
  const box = $('restore-offer');
  box.textContent = '';
  box.appendChild(el('p', { text: T.localCopy + ' ' + C.formatBerlin(new Date(copy.changedAt).toISOString()) + '.' }));
  box.appendChild(el('p', null, [
    el('button', { type: 'button', id: 'restore-local', text: T.restore, onclick: function () {
      state.doc = copy.doc;
      if (state.story && copy.baseVersion) state.baseVersion = copy.baseVersion;
      box.hidden = true;
      redraw();
      changed();
      say($('messages'), T.restored, 'ok');
    } }),
    ' ',
    el('button', { type: 'button', id: 'discard-local', class: 'secondary', text: T.discard, onclick: function () {
      dropLocal();
      box.hidden = true;
      say($('messages'), T.discarded, 'ok');
    } }),
  ]));
  box.hidden = false;
}
