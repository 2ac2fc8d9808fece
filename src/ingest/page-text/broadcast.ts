import { LIMITS, type BroadcastRef } from '../../content/index.js';
import { dateToIso, findDate, findTime, residue, type FoundDate } from './dates.js';

/**
 * Broadcast lines tie a story to a programme slot:
 *   "Dieses Thema im Programm: 21. Januar 2022 | 13:00 Uhr"
 *   "Dieses Thema im Programm: MDR FERNSEHEN | MDR um 4 | 21. Januar 2022 | 16:00 Uhr"
 *   "Sendedatum: 24.05.2017 12:00 Uhr", "Sendung: MDR AKTUELL, 21.01.2022, 19:30 Uhr"
 *   "Diese Nachricht wurde am 08.01.2022 im Programm Deutschlandfunk gesendet."
 *   "Über dieses Thema berichtete die tagesschau am 21. Januar 2022 um 20:00 Uhr."
 * The programme is what remains once date and time are taken out; several
 * programme parts ("MDR FERNSEHEN | MDR um 4") are joined as "channel – show"
 * ("MDR FERNSEHEN – MDR um 4"), because the site prints the programme before its
 * own " | " and a second bar would read as part of the date.
 */

export interface ParsedBroadcast {
  broadcast: BroadcastRef;
  /** The page gave a date but no time: the slot starts at midnight (the caller warns). */
  dateOnly: boolean;
}

const LABELLED = /^(?:dieses thema im programm|dieser beitrag im programm|das thema im programm|im programm|sendedatum|sendetermin|sendezeit|sendung|ausstrahlung|erstausstrahlung|gesendet|on air|broadcast|first broadcast|aired)\s*:\s*(.+)$/i;
// "Über dieses Thema berichtete die tagesschau am 21. Januar 2022 um 20:00 Uhr."
const REPORTED = /^über dieses thema (?:berichtete|berichteten|berichtet) (?:die |der |das |auch )?(.+?) (?:am|im|in der|in den) (.+?)\.?$/i;
const SENTENCE = /^diese(?:r|s)? (?:nachricht|beitrag|bericht|sendung|interview|kommentar|text|thema|reportage|feature|gespräch) (?:wurde|lief) (?:am )?(.+?) (?:im programm|in der sendung|im|in|bei|auf) (.+?) (?:gesendet|ausgestrahlt|gesendet worden)\.?$/i;

/**
 * True for a line that IS a broadcast line, readable or not; such lines are never
 * body text (an unreadable one is dropped with a warning).
 */
export function isBroadcastLine(line: string): boolean {
  return line.length <= 300 && (LABELLED.test(line) || SENTENCE.test(line) || REPORTED.test(line));
}

/** Parses a broadcast line; `fallbackDate` fills in a slot that names only a time. */
export function parseBroadcastLine(line: string, fallbackDate?: FoundDate): ParsedBroadcast | undefined {
  if (line.length > 300) return undefined;
  let slot: string;
  let programmeParts: string[] = [];
  const s = SENTENCE.exec(line);
  const r = s ? null : REPORTED.exec(line);
  if (s) {
    slot = s[1]!;
    programmeParts = [s[2]!];
  } else if (r) {
    // The slot may be followed by where in the programme: "… um 20:00 Uhr in den Nachrichten".
    programmeParts = [r[1]!];
    slot = `am ${r[2]!}`;
  } else {
    const m = LABELLED.exec(line);
    if (!m) return undefined;
    slot = m[1]!;
  }
  let date = findDate(slot);
  if (!date) {
    const t = findTime(slot);
    if (!t || !fallbackDate) return undefined;
    date = { year: fallbackDate.year, month: fallbackDate.month, day: fallbackDate.day, hour: t.hour, minute: t.minute, spans: [[t.index, t.end]] };
  }
  if (!s && !r) {
    // What is left after the date and time, split at bars/commas, is the programme.
    programmeParts = residueParts(slot, date.spans);
  }
  const iso = dateToIso(date);
  if (!iso) return undefined;
  const programme = programmeParts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' – ');
  const broadcast: BroadcastRef = { startsAt: iso.iso };
  if (programme && programme.length <= LIMITS.section) broadcast.programme = programme;
  return { broadcast, dateOnly: iso.dateOnly };
}

function residueParts(text: string, spans: Array<[number, number]>): string[] {
  // Cut the date/time spans out, keeping bars as separators.
  let masked = text;
  for (const [a, b] of [...spans].sort((x, y) => y[0] - x[0])) masked = `${masked.slice(0, a)} | ${masked.slice(b)}`;
  return masked
    .split(/\s*[|,]\s*/)
    .map((p) => p.replace(/^(?:am|um|ab|on|at)\s+/i, '').replace(/\s+(?:am|um|ab|on|at|Uhr)$/i, '').trim())
    .filter((p) => p && residue(p, []) !== '' && /\p{L}/u.test(p) && !/^(?:Uhr|am|um)$/i.test(p));
}
