import { feedPaths, sectionSlug, storyPath, topicPath, topicSlug, type Story } from '../content/index.js';
import { isPublic } from '../store/published-filter.js';
import { enqueueOutbox, type OutboxEvent } from '../store/webhook-outbox.js';
import { enqueueFeedPings } from '../store/websub-pings.js';
import type { Queryable } from '../store/types.js';

/**
 * What subscribers can be told, and the hooks the writers call INSIDE the
 * transaction of their change. Payloads carry the public resource only
 * (ids, slugs, paths), never internal fields; the worker makes paths
 * absolute with the site's URL when it sends.
 */

export const WEBHOOK_EVENTS = [
  'story.published', 'story.updated', 'story.corrected', 'story.depublished',
  'asset.rights_lapsed', 'section.changed', 'topic.changed', 'wire.received',
] as const;
export type WebhookEventType = typeof WEBHOOK_EVENTS[number];

/** Sent by "send a test event" only; no subscription needs to ask for it. */
export const TEST_EVENT = 'webhook.test';

function event(type: WebhookEventType, orderKey: string, now: Date, data: Record<string, unknown>, dedupeKey?: string): OutboxEvent {
  return { type, orderKey, payload: { type, occurred_at: now.toISOString(), data }, ...(dedupeKey && { dedupeKey }) };
}

/** The public resource of a story: no status, owner, notes or revision. */
function storyData(story: Story): Record<string, unknown> {
  return {
    id: story.id,
    slug: story.slug,
    section: sectionSlug(story.section),
    path: storyPath({ sectionSlug: sectionSlug(story.section), slug: story.slug }),
    api_path: `/api/v1/stories/${story.id}`,
  };
}

/**
 * What readers notice of a story write, as webhook events: it went public,
 * changed while public (a correction when `corrected`), or went away. The
 * same rule (isPublic at `now`) the domain events after the commit follow.
 */
export function storyWebhookEvents(before: Story | undefined, after: Story, now: Date, corrected = false): OutboxEvent[] {
  const t = now.getTime();
  const was = before ? isPublic(before, t) : false;
  const is = isPublic(after, t);
  const type: WebhookEventType | undefined = is ? (was ? (corrected ? 'story.corrected' : 'story.updated') : 'story.published') : was ? 'story.depublished' : undefined;
  return type ? [event(type, after.id, now, storyData(after))] : [];
}

/** The feeds a story appears in (all three formats): the site's, its section's and each of its topics'. */
export function storyFeedPaths(story: Story): string[] {
  const bases = ['', `/${sectionSlug(story.section)}`, ...story.topics.map((t) => topicPath(topicSlug(t)))];
  return bases.flatMap((b) => Object.values(feedPaths(b)));
}

/**
 * Enqueues a story write's events in the writer's transaction (see
 * storyWebhookEvents), and, when anything readers see changed, the WebSub
 * pings of every feed the story was or is in (none without a hub).
 */
export async function enqueueStoryWebhooks(tx: Queryable, before: Story | undefined, after: Story, now: Date, corrected = false): Promise<void> {
  const events = storyWebhookEvents(before, after, now, corrected);
  if (!events.length) return;
  await enqueueOutbox(tx, events);
  await enqueueFeedPings(tx, [...(before ? storyFeedPaths(before) : []), ...storyFeedPaths(after)]);
}

/** Many new stories at once (createMany): one statement for the batch, and one for the feed pings. */
export async function enqueueNewStoriesWebhooks(tx: Queryable, stories: readonly Story[], now: Date): Promise<void> {
  const told = stories.map((s) => ({ story: s, events: storyWebhookEvents(undefined, s, now) })).filter((t) => t.events.length > 0);
  if (!told.length) return;
  await enqueueOutbox(tx, told.flatMap((t) => t.events));
  await enqueueFeedPings(tx, told.flatMap((t) => storyFeedPaths(t.story)));
}

/** A section or topic renamed or removed: its feeds' titles and items change. */
export async function enqueueTaxonomyFeedPings(tx: Queryable, base: string): Promise<void> {
  await enqueueFeedPings(tx, Object.values(feedPaths(base)));
}

export function topicChanged(slug: string, now: Date): OutboxEvent {
  return event('topic.changed', `topic:${slug}`, now, { slug, path: topicPath(slug) });
}

export function sectionChanged(slug: string, now: Date): OutboxEvent {
  return event('section.changed', `section:${slug}`, now, { slug, path: `/${slug}` });
}

export function wireItemReceived(wireItemId: string, now: Date): OutboxEvent {
  return event('wire.received', `wire:${wireItemId}`, now, { id: wireItemId });
}

/** A picture whose rights lapsed by the clock; told once per lapse, however many nodes' sweeps notice it. */
export function rightsLapsed(assetId: string, validUntil: string, now: Date): OutboxEvent {
  return event('asset.rights_lapsed', `asset:${assetId}`, now, { id: assetId, valid_until: validUntil }, `rights-lapsed:${assetId}:${validUntil}`);
}
