// @ts-check
// The live ticker's quick entry (#ticker-quick): a new entry is posted at
// once (its own API call, not a save of the whole story), and edits not yet
// saved stay as they are.
import { $, $maybe, C, T, fieldOf } from './editor-context.js';
import { say } from './editor-dom.js';
import { api, storyOf } from './editor-api.js';
import { renderBlocks } from './editor-blocks.js';
import { readFields } from './editor-fields.js';
import { showApiError } from './editor-issues.js';
import { changed } from './editor-local-copy.js';
import { payloadOf } from './editor-draft.js';
import { renderRelated } from './editor-related.js';
import { state } from './editor-state.js';
import { showStatus, timeNow } from './editor-status.js';
/** @typedef {import('./editor-types.js').StoryView} StoryView */

/** Wires the quick entry's button (on a live ticker's page). */
export function initTickerQuickEntry() {
  const tqPost = /** @type {HTMLButtonElement | null} */ ($maybe('tq-post'));
  if (!tqPost) return;
  const post = tqPost;
  post.addEventListener('click', async function () {
    const text = fieldOf('tq-text').value.trim();
    const title = fieldOf('tq-title').value.trim();
    if (!text) { $('tq-state').textContent = T.needText; $('tq-text').focus(); return; }
    post.disabled = true;
    try {
      // The quick entry is only on the page of a stored live ticker.
      const story = /** @type {StoryView} */ (state.story);
      const res = await api('POST', '/newsroom/api/stories/' + story.id + '/ticker-entries', title ? { title: title, text: text } : { text: text });
      if (!res.ok) { await showApiError(res); return; }
      const s = storyOf(await res.json());
      // The server answers with the ticker, the new entry first.
      const entry = /** @type {import('./editor-types.js').Block} */ (s.body[0]);
      readFields();
      const wasDirty = state.dirty;
      state.story = s;
      state.baseVersion = s.version;
      if (wasDirty) state.doc.body.unshift(entry); else state.doc = C.draftOf(s);
      state.lastSaved = C.canon(payloadOf(C.draftOf(s)));
      renderBlocks();
      renderRelated();
      changed();
      showStatus();
      fieldOf('tq-text').value = '';
      fieldOf('tq-title').value = '';
      $('tq-state').textContent = T.posted + ' ' + timeNow();
      $('tq-text').focus();
    } catch (e) {
      say($('messages'), T.offline, 'error');
    } finally {
      post.disabled = false;
    }
  });
}
