import { randomUUID } from 'node:crypto';
import { LedeError, blocksToText, isUuid, type Story } from '../content/index.js';
import { diffWireVersions, type WireDiff } from '../content/wire-diff.js';
import { wireReceived, type EventBus } from '../events/event-bus.js';
import { WireRefusal, WIRE_PUB_STATUSES, type WireItem } from '../ingest/agency/wire-item.js';
import { audit, SYSTEM_ACTOR, type AuditActor } from '../store/audit-repository.js';
import type { Database, Queryable } from '../store/types.js';
import { UserRepository } from '../store/user-repository.js';
import {
  WireRepository, wireStatus, type DeadLetter, type VersionEntry, type WireItemColumns, type WireItemMeta, type WireTake,
} from '../store/wire-repository.js';
import { listWireItems, type WireListEntry, type WireListFilter } from '../store/wire-queries.js';
import { WireSourceRepository, type WireRule, type WireSource } from '../store/wire-source-repository.js';
import type { NewsroomMedia } from './media-library.js';
import { StoryService, joinTransaction } from './story-service.js';
import { cleanDeep } from './wire-clean.js';
import { leadPicture, wireDraft } from './wire-draft.js';
import { DEFAULT_PICTURE_FETCH, PictureFetchError, fetchPicture, pictureRights, type PictureFetchOptions } from './wire-pictures.js';
import { readEntries, type ReadWire, type ReadWireEntries, type WireEntries } from './wire-reader.js';
import { categoryMatches, checkRules, checkSource, parseSourcesEnv } from './wire-sources.js';
import { enqueueOutbox } from '../store/webhook-outbox.js';
import { wireItemReceived } from './webhook-events.js';

// The read side (newsroom pages, API) takes the item's shape from here, not from src/ingest.
export type { WireAssociation, WireBox, WireCategory, WireItem, WireNote, WireRendition, WireRights } from '../ingest/agency/wire-item.js';
export { WIRE_CATEGORY_SCHEMES } from '../ingest/agency/wire-item.js';

/** Dead letters keep at most this much of a document (the rest is cut; such a letter cannot be retried). */
export const DEAD_LETTER_MAX_BYTES = 5 * 1024 * 1024;
/** How long ingest trusts a source it read (withdrawal policy, format, auto-publish rules). */
const SOURCE_TTL_MS = 2_000;
/** Body text beyond this is left out of an item's search vector (a tsvector holds at most 1 MB). */
const MAX_SEARCH_TEXT = 200_000;

/** What became of one item of a delivery, or of a document that could not be read. */
export type IngestOutcome =
  | {
    /** new: first seen; version: a newer version replaced the current one; duplicate: this version is stored already; ignored: older than the current one (kept in the history only). */
    result: 'new' | 'version' | 'duplicate' | 'ignored';
    itemId: string;
    guid: string;
    version: number;
    /** The item's current version after this delivery. */
    currentVersion: number;
    withdrawn: boolean;
    /** What the reader dropped or was unsure of, and what went wrong after the item was stored (auto-publish, pictures). */
    warnings: string[];
    /** Set when an auto-publish rule made and published (or, under embargo, scheduled) a story from the item. */
    autoPublished?: { storyId: string; status: Story['status'] };
  }
  | { result: 'refused'; reason: string; deadLetterId: string };

export interface IngestMeta {
  /** File or key name (for the dead letter and format detection). */
  name?: string;
  /** The transport it came by: wireq, push, folder, s3, cli, manual. */
  via?: string;
}

/** What the editor shows of a story taken from a wire item ("Neue Agenturfassung", withdrawal warning, Sperrfrist). */
export interface StoryAgencyState {
  itemId: string;
  source: string;
  guid: string;
  takenVersion: number;
  currentVersion: number;
  withdrawn: boolean;
  /** A version after the one taken is a correction. */
  correction: boolean;
  embargoUntil?: string;
  /** The story was flagged for the withdrawal, or depublished because of it. */
  alert?: 'withdrawn' | 'depublished';
}

export interface WireItemView {
  item: WireItemMeta;
  /** The current version as read (desk-only: notes and usage terms included). */
  current: WireItem;
  /** Newest first. */
  versions: VersionEntry[];
  takes: WireTake[];
}

export interface WireDeskOptions {
  events?: EventBus | undefined;
  /** The media library pictures are fetched into; without it a take-over has no picture (and says so). */
  media?: NewsroomMedia | undefined;
  /** A whole-document reader instead of src/ingest/agency's (tests); it refuses a document as a whole. */
  read?: ReadWire;
  /** How pictures are fetched (the global fetch, 15 s, 30 MB, public hosts only, by default). */
  pictures?: Partial<PictureFetchOptions>;
  clock?: () => Date;
  /** One line per notable happening (late versions, failed withdrawals); default stderr. */
  log?: (line: string) => void;
}

type Source = WireSource;
const lc = (s: string) => s.trim().toLocaleLowerCase('de');
const tail = (code: string) => code.slice(code.lastIndexOf(':') + 1);

const noItem = (id: string) => new LedeError('NOT_FOUND', `no wire item with id "${id}"`, { reason: 'no_wire_item', params: { id } });
const noSource = (id: string) => new LedeError('NOT_FOUND', `no wire source "${id}"; add it in the newsroom (agency sources) or in LEDE_WIRE_SOURCES first`, {
  reason: 'no_wire_source', params: { source: id },
});

/**
 * The agency desk: the one write path for wire items. `ingest` takes what a
 * transport received; each item is stored in its own transaction, keyed by
 * (source, guid), so a redelivery, a delivery by two nodes at once or a late
 * older version leaves exactly one row per version. Editors take items over
 * into stories, which the desk keeps linked to the item's later versions and
 * its withdrawal.
 */
/** What storing one item did, before anything that follows the commit. */
type Stored = { outcome: Omit<Extract<IngestOutcome, { itemId: string }>, 'warnings'>; withdrawnStories: string[] };

export class WireDesk {
  readonly #read: ReadWireEntries;
  readonly #clock: () => Date;
  readonly #log: (line: string) => void;
  readonly #pictures: PictureFetchOptions;
  readonly #sources = new Map<string, { source: WireSource; at: number }>();

  constructor(private readonly db: Database, private readonly stories: StoryService, private readonly opts: WireDeskOptions = {}) {
    const whole = opts.read;
    this.#read = whole ? async (input, o) => (await whole(input, o)).map((item, index) => ({ index, item })) : readEntries;
    this.#clock = opts.clock ?? (() => new Date());
    this.#log = opts.log ?? ((line) => console.error(`[wire] ${line}`));
    this.#pictures = { ...DEFAULT_PICTURE_FETCH, fetch: globalThis.fetch.bind(globalThis), ...opts.pictures };
  }

  // ------------------------------------------------------------------ ingest

  /**
   * Reads a document and stores its items. Never throws for a bad document:
   * it becomes a dead letter and a `refused` outcome. Throws only for the
   * caller's mistakes (an unknown source) and when the database fails.
   * Resolves after every item is committed (a transport may then acknowledge).
   */
  async ingest(sourceId: string, input: Uint8Array | string, meta: IngestMeta = {}): Promise<IngestOutcome[]> {
    const source = await this.#cachedSource(sourceId);
    const read = await this.#parse(source, input, meta.name);
    const reason = 'reason' in read ? read.reason : read.refused;
    const out = 'items' in read ? await this.#storeAll(source, read.items, meta.via) : [];
    if (reason) {
      // The whole document is kept: a retry stores what is readable by then (what was stored already is a duplicate).
      const deadLetterId = await this.#deadLetter(source.id, input, reason, meta);
      this.#log(`${source.id}: ${meta.name ?? 'a document'} was refused (${reason}); kept as dead letter ${deadLetterId}`);
      out.push({ result: 'refused', reason, deadLetterId });
    }
    return out;
  }

  /**
   * The document's items, checked, and what could not be read of it: the
   * reason for the whole document, or (for a list with some bad entries) one
   * reason naming each bad entry while the good ones are stored.
   */
  async #parse(source: Source, input: Uint8Array | string, name: string | undefined): Promise<{ items: WireItem[]; refused?: string } | { reason: string }> {
    let entries: WireEntries;
    try {
      entries = await this.#read(input, name === undefined ? {} : { name });
    } catch (err) {
      if (err instanceof WireRefusal) return { reason: err.message };
      // A reader that trips over a document is a bad document to the desk: listed, never a failed delivery.
      return { reason: `the document could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!Array.isArray(entries) || !entries.length) return { reason: 'the document holds no agency item' };
    const problems: string[] = [];
    const items: WireItem[] = [];
    for (const entry of entries) {
      const at = entries.length > 1 ? `entry ${entry.index + 1} of ${entries.length}: ` : '';
      if ('refusal' in entry) {
        problems.push(`${at}${entry.refusal.message}`);
        continue;
      }
      const item = cleanDeep(entry.item);
      const wrong: string[] = [];
      if (source.format !== 'auto' && item.format !== source.format) wrong.push(`the source ${source.id} takes ${source.format}, this is ${item.format}`);
      if (typeof item.guid !== 'string' || !item.guid.trim() || item.guid.length > 1000) wrong.push('no usable id (guid/urn)');
      if (!Number.isInteger(item.version) || item.version < 1 || item.version > 2_000_000_000) wrong.push(`version must be a whole number ≥ 1, got ${String(item.version)}`);
      if (!(WIRE_PUB_STATUSES as readonly string[]).includes(item.pubStatus)) wrong.push(`unknown publication status ${String(item.pubStatus)}`);
      if (typeof item.headline !== 'string') wrong.push('no headline');
      if (wrong.length) problems.push(`${at}${wrong.join('; ')}`);
      else items.push(item);
    }
    if (!items.length) return { reason: problems.join('; ') };
    return { items, ...(problems.length && { refused: problems.join('; ') }) };
  }

  async #deadLetter(source: string, input: Uint8Array | string, reason: string, meta: IngestMeta): Promise<string> {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const id = randomUUID();
    await new WireRepository(this.db).addDeadLetter({
      id, source, reason: cleanDeep(reason).slice(0, 4000), raw: bytes.subarray(0, DEAD_LETTER_MAX_BYTES), size: bytes.length,
      truncated: bytes.length > DEAD_LETTER_MAX_BYTES, ...(meta.name && { name: cleanDeep(meta.name).slice(0, 1000) }), ...(meta.via && { via: cleanDeep(meta.via).slice(0, 100) }),
    });
    return id;
  }

  async #storeAll(source: Source, items: WireItem[], via: string | undefined): Promise<IngestOutcome[]> {
    const out: IngestOutcome[] = [];
    for (const [item, stored] of await this.#storeBatch(source, items, via)) {
      const outcome: IngestOutcome = { ...stored.outcome, warnings: [...(item.warnings ?? [])] };
      // Told only after the commit: the live desk never shows an item that was rolled back.
      if (outcome.result === 'new' || outcome.result === 'version') await this.opts.events?.emit(wireReceived(outcome.itemId));
      if (outcome.result === 'ignored') this.#log(`${source.id}: version ${item.version} of ${item.guid} arrived after version ${outcome.currentVersion}; kept in its history, not shown`);
      if (stored.withdrawnStories.length) outcome.warnings.push(...await this.#withdraw(source, outcome.itemId, item, stored.withdrawnStories));
      if (outcome.result === 'new' && item.pubStatus === 'usable' && autoPublishes(source, item)) {
        await this.#autoPublish(source, outcome, item);
      }
      out.push(outcome);
    }
    return out;
  }

  /**
   * The items of one document (a wireQ answer holds up to a few dozen) in
   * one transaction, in the order of their ids so that two nodes storing
   * overlapping answers lock the same rows in the same order. One commit
   * instead of one per item is what makes a busy wire cheap: on PGlite each
   * commit is a write-ahead-log flush of its own. Should the batch fail (a
   * database error on one item, or a deadlock with a node that stored the
   * same items in a different batch), every item is stored again in a
   * transaction of its own, so one bad item never holds up the rest.
   */
  async #storeBatch(source: Source, items: WireItem[], via: string | undefined): Promise<Array<[WireItem, Stored]>> {
    const ordered = items.map((item, i) => ({ item, i })).sort((a, b) => (a.item.guid < b.item.guid ? -1 : a.item.guid > b.item.guid ? 1 : a.i - b.i));
    if (ordered.length > 1) {
      try {
        return await this.db.transaction(async (tx) => {
          const out: Array<[WireItem, Stored]> = new Array(items.length);
          for (const { item, i } of ordered) out[i] = [item, await this.#storeIn(tx, source, item, via)];
          return out;
        });
      } catch (err) {
        this.#log(`${source.id}: storing ${ordered.length} items together failed (${err instanceof Error ? err.message : String(err)}); storing them one by one`);
      }
    }
    // Outcomes in the document's order, whatever order they were stored in.
    const out: Array<[WireItem, Stored]> = new Array(items.length);
    for (const { item, i } of ordered) out[i] = [item, await this.db.transaction((tx) => this.#storeIn(tx, source, item, via))];
    return out;
  }

  /** One item: new, a newer version, a redelivery or a late older version. */
  async #storeIn(tx: Queryable, source: Source, item: WireItem, via: string | undefined): Promise<Stored> {
    const at = this.#clock().toISOString();
    const columns = columnsOf(item);
    const withdrawn = item.pubStatus !== 'usable';
    const base = { guid: item.guid, version: item.version };
    {
      const repo = new WireRepository(tx);
      const id = randomUUID();
      if (await repo.insertItem(id, source.id, item.guid, columns, item.correction, item, via ?? null, at)) {
        await enqueueOutbox(tx, [wireItemReceived(id, new Date(at))]); // webhooks: in the item's own transaction
        return { outcome: { result: 'new' as const, itemId: id, ...base, currentVersion: item.version, withdrawn }, withdrawnStories: [] };
      }
      // Someone stored the item before (or is storing it right now: the insert waited for their commit).
      const current = await repo.lockItem(source.id, item.guid);
      if (!current) throw new LedeError('CONFLICT', `wire item ${source.id}/${item.guid} vanished while it was being stored; deliver it again`, { reason: 'no_wire_item' });
      const kept = { itemId: current.id, ...base, currentVersion: current.version, withdrawn: current.pubStatus !== 'usable' };
      if (item.version === current.version) {
        // A withdrawal delivered again (say the process died before its stories came down): carried out now.
        const pending = kept.withdrawn && source.withdrawPolicy === 'depublish'
          ? (await repo.takes(current.id)).filter((t) => t.alert === 'withdrawn').map((t) => t.storyId) : [];
        return { outcome: { result: 'duplicate' as const, ...kept }, withdrawnStories: pending };
      }
      if (item.version < current.version) {
        // Kept so the history (and a diff between any two versions) is complete; the current item stays as it is.
        await repo.addVersion(current.id, item.version, item, { correction: item.correction, via: via ?? null, at, late: true });
        return { outcome: { result: 'ignored' as const, ...kept }, withdrawnStories: [] };
      }
      await repo.addVersion(current.id, item.version, item, { correction: item.correction, via: via ?? null, at, late: false });
      const corrected = current.corrected || item.correction;
      await repo.setCurrent(current.id, columns, wireStatus({ pubStatus: item.pubStatus, corrected, taken: current.taken }), corrected, at);
      // Every story taken from a withdrawn item is flagged in the same transaction; depublishing follows the commit.
      const withdrawnStories = withdrawn ? await repo.alertTakes(current.id, 'withdrawn') : [];
      await enqueueOutbox(tx, [wireItemReceived(current.id, new Date(at))]);
      return { outcome: { result: 'version' as const, ...kept, currentVersion: item.version, withdrawn }, withdrawnStories };
    }
  }

  /**
   * The source's withdrawal policy for stories taken from a withdrawn item:
   * 'depublish' takes published (and scheduled) ones down as the system,
   * audited with the item; 'flag' leaves them to an editor, who sees the flag.
   */
  async #withdraw(source: Source, itemId: string, item: WireItem, storyIds: string[]): Promise<string[]> {
    if (source.withdrawPolicy !== 'depublish') return [];
    const warnings: string[] = [];
    const down: string[] = [];
    for (const storyId of storyIds) {
      for (let attempt = 1; ; attempt++) {
        try {
          const story = await this.stories.get(storyId);
          if (story.status !== 'published' && story.status !== 'scheduled') break;
          await this.stories.depublish(story.id, {
            expectedVersion: story.version, actor: SYSTEM_ACTOR,
            auditDetail: { wire: { source: source.id, guid: item.guid, version: item.version, pubStatus: item.pubStatus }, why: 'agency withdrawal' },
          });
          down.push(story.id);
          break;
        } catch (err) {
          // Someone saved the story meanwhile: read it again (a few times), else leave it flagged for an editor.
          if (err instanceof LedeError && err.code === 'VERSION_CONFLICT' && attempt < 3) continue;
          const why = err instanceof Error ? err.message : String(err);
          warnings.push(`story ${storyId} could not be depublished after the withdrawal (${why}); it is flagged for an editor`);
          this.#log(`${source.id}: ${warnings.at(-1)!}`);
          break;
        }
      }
    }
    if (down.length) await new WireRepository(this.db).alertTakes(itemId, 'depublished', down);
    return warnings;
  }

  async #autoPublish(source: Source, outcome: Extract<IngestOutcome, { itemId: string }>, item: WireItem): Promise<void> {
    try {
      const { story, warnings } = await this.#take(outcome.itemId, SYSTEM_ACTOR, { auto: true });
      outcome.warnings.push(...warnings);
      // publish() schedules instead when the item is under embargo.
      const published = await this.stories.publish(story.id, {
        actor: SYSTEM_ACTOR, auditDetail: { wire: { source: source.id, guid: item.guid, version: item.version }, why: 'auto-publish rule' },
      });
      outcome.autoPublished = { storyId: published.id, status: published.status };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      outcome.warnings.push(`the auto-publish rule could not publish the item: ${why}`);
      this.#log(`${source.id}: auto-publish of ${item.guid} failed: ${why}`);
    }
  }

  // ------------------------------------------------------------------ take-over

  /**
   * "Übernehmen": a draft story from the item's current version, owned by
   * `actor`, linked to the item (source, guid, version) and audited. A
   * picture that cannot be fetched is left out (see `take` for the warnings).
   */
  async takeOver(itemId: string, actor: { id: string; name?: string }): Promise<Story> {
    return (await this.take(itemId, actor)).story;
  }

  /** takeOver with what went wrong on the side (the picture). */
  async take(itemId: string, actor: { id: string; name?: string }): Promise<{ story: Story; warnings: string[] }> {
    if (!isUuid(actor.id)) throw new LedeError('VALIDATION', 'the editor taking over must be a newsroom account (its id)', { reason: 'no_user' });
    return this.#take(itemId, { id: actor.id, name: actor.name ?? '' }, { auto: false });
  }

  async #take(itemId: string, actor: AuditActor, opts: { auto: boolean }): Promise<{ story: Story; warnings: string[] }> {
    const repo = new WireRepository(this.db);
    const meta = isUuid(itemId) ? await repo.get(itemId) : undefined;
    if (!meta) throw noItem(itemId);
    if (meta.pubStatus !== 'usable') {
      throw new LedeError('CONFLICT', `the agency has withdrawn this item (${meta.pubStatus}); it cannot be taken over`, { reason: 'wire_withdrawn', params: { id: itemId } });
    }
    const item = (await repo.version<WireItem>(meta.id, meta.version))!;
    const source = await this.#source(meta.source);
    const sources = new WireSourceRepository(this.db);
    const rules = await sources.rules(source.id);
    // Before the picture is fetched in the account's name.
    if (actor.id && (await userName(this.db, actor.id)) === undefined) {
      throw new LedeError('NOT_FOUND', `there is no newsroom account ${actor.id} to own the story`, { reason: 'no_user' });
    }
    const warnings: string[] = [];
    const lead = await this.#leadAsset(item, actor, warnings);
    const draft = wireDraft({ item, source, rules, ...(lead && { lead }) });
    const story = await this.db.transaction(async (tx) => {
      // The story and its link commit together: never a story that forgot its item.
      const inTx = new StoryService(joinTransaction(tx), undefined, { requireImageCredit: this.stories.requireImageCredit });
      let who: AuditActor = actor;
      if (actor.id) {
        const name = await userName(tx, actor.id);
        if (name === undefined) throw new LedeError('NOT_FOUND', `there is no newsroom account ${actor.id} to own the story`, { reason: 'no_user' });
        who = { id: actor.id, name: actor.name || name };
      }
      const created = await inTx.create(draft, { actor: who, now: this.#clock() });
      await new WireRepository(tx).addTake({
        itemId: meta.id, storyId: created.id, takenVersion: meta.version, ...(who.id && { takenBy: who.id }), takenByName: who.name,
        autoPublished: opts.auto, at: this.#clock().toISOString(),
      });
      await audit(tx, who, 'wire.taken', {
        storyId: created.id, detail: { source: source.id, guid: meta.guid, version: meta.version, itemId: meta.id, ...(opts.auto && { auto: true }) },
      });
      return created;
    });
    await this.opts.events?.emit(wireReceived(meta.id));
    return { story, warnings };
  }

  /**
   * The item's first picture in the media library: an agency URL fetched
   * before is not fetched again; the same file from another URL is one asset
   * too (the library deduplicates by content). Failures are warnings.
   */
  async #leadAsset(item: WireItem, actor: AuditActor, warnings: string[]): Promise<{ assetId: string; association: WireItem['associations'][number] } | undefined> {
    const pick = leadPicture(item);
    if (!pick) return undefined;
    const media = this.opts.media;
    if (!media) {
      warnings.push('the item has a picture, but no media library is configured: the story has none');
      return undefined;
    }
    const repo = new WireRepository(this.db);
    const href = pick.rendition.href;
    const known = href.length <= 2000 ? await repo.pictureAsset(href) : undefined;
    if (known && await media.library.assets.get(known)) return { assetId: known, association: pick.association };
    try {
      const file = await fetchPicture(href, { ...this.#pictures, maxBytes: Math.min(this.#pictures.maxBytes, media.limits.maxBytes) });
      const fileName = decodeURIComponent(new URL(href).pathname.split('/').pop() || 'agenturbild').slice(0, 200);
      const uploaded = await media.library.upload(
        { bytes: file.bytes, fileName, ...(file.contentType && { contentType: file.contentType }) },
        { ...(actor.id && { createdBy: actor.id }), rights: pictureRights(pick.association, item) },
      );
      if (href.length <= 2000) await repo.rememberPicture(href, uploaded.asset.id);
      return { assetId: uploaded.asset.id, association: pick.association };
    } catch (err) {
      const why = err instanceof PictureFetchError || err instanceof LedeError ? err.message : `unexpected: ${(err as Error).message}`;
      warnings.push(`the picture was not taken over (${why})`);
      return undefined;
    }
  }

  /** The agency state of a story taken from a wire item, or undefined for any other story. */
  async storyAgencyState(storyId: string): Promise<StoryAgencyState | undefined> {
    if (!isUuid(storyId)) return undefined;
    const repo = new WireRepository(this.db);
    const take = await repo.takeOfStory(storyId);
    if (!take) return undefined;
    const item = (await repo.get(take.itemId))!;
    return {
      itemId: item.id, source: item.source, guid: item.guid, takenVersion: take.takenVersion, currentVersion: item.version,
      withdrawn: item.pubStatus !== 'usable', correction: await repo.correctedAfter(item.id, take.takenVersion),
      ...(item.embargoUntil && { embargoUntil: item.embargoUntil }), ...(take.alert && { alert: take.alert }),
    };
  }

  /**
   * The editor took the agency's later version into the story (merged it):
   * the story is now "taken from" `version` (default: the current one), so
   * "Neue Agenturfassung" stays away until a newer one arrives.
   */
  async adoptVersion(storyId: string, version?: number): Promise<StoryAgencyState> {
    const state = await this.storyAgencyState(storyId);
    if (!state) throw new LedeError('NOT_FOUND', `story ${storyId} was not taken from an agency item`, { reason: 'no_wire_item', params: { id: storyId } });
    const to = version ?? state.currentVersion;
    if (!Number.isInteger(to) || to < 1 || to > state.currentVersion) {
      throw new LedeError('NOT_FOUND', `the agency item has no version ${to} (its current version is ${state.currentVersion})`, {
        reason: 'no_wire_version', params: { current: state.currentVersion },
      });
    }
    await new WireRepository(this.db).adoptVersion(storyId, to);
    return (await this.storyAgencyState(storyId))!;
  }

  // ------------------------------------------------------------------ reading

  list(filter: WireListFilter = {}): Promise<{ items: WireListEntry[]; next?: string }> {
    return listWireItems(this.db, filter);
  }

  async get(itemId: string): Promise<WireItemView> {
    const repo = new WireRepository(this.db);
    const item = isUuid(itemId) ? await repo.get(itemId) : undefined;
    if (!item) throw noItem(itemId);
    const [current, versions, takes] = await Promise.all([repo.version<WireItem>(item.id, item.version), repo.versions(item.id), repo.takes(item.id)]);
    return { item, current: current!, versions, takes };
  }

  /** One stored version of an item as read. */
  async version(itemId: string, version: number): Promise<WireItem> {
    const repo = new WireRepository(this.db);
    const item = isUuid(itemId) ? await repo.get(itemId) : undefined;
    if (!item) throw noItem(itemId);
    const doc = Number.isInteger(version) && version >= 1 && version <= 2_000_000_000 ? await repo.version<WireItem>(item.id, version) : undefined;
    if (!doc) {
      throw new LedeError('NOT_FOUND', `wire item ${itemId} has no version ${version} (its current version is ${item.version})`, {
        reason: 'no_wire_version', params: { current: item.version },
      });
    }
    return doc;
  }

  /** What changed from one version to another: fields with word diffs, the body block by block. */
  async diff(itemId: string, fromVersion: number, toVersion: number): Promise<WireDiff> {
    const [a, b] = await Promise.all([this.version(itemId, fromVersion), this.version(itemId, toVersion)]);
    return diffWireVersions(a, b);
  }

  async deadLetters(opts: { limit?: number; source?: string; resolved?: boolean } = {}): Promise<DeadLetter[]> {
    const limit = Math.min(Math.max(Math.floor(opts.limit ?? 50), 1), 500);
    return new WireRepository(this.db).deadLetters({ limit, ...(opts.source && { source: opts.source }), ...(opts.resolved && { resolved: true }) });
  }

  /**
   * Reads a dead letter's document again (after the reader or the source was
   * fixed): stored items resolve it; a refusal again updates its reason.
   */
  async retryDeadLetter(id: string): Promise<IngestOutcome[]> {
    const repo = new WireRepository(this.db);
    const letter = isUuid(id) ? await repo.deadLetter(id) : undefined;
    if (!letter) throw new LedeError('NOT_FOUND', `no dead letter with id "${id}"`, { reason: 'no_dead_letter', params: { id } });
    if (letter.truncated) {
      throw new LedeError('CONFLICT', `only the first ${DEAD_LETTER_MAX_BYTES} of its ${letter.size} bytes were kept; deliver the document again instead`, {
        reason: 'dead_letter_truncated', params: { size: letter.size },
      });
    }
    const source = await this.#source(letter.source);
    const read = await this.#parse(source, Uint8Array.from(letter.raw), letter.name);
    const outcomes = 'items' in read ? await this.#storeAll(source, read.items, letter.via) : [];
    const reason = 'reason' in read ? read.reason : read.refused;
    if (reason) {
      await repo.retried(id, { resolved: false, reason: reason.slice(0, 4000) });
      outcomes.push({ result: 'refused', reason, deadLetterId: id });
    } else {
      await repo.retried(id, { resolved: true });
    }
    return outcomes;
  }

  // ------------------------------------------------------------------ sources

  listSources(): Promise<WireSource[]> {
    return new WireSourceRepository(this.db).list();
  }

  async source(id: string): Promise<WireSource> {
    return this.#source(id);
  }

  /**
   * A source as ingest sees it: read at most every SOURCE_TTL_MS, since a
   * busy wire delivers many documents a second and each lookup is a round
   * trip. Saved through this desk it is read fresh at once; saved on another
   * node, within SOURCE_TTL_MS.
   */
  async #cachedSource(id: string): Promise<WireSource> {
    const now = Date.now();
    const hit = this.#sources.get(id);
    if (hit && now - hit.at < SOURCE_TTL_MS) return hit.source;
    const source = await this.#source(id);
    this.#sources.set(id, { source, at: now });
    return source;
  }

  async #source(id: string): Promise<WireSource> {
    const found = typeof id === 'string' && id.length <= 64 ? await new WireSourceRepository(this.db).get(id) : undefined;
    if (!found) throw noSource(String(id).slice(0, 64));
    return found;
  }

  /** The push secret of a source (for the push transport's signature check only). */
  async sourceSecret(id: string): Promise<string | undefined> {
    return new WireSourceRepository(this.db).secret(id);
  }

  /** Creates or replaces a source (with `rules` when the input carries them); VALIDATION naming every bad field. */
  async saveSource(input: unknown): Promise<WireSource> {
    const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
    const stored = id && id.length <= 64 ? await new WireSourceRepository(this.db).get(id) : undefined;
    const checked = checkSource(input, { storedHasSecret: stored?.hasSecret ?? false });
    await this.db.transaction(async (tx) => {
      const repo = new WireSourceRepository(tx);
      await repo.save(checked.fields);
      if (checked.rules) await repo.replaceRules(checked.fields.id, checked.rules);
    });
    this.#sources.clear();
    return (await this.#source(checked.fields.id));
  }

  /** Deletes a source that has no items (one with items is deactivated instead: `active: false`). */
  async deleteSource(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const repo = new WireSourceRepository(tx);
      if (!(await repo.get(id))) throw noSource(id);
      const items = await repo.itemCount(id);
      if (items) {
        throw new LedeError('CONFLICT', `the source "${id}" has ${items} items on the desk; deactivate it (active: false) instead of deleting it`, {
          reason: 'wire_source_in_use', params: { source: id, items },
        });
      }
      await repo.delete(id);
    });
    this.#sources.clear();
  }

  async rules(sourceId: string): Promise<WireRule[]> {
    await this.#source(sourceId);
    return new WireSourceRepository(this.db).rules(sourceId);
  }

  /** Replaces a source's mapping rules (in order: the first match gives the section). */
  async saveRules(sourceId: string, input: unknown): Promise<WireRule[]> {
    const rules = checkRules(input);
    await this.#source(sourceId);
    await this.db.transaction((tx) => new WireSourceRepository(tx).replaceRules(sourceId, rules));
    return rules;
  }

  /**
   * LEDE_WIRE_SOURCES (a JSON array of sources, each optionally with
   * `rules`): every source is checked before any is saved, then saved as
   * given. CONFIG naming the entry and field when something is wrong.
   */
  async configureFromEnv(json: string): Promise<WireSource[]> {
    const checked = parseSourcesEnv(json);
    await this.db.transaction(async (tx) => {
      const repo = new WireSourceRepository(tx);
      for (const c of checked) {
        await repo.save(c.fields);
        if (c.rules) await repo.replaceRules(c.fields.id, c.rules);
      }
    });
    this.#sources.clear();
    return Promise.all(checked.map((c) => this.#source(c.fields.id)));
  }
}

/** True when one of the source's auto-publish rules matches a category of the item. */
function autoPublishes(source: Source, item: WireItem): boolean {
  return source.autoPublish.some((rule) => item.categories.some((c) => categoryMatches(rule.when, c)));
}

async function userName(db: Queryable, id: string): Promise<string | undefined> {
  return (await new UserRepository(db).byId(id))?.name;
}

/** The copies of an item's fields the desk filters, sorts and searches on. */
export function columnsOf(item: WireItem): WireItemColumns {
  const desks = new Set<string>();
  const categories = new Set<string>();
  for (const c of item.categories ?? []) {
    const values = [c.code, c.code && tail(c.code), c.name].filter((v): v is string => !!v && !!v.trim()).map(lc);
    for (const v of values) {
      categories.add(`${c.scheme}=${v}`);
      categories.add(`*=${v}`);
      if (c.scheme === 'desk') desks.add(v);
    }
  }
  const embargo = item.embargoUntil && !Number.isNaN(Date.parse(item.embargoUntil)) ? new Date(item.embargoUntil).toISOString() : null;
  const urgency = Number.isInteger(item.urgency) && item.urgency! >= 1 && item.urgency! <= 9 ? item.urgency! : null;
  const boxes = (item.boxes ?? []).map((b) => [b.heading ?? '', blocksToText(b.blocks)].join('\n')).join('\n\n');
  return {
    version: item.version, pubStatus: item.pubStatus, urgency, itemType: item.type ?? 'text',
    headline: item.headline.trim() || '(ohne Titel)', language: item.language ?? null,
    desks: [...desks], categories: [...categories], embargoUntil: embargo,
    // Headline and teaser fields are short in any real document; the caps only keep a freak one inside a tsvector's limit.
    searchA: [item.kicker, item.headline].filter(Boolean).join('\n').slice(0, 20_000),
    searchB: [item.subhead, item.teaser].filter(Boolean).join('\n').slice(0, 50_000),
    searchC: `${blocksToText(item.body ?? [])}\n\n${boxes}`.slice(0, MAX_SEARCH_TEXT),
  };
}
