import { raw } from 'hono/html';
import { formatDuration, storyPath, type MediaType } from '../../content/index.js';
import type { StorySummary } from '../../store/index.js';
import { typographicQuotes } from '../typography.js';
import { CARD_SIZES, creditHtml, figureMediaHtml } from './figure.js';
import { attr, esc } from './html-text.js';

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

export function badgeHtml(mediaType: MediaType, durationSeconds: number | undefined, lang: string): string {
  const text = badgeText(mediaType, durationSeconds, lang);
  return text ? `<span class="${mediaType === 'liveticker' ? 'badge live' : 'badge'}">${esc(text)}</span>` : '';
}

export function Badge(props: { mediaType: MediaType; durationSeconds?: number; lang: string }) {
  return raw(badgeHtml(props.mediaType, props.durationSeconds, props.lang));
}

/**
 * A teaser card: image with its rights line, badge, kicker, title, teaser text.
 * The whole title is the link; the image credit stays outside the link so it is read once.
 * Built as a string (html-text.ts): a page shows up to twenty of them.
 */
export function TeaserCard(props: { story: StorySummary; lang: string; showTeaser?: boolean; headingLevel?: 2 | 3; className?: string }) {
  const s = props.story;
  const lang = s.language || props.lang;
  let out = `<li class="${esc(`card ${props.className ?? ''}`.trim())}"${lang !== props.lang ? attr('lang', lang) : ''}>`;
  if (s.lead) {
    out += props.className === 'lead-story'
      // The home page's top story: seen first, so not lazy; three fifths of the page from 48rem on.
      ? `<figure>${figureMediaHtml({ ...s.lead, alt: '' }, undefined, '(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, 100vw')}`
      : `<figure>${figureMediaHtml({ ...s.lead, alt: '' }, true, CARD_SIZES)}`;
    out += s.lead.credit ? `<figcaption>${creditHtml(s.lead.credit, lang)}</figcaption></figure>` : '</figure>';
  }
  if (s.kind !== 'article') out += `<p>${badgeHtml(s.kind, s.durationSeconds, lang)}</p>`;
  const title = `${s.kicker ? `<span class="kicker">${esc(typographicQuotes(s.kicker, lang))}<span class="vh">: </span></span>` : ''}<span class="title">${esc(typographicQuotes(s.headline, lang))}</span>`;
  const h = props.headingLevel === 2 ? 'h2' : 'h3';
  out += `<${h}><a href="${esc(storyPath(s))}">${title}</a></${h}>`;
  if (props.showTeaser && s.teaser) out += `<p>${esc(typographicQuotes(s.teaser, lang))}</p>`;
  return raw(`${out}</li>`);
}
