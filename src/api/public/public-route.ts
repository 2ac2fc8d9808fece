import type { z } from 'zod';

/**
 * The public content API (/api/v1) declared as data: each route names its
 * method, path, parameters (zod schemas), the formats it answers in, its
 * responses and its cache policy. The registry (public-registry.ts) enforces
 * the declaration before a handler runs, and the OpenAPI document and the
 * reference page (openapi.ts, docs-page.ts) are generated from the same
 * declarations, so none of them can drift from what the server does.
 *
 * Public: no session, no permission. The only thing between a caller and a
 * route is the API key guard (optional key, anonymous quota), mounted once
 * for the whole API (public-api.ts).
 */

/** An answer's format: Lede JSON, ninjs 3.1 or 2.2, NewsML-G2 2.35. */
export type PublicFormat = 'json' | 'ninjs' | 'ninjs-2.2' | 'newsml';

export const FORMAT_TYPES: Record<PublicFormat, string> = {
  json: 'application/json',
  ninjs: 'application/ninjs+json',
  'ninjs-2.2': 'application/ninjs+json',
  newsml: 'application/vnd.iptc.g2.newsitem+xml',
};

export const FORMAT_NAMES: Record<PublicFormat, string> = {
  json: 'Lede JSON',
  ninjs: 'ninjs 3.1',
  'ninjs-2.2': 'ninjs 2.2',
  newsml: 'NewsML-G2 2.35 newsItem',
};

export interface PublicAnswer {
  /** A JSON value (Lede JSON, ninjs) or a text (NewsML-G2). */
  body: unknown;
  /** Surrogate keys of what the answer shows (the same words pages use), for a CDN's purge. */
  keys: string[];
}

export interface PublicInput<P, Q> {
  params: P;
  query: Q;
  format: PublicFormat;
  /** The request's URL (for `next` links). */
  url: URL;
}

export interface PublicRouteSpec<P = Record<string, string>, Q = Record<string, unknown>> {
  method: 'GET';
  /** Hono pattern, e.g. "/api/v1/stories/:idOrSlug". */
  path: string;
  summary: string;
  description?: string;
  /** OpenAPI tag. */
  tag: string;
  params?: z.ZodObject<z.ZodRawShape> & z.ZodType<P>;
  query?: z.ZodObject<z.ZodRawShape> & z.ZodType<Q>;
  /** Formats offered, the first is the default. */
  formats: readonly [PublicFormat, ...PublicFormat[]];
  /** What a 200 carries. */
  description200: string;
  /** Error statuses this route may answer besides 400/406/429/500 (which every route may). */
  errors?: { status: 404 | 410; description: string }[];
  /** Seconds browsers (max-age) and shared caches (s-maxage) keep a success. */
  cache: { maxAge: number; sMaxAge: number };
  /** A path to call in the docs' curl examples and in tests (with example parameters filled in). */
  example?: string;
  handler: (input: PublicInput<P, Q>) => Promise<PublicAnswer>;
}

/** A refusal of the public API: answered as `{error: {code, reason, message, …}}` with `status`. */
export class PublicApiError extends Error {
  /** Surrogate keys of a 404/410 a shared cache may keep briefly: the purge of a publication clears it. */
  keys: string[] = [];

  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'PublicApiError';
  }
}

/** 400 naming the parameter. */
export function badParameter(parameter: string, message: string, reason = 'bad_parameter'): PublicApiError {
  return new PublicApiError(400, 'BAD_REQUEST', reason, `${parameter}: ${message}`, { parameter });
}
