import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { LedeError } from '../content/index.js';
import { GLOBAL_PERMISSIONS, STORY_ACTIONS, type GlobalPermission, type StoryAction } from '../content/roles.js';
import type { NewsroomContext } from './context.js';
import { parseInput } from './input.js';

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
 * Largest form post a page reads unless it declares otherwise. The preview
 * form carries a whole story as JSON, which URL-encoding can make three times
 * as long as the API's 2 MB.
 */
export const MAX_FORM_BYTES = 6 * 1024 * 1024;

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
  const broken = opts.rawText ? [] : brokenTextPaths(body);
  if (broken.length) {
    const issues = broken.map((path) => ({ path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' as const }));
    throw new LedeError('VALIDATION', `${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
  }
  return body as Record<string, unknown>;
}

// NUL cannot be stored in PostgreSQL text, and a lone surrogate is no character at all: refused wherever they stand, at the door.
// eslint-disable-next-line no-control-regex
const BROKEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of every string (keys included) in a parsed JSON value that holds a NUL or a lone surrogate; at most 20. */
export function brokenTextPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (BROKEN_TEXT.test(value)) out.push(path || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => brokenTextPaths(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (BROKEN_TEXT.test(k)) out.push(at);
      else brokenTextPaths(v, at, out);
    }
  }
  return out;
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
    const limit = bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw bodyTooLarge(maxBodyBytes); } });
    const input = spec.input;
    // The limit comes first: not even the guard's CSRF check (which may read a form) buffers more than the endpoint declares.
    this.app.on(spec.method, spec.path, limit, this.guard(permission, spec.kind), async (c) => {
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
