import { z } from 'zod';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';

/**
 * Webhook subscriptions for admins (settings.manage): list, create (the
 * answer is the only place the signing secret appears), change, switch on
 * again after the worker turned one off, delete, the delivery log, and
 * "send a test event". Values are checked by WebhookService.
 */

const FIELDS = 'url, events, description, active';
const fieldError = (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? `not a field of a webhook subscription (${FIELDS})` : 'a JSON object');

export const newWebhookBody = z.strictObject({
  url: z.string({ error: 'required, an http(s) URL' }),
  events: z.array(z.string({ error: 'an event name' }), { error: 'required, a list of event names' }),
  description: z.string({ error: 'text, at most 500 characters' }).optional(),
  active: z.boolean({ error: 'true or false' }).optional(),
}, { error: fieldError });

export const webhookChangeBody = z.strictObject({
  url: z.string({ error: 'an http(s) URL' }).optional(),
  events: z.array(z.string({ error: 'an event name' }), { error: 'a list of event names' }).optional(),
  description: z.string({ error: 'text, at most 500 characters' }).optional(),
  active: z.boolean({ error: 'true or false' }).optional(),
}, { error: fieldError });

export function registerWebhooksApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const BASE = '/newsroom/api/webhooks';
  registry.add({
    method: 'GET', path: BASE, permission: 'settings.manage', kind: 'api', summary: 'Every webhook subscription (never the secret)',
    handler: async (c) => c.json(await deps.services.webhooks.list()),
  });

  registry.add({
    method: 'POST', path: BASE, permission: 'settings.manage', kind: 'api', status: 201,
    summary: 'Create a webhook subscription; the answer carries its signing secret, shown this once',
    input: { body: newWebhookBody, bodyName: 'the webhook subscription' },
    handler: async (c, { body }) => {
      const made = await deps.services.webhooks.create(body, actorOf(c));
      return c.json(made, 201, { Location: `${BASE}/${made.id}` });
    },
  });

  registry.add({
    method: 'GET', path: `${BASE}/:id`, permission: 'settings.manage', kind: 'api',
    summary: 'One subscription with its delivery log (status, duration and response code per attempt, newest first)',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const subscription = await deps.services.webhooks.get(params.id);
      return c.json({ ...subscription, attempts: await deps.services.webhooks.attempts(params.id) });
    },
  });

  registry.add({
    method: 'PATCH', path: `${BASE}/:id`, permission: 'settings.manage', kind: 'api',
    summary: 'Change a subscription; active: true switches one on again and clears its failure notice',
    input: { params: idParams, body: webhookChangeBody, bodyName: 'the webhook subscription' },
    handler: async (c, { params, body }) => c.json(await deps.services.webhooks.update(params.id, body, actorOf(c))),
  });

  registry.add({
    method: 'DELETE', path: `${BASE}/:id`, permission: 'settings.manage', kind: 'api', status: 204,
    summary: 'Delete a subscription with its pending deliveries and log',
    input: { params: idParams },
    handler: async (c, { params }) => {
      await deps.services.webhooks.remove(params.id, actorOf(c));
      return c.body(null, 204);
    },
  });

  registry.add({
    method: 'POST', path: `${BASE}/:id/test`, permission: 'settings.manage', kind: 'api',
    summary: 'Queue a webhook.test delivery to this subscription; answers its webhook-id',
    input: { params: idParams },
    handler: async (c, { params }) => c.json({ webhookId: await deps.services.webhooks.sendTest(params.id) }),
  });
}
