import type { Author, Block, Figure } from '../../content/index.js';
import { authorIndexFor } from './byline.js';
import { figureKey, withoutCaptionLabel } from './figures.js';
import { LEADING_BULLET } from './lines.js';

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

const GALLERY_NUMBER = /^(\d{1,2})\s+(?=[\p{Lu}„"»])/u;
const ARTICLE_AFTER_ONE = /^1\s+(?:Der|Die|Das|Ein|Eine|Blick|Im|In|Am|Auf|An|Bei|Mit|Nach|Vor|Beim|Vom|The|A|An|In|At)\s/u;

/**
 * The last tidy of every picture's text, the lead's and those in the body, boxes and ticker entries:
 * - "Bildunterschrift: Blick auf …": a caption's label goes wherever the caption was read (a slider, a pair of lines,
 *   a line printed twice), not only where figures.ts builds the picture; so does a gallery list's bullet ("• Görlitz
 *   begrüßt …");
 * - "1 Die neue Bahnsteigkante …", "2 Hagelkörner auf einer Terrasse …": a gallery's running number glued before each
 *   caption (Stuttgarter Nachrichten) goes when the numbered captions count up from 1 or 2, or when a single one reads
 *   "1" and then an article ("1 Die …"); "3 Verletzte nach Unfall" alone keeps it.
 */
export function tidyCaptions(lead: Figure | undefined, body: Block[]): { lead?: Figure; body: Block[] } {
  const figs: Figure[] = [];
  const walk = (bs: Block[]) => { for (const b of bs) { if (b.type === 'figure') figs.push(b); else if (b.type === 'ticker-entry' || b.type === 'box') walk(b.body); } };
  if (lead) figs.push(lead);
  walk(body);
  const bare = (t: string) => withoutCaptionLabel(t.replace(LEADING_BULLET, ''));
  const numbered = figs.filter((f) => f.caption && GALLERY_NUMBER.test(bare(f.caption)));
  const seq = numbered.map((f) => Number(GALLERY_NUMBER.exec(bare(f.caption!))![1]));
  const counts = seq.length >= 2 && seq[0]! <= 2 && seq.every((n, k) => n === seq[0]! + k);
  const single = seq.length === 1 && ARTICLE_AFTER_ONE.test(bare(numbered[0]!.caption!));
  const marked = figs.some((f) => bare(f.alt) !== f.alt || (f.caption && bare(f.caption) !== f.caption));
  if (!counts && !single && !marked) return { ...(lead && { lead }), body };
  const fix = <T extends Figure>(f: T): T => {
    let caption = f.caption && bare(f.caption);
    let alt = bare(f.alt);
    if ((counts || single) && caption && GALLERY_NUMBER.test(caption)) {
      const was = caption;
      caption = caption.replace(GALLERY_NUMBER, '');
      alt = alt === was ? caption : alt.replace(GALLERY_NUMBER, '');
    }
    return caption === f.caption && alt === f.alt ? f : { ...f, alt, ...(caption !== undefined && { caption }) };
  };
  const mapBlocks = (bs: Block[]): Block[] => bs.map((b) => (b.type === 'figure' ? fix(b) : b.type === 'ticker-entry' || b.type === 'box' ? { ...b, body: mapBlocks(b.body) as typeof b.body } : b));
  return { ...(lead && { lead: fix(lead) }), body: mapBlocks(body) };
}
