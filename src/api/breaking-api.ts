import { z } from 'zod';
import { LedeError } from '../content/index.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';

/**
 * The breaking banner ("Eilmeldung", issue 14) for editors and admins
 * (breaking.send): what is up and the recent history, set one (from a story
 * or as headline + link), change the one that is up at its version, take it
 * down. BreakingService checks the values and audits; this only maps HTTP.
 */

/** A banner is a few hundred characters; 16 KB leaves room and refuses a megabyte at the door (413). */
export const BREAKING_BODY_BYTES = 16 * 1024;

const FIELDS = 'story, headline, url, endsAt, minutes';
const fieldError = (what: string) => (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? `not a field of ${what}` : 'a JSON object');

const fields = {
  story: z.string({ error: 'a story id or slug' }).optional(),
  headline: z.string({ error: 'text, at most 200 characters' }).optional(),
  url: z.string({ error: 'a path on this site or an https URL' }).optional(),
  endsAt: z.string({ error: 'a date and time with offset (ISO 8601)' }).optional(),
  minutes: z.number({ error: 'a whole number of minutes' }).optional(),
};

export const breakingBody = z.strictObject(fields, { error: fieldError(`a breaking news item (${FIELDS})`) });
export const breakingChangeBody = z.strictObject({ ...fields, version: z.number({ error: 'required: the version you changed' }) }, {
  error: fieldError(`a breaking news change (version, ${FIELDS})`),
});

export function registerBreakingApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const BASE = '/newsroom/api/breaking';
  const breaking = deps.services.breaking;

  registry.add({
    method: 'GET', path: BASE, permission: 'breaking.send', kind: 'api',
    summary: 'The breaking news item that is up (or null) and the recent ones, newest first, with who set them',
    handler: async (c) => c.json({ current: (await breaking.current()) ?? null, recent: await breaking.recent(20) }),
  });

  registry.add({
    method: 'POST', path: BASE, permission: 'breaking.send', kind: 'api', status: 201, maxBodyBytes: BREAKING_BODY_BYTES,
    summary: 'Set the breaking news item (from a published story, or headline + url); one that was up is taken down',
    input: { body: breakingBody, bodyName: 'the breaking news item' },
    handler: async (c, { body }) => {
      const item = await breaking.set(actorOf(c), body);
      return c.json(item, 201, { Location: `${BASE}/${item.id}` });
    },
  });

  const change = (method: 'PATCH' | 'PUT') => registry.add({
    method, path: `${BASE}/:id`, permission: 'breaking.send', kind: 'api', maxBodyBytes: BREAKING_BODY_BYTES,
    summary: 'Change the item that is up, at its version (409 when someone changed or ended it meanwhile); fields left out keep their value',
    input: { params: idParams, body: breakingChangeBody, bodyName: 'the breaking news change' },
    handler: async (c, { params, body }) => {
      const { version, ...input } = body;
      return c.json(await breaking.update(actorOf(c), params.id, version, input));
    },
  });
  change('PATCH');
  change('PUT');

  registry.add({
    method: 'DELETE', path: BASE, permission: 'breaking.send', kind: 'api', status: 204,
    summary: 'Take the breaking news item down now (404 when none is up)',
    handler: async (c) => {
      if (!(await breaking.takeDown(actorOf(c)))) throw new LedeError('NOT_FOUND', 'no breaking news item is up; nothing to take down', { reason: 'not_found' });
      return c.body(null, 204);
    },
  });
}
