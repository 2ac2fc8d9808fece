import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { PageCache } from '../site/page-cache.js';
import type { AppMetrics } from './metrics.js';
import { observeFastHit } from './request-log.js';
import { forwardedHttps, securityHeadersFor } from './security-headers.js';

/**
 * The page cache's fresh hits, answered straight from Node's request event:
 * no Request, no Response, no middleware, the stored bytes written as they
 * are. A hit is most of what a news site serves under a spike, and building
 * the web objects and running the app around a copy that is already
 * compressed cost more than sending it (on the development machine: from
 * 0.26–0.55× of nginx serving the same bytes to 0.74–1.25×,
 * bench/site-http.bench.ts).
 *
 * The answer is the one the app gives the same request: the cache's headers
 * (PageCache.wireHit), the reader's security headers, the request log line
 * and the metrics. Whatever the cache does not answer as a fresh hit (misses,
 * stale copies, kept 404s, POSTs, the newsroom, any path it would normalise)
 * returns false and goes to the app.
 */
export function fastHits(cache: PageCache, opts: { trustProxy?: boolean | number; logger?: Logger; metrics?: AppMetrics }): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { logger, metrics } = opts;
  // Query names are logged at debug level: that is the app's to do.
  if (logger?.isLevelEnabled('debug')) return () => false;
  // Every page the cache keeps is the reader's: one policy, with or without HSTS.
  const security = { http: flat(securityHeadersFor(false, '/')), https: flat(securityHeadersFor(true, '/')) };
  return (req, res) => {
    const started = logger || metrics ? performance.now() : 0;
    const url = req.url;
    // A request without a Host the app can read is the app's to refuse.
    if (!url || !req.headers.host) return false;
    const hit = cache.wireHit(req.method ?? '', url, header(req.headers['accept-encoding']), header(req.headers['if-none-match']));
    if (!hit) return false;
    const https = (req.socket as { encrypted?: boolean }).encrypted === true
      || (!!opts.trustProxy && forwardedHttps(header(req.headers['x-forwarded-proto'])));
    const headers = hit.headers.concat(https ? security.https : security.http);
    if (hit.status !== 304) headers.push('content-length', String(hit.length));
    // The pieces stay the cache's until the response has closed, sent or aborted.
    if (hit.release) res.once('close', hit.release);
    res.writeHead(hit.status, headers);
    const body = hit.body;
    if (!body || body.length === 0) res.end();
    else {
      // Written in one go: Node corks the socket for the tick, so the pieces leave as one writev.
      const last = body.length - 1;
      for (let i = 0; i < last; i++) res.write(body[i]);
      res.end(body[last]);
    }
    if (logger || metrics) observeFastHit({ logger, metrics }, req.method!, url, hit.status, (performance.now() - started) / 1000);
    return true;
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flat(headers: Record<string, string>): string[] {
  return Object.entries(headers).flatMap(([k, v]) => [k.toLowerCase(), v]);
}
