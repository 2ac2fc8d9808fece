import { z } from 'zod';
import { FORMAT_NAMES, FORMAT_TYPES, type PublicFormat } from './public-route.js';
import type { RegisteredRoute } from './public-registry.js';
import { FORMAT_PARAM } from './public-negotiation.js';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route declarations
 * (the same zod schemas that check requests): never a hand-kept copy. Each
 * parameter's schema is zod's JSON Schema (2020-12, OpenAPI 3.1's dialect).
 */

export interface DocumentOptions {
  siteUrl: string;
  siteName: string;
}

/** "/api/v1/stories/:idOrSlug" → "/api/v1/stories/{idOrSlug}". */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

/** The parameter's JSON Schema, as zod gives it for what the server accepts, without the `$schema` line. */
export function parameterSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'reason', 'message'],
      properties: {
        code: { type: 'string', description: 'The class of the error (BAD_REQUEST, NOT_FOUND, GONE, NOT_ACCEPTABLE, RATE_LIMITED, …).' },
        reason: { type: 'string', description: 'What exactly went wrong, stable across rewordings (unknown_parameter, bad_parameter, broken_text, …).' },
        message: { type: 'string', description: 'What to change, in words.' },
        parameter: { type: 'string', description: 'The parameter a 400 is about.' },
        formats: { type: 'array', items: { type: 'string' }, description: 'The formats a 406 offers.' },
      },
    },
    id: { type: 'string', description: 'A 410: the depublished story\'s id.' },
    status: { type: 'string', const: 'depublished', description: 'A 410: what became of the story.' },
  },
} as const;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const SUCCESS_HEADERS = {
  ETag: { description: 'Validator of this answer: send it back as If-None-Match for a 304.', schema: { type: 'string' } },
  'Cache-Control': { description: 'How long browsers (max-age) and shared caches (s-maxage) may keep the answer.', schema: { type: 'string' } },
  'Surrogate-Key': { description: 'Space-separated keys (story:…, section:…, topic:…, feeds, search, programme, asset:…) a CDN purges by, the same as the site\'s pages.', schema: { type: 'string' } },
};

/** A content type per format; two ninjs versions share one media type and differ by its `version` parameter. */
function contentFor(formats: readonly PublicFormat[], description200: string): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const f of formats) {
    const type = f === 'ninjs-2.2' ? `${FORMAT_TYPES[f]}; version=2.2` : FORMAT_TYPES[f];
    content[type] = { schema: f === 'newsml' ? { type: 'string', description: FORMAT_NAMES[f] } : { type: 'object', description: `${FORMAT_NAMES[f]}. ${description200}` } };
  }
  return content;
}

export function openApiDocument(routes: readonly RegisteredRoute[], opts: DocumentOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: Record<string, unknown>[] = [];
    for (const [name, s] of Object.entries(r.params?.shape ?? {})) {
      parameters.push({ name, in: 'path', required: true, description: (s as z.ZodType).description ?? name, schema: parameterSchema(s as z.ZodType) });
    }
    for (const [name, s] of Object.entries(r.query?.shape ?? {})) {
      const schema = s as z.ZodType;
      parameters.push({
        name, in: 'query', required: !schema.safeParse(undefined).success, description: schema.description ?? name, schema: parameterSchema(schema),
      });
    }
    const formatValues = Object.entries(FORMAT_PARAM).filter(([, f]) => r.formats.includes(f)).map(([v]) => v);
    parameters.push({
      name: 'format', in: 'query', required: false,
      description: `The answer's format, instead of an Accept header: ${r.formats.map((f) => `${f} (${FORMAT_NAMES[f]})`).join(', ')}. Default ${r.formats[0]}.`,
      schema: { type: 'string', enum: formatValues },
    });
    const responses: Record<string, unknown> = {
      200: { description: r.description200, headers: SUCCESS_HEADERS, content: contentFor(r.formats, r.description200) },
      304: { description: 'Not modified: the If-None-Match named this answer\'s ETag.' },
      400: { $ref: '#/components/responses/BadRequest' },
    };
    for (const e of r.errors ?? []) responses[e.status] = errorResponse(e.description);
    responses[406] = { $ref: '#/components/responses/NotAcceptable' };
    responses[429] = { $ref: '#/components/responses/TooManyRequests' };
    responses[503] = { $ref: '#/components/responses/Unavailable' };
    paths[openApiPath(r.path)] = {
      get: {
        operationId: operationId(r.path), summary: r.summary, ...(r.description && { description: r.description }), tags: [r.tag],
        parameters, responses,
      },
    };
  }
  paths['/api/v1/openapi.json'] = {
    get: {
      operationId: 'openApiDocument', summary: 'This OpenAPI 3.1 document', tags: ['Reference'],
      responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  paths['/api/v1/docs'] = {
    get: {
      operationId: 'referencePage', summary: 'The human-readable reference (HTML), made from the same declarations', tags: ['Reference'],
      responses: { 200: { description: 'The reference page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: `${opts.siteName} content API`,
      version: '1.0.0',
      description: 'Public stories by machine: Lede JSON, ninjs 3.1 and 2.2, NewsML-G2 2.35. Only what readers may see: drafts, scheduled and '
        + 'embargoed stories do not exist here; a depublished story answers 410 with its id; pictures whose rights have lapsed are absent from every format. '
        + 'Choose the format with Accept or ?format=. An API key (Authorization: Bearer <key>) is optional: without one a small anonymous quota applies.',
    },
    servers: [{ url: opts.siteUrl }],
    // Anonymous ({}) or with a key: both are allowed.
    security: [{}, { apiKey: [] }],
    tags: [...new Set([...routes.map((r) => r.tag), 'Reference'])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from the newsroom (admins create them), sent as `Authorization: Bearer <key>`. Optional.' },
      },
      schemas: { Error: ERROR_SCHEMA },
      responses: {
        BadRequest: errorResponse('A parameter is unknown, repeated, malformed or holds a NUL or an unpaired surrogate; `error.parameter` names it.'),
        NotAcceptable: errorResponse('The format asked for (Accept or ?format=) is not offered by this resource; `error.formats` lists those that are.'),
        TooManyRequests: {
          ...errorResponse('The key\'s (or the anonymous) quota is used up; wait as Retry-After says.'),
          headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
        },
        Unavailable: {
          ...errorResponse('Busy (`BUSY`: too many uncached answers at once) or the database does not answer (`UNAVAILABLE`); try again as Retry-After says.'),
          headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
        },
      },
    },
  };
}

function operationId(path: string): string {
  const words = path.replace(/^\/api\/v1\//, '').split('/').map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return words.join('-').replace(/-([a-zA-Z])/g, (_, ch: string) => ch.toUpperCase());
}
