import { isValidDate, monthFromName, toZonedIso, zonedIso } from '../../content/index.js';
import { dayOffsetMinutes, ZONE_LABEL_ALTERNATION, ZONE_LABELS } from './clock-zone.js';

/** A day of the calendar. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** A calendar date found in text, with the time of day when one was printed next to it. */
export interface FoundDate extends CalendarDay {
  hour?: number;
  minute?: number;
  /** UTC offset in minutes when the page named a zone ("14:35 GMT"); Berlin wall-clock otherwise. */
  offsetMinutes?: number;
  /** Span of the date (and time) in the searched text, for "is there anything else on this line". */
  spans: Array<[number, number]>;
}

export interface FoundTime {
  hour: number;
  minute: number;
  offsetMinutes?: number;
  index: number;
  end: number;
}

// Longest names first so "Juni" is not read as "Jun" + "i".
const MONTH = '(Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|July|October|December|Sept|Jan|Feb|Mär|Mrz|Mar|Apr|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)\\.?';

const DATE_PATTERNS: Array<{ re: RegExp; pick: (m: RegExpExecArray) => [string, string, string] }> = [
  { re: /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d.]\d)/, pick: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: new RegExp(`(?<![\\d.])(\\d{1,2})\\.\\s*${MONTH}\\s+(\\d{4})(?!\\d)`, 'i'), pick: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: new RegExp(`(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})(?!\\d)`, 'i'), pick: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'iu'), pick: (m) => [m[3]!, m[1]!, m[2]!] },
  { re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/, pick: (m) => [m[1]!, m[2]!, m[3]!] },
  // "14/03/2024" (euronews): day first, unless only the month-first reading is a date ("03/14/2024").
  { re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/, pick: (m) => (Number(m[2]) > 12 ? [m[3]!, m[1]!, m[2]!] : [m[3]!, m[2]!, m[1]!]) },
];

const ZONES: Record<string, number> = { gmt: 0, utc: 0, z: 0, bst: 60, cet: 60, mez: 60, cest: 120, mesz: 120 };

// "14:35 Uhr", "14.35 Uhr", "14:35", "2:35 pm", "2pm", "14:35 GMT", "4:52 PM GMT+1", ISO "T14:35".
/** A zone's label right after a time ("… 9:03 PM ET", "09:40 AM IST"). */
const LABEL_AFTER_TIME = new RegExp(`^\\s*(${ZONE_LABEL_ALTERNATION})\\b`);
const TIME = /(?<![\d.:])(\d{1,2})(?:([:.])(\d{2}))?(?![\d])(?::\d{2})?\s*(Uhr|h\b)?\s*(a\.?m\.?|p\.?m\.?)?\s*(GMT|UTC|BST|CEST|CET|MESZ|MEZ)?(?:(?<=GMT|UTC)([+-])(\d{1,2}))?(?![\p{L}\d])/giu;

/** "07:45 Uhr", "23:48": a time of day alone on its line. */
export function isTimeOnlyLine(text: string): boolean {
  return /^\d{1,2}[:.]\d{2}(?:\s*Uhr)?$/.test(text.trim());
}

/** "4:11 am", "10:05 PM ET": a twelve-hour time alone on its line. */
export function isTwelveHourTimeLine(text: string): boolean {
  return /^\d{1,2}:\d{2}\s?[ap]\.?m\.?(?:\s+(?:ET|CT|PT|EST|EDT|CST|CDT|PST|PDT|GMT|BST|UTC))?$/i.test(text.trim());
}

/** First time of day in `text`, ignoring spans already taken by a date. */
export function findTime(text: string, exclude: Array<[number, number]> = []): FoundTime | undefined {
  TIME.lastIndex = 0;
  for (let m = TIME.exec(text); m; m = TIME.exec(text)) {
    const start = m.index;
    const end = start + m[0].trimEnd().length;
    if (exclude.some(([a, b]) => start < b && end > a)) continue;
    const [, hh, sep, mm, uhr, ampm, zone, sign, shift] = m;
    // A bare number is a time only with am/pm; "14.35" only with "Uhr" (else it is a decimal).
    if (!mm && !ampm) continue;
    // German "10 am Freitag": a bare number with plain "am" is not a time.
    if (!mm && ampm && /^am$/i.test(ampm)) continue;
    // "13.00 GMT" (the Guardian's stamp): a zone's label makes it a time too.
    if (sep === '.' && !uhr && !ampm && !zone) continue;
    let hour = Number(hh);
    const minute = mm ? Number(mm) : 0;
    if (ampm) {
      if (hour < 1 || hour > 12) continue;
      const pm = ampm.toLowerCase().startsWith('p');
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    if (hour > 23 || minute > 59) continue;
    const t: FoundTime = { hour, minute, index: start, end };
    if (zone) t.offsetMinutes = ZONES[zone.toLowerCase()];
    // "GMT+1": the zone's offset from UTC (AP prints it).
    if (zone && sign && Number(shift) <= 14) t.offsetMinutes = (sign === '-' ? -1 : 1) * Number(shift) * 60;
    return t;
  }
  return undefined;
}

/**
 * The first calendar date in `text` (German "21.01.2022", "21. Januar 2022",
 * English "21 January 2022", "January 21, 2022", ISO "2022-01-21"), with the
 * time printed after it (or, failing that, before it).
 */
export function findDate(text: string): FoundDate | undefined {
  if (text.length > 4000) text = text.slice(0, 4000);
  let best: { m: RegExpExecArray; pick: [string, string, string] } | undefined;
  for (const p of DATE_PATTERNS) {
    const m = p.re.exec(text);
    if (m && (!best || m.index < best.m.index)) best = { m, pick: p.pick(m) };
  }
  if (!best) return undefined;
  const [ys, ms, ds] = best.pick;
  let year = Number(ys);
  if (ys.length === 2) year += 2000;
  const month = /^\d+$/.test(ms) ? Number(ms) : monthFromName(ms);
  const day = Number(ds);
  if (!month || !isValidDate(year, month, day) || year < 1900 || year > 2200) return undefined;
  const span: [number, number] = [best.m.index, best.m.index + best.m[0].length];
  const found: FoundDate = { year, month, day, spans: [span] };
  const after = findTime(text.slice(span[1]));
  const time = after ? { ...after, index: after.index + span[1], end: after.end + span[1] } : findTime(text, [span]);
  if (time) {
    found.hour = time.hour;
    found.minute = time.minute;
    if (time.offsetMinutes !== undefined) found.offsetMinutes = time.offsetMinutes;
    // "… at 9:03 PM ET", "09:40 AM IST": a zone's label without its season; its offset on that day (winter or summer time).
    const us = time.offsetMinutes === undefined ? LABEL_AFTER_TIME.exec(text.slice(time.end)) : null;
    if (us) {
      found.offsetMinutes = dayOffsetMinutes(ZONE_LABELS[us[1]!]!, year, month, day);
      time.end += us[0].length;
    }
    found.spans.push([time.index, time.end]);
  }
  return found;
}

/** ISO 8601 with offset. A date without a time becomes midnight in Berlin (`dateOnly` tells the caller to warn). */
export function dateToIso(d: Pick<FoundDate, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'offsetMinutes'>): { iso: string; dateOnly: boolean } | undefined {
  const dateOnly = d.hour === undefined;
  const hour = d.hour ?? 0;
  const minute = d.minute ?? 0;
  if (d.offsetMinutes !== undefined) {
    const utc = Date.UTC(d.year, d.month - 1, d.day, hour, minute) - d.offsetMinutes * 60000;
    return { iso: toZonedIso(new Date(utc)), dateOnly };
  }
  const iso = zonedIso(d.year, d.month, d.day, hour, minute);
  return iso ? { iso, dateOnly } : undefined;
}

const WEEKDAYS = /\b(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\.?/gi;

/** What is left of `text` once the date, time and weekday are removed: filler and separators only means a date line. */
export function residue(text: string, spans: Array<[number, number]>): string {
  let out = '';
  let last = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    out += text.slice(last, Math.max(last, a));
    last = Math.max(last, b);
  }
  out += text.slice(last);
  return out.replace(WEEKDAYS, ' ').replace(/\b(Uhr|am|um|den|the|on|at|T)\b/gi, ' ').replace(/[\s,|/:·•–—-]+/g, ' ').trim();
}

/** A line that is only a date (with weekday, time, separators): "Donnerstag, 23. Mai 2019", "23.05.2019 | 10:58 Uhr". */
export function parseDateLine(text: string): FoundDate | undefined {
  // Every date form has digits; most lines asked have none, and the rewrites below need not run for them.
  if (text.length > 80 || !/\d/.test(text)) return undefined;
  // "… 3:27 PM GMT+1Updated 2 hours ago", "… Uhr Aktualisiert vor 2 Stunden": a relative update note after the date.
  // "Zuletzt aktualisiert: 14/03/2024 - 18:12", "Stand: 14.03.2024 …": the label of the page's date.
  if (/^\p{L}/u.test(text)) text = text.replace(/^(?:zuletzt\s+)?(?:aktualisiert|akt\.|veröffentlicht|publiziert|erschienen|erscheinungsdatum|veröffentlichungsdatum|datum|erstellt|geändert|stand|published|updated|last updated|posted|first published|(?:sendung|beitrag|video|folge|nachricht|meldung|artikel) vom|gesendet)(?:\s+(?:am|um|on|at))?\s*:?\s+(?=\d|\p{L}{3,}[.,]?\s+\d)/iu, '');
  // "14.03.2024 10:41 (Akt. 14.03.2024 12:05)", "… | Aktualisiert: 14.03.2024 12:05": the update stamp after the date.
  text = text.replace(/(?<=\d(?:\s*Uhr)?)\s*[(|·,]?\s*(?:akt\.|aktualisiert(?: am)?|updated|update)\s*:?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}[^()]{0,20}\)?$/iu, '');
  text = text.replace(/\s*(?:updated|aktualisiert|zuletzt aktualisiert)\s+(?:vor\s+)?(?:\d+|einer?|an?)\s+\p{L}+(?:\s+ago)?$/iu, '');
  // "09.12.202622:15" (BRF): the time glued to the year.
  if (text.length >= 15) text = text.replace(/^(\d{1,2}\.\d{1,2}\.\d{4})(?=\d{1,2}[:.]\d{2}(?:\s*Uhr)?$)/, '$1 ');
  const d = findDate(text);
  if (!d) return undefined;
  return residue(text, d.spans) === '' ? d : undefined;
}

/**
 * A day printed without its year over a ticker's entries: "Montag, 12. Januar", "Mo., 12.01.", "12. Januar". The
 * weekday may be left out only with a month's name. Month and day, or undefined.
 */
export function parseYearlessDay(text: string): { month: number; day: number; weekday?: number } | undefined {
  const t = text.trim();
  if (t.length > 40 || !/\d\./.test(t)) return undefined;
  const named = YEARLESS_NAMED.exec(t);
  const numeric = named ? null : YEARLESS_NUMERIC.exec(t);
  const m = named ?? numeric;
  if (!m) return undefined;
  const day = Number(m[2]);
  const month = named ? monthFromName(m[3]!) : Number(m[3]);
  if (!month || !isValidDate(2024, month, day)) return undefined;
  const weekday = m[1] ? weekdayIndex(m[1]) : undefined;
  return { month, day, ...(weekday !== undefined && { weekday }) };
}

const YEARLESS_NAMED = new RegExp(`^(?:${WEEKDAYS.source},?\\s+)?(\\d{1,2})\\.\\s*${MONTH}$`, 'i');
const YEARLESS_NUMERIC = new RegExp(`^${WEEKDAYS.source},?\\s+(\\d{1,2})\\.(\\d{1,2})\\.$`, 'i');

/** 0 = Sunday … 6 = Saturday, from a German or English weekday name or its abbreviation. */
export function weekdayIndex(name: string): number | undefined {
  const k = name.toLowerCase().replace(/\.$/, '');
  const table: Record<string, number> = { so: 0, sonntag: 0, sun: 0, sunday: 0, mo: 1, montag: 1, mon: 1, monday: 1, di: 2, dienstag: 2,
    tue: 2, tuesday: 2, mi: 3, mittwoch: 3, wed: 3, wednesday: 3, do: 4, donnerstag: 4, thu: 4, thursday: 4, fr: 5, freitag: 5, fri: 5,
    friday: 5, sa: 6, samstag: 6, sonnabend: 6, sat: 6, saturday: 6 };
  return table[k];
}

/** Berlin calendar day of an instant, for pages that give no date of their own. */
export function berlinDay(instant: Date): CalendarDay {
  const iso = toZonedIso(instant);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

/** Adds days to a calendar date (for tickers that run past midnight). */
export function addDays(d: CalendarDay, days: number): CalendarDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
