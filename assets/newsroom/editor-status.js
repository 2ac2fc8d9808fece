// @ts-check
// The status line: the save state (also where the editor announces what it
// did, for screen readers), the story's status and version, and the buttons
// of the status changes this user may make. The buttons carry data-move;
// editor-workflow.js listens for their clicks (it saves, which needs this
// module, so this module cannot call it).
import { $, C, T, cfg } from './editor-context.js';
import { el } from './editor-dom.js';
import { state } from './editor-state.js';

/** Shows the save state (a live region). @param {string} text */
export function setState(text) {
  $('save-state').textContent = text;
}

/** Tells screen-reader users what just happened (through the save state's live region). @param {string} text */
export function announce(text) {
  setState(text);
}

/** The time of day in Berlin ("14:30"), for "saved at". */
export function timeNow() {
  return C.formatBerlin(new Date().toISOString()).split(', ')[1];
}

/** Shows the story's status, its planned times, version, and the actions that fit it. */
export function showStatus() {
  const story = state.story;
  $('status-name').textContent = story ? T.status[story.status]
    + (story.status === 'scheduled' && story.scheduledPublishAt ? ' (' + T.scheduledFor + ' ' + C.formatBerlin(story.scheduledPublishAt) + ')' : '')
    + (story.scheduledDepublishAt && story.status !== 'depublished' ? ' (' + T.depublishFor + ' ' + C.formatBerlin(story.scheduledDepublishAt) + ')' : '') : T.status.draft;
  const takedown = !!story && cfg.canDepublish && (story.status === 'published' || story.status === 'scheduled');
  $('depublish-group').hidden = !takedown;
  $('depublish-at-clear').hidden = !(story && story.scheduledDepublishAt);
  $('version-no').textContent = story ? String(story.version) : '–';
  $('correction-box').hidden = !(story && story.status === 'published' && cfg.canCorrect);
  renderMoves();
}

/** One button per status change this user may make from the current status ("schedule" beside its time field). */
function renderMoves() {
  const box = $('moves');
  box.textContent = '';
  $('schedule-group').querySelectorAll('button[data-move]').forEach(function (b) { b.remove(); });
  const status = state.story ? state.story.status : 'draft';
  const moves = cfg.moves.filter(function (m) { return m.from === status; });
  $('schedule-group').hidden = !moves.some(function (m) { return m.to === 'scheduled'; });
  moves.forEach(function (m) {
    const b = el('button', { type: 'button', class: m.to === 'depublished' ? 'danger' : 'secondary', 'data-move': m.to, text: T.transitions[m.to] });
    if (m.to === 'scheduled') $('schedule-group').appendChild(b);
    else box.appendChild(b);
  });
}
