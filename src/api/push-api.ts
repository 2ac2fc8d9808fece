import { z } from 'zod';
import { sectionSlug, topicSlug } from '../content/index.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, queryText } from '../http/input.js';
import { listSections, listTopics } from '../store/catalog-queries.js';
import { NewsroomSettings } from '../services/newsroom-settings.js';
import type { Queryable } from '../store/types.js';

/**
 * Web Push sends from the newsroom (issue 14), for editors and admins
 * (breaking.send): the audience of each choice, a preview (the payload as
 * checked and the exact audience, nothing written), the send itself — a
 * request waiting for a second editor while four eyes are on — approve and
 * reject, and the recent sends with their counters. Admins switch four eyes
 * (settings.manage). PushService checks the values and audits.
 */

/** A push is a few hundred characters; 16 KB leaves room and refuses a megabyte at the door (413). */
export const PUSH_BODY_BYTES = 16 * 1024;

/** How many topics the audience list offers (the most used first). */
const MAX_TOPIC_CHOICES = 60;

export const pushBody = z.strictObject({
  title: z.string({ error: 'required, text of at most 120 characters' }),
  body: z.string({ error: 'text of at most 400 characters' }).optional(),
  url: z.string({ error: 'required, a path on this site' }),
  icon: z.string({ error: 'a path on this site or an https URL' }).optional(),
  filter: z.string({ error: 'required: "all", "section:<slug>" or "topic:<slug>"' }),
  topic: z.string({ error: '1–32 letters, digits, "-" or "_"' }).optional(),
  ttlSeconds: z.number({ error: 'a whole number of seconds' }).optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'not a field of a push (title, body, url, icon, filter, topic, ttlSeconds)' : 'a JSON object') });

export const fourEyesBody = z.strictObject({ on: z.boolean({ error: 'true or false' }) }, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? 'not a field of the setting (on)' : 'a JSON object'),
});

export interface AudienceChoice {
  /** 'all', 'section:<slug>' or 'topic:<slug>'. */
  filter: string;
  kind: 'all' | 'section' | 'topic';
  /** The section's or topic's name ('' for all). */
  name: string;
  audience: number;
}

/** Every choice a send can go to — all, each section and the most used topics of the site — with its audience now. */
export async function audienceChoices(db: Queryable, audiences: Map<string, number>): Promise<AudienceChoice[]> {
  const [sections, topics] = await Promise.all([listSections(db), listTopics(db)]);
  const out: AudienceChoice[] = [{ filter: 'all', kind: 'all', name: '', audience: audiences.get('all') ?? 0 }];
  const seen = new Set(['all']);
  const add = (kind: 'section' | 'topic', slug: string, name: string) => {
    const filter = `${kind}:${slug}`;
    if (!slug || seen.has(filter)) return;
    seen.add(filter);
    out.push({ filter, kind, name, audience: audiences.get(filter) ?? 0 });
  };
  for (const s of sections) add('section', s.slug || sectionSlug(s.name), s.name);
  for (const t of topics.slice(0, MAX_TOPIC_CHOICES)) add('topic', topicSlug(t.name), t.name);
  return out;
}

export function registerPushApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const BASE = '/newsroom/api/push';
  const push = deps.services.push;
  const settings = new NewsroomSettings(deps.services.db);

  registry.add({
    method: 'GET', path: BASE, permission: 'breaking.send', kind: 'api',
    summary: 'Whether four eyes are on, the sends waiting for approval and the recent sends with status, audience, delivered, failed, removed',
    handler: async (c) => c.json({ fourEyes: await push.fourEyes(), pending: await push.pending(), recent: await push.recent(50) }),
  });

  registry.add({
    method: 'GET', path: `${BASE}/audience`, permission: 'breaking.send', kind: 'api',
    summary: 'The audience now: of one filter (?filter=section:sport), or of every choice (all, sections, topics) without one',
    input: { query: z.object({ filter: queryText(300) }) },
    handler: async (c, { query }) => {
      if (query.filter !== undefined) return c.json({ filter: query.filter, audience: await push.audience(query.filter) });
      return c.json(await audienceChoices(deps.services.db, await push.audiences()));
    },
  });

  registry.add({
    method: 'POST', path: `${BASE}/preview`, permission: 'breaking.send', kind: 'api', maxBodyBytes: PUSH_BODY_BYTES,
    summary: 'Check a push without sending it: the notification as it will look, its exact audience now, and whether it will wait for approval',
    input: { body: pushBody, bodyName: 'the push' },
    handler: async (c, { body }) => {
      const checked = push.checkSend(body);
      return c.json({ ...checked, audience: await push.audience(checked.filter), fourEyes: await push.fourEyes() });
    },
  });

  registry.add({
    method: 'POST', path: BASE, permission: 'breaking.send', kind: 'api', status: 201, maxBodyBytes: PUSH_BODY_BYTES,
    summary: 'Send a push (201, status "sent"); with four eyes on, a request another editor approves (202, status "pending")',
    input: { body: pushBody, bodyName: 'the push' },
    handler: async (c, { body }) => {
      const sent = await push.send(body, actorOf(c));
      return c.json(sent, sent.status === 'pending' ? 202 : 201, { Location: `${BASE}/${sent.id}` });
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id`, permission: 'breaking.send', kind: 'api',
    summary: 'One send with its status and counters',
    input: { params: idParams },
    handler: async (c, { params }) => c.json(await push.get(params.id)),
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/approve`, permission: 'breaking.send', kind: 'api',
    summary: 'Approve a pending send (four eyes): it goes out now; never your own request (403), never twice (409)',
    input: { params: idParams },
    handler: async (c, { params }) => c.json(await push.approve(params.id, actorOf(c))),
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/reject`, permission: 'breaking.send', kind: 'api',
    summary: 'Reject a pending send (four eyes): it is closed without going out; never your own request (403)',
    input: { params: idParams },
    handler: async (c, { params }) => c.json(await push.reject(params.id, actorOf(c))),
  });

  registry.add({
    method: 'PUT', path: '/newsroom/api/settings/push-four-eyes', permission: 'settings.manage', kind: 'api',
    summary: 'Switch four eyes for pushes on or off ({"on": true}); audited as settings.changed',
    input: { body: fourEyesBody, bodyName: 'the setting' },
    handler: async (c, { body }) => c.json({ on: await settings.setPushFourEyes(actorOf(c), body.on) }),
  });
}
