import { LIMITS, monthFromName } from '../../content/index.js';
import { ZONE_LABELS } from './clock-zone.js';
import { addDays, findDate, parseDateLine, parseYearlessDay, residue, weekdayIndex, type CalendarDay, type FoundDate } from './dates.js';
import { parseMediaBadge } from './media-badge.js';
import { namesItselfTicker } from './untimed-ticker.js';
import { SENTENCE_START_WORDS } from './sentence-start.js';
import { BULLET_SIGN, endsSentence, endsWithStop, isRunningText, LEADING_BULLET, MAX_CLASSIFY, startsUpper, wordCount, type Line } from './lines.js';

/**
 * Live tickers: a list of entries, each a time of day with an optional title,
 * place and body. Entry lines seen on broadcasters' pages:
 *   "10:58 Uhr | Titel"            title after a bar
 *   "10:58 Uhr - Magdeburg"        a place; the title on the next line
 *   "9:55 Uhr Titel Text …"        title and text run together
 *   "8.00 Uhr: Text"               text only
 *   "21:25 Text"                   no "Uhr", text only
 * Pages list newest first or oldest first; the order is kept as printed.
 */

export interface EntryStart {
  hour: number;
  minute: number;
  /** "|", "-", ":" or "" (nothing between time and text). */
  sep: string;
  rest: string;
  /** Has "Uhr"/a zone/a bar: unmistakably an entry even on its own. */
  strong: boolean;
  offsetMinutes?: number;
  /** A date printed with the time ("14.3.2024, 9:41 Uhr"). */
  date?: FoundDate;
  /** "vor 5 Minuten", "2 hours ago": minutes before the page was saved (hour/minute are then 0). */
  minutesAgo?: number;
  /** A time alone on its line ("23:48"): an entry only with a title after it (bareTimeOpensEntry). */
  bare?: boolean;
  /** "2:32 p.m. ET": a zone named without its season (ET, CT, PT); its offset depends on the entry's day. */
  zone?: string;
  /** "10:20 a.m. Wednesday |": the weekday printed with the time (0 = Sunday), which the day walk keeps to. */
  weekday?: number;
  /** "4:30 p.m. Oct. 27 |": a day and month printed with the time, without the year. */
  monthDay?: { month: number; day: number };
}

/** A bare time line opens an entry when a title-like line follows it that is not a badge, link or date. */
export function bareTimeOpensEntry(lines: readonly Line[], k: number, to: number): boolean {
  // "18:52" / "14.03.2024" / title: the entry's day printed under its time.
  const n = dayUnder(lines, k, to) ? k + 2 : k + 1;
  const next = n < to ? lines[n]!.text : '';
  return !!next && isTitleLike(next) && wordCount(next) >= 2 && !/https?:\/\/|www\./.test(next) && !parseMediaBadge(next) &&
    !parseDateLine(next) && !parseEntryStart(next) && n + 1 < to;
}

/** The line under line k is a day alone ("14.03.2024", no time). */
function dayUnder(lines: readonly Line[], k: number, to: number): boolean {
  const t = k + 1 < to ? lines[k + 1]!.text : '';
  const day = t && t.length <= 40 ? parseDateLine(t) : undefined;
  return !!day && day.hour === undefined && !parseEntryStart(t);
}

/** A date and time with nothing else on the line ("14.03.2024, 10:15 Uhr"): a ticker's entry line or the page's date. */
export function isTimestampAlone(text: string): boolean {
  return parseDateLine(text)?.hour !== undefined && parseEntryStart(text)?.rest === '';
}

/** The entry start at line k, or undefined; a bare time only where it opens an entry. */
export function entryStartAt(lines: readonly Line[], k: number, to: number): EntryStart | undefined {
  const e = parseEntryStart(lines[k]!.text);
  // "14.03.2024, 10:15" over "Akt. 14.03.2024, 11:52": the page's dates, not an entry.
  if (e?.date && !e.rest && k + 1 < to && parseDateLine(lines[k + 1]!.text)) return undefined;
  if (!e) return undefined;
  // "March 12, 2026 09:58 am | Updated 09:40 pm IST": the page's dates, not an entry.
  if (e.date && /^(?:updated|aktualisiert|akt\.|stand|zuletzt)\b/i.test(e.rest)) return undefined;
  // "Updated February 17 2026 - 2:45pm, first published 9:00am": the page's stamps.
  if (e.date && /^,?\s*(?:first published|erstmals veröffentlicht|veröffentlicht)\b/i.test(e.rest)) return undefined;
  // "8m ago" over "14.12 GMT": the relative time is the absolute one's echo; the absolute line opens the entry.
  if (e.minutesAgo !== undefined && !e.rest && k + 1 < to) {
    const next = parseEntryStart(lines[k + 1]!.text);
    if (next && next.minutesAgo === undefined) return undefined;
  }
  if (!e.bare) return e;
  const bare = bareTimesOf(lines, to);
  // Three or more bare times in no order are a rail's clip lengths ("01:15", "02:30", "00:54" over video titles).
  if (bare.unordered) return undefined;
  return bareTimeOpensEntry(lines, k, to) || bare.series.has(k) || betweenEntries(lines, k, to, e) ? e : undefined;
}

/**
 * A bare time alone on its line between two entries whose times frame it ("16:45 Rail services suspended" / … /
 * "15:30" / untitled text / "14:05 Schools close early"): an untitled entry of the same ticker, in the page's order.
 */
function betweenEntries(lines: readonly Line[], k: number, to: number, e: EntryStart): boolean {
  const near = (step: 1 | -1): EntryStart | undefined => {
    for (let j = k + step, n = 0; j >= 0 && j < to && n < 12; j += step, n++) {
      const s = lines[j]!.text.length <= 200 ? parseEntryStart(lines[j]!.text) : undefined;
      if (s) return s.bare ? undefined : s;
    }
    return undefined;
  };
  const before = near(-1);
  const after = before && near(1);
  if (!before || !after || k + 1 >= to || !isRunningText(lines[k + 1]!.text)) return false;
  const at = (s: EntryStart) => s.hour * 60 + s.minute;
  const [a, b, c] = [at(before), at(e), at(after)];
  return (a > b && b > c) || (a < b && b < c);
}

const bareTimes = new WeakMap<readonly Line[], { to: number; unordered: boolean; series: Set<number> }>();

/**
 * The page's bare time lines ("17:32" alone, "14.32", "17:32:05", "▶ 17:32"), read once per page:
 * - `unordered`: three or more of them whose times do not mostly run one way (a rail's clip lengths);
 * - `series`: those that open entries without a title ("17:32" / "Damit ist der Nachmittag beendet."): bare
 *   time lines over text that, with the page's plain entry lines, make four or more times running in one
 *   direction down the page (newest or oldest first; one pass through midnight allowed). A rail of video
 *   lengths prints its lengths in no order, so the order is the evidence.
 */
function bareTimesOf(lines: readonly Line[], to: number): { unordered: boolean; series: Set<number> } {
  const cached = bareTimes.get(lines);
  if (cached && cached.to === to) return cached;
  const all: number[] = [];
  const at: number[] = [];
  const mins: number[] = [];
  for (let j = 0; j < to; j++) {
    const t = lines[j]!.text;
    const e = t.length <= 16 || /^\D{0,12}\d{1,2}[:.]\d{2}/.test(t) ? parseEntryStart(t) : undefined;
    if (!e?.bare) {
      // Plain entry lines ("16:57 Uhr | Title") count for the order the bare times must keep.
      if (e?.strong && e.minutesAgo === undefined) mins.push(e.hour * 60 + e.minute);
      continue;
    }
    const time = e.hour * 60 + e.minute;
    all.push(time);
    const n = dayUnder(lines, j, to) ? j + 2 : j + 1;
    const next = n < to ? lines[n]!.text : '';
    if (!next || parseDateLine(next) || parseMediaBadge(next) || parseEntryStart(next)) continue;
    at.push(j);
    mins.push(time);
  }
  // Five or more times may turn back where a new day starts ("16:52", "15:10", "11:34" / "Dienstag, 12. Mai" / "17:45"), all
  // of them at 5 a.m. or later: clips' lengths read as times fall before it ("01:48", "01:12", "02:05" …).
  const ordered = at.length >= 1 && mins.length >= 4 && (runsOneWay(mins) || (mins.length >= 5 && Math.min(...all) >= 300 && mostlyOneWay(mins)));
  const read = { to, unordered: all.length >= 3 && !mostlyOneWay(all), series: new Set(ordered ? at : []) };
  bareTimes.set(lines, read);
  return read;
}

/**
 * Times that mostly run one way: at most a third of the steps go against the rest (a tracker prints one match's
 * entries, then the next match's; a blog skips the night). Steps of half a day or more pass midnight and do not count.
 */
function mostlyOneWay(mins: number[]): boolean {
  let up = 0;
  let down = 0;
  for (let i = 1; i < mins.length; i++) {
    const d = mins[i]! - mins[i - 1]!;
    if (Math.abs(d) >= 12 * 60) continue;
    if (d > 0) up++;
    else if (d < 0) down++;
  }
  return Math.min(up, down) * 3 <= up + down;
}

/**
 * Times that run in one direction down the page, newest or oldest first; one step of half a day or more against it
 * is a pass through midnight.
 */
function runsOneWay(mins: number[]): boolean {
  const up: number[] = [];
  const down: number[] = [];
  for (let i = 1; i < mins.length; i++) {
    if (mins[i]! > mins[i - 1]!) up.push(mins[i]! - mins[i - 1]!);
    else if (mins[i]! < mins[i - 1]!) down.push(mins[i - 1]! - mins[i]!);
  }
  const against = up.length < down.length ? up : down;
  // Six times or more with one step against, of any size: a tracker's second match starts again at its latest entry.
  return against.length === 0 || (against.length === 1 && (against[0]! >= 12 * 60 || mins.length >= 6));
}

const RELATIVE_ENTRY = /^(?:vor\s+(\d{1,3}|einer|einem)\s+(min(?:\.|uten?)?|std\.?|stunden?)|(\d{1,3}|an?|one)\s*(mins?|minutes?|hrs?|hours?|m|h)\s+ago|(gerade eben|soeben|just now))(?=[\s|:–—-]|$)\s*(?:[|:–—-]\s*)?(.*)$/i;

/** True for a line that opens a live-blog entry with a relative time; cheap enough to run over every line. */
export function isRelativeEntryLine(text: string): boolean {
  return text.length <= MAX_CLASSIFY && !!relativeEntry(text);
}

/** Relative entry starts, after a cheap test of the first word. */
function relativeEntry(text: string): EntryStart | undefined {
  // "Traffic|14 minutes ago", "Sport | vor 5 Minuten" (Express & Star): the post's category and a bar before it.
  const bar = text.indexOf('|');
  if (bar > 1 && bar <= 24) {
    const cat = /^\p{Lu}[\p{L}&' -]{1,22}?\s*\|\s*/u.exec(text);
    if (cat) {
      const rest = relativeEntry(text.slice(cat[0].length));
      if (rest) return rest;
    }
  }
  // "5m ago", "1h ago" (compact English forms) too.
  return /^(?:vor\s|\d{1,3}\s*\S+\s+ago\b|an?\s+\S+\s+ago\b|one\s|gerade eben|soeben|just now)/i.test(text) ? parseRelativeEntry(text) : undefined;
}

/** "vor 5 Minuten", "vor 2 Std. | Title", "3 hours ago Title", "Gerade eben": a live blog's relative entry time. */
function parseRelativeEntry(text: string): EntryStart | undefined {
  const m = RELATIVE_ENTRY.exec(text.trim());
  if (!m) return undefined;
  let minutes = 0;
  if (!m[5]) {
    const num = m[1] ?? m[3]!;
    const n = /^\d+$/.test(num) ? Number(num) : 1;
    const unit = (m[2] ?? m[4]!).toLowerCase();
    minutes = n * (/^(?:std|stunde|hr|hour|h$)/.test(unit) ? 60 : 1);
  }
  if (minutes > 7 * 24 * 60) return undefined;
  return { hour: 0, minute: 0, sep: '', rest: (m[6] ?? '').trim(), strong: true, minutesAgo: minutes };
}

const ZONES: Record<string, number> = {
  GMT: 0, UTC: 0, BST: 60, CET: 60, MEZ: 60, CEST: 120, MESZ: 120,
  EST: -300, EDT: -240, CST: -360, CDT: -300, PST: -480, PDT: -420, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, IST: 330, JST: 540,
};
/** "ET", "CT", "PT": American zones without the season, read in the zone's own time (summer time by the entry's day). */
const SEASONLESS_ZONES: Record<string, string> = { ET: ZONE_LABELS.ET!, CT: ZONE_LABELS.CT!, PT: ZONE_LABELS.PT! };
/** A time, its "Uhr" or am/pm, a zone (one of ZONES or SEASONLESS_ZONES), the separator and the rest. */
const ENTRY = new RegExp(`^(?:\\+{2,}\\s*)?(\\d{1,2})([:.])(\\d{2})(?:(?<=:\\d{2}):[0-5]\\d)?(?![\\d.:]\\d)\\s*(Uhr|h\\b)?\\s*(a\\.m\\.|p\\.m\\.|am\\b|pm\\b|AM\\b|PM\\b)?\\s*(${[...Object.keys(ZONES), ...Object.keys(SEASONLESS_ZONES)].join('|')})?(?![\\p{L}])\\s*(?:\\((?:MEZ|MESZ)\\)\\s*)?(?:(\\||–|—|--|-|:|·|•|\\/|>|›|»|\\+{3}|(?<=Uhr)[.,])(?=\\s|$))?\\s*(.*)$`, 'u');

/** A bullet, an arrow or an emoji before an entry's time ("• 14.03.24 | 09:30", "▶ 14:32 Uhr", "🔴 14:32"). */
const ENTRY_MARKER = new RegExp(`^(?:${BULLET_SIGN}|[►▶▸→]|\\p{Extended_Pictographic})\\uFE0F?\\s*(?=\\d)`, 'u');

const WEEKDAYS_DE = 'Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Sonnabend';
const MONTHS_DE = 'Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember';
/** "Donnerstag, 14. März - 14:10 Uhr": the day and month in words before the time, perhaps without the year. */
const DAY_MONTH_BEFORE_TIME = new RegExp(`^(?:(?:${WEEKDAYS_DE}),?\\s+)?(\\d{1,2})\\.\\s*(${MONTHS_DE})\\s*[-–—,|]\\s*(?=\\d{1,2}[:.]\\d{2})`);
/** "Donnerstag, 14. März 2024, 14:10 Uhr", "14. März 2024 um 14:10 Uhr": the same with the year. */
const DAY_MONTH_YEAR_BEFORE_TIME = new RegExp(`^(?:(?:${WEEKDAYS_DE}),?\\s+)?(\\d{1,2}\\.\\s*(?:${MONTHS_DE})\\s+\\d{4})\\s*(?:[-–—,|]|\\s+um)\\s*(?=\\d{1,2}[:.]\\d{2})`);
/** The words that mark a post as an update or as the first report ("Update", "Nachtrag", "Erstmeldung"). */
const UPDATE_MARKERS = 'update|aktualisierung|nachtrag|erstmeldung';
/** "Update 21.15 Uhr: …", "Update, 10:18: …", "Update 21.15: …", "Update, 1:40 a.m.:": a marker before the time of day, "Uhr", a colon or the twelve-hour mark after it. */
const UPDATE_BEFORE_TIME = new RegExp(`^(?:${UPDATE_MARKERS})\\s*[:,]?\\s+(?=\\d{1,2}[:.]\\d{2}(?:\\s*Uhr\\b|:|$|\\s?[ap]\\.?m\\b|\\s?[ap]\\.m\\.))`, 'i');
/** "Update: Mittwoch, 10. Juli 2024, 17.40 Uhr": an update marker ("Aktualisiert" too, before a date) and the full date before the time ("Uhr" may be left out
 * where the time ends the line or a colon follows it). */
const UPDATE_DATE_BEFORE_TIME = new RegExp(`^(?:${UPDATE_MARKERS}|aktualisiert)\\s*(?:vom|am)?\\s*[:,]?\\s*(?:(?:${WEEKDAYS_DE}),?\\s+)?(\\d{1,2}\\.\\s*(?:\\d{1,2}\\.|${MONTHS_DE})\\s*(?:\\d{4})?)\\s*[,|–-]?\\s*(?=\\d{1,2}[:.]\\d{2}\\s*(?:Uhr|:|$))`, 'iu');
/** An English month, written out or cut short ("March", "Mar.", "DEC"). */
const EN_MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** "March 14, 2024, 2:32 PM", "14 March 2024, 14:32", "DEC 05, 2026 09:12 AM IST": an English date with its year before the time. */
const EN_DATE_BEFORE_TIME = new RegExp(`^((?:${EN_MONTH}\\s+\\d{1,2},?|\\d{1,2}\\s+${EN_MONTH})\\s+\\d{4}),?\\s+(?:at\\s+)?(?=\\d{1,2}[:.]\\d{2})`, 'i');
/** "Mar 14, 2:32 PM", "14 March, 14:32", "Jan 21 1:10 PM": an English day and month without the year before the time (the day is not kept). */
const EN_DAY_BEFORE_TIME = new RegExp(`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:${EN_MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${EN_MONTH}),?\\s+(?:at\\s+)?(?=\\d{1,2}[:.]\\d{2}\\s?(?:[ap]\\.?m\\b|[ap]\\.m\\.|\\s|$))`, 'i');

/** "4 pm --", "11 a.m. –", "Noon:": a whole hour (or noon, midnight), a separator and the post's text. */
const HOUR_ONLY = /^((\d{1,2})\s?([ap]\.m\.|[ap]m\b)|noon|midnight)(?:\s*(--|–|—|-|:|\|)\s+(\p{Lu}.*)|\s+(\p{Lu}.*))?$/iu;
/** "Wednesday | Title", "Oct. 27 | Title", "Friday", "27. Oktober": the day printed after an entry's time (EN_MONTH reads "Januar", "Juni" too), then a separator and the title or nothing. */
const DAY_AFTER_TIME = new RegExp(`^(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|(${EN_MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})\\.?\\s+(${EN_MONTH}|märz|mai|oktober|dezember))(?:\\s*(--|–|—|-|:|\\|)\\s+(\\S.*))?$`, 'iu');

/** An English date's start: the month's name then the day, or the day then the month's name. */
const EN_DATE_START = new RegExp(`^(?:${EN_MONTH}\\s+\\d|\\d{1,2}\\s+${EN_MONTH})`, 'i');

/** Up to 40 characters, then a separator (a comma, bar, dash, "um", "at" or a space) and a time: a date line's words before an entry's time. */
const DATE_BEFORE_TIME = /^(.{6,40}?)(?:\s*[,|·–—-]\s*|\s+(?:um|at)\s+|\s+)(?=\d{1,2}[:.]\d{2}(?!\d))/u;

/** A twelve-hour clock's hour on the 24-hour clock ("2" and "pm": 14); undefined when out of range. */
export function hour24(hour: number, ampm: string | undefined): number | undefined {
  if (!ampm) return hour <= 23 ? hour : undefined;
  return hour >= 1 && hour <= 12 ? (hour % 12) + (/^p/i.test(ampm) ? 12 : 0) : undefined;
}
/** "Heute, 14:32 Uhr", "Today at 9:41", "Donnerstag, 09:52 Uhr": a day word before the time. */
const DAY_WORD_BEFORE_TIME = new RegExp(`^(?:heute|gestern|today|yesterday|${WEEKDAYS_DE}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:,\\s*|\\s+(?:um|at)\\s+|\\s*[|–—-]\\s*|\\s+)(?=\\d{1,2}[:.]\\d{2})`, 'i');

/** The day printed after an entry's time ("Wednesday | Title", "Oct. 27"): its weekday or day and month, the separator and the title. */
function dayAfterTime(text: string): { fields: Pick<EntryStart, 'weekday' | 'monthDay'>; sep: string; rest: string } | undefined {
  const m = DAY_AFTER_TIME.exec(text);
  if (!m) return undefined;
  let fields: Pick<EntryStart, 'weekday' | 'monthDay'> | undefined;
  if (m[1]) {
    const weekday = weekdayIndex(m[1]);
    if (weekday !== undefined) fields = { weekday };
  } else {
    const month = monthFromName(m[2] ?? m[5]!);
    const day = Number(m[3] ?? m[4]);
    if (month && day >= 1 && day <= 31) fields = { monthDay: { month, day } };
  }
  return fields && { fields, sep: plainSep(m[6] ?? ''), rest: (m[7] ?? '').trim() };
}

/** A separator as EntryStart keeps it: dashes of any length ("–", "—", "--") are "-". */
function plainSep(sep: string): string {
  return sep.replace(/^--$|[–—]/, '-');
}

/** Reads a line as the start of a ticker entry. */
export function parseEntryStart(text: string): EntryStart | undefined {
  if (text.length > MAX_CLASSIFY) return undefined;
  const rel = relativeEntry(text);
  if (rel) return rel;
  // A bullet before an entry ("• 14.03.24 | 09:30 | Title").
  // A marker or an emoji before it too ("▶ 14:32 Uhr", "🔴 14:32").
  const bullet = ENTRY_MARKER.exec(text);
  if (bullet) text = text.slice(bullet[0].length);
  // "+++ 14.03.24, 18:20 Uhr: Title +++" (sport.de): the markers before the entry's date; the closing ones go with them.
  // "#18:20 Uhr: Title": a hash before the time.
  const marked = /^(?:\+{2,}\s*(?=\d{1,2}\.\d{1,2}\.)|#(?=\d{1,2}[:.]\d{2}))/.exec(text);
  if (marked) text = text.slice(marked[0].length).replace(/\s*\+{2,}$/, '');
  // "14.3.2024, 9:41 Uhr", "11.01.2023, 14:32 Uhr": the entry's date before its time.
  let date: FoundDate | undefined;
  let enDayNamed = false;
  // "• DEC 05, 2026 09:12 AM IST" (Hindustan Times): a bullet, then the English date with its year before the time; without
  // the bullet too ("March 14, 2024, 2:32 PM EDT", "14 March 2024, 14:32").
  const lead = LEADING_BULLET.exec(text)?.[0].length ?? 0;
  const afterLead = lead ? text.slice(lead) : text;
  const enDate = EN_DATE_BEFORE_TIME.exec(afterLead);
  const enFound = enDate ? parseDateLine(enDate[1]!) : undefined;
  if (enDate && enFound) {
    date = enFound;
    text = afterLead.slice(enDate[0].length);
  } else {
    const enDay = EN_DAY_BEFORE_TIME.exec(afterLead);
    if (enDay) text = afterLead.slice(enDay[0].length);
    // The printed day makes a plain "13:10" after it an entry's time, as "Uhr" would (the day walk dates it).
    enDayNamed = !!enDay;
  }
  // "06.12. – 14:15 Uhr" (münchen.tv): a dash between them.
  let dm = /^(?:(?:Mo|Di|Mi|Do|Fr|Sa|So|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\.?,?\s+)?(\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})?)(,?\s+|\s*\|\s*|\s+[–—-]\s+)(?=\d{1,2}[:.]\d{2})/.exec(text);
  // With its year and a dash ("14.03.2024 - 15:38 Uhr") it is an entry's line too, like "14.03.2024, 15:38 Uhr"; the
  // page's date line among them is told apart where the entries are read (under the byline, before the first entry).
  if (dm) {
    date = parseDateLine(dm[1]!.replace(/\.$/, '.'));
    if (date) text = text.slice(dm[0].length);
  }
  // "Donnerstag, 14. März - 14:10 Uhr" (Swiss city tickers): the day and month in words, perhaps without the year.
  let dayNamed = enDayNamed;
  // "06.12. – 14:15 Uhr": day and month in figures without the year; the day walk dates it.
  if (dm && !date && !dm[2]) {
    text = text.slice(dm[0].length);
    dayNamed = true;
  }
  if (!dm) {
    const dn = DAY_MONTH_BEFORE_TIME.exec(text);
    if (dn) {
      text = text.slice(dn[0].length);
      dayNamed = true;
    } else {
      // With its year ("14. März 2024, 18:03 Uhr"), dated like "14.03.2024, 18:03 Uhr": an entry's line, or the page's date
      // line, which the head reads as such.
      const dy = DAY_MONTH_YEAR_BEFORE_TIME.exec(text);
      const found = dy ? parseDateLine(dy[1]!) : undefined;
      if (dy && found) {
        date = found;
        text = text.slice(dy[0].length);
      }
    }
  }
  // "Update: Mittwoch, 10. Juli 2024, 17.40 Uhr" (RNZ): an update marker and the full date before the time.
  if (!dm && !dayNamed) {
    const up = UPDATE_DATE_BEFORE_TIME.exec(text);
    const upDate = up ? parseDateLine(up[1]!.replace(/\s+$/, '')) : undefined;
    if (up && upDate) {
      date = upDate;
      text = text.slice(up[0].length);
    }
  }
  // "Heute, 14:32 Uhr", "Gestern | 22:10", "Today at 9:41", "Donnerstag, 09:52 Uhr": a day word before the time (the day walk dates it).
  if (!dm && !dayNamed && !date) {
    const dw = DAY_WORD_BEFORE_TIME.exec(text);
    if (dw) {
      text = text.slice(dw[0].length);
      dayNamed = true;
    }
  }
  // "Update 21.15 Uhr: Straße einspurig befahrbar" (5 Minuten): an update marker before the time of day.
  // The marker makes the time plain, in the dot form and without "Uhr" too ("Update 21.15: Straße …").
  let updated = false;
  // "Update, 10:18: Die Fahrbahn …", "Erstmeldung, 6:52: Auf der A66 …" (Ippen): with a comma, and the first report's marker.
  if (!dm && !dayNamed && !date && /^[uane]/i.test(text)) {
    const upd = UPDATE_BEFORE_TIME.exec(text);
    if (upd) {
      text = text.slice(upd[0].length);
      updated = true;
    }
  }
  // "Posted at 14:32", "Posted at 2:32pm", "Gepostet um 14:32 Uhr", "Posted at:01:42:05": the post's time after its label, as plain as "Uhr".
  let posted = false;
  // ("Veröffentlicht um …" is the page's stamp, read with the publication lines.)
  if (!dm && !dayNamed && !date && /^[pg]/i.test(text)) {
    const p = /^(?:posted(?:\s+at)?|gepostet(?:\s+um)?)(?:\s*:\s*|\s+)(?=\d{1,2}[:.]\d{2}(?:\b|\s?[ap]\.?m\b))/i.exec(text);
    if (p) { text = text.slice(p[0].length); posted = true; }
  }
  // "[14:32] Title", "(14.32 Uhr) Title": the time in brackets.
  const bracketed = text.startsWith('[') || text.startsWith('(') ? /^[[(](\d{1,2}[:.]\d{2}(?:\s*Uhr)?)[\])]\s*/u.exec(text) : null;
  if (bracketed) text = `${bracketed[1]}${/Uhr$/.test(bracketed[1]!) ? '' : ' Uhr'} ${text.slice(bracketed[0].length)}`.trimEnd();
  // "21:58Schluss in der SAP Arena": the time's element glued to the title's by the crawl.
  const startsDigit = text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57;
  const gluedTitle = startsDigit ? /^\d{1,2}:\d{2}(?=\p{Lu}\p{Ll}{2,}\S*\s+\S)(?!Uhr)/u.exec(text) : null;
  if (gluedTitle) text = `${gluedTitle[0]} ${text.slice(gluedTitle[0].length)}`;
  // "12:42 , Amelia Sampleworth" (The Standard): the time and the post's author, no title.
  // In the twelve-hour form too ("2:42pm , Name"), and with "Uhr" ("16:45 Uhr, Jan Beispiel").
  const withAuthor = startsDigit && text.includes(',') && /^(\d{1,2})[:.](\d{2})(?:\s?([ap])\.?m\.?|\s?Uhr)?\s*,\s*\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,3}$/iu.exec(text);
  const authorHour = withAuthor ? hour24(Number(withAuthor[1]), withAuthor[3]) : undefined;
  if (withAuthor && !date && authorHour !== undefined && Number(withAuthor[2]) <= 59 && (text.charAt(withAuthor[1]!.length) === ':' || /Uhr\s*,/.test(text))) {
    return { hour: authorHour, minute: Number(withAuthor[2]), sep: '', rest: '', strong: true };
  }
  // "Villagers allowed back into Kili (13:10)" (SigmaLive): the title first, its time in brackets ending the line. Weak, as
  // "21:25 Text" is (the page must look like a ticker); a line with a score in it ("31:27 (15:14)") is a result, not a post.
  // "+++ Title (17.34 Uhr) +++" (SPORT1): within markers, the time with a period too.
  const wrapped = !startsDigit && !date && /^\+{2,}\s.*\)\s*\+{2,}$/.test(text) ? text.replace(/^\+{2,}\s*|\s*\+{2,}$/g, '') : undefined;
  const trailingText = wrapped ?? text;
  const trailing = !startsDigit && !date && trailingText.endsWith(')') ? /^(\p{Lu}[^()]{6,150}?)\s+\((\d{1,2})([:.])(\d{2})(?:\s*Uhr)?\)$/u.exec(trailingText) : null;
  const [, trailingTitle = '', trailingH, trailingDot, trailingMin] = trailing ?? [];
  const trailingHour = trailing && (trailingDot === ':' || wrapped) ? hour24(Number(trailingH), undefined) : undefined;
  // "Video: Die Bilder aus der Luft (1:45)": a player's title with its length, no post.
  if (trailingHour !== undefined && Number(trailingMin) <= 59 && !/\d\s?[:–-]\s?\d/.test(trailingTitle) && wordCount(trailingTitle) >= 3 &&
    !/^(?:video|audio|podcast|clip|film|watch|listen)\s*:/i.test(trailingTitle)) {
    return { hour: trailingHour, minute: Number(trailingMin), sep: '', rest: trailingTitle, strong: false };
  }
  // "Highway 20 closed west of Willits, 4:45 p.m." (MediaNews Group): the title first, a comma and its twelve-hour time
  // ending the line. Strong: the comma and "a.m."/"p.m." say it is the post's time.
  const commaTime = !startsDigit && !date && /[ap]\.?m\.?$/i.test(text) ? /^(\p{Lu}[^,]{6,150}?),\s+(\d{1,2}):(\d{2})\s?([ap])\.?m\.?$/iu.exec(text) : null;
  const commaHour = commaTime ? hour24(Number(commaTime[2]), commaTime[4]) : undefined;
  if (commaTime && commaHour !== undefined && Number(commaTime[3]) <= 59 && wordCount(commaTime[1]!) >= 3) {
    return { hour: commaHour, minute: Number(commaTime[3]), sep: '|', rest: commaTime[1]!, strong: true };
  }
  // "2105 GMT — Bosphorus ferry services …" (TRT World): four digits and the zone's label, no colon.
  const military = startsDigit ? /^([01]\d|2[0-3])([0-5]\d)\s+(GMT|UTC)\b\s*(?:([—–-]|\|)\s*)?(.*)$/.exec(text) : null;
  if (military) {
    return { hour: Number(military[1]), minute: Number(military[2]), offsetMinutes: 0, sep: military[4] ? plainSep(military[4]) : '', rest: military[5]!.trim(), strong: true };
  }
  // Any other date with its year before the time ("21. Januar 2022 13:10", "Fri, 21 Jan 2022 13:10", "21/01/2022 - 13:10",
  // "2022-01-21 13:10", "Jan 21, 2022 | 1:10 PM"): the words before the first time read as a date line.
  if (!date && !dm && !dayNamed && /^\p{L}{2,}|^\d{1,4}[./ -]/u.test(text)) {
    const g = DATE_BEFORE_TIME.exec(text);
    // Nothing but a weekday around the date, or a post's label ("Update:", "Posted"); "Stand:" or "Veröffentlicht" is the page's.
    const label = g ? /^(?:update[ds]?|aktualisiert(?:\s+am)?|akt\.|posted(?:\s+on)?)\s*:?\s+/i.exec(g[1]!)?.[0] ?? '' : '';
    const words = g ? g[1]!.slice(label.length) : '';
    const found = words ? findDate(words) : undefined;
    // Not an English weekday before the date ("Thursday 14 March 2024 14:32") nor an English date, a dash and the time
    // ("February 14, 2026 - 3:55PM"): both were tried in rounds 37 to 42 and dropped (docs/importer.md); they stay out.
    const enWeekday = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s/i.test(words);
    const enDash = EN_DATE_START.test(words) && /^\s*[–—-]/.test(g?.[0].slice(g[1]!.length) ?? '');
    if (g && found && found.hour === undefined && residue(words, found.spans) === '' && !enWeekday && !enDash) {
      date = found;
      text = text.slice(g[0].length);
    }
  }
  // "4 pm -- Sound Transit says …", "Noon -- …" (The Seattle Times): a whole hour of the twelve-hour clock, or noon or
  // midnight, with a separator before the post's text.
  const hourOnly = !date && !dm && !dayNamed && /^(?:\d{1,2}\s?[ap]|noon|midnight)/i.test(text) ? HOUR_ONLY.exec(text) : null;
  if (hourOnly) {
    const word = hourOnly[1]!.toLowerCase();
    const hour = word === 'noon' ? 12 : word === 'midnight' ? 0 : hour24(Number(hourOnly[2]), hourOnly[3]);
    // "2 p.m." alone on its line, or "8 a.m. Wednesday | Title" with the day after it; "Noon" alone is no time.
    const day = hourOnly[6] ? dayAfterTime(hourOnly[6]) : undefined;
    if (hour !== undefined && (hourOnly[4] || day || (!hourOnly[6] && hourOnly[2]))) {
      const e: EntryStart = { hour, minute: 0, sep: plainSep(hourOnly[4] ?? ''), rest: (hourOnly[5] ?? '').trim(), strong: true };
      return day ? { ...e, ...day.fields, sep: day.sep, rest: day.rest } : e;
    }
  }
  // "12 Uhr: Title", "++ 11 Uhr: …", "22Uhr: …" (WELT, HAZ): a whole hour of the German clock before the title; weak, as
  // "21:25 Text" is, so it opens an entry only on a page that is a ticker by its other entries or its name.
  const fullHour = !date && !dm && !dayNamed ? /^(?:\+{2,}\s*)?(\d{1,2})\s?Uhr\s*(:|–|—|-|\|)\s+([„"»]?\p{Lu}.*)$/u.exec(text) : null;
  if (fullHour && Number(fullHour[1]) <= 23) return { hour: Number(fullHour[1]), minute: 0, sep: plainSep(fullHour[2]!), rest: fullHour[3]!.replace(/\s*\+{2,}$/, '').trim(), strong: false };
  const m = ENTRY.exec(text);
  if (!m) return undefined;
  if (dm && !date && !dayNamed) return undefined;
  const [, hh, dot, mm, uhr, ampm, zone, sep0 = '', rest0 = ''] = m;
  // "18:05 Uhr > Polizei: Ruhiger als im Vorjahr" (report-K), "16:45 Uhr » Title", "16:45 Uhr +++ Title +++",
  // "16:45 Uhr. Title": an angle, markers or the period after "Uhr" between time and title read as a bar.
  const sep = /^(?:[>›».]|\+{3})$/.test(sep0) ? '|' : sep0;
  const hour = hour24(Number(hh), ampm);
  const minute = Number(mm);
  if (hour === undefined || minute > 59) return undefined;
  // "09:52 Uhr, 14.03.2024": the entry's date after its time.
  let rest = rest0;
  const dateAfter = rest && rest.length <= 30 ? /^,?\s*(\d{1,2}\.\s?(?:\d{1,2}\.|[\p{L}]{3,}\.?)\s?(?:\d{2,4})?)$/u.exec(rest) : null;
  // "1:10 p.m. ET, January 21, 2022" (CNN), "1:10 PM · Jan 21, 2022": a date with its year in the English order.
  const yearAfter = !dateAfter && !date && rest && rest.length <= 40 && /\d{4}$/.test(rest) ? parseDateLine(rest.replace(/^[,·|]\s*/, '')) : undefined;
  const after = dateAfter && !date ? parseDateLine(dateAfter[1]!) : yearAfter;
  if (after && after.hour === undefined) {
    date = after;
    rest = '';
  }
  // "10:20 a.m. Wednesday | Highway 22 reopens", "4:30 p.m. Oct. 27 | …" (OregonLive): the day after the time, then the title.
  let dayFields: Pick<EntryStart, 'weekday' | 'monthDay'> | undefined;
  let daySep: string | undefined;
  if (!date && rest && /^\p{L}/u.test(rest)) {
    const day = dayAfterTime(rest);
    if (day) { dayFields = day.fields; daySep = day.sep; rest = day.rest; }
  }
  // A dash between the time and a title of a few capitalised words ("14:32 – Westbahn wieder frei")
  // marks an entry as plainly as a bar does.
  const dashTitle = (/^[–—-]$/.test(sep) || sep === ':') && dot === ':' && startsUpper(rest);
  const strong = !!uhr || !!ampm || !!zone || sep === '|' || dayNamed || dashTitle || !!gluedTitle || posted || updated || !!dayFields;
  // A time alone on its line ("23:48", WELT's blogs) opens an entry when a title follows it;
  // a video's length is printed the same way ("04:12" under a teaser), so the caller decides
  // with the next line (bareTimeOpensEntry).
  // "14.32" alone too (the dot form); the caller's tests (a title under it, or a series in order) are the same.
  if (!strong && !date && (!sep || sep === ':') && !rest) return { hour, minute, sep: '', rest: '', strong: false, bare: true };
  // "+++ 19:58 +++": the markers around a time alone on its line.
  if (!strong && /^\+{2,}$/.test(rest) && /^\+{2,}/.test(text)) return { hour, minute, sep: '', rest: '', strong: true };
  // Without "Uhr" only "21:25 Text" counts: a colon time followed by a capitalised word.
  // A date printed with it makes it plain ("14.03.2024, 17:30").
  if (!strong && !date) {
    // "16.45: Title", "16.45 – Title": the dot form without "Uhr" needs the separator ("3.20 Euro" is a price).
    if ((dot === '.' && sep !== ':' && !/^[–—-]$/.test(sep)) || !rest || !startsUpper(rest)) return undefined;
    // "12:30 Millionen …" or "1:0 Sieg" are not entries: the text must be a few words.
    if (wordCount(rest) < 2) return undefined;
  }
  // "+++ 14:26 Title +++" (n-tv): the markers are not part of the title.
  const e: EntryStart = { hour, minute, sep: plainSep(daySep ?? sep), rest: rest.replace(/\s*\+{2,}$/, '').trim(), strong: strong || /^\+{2,}/.test(text), ...dayFields };
  if (zone && zone in ZONES) e.offsetMinutes = ZONES[zone];
  if (zone && zone in SEASONLESS_ZONES) e.zone = SEASONLESS_ZONES[zone];
  if (date) {
    e.date = date;
    e.strong = true;
    // "Wednesday 6 March 2024 14:58, UK" (Sky News): the country the page's clock is in, no title.
    if (/^,\s*UK$/.test(e.rest)) e.rest = '';
  }
  return e;
}

/**
 * A page is a ticker when several lines open entries: three or more, or two
 * when the headline/kicker says "Ticker"/"live". Weak entries ("21:25 Text")
 * need the ticker word or a majority of entries with "Uhr".
 */
export function looksLikeTicker(from: number, to: number, headLines: readonly string[], startAt: (k: number) => EntryStart | undefined): boolean {
  let strong = 0;
  let weak = 0;
  const weakMins: number[] = [];
  for (let k = from; k < to; k++) {
    const e = startAt(k);
    if (!e) continue;
    if (e.strong || e.bare) strong++;
    else { weak++; weakMins.push(e.hour * 60 + e.minute); }
  }
  // The head names the page a ticker or blog (the words the untimed entries look for), or an overview of the day.
  // Kicker and headline each on their own, so "Transferticker: …" under no kicker is the compound at a line's start.
  const tickerWord = namesItselfTicker(headLines) || headLines.some((t) => /\bim überblick\b|minute by minute/i.test(t));
  if (strong >= 3) return true;
  if (tickerWord && strong + weak >= 2) return true;
  // Four or more "21:25 Text" lines running from the latest time down: a ticker without the word (a programme runs the other way).
  return weak >= 4 && newestFirst(weakMins);
}

/** Times that run down the page from the latest to the earliest, one pass through midnight allowed. */
function newestFirst(mins: number[]): boolean {
  let back = 0;
  for (let i = 1; i < mins.length; i++) if (mins[i]! >= mins[i - 1]! && ++back > 1) return false;
  return back === 0 || mins.some((m, i) => i > 0 && m - mins[i - 1]! >= 12 * 60);
}

/** A short line without final punctuation that can be an entry title. */
export function isTitleLike(text: string): boolean {
  // "Was bisher geschah ...": a title may trail off.
  // Not a picture's caption with its rights line glued on ("Passengers at Leeds station Credit: Name/PA").
  return text.length <= LIMITS.headline && text.length > 0 && (!endsWithStop(text) || /(?:\s?\.\.\.|…)$/.test(text)) && wordCount(text) <= 25 &&
    !/\s(?:Credit|Foto|Fotos|Bild|Photo|Image|Picture|Pic)\s?:\s*\S/.test(text);
}

/** A place after the time: "Magdeburg", "Halle (Saale)", "Bad Dürrenberg". */
export function isPlace(text: string): boolean {
  return text.length <= 40 && wordCount(text) <= 3 && startsUpper(text) && !endsWithStop(text) && !/[!?]$/.test(text);
}

/**
 * "Unfall auf der A14 Die Polizei hat …": a title run into the text. Splits
 * before a capitalised sentence-start word when the words before it contain no
 * punctuation and the text after it ends like a sentence.
 */
export function splitRunInTitle(text: string): { title: string; body: string } | undefined {
  if (text.length > MAX_CLASSIFY) return undefined;
  // "Guten Morgen! Schön, dass ihr dabei seid." – a short exclamation or question as the title.
  const exclaim = /^([^.!?]{3,40}[!?])\s+([\p{Lu}„"“].*[.!?…]["“”»«’)]*)$/u.exec(text);
  if (exclaim && wordCount(exclaim[1]!) <= 5) return { title: exclaim[1]!, body: exclaim[2]! };
  const words = text.split(' ');
  for (let k = 2; k <= Math.min(15, words.length - 4); k++) {
    const w = words[k]!;
    const prev = words[k - 1]!;
    // A colon may sit inside a title ("Freiburg: Linie 4 fährt wieder Nach vier Monaten …").
    if (/[.,;!?]$/.test(prev) || (/:$/.test(prev) && k > 6)) return undefined;
    if (/:$/.test(prev)) continue;
    if (!SENTENCE_START_WORDS.has(w.toLowerCase()) || !/^\p{Lu}/u.test(w)) continue;
    if (/^\p{Ll}/u.test(prev) && prev.length <= 3) continue;
    const body = words.slice(k).join(' ');
    // The text ends a sentence, or holds one (a programme note may trail it).
    if (!endsSentence(body) && !/[.!?]["“”»«’)]*\s+[\p{Lu}„"“]/u.test(body)) return undefined;
    const title = words.slice(0, k).join(' ');
    return title.length <= LIMITS.headline ? { title, body } : undefined;
  }
  return undefined;
}

export interface TimedEntry {
  start: EntryStart;
  /** The date printed in a day separator line above this entry, if any. */
  date?: FoundDate;
}

/**
 * Calendar dates for entries. Entries under a printed day separator use it.
 * Others count from an anchor: the page's date is the ticker's first day (walk
 * from the oldest entry forward); `opts.now` or an update time is its last day
 * (walk from the newest entry back). A clock going backwards in time order
 * means the ticker passed midnight.
 */
export function assignDays(
  entries: TimedEntry[],
  anchor: CalendarDay,
  anchorIsEnd: boolean,
): Array<CalendarDay> {
  const n = entries.length;
  let desc = 0;
  let asc = 0;
  // The days printed with the times ("Friday", "Nov. 7") order two posts of different days before their clock does.
  const dayHint = (e: EntryStart) => e.weekday ?? (e.monthDay ? weekdayOf({ year: anchor.year, ...e.monthDay }) : undefined);
  for (let i = 1; i < n; i++) {
    const ha = dayHint(entries[i - 1]!.start);
    const hb = dayHint(entries[i]!.start);
    if (ha !== undefined && hb !== undefined && ha !== hb) {
      if ((hb - ha + 7) % 7 <= 3) asc++;
      else desc++;
      continue;
    }
    const a = minutes(entries[i - 1]!.start);
    const b = minutes(entries[i]!.start);
    if (b < a) desc++;
    else if (b > a) asc++;
  }
  const newestFirst = desc > asc;
  // Indices in time order (oldest first).
  const order = [...Array(n).keys()];
  if (newestFirst) order.reverse();
  const walk = anchorIsEnd ? [...order].reverse() : order;
  const days: Array<CalendarDay> = new Array(n);
  let day = anchor;
  let prev: number | undefined;
  for (const i of walk) {
    const e = entries[i]!;
    if (e.date) {
      day = { year: e.date.year, month: e.date.month, day: e.date.day };
    } else if (e.start.monthDay) {
      // The year of the walk's day; a month more than one after it is the year before's (December under a January stamp).
      const { month, day: d } = e.start.monthDay;
      day = { year: day.year - (month > day.month + 1 ? 1 : 0), month, day: d };
    } else if (prev !== undefined) {
      const t = minutes(e.start);
      // Forward walk: time drops → next day. Backward walk: time rises → previous day.
      if (!anchorIsEnd && t < prev - 60) day = addDays(day, 1);
      if (anchorIsEnd && t > prev + 60) day = addDays(day, -1);
    }
    // A printed weekday ("9:30 a.m. Friday"): the walk goes on to the next day that is that weekday, in its direction.
    for (let k = 0; e.start.weekday !== undefined && !e.date && k < 6 && weekdayOf(day) !== e.start.weekday; k++) day = addDays(day, anchorIsEnd ? -1 : 1);
    days[i] = day;
    prev = minutes(e.start);
  }
  return days;
}

function weekdayOf(d: CalendarDay): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function minutes(e: EntryStart): number {
  return e.hour * 60 + e.minute;
}

/** A day separator inside a ticker: "Freitag, 24. Mai 2019". */
export function dayLine(text: string, anchor?: { year: number; month: number }): FoundDate | undefined {
  const d = parseDateLine(text);
  if (d) return d.hour === undefined ? d : undefined;
  // "Montag, 12. Januar": the year is the ticker's, or the one before for a December day over a January page.
  // A printed weekday picks the year among the anchor's, the one before and the one after.
  const y = anchor && /\d/.test(text) ? parseYearlessDay(text) : undefined;
  if (!y) return undefined;
  const near = anchor!.year - (y.month > anchor!.month + 1 ? 1 : 0);
  const fits = (year: number) => y.weekday === undefined || new Date(Date.UTC(year, y.month - 1, y.day)).getUTCDay() === y.weekday;
  const year = [near, near + 1, near - 1].find(fits) ?? near;
  return { year, month: y.month, day: y.day, spans: [] };
}

/** Words running text opens with, a title does not ("Damit ist der Spieltag beendet: …"): pronouns and linking adverbs. */
const RUNNING_OPENERS = /^(?:damit|dann|danach|daher|deshalb|dabei|dazu|außerdem|zudem|inzwischen|mittlerweile|nun|jetzt|so|hier|dort|es|er|sie|wir|ich|man|das|dies|this|it|we|they|he|she|i)\s/i;

/**
 * "Zoo Münster zählt Rekordbesuch. An Ostern kamen …" after "10.05 Uhr - ": a
 * short first sentence without a comma is the entry's title (WDR's one-line
 * entries). Undefined when the first sentence is long or the rest is empty.
 */
export function splitSentenceTitle(text: string): { title: string; body: string } | undefined {
  if (text.length > MAX_CLASSIFY) return undefined;
  // "Freibäder sollen teurer werden: Der Aufsichtsrat …": a colon ends the title as a stop does, after three words or more
  // (not a speaker's "Polizei:" or "Name Name:").
  const m = /^([^.!?,;:]{8,80}?)[.!?]\s+(?=[\p{Lu}„"“\d])/u.exec(text) ?? /^([^.!?,;:]{8,80}?):\s+(?=[\p{Lu}„"“])/u.exec(text);
  const colon = !!m && m[0].trimEnd().endsWith(':');
  if (!m || wordCount(m[1]!) > 10 || wordCount(m[1]!) < (colon ? 3 : 2)) return undefined;
  // Running text opens with a pronoun or a linking adverb ("Damit ist der Spieltag beendet: …"); a title does not.
  if (colon && RUNNING_OPENERS.test(m[1]!)) return undefined;
  const body = text.slice(m[0].length).trim();
  if (!body || !endsSentence(body)) return undefined;
  return { title: m[1]!.trim(), body };
}
