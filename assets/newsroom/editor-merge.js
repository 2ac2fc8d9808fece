// @ts-check
// The merge view: someone else saved the story meanwhile (412). Field by
// field and block by block the editor chooses the server's or their own
// version; "save merged" saves the result on top of the server's version.
import { $, C, T, fieldOf } from './editor-context.js';
import { el, nextId, say } from './editor-dom.js';
import { renderBlocks } from './editor-blocks.js';
import { fillFields, readFields } from './editor-fields.js';
import { changed } from './editor-local-copy.js';
import { payload, state } from './editor-state.js';
import { setState, showStatus } from './editor-status.js';
/**
 * @typedef {import('./editor-types.js').StoryView} StoryView
 * @typedef {import('./editor-types.js').StoryDraft} StoryDraft
 * @typedef {import('./editor-types.js').RelatedTeaser} RelatedTeaser
 * @typedef {import('./editor-types.js').Author} Author
 * @typedef {import('./editor-types.js').BroadcastRef} BroadcastRef
 * @typedef {import('./editor-types.js').Figure} Figure
 * @typedef {'mine' | 'theirs'} Side
 * @typedef {(opts: { auto?: boolean, quiet?: boolean }) => Promise<boolean>} Save
 */

/** One line for a related item: "Video 2:34: Title (/politik/…)". @param {RelatedTeaser} r */
function relatedSummary(r) {
  const d = C.durationText(r.durationSeconds);
  return (T.mediaTypes[r.mediaType] || r.mediaType || '') + (d ? ' ' + d : '') + ': ' + (r.title || T.relatedUntitled) + (r.url ? ' (' + r.url + ')' : '');
}

/** A field's name as its label on the page says it. @param {string} k */
function fieldLabel(k) {
  if (k === 'lead') return T.leadImage;
  if (k === 'related') return T.related;
  /** @type {Record<string, string>} */
  const ids = { kind: 'f-kind', language: 'f-language', kicker: 'f-kicker', headline: 'f-headline', teaser: 'f-teaser', section: 'f-section', topics: 'f-topics', authors: 'f-authors', broadcast: 'f-startsAt', embargoUntil: 'f-embargo', dateline: 'f-dateline', sourceLine: 'f-sourceLine' };
  const input = ids[k] ? fieldOf(ids[k]) : undefined;
  const lab = input && document.querySelector('label[for="' + input.id + '"]');
  return lab ? lab.textContent : k;
}

/** A field's value in words. @param {string} k @param {unknown} v */
function fieldText(k, v) {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return T.empty;
  if (k === 'topics') return /** @type {string[]} */ (v).join(', ');
  if (k === 'authors') return /** @type {Author[]} */ (v).map(function (a) { return a.affiliation ? a.name + ', ' + a.affiliation : a.name; }).join('; ');
  if (k === 'broadcast') { const b = /** @type {BroadcastRef} */ (v); return (b.programme ? b.programme + ', ' : '') + C.formatBerlin(b.startsAt); }
  if (k === 'embargoUntil') return C.formatBerlin(/** @type {string} */ (v));
  if (k === 'lead') return C.blockSummary(Object.assign({ type: /** @type {const} */ ('figure') }, /** @type {Figure} */ (v)));
  if (k === 'related') return /** @type {RelatedTeaser[]} */ (v).map(relatedSummary).join('; ');
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** @param {StoryDraft} d @param {string} k */
function fieldValue(d, k) {
  return /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (d))[k];
}

/**
 * Opens the merge view for the server's `current` story; `save` saves the merged draft.
 * @param {StoryView} current @param {Save} save
 */
export function openMerge(current, save) {
  state.inConflict = true;
  readFields();
  const theirs = C.draftOf(current);
  const mine = payload();
  const fields = C.differingFields(theirs, mine);
  const rows = C.alignBlocks(theirs.body || [], mine.body || []);
  /** @type {Record<string, Side>} */
  const fieldChoice = {};
  /** @type {Record<number, Side>} */
  const rowChoice = {};
  const sec = $('merge');
  sec.textContent = '';
  sec.appendChild(el('h2', { id: 'merge-h', text: T.mergeTitle }));
  sec.appendChild(el('p', { class: 'notice error', text: T.conflict + (current.modifiedByName ? ' (' + T.savedBy + ' ' + current.modifiedByName + ', ' + C.formatBerlin(current.modifiedAt) + ')' : ' (' + C.formatBerlin(current.modifiedAt) + ')') }));
  sec.appendChild(el('p', { text: T.mergeIntro }));
  /** @type {HTMLInputElement[]} */
  const radios = [];
  /** Two radio buttons: the server's or my version of one field or block. @param {string} name @param {string} what @param {(side: Side) => void} set */
  function choice(name, what, set) {
    const wrap = el('div', { class: 'choice', role: 'radiogroup', 'aria-label': what });
    /** @type {Side[]} */ (['theirs', 'mine']).forEach(function (side) {
      const id = nextId('mc');
      const r = el('input', { type: 'radio', name: name, id: id, value: side, checked: side === 'mine', 'data-side': side });
      r.addEventListener('change', function () { if (r.checked) set(side); });
      radios.push(r);
      wrap.appendChild(r);
      wrap.appendChild(el('label', { for: id }, [side === 'theirs' ? T.takeTheirs : T.takeMine, el('span', { class: 'vh', text: ' – ' + what })]));
    });
    return wrap;
  }
  sec.appendChild(el('p', null, [
    el('button', { type: 'button', class: 'secondary', id: 'merge-all-theirs', text: T.allTheirs, onclick: function () { pickAll('theirs'); } }), ' ',
    el('button', { type: 'button', class: 'secondary', id: 'merge-all-mine', text: T.allMine, onclick: function () { pickAll('mine'); } }),
  ]));
  /** @param {Side} side */
  function pickAll(side) {
    radios.forEach(function (r) { r.checked = r.value === side; r.dispatchEvent(new Event('change')); });
  }
  if (fields.length) {
    sec.appendChild(el('h3', { text: T.mergeFields }));
    const ft = el('table', { id: 'merge-fields' }, [el('thead', null, [el('tr', null, [
      el('th', { scope: 'col', text: T.field }), el('th', { scope: 'col', text: T.theirs }), el('th', { scope: 'col', text: T.mine }), el('th', { scope: 'col', text: T.field + ': ' + T.mine + '/' + T.theirs }),
    ])])]);
    const tb = el('tbody');
    fields.forEach(function (k) {
      const name = fieldLabel(k);
      tb.appendChild(el('tr', { 'data-field': k }, [
        el('th', { scope: 'row', text: name }),
        el('td', { class: 'side theirs', text: fieldText(k, fieldValue(theirs, k)) }),
        el('td', { class: 'side mine', text: fieldText(k, fieldValue(mine, k)) }),
        el('td', null, [choice('mf-' + k, name, function (side) { fieldChoice[k] = side; })]),
      ]));
    });
    ft.appendChild(tb);
    sec.appendChild(ft);
  }
  if (rows.some(function (r) { return r.kind === 'change'; })) {
    sec.appendChild(el('h3', { text: T.mergeBlocks }));
    const bt = el('table', { id: 'merge-blocks' }, [el('thead', null, [el('tr', null, [
      el('th', { scope: 'col', text: T.block }), el('th', { scope: 'col', text: T.theirs }), el('th', { scope: 'col', text: T.mine }), el('th', { scope: 'col', text: T.block + ': ' + T.mine + '/' + T.theirs }),
    ])])]);
    const bb = el('tbody');
    rows.forEach(function (row, i) {
      if (row.kind === 'same') {
        bb.appendChild(el('tr', { class: 'same' }, [el('th', { scope: 'row', text: String(i + 1) }), el('td', { class: 'side', colspan: '2', text: C.blockSummary(row.block) }), el('td')]));
        return;
      }
      const what = T.block + ' ' + (i + 1);
      bb.appendChild(el('tr', { class: 'change', 'data-row': String(i) }, [
        el('th', { scope: 'row', text: String(i + 1) }),
        el('td', { class: 'side theirs', text: row.theirs ? T.types[row.theirs.type] + ': ' + C.blockSummary(row.theirs) : T.empty }),
        el('td', { class: 'side mine', text: row.mine ? T.types[row.mine.type] + ': ' + C.blockSummary(row.mine) : T.empty }),
        el('td', null, [choice('mb-' + i, what, function (side) { rowChoice[i] = side; })]),
      ]));
    });
    bt.appendChild(bb);
    sec.appendChild(bt);
  }
  sec.appendChild(el('p', null, [
    el('button', { type: 'button', id: 'merge-save', text: T.saveMerged, onclick: async function () {
      state.doc = C.mergeDrafts(theirs, mine, fieldChoice, rowChoice);
      state.story = current;
      state.baseVersion = current.version;
      state.lastSaved = C.canon(C.draftOf(current));
      state.inConflict = false;
      sec.hidden = true;
      $('editor').hidden = false;
      fillFields();
      renderBlocks();
      changed();
      showStatus();
      const ok = await save({});
      if (ok) say($('messages'), T.merged, 'ok');
    } }), ' ',
    el('button', { type: 'button', class: 'secondary', id: 'merge-cancel', text: T.cancel, onclick: function () {
      sec.hidden = true;
      $('editor').hidden = false;
      $('save').focus();
    } }),
  ]));
  $('editor').hidden = true;
  sec.hidden = false;
  setState(T.conflict);
  sec.focus();
}
