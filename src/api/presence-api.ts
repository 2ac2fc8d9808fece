import { PresenceRepository } from '../store/presence-repository.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { readJson, storyFor } from './api-support.js';

const PRESENCE_BODY_MAX = 1024;

/**
 * `POST /newsroom/api/stories/:id/presence`: "I have this story open". The
 * editor calls it every ~10 s (assets/newsroom/editor.js); the answer names
 * the others seen on the story in the last 30 s. `{"leaving": true}` says
 * the editor was closed. Kept in the database, so it works across app nodes.
 */
export function registerPresenceApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'POST', path: '/newsroom/api/stories/:id/presence', permission: 'story.view', kind: 'api',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const story = await storyFor(ctx, deps, c.req.param('id') ?? '');
      const user = ctx.get('session')!.user;
      // The body is optional (and small); only {"leaving": true} means anything, anything else is a heartbeat.
      const body: { leaving?: unknown } = /^application\/json\b/i.test(c.req.header('content-type') ?? '')
        ? await readJson(ctx, '{"leaving": true} or nothing', PRESENCE_BODY_MAX).catch(() => ({}))
        : {};
      if (body.leaving === true) {
        await new PresenceRepository(deps.db).leave(story.id, user.id);
        return c.json({ others: [] });
      }
      const others = await deps.db.transaction((tx) => new PresenceRepository(tx).beat(story.id, user.id));
      return c.json({ others });
    },
  });
}
