import { z } from 'zod';
import type { Story } from '../content/index.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, oneOf } from '../http/input.js';
import { WireStoryLink, agencyKey, type StoryAgencyView } from '../services/wire-story-link.js';
import { storyFor } from './api-support.js';

/**
 * A story's agency link for the editor (GET /newsroom/api/stories/:id/agency):
 * which item it was taken from, its withdrawal, a newer version with the
 * fields to merge, the Sperrfrist. The editor polls it to refresh its agency
 * panel; after a merge it records the merged version as taken.
 * Whoever may see the story may read its link; whoever may edit it may move it.
 */

/**
 * What the editor's agency panel polls: the view, the story's own embargo
 * (the panel's Sperrfrist weighs both) and the key the panel compares with
 * the one it was drawn with.
 */
export function agencyJson(view: StoryAgencyView | undefined, story: Pick<Story, 'embargoUntil'>) {
  return { agency: view ?? null, storyEmbargoUntil: story.embargoUntil ?? null, key: view ? agencyKey(view, story.embargoUntil) : '' };
}

/** `?view=key`: only the key (the panel's 30-second poll), without the version documents, fields and diff. */
const agencyQuery = z.object({ view: z.preprocess((v) => (v === '' ? undefined : v), oneOf(['key', 'full'] as const).optional()) });

const acceptBody = z.object({
  fromVersion: z.number().int().min(1).max(2_000_000_000),
  toVersion: z.number().int().min(1).max(2_000_000_000),
});

export function registerWireStoryApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const link = () => new WireStoryLink(deps.db, deps.services.wire, { events: deps.events });

  registry.add({
    method: 'GET', path: '/newsroom/api/stories/:id/agency', permission: 'story.view', kind: 'api',
    summary: 'The agency item a story was taken from: source, guid, taken and current version, withdrawal, a newer version (diff and fields to merge), Sperrfrist; `agency: null` for other stories; `?view=key` answers only `{key}`',
    input: { params: idParams, query: agencyQuery },
    handler: async (c, { params, query }) => {
      const story = await storyFor(c, deps, params.id);
      if (query.view === 'key') {
        const state = await link().state(story.id);
        return c.json({ key: state ? agencyKey(state, story.embargoUntil) : '' });
      }
      return c.json(agencyJson(await link().view(story.id), story));
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/stories/:id/agency/accept', permission: 'story.edit', kind: 'api',
    summary: 'After merging a newer agency version into the story (saved through PUT as usual): the story\'s link names that version as taken (412 when it moved meanwhile)',
    input: { params: idParams, body: acceptBody, bodyName: '{"fromVersion": n, "toVersion": m}' },
    handler: async (c, { params, body }) => {
      const story = await storyFor(c, deps, params.id, 'story.edit');
      await link().accept(story.id, body, actorOf(c));
      return c.json(agencyJson(await link().view(story.id), story));
    },
  });
}
