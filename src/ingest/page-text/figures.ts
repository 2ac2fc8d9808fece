import { LIMITS, type Figure, type FigureKind } from '../../content/index.js';
import { isPhotographer, isTextSource, looksLikeBareCredit, parseCreditLine, sameCredit, splitCaptionCredit } from './credits.js';
import { isPersonName, parseByline } from './byline.js';
import { parseDateLine } from './dates.js';
import { endsSentence, endsWithStop, hasSentenceBreak, isOneSentence, isRunningText, sameGroup, sharedContentWords, startsUpper, wordCount, type Line } from './lines.js';

/**
 * Pictures in page text. A crawler prints an image as its alt text, then the
 * caption line, which ends with the rights line ("Bildrechte: dpa"), all in one
 * box (no blank line between). Variants handled, in order of preference:
 *
 *   A  alt / caption + credit          "…die Hand" / "…in Genf. Bildrechte: dpa"
 *   B  alt / caption / credit line     credit on its own line, labelled or bare ("dpa")
 *   C  caption + credit                no alt line: the caption doubles as alt text
 *   D  caption / credit line           same, credit on the next line
 *   E  alt / credit line               picture without caption (author photos)
 *
 * Weak labels ("Quelle:", "Grafik:") and bare names in parentheses count only in
 * A and B, where an alt line makes the picture certain; otherwise a paragraph
 * ending in "Quelle: Statistisches Landesamt" would turn into an image.
 */

export interface FoundFigure {
  figure: Figure;
  /** Further pictures of the same box (a slider printed as counters and captions). */
  more?: Figure[];
  /** Index of the first line after the figure. */
  next: number;
}

/** Labels a caption is printed under or after ("Bildbeschreibung" alone, "Legende: …"). */
const CAPTION_LABELS = 'bildbeschreibung|bildunterschrift|bildzeile|bildtext|bildlegende|beschreibung|legende|caption';
/** A caption's label printed alone on its line. */
const CAPTION_LABEL = new RegExp(`^(?:${CAPTION_LABELS})\\s*:?$`, 'i');
/** A caption after its label on the same line. */
const LABELLED_CAPTION = new RegExp(`^(?:${CAPTION_LABELS})\\s*:\\s*(\\S.*)$`, 'i');

const COUNTER = /^(\d{1,2})\s*\/\s*(\d{1,2})$/;
/** A photographer in capitals, a slash and the outlet or agency in capitals ("LENA BEISPIEL / IMAGO", "MIKAELA NAME / FREE PRESS"). */
const CAPS_CREDIT = `(?:\\p{Lu}[\\p{Lu}'-]+\\.?\\s+){1,3}\\/\\s*(?:\\p{Lu}[\\p{Lu}\\d&.-]*\\s?){1,3}`;
/** That credit glued before the caption (SPIEGEL): credit and caption are groups 1 and 2. */
const CAPS_CREDIT_BEFORE = new RegExp(`^(${CAPS_CREDIT}?)\\s*(\\p{Lu}\\p{Ll}.{10,}[.!?]["'“”»«’)]*)$`, 'u');
/** That credit alone on its line (Winnipeg Free Press). */
const CAPS_CREDIT_ALONE = new RegExp(`^${CAPS_CREDIT}$`, 'u');
const LABEL_BEFORE = new RegExp(`^(?:${CAPTION_LABELS})\\s*:\\s*(?=\\S)`, 'i');

/** "Bildunterschrift: Blick auf …" → "Blick auf …": a caption without the label printed before it. */
export function withoutCaptionLabel(text: string): string {
  return text.replace(LABEL_BEFORE, '');
}

/**
 * A picture slider as a crawl prints it (Bild): "1/3", caption, "2/3", caption,
 * …, then one credit line for the slider. Every caption becomes a picture
 * with that credit.
 */
function trySlider(lines: Line[], i: number, end: number): FoundFigure | undefined {
  const c0 = COUNTER.exec(lines[i]?.text ?? '');
  if (!c0 || c0[1] !== '1') return undefined;
  const captions: string[] = [];
  // A credit under one picture's caption, before the next counter (Blick: "Foto: zvg").
  const own: Array<string | undefined> = [];
  let k = i;
  while (k + 1 < end && sameGroup(lines[k], lines[k + 1]) && COUNTER.test(lines[k]!.text)) {
    const cap = lines[k + 1]!.text;
    if (COUNTER.test(cap) || cap.length > Math.min(LIMITS.caption, LIMITS.alt)) return undefined;
    captions.push(cap);
    k += 2;
    const cr = k + 1 < end && sameGroup(lines[k - 1], lines[k]) && COUNTER.test(lines[k + 1]!.text) ? parseCreditLine(lines[k]!.text) : undefined;
    own.push(cr?.credit);
    if (cr) k++;
  }
  if (captions.length < 2) return trySliderPairs(lines, i, end, Number(c0[2]));
  const creditLine = k < end && sameGroup(lines[k - 1], lines[k]) ? parseCreditLine(lines[k]!.text) : undefined;
  if (creditLine) k++;
  const figs = captions.map((text, n): Figure => {
    // "Oberbürgermeisterin … vor dem Rathaus. Foto: Jan Beispiel": a credit glued to the caption is the picture's own.
    const glued = own[n] ? undefined : splitCaptionCredit(text);
    const cap = glued?.caption && glued.credit ? glued.caption : text;
    const credit = own[n] ?? (glued?.caption && glued.credit ? glued.credit : undefined) ?? creditLine?.credit;
    return { kind: figureKind(cap), alt: cap, caption: cap, ...(credit && { credit }) };
  });
  return { figure: figs[0]!, more: figs.slice(1), next: k };
}

/**
 * A gallery printed as one counter ("1/4") and then caption and credit line by
 * line (heute.at): "Die Feuerwehr löschte …" / "Leserreporter" / "Die Küche …" /
 * "MA 68 Lichtbildstelle". A caption ends a sentence; a credit is a short line
 * that does not. Two pairs at least, at most as many as the counter says.
 */
function trySliderPairs(lines: Line[], i: number, end: number, total: number): FoundFigure | undefined {
  const read = readCaptionCreditPairs(lines, i + 1, end, {
    firstJoined: sameGroup(lines[i], lines[i + 1]), max: total, creditWords: 6,
    allowed: (cap, cr) => !COUNTER.test(cap.text) && !COUNTER.test(cr.text),
  });
  return read.figs.length >= 2 ? { figure: read.figs[0]!, more: read.figs.slice(1), next: read.next } : undefined;
}

/**
 * Caption and credit line by line from `first`, all in one box: a caption ends a
 * sentence, a credit is a short line that does not. Stops at the first pair that
 * is not one. `anchored` says whether any credit was recognisable as one.
 */
function readCaptionCreditPairs(lines: Line[], first: number, end: number, opts: {
  firstJoined: boolean; max: number; creditWords: number; allowed: (cap: Line, cr: Line) => boolean;
}): { figs: Figure[]; next: number; anchored: boolean } {
  const figs: Figure[] = [];
  let anchored = false;
  let k = first;
  while (figs.length < opts.max && k + 1 < end && (k === first ? opts.firstJoined : sameGroup(lines[k - 1], lines[k])) && sameGroup(lines[k], lines[k + 1])) {
    const cap = lines[k]!;
    const cr = lines[k + 1]!;
    if (!endsSentence(cap.text) || cap.text.length > Math.min(LIMITS.caption, LIMITS.alt)) break;
    if (cr.text.length > 60 || wordCount(cr.text) > opts.creditWords || /[.!?:]$/.test(cr.text) || !/^[\p{Lu}\d©]/u.test(cr.text)) break;
    if (!opts.allowed(cap, cr)) break;
    const labelled = parseCreditLine(cr.text);
    if (labelled?.strong || looksLikeBareCredit(cr.text)) anchored = true;
    figs.push({ kind: figureKind(cap.text), alt: cap.text, caption: cap.text, credit: labelled?.credit ?? cr.text.trim() });
    k += 2;
  }
  return { figs, next: k, anchored };
}

/** "Legende: Ein Lieferwagen vor dem Lager. SRF": a caption after its label, a bare credit after the caption's last sentence. */
function legendCaption(text: string): { caption: string; credit?: string } | undefined {
  const m = LABELLED_CAPTION.exec(text);
  if (!m) return undefined;
  const rest = m[1]!;
  const labelled = splitCaptionCredit(rest);
  if (labelled?.caption) return { caption: labelled.caption, credit: labelled.credit };
  const tail = /^(.*[.!?]["'“”»«’)]*)\s+([^.!?]{2,80})$/u.exec(rest);
  if (tail && looksLikeBareCredit(tail[2]!, { allCaps: true })) return { caption: tail[1]!, credit: tail[2]!.trim() };
  return { caption: rest };
}

/** Picture agencies: their name in a credit marks a photo's rights, where a news agency's may name a text's source. */
const PICTURE_AGENCIES = 'imago|picture[- ]alliance|getty(?: images)?|istock|shutterstock|keystone|action press|pa (?:wire|media|images|archive)|epa(?:-efe)?';
const PICTURE_AGENCY = new RegExp(`\\b(?:${PICTURE_AGENCIES})\\b`, 'i');
/** News and picture agencies. */
const AGENCY = new RegExp(`\\b(?:dpa|afp|ap|reuters|epd|kna|${PICTURE_AGENCIES})\\b`, 'i');

/** Words that make capitalised words an institution, not a photographer ("Polizeipräsidium Oberbayern Süd"). */
const INSTITUTION_WORD = /(?:amt|präsidium|betriebe|verwaltung|ministerium|behörde|bank|polizei|stadt|gemeinde|landkreis|kreis|verband|verein|institut|universität|agentur|gmbh|\bag\b|e\.\s?v\.|stiftung|zentrum|werke|\brat\b|senat|büro|dienst|feuerwehr|klinik|schule|kirche|bistum|museum|ministry|council|department|office|agency|police|university)/i;

/** Map, graphic or photo, from the words of the alt text (then the caption). */
export function figureKind(alt: string, caption = ''): FigureKind {
  for (const text of [alt, caption]) {
    if (/\b(?:Landkarte|Karte|Übersichtskarte|Lagekarte|Wetterkarte|Stadtplan|Lageplan|Kartenausschnitt|maps?)\b/i.test(text)) return 'map';
    if (/\b(?:Grafik|Grafiken|Infografik|Diagramm|Schaubild|Chart|Charts|Graphic|Infographic|Grafikmodul)\b/i.test(text)) return 'graphic';
  }
  return 'image';
}

function clip(text: string, max: number): string | undefined {
  const t = text.trim();
  return t && [...t].length <= max ? t : undefined;
}

/**
 * An alt-text line: short, and without a final period unless it opens its box
 * (then the box is the picture). A line of running text that merely precedes a
 * caption in a page without blank lines keeps its period and stays a paragraph.
 */
function isAltLine(lines: Line[], i: number, isStructural: (l: Line) => boolean): boolean {
  const l = lines[i];
  if (!l || l.text.length > LIMITS.alt || isStructural(l)) return false;
  // A short line with a date ("Sendung vom 05.03.2026", "Stand: 12.03.2026") is the page's metadata, no picture's description.
  if (l.text.length <= 50 && /\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b/.test(l.text)) return false;
  const opensGroup = !sameGroup(lines[i - 1], l);
  // The caption printed twice, the second time with its credit ("So sah das Tor aus." / "So sah das Tor aus. (Foto: …)"):
  // the first copy is the picture's alt text.
  const next = lines[i + 1]?.text;
  if (next && next.length > l.text.length + 3 && next.startsWith(l.text) && sameGroup(l, lines[i + 1])) return true;
  // Two sentences and more over 100 characters are a paragraph ("Update vom …, 17.02 Uhr: In Pullach … Jahres.", a teaser right over the
  // caption and its credit), not a picture's description.
  if (l.text.length > 100 && /[.!?]["“”»«’)]*\s+[\p{Lu}„"«»]/u.test(l.text) && endsSentence(l.text)) return false;
  return opensGroup || !endsSentence(l.text);
}

/** A bare rights line under a video's still ("© HAMBURG 1", "Copyright: Rundschau/Name"). */
export const STILL_RIGHTS = /^(?:©|copyright\b)/i;

/**
 * A video page's description, two sentences or more and 150 characters at least, over its still's bare rights line:
 * the page's text (the head's teaser), not a caption.
 */
export function describesVideoStill(text: string, next: string | undefined): boolean {
  return text.length >= 150 && !!next && STILL_RIGHTS.test(next.trim()) && hasSentenceBreak(text);
}

/** A picture from a caption and its credit read elsewhere (the head's caption over its rights line). */
export function captionFigure(caption: string, credit: string): Figure | undefined {
  return build(caption, caption, credit);
}

function build(alt: string, caption: string | undefined, credit: string | undefined): Figure | undefined {
  // "Kisten mit Gemüse … | Bildquelle: WDR": the bar that joined caption and credit stays behind.
  // "… des Thüringer Landtags. 6 min": the clip's length glued after the caption.
  // "Zoom Der Wagen kommt im Herbst …" (AUTO BILD): the zoom button's label before the caption.
  // "Bildunterschrift: Blick auf …": the caption's label before it.
  const bare = (t: string) => withoutCaptionLabel(t).replace(/^(?:Zoom|Vergrößern|Bild vergrößern|Enlarge|Expand)\s+(?=\p{Lu})/u, '').replace(/\s+[|·•–—-]\s*$/, '').replace(/([.!?]["'“”»«’)]*)\s+\d{1,3}(?::\d{2})?\s*(?:min|sek|sec)\.?$/i, '$1');
  alt = bare(alt);
  if (caption) caption = bare(caption);
  // "Marktstände vor dem Rathaus in FreiburgWährend der Sanierung …": the alt text glued to the caption.
  if (caption && caption === alt) {
    const glued = /^([^.!?]{12,}?\p{Ll}{3})(\p{Lu}\p{Ll}{2,}\s.*[.!?]["'“”»«’)]*)$/u.exec(caption);
    if (glued && wordCount(glued[1]!) >= 3 && wordCount(glued[2]!) >= 4) {
      alt = glued[1]!;
      caption = glued[2]!;
    }
  }
  // "© LEADERSNET/K. Name" read as a bare credit line: the sign is no part of the name.
  if (credit) credit = credit.replace(/^©\s*/, '') || credit;
  // "Caption. Foto: Name/DPA Caption.": a caption printed again after its credit is no part of the credit (GEA).
  if (credit && caption && caption.length >= 12 && credit.endsWith(` ${caption}`)) credit = credit.slice(0, -caption.length - 1).trim();
  // "… schneiden das Band durch. Foto: Name" over "… | Foto: Name": the caption's own copy of the credit goes.
  // Only where the credit's text stands in the caption or alt text (the patterns are built per credit).
  if (credit && ((caption?.includes(credit) ?? false) || alt.includes(credit))) {
    const esc = credit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const glued = new RegExp(`\\s*[|–-]?\\s*(?:Foto|Fotos|Bild|Photo|Image|Credit|Quelle)\\s*:\\s*${esc}$`, 'i');
    if (caption && glued.test(caption)) caption = caption.replace(glued, '');
    if (glued.test(alt)) alt = alt.replace(glued, '');
    // "Caption. Foto: Name/DPA Caption.": the caption printed twice around its credit (GEA).
    const around = new RegExp(`^(.{12,}?)\\s*(?:Foto|Fotos|Bild|Photo|Image)\\s*:\\s*${esc}\\s+\\1$`, 'i');
    if (caption && around.test(caption)) caption = caption.replace(around, '$1');
    if (around.test(alt)) alt = alt.replace(around, '$1');
  }
  // A lone bar or dash where the caption would stand ("|" / "Foto: Name", Kontext): no picture text.
  if (!/[\p{L}\d]/u.test(alt)) return undefined;
  const a = clip(alt, LIMITS.alt);
  if (a === undefined) return undefined;
  const fig: Figure = { kind: figureKind(a, caption), alt: a };
  const c = caption ? clip(caption, LIMITS.caption) : undefined;
  if (caption && !c) return undefined;
  if (c) fig.caption = c;
  if (credit) fig.credit = credit;
  return fig;
}

/**
 * Tries to read a figure starting at line `i` (all its lines in one group).
 * `isStructural` says which lines can never be alt/caption (badges, dates,
 * ticker entries), so the caller's own classifications win.
 */
export function tryFigure(lines: Line[], i: number, end: number, isStructural: (l: Line) => boolean): FoundFigure | undefined {
  const slider = trySlider(lines, i, end);
  if (slider) return slider;
  // "Image source, Agency" / "Image caption, Text" (British sites): the source first.
  const src = /^Image source,\s*(\S.{0,100})$/i.exec(lines[i]?.text ?? '');
  const capLine = i + 1 < end ? /^Image caption,\s*(\S.*)$/i.exec(lines[i + 1]!.text) : null;
  if (src && capLine) {
    const fig = build(capLine[1]!, capLine[1]!, src[1]!.trim());
    if (fig) return { figure: fig, next: i + 2 };
  }
  const l0 = lines[i];
  if (!l0 || l0.text.length > LIMITS.caption + LIMITS.credit + 20 || isStructural(l0)) return undefined;
  const l1 = i + 1 < end && sameGroup(l0, lines[i + 1]) ? lines[i + 1] : undefined;
  const l2 = l1 && i + 2 < end && sameGroup(l1, lines[i + 2]) ? lines[i + 2] : undefined;
  // G: a rights line, a caption label alone, the caption ("Bildrechte: BR/Name" / "Bildbeschreibung" / "Ein Kran …").
  if (l1 && l2 && CAPTION_LABEL.test(l1.text) && !isStructural(l2) && l2.text.length <= Math.min(LIMITS.caption, LIMITS.alt)) {
    const cr = parseCreditLine(l0.text);
    if (cr?.strong) {
      const fig = build(l2.text, l2.text, cr.credit);
      if (fig) return { figure: fig, next: i + 3 };
    }
  }
  const endsGroupAt = (k: number) => k + 1 >= end || !sameGroup(lines[k], lines[k + 1]);
  /** Running text at line k (of at least `min` characters): a paragraph around a picture's lines, not a caption. */
  const proseAt = (k: number, min = 0) => k >= 0 && k < end && isRunningText(lines[k]!.text) && lines[k]!.text.length >= min;
  const opensGroup = !sameGroup(lines[i - 1], l0);
  // I: rights lines in a box of their own, then the caption alone in the next box
  // ("© BR" / "Bildrechte: BR/Name", blank line, "Feuerwehrleute schichten …", BR24).
  {
    let k = i;
    let credit: string | undefined;
    while (k < end && k < i + 3 && (k === i || sameGroup(lines[k - 1], lines[k]))) {
      const cr = parseCreditLine(lines[k]!.text);
      if (!cr?.strong) break;
      credit = cr.credit.length >= (credit?.length ?? 0) ? cr.credit : credit;
      k++;
    }
    const cap = lines[k];
    // Not when a caption-like line stands in the box before: then the credit is that caption's
    // (n-tv prints caption, then "(Foto: dpa)" alone, then the text).
    const before = lines[i - 1];
    // A paragraph of running text before is no caption: its sentences run on, or it is long.
    // A caption of two short sentences over a longer paragraph owns it too ("Über die Brücke rollen 18.000 Autos. Sie
    // wurde 1956 eröffnet." / "Foto: Name/dpa" / "Hameln – Die Münsterbrücke …", a page without blank lines).
    const shortCaption = !!before && !!cap && before.text.length <= 160 && endsSentence(before.text) && (before.text.match(/[.!?]["“”»«’)]*\s+[\p{Lu}„"]/gu) ?? []).length <= 1 &&
      cap.text.length > before.text.length + 40;
    const ownsCredit = !!before && !sameGroup(before, l0) && (endsSentence(before.text) || wordCount(before.text) > 4) &&
      (!(before.text.length > 200 || hasSentenceBreak(before.text)) || shortCaption);
    // Under the page's date line a lone credit has no caption to come: two sentences after it are the teaser
    // ("06.03.2026 | 09:15 Uhr" / "Foto: dpa" / "Das neue Hallenbad … . Grund sind …").
    const teaserNext = !!before && !!parseDateLine(before.text) && !!cap && hasSentenceBreak(cap.text);
    if (credit && k > i && k < end && !ownsCredit && !teaserNext && !sameGroup(lines[k - 1], cap) && cap && !isStructural(cap) && endsGroupAt(k) &&
      endsSentence(cap.text) && cap.text.length <= Math.min(LIMITS.caption, 300) && !(cap.text.length > 200 && /[.!?]\s+\p{Lu}/u.test(cap.text)) && !parseCreditLine(cap.text)) {
      const fig = build(cap.text, cap.text, credit);
      if (fig) return { figure: fig, next: k + 1 };
    }
  }
  // J: a credit in capitals glued before the caption ("LENA BEISPIEL / IMAGO Gesenkte Köpfe …", SPIEGEL).
  const capsFirst = CAPS_CREDIT_BEFORE.exec(l0.text);
  if (capsFirst && opensGroup) {
    const fig = build(capsFirst[2]!, capsFirst[2]!, capsFirst[1]!.trim());
    if (fig) return { figure: fig, next: i + 1 };
  }
  // J1: the same credit in capitals alone on its line, the caption on the next, one box ("MIKAELA NAME / FREE PRESS" /
  // "Volunteer … shortly after midnight.", Winnipeg Free Press).
  if (opensGroup && l1 && endsGroupAt(i + 1) && l0.text.length <= 60 && CAPS_CREDIT_ALONE.test(l0.text) && isOneSentence(l1.text, 250) &&
    !isStructural(l1)) {
    const fig = build(l1.text, l1.text, l0.text.trim());
    if (fig) return { figure: fig, next: i + 2 };
  }
  // J2: a credit and a colon before the caption ("zvg: So könnte …", "lbe: Am Geländer …", "Webseite Kanton Zug/Montage
  // zentralplus: Finanzdirektor …", zentralplus): a photographer's initials in lower case, or a source with a slash and a
  // picture word; a place before a colon ("Berlin/Brüssel: Die EU …") names no picture.
  const colonAt = opensGroup ? l0.text.indexOf(':') : -1;
  const creditColon = colonAt >= 2 && colonAt <= 60 ? /^([^:]{2,60}):\s+(\p{Lu}.{10,})$/u.exec(l0.text) : null;
  if (creditColon && isOneSentence(creditColon[2]!, 250)) {
    const cr = creditColon[1]!.trim();
    const initials = /^(?:zvg|[a-zäöü]{2,4})$/.test(cr);
    const sourced = cr.includes('/') && /\b(?:montage|keystone|dpa|imago|zvg|archiv|archivbild|foto|bild|getty|afp|reuters|ap|apa|sda)\b/i.test(cr);
    if (initials || sourced) {
      const fig = build(creditColon[2]!, creditColon[2]!, cr);
      if (fig) return { figure: fig, next: i + 1 };
    }
  }
  // H: a caption printed twice on one line (alt text and caption run together), then the
  // credit: labelled, or a bare name closing the box ("Lennart Beispiel", KStA).
  const twice = /^(.{20,}?[.!?]["'“”»«’)]*) \1$/u.exec(l0.text);
  if (twice) {
    const cap = twice[1]!;
    const cr = l1 && !isStructural(l1) ? parseCreditLine(l1.text) : undefined;
    const name = l1 && !cr && endsGroupAt(i + 1) && (looksLikeBareCredit(l1.text) || isPersonName(l1.text)) ? l1.text.trim() : undefined;
    const credit = cr?.credit ?? name;
    const fig = build(cap, cap, credit);
    if (fig) return { figure: fig, next: i + (credit ? 2 : 1) };
  }

  // K: the alt text, then the same text again with the credit glued on ("Tabelle 25. Spieltag" /
  // "Tabelle 25. SpieltagFlashscore", "… Spieltag." / "… Spieltag.Profimedia/Flashscore").
  if (l1 && !isStructural(l1) && l0.text.length >= 8 && l1.text.startsWith(l0.text)) {
    const glued = l1.text.slice(l0.text.length);
    if (/^\p{Lu}/u.test(glued) && glued.length <= 60 && (looksLikeBareCredit(glued) || /^\p{Lu}[\p{L}\d.&-]{2,30}$/u.test(glued))) {
      const fig = build(l0.text, l0.text, glued.trim());
      if (fig) return { figure: fig, next: i + 2 };
    }
  }

  // P: captions and their credits line by line, alone in one box ("Der Lieferwagen kam …" / "20min/Leserreporter" /
  // "Die Kantonspolizei sperrte …" / "Kantonspolizei Zürich", 20 Minuten): two pairs at least, one credit recognisable.
  if (opensGroup && l1 && l2) {
    const read = readCaptionCreditPairs(lines, i, end, {
      firstJoined: true, max: Infinity, creditWords: 5,
      allowed: (cap, cr) => !isStructural(cap) && !isStructural(cr) && !parseCreditLine(cap.text),
    });
    if (read.figs.length >= 2 && read.anchored && endsGroupAt(read.next - 1)) return { figure: read.figs[0]!, more: read.figs.slice(1), next: read.next };
  }

  // A caption with its own label ("Symbolbild: Ein Streifenwagen …", "Archivbild: …") over a rights line, anywhere in a box.
  const labelledCaption = !!l1 && /^(?:Symbolbild|Symbolfoto|Archivbild|Archivfoto|Themenbild|Themenfoto)\s*:\s*\p{Lu}/u.test(l0.text) &&
    l0.text.length <= 250 && (!!parseCreditLine(l1.text)?.strong || (looksLikeBareCredit(l1.text) && /[/|]/.test(l1.text)));
  // The page's date line right above (a caption under it is the lead picture's, not a paragraph).
  const prevText = lines[i - 1]?.text ?? '';
  // Asked only where a caption is in question: tryFigure runs on every line.
  const dateAbove = () => /\d/.test(prevText) && (!!parseDateLine(prevText) ||
    (prevText.length <= 80 && /\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/.test(prevText) && !endsSentence(prevText)));
  // A line that is only a credit; a bare name ("dpa") only when it closes the box.
  const creditOnly = (l: Line | undefined, k: number): { credit: string; kind: 'strong' | 'weak' | 'known' | 'bare' } | undefined => {
    if (!l || isStructural(l)) return undefined;
    const labelled = parseCreditLine(l.text);
    if (labelled) return { credit: labelled.credit, kind: labelled.strong ? 'strong' : labelled.known ? 'known' : 'weak' };
    if (endsGroupAt(k) && looksLikeBareCredit(l.text, { allCaps: true })) return { credit: l.text.trim(), kind: 'bare' };
    // "(Getty Images)", "[Jane Example/Reuters]", "(Supplied)": a bare credit in brackets alone on its line, closing the box.
    const inBrackets = endsGroupAt(k) ? unbracketed(l.text) : undefined;
    if (inBrackets && looksLikeBareCredit(inBrackets)) return { credit: inBrackets, kind: 'bare' };
    // Under a labelled caption a bare credit with its separator need not close the box ("picture alliance/dpa | Name").
    if (labelledCaption && k === i + 1 && looksLikeBareCredit(l.text) && /[/|]/.test(l.text)) return { credit: l.text.trim(), kind: 'bare' };
    // A photographer's name alone between a caption and running text in one box (heute.at): not a byline,
    // which a date would follow.
    const after = lines[k + 1];
    if (k === i + 1 && isPersonName(l.text) && !!after && k + 1 < end && sameGroup(l, after) && after.text.length >= 80 && endsSentence(after.text) &&
      endsSentence(lines[i]!.text) && lines[i]!.text.length <= 200) return { credit: l.text.trim(), kind: 'bare' };
    // A photographer's name closing a box of two lines under a one-sentence caption ("Ein Bus hält am Markt." / "Lena Beispiel").
    if (k === i + 1 && opensGroup && endsGroupAt(k) && isPhotographer(l.text) && wordCount(l.text) <= 3 && !parseByline(l.text) &&
      isOneSentence(lines[i]!.text)) return { credit: l.text.trim(), kind: 'bare' };
    // "Helmut Testner, zVg", "Name (Repro)": a photographer with the Austrian provided-by or reproduction mark.
    if (l.text.length <= 60 && /^[\p{Lu}].*(?:,\s*zVg|\s\(Repro\)|,\s*z\.\s?V\.\s?g\.)$/u.test(l.text)) return { credit: l.text.trim(), kind: 'strong' };
    return undefined;
  };

  // Not when the caption is printed twice right below (alt text and caption of one picture, SWP): the line over them is
  // the page's, not the picture's.
  if (l1 && !isStructural(l1) && !(l2 && l2.text === l1.text) && isAltLine(lines, i, isStructural)) {
    // "Legende: Caption. Keystone/Name" (SRF): a labelled caption, the credit after its last sentence.
    // "Bildunterschrift: Caption." over "Foto: Name": the credit on the line under it.
    const legend = legendCaption(l1.text);
    if (legend) {
      const under = legend.credit ? undefined : creditOnly(l2, i + 2);
      const fig = build(l0.text, legend.caption, legend.credit ?? under?.credit);
      if (fig) return { figure: fig, next: under ? i + 3 : i + 2 };
    }
    // A: alt / caption + credit
    const cc = splitCaptionCredit(l1.text);
    if (cc && cc.caption) {
      const fig = build(l0.text, cc.caption, cc.credit);
      if (fig) return { figure: fig, next: i + 2 };
    }
    // B: alt / caption / credit line
    // Not two words of a menu over a credit ("Bayern" / "Schwaben" / "© BR"): a caption says something.
    // Nor a section line with a bar over a headline and its rights line ("Gesellschaft | Wohnen" / "Leerstand in …" /
    // "Foto: salto" / teaser): an alt text is no list of sections.
    const sectionsOver = / [|] /.test(l0.text) && wordCount(l0.text) <= 6 && !endsSentence(l1.text);
    if (l2 && !cc && !sectionsOver && l1.text.length <= LIMITS.caption && (wordCount(l1.text) >= 3 || endsSentence(l1.text))) {
      const cr = creditOnly(l2, i + 2);
      // A weak label ("Quelle: FM1Today/Name") under several sentences names the text's source, not a picture's.
      if (cr && !(cr.kind === 'known' && hasSentenceBreak(l1.text))) {
        const fig = build(l0.text, l1.text, cr.credit);
        if (fig) return { figure: fig, next: i + 3 };
      }
    }
  }

  // F: the credit first, then the caption, the two alone in their box ("picture alliance/dpa | Name" / "Ein Plakat …",
  // "Getty Images" / "A fallen tree …").
  if (l1 && opensGroup && endsGroupAt(i + 1) && !isStructural(l1) && l1.text.length <= Math.min(LIMITS.caption, LIMITS.alt) &&
    !parseCreditLine(l1.text) && looksLikeBareCredit(l0.text) && (/[/|]/.test(l0.text) || PICTURE_AGENCY.test(l0.text)) && !/[.!?]$/.test(l0.text) && !/[.!?]\s/.test(l0.text) &&
    AGENCY.test(l0.text)) {
    // A label before the agency's credit ("Foto: Name/dpa") is no part of it.
    const fig = build(l1.text, l1.text, parseCreditLine(l0.text)?.credit ?? l0.text.trim());
    if (fig) return { figure: fig, next: i + 2 };
  }

  // F2: a labelled credit, then the caption, the two alone in their box ("Foto: Name" / "Sein Anwalt … im Saal 3", BILD).
  if (l1 && opensGroup && endsGroupAt(i + 1) && !isStructural(l1) && l1.text.length <= Math.min(LIMITS.caption, LIMITS.alt) &&
    wordCount(l1.text) >= 4 && !parseCreditLine(l1.text) && !splitCaptionCredit(l1.text) &&
    // Not "(Foto: dpa)" over running text (n-tv): that credit closes the caption above it.
    !l0.text.startsWith('(') && !(l1.text.length > 200 && /[.!?]\s+\p{Lu}/u.test(l1.text))) {
    const cr = parseCreditLine(l0.text);
    if (cr?.strong) {
      const fig = build(l1.text, l1.text, cr.credit);
      if (fig) return { figure: fig, next: i + 2 };
    }
  }

  // C: caption + credit, strong label only (bare "(dpa)" only for a caption alone in its box).
  const cc0 = splitCaptionCredit(l0.text);
  // A bare "(SWR/Name)" also counts when the same credit follows alone on the next line.
  // The whole line printed again below it, perhaps with a link glued on ("… (AP Photo/Name)Read More").
  const printedAgain = !!l1 && l1.text.length > l0.text.length - 1 && l1.text.startsWith(l0.text) && l1.text.length - l0.text.length <= 20;
  const repeated = !!cc0 && !!l1 && (sameCredit(l1.text, cc0.credit) || printedAgain);
  // A source label glued to the caption's last stop ("… überholt.Quelle: Name", Madsack): two elements run together,
  // a picture's credit rather than a paragraph naming its source.
  const gluedSource = !!cc0?.known && cc0.caption.length <= 300 && /[.!?]["“”»«’)]*(?:Quelle|Source):/u.test(l0.text);
  // Inside a box, a bare credit in brackets after one sentence counts when it names agency and photographer
  // ("Ein Bus hält am Markt. (Lena Example/dpa)"); "(dpa)" alone after a sentence is the text's source.
  // A caption without a stop too where the credit names a picture agency ("Ein Biberdamm bei Lübbenau (picture alliance /
  // dpa / Name)" under the byline, Deutschlandfunk).
  const phrase = !!cc0 && !endsSentence(cc0.caption) && !hasSentenceBreak(cc0.caption) && cc0.caption.length <= 200 && wordCount(cc0.caption) >= 3;
  const namedBare = !!cc0?.bare && /[/|]/.test(cc0.credit) && (isOneSentence(cc0.caption, 200) || (phrase && PICTURE_AGENCY.test(cc0.credit)));
  // "18:42 11.06.2019" / "Eine Stadtbahn … fahren. Quelle: Name" (Madsack's head): a source label after the caption
  // right under the page's date line is the lead picture's credit.
  // The same for a bare credit in brackets ("… abgibt. (Daniel Name)") under a date line with more on it ("14.06.2024 -
  // 12:05 Uhr | Lesedauer: 3 Minuten"); both had only been read with the date line taken as the picture's alt text.
  const underDate = !!cc0 && (!!cc0.known || (!!cc0.bare && endsSentence(cc0.caption))) && cc0.caption.length <= 300 && dateAbove();
  // "Sanitäter vor dem Klinikum. Quelle: Name/dpa" alone in its box: a source label after one sentence names a picture's
  // rights where the credit has a photographer's and an agency's shape (a slash or a bar) or names a picture agency;
  // "… Quelle: Landesamt" or "… Quelle: dpa" after a paragraph stays the text's source.
  // A photographer's name counts too ("… Quelle: Elia Testmann"), and the credit printed again on the next line.
  // Between two paragraphs of one box too ("… leer. Die Kosten …" / "Bürgermeister X vor dem Jugendtreff. Quelle: Name" /
  // "„Die Jugendlichen …“, sagte …"): a paragraph's source does not stand between two of its paragraphs.
  const between = !opensGroup && !endsGroupAt(i) && proseAt(i - 1) && proseAt(i + 1);
  const photoSource = !!cc0?.known && ((opensGroup && (endsGroupAt(i) || repeated)) || between) && isOneSentence(cc0.caption, 250) &&
    (/\S\s?[/|]\s?\S/.test(cc0.credit) || PICTURE_AGENCY.test(cc0.credit) ||
      (isPersonName(cc0.credit) && !INSTITUTION_WORD.test(cc0.credit)));
  if (cc0 && cc0.caption && (cc0.strong || gluedSource || namedBare || underDate || photoSource || (cc0.bare && opensGroup && (endsGroupAt(i) || repeated) && l0.text.length <= 300))) {
    const fig = build(cc0.caption, cc0.caption, cc0.credit);
    // Some sites print the credit again alone on the next line.
    const again = l1 && (sameCredit(l1.text, cc0.credit) || printedAgain) ? 1 : 0;
    if (fig) return { figure: fig, next: i + 1 + again };
  }

  // D / E: caption or alt, then a credit line: a strong label, or a bare name
  // closing the box; a weak label ("Quelle:") only under an alt-like line, since
  // "Paragraph. / Quelle: Landesamt" is a paragraph with its source.
  // A caption right under the byline in the byline's box (sports portals): the byline closes
  // what came before, so the caption opens the picture; a short line with a strong credit only.
  const afterByline = !opensGroup && !!lines[i - 1] && !!parseByline(lines[i - 1]!.text) && l0.text.length <= 200 &&
    !!l1 && !!parseCreditLine(l1.text)?.strong;
  // A caption and its rights line closing a paragraph's box ("Update vom …: In Pullach …" / "Feuerwehrleute pumpen …" /
  // "© Name", Ippen): one sentence, a strong credit, and the box ends there.
  const closesBox = !opensGroup && !!l1 && !!parseCreditLine(l1.text)?.strong && endsGroupAt(i + 1) && isOneSentence(l0.text) &&
    !!lines[i - 1] && isRunningText(lines[i - 1]!.text);
  // A one-sentence caption right under the page's date line over its rights line ("14.06.2024 - 12:05 Uhr" / caption /
  // "Quelle: Name"): the lead picture.
  const underDateLine = !!l1 && !cc0 && endsSentence(l0.text) && isOneSentence(l0.text, 250) && dateAbove();
  // The same inside one box of running text ("… an." / "Auf den Hügeln drehen sich sechs Windräder." / "Quelle: AFP" /
  // "Mit elf zu neun Stimmen …", ZDFheute without blank lines): a short sentence and a picture source between paragraphs.
  const sourceBetween = !opensGroup && !!l1 && !!l2 && !endsGroupAt(i + 1) && isOneSentence(l0.text, 150) && proseAt(i - 1) && proseAt(i + 2, 80) &&
    !!parseCreditLine(l1.text)?.known;
  if (l1 && !cc0 && (opensGroup || afterByline || closesBox || labelledCaption || underDateLine || sourceBetween)) {
    const cr = creditOnly(l1, i + 1);
    const text = l0.text;
    // A weak label naming a picture source ("Quelle: ZDF") under a short caption that fills its box with it.
    // One sentence: under a teaser of several, "Quelle: FM1Today/Name" names the text's source (CH Media's regional sites).
    const knownUnderCaption = cr?.kind === 'known' && text.length <= 200 && (endsGroupAt(i + 1) || sourceBetween) && !hasSentenceBreak(text);
    // A one-word line over a bare name ("Zeitzeichen" / "WDR 5": a programme and its station) is no picture.
    const bareOverWord = cr?.kind === 'bare' && wordCount(text) < 2;
    // A stopless line over words in capitals that name no known source, running text under them ("Pendler müssen …" /
    // "STREIK" / teaser): a headline and a label, not an alt text over a photographer printed in capitals; read as a
    // picture, the page lost its headline. A known agency ("KEYSTONE") stays a credit.
    const capsLabel = cr?.kind === 'bare' && !endsSentence(text) && wordCount(text) >= 4 && /^[\p{Lu}][\p{Lu}\s'’.-]*$/u.test(cr.credit) &&
      !looksLikeBareCredit(cr.credit) && i + 2 < end && isRunningText(lines[i + 2]!.text);
    if (cr && !bareOverWord && !capsLabel && (cr.kind === 'strong' || cr.kind === 'bare' || knownUnderCaption || (!endsSentence(text) && text.length <= 300))) {
      // The alt text, the credit, then the caption closing the box ("Rettungswagen vor dem Klinikum" / "Foto: Name/dpa" /
      // "Sanitäter bei der Übergabe …."): the caption printed under the picture's rights line.
      // BR24 prints the alt text as a sentence ("Blick auf … Gitter." / "Bildrechte: …" / "Absperrgitter stehen …."): a
      // strong rights line between two single sentences that fill the box.
      // A labelled rights line and a caption of a caption's length: "Szene. / Name, zVg / Dramatische Szenen …: …." under a
      // headline is caption, credit and the teaser (heute.at).
      const altSentence = !!parseCreditLine(l1!.text)?.strong && endsSentence(text) && isOneSentence(text, 250) && !!l2 && l2.text.length <= 110;
      if ((!endsSentence(text) || altSentence) && text.length <= 300 && opensGroup && l2 && endsGroupAt(i + 2) &&
        !isStructural(l2) && endsSentence(l2.text) && isOneSentence(l2.text, 250) && !parseCreditLine(l2.text) && !splitCaptionCredit(l2.text)) {
        const fig = build(text, l2.text, cr.credit);
        if (fig) return { figure: fig, next: i + 3 };
      }
      // No final period and short: alt text of a picture without caption (author photos).
      const fig = !endsSentence(text) && text.length <= 300 ? build(text, undefined, cr.credit) : build(text, text, cr.credit);
      if (fig) return { figure: fig, next: i + 2 };
    }
  }
  // L: a caption alone in its box and its rights line alone in the next ("Ein Bus hält am Markt." / "Foto: Name/dpa",
  // crawls that print every element as a paragraph). The caption is one sentence, or a line without a final stop
  // under a paragraph of running text ("Ein Tischler an der Fräse" / "Quelle: picture alliance/dpa/Name", WELT).
  // Between two one-sentence boxes the rights line goes with the box above: credit after caption is the common
  // order; a credit printed before its caption (I) is read when running text stands above it.
  // Over the head, a stopless line over a rights line is the lead picture's alt text when a headline-like line
  // follows the credit ("Ein Rettungshubschrauber landet …" / "Bildquelle: …" / "Nach Unfall mit E-Scooter: …", RTL);
  // with running text after the credit the line over it is the headline ("Hebammen protestieren …" / "Bild: ARD").
  // tryFigure runs on every line: the box tests and the rights line come first, the caption's reading after.
  // The page's date line may open the caption's box ("09.12.202622:15" / "Plenarsaal des Parlaments …" / "Bild: Name/BRF").
  const boxUnderDate = !opensGroup && dateAbove();
  if ((opensGroup || boxUnderDate) && endsGroupAt(i) && !cc0 && i + 1 < end && endsGroupAt(i + 1) && !isStructural(lines[i + 1]!)) {
    // The alt text under the page's date line, the caption with its credit alone in the next box ("21.04.202618:02" /
    // "Göhltalstadion in Kelmis" / "Die Tribüne … gesperrt (Bild: Name/BRF)", BRF).
    const cc = boxUnderDate && stoplessPhrase(l0.text, 2) ? splitCaptionCredit(lines[i + 1]!.text) : undefined;
    const alt = cc?.strong && cc.caption ? build(l0.text, cc.caption, cc.credit) : undefined;
    if (alt) return { figure: alt, next: i + 2 };
    const cr = parseCreditLine(lines[i + 1]!.text);
    // "Quelle: dpa" under a last paragraph names the text's source: a source label counts for a picture
    // when it names agency and photographer ("picture alliance/dpa/Name") or stands under a stopless caption.
    // Mid-text too, under one short sentence with running text after the credit ("Am Hafen … stehen." / "Quelle: dpa" /
    // paragraph, ZDF's pages without blank lines): a text's source closes it.
    const midText = isOneSentence(l0.text, 200) && proseAt(i + 2, 80);
    const pictureSource = !!cr?.known && l0.text.length <= 200 && (/[/|]/.test(cr.credit) || !endsSentence(l0.text) || midText);
    if ((cr?.strong || pictureSource) && (isOneSentence(l0.text, 250) || stoplessCaption(lines, i, end, !!cr?.strong) || (boxUnderDate && stoplessPhrase(l0.text, 3))) &&
      !parseCreditLine(l0.text)) {
      const fig = build(l0.text, l0.text, cr!.credit);
      if (fig) return { figure: fig, next: i + 2 };
    }
    // A bare credit alone in its box under a one-sentence caption alone in its box ("Ein Baum blockiert …." /
    // "Jan Beispiel/dpa", "IMAGO/Name", "(Getty Images)"): a picture agency's name, or a photographer's with an agency
    // after a slash or a bar. A news agency alone ("dpa/lni") under a last paragraph is the text's source.
    // Not when one sentence alone in its box follows as well: the credit may be that one's, printed over it.
    const l3 = i + 2 < end ? lines[i + 2] : undefined;
    const captionAfter = !!l3 && !sameGroup(lines[i + 1], l3) && !sameGroup(l3, lines[i + 3]) && isOneSentence(l3.text, 250);
    const bare = !cr && !boxUnderDate && !captionAfter ? pictureAgencyCredit(lines[i + 1]!.text) : undefined;
    if (bare && endsSentence(l0.text) && isOneSentence(l0.text, 250) && !parseCreditLine(l0.text)) {
      const fig = build(l0.text, l0.text, bare);
      if (fig) return { figure: fig, next: i + 2 };
    }
  }
  return undefined;
}

/**
 * A picture's alt text alone in its box over the picture's caption and credit in the next box ("Ein Baum liegt quer über
 * einer Straße" / "Ein umgestürzter Baum blockiert … Straße …." + "Foto: dpa"): a short line without a stop that names what
 * the caption names (two content words shared). The picture with that alt text; under a headline the line is neither the
 * headline nor a sub-heading.
 */
export function altOverPicture(lines: Line[], k: number, end: number, isStructural: (l: Line) => boolean): FoundFigure | undefined {
  const l = lines[k]!;
  const t = l.text;
  if (k + 1 >= end || sameGroup(lines[k - 1], l) || sameGroup(l, lines[k + 1]) || endsWithStop(t) || wordCount(t) < 3 || wordCount(t) > 14 ||
    hasSentenceBreak(t) || t.length > LIMITS.alt || t.includes(':') || isStructural(l) || parseByline(t)) return undefined;
  const f = tryFigure(lines, k + 1, end, isStructural);
  const caption = f?.figure.caption;
  if (!f || !caption || !f.figure.credit || wordCount(caption) < 4 || !lines[k + 1]!.text.startsWith(caption.slice(0, 20)) ||
    sharedContentWords(t, caption) < 2) return undefined;
  return { ...f, figure: { ...f.figure, alt: t } };
}

/** "(Getty Images)", "[Jane Example/Reuters]": the text inside brackets that enclose the whole line, or undefined. */
function unbracketed(text: string): string | undefined {
  const t = text.trim();
  return /^[([][^()[\]]{2,80}[)\]]$/.test(t) ? t.slice(1, -1).trim() : undefined;
}

/** A bare credit that can only name a picture's rights: a picture agency, or a photographer and an agency; brackets dropped. */
function pictureAgencyCredit(text: string): string | undefined {
  const inner = unbracketed(text) ?? text.trim();
  if (!looksLikeBareCredit(inner) || isTextSource(inner) || parseByline(inner)) return undefined;
  if (PICTURE_AGENCY.test(inner)) return inner;
  const parts = inner.split(/\s*[/|]\s*/);
  return parts.length >= 2 && AGENCY.test(inner) && parts.some((p) => isPersonName(p) || /^(?:AP|AFP|EPA) Photo$/i.test(p)) ? inner : undefined;
}

/** A capitalised phrase of `min` words or more without a stop, a sentence break or a label: a caption printed without its stop. */
function stoplessPhrase(t: string, min: number): boolean {
  return !endsSentence(t) && startsUpper(t) && wordCount(t) >= min && t.length <= 200 && !hasSentenceBreak(t) && !/^[\p{L}/]+:/u.test(t);
}

/**
 * A caption printed without its final stop (rule L): a capitalised line of four words or more, one phrase, no label,
 * under a paragraph of running text or over a headline-like line that follows its rights line.
 */
function stoplessCaption(lines: Line[], i: number, end: number, strongCredit = false): boolean {
  const t = lines[i]!.text;
  // Three words do over a labelled rights line ("Neues Polizeigebäude Morsheck" / "Bild: Name/BRF").
  if (!stoplessPhrase(t, strongCredit ? 3 : 4)) return false;
  const prev = lines[i - 1]?.text;
  if (prev && isRunningText(prev)) return true;
  const after = i + 2 < end ? lines[i + 2]!.text : undefined;
  return !!after && !endsSentence(after) && startsUpper(after) && wordCount(after) >= 3 && after.length <= 200;
}

/** Key for spotting the same picture printed twice (hero before and after the headline). */
export function figureKey(f: Figure): string {
  return (f.caption ?? f.alt).replace(/\s+/g, ' ').trim().toLowerCase();
}
