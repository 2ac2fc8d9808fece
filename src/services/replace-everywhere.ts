import { LedeError, type Block, type Figure, type Story } from '../content/index.js';
import type { AuditActor } from '../store/audit-repository.js';
import { draftOf, type StoryService } from './story-service.js';
import { ROLE_GRANTS, type Role } from '../content/roles.js';
import type { Queryable } from '../store/types.js';
import { AssetRepository } from '../store/asset-repository.js';
import { storiesUsingAsset } from '../store/media-uses.js';

/** What replacing a picture everywhere did. */
export interface ReplaceEverywhereResult {
  /** Stories rewritten (each a new version with a revision), in the order done. */
  replaced: Story[];
  /** Stories that could not be rewritten, with why (another save won twice, a rule refused it). */
  failed: { storyId: string; headline: string; code: string; message: string }[];
}

/**
 * Rewriting stories of any owner, published ones too, needs the right to edit
 * and publish any story (on top of media.manage): FORBIDDEN otherwise.
 */
export function assertMayReplaceEverywhere(role: Role): void {
  const grants = ROLE_GRANTS[role].story;
  if (grants['story.edit'] !== 'any' || grants['story.publish'] !== 'any') {
    throw new LedeError('FORBIDDEN', `your role (${role}) may not change every story that uses this picture (needs story.edit and story.publish on any story)`, {
      reason: 'replace_everywhere_forbidden', params: { role },
    });
  }
}

/**
 * Replaces the picture `fromAssetId` with `toAssetId` in every story that uses
 * it (lead, body, related teasers, author images), keeping each use's alt
 * text and caption: one ordinary versioned save per story, through
 * StoryService (validation, publishing rules, revision "image replaced",
 * audit, events and page purges), so each is undoable like any edit. A save
 * that loses to a concurrent editor is read again and retried once.
 *
 * Refused up front (nothing written) when the replacement does not exist or
 * is the same picture, or when it has no credit line, the rule is on and a
 * story using the old picture is published or scheduled.
 */
export async function replaceAssetEverywhere(
  db: Queryable, stories: StoryService, fromAssetId: string, toAssetId: string, actor?: AuditActor,
): Promise<ReplaceEverywhereResult> {
  const from = fromAssetId.toLowerCase();
  const to = toAssetId.toLowerCase();
  if (from === to) throw new LedeError('VALIDATION', 'the replacement is the same picture', { reason: 'same_picture' });
  const assets = new AssetRepository(db);
  const [target, source] = await Promise.all([assets.get(to), assets.get(from)]);
  if (!target) throw new LedeError('NOT_FOUND', `no picture ${toAssetId} in the media library`, { reason: 'no_picture' });
  const uses = await storiesUsingAsset(db, from, 100_000);
  if (!source && !uses.length) throw new LedeError('NOT_FOUND', `no picture ${fromAssetId} in the media library`, { reason: 'no_picture' });
  const publicUses = uses.filter((u) => u.status === 'published' || u.status === 'scheduled');
  if (!target.rights.credit && stories.requireImageCredit && publicUses.length) {
    throw new LedeError('VALIDATION', `the replacement picture has no credit line ("Bildrechte: …") and ${publicUses.length} published or scheduled `
      + `${publicUses.length === 1 ? 'story uses' : 'stories use'} the old one; add a credit in the media library first`, { reason: 'replacement_no_credit', params: { stories: publicUses.length } });
  }
  const result: ReplaceEverywhereResult = { replaced: [], failed: [] };
  for (const use of uses) {
    for (let attempt = 0; ; attempt++) {
      try {
        const current = await stories.get(use.storyId);
        const draft = swapAsset(draftOf(current), from, to);
        result.replaced.push(await stories.update(current.id, draft, { expectedVersion: current.version, note: 'image replaced', ...(actor && { actor }) }));
        break;
      } catch (err) {
        if (err instanceof LedeError && err.code === 'VERSION_CONFLICT' && attempt === 0) continue;
        const e = err instanceof LedeError ? err : new LedeError('INTERNAL', err instanceof Error ? err.message : String(err), { reason: 'internal', cause: err });
        result.failed.push({ storyId: use.storyId, headline: use.headline, code: e.code, message: e.message });
        break;
      }
    }
  }
  return result;
}

/** A copy of `draft` with every figure naming `from` naming `to` instead (alt text and caption stay). */
export function swapAsset<T extends Pick<Story, 'lead' | 'body' | 'related' | 'authors'>>(draft: T, from: string, to: string): T {
  const fig = <F extends Figure>(f: F): F => {
    if (f.assetId?.toLowerCase() !== from) return f;
    // The old picture's file, size and credit must not linger in the figure.
    const { src: _src, width: _w, height: _h, credit: _credit, ...rest } = f;
    return { ...rest, assetId: to } as F;
  };
  const blocks = (list: Block[]): Block[] => list.map((b) => (b.type === 'figure' ? fig(b) : b.type === 'ticker-entry' ? { ...b, body: blocks(b.body) } : b));
  return {
    ...draft,
    ...(draft.lead && { lead: fig(draft.lead) }),
    body: blocks(draft.body),
    related: draft.related.map((r) => (r.image ? { ...r, image: fig(r.image) } : r)),
    authors: draft.authors.map((a) => (a.image ? { ...a, image: fig(a.image) } : a)),
  };
}
