import { z } from 'zod';
import { LedeError } from '../content/index.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, oneOf, parseInput, queryInt, queryText } from '../http/input.js';
import type { IngestOutcome } from '../services/wire-desk.js';
import { WIRE_PAGE_MAX, type WireListEntry, type WireListFilter } from '../store/wire-queries.js';
import { WIRE_STATUSES } from '../store/wire-desk-page-queries.js';

// The desk's pages (admin may not reach into ingest) take the agency item's shape and category schemes from here.
export { WIRE_CATEGORY_SCHEMES, type WireAssociation, type WireItem } from '../ingest/agency/wire-item.js';

/**
 * The wire desk's JSON API under /newsroom/api/wire: the same permissions as
 * its pages (wire.view to read, wire.take to take over, wire.manage for
 * sources, rules and retrying dead letters). The live desk polls the items
 * list with `after`, the newest item it has seen.
 */

/** The longest search text a filter takes (the desk's query refuses more; the page cuts it instead). */
export const WIRE_Q_MAX = 200;

/** The desk list's query, shared by the page (GET form) and the API. */
export const wireListQuery = z.object({
  source: queryText(64),
  urgency: z.preprocess((v) => (v === '' ? undefined : v), z.union([z.literal('eil'), z.string().regex(/^[1-9]$/, { error: 'urgency must be "eil" or a number from 1 to 9' })]).optional()),
  desk: queryText(200),
  category: queryText(200),
  geo: queryText(200),
  status: z.preprocess((v) => (v === '' ? undefined : v), oneOf(WIRE_STATUSES).optional()),
  q: queryText(WIRE_Q_MAX),
  cursor: queryText(1000),
  after: queryText(200),
  limit: queryInt(1, WIRE_PAGE_MAX, 50),
});
export type WireListQuery = z.infer<typeof wireListQuery>;

/** The service's filter from a checked query (without cursor and order). */
export function wireFilter(q: WireListQuery): WireListFilter {
  return {
    ...(q.source && { source: q.source }),
    ...(q.urgency && { urgency: q.urgency === 'eil' ? 'eil' as const : Number(q.urgency) }),
    ...(q.desk && { desk: q.desk }),
    ...(q.category && { category: q.category }),
    ...(q.geo && { geo: q.geo }),
    ...(q.status && { status: q.status }),
    ...(q.q && { q: q.q }),
  };
}

// ---------------------------------------------------------------- the live poll

/** Where the live desk stands: the (received time, id) of the newest item it shows. */
export interface WireMark {
  r: string;
  i: string;
}

/** An ISO instant with its fraction padded to nine digits, so two of them compare as text ("…:05Z" and "…:05.5Z" do not). */
function sortable(iso: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : iso;
}

export function encodeMark(e: Pick<WireListEntry, 'receivedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify({ r: e.receivedAt, i: e.id })).toString('base64url');
}

export function decodeMark(s: string): WireMark {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    m = undefined;
  }
  const ok = typeof m === 'object' && m !== null && typeof (m as WireMark).r === 'string' && !Number.isNaN(Date.parse((m as WireMark).r))
    && typeof (m as WireMark).i === 'string' && /^[0-9a-f-]{36}$/i.test((m as WireMark).i);
  if (!ok) throw new LedeError('VALIDATION', 'after must be the "newest" mark a list answer handed out; reload the desk', { reason: 'bad_cursor' });
  return m as WireMark;
}

/** True when `e` arrived after the mark (received time, then id: the list's own order). */
export function isNewer(e: Pick<WireListEntry, 'receivedAt' | 'id'>, mark: WireMark): boolean {
  const a = sortable(e.receivedAt);
  const b = sortable(mark.r);
  return a > b || (a === b && e.id > mark.i);
}

/**
 * What arrived after `after`, newest first: the newest page under the same
 * filter, cut at the mark (new items and new versions of older ones both
 * come first in that order). `more` says a whole page was new: the desk then
 * asks the editor to reload rather than guessing at what lies between.
 */
export async function newerItems(deps: NewsroomDeps, filter: WireListFilter, after: string, limit: number): Promise<{ items: WireListEntry[]; more: boolean }> {
  const mark = decodeMark(after);
  const page = await deps.services.wire.list({ ...filter, limit });
  const items = page.items.filter((e) => isNewer(e, mark));
  return { items, more: items.length === page.items.length && page.next !== undefined };
}

/** The newest item's mark under a filter (the live desk starts from it), or a mark before everything. */
export async function newestMark(deps: NewsroomDeps, filter: WireListFilter): Promise<string> {
  const first = (await deps.services.wire.list({ ...filter, limit: 1 })).items[0];
  return encodeMark(first ?? { receivedAt: '1970-01-01T00:00:00Z', id: '00000000-0000-0000-0000-000000000000' });
}

/** An outcome of ingesting or retrying, for JSON: what happened to each item. */
export function outcomeJson(o: IngestOutcome) {
  return o;
}

const diffQuery = z.object({ from: queryInt(1, 2_000_000_000, 0), to: queryInt(1, 2_000_000_000, 0) });
const versionParams = z.object({ id: z.string().min(1), version: z.string().regex(/^\d{1,10}$/, { error: 'version must be a whole number' }) });
const sourceParams = z.object({ id: z.string().min(1).max(200) });
const anyObject = z.record(z.string(), z.unknown());
const deadQuery = z.object({ source: queryText(64), limit: queryInt(1, 500, 50), resolved: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['0', '1']).optional()) });

export function registerWireApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const wire = () => deps.services.wire;

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/items', permission: 'wire.view', kind: 'api',
    summary: 'Wire items, Eilmeldungen first unless `after` (the live poll: items newer than the mark, newest first); filters as on the desk',
    input: { query: wireListQuery },
    handler: async (c, { query }) => {
      const filter = wireFilter(query);
      if (query.after) {
        const { items, more } = await newerItems(deps, filter, query.after, query.limit);
        return c.json({ items, more, newest: items[0] ? encodeMark(items[0]) : query.after });
      }
      const page = await wire().list({ ...filter, eilFirst: true, limit: query.limit, ...(query.cursor && { cursor: query.cursor }) });
      return c.json({ ...page, newest: await newestMark(deps, filter) });
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/items/:id', permission: 'wire.view', kind: 'api',
    summary: 'One wire item: its current version as read (internal notes and usage terms included: desk only), versions and stories taken from it',
    input: { params: idParams },
    handler: async (c, { params }) => c.json(await wire().get(params.id)),
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/items/:id/diff', permission: 'wire.view', kind: 'api',
    summary: 'What changed between two versions of an item (?from=&to=)',
    input: { params: idParams, query: diffQuery },
    handler: async (c, { params, query }) => c.json(await wire().diff(params.id, query.from, query.to)),
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/items/:id/versions/:version', permission: 'wire.view', kind: 'api',
    summary: 'One stored version of an item as read',
    input: { params: versionParams },
    handler: async (c, { params }) => c.json(await wire().version(params.id, Number(params.version))),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/wire/items/:id/take', permission: 'wire.take', kind: 'api', status: 201,
    summary: 'Übernehmen: a draft story from the item\'s current version, owned by the caller; warnings say what was left out',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const { story, warnings } = await wire().take(params.id, actorOf(c));
      return c.json({ storyId: story.id, version: story.version, headline: story.headline, status: story.status, editor: `/newsroom/stories/${story.id}`, warnings }, 201);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/dead-letters', permission: 'wire.view', kind: 'api',
    summary: 'Deliveries that could not be read, newest first (?resolved=1 for the ones read later)',
    input: { query: deadQuery },
    handler: async (c, { query }) => c.json({
      items: await wire().deadLetters({ limit: query.limit, ...(query.source && { source: query.source }), ...(query.resolved === '1' && { resolved: true }) }),
    }),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/wire/dead-letters/:id/retry', permission: 'wire.manage', kind: 'api',
    summary: 'Reads a dead letter again (after the reader or the source was fixed)',
    input: { params: idParams },
    handler: async (c, { params }) => c.json({ outcomes: (await wire().retryDeadLetter(params.id)).map(outcomeJson) }),
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/sources', permission: 'wire.manage', kind: 'api',
    summary: 'Wire sources (push secrets are never shown: hasSecret says whether one is set)',
    handler: async (c) => c.json({ items: await wire().listSources() }),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/wire/sources', permission: 'wire.manage', kind: 'api', status: 201,
    summary: 'Creates a source (409 when the id is taken: change it with PUT)', input: { body: anyObject, bodyName: 'a wire source' },
    handler: async (c, { body }) => {
      const id = typeof body.id === 'string' ? body.id : '';
      if (id && (await wire().listSources()).some((s) => s.id === id)) {
        throw new LedeError('CONFLICT', `the source "${id}" exists already; change it with PUT /newsroom/api/wire/sources/${id}`, { reason: 'unspecified' });
      }
      return c.json(await wire().saveSource(body), 201);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/sources/:id', permission: 'wire.manage', kind: 'api', input: { params: sourceParams },
    summary: 'One source with its mapping rules',
    handler: async (c, { params }) => {
      const source = await wire().source(params.id);
      return c.json({ ...source, rules: await wire().rules(source.id) });
    },
  });

  registry.add({
    method: 'PUT', path: '/newsroom/api/wire/sources/:id', permission: 'wire.manage', kind: 'api',
    summary: 'Creates or replaces a source (the id in the address wins; no secret keeps the stored one)', input: { params: sourceParams, body: anyObject, bodyName: 'a wire source' },
    handler: async (c, { params, body }) => c.json(await wire().saveSource({ ...body, id: params.id })),
  });

  registry.add({
    method: 'DELETE', path: '/newsroom/api/wire/sources/:id', permission: 'wire.manage', kind: 'api', status: 204, input: { params: sourceParams },
    summary: 'Deletes a source without items (one with items: set active false instead)',
    handler: async (c, { params }) => {
      await wire().deleteSource(params.id);
      return c.body(null, 204);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/wire/sources/:id/rules', permission: 'wire.manage', kind: 'api', input: { params: sourceParams },
    summary: 'A source\'s mapping rules, in order',
    handler: async (c, { params }) => c.json({ rules: await wire().rules(params.id) }),
  });

  registry.add({
    method: 'PUT', path: '/newsroom/api/wire/sources/:id/rules', permission: 'wire.manage', kind: 'api',
    summary: 'Replaces a source\'s mapping rules: { "rules": [{ scheme, code | name, section?, topics? }] }',
    input: { params: sourceParams, body: z.object({ rules: z.array(z.unknown(), { error: 'rules must be a list' }) }), bodyName: '{"rules": […]}' },
    handler: async (c, { params, body }) => c.json({ rules: await wire().saveRules(params.id, body.rules) }),
  });
}

/** Checks a list query outside the registry (the page reads its GET form with it). */
export function parseWireListQuery(raw: Record<string, string>): WireListQuery {
  return parseInput(wireListQuery, raw, 'the filter');
}
