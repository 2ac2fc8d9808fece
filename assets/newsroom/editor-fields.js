// @ts-check
// The story's own fields (kind, language, kicker, headline, teaser, section,
// topics, authors, broadcast slot, embargo, dateline, source line): shown from the draft, read back
// into it, and the character counters beside them.
import { $, C, T, fieldOf } from './editor-context.js';
import { renderLead } from './editor-lead.js';
import { changed } from './editor-local-copy.js';
import { renderRelated } from './editor-related.js';
import { state } from './editor-state.js';
/**
 * @typedef {import('./editor-types.js').Author} Author
 * @typedef {import('./editor-types.js').StoryKind} StoryKind
 */

export const FIELD_IDS = ['f-kind', 'f-language', 'f-kicker', 'f-headline', 'f-teaser', 'f-section', 'f-topics', 'f-authors', 'f-programme', 'f-startsAt', 'f-embargo', 'f-dateline', 'f-sourceLine'];

/** Shows the draft in the fields (and the lead picture and related items with them). */
export function fillFields() {
  const doc = state.doc;
  fieldOf('f-kind').value = doc.kind || 'article';
  fieldOf('f-language').value = doc.language === 'en' ? 'en' : 'de';
  fieldOf('f-kicker').value = doc.kicker || '';
  fieldOf('f-headline').value = doc.headline || '';
  fieldOf('f-teaser').value = doc.teaser || '';
  fieldOf('f-section').value = doc.section || '';
  fieldOf('f-topics').value = (doc.topics || []).join(', ');
  fieldOf('f-authors').value = (doc.authors || []).map(function (a) { return a.affiliation ? a.name + ', ' + a.affiliation : a.name; }).join('\n');
  fieldOf('f-programme').value = doc.broadcast && doc.broadcast.programme || '';
  fieldOf('f-startsAt').value = doc.broadcast ? C.isoToBerlinLocal(doc.broadcast.startsAt) : '';
  fieldOf('f-embargo').value = doc.embargoUntil ? C.isoToBerlinLocal(doc.embargoUntil) : '';
  fieldOf('f-dateline').value = doc.dateline || '';
  fieldOf('f-sourceLine').value = doc.sourceLine || '';
  updateCounts();
  renderLead();
  renderRelated();
}

/** An optional text field: kept as typed, left out when blank. @param {'kicker' | 'teaser' | 'section' | 'dateline' | 'sourceLine'} key @param {string} value */
function setText(key, value) {
  const v = value.trim();
  if (v) state.doc[key] = value; else delete state.doc[key];
}

/** Reads the fields into the draft (authors keep the pictures they had, by name). */
export function readFields() {
  const doc = state.doc;
  doc.kind = /** @type {StoryKind} */ (fieldOf('f-kind').value);
  doc.language = fieldOf('f-language').value;
  setText('kicker', fieldOf('f-kicker').value);
  doc.headline = fieldOf('f-headline').value;
  setText('teaser', fieldOf('f-teaser').value);
  setText('section', fieldOf('f-section').value);
  setText('dateline', fieldOf('f-dateline').value);
  setText('sourceLine', fieldOf('f-sourceLine').value);
  doc.topics = fieldOf('f-topics').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  const before = doc.authors || [];
  /** @type {Author[]} */
  const authors = [];
  fieldOf('f-authors').value.split('\n').forEach(function (line) {
    const cut = line.indexOf(',');
    const name = (cut < 0 ? line : line.slice(0, cut)).trim();
    const aff = cut < 0 ? '' : line.slice(cut + 1).trim();
    if (!name) return;
    /** @type {Author} */
    const a = { name: name };
    if (aff) a.affiliation = aff;
    const old = before.find(function (b) { return b.name === name && b.image; });
    if (old) a.image = old.image;
    authors.push(a);
  });
  doc.authors = authors;
  const starts = C.berlinLocalToIso(fieldOf('f-startsAt').value);
  const prog = fieldOf('f-programme').value.trim();
  if (starts) doc.broadcast = prog ? { programme: prog, startsAt: starts } : { startsAt: starts };
  else delete doc.broadcast;
  const emb = C.berlinLocalToIso(fieldOf('f-embargo').value);
  if (emb) doc.embargoUntil = emb; else delete doc.embargoUntil;
}

/** The character counters ("42/200 characters"), marking a field over its limit. */
export function updateCounts() {
  document.querySelectorAll('[data-count-for]').forEach(function (c) {
    const input = fieldOf(/** @type {string} */ (c.getAttribute('data-count-for')));
    const max = Number(c.getAttribute('data-max'));
    const n = Array.from(input.value).length;
    c.textContent = n + '/' + max + ' ' + T.chars;
    c.classList.toggle('over', n > max);
    input.setAttribute('aria-invalid', n > max ? 'true' : 'false');
  });
}

/** Every edit of a field goes into the draft at once. */
export function initFields() {
  FIELD_IDS.forEach(function (id) {
    $(id).addEventListener('input', function () { readFields(); updateCounts(); changed(); });
    $(id).addEventListener('change', function () { readFields(); changed(); });
  });
}
