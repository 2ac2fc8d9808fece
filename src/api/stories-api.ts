import { randomUUID } from 'node:crypto';
import {
  LedeError, STORY_STATUSES, formatIssues, isIsoDateTime, slugify, toZonedIso,
  type Block, type Story, type StoryStatus, type TickerEntryBlock,
} from '../content/index.js';
import { importPageText } from '../ingest/index.js';
import { decodeCursor, encodeCursor, listNewsroomStories, NEWSROOM_QUERY_MAX, PICTURE_RIGHTS } from '../store/newsroom-queries.js';
import { RevisionRepository, StoryRepository, isUuid } from '../store/index.js';
import { listAudit } from '../store/audit-repository.js';
import { TRANSITIONS, transitionNeeds, type Actor } from '../services/roles.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { CORRECTION_MAX, draftOf } from '../services/story-service.js';
import {
  actorRole, api, assertMay, etagOf, ifMatchVersion, previewStory, readInstant, readJson, readText,
  berlinDayBound, seesOwnStoriesOnly, storyFor, validDraft, versionConflict,
} from './api-support.js';

/**
 * The stories part of the newsroom API (docs/newsroom-api.md, "Stories"):
 * list, create, read, save with If-Match, workflow moves, depublish time,
 * ticker entries, revisions, restore, preview, the story's audit entries and
 * the page-text import. Every handler checks the story against the caller
 * (own/any) after the registry's role check; contributors get 404 for stories
 * that are not theirs.
 */

const BASE = '/newsroom/api/stories';
/** Largest page text the import takes. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const DEFAULT_PAGE = 50;
/** Ticker entries are appended to the newest version; after this many lost races we give up (409). */
const TICKER_ATTEMPTS = 20;

/** The story answer: the story, with its version as ETag. */
function storyAnswer(c: NewsroomContext, story: Story, status: 200 | 201 = 200, extra: Record<string, unknown> = {}): Response {
  c.header('ETag', etagOf(story.version));
  return c.json(Object.keys(extra).length ? { ...story, ...extra } : story, status);
}

/**
 * The story as the caller edited it: visible, with the action allowed, at the
 * version the caller names. A caller behind the stored version gets the 412
 * at once (versions only grow, so that write could never succeed); the write
 * itself is still checked atomically by the service.
 */
async function loadForWrite(c: NewsroomContext, deps: NewsroomDeps, action: Parameters<typeof assertMay>[1], yours: unknown): Promise<{ story: Story; actor: Actor; expected: number }> {
  const actor = actorRole(c);
  const expected = ifMatchVersion(c);
  const story = await storyFor(c, deps, c.req.param('id') ?? '', action);
  if (expected !== story.version) throw versionConflict(story, yours, expected);
  return { story, actor, expected };
}

/** Runs a versioned write; a lost race becomes the 412 with both versions. */
async function versioned(c: NewsroomContext, deps: NewsroomDeps, id: string, expected: number, yours: unknown, write: () => Promise<Story>): Promise<Story> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof LedeError && err.code === 'VERSION_CONFLICT') {
      const current = await new StoryRepository(deps.db).get(id);
      if (current) throw versionConflict(current, yours, expected);
    }
    throw err;
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (bad.length) {
    throw new LedeError('VALIDATION', `${field} "${bad.join(', ')}" is not one of ${allowed.join(', ')}`, { issues: [{ path: field, message: `one of ${allowed.join(', ')}` }] });
  }
  return parts as T[];
}

/** A date bound of the list: an ISO date-time, or a day (YYYY-MM-DD, Berlin) — `to` days count whole. */
function dateBound(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIsoDateTime(value)) return value;
  const bound = berlinDayBound(value, field === 'to');
  if (bound) return bound;
  throw new LedeError('VALIDATION', `${field} must be a day (2026-11-25) or a date and time with offset (2026-11-25T14:00:00+01:00)`, { issues: [{ path: field, message: 'not a date' }] });
}

/** The moves open from `from`, for the 422 of a move that does not exist. */
function movesFrom(from: StoryStatus): string {
  const to = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
  return to.length ? to.join(', ') : 'none';
}

/** Paragraph blocks from plain text: blank lines separate paragraphs. */
function paragraphs(text: string): Block[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean)
    .map((p) => ({ type: 'paragraph', content: [{ text: p }] }));
}

/** Where a new entry goes in a ticker kept newest first: before the first entry not newer than it. */
function insertEntry(body: Block[], entry: TickerEntryBlock): Block[] {
  const at = Date.parse(entry.time);
  let index = body.findIndex((b) => b.type === 'ticker-entry' && Date.parse(b.time) <= at);
  if (index < 0) {
    const lastEntry = body.map((b) => b.type).lastIndexOf('ticker-entry');
    index = lastEntry < 0 ? 0 : lastEntry + 1;
  }
  return [...body.slice(0, index), entry, ...body.slice(index)];
}

export function registerStoriesApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const { stories } = deps;

  registry.add({
    method: 'GET', path: BASE, permission: 'story.list', kind: 'api',
    handler: api(async (c) => {
      const actor = actorRole(c);
      const q = (name: string) => c.req.query(name)?.trim() || undefined;
      const limitRaw = q('limit');
      const limit = limitRaw === undefined ? DEFAULT_PAGE : Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
        throw new LedeError('VALIDATION', 'limit must be a whole number from 1 to 200', { issues: [{ path: 'limit', message: '1 to 200' }] });
      }
      const text = q('q');
      if (text && text.length > NEWSROOM_QUERY_MAX) {
        throw new LedeError('VALIDATION', `the search text is longer than ${NEWSROOM_QUERY_MAX} characters`, { issues: [{ path: 'q', message: `at most ${NEWSROOM_QUERY_MAX} characters` }] });
      }
      const author = q('author');
      const section = q('section');
      const cursor = q('cursor');
      // Contributors list their own stories only, whatever they ask for.
      const ownOnly = seesOwnStoriesOnly(actor);
      const askedOwner = author && isUuid(author) ? author : undefined;
      if (ownOnly && askedOwner && askedOwner !== actor.id) return c.json({ items: [] });
      const statuses = oneOf(q('status'), STORY_STATUSES, 'status');
      const from = dateBound(q('from'), 'from');
      const to = dateBound(q('to'), 'to');
      const pictures = oneOf(q('pictures'), PICTURE_RIGHTS, 'pictures');
      if (pictures && pictures.length > 1) throw new LedeError('VALIDATION', 'pictures takes one value: lapsed or expiring', { issues: [{ path: 'pictures', message: 'lapsed or expiring' }] });
      const page = await listNewsroomStories(deps.db, {
        ...(pictures?.[0] && { pictures: pictures[0] }),
        ...(deps.media && { now: deps.media.clock() }),
        ...(statuses && { statuses }),
        ...(section && { sectionSlug: slugify(section) }),
        ...(q('topic') && { topic: q('topic') }),
        ...((ownOnly || askedOwner) && { ownerId: ownOnly ? actor.id : askedOwner }),
        ...(author && !askedOwner && { authorSlug: slugify(author) }),
        ...(text && { q: text }),
        ...(from && { from }),
        ...(to && { to }),
        ...(cursor && { after: decodeCursor(cursor) }),
        limit,
      });
      return c.json({ items: page.items, ...(page.next && { next: encodeCursor(page.next) }) });
    }),
  });

  registry.add({
    method: 'POST', path: BASE, permission: 'story.create', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, 'a story draft (kind, headline, body, …)');
      const story = await stories.create(body, { actor: actorOf(c), status: 'draft' });
      c.header('Location', `${BASE}/${story.id}`);
      return storyAnswer(c, story, 201);
    }),
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id`, permission: 'story.view', kind: 'api',
    handler: api(async (c) => storyAnswer(c, await storyFor(c, deps, c.req.param('id') ?? ''))),
  });

  registry.add({
    method: 'PUT', path: `${BASE}/:id`, permission: 'story.edit', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"story": draft, "correction"?: "note"}');
      const draft = body.story;
      if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) {
        throw new LedeError('VALIDATION', 'send {"story": draft} (the story under "story"), with "correction" beside it for a public correction', { issues: [{ path: 'story', message: 'required: the edited story' }] });
      }
      const correction = body.correction;
      if (correction !== undefined && correction !== null && typeof correction !== 'string') {
        throw new LedeError('VALIDATION', 'correction must be the public note as text', { issues: [{ path: 'correction', message: 'must be text' }] });
      }
      // Validation first: an invalid draft is a 422 whatever the version.
      validDraft(draft);
      const { story, actor, expected } = await loadForWrite(c, deps, 'story.edit', draft);
      const note = typeof correction === 'string' ? correction : undefined;
      if (note !== undefined) {
        assertMay(actor, 'story.correct', story);
        if (story.status !== 'published') {
          throw new LedeError('VALIDATION', `only a published story can be corrected; this one is ${story.status}: just save the change`, { issues: [{ path: 'correction', message: 'only for published stories' }] });
        }
        if (!note.trim() || note.trim().length > CORRECTION_MAX) {
          throw new LedeError('VALIDATION', `the correction note is required and at most ${CORRECTION_MAX} characters`, { issues: [{ path: 'correction', message: `1 to ${CORRECTION_MAX} characters` }] });
        }
      }
      const saved = await versioned(c, deps, story.id, expected, draft, () => stories.update(story.id, draft, {
        expectedVersion: expected, actor: actorOf(c), ...(note !== undefined && { correction: note }),
      }));
      return storyAnswer(c, saved);
    }),
  });

  // The registry checks that the role may move stories at all; which move needs what is decided per move below.
  registry.add({
    method: 'POST', path: `${BASE}/:id/transitions`, permission: 'story.submit', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"to": "in_review" | "draft" | "scheduled" | "published" | "depublished", "at"?: time}');
      const to = body.to;
      if (typeof to !== 'string' || !(STORY_STATUSES as readonly string[]).includes(to)) {
        throw new LedeError('VALIDATION', `"to" must be one of ${STORY_STATUSES.join(', ')}`, { issues: [{ path: 'to', message: `one of ${STORY_STATUSES.join(', ')}` }] });
      }
      const target = to as StoryStatus;
      const actor = actorRole(c);
      const expected = ifMatchVersion(c);
      const story = await storyFor(c, deps, c.req.param('id') ?? '');
      const needs = transitionNeeds(story.status, target);
      if (!needs) {
        throw new LedeError('VALIDATION', `a ${story.status} story cannot be moved to ${target}; from ${story.status} the moves are: ${movesFrom(story.status)}`, { issues: [{ path: 'to', message: `from ${story.status}: ${movesFrom(story.status)}` }] });
      }
      assertMay(actor, needs, story);
      let at: Date | undefined;
      if (target === 'scheduled') {
        if (body.at === undefined || body.at === null) {
          if (!story.embargoUntil || Date.parse(story.embargoUntil) <= Date.now()) {
            throw new LedeError('VALIDATION', 'scheduling needs "at": the time the story goes live', { issues: [{ path: 'at', message: 'required for scheduled' }] });
          }
          at = new Date(story.embargoUntil);
        } else {
          at = readInstant(body.at, 'at');
          if (at.getTime() <= Date.now()) {
            throw new LedeError('VALIDATION', '"at" is in the past; to publish now, move the story to published', { issues: [{ path: 'at', message: 'must be in the future' }] });
          }
        }
      } else if (body.at !== undefined && body.at !== null) {
        throw new LedeError('VALIDATION', `"at" is only for moves to scheduled (this move is to ${target})`, { issues: [{ path: 'at', message: 'only with "to": "scheduled"' }] });
      }
      if (expected !== story.version) throw versionConflict(story, body, expected);
      const opts = { expectedVersion: expected, actor: actorOf(c) };
      const moved = await versioned(c, deps, story.id, expected, body, () => {
        switch (target) {
          case 'published': return stories.publish(story.id, opts);
          case 'scheduled': return stories.schedule(story.id, at!, opts);
          case 'depublished': return stories.depublish(story.id, opts);
          default: return stories.setStatus(story.id, target, opts);
        }
      });
      return storyAnswer(c, moved);
    }),
  });

  registry.add({
    method: 'PUT', path: `${BASE}/:id/depublish-at`, permission: 'story.depublish', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"at": time or null}');
      if (!('at' in body)) throw new LedeError('VALIDATION', 'send {"at": time} to set the takedown time or {"at": null} to clear it', { issues: [{ path: 'at', message: 'required (a time or null)' }] });
      const at = body.at === null ? undefined : readInstant(body.at, 'at');
      if (at && at.getTime() <= Date.now()) {
        throw new LedeError('VALIDATION', '"at" is in the past; to take the story down now, move it to depublished', { issues: [{ path: 'at', message: 'must be in the future' }] });
      }
      const { story, expected } = await loadForWrite(c, deps, 'story.depublish', body);
      if (story.status === 'depublished') {
        throw new LedeError('VALIDATION', 'the story is already taken down; a takedown time is for stories that are or will be published', { issues: [{ path: 'at', message: 'story is depublished' }] });
      }
      const saved = await versioned(c, deps, story.id, expected, body, () => stories.scheduleDepublish(story.id, at, { expectedVersion: expected, actor: actorOf(c) }));
      return storyAnswer(c, saved);
    }),
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/ticker-entries`, permission: 'story.edit', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"text": "…", "title"?: "…", "time"?: time}');
      const issues: Array<{ path: string; message: string }> = [];
      const text = typeof body.text === 'string' ? body.text : '';
      const title = typeof body.title === 'string' ? body.title.trim() : undefined;
      if (body.text !== undefined && typeof body.text !== 'string') issues.push({ path: 'text', message: 'must be text' });
      if (body.title !== undefined && typeof body.title !== 'string') issues.push({ path: 'title', message: 'must be text' });
      if (body.time !== undefined && body.time !== null && !isIsoDateTime(body.time)) issues.push({ path: 'time', message: 'must be a date and time with offset' });
      const blocks = paragraphs(text);
      if (!blocks.length && !title && !issues.length) issues.push({ path: 'text', message: 'an entry needs text (or at least a title)' });
      if (issues.length) throw new LedeError('VALIDATION', `the ticker entry is invalid: ${formatIssues(issues)}`, { issues });
      const entry: TickerEntryBlock = {
        type: 'ticker-entry',
        id: randomUUID(),
        time: typeof body.time === 'string' ? body.time : toZonedIso(new Date()),
        ...(title && { title }),
        body: blocks,
      };
      const id = c.req.param('id') ?? '';
      // Entries commute: on a lost race, put the entry on the newer version and try again.
      for (let attempt = 1; ; attempt++) {
        const story = await storyFor(c, deps, id, 'story.edit');
        if (story.kind !== 'liveticker') {
          throw new LedeError('VALIDATION', `ticker entries are only for live tickers; this story is a ${story.kind}`, { issues: [{ path: 'kind', message: 'not a liveticker' }] });
        }
        try {
          const saved = await stories.update(story.id, { ...draftOf(story), body: insertEntry(story.body, entry) }, {
            expectedVersion: story.version, actor: actorOf(c), note: 'ticker entry',
          });
          return storyAnswer(c, saved, 201, { entryId: entry.id });
        } catch (err) {
          if (err instanceof LedeError && err.code === 'VERSION_CONFLICT' && attempt < TICKER_ATTEMPTS) {
            // Someone saved in between: a short random pause spreads out writers who lost together.
            await new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(attempt, 4)));
            continue;
          }
          if (err instanceof LedeError && err.code === 'VERSION_CONFLICT') {
            throw new LedeError('CONFLICT', 'the ticker is being changed very often right now and the entry could not be added; send it again');
          }
          throw err;
        }
      }
    }),
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/revisions`, permission: 'story.view', kind: 'api',
    handler: api(async (c) => {
      const story = await storyFor(c, deps, c.req.param('id') ?? '');
      return c.json(await new RevisionRepository(deps.db).list(story.id));
    }),
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/revisions/:version`, permission: 'story.view', kind: 'api',
    handler: api(async (c) => {
      const story = await storyFor(c, deps, c.req.param('id') ?? '');
      const raw = c.req.param('version') ?? '';
      const version = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
      const old = Number.isInteger(version) ? await new RevisionRepository(deps.db).get(story.id, version) : undefined;
      if (!old) throw new LedeError('NOT_FOUND', `story ${story.id} has no version ${raw} (it is at version ${story.version})`);
      return c.json(old);
    }),
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/restore`, permission: 'story.edit', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"version": n}');
      const version = body.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        throw new LedeError('VALIDATION', '"version" must be the number of the version to bring back', { issues: [{ path: 'version', message: 'a version number' }] });
      }
      const { story, expected } = await loadForWrite(c, deps, 'story.edit', body);
      if (!(await new RevisionRepository(deps.db).get(story.id, version))) {
        throw new LedeError('NOT_FOUND', `story ${story.id} has no version ${version} (it is at version ${story.version})`);
      }
      const restored = await versioned(c, deps, story.id, expected, body, () => stories.restore(story.id, version, { expectedVersion: expected, actor: actorOf(c) }));
      return storyAnswer(c, restored);
    }),
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/preview`, permission: 'story.view', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, 'the draft to preview');
      // The draft itself, or {"story": draft} as PUT takes it.
      const input = typeof body.story === 'object' && body.story !== null && body.headline === undefined ? body.story : body;
      const stored = await storyFor(c, deps, c.req.param('id') ?? '');
      const html = await deps.previewHtml(previewStory(input, stored));
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Robots-Tag': 'noindex, nofollow',
        'X-Lede-Preview': stored.id,
      });
    }),
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/audit`, permission: 'story.view', kind: 'api',
    handler: api(async (c) => {
      const story = await storyFor(c, deps, c.req.param('id') ?? '');
      const limit = Number(c.req.query('limit') ?? 200);
      return c.json(await listAudit(deps.db, { storyId: story.id, limit: Number.isInteger(limit) ? limit : 200 }));
    }),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/import', permission: 'story.create', kind: 'api', maxBodyBytes: MAX_IMPORT_BYTES + 64 * 1024,
    handler: api(async (c) => {
      const type = c.req.header('content-type') ?? '';
      let text: string;
      let source: string | undefined;
      if (/^text\/plain\b/i.test(type)) {
        text = await readText(c);
        if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new LedeError('PAYLOAD_TOO_LARGE', `the page text is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { reason: 'body_too_large', params: { max: MAX_IMPORT_BYTES } });
      } else if (/^application\/json\b/i.test(type)) {
        const body = await readJson(c, '{"text": page text, "source"?: file name}');
        if (typeof body.text !== 'string') throw new LedeError('VALIDATION', 'send the page text as {"text": "…"}', { issues: [{ path: 'text', message: 'required: the page text' }] });
        if (Buffer.byteLength(body.text) > MAX_IMPORT_BYTES) throw new LedeError('PAYLOAD_TOO_LARGE', `the page text is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { reason: 'body_too_large', params: { max: MAX_IMPORT_BYTES } });
        text = body.text;
        if (typeof body.source === 'string' && body.source.trim()) source = body.source.trim().slice(0, 500);
      } else {
        throw new LedeError('VALIDATION', `send the page text as text/plain or as {"text": "…"} in application/json (got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'})`);
      }
      if (!text.trim()) throw new LedeError('VALIDATION', 'the page text is empty; paste or upload the text of a page', { issues: [{ path: 'text', message: 'empty' }] });
      // The importer's failures are IMPORT_FAILED (422) with its own message.
      const result = importPageText(text, source ? { source } : {});
      const story = await stories.create(result.draft, { actor: actorOf(c), status: 'draft' });
      c.header('Location', `${BASE}/${story.id}`);
      return storyAnswer(c, story, 201, { warnings: result.warnings });
    }),
  });
}
