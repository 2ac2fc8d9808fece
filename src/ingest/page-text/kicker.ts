import { LIMITS } from '../../content/index.js';
import { parseDateLine, type FoundDate } from './dates.js';
import { endsWithStop, LEADING_BULLET, startsUpper, wordCount } from './lines.js';
import { FUNCTION_WORDS, SENTENCE_START_WORDS as SENTENCE_START } from './sentence-start.js';

/**
 * Kicker ("Dachzeile") and headline. Broadcasters print the kicker above the
 * headline; a crawler often puts both on one line ("Ukraine-Konflikt Blinken und
 * Lawrow wollen …"), sometimes without a space ("Sachsen-AnhaltDas war …"),
 * sometimes after a date ("23.05.2019 | Sachsen-Anhalt am Morgen Das war …").
 *
 * A kicker is a short noun phrase (1–3 words, a topic, region or section); the
 * headline is a sentence. Each possible split is scored on evidence that
 * generalises beyond one page, and the line stays whole unless the evidence is
 * clear — a wrong split damages the headline, a missed one only keeps it long.
 */

/** Regions, sections and standing topics that broadcasters use as kickers. */
const KNOWN_KICKERS = new Set([
  'sachsen', 'sachsen-anhalt', 'thüringen', 'bayern', 'berlin', 'brandenburg', 'bremen', 'hamburg', 'hessen', 'niedersachsen',
  'nordrhein-westfalen', 'nrw', 'rheinland-pfalz', 'saarland', 'schleswig-holstein', 'mecklenburg-vorpommern', 'baden-württemberg',
  'mitteldeutschland', 'ostdeutschland', 'deutschland', 'europa', 'welt', 'ausland', 'inland', 'international', 'regional',
  'dresden', 'leipzig', 'chemnitz', 'magdeburg', 'halle', 'halle (saale)', 'erfurt', 'jena', 'weimar', 'gera', 'dessau', 'zwickau',
  'politik', 'wirtschaft', 'sport', 'kultur', 'panorama', 'wissen', 'gesellschaft', 'ratgeber', 'nachrichten', 'verbraucher',
  'corona', 'coronavirus', 'pandemie', 'ukraine', 'nahost', 'brexit', 'klimawandel', 'klima', 'energie', 'energiekrise', 'wetter',
  'unwetter', 'hochwasser', 'verkehr', 'bildung', 'gesundheit', 'justiz', 'kriminalität', 'polizei', 'bundestagswahl', 'landtagswahl',
  'europawahl', 'kommunalwahl', 'wahl', 'liveticker', 'ticker', 'live', 'kommentar', 'analyse', 'interview', 'meinung', 'faktencheck',
  'hintergrund', 'reportage', 'eilmeldung', 'exklusiv', 'fußball', 'bundesliga', 'olympia', 'politics', 'business', 'world', 'uk',
  'us', 'europe', 'analysis', 'opinion', 'explainer', 'breaking', 'science', 'health', 'technology', 'culture', 'climate',
]);

/** Role nouns: "CDU-Chef Merz fordert …" is one phrase (title + name), not kicker + headline. */
const ROLE_SUFFIX = /(?:chef|chefin|präsident|präsidentin|minister|ministerin|kanzler|kanzlerin|sprecher|sprecherin|trainer|trainerin|star|politiker|politikerin|boss|vorsitzende|vorsitzender|bürgermeister|bürgermeisterin|abgeordnete|abgeordneter|stürmer|torwart|sänger|sängerin|schauspieler|schauspielerin|bischof|könig|königin|prinz|prinzessin|kandidat|kandidatin|experte|expertin|virologe|virologin|richter|richterin|anwalt|anwältin|president|minister|leader|chief|secretary)$/i;

/** Camel-case names that look like a glued kicker but are one word. */
const CAMEL_WORDS = /^(?:YouTube|BioNTech|iPhone|iPad|McDonald|PayPal|WhatsApp|LinkedIn|TikTok|DeutschlandTicket|eBay|PlayStation|FaceTime|SpaceX|OpenAI|ChatGPT|JavaScript|PowerPoint|BahnCard|BlackRock|GlaxoSmithKline|DeepMind|HelloFresh|FlixBus|FlixTrain|MacBook|AirPods|DevOps|GmbH|AfD|NordLB|BayernLB)/;

export interface KickerSplit {
  kicker?: string;
  headline: string;
  /** How much evidence the split had (THRESHOLD is 3; a split on 3 or 4 is reported as a guess). Only from splitKickerScored. */
  evidence?: number;
}

interface Context {
  /** Text of the rest of the page, for "does the kicker recur on its own". */
  bodyText: string;
  language: 'de' | 'en';
  /** The site prints kicker and headline on one line (site-profiles.ts): a split needs less evidence. */
  joined?: boolean;
  /** The page's title as the crawl printed it (without the site's name), if any. */
  pageTitle?: string;
}

/** The body text as lines with a newline at both ends, built once per kicker split (it can be 100 KB). */
const paddedBodies = new WeakMap<Context, string>();

/** The rest of the line is printed alone elsewhere on the page (the page title, a rail, a repeat): strong evidence. */
function printedAlone(rest: string, ctx: Context): boolean {
  if (rest.length < 12) return false;
  if (ctx.pageTitle && ctx.pageTitle === rest) return true;
  let padded = paddedBodies.get(ctx);
  if (padded === undefined) {
    padded = `\n${ctx.bodyText}\n`;
    paddedBodies.set(ctx, padded);
  }
  return padded.includes(`\n${rest}\n`);
}

/** Capitalised adjectives that are part of a name, not a sentence's first word ("Deutsche Bahn", "Grüne Jugend"). */
const NAME_ADJECTIVES = new Set(['deutsche', 'deutscher', 'deutschen', 'europäische', 'europäischen', 'vereinte', 'vereinigte', 'vereinigten', 'grüne', 'grünen', 'linke', 'freie', 'freien', 'neue', 'rote', 'roten', 'weiße', 'weißen', 'schwarze', 'heilige', 'heiligen', 'alte', 'alten', 'junge', 'jungen', 'große', 'großen', 'kleine']);
const NAME_NOUNS = /^(?:bahn|bank|bundesbank|post|telekom|union|nationen|staaten|jugend|liga|partei|wähler|demokraten|welt|zeit|haus|stadt|markt|see|meer|kreuz|garde|armee)$/i;

const lc = (w: string) => w.toLowerCase().replace(/[„“”"'’:,.!?()]/g, '');

/**
 * Occurrences of `phrase` as whole words in `text` that are NOT followed by `nextWord` (so "Olaf" in "Olaf
 * Scholz" does not count); without `nextWord`, any whole-word occurrence.
 */
function recursStandalone(phrase: string, text: string, nextWord?: string): boolean {
  if (phrase.length < 3) return false;
  let from = 0;
  for (let n = 0; n < 200; n++) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    from = at + phrase.length;
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text.slice(from, from + (nextWord?.length ?? 0) + 2);
    if (/[\p{L}\d-]/u.test(before) || /^[\p{L}\d]/u.test(after)) continue;
    if (nextWord === undefined || !after.trimStart().startsWith(nextWord)) return true;
  }
  return false;
}

function isTitleCase(words: string[]): boolean {
  const fn = words.slice(1).filter((w) => FUNCTION_WORDS.has(w.toLowerCase()));
  return fn.length >= 2 && fn.filter((w) => /^\p{Lu}/u.test(w)).length >= fn.length / 2;
}

function kickerEndsWell(lastWord: string, language: 'de' | 'en', words: string[] = []): boolean {
  if (/[,;:.!?]$/.test(lastWord)) return false;
  if (FUNCTION_WORDS.has(lastWord.toLowerCase())) return false;
  // "Sanierung verzögert", "Streik beendet": a noun and a participle.
  if (language === 'de' && words.length === 2 && /^\p{Lu}\p{Ll}{3,}$/u.test(words[0]!) && /^(?:ge|be|ver|er|zer|ent)?\p{Ll}{3,}(?:t|en)$/u.test(lastWord)) return true;
  // German nouns and names are capitalised; English kickers may end in a noun ("Ukraine crisis").
  return language === 'en' ? /^[\p{L}\d]/u.test(lastWord) : /^[\p{Lu}\d„"“(]/u.test(lastWord);
}

/** Evidence that `kicker` + `rest` is a kicker/headline split; undefined when impossible. */
function score(kickerWords: string[], restWords: string[], ctx: Context, glued: boolean): number | undefined {
  const kicker = kickerWords.join(' ');
  const first = restWords[0];
  if (!first || restWords.length < 3 || restWords.join(' ').length < 12) return undefined;
  if (kicker.length > LIMITS.kicker || kicker.length < 2 || !startsUpper(first)) return undefined;
  // A kicker that opens like a sentence ("Zwischen Coswig und Wörlitz", "Nach dem Sturm") only before a capitalised article
  // or question word, which no sentence has inside it ("Zwischen Coswig und Wörlitz Die Fähre …", tagesschau's topline).
  if (SENTENCE_START.has(lc(kickerWords[0]!)) && !(ctx.language === 'de' && !glued && kickerWords.length >= 2 &&
    /^(?:Der|Die|Das|Ein|Eine|Wie|Was|Warum|Wer|Wo|Wann|Wieso|Weshalb)$/.test(first))) return undefined;
  const last = kickerWords[kickerWords.length - 1]!;
  if (!kickerEndsWell(last, ctx.language, kickerWords)) return undefined;
  let s = glued ? 2 : 0;
  // An English headline in Title Case ("Carlisle Flood Wall Will Not Be Ready Before Winter") capitalises "Will" as every
  // other word: no sentence starts there. Title Case keeps an article small inside a title, so a capital one still opens
  // a headline ("Local Politics in the North A Mayor Nobody Expected", SPIEGEL International).
  const titleCased = ctx.language === 'en' && !/^(?:A|An|The)$/.test(first) && [...kickerWords, ...restWords].filter((w) => /^\p{L}{4,}/u.test(w)).every((w) => /^\p{Lu}/u.test(w));
  if (SENTENCE_START.has(lc(first)) && !isTitleCase(restWords) && !titleCased) s += 4;
  if (KNOWN_KICKERS.has(kicker.toLowerCase())) s += 3;
  if (/\p{L}-\p{L}/u.test(last)) s += 2;
  if (recursStandalone(kicker, ctx.bodyText, first)) s += 2;
  if (printedAlone(restWords.join(' '), ctx)) s += 4;
  const second = restWords[1];
  if (second && /^\p{Ll}/u.test(second)) s += 1;
  // German: a capitalised adjective right after a noun starts a new phrase ("… am Bodensee Junge Physikerinnen fragen …").
  if (ctx.language === 'de' && second && /^\p{Lu}\p{Ll}{2,}(?:e|en|er|es|em)$/u.test(first) && /^\p{Lu}/u.test(second) &&
    !SENTENCE_START.has(lc(first)) && isAdjectiveLike(first, second)) s += 3;
  // "… Parkgebühren Krefelder Händler …": a place's adjective (the place named on the page) opens a new phrase.
  if (ctx.language === 'de' && second && /^\p{Lu}/u.test(second) && /^\p{Lu}\p{Ll}{3,}er$/u.test(first) && recursStandalone(first.slice(0, -2), ctx.bodyText)) s += 3;
  if (ctx.language === 'en' && /^\p{Ll}/u.test(last) && /^\p{Lu}/u.test(first)) s += 1;
  if (ROLE_SUFFIX.test(last.replace(/[^\p{L}]/gu, ''))) s -= 5;
  return s;
}

/** Adjective stems and suffixes with an inflected ending ("-ige", "-ischen", "junge", "neuesten"). */
const ADJECTIVE_FORM = /(?:ig|lich|i?sch|sam|bar|haft|los|voll|ell|iv|al|ant|ent|er|neu|jung|alt|groß|klein|gut|schlecht|hoch|tief|lang|kurz|stark|schwach|reich|arm|erst|letzt|viel|weit|nah|früh|spät|schnell|frei|leer|warm|kalt|hart|weich|jüng|älter|größer|ganz|halb|deutsch|ander|weiter|mehrer|einig|ehemalig|bisherig|heutig|neuest|best)(?:e|en|er|es|em)$/;

/** An adjective form before a noun, not a name ("Deutsche Bahn") and not a noun itself ("Ferne" is rare enough). */
function isAdjectiveLike(word: string, next: string): boolean {
  const w = word.toLowerCase();
  if (NAME_ADJECTIVES.has(w) && NAME_NOUNS.test(next.replace(/[^\p{L}]/gu, ''))) return false;
  // Nouns in -ung, -heit, -keit, -schaft, -tion never end like this; common adjective endings do.
  return ADJECTIVE_FORM.test(w) || NAME_ADJECTIVES.has(w);
}

export const THRESHOLD = 3;

/**
 * Splits a kicker off the start of a headline line when the evidence is clear:
 * a capitalised sentence-start word after it ("… am Morgen Das war …"), a known
 * region/section/topic, a hyphenated compound, the phrase recurring on its own
 * in the text, a sentence-shaped rest ("Blinken und …"). Role nouns ("CDU-Chef
 * Merz …") count against. Glued kickers split at a lower→upper boundary inside
 * a word, unless that word is a known camel-case name or recurs in the text.
 */
export function splitKicker(line: string, ctx: Context): KickerSplit {
  const { evidence: _evidence, ...split } = splitKickerScored(line, ctx);
  return split;
}

/** splitKicker with the evidence of the split it made (for the import's warnings). */
export function splitKickerScored(line: string, ctx: Context): KickerSplit {
  // "Waldbrände in Südeuropa :Was …", "Streit um X : Kommunen fordern …": a space before the
  // colon is how crawls join a kicker to its headline; a headline's own colon has none.
  const colon = colonKicker(line);
  if (colon) return { ...colon, evidence: 8 };
  const words = line.split(' ');
  if (words.length < 4 || line.length > LIMITS.headline + LIMITS.kicker) return { headline: line };
  // "Havelfähre Ketzin - Nach 90 Jahren droht …", "Kommunalfinanzen - Die Städte …" (rbb24, Cicero): a short
  // kicker joined by a dash, when the rest opens like a sentence. A headline's own dash joins two phrases.
  const dash = /^(\S.{1,50}?)\s+[-–—]\s+(\p{Lu}.*)$/u.exec(line);
  if (dash && wordCount(dash[1]!) <= 4) {
    const kw = dash[1]!.split(' ');
    const rest = dash[2]!.split(' ');
    const s = SENTENCE_START.has(lc(rest[0]!)) && !isTitleCase(rest) ? score(kw, rest, ctx, false) : undefined;
    if (s !== undefined && s >= THRESHOLD) return { kicker: dash[1]!, headline: dash[2]!, evidence: s };
    // "Gutachten zur Brücke - Stadt sperrt …" (rbb24): a noun phrase (its small words only articles and prepositions)
    // before a rest of five words or more with no second dash. "OÖ weiter unter Sturmwarnung – Feuerwehren …" and
    // "Frage? – Antwort – Update: …" are one headline.
    const nounPhrase = kw.every((w) => /^[\p{Lu}\d]/u.test(w) || FUNCTION_WORDS.has(w)) && !/[?!:]$/.test(dash[1]!);
    if (nounPhrase && rest.length >= 5 && !/\s[-–—]\s/.test(dash[2]!)) return { kicker: dash[1]!, headline: dash[2]!, evidence: THRESHOLD };
  }
  // "Sturmtief Ticker: Orkanböen legen …", "Coronavirus-Pandemie Ticker: …", "Sturm in Thüringen Ticker vom 14. März: …"
  // (MDR), "Baden-Württemberg BW-Newsticker am Morgen: …" (SWR): the topic before the ticker's own "Ticker:" headline.
  const ticker = ctx.language !== 'de' ? null : /^(\p{Lu}[\p{L}-]+(?: [\p{L}-]+){0,2}) ((?:\p{Lu}[\p{L}]*-)?(?:Live-?|News-?)?(?:[Tt]icker|[Bb]log)(?:\s+(?:vom|am)\s+[^:]{3,30})?\s*:\s+\S.*)$/u.exec(line);
  if (ticker && !FUNCTION_WORDS.has(ticker[1]!.split(' ').pop()!.toLowerCase()) && !SENTENCE_START.has(lc(ticker[1]!.split(' ')[0]!)) &&
    !/^(?:unser|unsere|unserem|mein|meine|euer|eure|ihr|ihre|dein|deine|aktuell|aktueller|neuer|großer|kleiner)$/i.test(ticker[1]!.split(' ')[0]!)) return { kicker: ticker[1]!, headline: ticker[2]!, evidence: THRESHOLD + 2 };
  // "Der Morgenticker am Donnerstag Reparierter Anleger: …" (MDR's morning tickers): the ticker's name and its day before
  // the headline.
  const daily = ctx.language === 'de' ? /^((?:Der|Das|Die)\s+)?(\p{Lu}\p{Ll}*(?:ticker|blog)\s+(?:am|vom)\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?))\s+([„"»]?\p{Lu}.{10,})$/u.exec(line) : null;
  if (daily) return { kicker: `${daily[1] ?? ''}${daily[2]!}`, headline: daily[3]!, evidence: THRESHOLD + 2 };
  let best: { k: number; s: number; kicker: string; headline: string } | undefined;
  const consider = (kw: string[], rest: string[], glued: boolean) => {
    const s = score(kw, rest, ctx, glued);
    // One word before a capitalised one reads as a compound noun or a name's first part ("Pflegeheim Telfs sucht …",
    // "Hurricane Delia makes …", "Radio Beispielwelle stellt …"): only clear evidence splits it there.
    const oneWord = !glued && kw.length === 1 && !ctx.joined && /^\p{Lu}/u.test(rest[0]!) && !SENTENCE_START.has(lc(rest[0]!)) &&
      !(KNOWN_KICKERS.has(kw[0]!.toLowerCase()) && !/^live|ticker|blog/i.test(kw[0]!));
    if (s === undefined || s < (ctx.joined ? THRESHOLD - 1 : THRESHOLD) + (oneWord ? 2 : 0) || (best && best.s >= s)) return;
    best = { k: kw.length, s, kicker: kw.join(' '), headline: rest.join(' ') };
  };
  for (let k = 1; k <= Math.min(5, words.length - 3); k++) {
    const kw = words.slice(0, k);
    const rest = words.slice(k);
    // Four- and five-word kickers only before a sentence-start word; ordinary kickers have 1–3 words.
    if (k >= 4 && !SENTENCE_START.has(lc(rest[0]!))) continue;
    // "Lesen Sie in unserem Live-Ticker …", "Hören Sie …": a verb addressing the reader, not a kicker.
    if (k === 1 && /^(?:Sie|Du|Ihr)$/.test(rest[0]!) && /^\p{Lu}\p{Ll}+(?:en|t)$/u.test(kw[0]!)) continue;
    // "LIVE UPDATES: …", "BREAKING NEWS: …": a phrase in capitals before a colon is not cut in two.
    if (/^\p{Lu}+:$/u.test(rest[0]!) && kw.every((w) => /^\p{Lu}+$/u.test(w))) continue;
    // "Pasadena ISD to close two schools": in English a name before an acronym is one noun ("Pasadena ISD", "Harris County
    // DA"), no kicker and headline.
    if (ctx.language === 'en' && /^\p{Lu}{2,5}$/u.test(rest[0]!) && /^\p{Lu}\p{Ll}/u.test(kw[kw.length - 1]!)) continue;
    consider(kw, rest, false);
  }
  // Glued: "Sachsen-AnhaltDas war …" – a lower→Upper boundary inside one of the first words.
  for (let p = 0; p < Math.min(5, words.length); p++) {
    const w = words[p]!;
    if (CAMEL_WORDS.test(w)) continue;
    // Also a kicker in capitals ("FÄHRVERKEHRDie letzte …") and a quotation glued on ("SPIEGEL-Gespräch„Wir …“", SPIEGEL).
    // Not a badge in capitals ("LIVETICKERKommunalwahl …": head.ts takes the badge off).
    const caps = /^(\p{Lu}{4,}(?:-\p{Lu}{2,})*)(\p{Lu}\p{Ll}.*)$/u.exec(w);
    const badge = !!caps && CAPS_BADGE_WORD.test(caps[1]!);
    const m = /^(.*?\p{Ll}{2})(\p{Lu}\p{Ll}.*)$/u.exec(w) ?? (badge ? null : caps) ??
      /^(.*?\p{Ll}{2})([„"»]\p{Lu}.*)$/u.exec(w);
    if (!m) continue;
    const left = m[1]!;
    const lastSeg = left.split('-').pop()!;
    if (lastSeg.length < 4) continue;
    if (ctx.bodyText.includes(w)) continue;
    consider([...words.slice(0, p), left], [m[2]!, ...words.slice(p + 1)], true);
  }
  if (!best) return { headline: line };
  const b = best as { kicker: string; headline: string; s: number };
  return { kicker: b.kicker, headline: b.headline, evidence: b.s };
}

/** "Kicker : Headline" or "Kicker :Headline" (a crawl's join; a headline's own colon has no space before it). */
export function colonKicker(line: string): { kicker: string; headline: string } | undefined {
  // "Landwirtschaft:Warum …" (SZ): no space on either side of the colon, a capital after it.
  const glued = /^(\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,4}):(\p{Lu}\p{Ll}.*)$/u.exec(line);
  const colon = glued ?? /^(.{2,}?\S)\s+:\s*(\S.*)$/u.exec(line);
  if (!colon || colon[1]!.length > LIMITS.kicker || wordCount(colon[1]!) > 6 || wordCount(colon[2]!) < 2) return undefined;
  // Letters on both sides: "12 : 30" is a score or a time.
  // "++Kunstrasen …++Uetersen: …++" (shz's news roundups): the plus signs open the headline.
  if (!/\p{L}$/u.test(colon[1]!) || !/^(?:[„"“»«']|\+\+\s?)?\p{Lu}/u.test(colon[2]!)) return undefined;
  return { kicker: colon[1]!, headline: colon[2]! };
}

/** "Rätselhafter Fund:" over its headline (Krone): the colon joins them; the kicker is the words. */
export function withoutJoiningColon(kicker: string): string {
  return kicker.replace(/(?<=\p{L})\s?:$/u, '');
}

/** "16. März", "March 16": a day without its year. */
export function isBareDay(text: string): boolean {
  return /^(?:\d{1,2}\.\s*(?:jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)\p{L}*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d{1,2}(?:st|nd|rd|th)?)$/iu.test(text.trim());
}

/**
 * A list of the day's news names itself by its heading: "Nachrichten aus Leipzig", "News für den 10. März 2026",
 * "Nachrichten vom 04.12.2026", "Meldungen des Tages" (local radio stations' news pages): the heading's start. (Over a
 * title with text it may as well be a rubric's kicker over an article; the head does not decide by it.)
 */
export const NEWS_LIST = /^(?:(?:die\s+)?(?:aktuellen\s+|lokalen\s+)?(?:nachrichten|news|meldungen)\s+(?:aus|für|vom|von|des tages|der region|am)\b|meldungen des tages|nachrichten des tages)/i;

/**
 * "Liveticker: Neues aus Nordhessen", "Polizeiticker: Meldungen aus …": a ticker's own headline in the topic-and-colon
 * form; over its first entry's title it is the headline, not a kicker.
 */
export const TICKER_HEADLINE = /^(?:\p{Lu}\p{Ll}{2,})?(?:live-?|news-?)?(?:ticker|blog)\s*:\s+\S+\s+\S/iu;

/** Badges printed in capitals before a headline, glued on or not ("LIVETICKERKommunalwahl …", "LIVE | Budget 2027: …"). */
export const CAPS_BADGES = 'LIVE(?:TICKER|BLOG)?|NEWSTICKER|VIDEO|AUDIO|PODCAST|EILMELDUNG|BREAKING|EXKLUSIV|UPDATE|ANZEIGE|PLUS|PREMIUM';
const CAPS_BADGE_WORD = new RegExp(`^(?:${CAPS_BADGES})$`);

/** A genre's word ("Analyse", "Kommentar", "Liveblog"), in any case. */
export const GENRES = /^(?:liveblog|newsblog|liveticker|analyse|kommentar|interview|meinung|reportage|porträt|hintergrund|exklusiv|glosse|kolumne|essay|faktencheck|leitartikel|gastbeitrag|gastkommentar)$/i;

/**
 * A kicker printed on its own line above the headline: short (≤ 6 words, within
 * the kicker limit), not ending like a sentence, shorter than the headline that
 * follows, and that headline is not itself a sentence of running text.
 */
export function isOwnLineKicker(kicker: string, headline: string, opts: { bylineBetween?: boolean; sameBox?: boolean } = {}): boolean {
  kicker = withoutJoiningColon(kicker);
  // The headline line brings its own kicker: the line above is something else (a breadcrumb's last part).
  if (colonKicker(headline)) return false;
  // "Headline" / "Kicker Headline": the line below repeats this one with its kicker in front (or glued on).
  if (wordCount(kicker) >= 3 && headline.endsWith(kicker)) return false;
  // A descriptive kicker of up to ten words ("Pfarrer aus dem Bistum Fulda über …", katholisch.de) only in the
  // headline's own box and shorter than the headline.
  const words = wordCount(kicker);
  if (words > 6 && !(opts.sameBox && words <= 10 && kicker.length < headline.length)) return false;
  if (kicker.length > LIMITS.kicker || endsWithStop(kicker) || /[!?]$/.test(kicker)) return false;
  if (TICKER_HEADLINE.test(kicker)) return false;
  // "Hannoversche Allgemeine | Ihre Zeitung aus Hannover": a bar joins a title bar's or a meta line's parts, never a kicker's.
  // Two short parts in the headline's own box are the section and the topic ("Gesellschaft | Wohnen", "Meinung | Freibad").
  if (/\s\|\s/.test(kicker)) {
    const parts = kicker.split(/\s+\|\s+/);
    if (!(opts.sameBox && parts.length === 2 && parts.every((p) => wordCount(p) <= 2 && /^\p{Lu}/u.test(p)))) return false;
  }
  // "NewsSportEntertainmentYour World": a menu's entries glued together by the crawl, never a kicker.
  if (/\p{Ll}\p{Lu}\p{Ll}.*\p{Ll}\p{Lu}\p{Ll}/u.test(kicker)) return false;
  // "Wesel > Sport", "• Lesen": a breadcrumb's parts or a list's item, never a kicker.
  if (/\s[>›»]\s/.test(kicker) || LEADING_BULLET.test(kicker)) return false;
  // "Chronik 14.3. 9.12 Uhr": a section with the time of day is a date line, never a kicker.
  if (/\b\d{1,2}[.:]\d{2}(?:\s*Uhr)?$/.test(kicker)) return false;
  // "16. März", "March 16": a day without its year is a date line.
  if (isBareDay(kicker)) return false;
  // "News", "Nachrichten": the name of every section, so the name of none; no kicker.
  // In the headline's own box the section's name is the kicker all the same (fixture convention: "a section name").
  if (/^(?:aktuell|aktuelles|meldungen|schlagzeilen|top[- ]?news|artikel|latest|top stories)$/i.test(kicker.trim())) return false;
  if (/^(?:news|nachrichten|lokales)$/i.test(kicker.trim()) && !opts.sameBox) return false;
  // A kicker is shorter than its headline, unless a byline stands between them (a structure of its own).
  if (headline.length > LIMITS.headline || (!opts.bylineBetween && headline.length <= kicker.length) || /\.$/.test(headline)) return false;
  // "2. Bundesliga", "9-Euro-Ticket": a kicker may open with a number; "nnz-Ticker zur Landratswahl": with a site's
  // short name in small letters joined to a noun.
  // A genre's badge in small letters too ("analyse", "interview", sportschau).
  const smallGenre = /^\p{Ll}/u.test(kicker) && GENRES.test(kicker.trim());
  if (!startsUpper(kicker) && !smallGenre && !/^\p{Ll}\p{Lu}/u.test(kicker) && !/^\d{1,4}[.-]?\s?\p{Lu}/u.test(kicker) && !/^\p{Ll}{2,6}-\p{Lu}\p{Ll}/u.test(kicker)) return false;
  return wordCount(headline) >= 2;
}

/**
 * "23.05.2019 | Sachsen-Anhalt am Morgen …", "Donnerstag, 23. Mai 2019 – …": a
 * date (and time) before the kicker, separated by a bar or dash. Returns the
 * date and the rest of the line.
 */
export function splitDatePrefix(line: string): { date?: FoundDate; rest: string } {
  // A date glued to the page's name: "Donnerstag, 14. März 2024Der Tag".
  const glued = /^((?:\p{L}+,\s*)?\d{1,2}\.\s*\p{L}+\.?\s+\d{4})\s?(\p{Lu}.{2,})$/u.exec(line);
  if (glued) {
    const d = parseDateLine(glued[1]!);
    if (d) return { date: d, rest: glued[2]! };
  }
  let rest = line;
  let date: FoundDate | undefined;
  for (let n = 0; n < 3; n++) {
    const m = /^(.{4,60}?)\s+[|–—-]\s+(.+)$/.exec(rest);
    if (!m) break;
    const d = parseDateLine(m[1]!);
    const t = date && /^(\d{1,2})[:.](\d{2})(?:\s*Uhr)?$/.exec(m[1]!);
    if (d && !date) date = d;
    else if (date && t && date.hour === undefined && Number(t[1]) < 24 && Number(t[2]) < 60) date = { ...date, hour: Number(t[1]), minute: Number(t[2]) };
    else break;
    rest = m[2]!;
  }
  return date ? { date, rest } : { rest: line };
}
