// @ts-check
// Status changes (submit for review, schedule, publish, depublish …) and the
// planned take-down time. Unsaved edits are saved first; a change built on
// an older version opens the merge view.
import { $, C, T, inputOf } from './editor-context.js';
import { say } from './editor-dom.js';
import { api, storyOf } from './editor-api.js';
import { showApiError } from './editor-issues.js';
import { openMerge } from './editor-merge.js';
import { save, syncServerFields } from './editor-save.js';
import { payload, state } from './editor-state.js';
import { setState, showStatus, timeNow } from './editor-status.js';
/**
 * @typedef {import('./editor-types.js').StoryStatus} StoryStatus
 * @typedef {import('./editor-types.js').StoryView} StoryView
 */

/** Moves the story to status `to` (scheduling needs the time in #schedule-at). @param {StoryStatus} to */
async function transition(to) {
  /** @type {{ to: StoryStatus, at?: string }} */
  const body = { to: to };
  if (to === 'scheduled') {
    const at = C.berlinLocalToIso(inputOf('schedule-at').value);
    if (!at) { say($('messages'), T.needTime, 'error'); $('schedule-at').focus(); return; }
    body.at = at;
  }
  if (state.dirty || !state.story) {
    if (!state.story) say($('messages'), T.saveFirst, 'ok');
    const ok = await save({ quiet: true });
    if (!ok) return;
  }
  // A save that returned true has stored the story.
  const story = /** @type {StoryView} */ (state.story);
  setState(T.saving);
  try {
    const res = await api('POST', '/newsroom/api/stories/' + story.id + '/transitions', body, state.baseVersion);
    if (res.status === 412) { const j = await res.json(); openMerge(j.current, save); return; }
    if (!res.ok) { setState(''); await showApiError(res, null, T.refused); return; }
    const s = storyOf(await res.json());
    const wasClean = !state.dirty;
    state.story = s;
    state.baseVersion = s.version;
    syncServerFields(state.doc, s);
    if (wasClean) state.lastSaved = C.canon(payload());
    showStatus();
    $('messages').textContent = '';
    say($('messages'), T.moved_to + ' ' + T.status[s.status], 'ok');
    setState(T.savedAt + ' ' + timeNow());
  } catch (e) {
    say($('messages'), T.offline, 'error');
  }
}

/** Sets (or with null clears) the time a published story comes down by itself; undefined: no time given. @param {string | null | undefined} at */
async function depublishAt(at) {
  if (at === undefined) { say($('messages'), T.needTime, 'error'); $('depublish-at').focus(); return; }
  if (state.dirty) { const ok = await save({ quiet: true }); if (!ok) return; }
  const story = /** @type {StoryView} */ (state.story);
  try {
    const res = await api('PUT', '/newsroom/api/stories/' + story.id + '/depublish-at', { at: at }, state.baseVersion);
    if (res.status === 412) { const j = await res.json(); openMerge(j.current, save); return; }
    if (!res.ok) { await showApiError(res); return; }
    const s = storyOf(await res.json());
    const wasClean = !state.dirty;
    state.story = s;
    state.baseVersion = s.version;
    if (wasClean) state.lastSaved = C.canon(payload());
    showStatus();
    say($('messages'), at ? T.status[s.status] + ' (' + T.depublishFor + ' ' + C.formatBerlin(s.scheduledDepublishAt) + ')' : T.depublishCleared, 'ok');
  } catch (e) {
    say($('messages'), T.offline, 'error');
  }
}

/** The status buttons (drawn by editor-status.js with data-move) and the take-down time's buttons. */
export function initWorkflow() {
  /** @param {Event} e */
  const onMove = function (e) {
    const button = /** @type {Element} */ (e.target).closest('button[data-move]');
    if (button) transition(/** @type {StoryStatus} */ (button.getAttribute('data-move')));
  };
  $('moves').addEventListener('click', onMove);
  $('schedule-group').addEventListener('click', onMove);
  $('depublish-at-set').addEventListener('click', function () { depublishAt(C.berlinLocalToIso(inputOf('depublish-at').value)); });
  $('depublish-at-clear').addEventListener('click', function () { depublishAt(null); });
}
