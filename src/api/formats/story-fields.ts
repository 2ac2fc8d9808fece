import { formatGermanDateTime, type Correction, type Story } from '../../content/index.js';
import { clean, dateTime, webUrl, type OutputContext } from './output-options.js';
import { absoluteUrl } from '../../site/feeds/xml.js';

/** What ninjs and NewsML-G2 derive alike from a story's own fields. */

export interface StoryDates {
  /** First publication (the story's first public moment). */
  firstCreated: string;
  /** When this version was saved: it changes with every version, so consumers see that something changed. */
  versionCreated: string;
  /** First publication, when the story has one of its own. */
  contentCreated?: string;
  /** The "Aktualisiert" time readers see, when later than the first publication. */
  contentModified?: string;
}

export function storyDates(story: Story): StoryDates {
  const first = dateTime(story.firstPublishedAt);
  const saved = dateTime(story.modifiedAt);
  // The draft's creation time is the newsroom's business: never a public date.
  const firstCreated = first ?? saved ?? dateTime(story.createdAt)!;
  let versionCreated = saved ?? firstCreated;
  if (Date.parse(versionCreated) < Date.parse(firstCreated)) versionCreated = firstCreated;
  const updated = dateTime(story.updatedAt);
  return {
    firstCreated,
    versionCreated,
    ...(first && { contentCreated: first }),
    ...(updated && Date.parse(updated) > Date.parse(firstCreated) && { contentModified: updated }),
  };
}

/** ninjs / G2 nature of the story: video and audio items are what they are, articles and tickers are text. */
export function storyType(story: Story): 'text' | 'video' | 'audio' {
  return story.kind === 'video' || story.kind === 'audio' ? story.kind : 'text';
}

/** A public correction as one line: "Korrektur (21. Januar 2022 | 13:00 Uhr): …". */
export function correctionText(c: Correction, lang: string): string {
  const at = dateTime(c.at);
  if (lang.startsWith('de')) return at ? `Korrektur (${formatGermanDateTime(at)}): ${c.note}` : `Korrektur: ${c.note}`;
  return at ? `Correction (${at}): ${c.note}` : `Correction: ${c.note}`;
}

/**
 * Who holds the rights in the text, as far as the page says: the agency the
 * source line names ("Quelle: dpa") supplied it, else it is the publisher's own.
 */
export function textRightsHolder(story: Story, ctx: OutputContext): string {
  return clean(story.sourceLine?.trim() || ctx.siteName);
}

const MEDIA_TYPES: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', m3u8: 'application/vnd.apple.mpegurl',
  mpd: 'application/dash+xml', mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav',
};

/** The playable file of a video or audio story, when it has one with a web address. */
export function mediaRendition(story: Story, ctx: OutputContext): { href: string; mimeType: string; seconds?: number } | undefined {
  if ((story.kind !== 'video' && story.kind !== 'audio') || !story.media?.src) return undefined;
  const href = webUrl(absoluteUrl(ctx.siteUrl, clean(story.media.src)));
  if (!href) return undefined;
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(new URL(href).pathname)?.[1]?.toLowerCase() ?? '';
  const mimeType = MEDIA_TYPES[ext] ?? (story.kind === 'video' ? 'video/mp4' : 'audio/mpeg');
  const seconds = story.media.durationSeconds;
  return { href, mimeType, ...(Number.isFinite(seconds) && seconds >= 0 && { seconds }) };
}
