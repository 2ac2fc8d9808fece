import { formatDuration, storyPath, type MediaType } from '../../content/index.js';
import type { StorySummary } from '../../store/index.js';
import { typographicQuotes } from '../typography.js';
import { CARD_SIZES, FigureMedia, creditLabel } from './figure.js';

const MEDIA_LABEL: Record<string, Partial<Record<MediaType, string>>> = {
  de: { video: 'Video', audio: 'Audio', graphic: 'Grafik', image: 'Bild', gallery: 'Galerie', liveticker: 'Live', article: 'Artikel' },
  en: { video: 'Video', audio: 'Audio', graphic: 'Graphic', image: 'Image', gallery: 'Gallery', liveticker: 'Live', article: 'Article' },
};

/** "Video 1 min", "Grafik 1 min", "Live": the badge a teaser carries. Articles carry none. */
export function badgeText(mediaType: MediaType, durationSeconds: number | undefined, lang: string): string | undefined {
  if (mediaType === 'article') return undefined;
  const label = (MEDIA_LABEL[lang.slice(0, 2)] ?? MEDIA_LABEL.en!)[mediaType] ?? mediaType;
  return durationSeconds ? `${label} ${formatDuration(durationSeconds)}` : label;
}

export function Badge(props: { mediaType: MediaType; durationSeconds?: number; lang: string }) {
  const text = badgeText(props.mediaType, props.durationSeconds, props.lang);
  if (!text) return null;
  return <span class={props.mediaType === 'liveticker' ? 'badge live' : 'badge'}>{text}</span>;
}

/**
 * A teaser card: image with its rights line, badge, kicker, title, teaser text.
 * The whole title is the link; the image credit stays outside the link so it is read once.
 */
export function TeaserCard(props: { story: StorySummary; lang: string; showTeaser?: boolean; headingLevel?: 2 | 3; className?: string }) {
  const s = props.story;
  const lang = s.language || props.lang;
  const title = (
    <>
      {s.kicker ? <span class="kicker">{typographicQuotes(s.kicker, lang)}<span class="vh">: </span></span> : null}
      <span class="title">{typographicQuotes(s.headline, lang)}</span>
    </>
  );
  return (
    <li class={`card ${props.className ?? ''}`.trim()} lang={lang !== props.lang ? lang : undefined}>
      {s.lead ? (
        <figure>
          {props.className === 'lead-story'
            // The home page's top story: seen first, so not lazy; three fifths of the page from 48rem on.
            ? <FigureMedia figure={{ ...s.lead, alt: '' }} sizes="(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, 100vw" />
            : <FigureMedia figure={{ ...s.lead, alt: '' }} lazy={true} sizes={CARD_SIZES} />}
          {s.lead.credit ? <figcaption><small class="credit">{creditLabel(lang)}: {s.lead.credit}</small></figcaption> : null}
        </figure>
      ) : null}
      {s.kind !== 'article' ? <p><Badge mediaType={s.kind} durationSeconds={s.durationSeconds} lang={lang} /></p> : null}
      {props.headingLevel === 2 ? (
        <h2><a href={storyPath(s)}>{title}</a></h2>
      ) : (
        <h3><a href={storyPath(s)}>{title}</a></h3>
      )}
      {props.showTeaser && s.teaser ? <p>{typographicQuotes(s.teaser, lang)}</p> : null}
    </li>
  );
}
