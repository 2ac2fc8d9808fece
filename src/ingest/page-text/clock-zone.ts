/**
 * Which clock a page's unlabelled times are printed in. The importer reads
 * times as Berlin's wall clock unless the time carries its zone ("14:32 GMT",
 * "2:32 p.m. ET"). British and Irish outlets print their live pages in their
 * own time without a label ("11:42am", "13:58"), which is an hour behind
 * Berlin all year: the two switch to summer time on the same days.
 */
import type { Line } from './lines.js';

/** Lines that are only a British or Irish outlet's name, as crawls print them above the page. */
const UK_IE_BRANDS = new Set([
  'sky news', 'the telegraph', 'telegraph', 'bbc', 'bbc news', 'the guardian', 'guardian', 'the independent', 'the times', 'the sunday times',
  'daily mail', 'mail online', 'the mirror', 'daily mirror', 'evening standard', 'the standard', 'itv news', 'channel 4 news', 'the sun', 'metro',
  'financial times', 'the scotsman', 'the herald', 'the irish times', 'irish independent', 'independent.ie', 'rté', 'rte', 'rté news', 'thejournal.ie',
  'the journal', 'irish examiner', 'breakingnews.ie', 'manchester evening news', 'liverpool echo', 'walesonline', 'belfast telegraph',
]);
/** "… | Sky News", "… - BBC News": a page title ending in one of those names. */
const TITLE_SUFFIX = /\s[|–—-]\s(?:sky news|bbc news|bbc sport|the guardian|the telegraph|the independent|the irish times|rté news|itv news)$/i;
/** "Wednesday 6 March 2024 14:58, UK" (Sky): a date line naming the country whose clock it shows. */
const UK_DATE_LINE = /\b\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?,?\s+UK$/i;

/** New Zealand and eastern Australian outlets, whose live pages print their own local time. */
const NZ_BRANDS = new Set(['1news', '1 news', 'nz herald', 'the new zealand herald', 'new zealand herald', 'stuff', 'rnz', 'newshub', 'the spinoff']);
const AU_BRANDS = new Set(['abc news', 'the sydney morning herald', 'the age', 'news.com.au', '9news', '7news', 'sbs news', 'the australian', 'the daily telegraph']);

/**
 * The zone a page's unlabelled times are printed in, when it is not Berlin's: Europe/London for British and
 * Irish outlets, Pacific/Auckland and Australia/Sydney for New Zealand and eastern Australian ones (an English
 * page under the outlet's name in its first lines).
 */
export function pageClockZone(all: readonly Line[], language: string): string | undefined {
  if (language !== 'en') return undefined;
  if (pagePrintsUkTime(all, language)) return 'Europe/London';
  for (let k = 0; k < Math.min(all.length, 12); k++) {
    const t = all[k]!.text.trim().toLowerCase();
    if (t.length > 60) continue;
    if (NZ_BRANDS.has(t)) return 'Pacific/Auckland';
    if (AU_BRANDS.has(t)) return 'Australia/Sydney';
  }
  return undefined;
}

/** Minutes a zone is ahead of UTC at noon (UTC) on a day, from the platform's time-zone data. */
export function zoneOffsetMinutes(zone: string, year: number, month: number, day: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(Date.UTC(year, month - 1, day, 12))).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** Whether the page's unlabelled times are UK (or Irish) time: an English page from a British or Irish outlet. */
export function pagePrintsUkTime(all: readonly Line[], language: string): boolean {
  if (language !== 'en') return false;
  for (let k = 0; k < Math.min(all.length, 60); k++) {
    const t = all[k]!.text;
    if (t.length > 120) continue;
    if (UK_DATE_LINE.test(t)) return true;
    if (k < 12 && (UK_IE_BRANDS.has(t.toLowerCase()) || TITLE_SUFFIX.test(t))) return true;
    // "London news, sport and culture | The Standard": a page title ending in one of those names.
    const suffix = k < 3 ? /\s[|–—-]\s([^|–—]{2,40})$/.exec(t)?.[1] : undefined;
    if (suffix && UK_IE_BRANDS.has(suffix.trim().toLowerCase())) return true;
  }
  return false;
}

/** Minutes UK time is ahead of UTC on a day: an hour from the last Sunday in March to the last Sunday in October. */
export function ukOffsetMinutes(year: number, month: number, day: number): number {
  if (month < 3 || month > 10) return 0;
  if (month > 3 && month < 10) return 60;
  const lastSunday = (m: number) => {
    const last = new Date(Date.UTC(year, m, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  return month === 3 ? (day >= lastSunday(3) ? 60 : 0) : (day < lastSunday(10) ? 60 : 0);
}
