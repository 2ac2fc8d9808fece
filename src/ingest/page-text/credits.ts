import { LIMITS } from '../../content/index.js';
import { endsSentence, wordCount } from './lines.js';
import { isPersonName } from './byline.js';

/**
 * Rights lines under pictures. Broadcasters print "Bildrechte: dpa"; agencies and
 * other sites use "Foto:", "Bild:", "Image:", "Photo:", "Credit:", "©", a credit in
 * parentheses after the caption, or the rights holder alone on the next line.
 */

/** Labels that on their own mark a picture credit ("Foto: dpa" is never body text). */
const STRONG_LABELS = [
  'Photo Credits?', 'Image Credits?', 'Picture Credits?', 'Image Sources?', 'Photo Sources?', 'Picture Sources?', 'Fotocredits?', 'Foto/Grafik', 'Grafik/Foto', 'Foto/Quelle', 'Bild/Quelle', 'Bildrechte', 'Bildquelle', 'Fotos?', 'Fotografi(?:e|n)', 'Fotograf', 'Bilder', 'Bild', 'Rechte', 'Images?', 'Photos?',
  'Photograph', 'Pictures?', 'Credits?', '(?:Photo|Photograph|Picture|Image) by', 'Copyright', 'Bildnachweis', 'Visualisierung', 'Zeichnung', 'Symbolbild', 'Symbolfoto', 'Archivbild', 'Archivfoto', 'Pic',
  'Collage', 'Fotocollage', 'Fotomontage', 'Bildmontage', 'Fotonachweis', 'Bildnachweise', 'Photographer', 'Repro',
  // A post's picture on WordPress sites and club pages ("Beitragsbild: Name", "Titelbild: …").
  'Beitragsbild', 'Titelbild', 'Aufmacherbild',
  // "Text und Foto: Name", "Fotos & Text: Name": the author took the pictures too.
  'Text ?(?:und|&|/) ?Fotos?', 'Text ?(?:und|&|/) ?Bilder?', 'Fotos? ?(?:und|&|/) ?Text', 'Bilder? ?(?:und|&|/) ?Text', 'Bericht ?(?:und|&|/) ?Fotos?',
];
/**
 * Labels that also end ordinary paragraphs ("Quelle: Statistisches Landesamt"):
 * accepted only where the picture is certain (an alt-text line precedes).
 */
const WEAK_LABELS = ['Quellen?', 'Source', 'Grafik', 'Karte', 'Illustration', 'Abbildung', 'Video', 'Montage', 'Screenshot', 'Aufnahmen?'];

const STRONG_RE = new RegExp(`^(?:${STRONG_LABELS.join('|')})$`, 'i');
// "Fotos (2): Name": the number of pictures between label and colon.
const LABEL_AT = new RegExp(`(?:^|[\\s.!?;,“”"»«)\\]])(${[...STRONG_LABELS, ...WEAK_LABELS].join('|')})(?:\\s*\\(\\d{1,3}\\))?\\s*:\\s*`, 'gi');
// "© dpa", "Bild © hr/Name", "Foto © Name".
// "… (Symbolbild) – Alle Rechte vorbehalten IMAGO / Name" (netzpolitik.org): the licence note before the holder.
const COPYRIGHT_AT = /(?:^|\s|(?<=[.!?]))(?:(?:(?:Bild|Foto|Fotos|Photo|Image)\s*)?(?:©|\(c\)|copyright(?=\s+\p{Lu}))|(?:[–—-]\s+)?(?:alle rechte vorbehalten|all rights reserved)\s+(?=[\p{L}\d]))\s*/giu;

/** Picture desks whose name opens a credit glued to or set after a caption. */
const PICTURE_DESKS = 'picture[- ]alliance|imago(?: images)?|getty images|dpa|afp|epa';
/** "… gestellt.picture alliance/dpa | Name": a picture desk with its separator after the caption's last stop. */
const KNOWN_AFTER_STOP = new RegExp(`^(.{10,}?[.!?]["'”’)]*)\\s*((?:${PICTURE_DESKS}|keystone)\\s*[/|].{1,90})$`, 'iu');
/** "… stehen | picture alliance/dpa", "… | REUTERS": a picture desk after a caption's bar. */
const AGENCY_TAIL = new RegExp(`^(?:${PICTURE_DESKS}|reuters|ap)\\b`, 'i');

/** Agencies, picture desks and broadcasters whose name alone is a credit. */
const KNOWN_SOURCE = /^(?:©\s*)?(?:dpa|afp|ap|reuters|epd|kna|sid|ddp|dapd|apa|sda|ansa|efe|xinhua|tass|anadolu|imago(?: images)?|picture[- ]alliance|getty(?: images)?|istock(?:photo)?|shutterstock|colourbox|panthermedia|fotolia|adobe ?stock|unsplash|pixabay|pexels|wikimedia(?: commons)?|wikipedia|keystone|photothek|action press|eibner|sven simon|jan huebner|mdr|ard|zdf|ndr|wdr|swr|br|hr|rbb|sr|dlf|deutschlandfunk|deutsche welle|dw|tagesschau|bbc|cnn|nasa|esa|privat|private|archiv|archive|pa|pa media|ap photo|afp photo|aap|bloomberg|alamy|sipa(?: usa)?|nurphoto|zuma(?: press)?|abaca(?:press)?|belga|anp|ritzau|ntb|lehtikuva|yonhap|kyodo|supplied|handout|courtesy)\b/i;

/** The agencies a story's text comes from, alone or together, as German papers print them after the last paragraph ("dpa/lni", "afp/epd", "ja"). */
const TEXT_SOURCES = /^(?:(?:dpa|epd|kna|afp|ap|sid|apa|sda|rtr|reuters|ja|red|lni|lno|lsw|lby|lhe|lrs|lsn|lah|lmv|lbn|ots|idea|ddp|dts|kap)(?:\s*[/,]\s*|$))+$/;

/** "dpa/lni", "epd": news agencies naming a text's source, not a picture's. */
export function isTextSource(text: string): boolean {
  return TEXT_SOURCES.test(text.trim());
}

/** Party and country abbreviations look like credits in parentheses but are not: "Olaf Scholz (SPD)". */
const NOT_A_SOURCE = /^(?:spd|cdu|csu|fdp|afd|bsw|linke|die linke|grüne|die grünen|freie wähler|övp|spö|fpö|neos|svp|usa|us|uk|eu|un|uno|nato|ddr|brd|re\.?|li\.?|m\.?|mitte|links|rechts|l\.|r\.|v\.l\.n\.r\.?|archiv)$/i;

export interface CaptionCredit {
  /** Caption text before the credit; empty when the line is only a credit. */
  caption: string;
  credit: string;
  /** False for weak labels and bare parenthesised names: trust them only next to an alt line. */
  strong: boolean;
  /** A name in parentheses without a label: "(dpa)". */
  bare?: boolean;
  /** A weak label whose value is plainly a picture source ("Quelle: IMAGO/Name", "Quelle: ZDF"). */
  known?: boolean;
}

/** Lower-case words that belong to names and agencies ("Archiv von …", "Karl van Beispiel"). */
const NAME_PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'di', 'da', 'du', 'la', 'le', 'zu', 'und', 'and', 'für', 'for', 'of', 'the', 'via', 'des', 'dos', 'e', 'y', 'bin', 'al']);

/** "Alle Rechte vorbehalten IMAGO / Name": a licence note before the rights holder. */
const LICENCE_NOTE = /^(?:alle rechte vorbehalten|all rights reserved)\s+(?=\S)/i;

function cleanCredit(raw: string): string | undefined {
  const c = raw
    // "Anna MusterhofBild 2 von 4" (a gallery): the next picture's counter glued to the credit.
    .replace(/(?<=\p{Ll})(?:Bild|Foto|Image|Photo)\s+\d{1,3}\s+(?:von|of)\s+\d{1,3}$/u, '')
    // "Nils Probstmann 48 Bilder" (auto motor und sport): the gallery's picture count after the credit.
    .replace(/\s+\d{1,3}\s+(?:Bilder|Fotos|images|photos)$/u, '')
    .replace(/^[\s:–—-]+|[\s,;]+$/g, '')
    // "Alle Rechte vorbehalten IMAGO / Name" (netzpolitik.org): the licence note before the holder is no part of the name.
    .replace(LICENCE_NOTE, '')
    // "APA/NAME (Sujet)", "dpa (Symbolbild)": the mark of a symbol picture is not part of the credit.
    .replace(/\s*\((?:sujet|symbolbild|symbolfoto|archiv|archivbild|symbol)\)$/i, '')
    // "Name (Kriens, 12. März 2024)": where and when the picture was taken.
    .replace(/\s*\([^()]{0,50}\b(?:19|20)\d{2}\)$/, '')
    // "Toni Platzhalter, Engelberg, 28. November 2026" (CH Media, no inner brackets): place and day of the shot.
    .replace(/,\s*(?:[\p{L} .-]{2,30},\s*)?\d{1,2}\.\s?(?:\d{1,2}\.|\p{L}{3,}\.?)\s?(?:19|20)\d{2}$/u, '')
    .trim();
  if (!c || c.length > LIMITS.credit || wordCount(c) > 14 || !/\p{L}/u.test(c)) return undefined;
  // A credit is a name, not a sentence: no sentence break inside, no final period
  // (except an abbreviation like "Fotostudio Meyer GmbH & Co. KG" – cheap check: short last word).
  // An initial is no sentence's end ("Foto: M. Beispielkumar", "H. Muster/dpa").
  // Nor is the saint's short form in a place's name ("Kantonspolizei St. Gallen", "Stadt St. Pölten"), nor "Dr." or "Prof.".
  if (/(?<!(?:^|[\s/(])\p{Lu}|(?:^|[\s/(])(?:St|Dr|Prof|Ing|Mag))[.!?]\s+\p{Lu}\p{Ll}/u.test(c)) return undefined;
  if (/[!?]$/.test(c)) return undefined;
  // "PICTURE: Anoop Kurian Mathew." (Gulf Times), "Foto: Stadt Mannheim.": a name of up to three capitalised words with
  // the period that closes the caption's line.
  if (/\.$/.test(c) && !/(?:^|\s)\S{1,4}\.$/.test(c)) {
    const bare = c.slice(0, -1);
    return wordCount(bare) <= 3 && bare.split(/\s+/).every((w) => /^\p{Lu}/u.test(w)) ? bare : undefined;
  }
  // "Fotos: So feierte Emmendingen das Weinfest …": a gallery's title after the label, not a name.
  if (wordCount(c) >= 5 && !/[/|©]/.test(c) && !KNOWN_SOURCE.test(c) &&
    c.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLES.has(w)).length >= 3) return undefined;
  return c;
}

/** A name that is a credit without any label: "dpa", "IMAGO / Funke Foto Services", "MDR | Max Muster". */
export function looksLikeBareCredit(text: string, opts: { allCaps?: boolean } = {}): boolean {
  const t = text.trim();
  // A date or a time of day is no credit ("Politik 22 Mai. 2024 | 07:41").
  // A date with slashes neither ("14/03/2024", "3/14/24").
  if (!t || t.length > 80 || wordCount(t) > 8 || /[.!?:;,]$/.test(t) || NOT_A_SOURCE.test(t) || /\b\d{1,2}[:.]\d{2}\b/.test(t) ||
    /^\d{1,4}\/\d{1,2}\/\d{2,4}$/.test(t)) return false;
  if (KNOWN_SOURCE.test(t)) return true;
  if (/^©\s*\S/.test(t)) return true;
  // "NurPhoto via Getty Images", "Jane Example/AFP via Getty Images": a source passed on by an agency.
  if (/\svia\s+(?:getty images|reuters|ap|afp|imago|picture alliance|dpa)$/i.test(t)) return true;
  // "Name / Agency", "Agency/Name", "MDR | Max Muster": a separator between name parts.
  if (/^[\p{Lu}\d][^\s/|]*(?:\s+\S+)*\s*[/|]\s*\S+/u.test(t) && !/\s[/|]\s*$/.test(t) && !/https?:/.test(t)) return true;
  // "Pia Beispiel für ZEIT ONLINE", "Sam Sample for The Guardian": a photographer working for an outlet.
  // The outlet has a word in capitals, "The", or an outlet's word: "Neue Mensa für die Gesamtschule Vechelde" is a headline.
  const forOutlet = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2} (?:für|for) ((?:the |die |den )?\p{Lu}[\p{L}.&-]*(?: \p{Lu}[\p{L}.&-]*){0,3})$/u.exec(t);
  if (forOutlet && (/\b\p{Lu}{2,}\b/u.test(forOutlet[1]!) || /^the /i.test(forOutlet[1]!) ||
    /\b(?:zeitung|news|times|post|guardian|magazin|spiegel|stern|presse|online|media|medien|tagblatt|kurier|rundschau|anzeiger|journal|herald|telegraph|independent|agentur|verlag)\b/i.test(forOutlet[1]!))) return true;
  return !!opts.allCaps && t.length >= 3 && /^[\p{Lu}\d\s&.'-]+$/u.test(t) && /\p{Lu}{3}/u.test(t);
}

/**
 * Splits a caption line into caption and credit when it ends with one:
 * "… in Genf. Bildrechte: dpa", "… in Dresden. (Foto: dpa)", "… in Dresden. (dpa)",
 * "© dpa". Returns undefined when the line carries no credit.
 */
export function splitCaptionCredit(line: string): CaptionCredit | undefined {
  if (line.length > LIMITS.caption + LIMITS.credit + 20) return undefined;
  // An empty credit label printed as "null" by one CMS: "… 9 a.m.null Name/agency".
  // DW prints its captions without a stop as often as with one ("… on a busy morningnull Name/agency").
  const nul = line.includes('null') ? /^(.*(?:[.!?]|\p{Ll}{2}))null\s+(\S.{1,100})$/u.exec(line) : null;
  if (nul && looksLikeBareCredit(nul[2]!) && wordCount(nul[1]!) >= 3) return { caption: nul[1]!.trim(), credit: nul[2]!.trim(), strong: true };
  // "… am Morgen abBild: Name/dpa", "… morningImage: Name/DW" (DW): the credit's label glued to the caption's last word.
  const gluedLabel = /\p{Ll}(?:Bild|Image|Foto|Photo):\s/u.test(line) ? /^(.{10,}?\p{Ll})((?:Bild|Image|Foto|Photo):\s+(\S.{1,100}))$/u.exec(line) : null;
  if (gluedLabel && wordCount(gluedLabel[1]!) >= 4) {
    const credit = cleanCredit(gluedLabel[3]!);
    if (credit && !credit.includes(':')) return { caption: gluedLabel[1]!, credit, strong: true };
  }
  // "… March 12, 2024. REUTERS/Name/File Photo": an agency in capitals and a slash after the caption's last sentence.
  // Every credit form below has a slash, a bar or brackets: a line without any is no caption-with-credit of these kinds.
  const slash = line.includes('/') || line.includes('|');
  const agency = slash ? /^(.{10,}?[.!?]["'”’)]*)\s+((?:REUTERS|AFP|AP|EPA|DPA|ANP|KEYSTONE|XINHUA|POOL)(?: Photo)?\/[^/\s].{1,100})$/u.exec(line) : null;
  if (agency && !/[.!?]$/.test(agency[2]!)) return { caption: agency[1]!, credit: agency[2]!.trim(), strong: true };
  // "… auf die Fahrbahn gestellt.picture alliance/dpa | Name": a known source with its separator after the last sentence, glued or not.
  const known = slash ? KNOWN_AFTER_STOP.exec(line) : null;
  if (known && !TEXT_SOURCES.test(known[2]!.trim()) && looksLikeBareCredit(known[2]!)) return { caption: known[1]!, credit: known[2]!.trim(), strong: true };
  // "… due to begin next month. Photo by Johnny Cortes", "… (Picture by Name/Agency)": the English label with "by" after the
  // caption's last sentence; the credit checked as on a line of its own.
  const byAt = /\b(?:Photo|Picture|Image|Pic)\s+by\s/.test(line) ? /^(.{10,}?[.!?]["'”’)]*)\s+(\(?(?:Photo|Picture|Image|Pic)\s+by\s+\p{Lu}[^()]{2,80}\)?)$/u.exec(line) : null;
  if (byAt) {
    const cr = parseCreditLine(byAt[2]!);
    if (cr?.strong) return { caption: byAt[1]!, credit: cr.credit, strong: true };
  }
  // "… Menschen. (Bild: Name (Luzern, 2. Juli 2023))" (CH Media): the place and date of the shot inside the credit's brackets.
  const nested = /\)\)\.?$/.test(line) ? /^(.*\S)\s*\(((?:Bild|Foto|Photo)\s*:\s*[^()]{2,80}?)\s*\([^()]{2,60}\)\)\.?$/u.exec(line) : null;
  if (nested) {
    const inner = labelledCredit(nested[2]!);
    if (inner && inner.caption === '') return { caption: nested[1]!, credit: inner.credit, strong: true };
  }
  // "… near Scarlett Road on Thursday. MARTA EXAMPLEWOOD TORONTO STAR": the photographer and outlet in capitals after the
  // caption's last stop (two to six words).
  const end2 = line.slice(-2);
  const capsTail = line.length >= 30 && end2 !== end2.toLowerCase() && end2 === end2.toUpperCase() && /\p{Lu}{2}$/u.test(line) ? /^(.{20,}?\p{Ll}[.!?]["'”’)]*)\s+((?:\p{Lu}[\p{Lu}'’.-]+\s+){1,5}\p{Lu}[\p{Lu}'’.-]+)$/u.exec(line) : null;
  if (capsTail && wordCount(capsTail[1]!) >= 5 && !NOT_A_SOURCE.test(capsTail[2]!)) return { caption: capsTail[1]!, credit: capsTail[2]!, strong: true };
  // "… mit alten Umzugsplakaten. Privatfoto" (SWP): a picture source's own word after the caption's last stop.
  const tail8 = line.slice(-8).toLowerCase();
  const sourceWord = (tail8.endsWith('foto') || tail8.endsWith('privat') || tail8.endsWith('archiv') || tail8.endsWith('handout')) ?
    /^(.{10,}?[.!?]["'”’)]*)\s+(Privatfoto|Privat|privat|Archivfoto|Archiv|Pressefoto|Leserfoto|Vereinsfoto|Firmenfoto|Werkfoto|Polizeifoto|Handout)$/u.exec(line) : null;
  if (sourceWord && wordCount(sourceWord[1]!) >= 4) return { caption: sourceWord[1]!, credit: sourceWord[2]!, strong: true };
  // "… vor dem Dorfgemeinschaftshaus in HeideloheJakob Musterfeldt" (vorwaerts.de): the photographer's name glued to the
  // caption's last word, a capital right after small letters.
  // Cheap test on the line's end first: this runs on every line of a page.
  const gluedName = line.length <= 300 && /\p{Ll}[.!?]?\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2}$/u.test(line.slice(-50))
    ? /^(.{20,}?\p{Ll}{2}[.!?]?)(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2})$/u.exec(line) : null;
  if (gluedName && wordCount(gluedName[1]!) >= 5 && isPhotographer(gluedName[2]!)) return { caption: gluedName[1]!, credit: gluedName[2]!, strong: true };
  // "Voters queue at a polling station in Strovolos on Sunday morning (Andreas Kleanthous)" (Cyprus Mail): the photographer's
  // name in brackets ending a caption that has no stop of its own.
  const parenName = line.endsWith(')') && line.length <= 400 ? /^(.{20,}?\p{Ll})\s+\((\p{Lu}\p{Ll}+(?:[ -]\p{Lu}[\p{Ll}'’]+){1,2})\)$/u.exec(line) : null;
  if (parenName && wordCount(parenName[1]!) >= 5 && isPhotographer(parenName[2]!)) return { caption: parenName[1]!, credit: parenName[2]!, strong: true };
  // "… im ehemaligen Kloster. - Keystone", "… in Baden. - Nau.ch / Name" (nau.ch): a bare credit after a dash that follows the last sentence.
  // The site's own address counts as a credit there ("… des Dorfes. - Nau.ch").
  const dash = Math.max(line.lastIndexOf(' - '), line.lastIndexOf(' – '));
  if (dash >= 10 && line.length - dash <= 84) {
    const caption = line.slice(0, dash).trimEnd();
    // "… Bahnhofsvorplatz. – Alle Rechte vorbehalten IMAGO / Name": the licence note goes and marks the credit.
    const raw = line.slice(dash + 3).trim();
    const credit = raw.replace(LICENCE_NOTE, '');
    if (credit !== raw && /[.!?]["'”’»)]*$/.test(caption) && looksLikeBareCredit(credit)) return { caption, credit, strong: true };
    if (/[.!?]["'”’»)]*$/.test(caption) && /^[^!?:]{1,79}[^.!?:\s]$/.test(credit) && !credit.startsWith('©') &&
      (looksLikeBareCredit(credit) || /^[\p{L}\d-]{2,30}\.[a-z]{2,3}$/iu.test(credit))) return { caption, credit, strong: false, bare: true };
  }
  // "Der Parkplatz bleibt, wie er ist. / Quelle: Name" (Tegernseer Stimme): a labelled source after a slash that follows
  // the caption's last sentence.
  const slashSource = slash ? /^(.{10,}?[.!?]["'”’)]*)\s+\/\s+((?:Quelle|Foto|Bild|Fotos)\s*:\s*[^/:]{2,80})$/u.exec(line) : null;
  if (slashSource) {
    const lab = labelledCredit(slashSource[2]!);
    if (lab && lab.caption === '') return { caption: slashSource[1]!, credit: lab.credit, strong: true };
  }
  // "Foto: Name (KNA) | Viele Plätze blieben leer: …" (Die Tagespost): the labelled credit first, the caption after the bar.
  const creditFirst = slash ? /^(?:Fotos?|Bild|Photo)\s*:\s*([^|]{2,80}?)\s+\|\s+(\p{Lu}.{10,})$/u.exec(line) : null;
  const firstCredit = creditFirst ? cleanCredit(creditFirst[1]!) : undefined;
  if (firstCredit && !/\s\|\s/.test(creditFirst![2]!) && wordCount(creditFirst![2]!) >= 5 && !looksLikeBareCredit(creditFirst![2]!)) {
    return { caption: creditFirst![2]!, credit: firstCredit, strong: true };
  }
  // "… on Sunday night. | Kyodo", "… in Chennai on Thursday. | Photo Credit: M. Name" (The Japan Times, The Hindu): the
  // credit after a bar that follows the caption's last sentence.
  const bar = slash ? line.lastIndexOf(' | ') : -1;
  if (bar >= 20 && line.length - bar <= 84) {
    const caption = line.slice(0, bar).trimEnd();
    const tail = line.slice(bar + 3).trim();
    // "Am Hafen soll die Pumpe stehen | picture alliance/dpa" (tagesschau): a picture agency after the bar, in its own
    // lower case, under a caption without a stop.
    const agencyTail = AGENCY_TAIL.test(tail) && looksLikeBareCredit(tail) &&
      !(TEXT_SOURCES.test(tail) && /[/,]/.test(tail)) && wordCount(caption) >= 4;
    if (agencyTail && !/\s\|\s/.test(caption)) return { caption, credit: tail, strong: true };
    if (/[.!?]["'”’»)]*$/.test(caption) && /^\p{Lu}/u.test(tail)) {
      const lab = labelledCredit(tail);
      if (lab && lab.caption === '') return { caption, credit: lab.credit, strong: true };
      // "… on Sunday. | Photo by Marisol Example": the English label with "by".
      const by = /^(?:Photo|Picture|Image)\s+by\s/i.test(tail) ? parseCreditLine(tail) : undefined;
      if (by?.strong) return { caption, credit: by.credit, strong: true };
      // A known source of more words too ("… | Jane Example/AFP via Getty Images").
      const known = looksLikeBareCredit(tail);
      if (known || (!/[.!?:\d]/.test(tail) && wordCount(tail) <= 4 && !/^(?:mehr|more|read|lesen|alle|weitere|zur|zum|hier|jetzt|watch|video|audio|anzeige|werbung|advertisement|sponsored|promotion)\b/i.test(tail))) {
        return { caption, credit: tail, strong: known, ...(!known && { bare: true }) };
      }
    }
  }
  // "… during a tour last month. (Contributed photo)" (MediaNews Group): a source word in brackets after the last stop.
  const sourced = line.endsWith(')') ? /^(.{10,}?[.!?]["'”’]*)\s+\(((?:Contributed|Submitted|Courtesy|File|Handout|Supplied) photo|Photo courtesy of [^()]{2,60}|Courtesy of [^()]{2,60})\)$/iu.exec(line) : null;
  if (sourced) return { caption: sourced[1]!, credit: sourced[2]!, strong: true };
  const paren = /\(([^()]{1,160})\)\.?$/.exec(line) ?? /\[([^[\]\d]{1,160})\]\.?$/.exec(line);
  if (paren) {
    // "[File: Name/Reuters]" (Al Jazeera): an archive picture's mark before the credit.
    const marked = /^(?:File|Archive|Archiv|Archivbild)\s*:\s*/i.exec(paren[1]!.trim());
    const inner = marked ? paren[1]!.trim().slice(marked[0].length) : paren[1]!.trim();
    if (marked && looksLikeBareCredit(inner)) return { caption: line.slice(0, paren.index).trim(), credit: inner, strong: true };
    const caption = line.slice(0, paren.index).trim();
    // "jb/le (dpa, epd)" (DW): the editors' initials and the agencies the text is from, the story's last line.
    if (/^\p{Ll}{1,4}(?:\s?\/\s?\p{Ll}{1,4})+$/u.test(caption) && isTextSource(inner.replace(/\s*,\s*/g, '/').toLowerCase())) return undefined;
    const labelled = labelledCredit(inner);
    // A labelled credit in parentheses closing a caption is a credit even with "Quelle:".
    if (labelled && labelled.caption === '') return { caption, credit: labelled.credit, strong: labelled.strong || !!labelled.known };
    // "Foto: Anna Platzhalter (Keystone)": a labelled photographer with the agency in brackets is all credit.
    const before = labelledCredit(caption);
    if (before && before.caption === '' && before.strong && looksLikeBareCredit(inner)) return { caption: '', credit: `${before.credit} (${inner})`, strong: true };
    if (looksLikeBareCredit(inner)) {
      // "… on Feb. 11, 2026. (Photo by Name/Getty Images) (Getty Images)" (KRON4): the labelled credit before the bare one
      // is the picture's, the bare one its agency again.
      const before = caption.endsWith(')') ? splitCaptionCredit(caption) : undefined;
      if (before?.strong && before.caption && sameCredit(inner, before.credit.split('/').pop() ?? '')) return before;
      return { caption, credit: cleanCredit(inner) ?? inner, strong: false, bare: true };
    }
    // A photographer's name in brackets after the caption's last sentence ("… am Markt. (Lena Beispiel)").
    if (endsSentence(caption) && isPhotographer(inner) && wordCount(inner) <= 3) return { caption, credit: inner, strong: false, bare: true };
  }
  const labelled = labelledCredit(line);
  if (labelled) return labelled;
  // "… on Saturday. Jane Example / Getty Images", "… in Auckland. Photo / Jane Example", "… on Monday. Supplied": a credit
  // without a label after the caption's last sentence, read as it would be on a line of its own.
  // A caption is a sentence or two: a paragraph ending in its text's sources ("… gegründet. epd", "… ermittelt. dpa/lni") is
  // no picture's, and a stop after a figure ("Urteil vom 2. Oktober") ends no sentence.
  const stop = line.length <= 300 ? /(?<=\p{L}\p{L})([.!?]["'”’)]*)\s+(\S[^.!?,:]{1,79})$/u.exec(line) : null;
  if (stop && stop.index >= 20) {
    const caption = line.slice(0, stop.index + stop[1]!.length);
    const tail = stop[2]!.trim();
    const own = parseCreditLine(tail);
    if (own?.strong) return { caption, credit: own.credit, strong: true };
    if (wordCount(caption) >= 4 && !TEXT_SOURCES.test(tail) && looksLikeBareCredit(tail)) return { caption, credit: tail, strong: true };
  }
  // "… on Friday, Jan. 16, 2026.Mira Castellanos/The Oregonian" (OregonLive): the photographer and outlet glued to the caption's
  // last stop, a slash between them.
  const glued = line.length <= 300 && line.includes('/') ? /^(.{20,}?(?:\p{Ll}{2}|\d{4})[.!?]["'”’)]*)((\p{Lu}\p{Ll}+(?:[ -]\p{Lu}[\p{L}'’-]+){0,3})\s?\/\s?([^/.!?,:]{2,60}))$/u.exec(line) : null;
  if (glued && wordCount(glued[1]!) >= 4 && wordCount(glued[4]!) <= 4 && (isPhotographer(glued[3]!) || KNOWN_SOURCE.test(glued[3]!)) &&
    looksLikeBareCredit(glued[2]!)) return { caption: glued[1]!, credit: glued[2]!, strong: true };
  return undefined;
}

function labelledCredit(line: string): CaptionCredit | undefined {
  let last: { at: number; after: number; label: string } | undefined;
  let before: typeof last;
  LABEL_AT.lastIndex = 0;
  for (let m = LABEL_AT.exec(line); m; m = LABEL_AT.exec(line)) {
    const at = m.index + (m[0].length - m[0].trimStart().length) + (/^[.!?;,“”"»«)\]]/.test(m[0]) ? 1 : 0);
    // "In pictures: Waves batter …", "In Bildern: …": a gallery's title, not a credit.
    if (/(?:^|\s)(?:in|im)\s*$/i.test(line.slice(0, at))) continue;
    before = last;
    last = { at, after: m.index + m[0].length, label: m[1]! };
  }
  // "Bildrechte: MDR SACHSEN-ANHALT | Foto: Jan Beispiel", "Bildrechte: MDR/A, B | Collage: Name" (MDR): a rights holder
  // and, after a bar, the photographer with a label of its own; the first label opens the credit.
  const rightsHolder = before && last && STRONG_RE.test(before.label) ? line.slice(before.after, last.at) : '';
  if (before && /^[^.!?:|]{2,60}\s\|\s$/u.test(rightsHolder)) {
    const photographer = cleanCredit(line.slice(last!.after));
    const caption = line.slice(0, before.at).trim().replace(/\s[/|–—-]$/, '');
    // "Foto: Name | Foto: Name" (regionalHeute): the same credit twice is one.
    if (photographer && sameCredit(rightsHolder.replace(/\s\|\s$/, ''), photographer)) return { caption, credit: photographer, strong: true };
    if (photographer) return { caption, credit: `${rightsHolder}${line.slice(last!.at).trim()}`, strong: true };
  }
  COPYRIGHT_AT.lastIndex = 0;
  const mayHoldCopyright = line.includes('©') || /\(c\)|copyright|rechte vorbehalten|rights reserved/i.test(line);
  for (let m = mayHoldCopyright ? COPYRIGHT_AT.exec(line) : null; m; m = COPYRIGHT_AT.exec(line)) {
    if (!last || m.index > last.at) last = { at: m.index + (m[0].length - m[0].trimStart().length), after: m.index + m[0].length, label: '©' };
  }
  if (!last) return undefined;
  let credit = cleanCredit(line.slice(last.after));
  if (!credit || credit.includes(':')) return undefined;
  // "Foto: Name/FUNKE Foto Services © FUNKE Foto Services | …" (Funke): a line that opens with a label is all
  // credit; the photographer's part is the credit, the rights holder's repeat after © goes.
  const opening = last.label === '©' ? /^(?:Fotos?|Bild|Photo|Image)\s*:\s*(\S.{1,100})$/i.exec(line.slice(0, last.at).trim()) : null;
  if (opening) {
    const first = cleanCredit(opening[1]!);
    if (first) return { caption: '', credit: first, strong: true };
  }
  // "Image: Part of the railing … Pic: PA" (Sky News): the picture's label before the caption goes.
  let caption = line.slice(0, last.at).trim().replace(/^(?:image|picture|photo|bild|foto)\s*:\s+(?=\S)/i, '');
  // "… erwartet. - Foto: © Gemeinde" (stol.it): the label before the © belongs to the credit.
  if (last.label === '©') caption = caption.replace(/(?:^|(?<=\S)\s*(?:[-–|]\s*)?)(?:Fotos?|Bild|Photo|Image)\s*:\s*$/i, '');
  // "… im Regen. © NDR Foto: Name": the rights holder and the photographer, one credit.
  const holder = last.label !== '©' ? /(?:^|\s)©\s*([^©:.!?]{2,60})$/.exec(caption) : null;
  if (holder && cleanCredit(holder[1]!)) {
    credit = `${holder[1]!.trim()}/${credit}`;
    caption = caption.slice(0, holder.index).trim();
    return { caption, credit, strong: true };
  }
  // "… an. © Quelle: Name" (Madsack): a bare © before the label makes it a rights line.
  const bareCopyright = last.label !== '©' && /(?:^|\s)©$/.test(caption);
  if (bareCopyright) caption = caption.replace(/\s*©$/, '');
  // "Wochenmarkt am Ledenhof. / Foto: Name" (HASEPOST): the separator before the label goes with it.
  // "… in Leipzig. – Foto: dpa": a dash too.
  if (/\s[/|–—-]$/.test(caption)) caption = caption.slice(0, -1).trimEnd();
  const strong = bareCopyright || last.label === '©' || STRONG_RE.test(last.label);
  // "Quelle: Kerstin Lohse": a person named as the source is a photographer (a paragraph's source is an institution).
  // "Karte: OpenStreetMap", "Grafik: Stadt Gießen": a picture's label names a picture's source, whoever it is.
  const known = looksLikeBareCredit(credit) || isPhotographer(credit) || (VISUAL_LABEL.test(last.label) && sourceShaped(credit));
  return { caption, credit, strong, ...(!strong && known && { known: true }) };
}

/** Weak labels that name a kind of picture ("Grafik:", "Karte:"): unlike "Quelle:", never a text's source. */
const VISUAL_LABEL = /^(?:Grafik|Karte|Illustration|Abbildung|Montage|Screenshot)$/i;

/**
 * A source's name rather than a phrase: up to five words, each capitalised, a name's particle or a compound with a
 * slash, hyphen or dot ("Stadt Gießen", "OpenStreetMap", "dpa-infografik", "Büro Beispiel Architekten"); not
 * "Pegelstände an der Nordseeküste" (a map's title).
 */
function sourceShaped(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 5 && words.every((w) => /^[\p{Lu}\d]/u.test(w) || NAME_PARTICLES.has(w) || /\p{L}[-./]\p{L}/u.test(w));
}

/** A person's name, not an institution that reads like one ("Statistisches Landesamt", "Stadtwerke Beispielstadt"). */
export function isPhotographer(text: string): boolean {
  // Not a link or a list's words ("Mehr Infos", "Alle Bilder", "Zur Übersicht"), nor a letter's sign-off ("Ihre Merle Beispiel").
  if (/^(?:mehr|alle|weitere|zur|zum|hier|jetzt|zurück|weiter|kontakt|ihr|ihre|euer|eure|dein|deine|your|yours|herzlich|grüße)\b/i.test(text)) return false;
  return isPersonName(text) && !/^\p{L}+(?:isch|lich|sch)e[snmr]?\s/u.test(text) &&
    !/(?:amt|ämter|ministerium|institut|verband|behörde|universität|hochschule|stadt|städte|werke|polizei|bank|kasse|gmbh|agentur|zentrum|archiv|museum|verwaltung|gemeinde|kreis|rat)\b/iu.test(text);
}

/** A line that is only a credit: "Bildrechte: mdr", "Foto: dpa/Jan Woitas", "© IMAGO". */
export function parseCreditLine(line: string): { credit: string; strong: boolean; known?: boolean } | undefined {
  if (line.length > LIMITS.credit + 20) return undefined;
  // "Foto: caption, via agency" names a picture and its source, not a credit alone (head-meta.ts viaCredit).
  if (/^(?:Foto|Bild|Photo)\s*:.{8,},\s*via\s+\S/i.test(line)) return undefined;
  // "(Foto: dpa)" on its own line.
  const inner = /^\((.+)\)$/.exec(line.trim())?.[1] ?? line;
  // "(Photo by Name/Getty Images)", "Photo by Name on Unsplash": the English label with "by".
  const by = /^(?:photo|photograph|picture|image|pic)\s+by\s+(\p{Lu}[^()]{2,80})$/iu.exec(inner);
  if (by) {
    const credit = cleanCredit(by[1]!);
    if (credit && (credit.includes('/') || / on (?:unsplash|pexels|pixabay)$/i.test(credit) || looksLikeBareCredit(credit) || isPhotographer(credit))) return { credit, strong: true };
  }
  // "Photo / Jane Example" (NZ Herald): the label with a slash.
  const slashed = /^(?:photo|picture|image|foto|bild)\s+\/\s+(\p{Lu}.{1,80})$/iu.exec(inner);
  const slashedCredit = slashed ? cleanCredit(slashed[1]!) : undefined;
  if (slashedCredit) return { credit: slashedCredit, strong: true };
  const cc = labelledCredit(inner);
  return cc && cc.caption === '' ? { credit: cc.credit, strong: cc.strong, ...(cc.known && { known: true }) } : undefined;
}

/** Same credit, whatever its label and separators: "(Quelle: dpa/Name)" and "dpa / Name". */
export function sameCredit(a: string, b: string): boolean {
  const words = (s: string) => s.toLowerCase().replace(/\b(?:foto|photo|bild|image|bildrechte|bildquelle|quelle)\s*:/g, ' ').replace(/[©()[\]/|,]/g, ' ').replace(/\s+/g, ' ').trim();
  const wa = words(a);
  if (!wa.length) return false;
  const wb = words(b);
  // The same words in another order ("Name / FUNKE Foto Services" and "© FUNKE Foto Services | Name", Funke).
  return wa === wb || (wa.length >= 8 && wa.split(' ').sort().join(' ') === wb.split(' ').sort().join(' '));
}
