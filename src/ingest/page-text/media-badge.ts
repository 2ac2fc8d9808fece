import type { MediaType } from '../../content/index.js';

/**
 * Media badges: "Video 2 min", "Audio 3:15 min", "Grafik 1 min", "Bildergalerie
 * mit 12 Bildern", "Video" — the label a teaser or player shows above its title.
 */

export interface MediaBadge {
  mediaType: MediaType;
  durationSeconds?: number;
}

const TYPES: Array<[RegExp, MediaType]> = [
  [/^(?:videos?|video-?beitrag|film|clip|livestream|video clip)$/i, 'video'],
  [/^(?:audios?|audio-?beitrag|podcast|hörbeitrag|radio|audio clip|hören|anhören|listen)$/i, 'audio'],
  [/^(?:grafik|grafiken|infografik|karte|landkarte|graphic|infographic|map|chart|interaktiv|interactive)$/i, 'graphic'],
  [/^(?:bildergalerie|galerie|fotostrecke|bilderstrecke|gallery|photo gallery|bilder|fotos|photos)$/i, 'gallery'],
  [/^(?:bild|foto|image|photo|picture)$/i, 'image'],
  [/^(?:liveticker|live-ticker|ticker|newsticker|live-blog|liveblog|live blog|newsblog)$/i, 'liveticker'],
  [/^(?:artikel|article|text|story)$/i, 'article'],
];

/** "1 min" → 60, "1:30 min" → 90, "01:02:03" → 3723, "45 Sek" → 45, "1 Std 5 min" → 3900. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().replace(/^(?:dauer|duration|länge|length|spieldauer|laufzeit|videolänge|videodauer|audiolänge|hördauer)\s*:?\s*/i, '').replace(/\.$/, '');
  let m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\s*(?:h|std\.?|stunden?))?$/i.exec(t);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  m = /^(\d{1,3}):(\d{2})\s*(?:min\.?|minuten|minutes|mins?|m)?$/i.exec(t);
  if (m) return Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : undefined;
  m = /^(\d{1,3})\s*(?:min\.?|minuten|minute|minutes|mins?|m)$/i.exec(t);
  if (m) return Number(m[1]) * 60;
  m = /^(\d{1,4})\s*(?:s|sek\.?|sekunden|sec\.?|secs|seconds?)$/i.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d{1,2})\s*(?:std\.?|stunden?|h|hours?|hrs?)(?:\.?\s*(\d{1,2})\s*(?:min\.?|minuten|minutes|mins?|m))?$/i.exec(t);
  if (m) return Number(m[1]) * 3600 + (m[2] ? Number(m[2]) * 60 : 0);
  // "7 minutes, 3 seconds", "3 Minuten 12 Sekunden": a player's length read out.
  m = /^(\d{1,3})\s*(?:min\.?|minuten|minute|minutes|mins?)\s*,?\s*(?:und\s+|and\s+)?(\d{1,2})\s*(?:s|sek\.?|sekunden|sekunde|sec\.?|secs|seconds?)$/i.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return undefined;
}

/**
 * "Liveticker" and "Newsticker" over the headline are the genre's label, and so are a media's labels ("Video", "Podcast"),
 * read as the kicker there (the head); "LIVE", "Live", "Ticker" and "Liveblog" stay badges.
 */
const MEDIA_LABELS = 'video|audio|podcast|bildergalerie|fotostrecke';
export const GENRE_BADGE = new RegExp(`^(?:(?:live-?|news-?)ticker|${MEDIA_LABELS})$`, 'i');
/** The media's labels among them: read as the kicker only over the headline; under it they are a player's badge. */
export const MEDIA_LABEL = new RegExp(`^(?:${MEDIA_LABELS})$`, 'i');

/** Parses a whole line as a media badge; undefined for anything else. */
export function parseMediaBadge(line: string): MediaBadge | undefined {
  if (line.length > 60) return undefined;
  const m = /^([\p{L}-]+(?: (?:clip|gallery|blog))?)(?:\s*[|·•,:]?\s*(.*))?$/iu.exec(line.trim());
  if (!m) return undefined;
  const type = TYPES.find(([re]) => re.test(m[1]!))?.[1];
  if (!type) return undefined;
  const rest = (m[2] ?? '').trim();
  if (!rest) return { mediaType: type };
  // "Bildergalerie mit 12 Bildern", "Gallery 12 photos"
  if (/^(?:mit\s+)?\d{1,3}\s*(?:bildern|bilder|fotos|images|photos|pictures)$/i.test(rest)) return { mediaType: type };
  const seconds = parseDuration(rest);
  if (seconds === undefined || seconds < 1 || seconds > 86400) return undefined;
  return { mediaType: type, durationSeconds: seconds };
}
