import { LIMITS, type Author } from '../../content/index.js';

/**
 * Bylines: "von Anna Beispiel, MDR SACHSEN-ANHALT", "Von A und B", "Von A, B und
 * C", "by Jane Doe and John Roe, BBC News", "Autorin: Anna Beispiel". A line is a
 * byline only when everything after the prefix reads as names (two to five
 * capitalised words, name particles allowed) and affiliations — so "Von Montag
 * an gilt …" or "Von Dresden nach Leipzig …" stay body text.
 */

export interface Byline {
  /** The byline as printed, without "von"/"by". */
  byline: string;
  authors: Author[];
}

// "Mit Informationen von …" (tagesschau) names contributors; they are authors too.
const PREFIX = /^(?:von:?|by:?|autor\/in\s*:?|autor(?:in)?\s*:|autoren\s*:|authors?\s*:|text\s*:|(?:ein |eine )?(?:beitrag|bericht|kommentar|text|analyse|reportage|glosse|kolumne|gastbeitrag|gastkommentar|essay|leitartikel|interview) von|interview\s*:|mit (?:informationen|material|recherchen) von|written by|reporting by|additional reporting by|heute mit|mit|with)\s+/i;
const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'zu', 'di', 'da', 'del', 'della', 'la', 'le', 'du', 'bin', 'al', 'el', 'ten', 'ter', 'vom', 'zur', 'y', 'dos', 'das']);
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)$/u;
/** Words of desks and organisations: "MDR-Studio Leipzig", "Redaktion Politik", "BBC News". */
const ORG_WORD = /^(?:studio|landesstudio|hauptstadtstudio|redaktion|rundfunk|news|nachrichten|agentur|zeitung|radio|fernsehen|online|newsroom|team|büro|desk|korrespondent|korrespondentin|correspondent|service|verlag|media|medien)$/i;

/** News agencies as bylines name them. */
const AGENCIES = 'dpa|afp|ap|reuters|epd|kna|sid|dts|apa|sda|ddp|kap|idea|rtr|dpa-afx|afp\\.com';
const AGENCY = new RegExp(`^(?:${AGENCIES})$`, 'i');
/** A byline part that names no person: an agency, the site ("t-online", "ZEIT ONLINE"), an editor's initials ("jbe"). */
const DESK = new RegExp(`^(?:${AGENCIES}|\\p{Ll}{2,4}|[\\p{L}\\d]+(?:[.-][\\p{L}\\d]+)+|\\p{Lu}{2,}(?: \\p{Lu}{2,})?)$`, 'u');
/** An agency's name among the words of a line. */
const AGENCY_WORD = new RegExp(`\\b(?:${AGENCIES})\\b`, 'i');

const ARTICLES = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'the']);

/** "Anna Beispiel", "Jean-Luc de la Croix", "J. R. Doe". */
export function isPersonName(text: string): boolean {
  const t = text.trim();
  if (t.length < 4 || t.length > 60) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  if (!NAME_WORD.test(words[0]!) || !NAME_WORD.test(words[words.length - 1]!)) return false;
  // "Der Luchs, der …", "The Lynx": a name does not begin with an article, nor with a quantifier ("Alle Meldungen aus
  // Leipzig", "Weitere Artikel": a rail's link).
  if (ARTICLES.has(words[0]!.toLowerCase()) || /^(?:alle|weitere|mehr|neue|neueste|aktuelle|andere|unsere|letzte|more|all|latest|other)$/i.test(words[0]!)) return false;
  // The last word is a surname, not an initial.
  if (/\.$/.test(words[words.length - 1]!)) return false;
  // Names are written in mixed case; "MDR SACHSEN-ANHALT" and "MDR-Studio Leipzig" are affiliations.
  if (words.some((w) => /\p{Lu}{2}/u.test(w) || w.split('-').some((part) => ORG_WORD.test(part)))) return false;
  return words.every((w) => PARTICLES.has(w) || (NAME_WORD.test(w) && (/^\p{Lu}\.$/u.test(w) || /\p{Ll}/u.test(w))));
}

/** An affiliation: a desk or organisation ("MDR SACHSEN-ANHALT", "BBC News", "Korrespondentin in Moskau"). */
function isAffiliation(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && t.length <= 80 && /^[\p{L}\d]/u.test(t) && !/[.!?]$/.test(t) && !/\d{1,2}[.:]\d{2}/.test(t);
}

/** Splits "A und B", "A and B", "A & B" into names; undefined if any part is not a name. */
function splitNames(segment: string): string[] | undefined {
  const parts = segment.replace(/^(?:und|and|&)\s+/i, '').split(/\s+(?:und|and|&)\s+/i).map((p) => p.trim()).filter(Boolean);
  return parts.length && parts.every(isPersonName) ? parts : undefined;
}

/** Parses a byline line; undefined when it is not one. */
export function parseByline(line: string): Byline | undefined {
  if (line.length > LIMITS.byline + 20) return undefined;
  // "VonPetra Beispiel": the prefix glued to the name by the crawl.
  if (/^(?:Von|By)(?=\p{Lu}\p{Ll})/u.test(line)) line = `${line.slice(0, line.startsWith('Von') ? 3 : 2)} ${line.slice(line.startsWith('Von') ? 3 : 2)}`;
  // "Ida Beispielsberger aus Ludwigshafen" (community sites on the peiq CMS): a reader-reporter and the place.
  const from = /^(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2}) aus \p{Lu}[\p{L}.-]+(?:[ -][\p{L}.-]+){0,3}$/u.exec(line.trim());
  if (from && isPersonName(from[1]!)) return { byline: line.trim(), authors: [{ name: from[1]! }] };
  const m = PREFIX.exec(line);
  if (!m) return undefined;
  // "By MARGARET ELLISON" (agencies print names in capitals): read them in mixed case.
  const caps = /^((?:\p{Lu}[\p{Lu}'’-]+\.?)(?:\s+\p{Lu}[\p{Lu}'’.-]*){1,3})$/u.exec(line.slice(m[0].length).trim());
  if (caps && /^(?:by|von)\s/i.test(m[0]) && !AGENCY_WORD.test(caps[1]!)) {
    line = m[0] + caps[1]!.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  }
  // "Von Name | 14.03.2024": a date after the names is not part of the byline.
  // "Von Name | Ort": the place after a bar reads like an affiliation.
  const rest = line.slice(m[0].length).replace(/\s*[|·]\s*\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+)\s*\d{2,4}.*$/u, '')
    // "Von Name 14.03.2024, 06:00", "VonName11. März 2026" (MEEDIA): the date after the names without a bar, glued or not.
    .replace(/\s*\d{1,2}\.(?:\d{1,2}\.|\s?\p{L}{3,}\.?\s)\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$/u, '').replace(/[\s|,;–-]+$/, '').replace(/\s+[|·]\s+/g, ', ').trim();
  if (!rest || rest.length > LIMITS.byline) return undefined;

  // "Von t-online, dpa, jbe", "Von dpa": agencies, the site and editors' initials, no person.
  const desks = rest.split(/\s*[,;/]\s*|\s+(?:und|and|&)\s+/);
  // "Von t-online, lex", "Von t-online": the site's own desk, with an editor's initials or alone.
  const site = (d: string) => /^[\p{L}\d]+(?:-online|\.(?:de|at|ch|com))$/iu.test(d);
  if (desks.length <= 5 && desks.every((d) => DESK.test(d)) && desks.some((d) => AGENCY.test(d) || site(d))) return { byline: rest, authors: [] };

  const authors: Author[] = [];
  let pending: Author[] = [];
  for (const rawSeg of rest.split(/\s*[,;]\s*/)) {
    // Per-author affiliation in parentheses: "Anna Beispiel (MDR)".
    const segs = rawSeg.split(/\s+(?:und|and|&)\s+/i);
    const parsed: Author[] = [];
    let allNames = true;
    for (const s of segs) {
      const pm = /^(.+?)\s*\(([^()]+)\)$/.exec(s.trim());
      const name = (pm ? pm[1]! : s).replace(/^(?:und|and|&)\s+/i, '').trim();
      if (!splitNames(name)) { allNames = false; break; }
      parsed.push(pm && isAffiliation(pm[2]!) ? { name, affiliation: pm[2]!.trim() } : { name });
    }
    if (allNames && parsed.length) {
      pending.push(...parsed);
      authors.push(...parsed);
      continue;
    }
    // Not names: an affiliation for the names read since the last affiliation.
    if (!pending.length || !isAffiliation(rawSeg)) return undefined;
    for (const a of pending) if (!a.affiliation) a.affiliation = rawSeg.trim();
    pending = [];
  }
  if (!authors.length || authors.length > LIMITS.authors) return undefined;
  return { byline: rest, authors };
}

/** Words that may stand beside an author's name on the photo's line ("Porträt", "Bild von SWR Aktuell-…"). */
const PHOTO_WORD = /^(?:porträt|portrait|foto|bild|autor|autorin|author|von|of|photo|image|aktuell|redakteur|redakteurin|reporter|reporterin|mdr|swr|ndr|wdr|br|hr|rbb|sr|zdf|dw)$/i;
/** "…-Redakteurin", "…-Korrespondent": the author's role, joined to a programme's name. */
const ROLE_SUFFIX = /-(?:redakteur|redakteurin|reporter|reporterin|korrespondent|korrespondentin|moderator|moderatorin)$/i;

/** True when `text` names one of the authors (an author photo's alt text: "Anna Beispiel", "Porträt Anna Beispiel"). */
export function authorIndexFor(text: string, authors: Author[]): number {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!t || t.length > 100) return -1;
  return authors.findIndex((a) => {
    const n = a.name.toLowerCase();
    if (t === n) return true;
    if (!t.includes(n)) return false;
    // A few extra words around the name: "Porträt von Anna Beispiel", "Anna Beispiel (Foto)".
    const extra = t.replace(n, ' ').replace(/[()\s,:–]+/g, ' ').trim();
    // "Bild von SWR Aktuell-Redakteurin Mara Beispiel": a station's short name and the author's role may stand with it.
    return extra.split(' ').filter(Boolean).every((w) => PHOTO_WORD.test(w) || ROLE_SUFFIX.test(w));
  });
}

/**
 * "Anna Beispiel, dpa", "Anna Beispiel, Redaktion", "Anna Beispiel, freie Autorin": a name, a comma and an agency, a
 * capitalised affiliation or a role. "Verkaufte Heime, verschwundene Rücklagen: …" (words in small letters after the
 * comma, no role) is a headline.
 */
export function bareBylineShape(text: string): boolean {
  const m = /,\s*(.+)$/u.exec(text);
  if (!m) return false;
  return /^(?:[\p{Lu}\d]|(?:dpa|afp|ap|epd|kna|sid|apa|sda|ddp|kap|rtr)\b)/u.test(m[1]!) ||
    /(?:autor|journalist|redakteur|reporter|korrespondent|mitarbeiter|fotograf|volontär|praktikant|kolumnist|moderator|writer|correspondent|editor)/i.test(m[1]!);
}
