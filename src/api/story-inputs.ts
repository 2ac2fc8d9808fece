import { z } from 'zod';
import { STORY_STATUSES, isIsoDateTime, isSaneYear } from '../content/index.js';
import { NEWSROOM_QUERY_MAX, PICTURE_RIGHTS } from '../store/newsroom-queries.js';
import { isUuid } from '../content/index.js';
import { instant, oneOf, pathParam, queryInt, queryText } from '../http/input.js';
import { berlinDayBound, seesOwnStoriesOnly } from './api-support.js';
import { sectionSlug, slugify } from '../content/index.js';
import type { Actor } from '../content/roles.js';
import { decodeCursor, type NewsroomListFilter } from '../store/newsroom-queries.js';

/**
 * The declared input of the story endpoints (stories, diff, audit). The
 * English messages are the ones integrators have always read; each issue's
 * code comes from its kind or from `params.code`, and the newsroom words it
 * by that code.
 */

export const DEFAULT_PAGE = 50;
export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** "a,b" of a query as a list of `values`; anything else is named with the allowed values. */
function commaList<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `one of ${values.join(', ')}`;
  return queryText(500, message).transform((v, ctx): Array<T[number]> | undefined => {
    if (v === undefined) return undefined;
    const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.every((p) => (values as readonly string[]).includes(p))) return parts.length ? parts : undefined;
    ctx.addIssue({ code: 'custom', message, params: { code: 'one_of', allowed: [...values] } });
    return z.NEVER;
  });
}

/** A list's date bound: an ISO date-time, or a day (YYYY-MM-DD, Berlin) — a `to` day counts whole. */
function dateBound(end: boolean) {
  const message = 'a day (2026-11-25) or a date and time with offset (2026-11-25T14:00:00+01:00)';
  return queryText(40, message).transform((v, ctx): string | undefined => {
    if (v === undefined || isIsoDateTime(v)) return v;
    const bound = isSaneYear(Number(String(v).slice(0, 4))) ? berlinDayBound(v, end) : undefined;
    if (bound) return bound;
    ctx.addIssue({ code: 'custom', message, params: { code: 'not_a_date' } });
    return z.NEVER;
  });
}

/** An optional query value that must be one of `values`. */
function optionalOneOf<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), oneOf(values, message).optional());
}

/** `GET /newsroom/api/stories?…` */
export const storyListQuery = z.object({
  limit: queryInt(1, 200, DEFAULT_PAGE),
  q: queryText(NEWSROOM_QUERY_MAX, `at most ${NEWSROOM_QUERY_MAX} characters`),
  status: commaList(STORY_STATUSES),
  pictures: optionalOneOf(PICTURE_RIGHTS, 'lapsed or expiring'),
  from: dateBound(false),
  to: dateBound(true),
  author: queryText(),
  section: queryText(),
  topic: queryText(),
  cursor: queryText(),
});
export type StoryListQuery = z.infer<typeof storyListQuery>;

/** A story draft as a JSON object (validateDraft checks its content). */
export const draftBody = z.record(z.string(), z.unknown());

/** `PUT /newsroom/api/stories/:id` */
export const saveBody = z.object({
  story: z.record(z.string(), z.unknown(), { error: 'required: the edited story' }),
  correction: z.string({ error: 'must be text' }).nullable().optional(),
});

/** `POST …/transitions` */
export const transitionBody = z.object({
  to: oneOf(STORY_STATUSES),
  at: instant().nullable().optional(),
});

/** `PUT …/depublish-at`: a time, or null to clear it (but not nothing). */
export const takedownBody = z.object({ at: instant().nullable().optional() }).superRefine((b, ctx) => {
  if (b.at === undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'required (a time or null)', params: { code: 'required' } });
});

/** `POST …/ticker-entries` */
export const tickerEntryBody = z.object({
  text: z.string({ error: 'must be text' }).optional(),
  title: z.string({ error: 'must be text' }).optional(),
  time: instant('must be a date and time with offset').nullable().optional(),
}).superRefine((b, ctx) => {
  if (!b.text?.trim() && !b.title?.trim()) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'an entry needs text (or at least a title)', params: { code: 'entry_empty' } });
  }
});

/** `POST …/restore` */
export const restoreBody = z.object({
  version: z.number({ error: 'a version number' }).int({ error: 'a version number' }).min(1, { error: 'a version number' }),
});

/** `POST /newsroom/api/import` as JSON. */
export const importBody = z.object({
  text: z.string({ error: 'required: the page text' }),
  // Optional, and anything but text is ignored (a file name is a courtesy, not a requirement).
  source: z.unknown().optional().transform((v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined)),
});

/** `…/revisions/:version`: any segment; one that names no version is a 404 like a missing one. */
export const revisionParams = z.object({ id: pathParam, version: pathParam });

/** A version number in the query (1, 2, …). */
const versionQuery = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().regex(/^\d{1,9}$/, { error: 'a version number (1, 2, …)' }).transform(Number)
    .refine((n) => n >= 1, { error: 'a version number (1, 2, …)', params: { code: 'not_a_number' } }).optional(),
);

/** `?from&to` of a diff. */
export const diffQuery = z.object({ from: versionQuery, to: versionQuery });

/** `?story&limit` of the audit log. */
export const auditQuery = z.object({
  story: queryText(100).refine((v) => v === undefined || isUuid(v), { error: 'a story id (UUID)', params: { code: 'bad_shape' } }),
  limit: queryInt(1, AUDIT_MAX_LIMIT, AUDIT_DEFAULT_LIMIT, `a whole number from 1 to ${AUDIT_MAX_LIMIT}`),
});

/** `?limit` of one story's audit entries. */
export const storyAuditQuery = z.object({ limit: queryInt(1, AUDIT_MAX_LIMIT, 200) });

/**
 * The list filter a caller gets for `query`: contributors list their own
 * stories only, whatever they ask for (undefined: they asked for someone
 * else's, which is nothing).
 */
export function listFilter(actor: Actor, query: StoryListQuery, now: Date | undefined): NewsroomListFilter | undefined {
  const { author, cursor } = query;
  const ownOnly = seesOwnStoriesOnly(actor);
  const askedOwner = author && isUuid(author) ? author : undefined;
  if (ownOnly && askedOwner && askedOwner !== actor.id) return undefined;
  return {
    ...(query.pictures && { pictures: query.pictures }),
    ...(now && { now }),
    ...(query.status && { statuses: query.status }),
    ...(query.section && { sectionSlug: sectionSlug(query.section) }),
    ...(query.topic && { topic: query.topic }),
    ...((ownOnly || askedOwner) && { ownerId: ownOnly ? actor.id : askedOwner }),
    ...(author && !askedOwner && { authorSlug: slugify(author) }),
    ...(query.q && { q: query.q }),
    ...(query.from && { from: query.from }),
    ...(query.to && { to: query.to }),
    ...(cursor && { after: decodeCursor(cursor) }),
    limit: query.limit,
  };
}
