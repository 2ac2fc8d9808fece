import { LedeError, slugify, type Story } from '../content/index.js';
import { importPageText } from '../ingest/index.js';
import { decodeCursor, encodeCursor, listNewsroomStories, type NewsroomListFilter } from '../store/newsroom-queries.js';
import { getStory, listRevisions } from '../store/story-queries.js';
import { isUuid } from '../content/index.js';
import { listAudit } from '../store/audit-queries.js';
import { importWarningsOf } from '../store/import-warnings-queries.js';
import { dismissImportWarnings, withImportWarnings } from '../services/import-warnings.js';
import type { Actor } from '../content/roles.js';
import { moveNeeds } from '../services/story-workflow.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, parseInput } from '../http/input.js';
import {
  actorRole, assertMay, etagOf, ifMatchVersion, previewStory, readJson,
  seesOwnStoriesOnly, storyFor, validDraft, versionConflict,
} from './api-support.js';
import {
  draftBody, importBody, restoreBody, revisionParams, saveBody, storyAuditQuery, storyListQuery, takedownBody,
  tickerEntryBody, transitionBody, listFilter,
} from './story-inputs.js';

/**
 * The stories part of the newsroom API (docs/newsroom-api.md, "Stories"):
 * list, create, read, save with If-Match, workflow moves, depublish time,
 * ticker entries, revisions, restore, preview, the story's audit entries and
 * the page-text import. Input is declared (story-inputs.ts) and the rules live
 * in the StoryService; a handler checks the story against the caller
 * (own/any) after the registry's role check — contributors get 404 for
 * stories that are not theirs — and hands over.
 */

const BASE = '/newsroom/api/stories';
/** Largest page text the import takes. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

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
async function loadForWrite(c: NewsroomContext, deps: NewsroomDeps, id: string, action: Parameters<typeof assertMay>[1], yours: unknown): Promise<{ story: Story; actor: Actor; expected: number }> {
  const actor = actorRole(c);
  const expected = ifMatchVersion(c);
  const story = await storyFor(c, deps, id, action);
  if (expected !== story.version) throw versionConflict(story, yours, expected);
  return { story, actor, expected };
}

/** Runs a versioned write; a lost race becomes the 412 with both versions. */
async function versioned(deps: NewsroomDeps, id: string, expected: number, yours: unknown, write: () => Promise<Story>): Promise<Story> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof LedeError && err.code === 'VERSION_CONFLICT') {
      const current = await getStory(deps.db, id);
      if (current) throw versionConflict(current, yours, expected);
    }
    throw err;
  }
}

/** The page text of an import: text/plain as it is, or {"text", "source"?} as JSON. */
async function pageText(c: NewsroomContext): Promise<{ text: string; source?: string | undefined }> {
  const type = c.req.header('content-type') ?? '';
  let input: { text: string; source?: string | undefined };
  if (/^text\/plain\b/i.test(type)) input = { text: await c.req.text() };
  else if (/^application\/json\b/i.test(type)) {
    const what = '{"text": page text, "source"?: file name}';
    input = parseInput(importBody, await readJson(c, what, { rawText: true }), what);
  } else {
    throw new LedeError('VALIDATION', `send the page text as text/plain or as {"text": "…"} in application/json (got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'})`, { reason: 'wrong_content_type' });
  }
  if (Buffer.byteLength(input.text) > MAX_IMPORT_BYTES) {
    throw new LedeError('PAYLOAD_TOO_LARGE', `the page text is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { reason: 'body_too_large', params: { max: MAX_IMPORT_BYTES } });
  }
  if (!input.text.trim()) {
    throw new LedeError('VALIDATION', 'the page text is empty; paste or upload the text of a page', {
      reason: 'page_text_empty', issues: [{ path: 'text', message: 'empty', code: 'required' }],
    });
  }
  return input;
}

export function registerStoriesApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const { stories } = deps;

  registry.add({
    method: 'GET', path: BASE, permission: 'story.list', kind: 'api', summary: 'Stories, newest change first, filtered and paged',
    input: { query: storyListQuery },
    handler: async (c, { query }) => {
      const filter = listFilter(actorRole(c), query, deps.media?.clock());
      if (!filter) return c.json({ items: [] });
      const page = await listNewsroomStories(deps.db, filter);
      return c.json({ items: page.items, ...(page.next && { next: encodeCursor(page.next) }) });
    },
  });

  registry.add({
    method: 'POST', path: BASE, permission: 'story.create', kind: 'api', status: 201, summary: 'Create a draft',
    input: { body: draftBody, bodyName: 'a story draft (kind, headline, body, …)' },
    handler: async (c, { body }) => {
      const story = await stories.create(body, { actor: actorOf(c), status: 'draft' });
      c.header('Location', `${BASE}/${story.id}`);
      return storyAnswer(c, story, 201);
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id`, permission: 'story.view', kind: 'api', summary: 'One story, its version as ETag',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const story = await storyFor(c, deps, params.id);
      // The importer's notes are the newsroom's, not the story's: here, never in the content API or a revision.
      return storyAnswer(c, story, 200, { importWarnings: await importWarningsOf(deps.db, story.id) });
    },
  });

  registry.add({
    method: 'DELETE', path: `${BASE}/:id/import-warnings`, permission: 'story.edit', kind: 'api', status: 204,
    summary: 'Mark the importer\'s notes on a story as done (they are deleted)',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const story = await storyFor(c, deps, params.id, 'story.edit');
      // Idempotent: notes already dismissed (or never there) are a 204 as well.
      await dismissImportWarnings(deps.db, story.id);
      return c.body(null, 204);
    },
  });

  registry.add({
    method: 'PUT', path: `${BASE}/:id`, permission: 'story.edit', kind: 'api', summary: 'Save a story (If-Match), optionally as a public correction',
    input: { params: idParams, body: saveBody, bodyName: '{"story": draft, "correction"?: "note"}' },
    handler: async (c, { params, body }) => {
      // Validation first: an invalid draft is a 422 whatever the version.
      validDraft(body.story);
      const { story, actor, expected } = await loadForWrite(c, deps, params.id, 'story.edit', body.story);
      const correction = body.correction ?? undefined;
      if (correction !== undefined) assertMay(actor, 'story.correct', story);
      const saved = await versioned(deps, story.id, expected, body.story, () => stories.update(story.id, body.story, {
        expectedVersion: expected, actor: actorOf(c), ...(correction !== undefined && { correction }),
      }));
      return storyAnswer(c, saved);
    },
  });

  // The registry checks that the role may move stories at all; which move needs what is the workflow's (moveNeeds).
  registry.add({
    method: 'POST', path: `${BASE}/:id/transitions`, permission: 'story.submit', kind: 'api', summary: 'A workflow move (If-Match)',
    input: { params: idParams, body: transitionBody, bodyName: '{"to": "in_review" | "draft" | "scheduled" | "published" | "depublished", "at"?: time}' },
    handler: async (c, { params, body }) => {
      const expected = ifMatchVersion(c);
      const story = await storyFor(c, deps, params.id);
      assertMay(actorRole(c), moveNeeds(story.status, body.to), story);
      const at = body.at ? new Date(body.at) : undefined;
      return storyAnswer(c, await versioned(deps, story.id, expected, body,
        () => stories.transition(story.id, body.to, { at, expectedVersion: expected, actor: actorOf(c) })));
    },
  });

  registry.add({
    method: 'PUT', path: `${BASE}/:id/depublish-at`, permission: 'story.depublish', kind: 'api', summary: 'Set or clear the takedown time (If-Match)',
    input: { params: idParams, body: takedownBody, bodyName: '{"at": time or null}' },
    handler: async (c, { params, body }) => {
      const { story, expected } = await loadForWrite(c, deps, params.id, 'story.depublish', body);
      const at = body.at ? new Date(body.at) : undefined;
      return storyAnswer(c, await versioned(deps, story.id, expected, body,
        () => stories.planTakedown(story.id, at, { expectedVersion: expected, actor: actorOf(c) })));
    },
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/ticker-entries`, permission: 'story.edit', kind: 'api', status: 201,
    summary: 'Add a ticker entry on top of the newest version (no If-Match: entries commute)',
    input: { params: idParams, body: tickerEntryBody, bodyName: 'the ticker entry {"text": "…", "title"?: "…", "time"?: time}' },
    handler: async (c, { params, body }) => {
      const actor = actorRole(c);
      const story = await storyFor(c, deps, params.id, 'story.edit');
      // Checked again on every retry: the story may have gone live meanwhile.
      const { story: saved, entryId } = await stories.addTickerEntry(story.id, body, { actor: actorOf(c), check: (s) => assertMay(actor, 'story.edit', s) });
      return storyAnswer(c, saved, 201, { entryId });
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/revisions`, permission: 'story.view', kind: 'api', summary: 'The story\'s versions, newest first',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const story = await storyFor(c, deps, params.id);
      return c.json(await listRevisions(deps.db, story.id));
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/revisions/:version`, permission: 'story.view', kind: 'api', summary: 'The story at one version',
    input: { params: revisionParams },
    handler: async (c, { params }) => {
      const story = await storyFor(c, deps, params.id);
      return c.json(await stories.revision(story.id, params.version));
    },
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/restore`, permission: 'story.edit', kind: 'api', summary: 'Bring back an earlier version as a new one (If-Match)',
    input: { params: idParams, body: restoreBody, bodyName: '{"version": n}' },
    handler: async (c, { params, body }) => {
      const { story, expected } = await loadForWrite(c, deps, params.id, 'story.edit', body);
      return storyAnswer(c, await versioned(deps, story.id, expected, body,
        () => stories.restore(story.id, body.version, { expectedVersion: expected, actor: actorOf(c) })));
    },
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/preview`, permission: 'story.view', kind: 'api', summary: 'The reader page of a draft, not stored',
    input: { params: idParams, body: draftBody, bodyName: 'the draft to preview' },
    handler: async (c, { params, body }) => {
      // The draft itself, or {"story": draft} as PUT takes it.
      const input = typeof body.story === 'object' && body.story !== null && body.headline === undefined ? body.story : body;
      const stored = await storyFor(c, deps, params.id);
      const html = await deps.previewHtml(previewStory(input, stored));
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Robots-Tag': 'noindex, nofollow',
        'X-Lede-Preview': stored.id,
      });
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id/audit`, permission: 'story.view', kind: 'api', summary: 'The story\'s audit entries, newest first',
    input: { params: idParams, query: storyAuditQuery },
    handler: async (c, { params, query }) => {
      const story = await storyFor(c, deps, params.id);
      return c.json(await listAudit(deps.db, { storyId: story.id, limit: query.limit }));
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/import', permission: 'story.create', kind: 'api', status: 201, maxBodyBytes: MAX_IMPORT_BYTES + 64 * 1024,
    summary: 'A page\'s text (text/plain or {"text"} as JSON) becomes a draft',
    handler: async (c) => {
      const { text, source } = await pageText(c);
      // The importer's failures are IMPORT_FAILED (422) with its own message.
      const result = importPageText(text, source ? { source } : {});
      // The warnings are stored with the story, in its transaction, for the editor to show.
      const story = await stories.create(result.draft, { actor: actorOf(c), status: 'draft', onStored: withImportWarnings(result.warnings) });
      c.header('Location', `${BASE}/${story.id}`);
      return storyAnswer(c, story, 201, { warnings: result.warnings, importWarnings: result.warnings });
    },
  });
}
