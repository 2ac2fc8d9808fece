import { Hono } from 'hono';
import type { Database } from '../store/index.js';
import { createSiteReader } from '../site/read-model.js';
import { createSiteRoutes } from '../site/site-routes.js';
import type { Config } from './config.js';

/**
 * Security headers for every response. The reader site ships no script yet; the
 * policy still allows same-origin scripts for later progressive enhancement.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
};

/** Assembles the HTTP app. In-process tests call `app.request(...)` on it; `serve` binds it to a port. */
export function createApp(db: Database, config: Pick<Config, 'siteName' | 'siteUrl'>): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  return createSiteRoutes(createSiteReader(db), { siteName: config.siteName, siteUrl: config.siteUrl }, app);
}
