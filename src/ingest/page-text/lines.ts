/**
 * Text normalisation and the line model every other step of the page-text
 * importer works on. A crawler's page text is a list of lines; blank lines
 * separate what the page printed as separate boxes (an image's alt text and its
 * caption share a box, a paragraph has its own), so each line remembers the
 * blank-line group it came from.
 */

import { FUNCTION_WORDS, SENTENCE_START_WORDS } from './sentence-start.js';

export interface Line {
  /** Normalised text: no control characters, single spaces, trimmed, never empty. */
  text: string;
  /** Number of the blank-line separated group; consecutive lines of one group were printed together. */
  group: number;
  /** The crawl printed no blank lines here, so the line was given a box of its own (toLines): its box says nothing. */
  unboxed?: true;
}

/**
 * Lines longer than this are always body text. Every classifier checks it first,
 * so a 1 MB paragraph never meets a pattern (and pattern cost stays linear).
 */
export const MAX_CLASSIFY = 2000;

// Spaces that should read as a plain space: NBSP (the seed has them), the
// typographic spaces, narrow NBSP, ideographic space, tab.
const ODD_SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Invisible characters that only break matching: zero-width space, word joiner,
// BOM/ZWNBSP, soft hyphen (CMSs sprinkle &shy; through long German words).
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
// C0/C1 control characters other than newline; validateDraft refuses them.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Normalises line endings (CRLF, CR, Unicode separators, form feed), spaces and
 * invisible characters. Quote characters are left as printed: the site decides
 * how to show them, and search must find what the author wrote.
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/\r\n?|[\u2028\u2029\u0085\f\v]/g, '\n')
    .replace(ODD_SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(LONE_SURROGATE, '\ufffd')
    // The Unicode hyphens (U+2010, U+2011) some CMSs print for "-" ("Offenbach ‐ Die Stadt …").
    .replace(/[\u2010\u2011]/g, '-');
}

/**
 * Splits normalised text into non-empty lines with their blank-line groups.
 * A crawl that printed no blank line between its lines (or only around a
 * menu above) says nothing about which lines were printed together; in the
 * box that holds nearly the whole page (12 lines or more, four in five of the
 * page's lines, running text in it) every line counts as a box of its own,
 * which is how the rest of the importer reads crawls that put each element in
 * a paragraph. Measured on the tuning pages
 * rewritten without blank lines: 1641 → 1675 of 1964 fields; on the 56 fresh
 * tuning pages of rounds 14 and 15, read before any rule was written for them:
 * 315 → 327 of 408.
 */
export function toLines(text: string): Line[] {
  const out: Line[] = [];
  let group = 0;
  let blank = true;
  for (const rawLine of text.split('\n')) {
    const raw = rawLine.replace(/ {2,}/g, ' ').trim();
    const t = capsClock(withoutMarkdown(undoubled(withoutLinkDebris(withoutHtmlTags(withoutTransmissionCode(withoutPlaceholders(raw)))))));
    // A line that held only a template's placeholder ("{{c.body}}") is no text, and no blank line either.
    if (!t && raw) continue;
    if (!t) {
      if (!blank) group++;
      blank = true;
      continue;
    }
    blank = false;
    out.push({ text: t, group });
  }
  const joined = joinWrappedLines(out);
  // The box that holds nearly the whole page (a menu may stand in a box of its own above it).
  const size = new Map<number, number>();
  for (const l of joined) size.set(l.group, (size.get(l.group) ?? 0) + 1);
  const big = [...size].find(([, n]) => n >= 12 && n >= 0.8 * joined.length)?.[0];
  let running = 0;
  if (big !== undefined) for (const l of joined) if (l.group === big && isRunningText(l.text) && ++running >= 2) break;
  const whole = running >= 2 ? big : undefined;
  if (whole === undefined) return joined;
  let g = 0;
  return joined.map((l, k) => {
    if (k > 0 && (l.group === whole || l.group !== joined[k - 1]!.group)) g++;
    return { ...l, group: g, ...(l.group === whole && { unboxed: true as const }) };
  });
}

/**
 * Paragraph and emphasis tags a CMS printed as text ("<p>Ab Juli kostet … Dauerkarte.</p>", GrenzEcho's captions): the
 * text between them is the line. Only these plain tags, so an article about HTML that quotes "<script>" keeps it.
 */
function withoutHtmlTags(t: string): string {
  return t.includes('<') ? t.replace(/<\/?(?:p|br|strong|em|b|i|span|div)(?:\s+[a-z-]+="[^"<>]*")*\s*\/?>/gi, ' ').replace(/\s{2,}/g, ' ').trim() : t;
}

/** "… (NAME/Star Tribune) ORG XMIT: MIN2607211432170041": an agency photo's transmission code left after its credit. */
function withoutTransmissionCode(t: string): string {
  return t.includes('XMIT') ? t.replace(/\s*\bORG XMIT:\s*[A-Z0-9]{6,}\s*$/, '') : t;
}

/** A template's placeholder the page never filled ("Midsummer Eve: Latest News ({{commentsTotal}})", "{{c.body}}"): not text. */
function withoutPlaceholders(t: string): string {
  return t.includes('{{') ? t.replace(/\s*\(?\{\{\s*[\w.$]+\s*\}\}\)?/g, '').trim() : t;
}

/**
 * A crawl that kept the page's Markdown: "**Fazit**" and "## Fazit" are the line "Fazit" (a sub-heading, as the page
 * showed it). Emphasis inside a line stays as printed.
 */
function withoutMarkdown(t: string): string {
  const c = t.charCodeAt(0);
  if (c === 42) return t.replace(/^\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/, '$1');
  if (c === 95) return t.replace(/^__([^_\s](?:[^_]*[^_\s])?)__$/, '$1');
  if (c === 35) return t.replace(/^#{1,6}\s+(?=\S)/, '');
  return t;
}

/** "16:45 UHR: Title": a time's "Uhr" in capitals, as a design prints it, is read like "16:45 Uhr". */
function capsClock(t: string): string {
  return t.includes('UHR') ? t.replace(/(\b\d{1,2}[:.]\d{2})\s?UHR\b/g, '$1 Uhr') : t;
}

/**
 * A line the crawl printed twice in a row with nothing between ("Caption. Photo: NameCaption. Photo: Name", the alt
 * text and the caption of one picture glued): once. Two copies with a space between stay: the figure reader takes
 * them as alt text and caption (DuMont).
 */
function undoubled(t: string): string {
  const n = t.length;
  if (n < 30) return t;
  const half = n >> 1;
  if (n % 2 === 0 && t.charCodeAt(half - 1) === t.charCodeAt(n - 1) && t.slice(0, half) === t.slice(half)) return t.slice(0, half);
  return t;
}

/**
 * Link and slider text a crawl glues to a picture's line: "Item 1 of 2 ", "[1/2]" or
 * "(Bild 1/2)" before the caption, "Purchase Licensing Rights" and ", opens new tab"
 * after the credit (Reuters). Only at the line's ends, and a counter only before
 * a capital letter, so a sentence keeps its words.
 */
function withoutLinkDebris(t: string): string {
  if (t.length > MAX_CLASSIFY || !/^(?:Item|Image|Photo|Picture|Bild|Foto|\[|\((?:Bild|Foto|Photo|Image) \d)|Rights$|new (?:tab|window)\)?$|[.!?](?:Mehr Infos|Mehr erfahren|Mehr lesen|Weiterlesen|Read more)$|vergrößern \d/.test(t)) return t;
  const out = t
    // "vergrößern 1 von 1 Foto: Name 1 von 1" (shz): a zoom button and a gallery's counters around the credit.
    .replace(/(^|\s)vergrößern \d{1,3} von \d{1,3}\s+(?=\S)/, '$1')
    .replace(/(\b(?:Foto|Fotos|Bild|Bilder)\s*:\s*\S.{0,60}?)\s+\d{1,3} von \d{1,3}$/, '$1')
    // "Bildunterschrift anzeigenBildunterschrift anzeigenDie Zufahrt …": a caption button's label glued before the caption.
    .replace(/^(?:(?:Bildunterschrift|Bildbeschreibung|Bildtext) (?:anzeigen|einblenden|ausblenden)\s*)+(?=\p{Lu})/u, '')
    // "… schreibt über Verkehr.Mehr Infos": a link's words glued after the last sentence.
    .replace(/([.!?])(?:Mehr Infos|Mehr erfahren|Mehr lesen|Weiterlesen|Read more)$/, '$1')
    .replace(/^(?:(?:Item|Image|Photo|Picture|Bild|Foto)\s+\d{1,3}\s+(?:of|von)\s+\d{1,3}\s+|\[\d{1,3}\/\d{1,3}\]\s*)(?=\p{Lu})/u, '')
    // "(Bild 1/2) Blick in die Markthalle …" (Baden Online): the gallery's counter in brackets.
    .replace(/^\((?:Bild|Foto|Photo|Image)\s+\d{1,3}\s*\/\s*\d{1,3}\)\s*(?=[\p{Lu}„"])/u, '')
    .replace(/(?:\s*Purchase Licensing Rights)?(?:,?\s*\(?opens (?:in )?(?:a )?new (?:tab|window)\)?)?$/i, '');
  return out.trim() || t;
}

/**
 * Re-joins hard-wrapped paragraphs ("save as text" from a text browser, mail
 * exports). Two signals, both conservative and neither able to lose text:
 *  - the whole page is wrapped: no line is longer than ~100 characters and the
 *    lines that continue in their box almost all end near that width — then a
 *    line that ends near the width continues on the next line of its box;
 *  - anywhere: a long line that does not end a sentence, followed in its box by
 *    a line starting in lower case (German nouns start upper case, so this alone
 *    rarely fires on German text).
 */
function joinWrappedLines(lines: Line[]): Line[] {
  let maxLen = 0;
  for (const l of lines) if (l.text.length > maxLen) maxLen = l.text.length;
  const continuing = lines.filter((l, i) => sameGroup(l, lines[i + 1]));
  const nearWidth = (l: Line) => l.text.length >= maxLen - 25 && l.text.length >= 45;
  const wrappedPage = maxLen <= 100 && continuing.length >= 2 && continuing.filter(nearWidth).length / continuing.length >= 0.7;
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    // A line opening with a time of day starts a ticker entry: never a wrapped continuation.
    // Nor is a site's domain on a line of its own ("tagesschau.de" under the page title).
    // Nor a live blog's relative time ("vor 12 Minuten" under a caption).
    if (prev && prev.group === line.group && prev.text.length < MAX_CLASSIFY && !isListLine(line.text) && !/^(?:\+{2,}\s*)?\d{1,2}[:.]\d{2}\b/.test(line.text) &&
      !/^vor\s+(?:\d+|einer|einem)\s+(?:sekunden?|minuten?|min\.?|stunden?|std\.?|tag(?:en)?)$/i.test(line.text) && !/^\p{Ll}{2,4} plus$/u.test(line.text) &&
      !/^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,6}$/u.test(line.text)) {
      // A near-width line ending a sentence, followed by a short line, is a paragraph
      // end before a heading or a short paragraph: not joined.
      const byWidth = wrappedPage && nearWidth(prev) && !/-$/.test(prev.text) &&
        (!/[.!?:]["“”»«'’)]*$/.test(prev.text) || nearWidth(line) || /^\p{Ll}/u.test(line.text));
      // Not a picture's rights line under its caption ("picture-alliance/dpa | Name", "imago images", "dpa"): short,
      // with an agency's name or a slash or bar.
      const creditLike = line.text.length <= 80 && (/[/|]/.test(line.text) ||
        /^(?:picture[- ]alliance|imago|dpa|afp|epd|kna|getty|istock|shutterstock|privat|zvg)\b/i.test(line.text));
      // Nor a byline under a headline ("von Lina Beispielhoff", "von Redaktion · 22. März 2026"), nor a single glued token
      // (share icons' names run together, a URL's slug: "facebooktwitterreddit", "brand-industriehafen-20260209").
      const bylineLike = /^(?:von|by)\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?:\s*[·|,•–-]\s*\S.{0,60})?$/u.test(line.text);
      const token = line.text.length >= 10 && /^\p{Ll}[\p{L}\d_-]*$/u.test(line.text);
      const byCase = prev.text.length >= 50 && !/[.!?:;…"“”»«'’)\]-]$/.test(prev.text) && /^\p{Ll}/u.test(line.text) && !creditLike && !bylineLike && !token;
      if (byWidth || byCase) {
        prev.text = `${prev.text} ${line.text}`;
        continue;
      }
    }
    out.push({ ...line });
  }
  return out;
}

function isListLine(text: string): boolean {
  return /^(?:[-•*·▪●◦‣–]\s|\d{1,2}[.)]\s)/.test(text);
}

/** The signs a list's item opens with, as a character class ("•", "·", "▪" …; not a dash, which also opens sentences). */
export const BULLET_SIGN = '[•·▪●◦‣]';

const BULLETED = new RegExp(`^${BULLET_SIGN}\\s`);

/** "• Petra Beispiel": a line opening with a bullet sign and a space. */
export function isBulleted(text: string): boolean {
  return BULLETED.test(text);
}

/** A bullet at a line's start, with or without a space after it. */
export const LEADING_BULLET = new RegExp(`^${BULLET_SIGN}\\s*`);

/** True when consecutive lines are in one printed box (no blank line between). */
export function sameGroup(a: Line | undefined, b: Line | undefined): boolean {
  return !!a && !!b && a.group === b.group;
}

export function wordCount(s: string): number {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

/** Ends like a sentence or a clause (period, colon, semicolon, comma), possibly inside closing quotes. */
export function endsWithStop(s: string): boolean {
  return /[.:;,]["'“”»«’)\]]*$/.test(s);
}

/** Ends a full sentence: . ! ? …, possibly inside closing quotes or a parenthesis. */
export function endsSentence(s: string): boolean {
  return /[.!?…]["'“”»«’)\]]*$/.test(s);
}

/** A sentence ends inside the text and another begins ("Die Stadt zahlt. Der Kreis …"). */
export function hasSentenceBreak(s: string): boolean {
  return /[.!?]["“”»«’)]*\s+\p{Lu}/u.test(s);
}

/** The text without ordinals' periods ("4. März 2026", "2. Bundesliga"), which end no sentence. */
export function withoutOrdinalDots(s: string): string {
  return s.replace(/\b\d{1,2}\.(?=\s)/g, '');
}

/** One whole sentence of at most `max` characters: a picture's caption rather than a paragraph. */
export function isOneSentence(s: string, max = 200): boolean {
  return s.length <= max && endsSentence(s) && !hasSentenceBreak(s);
}

/** Starts with a capital letter or digit, possibly after an opening quote or parenthesis. */
export function startsUpper(s: string): boolean {
  return /^[„"“»«'‚(]?[\p{Lu}\d]/u.test(s);
}

/**
 * Shortens text to at most `max` characters at a word boundary, adding "…" when
 * something was cut. Text without spaces is cut hard.
 */
export function shortenAtWord(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const cut = head.lastIndexOf(' ');
  const base = cut >= max / 2 ? head.slice(0, cut) : head;
  return `${base.replace(/[\s,;:–-]+$/, '')}…`;
}

/** Words of four letters or more that two lines share, words without content aside ("Ein Baum … Straße" and its caption: 2). */
export function sharedContentWords(a: string, b: string): number {
  const words = (t: string) => new Set(t.toLowerCase().split(/[^\p{L}\d]+/u).filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w) && !SENTENCE_START_WORDS.has(w)));
  const wb = words(b);
  return [...words(a)].filter((w) => wb.has(w)).length;
}

/**
 * A picture's file name printed in its place: "123927856.jpg" (n-tv), "faehre_rhein_pixabay_07122026" (report-K, no
 * extension): no spaces, and an image extension or words joined by underscores.
 */
export function isPictureFileName(text: string): boolean {
  const t = text.trim();
  return /^[^\s/]{1,120}\.(?:jpe?g|png|gif|webp)(?:[^\s]{0,60})$/i.test(t) || (t.length <= 120 && /^[\p{L}\d]+(?:[_-][\p{L}\d]+)*_[\p{L}\d]+(?:[_-][\p{L}\d]+)*$/u.test(t) && /\d/.test(t));
}

/** A paragraph of running text: a sentence of some length, or simply long. A teaser may end with its byline ("… a used car. By Mara Example"). */
export function isRunningText(text: string): boolean {
  const t = text.replace(/([.!?…]["'“”»«’)]*)\s+(?:(?:ein\s+)?beitrag\s+von|von|by)\s+\p{Lu}[\p{L}'’., -]{2,80}$/iu, '$1');
  return t.length >= 200 || (endsSentence(t) && t.length >= 50 && wordCount(t) >= 8) ||
    // Two sentences, the last without its stop ("… lahm. Was Reisende jetzt wissen müssen"). A stop after an abbreviation
    // ("Dr. Müller", "St. Pauli") ends no sentence; a question or exclamation before a second part is a headline's ("Ein
    // Jahr Ersatzverkehr? Die Linie 2 …"), and a label, © or slash in the last part a glued credit's ("… Foto: HL/Archiv").
    (t.length >= 60 && wordCount(t) >= 10 && /\p{Ll}{3}\.["“”»«’)]*\s+\p{Lu}[^:©/|.!?]+$/u.test(t));
}

/** A line that is one quotation, marks on both ends: „…“, "…", »…«, “…”. */
export function isQuoteLine(text: string): boolean {
  return text.length >= 12 && /^[„"“»«‚'][^„"“”»«]{8,}["“”«»‘']$/.test(text);
}
