import { LIMITS, type RelatedTeaser } from '../../content/index.js';
import { parseByline, type Byline } from './byline.js';
import { parseCreditLine } from './credits.js';
import { parseDateLine } from './dates.js';
import { endsSentence, endsWithStop, sameGroup, type Line } from './lines.js';
import { parseMediaBadge, type MediaBadge } from './media-badge.js';

/**
 * Rails: the teaser lists a page prints after the article ("Mehr aus Politik",
 * "Mehr zum Thema", "Weitere Nachrichten", "Related", "More on this story").
 * They are never body text. Their items become related teasers when they have a
 * title; an item that is only "Grafik 1 min / Bildrechte: mdr" (the seed) has no
 * title and is dropped — titles are never invented. "Mehr aus X" also names the
 * page's section.
 */

export interface RailHeading {
  /** "Politik" for "Mehr aus Politik"; the section the page belongs to. */
  section?: string;
}

const SECTION_RAIL = /^(?:mehr aus|mehr von|weitere nachrichten aus|weitere meldungen aus|nachrichten aus|more from|more in|also in)\s+(?:der|dem|den|die|the)?\s*(.{2,60})$/i;
const RAIL = [
  /^mehr (?:aus|zu|zum|zur|von|vom|über|im|in)\b.{1,60}$/i,
  /^(?:weitere|mehr|aktuelle|neueste|die neuesten|top|beliebte|meistgelesene) (?:nachrichten|artikel|meldungen|themen|beiträge|videos|audios|informationen|geschichten|news|stories)\b.{0,40}$/i,
  /^(?:auch interessant|ebenfalls interessant|das könnte sie (?:auch )?interessieren|das könnte dich (?:auch )?interessieren|lesen sie auch|lesen sie mehr|siehe auch|zum thema|passend zum thema|verwandte themen|ähnliche artikel|ähnliche themen|empfehlungen|unsere empfehlungen|top-themen|topthemen|meistgelesen|meistgeklickt|beliebt|dazu passend|hintergrund)$/i,
  /^(?:related|related (?:stories|articles|topics|content|links|coverage|news)|more on this story|more on this topic|more stories|read more|see also|you may also like|you might also like|top stories|most read|most popular|more from .{2,40}|more in .{2,40}|also in .{2,40}|elsewhere on .{2,40}|up next|watch next|more videos|related videos|als nächstes|nächstes video|weitere videos)$/i,
];

/** Whole line is a rail heading; the section when it is a "Mehr aus X" rail. */
export function parseRailHeading(text: string): RailHeading | undefined {
  if (text.length > 80 || endsSentence(text) || !RAIL.some((re) => re.test(text))) return undefined;
  const s = SECTION_RAIL.exec(text);
  const section = s?.[1]?.trim();
  return section && !/^(?:thema|this story|this topic)\b/i.test(section) && section.length <= LIMITS.section ? { section } : {};
}

/** A line that may stand in a rail: a badge, a credit, a date, a byline, or a short title. */
function railCompatible(line: Line, groupHasBadge: boolean): boolean {
  const t = line.text;
  if (t.length > 300) return false;
  if (parseRailHeading(t) || parseMediaBadge(t) || parseCreditLine(t) || parseDateLine(t) || parseByline(t)) return true;
  if (t.length <= LIMITS.headline && !endsWithStop(t)) return true;
  // Teaser sentences belong to a rail item only next to its badge.
  return groupHasBadge;
}

export interface TailRails {
  /** Index of the first rail line; lines from here on are not body. */
  start: number;
  section?: string;
  related: RelatedTeaser[];
  byline?: Byline;
}

/**
 * Finds the rails at the end of the page: the earliest rail heading after which
 * every line is rail material. A "Mehr zum Thema" box in mid-article (body text
 * follows) is not a tail rail and stays where it is.
 */
export function findTailRails(lines: Line[], from: number, to: number): TailRails | undefined {
  const hasBadge = new Map<number, boolean>();
  for (let k = from; k < to; k++) {
    const l = lines[k]!;
    if (parseMediaBadge(l.text)) hasBadge.set(l.group, true);
  }
  // Walk back from the end while lines are rail material; remember the earliest heading.
  let start: number | undefined;
  for (let k = to - 1; k >= from; k--) {
    const l = lines[k]!;
    if (!railCompatible(l, hasBadge.get(l.group) ?? false)) break;
    if (parseRailHeading(l.text)) start = k;
  }
  if (start === undefined) return undefined;
  return { start, ...readRails(lines, start, to) };
}

interface Item { title?: string; badge?: MediaBadge; credit?: string }

function readRails(lines: Line[], from: number, to: number): Omit<TailRails, 'start'> {
  const related: RelatedTeaser[] = [];
  let section: string | undefined;
  let byline: Byline | undefined;
  let item: Item = {};
  const flush = () => {
    if (item.title) {
      const t: RelatedTeaser = { title: item.title, mediaType: item.badge?.mediaType ?? 'article' };
      if (item.badge?.durationSeconds) t.durationSeconds = item.badge.durationSeconds;
      if (item.credit) t.image = { kind: 'image', alt: '', credit: item.credit };
      if (related.length < LIMITS.related && !related.some((r) => r.title === t.title)) related.push(t);
    }
    item = {};
  };
  for (let k = from; k < to; k++) {
    const l = lines[k]!;
    if (k > from && !sameGroup(lines[k - 1], l)) flush();
    const heading = parseRailHeading(l.text);
    if (heading) {
      flush();
      if (heading.section && !section) section = heading.section;
      continue;
    }
    const badge = parseMediaBadge(l.text);
    if (badge) {
      if (item.badge) flush();
      item.badge = badge;
      continue;
    }
    const credit = parseCreditLine(l.text);
    if (credit) {
      if (item.credit) flush();
      item.credit = credit.credit;
      continue;
    }
    if (parseDateLine(l.text)) continue;
    const by = parseByline(l.text);
    if (by) {
      byline ??= by;
      continue;
    }
    // A teaser sentence under a title is description, not a title.
    if (l.text.length > LIMITS.headline || (endsSentence(l.text) && item.title)) continue;
    if (item.title) flush();
    item.title = l.text;
  }
  flush();
  return { ...(section && { section }), related, ...(byline && { byline }) };
}
