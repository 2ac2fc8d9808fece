import type { Block } from '../../content/index.js';

/**
 * Broadcasters print the teaser under the headline and then start the body with
 * the same text again — all of it, or its first sentences, sometimes followed by
 * more. The repeat is dropped (the teaser keeps the words); text beyond the
 * repeat stays as the body's first paragraph. Comparison ignores the style of
 * quotes and spaces, and cuts only at a sentence end.
 */

const canon = (s: string) => s.replace(/[„“”»«"]/g, '"').replace(/[‚‘’']/g, "'").replace(/\s+/g, ' ').trim();

/** Length of the common prefix of a and b, cut back to the end of a sentence in b. */
function sentencePrefix(a: string, b: string): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && a[n] === b[n]) n++;
  if (n === b.length) return n;
  // Back to the last ". " / "! " / "? " (closing quotes allowed) inside the shared part.
  const shared = b.slice(0, n + 1);
  let cut = 0;
  const re = /[.!?…]["')\]]*\s/g;
  for (let m = re.exec(shared); m; m = re.exec(shared)) cut = m.index + m[0].length;
  return cut;
}

export type TeaserRepeat = 'none' | 'dropped' | 'trimmed';

/**
 * Removes the teaser's repeat from the first paragraph of `blocks` (pictures
 * before it are skipped; a heading first means the body does not repeat it).
 */
export function dropTeaserRepeat(teaser: string, blocks: Block[]): TeaserRepeat {
  const idx = blocks.findIndex((b) => b.type !== 'figure');
  const block = blocks[idx];
  if (!block || block.type !== 'paragraph' || block.content.length !== 1) return 'none';
  // Lines are already whitespace-normalised, and canon() maps quotes one to one,
  // so positions in the canonical text are positions in the original.
  const original = block.content[0]!.text.trim();
  const p = canon(original);
  const t = canon(teaser);
  if (p === t) {
    blocks.splice(idx, 1);
    return 'dropped';
  }
  const cut = sentencePrefix(t, p);
  if (cut < 20) return 'none';
  const rest = original.slice(cut).trim();
  if (!rest) {
    blocks.splice(idx, 1);
    return 'dropped';
  }
  block.content = [{ text: rest }];
  return 'trimmed';
}
