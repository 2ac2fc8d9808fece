import { LedeError, type Story } from '../content/index.js';
import { getRevision } from '../store/story-queries.js';
import { diffStories, type StoryDiff } from '../content/block-diff.js';
import type { NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { storyFor } from './api-support.js';
import { diffQuery } from './story-inputs.js';

/**
 * The diff between two versions of `story` (default: the one before the
 * current and the current). Either may be any stored version; `from` later
 * than `to` shows the change backwards.
 */
export async function storyDiff(deps: Pick<NewsroomDeps, 'db'>, story: Story, versions: { from?: number | undefined; to?: number | undefined }): Promise<{ from: Story; to: Story; diff: StoryDiff }> {
  const to = versions.to ?? story.version;
  const from = versions.from ?? Math.max(1, to - 1);
  const [a, b] = await Promise.all([getRevision(deps.db, story.id, from), getRevision(deps.db, story.id, to)]);
  if (!a || !b) {
    throw new LedeError('NOT_FOUND', `story ${story.id} has no version ${!a ? from : to} (it is at version ${story.version})`, {
      reason: 'no_revision', params: { current: story.version },
    });
  }
  return { from: a, to: b, diff: diffStories(a, b) };
}

/** `GET /newsroom/api/stories/:id/diff?from&to`: the block-aware diff as JSON. */
export function registerDiffApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/stories/:id/diff', permission: 'story.view', kind: 'api', summary: 'The block-aware diff of two versions',
    input: { params: idParams, query: diffQuery },
    handler: async (c, { params, query }) => {
      const story = await storyFor(c, deps, params.id);
      const { diff } = await storyDiff(deps, story, query);
      return c.json({ storyId: story.id, currentVersion: story.version, ...diff });
    },
  });
}
