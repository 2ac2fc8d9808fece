import { createHash } from 'node:crypto';
import { LIMITS } from './types.js';

const TRANSLITERATION: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue', ẞ: 'ss',
  æ: 'ae', ø: 'oe', å: 'aa', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th',
};

/**
 * URL slug from a headline: German umlauts transliterated (ä → ae), other accents
 * stripped, words joined by hyphens, cut at a word boundary within the slug limit.
 */
export function slugify(text: string, max: number = LIMITS.slug): string {
  const replaced = text.replace(/[äöüßÄÖÜẞæøåœłđðþ]/g, (c) => TRANSLITERATION[c] ?? c);
  const ascii = replaced.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > max) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, max);
  return slug;
}

/**
 * The one rule for a section's URL slug (`/politik/…`). The store writes it to
 * `stories.section_slug` when a story is saved, and every link, feed, sitemap,
 * redirect and purge key uses that rule or that column, never anything else.
 *
 * A name with Latin letters or digits gets slugify's slug ("Ausland" → ausland,
 * "Über uns" → ueber-uns). A name with none — symbols such as `<!--`, or only
 * Greek, Cyrillic, CJK or Arabic script — gets `rubrik-` and the first 8 hex
 * digits of the SHA-256 of the name's UTF-8 bytes (`経済` → rubrik-…), so it is
 * never empty, stays the same for the same name, and differs between names.
 * Other scripts are deliberately not transliterated: the right transliteration
 * depends on the language (Russian, Ukrainian and Bulgarian differ), and
 * migration 011 can compute this rule in SQL to repair older rows.
 */
export function sectionSlug(name: string): string {
  return slugify(name) || `${SECTION_SLUG_FALLBACK}-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8)}`;
}

/** Prefix of the slug of a section whose name has no Latin letters or digits. */
export const SECTION_SLUG_FALLBACK = 'rubrik';

/**
 * A topic's slug (its page /thema/<slug>, its feeds, the API's `topic`
 * filter): the same rule as sectionSlug, so a topic named only in another
 * script or in punctuation (`経済`, `<!--`) gets `thema-` and 8 hex digits of
 * its name's SHA-256 instead of an empty slug and no page.
 */
export function topicSlug(name: string): string {
  return slugify(name) || `${TOPIC_SLUG_FALLBACK}-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8)}`;
}

export const TOPIC_SLUG_FALLBACK = 'thema';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= LIMITS.slug && SLUG_PATTERN.test(value);
}
