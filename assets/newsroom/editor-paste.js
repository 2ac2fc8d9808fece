// @ts-check
// Pasting into the editor: Word documents and web pages become clean blocks
// (LedeCore.blocksFromHtml). One paragraph pasted into a text area joins its
// text; more becomes new blocks after the block pasted into.
import { C, T } from './editor-context.js';
import { renderBlocks } from './editor-blocks.js';
import { isEmptyBlock } from './editor-draft.js';
import { changed } from './editor-local-copy.js';
import { boxBlocksOf, boxBodyHtml, entryBodyHtml } from './editor-rich.js';
import { state } from './editor-state.js';
import { announce } from './editor-status.js';
/** @typedef {import('./editor-types.js').Block} Block */

/** The clipboard's content as clean blocks (its HTML when it has some, else its text); null without clipboard data. @param {ClipboardEvent} e */
function pastedBlocks(e) {
  const cd = e.clipboardData;
  if (!cd) return null;
  const html = cd.getData('text/html');
  if (html) return C.blocksFromHtml(html);
  return C.blocksFromText(cd.getData('text/plain'));
}

/** Takes over pasting anywhere in the editor but its plain fields. */
export function initPaste() {
  document.addEventListener('paste', function (e) {
    const t = /** @type {HTMLElement | null} */ (e.target);
    const host = t && t.closest ? /** @type {HTMLElement | null} */ (t.closest('[contenteditable="true"]')) : null;
    const inField = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA');
    if (inField) return; // plain fields take plain text as usual
    if (!host && !(t && t.closest && t.closest('#editor'))) return;
    const blocks = pastedBlocks(e);
    if (!blocks) return;
    e.preventDefault();
    if (!blocks.length) return;
    const li = host && host.closest('li[data-index]');
    const kind = host && host.getAttribute('data-paste');
    const first = /** @type {Block} */ (blocks[0]); // there is at least one
    if (host && blocks.length === 1 && first.type === 'paragraph' && (kind === 'paragraph' || kind === 'list' || kind === 'entry' || kind === 'box')) {
      document.execCommand('insertHTML', false, C.inlinesToHtml(first.content));
      host.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    // A box keeps only what a box may hold (no pictures).
    if (host && kind === 'box') {
      document.execCommand('insertHTML', false, boxBodyHtml(boxBlocksOf(blocks)));
      host.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    if (host && kind === 'entry') {
      document.execCommand('insertHTML', false, entryBodyHtml(blocks));
      host.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    const body = state.doc.body;
    let at = body.length;
    if (li) {
      const i = Number(li.getAttribute('data-index'));
      // The block pasted into is drawn, so it is there.
      if (isEmptyBlock(/** @type {Block} */ (body[i]))) { body.splice(i, 1); at = i; } else at = i + 1;
    }
    body.splice(at, 0, ...blocks);
    renderBlocks({ index: at + blocks.length - 1 });
    announce(T.pasted + ' ' + blocks.map(function (b) { return T.types[b.type]; }).join(', '));
    changed();
  });
}
