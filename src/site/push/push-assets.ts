import type { Hono } from 'hono';
import { PAGE_ROUTES } from '../page-routes.js';

/** Registers the reader's push opt-in script and the service worker (issue 14; being built: both fall through to 404 for now). */
export function registerPushAssets(app: Hono): void {
  app.get(PAGE_ROUTES.pushScript.path, (_c, next) => next());
  app.get(PAGE_ROUTES.serviceWorker.path, (_c, next) => next());
}
