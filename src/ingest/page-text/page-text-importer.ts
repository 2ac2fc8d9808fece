import {
  formatIssues, LedeError, LIMITS, toZonedIso, validateDraft,
  type Author, type Block, type BroadcastRef, type RelatedTeaser, type StoryDraft,
} from '../../content/index.js';
import { parseBody, type BodyOptions } from './body-blocks.js';
import { isBroadcastLine, parseBroadcastLine } from './broadcast.js';
import { isPersonName, parseByline, type Byline } from './byline.js';
import { berlinDay, dateToIso, findDate, type CalendarDay, type FoundDate } from './dates.js';
import { decodePageBuffer } from './decode-buffer.js';
import { parseHead } from './head.js';
import { findHeadStart, inMenuBox, takePageTitle, tidyHeadLines } from './head-start.js';
import { detectProfile, isPaywallBadge } from './site-profiles.js';
import { pageClockZone } from './clock-zone.js';
import { detectLanguage } from './language.js';
import { isRunningText, normaliseText, sameGroup, toLines, type Line } from './lines.js';
import { arrangePictures, tidyCaptions } from './pictures.js';
import { parsePublicationLine, type PublicationDates } from './publication-dates.js';
import { findTailRails, parseRailHeading } from './rails.js';
import { SENTENCE_START_WORDS } from './sentence-start.js';
import { dropTeaserRepeat } from './teaser-repeat.js';
import { assertImportableText } from './text-guards.js';
import { parseTickerBody } from './ticker-body.js';
import { entryStartAt, isRelativeEntryLine, looksLikeTicker, type EntryStart } from './ticker.js';
import type { ImportOptions, ImportResult } from './types.js';
import { headingsAsEntries, namesItselfTicker } from './untimed-ticker.js';
import { updateParagraphsAsEntries } from './update-paragraphs.js';
import { isScrambledText, isSiteTagline, isWidgetLine } from './widgets.js';
import { playlistLines } from './playlist.js';

/**
 * Page text → StoryDraft. The steps, in the order they MUST run:
 *  1. guard and normalise (size before anything else);
 *  2. drop page furniture; take out broadcast and publication lines (anywhere);
 *  3. cut the rails off the end (before the head, so rail titles are never
 *     mistaken for the body's last headings);
 *  4. read the head (kicker, headline, teaser, pictures, byline);
 *  5. read the body — as ticker entries when the page is a live ticker;
 *  6. drop the teaser's repeat, choose the lead picture, attach author photos;
 *  7. validate. The result always passes validateDraft; anything else is a
 *     LedeError('IMPORT_FAILED').
 */
export function importPageText(text: string, opts: ImportOptions = {}): ImportResult {
  try {
    return run(text, opts);
  } catch (err) {
    if (err instanceof LedeError) throw err;
    // A bug must not surface as a stack trace in the CLI; name it and keep the cause.
    throw new LedeError('IMPORT_FAILED', `the importer could not read this page (${(err as Error)?.message ?? String(err)})`, { reason: 'import_unreadable', cause: err });
  }
}

/** Bytes of a saved page: detects the encoding (BOMs, UTF-16, UTF-8, windows-1252) and binary data first. */
export function importPageTextBuffer(buf: Buffer, opts: ImportOptions = {}): ImportResult {
  let decoded;
  try {
    decoded = decodePageBuffer(buf);
  } catch (err) {
    if (err instanceof LedeError) throw err;
    throw new LedeError('IMPORT_FAILED', `cannot decode the file (${(err as Error)?.message ?? String(err)})`, { reason: 'import_unreadable', cause: err });
  }
  const result = importPageText(decoded.text, opts);
  return { draft: result.draft, warnings: [...decoded.warnings, ...result.warnings] };
}

/** An author's role printed alone on its line ("Journalist", "Staff writer", "Redakteurin"). */
const AUTHOR_ROLE = /^(?:journalist|reporter|correspondent|(?:senior |deputy |news |political )?editor|staff writer|contributor|columnist|redakteur(?:in)?|korrespondent(?:in)?|volontär(?:in)?|autor(?:in)?|freie[rn]? (?:journalist(?:in)?|mitarbeiter(?:in)?))$/i;
/**
 * Buttons a page prints near its head that are no kicker: subscribing, joining, giving, taking part, and the menu's
 * contact, search and login entries, which may close a menu printed in the headline's box. (Logging in, registering,
 * "Jetzt abonnieren", "Abo abschließen", "Jetzt spenden" and the like are dropped everywhere as widgets, widgets.ts.)
 */
const CTA_WORDS = /^(?:abo|abo lösen|mitglied werden|jetzt mitglied werden|spenden|unterstützen|probeabo|zum abo|mitmachen|kontakt|suche|login|anmelden|registrieren|einloggen|jetzt testen|gratis testen|öffnen|mehr dazu|mehr erfahren|suche öffnen|suchbegriff eingeben|(?:jetzt )?(?:die )?app (?:laden|herunterladen|öffnen)|bei google play|im app store|download on the app store|get it on google play|open app)$/i;

function run(text: string, opts: ImportOptions): ImportResult {
  const warnings: string[] = [];
  const { replacementChars } = assertImportableText(text);
  if (replacementChars) warnings.push(`${replacementChars} character${replacementChars === 1 ? '' : 's'} could not be decoded (U+FFFD); check umlauts`);
  const normalised = normaliseText(text);
  const all = toLines(normalised);
  // A crawler's own prefix before the page: "date 2024-03 …". With its day, it is the day the page was saved.
  let crawlDay: CalendarDay | undefined;
  if (all[0]) {
    const m = /^date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s+(?=\S)/i.exec(all[0].text);
    if (m) all[0] = { ...all[0], text: all[0].text.slice(m[0].length) };
    if (m?.[3]) crawlDay = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  // (Whitespace alone is refused before; a page of nothing but unfilled placeholders ends here.)
  if (!all.length) throw new LedeError('IMPORT_FAILED', 'no text to import: the file holds only blank lines and unfilled template placeholders ({{…}})', { reason: 'import_empty' });
  const language = detectLanguage(normalised);

  // 2. Furniture out; broadcast and publication lines out (kept for later).
  const lines: Line[] = [];
  const broadcastLines: string[] = [];
  const pubs: PublicationDates[] = [];
  let sourceLine: string | undefined;
  let pubAuthor: Byline | undefined;
  let widgets = 0;
  // Two or more lines that start with a relative time are a live blog's entries, not the page's date.
  let relativeLines = 0;
  for (const l of all) if (l.text.length <= 300 && isRelativeEntryLine(l.text)) relativeLines++;
  // A copyright line right after the footer's legal links ("Impressum" / "Datenschutz" / "© Mannheimer Morgen 2024")
  // is the site's, not a picture's, whatever name and year it carries.
  let sinceLegal = Infinity;
  const playlist = playlistLines(all);
  for (const [k, l] of all.entries()) {
    sinceLegal++;
    if (playlist.has(k)) { widgets++; continue; }
    if (l.text.length <= 500) {
      if (/^(?:impressum|datenschutz(?:erklärung)?|agb|privacy(?: policy)?|terms(?: of use)?|cookie policy)$/i.test(l.text)) sinceLegal = 0;
      if (sinceLegal <= 3 && sinceLegal > 0 && /^(?:©|\(c\)|copyright\b)/i.test(l.text) && l.text.length <= 100) { widgets++; continue; }
      if (isWidgetLine(l.text) || isScrambledText(l.text)) { widgets++; continue; }
      // The author's role alone under the byline ("By Citizen Reporter" / "Journalist"): part of the byline, no kicker.
      if (k > 0 && AUTHOR_ROLE.test(l.text) && /^(?:by|von)\s+\p{Lu}/iu.test(all[k - 1]!.text)) { widgets++; continue; }
      // The site's tagline in the first lines, unless running text follows it (then it is a headline of that shape).
      if (k < 6 && isSiteTagline(l.text) && !isRunningText(all[k + 1]?.text ?? '')) { widgets++; continue; }
      // A paywall badge alone on its line ("Abo", "PLUS") is furniture wherever it stands: between a menu's last word
      // and the headline it had made that word the headline.
      if (isPaywallBadge(l.text)) { widgets++; continue; }
      if (isBroadcastLine(l.text)) { broadcastLines.push(l.text); continue; }
      const tail = splitMetaTail(l.text);
      const p = relativeLines >= 2 && isRelativeEntryLine(l.text) ? undefined : parsePublicationLine(tail.text);
      if (p) {
        pubs.push(p);
        if (tail.source && !sourceLine) sourceLine = tail.source;
        if (tail.author && !pubAuthor) pubAuthor = parseByline(`Von ${tail.author}`);
        continue;
      }
    }
    lines.push(l);
  }
  if (!lines.length) {
    throw new LedeError('IMPORT_FAILED', `no article text: the page holds only page furniture${widgets ? ` (${widgets} share/navigation/cookie lines)` : ''}`, { reason: 'import_no_text' });
  }

  // 3. Rails at the end.
  let rails = findTailRails(lines, 0, lines.length);
  const tidied = tidyHeadLines(lines, rails?.start ?? lines.length);
  if (tidied.changed) {
    lines.splice(0, lines.length, ...tidied.lines);
    rails = findTailRails(lines, 0, lines.length);
  }
  let end = rails?.start ?? lines.length;
  if (end === 0) throw new LedeError('IMPORT_FAILED', 'no article text: the page holds only teaser lists (rails)', { reason: 'import_no_text' });

  // 4. Head. Bylines anywhere in the first lines tell the head which lines are author photos.
  let knownAuthors: Author[] = [];
  for (let k = 0; k < Math.min(end, 40); k++) {
    const by = lines[k]!.text.length <= 300 ? parseByline(lines[k]!.text) : undefined;
    if (by) { knownAuthors = by.authors; break; }
  }
  // Which lines open ticker entries, read once: head, body and ticker ask about the same lines
  // many times. A time alone on its line counts only with a title after it (not a video's length).
  const entryStarts: Array<EntryStart | undefined> = [];
  for (let k = 0; k < end; k++) entryStarts.push(entryStartAt(lines, k, end));
  // The ticker's own reading (looksLikeTicker, parseTickerBody) takes them as they are.
  const startAt = (k: number) => entryStarts[k];
  const startCount = entryStarts.filter((e) => e !== undefined).length;
  // For head and body, on a page with fewer than three entry lines a time alone on its line is a clip's length
  // ("Artikel anhören" / "04:12").
  const entryLines = new WeakSet<Line>();
  let entryLineCount = 0;
  entryStarts.forEach((e, k) => {
    if (e && (startCount >= 3 || !e.bare)) {
      entryLines.add(lines[k]!);
      entryLineCount++;
    }
  });
  const isTickerLine = (l: Line) => entryLines.has(l);
  const textAfter = (k: number) => lines.slice(k + 1, Math.min(end, k + 400)).map((l) => l.text).join('\n').slice(0, 100000);
  const { index: titleLine, title: pageTitle, rewrittenTo, siteLines } = takePageTitle(lines, 0, end);
  const headStart = findHeadStart(lines, 0, end, isTickerLine, entryLineCount, titleLine);
  const furniture = new Set(headStart.furniture);
  if (titleLine !== undefined) furniture.add(titleLine);
  for (const k of siteLines ?? []) furniture.add(k);
  for (const k of tidied.debris) furniture.add(k);
  const profile = detectProfile(opts.source, lines.slice(0, 8).map((l) => l.text));
  const head = parseHead(lines, 0, end, { language, isStructural: isTickerLine, entryLines: entryLineCount, textAfter, knownAuthors, furniture, ...(profile?.kickerJoined && { kickerJoined: true }), ...(pageTitle && { pageTitle }),
    ...(headStart.kickerBelow !== undefined && { kickerBelow: headStart.kickerBelow }) });
  if (!head.headline) throw new LedeError('IMPORT_FAILED', 'no headline or text found: the page holds only pictures and page furniture', { reason: 'import_no_headline' });
  if (head.headlineDerived) warnings.push('no headline line found; the headline was derived from the first sentence — check it');
  warnings.push(...head.guesses);
  const droppedTop = [...headStart.furniture].filter((k) => k !== titleLine && !tidied.debris.includes(k)).map((k) => lines[k]!.text);
  if (droppedTop.length) {
    const shown = droppedTop.slice(0, 6).map((t) => `"${t.slice(0, 40)}"`).join(', ');
    warnings.push(`${droppedTop.length} line${droppedTop.length === 1 ? '' : 's'} above the headline ${droppedTop.length === 1 ? 'was' : 'were'} taken as page furniture and left out (${shown}${droppedTop.length > 6 ? ', …' : ''}) — check them`);
  }
  if (rewrittenTo && head.headline === rewrittenTo) warnings.push('the headline was taken from the page title (the site name after it was cut off) — check it');
  if (head.loneCredit && !head.figures.length) {
    head.figures.push({ kind: 'image', alt: head.headline.slice(0, LIMITS.alt), credit: head.loneCredit });
    warnings.push('a picture credit stood alone, without a caption; it was kept as the lead picture with the headline as its description — check it');
  }
  if (head.longFirstParagraph) warnings.push(`the first paragraph is longer than ${LIMITS.teaser} characters; kept in the body, no teaser`);

  // A byline at the very end of the body ("Autorin: Anna Beispiel").
  let byline: Byline | undefined = head.byline ?? rails?.byline ?? pubAuthor;
  while (!byline && end > head.next) {
    const last = lines[end - 1]!;
    const by = last.text.length <= 300 ? parseByline(last.text) : undefined;
    if (!by) break;
    byline = by;
    end--;
  }

  // Dates: explicit publication > "Stand" > a dated head line with a time.
  // "2 hours ago" counts from opts.now; without it the line is only dropped.
  for (const p of pubs) {
    if (!p.relative) continue;
    if (opts.now && !Number.isNaN(opts.now.getTime())) p[p.relative.kind] = toZonedIso(new Date(opts.now.getTime() - p.relative.minutesAgo * 60000));
    else warnings.push('a relative date ("… ago", "vor …") was dropped; pass opts.now to resolve it');
  }
  const published = pubs.find((p) => p.published)?.published;
  const updatedExplicit = pubs.find((p) => p.updated)?.updated;
  const stand = pubs.find((p) => p.stand)?.stand;
  if (pubs.some((p) => p.dateOnly)) warnings.push('a publication date has no time of day; midnight (Europe/Berlin) was used');
  let firstPublishedAt = published ?? stand;
  // Compare instants, not strings: offsets differ across a DST switch.
  let updatedAt = updatedExplicit ?? (published && stand && Date.parse(stand) > Date.parse(published) ? stand : undefined);
  if (!firstPublishedAt && head.pageDate?.hour !== undefined) {
    firstPublishedAt = isoOf(head.pageDate);
  }
  if (firstPublishedAt && updatedAt && Date.parse(updatedAt) <= Date.parse(firstPublishedAt)) {
    if (Date.parse(updatedAt) < Date.parse(firstPublishedAt)) warnings.push('the update time is before the publication time; update time dropped');
    updatedAt = undefined;
  }

  // 5. Body (or ticker).
  const blankSeparated = all.length > 1 && all[all.length - 1]!.group > 0 && all[all.length - 1]!.group / all.length >= 0.3;
  const bodyOpts: BodyOptions = { headings: true, blankSeparated, isStructural: isTickerLine };
  // A rubric printed with a bar after it ("Deutscher Apothekertag 2025 |"): the bar is no part of it. A subscription or
  // membership button over the headline ("ABO", "Abo lösen", "Mitglied werden") is no kicker.
  if (head.kicker) {
    const k = head.kicker.replace(/\s+[|·]$/, '');
    if (CTA_WORDS.test(k)) delete head.kicker;
    else head.kicker = k;
  }
  const headText = `${head.kicker ?? ''} ${head.headline}`;
  const related: RelatedTeaser[] = [];
  let body: Block[];
  let kind: StoryDraft['kind'] = 'article';
  const headLines = head.kicker ? [head.kicker, head.headline] : [head.headline];
  if (looksLikeTicker(head.next, end, headLines, startAt)) {
    // No headline line but a ticker follows: the opening paragraph is the ticker's teaser.
    if (head.headlineDerived && !head.teaser) {
      const first = lines[head.next];
      if (first && first.text.length <= LIMITS.teaser && !isTickerLine(first)) {
        head.teaser = first.text;
        head.next++;
      }
    }
    const anchor = tickerAnchor(head.pageDate, published, stand ?? updatedExplicit, crawlDay, opts.now, warnings);
    const now = opts.now && !Number.isNaN(opts.now.getTime()) ? opts.now : new Date();
    const t = parseTickerBody(lines, head.next, end, { ...bodyOpts, ...anchor, now, startAt, clockZone: pageClockZone(all, language) });
    if (!opts.now && t.entries.length && relativeLines >= 2) warnings.push('ticker entry times are relative ("vor 5 Minuten") and were counted from the time of the import — pass the page\'s date (opts.now) to fix');
    body = [...t.intro, ...t.entries];
    related.push(...t.related);
    if (t.entries.length) kind = 'liveticker';
  } else {
    const b = parseBody(lines, head.next, end, { ...bodyOpts, isStructural: () => false });
    body = b.blocks;
    related.push(...b.related);
    if (b.splitParagraphs) warnings.push(`${b.splitParagraphs} paragraph${b.splitParagraphs === 1 ? ' was' : 's were'} longer than ${LIMITS.inlineText} characters and split at sentence ends`);
    // Dated update paragraphs inside an article.
    if (body.some((x) => x.type === 'paragraph')) {
      const stampDate = firstPublishedAt ?? updatedAt;
      const day = head.pageDate ?? (stampDate ? berlinDay(new Date(stampDate)) : opts.now && !Number.isNaN(opts.now.getTime()) ? berlinDay(opts.now) : undefined);
      if (day) body = updateParagraphsAsEntries(body, day).body;
    }
    // A live blog whose entries print no time: its headings are the entries.
    const stamp = updatedAt ?? firstPublishedAt ?? (opts.now && !Number.isNaN(opts.now.getTime()) ? toZonedIso(opts.now) : undefined);
    // A genre label right over the head ("+++ Liveticker +++" / kicker / headline) names it too, furniture or not.
    const LABEL = /ticker|blog|^\W*live(?:[ -](?:updates?|coverage))?\W*$/i;
    const hlAt = lines.findIndex((l, k) => k < 60 && l.text.includes(head.headline));
    const labelsAbove = hlAt > 0 ? lines.slice(Math.max(0, hlAt - 2), hlAt).filter((l) => l.text.length <= 30 && LABEL.test(l.text)).map((l) => l.text) : [];
    // A "LIVE" badge over the headline left the lines as a widget: read it on the page's own lines, where it opens its
    // box (a menu's last item, "Podcasts" / "Live", does not).
    const hlAll = all.findIndex((l, k) => k < 80 && l.text.includes(head.headline));
    for (let k = Math.max(1, hlAll - 2); k > 0 && k < hlAll; k++) {
      const l = all[k]!;
      if (l.text.length <= 30 && !lines.includes(l) && !sameGroup(all[k - 1], l) && LABEL.test(l.text)) labelsAbove.push(l.text);
    }
    const untimed = stamp && namesItselfTicker([...headLines, ...labelsAbove, ...lines.slice(0, 8).filter((_, k) => !furniture.has(k) && !inMenuBox(lines, k)).map((l) => l.text)]) ? headingsAsEntries(body, stamp) : undefined;
    if (untimed) {
      body = [...untimed.intro, ...untimed.entries];
      kind = 'liveticker';
      const bare = untimed.entries.filter((e) => e.id).length;
      if (bare) warnings.push(`${bare} ticker ${bare === 1 ? 'entry prints' : 'entries print'} no time; each was given the page's time (${stamp}) — set their times`);
    } else if (isInterview(`${headText} ${head.teaser ?? ''}`, body)) {
      // An interview's questions are the interviewer's turns, printed bold: text, not sub-headings.
      body = body.map((x): Block => (x.type === 'heading' && /\?["'“”»«’)]*$/.test(x.text) ? { type: 'paragraph', content: [{ text: x.text }] } : x));
    }
  }
  if (head.headlineDerived && lines.length === 1 && lines[0]!.text.length > 2000) warnings.push('the page has no line structure; it was imported as one block of text');

  // A name alone early in the body, first or under the pictures, on a page without a byline: the author
  // (its date lines were publication lines and are gone; "Nadia Beispiel", 20 Minuten).
  if (!byline) {
    // Two or three capitalised words, none a sentence's first word ("Zur Person") or a particle ("Kritik der …").
    const plainName = (t: string) => isPersonName(t) && /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: \p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}$/u.test(t) &&
      !t.split(' ').some((w) => SENTENCE_START_WORDS.has(w.toLowerCase())) && !parseRailHeading(t);
    const at = body.slice(0, 8).findIndex((b) => b.type === 'heading' && plainName(b.text));
    const next = body[at + 1];
    // Where a byline stands: first, or right under the pictures — not between paragraphs ("Betroffene Modelle").
    if (at >= 0 && next?.type === 'paragraph' && (at === 0 || body[at - 1]!.type === 'figure')) {
      const name = (body[at] as { text: string }).text;
      byline = { byline: name, authors: [{ name }] };
      body = [...body.slice(0, at), ...body.slice(at + 1)];
    }
  }

  // 6. Teaser repeat, lead picture, author photos.
  if (head.teaser) dropTeaserRepeat(head.teaser, body);
  const authors: Author[] = (byline?.authors ?? []).map((a) => ({ ...a }));
  for (const p of head.authorPhotos) if (authors[p.index] && !authors[p.index]!.image) authors[p.index]!.image = p.figure;
  const arranged = arrangePictures(head.figures, body, authors);
  const pictures = tidyCaptions(arranged.lead, arranged.body);
  const lead = pictures.lead;
  body = pictures.body;
  if (body.length > LIMITS.blocks) {
    throw new LedeError('IMPORT_FAILED', `the page yields ${body.length} body blocks; a story holds at most ${LIMITS.blocks} — is this one news page?`, { reason: 'import_too_long' });
  }

  // Broadcast: the first line that reads; more are noted.
  let broadcast: BroadcastRef | undefined;
  for (const b of broadcastLines) {
    const parsed = parseBroadcastLine(b, head.pageDate ?? (firstPublishedAt ? findDate(firstPublishedAt) : undefined));
    if (!parsed) { warnings.push(`broadcast line without a readable date dropped: "${b.slice(0, 80)}"`); continue; }
    if (broadcast) { warnings.push(`further broadcast line dropped: "${b.slice(0, 80)}"`); continue; }
    broadcast = parsed.broadcast;
    if (parsed.dateOnly) warnings.push('the broadcast line names no time; the slot was set to midnight (Europe/Berlin)');
  }

  const allRelated = [...related, ...(rails?.related ?? [])].filter((r, i, arr) => arr.findIndex((x) => x.title === r.title) === i);
  if (allRelated.length > LIMITS.related) warnings.push(`${allRelated.length - LIMITS.related} related teasers beyond ${LIMITS.related} dropped`);
  const section = rails?.section ?? head.section;
  const source = typeof opts.source === 'string' && opts.source.trim() && opts.source.length <= LIMITS.url && !/[\u0000-\u001f\u007f]/.test(opts.source) ? opts.source : undefined;
  if (opts.source !== undefined && !source) warnings.push('the source name was not usable (empty, too long or with control characters) and was left out');

  const draft: StoryDraft = {
    kind,
    language,
    ...(head.kicker && { kicker: head.kicker }),
    headline: head.headline,
    ...(head.teaser && { teaser: head.teaser }),
    ...(head.dateline && { dateline: head.dateline }),
    ...(byline && byline.byline.length <= LIMITS.byline && { byline: byline.byline }),
    authors: authors.slice(0, LIMITS.authors),
    ...(section && { section }),
    topics: [],
    ...(firstPublishedAt && { firstPublishedAt }),
    ...(updatedAt && { updatedAt }),
    ...(lead && { lead }),
    ...(broadcast && { broadcast }),
    related: allRelated.slice(0, LIMITS.related),
    body,
    ...(sourceLine && { sourceLine }),
    ...(source && { source }),
  };
  const checked = validateDraft(draft);
  if (!checked.ok) {
    throw new LedeError('IMPORT_FAILED', `the imported story is not valid (${formatIssues(checked.issues).slice(0, 500)}); please report this page`, { reason: 'import_invalid', issues: checked.issues });
  }
  return { draft: checked.value, warnings };
}

/**
 * What sites glue onto a date line: "… 14:32 UhrLesedauer: 2 Min." (reading
 * time, dropped), "… 14:32 Uhr Quelle: ZEIT ONLINE, dpa" (who supplied the
 * text, kept as the source line).
 */
function splitMetaTail(line: string): { text: string; source?: string; author?: string } {
  // "Veröffentlicht am 12. März 2024 von Redaktion", "… 14.03.2024 – Von Name": the author after the date.
  const by = line.length <= 200 && /\s[Vv]on\s/.test(line) && /\d/.test(line) ? /^(.*\d.*?)\s*[–—-]?\s+[Vv]on\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})\s*(?:[–—-]\s*(.*))?$/u.exec(line) : null;
  if (by && (!by[3] || /^(?:lesedauer|lesezeit|reading time)\b/i.test(by[3]))) {
    const rest = splitMetaTail(by[1]!.trim());
    return { ...rest, author: by[2]! };
  }
  // "By Name, Name, Staff writersUpdated Jun 3, 2026 10:14 a.m." (Hearst): the byline before the stamp, glued or by a space.
  const byFirst = line.length <= 200 && /^By\s/.test(line) ? /^By\s+(\p{Lu}.{2,120}?)\s*((?:Updated|Published|Posted)\b.*\d.*)$/u.exec(line) : null;
  if (byFirst) return { ...splitMetaTail(byFirst[2]!), author: byFirst[1]! };
  if (line.length > 300 || !/\d/.test(line) || !/quelle|source|lesedauer|lesezeit|reading time/i.test(line)) return { text: line };
  let text = line.replace(/\s*(?:lesedauer|lesezeit|reading time)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min(?:\.|uten|utes)?)\.?$/i, '');
  const q = /^(.*\d.*?)\s*(?:Quelle|Source)\s*:\s*([^:]{2,120})$/.exec(text);
  let source: string | undefined;
  if (q && !/[.!?]$/.test(q[2]!)) {
    text = q[1]!;
    source = q[2]!.trim();
  }
  return source ? { text: text.trim(), source } : { text: text.trim() };
}

function isoOf(d: FoundDate): string | undefined {
  return dateToIso(d)?.iso;
}

/**
 * The day a ticker's times belong to: the page's own date (a date line, a date
 * before the kicker, the publication date) is its first day; "Stand"/update
 * times, the day the crawl saved the page, `opts.now` or the clock are its last day.
 */
function tickerAnchor(
  pageDate: FoundDate | undefined, published: string | undefined, lastStamp: string | undefined,
  crawlDay: CalendarDay | undefined, now: Date | undefined, warnings: string[],
): { anchor: CalendarDay; anchorIsEnd: boolean; anchorAt?: Date } {
  if (pageDate) return { anchor: pageDate, anchorIsEnd: false };
  if (published) return { anchor: berlinDay(new Date(published)), anchorIsEnd: false, anchorAt: new Date(published) };
  if (lastStamp) return { anchor: berlinDay(new Date(lastStamp)), anchorIsEnd: true, anchorAt: new Date(lastStamp) };
  if (crawlDay) return { anchor: crawlDay, anchorIsEnd: true };
  if (now && !Number.isNaN(now.getTime())) return { anchor: berlinDay(now), anchorIsEnd: true, anchorAt: now };
  warnings.push('the ticker page names no date; entry times were dated today — pass the page date (opts.now) to fix');
  return { anchor: berlinDay(new Date()), anchorIsEnd: true };
}

/** The head says the story is an interview ("Interview mit …", "Mit ihr sprach …", "im Gespräch"). */
function isInterview(headText: string, body: Block[]): boolean {
  if (/\binterview\b|\bmit (?:ihr|ihm|ihnen) sprach\b|\bim gespräch mit\b|\bsprach mit\b|\bnachgefragt\b|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|zehn|\d{1,2}) fragen an\b|\bein gespräch (?:über|mit)\b/i.test(headText)) return true;
  // The answers carry the speaker's name or initials, the same one at least twice, and one or two speak ("Exempler: Wir
  // haben …", "LE: …"); a panel's three experts answer a text's questions (its sub-headings).
  const speakers = new Map<string, number>();
  for (const b of body) {
    if (b.type !== 'paragraph') continue;
    const m = /^(\p{Lu}[\p{L}.-]*(?: \p{Lu}[\p{L}.-]*){0,2}):\s+\p{Lu}/u.exec(b.content.map((c) => c.text).join(''));
    if (m && !/^(?:Foto|Bild|Quelle|Frage|Antwort|Update|Hinweis|Info|Fazit|Tipp|Tags|Schlagworte|Themen|Mehr|Lesen Sie auch)$/i.test(m[1]!)) speakers.set(m[1]!, (speakers.get(m[1]!) ?? 0) + 1);
  }
  return speakers.size <= 2 && [...speakers.values()].some((n) => n >= 2);
}
