import type { Block, Figure, Story } from '../../content/index.js';
import { cropBox, renditionHeight, renditionPath, renditionWidths } from '../../imaging/renditions.js';
import { absoluteUrl, imageType } from '../../site/feeds/xml.js';
import { shownImage } from '../../site/media-figures.js';
import { creditLabel } from '../../site/views/figure.js';
import { clean, webUrl, type OutputContext } from './output-options.js';

/**
 * The pictures of a story that readers see, each once, with its files and its
 * rights as the site states them. Input is a story as the read model gives
 * it: media library figures resolved (`shown`), lapsed ones already gone.
 *
 * A figure that names a library picture (`assetId`) but carries no `shown`
 * image was never checked against the rights: it is left out, never its
 * stored `src` — a format must not be the one place a lapsed picture leaks.
 * A figure without any file (a placeholder) has no picture either.
 */

export interface PictureRendition {
  name: string;
  href: string;
  mimeType: string;
  width?: number;
  height?: number;
}

export interface PublicPicture {
  /** Its name among the story's associations: "lead", then "picture-1", "picture-2" … in body order. */
  name: string;
  /** picture, or graphic for graphics and maps. */
  type: 'picture' | 'graphic';
  /** The media library picture's API address, else the file's own address. */
  uri: string;
  figure: Figure;
  alt: string;
  caption?: string;
  /** The credit line as printed ("dpa"). */
  credit?: string;
  /** "Bildrechte: dpa", the rights line under the picture on the page. */
  creditLine?: string;
  copyrightHolder?: string;
  /** The asset's licence (name or URL), for a library picture. */
  usageTerms?: string;
  creator?: string;
  /** The file pages link (first) and, for a library picture, every other 16:9 JPEG width. */
  renditions: PictureRendition[];
}

export interface StoryPictures {
  lead?: PublicPicture;
  /** Body pictures (ticker entries' included) in reading order. */
  body: PublicPicture[];
  /** Every picture by the figure it came from, for the body's <figure>. */
  byFigure: Map<Figure, PublicPicture>;
}

export function storyPictures(story: Story, ctx: OutputContext): StoryPictures {
  const byFigure = new Map<Figure, PublicPicture>();
  const lead = story.lead ? picture(story.lead, 'lead', story.language, ctx) : undefined;
  if (lead) byFigure.set(story.lead!, lead);
  const body: PublicPicture[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'figure') {
        const p = picture(b, `picture-${body.length + 1}`, story.language, ctx);
        if (p) {
          body.push(p);
          byFigure.set(b, p);
        }
      } else if (b.type === 'ticker-entry') walk(b.body);
    }
  };
  walk(story.body);
  return { ...(lead && { lead }), body, byFigure };
}

/** Whether a figure may be shown as a picture at all (see the note above). */
export function isShownFigure(f: Figure): boolean {
  if (f.assetId) return !!shownImage(f) && !!f.src;
  return !!f.src;
}

function picture(f: Figure, name: string, lang: string, ctx: OutputContext): PublicPicture | undefined {
  if (!isShownFigure(f)) return undefined;
  const shown = shownImage(f);
  const href = webUrl(absoluteUrl(ctx.siteUrl, clean(f.src!)));
  if (!href) return undefined;
  const renditions: PictureRendition[] = [{
    name: 'default', href, mimeType: imageType(href), ...(f.width && { width: f.width }), ...(f.height && { height: f.height }),
  }];
  if (shown) {
    // Every width the site cuts of the 16:9 crop (what its <picture> offers), as JPEG.
    const s = shown.source;
    const box = cropBox(s.width, s.height, '16:9', { x: s.focalX, y: s.focalY });
    for (const w of renditionWidths(box.width)) {
      const other = webUrl(absoluteUrl(ctx.siteUrl, renditionPath(s, '16:9', w, 'jpeg')))!;
      if (other === href) continue;
      renditions.push({ name: `16x9-${w}`, href: other, mimeType: 'image/jpeg', width: w, height: renditionHeight('16:9', w, box) });
    }
  }
  const credit = text(f.credit);
  const holder = text(shown?.copyrightHolder) ?? credit;
  const usageTerms = text(shown?.licence);
  const creator = text(shown?.creator);
  const caption = text(f.caption);
  return {
    name,
    type: f.kind === 'image' ? 'picture' : 'graphic',
    uri: shown ? ctx.mediaUri(shown.source.id) : href,
    figure: f,
    alt: clean(f.alt),
    ...(caption && { caption }),
    ...(credit && { credit, creditLine: `${creditLabel(lang)}: ${credit}` }),
    ...(holder && { copyrightHolder: holder }),
    ...(usageTerms && { usageTerms }),
    ...(creator && { creator }),
    renditions,
  };
}

function text(v: string | undefined): string | undefined {
  const t = v === undefined ? '' : clean(v).trim();
  return t || undefined;
}
