import { randomUUID } from 'node:crypto';
import { LedeError, toZonedIso, zonedIso, type Story } from '../content/index.js';
import { findStory } from '../store/story-queries.js';
import { mayOnStory, type Actor, type StoryAction } from '../content/roles.js';
import { noStory, validDraft } from '../services/story-service.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';

/**
 * Small pieces every JSON endpoint of the newsroom API shares (and the pages
 * that do the same things): the version headers (ETag / If-Match) and the
 * 412 that carries both versions, loading a story the caller may see and act
 * on, and the preview of a draft. Body limits are the registry's (maxBodyBytes).
 */

export { jsonBody as readJson } from '../http/endpoints.js';

export const etagOf = (version: number): string => `"v${version}"`;

/**
 * The version named by If-Match. Writes without one (or with something that
 * is not one of our ETags) are refused with 428: a client that does not say
 * which version it edited could overwrite anybody's work.
 */
export function ifMatchVersion(c: NewsroomContext, what = 'story'): number {
  const raw = c.req.header('if-match')?.trim();
  if (!raw) {
    throw new LedeError('PRECONDITION_REQUIRED',
      `this write needs an If-Match header with the version you edited, e.g. If-Match: "v3" (the ETag you got when you loaded the ${what})`, { reason: 'version_required' });
  }
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(raw);
  if (!m) {
    throw new LedeError('PRECONDITION_REQUIRED',
      `If-Match ${JSON.stringify(raw)} is not a ${what} version; send the ETag you got when you loaded the ${what}, e.g. If-Match: "v3"`, { reason: 'version_required' });
  }
  return Number(m[1]);
}

/** The 412 answer: what is stored now and what the caller sent, so nothing is lost and the client can merge. */
export function versionConflict(current: Story, yours: unknown, edited: number): LedeError {
  const message = `the story was changed meanwhile: you edited version ${edited}, the current version is ${current.version}. `
    + 'Nothing was saved; merge your changes into the current version and save again against it.';
  return new LedeError('VERSION_CONFLICT', message, { reason: 'version_conflict', params: { edited, current: current.version }, extra: { current, yours } });
}

/** The signed-in user as roles.ts judges them. */
export function actorRole(c: NewsroomContext): Actor {
  const s = c.get('session');
  if (!s) throw new LedeError('UNAUTHORIZED', 'not logged in', { reason: 'not_logged_in' });
  return { id: s.user.id, role: s.user.role };
}


const ACTION_WORDS: Record<StoryAction, string> = {
  'story.view': 'view',
  'story.edit': 'edit',
  'story.submit': 'submit or withdraw',
  'story.publish': 'publish or schedule',
  'story.depublish': 'take down',
  'story.correct': 'correct',
};

/** 403 naming the action and why, for a story the user can see. */
export function assertMay(actor: Actor, action: StoryAction, story: Story): void {
  if (mayOnStory(actor, action, story)) return;
  const own = story.ownerId === actor.id;
  const live = action === 'story.edit' && (story.status === 'published' || story.status === 'scheduled');
  if (live) {
    throw new LedeError('FORBIDDEN', `changing a ${story.status} story is publishing, and your role (${actor.role}) may not publish ${own ? 'it' : "someone else's story"}`, {
      reason: 'may_not_publish_live', params: { status: story.status, role: actor.role, own: own ? 'yes' : 'no' },
    });
  }
  throw new LedeError('FORBIDDEN', `your role (${actor.role}) may not ${ACTION_WORDS[action]} ${own ? 'this story' : "someone else's story"} (${action})`, {
    reason: 'may_not', params: { role: actor.role, own: own ? 'yes' : 'no', action },
  });
}

/**
 * The story `idOrSlug` names, if the signed-in user may `action` it. A story
 * they may not even view answers 404 like one that does not exist
 * (contributors must not learn which stories exist beside their own); one
 * they may view but not `action` answers 403 saying why.
 */
export async function storyFor(c: NewsroomContext, deps: Pick<NewsroomDeps, 'db'>, idOrSlug: string, action: StoryAction = 'story.view'): Promise<Story> {
  const actor = actorRole(c);
  const story = await findStory(deps.db, idOrSlug);
  if (!story || !mayOnStory(actor, 'story.view', story)) throw noStory(idOrSlug);
  if (action !== 'story.view') assertMay(actor, action, story);
  return story;
}

export { validDraft };

/**
 * What readers would get if `input` were published now (the preview): the
 * stored story's identity, or a made-up one for a story not saved yet, with
 * this content; firstPublishedAt as publishing would set it. Not stored.
 */
export function previewStory(input: unknown, stored: Story | undefined): Story {
  const draft = validDraft(input);
  const now = toZonedIso(new Date());
  return {
    ...draft,
    id: stored?.id ?? randomUUID(),
    slug: draft.slug ?? stored?.slug ?? 'vorschau',
    section: draft.section ?? 'Nachrichten',
    status: 'published',
    version: stored?.version ?? 1,
    createdAt: stored?.createdAt ?? now,
    modifiedAt: now,
    firstPublishedAt: draft.firstPublishedAt ?? stored?.firstPublishedAt ?? now,
    ...(stored?.corrections && { corrections: stored.corrections }),
  };
}

/** Roles whose view of stories is limited to their own (contributors): lists show them nothing else, whatever the filter. */
export function seesOwnStoriesOnly(actor: Actor): boolean {
  return !mayOnStory(actor, 'story.view', { ownerId: undefined });
}

/**
 * A day (YYYY-MM-DD) of a list filter as the instant it starts in Berlin, or
 * with `end` the instant it ends (the next midnight), so a "to" day counts
 * whole; undefined when `value` is not a real day.
 */
export function berlinDayBound(value: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = zonedIso(y, mo, d);
  if (!start || !end) return start;
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  return zonedIso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}
