import type { Figure } from '../../content/index.js';
import { DEFAULT_SIZES, pictureFor } from '../../imaging/renditions.js';
import { shownImage } from '../media-figures.js';
import { typographicQuotes } from '../typography.js';

const CREDIT_LABEL: Record<string, string> = { de: 'Bildrechte', en: 'Image' };

export function creditLabel(lang: string): string {
  return CREDIT_LABEL[lang.slice(0, 2)] ?? CREDIT_LABEL.en!;
}

/** Teaser cards: a column of the card grid (at least 14rem, up to a third of the 72rem page), or the whole width on phones. */
export const CARD_SIZES = '(min-width: 72rem) 23rem, (min-width: 32rem) 50vw, 100vw';

/**
 * The picture itself. A media library picture is a <picture> with AVIF and
 * WebP sources and a JPEG <img> over every rendition width, with the crop's
 * width and height (no layout shift); lazy except where it is the first
 * thing seen (the lead). A figure without a source file shows a labelled
 * placeholder so the caption keeps its place.
 */
export function FigureMedia(props: { figure: Figure; lazy?: boolean; sizes?: string }) {
  const f = props.figure;
  const shown = shownImage(f);
  if (shown) {
    const p = pictureFor(shown.source, '16:9', { sizes: props.sizes ?? DEFAULT_SIZES });
    return (
      <picture>
        {p.sources.map((s) => <source type={s.type} srcset={s.srcset} sizes={p.sizes} />)}
        <img src={p.img.src} srcset={p.img.srcset} sizes={p.sizes} alt={f.alt} width={p.img.width} height={p.img.height}
          loading={props.lazy ? 'lazy' : undefined} fetchpriority={props.lazy ? undefined : 'high'} decoding="async" />
      </picture>
    );
  }
  if (f.src) {
    return (
      <img
        src={f.src}
        alt={f.alt}
        width={f.width ?? 1280}
        height={f.height ?? 720}
        loading={props.lazy ? 'lazy' : undefined}
        decoding="async"
      />
    );
  }
  // The alt text is shown in the placeholder too: sighted readers learn what the picture shows.
  return f.alt ? (
    <div class={`ph ${f.kind}`} role="img" aria-label={f.alt}><span>{f.alt}</span></div>
  ) : (
    <div class={`ph ${f.kind}`} aria-hidden="true"></div>
  );
}

/** A figure with caption and rights line, "Bildrechte: dpa". */
export function FigureView(props: { figure: Figure; lang: string; lazy?: boolean; className?: string }) {
  const f = props.figure;
  const hasCaption = !!(f.caption || f.credit);
  return (
    <figure class={props.className}>
      <FigureMedia figure={f} lazy={props.lazy} />
      {hasCaption ? (
        <figcaption>
          {f.caption ? typographicQuotes(f.caption, props.lang) : null}
          {f.credit ? <small class="credit">{creditLabel(props.lang)}: {f.credit}</small> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
