import { LIMITS } from '../../content/index.js';
import { shortenAtWord } from './lines.js';

/**
 * A headline line: within the limit, and not running text — a line ending in a
 * period that is long or holds several sentences is the start of the body.
 */
export function isHeadlineLike(text: string): boolean {
  if (!text || text.length > LIMITS.headline) return false;
  if (!/\.["'“”»«’)]*$/.test(text) || /\.\.\.$/.test(text)) return true;
  const sentences = text.split(/[.!?]["'“”»«’)]*\s+(?=[\p{Lu}„"“])/u).length;
  return text.length <= 120 && sentences === 1;
}

/** "Berlin (dpa) - ", "BARNET, Vt. (AP) — ": an agency's dateline opening its copy. */
export const DATELINE = /^[\p{Lu}][\p{L}\d.,/ -]{1,40}\s*\((?:dpa|afp|ap|epd|kna|reuters|sid|dts|ddp|apa|sda|mdr|dlf|ots|pm)(?:[/,][^)]{1,20})?\)\s*[-–—.:]?\s*/iu;

/**
 * Headline for a page without one (an agency flash that is a single paragraph):
 * the first sentence, without the agency dateline, shortened to the headline
 * limit at a word boundary.
 */
export function deriveHeadline(text: string): string {
  const window = text.length > 2000 ? text.slice(0, 2000) : text;
  const body = window.replace(DATELINE, '').trim();
  const first = firstSentence(body).replace(/\.$/, '').trim();
  return shortenAtWord(first || text.trim(), LIMITS.headline);
}

const ABBREVIATION = /(?:^|\s)(?:z\.\s?B|u\.\s?a|d\.\s?h|v\.\s?a|bzw|ca|Dr|Prof|Nr|St|sog|Mio|Mrd|Jh|Abs|vgl|usw|etc|inkl|ggf|Mr|Mrs|Ms|Jr|Sr|No|vs|[A-ZÄÖÜ])$/;

/** The first sentence: up to . ! ? before a capital, not after a number ("21. Januar") or an abbreviation. */
export function firstSentence(text: string): string {
  const re = /[.!?]["'“”»«’)]*\s+(?=[\p{Lu}„"“\d])/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (text[m.index] === '.' && (/\d$/.test(before) || ABBREVIATION.test(before))) continue;
    return text.slice(0, m.index + 1).trim();
  }
  return text;
}
