// @ts-check
// Presence: while the editor is open it says so every ten seconds (and shows
// who else has the story open); leaving the page says goodbye.
import { $, T, csrf } from './editor-context.js';
import { api } from './editor-api.js';
import { state } from './editor-state.js';

/** @type {ReturnType<typeof setInterval> | null} */
let presenceTimer = null;

/** Starts the heartbeat for a saved story (once). */
export function startPresence() {
  const story = state.story;
  if (!story || presenceTimer) return;
  const beat = async function () {
    if (document.hidden) return;
    try {
      const res = await api('POST', '/newsroom/api/stories/' + story.id + '/presence', {});
      if (res.status === 404 || res.status === 405) { clearInterval(/** @type {ReturnType<typeof setInterval>} */ (presenceTimer)); return; }
      if (!res.ok) return;
      const j = await res.json();
      /** @type {string[]} */
      const names = (j.others || []).map(/** @param {{ name?: string }} o */ function (o) { return o.name; }).filter(Boolean);
      const text = names.length ? T.alsoOpen + ' ' + names.join(', ') : '';
      if ($('presence').textContent !== text) $('presence').textContent = text;
    } catch (e) { /* offline: try again next time */ }
  };
  presenceTimer = setInterval(beat, 10000);
  beat();
  document.addEventListener('visibilitychange', function () { if (!document.hidden) beat(); });
  window.addEventListener('pagehide', function () {
    fetch('/newsroom/api/stories/' + story.id + '/presence', {
      method: 'POST', credentials: 'same-origin', keepalive: true,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{"leaving":true}',
    }).catch(function () { /* the entry expires by itself */ });
  });
}
