/**
 * Which clock a page's unlabelled times are printed in. The importer reads
 * times as Berlin's wall clock unless the time carries its zone ("14:32 GMT",
 * "2:32 p.m. ET"). British and Irish outlets print their live pages in their
 * own time without a label ("11:42am", "13:58"), an hour behind Berlin all
 * year; New Zealand and eastern Australian outlets print theirs in their own
 * time too.
 */
import { zoneOffsetMinutes } from '../../content/index.js';
import type { Line } from './lines.js';
import { homeZone } from './home-zone.js';

const LONDON = 'Europe/London';
const AUCKLAND = 'Pacific/Auckland';
const SYDNEY = 'Australia/Sydney';

/** Outlets' names, as crawls print them above the page or after its title, and the zone of their clock. */
const BRAND_ZONES = new Map<string, string>([
  ...[
    'sky news', 'the telegraph', 'telegraph', 'bbc', 'bbc news', 'bbc sport', 'the guardian', 'guardian', 'the independent', 'the times',
    'the sunday times', 'daily mail', 'mail online', 'the mirror', 'daily mirror', 'evening standard', 'the standard', 'itv news', 'channel 4 news',
    'the sun', 'metro', 'financial times', 'the scotsman', 'the herald', 'the irish times', 'irish independent', 'independent.ie', 'rté', 'rte',
    'rté news', 'thejournal.ie', 'the journal', 'irish examiner', 'breakingnews.ie', 'manchester evening news', 'liverpool echo', 'walesonline',
    'belfast telegraph', 'bristol live', 'bristol post', 'the northern echo', 'northern echo', 'edinburgh evening news', 'oxford mail',
    'eastern daily press', 'cambridge news', 'the courier', 'the yorkshire post', 'the press and journal', 'press and journal',
  ].map((b): [string, string] => [b, LONDON]),
  ...['1news', '1 news', 'nz herald', 'the new zealand herald', 'new zealand herald', 'stuff', 'rnz', 'newshub', 'the spinoff'].map((b): [string, string] => [b, AUCKLAND]),
  ...['abc news', 'the sydney morning herald', 'the age', 'news.com.au', '9news', '7news', 'sbs news', 'the australian', 'the daily telegraph',
    'the canberra times', 'herald sun'].map((b): [string, string] => [b, SYDNEY]),
  ...['the japan times', 'japan times'].map((b): [string, string] => [b, 'Asia/Tokyo']),
  ...['toronto star', 'the star edition', 'cbc news', 'cbc', 'ctv news', 'global news', 'the globe and mail'].map((b): [string, string] => [b, 'America/Toronto']),
]);
/**
 * Zone labels printed after a time ("Updated Dec. 2, 2026 at 4:12 p.m. ET", "… 10.05am AEDT"), and their clocks. A
 * label is read in its zone's time on that day, winter or summer time (the date parser, the page clock, ticker entries).
 */
export const ZONE_LABELS: Readonly<Record<string, string>> = {
  ET: 'America/New_York', EST: 'America/New_York', EDT: 'America/New_York', CT: 'America/Chicago', CST: 'America/Chicago',
  CDT: 'America/Chicago', PT: 'America/Los_Angeles', PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles',
  AEDT: SYDNEY, AEST: SYDNEY, NZDT: AUCKLAND, NZST: AUCKLAND, IST: 'Asia/Kolkata', JST: 'Asia/Tokyo',
};
/** The labels of ZONE_LABELS as one regex alternation ("ET|EST|…"), for patterns that read a label after a time. */
export const ZONE_LABEL_ALTERNATION = Object.keys(ZONE_LABELS).join('|');
/** A date or update line with a time and a zone label after it. */
const ZONED_DATE_LINE = new RegExp(`\\b\\d{1,2}[:.]\\d{2}\\s?(?:[ap]\\.?m\\.?)?\\s+(${ZONE_LABEL_ALTERNATION})\\b\\.?$`, 'i');
/** "Wednesday 6 March 2024 14:58, UK" (Sky): a date line naming the country whose clock it shows. */
const UK_DATE_LINE = /\b\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?,?\s+UK$/i;
/** "All times are Kyiv time.", "All times GMT", "Times shown in ET": the live page's note on its clock. */
const TIMES_NOTE = /^(?:all\s+)?times\s+(?:are\s+|shown\s+|given\s+|listed\s+)?(?:in\s+)?(.{2,30}?)(?:\s+time)?\.?$/i;
/** The clocks such a note names: a zone label or a place. */
const NOTE_ZONES: ReadonlyArray<[RegExp, string]> = [
  [/^(?:uk|british|london|gmt|bst|irish|dublin)$/i, LONDON],
  [/^(?:kyiv|kiev|ukraine|ukrainian|eet|eest)$/i, 'Europe/Kyiv'],
  [/^(?:cet|cest|berlin|german|central european)$/i, 'Europe/Berlin'],
  [/^(?:eastern|et|est|edt|new york)$/i, 'America/New_York'],
  [/^(?:pacific|pt|pst|pdt)$/i, 'America/Los_Angeles'],
  [/^(?:central|ct|cst|cdt)$/i, 'America/Chicago'],
  [/^(?:aedt|aest|sydney|melbourne)$/i, SYDNEY],
  [/^(?:nzdt|nzst|nz|new zealand)$/i, AUCKLAND],
];
/** "London news, sport and culture | The Standard", "… - BBC News": the site's name after a page title. */
const TITLE_SUFFIX = /\s[|–—-]\s([^|–—]{2,40})$/;

/**
 * The zone a page's unlabelled times are printed in, when it is not Berlin's: an English page with a date line
 * ending ", UK", or with an outlet's name in its first lines, alone or after the page title; else the clock of
 * the country the page names far more often than any other (home-zone.ts).
 */
export function pageClockZone(all: readonly Line[], language: string): string | undefined {
  if (language !== 'en') return undefined;
  for (let k = 0; k < Math.min(all.length, 60); k++) {
    const t = all[k]!.text;
    if (t.length > 120) continue;
    if (UK_DATE_LINE.test(t)) return LONDON;
    // The page's own date line names the zone its times are printed in (the head's update line, not an entry).
    const zoned = k < 40 && /\d{4}/.test(t) ? ZONED_DATE_LINE.exec(t) : null;
    if (zoned) return ZONE_LABELS[zoned[1]!.toUpperCase()];
    const noted = TIMES_NOTE.exec(t);
    if (noted) {
      const z = NOTE_ZONES.find(([re]) => re.test(noted[1]!))?.[1];
      if (z) return z;
    }
    if (k >= 12) continue;
    const zone = BRAND_ZONES.get(t.trim().toLowerCase()) ?? BRAND_ZONES.get(TITLE_SUFFIX.exec(t)?.[1]!.trim().toLowerCase() ?? '');
    if (zone) return zone;
  }
  return homeZone(all.map((l) => l.text).join('\n'));
}

/** The calendar day an instant falls on in a zone's clock (a US page's 6 p.m. stamp is the next day in Berlin). */
export function dayInZone(instant: Date, zone: string): { year: number; month: number; day: number } {
  return dayAtOffset(instant, zoneOffsetMinutes(instant, zone));
}

/** The calendar day an instant falls on in a clock that many minutes ahead of UTC ("14:32 GMT": 0). */
export function dayAtOffset(instant: Date, offsetMinutes: number): { year: number; month: number; day: number } {
  const t = new Date(instant.getTime() + offsetMinutes * 60000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Minutes a zone is ahead of UTC on a day (at noon UTC; the switch to and from summer time happens at night). */
export function dayOffsetMinutes(zone: string, year: number, month: number, day: number): number {
  return zoneOffsetMinutes(new Date(Date.UTC(year, month - 1, day, 12)), zone);
}
