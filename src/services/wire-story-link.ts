import { LedeError, isUuid, validateDraft, type Block } from '../content/index.js';
import type { WireDiff } from '../content/wire-diff.js';
import { wireReceived, type EventBus } from '../events/event-bus.js';
import type { WireItem } from '../ingest/agency/wire-item.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import type { Database } from '../store/types.js';
import { WireTakeRepository } from '../store/wire-take-repository.js';
import type { WireSource } from '../store/wire-source-repository.js';
import type { StoryAgencyState, WireDesk } from './wire-desk.js';
import { wireDraft } from './wire-draft.js';

/**
 * The story editor's side of the agency desk: what the editor shows of a
 * story taken from a wire item (its source, the withdrawal and what the
 * source's policy did about it, a newer version with its diff and the fields
 * to merge, the Sperrfrist) and the one write it makes: after the editor
 * merged a newer version, the story's link names that version.
 */

/** The story fields an editor can take from a newer agency version, in the merge view's order. */
export const AGENCY_MERGE_FIELDS = ['kicker', 'headline', 'teaser', 'byline', 'dateline', 'body'] as const;
export type AgencyMergeField = (typeof AGENCY_MERGE_FIELDS)[number];

/** The agency version's text as the story's fields (as a take-over of it would set them, validated like a save). */
export interface AgencyFields {
  kicker?: string;
  headline: string;
  teaser?: string;
  byline?: string;
  dateline?: string;
  body: Block[];
}

export interface StoryAgencyView extends StoryAgencyState {
  sourceName: string;
  /** What the source does with stories of a withdrawn item ('flag' when the source is gone). */
  withdrawPolicy: WireSource['withdrawPolicy'];
  /** The item's current publication status (usable, canceled, withheld). */
  pubStatus: string;
  /** The desk's page of the item. */
  deskPath: string;
  /** A version after the one taken (none while the item is withdrawn: there is nothing to take then). */
  update?: {
    version: number;
    correction: boolean;
    fields: AgencyFields;
    /** From the taken version to the current one; absent when the taken version is not stored. */
    diff?: WireDiff;
  };
}

export interface WireStoryLinkOptions {
  events?: EventBus | undefined;
}

export class WireStoryLink {
  constructor(private readonly db: Database, private readonly desk: WireDesk, private readonly opts: WireStoryLinkOptions = {}) {}

  /** The link's state alone (what the panel's key is made of): cheap enough for a poll. */
  async state(storyId: string): Promise<StoryAgencyState | undefined> {
    return isUuid(storyId) ? this.desk.storyAgencyState(storyId) : undefined;
  }

  /** The agency view of a story, or undefined for a story not taken from a wire item (or no story at all). */
  async view(storyId: string): Promise<StoryAgencyView | undefined> {
    if (!isUuid(storyId)) return undefined;
    const state = await this.desk.storyAgencyState(storyId);
    if (!state) return undefined;
    const [source, current] = await Promise.all([
      this.desk.source(state.source).catch(() => undefined),
      this.desk.version(state.itemId, state.currentVersion),
    ]);
    const view: StoryAgencyView = {
      ...state, sourceName: source?.name ?? state.source, withdrawPolicy: source?.withdrawPolicy ?? 'flag', pubStatus: current.pubStatus,
      deskPath: `/newsroom/agentur/${state.itemId}`,
    };
    if (state.currentVersion > state.takenVersion && !state.withdrawn) {
      let diff: WireDiff | undefined;
      try {
        diff = await this.desk.diff(state.itemId, state.takenVersion, state.currentVersion);
      } catch (err) {
        // A taken version that is not stored (an older database) still offers the merge, without the diff.
        if (!(err instanceof LedeError && err.code === 'NOT_FOUND')) throw err;
      }
      view.update = {
        version: state.currentVersion, correction: state.correction,
        fields: agencyFields(current, source ?? { id: state.source, name: state.source, settings: {} }),
        ...(diff && { diff }),
      };
    }
    return view;
  }

  /**
   * After a merge: the story's link names `toVersion` as taken, in its own
   * transaction, audited as 'wire.merged'. `fromVersion` is the taken version
   * the editor saw (the version check); a link that moved meanwhile is a 412.
   */
  async accept(storyId: string, input: { fromVersion: unknown; toVersion: unknown }, actor: AuditActor): Promise<StoryAgencyState> {
    const from = input.fromVersion;
    const to = input.toVersion;
    const whole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2_000_000_000;
    if (!whole(from) || !whole(to) || to <= from) {
      throw new LedeError('VALIDATION', 'send {"fromVersion": n, "toVersion": m}: whole agency version numbers with m after n', { reason: 'input_invalid' });
    }
    const state = isUuid(storyId) ? await this.desk.storyAgencyState(storyId) : undefined;
    // The story exists (the caller found it): it is the link that is missing, a state the request cannot change.
    if (!state) throw new LedeError('CONFLICT', `story ${storyId} was not taken from an agency item: there is no agency version to record`, { reason: 'no_wire_item' });
    if (to > state.currentVersion) {
      throw new LedeError('VALIDATION', `the agency item has no version ${to} yet (its current version is ${state.currentVersion})`, {
        reason: 'no_wire_version', params: { current: state.currentVersion },
      });
    }
    const itemId = await this.db.transaction(async (tx) => {
      const moved = await new WireTakeRepository(tx).advance(storyId, from, to);
      if (!moved) return undefined;
      await audit(tx, actor, 'wire.merged', {
        storyId, detail: { itemId: moved, source: state.source, guid: state.guid, fromVersion: from, toVersion: to },
      });
      return moved;
    });
    if (!itemId) {
      // Read again: another tab may have moved it between the read above and the update.
      const now = (await this.desk.storyAgencyState(storyId))?.takenVersion ?? state.takenVersion;
      throw new LedeError('VERSION_CONFLICT', `the story's agency link names version ${now} now, not ${from}; reload the editor`, {
        reason: 'version_conflict', params: { current: now },
      });
    }
    // The desk's item page lists its takes with their versions: it changed.
    await this.opts.events?.emit(wireReceived(itemId));
    return (await this.desk.storyAgencyState(storyId))!;
  }
}

/**
 * What the editor's panel shows, in one string: the page puts it in the
 * panel's island, the JSON answer carries it too, and the script redraws the
 * panel when they differ (one definition, so they cannot drift apart).
 */
export function agencyKey(view: Pick<StoryAgencyState, 'takenVersion' | 'currentVersion' | 'withdrawn' | 'alert' | 'embargoUntil'>, storyEmbargoUntil: string | undefined): string {
  return [view.takenVersion, view.currentVersion, view.withdrawn, view.alert ?? '', view.embargoUntil ?? '', storyEmbargoUntil ?? ''].join('|');
}

/** The fields a take-over of `item` would give the story, normalised by the story's own validation where it accepts them. */
export function agencyFields(item: WireItem, source: Pick<WireSource, 'id' | 'name' | 'settings'>): AgencyFields {
  const draft = wireDraft({ item, source, rules: [] });
  const checked = validateDraft(draft);
  const d = (checked.ok ? checked.value : draft) as Partial<AgencyFields>;
  return {
    ...(d.kicker !== undefined && { kicker: d.kicker }),
    headline: d.headline ?? item.headline,
    ...(d.teaser !== undefined && { teaser: d.teaser }),
    ...(d.byline !== undefined && { byline: d.byline }),
    ...(d.dateline !== undefined && { dateline: d.dateline }),
    body: d.body ?? [],
  };
}
