// @ts-check
// Pictures from the media library as the editor shows them: the library's
// answer for a picture (asked once per page), its credit and rights, and
// what a figure shows (library picture or outside address).
import { C, T } from './editor-context.js';
import { el } from './editor-dom.js';
/**
 * @typedef {import('./editor-types.js').Figure} Figure
 * @typedef {import('./editor-types.js').LibraryAsset} LibraryAsset
 */

/**
 * Library pictures as GET /newsroom/api/media/:id answers them, by id: a
 * promise of the asset, null when there is none, undefined when the library
 * could not be asked (then it is asked again next time).
 * @type {Record<string, Promise<LibraryAsset | null | undefined>>}
 */
const assetCache = {};

/** @param {string} id */
function loadAsset(id) {
  if (!assetCache[id]) {
    assetCache[id] = fetch('/newsroom/api/media/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        if (res.status === 404) return null;
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .catch(function () { delete assetCache[id]; return undefined; });
  }
  return assetCache[id];
}

/** Keeps a picture the library already answered (search results, an upload). @param {LibraryAsset} asset */
export function remember(asset) {
  assetCache[asset.id] = Promise.resolve(asset);
}

/** The picture's rights state, with the date it begins or ends. @param {LibraryAsset} asset */
export function rightsBadge(asset) {
  const st = asset.rightsStatus || 'valid';
  const r = asset.rights || {};
  const when = st === 'not-yet-valid' && r.validFrom ? ' (' + T.from + ' ' + C.formatBerlin(r.validFrom) + ')'
    : (st === 'expiring' || st === 'lapsed') && r.validUntil ? ' (' + T.until + ' ' + C.formatBerlin(r.validUntil) + ')' : '';
  return el('span', { class: 'rights-badge ' + st, text: (T.rights[st] || st) + when });
}

/** @param {LibraryAsset} asset */
function creditText(asset) {
  const credit = asset.rights && asset.rights.credit;
  return credit ? el('p', { class: 'credit', text: T.creditLine + ' ' + credit }) : el('p', { class: 'credit warn', text: T.noCredit });
}

/**
 * What a figure shows: the library picture (thumbnail, name, credit, rights when not plainly valid) or the outside address,
 * as text only: the newsroom's CSP takes pictures from this site alone (img-src 'self'), so an outside address
 * never makes an editor's browser call another server while a draft is open.
 * @param {Figure} fig
 */
export function pictureInfo(fig) {
  const box = el('div', { class: 'picked' });
  if (fig.assetId) {
    const id = fig.assetId;
    box.setAttribute('data-asset', id);
    const img = el('img', { alt: '', width: '160', height: '90', src: '/newsroom/media/' + id + '/16x9-320.webp' });
    const text = el('div', null, [el('p', { class: 'muted', text: T.assetLoading })]);
    box.appendChild(img);
    box.appendChild(text);
    loadAsset(id).then(function (a) {
      text.textContent = '';
      if (a === null) { img.hidden = true; text.appendChild(el('p', { class: 'warn', text: T.assetMissing })); return; }
      if (!a) { text.appendChild(el('p', { class: 'muted', text: id })); return; }
      if (a.urls && a.urls.thumbnail && img.getAttribute('src') !== a.urls.thumbnail) img.src = a.urls.thumbnail;
      text.appendChild(el('p', { class: 'name', text: a.originalName || T.untitled }));
      text.appendChild(creditText(a));
      if (a.rightsStatus && a.rightsStatus !== 'valid') text.appendChild(el('p', null, [rightsBadge(a)]));
      if (a.rightsStatus === 'lapsed') text.appendChild(el('p', { class: 'warn', text: T.lapsedChosen }));
      if (a.rightsStatus === 'not-yet-valid') text.appendChild(el('p', { class: 'hint', text: T.notYetWhy }));
      text.appendChild(el('p', { class: 'hint', text: T.creditFromLibrary }));
      text.appendChild(el('p', null, [el('a', { href: '/newsroom/media/' + id, target: '_blank', rel: 'noopener' }, [T.openInLibrary, el('span', { class: 'vh', text: ': ' + (a.originalName || T.untitled) })])]));
    });
  } else if (fig.src) {
    box.appendChild(el('div', null, [
      el('p', { text: T.external }), el('p', { class: 'name', text: fig.src }),
      fig.credit ? el('p', { class: 'credit', text: T.creditLine + ' ' + fig.credit }) : null,
    ]));
  }
  return box;
}
