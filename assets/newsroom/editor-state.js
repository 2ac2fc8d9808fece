// @ts-check
// The editor's working state, shared by its modules: the story as last
// stored, the draft being edited and what is known about saving it. One
// object, since an imported binding cannot be assigned but a property can.
import { C, cfg } from './editor-context.js';
import { payloadOf } from './editor-draft.js';
/**
 * @typedef {import('./editor-types.js').StoryView} StoryView
 * @typedef {import('./editor-types.js').StoryDraft} StoryDraft
 * @typedef {import('./editor-types.js').RelatedTeaser} RelatedTeaser
 */

export const state = {
  /** The story as the server last answered it; null until a new one is first saved. @type {StoryView | null} */
  story: null,
  /** The version the next save builds on (sent as If-Match). */
  baseVersion: 0,
  /** The draft being edited. @type {StoryDraft} */
  doc: { kind: 'article', language: 'de', headline: '', authors: [], topics: [], related: [], body: [] },
  /** canon() of what was last saved (null for a story never saved). @type {string | null} */
  lastSaved: null,
  /** Whether the draft differs from what was saved. */
  dirty: false,
  /** The save under way, if any. @type {Promise<boolean> | null} */
  saving: null,
  /** Whether the merge view is open (no autosave meanwhile). */
  inConflict: false,
  /** When the last edit happened (ms). */
  lastEdit: 0,
  /**
   * Duration fields whose text cannot be read, item → the text as typed. The
   * item keeps its last readable duration meanwhile, and no save goes out
   * until the field is fixed: nothing is stored as something else.
   * @type {Map<RelatedTeaser, string>}
   */
  badDurations: new Map(),
};

/** Starts from the page's story (or an empty article). */
export function initState() {
  const story = cfg.story;
  state.story = story;
  state.baseVersion = story ? story.version : 0;
  if (story) state.doc = C.draftOf(story);
  state.lastSaved = story ? C.canon(payload()) : null;
}

/** What a save sends now. */
export function payload() {
  return payloadOf(state.doc);
}

/** Whether readers see the story (published or scheduled): then only an explicit save changes it. */
export function livePublic() {
  const story = state.story;
  return !!story && (story.status === 'published' || story.status === 'scheduled');
}
