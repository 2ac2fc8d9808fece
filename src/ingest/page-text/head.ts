import { LIMITS, type Author, type Figure } from '../../content/index.js';
import { authorIndexFor, bareBylineShape, isPersonName, parseByline, type Byline } from './byline.js';
import { looksLikeBareCredit, parseCreditLine, splitCaptionCredit } from './credits.js';
import { isTimeOnlyLine, isTwelveHourTimeLine, parseDateLine, type FoundDate } from './dates.js';
import { altOverPicture, captionFigure, describesVideoStill, STILL_RIGHTS, tryFigure } from './figures.js';
import { DATELINE, deriveHeadline, isHeadlineLike } from './headline.js';
import { CAPS_BADGES, GENRES, isBareDay, isOwnLineKicker, splitDatePrefix, splitKickerScored, THRESHOLD, withoutJoiningColon } from './kicker.js';
import { breadcrumbParts, datedMetaLine, dateWithLength, DOMAIN_NAME, gluedCrumbSection, nameDotDate, printedByline, isDurationLine, isMetaLabelLine, isPlayerLine, isRoleLine, isUrlLine, loneLabelSpan, numberedCrumbAt, usDateLine } from './head-meta.js';
import { endsSentence, endsWithStop, hasSentenceBreak, isBulleted, isPictureFileName, LEADING_BULLET, isOneSentence, isQuoteLine, isRunningText, MAX_CLASSIFY, sameGroup, sharedContentWords, withoutOrdinalDots, wordCount, type Line } from './lines.js';
import { brandLineProfile, isPaywallBadge, stripPlus } from './site-profiles.js';
import { isPlace, isTimestampAlone } from './ticker.js';
import { GENRE_BADGE, MEDIA_LABEL, parseMediaBadge } from './media-badge.js';
import { SENTENCE_START_WORDS } from './sentence-start.js';

/**
 * The head of the page, before the body: any hero picture, date lines,
 * breadcrumbs, byline and author photo, then kicker and headline, the teaser,
 * and the lead picture after it. Everything here is read in page order and the
 * loop stops at the first line it cannot place; that line starts the body.
 */

export interface HeadContext {
  language: 'de' | 'en';
  /** Classified elsewhere (ticker entries, list items …): never a headline or teaser. */
  isStructural: (l: Line) => boolean;
  /** Text of the page after line `index` (the headline line), for the kicker's recurrence test. */
  textAfter: (index: number) => string;
  /** Authors from a byline found anywhere in the head, for author-photo lines. */
  knownAuthors: Author[];
  /** Lines found to be page furniture above the head (head-start.ts). */
  furniture?: Set<number>;
  /** The site prints kicker and headline joined on one line (site-profiles.ts). */
  kickerJoined?: boolean;
  /** The page title printed above the head (without the site's name). */
  pageTitle?: string;
  /** A kicker printed under its headline, found by head-start.ts: its line. */
  kickerBelow?: number;
  /** How many lines of the page open ticker entries (the lines `isStructural` accepts). */
  entryLines: number;
}

export interface Head {
  kicker?: string;
  headline: string;
  /** No headline line: the headline is the first sentence of the text (which stays in the body). */
  headlineDerived: boolean;
  teaser?: string;
  /** The first paragraph was too long for a teaser and stays in the body. */
  longFirstParagraph?: boolean;
  /** Pictures of the head in page order (hero before/after the headline, lead after the teaser). */
  figures: Figure[];
  byline?: Byline;
  /** Author photo lines: author index → alt text. */
  authorPhotos: Array<{ index: number; figure: Figure }>;
  /** Date printed in the head (date line, or before the kicker). */
  pageDate?: FoundDate;
  /** Section from a breadcrumb ("Startseite > Nachrichten > Politik"). */
  section?: string;
  /** The place printed before the teaser ("Düsseldorf Die Städte …"). */
  dateline?: string;
  /** Decisions made on thin evidence, for the editor (import warnings). */
  guesses: string[];
  /** A rights line stood alone in the head, with no picture text: the lead picture's credit (its alt is the headline). */
  loneCredit?: string;
  /** First body line. */
  next: number;
}

/** "… | finanzen.net": a site's web address after the title. */
const DOMAIN_SUFFIX = new RegExp(`^(.{8,}?)\\s+[|–—-]\\s+${DOMAIN_NAME}$`, 'iu');

/** "Kreis Steinfurt", "Bad Oeynhausen": words that make a name-shaped line a place. */
const PLACE_PREFIX = /^(?:Kreis|Landkreis|Bad|Sankt|St\.|Stadt|Region|Gemeinde|Bezirk|Kanton|Hansestadt)\s/;

/**
 * One sentence printed twice, each copy in a box of its own, a dash or a quote mark apart at most ("… das Parkhaus - vorne
 * rechts …" / "… das Parkhaus – vorne rechts …", trier-reporter): a picture's alt text and its caption. The second copy
 * may carry the credit, on its line or on the next in its box ("Ein Baum …." / "Ein Baum …." / "Foto: dpa").
 */
function printedTwice(lines: Line[], i: number, to: number, isStructural: (l: Line) => boolean): { figure: Figure; next: number } | undefined {
  const a = lines[i];
  const b = lines[i + 1];
  if (!a || !b || i + 2 >= to || sameGroup(a, b) || isStructural(a) || a.text.length > LIMITS.caption || !isOneSentence(a.text, 250)) return undefined;
  const same = sameSentence(a.text, b.text);
  const inLine = same ? undefined : splitCaptionCredit(b.text);
  const underText = sameGroup(b, lines[i + 2]) && i + 3 < to && !sameGroup(lines[i + 2], lines[i + 3]) ? lines[i + 2]!.text : undefined;
  const under = underText ? parseCreditLine(underText) ??
    (looksLikeBareCredit(underText) && /[/|]/.test(underText) ? { credit: underText.trim(), strong: true } : undefined) : undefined;
  const credit = same ? (under?.strong ? under.credit : undefined) :
    inLine?.caption && inLine.strong && sameSentence(a.text, inLine.caption) ? inLine.credit : undefined;
  const plain = same && !sameGroup(b, lines[i + 2]);
  if (!credit && !plain) return undefined;
  const next = i + (same && under?.strong ? 3 : 2);
  if (next >= to) return undefined;
  return { figure: { kind: 'image', alt: a.text.slice(0, LIMITS.alt), caption: credit && inLine?.caption ? inLine.caption : b.text, ...(credit && { credit }) }, next };
}

/** The same sentence, the dashes and quote marks aside. */
function sameSentence(a: string, b: string): boolean {
  const plain = (t: string) => t.replace(/[–—-]/g, '-').replace(/[„“”"»«‚‘’']/g, '"').replace(/\s+/g, ' ').trim();
  return plain(a) === plain(b);
}

/** A byline of one name as printed. */
const soleAuthor = (name: string): Byline => ({ byline: name, authors: [{ name }] });

const BREADCRUMB = /^(?:startseite|home|übersicht|nachrichten|news)\s*[>›»/|]\s*\S/i;

export function parseHead(lines: Line[], from: number, to: number, ctx: HeadContext): Head {
  const head: Head = { headline: '', headlineDerived: false, figures: [], authorPhotos: [], guesses: [], next: from };
  let i = from;
  const headTextSeen = new Set<string>();
  /** Fewer than three entry lines: no ticker, so a date and time alone on a line is the page's date. */
  const noTicker = () => ctx.entryLines < 3;
  /** Keeps the first date the head prints, or a later one that adds the time of day. */
  const notePageDate = (d: FoundDate | undefined) => {
    if (d && (!head.pageDate || (head.pageDate.hour === undefined && d.hour !== undefined))) head.pageDate = d;
  };

  /** Consumes page furniture of the head; returns the first line it cannot place. */
  const skipMeta = (k: number): number => {
    while (k < to) {
      const l = lines[k]!;
      const t = l.text;
      if (t.length > MAX_CLASSIFY) return k;
      // "• Video" / "• 02:41 Min" / "• 07.12.2026" under the headline (ran.de): the page's data as a bulleted run.
      const run = head.headline && !head.teaser ? bulletedMetaRun(lines, k, to) : 0;
      if (run) {
        for (let n = k; n < k + run; n++) notePageDate(parseDateLine(lines[n]!.text.replace(LEADING_BULLET, '')));
        k += run;
        continue;
      }
      // "Aktualisiert" / "14.3.2024, 13:40 Uhr", "Onlinefassung" / "Name": a label and its value.
      const pair = loneLabelSpan(lines, k, to);
      if (pair) {
        const by = authorLabelAt(lines, k, to);
        if (by && !head.byline) head.byline = by;
        notePageDate(pair === 2 ? parseDateLine(lines[k + 1]!.text) : undefined);
        k += pair;
        continue;
      }
      if (ctx.isStructural(l)) {
        // "14.03.2024 | 16:20 Uhr" between headline and teaser is the page's date, not a
        // ticker entry: no text of its own, and running text (not a title) follows.
        // "12.06.2026 09:15 Uhr · 11:42 Min.": a video's date with its length.
        const media = dateWithLength(t, parseDateLine);
        if (media && head.headline && !head.teaser) {
          notePageDate(media);
          k++;
          continue;
        }
        const dated = parseDateLine(t) ?? datedMetaLine(t, parseDateLine);
        const d = head.headline && !head.teaser ? dated : undefined;
        const nx = lines[k + 1]?.text ?? '';
        // Right under the byline ("Von Name" / "14.03.2024, 18.12 Uhr") it is the page's date too,
        // and over it ("14.03.2024 10:48 Uhr" / "Von Name", heise).
        // A name alone read as the byline counts ("Lisa Beispielhaus" / "14.03.2024 - 15:38 Uhr").
        const underByline = k > from && sameGroup(lines[k - 1], l) && (!!parseByline(lines[k - 1]!.text) ||
          (!!head.byline && isPersonName(lines[k - 1]!.text) && head.byline.authors.some((a) => a.name === lines[k - 1]!.text.trim())));
        const overByline = !underByline && !!parseByline(nx) && !parseDateLine(nx);
        // Above the headline, a date and time with nothing else on the line is the page's date too
        // ("14.03.2024, 10:15 Uhr" over the kicker): an entry needs a head above it.
        // Under the headline too on a page with fewer than three entry lines (no ticker).
        const dateAlone = isTimestampAlone(t) && (!head.headline || (!head.teaser && noTicker()));
        if ((underByline || overByline || dateAlone) && dated?.hour !== undefined) {
          notePageDate(dated);
          k++;
          continue;
        }
        if (!d || d.hour === undefined || !(endsSentence(nx) && nx.length >= 80)) return k;
        notePageDate(d);
        k++;
        continue;
      }
      if (ctx.furniture?.has(k)) { k++; continue; }
      // The lead picture's alt text alone in its box between the headline and the picture's caption and credit.
      const altOver = head.headline && !head.teaser ? altOverPicture(lines, k, to, ctx.isStructural) : undefined;
      if (altOver) {
        head.figures.push(altOver.figure, ...(altOver.more ?? []));
        k = altOver.next;
        continue;
      }
      // "faehre_rhein_pixabay_07122026" under the headline (report-K): the lead picture's file name, not the page's text.
      if (head.headline && isPictureFileName(t)) { k++; continue; }
      const d = parseDateLine(t) ?? usDateLine(t) ?? datedMetaLine(t, parseDateLine);
      if (d) {
        notePageDate(d);
        k++;
        continue;
      }
      // "16. März": the day without its year, after the headline; a date line all the same.
      if (head.headline && isBareDay(t)) {
        k++;
        continue;
      }
      if (!head.headline && BREADCRUMB.test(t) && t.length <= 150) {
        const parts = t.split(/\s*[>›»/|]\s*/).filter(Boolean);
        const last = parts[parts.length - 1];
        if (parts.length <= 6 && parts.every((p) => p.length <= 40) && last && last.length <= LIMITS.section) head.section = last;
        k++;
        continue;
      }
      // "Start Landkreis Vechta" (WordPress news themes): a breadcrumb without its separators.
      const glued = !head.headline && k + 1 < to ? gluedCrumbSection(t) : undefined;
      if (glued) {
        head.section = glued.slice(0, LIMITS.section);
        k++;
        continue;
      }
      if (!head.headline && numberedCrumbAt(lines, k)) {
        head.section = t.replace(/^\d{1,2}\.\s+/, '');
        k++;
        continue;
      }
      const crumbs = !head.headline ? breadcrumbParts(t) : undefined;
      if (crumbs) {
        const last = crumbs[crumbs.length - 1]!;
        if (last.length <= LIMITS.section && !/\.[a-z]{2,4}$/i.test(last)) head.section = last;
        k++;
        continue;
      }
      const by = parseByline(t);
      if (by) {
        if (!head.byline) head.byline = by;
        k++;
        continue;
      }
      if (authorPhotoLine(lines, k)) { k++; continue; }
      // A name alone in its box after the teaser and the pictures, running text next (its date lines were
      // publication lines, already taken): the byline ("Nadia Beispiel", 20 Minuten).
      if (head.teaser && !head.byline && isPersonName(t) && wordCount(t) <= 3 && !sameGroup(lines[k - 1], l) && !sameGroup(l, lines[k + 1]) &&
        k + 1 < to && isRunningText(lines[k + 1]!.text)) {
        head.byline = soleAuthor(t);
        k++;
        continue;
      }
      // A name alone right after the lead picture, running text next ("… (Foto: Name)" / "Jannik Beispiel" / teaser,
      // Schwäbische): the byline.
      if (!head.byline && !head.teaser && head.figures.length && isPersonName(t) && wordCount(t) <= 3 && !parseCreditLine(t) &&
        k + 1 < to && isRunningText(lines[k + 1]!.text)) {
        head.byline = soleAuthor(t);
        k++;
        continue;
      }
      // A name alone in its box between the headline and the teaser, running text in the next box ("Jan Beispiel" or
      // "Jan Beispiel, MDR AKTUELL" / teaser): the byline, and the paragraph under it is still the teaser. Not a place, nor a
      // line sharing a word with the headline ("Nordlicht Event Header" under "Nordlicht Launch Event …").
      if (head.headline && !head.teaser && !head.byline && k > from && k + 1 < to && !sameGroup(lines[k - 1], l) && !sameGroup(l, lines[k + 1]) &&
        isRunningText(lines[k + 1]!.text) && !parseCreditLine(t) && !PLACE_PREFIX.test(t) && sharedContentWords(t, head.headline) === 0) {
        // Two or three names joined by "and", "und" or "&" ("Jane Example and Tom Sample") too.
        const joined = t.length <= 100 && /\s(?:and|und|&)\s/.test(t) && t.split(/\s*,\s*|\s+(?:and|und|&)\s+/).every((p) => isPersonName(p) && wordCount(p) <= 3);
        const name = isPersonName(t) && wordCount(t) <= 3 ? soleAuthor(t) : (t.length <= 80 && bareBylineShape(t)) || joined ? parseByline(`Von ${t}`) : undefined;
        if (name) {
          head.byline = name;
          k++;
          continue;
        }
      }
      // A place over the date line after the headline ("Kärnten" / "14.03.2024 11:20"): the dateline.
      if (head.headline && !head.teaser && isPlace(t) && k + 1 < to && sameGroup(l, lines[k + 1]) && !isPersonName(t) && parseDateLine(lines[k + 1]!.text)?.hour !== undefined) {
        head.dateline ??= t;
        k++;
        continue;
      }
      // One word alone in its box between the headline and the teaser, the date or the byline next ("Schlagzeug" /
      // "14.03.2026" / teaser, LTO): the lead picture's label, not the page's text.
      if (head.headline && !head.teaser && /^\p{Lu}[\p{Ll}-]{2,30}$/u.test(t) && k + 1 < to && !sameGroup(lines[k - 1], l) &&
        !sameGroup(l, lines[k + 1]) && (!!parseDateLine(lines[k + 1]!.text) || !!parseByline(lines[k + 1]!.text))) {
        k++;
        continue;
      }
      const printed = printedByline(t, parseDateLine);
      if (printed) {
        head.byline ??= soleAuthor(printed.name);
        notePageDate(printed.date);
        k++;
        continue;
      }
      // A name alone over the date line ("Dora Beispiel" / "Thursday 14 March 2024 10:12 GMT"), or over the author's role
      // ("Jane Example" / "Environment correspondent"): the byline.
      if (!head.byline && head.headline && isPersonName(t) && k + 1 < to && sameGroup(l, lines[k + 1]) && (parseDateLine(lines[k + 1]!.text) || isRoleLine(lines[k + 1]!.text))) {
        head.byline = parseByline(`Von ${t}`) ?? head.byline;
        k++;
        continue;
      }
      // "Lotte Beispiel | ZDF-Reporterin in Erfurt": a name and the author's role after a bar.
      const named = !head.byline ? /^(.{4,60}?)\s+[|·]\s+(.{3,60})$/.exec(t) : null;
      if (named && isPersonName(named[1]!) && (isRoleLine(named[2]!) || /(?:reporter|korrespondent|redakteur|autor|moderat)/i.test(named[2]!))) {
        head.byline = { byline: `${named[1]!}, ${named[2]!}`, authors: [{ name: named[1]!, affiliation: named[2]! }] };
        k++;
        continue;
      }
      // The author's role under the byline ("Wirtschaftsredakteur").
      if (head.byline && isRoleLine(t)) {
        k++;
        continue;
      }
      // Authors as a bullet list ("• Petra Beispiel", Ippen).
      const bullet = bulletAuthor(t);
      if (bullet) {
        if (!head.byline) head.byline = bullet;
        else if (!head.byline.authors.some((a) => a.name === bullet.authors[0]!.name) && head.byline.authors.length < LIMITS.authors) {
          head.byline = { byline: `${head.byline.byline}, ${bullet.byline}`, authors: [...head.byline.authors, ...bullet.authors] };
        }
        k++;
        continue;
      }
      // "Autor/in" on one line, the name on the next (SWR).
      const labelled = authorLabelAt(lines, k, to);
      if (labelled) {
        if (!head.byline) head.byline = labelled;
        k += 2;
        continue;
      }
      if (isMetaLabelLine(t) || isDurationLine(t) || isPlayerLine(t) || isUrlLine(t) || brandLineProfile(t) || isPaywallBadge(t)) {
        k++;
        continue;
      }
      const authors = head.byline?.authors ?? ctx.knownAuthors;
      const ai = authorIndexFor(t, authors);
      if (ai >= 0 && !endsSentence(t)) {
        const f = tryFigure(lines, k, to, ctx.isStructural);
        const figure = f?.figure ?? { kind: 'image' as const, alt: t };
        head.authorPhotos.push({ index: ai, figure });
        k = f?.next ?? k + 1;
        continue;
      }
      // Over the head too: a caption printed twice (ending with its stop, or the second copy with its credit) is the lead picture.
      const twice = !head.headline ? printedTwice(lines, k, to, ctx.isStructural) : undefined;
      if (twice && (twice.figure.credit || endsSentence(t))) {
        head.figures.push(twice.figure);
        k = twice.next;
        continue;
      }
      const f = tryFigure(lines, k, to, ctx.isStructural);
      // The kicker with the lead picture's credit glued on, over the headline: the kicker line, not a caption.
      if (f && !head.headline && gluedKickerCredit(lines, k, to)) return k;
      // A headline-like line over a caption and its credit, running text right under the picture: the headline, printed
      // in one box with the lead picture ("Neuer Rettungswagen für …" / "Sanitäter bei der Übergabe …" / "Foto: Name" /
      // teaser); read as the picture's alt text it left the page without a headline.
      if (f && !head.headline && f.figure.alt === t && f.figure.caption && f.figure.caption !== t && isHeadlineLike(t) && !endsSentence(t) &&
        wordCount(t) >= 4 && f.next < to && isRunningText(lines[f.next]!.text) && !/\?["“”»«’)]*$/.test(lines[f.next]!.text) &&
        !ctx.isStructural(lines[f.next]!)) return k;
      if (f) {
        head.figures.push(f.figure, ...(f.more ?? []));
        k = f.next;
        continue;
      }
      const credit = parseCreditLine(t);
      if (credit?.strong) {
        // Alone in its box and no picture yet: the still of a video page, a
        // gallery's credit. Kept as the lead picture's credit.
        // Over the first paragraph under the date line too ("10.06.2026 14:37 Uhr" / "Foto: Name" / text): the lead picture's.
        const overText = !!head.headline && k + 1 < to && isRunningText(lines[k + 1]!.text);
        if (((!sameGroup(lines[k - 1], l) && !sameGroup(l, lines[k + 1])) || overText) && !head.figures.length && !head.loneCredit) head.loneCredit = credit.credit;
        k++;
        continue;
      }
      if (parseMediaBadge(t) && (!GENRE_BADGE.test(t) || (!!head.headline && MEDIA_LABEL.test(t)))) {
        k++;
        continue;
      }
      // The headline or teaser printed a second time (page title and h1, hero box).
      if (headTextSeen.has(t)) {
        k++;
        continue;
      }
      return k;
    }
    return k;
  };

  i = skipMeta(i);
  if (i >= to) {
    head.next = i;
    return head;
  }

  // Kicker and headline.
  const first = lines[i]!;
  const glued = gluedKickerCredit(lines, i, to);
  if (glued) head.loneCredit ??= glued.credit;
  const split = glued ? { date: undefined, rest: glued.kicker } : first.text.length <= MAX_CLASSIFY ? splitDatePrefix(first.text) : { date: undefined, rest: first.text };
  const date = split.date;
  // "Interview:" / headline: the colon joins the kicker to the headline below it; a headline never ends with one.
  const second = i + 1 < to ? lines[i + 1] : undefined;
  const rest = second && !ctx.isStructural(second) ? withoutJoiningColon(split.rest) : split.rest;
  if (date && (!head.pageDate || head.pageDate.hour === undefined)) head.pageDate = date;
  // A headline read as a picture's alt text over its caption and credit ("Leipzig" / "Neue Straßenbahnen für Leipzig: …" /
  // "Der erste Zug … ." / "Foto: …", one box): under a short kicker-like line in its box it is the headline.
  // The same for a headline under the kicker and the date lines, its caption and credit in the next box (NPR).
  const altOver = (at: number, f: ReturnType<typeof tryFigure>) => !!f && f.next === at + 3 && f.figure.alt === lines[at]!.text &&
    !!f.figure.caption && f.figure.caption !== lines[at]!.text && wordCount(first.text) <= 4 && !endsWithStop(first.text) &&
    isHeadlineLike(lines[at]!.text) && wordCount(lines[at]!.text) >= 4;
  const figAtSecond = second ? tryFigure(lines, i + 1, to, ctx.isStructural) : undefined;
  const altOnly = !!second && sameGroup(first, second) && altOver(i + 1, figAtSecond);
  // A question of a few words under a one- to three-word line reads like running text by its length, but it is the
  // headline ("Spotlight" / "Aufstiegscheck 2. Bundesliga | Wer hat die besten Karten?"); an ordinal's period is no stop.
  // A genre's descriptive kicker of up to eight words too ("Interview mit Lea Exempler", "Fünf Fragen an …").
  const genreLabel = /^(?:interview|gespräch|im gespräch|nachgefragt|(?:zwei|drei|vier|fünf|sechs|sieben|zehn|\d{1,2}) fragen)\b/i.test(rest) && wordCount(rest) <= 8;
  const questionUnderLabel = !!second && /\?["“”»«’]?$/.test(second.text) && wordCount(second.text) <= 14 && (wordCount(rest) <= 3 || genreLabel) &&
    !endsWithStop(rest) && !hasSentenceBreak(withoutOrdinalDots(second.text));
  const secondIsHeadline = second && !ctx.isStructural(second) && second.text.length <= LIMITS.headline && (!isRunningText(second.text) || questionUnderLabel) &&
    !isBulleted(second.text) &&
    // A bare "Name, Agency" byline; "Verkaufte Heime, verschwundene Rücklagen: …" (a word in small letters after the comma) is no byline.
    !(second.text.length <= 80 && bareBylineShape(second.text) && parseByline(`Von ${second.text}`)) &&
    (!figAtSecond || altOnly) && !parseByline(second.text) && !parseDateLine(second.text) && !datedMetaLine(second.text, parseDateLine) &&
    !nameDotDate(second.text, parseDateLine) &&
    // A gallery's counter line ("3 of 3 | caption") is a picture's text.
    !/^\d{1,3}\s+(?:of|von|\/)\s+\d{1,3}\b/i.test(second.text);
  // Kicker, byline, headline (BR24 prints the author between them).
  // A date, or a time alone ("07:45 Uhr", Augsburger Allgemeine), between kicker and headline.
  const dateAt = (l: Line | undefined, k: number) => !!l && ((!ctx.isStructural(l) ? !!parseDateLine(l.text) || isTwelveHourTimeLine(l.text) : noTicker() && (isTimestampAlone(l.text) || isTwelveHourTimeLine(l.text))) ||
    (isTimeOnlyLine(l.text) && !!lines[k + 2] && k + 2 < to && isRunningText(stripPlus(lines[k + 2]!.text))));
  const dateBetween = !!second && !secondIsHeadline && dateAt(second, i + 1);
  // Both, a byline and the date, one line each ("Oberfranken" / "Von Name" / "14.03.2024, 10:15 Uhr" / headline).
  // … or the time and the date on lines of their own ("Science" / "4:11 am" / "Thu March 12, 2026" / headline, NPR).
  const both = !!second && !secondIsHeadline && i + 2 < to && ((!!parseByline(second.text) && dateAt(lines[i + 2], i + 2)) ||
    (dateBetween && (!!parseByline(lines[i + 2]!.text) || (isTwelveHourTimeLine(second.text) && !!parseDateLine(lines[i + 2]!.text)))));
  const thirdAt = both ? i + 3 : i + 2;
  // No picture starts at the line (or it is a headline read as the alt text over its caption, under the date lines).
  const notAPicture = (at: number) => {
    const f = tryFigure(lines, at, to, ctx.isStructural);
    return !f || (dateBetween && altOver(at, f));
  };
  const third = thirdAt < to ? lines[thirdAt] : undefined;
  const bylineBetween = second && !secondIsHeadline && third && !ctx.isStructural(third) && (parseByline(second.text) || dateBetween) &&
    third.text.length <= LIMITS.headline && isHeadlineLike(third.text) && !isPersonName(third.text) && !isMetaLabelLine(third.text) && !parseByline(third.text) && !isDurationLine(third.text) &&
    !parseDateLine(third.text) && notAPicture(thirdAt) && !authorPhotoLine(lines, thirdAt) &&
    // A one-line quote under a headline-like line and its date is the teaser, as without the date (below).
    !(isQuoteLine(third.text) && wordCount(rest) >= 4 && !GENRES.test(rest.split(/\s+/)[0] ?? ''));
  // Running text right under the second line fixes it as the headline; the kicker may then be the longer line.
  // A byline or the date may stand between the headline and that text.
  let afterSecond = i + 2;
  while (afterSecond < Math.min(to, i + 4) && (parseByline(lines[afterSecond]!.text) || (lines[afterSecond]!.text.length <= 40 && parseDateLine(lines[afterSecond]!.text)))) afterSecond++;
  const textAfterSecond = !!lines[afterSecond] && afterSecond < to && !ctx.isStructural(lines[afterSecond]!) && isRunningText(lines[afterSecond]!.text);
  const proseAfter = textAfterSecond && !!second && !parseCreditLine(second.text) && !isMetaLabelLine(second.text) && !isQuoteLine(second.text);
  // A one-line quote between a headline and running text is the teaser (Deutschlandfunk Kultur).
  // Not when the quote shares its box with a kicker-like line above it: then it is the headline.
  // Nor under a genre's kicker ("Interview mit Bienenforscherin …" / „…“): that quote is the interview's headline.
  // Nor under a line of one to three words ("Warnstreik" / „Wir lassen uns nicht …“): that line is a kicker, not a headline.
  const genreKicker = GENRES.test(rest.split(/\s+/)[0] ?? '') && wordCount(rest) <= 8 && !endsWithStop(rest);
  const quoteTeaser = !!second && textAfterSecond && isQuoteLine(second.text) && !genreKicker && wordCount(rest) >= 4 && !(sameGroup(first, second) && isOwnLineKicker(rest, second.text));
  // A headline of four words or more over a standfirst printed without its stop (eighteen words and more): not a kicker
  // over a headline ("Frühjahrsvollversammlung tagt erstmals in Mariazell" / "Bischöfe beraten vier Tage lang über …").
  // Two sentences or more in the second line make it a standfirst too, its last stop lost ("Der Förderverein hat das Geld
  // gesammelt. Im Sommer soll das Instrument erklingen").
  const sublineUnder = !!second && wordCount(rest) >= 4 && !/:$/.test(split.rest) && isHeadlineLike(rest) &&
    ((wordCount(second.text) >= 18 && wordCount(second.text) > 2 * wordCount(rest)) || (!endsSentence(second.text) && lostLastStop(second.text)));
  if (ctx.kickerBelow === i + 1 && second && rest.length <= LIMITS.headline && second.text.length <= LIMITS.kicker) {
    // Headline, then its kicker on the line below (FOCUS).
    head.kicker = second.text;
    head.headline = rest;
    i += 2;
  } else if (rest.length <= LIMITS.kicker && second && secondIsHeadline && !quoteTeaser && !sublineUnder && isOwnLineKicker(rest, splitDatePrefix(second.text).rest, { bylineBetween: proseAfter, sameBox: sameGroup(first, second) })) {
    head.kicker = withoutJoiningColon(rest);
    head.headline = splitDatePrefix(second.text).rest;
    // "Elbquerung Fähre bei Wörlitz fährt wieder" / "Fähre bei Wörlitz fährt wieder" (MDR): the kicker joined to the headline,
    // then the headline alone; the kicker is what comes before it.
    if (head.kicker.length > head.headline.length + 2 && head.kicker.endsWith(` ${head.headline}`)) head.kicker = head.kicker.slice(0, -head.headline.length - 1).trim();
    // The headline line carries its own kicker glued on ("Gasthaus in OrtDie letzte Runde …"):
    // that is the kicker, and the line above was a picture's or a teaser box's title.
    if (head.headline.length <= MAX_CLASSIFY) {
      const own = splitKickerScored(head.headline, { bodyText: ctx.textAfter(i + 2), language: ctx.language });
      // Joined by a space too where a sentence plainly starts after it ("Mittelstand" / "Familienunternehmen ohne Nachfolger
      // Wenn die Tochter …", WiWo): the line above was the section's.
      // Or the line above a section's name in a box of its own ("Sachsen-Anhalt" / "Rückblick Die Fähre …", MDR).
      const spaced = own.kicker && `${own.kicker} ${own.headline}` === head.headline && (own.evidence ?? 0) >= THRESHOLD + 1 &&
        (sameGroup(first, second) || wordCount(rest) <= 2) &&
        !/^(?:live|video|audio|eilmeldung|breaking)$/i.test(own.kicker);
      if (own.kicker && (`${own.kicker}${own.headline}` === head.headline || spaced) && isHeadlineLike(own.headline)) {
        head.kicker = own.kicker;
        head.headline = own.headline;
      }
    }
    i += 2;
  } else if (rest.length <= LIMITS.kicker && bylineBetween && isOwnLineKicker(rest, third.text, { bylineBetween: true })) {
    head.kicker = withoutJoiningColon(rest);
    for (const l of lines.slice(i + 1, thirdAt)) {
      const by = parseByline(l.text);
      if (by) head.byline ??= by;
      else notePageDate(parseDateLine(l.text) ?? undefined);
    }
    head.headline = third.text;
    i = thirdAt + 1;
  } else if (rest.length <= MAX_CLASSIFY) {
    const split = splitKickerScored(rest, { bodyText: ctx.textAfter(i), language: ctx.language, ...(ctx.kickerJoined && { joined: true }), ...(ctx.pageTitle && { pageTitle: ctx.pageTitle }) });
    if (isHeadlineLike(split.headline)) {
      if (split.kicker) head.kicker = split.kicker;
      if (split.kicker && (split.evidence ?? 0) < THRESHOLD + 2) head.guesses.push(`kicker split guessed: "${split.kicker}" | "${split.headline}" — check it`);
      head.headline = split.headline;
      i += 1;
    } else if (isHeadlineLike(rest)) {
      head.headline = rest;
      i += 1;
    }
  }
  if (!head.headline) {
    // No headline line: derive one; the text itself stays in the body.
    head.headline = deriveHeadline(rest);
    head.headlineDerived = true;
    head.next = i;
    return head;
  }
  // The headline alone, then again with the kicker in front (WAZ): "Headline" / "Kicker Headline".
  const again = lines[i];
  if (!head.kicker && again && i < to && wordCount(head.headline) >= 3 && again.text.length > head.headline.length + 2 && again.text.endsWith(head.headline) &&
    /(?:\s|\p{Ll})$/u.test(again.text.slice(0, again.text.length - head.headline.length))) {
    // With a space ("Kicker Headline") or glued ("KickerHeadline").
    const k = again.text.slice(0, again.text.length - head.headline.length).trim();
    if (k.length <= LIMITS.kicker && wordCount(k) <= 6 && !endsSentence(k)) {
      head.kicker = k;
      i++;
    }
  }
  // "Wochenmarkt am Dom Neue Standordnung …" printed over "Wochenmarkt am Dom: Neue Standordnung …" (Münstersche Zeitung):
  // the copy without the colon shows that the words before it are a kicker, not part of a "Topic: …" headline.
  if (!head.kicker) {
    const split = /^([^:]{3,60}?):\s+(\p{Lu}.{8,})$/u.exec(head.headline);
    if (split && wordCount(split[1]!) <= 6 && lines.slice(from, Math.min(i, from + 40)).some((l) => l.text === `${split[1]!} ${split[2]!}`)) {
      head.kicker = split[1]!;
      head.headline = split[2]!;
    }
  }
  // The headline twice, each copy with another word before it ("Waldheim Freibad öffnet …" / "Region Döbeln Freibad öffnet
  // …", Madsack), read as kicker and headline: the shared words are the headline, the second copy's first words the kicker.
  if (head.kicker && head.kicker.length > 30) {
    const a = head.kicker.split(' ');
    const b = head.headline.split(' ');
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    if (n >= 4 && a.length - n <= 3 && b.length - n >= 1 && b.length - n <= 6) {
      head.kicker = b.slice(0, b.length - n).join(' ');
      head.headline = b.slice(b.length - n).join(' ');
    }
  }
  // "Hochwasser im Liveticker +++ 14:26 Pegel sinkt +++": the page title carries the latest entry.
  // Glued on too ("… im Liveticker+++ 16:05 …", n-tv).
  // Only before an entry's time: "Liveblog zum Hochwasser ++ Deich hält ++" (tagesschau) keeps its markers.
  const plus = /^(.{8,}?\S)\s*\+{2,}\s*\d{1,2}[:.]\d{2}\b.*$/.exec(head.headline);
  if (plus) head.headline = plus[1]!;
  // "Top 4: Diese Städte … | finanzen.net": the page title with the site's domain after a bar.
  const domain = DOMAIN_SUFFIX.exec(head.headline);
  if (domain && isHeadlineLike(domain[1]!)) head.headline = domain[1]!;
  // "LIVE Rail strikes: …", "LIVETICKERKommunalwahl in …", "LIVE | Budget 2027: …": a badge in capitals before the headline,
  // glued, by a space or a bar; not the first word of a phrase in capitals before a colon ("LIVE UPDATES: …", "BREAKING NEWS: …").
  const capsBadge = CAPS_BADGE_BEFORE.exec(head.headline);
  if (capsBadge && wordCount(head.headline.slice(capsBadge[0].length)) >= 3) head.headline = head.headline.slice(capsBadge[0].length);
  // "FULDA Neue Linien ab Dezember" (Osthessen News): the place in capitals before the kicker is the dateline.
  const capsPlace = head.kicker ? /^(\p{Lu}{4,}(?:[- ]\p{Lu}{3,})?)\s+(\p{Lu}\p{Ll}.*)$/u.exec(head.kicker) : null;
  if (capsPlace && !/^(?:LIVE|LIVETICKER|VIDEO|AUDIO|PODCAST|EILMELDUNG|BREAKING|EXKLUSIV|UPDATE|NEU|KOMMENTAR|ANALYSE|INTERVIEW)$/.test(capsPlace[1]!)) {
    head.dateline ??= capsPlace[1]!;
    head.kicker = capsPlace[2]!;
  }
  // "Super League FC Thun verlängert …" under a menu that lists "Super League" (bluewin): the menu's item of two or three
  // words glued before the headline by a space is its kicker (one word is too often the headline's own first word).
  {
    // Not the page's first line: that is the site's name ("ITV News").
    const above = lines.slice(Math.max(from + 1, i - 30), Math.max(from, i - 1)).map((l) => l.text).filter((t) => t.length <= 30 && !endsWithStop(t));
    const item = above.filter((t) => wordCount(t) >= 2 && wordCount(t) <= 3 && head.headline.startsWith(`${t} `)).sort((a, b) => b.length - a.length)[0];
    const restOf = item ? head.headline.slice(item.length + 1) : '';
    if (item && (!head.kicker || above.includes(head.kicker)) && wordCount(restOf) >= 4 && /^\p{Lu}/u.test(restOf) && isHeadlineLike(restOf)) {
      head.kicker = item;
      head.headline = restOf;
    }
  }
  headTextSeen.add(head.headline);
  if (head.kicker) headTextSeen.add(`${head.kicker} ${head.headline}`);

  // Teaser: the first paragraph after the headline, if it fits the limit and more text follows.
  i = skipMeta(i);
  // A place in a box of its own between headline and teaser ("Kreis Steinfurt", regional papers): the dateline.
  {
    const place = lines[i];
    const after = lines[i + 1];
    // "Braunschweig." alone on its line over the teaser (Funke): the dateline with its period, in the teaser's box or not.
    const dotted = place ? /^(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2})\.$/u.exec(place.text)?.[1] : undefined;
    const dottedPlace = dotted && !SENTENCE_START_WORDS.has(dotted.split(' ')[0]!.toLowerCase()) && isPlace(dotted) ? dotted : undefined;
    const placeText = dottedPlace ?? place?.text;
    if (place && after && placeText && i + 1 < to && (!sameGroup(place, after) || !!dottedPlace) && !ctx.isStructural(place) && isPlace(placeText) &&
      (!isPersonName(placeText) || PLACE_PREFIX.test(placeText)) && isRunningText(after.text) && after.text.length <= LIMITS.teaser &&
      !tryFigure(lines, i, to, ctx.isStructural)) {
      head.dateline ??= placeText;
      i = skipMeta(i + 1);
    }
  }
  // A caption alone in its box and its rights line alone in the next, over the teaser ("Blick über den Markt." /
  // "Foto: Name/dpa" / teaser): the lead picture.
  {
    const c = lines[i];
    const cr = i + 1 < to ? parseCreditLine(lines[i + 1]!.text) : undefined;
    const after = lines[i + 2];
    if (c && cr?.strong && after && i + 2 < to && !ctx.isStructural(c) && isOneSentence(c.text) &&
      !sameGroup(lines[i - 1], c) && !sameGroup(c, after) && isRunningText(after.text) &&
      // The rights line alone: one that opens the box of the line under it is that line's ("Photo: Name/Reuters" / caption).
      !(sameGroup(lines[i + 1], after) && !sameGroup(c, lines[i + 1]))) {
      head.figures.push({ kind: 'image', alt: c.text.slice(0, LIMITS.alt), caption: c.text, credit: cr.credit });
      i = skipMeta(i + 2);
    }
  }
  // A one-sentence caption and its rights line closing the headline's box, running text after them ("Neue Straßenbahnen
  // …" / "Der erste Zug … ." / "Foto: IMAGO / Name" / text): the lead picture; the teaser is the paragraph after it.
  {
    const c = lines[i];
    const cr = c && i + 2 < to && sameGroup(lines[i - 1], c) && sameGroup(c, lines[i + 1]) &&
      !ctx.isStructural(c) && isOneSentence(c.text, 200) && isRunningText(lines[i + 2]!.text) ? parseCreditLine(lines[i + 1]!.text) : undefined;
    const fig = cr?.strong && head.headline ? captionFigure(c!.text, cr.credit) : undefined;
    if (fig) {
      head.figures.push(fig);
      i = skipMeta(i + 2);
    }
  }
  // One sentence printed twice (printedTwice) between the headline and running text: the lead picture, not the teaser.
  {
    const twice = head.headline && !head.figures.length ? printedTwice(lines, i, to, ctx.isStructural) : undefined;
    if (twice && isRunningText(lines[twice.next]!.text)) {
      head.figures.push(twice.figure);
      i = skipMeta(twice.next);
    }
  }
  const cand = lines[i];
  // A video page's description over the still's bare rights line ("Mehr Feuerwerk, … . Reporter … war dabei." /
  // "© HAMBURG 1") reads as a caption, but it is the teaser; the credit is the lead picture's (below).
  const videoText = !!cand && !head.figures.length && describesVideoStill(cand.text, lines[i + 1]?.text);
  if (cand && !ctx.isStructural(cand) && i + 1 < to && (videoText || !tryFigure(lines, i, to, ctx.isStructural))) {
    let t = cand.text;
    // A standfirst without its final period (English sites): long, or sixteen words and more.
    // An English standfirst printed without its final period, the author or the date under it and running text a few
    // lines on ("Magistrate finds CCTV footage did not show …" / "Name" / date, Times of Malta).
    const nextText = i + 1 < to ? lines[i + 1]!.text : '';
    const openStandfirst = ctx.language === 'en' && wordCount(t) >= 8 && t.length <= LIMITS.teaser && !!nextText &&
      (isPersonName(nextText) || !!parseByline(nextText) || /^By\s+\p{Lu}/u.test(nextText) || !!parseDateLine(nextText)) && lines.slice(i + 2, Math.min(to, i + 5)).some((l) => isRunningText(l.text));
    // Two sentences whose last stop the crawl lost ("… bekommen. Damit sollen die Hilfsfristen kürzer werden").
    const isSentence = endsSentence(t) || t.length > 120 || wordCount(t) >= 16 || !!bylineTail(t) || isQuoteLine(t) || openStandfirst ||
      lostLastStop(t);
    // Agency copy opening with its dateline ("BARNET, Vt. (AP) — Voters …") has no standfirst: that is the body.
    // Nor does a local paper's text opening with the author's initials and the place ("Lemgo (la). Der Brunnen …",
    // "tk. Apensen. Wer am Hofladen …").
    const authorDateline = /^(?:\p{Lu}[\p{L}./ -]{1,40}\s\(\p{Ll}{2,4}\)|\p{Ll}{2,3}\.\s+\p{Lu}[\p{L}-]+)\.\s+\p{Lu}/u.test(t);
    if (isSentence && !/^[-•*·▪●◦‣–]\s/.test(t) && !DATELINE.test(t) && !authorDateline) {
      // "[Update] Der Ausschuss …", "Drucken Teilen Ein Landwirt …": an update marker or two or more tool words glued before the teaser.
      // "tl;dr: Die Rangliste nennt …" (ComputerBase): the summary's label.
      t = t.replace(/^(?:\[(?:update|aktualisiert|neu)\]|(?:update|aktualisiert|tl;dr|tldr):)\s+(?=\p{Lu})/iu, '')
        // "Das Wichtigste in Kürze: Seit Jahren …", "Zusammenfassung: …": a summary's label glued before the teaser.
        .replace(/^(?:Das Wichtigste(?: in Kürze| im Überblick| auf einen Blick)?|Zusammenfassung|In Kürze|Kurz und knapp|Auf einen Blick)\s*:?\s+(?=\p{Lu})/u, '')
        .replace(/^(?:(?:drucken|teilen|merken|kommentieren|kommentare|vorlesen|share|print|save)\s+){2,4}(?=\p{Lu}\p{Ll})/iu, '');
      const tail = bylineTail(t);
      if (tail) {
        if (!head.byline) head.byline = tail.byline;
        t = tail.text;
      }
      // "Nina Beispiel / In vielen Gemeinden …" (Infosperber): the author's name and a slash before the teaser.
      const author = /^(\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3})\s+\/\s+(?=[\p{Lu}„"])/u.exec(t);
      if (author && isPersonName(author[1]!)) {
        head.byline ??= soleAuthor(author[1]!);
        t = t.slice(author[0].length);
      }
      // "MONSCHAU (700) - Das für Sonntag …" (Radio 700): the place in capitals and the station's code before the teaser.
      const coded = /^(\p{Lu}{3,}(?:[ -]\p{Lu}{2,}){0,2})\s*\([\p{L}\d]{2,6}\)\s*[-–—]\s+(?=[\p{Lu}„"])/u.exec(t);
      if (coded) {
        head.dateline ??= inMixedCase(coded[1]!);
        t = t.slice(coded[0].length);
      }
      // "Trier (rm.) Weihnachtsmärkte …", "Bonn. (bot) Sie heißen …", "Rhein-Neckar. (RNZ/tbe) Ein Schiffskorso …": the place
      // and the desk's initials in brackets (small letters, or a slash between paper and desk) before the teaser.
      const desk = /^(\p{Lu}[\p{L}-]+(?:[ /-]\p{Lu}[\p{L}-]+){0,2})\.?\s+\((\p{Ll}{2,6}\.?|\p{Lu}{2,6}\/\p{Ll}{2,6}\.?)\)\s+(?=[\p{Lu}„"»\d])/u.exec(t);
      if (desk && wordCount(t) >= 8) {
        head.dateline ??= inMixedCase(desk[1]!);
        t = t.slice(desk[0].length);
      }
      // "(katholisch1.tv) Von außen wirkt …": the source in brackets before the teaser.
      const source = t.charCodeAt(0) === 40 ? /^\([\p{L}\d][\p{L}\d. -]{1,30}\)\s+(?=[\p{Lu}„"»])/u.exec(t) : null;
      if (source) t = t.slice(source[0].length);
      // "Kommentar: Die Stadt …", "EXCLUSIVE: The union …", "Video: Die Feuerwehr …": a genre's or a medium's label before the teaser.
      const genre = /^([\p{L}]{4,14})\s*:\s+(?=[\p{Lu}„"»])/u.exec(t);
      if (genre && TEASER_LABEL.test(genre[1]!) && wordCount(t) >= 8) t = t.slice(genre[0].length);
      // "Gastbeitrag Seit Monaten …" (der Freitag): a genre's word glued by a space before the teaser's first word.
      const spacedGenre = /^(\p{Lu}\p{Ll}{4,14})\s+(\p{Lu}\p{Ll}*)\s/u.exec(t);
      if (spacedGenre && GENRES.test(spacedGenre[1]!) && SENTENCE_START_WORDS.has(spacedGenre[2]!.toLowerCase()) && wordCount(t) >= 9) {
        t = t.slice(spacedGenre[1]!.length + 1);
      }
      // "By Jane Example The union …", "Von Jan Beispiel Die Gewerkschaft …": the byline glued before the teaser's first word.
      const glued = /^(?:By|Von)\s+(\p{Lu}\p{Ll}+(?:\s\p{Lu}[\p{Ll}'’-]+){1,2})\s+(\p{Lu}\p{Ll}*)\s/u.exec(t);
      if (glued && SENTENCE_START_WORDS.has(glued[2]!.toLowerCase()) && isPersonName(glued[1]!)) {
        head.byline ??= soleAuthor(glued[1]!);
        t = t.slice(glued[0].length - glued[2]!.length - 1);
      }
      // "Was bewegt die Jugend? (17) Jugendhäuser, …" (BKZ): a series' question and the part's number before the teaser.
      const series = /^[^.!?()]{3,60}[?!]\s*\(\d{1,3}\)\s+(?=[\p{Lu}„"»])/u.exec(t);
      if (series) t = t.slice(series[0].length);
      // The page's other lines, for a place named again (site name, byline "aus …", kicker, text).
      const teaserAt = i;
      const dl = datelinePrefix(t, ctx.language, () => `${t.slice(t.indexOf(' ') + 1)} ${lines.filter((_, k) => k !== teaserAt && k < to).map((l) => l.text).join(' ')}`);
      if (dl) {
        head.dateline = dl.place;
        t = dl.text;
        head.guesses.push(`"${dl.place}" before the teaser was taken as the dateline — check it`);
      }
      // "14.03.2024 Nach 40 Jahren tauscht …" (vol.at): the page's date glued before the teaser.
      // "14.10.24 - Die RhönEnergie …" (Osthessen News): a two-digit year and a dash.
      const dated = /^(\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?)\s+(?:[-–—]\s+)?(?=[\p{Lu}„"»])/u.exec(t);
      const datedAt = dated ? parseDateLine(dated[1]!) : undefined;
      if (dated && datedAt) {
        notePageDate(datedAt);
        t = t.slice(dated[0].length);
      }
      // A video's description ending with its still's credit ("… sidewalks. (Jordan Sample/CBC News)").
      const still = /^(.*[.!?]["'“”»«’)]*)\s+\(([^()]{3,80}\/[^()]{2,80})\)$/u.exec(t);
      if (still && looksLikeBareCredit(still[2]!) && !head.figures.length) {
        t = still[1]!;
        head.loneCredit ??= still[2]!.trim();
      }
      // What the author's line leaves glued after the last sentence: the author's initials ("… an. cd", "… an. dh/Foto:
      // Name"), the byline's label whose names were read apart ("… hätte. Von", "Von und") or the source ("… begleitet.Quelle:
      // TV Südostschweiz").
      const leftover = TEASER_LEFTOVER.exec(t);
      if (leftover) t = leftover[1]!;
      if (t.length <= LIMITS.teaser) {
        head.teaser = t;
        headTextSeen.add(t);
        // A bare "© Sender" right under a video page's description is the still's credit (in its box or not); a labelled
        // "Bild: Sender" in the description's box too (an episode's cover).
        const under = lines[i + 1] && i + 1 < to ? lines[i + 1]! : undefined;
        const still = under && (STILL_RIGHTS.test(under.text.trim()) || (sameGroup(lines[i], under) && /^(?:bild|foto|cover)\s*:/i.test(under.text.trim()))) &&
          hasSentenceBreak(t) ? parseCreditLine(under.text) : undefined;
        if (still?.strong && !head.figures.length) head.loneCredit ??= still.credit;
        i = skipMeta(i + 1);
      } else {
        head.longFirstParagraph = true;
      }
    }
  }
  head.next = i;
  return head;
}

/**
 * Two sentences or more whose last stop the crawl lost ("… bekommen. Damit sollen die Hilfsfristen kürzer werden"): a
 * standfirst, unless the line carries a picture's credit (a caption).
 */
function lostLastStop(text: string): boolean {
  return wordCount(text) >= 10 && hasSentenceBreak(withoutOrdinalDots(text)) && !splitCaptionCredit(text) &&
    !/©|\b(?:Foto|Fotos|Bild|Photo|Quelle)\s*:/.test(text);
}

/**
 * "Neue Vorabendserie im Ersten © ARD/Name" over the headline in its box, the teaser or the byline under that (DWDL): the
 * kicker printed on the lead picture with the picture's credit after it.
 */
function gluedKickerCredit(lines: Line[], k: number, to: number): { kicker: string; credit: string } | undefined {
  const l = lines[k];
  const next = lines[k + 1];
  const after = lines[k + 2];
  if (!l || !next || !after || k + 2 >= to || l.text.length > 200 || !sameGroup(l, next)) return undefined;
  const m = /^(\p{Lu}[^©]{2,80}?)\s+©\s*([^©]{2,120})$/u.exec(l.text);
  if (!m || endsWithStop(m[1]!) || wordCount(m[1]!) > 8 || !parseCreditLine(`© ${m[2]!}`)) return undefined;
  if (!isHeadlineLike(next.text) || endsWithStop(next.text) || next.text.length > LIMITS.headline) return undefined;
  if (!isRunningText(after.text) && !parseByline(after.text)) return undefined;
  return { kicker: m[1]!, credit: m[2]!.trim() };
}

/**
 * Two or more bulleted lines in a row that each hold one datum of the page: its date or time ("• Aktualisiert: 01.02.2027",
 * "• 17:42 Uhr"), a clip's length, a media badge, or the source ("• ran.de/SID"). Returns how many, or 0.
 */
function bulletedMetaRun(lines: Line[], k: number, to: number): number {
  let n = k;
  while (n < to && n < k + 6) {
    const raw = lines[n]!.text;
    if (!LEADING_BULLET.test(raw) || raw.length > 50) break;
    const t = raw.replace(LEADING_BULLET, '');
    const datum = !!parseDateLine(t) || isTimeOnlyLine(t) || isDurationLine(t) || !!parseMediaBadge(t) || !!datedMetaLine(t, parseDateLine) ||
      /^[\p{L}\d.-]+\.[a-z]{2,4}(?:\/\p{Lu}{2,5})?$/u.test(t) || /^(?:\p{Lu}{2,5}|[\p{L}.-]+\.[a-z]{2,4})\/\p{Lu}{2,5}$/u.test(t);
    if (!datum) break;
    n++;
  }
  return n - k >= 2 ? n - k : 0;
}

/** A teaser that ends with its byline: "… beating the others. By Mara Example", "… gestochen. Von Anna Beispiel". */
function bylineTail(text: string): { text: string; byline: Byline } | undefined {
  if (text.length > LIMITS.teaser + LIMITS.byline + 10) return undefined;
  const m = /^(.*[.!?…]["'“”»«’)]*)\s+((?:(?:Ein\s+)?Beitrag\s+von|Von|von|By|by)\s+[^.!?]{4,120})$/u.exec(text);
  if (!m) return undefined;
  const byline = parseByline(m[2]!.replace(/^(?:ein\s+)?beitrag\s+von\s+/i, 'Von '));
  if (byline) return { text: m[1]!, byline };
  // "By SPIEGEL Staff", "Von der Beispiel-Redaktion": a desk, no person.
  const desk = /^(?:By|Von)\s+((?:der\s+)?\p{Lu}[\p{L}+-]*(?:\s+\p{L}[\p{L}+-]*){0,3}\s*(?:Staff|Redaktion|Team|Newsdesk|Desk|Agencies|Nachrichtenredaktion)|\p{Lu}[\p{L}-]*-Redaktion)$/u.exec(m[2]!);
  return desk ? { text: m[1]!, byline: { byline: desk[1]!.replace(/^der\s+/, ''), authors: [] } } : undefined;
}

/** An author label alone ("Autor/in", "Autorin", "Von") with the name alone on the next line. */
export function authorLabelAt(lines: Line[], k: number, to: number): Byline | undefined {
  if (k + 1 >= to || !/^(?:autor\/in|autorin|autor|autoren|author|von|by|text)\s*:?$/i.test(lines[k]!.text)) return undefined;
  // The name may be the first of a bulleted list ("Von" / "• Vroni Beispiel", BR24).
  const name = lines[k + 1]!.text.replace(LEADING_BULLET, '');
  return isPersonName(name) ? parseByline(`Von ${name}`) : undefined;
}

/** Labels printed with a colon before a teaser: a genre, breaking news, a medium. */
/** A teaser's last sentence, then what the author's line left glued on (initials, "Von", "Quelle: …"). */
const TEASER_LEFTOVER = /^(.{20,}[.!?…]["'“”»«’)]*)(?:\s+(?:(?:Von|By)(?:\s+und)?|\p{Ll}{2,3}(?:\/(?:Foto|Bild)\s*:\s*[^.!?]{2,60})?)|\s*(?:Quelle|Source)\s*:\s*[^.!?]{2,60})$/u;
const TEASER_LABEL = /^(?:kommentar|analyse|meinung|eilmeldung|exklusiv|interview|glosse|kolumne|leitartikel|gastbeitrag|gastkommentar|essay|video|audio|podcast|exclusive|breaking|analysis|opinion|comment|watch|listen)$/i;

/**
 * "Analyse Düsseldorf Die Städte …", "Wadern Seit Jahren …": a genre label and
 * a place printed in bold before the teaser's first sentence. German never
 * follows a noun with a capitalised article or preposition inside a sentence,
 * so a sentence-start word in second (or third) place marks the cut.
 */
function datelinePrefix(text: string, language: string, pageText?: () => string): { place: string; text: string } | undefined {
  // "Syke – Wo früher …" (Kreiszeitung), "Krefeld · Die Stadt …" (Rheinische Post), "Köln | Kommentar | Die …"
  // (report-K: a bar read as the dash, and a label between two bars dropped): the place before a dash, a bar or a
  // middle dot. After a dash the rest must read as a sentence and the place may not be a sentence's first word
  // ("Endlich – nach drei Jahren …"); a middle dot separates nothing else.
  // A place in capitals ("LONDON — …") is printed in mixed case. A standfirst without its final period
  // (English sites) reads as a sentence when it is long.
  // "Mülheim an der Ruhr – ", "Frankfurt am Main – ": a place's name with its small words.
  const sep = /^(\p{Lu}[\p{L}.-]+(?:\s(?:an der|an|am|im|ob der|in der|vor der)\s\p{Lu}[\p{L}.-]+)?(?:[ /-]\p{Lu}[\p{L}.-]+){0,2}(?:\s\([\p{L}.-]{2,20}\))?)(?:,\s\d{1,2}\.\d{1,2}\.\d{2,4})?\s+([–—·-]|\|(?:\s+[^|!?]{2,40}?\s+\|)?)\s+([„"»‚]?\p{Lu}.*)$/u.exec(text);
  if (sep && sep[1]!.length <= 40) {
    const place = inMixedCase(sep[1]!);
    const mark = sep[2]!;
    const rest = sep[3]!;
    // "Serie | Bonn · Der erste Teil …" (General-Anzeiger): a label before a bar, then the place.
    const inner = mark === '|' ? datelinePrefix(rest, language, pageText) : undefined;
    if (inner) return inner;
    if (mark === '·' ? wordCount(rest) >= 6
      : !SENTENCE_START_WORDS.has(place.split(/[ /-]/)[0]!.toLowerCase()) && wordCount(rest) >= 8 && (endsSentence(rest) || wordCount(rest) >= 12)) return { place, text: rest };
  }
  // The other forms rest on German word order.
  if (language !== 'de') return undefined;
  // "Essen. Die Siedlung …", "BONN. Der Rat …": the place with a period.
  // "St. Pölten. Nach …": the saint's short form opening the place's name.
  // "Bad Godesberg. Die …", "BAD GODESBERG. …": a two-word place opening with its common first word.
  // "Essen. . Kein …", "Essen.. Von …" (Funke's apps): the period printed twice.
  // "Mülheim an der Ruhr. …", "Rhein-Kreis Neuss. …": a place with its small words, a district before its name.
  const dot = /^((?:St\.\s?|(?:Bad|BAD|Sankt|SANKT|Groß|GROSS|Klein|KLEIN|Neu|NEU|Alt|ALT|Ober|OBER|Unter|UNTER|Nieder|NIEDER|Hohen|HOHEN|[\p{L}-]*Kreis|Landkreis|LANDKREIS)\s)?\p{Lu}[\p{L}-]{2,}(?:\s(?:an der|am|im|ob der|in der)\s\p{Lu}[\p{L}-]{2,})?(?:\/\p{L}+)?)\.(?:\s?\.)?\s+([„"»‚]?\p{Lu}\p{Ll}*)\s/u.exec(text);
  // A place in capitals ("BERLIN. Nach …") needs no sentence-start word after it: no sentence opens with a word in capitals and a period.
  // An abbreviation ending a sentence ("… in die USA. Nach …") is no place.
  const acronym = !!dot && /^(?:USA|EU|UNO|NATO|CDU|CSU|SPD|FDP|AFD|ARD|ZDF|DPA|BRD|DDR|UK)$/i.test(dot[1]!);
  const capsPlace = !!dot && /^(?:\p{Lu}{3,}\s)?\p{Lu}{3,}(?:-\p{Lu}{3,})?$/u.test(dot[1]!);
  // "Bielefeld. Kinder hatten …", "Speyer. Gut 900 Zuhörer …": any word after the period when the place is named again
  // in the kicker, the headline or the text (a one-word sentence opening a teaser names nothing there).
  const namedAgain = (place: string) => place.length >= 4 && !!pageText && new RegExp(`(?:^|[^\\p{L}])${place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(pageText());
  // Any capitalised word after the period when a teaser's length follows: "Rheinbach. Anwohner klagen …" (the regional
  // papers' dateline). A one-word sentence opening a teaser is an adverb or an exclamation ("Endlich.", "Geschafft.",
  // "Stillstand."), not a place.
  const exclamation = !!dot && (/(?:lich|bar|los|haft|sam|weise)$/.test(dot[1]!) || ONE_WORD_SENTENCE.test(dot[1]!));
  if (dot && !acronym && (capsPlace || SENTENCE_START_WORDS.has(dot[2]!.replace(/^[„"»‚]/, '').toLowerCase()) || namedAgain(dot[1]!) || (wordCount(text) >= 10 && !exclamation)) &&
    !SENTENCE_START_WORDS.has(dot[1]!.split(' ')[0]!.toLowerCase()) && wordCount(text) >= 6) {
    return { place: dot[1]!.split(' ').map(inMixedCase).join(' '), text: text.slice(dot[0].length - dot[2]!.length - 1).trim() };
  }
  const words = text.split(' ');
  let i = 0;
  if (GENRES.test(words[0] ?? '')) i = 1;
  const place = words[i];
  const next = words[i + 1];
  if (!place || !next || words.length < i + 6) return undefined;
  if (!/^\p{Lu}[\p{Ll}-]{2,}$/u.test(place) || SENTENCE_START_WORDS.has(place.toLowerCase()) || GENRES.test(place)) return undefined;
  if (!/^\p{Lu}\p{Ll}*$/u.test(next) || !SENTENCE_START_WORDS.has(next.toLowerCase())) return undefined;
  return { place, text: words.slice(i + 1).join(' ') };
}

/** Words that make a sentence of their own at a teaser's start. */
const ONE_WORD_SENTENCE = /^(?:Geschafft|Schluss|Aus|Vorbei|Achtung|Wahnsinn|Stillstand|Chaos|Alarm|Entwarnung|Unglaublich|Immerhin|Genug|Schade|Bingo|Klar|Nein|Doch|Tja|Ruhe|Stopp|Stop)$/;

/**
 * The author picture's text under the byline, perhaps past a lone bar ("von Jan Beispiel" / "|" / "ZDF-Reporter Jan
 * Beispiel in Wittenberg", ZDFheute): a short line naming the byline's author, more than the name.
 */
export function authorPhotoLine(lines: readonly Line[], k: number): boolean {
  const t = lines[k]!.text;
  if (t.length > 80 || wordCount(t) > 8 || endsSentence(t)) return false;
  const above = lines[k - 1]?.text.trim() === '|' ? k - 2 : k - 1;
  const authors = above >= 0 ? parseByline(lines[above]!.text)?.authors ?? [] : [];
  return authors.some((a) => a.name.includes(' ') && t.includes(a.name) && t.trim() !== a.name);
}

/** A badge in capitals before the headline, glued, by a space or a bar (head's end; kicker.ts CAPS_BADGES). */
const CAPS_BADGE_BEFORE = new RegExp(`^(?:${CAPS_BADGES})(?:\\s*\\|\\s*|\\s+|(?=\\p{Lu}\\p{Ll}))(?!\\p{Lu}+:)(?=[\\p{Lu}„"])`, 'u');

/** A place printed in capitals ("LONDON", "BONN") as it is written ("London", "Bonn"); other spellings as they are. */
function inMixedCase(place: string): string {
  return /^\p{Lu}{3,}$/u.test(place) ? place.charAt(0) + place.slice(1).toLowerCase() : place;
}

/** "• Petra Beispiel": an author in a bullet list of authors. */
export function bulletAuthor(text: string): Byline | undefined {
  const m = /^[•·▪●◦‣]\s*(\S.{2,60})$/u.exec(text);
  return m && isPersonName(m[1]!) ? parseByline(`Von ${m[1]!}`) : undefined;
}
