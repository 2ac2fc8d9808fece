// @ts-check
// The picture picker (#picker, a modal dialog): search the media library or
// upload a picture, and hand the chosen one to whoever opened the picker.
// Focus goes back to the opener when the dialog closes.
import { $, $maybe, T, csrf, inputOf } from './editor-context.js';
import { el } from './editor-dom.js';
import { apiErrorText } from './editor-api.js';
import { remember, rightsBadge } from './editor-pictures.js';
/** @typedef {import('./editor-types.js').LibraryAsset} LibraryAsset */

const picker = /** @type {HTMLDialogElement | null} */ ($maybe('picker'));
/** Where the focus goes when the picker closes. @type {HTMLElement | null} */
let pickerOpener = null;
/** What to do with the chosen picture. @type {((asset: LibraryAsset) => void) | null} */
let pickerApply = null;
/** Numbers the searches, so an answer to an older one is dropped. */
let searchSeq = 0;

/** @param {string} text */
function pickerSay(text) {
  $('picker-state').textContent = text;
}

/**
 * Opens the picker; `apply` takes the chosen picture. Without a media library there is no picker and nothing happens.
 * @param {HTMLElement} opener @param {(asset: LibraryAsset) => void} apply
 */
export function openPicker(opener, apply) {
  if (!picker) return;
  pickerOpener = opener;
  pickerApply = apply;
  if (!picker.open) picker.showModal();
  $('picker-q').focus();
  searchLibrary();
}

/** Where the focus goes when the picker closes, when the opener was drawn anew meanwhile. @param {HTMLElement | null} target */
export function returnFocusTo(target) {
  pickerOpener = target;
}

/** @param {LibraryAsset[]} items */
function renderResults(items) {
  const list = $('picker-results');
  list.textContent = '';
  items.forEach(function (a) {
    remember(a);
    const name = a.originalName || T.untitled;
    const credit = a.rights && a.rights.credit;
    const kids = [
      el('img', { alt: '', src: a.urls && a.urls.thumbnail, width: '320', height: '180', loading: 'lazy' }),
      el('span', { class: 'name', text: name }),
      el('span', { class: credit ? 'credit' : 'credit warn', text: credit ? T.creditLine + ' ' + credit : T.noCredit }),
      rightsBadge(a),
    ];
    const li = el('li', { 'data-asset': a.id, 'data-status': a.rightsStatus });
    if (a.rightsStatus === 'lapsed') {
      // Shown, so nobody wonders where it went, but not offered: the site would not show it.
      kids.push(el('span', { class: 'why', text: T.lapsedWhy }));
      li.appendChild(el('div', { class: 'pick-off' }, kids));
    } else {
      li.appendChild(el('button', { type: 'button', class: 'pick', onclick: function () { choosePicture(a); } }, kids));
    }
    list.appendChild(li);
  });
}

/** @param {LibraryAsset} asset */
function choosePicture(asset) {
  remember(asset);
  const apply = pickerApply;
  if (apply) apply(asset);
  /** @type {HTMLDialogElement} */ (picker).close();
}

async function searchLibrary() {
  const q = inputOf('picker-q').value.trim();
  const seq = ++searchSeq;
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  params.set('limit', '24');
  pickerSay(T.searching);
  try {
    const res = await fetch('/newsroom/api/media?' + params.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (seq !== searchSeq) return;
    if (!res.ok) { $('picker-results').textContent = ''; pickerSay(T.libraryFailed + ' ' + await apiErrorText(res)); return; }
    const j = await res.json();
    if (seq !== searchSeq) return;
    /** @type {LibraryAsset[]} */
    const items = j.items || [];
    renderResults(items);
    pickerSay(items.length === 1 ? T.foundOne : items.length ? items.length + ' ' + T.found : T.noResults);
  } catch (e) {
    if (seq === searchSeq) pickerSay(T.offline);
  }
}

/** Uploads a picture to the library and chooses it (unless its rights have lapsed). @param {File} file */
async function uploadPicture(file) {
  pickerSay(T.uploading);
  try {
    const res = await fetch('/newsroom/api/media', {
      method: 'POST', credentials: 'same-origin', body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': csrf, Accept: 'application/json' },
    });
    if (!res.ok) { pickerSay(T.uploadFailed + ' ' + await apiErrorText(res)); return; }
    /** @type {LibraryAsset} */
    const asset = await res.json();
    if (asset.rightsStatus === 'lapsed') { renderResults([asset]); pickerSay(T.lapsedWhy); return; }
    choosePicture(asset);
  } catch (e) {
    pickerSay(T.uploadFailed + ' ' + T.offline);
  }
}

/** Wires the picker's close button, search and upload (when the page has a picker). */
export function initPicker() {
  if (!picker) return;
  const dialog = picker;
  dialog.addEventListener('close', function () {
    const back = pickerOpener;
    pickerOpener = null;
    pickerApply = null;
    if (back && document.contains(back)) back.focus();
  });
  $('picker-close').addEventListener('click', function () { dialog.close(); });
  $('picker-search').addEventListener('submit', function (e) { e.preventDefault(); searchLibrary(); });
  const fileInput = /** @type {HTMLInputElement | null} */ ($maybe('picker-file'));
  if (fileInput) fileInput.addEventListener('change', function () {
    const f = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (f) uploadPicture(f);
  });
}
