// @ts-check
// Lede newsroom: the story editor. Plain JavaScript, no framework; the page
// is rendered on the server and these scripts bring the fields and the body
// blocks to life. They talk only to the JSON API (docs/newsroom-api.md).
//
// This is the entry module (<script type="module">, after the classic
// editor-core.js); the editor's parts are modules beside it, one concern
// each, imported by relative path. The server rewrites those paths to the
// parts' content-hashed URLs when it loads the assets (see
// src/server/newsroom-assets.ts), so every part is cached for good and a page
// always gets parts that belong together. The import graph has no cycles (the
// hashes need that): where a lower part must reach a higher one it is handed
// a function (openMerge takes save) or the higher part listens (the status
// buttons' clicks).
import { $, C, T, cfg, fieldOf } from './editor-context.js';
import { say } from './editor-dom.js';
import { api, apiErrorText } from './editor-api.js';
import { addBlock, renderBlocks } from './editor-blocks.js';
import { initAgency } from './editor-agency.js';
import { fillFields, initFields, readFields } from './editor-fields.js';
import { initLead } from './editor-lead.js';
import { offerLocalCopy } from './editor-local-copy.js';
import { initPaste } from './editor-paste.js';
import { initPicker } from './editor-picker.js';
import { startPresence } from './editor-presence.js';
import { addRelated } from './editor-related.js';
import { save, startAutosave } from './editor-save.js';
import { initState, payload } from './editor-state.js';
import { showStatus } from './editor-status.js';
import { initTickerQuickEntry } from './editor-ticker.js';
import { initWorkflow } from './editor-workflow.js';
// The other parts, named for loading only: a browser fetches a module's
// imports together once it has the module, so naming every part here loads
// the editor in one round after this file, not one round per level of the
// import graph (up to seven). newsroom-assets.test.ts holds this list whole.
import './editor-draft.js';
import './editor-issues.js';
import './editor-merge.js';
import './editor-pictures.js';
import './editor-rich.js';

/** Someone who may look but not edit: fields locked, no save, no autosave. */
function readOnly() {
  document.querySelectorAll('#editor fieldset:not(#actions-box)').forEach(function (f) { /** @type {HTMLFieldSetElement} */ (f).disabled = true; });
  document.querySelectorAll('#blocks [contenteditable]').forEach(function (r) { r.setAttribute('contenteditable', 'false'); });
  $('save').hidden = true;
  $('correction-box').hidden = true;
}

/**
 * The "Import notes" panel (rendered by the server when the importer left
 * notes on this story): "Done" deletes them for everyone and removes the panel.
 */
function initImportNotes() {
  const panel = document.getElementById('import-notes');
  const node = document.getElementById('import-notes-config');
  const button = document.getElementById('import-notes-done');
  if (!panel || !node || !button) return;
  /** @type {{ url: string, text: { working: string, dismissed: string, failed: string, offline: string, forbidden: string } }} */
  const conf = JSON.parse(node.textContent || 'null');
  const status = $('import-notes-state');
  const tools = $('import-notes-tools');
  tools.hidden = false;
  button.addEventListener('click', async function () {
    /** @type {HTMLButtonElement} */ (button).disabled = true;
    status.textContent = conf.text.working;
    try {
      const res = await api('DELETE', conf.url);
      if (res.ok) {
        panel.remove();
        // The panel (and the focus on its button) is gone: say so where the editor's messages go.
        say($('messages'), conf.text.dismissed, 'ok');
        $('messages').focus();
        return;
      }
      status.textContent = res.status === 403 ? conf.text.forbidden : conf.text.failed + ' ' + await apiErrorText(res);
    } catch (e) {
      status.textContent = conf.text.offline;
    }
    /** @type {HTMLButtonElement} */ (button).disabled = false;
  });
}

function start() {
  initState();
  initPicker();
  initLead();
  initPaste();
  startAutosave();
  initTickerQuickEntry();
  initFields();
  $('editor').addEventListener('submit', function (e) { e.preventDefault(); save({}); });
  $('add-block').addEventListener('click', function () { addBlock(fieldOf('add-type').value); });
  $('related-add').addEventListener('click', addRelated);
  initWorkflow();
  $('preview').addEventListener('click', function () {
    readFields();
    const f = /** @type {HTMLFormElement} */ ($('preview-form'));
    /** @type {HTMLInputElement} */ (f.elements.namedItem('story')).value = JSON.stringify(payload());
    f.submit();
  });
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save({}); }
  });

  fillFields();
  renderBlocks();
  showStatus();
  if (!cfg.canEdit) readOnly();
  offerLocalCopy(function () { fillFields(); renderBlocks(); });
  startPresence();
  initImportNotes();
  initAgency();
  document.documentElement.setAttribute('data-editor-ready', '');
}

// Without the editor core or the page's configuration there is nothing to edit.
if (C && cfg) start();
