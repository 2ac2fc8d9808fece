import { LIMITS, toZonedIso, type Block, type RelatedTeaser, type TickerEntryBlock } from '../../content/index.js';
import { parseBody, PLACE_SOURCE, SUMMARY_LABEL, type BodyOptions } from './body-blocks.js';
import { dayAtOffset, dayInZone, dayOffsetMinutes } from './clock-zone.js';
import { dateToIso, parseYearlessDay, type CalendarDay, type FoundDate } from './dates.js';
import { endsSentence, isRunningText, sameGroup, startsUpper, wordCount, type Line } from './lines.js';
import { isPersonName, parseByline } from './byline.js';
import { splitLongText } from './split-long-text.js';
import { parseCreditLine } from './credits.js';
import { isDurationLine } from './head-meta.js';
import { parseMediaBadge } from './media-badge.js';
import {
  assignDays, dayLine, isPlace, isTitleLike, splitRunInTitle, splitSentenceTitle, type EntryStart, type TimedEntry,
} from './ticker.js';

/** A label in capitals, then a dash and the text: "TOR FÜR KIEL - 84. Minute - Nach einer Ecke …". */
const CAPS_LABEL = /^([\p{Lu}\d][\p{Lu}\d ''!.:-]{2,40}?)\s+[-–—]\s+(\S.*)$/u;
/** Four capitals at least: "NRW - …" is an abbreviation, not a label. */
const capsLabel = (text: string) => {
  const m = CAPS_LABEL.exec(text);
  return m && (m[1]!.match(/\p{Lu}/gu) ?? []).length >= 4 ? m : undefined;
};

/**
 * Without a title line under it, a place is one or two capitalised words ("Magdeburg", "Bad Dürrenberg"); longer
 * phrases ("Streudienste im Dauereinsatz"), greetings and phrases opening with an article are titles.
 */
function placeWords(text: string): boolean {
  // Names with "am", "an der", "ob der", "in der" between two capitalised words ("Frankfurt am Main") are places too.
  if (/^\p{Lu}[\p{L}-]+ (?:am|an der|ob der|in der) \p{Lu}[\p{L}-]+$/u.test(text)) return true;
  const words = text.split(/\s+/);
  return words.length <= 2 && words.every((w) => /^[\p{Lu}(\d]/u.test(w)) &&
    !/^(?:der|die|das|den|dem|ein|eine|the|a|an|guten|gute|schönen|hallo|tschüss|update|neue[rs]?|erste[rs]?|mehr|alle)$/i.test(words[0]!);
}

const ENGLISH_SUMMARY = /^(?:key points|at a glance|what we know|the key facts|in brief|tl;?dr)\b/i;
const PINNED = /^(?:angepinnt|angeheftet|fixiert|oben fixiert|pinned|pinned post)$/i;
/** A post's badge on its own line under the time ("Eilmeldung", "Wichtig", "Breaking"): like a pinned marker, no title. */
const BADGE = /^(?:eilmeldung|breaking(?: news)?|wichtig|top|top-thema|topthema|neu|aktuell|zusammenfassung|key event|highlight|update|analyse|hintergrund|exklusiv|exclusive)$/i;

/**
 * A pinned post over the entries ("Angepinnt" / "Aktuelle Straßensperren" / text) or a summary box there ("Das
 * Wichtigste in Kürze" / bullets) is the ticker's first entry, without a time of its own: it takes the time of the
 * entry it stands over. Found at the end of the intro only.
 */
function pinnedEntry(intro: Block[], time: string | undefined): { intro: Block[]; entry: TickerEntryBlock } | undefined {
  if (!time) return undefined;
  const textOf = (b: Block | undefined) => (b?.type === 'heading' ? b.text : b?.type === 'paragraph' && b.content.length === 1 ? b.content[0]!.text : undefined);
  for (let k = Math.max(0, intro.length - 6); k < intro.length; k++) {
    const t = textOf(intro[k]);
    if (!t) continue;
    let titleAt = -1;
    if (PINNED.test(t) && k + 2 <= intro.length - 1 && textOf(intro[k + 1]) && isTitleLike(textOf(intro[k + 1])!)) titleAt = k + 1;
    // A label ending in a colon introduces the intro's own list ("Das Wichtigste in Kürze:").
    // English live pages print "Key points" / "What we know" in their head, over the byline and date: a summary of the
    // posts, not one of them.
    else if (SUMMARY_LABEL.test(t) && !/:$/.test(t) && !ENGLISH_SUMMARY.test(t) && k + 1 < intro.length) titleAt = k;
    if (titleAt < 0 || titleAt + 1 >= intro.length) continue;
    const body = intro.slice(titleAt + 1).slice(0, LIMITS.tickerEntryBlocks);
    return { intro: intro.slice(0, k), entry: { type: 'ticker-entry', time, title: textOf(intro[titleAt])!, body } };
  }
  return undefined;
}

/**
 * "Title" / "14:32 Uhr" / text, entry after entry: some tickers print the title over its time. Read that way when
 * two entries or more, and two thirds of them, have a title-like line over a bare time (not an entry's own time line
 * or the line after the previous time) and running text under it.
 */
function titlesAboveTimes(lines: Line[], from: number, to: number, starts: number[], startAt: (k: number) => EntryStart | undefined): boolean {
  if (starts.length < 2) return false;
  let above = 0;
  let under = 0;
  starts.forEach((k, s) => {
    const over = lines[k - 1]?.text;
    const next = k + 1 < to ? lines[k + 1]?.text : undefined;
    // "Title" / "21.01., 19:40 Uhr | Was für ein Abend …": the time line may carry the entry's text (FUMS).
    const rest = startAt(k)!.rest;
    const textRest = carriesText(rest);
    if (!textRest && next !== undefined && isTitleLike(next) && !startAt(k + 1) && !PLACE_SOURCE.test(next)) under++;
    if ((rest && !textRest) || k - 1 < from || over === undefined || (!textRest && next === undefined)) return;
    // Not the line right after the previous time, unless that time line held its entry's text.
    const afterPrevious = s > 0 && starts[s - 1] === k - 2;
    if (startAt(k - 1) || (afterPrevious && !(textRest && carriesText(startAt(k - 2)!.rest))) || dayLine(over) || parseYearlessDay(over)) return;
    if (isTitleLike(over) && (textRest || ((!isTitleLike(next!) || PLACE_SOURCE.test(next!)) && !startAt(k + 1)))) above++;
  });
  return above >= 2 && above * 3 >= starts.length * 2 && under * 3 < starts.length;
}

/** A time line's rest that is the entry's text, not its title: a sentence of six words or more. */
function carriesText(rest: string): boolean {
  return !!rest && endsSentence(rest) && wordCount(rest) >= 6;
}

/** A byline, an author's name, or "Von Redaktion …" over the page's date line. */
function bylineAbove(t: string | undefined): boolean {
  return !!t && (!!parseByline(t) || isPersonName(t) || (/^(?:von|by)\s+\p{Lu}/iu.test(t) && wordCount(t) <= 6) ||
    // A desk's credit in place of a name ("Staff writers", "Redaktion").
    /^(?:staff(?:\s+(?:writers?|reporters?))?|redaktion|newsdesk|news desk)$/i.test(t));
}

export interface TickerBody {
  /** Blocks before the first entry (the ticker's intro). */
  intro: Block[];
  entries: TickerEntryBlock[];
  related: RelatedTeaser[];
}

interface RawEntry {
  start: EntryStart;
  date?: FoundDate;
  title?: string;
  location?: string;
  body: Block[];
}

function paragraphs(text: string): Block[] {
  return splitLongText(text, LIMITS.inlineText).map((t) => ({ type: 'paragraph', content: [{ text: t }] }));
}

/**
 * Reads the ticker part of a page: entries start at time lines; an entry's body
 * is everything up to the next entry (paragraphs, pictures, lists, quotes; short
 * lines stay paragraphs). Day separator lines date the entries below them.
 */
export function parseTickerBody(
  lines: Line[],
  from: number,
  to: number,
  opts: BodyOptions & {
    anchor: CalendarDay; anchorIsEnd: boolean; now: Date;
    /** The instant the anchor was read from (a stamp or opts.now), when it was one; its day is taken in the entries' clock. */
    anchorAt?: Date;
    /** The entry each line opens (entryStartAt over the page, read once by the caller). */
    startAt: (k: number) => EntryStart | undefined;
    /** The zone unlabelled times are printed in when it is not Berlin's (clock-zone.ts). */
    clockZone?: string;
  },
): TickerBody {
  const starts: number[] = [];
  for (let k = from; k < to; k++) if (opts.startAt(k)) starts.push(k);
  // A summary of the day ("Was bisher geschah": "• 16.10 Uhr: Title", one after another, in one
  // box) on a page whose entries are not bulleted repeats entries: it stays a list in its entry.
  const bulleted = (k: number) => /^\s*[•·▪●◦‣-]\s/.test(lines[k]!.text);
  if (starts.some((k) => !bulleted(k))) {
    const isStart = new Set(starts);
    const inRun = (k: number) => bulleted(k) && ((isStart.has(k + 1) && bulleted(k + 1) && sameGroup(lines[k], lines[k + 1])) ||
      (isStart.has(k - 1) && bulleted(k - 1) && sameGroup(lines[k - 1], lines[k])));
    const summary = new Set(starts.filter(inRun));
    if (summary.size >= 2) starts.splice(0, starts.length, ...starts.filter((k) => !summary.has(k)));
  }
  const related: RelatedTeaser[] = [];
  const bodyOpts: BodyOptions = { ...opts, headings: false };
  const titleAbove = titlesAboveTimes(lines, from, to, starts, opts.startAt);
  // On such a page a post without a title has the last line of the post before it over its time: a sentence, no title.
  const titledAbove = (k: number) => titleAbove && k - 1 >= from && isTitleLike(lines[k - 1]!.text) && !opts.startAt(k - 1);

  // Day separators anywhere in the ticker date the entries that follow them.
  let currentDate: FoundDate | undefined;
  // A day without its year ("Montag, 12. Januar") takes the year of the last date read, else the first entry's, else
  // the ticker's.
  const firstDated = starts.map((k) => opts.startAt(k)!.date).find(Boolean);
  const yearOf = (known: FoundDate | undefined) => known ?? currentDate ?? firstDated ?? opts.anchor;
  const introLines: Line[] = [];
  const introEnd = starts[0] === undefined ? to : titledAbove(starts[0]) ? starts[0] - 1 : starts[0];
  for (let k = from; k < introEnd; k++) {
    const d = dayLine(lines[k]!.text, yearOf(undefined));
    if (d) currentDate = d;
    else introLines.push(lines[k]!);
  }
  const introParsed = parseBody(introLines, 0, introLines.length, { ...opts });
  related.push(...introParsed.related);

  // A name alone under the time with the post's text under it, in two entries or more: live blogs print their authors there.
  // Or with the post's title under the name ("11.52 Uhr" / "Tilda Beispiel" / "Fragerunde beendet" / text).
  const authorUnder = (span: Line[]) => span.length > 1 && isPersonName(span[0]!.text) && wordCount(span[0]!.text) <= 3 &&
    (!isTitleLike(span[1]!.text) || (span.length > 2 && !isPersonName(span[1]!.text)));
  // "11:52 Uhr | Tilda Beispiel": the post's author after the time, in half the entries or more (two at least), is no title.
  const nameRest = (e: EntryStart) => e.sep === '|' && !!e.rest && wordCount(e.rest) <= 3 && isPersonName(e.rest.replace(/^(?:von|by)\s+/i, ''));
  const restNames = starts.filter((k) => nameRest(opts.startAt(k)!)).length;
  const authorRest = restNames >= 2 && restNames * 2 >= starts.length;
  // A short line printed the same under the time of two entries or more ("Wichtig", a desk's name): a label, no title.
  const underCount = new Map<string, number>();
  for (const k of starts) {
    const t = !opts.startAt(k)!.rest && k + 1 < to ? lines[k + 1]!.text : '';
    if (t && wordCount(t) <= 3 && !opts.startAt(k + 1)) underCount.set(t, (underCount.get(t) ?? 0) + 1);
  }
  const sameUnder = new Set([...underCount].filter(([, n]) => n >= 2).map(([t]) => t));
  // A topic over the title under the time ("• 22:16" / "Hochwasser im Allgäu" / "Pegel der Iller sinkt langsam" / text,
  // ZDFheute's news ticker), in half the entries or more (two at least): the topic is the post's kicker, not its title.
  const topicOver = (span: Line[]) => span.length > 2 && wordCount(span[0]!.text) <= 4 && !endsSentence(span[0]!.text) && !/:$/.test(span[0]!.text) &&
    isTitleLike(span[1]!.text) && !endsSentence(span[1]!.text) && wordCount(span[1]!.text) > wordCount(span[0]!.text) && isRunningText(span[2]!.text) &&
    !isPersonName(span[0]!.text) && !parseByline(span[1]!.text);
  // The first lines under each time line that prints nothing after its time, counted for both shapes at once.
  let authorLines = 0;
  let topicLines = 0;
  for (let s = 0; s < starts.length; s++) {
    const k = starts[s]!;
    if (opts.startAt(k)!.rest) continue;
    const under = lines.slice(k + 1, Math.min(starts[s + 1] ?? to, k + 4));
    if (authorUnder(under)) authorLines++;
    if (topicOver(under)) topicLines++;
  }
  const topics = topicLines >= 2 && topicLines * 2 >= starts.length;
  const raw: RawEntry[] = [];
  const leadIn: Block[] = [];
  let pageStamp: FoundDate | undefined;
  for (let s = 0; s < starts.length; s++) {
    const k = starts[s]!;
    const end = starts[s + 1] === undefined ? to : titledAbove(starts[s + 1]!) ? starts[s + 1]! - 1 : starts[s + 1]!;
    const start = opts.startAt(k)!;
    const span: Line[] = [];
    let nextDate: FoundDate | undefined;
    for (let j = k + 1; j < end; j++) {
      const d = dayLine(lines[j]!.text, yearOf(nextDate ?? start.date));
      // A day line dates the entries after it; text around it still belongs to this entry.
      if (d) nextDate = d;
      else span.push(lines[j]!);
    }
    const entryDate = start.date ?? currentDate;
    const entry: RawEntry = { start, body: [], ...(entryDate && { date: entryDate }) };
    // Topic and source tags printed as dash bullets under the time ("- Ireland" / "- RTÉ News", RTÉ): not the title.
    let tags = 0;
    while (tags < 3 && span.length > tags + 1 && /^[-–]\s+\S.{0,30}$/.test(span[tags]!.text) && wordCount(span[tags]!.text) <= 4) tags++;
    if (tags) span.splice(0, tags);
    let b = 0;
    let lead: string | undefined;
    const nextText = span[0]?.text;
    const hasMore = (n: number) => span.length > n;
    const rest = authorRest && nameRest(start) ? '' : start.rest;
    let label: RegExpExecArray | undefined;
    if (titleAbove) {
      // "Title" / "14:32 Uhr" / text: the line over the time is the entry's title.
      if (titledAbove(k)) entry.title = lines[k - 1]!.text;
      if (rest) lead = rest;
    } else
    // "10:58 Uhr - Magdeburg" over a title line: a place (or label) and the title; without a
    // title line under it only a place's words make it a place.
    if (start.sep === '-' && rest && isPlace(rest) && ((nextText && isTitleLike(nextText) && hasMore(1)) || placeWords(rest))) {
      entry.location = rest;
      if (nextText && isTitleLike(nextText) && hasMore(1)) { entry.title = nextText; b = 1; }
    } else if (!rest) {
      // A marker under the time is no title; the line under it is. A pinned post's or a badge's word, or a line printed
      // the same under two times or more ("15.03.2024 | 11:48" / "Angepinnt" / "Aktuelle Straßensperren" / text), counts
      // where a title follows it; the post's author ("Daniel Exampleford" / text, live blogs) where two or more entries
      // print a name there, and it is left out of the post.
      const label = !!nextText && (PINNED.test(nextText) || BADGE.test(nextText) || sameUnder.has(nextText) || (topics && topicOver(span))) && !!span[1] && isTitleLike(span[1].text) && hasMore(2);
      if (label || (authorLines >= 2 && !!nextText && authorUnder(span))) {
        b = 1;
        if (isTitleLike(span[1]!.text) && hasMore(2)) { entry.title = span[1]!.text; b = 2; }
      }
      // A release's place and source under the time ("Münster (ots)"): the entry's place, no title.
      else if (nextText && PLACE_SOURCE.test(nextText)) { entry.location = nextText.replace(/\s*\([^)]*\)$/, ''); b = 1; }
      // The badge's word over the text of an untitled post ("10:32 Uhr" / "Wichtig" / text): no title, the badge goes; a
      // player's label and its length too ("Video" / "1:45 Min." / text).
      else if (nextText && (PINNED.test(nextText) || BADGE.test(nextText)) && !!span[1] && !isTitleLike(span[1].text)) b = 1;
      else if (nextText && parseMediaBadge(nextText) && !!span[1]) b = isDurationLine(span[1].text) ? 2 : 1;
      // A picture's caption and its credit right under the time of an untitled post: the picture's, not a title.
      else if (nextText && !!span[1] && sameGroup(span[0], span[1]) && !!parseCreditLine(span[1].text)?.strong) b = 0;
      // "By Ruby Example" under the time: the post's author, not its title (the line stays in the post).
      // "Von Jan Beispiel" over a title with the text under it: the author, then the post's title.
      else if (nextText && /^(?:By|Von)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}$/u.test(nextText)) {
        b = 0;
        if (span[1] && isTitleLike(span[1].text) && !endsSentence(span[1].text) && hasMore(2)) { entry.title = span[1].text; b = 2; }
      }
      else if (nextText && isTitleLike(nextText) && hasMore(1)) { entry.title = nextText; b = 1; }
      // "Abgeordneter Wohlwend:" / "Wir verwalten uns zu Tode." (Volksblatt): a speaker or a title with its colon, alone
      // on its line over the post's text.
      else if (nextText && nextText.endsWith(':') && wordCount(nextText) <= 8 && isTitleLike(nextText.slice(0, -1)) && startsUpper(nextText) && hasMore(1)) {
        entry.title = nextText;
        b = 1;
      }
    } else if (isTitleLike(rest) && (hasMore(0) || start.sep === '|')) {
      entry.title = rest;
    } else if ((label = capsLabel(rest))) {
      // "SCHLUSSPFIFF - Kiel bringt …", "TOR FÜR KIEL - 84. Minute - …": a sports tracker's label is the title.
      entry.title = label[1]!;
      lead = label[2]!;
    } else {
      const runIn = start.sep === '' ? splitRunInTitle(rest) : start.sep === '-' ? splitSentenceTitle(rest) : undefined;
      if (runIn) {
        entry.title = runIn.title;
        lead = runIn.body;
      } else {
        lead = rest;
      }
    }
    // "Update - Title", "Title (Update)": the marker is not part of the title.
    // "+++ Bahn stellt Fernverkehr ein +++" over the time: the markers are not part of the title.
    // "• Title": a bullet before the title is no part of it.
    if (entry.title) entry.title = entry.title.replace(/^[•·▪●◦‣►▶]\s*(?=\S)/u, '').replace(/^(?:update|aktualisiert|neu)\s*[-–—:]\s+/i, '').replace(/\s*\((?:update|aktualisiert)\)$/i, '')
      .replace(/^\+{2,}\s+(.+?)\s+\+{2,}$/, '$1') || entry.title;
    // Longer than a headline may be, it is running text, not a title, and goes back whole into the entry's text.
    if (entry.title && entry.title.length > LIMITS.headline) {
      const long = entry.title;
      delete entry.title;
      if (titleAbove) entry.body.push(...paragraphs(long));
      else if (b > 0) b = 0;
      else lead = rest;
    }
    if (lead) entry.body.push(...paragraphs(lead));
    const parsed = parseBody(span, b, span.length, { ...bodyOpts, ...(entry.title && { pictureAlt: entry.title }) });
    entry.body.push(...parsed.blocks);
    related.push(...parsed.related);
    // The page's date under the byline ("Von Redaktion" / "08.03.2026, 22:41 Uhr") with nothing but the lead picture
    // after it, over the first entry: the head's date line, not an entry; the picture goes with the intro.
    // Or with nothing at all after it ("Lisa Beispielhaus" / "14.03.2024 - 15:38 Uhr" / first entry).
    // Or a full date over entries that print their times alone ("Thu 14 Mar 2024 14.18 GMT", "Wednesday 6 March 2024 14:58, UK"
    // under the standfirst), with no picture and no sentence of a post's text under it ("Live reporting by …", a rail's label).
    if (s === 0 && !entry.title && start.date && !rest && (
      (bylineAbove(lines[k - 1]?.text) && entry.body.every((b) => b.type === 'figure')) ||
      (starts.length >= 3 && starts.slice(1).every((j) => !opts.startAt(j)!.date) &&
        entry.body.every((b) => b.type !== 'figure' && (b.type !== 'paragraph' || !endsSentence(b.content.map((c) => c.text).join('')))))
    )) {
      leadIn.push(...entry.body);
      // Its time is the ticker's latest: the entries count back from that day.
      pageStamp = start.date;
      if (nextDate) currentDate = nextDate;
      continue;
    }
    if (entry.title || entry.body.length) raw.push(entry);
    if (nextDate) currentDate = nextDate;
  }

  // A "key events" rail repeats entries' titles (as a title or as its only line) with less text: the copies go.
  const size = (e: RawEntry) => e.body.reduce((n, b) => n + (b.type === 'paragraph' ? b.content.reduce((m, c) => m + c.text.length, 0) : 100), 0);
  const label = (e: RawEntry) => (e.title ?? (e.body.length === 1 && e.body[0]!.type === 'paragraph' ? e.body[0]!.content.map((c) => c.text).join('') : '')).toLowerCase();
  const longest = new Map<string, RawEntry>();
  for (const e of raw) if (e.title && size(e) >= size(longest.get(e.title.toLowerCase()) ?? e)) longest.set(e.title.toLowerCase(), e);
  // A copy says nothing the entry does not: no sentence of its own ("Tor!" twice with two goals' texts stays; a rail's
  // "Show key events only" under its copy is no sentence).
  const paras = (e: RawEntry) => e.body.flatMap((b) => (b.type === 'paragraph' ? [b.content.map((c) => c.text).join('')] : []));
  const ownSentence = (e: RawEntry, best: RawEntry) => {
    const known = paras(best).join(' ');
    return paras(e).some((p) => p.length >= 30 && endsSentence(p) && !known.includes(p));
  };
  for (let n = raw.length - 1; n >= 0; n--) {
    const e = raw[n]!;
    const best = longest.get(label(e));
    if (best && best !== e && (e.title ? size(e) : 0) < size(best) && size(e) < 200 &&
      (!e.title || !ownSentence(e, best))) raw.splice(n, 1);
  }
  const timed: TimedEntry[] = raw.map((e) => ({ start: e.start, ...(e.date && { date: e.date }) }));
  // Relative entries ("vor 5 Minuten") are dated from "now" and take no part in the day walk.
  for (const t of timed) {
    if (t.start.minutesAgo === undefined) continue;
    const at = new Date(opts.now.getTime() - t.start.minutesAgo * 60000);
    const z = toZonedIso(at);
    t.start = { ...t.start, hour: Number(z.slice(11, 13)), minute: Number(z.slice(14, 16)) };
    t.date = { year: Number(z.slice(0, 4)), month: Number(z.slice(5, 7)), day: Number(z.slice(8, 10)), spans: [] };
  }
  const days = pageStamp ? assignDays(timed, pageStamp, true) : assignDays(timed, anchorInClock(raw, opts), opts.anchorIsEnd);
  const entries: TickerEntryBlock[] = [];
  raw.forEach((e, n) => {
    const day = days[n]!;
    // The entry's own offset ("14:32 GMT"), else its zone ("2:32 p.m. ET") or the page's clock, else Berlin's.
    const zone = e.start.zone ?? opts.clockZone;
    const offsetMinutes = e.start.offsetMinutes ?? (zone ? dayOffsetMinutes(zone, day.year, day.month, day.day) : undefined);
    const iso = e.start.minutesAgo !== undefined
      ? { iso: toZonedIso(new Date(opts.now.getTime() - e.start.minutesAgo * 60000)) }
      : dateToIso({ ...day, hour: e.start.hour, minute: e.start.minute, ...(offsetMinutes !== undefined && { offsetMinutes }) });
    if (!iso) return;
    // An entry holds at most LIMITS.tickerEntryBlocks blocks; overflow continues in an entry with the same time.
    for (let c = 0; c === 0 || c < e.body.length; c += LIMITS.tickerEntryBlocks) {
      const block: TickerEntryBlock = { type: 'ticker-entry', time: iso.iso, body: e.body.slice(c, c + LIMITS.tickerEntryBlocks) };
      if (c === 0 && e.title) block.title = e.title;
      if (c === 0 && e.location) block.location = e.location;
      if (block.title || block.body.length) entries.push(block);
    }
  });
  const pinned = pinnedEntry(introParsed.blocks, entries[0]?.time);
  return { intro: [...(pinned ? pinned.intro : introParsed.blocks), ...leadIn], entries: pinned ? [pinned.entry, ...entries] : entries, related };
}

/**
 * The ticker's anchor day in the clock its entries are printed in: a stamp was read as Berlin time, and "Updated 6:05 PM
 * ET, Fri January 21" is already the 22nd there while the entries under it ("1:10 p.m. ET") are the 21st's. The clock
 * most entries name ("ET", "GMT"), else the page's; Berlin's day when there is none.
 */
function anchorInClock(raw: readonly RawEntry[], opts: { anchor: CalendarDay; anchorAt?: Date; clockZone?: string }): CalendarDay {
  if (!opts.anchorAt) return opts.anchor;
  const zones = new Map<string, number>();
  const offsets = new Map<number, number>();
  for (const e of raw) {
    if (e.start.zone) zones.set(e.start.zone, (zones.get(e.start.zone) ?? 0) + 1);
    else if (e.start.offsetMinutes !== undefined) offsets.set(e.start.offsetMinutes, (offsets.get(e.start.offsetMinutes) ?? 0) + 1);
  }
  const top = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1])[0];
  const zone = top(zones);
  const offset = top(offsets);
  const half = raw.length / 2;
  if (zone && zone[1] >= half) return dayInZone(opts.anchorAt, zone[0]);
  if (offset && offset[1] >= half) return dayAtOffset(opts.anchorAt, offset[0]);
  return opts.clockZone ? dayInZone(opts.anchorAt, opts.clockZone) : opts.anchor;
}
