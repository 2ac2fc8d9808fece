// @ts-check
// The lead picture (Aufmacherbild): chosen from the library, with its own
// alt text and caption; removable.
import { $, $maybe, C, T, fieldOf } from './editor-context.js';
import { el } from './editor-dom.js';
import { changed } from './editor-local-copy.js';
import { openPicker } from './editor-picker.js';
import { pictureInfo } from './editor-pictures.js';
import { state } from './editor-state.js';
import { announce } from './editor-status.js';
/** @typedef {import('./editor-types.js').LibraryAsset} LibraryAsset */

/** Shows the lead picture and its fields (or that there is none). */
export function renderLead() {
  const box = $maybe('lead-picture');
  if (!box) return;
  box.textContent = '';
  const lead = state.doc.lead;
  box.appendChild(lead ? pictureInfo(lead) : el('p', { class: 'muted', text: T.leadNone }));
  $('lead-fields').hidden = !lead;
  $('lead-remove').hidden = !lead;
  fieldOf('lead-alt').value = lead ? lead.alt || '' : '';
  fieldOf('lead-caption').value = lead ? lead.caption || '' : '';
}

/** @param {LibraryAsset} asset */
function chooseForLead(asset) {
  state.doc.lead = C.withAsset(state.doc.lead || { kind: 'image', alt: '' }, asset.id);
  renderLead();
  announce(T.chosen + ' ' + (asset.originalName || T.untitled));
  changed();
}

/** Wires choosing and removing the lead picture and its alt text and caption. */
export function initLead() {
  const choose = $maybe('lead-choose');
  if (choose) choose.addEventListener('click', function (e) { openPicker(/** @type {HTMLElement} */ (e.currentTarget), chooseForLead); });
  $('lead-remove').addEventListener('click', function () {
    delete state.doc.lead;
    renderLead();
    announce(T.pictureRemoved);
    changed();
    ($maybe('lead-choose') || $('lead-box')).focus();
  });
  $('lead-alt').addEventListener('input', function () {
    const lead = state.doc.lead;
    if (lead) { lead.alt = fieldOf('lead-alt').value; changed(); }
  });
  $('lead-caption').addEventListener('input', function () {
    const lead = state.doc.lead;
    if (!lead) return;
    const v = fieldOf('lead-caption').value;
    if (v.trim()) lead.caption = v; else delete lead.caption;
    changed();
  });
}
