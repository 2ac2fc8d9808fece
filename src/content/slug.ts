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

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= LIMITS.slug && SLUG_PATTERN.test(value);
}
