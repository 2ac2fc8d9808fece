import type { Figure } from '../../content/index.js';
import { typographicQuotes } from '../typography.js';

const CREDIT_LABEL: Record<string, string> = { de: 'Bildrechte', en: 'Image' };

export function creditLabel(lang: string): string {
  return CREDIT_LABEL[lang.slice(0, 2)] ?? CREDIT_LABEL.en!;
}

/** The picture itself; a figure without a source file shows a labelled placeholder so the caption keeps its place. */
export function FigureMedia(props: { figure: Figure; lazy?: boolean; sizes?: string }) {
  const f = props.figure;
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
