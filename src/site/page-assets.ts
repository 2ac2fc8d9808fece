import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

/**
 * Which media library pictures a response depends on, collected while it is
 * rendered: the read model notes every asset a figure names (shown or not:
 * a page that dropped a lapsed picture must also be purged when its rights
 * are renewed) and the next instant one of their rights begins or ends.
 *
 * The site's middleware hands both to the page cache in two internal
 * response headers, which the cache reads and strips:
 *   X-Lede-Keys: asset:<id> asset:<id> …   (more surrogate keys of the page)
 *   X-Lede-Expires: <epoch ms>              (the copy must not be served after this)
 */
export const KEYS_HEADER = 'X-Lede-Keys';
export const EXPIRES_HEADER = 'X-Lede-Expires';

interface PageAssets {
  ids: Set<string>;
  nextChange: number;
}

const current = new AsyncLocalStorage<PageAssets>();

/** Notes assets the page being rendered depends on (no-op outside a site request, e.g. the newsroom preview). */
export function notePageAssets(ids: Iterable<string>, nextChange = Infinity): void {
  const page = current.getStore();
  if (!page) return;
  for (const id of ids) page.ids.add(id);
  if (nextChange < page.nextChange) page.nextChange = nextChange;
}

/** The surrogate key of a media library asset. */
export const assetKey = (id: string) => `asset:${id}`;

/** Hono middleware: collects what the handler's reads noted and sets the two headers on its response. */
export function pageAssetsMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const page: PageAssets = { ids: new Set(), nextChange: Infinity };
    await current.run(page, next);
    if (page.ids.size) c.res.headers.set(KEYS_HEADER, [...page.ids].sort().map(assetKey).join(' '));
    if (Number.isFinite(page.nextChange)) c.res.headers.set(EXPIRES_HEADER, String(page.nextChange));
  };
}
