import { LIMITS } from '../../content/index.js';
import { isPersonName, parseByline } from './byline.js';
import type { FoundDate } from './dates.js';
import { parseMediaBadge, parseDuration } from './media-badge.js';
import { brandLineProfile, profileTitleSuffixes } from './site-profiles.js';
import { wordCount } from './lines.js';

/**
 * Lines of a page's head that are neither kicker, headline nor teaser, beyond
 * the dates, bylines and pictures the head reads elsewhere: labelled metadata
 * ("Onlinefassung: Name", "Videolänge:" with its value below), player lines
 * ("Audio: Programme | 14.03.2024 | Name"), breadcrumbs of any separator
 * ("SR.de / Nachrichten / Politik") and the page's <title> printed with the
 * site's name ("Headline | tagesschau.de").
 */

/** Labels of metadata lines in article heads (German and English). A line is "Label: value" or the label alone. */
const META_LABELS = [
  'onlinefassung', 'online-fassung', 'onlinebearbeitung', 'redaktion', 'bearbeitung', 'mitarbeit', 'moderation', 'kamera', 'schnitt',
  'videolänge', 'länge', 'dauer', 'laufzeit', 'datum', 'sendung', 'sendezeit', 'verfügbar bis', 'video verfügbar bis', 'audio verfügbar bis',
  'lesedauer', 'lesezeit', 'ressort', 'rubrik', 'themen', 'thema', 'schlagwörter', 'stichwörter', 'tags', 'ort',
  'duration', 'length', 'date', 'runtime', 'topics', 'editor', 'edited by', 'camera', 'available until', 'reading time',
];
const LABEL_RE = new RegExp(`^(?:${META_LABELS.map((l) => l.replace(/ /g, '\\s+')).join('|')})\\s*:\\s*(.*)$`, 'iu');

/** Date labels a CMS prints even when it fills in no value: "Erstellt: Aktualisiert:". */
const EMPTY_LABELS = /^(?:(?:erstellt|aktualisiert|veröffentlicht|geändert|stand|published|updated|created)\s*:\s*){1,3}$/i;
/** A label alone on its line, its value on the next ("Onlinefassung" / "Tom Muster", "Aktualisiert" / "14.3.2024, 13:40 Uhr"). */
const LONE_LABEL = /^(?:autor\/in|autorin|autor|autoren|onlinefassung|online-fassung|redaktion|bearbeitung|mitarbeit|aktualisiert|veröffentlicht|erstellt|stand|videolänge|audiolänge|dauer|datum|sendung|sendedatum|updated|published|vom|am)$/i;

/**
 * "Bad Urach / SWP 01.12.2026", "Bisingen / Leonie Musterhof 02.12.2026", "Horb / PM  Uhr" (SÜDWEST PRESSE): the place,
 * the author or source (a short abbreviation or a name) and the date, or "Uhr" where the CMS left the time empty. The
 * date part, or undefined.
 */
function placeSourceDate(text: string): string | undefined {
  if (text.length > 80 || !text.includes(' / ')) return undefined;
  const m = /^\p{Lu}[\p{L}. -]{1,30}? \/ ([\p{L}. -]{2,40}?)\s+(\d{1,2}\.\d{1,2}\.\d{4}(?:,?\s+\d{1,2}:\d{2})?(?:\s*Uhr)?|Uhr)$/u.exec(text.trim());
  return m && (/^\p{Lu}{2,5}$/u.test(m[1]!) || isPersonName(m[1]!)) ? m[2]! : undefined;
}

/** "Onlinefassung: Greta Muster", "Videolänge:", "Datum: 14.03.2024", "Erstellt: Aktualisiert:", "Verfügbar bis 14.03.2029". */
export function isMetaLabelLine(text: string): boolean {
  if (text.length > 120) return false;
  if (placeSourceDate(text)) return true;
  // "NewsDuration 2:08", "Duration 2:08", "Dauer 3:12": a player's length, perhaps with its genre glued on.
  if (/^(?:\p{Lu}\p{Ll}+)?(?:duration|dauer|länge|laufzeit)\s*:?\s*\d{1,2}:\d{2}(?::\d{2})?$/iu.test(text.trim())) return true;
  // "Erstellt von - Uhr": a date-and-author template whose values the CMS left empty.
  if (/^(?:erstellt|aktualisiert|veröffentlicht|geändert)(?:\s+(?:von|am|um))*\s*[-–:]?\s*(?:uhr)?$/i.test(text.trim())) return true;
  if (/^(?:verfügbar|abrufbar|available|online) (?:bis|until) (?:zum )?\d/i.test(text.trim())) return true;
  // "3 Min | Verfügbar bis 14.03.2029" (NDR's audio pages): the clip's length before it.
  const lengthFirst = /^(.{1,20}?)\s*[|·]\s*((?:verfügbar|abrufbar|available) (?:bis|until) (?:zum )?\d.*)$/i.exec(text.trim());
  if (lengthFirst && isDurationLine(lengthFirst[1]!)) return true;
  // "Available from 02/05/2024 to 30/07/2024", "Verfügbar vom 02.05. bis 30.07.2024".
  if (/^(?:verfügbar|abrufbar|available|online) (?:from|vom|von|ab) \d[\d./-]{3,10} (?:to|until|bis) (?:zum )?\d[\d./-]{3,10}$/i.test(text.trim())) return true;
  if (EMPTY_LABELS.test(text.trim()) || LONE_LABEL.test(text.trim())) return true;
  const m = LABEL_RE.exec(text.trim());
  if (!m) return false;
  const value = m[1]!;
  // A value that reads as a sentence is text ("Thema: Die Stadt will …").
  return value.length <= 80 && !/[.!?]\s+\p{Lu}/u.test(value);
}

/** "Original-URL des Artikels: https://… Veröffentlicht: … Kurz-URL: https://…": a print view's address line. */
export function isUrlLine(text: string): boolean {
  if (text.length > 400 || !/https?:\/\/\S|www\.\S/.test(text)) return false;
  const rest = text.replace(/(?:https?:\/\/|www\.)\S+/g, ' ').trim();
  return !/\p{Ll}{2}[.!?]["'“”»«’)]*(?:\s|$)/u.test(rest);
}

/** "Wirtschaftsredakteur", "Environment correspondent", "Korrespondentin in Moskau": an author's role under the byline. */
export function isRoleLine(text: string): boolean {
  if (text.length > 60) return false;
  return /^(?:[\p{L}-]+\s)?[\p{L}-]*(?:redakteur|redakteurin|korrespondent|korrespondentin|reporter|reporterin|volontär|volontärin|ressortleiter|ressortleiterin|correspondent|editor|writer)(?:\s+(?:in|für|for|at|im|am)\s+[\p{L} -]{2,30})?$/iu.test(text.trim());
}

/** An episode's number: "Folge 47", "Staffel 2, Folge 3", "Episode 12". */
const EPISODE = /^(?:staffel\s+\d{1,3},?\s+)?(?:folge|episode|ep\.)\s*\d{1,4}$/i;

/**
 * A clip's length with its episode, parted by dots or bars ("Folge 48 · 11 Min.", "Staffel 2, Folge 3 · 34 Min.",
 * "| 1:45 Min."): true when every part is a length or an episode's number and one is a length.
 */
function lengthWithEpisode(text: string): boolean {
  if (text.length > 60 || !/[·|•]/.test(text)) return false;
  const parts = text.replace(/^\s*[·|•]\s*/, '').split(/\s*[·|•]\s*/).filter(Boolean);
  const length = (p: string) => { const sec = parseDuration(p); return sec !== undefined && sec > 0; };
  return parts.length >= 1 && parts.some(length) && parts.every((p) => length(p) || EPISODE.test(p));
}

/**
 * A video's date with the clip's length, in either order and with an episode's number between ("14.03.2024 | 02:14 Min.",
 * "14.03.2024 • 18:42 Min.", "2:14 Min. · 14.03.2024", "14.03.2024 | Folge 47 | 34:10", "Do 14.03.2024 17:45 Uhr 05:48 min"):
 * the date, or undefined.
 */
export function dateWithLength(text: string, parse: (t: string) => FoundDate | undefined): FoundDate | undefined {
  if (text.length > 80) return undefined;
  // The length glued on after a space: "… 17:45 Uhr 05:48 min".
  const spaced = /^(.{6,50}?)\s+(\d{1,3}:\d{2}\s*min\.?)$/i.exec(text);
  // "14.03.2026 - 8 Min." (NRWision): the length after a dash.
  const dashed = /^(.{6,24}?)\s+[-–]\s+(\d{1,3}\s*(?:min|minuten|sek|sekunden|mins?|secs?)\.?)$/i.exec(text);
  const pair = spaced ?? dashed;
  const parts = pair ? [pair[1]!, pair[2]!] : text.split(/\s*[·|•]\s*/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const episode = parts.some((p) => EPISODE.test(p));
  let date: FoundDate | undefined;
  let length = false;
  for (const p of parts) {
    const sec = parseDuration(p);
    // A bare "34:10" is a length only where it cannot be a time of day ("14.03.2024 | 16:20" is the date and its time).
    const bare = /^\d{1,3}:\d{2}$/.test(p.trim());
    if (sec !== undefined && sec > 0 && (!bare || episode || Number(p.trim().split(':')[0]) > 23)) { length = true; continue; }
    if (EPISODE.test(p)) continue;
    const d = !date ? parse(p) : undefined;
    if (!d) return undefined;
    date = d;
  }
  return length ? date : undefined;
}

/** A lone value under a label line: "3 min", "14.03.2024", "03:15". */
export function isDurationLine(text: string): boolean {
  if (lengthWithEpisode(text)) return true;
  // "3:12 min, aus Regionaljournal Zürich Schaffhausen vom 14.03.2024.": the length and the programme it is from.
  const from = text.length <= 160 ? /^(.{1,20}?),?\s+(?:aus|from)\s+\S.{0,100}\s(?:vom|from|on)\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\.?$/i.exec(text) : null;
  if (from) text = from[1]!;
  if (text.length > 20) return false;
  const s = parseDuration(text);
  return s !== undefined && s > 0;
}

/** "Audio: Antenne Brandenburg | 14.03.2024 | Name", "Video: heute journal | 3 min": a player's label line. */
export function isPlayerLine(text: string): boolean {
  if (text.length > 160) return false;
  // "Audio [SR 3, Name, 14.03.2024, Länge: 03:41 Min.]": the player's facts in brackets.
  const bracketed = /^([\p{L}-]+(?: [\p{L}-]+)?)\s*\[([^\]]{3,140})\]$/u.exec(text.trim());
  if (bracketed && parseMediaBadge(bracketed[1]!) && bracketed[2]!.split(/\s*[,|]\s*/).length >= 2) return true;
  const m = /^([\p{L}-]+(?: [\p{L}-]+)?)\s*:\s*(.+)$/u.exec(text.trim());
  if (!m || !parseMediaBadge(m[1]!)) return false;
  const parts = m[2]!.split(/\s+[|·•]\s+/);
  return parts.length >= 2 && parts.every((p) => p.length <= 60 && !/[.!?]$/.test(p));
}

/** "SR.de / Nachrichten / Politik", "Home › Politik › Inland": three or more short parts. */
export function breadcrumbParts(text: string): string[] | undefined {
  if (text.length > 150) return undefined;
  // "Sie sind hier: Startseite > Politik > Inland".
  const here = /^(?:sie sind hier|du bist hier|you are here)\s*:?\s*/i.exec(text);
  const parts = text.slice(here ? here[0].length : 0).split(/\s+[>›»/|]\s+/);
  if (here && parts.length >= 1 && parts.every((p) => p.length <= 40)) return parts;
  if (parts.length < 3 || parts.length > 7) return undefined;
  if (!parts.every((p) => p.length >= 2 && p.length <= 40 && !/[.!?:;,]$/.test(p) && !/\d{1,2}[.:]\d{2}/.test(p))) return undefined;
  return parts;
}

/**
 * A breadcrumb printed as a numbered list, one item a line ("1. Merkur" / "2. Bayern",
 * Ippen sites): a short item whose neighbour carries the number before or after it.
 */
export function numberedCrumbAt(lines: readonly { text: string }[], k: number): boolean {
  const item = (j: number) => {
    const m = /^(\d{1,2})\.\s+(\S.{0,38})$/u.exec(lines[j]?.text ?? '');
    return m && wordCount(m[2]!) <= 4 && !/[.!?:;,]$/.test(m[2]!) ? Number(m[1]) : undefined;
  };
  const n = item(k);
  if (n === undefined) return false;
  return item(k - 1) === n - 1 || item(k + 1) === n + 1;
}

/** A web address as a site's name ("finanzen.net", "www.tagesschau.de"): the pattern's source, to build on. */
export const DOMAIN_NAME = '(?:www\\.)?[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)*\\.(?:de|at|ch|com|net|org|eu|lu|li|it|info|fm|tv|online|news|co\\.uk|uk|ie|in)';
const DOMAIN_NAME_ALONE = new RegExp(`^${DOMAIN_NAME}$`, 'iu');

/** A page title printed with the site's name: "Headline | tagesschau.de", "Headline - DER SPIEGEL". Returns the title part. */
export function pageTitleOf(text: string): string | undefined {
  if (text.length > LIMITS.headline + LIMITS.kicker + 80) return undefined;
  // A media library's title: "rbb24: Title | Video der Sendung vom 14.03.2024 mit Untertitel".
  const note = /^(.{8,}?)\s+\|\s+(?:Video|Audio|Sendung|Beitrag)\b[^|]{0,80}\b(?:vom|from)\s+\d[^|]{0,60}$/i.exec(text.trim());
  if (note) {
    const brand = /^([^:]{2,30}):\s+(\S.+)$/.exec(note[1]!);
    return brand && brandLineProfile(brand[1]!) ? brand[2]! : note[1]!;
  }
  if (text.length > LIMITS.headline + LIMITS.kicker + 40) return undefined;
  // The site's name after the title, perhaps as a chain: "… - Sportschau - ARD | Das Erste".
  const m = /^(.{8,}?)((?:\s+[|–—-]\s+[^|–—]{2,40}){1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = m[2]!.split(/\s+[|–—-]\s+/).map((p) => p.trim()).filter(Boolean);
  const isSite = (site: string) => DOMAIN_NAME_ALONE.test(site) ||
    profileTitleSuffixes().has(site.toLowerCase());
  if (!parts.length || !isSite(parts[parts.length - 1]!) || !parts.every((p) => isSite(p) || (p.length <= 30 && !/[.!?:]$/.test(p) && /^\p{Lu}/u.test(p)))) return undefined;
  // "Video: Headline": the media library's label is not part of the title.
  return m[1]!.trim().replace(/^(?:Video|Audio|Podcast|Liveblog|Live)\s*:\s+(?=\S)/, '');
}

/** A label alone on its line whose value is the next line: how many lines the pair spans (0 when not one). */
export function loneLabelSpan(lines: readonly { text: string }[], k: number, to: number): number {
  if (!LONE_LABEL.test(lines[k]!.text.trim())) return 0;
  const next = lines[k + 1];
  // "Stand" / "Autor/in" / name (SWR, the CMS printed an empty value): the next label is no value.
  return k + 1 < to && next && next.text.length <= 60 && !/[.!?]$/.test(next.text) && !LONE_LABEL.test(next.text.trim()) ? 2 : 1;
}

/** "07/14/2017 06:06 PM", "03/14/2024": an English site's date line (month first). */
export function usDateLine(text: string): FoundDate | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*(AM|PM)?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d: FoundDate = { year: Number(m[3]), month, day, spans: [] };
  if (m[4]) {
    let hour = Number(m[4]);
    if (m[6]) hour = (hour % 12) + (/pm/i.test(m[6]) ? 12 : 0);
    if (hour > 23 || Number(m[5]) > 59) return undefined;
    d.hour = hour;
    d.minute = Number(m[5]);
  }
  return d;
}

/** "Foto: Minister X am Pult (Archiv), via dts Nachrichtenagentur": the label first, the caption, then the source. */
export function viaCredit(text: string): { caption: string; credit: string } | undefined {
  if (text.length > 400) return undefined;
  const m = /^(?:Foto|Bild|Photo)\s*:\s*(.{8,}?),\s*via\s+(\S.{1,60})$/i.exec(text.trim());
  return m ? { caption: m[1]!.trim(), credit: m[2]!.trim() } : undefined;
}

/** Dates printed with something after or before them, each with the longest line it is looked for in. */
const DATE_WITH: ReadonlyArray<[number, RegExp]> = [
  // "11 Feb 2026 2 minute read", "14. März 2026 Lesezeit: 4 Minuten": the reading time after it.
  [80, /^(.{6,40}?)\s+(?:\d{1,2}\s*(?:minutes?|mins?\.?|minuten|min\.?)\s+(?:read|lesezeit)|(?:lesezeit|lesedauer|reading time)\s*:?\s*\d{1,2}\s*(?:minuten|minutes?|min\.?))$/i],
  // "PoliticsMarch 4, 2026" (The Spinoff): the section's name glued before an English date with the year.
  [60, /^\p{Lu}\p{Ll}{2,20}((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4})$/u],
  // "Liechtenstein|22.03.2026 (Aktualisiert am 23.03.26 00:47)" (Volksblatt): the section, a bar, the date and the update
  // stamp in brackets.
  [100, /^\p{Lu}[\p{L}&-]{2,30}(?:\s[\p{L}&-]{2,30})?\s*\|\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})(?:\s*\([^()]{0,60}\))?$/u],
];

/**
 * "Start Landkreis Vechta", "Start Rathaus & andere Skandale" (WordPress news themes): the home link glued to the
 * section's name, a breadcrumb without its separators; the section's name, or undefined.
 */
export function gluedCrumbSection(text: string): string | undefined {
  const m = /^(?:Start|Startseite|Home)\s+(\p{Lu}[^.!?:|„“"»«]{2,70})$/u.exec(text);
  return m && !/^(?:Start|Startseite|Home)\s+(?:Up|Ups)\b/i.test(text) ? m[1] : undefined;
}

/** "14. März 2024 | Redaktion", "14.03.2024 | Lokales": a date with short labels after bars. */
export function datedMetaLine(text: string, parse: (t: string) => FoundDate | undefined): FoundDate | undefined {
  // "Politik 22 Mai. 2024 | 07:41" (eXXpress): the section's name, then the date line.
  const section = text.length <= 100 ? /^(\p{Lu}[\p{L}&-]{2,30}(?:\s+[\p{L}&-]{2,30}){0,2})\s+(?=\d)/u.exec(text) : null;
  if (section && !parseByline(section[1]!)) {
    const d = parse(text.slice(section[0].length));
    if (d?.hour !== undefined) return d;
  }
  const t = text.trim();
  // A date with a reading time or a glued section word around it: the date is the first group.
  for (const [max, re] of DATE_WITH) {
    const m = t.length <= max ? re.exec(t) : null;
    const d = m ? parse(m[1]!) : undefined;
    if (d) return d;
  }
  // A video's date with the clip's length.
  const media = dateWithLength(t, parse);
  if (media) return media;
  // "Noemi Brunner am 8. März 2026" (Die Ostschweiz): the author, then "am" and the date.
  const nameAm = t.length <= 80 ? /^(?:von\s+)?(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})\s+am\s+(\S.{5,30})$/iu.exec(t) : null;
  if (nameAm && isPersonName(nameAm[1]!) && /\d{4}$/.test(nameAm[2]!)) {
    const d = parse(nameAm[2]!);
    if (d) return d;
  }
  // "Willisau, 11.12.2025, Regula Beispiel", "Luzern, 11. Dezember 2025", "11.12.2025, Regula Beispiel": a place and the
  // author around a date without its time, parted by commas (Swiss and Austrian papers).
  if (t.length <= 100) {
    const parts = t.split(/,\s+/);
    if (parts.length >= 2 && parts.length <= 3) {
      const at = parts.findIndex((p) => /\d{4}$/.test(p) && !!parse(p));
      const name = (p: string) => /^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}$/u.test(p) && !/\d/.test(p);
      const placeOk = at === 0 || (at === 1 && name(parts[0]!) && wordCount(parts[0]!) <= 3);
      const authorOk = at === parts.length - 1 || (at === parts.length - 2 && name(parts[parts.length - 1]!) && wordCount(parts[parts.length - 1]!) >= 2);
      if (at >= 0 && placeOk && authorOk) return parse(parts[at]!);
    }
  }
  // "Bad Urach / SWP 01.12.2026", "Bisingen / Leonie Musterhof 02.12.2026", "Horb / PM  Uhr" (SÜDWEST PRESSE): the place,
  // the author or source and the date (the time may be left empty).
  const placed = placeSourceDate(text);
  if (placed) return placed === 'Uhr' ? undefined : parse(placed);
  if (text.length > 100 || !/[|•·]/.test(text)) return undefined;
  const all = text.split(/\s+[|•·]\s+/);
  if (all.length < 2 || all.length > 4) return undefined;
  // A clip's length beside the date ("09.03.2026 | 22 Min.", "27:14 min | 06.03.2026") is part of the same metadata.
  const parts = all.filter((p) => !/^(?:\d{1,2}:)?\d{1,3}(?::\d{2})?\s*(?:min|minuten|sek|sekunden|mins?|secs?)\.?$/i.test(p));
  if (!parts.length) return undefined;
  if (parts.length === 1) return parse(parts[0]!);
  const d = parse(parts[0]!);
  if (d && parts.slice(1).every((p) => p.length <= 40 && !/[.!?]$/.test(p) && !/\d{1,2}[:.]\d{2}/.test(p))) return d;
  // "Sportschau • 14.03.2024 • 22:45 Uhr": a programme's name, then the date and the time.
  const label = (p: string) => p.length <= 40 && !/\d/.test(p) && !/[.!?]$/.test(p);
  // "Von Name | 14.03.2024" is a byline with its date: the byline reader takes it.
  if (!label(parts[0]!) || parseByline(text)) return undefined;
  const dated = parts.slice(1).filter((p) => !label(p));
  return dated.length >= 1 && dated.length <= 2 ? parse(dated.join(' ')) : undefined;
}

/**
 * A byline printed without "Von" or "By", alone on its line: the name and the date after a middle dot ("Lea
 * Beispiel·21. Januar 2026", OneFootball), the desk ("Redaktion Börsenblatt", "Online-Redaktion"), or the name with the
 * comment count ("Matthias Beispiel 612 Kommentare", ComputerBase; a count alone on its line is a widget line, gone
 * before the head is read).
 */
export function printedByline(text: string, parse: (t: string) => FoundDate | undefined): { name: string; date?: FoundDate } | undefined {
  if (text.length > 90) return undefined;
  const dotted = nameDotDate(text, parse);
  if (dotted) return dotted;
  if (text.length <= 60 && DESK_LINE.test(text)) return { name: text };
  const counted = /^(.{3,60}?)\s+\d{1,5}\s+(?:kommentare?|comments?)$/i.exec(text);
  return counted && isPersonName(counted[1]!) ? { name: counted[1]! } : undefined;
}

const DESK_LINE = /^(?:(?:Online-|Nachrichten-|Sport-|Lokal)?Redaktion|Newsdesk|Newsroom)(?:\s+\p{Lu}[\p{L}.&-]+(?:\s+\p{Lu}[\p{L}.&-]+){0,3})?$/u;

/**
 * "Lea Beispiel·21. Januar 2026" (OneFootball): the author's name and the date joined by a middle dot; or glued on ("Jan
 * BeispielMarch 14, 2024", DW).
 */
export function nameDotDate(text: string, parse: (t: string) => FoundDate | undefined): { name: string; date: FoundDate } | undefined {
  if (text.length > 90) return undefined;
  // "Jan BeispielMarch 14, 2024", "Jan Beispiel, Lea Exempler14.03.2024" (DW): the authors with the date glued on.
  const glued = /\d{4}$/.test(text) ? /^(\p{Lu}[\p{L}'’., -]{3,70}?\p{Ll})((?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{1,2},\s\d{4}|\d{1,2}\.\s?(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s\d{4}|\d{1,2}\.\d{1,2}\.\d{4})$/u.exec(text) : null;
  const names = glued ? glued[1]!.split(/\s*,\s*|\s+(?:und|and)\s+/) : [];
  const gluedDate = glued && names.every((n) => isPersonName(n)) ? parse(glued[2]!) : undefined;
  if (gluedDate) return { name: glued![1]!, date: gluedDate };
  if (!text.includes('·')) return undefined;
  const m = /^(\p{Lu}[\p{L}'’. -]{2,50}?)\s*·\s*(\S.{5,30})$/u.exec(text);
  const date = m && isPersonName(m[1]!.trim()) ? parse(m[2]!) : undefined;
  return date ? { name: m![1]!.trim(), date } : undefined;
}
