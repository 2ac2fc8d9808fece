import { LIMITS } from '../../content/index.js';
import { bareBylineShape, isPersonName, parseByline } from './byline.js';
import { parseCreditLine, splitCaptionCredit } from './credits.js';
import { isTimeOnlyLine, isTwelveHourTimeLine, parseDateLine } from './dates.js';
import { altOverPicture, describesVideoStill, tryFigure } from './figures.js';
import { authorLabelAt, authorPhotoLine, bulletAuthor } from './head.js';
import { isHeadlineLike } from './headline.js';
import { breadcrumbParts, datedMetaLine, gluedCrumbSection, printedByline, isDurationLine, isMetaLabelLine, isPlayerLine, isUrlLine, loneLabelSpan, numberedCrumbAt, pageTitleOf, usDateLine } from './head-meta.js';
import { isBareDay, isOwnLineKicker, TICKER_HEADLINE } from './kicker.js';
import { BULLET_SIGN, endsSentence, endsWithStop, hasSentenceBreak, isBulleted, isQuoteLine, isRunningText, MAX_CLASSIFY, sharedContentWords, withoutOrdinalDots, wordCount, type Line } from './lines.js';
import { GENRE_BADGE, parseMediaBadge } from './media-badge.js';
import { brandLineProfile, isPaywallBadge, splitPaywallBadge, stripPlus } from './site-profiles.js';
import { isPlace, isTimestampAlone } from './ticker.js';

/**
 * Where the article's head begins when the page does not start with it.
 *
 * Crawled pages often open with lines the head cannot place: the site's or
 * programme's name, a page title with the site name, a gallery label, a
 * navigation word. Reading the head strictly in page order would take the
 * first of them as the headline. Instead we anchor on the first paragraph of
 * running text (the teaser, or the body's first paragraph): the headline is the
 * last line before it that is not metadata, and the kicker the line above the
 * headline (only a byline may stand between them). Unplaced lines above the
 * kicker are page furniture.
 *
 * Conservative on purpose: nothing is dropped unless every dropped line is
 * short and not a sentence. On a ticker, the first entry anchors the head as
 * running text would.
 */

export type HeadLineKind = 'meta' | 'byline' | 'figure' | 'other';

export interface HeadStart {
  /** Lines to skip as page furniture. */
  furniture: Set<number>;
  /** A kicker printed under its headline (FOCUS): its line. */
  kickerBelow?: number;
}

/** A breadcrumb's item on its own line, numbered ("4. Politik") or bulleted ("• Politik"); the item's text is group 1. */
const CRUMB_ITEM = new RegExp(`^(?:\\d{1,2}\\.|${BULLET_SIGN})\\s+(\\S.*)$`);

/**
 * The page's <title> printed first, with the site's name ("Kassel: Streit um …
 * | tagesschau.de"). When the head repeats the title further down, the title
 * line is furniture (returned); otherwise it is the headline line, and its text
 * loses the site's name (the line is changed in place).
 */
export function takePageTitle(lines: Line[], from: number, to: number): { index?: number; title?: string; rewrittenTo?: string; siteLines?: number[] } {
  // The title printed first without the site's name, the head repeating it word for word a few lines down, past the
  // menu ("Die Medienwoche: Warum …" / "MEEDIA" / "Medien" / … / "Podcast" / "Die Medienwoche: Warum …").
  const first = lines[from]?.text ?? '';
  if (first.length >= 20 && first.length <= LIMITS.headline && wordCount(first) >= 4 && !endsWithStop(first)) {
    const nf = normTitle(first);
    // Not a picture's alt text printed twice, each time over its caption with the credit ("Modell des …" / "So soll …
    // (Foto: dpa)").
    const captionUnder = (k: number) => !!lines[k + 1] && k + 1 < to && !!splitCaptionCredit(lines[k + 1]!.text)?.credit;
    if (!captionUnder(from)) {
      for (let j = from + 2; j < Math.min(to, from + 16); j++) {
        if ((lines[j]!.text === first || normTitle(lines[j]!.text) === nf) && !captionUnder(j)) return { index: from, title: first };
      }
    }
  }
  // The title under a menu of short words, printed again a few lines below with only short lines between (a section
  // word, the date, a clip's length): "News" / title / "Regional" / title / text (Radio Central), "Lade..." / title /
  // "Reportage" / "14.03.2026 - 8 Min." / title (NRWision).
  for (let k = from + 1; k < Math.min(to, from + 12); k++) {
    const t = lines[k]!.text;
    const prev = lines[k - 1]!.text;
    if (prev.length > 30 || wordCount(prev) > 3) break;
    if (t.length < 20 || t.length > LIMITS.headline || wordCount(t) < 4 || endsWithStop(t)) continue;
    let word = false;
    for (let j = k + 1; j < Math.min(to, k + 5); j++) {
      const b = lines[j]!.text;
      if (b === t) {
        if (word) return { index: k, title: t };
        break;
      }
      if (b.length > 40 || wordCount(b) > 5) break;
      // A section or genre word between the copies ("Regional", "Reportage"), not only a date (a kicker may stand over the
      // first copy then, schwatzgelb).
      if (/^\p{Lu}[\p{L}-]+(?: [\p{L}-]+){0,2}$/u.test(b)) word = true;
    }
  }
  for (let k = from; k < Math.min(to, from + 12); k++) {
    // The last item of a numbered or bulleted breadcrumb ("4. Grundsteuer: Kommunen in …", WELT; "• Kultur" / "• Theater" /
    // "• Dramatikerin …", tipBerlin) names the story too.
    const crumb = CRUMB_ITEM.exec(lines[k]!.text);
    const lastCrumb = crumb && crumb[1]!.length >= 12 && k > from && CRUMB_ITEM.test(lines[k - 1]!.text) && !CRUMB_ITEM.test(lines[k + 1]?.text ?? '') ? crumb[1]! : undefined;
    // A bulleted one only where the head repeats it word for word: a ticker's bulleted summary ends in an entry's title
    // with its time in front ("• 13.42 Uhr: Kiel verlängert" over "13:42 Uhr" / "Kiel verlängert").
    const bulletCrumb = !!lastCrumb && !/^\d/.test(lines[k]!.text);
    const siteTitle = k < from + 6 ? pageTitleOf(lines[k]!.text) : undefined;
    // A title with a site the profiles do not know ("… | Beispiel-Zeitung"), or a breadcrumb ending in the
    // story's title ("Startseite > Politik > …"): only when the head repeats it word for word.
    const t = lines[k]!.text;
    const loose = k < from + 6 && t.length <= LIMITS.headline + LIMITS.kicker + 40 ? /^(.{12,}?)\s+[|–—]\s+[^|–—]{2,40}$/.exec(t)?.[1] : undefined;
    const crumbTail = t.length <= 300 ? /^(?:[^>›»]{2,40}\s+[>›»]\s+){1,5}([^>›»]{12,})$/.exec(t)?.[1] : undefined;
    const title = siteTitle ?? lastCrumb ?? loose ?? crumbTail;
    if (!title) continue;
    const siteLines = siteNameLines(lines, from, to, t);
    const nt = normTitle(title);
    for (let j = k + 1; j < Math.min(to, k + 16); j++) {
      const nl = normTitle(lines[j]!.text);
      if (nl.length < 12) continue;
      // The head repeats it, or prints it with the kicker in front (a breadcrumb item only word for word).
      if (nl === nt || (!loose && !crumbTail && !bulletCrumb && nt.endsWith(` ${nl}`)) || ((loose || crumbTail) && !siteTitle && !lastCrumb && nl.endsWith(` ${nt}`) && nl.length - nt.length <= 40)) return { index: k, title, siteLines };
      if (siteTitle && ((nt.length >= 12 && nl.endsWith(` ${nt}`)) || nearlySame(nt, nl))) return { index: k, title, siteLines };
    }
    // A numbered list the head does not repeat is left alone; a title whose site's name stands alone on a line of its
    // own nearby is a page title all the same ("Transfernews: … | OneFootball" / "OneFootball").
    if (!siteTitle && !(loose && title === loose && siteLines.length)) continue;
    lines[k] = { ...lines[k]!, text: title };
    return { rewrittenTo: title, siteLines };
  }
  return {};
}

/** Lines among the first that print only the site's name from the title's suffix ("… | OneFootball" / "OneFootball"). */
function siteNameLines(lines: Line[], from: number, to: number, titleText: string): number[] {
  const site = /\s[|–—-]\s([^|–—]{2,40})$/.exec(titleText)?.[1]?.trim();
  const out: number[] = [];
  if (site) for (let j = from; j < Math.min(to, from + 12); j++) if (lines[j]!.text === site) out.push(j);
  return out;
}

/** A title's words for comparing: lower case, letters and digits only. */
function normTitle(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
}

/** Two wordings of one title ("Aktuelle Nachrichten von BR24 im Überblick" / "Die aktuellen Nachrichten …"): most words shared. */
function nearlySame(a: string, b: string): boolean {
  const wa = new Set(a.split(' ').filter((w) => w.length > 3));
  const wb = new Set(b.split(' ').filter((w) => w.length > 3));
  if (wa.size < 3 || wb.size < 3) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(wa.size, wb.size) >= 0.75;
}

/** Classifies the head line at `k`: metadata, a byline, a picture (with the index after it), or something else. */
export function classifyHeadLine(lines: Line[], k: number, to: number, isStructural: (l: Line) => boolean): { kind: HeadLineKind; next: number } {
  const t = lines[k]!.text;
  if (t.length > MAX_CLASSIFY) return { kind: 'other', next: k + 1 };
  if (parseByline(t)) return { kind: 'byline', next: k + 1 };
  if (authorLabelAt(lines, k, to)) return { kind: 'byline', next: k + 2 };
  if (bulletAuthor(t)) return { kind: 'byline', next: k + 1 };
  if (printedByline(t, parseDateLine)) return { kind: 'byline', next: k + 1 };
  // "By Carla Sample Fox News", "By Mike Sample , Nora Test Fox News": names and the outlet run together, no comma
  // before the outlet; a byline all the same.
  if (/^By\s+\p{Lu}[\p{L}'’.-]+(?:(?:\s*,\s*|\s+and\s+|\s+)\p{Lu}[\p{L}'’.-]+){1,8}$/u.test(t)) return { kind: 'byline', next: k + 1 };
  const pair = loneLabelSpan(lines, k, to);
  if (pair) return { kind: 'meta', next: k + pair };
  // Rights lines above their caption (BR24): the picture; alone, loose metadata.
  if (parseCreditLine(t)?.strong) {
    const f = tryFigure(lines, k, to, isStructural);
    return f ? { kind: 'figure', next: f.next } : { kind: 'meta', next: k + 1 };
  }
  if (parseDateLine(t) || usDateLine(t) || isTwelveHourTimeLine(t) || datedMetaLine(t, parseDateLine) || breadcrumbParts(t) || numberedCrumbAt(lines, k) ||
    (k + 1 < to && !!gluedCrumbSection(t)) || isMetaLabelLine(t) || isDurationLine(t) || isPlayerLine(t) || isUrlLine(t) ||
    (parseMediaBadge(t) && !GENRE_BADGE.test(t)) || brandLineProfile(t) || isPaywallBadge(t)) {
    return { kind: 'meta', next: k + 1 };
  }
  // A description of two sentences or more over a bare "© Sender" line is a video page's text, not a caption (head.ts).
  if (describesVideoStill(t, lines[k + 1]?.text)) return { kind: 'other', next: k + 1 };
  const f = tryFigure(lines, k, to, isStructural);
  if (f) return { kind: 'figure', next: f.next };
  return { kind: 'other', next: k + 1 };
}

/** An author's label with nothing after it ("Ein Artikel von:", "Autorin:"). */
const AUTHOR_LABEL_AFTER = /^(?:ein(?:e)?\s+)?(?:artikel|beitrag|gastbeitrag|kommentar|text|bericht|interview|kolumne|analyse)\s+von\s*:?$|^(?:autor|autorin|autoren|author)\s*:$/i;

/** A menu entry: one to three words, short, no sentence punctuation. */
function isMenuWord(text: string): boolean {
  return text.length <= 30 && wordCount(text) <= 3 && !/[.!?:]$/.test(text);
}

/**
 * A line in a navigation box: four or more menu entries printed together
 * ("heise online" / "Newsticker" / "heise Security" / …). A ticker word there
 * names a section of the site, not the page.
 */
export function inMenuBox(lines: Line[], k: number): boolean {
  const g = lines[k]!.group;
  let a = k;
  while (a > 0 && lines[a - 1]!.group === g) a--;
  let b = k;
  while (b + 1 < lines.length && lines[b + 1]!.group === g) b++;
  if (b - a + 1 < 4) return false;
  for (let j = a; j <= b; j++) if (!isMenuWord(lines[j]!.text)) return false;
  return true;
}

/** A headline-like line within the next four lines, with running text right under it (perhaps after a byline or date). */
function headlineBelow(lines: Line[], k: number, to: number, isStructural: (l: Line) => boolean): boolean {
  for (let j = k + 1; j < Math.min(to, k + 5); j++) {
    const t = lines[j]!.text;
    if (isStructural(lines[j]!) || isRunningText(t)) return false;
    if (wordCount(t) < 4 || endsSentence(t) || !isHeadlineLike(t) || t.length > LIMITS.headline) continue;
    let n = j + 1;
    while (n < Math.min(to, j + 3) && (parseByline(lines[n]!.text) || parseDateLine(lines[n]!.text))) n++;
    if (n < to && isRunningText(lines[n]!.text)) return true;
  }
  return false;
}

const ROLE_WORD = /(?:chefredakt|redakt|korrespondent|reporter|autor|leiter|sprecher|direktor|präsident|geschäftsführer|vorsitzende|\bceo\b|\beditor\b)/i;

/** "Name, Chefredaktorin, Netzwoche": a person's name, then the role and perhaps the outlet, parted by commas. */
function nameWithRole(text: string): boolean {
  const parts = text.split(/,\s+/);
  return text.length <= 100 && parts.length >= 2 && parts.length <= 3 && isPersonName(parts[0]!) && ROLE_WORD.test(parts[1]!) && parts.slice(1).every((p) => wordCount(p) <= 4);
}

/** Short and not a sentence: a line a page prints as furniture. */
function furnitureLike(text: string): boolean {
  // A menu's "U.S." or "Ausland." ends with a period but is no sentence.
  return (text.length <= 60 && !endsSentence(text) && wordCount(text) <= 10) || (text.length <= 30 && wordCount(text) <= 3);
}

/** `entryLines`: how many lines of the page open ticker entries (the lines `isStructural` accepts). */
export function findHeadStart(lines: Line[], from: number, to: number, isStructural: (l: Line) => boolean, entryLines: number, titleLine?: number): HeadStart {
  // The page title (or a breadcrumb naming the story) is repeated by the head below it: what
  // stands above it is page furniture, whatever it is (a promo box with a sentence, WELT).
  if (titleLine === undefined || titleLine <= from) return searchHead(lines, from, to, isStructural, entryLines, titleLine);
  const found = searchHead(lines, titleLine, to, isStructural, entryLines, titleLine);
  for (let k = from; k < titleLine; k++) found.furniture.add(k);
  return found;
}

function searchHead(lines: Line[], from: number, to: number, isStructural: (l: Line) => boolean, entryLines: number, titleLine?: number): HeadStart {
  const none = (): HeadStart => ({ furniture: new Set() });
  // `words`: a line of plain words placed as metadata (a place over the date line, a paywall badge); above the kicker it is furniture too.
  const items: Array<{ kind: HeadLineKind; at: number; words?: true }> = [];
  let prose = -1;
  let passedOver: number | undefined;
  for (let k = from; k < to && k < from + 40;) {
    const l = lines[k]!;
    // The page title, already placed (takePageTitle).
    if (k === titleLine) { items.push({ kind: 'meta', at: k }); k++; continue; }
    // The author's name printed again under the byline (an author photo's line) is part of it,
    // and so is the name printed alone just above a byline that names it (taz).
    if (items[items.length - 1]?.kind === 'byline' && isPersonName(l.text)) { items.push({ kind: 'byline', at: k }); k++; continue; }
    // An author photo's line ("Bild von SWR Aktuell-Redakteurin Mara Beispiel") after a byline or author label.
    const photoOf = /^(?:Bild|Foto|Porträt|Portrait|Photo|Image) (?:von|of)\s.{2,80}$/.exec(l.text);
    if (photoOf && items.length && (items[items.length - 1]!.kind === 'byline' || items[items.length - 1]!.kind === 'meta') && isPersonName(l.text.split(' ').slice(-2).join(' '))) {
      items.push({ kind: 'byline', at: k });
      k++;
      continue;
    }
    // The author picture's text under the byline (head.ts authorPhotoLine).
    if (authorPhotoLine(lines, k)) {
      items.push({ kind: 'byline', at: k });
      k++;
      continue;
    }
    if (isPersonName(l.text) && k + 1 < to && (parseByline(lines[k + 1]!.text)?.authors ?? []).some((a) => a.name === l.text.trim())) {
      items.push({ kind: 'byline', at: k });
      k++;
      continue;
    }
    const pair = loneLabelSpan(lines, k, to);
    if (pair) { items.push({ kind: authorLabelAt(lines, k, to) ? 'byline' : 'meta', at: k }); k += pair; continue; }
    // "Jonas Beispiel" / "Ein Artikel von:": the author's label printed under the name; both are the byline.
    if (AUTHOR_LABEL_AFTER.test(l.text)) {
      const prev = items[items.length - 1];
      if (prev?.kind === 'other' && prev.at === k - 1 && isPersonName(lines[prev.at]!.text)) prev.kind = 'byline';
      items.push({ kind: 'byline', at: k });
      k++;
      continue;
    }
    if (isStructural(l)) {
      // A dated line right before running text is the page's date ("14.03.2024 | 16:20 Uhr"), and so is a
      // date alone above the head with only menu words before it, or, on a page with fewer than three entry
      // lines (no ticker), a date alone over a title-like line.
      const nx = lines[k + 1]?.text ?? '';
      const dated = parseDateLine(l.text)?.hour !== undefined;
      const notTicker = entryLines < 3 && !!nx && !endsSentence(nx) && nx.length <= LIMITS.headline && !isStructural(lines[k + 1]!);
      if (dated && (isRunningText(nx) || (isTimestampAlone(l.text) &&
        (notTicker || items.every((x) => x.kind !== 'other' || isMenuWord(lines[x.at]!.text)))))) {
        items.push({ kind: 'meta', at: k });
        k++;
        continue;
      }
      // A time alone between kicker and headline ("Kissing" / "07:45 Uhr" / headline / text): the page's time. Not under a
      // headline-length line (a ticker's headline over its first post: "… im Live Ticker - Seite 18" / "17:52 Uhr" / title).
      // The date line may stand between them ("… - Seite 18" / "14.01.2026" / "17:52 Uhr" / title).
      let oi = items.length - 1;
      while (oi >= 0 && items[oi]!.kind === 'meta' && !!parseDateLine(lines[items[oi]!.at]!.text)) oi--;
      const over = oi >= 0 ? items[oi] : undefined;
      if (isTimeOnlyLine(l.text) && items.some((x) => x.kind === 'other') && isHeadlineLike(nx) &&
        !(over?.kind === 'other' && wordCount(lines[over.at]!.text) > 6) &&
        !isRunningText(nx) && !isStructural(lines[k + 1] ?? l) && isRunningText(stripPlus(lines[k + 2]?.text ?? ''))) {
        items.push({ kind: 'meta', at: k });
        k++;
        continue;
      }
      // A ticker's first entry anchors the head as running text would.
      prose = k;
      break;
    }
    // A place over the date line under the headline ("Kärnten" / "14.03.2024 11:20"): the dateline, metadata.
    // Under menu words only it is the kicker over the page's date.
    if (isPlace(l.text) && !parseByline(l.text) && k + 1 < to && lines[k + 1]!.group === l.group &&
      parseDateLine(lines[k + 1]!.text)?.hour !== undefined && items.some((x) => x.kind === 'other' && !isMenuWord(lines[x.at]!.text))) {
      items.push({ kind: 'meta', at: k, words: true });
      k++;
      continue;
    }
    const c = classifyHeadLine(lines, k, to, isStructural);
    // Running text, or a standfirst printed without its final period (sixteen words and more).
    if (c.kind === 'other' && (isRunningText(l.text) || (wordCount(l.text) >= 16 && l.text.length >= 100))) {
      // One sentence under nothing but menu words, with a headline and running text a few lines below: a picture's
      // caption or a promo printed over the head ("„…“, sagt Name." / "Interview" / „Headline“ / teaser), not the teaser.
      // Two sentences too when a kicker-like line of up to three words and the headline follow ("Die Zufahrt … gesperrt.
      // Hier sollen … entstehen." / "Stadtentwicklung" / headline, a caption without its credit).
      const kickerNext = l.text.length <= 200 && k + 2 < to && wordCount(lines[k + 1]!.text) <= 3 && !endsWithStop(lines[k + 1]!.text) &&
        isHeadlineLike(lines[k + 2]!.text) && wordCount(lines[k + 2]!.text) >= 4;
      const onlyMenuAbove = items.every((x) => x.kind !== 'other' || isMenuWord(lines[x.at]!.text) || (furnitureLike(lines[x.at]!.text) && items.some((y) => y.at > x.at && y.kind === 'other' && isMenuWord(lines[y.at]!.text))));
      // An ordinal's period ("4. März 2026") ends no sentence.
      const oneSentence = !/[.!?]["“”»«’)]*\s+[\p{Lu}„"«»]/u.test(withoutOrdinalDots(l.text));
      if (!passedOver && l.text.length <= 300 && (kickerNext || oneSentence) &&
        onlyMenuAbove && headlineBelow(lines, k, to, isStructural)) {
        passedOver = k;
        items.push({ kind: 'other', at: k });
        k++;
        continue;
      }
      // A question under nothing but menu words, running text a few lines below: the headline ("Balkonkraftwerk im Test:
      // Wie viel Strom bringt ein Modul im Winter?" / "Video 03:12" / text).
      if (/\?["“”»«’)]*$/.test(l.text) && l.text.length <= 120 && wordCount(l.text) <= 16 && !hasSentenceBreak(l.text) && onlyMenuAbove &&
        lines.slice(k + 1, Math.min(to, k + 4)).some((n) => isRunningText(n.text) && !/\?["“”»«’)]*$/.test(n.text))) {
        items.push({ kind: 'other', at: k });
        k++;
        continue;
      }
      // A long title without a final stop under nothing but menu words and the date, running text right below: the
      // headline, not a standfirst ("Highlights im Programm KW 12: Der neue Direktor im Talk, … und eine Reise an den
      // Gardasee" / "Heidelberg. Diese Woche …").
      if (!endsWithStop(l.text) && l.text.length <= LIMITS.headline && wordCount(l.text) <= 24 && !hasSentenceBreak(l.text) && onlyMenuAbove &&
        items.some((x) => x.kind === 'other') && !!lines[k + 1] && k + 1 < to && isRunningText(lines[k + 1]!.text)) {
        items.push({ kind: 'other', at: k });
        k++;
        continue;
      }
      prose = k;
      break;
    }
    // A paywall badge alone on its line is placed (it never is the kicker) but goes with the furniture.
    items.push({ kind: c.kind, at: k, ...(c.kind === 'meta' && isPaywallBadge(l.text) && { words: true as const }) });
    k = c.next;
  }
  if (prose < 0) return none();
  const others = items.filter((x) => x.kind === 'other');
  if (others.length < 2) return none();
  /** Four or more short unplaced lines in one box: a menu. */
  const menuGroupAt = (at: number) => {
    const g = lines[at]!.group;
    const members = others.filter((x) => lines[x.at]!.group === g);
    return members.length >= 4 && members.every((x) => isMenuWord(lines[x.at]!.text));
  };
  // The headline: the last unplaced line before the running text, or the one before a
  // short sentence there (a one-line quote as teaser).
  let h = others[others.length - 1]!;
  // A bulleted line is a list item, never the headline: look above it.
  // Nor is a portrait's line, a name with the person's role ("Lea Beispielmann, Chefredaktorin, Netzwoche", printed twice as
  // alt text and caption over an editorial).
  while (isBulleted(lines[h.at]!.text) || nameWithRole(lines[h.at]!.text)) {
    const prev = [...others].reverse().find((x) => x.at < h.at);
    if (!prev) return none();
    h = prev;
  }
  // A place in a box of its own over the text ("Kreis Steinfurt", regional papers) is the dateline; the headline is above it
  // (past a byline or the date).
  {
    const at = h.at;
    const prev = [...others].reverse().find((x) => x.at < at);
    if (prev && isPlace(lines[at]!.text) && wordCount(lines[at]!.text) <= 3 && lines[at - 1]?.group !== lines[at]!.group &&
      lines[at + 1]?.group !== lines[at]!.group && isHeadlineLike(lines[prev.at]!.text) && wordCount(lines[prev.at]!.text) >= 4 &&
      items.slice(items.indexOf(prev) + 1, items.indexOf(h)).every((x) => x.kind === 'byline' || x.kind === 'meta')) h = prev;
  }
  // A menu between the headline and the text (a ticker's navigation): four or more short
  // unplaced lines in one box are never the headline; look above them.
  while (menuGroupAt(h.at)) {
    const g = lines[h.at]!.group;
    const prev = [...others].reverse().find((x) => x.at < h.at && lines[x.at]!.group !== g);
    if (!prev) return none();
    h = prev;
  }
  const lastText = lines[h.at]!.text;
  // A kicker printed under its headline: a one- to three-word line right under a longer
  // headline line of the same box, just above the text.
  let kickerBelow: number | undefined;
  {
    const i0 = others.indexOf(h);
    const up = i0 > 0 ? others[i0 - 1]! : undefined;
    const upText = up ? lines[up.at]!.text : '';
    if (up && items[items.indexOf(h) - 1] === up && lines[up.at]!.group === lines[h.at]!.group && wordCount(lines[h.at]!.text) <= 3 &&
      !endsSentence(lines[h.at]!.text) && !isBareDay(lines[h.at]!.text) && wordCount(upText) >= 5 && isHeadlineLike(upText) && !/\.["'“”»«’)]*$/.test(upText) &&
      // Not a short caption over its picture's credit ("Rathaus Grassau" / "Foto: Name/dpa").
      !(lines[h.at + 1]?.group === lines[h.at]!.group && parseCreditLine(lines[h.at + 1]!.text)?.strong)) {
      kickerBelow = h.at;
      h = up;
    }
  }
  // Lines between the headline and the text that no headline is ("What we're covering", "Updated 3:47 PM EDT, …",
  // "3 of 3 | caption", "By ANNA SAMPLE and …"): when only such lines follow a headline-like line of five words or more
  // among the last four unplaced lines, that line is the headline.
  {
    const weak = (t: string) => wordCount(t) <= 3 || /\d{1,2}[:.]\d{2}/.test(t) || /^\d{1,3}\s+(?:of|von|\/)\s+\d{1,3}\b/i.test(t) ||
      /^(?:By|Von)\s+\p{Lu}{2,}/u.test(t);
    if (weak(lines[h.at]!.text)) {
      const i0 = others.indexOf(h);
      for (let n = i0 - 1; n >= Math.max(0, i0 - 4); n--) {
        const t = lines[others[n]!.at]!.text;
        if (weak(t)) continue;
        if (wordCount(t) >= 5 && isHeadlineLike(t) && !endsSentence(t) && t.length <= LIMITS.headline && !menuGroupAt(others[n]!.at)) h = others[n]!;
        break;
      }
    }
  }
  // A headline-like line of five words or more right above, in a box of its own and shorter, with a name or a place
  // under this one: that is the headline, and this line its standfirst printed without the final period ("Bus driver
  // cleared …" / "Magistrate finds CCTV footage did not show …" / "Name" / date, Times of Malta).
  {
    const n = others.indexOf(h);
    const hi = items.indexOf(h);
    const up = n > 0 ? others[n - 1]! : undefined;
    const below = others[n + 1];
    const after = items[hi + 1];
    const t = lines[h.at]!.text;
    // The page's date may stand between them ("Bus driver cleared …" / "14.03.2024, 12:00 Uhr" / standfirst).
    let pi = hi - 1;
    while (pi > 0 && items[pi]!.kind === 'meta' && (!!parseDateLine(lines[items[pi]!.at]!.text) || isTimeOnlyLine(lines[items[pi]!.at]!.text))) pi--;
    if (up && items[pi] === up) {
      const upText = lines[up.at]!.text;
      const sameBox = lines[up.at]!.group === lines[h.at]!.group;
      const nameBelow = !sameBox && ((!!below && isPlace(lines[below.at]!.text)) || (after?.at === h.at + 1 && isPersonName(lines[after.at]!.text)));
      // Or in one box with it when a byline follows this line and it runs to twelve words or more ("Senate" / "Senators
      // clash over …" / "Lawmakers from rural states want …" / "By Name Fox News").
      const bylineBelow = sameBox && after?.kind === 'byline' && after.at === h.at + 1 && wordCount(t) >= 12;
      if ((nameBelow || bylineBelow) && wordCount(upText) >= 5 && wordCount(t) >= 8 && isHeadlineLike(upText) && !endsWithStop(upText) &&
        upText.length < t.length && !menuGroupAt(up.at)) h = up;
    }
  }
  // A picture's alt text alone in its box under the headline, over the picture's caption and credit (altOverPicture): the
  // headline is the line above it ("Pendler müssen …" / "Ein Baum liegt quer über einer Straße" / caption + "Foto: dpa").
  {
    const n = others.indexOf(h);
    const hi = items.indexOf(h);
    const up = n > 0 ? others[n - 1]! : undefined;
    const fig = items[hi + 1];
    const upText = up ? lines[up.at]!.text : '';
    if (up && items[hi - 1] === up && fig?.kind === 'figure' && fig.at === h.at + 1 && wordCount(upText) >= 4 && isHeadlineLike(upText) &&
      !endsWithStop(upText) && !menuGroupAt(up.at) && sharedContentWords(lines[h.at]!.text, upText) < 2 && altOverPicture(lines, h.at, to, isStructural)) h = up;
  }
  // A headline of five words or more over a longer line without a stop, each in a box of its own, running text right
  // under the second: that line is the standfirst (deck) printed without its stop, not the headline ("Ukiah council backs
  // plan …" / "Bus bays, bike lockers and a waiting room could open by 2028 if …" / text; "Bürgerbus fährt …" / Unterzeile).
  {
    const n = others.indexOf(h);
    const hi = items.indexOf(h);
    const up = n > 0 ? others[n - 1]! : undefined;
    const t = lines[h.at]!.text;
    if (up && items[hi - 1] === up && h.at + 1 === prose && lines[up.at]!.group !== lines[h.at]!.group && lines[h.at + 1]?.group !== lines[h.at]!.group) {
      const upText = lines[up.at]!.text;
      if (wordCount(upText) >= 5 && wordCount(t) >= 10 && wordCount(t) >= 1.3 * wordCount(upText) && !/[/|©]/.test(upText) && !parseCreditLine(upText) && !endsWithStop(t) && !hasSentenceBreak(t) && !isQuoteLine(t) &&
        isHeadlineLike(upText) && !endsWithStop(upText) && upText.length <= LIMITS.headline && !menuGroupAt(up.at) &&
        // Alone in its box, or under one kicker-like line in it.
        (lines[up.at - 1]?.group !== lines[up.at]!.group || (wordCount(lines[up.at - 1]!.text) <= 4 && lines[up.at - 2]?.group !== lines[up.at]!.group))) h = up;
    }
  }
  // A ticker's headline in the topic-and-colon form ("Liveticker: Neues aus Nordhessen") right over a title with running
  // text under it: the title is the first entry's, the head is the line above.
  {
    const n = others.indexOf(h);
    const up = n > 0 ? others[n - 1]! : undefined;
    const upText = up ? lines[up.at]!.text : '';
    if (up && items[items.indexOf(h) - 1] === up && TICKER_HEADLINE.test(upText) && upText.length <= LIMITS.headline && !endsWithStop(upText) && !menuGroupAt(up.at)) h = up;
  }
  const hOther = others.indexOf(h);
  const adjacent = hOther > 0 && items[items.indexOf(h) - 1] === others[hOther - 1];
  // A short teaser sentence or quote before the text, or a bare "Name, Agency" byline: the headline is above it.
  // A quote in one box with a kicker-like line right above it is the headline ("Fachkräfte im Handwerk" / „…“).
  const prevOther = hOther > 0 ? others[hOther - 1]! : undefined;
  const quoteHeadline = isQuoteLine(lastText) && !!prevOther && lines[prevOther.at]!.group === lines[h.at]!.group &&
    isOwnLineKicker(lines[prevOther.at]!.text, lastText);
  const teaserLike = hOther >= 2 && (/[.…]["'“”»«’)]*$/.test(lastText) || (isQuoteLine(lastText) && !quoteHeadline)) && lastText.length <= LIMITS.teaser;
  const bareByline = hOther >= 1 && lastText.length <= 80 && (!lastText.includes(',') || bareBylineShape(lastText)) && !!parseByline(`Von ${lastText}`);
  if (adjacent && (teaserLike || bareByline)) h = others[hOther - 1]!;
  const hText = lines[h.at]!.text;
  // A headline does not end with a period; a short sentence there is the teaser.
  // (A date at its end is no stop: "Der Wochenrückblick vom 2.3. bis zum 8.3.")
  if (!isHeadlineLike(hText) || (/\.["'“”»«’)]*$/.test(hText) && !/\s\d{1,2}\.\d{1,2}\.(?:\d{2,4})?$/.test(hText)) || wordCount(hText) > 20 || hText.length > LIMITS.headline || isPersonName(hText)) return none();
  // The kicker: the unplaced line right above it, with at most bylines between. The
  // running text has fixed the headline, so the kicker need not be shorter than it.
  let start = h.at;
  const hi = items.indexOf(h);
  let j = hi - 1;
  // A byline, the date or a paywall badge may stand between kicker and headline ("Tierrettung" / "14.03.24" / headline).
  const dateOrTime = (t: string) => !!parseDateLine(t) || isTimeOnlyLine(t);
  while (j >= 0 && (items[j]!.kind === 'byline' || (items[j]!.kind === 'meta' && (dateOrTime(lines[items[j]!.at]!.text) || isPaywallBadge(lines[items[j]!.at]!.text))))) j--;
  const above = j >= 0 ? items[j] : undefined;
  // The last word of a menu or a breadcrumb printed line by line is not a kicker: a short line
  // that shares its box with two or more other short unplaced lines, apart from the headline's.
  const inMenu = (at: number) => lines[at]!.group !== lines[h.at]!.group && isMenuWord(lines[at]!.text) &&
    others.filter((x) => x.at !== at && x.at < h.at && lines[x.at]!.group === lines[at]!.group && isMenuWord(lines[x.at]!.text)).length >= 2;
  const aboveText = above?.kind === 'other' && !inMenu(above.at) ? lines[above.at]!.text : undefined;
  // A kicker above, or the headline alone above the same headline with its kicker in front.
  if (aboveText && (isOwnLineKicker(aboveText, hText, { bylineBetween: true, sameBox: lines[above!.at]!.group === lines[h.at]!.group && above!.at === h.at - 1 }) || (hText.length > aboveText.length && wordCount(aboveText) >= 3 && hText.endsWith(aboveText)))) start = above!.at;
  const dropped = items.filter((x) => (x.kind === 'other' || x.words) && x.at < start);
  // A longer line alone in its box, not a sentence, also goes: a picture's alt text above the head (SWR).
  const aloneInBox = (at: number) => lines[at - 1]?.group !== lines[at]!.group && lines[at + 1]?.group !== lines[at]!.group;
  // A slogan or a skip link in a navigation box ("Exclusive news, data and analytics for …" over the menu) goes with the box.
  const menuCount = (g: number) => others.filter((x) => lines[x.at]!.group === g && isMenuWord(lines[x.at]!.text)).length;
  const inNavBox = (at: number) => lines[at]!.text.length <= 100 && !endsSentence(lines[at]!.text) && menuCount(lines[at]!.group) >= 4;
  // The headline printed twice, one line right after the other (alt text and title of a video page), goes with the
  // furniture above it.
  // A picture's caption of one sentence in a box of its own right over the head ("Streikende … vor dem Werkstor, 4. März
  // 2026." / headline), with only furniture above it; not on a ticker, whose first entry may stand where the head seems to.
  const lastDropped = dropped[dropped.length - 1]?.at;
  const captionOver = (at: number) => entryLines < 3 && at === lastDropped && aloneInBox(at) && endsSentence(lines[at]!.text) &&
    !hasSentenceBreak(lines[at]!.text) && lines[at]!.text.length <= 200 && !isQuoteLine(lines[at]!.text);
  // A box of short lines above the head's own box, none of them running text: the site's bar ("Alle News Alle Speednews …" /
  // "Der beste Motorsport im Netz." / "SPEEDWEEK Überblick"), its slogan sentence included.
  const headGroup = lines[start]!.group;
  const shortBox = (at: number) => {
    const g = lines[at]!.group;
    if (g === headGroup) return false;
    const box = items.filter((x) => lines[x.at]!.group === g);
    return box.length >= 2 && box.every((x) => x.kind === 'other' && lines[x.at]!.text.length <= 100 && !isRunningText(lines[x.at]!.text) && !hasSentenceBreak(lines[x.at]!.text));
  };
  const droppable = (at: number) => at === passedOver || furnitureLike(lines[at]!.text) || inNavBox(at) || (at === h.at - 1 && lines[at]!.text === hText) || captionOver(at) || shortBox(at) ||
    (aloneInBox(at) && lines[at]!.text.length <= 120 && !endsSentence(lines[at]!.text) && wordCount(lines[at]!.text) <= 16);
  if (!dropped.length || !dropped.every((x) => droppable(x.at))) return kickerBelow !== undefined ? { furniture: new Set(), kickerBelow } : none();
  return { furniture: new Set(dropped.map((x) => x.at)), ...(kickerBelow !== undefined && { kickerBelow }) };
}

/**
 * Crawl debris in the first lines, mended before the head is read:
 * - a sentence of site boilerplate glued to the kicker without a space
 *   ("… Nachrichten von t-online.Ärger am Flughafen …"): split in two lines;
 * - a paywall badge glued before the kicker ("WELTplus ArtikelFachkräfte …"):
 *   split off, and the badge is debris;
 * - a headline printed on the line after its kicker with the colon that joined
 *   them (":Headline", SZ lists): the colon goes.
 */
export function tidyHeadLines(lines: Line[], to: number): { lines: Line[]; debris: number[]; changed: boolean } {
  const out: Line[] = [];
  const debris: number[] = [];
  let changed = false;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (k >= Math.min(to, 40) || l.text.length > 400) { out.push(l); continue; }
    const glued = k < 12 ? /^(.{20,}?\p{Ll}{2}[.!?])(\p{Lu}\p{Ll}+(?: \S+){2,})$/u.exec(l.text) : null;
    if (glued && wordCount(glued[1]!) >= 4 && !/https?:|www\./.test(glued[1]!)) {
      debris.push(out.length);
      out.push({ ...l, text: glued[1]! }, { ...l, text: glued[2]! });
      changed = true;
      continue;
    }
    // A paywall badge glued before the kicker or headline: the badge is debris.
    const badge = splitPaywallBadge(l.text);
    if (badge) {
      // The badge goes first either way, so the kicker stays right above its headline; glued to a headline
      // under its kicker ("Interview" / "Premium „…“"), it goes above the kicker.
      const prev = out[out.length - 1];
      if (prev && !badge.after && !debris.includes(out.length - 1) && prev.text.length <= LIMITS.kicker && !endsSentence(prev.text) && wordCount(prev.text) <= 6) {
        debris.push(out.length - 1);
        out.splice(out.length - 1, 0, { ...prev, text: badge.badge });
        out.push({ ...l, text: badge.rest });
      } else {
        debris.push(out.length);
        out.push({ ...l, text: badge.badge }, { ...l, text: badge.rest });
      }
      changed = true;
      continue;
    }
    // "Stand: 14.03.2024 21:00 Uhr Sturm-Blog: Orkanböen …" (NDR): the page's stamp glued before the headline, two lines.
    const stamp = k < 12 ? /^((?:Stand|Aktualisiert(?: am)?|Zuletzt aktualisiert(?: am)?|Veröffentlicht(?: am)?):?\s*\d{1,2}\.\d{1,2}\.\d{2,4},?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)\s+(\p{Lu}.{10,})$/u.exec(l.text) : null;
    if (stamp && parseDateLine(stamp[1]!) && !endsSentence(stamp[2]!)) {
      out.push({ ...l, text: stamp[1]! }, { ...l, text: stamp[2]! });
      changed = true;
      continue;
    }
    // "(11.45) Nordhäuser Theater bekommt …" (a local radio's news): the time of the news slot before the headline goes.
    const slot = /^\(\d{1,2}[.:]\d{2}\)\s+(\p{Lu}.{10,})$/u.exec(l.text);
    if (slot && !endsSentence(slot[1]!)) { out.push({ ...l, text: slot[1]! }); changed = true; continue; }
    const colon = k > 0 ? /^:\s*(\p{Lu}.{5,})$/u.exec(l.text) : null;
    out.push(colon ? { ...l, text: colon[1]! } : l);
    if (colon) changed = true;
  }
  return { lines: out, debris, changed };
}
