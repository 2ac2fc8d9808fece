// @ts-check
// Saving: an explicit save (button, Ctrl+S, before a status change) or the
// autosave of drafts. A save builds on the version the editor started from;
// when someone else saved meanwhile the merge view opens instead.
import { $, C, T, cfg, fieldOf, inputOf } from './editor-context.js';
import { say } from './editor-dom.js';
import { api, storyOf } from './editor-api.js';
import { readFields } from './editor-fields.js';
import { showApiError } from './editor-issues.js';
import { changed, dropLocal, storageKey } from './editor-local-copy.js';
import { openMerge } from './editor-merge.js';
import { startPresence } from './editor-presence.js';
import { durationsBlock } from './editor-related.js';
import { livePublic, payload, state } from './editor-state.js';
import { setState, showStatus, timeNow } from './editor-status.js';
/**
 * @typedef {import('./editor-types.js').StoryView} StoryView
 * @typedef {import('./editor-types.js').StoryDraft} StoryDraft
 * @typedef {{ auto?: boolean, quiet?: boolean }} SaveOptions `auto`: the autosave (quiet about what it skips); `quiet`: leaves #messages as it is
 */

/** Fields the server sets on a story (first publication, update stamp, slug) join the draft, so merges and saves carry them. */
const SERVER_SET = /** @type {const} */ (['firstPublishedAt', 'updatedAt', 'slug']);

/** @template {StoryDraft} D @param {D} target @param {StoryView} s @returns {D} */
export function syncServerFields(target, s) {
  SERVER_SET.forEach(function (k) { if (s[k] !== undefined) target[k] = s[k]; });
  return target;
}

/** The server stored `sent` as story `s`. @param {StoryView} s @param {StoryDraft} sent */
function accept(s, sent) {
  const wasNew = !state.story;
  const oldKey = storageKey();
  state.story = s;
  state.baseVersion = s.version;
  syncServerFields(state.doc, s);
  state.lastSaved = C.canon(syncServerFields(Object.assign({}, sent), s));
  state.dirty = state.lastSaved !== C.canon(payload());
  if (wasNew) {
    try { localStorage.removeItem(oldKey); } catch (e) { /* ignore */ }
    history.replaceState(null, '', '/newsroom/stories/' + s.id);
    $('preview-form').setAttribute('action', '/newsroom/stories/' + s.id + '/preview');
    startPresence();
  }
  if (!state.dirty) dropLocal(); else changed();
  showStatus();
}

/**
 * Saves the draft (creating the story the first time); true when it was stored.
 * A save under way is not started twice: the caller gets that one.
 * @param {SaveOptions} [opts]
 * @returns {Promise<boolean>}
 */
export async function save(opts) {
  const o = opts || {};
  if (state.saving) return state.saving;
  readFields();
  const body = payload();
  if (!(body.headline || '').trim()) { if (!o.auto) say($('messages'), T.needHeadline, 'error'); return false; }
  if (durationsBlock(!o.auto)) return false;
  /** @type {string | undefined} */
  let correction;
  const story = state.story;
  if (!o.auto && story && story.status === 'published' && inputOf('as-correction').checked) {
    correction = fieldOf('correction-note').value.trim();
    if (!correction) { say($('messages'), T.needNote, 'error'); $('correction-note').focus(); return false; }
  }
  setState(T.saving);
  state.saving = (async function () {
    try {
      const res = story
        ? await api('PUT', '/newsroom/api/stories/' + story.id, correction ? { story: body, correction: correction } : { story: body }, state.baseVersion)
        : await api('POST', '/newsroom/api/stories', body);
      if (res.status === 412) {
        const j = await res.json();
        openMerge(j.current, save);
        return false;
      }
      if (!res.ok) { setState(T.unsaved); await showApiError(res); return false; }
      accept(storyOf(await res.json()), body);
      if (correction) { inputOf('as-correction').checked = false; fieldOf('correction-note').value = ''; }
      if (!o.quiet) $('messages').textContent = '';
      setState((o.auto ? T.autosaved : T.savedAt) + ' ' + timeNow());
      return true;
    } catch (e) {
      setState(T.unsaved);
      say($('messages'), T.offline, 'error');
      return false;
    } finally {
      state.saving = null;
    }
  })();
  return state.saving;
}

/** Every three seconds: a draft changed, left alone for 1.5 s and with a headline is saved. What readers see (published, scheduled) changes only on an explicit save. */
export function startAutosave() {
  setInterval(function () {
    if (!state.dirty || state.saving || state.inConflict || !cfg.canEdit || livePublic()) return;
    if (Date.now() - state.lastEdit < 1500) return;
    if (!(state.doc.headline || '').trim()) return;
    save({ auto: true });
  }, 3000);
}
