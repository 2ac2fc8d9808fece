import type { Hono } from 'hono';
import { PAGE_ROUTES } from '../page-routes.js';
import { PUSH_JS, PUSH_SCRIPT_PATH } from './push-script.js';
import { SERVICE_WORKER_JS } from './service-worker.js';

/**
 * Registers the reader's push opt-in script and the service worker (issue 14),
 * in this order (page-routes.ts declares both; the page cache lets them through):
 *
 * - `/assets/push.{hash}.js`: the opt-in script, cached for a year (its name
 *   changes with its content); another hash (an older or newer deploy's) falls
 *   through to the site's 404.
 * - `/sw.js`: the service worker, at the root so its scope is every page;
 *   `no-cache`, so browsers check it on each visit and a deploy reaches them.
 */
export function registerPushAssets(app: Hono): void {
  const scriptFile = PUSH_SCRIPT_PATH.slice('/assets/'.length);
  app.get(PAGE_ROUTES.pushScript.path, (c, next) => {
    if (c.req.param('file') !== scriptFile) return next();
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', PAGE_ROUTES.pushScript.cacheControl);
    return c.body(PUSH_JS);
  });
  app.get(PAGE_ROUTES.serviceWorker.path, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', PAGE_ROUTES.serviceWorker.cacheControl);
    return c.body(SERVICE_WORKER_JS);
  });
}
