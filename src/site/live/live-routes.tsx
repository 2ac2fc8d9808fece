import type { Context, Hono } from 'hono';
import { PAGE_ROUTES } from '../page-routes.js';
import type { SiteReader } from '../read-model.js';
import { TickerEntry } from '../views/blocks.js';
import { isTickerEntry, newestFirst, tickerEntryIds } from './entry-ids.js';
import { LIVE_TICKER_JS, LIVE_TICKER_SCRIPT_PATH } from './live-ticker-script.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What `GET /{section}/{slug}/live.json?nach=…` answers. */
export interface LiveFragment {
  /** The story's version: goes up with every change. */
  version: number;
  /** Entries at or after `nach`, newest first, each as the page renders it (an `<li>`). */
  entries: { id: string; time: string; html: string }[];
}

/**
 * Live ticker updates (the script in live-ticker-script.ts polls these).
 *
 * `/{section}/{slug}/live.json?nach={ISO time}`: the ticker's entries at or
 * after that time (the newest the reader's page shows; "at" too, so a second
 * entry in the same minute is not missed; the script skips ids it shows),
 * rendered by the page's own TickerEntry view. It is an ordinary GET the page
 * cache keeps under the story's surrogate key (as page-routes.ts declares), so every reader
 * polling with the same newest entry shares one render, and a story update
 * purges it. 404 for anything that is not a public live ticker, 410 once the
 * story is depublished: the script then stops polling.
 *
 * `/assets/live-ticker.{hash}.js`: the script, cached for a year (its name
 * changes with its content; the page cache lets it through untouched).
 *
 * Register before the `/:section/:slug` page route.
 */
export function registerLiveTickerRoutes(app: Hono, reader: SiteReader): void {
  const scriptFile = LIVE_TICKER_SCRIPT_PATH.slice('/assets/'.length);

  app.get(PAGE_ROUTES.liveScript.path, (c, next) => {
    // Another hash is an older (or newer) deploy's script: not ours to serve.
    if (c.req.param('file') !== scriptFile) return next();
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', PAGE_ROUTES.liveScript.cacheControl);
    return c.body(LIVE_TICKER_JS);
  });

  app.get(PAGE_ROUTES.liveFragment.path, async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug) || !SLUG.test(c.req.param('section'))) return problem(c, 404, 'no such live ticker');
    const nach = c.req.query('nach');
    const since = nach ? Date.parse(nach) : -Infinity;
    if (Number.isNaN(since)) return problem(c, 400, '"nach" must be an ISO 8601 date-time');
    const found = await reader.storyPage(slug);
    if (found && 'gone' in found) return problem(c, 410, 'this live ticker has been taken down');
    // Drafts and scheduled stories are not revealed; other kinds have no live updates.
    if (!found || found.story.kind !== 'liveticker') return problem(c, 404, 'no such live ticker');
    const { story } = found;
    const ids = tickerEntryIds(story.body);
    const entries = newestFirst(story.body.filter(isTickerEntry)).filter((e) => Date.parse(e.time) >= since);
    const body: LiveFragment = {
      version: story.version,
      entries: entries.map((e) => {
        const id = ids.get(e)!;
        return { id, time: e.time, html: String(<TickerEntry block={e} id={id} lang={story.language} />) };
      }),
    };
    // The page cache (and a CDN) keep it until the story changes; browsers revalidate each poll.
    c.header('Cache-Control', PAGE_ROUTES.liveFragment.cacheControl);
    return c.json(body);
  });
}

function problem(c: Context, status: 400 | 404 | 410, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: message }, status);
}
