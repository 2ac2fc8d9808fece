import { LIMITS, type Block, type TickerEntryBlock } from '../../content/index.js';
import { dateToIso, parseDateLine } from './dates.js';
import { NEWS_LIST } from './kicker.js';
import { isRunningText } from './lines.js';

const SOURCE_TIME = /^(?:Quelle|Source)\s*:\s*[^,]{2,80},\s*(\d{1,2})\.(\d{1,2})\.(\d{2,4}),?\s+(\d{1,2})[:.](\d{2})\s*Uhr$/;

/**
 * Live blogs that print their entries without a time: a title line (bold on
 * the page) and its text, one after another (ZDF's live blog, DW's closed
 * blogs, a newsblog's bullet titles). Read as an article, such a page is a run
 * of sub-headings; when the page calls itself a ticker or blog, those headings
 * are its entries. Lede's entries need a time, and the page gives none: every
 * entry gets the page's own time stamp and an id of its own, and the caller
 * warns the editor to set the times.
 */

const TICKER_WORD = /\b(?:live-?ticker|liveblog|live-blog|live blog|newsblog|news-blog|newsticker|ticker|live|blog|nachrichten\b.{0,40}\süberblick|latest\b.{0,40}\supdates|running file|rolling (?:coverage|news|updates)|as it happen(?:s|ed)|updates? through(?:out)? the day|live coverage|laufend aktualisiert)(?![\p{L}])/iu;

/** A police or fire press release's title with its sender's code: "POL-HRO: …", "BPOL-KS: …", "FW-GÖ: …", "LPI-EF: …". */
const PRESS_CODE_TITLE = /^(?:B?POL|FW|LPI|KPI|PP|PD|PI|HZA|ZOLL|BPOLI|BPOLD|LKA|STA|POLIZEI)(?:-[\p{Lu}\d]{1,6}){1,2}:\s+\S.{5,200}$/u;

const NUMBERED_TITLE = /^(\d{1,3})\.\s+(\S.{2,150})$/u;

/** "BreakingFerry crossings …": a badge glued to the title. */
function dropMarker(title: string): string {
  return title.replace(/^(?:Breaking|Eilmeldung|Update|Neu|New|Live)(?=\p{Lu}\p{Ll})/u, '');
}

/**
 * A compound ticker or blog word ("Polizeiticker", "Regioticker", "Wahlticker", "Stadtblog") where a page names
 * itself: alone on the line (a kicker or label), opening it before a colon ("Polizeiticker: Meldungen aus …"), or
 * after "im"/"zum"/"unserem" ("… im Wahlticker"). Elsewhere such a word is the story's subject ("Neuer
 * Abfahrtsticker zeigt Verspätungen").
 */
const COMPOUND_TICKER = /^\p{Lu}\p{Ll}{2,}(?:ticker|blog)(?::|$)|\b(?:im|zum|unserem|unser)\s+\p{Lu}\p{Ll}{2,}(?:ticker|blog)\b/u;

/** True when one of the page's first lines names it a ticker or blog. */
export function namesItselfTicker(firstLines: readonly string[]): boolean {
  return firstLines.some((t) => t.length <= 200 && (TICKER_WORD.test(t) || COMPOUND_TICKER.test(t) || (t.length <= 80 && NEWS_LIST.test(t.trim()))));
}

/**
 * Turns top-level headings into untimed entries: blocks before the first
 * heading stay the intro; each heading with the blocks up to the next heading
 * becomes an entry. Needs at least two headings that each have text; undefined
 * otherwise (the page stays an article).
 */
export function headingsAsEntries(input: Block[], time: string): { intro: Block[]; entries: TickerEntryBlock[] } | undefined {
  // Bullet titles ("• Streik beendet", Bild, BR24, hessenschau) are headings here.
  const body = input.map((b, at): Block => {
    if (b.type !== 'paragraph' || b.content.length !== 1) return b;
    const m = /^[•·▪●◦‣►]\s*(\S.{2,150})$/u.exec(b.content[0]!.text);
    if (m && !/[.:;,]$/.test(m[1]!)) return { type: 'heading', level: 2, text: m[1]! };
    // A dash or an arrow before the title ("- Kassel: Nur die Regiotram fährt", "▶ Title", hessenschau), with the
    // entry's text under it (a dashed line alone, "- Alle Testzeiten in der Datenbank!", is a link).
    const dashed = /^(?:▶\s*|[-–]\s+)(\p{Lu}.{2,150})$/u.exec(b.content[0]!.text);
    const under = input[at + 1];
    if (dashed && !/[.:;,\-–]$/.test(dashed[1]!) && under?.type === 'paragraph' && isRunningText(under.content.map((c) => c.text).join(''))) {
      return { type: 'heading', level: 2, text: dashed[1]! };
    }
    // "POL-HRO: Radfahrerin bei Unfall leicht verletzt", "FW-GÖ: Wohnungsbrand …" (police and fire press releases,
    // presseportal's Blaulicht): the sender's code before the title.
    if (PRESS_CODE_TITLE.test(b.content[0]!.text)) return { type: 'heading', level: 2, text: b.content[0]!.text };
    // "+++ 13.03.2024: Brandermittler schließen … +++" (news.de): a dated title between the markers.
    const plus = /^\+{2,}\s*\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?\s*:?\s+(\S.{2,150}?)\s*\+{2,}$/u.exec(b.content[0]!.text);
    if (plus) return { type: 'heading', level: 2, text: plus[1]! };
    // "+++ Regiotram fährt wieder +++": an undated title between the markers; not a day between them ("+++ 18. Mai +++").
    const undated = /^\+{2,}\s+(\p{Lu}\S*(?:\s+\S+){1,25}?)\s+\+{2,}$/u.exec(b.content[0]!.text);
    return undated && !parseDateLine(undated[1]!) && !/[.:;,]$/.test(undated[1]!) ? { type: 'heading', level: 2, text: undated[1]! } : b;
  });
  // Numbered titles ("1. That's all for today", BBC live pages): when two or more are numbered
  // in order, they alone open entries; what stands before the first is the intro.
  const numbered: Array<{ at: number; n: number; title: string }> = [];
  body.forEach((b, at) => {
    // The body may already have read them as numbered sub-headings.
    const m = b.type === 'paragraph' && b.content.length === 1 ? NUMBERED_TITLE.exec(b.content[0]!.text) : b.type === 'heading' ? NUMBERED_TITLE.exec(b.text) : null;
    if (m && !/[.:;,]$/.test(m[2]!)) numbered.push({ at, n: Number(m[1]), title: m[2]! });
  });
  // In order, up or down (a number may be missing where an entry is a picture or a post).
  const inSequence = numbered.length >= 2 &&
    (numbered.every((x, j) => j === 0 || x.n > numbered[j - 1]!.n) || numbered.every((x, j) => j === 0 || x.n < numbered[j - 1]!.n));
  if (inSequence) {
    for (let k = 0; k < numbered[0]!.at; k++) {
      const b = body[k]!;
      if (b.type === 'heading') body[k] = { type: 'paragraph', content: [{ text: b.text }] };
    }
    for (const x of numbered) body[x.at] = { type: 'heading', level: 2, text: dropMarker(x.title) };
  }
  // Press releases' titles with their sender's code ("POL-HRO: …"): when two or more stand in the body, they alone open
  // entries; other headings among them ("Warnemünde (ots)") are their text.
  const coded = body.map((b, at) => (b.type === 'heading' && PRESS_CODE_TITLE.test(b.text) ? at : -1)).filter((at) => at >= 0);
  if (coded.length >= 2) {
    body.forEach((b, at) => {
      if (b.type === 'heading' && !PRESS_CODE_TITLE.test(b.text)) body[at] = { type: 'paragraph', content: [{ text: b.text }] };
    });
  }
  // A heading right over the first entry's title is the entries' own heading ("Alle Entwicklungen im Ticker"): intro.
  let first = body.findIndex((b) => b.type === 'heading');
  if (first >= 0 && body[first + 1]?.type === 'heading' && body.slice(first + 1).some((b) => b.type !== 'heading')) first++;
  if (first < 0) return undefined;
  const intro = body.slice(0, first);
  const entries: TickerEntryBlock[] = [];
  let current: TickerEntryBlock | undefined;
  for (const b of body.slice(first)) {
    if (b.type === 'heading') {
      current = { type: 'ticker-entry', id: `eintrag-${entries.length + 1}`, time, title: b.text.slice(0, LIMITS.headline), body: [] };
      entries.push(current);
    } else if (b.type === 'ticker-entry' || b.type === 'box') {
      return undefined;
    } else if (current!.body.length < LIMITS.tickerEntryBlocks) {
      current!.body.push(b);
    } else {
      return undefined;
    }
  }
  const withText = entries.filter((e) => e.body.length > 0);
  if (withText.length < 2) return undefined;
  // An entry timed only by its source line at the end: "Quelle: B5 aktuell Nachrichten, 14.03.2024 19:15 Uhr".
  for (const e of entries) {
    const k = e.body.findIndex((b) => b.type === 'paragraph' && SOURCE_TIME.test(b.content.map((c) => c.text).join('')));
    if (k < 0) continue;
    const m = SOURCE_TIME.exec((e.body[k] as { content: Array<{ text: string }> }).content.map((c) => c.text).join(''))!;
    const iso = dateToIso({ year: Number(m[3]!.length === 2 ? `20${m[3]}` : m[3]), month: Number(m[2]), day: Number(m[1]), hour: Number(m[4]), minute: Number(m[5]) });
    if (!iso) continue;
    e.time = iso.iso;
    delete e.id;
    e.body.splice(k, 1);
  }
  return { intro, entries };
}
