import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { LedeError } from '../content/index.js';
import { GLOBAL_PERMISSIONS, STORY_ACTIONS, type GlobalPermission, type StoryAction } from '../content/roles.js';
import type { NewsroomContext } from './context.js';
import { assertTextSound, brokenTextIssues, checkFormText, normalizeText, parseInput } from './input.js';

export { brokenTextPaths } from './input.js';

/**
 * Every endpoint is declared as data: method, path, the permission it needs,
 * its input schemas, the most body it reads, its success status and cache
 * policy. The registry enforces the declaration before the handler runs, so a
 * handler is a line or two: take the parsed input, call a service, answer.
 *
 * Permissions: one without (or with an unknown one) fails to register, so no
 * route can be added without a decision about who may call it.
 * - a global permission (`story.create`, `users.manage`, …) is checked before the handler runs;
 * - a story action (`story.edit`, `story.publish`, …) is checked before the handler
 *   for the role's grant at all, and by the handler against the story (own or any);
 * - `public` is for the login page and its form only.
 */
export type Requirement = GlobalPermission | StoryAction | 'public';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Largest JSON body an endpoint reads unless it declares otherwise (a long story with many blocks stays far below). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
/**
 * Largest form post a page reads unless it declares otherwise: the longest
 * small form (a topic's 4,000-character intro, URL-encoded) stays far below.
 */
export const MAX_FORM_BYTES = 64 * 1024;
/**
 * The preview forms carry a whole story as JSON, which URL-encoding can make
 * three times as long as the API's 2 MB.
 */
export const MAX_PREVIEW_FORM_BYTES = 6 * 1024 * 1024;

/** What the registry parsed for the handler. */
export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export interface EndpointSpec<P = Record<string, string>, Q = Record<string, string>, B = unknown> {
  method: Method;
  path: string;
  permission: Requirement;
  /** API endpoints answer JSON errors; pages answer HTML. */
  kind: 'api' | 'page';
  /** One line for the endpoint list and the API document. */
  summary?: string;
  input?: {
    params?: z.ZodType<P>;
    query?: z.ZodType<Q>;
    /** The JSON body (application/json required when declared). */
    body?: z.ZodType<B>;
    /** How the body is named in a refusal ("a story draft", "{"to": …}"). */
    bodyName?: string;
  };
  /**
   * The most bytes of body this endpoint reads, enforced while the body
   * streams in (Hono's bodyLimit): more is refused with 413 before it is
   * buffered. Default: MAX_JSON_BYTES for api endpoints, MAX_FORM_BYTES for pages.
   */
  maxBodyBytes?: number;
  /** The status of a success (201 for creation); documentation and the answer's default. */
  status?: 200 | 201 | 204 | 303;
  /** Cache-Control of a success; the newsroom's default is no-store. */
  cache?: string;
  handler: (c: NewsroomContext, input: Input<P, Q, B>) => Response | Promise<Response>;
}

export interface RegisteredEndpoint {
  method: Method;
  path: string;
  permission: Requirement;
  kind: 'api' | 'page';
  summary?: string;
  maxBodyBytes: number;
  status: number;
  cache: string;
  /** The declared schemas (for the API document). */
  input: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
}

const KNOWN = new Set<string>([...GLOBAL_PERMISSIONS, ...STORY_ACTIONS, 'public']);
const JSON_TYPE = /^application\/json\b/i;
const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The JSON object in the body; anything else is a 422 that says what to send. */
/**
 * `rawText`: the endpoint hands its strings to a parser that judges raw text
 * itself (the page-text importer refuses binary input with its own, more
 * helpful words); what it stores still passes validateDraft.
 */
export async function jsonBody(c: Context, what: string, opts: { rawText?: boolean } = {}): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new LedeError('VALIDATION', `send ${what} as application/json (got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'})`, { reason: 'wrong_content_type' });
  }
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new LedeError('VALIDATION', `the body is not valid JSON (${(err as Error).message}); send ${what}`, { reason: 'body_not_json' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new LedeError('VALIDATION', `the body must be a JSON object: ${what}`, { reason: 'body_not_json' });
  }
  if (opts.rawText) return body as Record<string, unknown>;
  const issues = brokenTextIssues(body);
  if (issues.length) {
    throw new LedeError('VALIDATION', `${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
  }
  // One normal form for all text from here on (NFC), so the same words compare, search and slug alike.
  body = normalizeText(body);
  return body as Record<string, unknown>;
}

/**
 * The body limit, enforced while the body streams in and without buffering
 * it: a declared Content-Length over the limit is refused before a byte is
 * read (Node's parser holds a body to its Content-Length, so a lying one
 * cannot send more); otherwise, as with a chunked body, the body is passed on
 * through a counter that fails the read with the 413 as soon as one byte too
 * many arrives. Whoever reads the body (a form parse, the JSON reader, an
 * upload) so holds at most the limit, and a request whose body is never read
 * costs nothing.
 */
export function limitBody(maxBytes: number) {
  return async (c: Context, next: () => Promise<void>): Promise<void> => {
    const headers = c.req.raw.headers;
    const declared = headers.get('content-length');
    // Decided from the header alone, before the body is touched (the HTTP layer then reads and drops what was sent).
    if (declared !== null && !headers.has('transfer-encoding')) {
      const n = Number(declared);
      if (!Number.isSafeInteger(n) || n < 0 || n > maxBytes) throw bodyTooLarge(maxBytes);
    }
    const raw = c.req.raw;
    if (!raw.body) return next();
    const source = raw.body.getReader();
    let seen = 0;
    let ended = false;
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) {
          ended = true;
          return controller.close();
        }
        seen += value.byteLength;
        if (seen > maxBytes) {
          ended = true;
          controller.error(bodyTooLarge(maxBytes));
          void discard(source);
          return;
        }
        controller.enqueue(value);
      },
      cancel: () => {
        ended = true;
        void discard(source);
      },
    });
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // Answered without reading all of the body (a 401, a 404, a refusal before the form was read): drop the rest too.
    if (!ended) {
      ended = true;
      void discard(source);
    }
  };
}

/** How much of a refused body is still read (and dropped) so the connection can carry the next request. */
const DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Reads the rest of a refused body and drops it, up to DISCARD_BYTES: a client
 * that sent a body a little too large gets its 413 on a connection it may keep
 * using (an unread rest would make the server close it under the client's
 * next request, or reset it before the 413 is read). Beyond that the reading
 * stops and the HTTP layer closes the connection after the answer.
 */
async function discard(source: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let dropped = 0;
  try {
    while (dropped <= DISCARD_BYTES) {
      const { done, value } = await source.read();
      if (done) return;
      dropped += value.byteLength;
    }
  } catch {
    // The client went away: nothing left to drop.
  }
}

/** The 413 of a body over an endpoint's limit. */
export function bodyTooLarge(limit: number): LedeError {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return new LedeError('PAYLOAD_TOO_LARGE', `the request body is larger than ${size}; send less`, { reason: 'body_too_large', params: { max: limit } });
}

export class EndpointRegistry {
  readonly endpoints: RegisteredEndpoint[] = [];

  constructor(private readonly app: Hono, private readonly guard: (permission: Requirement, kind: 'api' | 'page') => (c: Context, next: () => Promise<void>) => Promise<Response | void>) {}

  add<P, Q, B>(spec: EndpointSpec<P, Q, B>): void {
    const permission = (spec as Partial<EndpointSpec>).permission;
    if (permission === undefined || !KNOWN.has(permission)) {
      throw new Error(`endpoint ${spec.method} ${spec.path} declares no known permission (got ${JSON.stringify(permission)}); every newsroom endpoint must name one`);
    }
    if (this.endpoints.some((e) => e.method === spec.method && e.path === spec.path)) {
      throw new Error(`endpoint ${spec.method} ${spec.path} is registered twice`);
    }
    const maxBodyBytes = spec.maxBodyBytes ?? (spec.kind === 'api' ? MAX_JSON_BYTES : MAX_FORM_BYTES);
    const cache = spec.cache ?? 'no-store';
    this.endpoints.push({
      method: spec.method, path: spec.path, permission, kind: spec.kind, maxBodyBytes, status: spec.status ?? 200, cache,
      ...(spec.summary && { summary: spec.summary }),
      input: { ...(spec.input?.params && { params: spec.input.params }), ...(spec.input?.query && { query: spec.input.query }), ...(spec.input?.body && { body: spec.input.body }) },
    });
    const limit = limitBody(maxBodyBytes);
    const input = spec.input;
    // The limit comes first: not even the guard's CSRF check (which may read a form) reads more than the endpoint declares.
    this.app.on(spec.method, spec.path, limit, this.guard(permission, spec.kind), async (c) => {
      // Text in the address and the query is checked like a body's, whether or not a schema reads it (pages read some themselves).
      assertTextSound(c.req.param(), 'the address');
      assertTextSound(c.req.queries(), 'the query');
      if (spec.kind === 'page' && FORM_TYPE.test(c.req.header('content-type') ?? '')) {
        // parseBody reads the body through the limit (an oversized one fails with the 413) and keeps its FormData,
        // which formData() then hands out: the handler's parseBody() sees these fields, checked and in NFC.
        await c.req.parseBody();
        checkFormText(await c.req.formData());
      }
      const parsed: Input<P, Q, B> = {
        params: (input?.params ? parseInput(input.params, c.req.param(), 'the address') : c.req.param()) as P,
        query: (input?.query ? parseInput(input.query, c.req.query(), 'the query') : c.req.query()) as Q,
        body: (input?.body ? parseInput(input.body, await jsonBody(c, input.bodyName ?? 'the request'), input.bodyName ?? 'the request') : undefined) as B,
      };
      const res = await spec.handler(c as unknown as NewsroomContext, parsed);
      if (!res.headers.has('Cache-Control') && cache !== 'no-store') res.headers.set('Cache-Control', cache);
      return res;
    });
  }
}
