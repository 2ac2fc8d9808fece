import { LedeError, type Story } from '../content/index.js';
import { RevisionRepository } from '../store/index.js';
import { diffStories, type StoryDiff } from '../content/block-diff.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { storyFor } from './api-support.js';

/** A version number from a query parameter; `fallback` when absent. */
export function versionParam(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new LedeError('VALIDATION', `${name} must be a version number`, { issues: [{ path: name, message: 'a version number (1, 2, …)' }] });
  }
  return Number(raw);
}

/**
 * The diff between two versions of `story` (default: the one before the
 * current and the current). Either may be any stored version; `from` later
 * than `to` shows the change backwards.
 */
export async function storyDiff(deps: NewsroomDeps, story: Story, fromRaw: string | undefined, toRaw: string | undefined): Promise<{ from: Story; to: Story; diff: StoryDiff }> {
  const to = versionParam(toRaw, 'to', story.version);
  const from = versionParam(fromRaw, 'from', Math.max(1, to - 1));
  const revisions = new RevisionRepository(deps.db);
  const [a, b] = await Promise.all([revisions.get(story.id, from), revisions.get(story.id, to)]);
  if (!a || !b) throw new LedeError('NOT_FOUND', `story ${story.id} has no version ${!a ? from : to} (it is at version ${story.version})`);
  return { from: a, to: b, diff: diffStories(a, b) };
}

/** `GET /newsroom/api/stories/:id/diff?from&to`: the block-aware diff as JSON. */
export function registerDiffApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/stories/:id/diff', permission: 'story.view', kind: 'api',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const story = await storyFor(ctx, deps, c.req.param('id') ?? '');
      const { diff } = await storyDiff(deps, story, c.req.query('from'), c.req.query('to'));
      return c.json({ storyId: story.id, currentVersion: story.version, ...diff });
    },
  });
}
