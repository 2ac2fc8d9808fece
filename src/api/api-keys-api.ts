import { z } from 'zod';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';

/**
 * The API keys of the public content API, for admins (settings.manage): list,
 * create (the answer is the only place the secret ever appears), revoke.
 * Keys are revoked, never deleted, so the list keeps who used what.
 */

/** `{name, ratePerMinute?, expiresAt?, scope?}`; the service checks the values (ApiKeyService.create). */
export const newApiKeyBody = z.strictObject({
  name: z.string({ error: 'required, at most 100 characters' }),
  scope: z.literal('public', { error: 'one of public' }).optional(),
  ratePerMinute: z.number({ error: 'a whole number from 1 to 100000' }).optional(),
  expiresAt: z.string({ error: 'a date and time with offset, or null' }).nullable().optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'not a field of an API key (name, scope, ratePerMinute, expiresAt)' : 'a JSON object') });

export function registerApiKeysApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/api-keys', permission: 'settings.manage', kind: 'api', summary: 'Every API key of the content API (never the secret)',
    handler: async (c) => c.json(await deps.services.apiKeys.list()),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/api-keys', permission: 'settings.manage', kind: 'api', status: 201,
    summary: 'Create an API key; the answer carries its secret, shown this once',
    input: { body: newApiKeyBody, bodyName: 'the API key' },
    handler: async (c, { body }) => {
      const { key, secret } = await deps.services.apiKeys.create(body, actorOf(c));
      return c.json({ ...key, secret }, 201, { Location: `/newsroom/api/api-keys/${key.id}` });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/api-keys/:id/revoke', permission: 'settings.manage', kind: 'api',
    summary: 'Revoke an API key (effective on every node within 5 s)',
    input: { params: idParams },
    handler: async (c, { params }) => c.json(await deps.services.apiKeys.revoke(params.id, actorOf(c))),
  });
}
