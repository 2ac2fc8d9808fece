/**
 * Time-zone helpers for a newsroom in Europe/Berlin. Pure functions over Intl,
 * so they follow the tz database shipped with Node (DST switches included).
 */

export const NEWSROOM_TZ = 'Europe/Berlin';

const GERMAN_MONTHS = [
  'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni',
  'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember',
];

const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Month number (1–12) for a German or English month name or abbreviation, or undefined. */
export function monthFromName(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return undefined;
  const alias: Record<string, number> = { 'märz': 3, maerz: 3, mrz: 3, jänner: 1, sept: 9 };
  if (alias[n] !== undefined) return alias[n];
  for (const list of [GERMAN_MONTHS, ENGLISH_MONTHS]) {
    const i = list.findIndex((m) => m.toLowerCase().startsWith(n));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number }

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat is expensive; keep one per zone and read all parts in one pass.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = FORMATTERS.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    FORMATTERS.set(timeZone, fmt);
  }
  return fmt;
}

/** The wall-clock parts as Intl reads them from the tz database: the reference, and slow (formatToParts). */
function intlParts(date: Date, timeZone: string): Parts {
  const p: Parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type in p) p[part.type as keyof Parts] = Number(part.value);
  }
  return p;
}

/** The offset in seconds (whole minutes today; some zones had seconds in it before the 1930s). */
function offsetOf(p: Parts, t: number): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 1000);
}

/**
 * A zone's offset is the same for long stretches, and formatToParts costs
 * microseconds per call (a 100-story API page formats hundreds of dates):
 * offsets are kept per zone and 15-minute stretch of UTC, but only for a
 * stretch whose first and last second have the same offset (no change of
 * offset inside it); any other instant is read from Intl as before.
 */
const OFFSETS = new Map<string, Map<number, number>>();
const STRETCH_MS = 15 * 60_000;
const MAX_KEPT_STRETCHES = 100_000;

function offsetAt(date: Date, timeZone: string): number {
  const t = date.getTime();
  const stretch = Math.floor(t / STRETCH_MS);
  let zone = OFFSETS.get(timeZone);
  if (!zone) OFFSETS.set(timeZone, (zone = new Map()));
  const known = zone.get(stretch);
  if (known !== undefined) return known;
  const start = stretch * STRETCH_MS;
  const end = start + STRETCH_MS - 1000;
  const first = offsetOf(intlParts(new Date(start), timeZone), start);
  if (first !== offsetOf(intlParts(new Date(end), timeZone), end)) return offsetOf(intlParts(date, timeZone), t);
  if (zone.size >= MAX_KEPT_STRETCHES) zone.clear();
  zone.set(stretch, first);
  return first;
}

function partsInZone(date: Date, timeZone: string): Parts {
  // An invalid date (or a zone Intl does not know) fails in Intl, as it always did.
  if (Number.isNaN(date.getTime())) return intlParts(date, timeZone);
  const local = new Date(date.getTime() + offsetAt(date, timeZone) * 1000);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(),
  };
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Berlin: +60 or +120). */
export function zoneOffsetMinutes(date: Date, timeZone = NEWSROOM_TZ): number {
  return Math.round(offsetAt(date, timeZone) / 60);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** True when the calendar date exists (no 31 February). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A wall-clock time in `timeZone` as ISO 8601 with its offset, e.g.
 * (2022, 1, 21, 13, 0) → "2022-01-21T13:00:00+01:00". Returns undefined for
 * impossible dates. A time inside the spring-forward gap is moved forward.
 */
export function zonedIso(year: number, month: number, day: number, hour = 0, minute = 0, timeZone = NEWSROOM_TZ): string | undefined {
  if (!isValidDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even right after a DST switch.
  let offset = zoneOffsetMinutes(new Date(guess), timeZone);
  offset = zoneOffsetMinutes(new Date(guess - offset * 60000), timeZone);
  const instant = new Date(guess - offset * 60000);
  return toZonedIso(instant, timeZone);
}

/** An instant rendered as ISO 8601 in `timeZone` with its offset (seconds kept only when non-zero). */
export function toZonedIso(instant: Date, timeZone = NEWSROOM_TZ): string {
  const p = partsInZone(instant, timeZone);
  const offset = zoneOffsetMinutes(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(offset)}`;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The years a date in the newsroom may name (publication, broadcasts, embargo,
 * picture rights). PostgreSQL refuses year 0 and JavaScript reads years below
 * 100 as 19xx, so "0000-01-01" was a 500 or silently 1899; nothing Lede dates
 * is older than 1900 or further out than 2200. See docs/operations.md.
 */
export const SANE_YEARS = { min: 1900, max: 2200 } as const;

/** Whether `year` lies within SANE_YEARS. */
export const isSaneYear = (year: number): boolean => Number.isInteger(year) && year >= SANE_YEARS.min && year <= SANE_YEARS.max;

/** True for an ISO 8601 date-time that names its offset (or Z), is a real instant, and lies within SANE_YEARS. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return false;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return isSaneYear(y) && isValidDate(y, m, d) && !Number.isNaN(Date.parse(value));
}

/** "21. Januar 2022" */
export function formatGermanDate(iso: string, timeZone = NEWSROOM_TZ): string {
  const p = partsInZone(new Date(iso), timeZone);
  return `${p.day}. ${GERMAN_MONTHS[p.month - 1]} ${p.year}`;
}

/** "13:00 Uhr" */
export function formatGermanTime(iso: string, timeZone = NEWSROOM_TZ): string {
  const p = partsInZone(new Date(iso), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)} Uhr`;
}

/** "21. Januar 2022 | 13:00 Uhr", the broadcasters' date-line format. */
export function formatGermanDateTime(iso: string, timeZone = NEWSROOM_TZ): string {
  return `${formatGermanDate(iso, timeZone)} | ${formatGermanTime(iso, timeZone)}`;
}

/** "January 21, 2022, 1:00 PM" style for English pages (24h kept for clarity). */
export function formatEnglishDateTime(iso: string, timeZone = NEWSROOM_TZ): string {
  const p = partsInZone(new Date(iso), timeZone);
  return `${ENGLISH_MONTHS[p.month - 1]} ${p.day}, ${p.year}, ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Wall-clock parts of an instant in the newsroom's zone. */
export function berlinParts(iso: string): Parts {
  return partsInZone(new Date(iso), NEWSROOM_TZ);
}

/**
 * "1 min", "1:30 min", "12 min", "1 Std 5 min" — the badge format for durations.
 * Rounded once, to what the format shows (seconds below an hour, minutes from
 * an hour on), before splitting into units: so 59.6 s reads "1 min", 3599.6 s
 * "1 Std" and 7199 s "2 Std", never "60 s", "59:60 min" or "1 Std 60 min".
 */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${Math.max(1, whole)} s`;
  if (whole < 3600) {
    const m = Math.floor(whole / 60);
    const s = whole % 60;
    return s === 0 ? `${m} min` : `${m}:${pad(s)} min`;
  }
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} Std` : `${h} Std ${m} min`;
}

/** ISO 8601 duration for machine-readable output ("PT1M"). */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}
