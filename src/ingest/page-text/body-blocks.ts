import { LIMITS, monthFromName, type Block, type Inline, type RelatedTeaser } from '../../content/index.js';
import { isPersonName, parseByline } from './byline.js';
import { looksLikeBareCredit, parseCreditLine } from './credits.js';
import { parseDateLine } from './dates.js';
import { figureKind, tryFigure } from './figures.js';
import { isDurationLine, isRoleLine, nameDotDate, usDateLine, viaCredit } from './head-meta.js';
import { endsSentence, endsWithStop, hasSentenceBreak, isPictureFileName, isRunningText, MAX_CLASSIFY, sameGroup, startsUpper, wordCount, type Line } from './lines.js';
import { parseMediaBadge } from './media-badge.js';
import { splitLongText } from './split-long-text.js';

/** "Redakteurin in der …", "Korrespondent für …", "Autor": an author's role opening its line. */
const AUTHOR_ROLE = /^(?:[\p{L}-]+\s)?[\p{L}-]*(?:redakteur|korrespondent|reporter|autor|volontär|journalist|editor|correspondent|writer)(?:in|innen)?\b/iu;

/**
 * Body text → blocks: figures, lists, quotes with a speaker, embeds (a URL alone
 * on a line), sub-headings and paragraphs. Anything not recognised is a
 * paragraph, so no text is lost; one line is one paragraph (crawlers print one
 * <p> per line).
 */

export interface BodyOptions {
  /** Detect sub-headings (off inside ticker entries, where short lines are text). */
  headings: boolean;
  /** The page separates paragraphs with blank lines; a heading then opens its box. */
  blankSeparated: boolean;
  /** Lines the caller has classified (ticker entries, badges): never alt text or captions. */
  isStructural: (l: Line) => boolean;
  /** Description for a picture known only by its rights line (a ticker entry's title, the headline). */
  pictureAlt?: string;
}

export interface BodyResult {
  blocks: Block[];
  /** Media teasers found inside the body ("Video 2 min / Title / Bildrechte: MDR"). */
  related: RelatedTeaser[];
  /** Paragraphs longer than the model allows were split at sentence boundaries. */
  splitParagraphs: number;
}

interface ListMarker { ordered: boolean; num: number; text: string }

/** "- item", "• item", "* item", "1. item", "2) item"; not "1. Januar" (a date). */
export function listMarker(text: string): ListMarker | undefined {
  if (text.length > MAX_CLASSIFY) return undefined;
  const u = /^[-•*·▪●◦‣–]\s+(\S.*)$/.exec(text);
  if (u) return { ordered: false, num: 0, text: u[1]! };
  const o = /^(\d{1,2})[.)]\s+(\S.*)$/.exec(text);
  if (!o) return undefined;
  const first = o[2]!.split(' ')[0]!;
  if (/^\p{Lu}/u.test(first) && monthFromName(first)) return undefined;
  return { ordered: true, num: Number(o[1]), text: o[2]! };
}

const QUOTE_LINE = /^[„"“»«‚'](.+)[“"”«»‘'’]\.?$/s;
const SPEAKER_LINE = /^[–—-]\s*(\S.{1,150}?)\.?$/;

function paragraph(text: string): Block {
  const content: Inline[] = [{ text }];
  return { type: 'paragraph', content };
}

function embedProvider(url: URL): string {
  const host = url.hostname.replace(/^www\.|^m\./, '');
  const known: Record<string, string> = {
    'youtube.com': 'YouTube', 'youtu.be': 'YouTube', 'twitter.com': 'X', 'x.com': 'X', 'instagram.com': 'Instagram',
    'facebook.com': 'Facebook', 'tiktok.com': 'TikTok', 'vimeo.com': 'Vimeo', 'soundcloud.com': 'SoundCloud', 'bsky.app': 'Bluesky',
  };
  return known[host] ?? host;
}

/** A summary box's title over its bullets, wherever it stands ("Zusammenfassung", "Das Wichtigste in Kürze", "Key points"). */
export const SUMMARY_LABEL = /^(?:zusammenfassung|das wichtigste(?: in kürze| im überblick| auf einen blick)?|in kürze|kurz und knapp|auf einen blick|darum geht'?s|das müssen sie wissen|key points|at a glance|what we know|the key facts|in brief|tl;?dr)\s*:?$/i;

/** A press release's place and source alone on a line: "Münster (ots)", "Münster-Gievenbeck (ots)", "Kassel (pm)". */
export const PLACE_SOURCE = /^\p{Lu}[\p{L}.\/ -]{1,40}\s\((?:ots|pm|red|ots\/red|dpa|lni|lsw|lby|lnw|epd)\)$/u;

/** Labels of rails, promotions and page furniture that read like headings. */
const RAIL_LABEL = /^(?:(?:weitere|mehr|alle|neueste|aktuelle|beliebte|ähnliche)\s+(?:videos?|folgen|episoden|artikel|beiträge|nachrichten|meldungen|themen|podcasts?|news|bilder|galerien)\b|mehr aus\s(?:der\s|dem\s)?\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)?$|meistgelesen|meist gelesen|meistgeklickt|am meisten gelesen|das könnte (?:sie|dich|euch) auch interessieren|auch interessant|lesen sie auch|mehr zum thema|explore more|more from|more on this|related (?:stories|articles|coverage)|most read|most popular|read more|recommended|jetzt\s.{2,40}\s(?:hören|lesen|abonnieren|herunterladen|ansehen|downloaden)$|(?:folgst du|folgen sie|folge)\s.{2,40}\s(?:auf|bei)\s(?:whatsapp|telegram|instagram|facebook|x|tiktok|google news)\??$|disclosure statement$|partners$|shownotes$|über den podcast$|autoreninfo$|about the authors?$|über (?:den|die) autor(?::in|\*in|in|innen)?$|also read\b|zitiervorschlag$|zitierweise$|how to cite(?: this)?$)/iu;

export function parseBody(lines: Line[], from: number, to: number, opts: BodyOptions): BodyResult {
  const blocks: Block[] = [];
  const related: RelatedTeaser[] = [];
  let splitParagraphs = 0;
  const isStructural = (l: Line) => opts.isStructural(l) || !!parseMediaBadge(l.text);
  const figAt = (k: number) => {
    if (k >= to) return undefined;
    const f = tryFigure(lines, k, to, isStructural);
    // "Image:" / "Foto:" alone over a caption and its credit (Sky News): the picture's label, not a media box's badge.
    if (!f && k + 1 < to && sameGroup(lines[k], lines[k + 1]) && /^(?:image|photo|picture|foto|bild)\s*:$/i.test(lines[k]!.text.trim())) {
      const g = tryFigure(lines, k + 1, to, isStructural);
      if (g && g.figure.credit) return g;
    }
    return f;
  };

  /** A media teaser box: [title] badge [title] [credit], all in one group. Returns the index after it. */
  const mediaGroupAt = (k: number): { next: number; title?: string; badge: ReturnType<typeof parseMediaBadge>; credit?: string } | undefined => {
    const l = lines[k];
    if (!l || l.text.length > LIMITS.headline) return undefined;
    let start = k;
    let title: string | undefined;
    let badge = parseMediaBadge(l.text);
    if (!badge) {
      const nx = lines[k + 1];
      if (k + 1 >= to || !sameGroup(l, nx) || sameGroup(lines[k - 1], l) || endsWithStop(l.text)) return undefined;
      badge = parseMediaBadge(nx!.text);
      if (!badge) return undefined;
      title = l.text;
      start = k + 1;
    }
    let j = start + 1;
    let credit: string | undefined;
    while (j < to && sameGroup(lines[j - 1], lines[j])) {
      const t = lines[j]!.text;
      const cr = parseCreditLine(t);
      if (cr && !credit) credit = cr.credit;
      else if (!title && t.length <= LIMITS.headline && !endsWithStop(t)) title = t;
      else break;
      j++;
    }
    return { next: j, badge, ...(title && { title }), ...(credit && { credit }) };
  };

  /** Index of the next text line after pictures and media boxes. */
  const nextTextLine = (k: number): number => {
    for (let n = 0; n < 6 && k < to; n++) {
      const f = figAt(k);
      if (f) { k = f.next; continue; }
      const mg = mediaGroupAt(k);
      if (mg) { k = mg.next; continue; }
      break;
    }
    return k;
  };

  /** Whether a paragraph of running text stands among the blocks so far, each block looked at once (a caption taken back rescans). */
  let runningText = false;
  let seenBlocks = 0;
  const runningTextSoFar = (): boolean => {
    for (; !runningText && seenBlocks < blocks.length; seenBlocks++) {
      const b = blocks[seenBlocks]!;
      if (b.type === 'paragraph' && b.content.length === 1 && wordCount(b.content[0]!.text) >= 6 && endsSentence(b.content[0]!.text)) runningText = true;
    }
    return runningText;
  };

  /** Numbered headings ("1. Wohin mit den Vereinen?" … "2. Wer zahlt?"), each over text, not a list: no list line next to them. */
  const numberedHeading = (j: number): boolean => {
    const m = listMarker(lines[j]!.text);
    if (!m?.ordered || !startsUpper(m.text) || endsWithStop(m.text) || wordCount(m.text) > 14) return false;
    if ((j > from && listMarker(lines[j - 1]!.text)) || (j + 1 < to && listMarker(lines[j + 1]!.text))) return false;
    // Its neighbour number stands within a few screens of text.
    for (let k = Math.max(from, j - 200); k < Math.min(to, j + 200); k++) {
      if (k === j || Math.abs(k - j) < 2) continue;
      const o = listMarker(lines[k]!.text);
      if (o?.ordered && Math.abs(o.num - m.num) === 1 && startsUpper(o.text) && !endsWithStop(o.text) && !listMarker(lines[k - 1]?.text ?? '') && !listMarker(lines[k + 1]?.text ?? '')) return true;
    }
    return false;
  };

  /** How many short label lines stand right over a list of sentences in the body (counted once). */
  let labelsOverLists: number | undefined;
  const countLabelsOverLists = (): number => {
    if (labelsOverLists !== undefined) return labelsOverLists;
    labelsOverLists = 0;
    for (let n = from; n < to - 1; n++) {
      const t = lines[n]!.text;
      if (t.length > 60 || listMarker(t) || wordCount(t) > 8 || endsWithStop(t) || !startsUpper(t) || !listMarker(lines[n + 1]!.text)) continue;
      // Items of sentences (a paywall's offers are phrases without a stop: "4 Wochen kostenlos testen").
      let items = 0;
      let sentences = 0;
      for (let k = n + 1; k < to && listMarker(lines[k]!.text); k++, items++) if (/[.!?…)]["'“”»«’]*$/.test(lines[k]!.text)) sentences++;
      if (sentences * 2 >= items) labelsOverLists++;
    }
    return labelsOverLists;
  };

  const isHeadingAt = (j: number): boolean => {
    const l = lines[j]!;
    const t = l.text;
    // A short quotation alone between paragraphs is a heading ("»Wir verkaufen unter den Kosten«"); with a speaker
    // line under it, or longer, it is a quote.
    const quoted = QUOTE_LINE.test(t);
    // Under a title-like line it is that item's quote (news lists).
    const above = j > from ? lines[j - 1]!.text : '';
    // (A picture's credit line above is no title: "Foto: Tom Probst" / „Wir sind am Limit“.)
    if (quoted && (wordCount(t) > 12 || /[.!?]["“”»«’]?\s+\S/.test(t) || SPEAKER_LINE.test(lines[j + 1]?.text ?? '') ||
      (!!above && !endsSentence(above) && above.length <= 120 && !parseCreditLine(above)?.strong))) return false;
    const bare = quoted ? t.replace(/^[„"“»«‚']|[“"”«»‘'’]\.?$/g, '') : t;
    if (t.length > 120 || wordCount(t) > 16 || endsWithStop(bare) || !startsUpper(bare) || (listMarker(t) && !numberedHeading(j))) return false;
    // Dates, names joined by a bar, lengths and bare credits are never sub-headings ("14.03.24 |
    // 08:31 Uhr", "Nora Example | Felix Sample", "2:12 min", "Keystone-SDA/ts"). A name alone may
    // be one as far as the words tell ("Zur Person", "Kritik von der Stadt" read like names).
    const parts = t.split(/\s+[|·]\s+/);
    if (parseDateLine(t) || nameDotDate(t, parseDateLine) || (parts.length > 1 && parts.every((p) => isPersonName(p))) || isDurationLine(t) ||
      (/[/|]/.test(t) && looksLikeBareCredit(t))) return false;
    // "Quelle: B5 aktuell, 14.03.2024 19:15 Uhr": a labelled source line, not a heading.
    if (/^(?:quelle|quellen|source|foto|bild|bildrechte|video|audio|grafik|karte|illustration|montage)\s*:/i.test(t)) return false;
    // "Published: 03 Feb 2025 14:05 GMT+01:00", "Aktualisiert: …": a labelled date line; "RRO - 23. April 2024 - 17:12":
    // a source with its date and time; "… (Source: NZTA)": a caption with its credit.
    // A time of day with "Uhr" or AM/PM in it: a broadcast slot or a date line ("Samstag (11. Juli) - ab 18:30 Uhr …",
    // "Tue, Mar 10 20267:45 AM EDT").
    if (/\b\d{1,2}[:.]\d{2}\s*Uhr\b/.test(t) || /\d{1,2}:\d{2}\s?(?:AM|PM)\b/.test(t)) return false;
    if (/^(?:published|updated|posted|veröffentlicht|aktualisiert|erstellt|stand)\s*:/i.test(t) ||
      /\b\d{1,2}\.?\s+(?:januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{4}\b.{0,12}\b\d{1,2}[:.]\d{2}\b/i.test(t) ||
      /\((?:source|quelle|foto|bild|photo|credit|image)\s*:[^()]{2,80}\)$/i.test(t)) return false;
    // Two sentences ("Aber es fehlen Lehrkräfte. Wie wollen Sie …?"): an interview's question, not a heading.
    if (/\p{Ll}{2}[.!?]\s+\p{Lu}/u.test(t)) return false;
    // "Reporting by Name; Editing by Name" (agency copy's staff line).
    if (/^(?:additional )?(?:reporting|writing|editing|compiled|mitarbeit|redaktion)(?: by| von)?\s*:?\s+\p{Lu}/iu.test(t) && /\b(?:by|von)\b|:/.test(t)) return false;
    // "Von Korbinian Beispiel, Wolnzach": a byline is no heading, wherever the body prints it.
    if (/^(?:von|by)\s/i.test(t) && (parseByline(t)?.authors.length ?? 0) > 0) return false;
    // "Von|Jakob Beispielsen|04.12.2026" (belltower.news): a byline with bars.
    if (/^(?:von|by)\s*\|/i.test(t)) return false;
    // "Autor:Ingrid Beispielkamp aus Essen-Ruhr |" (Lokalkompass): the author's line.
    if (/^(?:autor|autorin|author)\s*:\s*\p{Lu}/iu.test(t)) return false;
    // "Name – in Überwachung – 12 Ergänzungen": an author line with the comment count.
    if (/[–—|·-]\s*\d+\s+(?:kommentare?|ergänzungen|comments?|reaktionen|beiträge|antworten|replies)$/iu.test(t)) return false;
    // A reader's or author's line with its date and time ("Name, Ort 14.03.2024, 05.30 Uhr").
    if (/\b\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\b.{0,12}\b\d{1,2}[:.]\d{2}\b/.test(t) || /\b(?:lesedauer|lesezeit|reading time)\s*:/i.test(t)) return false;
    // A police report's data ("Tatort: Münster-Hiltrup, Marktallee", "Tatzeit: …") and a release's place and source alone on
    // their line ("Münster (ots)").
    // A match's data too ("Aufstellung SV Grünhausen: Kessler - …", "Schiedsrichter: Name (Ort)", "Zuschauer: 1.250").
    if (/^(?:tatort|tatzeit|tatörtlichkeit|einsatzort|einsatzzeit|zeit|ort)\s*:\s*\S/i.test(t) || PLACE_SOURCE.test(t) ||
      /^(?:aufstellung(?:en)?|tore|torfolge|torschützen|zuschauer|schiedsrichter(?:in)?|gelbe karten?|rote karten?|gelb-rote karten?|wechsel|line-?ups?|scorers?|referee|attendance)\b[^:]{0,40}:\s*\S/i.test(t)) return false;
    // An interview's turn: "Frage: …", "Q: …".
    if (/^(?:frage|antwort|question|answer|interviewer|[FAQ])\s*:\s/i.test(t)) return false;
    // An author box: a name over the author's role or a date ("Annette Beispiel" / "Redakteurin in …").
    const below = lines[j + 1]?.text ?? '';
    if (isPersonName(t) && (AUTHOR_ROLE.test(below) || isRoleLine(below) || !!parseDateLine(below) || !!usDateLine(below))) return false;
    // The line under a byline in its box is the author's desk or role ("By Name" / "Local Democracy Reporting Service").
    if (j > from && sameGroup(lines[j - 1], l) && parseByline(lines[j - 1]!.text)) return false;
    if (opts.blankSeparated && sameGroup(lines[j - 1], l) && j > from) return false;
    // Where the body begins (no paragraph of running text yet), a name alone is the author's line (its date line was read as the page's date).
    const atStart = !runningTextSoFar();
    if (atStart && isPersonName(t) && wordCount(t) <= 3) return false;
    // A rail's or a promotion's label ("Weitere Videos", "Meistgelesen auf …", "Explore more"), a match result
    // ("Werder Bremen - 1. FC Heidenheim 2:1 (0:1)"), a byline in capitals ("By ANNA TESTWELL and …").
    // A newsletter box's title ("Der radio ffn Newsletter"), a teaser link ending in "… mehr", a podcast's episode
    // number before its title ("513: Startet der Bau …?").
    if (/\bnewsletter$/i.test(t) || /(?:\.\.\.|…)\s*mehr$/i.test(t) || /^\d{2,4}:\s+\p{Lu}/u.test(t)) return false;
    // A line of six words or more all in capitals is a link to another story (Fox News: "HOUSE PANEL ADVANCES …").
    if (wordCount(t) >= 6 && t === t.toUpperCase() && /\p{Lu}{3}/u.test(t)) return false;
    // A list's item with its date in brackets ("Folge 47: Punkt in Ulm (30.11.2026)", a podcast's episodes).
    if (/\(\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\)$/.test(t)) return false;
    if (RAIL_LABEL.test(t) || /\d{1,2}:\d{1,2}(?:\s*(?:n\.\s?V\.|n\.\s?P\.|OT|SO|a\.e\.t\.))?\s*\(\d{1,2}:\d{1,2}/.test(t) || /^By\s+\p{Lu}{2,}(?:\s+\p{Lu}[\p{Lu}.'-]*)+(?:\s+and\s+\p{Lu}{2,}(?:\s+\p{Lu}[\p{Lu}.'-]*)+)?$/u.test(t)) return false;
    // A video rail's item: a clip's length right above or below the title ("01:32 Min." / "Pressekonferenz …" / "04:05 Min.").
    if ((j + 1 < to && isDurationLine(lines[j + 1]!.text)) || (j > from && isDurationLine(above))) return false;
    const k = nextTextLine(j + 1);
    if (k >= to) return false;
    const next = lines[k]!.text;
    // A summary's label over its bullet list where the body begins ("Das Wichtigste in Kürze", "Darum gehts"): a box's
    // title, not a heading of the text.
    // Where three or more labels stand over lists ("Done deals ✍️" / list / "Credible rumours ✅" / list / …), they are the
    // sections' headings, at the start too (a paywall's two offers are not).
    if (listMarker(next)) return !((atStart || SUMMARY_LABEL.test(t)) && k === j + 1) || (atStart && !SUMMARY_LABEL.test(t) && countLabelsOverLists() >= 3);
    // "So gehen Sie vor" / "Diese Unterlagen brauchen Sie:" / bullets: a heading over a lead-in that opens a list.
    if (!atStart && /:$/.test(next) && startsUpper(next) && wordCount(next) >= 3 && !SUMMARY_LABEL.test(next)) {
      const after = nextTextLine(k + 1);
      if (after < to && listMarker(lines[after]!.text)) return true;
    }
    return next.length > 120 || endsSentence(next);
  };

  for (let j = from; j < to; ) {
    const l = lines[j]!;
    const t = l.text;
    if (t.length > MAX_CLASSIFY) {
      const parts = splitLongText(t, LIMITS.inlineText);
      if (parts.length > 1) splitParagraphs++;
      for (const p of parts) blocks.push(paragraph(p));
      j++;
      continue;
    }

    const fig = figAt(j);
    if (fig) {
      blocks.push({ type: 'figure', ...fig.figure });
      for (const m of fig.more ?? []) blocks.push({ type: 'figure', ...m });
      j = fig.next;
      continue;
    }
    // Agency copy: "Foto: caption (Archiv), via dts Nachrichtenagentur".
    const via = viaCredit(t);
    if (via && via.caption.length <= Math.min(LIMITS.caption, LIMITS.alt) && via.credit.length <= LIMITS.credit) {
      blocks.push({ type: 'figure', kind: figureKind(via.caption), alt: via.caption, caption: via.caption, credit: via.credit });
      j++;
      continue;
    }

    const mg = mediaGroupAt(j);
    if (mg) {
      if (mg.title && mg.badge) {
        const r: RelatedTeaser = { title: mg.title, mediaType: mg.badge.mediaType };
        if (mg.badge.durationSeconds) r.durationSeconds = mg.badge.durationSeconds;
        if (mg.credit) r.image = { kind: 'image', alt: '', credit: mg.credit };
        related.push(r);
      }
      j = mg.next;
      continue;
    }

    // A quotation alone on its line, with "– Speaker" on the next.
    const sp = j + 1 < to ? SPEAKER_LINE.exec(lines[j + 1]!.text) : null;
    if (sp && QUOTE_LINE.test(t) && sp[1]!.length <= LIMITS.byline && !endsSentence(sp[1]!)) {
      blocks.push({ type: 'quote', text: t, speaker: sp[1]!.trim() });
      j += 2;
      continue;
    }

    const lm = listMarker(t);
    if (lm) {
      const items: Inline[][] = [];
      let k = j;
      let expect = lm.num;
      while (k < to) {
        const m = listMarker(lines[k]!.text);
        if (!m || m.ordered !== lm.ordered || (m.ordered && m.num !== expect)) break;
        items.push([{ text: m.text }]);
        expect++;
        k++;
      }
      if (items.length >= 2) {
        for (let s = 0; s < items.length; s += 500) blocks.push({ type: 'list', ordered: lm.ordered, items: items.slice(s, s + 500) });
        j = k;
        continue;
      }
    }

    if (/^https?:\/\/\S+$/.test(t) && t.length <= LIMITS.url) {
      try {
        const url = new URL(t);
        blocks.push({ type: 'embed', url: t, provider: embedProvider(url) });
        j++;
        continue;
      } catch {
        /* not a URL after all: a paragraph */
      }
    }

    // A gallery's captions printed twice as a run, once for the thumbnails and once for the slides ("A." / "B." / "C." /
    // "A." / "B." / "C.", aeroTELEGRAPH): pictures without a credit. Running text is never printed twice in a row.
    const run = repeatedCaptionRun(lines, j, to);
    if (run) {
      for (let n = 0; n < run; n++) {
        const c = lines[j + n]!.text;
        blocks.push({ type: 'figure', kind: figureKind(c), alt: c.slice(0, LIMITS.alt), caption: c });
      }
      j += 2 * run;
      continue;
    }

    // A line printed twice in a row, not a sentence of running text, no rights line after it: a picture's alt text and
    // its caption without a credit ("Konrad Beispiel vor dem Regal im Waschsalon" twice, Börsenblatt).
    if (j + 1 < to && lines[j + 1]!.text === t && t.length >= 20 && t.length <= LIMITS.caption && wordCount(t) >= 4 && !isRunningText(t) &&
      !listMarker(t) && !(j + 2 < to && parseCreditLine(lines[j + 2]!.text))) {
      blocks.push({ type: 'figure', kind: figureKind(t), alt: t.slice(0, LIMITS.alt), caption: t });
      j += 2;
      continue;
    }

    // A camera file name printed as the picture's alt text (n-tv: "123927856.jpg"):
    // not text; the caption after it is the picture's.
    if (isPictureFileName(t)) {
      j++;
      continue;
    }

    // A lone rights line: the picture's text, if any, came just before it as a
    // short paragraph (some sites print the caption twice); otherwise a picture
    // without text (the still of a player), kept when we have a description.
    const cr = parseCreditLine(t);
    if (cr?.strong) {
      const caption = captionBefore(blocks, lines[j - 1], l, lines[j - 2]);
      if (caption) {
        blocks.splice(blocks.length - caption.blocks, caption.blocks, { type: 'figure', kind: figureKind(caption.text), alt: caption.text, caption: caption.text, credit: cr.credit });
        // The paragraphs that became the caption may have been the running text seen so far: look again.
        runningText = false;
        seenBlocks = 0;
      } else if (opts.pictureAlt) {
        blocks.push({ type: 'figure', kind: 'image', alt: opts.pictureAlt.slice(0, LIMITS.alt), credit: cr.credit });
      }
      j++;
      continue;
    }

    if (opts.headings && isHeadingAt(j)) {
      blocks.push({ type: 'heading', level: 2, text: t });
      j++;
      continue;
    }
    blocks.push(paragraph(t));
    j++;
  }
  return { blocks, related, splitParagraphs };
}

/**
 * The caption of a picture whose rights line stands alone: the paragraph just
 * before it when it is short and either printed twice in a row or in the same
 * box as the rights line. Returns its text and how many blocks it spans.
 */
function captionBefore(blocks: Block[], prevLine: Line | undefined, creditLine: Line, fileLine?: Line): { text: string; blocks: number } | undefined {
  const last = blocks[blocks.length - 1];
  const textOf = (b: Block | undefined) => (b?.type === 'paragraph' && b.content.length === 1 && !b.content[0]!.href ? b.content[0]!.text : undefined);
  const text = textOf(last);
  if (!text || text.length > Math.min(250, LIMITS.caption) || text.length > LIMITS.alt) return undefined;
  if (textOf(blocks[blocks.length - 2]) === text) return { text, blocks: 2 };
  // The caption right after a camera file name.
  if (fileLine && isPictureFileName(fileLine.text) && prevLine?.text === text) return { text, blocks: 1 };
  // On a page printed without blank lines every line has a box of its own: the line right above is the caption's, unless
  // it is a name alone (the author's, printed over the lead picture's credit). isPersonName takes any two to four
  // capitalised words, so a picture word says the line is none ("Polizei Symbolbild Blaulicht").
  const unboxed = !!prevLine?.unboxed && !!creditLine.unboxed && !(isPersonName(text) && !/symbolbild|archivbild|foto|bild\b/i.test(text));
  return (sameGroup(prevLine, creditLine) || unboxed) && prevLine?.text === text ? { text, blocks: 1 } : undefined;
}

/**
 * How many lines from `j` (two to twelve) are printed again word for word right after themselves, each of three words
 * or more, one sentence at most and no longer than a caption usually is (250 characters); 0 when none are. Paragraphs
 * printed twice have more sentences.
 */
function repeatedCaptionRun(lines: Line[], j: number, to: number): number {
  for (let n = 2; n <= 12 && j + 2 * n <= to; n++) {
    if (lines[j + n]!.text !== lines[j]!.text) continue;
    let same = true;
    for (let i = 0; i < n && same; i++) {
      const t = lines[j + i]!.text;
      same = t === lines[j + n + i]!.text && t.length >= 12 && t.length <= 250 && wordCount(t) >= 3 && !listMarker(t) && !hasSentenceBreak(t) &&
        (i === 0 || t !== lines[j + i - 1]!.text);
    }
    if (same) return n;
  }
  return 0;
}
