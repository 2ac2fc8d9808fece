import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { Config } from './config.js';

/** The socket deadlines of the HTTP server (docs/operations.md, "Slow clients"). */
export interface HttpTimeouts {
  /** All request headers must have arrived within this (LEDE_HEADERS_TIMEOUT_MS, default 10 s). */
  headersTimeoutMs: number;
  /**
   * The whole request, body included, must have arrived within this
   * (LEDE_REQUEST_TIMEOUT_MS, default 5 min): generous, so a 50 MB picture
   * still uploads over a slow line (about 1.4 Mbit/s).
   */
  requestTimeoutMs: number;
  /**
   * A connection on which nothing moves for this long is closed
   * (LEDE_IDLE_TIMEOUT_MS, default 30 s): a client that sent its headers and
   * then stalls mid-body does not hold the socket for the whole request time.
   */
  idleTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 300_000, idleTimeoutMs: 30_000 };

/**
 * Binds `fetch` (the Hono app) to a port with Node's HTTP server and its
 * deadlines set, so slow clients cannot hold sockets forever: a client that
 * trickles its headers is answered 408 and dropped after headersTimeoutMs,
 * one that trickles its body after requestTimeoutMs, one that goes quiet
 * after idleTimeoutMs. Node checks the header and request deadlines on a
 * timer; it runs at least every second here (Node's default is 30 s, which
 * would let a trickling client stay up to that much longer).
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  opts: Pick<Config, 'port' | 'host'> & Partial<HttpTimeouts> & {
    /** Answers what it can straight from Node's request (fast-hits.ts: the page cache's fresh hits); false hands the request to `fetch`. */
    fastPath?: (req: IncomingMessage, res: ServerResponse) => boolean;
  },
): Server {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...definedOnly(opts) };
  const shortest = Math.min(t.headersTimeoutMs, t.requestTimeoutMs || Infinity);
  const server = serve({
    fetch,
    port: opts.port,
    hostname: opts.host,
    // @hono/node-server's option is typed for HTTP/2 as well; this is its HTTP/1 form.
    ...(opts.fastPath && { createServer: withFastPath(opts.fastPath) as never }),
    serverOptions: {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(shortest / 4))),
    },
  }) as Server;
  server.setTimeout(t.idleTimeoutMs);
  return server;
}

/** Node's createServer, with `fast` asked first for each request. */
function withFastPath(fast: (req: IncomingMessage, res: ServerResponse) => boolean) {
  return (options: ServerOptions, listener?: RequestListener): Server =>
    createServer(options, (req, res) => {
      if (!fast(req, res)) listener!(req, res);
    });
}

function definedOnly(opts: Partial<HttpTimeouts>): Partial<HttpTimeouts> {
  const out: Partial<HttpTimeouts> = {};
  for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs'] as const) if (opts[key] !== undefined) out[key] = opts[key];
  return out;
}
