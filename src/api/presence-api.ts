import type { NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { readJson, storyFor } from './api-support.js';

/** A heartbeat carries at most {"leaving": true}. */
const PRESENCE_BODY_MAX = 1024;

/**
 * `POST /newsroom/api/stories/:id/presence`: "I have this story open". The
 * editor calls it every ~10 s (assets/newsroom/editor.js); the answer names
 * the others seen on the story in the last 30 s. `{"leaving": true}` says
 * the editor was closed. Kept in the database, so it works across app nodes.
 */
export function registerPresenceApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'POST', path: '/newsroom/api/stories/:id/presence', permission: 'story.view', kind: 'api', maxBodyBytes: PRESENCE_BODY_MAX,
    summary: 'A heartbeat of an open editor; answers who else has the story open',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const story = await storyFor(c, deps, params.id);
      const user = c.get('session')!.user;
      // The body is optional; only {"leaving": true} means anything, anything else (or nothing) is a heartbeat.
      const body: { leaving?: unknown } = /^application\/json\b/i.test(c.req.header('content-type') ?? '')
        ? await readJson(c, '{"leaving": true} or nothing').catch(() => ({}))
        : {};
      if (body.leaving === true) {
        await deps.services.presence.leave(story.id, user.id);
        return c.json({ others: [] });
      }
      const others = await deps.services.presence.beat(story.id, user.id);
      return c.json({ others });
    },
  });
}
