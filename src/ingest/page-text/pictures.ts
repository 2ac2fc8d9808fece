import type { Author, Block, Figure } from '../../content/index.js';
import { authorIndexFor } from './byline.js';
import { figureKey } from './figures.js';

/**
 * Chooses the lead picture and sorts out the others. Pictures of the head (hero
 * before the headline, the same picture again after it, the lead after the
 * teaser) are deduplicated — the copy with a credit wins — and the first is the
 * lead; further distinct head pictures open the body. A picture whose alt text
 * names an author is that author's photo, never a body figure. A body figure
 * that repeats the lead is dropped.
 */
export function arrangePictures(headFigures: Figure[], body: Block[], authors: Author[]): { lead?: Figure; body: Block[] } {
  const same = (a: Figure, b: Figure) => figureKey(a) === figureKey(b) || a.alt === b.alt;
  const heroes: Figure[] = [];
  for (const f of headFigures) {
    const ai = authorIndexFor(f.alt, authors);
    if (ai >= 0) {
      authors[ai]!.image ??= f;
      continue;
    }
    const i = heroes.findIndex((h) => same(h, f));
    if (i < 0) heroes.push(f);
    else if (!heroes[i]!.credit && f.credit) heroes[i] = f;
  }
  const lead = heroes[0];
  const rest: Block[] = heroes.slice(1).map((f) => ({ type: 'figure', ...f }));
  for (const b of body) {
    if (b.type === 'figure') {
      const { type: _type, ...figure } = b;
      const ai = authorIndexFor(figure.alt, authors);
      if (ai >= 0 && !authors[ai]!.image) {
        authors[ai]!.image = figure;
        continue;
      }
      if (lead && figureKey(figure) === figureKey(lead)) continue;
    }
    rest.push(b);
  }
  return { ...(lead && { lead }), body: rest };
}
