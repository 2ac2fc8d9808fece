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
