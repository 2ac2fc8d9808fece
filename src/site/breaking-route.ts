import type { Context } from 'hono';
import type { BannerItem } from './banner.js';
import { EXPIRES_HEADER } from './page-assets.js';
import { PAGE_ROUTES } from './page-routes.js';

/**
 * `/eilmeldung.json`: the breaking news item up now, for apps and scripts,
 * `{"breaking": null}` when there is none. The page cache keeps it under the
 * `breaking` key (purged when the banner changes) and never serves it past the
 * item's end (X-Lede-Expires).
 */
export interface BreakingJson {
  breaking: null | {
    id: string;
    headline: string;
    /** Absolute: the site's address for a path. */
    url: string;
    storyId: string | null;
    startsAt: string;
    endsAt: string;
  };
}

export function breakingJsonBody(item: BannerItem | undefined, siteUrl: string): BreakingJson {
  if (!item) return { breaking: null };
  return {
    breaking: {
      id: item.id, headline: item.headline, url: item.url.startsWith('/') ? `${siteUrl}${item.url}` : item.url,
      storyId: item.storyId, startsAt: item.startsAt, endsAt: item.endsAt,
    },
  };
}

export function breakingJson(c: Context, opts: { siteUrl: string; breaking?: () => BannerItem | undefined }): Response {
  const item = opts.breaking?.();
  c.header('Cache-Control', PAGE_ROUTES.breaking.cacheControl);
  if (item) c.header(EXPIRES_HEADER, String(Date.parse(item.endsAt)));
  return c.json(breakingJsonBody(item, opts.siteUrl));
}
