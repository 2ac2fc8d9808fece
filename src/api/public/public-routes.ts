import { z } from 'zod';
import { STORY_KINDS, slugify, topicSlug, type Story } from '../../content/index.js';
import { isShowable } from '../../content/media-types.js';
import { instant, queryInt, queryText } from '../../http/input.js';
import { cropBox, renditionHeight, renditionPath, renditionWidths } from '../../imaging/renditions.js';
import { absoluteUrl } from '../../site/feeds/xml.js';
import { FigureResolver } from '../../site/media-figures.js';
import { assetKey } from '../../site/page-assets.js';
import { SURROGATE } from '../../site/surrogate-keys.js';
import { breakingJsonBody } from '../../site/breaking-route.js';
import { liveBreaking } from '../../store/breaking-queries.js';
import { cachedTopicList } from '../../site/topic-list.js';
import { listSections, listTopics } from '../../store/catalog-queries.js';
import { isPublic } from '../../store/published-filter.js';
import {
  listPublicAuthors, listPublicSlots, listPublicStories, publicAsset, publicStoriesByIds, type ModifiedCursor,
} from '../../store/public-api-queries.js';
import { MARK_END, MARK_START, MAX_SEARCH_RESULTS, searchStories } from '../../store/search-queries.js';
import { findStory } from '../../store/story-queries.js';
import type { Queryable } from '../../store/types.js';
import { storyToNewsMlG2, storyToNinjs } from '../formats/index.js';
import { PublicApiError, badParameter, type PublicAnswer, type PublicFormat, type PublicRouteSpec } from './public-route.js';
import { publicStoryJson, publicSummaryJson } from './public-story-json.js';

export interface PublicRoutesOptions {
  siteUrl: string;
  siteName: string;
  /** The clock embargoes and pictures' rights are checked against (tests). */
  clock?: () => Date;
}

/** At most this many items a page; 20 without `limit`. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

const slug = (what: string) => z.string().trim().min(1, { error: `a ${what} slug` }).max(120, { error: `a ${what} slug of at most 120 characters` })
  .regex(/^[a-z0-9-]+$/, { error: `a ${what} slug: lower-case letters, digits and hyphens, as /api/v1/${what === 'author' ? 'authors' : `${what === 'topic' ? 'topics' : 'sections'}`} lists them` })
  .optional();
const limit = queryInt(1, MAX_LIMIT, DEFAULT_LIMIT, `a whole number from 1 to ${MAX_LIMIT}`);
const cursor = z.string().max(200, { error: 'the opaque value of a `next` link; at most 200 characters' }).optional()
  .describe('Opaque position from a previous answer\'s `next`; leave out for the first page.');

const storyFilters = {
  section: slug('section').describe('Section slug (see /api/v1/sections).'),
  topic: slug('topic').describe('Topic slug (see /api/v1/topics).'),
  author: slug('author').describe('Author slug (see /api/v1/authors).'),
  kind: z.enum(STORY_KINDS, { error: `one of ${STORY_KINDS.join(', ')}` }).optional().describe('Kind of story.'),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, { error: 'a language tag such as "de" or "en"' }).optional().describe('Language tag of the story ("de").'),
  updated_since: instant().optional().describe('Only stories changed at or after this instant (ISO 8601 with offset).'),
  published_since: instant().optional().describe('Only stories first published at or after this instant (ISO 8601 with offset).'),
  q: queryText(200, 'search words, at most 200 characters').describe('German full-text search words, as the site\'s search takes them (matches at most 1000 stories).'),
  limit: limit.describe(`Stories per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  cursor,
};

const idOrSlugParams = z.object({
  idOrSlug: z.string().min(1).max(200, { error: 'an id or slug of at most 200 characters' }).describe('The story\'s id (UUID) or its slug.'),
});
const assetParams = z.object({ assetId: z.string().min(1).max(100, { error: 'an asset id (UUID)' }).describe('The media library picture\'s id (UUID).') });

const searchQuery = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'search words are needed' }).min(1, { error: 'search words are needed' }).max(200, { error: 'at most 200 characters' }))
    .describe('German search words (websearch syntax: "quoted phrase", -exclusion, or).'),
  section: storyFilters.section,
  topic: storyFilters.topic,
  limit: limit.describe(`Hits per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  cursor,
});

/** An opaque cursor: base64url of a small JSON value. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeCursor<T>(raw: string, check: (v: unknown) => v is T): T {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!check(v)) throw badParameter('cursor', 'is not a value this API gave out; use the `next` link of a previous answer as it is', 'bad_cursor');
  return v;
}

/** An instant as the database hands it out (UTC, microseconds): nothing else reaches a ::timestamptz cast. */
const DB_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const isInstant = (v: unknown): v is string => typeof v === 'string' && DB_INSTANT.test(v) && !Number.isNaN(Date.parse(v))
  // A day the calendar does not have (Feb 30) would parse here and fail in SQL.
  && new Date(Date.parse(v)).toISOString().slice(0, 19) === v.slice(0, 19);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isModifiedCursor = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2
  && isInstant(v[0]) && typeof v[1] === 'string' && UUID.test(v[1]);
const isOffsetCursor = (v: unknown): v is { o: number } => typeof v === 'object' && v !== null
  && Number.isSafeInteger((v as { o: unknown }).o) && (v as { o: number }).o > 0 && (v as { o: number }).o < MAX_SEARCH_RESULTS;

type StoryQuery = {
  section?: string; topic?: string; author?: string; kind?: string; language?: string;
  updated_since?: string; published_since?: string; q?: string; limit: number; cursor?: string;
};

/** Every route of /api/v1, as data. */
export function publicRoutes(db: Queryable, opts: PublicRoutesOptions): PublicRouteSpec<any, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const clock = opts.clock ?? (() => new Date());
  const figures = new FigureResolver(db, clock);
  const topics = cachedTopicList(db);
  const site = opts.siteUrl.replace(/\/+$/, '');
  const output = () => ({ siteUrl: site, siteName: opts.siteName, now: clock() });

  /** A whole story in a format (the caller has resolved its figures). */
  const formatted = (story: Story, format: PublicFormat): unknown => {
    if (format === 'ninjs') return storyToNinjs(story, output(), '3.1');
    if (format === 'ninjs-2.2') return storyToNinjs(story, output(), '2.2');
    if (format === 'newsml') return storyToNewsMlG2(story, output());
    return publicStoryJson(story, output());
  };
  /** `url` with its query changed: a link to the next page, on the site's public address. */
  const linkWith = (url: URL, changes: Record<string, string>): string => {
    const q = new URLSearchParams(url.searchParams);
    for (const [k, v] of Object.entries(changes)) q.set(k, v);
    return absoluteUrl(site, `${url.pathname}?${q.toString()}`);
  };
  const storyKeys = (s: Pick<Story, 'slug' | 'section' | 'topics'> & { sectionSlug?: string }) => [
    SURROGATE.story(s.slug), SURROGATE.section(s.sectionSlug ?? slugify(s.section)), ...s.topics.map((t) => SURROGATE.topic(topicSlug(t))),
  ];
  const filterKeys = (q: { section?: string; topic?: string; author?: string }) => [
    SURROGATE.feeds,
    ...(q.section ? [SURROGATE.section(q.section)] : []),
    ...(q.topic ? [SURROGATE.topic(q.topic)] : []),
    ...(q.author ? [SURROGATE.author(q.author)] : []),
  ];

  const listStories: PublicRouteSpec<Record<string, string>, StoryQuery> = {
    method: 'GET',
    path: '/api/v1/stories',
    tag: 'Stories',
    summary: 'Public stories, most recently changed first',
    description: 'Whole public stories (published, embargo passed), ordered by last change, newest first, then by id: a stable order. '
      + 'Follow `next` until it is null to page through every match without gaps or repeats; to collect what changed since your last run, '
      + 'pass `updated_since` (a story changed while you page moves to the front, and your next run with `updated_since` finds it).',
    query: z.object(storyFilters) as never,
    formats: ['json', 'ninjs', 'ninjs-2.2'],
    description200: 'A page of stories: `{items: [...], next: URL or null}`; items in the chosen format.',
    cache: { maxAge: 30, sMaxAge: 60 },
    example: '/api/v1/stories?section=politik&limit=10',
    async handler({ query, format, url }) {
      const after = query.cursor ? decodeCursor(query.cursor, isModifiedCursor) : undefined;
      let topic: string | undefined;
      if (query.topic) {
        topic = await topics.bySlug(query.topic);
        // A topic no public story has: nothing to list (not an error: it may have stories tomorrow).
        if (topic === undefined) return { body: { items: [], next: null }, keys: filterKeys(query) };
      }
      let ids: string[] | undefined;
      if (query.q) {
        const found = await searchStories(db, {
          query: query.q, order: 'newest', limit: MAX_SEARCH_RESULTS,
          ...(query.section && { sectionSlug: query.section }), ...(topic && { topic }),
        });
        ids = found.hits.map((h) => h.story.id);
        if (!ids.length) return { body: { items: [], next: null }, keys: [...filterKeys(query), SURROGATE.search] };
      }
      const page = await listPublicStories(db, {
        ...(query.section && { sectionSlug: query.section }), ...(topic && { topic }), ...(query.author && { authorSlug: query.author }),
        ...(query.kind && { kind: query.kind }), ...(query.language && { language: query.language }),
        ...(query.updated_since && { updatedSince: query.updated_since }), ...(query.published_since && { publishedSince: query.published_since }),
        ...(ids && { ids }),
        ...(after && { after: { modifiedAt: after[0], id: after[1] } satisfies ModifiedCursor }),
        limit: query.limit,
      });
      const more = page.stories.length > query.limit;
      const stories = await figures.stories(page.stories.slice(0, query.limit));
      const last = page.cursors[query.limit - 1];
      const next = more && last ? linkWith(url, { cursor: encodeCursor([last.modifiedAt, last.id]) }) : null;
      return { body: { items: stories.map((s) => formatted(s, format)), next }, keys: [...filterKeys(query), ...(ids ? [SURROGATE.search] : [])] };
    },
  };

  const oneStory: PublicRouteSpec<{ idOrSlug: string }, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/stories/:idOrSlug',
    tag: 'Stories',
    summary: 'One public story by id or slug',
    description: 'A depublished story answers 410 with `{error, id, status: "depublished"}` so a partner can delete its copy. '
      + 'Drafts, stories in review, scheduled and embargoed stories answer 404, exactly like ids that never existed.',
    params: idOrSlugParams as never,
    formats: ['json', 'ninjs', 'ninjs-2.2', 'newsml'],
    description200: 'The story in the chosen format.',
    errors: [
      { status: 404, description: 'No public story has this id or slug (it may not exist, or not be public yet).' },
      { status: 410, description: 'The story was depublished: `{error: {...}, id, status: "depublished"}`.' },
    ],
    cache: { maxAge: 30, sMaxAge: 60 },
    example: '/api/v1/stories/{idOrSlug}',
    async handler({ params, format }) {
      const found = await findStory(db, params.idOrSlug);
      if (found?.status === 'depublished') {
        const gone = new PublicApiError(410, 'GONE', 'story_depublished', 'this story was depublished: delete your copy', {}, { id: found.id, status: 'depublished' });
        gone.keys = [SURROGATE.story(found.slug)];
        throw gone;
      }
      if (!found || !isPublic(found, clock().getTime())) {
        const missing = new PublicApiError(404, 'NOT_FOUND', 'no_story', `no public story has the id or slug "${params.idOrSlug.slice(0, 200)}"`);
        // Kept briefly by a CDN; asked by slug, publishing the story purges it. Only the words asked for: a hidden story's slug is never told.
        missing.keys = [SURROGATE.story(params.idOrSlug)];
        throw missing;
      }
      const story = await figures.story(found);
      return { body: formatted(story, format), keys: storyKeys(story) };
    },
  };

  const sections: PublicRouteSpec<Record<string, string>, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/sections',
    tag: 'Catalogue',
    summary: 'Sections that have public stories',
    query: z.object({}) as never,
    formats: ['json'],
    description200: '`{items: [{name, slug, url, stories}]}`, alphabetical by slug; `stories` is the API address of the section\'s stories.',
    cache: { maxAge: 60, sMaxAge: 300 },
    example: '/api/v1/sections',
    async handler() {
      const list = await listSections(db);
      return {
        body: { items: list.map((s) => ({ name: s.name, slug: s.slug, url: absoluteUrl(site, `/${s.slug}`), stories: absoluteUrl(site, `/api/v1/stories?section=${encodeURIComponent(s.slug)}`) })) },
        keys: [SURROGATE.feeds],
      };
    },
  };

  const topicList: PublicRouteSpec<Record<string, string>, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/topics',
    tag: 'Catalogue',
    summary: 'Topics of public stories, with their story counts',
    query: z.object({}) as never,
    formats: ['json'],
    description200: '`{items: [{name, slug, count, url, stories}]}`, most stories first.',
    cache: { maxAge: 60, sMaxAge: 300 },
    example: '/api/v1/topics',
    async handler() {
      const list = await listTopics(db);
      return {
        body: {
          items: list.map((t) => {
            const s = topicSlug(t.name);
            return { name: t.name, slug: s, count: t.count, url: absoluteUrl(site, `/thema/${s}`), stories: absoluteUrl(site, `/api/v1/stories?topic=${encodeURIComponent(s)}`) };
          }),
        },
        keys: [SURROGATE.feeds],
      };
    },
  };

  const authors: PublicRouteSpec<Record<string, string>, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/authors',
    tag: 'Catalogue',
    summary: 'Authors of public stories',
    query: z.object({}) as never,
    formats: ['json'],
    description200: '`{items: [{name, slug, stories, lastModified, url, storiesUrl}]}` by slug; `stories` counts their public stories.',
    cache: { maxAge: 60, sMaxAge: 300 },
    example: '/api/v1/authors',
    async handler() {
      const list = await listPublicAuthors(db);
      return {
        body: {
          items: list.map((a) => ({
            ...a, url: absoluteUrl(site, `/autor/${a.slug}`), storiesUrl: absoluteUrl(site, `/api/v1/stories?author=${encodeURIComponent(a.slug)}`),
          })),
        },
        keys: [SURROGATE.feeds],
      };
    },
  };

  const search: PublicRouteSpec<Record<string, string>, { q: string; section?: string; topic?: string; limit: number; cursor?: string }> = {
    method: 'GET',
    path: '/api/v1/search',
    tag: 'Stories',
    summary: 'German full-text search over public stories, ranked like the site',
    description: 'The site\'s search (German stemming, websearch syntax), best match first. Lede JSON items carry a plain-text `snippet`; '
      + 'ninjs items are the stories alone. `total` counts matches (at most 1000; `more` says there are more).',
    query: searchQuery as never,
    formats: ['json', 'ninjs', 'ninjs-2.2'],
    description200: '`{items, total, more, next}`, items in the chosen format.',
    cache: { maxAge: 30, sMaxAge: 60 },
    example: '/api/v1/search?q=Hochwasser',
    async handler({ query, format, url }) {
      const offset = query.cursor ? decodeCursor(query.cursor, isOffsetCursor).o : 0;
      let topic: string | undefined;
      if (query.topic) {
        topic = await topics.bySlug(query.topic);
        if (topic === undefined) return { body: { items: [], total: 0, more: false, next: null }, keys: [SURROGATE.search] };
      }
      const found = await searchStories(db, {
        query: query.q, order: 'relevance', limit: query.limit, offset,
        ...(query.section && { sectionSlug: query.section }), ...(topic && { topic }),
      });
      const stories = await figures.stories(await publicStoriesByIds(db, found.hits.map((h) => h.story.id)));
      const snippets = new Map(found.hits.map((h) => [h.story.id, h.snippet.split(MARK_START).join('').split(MARK_END).join('')]));
      const items = stories.map((s) => (format === 'json' ? { ...(formatted(s, format) as object), snippet: snippets.get(s.id) ?? '' } : formatted(s, format)));
      const end = offset + found.hits.length;
      const next = found.hits.length === query.limit && end < Math.min(found.total, MAX_SEARCH_RESULTS) ? linkWith(url, { cursor: encodeCursor({ o: end }) }) : null;
      return {
        body: { items, total: found.total, more: found.more, next, ...(found.unsearchable && { unsearchable: found.unsearchable }) },
        keys: [SURROGATE.search],
      };
    },
  };

  const media: PublicRouteSpec<{ assetId: string }, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/media/:assetId',
    tag: 'Media',
    summary: 'Metadata of a public picture',
    description: 'A media library picture that a public story shows and whose rights are valid now: its size, credit, rights holder, '
      + 'licence and its 16:9 JPEG renditions. A picture no public story uses, or whose rights have lapsed or not begun, answers 404.',
    params: assetParams as never,
    query: z.object({}) as never,
    formats: ['json'],
    description200: '`{id, mimeType, width, height, credit, copyrightHolder, licence, creator, validUntil, renditions: [{href, width, height, mimeType}]}`.',
    errors: [{ status: 404, description: 'No public picture has this id (unknown, unused by public stories, or its rights are not valid now).' }],
    cache: { maxAge: 60, sMaxAge: 300 },
    example: '/api/v1/media/{assetId}',
    async handler({ params }) {
      const asset = await publicAsset(db, params.assetId);
      const now = clock();
      if (!asset || !isShowable(asset.rights, now)) {
        throw new PublicApiError(404, 'NOT_FOUND', 'no_asset', `no public picture has the id "${params.assetId.slice(0, 100)}"`);
      }
      const box = cropBox(asset.width, asset.height, '16:9', { x: asset.focalX, y: asset.focalY });
      const r = asset.rights;
      return {
        body: {
          id: asset.id, mimeType: asset.mime, width: asset.width, height: asset.height,
          ...(r.credit && { credit: r.credit }), ...(r.copyrightHolder && { copyrightHolder: r.copyrightHolder }),
          ...(r.licence && { licence: r.licence }), ...(r.creator && { creator: r.creator }), ...(r.validUntil && { validUntil: r.validUntil }),
          renditions: renditionWidths(box.width).map((w) => ({
            href: absoluteUrl(site, renditionPath(asset, '16:9', w, 'jpeg')), width: w, height: renditionHeight('16:9', w, box), mimeType: 'image/jpeg',
          })),
        },
        keys: [assetKey(asset.id)],
      };
    },
  };

  const programme: PublicRouteSpec<Record<string, string>, { limit: number; cursor?: string }> = {
    method: 'GET',
    path: '/api/v1/programme',
    tag: 'Programme',
    summary: 'Broadcast slots with public stories, newest first',
    query: z.object({ limit: limit.describe(`Slots per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`), cursor }) as never,
    formats: ['json'],
    description200: '`{items: [{startsAt, programme, url, stories: [story summaries]}], next}`.',
    cache: { maxAge: 60, sMaxAge: 120 },
    example: '/api/v1/programme',
    async handler({ query, url }) {
      const before = query.cursor ? decodeCursor(query.cursor, (v): v is { b: string } => typeof v === 'object' && v !== null && isInstant((v as { b: unknown }).b)).b : undefined;
      const slots = await listPublicSlots(db, query.limit + 1, before);
      const shown = slots.slice(0, query.limit);
      const resolved = await figures.summaries(shown.flatMap((s) => s.stories));
      let i = 0;
      const items = shown.map((s) => ({
        startsAt: s.startsAt, ...(s.programme && { programme: s.programme }),
        stories: s.stories.map(() => publicSummaryJson(resolved[i++]!, site)),
      }));
      const next = slots.length > query.limit ? linkWith(url, { cursor: encodeCursor({ b: shown.at(-1)!.startsAt }) }) : null;
      return { body: { items, next }, keys: [SURROGATE.programme] };
    },
  };

  const breaking: PublicRouteSpec<Record<string, string>, Record<string, never>> = {
    method: 'GET',
    path: '/api/v1/breaking',
    tag: 'Breaking news',
    summary: 'The breaking news item up now (Eilmeldung)',
    description: 'What every page of the site shows in its breaking news bar: the headline, the address it links to (absolute), '
      + 'the story it was set from, if any, and when it began and ends. `{"breaking": null}` when none is up. '
      + 'Kept for at most 5 seconds and purged when the item changes; the site gives the same at /eilmeldung.json.',
    query: z.object({}) as never,
    formats: ['json'],
    description200: '`{breaking: null | {id, headline, url, storyId, startsAt, endsAt}}`.',
    cache: { maxAge: 5, sMaxAge: 5 },
    example: '/api/v1/breaking',
    async handler() {
      const row = await liveBreaking(db, clock());
      return { body: breakingJsonBody(row, site) as unknown as Record<string, unknown>, keys: [SURROGATE.breaking] };
    },
  };

  return [listStories, oneStory, sections, topicList, authors, search, media, programme, breaking] as PublicRouteSpec<any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}
