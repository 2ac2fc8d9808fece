import { raw } from 'hono/html';
import type { Figure } from '../../content/index.js';
import { DEFAULT_SIZES, pictureFor } from '../../imaging/renditions.js';
import { shownImage } from '../media-figures.js';
import { typographicQuotes } from '../typography.js';
import { attr, esc } from './html-text.js';

const CREDIT_LABEL: Record<string, string> = { de: 'Bildrechte', en: 'Image' };

export function creditLabel(lang: string): string {
  return CREDIT_LABEL[lang.slice(0, 2)] ?? CREDIT_LABEL.en!;
}

/** The rights line under a picture, "Bildrechte: dpa". */
export function creditHtml(credit: string, lang: string): string {
  return `<small class="credit">${esc(creditLabel(lang))}: ${esc(credit)}</small>`;
}

/** Teaser cards: a column of the card grid (at least 14rem, up to a third of the 72rem page), or the whole width on phones. */
export const CARD_SIZES = '(min-width: 72rem) 23rem, (min-width: 32rem) 50vw, 100vw';

/**
 * The picture itself. A media library picture is a <picture> with AVIF and
 * WebP sources and a JPEG <img> over every rendition width, with the crop's
 * width and height (no layout shift); lazy except where it is the first
 * thing seen (the lead). A figure without a source file shows a labelled
 * placeholder so the caption keeps its place. Built as a string (html-text.ts).
 */
export function figureMediaHtml(f: Figure, lazy?: boolean, sizes?: string): string {
  const shown = shownImage(f);
  const loading = lazy ? ' loading="lazy"' : '';
  if (shown) {
    const p = pictureFor(shown.source, '16:9', { sizes: sizes ?? DEFAULT_SIZES });
    let out = '<picture>';
    for (const s of p.sources) out += `<source type="${esc(s.type)}" srcset="${esc(s.srcset)}" sizes="${esc(p.sizes)}"/>`;
    return `${out}<img src="${esc(p.img.src)}" srcset="${esc(p.img.srcset)}" sizes="${esc(p.sizes)}"${attr('alt', f.alt)} width="${p.img.width}" height="${p.img.height}"`
      + `${loading}${lazy ? '' : ' fetchpriority="high"'} decoding="async"/></picture>`;
  }
  if (f.src) {
    return `<img src="${esc(f.src)}"${attr('alt', f.alt)}${attr('width', f.width ?? 1280)}${attr('height', f.height ?? 720)}${loading} decoding="async"/>`;
  }
  // The alt text is shown in the placeholder too: sighted readers learn what the picture shows.
  return f.alt
    ? `<div class="ph ${esc(f.kind)}" role="img" aria-label="${esc(f.alt)}"><span>${esc(f.alt)}</span></div>`
    : `<div class="ph ${esc(f.kind)}" aria-hidden="true"></div>`;
}

export function FigureMedia(props: { figure: Figure; lazy?: boolean; sizes?: string }) {
  return raw(figureMediaHtml(props.figure, props.lazy, props.sizes));
}

/** A figure with caption and rights line, "Bildrechte: dpa". */
export function figureHtml(f: Figure, lang: string, lazy?: boolean, className?: string): string {
  const caption = f.caption || f.credit
    ? `<figcaption>${f.caption ? esc(typographicQuotes(f.caption, lang)) : ''}${f.credit ? creditHtml(f.credit, lang) : ''}</figcaption>`
    : '';
  return `<figure${attr('class', className)}>${figureMediaHtml(f, lazy)}${caption}</figure>`;
}

export function FigureView(props: { figure: Figure; lang: string; lazy?: boolean; className?: string }) {
  return raw(figureHtml(props.figure, props.lang, props.lazy, props.className));
}
