// @ts-check
// The agency panel of a story taken from a wire item (rendered by the server,
// src/admin/editor-agency-panel.tsx): this part checks every 30 seconds
// whether the agency sent something new (a version, a withdrawal, a changed
// Sperrfrist) and then swaps in the panel as the server renders it now, ties
// the publish hint to the "Veröffentlichen" button, and offers the merge: field
// by field "Meine Fassung" or "Agenturfassung", saved through the normal save
// with its version check, after which the story's link names the new version.
// The editor's own text is read from the fields first and stays in the local
// copy (changed()), so nothing typed is lost.
import { $, $maybe, C, T } from './editor-context.js';
import { el, nextId, say } from './editor-dom.js';
import { api, apiErrorText } from './editor-api.js';
import { renderBlocks } from './editor-blocks.js';
import { fillFields, readFields } from './editor-fields.js';
import { changed } from './editor-local-copy.js';
import { save } from './editor-save.js';
import { payload, state } from './editor-state.js';
import { setState } from './editor-status.js';
/**
 * @typedef {import('./editor-agency-types.js').AgencyConfig} AgencyConfig
 * @typedef {import('./editor-agency-types.js').AgencyAnswer} AgencyAnswer
 * @typedef {import('./editor-agency-types.js').AgencyView} AgencyView
 * @typedef {import('./editor-agency-types.js').AgencyField} AgencyField
 * @typedef {import('./editor-types.js').Block} Block
 * @typedef {'mine' | 'agency'} Side
 */

/** The fields the merge offers, in the panel's order. @type {AgencyField[]} */
const FIELDS = ['kicker', 'headline', 'teaser', 'byline', 'dateline', 'body'];
const POLL_MS = 30000;

/** The panel's island, read again after every redraw. @returns {AgencyConfig | null} */
function readConfig() {
  const node = document.getElementById('agency-config');
  try { return node ? JSON.parse(node.textContent || 'null') : null; } catch (e) { return null; }
}

/** @type {AgencyConfig | null} */
let A = null;
let busy = false;

/** Fills "{v}" and "{n}" in a text. @param {string} text @param {Record<string, string | number>} values */
function fill(text, values) {
  return text.replace(/\{(\w)\}/g, function (all, k) { return values[k] === undefined ? all : String(values[k]); });
}

/** The panel's controls after it was (re)drawn: the merge button only for editors, once the script runs. */
function wirePanel() {
  const tools = $maybe('agency-merge-tools');
  const open = $maybe('agency-merge-open');
  if (tools && open && A && A.canEdit) {
    tools.hidden = false;
    open.addEventListener('click', openAgencyMerge);
  }
  describePublish();
}

/** The publish button (redrawn with every status change) names the publish hint as its description. */
function describePublish() {
  const hint = $maybe('agency-publish-hint');
  document.querySelectorAll('button[data-move="published"], button[data-move="scheduled"]').forEach(function (b) {
    if (hint) b.setAttribute('aria-describedby', 'agency-publish-hint'); else b.removeAttribute('aria-describedby');
  });
}

/**
 * Swaps in the panel (and the publish hint) as the editor page renders them
 * now; `tell` announces that something changed (a withdrawal announces
 * itself: its box is an alert).
 * @param {boolean} tell
 */
async function redraw(tell) {
  if (!A) return;
  const res = await fetch(A.page, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!res.ok) return;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const fresh = doc.getElementById('agency-panel');
  const old = $maybe('agency-panel');
  if (!fresh || !old) return;
  // A parsed document runs no scripts, so its <noscript> content is there as elements: not for this page.
  fresh.querySelectorAll('noscript').forEach(function (n) { n.remove(); });
  const hadAlert = !!$maybe('agency-withdrawn');
  old.replaceWith(document.importNode(fresh, true));
  const hint = doc.getElementById('agency-publish-hint');
  const oldHint = $maybe('agency-publish-hint');
  if (oldHint) oldHint.remove();
  if (hint) $('actions-box').appendChild(document.importNode(hint, true));
  A = readConfig();
  wirePanel();
  if (tell && A && !(!hadAlert && $maybe('agency-withdrawn'))) setState(A.text.changed);
}

async function poll() {
  if (!A || busy || document.hidden || state.inConflict) return;
  try {
    const res = await api('GET', A.url + '?view=key');
    if (!res.ok) return;
    /** @type {{ key: string }} */
    const j = await res.json();
    if (A && typeof j.key === 'string' && j.key !== A.key) await redraw(true);
  } catch (e) { /* offline: next time */ }
}

/** A field's value in words for the merge table. @param {AgencyField} k @param {unknown} v @returns {Node} */
function cell(k, v) {
  const t = /** @type {AgencyConfig} */ (A).text;
  if (k === 'body') {
    const blocks = /** @type {Block[]} */ (v || []);
    if (!blocks.length) return document.createTextNode(t.empty);
    return el('div', null, [
      el('p', { class: 'muted', text: blocks.length === 1 ? t.blockOne : fill(t.blocks, { n: blocks.length }) }),
      el('ol', null, blocks.map(function (b) { return el('li', { text: (T.types[b.type] || b.type) + ': ' + C.blockSummary(b) }); })),
    ]);
  }
  return document.createTextNode(typeof v === 'string' && v.trim() ? v : t.empty);
}

/** Opens the merge of the agency's newest version (fetched now, so it is the newest). */
async function openAgencyMerge() {
  if (!A || busy) return;
  const cfg = A;
  const t = cfg.text;
  /** @type {AgencyAnswer} */
  let j;
  try {
    const res = await api('GET', cfg.url);
    if (!res.ok) { say($('messages'), t.loadFailed + ' ' + await apiErrorText(res), 'error'); return; }
    j = await res.json();
  } catch (e) {
    say($('messages'), T.offline, 'error');
    return;
  }
  const a = j.agency;
  if (!a || !a.update) { await redraw(true); return; }
  const update = a.update;
  readFields();
  const mine = payload();
  /** @type {Record<string, unknown>} */
  const mineOf = /** @type {any} */ (mine);
  /** @type {Record<string, unknown>} */
  const theirsOf = /** @type {any} */ (update.fields);
  /** @type {Partial<Record<AgencyField, Side>>} */
  const choice = {};
  /** @type {HTMLInputElement[]} */
  const radios = [];
  const sec = $('agency-merge');
  sec.textContent = '';
  sec.appendChild(el('h2', { id: 'agency-merge-h', text: fill(t.mergeTitle, { v: update.version }) }));
  sec.appendChild(el('p', { text: t.intro }));
  sec.appendChild(el('p', null, [
    el('button', { type: 'button', class: 'secondary', id: 'agency-all-agency', text: t.allAgency, onclick: function () { pickAll('agency'); } }), ' ',
    el('button', { type: 'button', class: 'secondary', id: 'agency-all-mine', text: t.allMine, onclick: function () { pickAll('mine'); } }),
  ]));
  /** @param {Side} side */
  function pickAll(side) {
    radios.forEach(function (r) { r.checked = r.value === side; r.dispatchEvent(new Event('change')); });
  }
  const table = el('table', { id: 'agency-merge-fields' }, [el('thead', null, [el('tr', null, [
    el('th', { scope: 'col', text: t.field }), el('th', { scope: 'col', text: t.mine }),
    el('th', { scope: 'col', text: fill(t.agency, { v: update.version }) }), el('th', { scope: 'col', text: t.choice }),
  ])])]);
  const body = el('tbody');
  FIELDS.forEach(function (k) {
    const name = t.names[k] || k;
    const same = C.same(mineOf[k], theirsOf[k]);
    /** @type {HTMLElement} */
    let pick;
    if (same) {
      pick = el('span', { class: 'muted', text: t.same });
    } else {
      choice[k] = 'mine';
      pick = el('div', { class: 'choice', role: 'radiogroup', 'aria-label': name });
      /** @type {Side[]} */ (['mine', 'agency']).forEach(function (side) {
        const id = nextId('ag');
        const r = el('input', { type: 'radio', name: 'agency-' + k, id: id, value: side, checked: side === 'mine', 'data-side': side });
        r.addEventListener('change', function () { if (r.checked) choice[k] = side; });
        radios.push(r);
        // One line per side: the radio with its label never split.
        pick.appendChild(el('div', null, [r, el('label', { for: id }, [side === 'mine' ? t.takeMine : t.takeAgency, el('span', { class: 'vh', text: ' – ' + name })])]));
      });
    }
    body.appendChild(el('tr', { 'data-field': k, class: same ? 'same' : 'change' }, [
      el('th', { scope: 'row', text: name }),
      el('td', { class: 'side mine' }, [cell(k, mineOf[k])]),
      el('td', { class: 'side agency' }, [cell(k, theirsOf[k])]),
      el('td', null, [pick]),
    ]));
  });
  table.appendChild(body);
  sec.appendChild(table);
  sec.appendChild(el('p', null, [
    el('button', { type: 'button', id: 'agency-merge-save', text: t.save, onclick: function () { takeAndSave(a, choice); } }), ' ',
    el('button', { type: 'button', class: 'secondary', id: 'agency-merge-cancel', text: t.cancel, onclick: function () { closeMerge(); $('agency-merge-open').focus(); } }),
  ]));
  // Like the 412 merge view: no autosave and no edits underneath while it is open.
  state.inConflict = true;
  $('editor').hidden = true;
  sec.hidden = false;
  sec.focus();
}

function closeMerge() {
  $('agency-merge').hidden = true;
  $('editor').hidden = false;
  state.inConflict = false;
}

/**
 * Puts the chosen agency fields into the draft, saves it (the normal save:
 * If-Match, the 412 merge view if someone saved meanwhile), then records the
 * version as taken.
 * @param {AgencyView} a @param {Partial<Record<AgencyField, Side>>} choice
 */
async function takeAndSave(a, choice) {
  const update = /** @type {NonNullable<AgencyView['update']>} */ (a.update);
  const t = /** @type {AgencyConfig} */ (A).text;
  /** @type {Record<string, unknown>} */
  const doc = /** @type {any} */ (state.doc);
  /** @type {Record<string, unknown>} */
  const theirs = /** @type {any} */ (update.fields);
  let took = false;
  FIELDS.forEach(function (k) {
    if (choice[k] !== 'agency') return;
    took = true;
    const v = theirs[k];
    if (k === 'body') doc.body = JSON.parse(JSON.stringify(v || []));
    else if (typeof v === 'string' && v.trim()) doc[k] = v;
    else delete doc[k];
  });
  closeMerge();
  busy = true;
  try {
    if (took) {
      fillFields();
      renderBlocks();
      changed();
    }
    // Nothing to store when every field stays as saved: the choice itself is what is recorded.
    if (state.dirty || took) {
      const ok = await save({});
      if (!ok) return;
    }
    const res = await api('POST', /** @type {AgencyConfig} */ (A).url + '/accept', { fromVersion: a.takenVersion, toVersion: update.version });
    if (!res.ok) { say($('messages'), t.linkFailed + ' ' + await apiErrorText(res), 'error'); return; }
    await redraw(false);
    say($('messages'), fill(t.saved, { v: update.version }), 'ok');
  } catch (e) {
    say($('messages'), T.offline, 'error');
  } finally {
    busy = false;
  }
}

/** Starts the panel's script for a story taken from a wire item (nothing for other stories). */
export function initAgency() {
  A = readConfig();
  if (!A) return;
  wirePanel();
  // The status buttons are redrawn with every status change.
  new MutationObserver(describePublish).observe($('moves'), { childList: true });
  new MutationObserver(describePublish).observe($('schedule-group'), { childList: true });
  setInterval(poll, POLL_MS);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) poll(); });
}
