/**
 * Where the breaking banner goes on every reader page: right below the site
 * header, between two comments. The layout writes the slot empty; the banner
 * (banner.ts) is put between the comments when a page is rendered and, in the
 * page cache, into kept copies when the banner changes, without a re-render.
 * The opening comment names the page's language (the banner's label follows it).
 */
export const SLOT_OPEN_PREFIX = '<!--eilmeldung:';
export const SLOT_CLOSE = '<!--/eilmeldung-->';

/** The empty slot for a page in `lang` (a BCP 47 tag; anything else is left out). */
export function bannerSlot(lang: string): string {
  const tag = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : '';
  return `${SLOT_OPEN_PREFIX}${tag}-->${SLOT_CLOSE}`;
}
