import { randomUUID } from 'node:crypto';
import {
  LedeError, formatIssues, sectionSlug, slugify, toZonedIso, validateDraft,
  type Story, type StoryDraft, type StoryStatus,
} from '../content/index.js';
import { RevisionRepository, StoryRepository, authorSlugs, isPublic } from '../store/index.js';
import { RetentionRepository } from '../store/retention-repository.js';
import { audit, auditMany, SYSTEM_ACTOR, type AuditActor, type AuditAction } from '../store/audit-repository.js';
import type { Queryable } from '../store/index.js';
import type { DomainEvent, EventBus } from '../events/event-bus.js';
import { assetCredits, figuresOf, mediaUsesOf, writeMediaUses } from '../store/media-uses.js';
import type { ValidationIssue } from '../content/index.js';
import { checkTakedown, moveNeeds, scheduledTime } from './story-workflow.js';
import { insertEntry, tickerEntry, type TickerEntryInput } from './ticker-entry.js';
import { enqueueNewStoriesWebhooks, enqueueStoryWebhooks } from './webhook-events.js';

/** What the service needs of the database: queries and transactions. */
export interface Transactional extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** Runs a service inside a transaction the caller already holds (its own "transactions" join it). */
export function joinTransaction(tx: Queryable): Transactional {
  return { query: (sql, params) => tx.query(sql, params), transaction: (fn) => fn(tx) };
}

export interface WriteOptions {
  /**
   * The version the caller read and edited. A write against any other version
   * fails with VERSION_CONFLICT (checked atomically in the UPDATE). Omitted,
   * the current version is used: right for one-shot commands, never for editors.
   */
  expectedVersion?: number;
  now?: Date;
  /** Who saves: recorded on the revision and in the audit log (default: the system). */
  actor?: AuditActor;
  /** More detail for the audit entry, if the write is audited (e.g. the retention rule that took a story down). */
  auditDetail?: Record<string, unknown>;
}

export interface UpdateOptions extends WriteOptions {
  /** Marks this change as a public correction with this note ("Korrektur: …"); only for published stories. */
  correction?: string;
  /** The revision's label (default "saved"). */
  note?: string;
}

export const CORRECTION_MAX = 1000;

/** Ticker entries are appended to the newest version; after this many lost races the service gives up (409). */
const TICKER_ATTEMPTS = 20;

export interface TransitionOptions extends WriteOptions {
  /** When a move to scheduled goes live (default: the running embargo's end); only for moves to scheduled. */
  at?: Date | undefined;
}

export interface TickerEntryOptions extends WriteOptions {
  /** Checked on every (re-)read of the story, e.g. that the caller may still edit it; throws to refuse. */
  check?: (story: Story) => void | Promise<void>;
}

export interface CreateOptions {
  status?: StoryStatus;
  actor?: AuditActor;
  /** Injected clock, for tests and demo content with relative dates. */
  now?: Date;
  /**
   * More writes that belong to the new stories (e.g. their import warnings):
   * called inside the stories' transaction, before the commit, with each
   * stored story and the input it was made from (the very object passed in).
   * Throwing rolls the stories back.
   */
  onStored?: (tx: Queryable, stored: readonly StoredInput[]) => Promise<void>;
}

/** A story `create`/`createMany` stored, with the input it was made from. */
export interface StoredInput {
  story: Story;
  input: unknown;
}

export interface CreateManyOptions extends CreateOptions {
  /** Stories per transaction (default 200). */
  batchSize?: number;
}

/** What createMany did with one input, in input order: stored, or refused with the error `create` would have thrown. */
export type CreateOutcome = { ok: true; story: Story } | { ok: false; error: unknown };

/** Stories per transaction in createMany: big enough that commits and round trips stop mattering, small enough for one statement. */
export const CREATE_BATCH = 200;

/** A story of a createMany batch on its way in. */
interface Pending {
  index: number;
  /** What the caller passed (onStored names it). */
  input: unknown;
  draft: StoryDraft;
  status: StoryStatus;
  /** The slug handed out for a draft that names none. */
  slug?: string;
  story?: Story;
}

export interface StoryServiceOptions {
  /**
   * Refuse to publish or schedule a story with a media library picture that
   * has no credit line (LEDE_REQUIRE_IMAGE_CREDIT, default on). Every writer
   * of a process gets it from createServices, so all follow the same rule.
   */
  requireImageCredit?: boolean;
}

/** What a write must check of the story's media library pictures. */
type AssetCheck = 'content' | 'publish' | 'none';

/**
 * The write path for stories. Every create or update is validated here and runs
 * in one transaction; nothing reaches the store without passing `validateDraft`.
 * The story's media uses (media_uses) are rewritten in the same transaction.
 */
export class StoryService {
  constructor(private readonly db: Transactional, private readonly events?: EventBus, private readonly options: StoryServiceOptions = {}) {}

  get requireImageCredit(): boolean {
    return this.options.requireImageCredit ?? true;
  }

  /**
   * Checks the media library pictures `next` names: each must exist (when the
   * write adds it, or the story goes or stays public with it), and, when the
   * story goes public or its public content changes, have a credit line
   * (unless the rule is off). Throws VALIDATION naming every figure.
   */
  async #checkAssets(tx: Queryable, next: Story, current: Story | undefined, check: AssetCheck): Promise<void> {
    if (check === 'none') return;
    const figures = figuresOf(next).filter((f) => f.figure.assetId);
    if (!figures.length) return;
    const known = await assetCredits(tx, [...new Set(figures.map((f) => f.figure.assetId!))]);
    const before = new Set(current ? mediaUsesOf(current).map((u) => u.assetId) : []);
    const goesPublic = next.status === 'published' || next.status === 'scheduled';
    const issues: ValidationIssue[] = [];
    for (const { path, figure } of figures) {
      const assetId = figure.assetId!;
      const asset = known.get(assetId);
      if (!asset) {
        if (goesPublic || !before.has(assetId)) {
          issues.push({ path: `${path}.assetId`, message: `there is no picture ${assetId} in the media library`, code: 'no_such_picture', params: { assetId } });
        }
      } else if (goesPublic && !asset.credit && this.requireImageCredit) {
        issues.push({ path, message: `the picture ${assetId} has no credit line ("Bildrechte: …"); add one in the media library before publishing`, code: 'no_credit', params: { assetId } });
      }
    }
    if (issues.length) {
      const scheduled = next.status === 'scheduled';
      const what = goesPublic ? `story cannot be ${scheduled ? 'scheduled' : 'published'}` : 'story is invalid';
      throw new LedeError('VALIDATION', `${what}: ${formatIssues(issues)}`, {
        reason: goesPublic ? (scheduled ? 'schedule_refused' : 'publish_refused') : 'story_invalid', issues,
      });
    }
  }

  /** Rewrites the story's rows in media_uses when its pictures changed. */
  async #syncUses(tx: Queryable, next: Story, current: Story | undefined): Promise<void> {
    const uses = mediaUsesOf(next);
    const key = (u: { assetId: string; place: string }[]) => u.map((x) => `${x.assetId}|${x.place}`).sort().join(',');
    if (current ? key(uses) === key(mediaUsesOf(current)) : !uses.length) return;
    await writeMediaUses(tx, next.id, uses);
  }

  /** Validates an untrusted draft and stores it as a new story. Throws LedeError('VALIDATION') naming each bad field. */
  async create(input: unknown, opts: CreateOptions = {}): Promise<Story> {
    const now = opts.now ?? new Date();
    const { draft, status } = newStory(input, opts, now);
    const base = draft.slug ?? (slugify(draft.headline) || 'story');
    const story = await this.db.transaction(async (tx) => {
      const repo = new StoryRepository(tx);
      // Two writers can be handed the same free slug; the loser asks again (a chosen slug is never renamed).
      for (let attempt = 0; ; attempt++) {
        const slug = draft.slug ? draft.slug : await repo.uniqueSlug(base);
        try {
          const built = buildStory(draft, { id: randomUUID(), slug, status, now });
          if (opts.actor?.id) built.ownerId = built.modifiedBy = opts.actor.id;
          await this.#checkAssets(tx, built, undefined, status === 'published' || status === 'scheduled' ? 'publish' : 'content');
          const stored = await repo.insert(built);
          await this.#syncUses(tx, stored, undefined);
          await new RevisionRepository(tx).add(stored, 'created');
          // Webhooks are written with the change: a rollback sends none, a crash after the commit loses none.
          await enqueueStoryWebhooks(tx, undefined, stored, now);
          if (status === 'published' || status === 'scheduled') {
            await audit(tx, opts.actor ?? SYSTEM_ACTOR, status === 'published' ? 'story.published' : 'story.scheduled', { storyId: stored.id, detail: { version: 1 } });
          }
          await opts.onStored?.(tx, [{ story: stored, input }]);
          return stored;
        } catch (err) {
          if (draft.slug || attempt >= 3 || !(err instanceof LedeError && err.code === 'CONFLICT')) throw err;
        }
      }
    });
    // Told only after the commit, so no listener ever sees a story that was rolled back.
    if (isPublic(story, now.getTime())) await this.#emit('story.published', story);
    return story;
  }

  /**
   * `create` for many drafts (the importer's path): each is validated and
   * checked as `create` does it, then up to `batchSize` stories are stored in
   * one transaction with one statement each for the stories, their revisions
   * and their audit entries — the same rows `create` writes. A story that is
   * refused (invalid, its chosen slug taken, a picture check) is skipped and
   * its error returned in its place; the others are stored. Should a batch's
   * transaction fail as a whole, nothing of it stays and its stories are
   * stored one by one instead, so one story's problem never costs the others.
   * Listeners hear of each public story after its batch commits.
   */
  async createMany(inputs: readonly unknown[], opts: CreateManyOptions = {}): Promise<CreateOutcome[]> {
    const size = Math.max(1, Math.floor(opts.batchSize ?? CREATE_BATCH));
    const out: CreateOutcome[] = new Array(inputs.length);
    for (let start = 0; start < inputs.length; start += size) {
      const now = opts.now ?? new Date();
      const pending: Pending[] = [];
      const chosen = new Map<string, number>();
      for (let i = start; i < Math.min(inputs.length, start + size); i++) {
        try {
          const { draft, status } = newStory(inputs[i], opts, now);
          // Two stories of one batch naming the same slug: the first has it, as if they came one by one.
          if (draft.slug && chosen.has(draft.slug)) {
            throw new LedeError('CONFLICT', `slug "${draft.slug}" is already used by another story`, { reason: 'slug_taken', params: { slug: draft.slug } });
          }
          if (draft.slug) chosen.set(draft.slug, i);
          pending.push({ index: i, input: inputs[i], draft, status });
        } catch (error) {
          out[i] = { ok: false, error };
        }
      }
      let stored: Story[];
      try {
        stored = await this.db.transaction((tx) => this.#createBatch(tx, pending, opts, now, out));
      } catch {
        // The whole batch was rolled back (nothing of it stays): each story on its own, with its own error.
        stored = [];
        for (const p of pending) {
          try {
            const onStored = opts.onStored;
            const story = await this.create(p.draft, {
              ...opts, now, ...(onStored && { onStored: (tx: Queryable, s: readonly StoredInput[]) => onStored(tx, s.map((x) => ({ ...x, input: p.input }))) }),
            });
            out[p.index] = { ok: true, story };
          } catch (error) {
            out[p.index] = { ok: false, error };
          }
        }
        continue;
      }
      for (const story of stored) if (isPublic(story, now.getTime())) await this.#emit('story.published', story);
    }
    return out;
  }

  /** One createMany batch inside its transaction; fills `out` and returns the stories stored. */
  async #createBatch(tx: Queryable, pending: Pending[], opts: CreateOptions, now: Date, out: CreateOutcome[]): Promise<Story[]> {
    const repo = new StoryRepository(tx);
    let left = pending;
    const stored: Story[] = [];
    const inputs: StoredInput[] = [];
    // As in create: a generated slug someone else took meanwhile is asked for again, a chosen one is refused.
    for (let attempt = 0; left.length; attempt++) {
      const generated = left.filter((p) => !p.draft.slug);
      const slugs = await repo.uniqueSlugs(generated.map((p) => p.draft.slug ?? (slugify(p.draft.headline) || 'story')), left.flatMap((p) => p.draft.slug ?? []));
      generated.forEach((p, k) => (p.slug = slugs[k]));
      const ready: Pending[] = [];
      for (const p of left) {
        try {
          const built = buildStory(p.draft, { id: randomUUID(), slug: p.draft.slug ?? p.slug!, status: p.status, now });
          if (opts.actor?.id) built.ownerId = built.modifiedBy = opts.actor.id;
          await this.#checkAssets(tx, built, undefined, p.status === 'published' || p.status === 'scheduled' ? 'publish' : 'content');
          p.story = built;
          ready.push(p);
        } catch (error) {
          out[p.index] = { ok: false, error };
        }
      }
      const ids = await repo.insertMany(ready.map((p) => p.story!));
      const retry: Pending[] = [];
      for (const p of ready) {
        const story = p.story!;
        if (ids.has(story.id)) {
          stored.push(story);
          inputs.push({ story, input: p.input });
          out[p.index] = { ok: true, story };
        } else if (p.draft.slug || attempt >= 3) {
          out[p.index] = { ok: false, error: await repo.slugConflict(story.slug, story.id) };
        } else {
          retry.push(p);
        }
      }
      left = retry;
    }
    for (const story of stored) await this.#syncUses(tx, story, undefined);
    await new RevisionRepository(tx).addMany(stored, 'created');
    await enqueueNewStoriesWebhooks(tx, stored, now);
    const actor = opts.actor ?? SYSTEM_ACTOR;
    await auditMany(tx, stored.filter((s) => s.status === 'published' || s.status === 'scheduled').map((s) => ({
      actor, action: s.status === 'published' ? 'story.published' as const : 'story.scheduled' as const, storyId: s.id, detail: { version: 1 },
    })));
    if (inputs.length) await opts.onStored?.(tx, inputs);
    return stored;
  }

  /**
   * Replaces a story's content with a new validated draft, keeping its identity,
   * status, schedule and first publication. The slug changes only when the
   * draft names one.
   */
  async update(idOrSlug: string, input: unknown, opts: UpdateOptions = {}): Promise<Story> {
    const correction = opts.correction?.trim();
    const draft = validDraft(input, opts.correction !== undefined ? correctionIssues(correction) : []);
    return this.#write(idOrSlug, { ...opts, note: opts.correction !== undefined ? 'correction' : (opts.note ?? 'saved') }, 'content', (current, now) => {
      if (opts.correction !== undefined) checkCorrection(current);
      const next: Story = {
        ...draft,
        id: current.id,
        slug: draft.slug ?? current.slug,
        section: draft.section ?? 'Nachrichten',
        status: current.status,
        version: current.version,
        createdAt: current.createdAt,
        modifiedAt: toZonedIso(now),
      };
      keep(next, current, 'firstPublishedAt', 'scheduledPublishAt', 'scheduledDepublishAt', 'depublishedAt');
      if (current.ownerId) next.ownerId = current.ownerId;
      const corrections = [...(current.corrections ?? [])];
      if (correction) {
        corrections.push({ at: toZonedIso(now), note: correction });
        next.updatedAt = toZonedIso(now);
      }
      if (corrections.length) next.corrections = corrections;
      return next;
    });
  }

  /**
   * Brings back the content of an earlier version as a new version (nothing
   * is ever overwritten: the restore is itself a revision). Status, schedule
   * and corrections stay as they are now.
   */
  async restore(idOrSlug: string, version: number, opts: WriteOptions = {}): Promise<Story> {
    const old = await this.revision(idOrSlug, version);
    return this.update(old.id, draftOf(old), { ...opts, note: `restored from ${version}` });
  }

  /**
   * The story as it was at `version` (a number, or the text of an address);
   * NOT_FOUND naming the current version when there is no such version.
   */
  async revision(idOrSlug: string, version: number | string): Promise<Story> {
    const current = await this.get(idOrSlug);
    const n = typeof version === 'number' ? version : /^\d{1,9}$/.test(version) ? Number(version) : NaN;
    const old = Number.isInteger(n) && n > 0 ? await new RevisionRepository(this.db).get(current.id, n) : undefined;
    if (!old) {
      throw new LedeError('NOT_FOUND', `story ${current.id} has no version ${version} (it is at version ${current.version})`, {
        reason: 'no_revision', params: { current: current.version },
      });
    }
    return old;
  }

  /**
   * A workflow move (draft, in_review, scheduled, published, depublished) by
   * the rules of story-workflow.ts: the move must exist from the current
   * state, scheduling needs a future `at` or a running embargo, `at` is only
   * for scheduling. The caller checks beforehand that the actor may make the
   * move (`moveNeeds` names the permission).
   */
  async transition(idOrSlug: string, to: StoryStatus, opts: TransitionOptions = {}): Promise<Story> {
    const current = await this.get(idOrSlug);
    moveNeeds(current.status, to);
    const at = scheduledTime(current, to, opts.at, opts.now ?? new Date());
    // A caller behind the stored version is refused before anything is tried (versions only grow).
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) throw staleVersion(current, opts.expectedVersion);
    const write = { ...opts, expectedVersion: opts.expectedVersion ?? current.version };
    switch (to) {
      case 'published': return this.publish(current.id, write);
      case 'scheduled': return this.schedule(current.id, at!, write);
      case 'depublished': return this.depublish(current.id, write);
      default: return this.setStatus(current.id, to, write);
    }
  }

  /**
   * Adds an entry to a live ticker, on top of whatever version is newest:
   * entries commute, so a lost race is retried on the newer version (up to
   * TICKER_ATTEMPTS times, then CONFLICT `ticker_busy`). Returns the saved
   * story and the new entry's id.
   */
  async addTickerEntry(idOrSlug: string, input: TickerEntryInput, opts: TickerEntryOptions = {}): Promise<{ story: Story; entryId: string }> {
    const { check, ...write } = opts;
    const entry = tickerEntry(input, opts.now ?? new Date());
    for (let attempt = 1; ; attempt++) {
      const story = await this.get(idOrSlug);
      await check?.(story);
      if (story.kind !== 'liveticker') {
        throw new LedeError('VALIDATION', `ticker entries are only for live tickers; this story is a ${story.kind}`, {
          reason: 'not_liveticker', issues: [{ path: 'kind', message: 'not a liveticker', code: 'not_liveticker' }],
        });
      }
      try {
        const saved = await this.update(story.id, { ...draftOf(story), body: insertEntry(story.body, entry) }, {
          ...write, expectedVersion: story.version, note: 'ticker entry',
        });
        return { story: saved, entryId: entry.id };
      } catch (err) {
        if (!(err instanceof LedeError && err.code === 'VERSION_CONFLICT')) throw err;
        if (attempt >= TICKER_ATTEMPTS) {
          throw new LedeError('CONFLICT', 'the ticker is being changed very often right now and the entry could not be added; send it again', { reason: 'ticker_busy' });
        }
        // Someone saved in between: a short random pause spreads out writers who lost together.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(attempt, 4)));
      }
    }
  }

  /**
   * Publishes now, or, while the story is under embargo, schedules it for the
   * embargo's end: an embargoed story cannot go out early by any path.
   */
  async publish(idOrSlug: string, opts: WriteOptions = {}): Promise<Story> {
    return this.#publish(idOrSlug, opts, 'publish');
  }

  /** Publishing, with the picture check of a person's publish, or none when the scheduler carries out what was checked at scheduling. */
  #publish(idOrSlug: string, opts: WriteOptions, check: AssetCheck): Promise<Story> {
    return this.#write(idOrSlug, opts, check, (current, now) => {
      if (current.embargoUntil && Date.parse(current.embargoUntil) > now.getTime()) {
        return withStatus(current, 'scheduled', now, { scheduledPublishAt: current.embargoUntil });
      }
      const next = withStatus(current, 'published', now, {});
      next.firstPublishedAt ??= toZonedIso(now);
      return next;
    });
  }

  /** Schedules publication at `at` (or the embargo's end, whichever is later). */
  async schedule(idOrSlug: string, at: Date, opts: WriteOptions = {}): Promise<Story> {
    return this.#write(idOrSlug, opts, 'publish', (current, now) => {
      let when = at.getTime();
      if (current.embargoUntil) when = Math.max(when, Date.parse(current.embargoUntil));
      return withStatus(current, 'scheduled', now, { scheduledPublishAt: toZonedIso(new Date(when)) });
    });
  }

  /**
   * An editor's takedown time: like scheduleDepublish, but only ahead of now
   * and only for a story that is not already down (story-workflow.ts).
   */
  async planTakedown(idOrSlug: string, at: Date | undefined, opts: WriteOptions = {}): Promise<Story> {
    return this.#write(idOrSlug, opts, 'none', (current, now) => {
      checkTakedown(current, at, now);
      return takedownAt(current, at, now);
    });
  }

  /** Sets (or with `undefined` clears) the time a published story comes down by itself. */
  async scheduleDepublish(idOrSlug: string, at: Date | undefined, opts: WriteOptions = {}): Promise<Story> {
    return this.#write(idOrSlug, opts, 'none', (current, now) => takedownAt(current, at, now));
  }

  /** Takes a story off the site: its URL answers 410 Gone from now on, and it leaves every list. */
  async depublish(idOrSlug: string, opts: WriteOptions = {}): Promise<Story> {
    return this.#write(idOrSlug, opts, 'none', (current, now) => withStatus(current, 'depublished', now, { depublishedAt: toZonedIso(now) }));
  }

  /** Moves a story back to draft or on to review (no reader-visible effect unless it was public). */
  async setStatus(idOrSlug: string, status: 'draft' | 'in_review', opts: WriteOptions = {}): Promise<Story> {
    return this.#write(idOrSlug, opts, 'none', (current, now) => withStatus(current, status, now, {}));
  }

  /**
   * Carries out what is due: scheduled stories whose time has come are
   * published, published stories past their depublish time come down. Safe
   * to run on several nodes at once: each change is a versioned update, a
   * node that loses the race skips the story. Returns the stories changed.
   */
  async runDue(now: Date = new Date()): Promise<Story[]> {
    const repo = new StoryRepository(this.db);
    const due = await repo.listDue(now.toISOString());
    const changed: Story[] = [];
    for (const { id, action, version } of due) {
      try {
        const opts = { expectedVersion: version, now };
        // The pictures were checked when the story was scheduled; the due time is not the moment to refuse.
        changed.push(action === 'publish' ? await this.#publish(id, opts, 'none') : await this.depublish(id, opts));
      } catch (err) {
        if (err instanceof LedeError && (err.code === 'VERSION_CONFLICT' || err.code === 'NOT_FOUND')) continue;
        throw err;
      }
    }
    return changed;
  }

  /**
   * Retention: takes down published stories older than the retention rule
   * of their section and kind (see RetentionRepository), at most `limit` per
   * pass, as the system, with the rule in the audit entry. Versioned like
   * runDue, so several nodes may run it. Returns the stories taken down.
   */
  async runRetention(now: Date = new Date(), limit = 50): Promise<Story[]> {
    const expired = await new RetentionRepository(this.db).expired(now.toISOString(), limit);
    const changed: Story[] = [];
    for (const { id, version, rule } of expired) {
      try {
        changed.push(await this.depublish(id, { expectedVersion: version, now, actor: SYSTEM_ACTOR, auditDetail: { rule } }));
      } catch (err) {
        if (err instanceof LedeError && (err.code === 'VERSION_CONFLICT' || err.code === 'NOT_FOUND')) continue;
        throw err;
      }
    }
    return changed;
  }

  /**
   * One read-modify-write: reads the story, lets `change` build the next one,
   * stores it only if nobody changed it meanwhile, then tells listeners what
   * readers will notice (published, updated or gone).
   */
  async #write(idOrSlug: string, opts: UpdateOptions, check: AssetCheck, change: (current: Story, now: Date) => Story): Promise<Story> {
    const now = opts.now ?? new Date();
    const actor = opts.actor ?? SYSTEM_ACTOR;
    const [before, after] = await this.db.transaction(async (tx) => {
      const repo = new StoryRepository(tx);
      const current = await repo.findByIdOrSlug(idOrSlug);
      if (!current) throw noStory(idOrSlug);
      const expected = opts.expectedVersion ?? current.version;
      // Stale before any rule is looked at: the write could never succeed.
      if (expected !== current.version) throw staleVersion(current, expected);
      const next = change(current, now);
      if (next.status === 'published') next.firstPublishedAt ??= toZonedIso(now);
      if (actor.id) next.modifiedBy = actor.id;
      else delete next.modifiedBy;
      // A content change of a public story publishes the new content: the publishing rules apply to it.
      await this.#checkAssets(tx, next, current, check === 'content' && (next.status === 'published' || next.status === 'scheduled') ? 'publish' : check);
      const stored = await repo.update(next, expected);
      await this.#syncUses(tx, stored, current);
      await enqueueStoryWebhooks(tx, current, stored, now, opts.correction !== undefined);
      const action = auditedAction(current, stored, opts);
      await new RevisionRepository(tx).add(stored, opts.note ?? (current.status !== stored.status ? stored.status : 'saved'));
      if (action) {
        await audit(tx, actor, action, {
          storyId: stored.id,
          detail: {
            version: stored.version, from: current.status, to: stored.status,
            ...(action === 'story.corrected' && { note: stored.corrections?.at(-1)?.note }), ...opts.auditDetail,
          },
        });
      }
      return [current, stored] as const;
    });
    const wasPublic = isPublic(before, now.getTime());
    const isNowPublic = isPublic(after, now.getTime());
    if (isNowPublic) await this.#emit(wasPublic ? 'story.updated' : 'story.published', after);
    else if (wasPublic) await this.#emit('story.depublished', after);
    // Pages of the section, topics and authors it left must forget it too.
    if (wasPublic && (sectionSlug(before.section) !== sectionSlug(after.section) || before.topics.some((t) => !after.topics.includes(t))
      || authorSlugs(before).some((a) => !authorSlugs(after).includes(a)))) {
      await this.#emit('story.updated', before);
    }
    return after;
  }

  async #emit(type: DomainEvent['type'], story: Story): Promise<void> {
    await this.events?.emit({
      type, storyId: story.id, slug: story.slug, sectionSlug: sectionSlug(story.section), topics: story.topics,
      authors: authorSlugs(story),
    });
  }

  async get(idOrSlug: string): Promise<Story> {
    const story = await new StoryRepository(this.db).findByIdOrSlug(idOrSlug);
    if (!story) throw noStory(idOrSlug);
    return story;
  }
}

/**
 * A new story's validated draft and status: publishing under embargo means
 * going out when the embargo ends; a new story is scheduled only by its embargo.
 */
function newStory(input: unknown, opts: CreateOptions, now: Date): { draft: StoryDraft; status: StoryStatus } {
  const draft = validDraft(input);
  let status = opts.status ?? 'draft';
  const embargoed = !!draft.embargoUntil && Date.parse(draft.embargoUntil) > now.getTime();
  if (status === 'published' && embargoed) status = 'scheduled';
  if (status === 'scheduled' && !embargoed) {
    throw new LedeError('VALIDATION', 'a new story can only be created as scheduled when it has an embargo; schedule it after creating it', { reason: 'create_scheduled_needs_embargo' });
  }
  return { draft, status };
}

/** The NOT_FOUND of a story that does not exist. */
export function noStory(idOrSlug: string): LedeError {
  return new LedeError('NOT_FOUND', `no story with id or slug "${idOrSlug}"`, { reason: 'no_story' });
}

/** The VERSION_CONFLICT of a write against a version that is no longer the stored one. */
function staleVersion(current: Story, expected: number): LedeError {
  return new LedeError('VERSION_CONFLICT',
    `story ${current.id} was changed meanwhile: you edited version ${expected}, the current version is ${current.version}. Reload it and apply your changes again.`,
    { reason: 'version_conflict', params: { edited: expected, current: current.version } });
}

/**
 * The draft in untrusted input, checked; VALIDATION (story_invalid) naming
 * every problem otherwise, `more` (found beside the draft) included.
 */
export function validDraft(input: unknown, more: ValidationIssue[] = []): StoryDraft {
  const checked = validateDraft(input);
  const issues = [...(checked.ok ? [] : checked.issues), ...more];
  if (!checked.ok || issues.length) throw new LedeError('VALIDATION', `story is invalid: ${formatIssues(issues)}`, { reason: 'story_invalid', issues });
  return checked.value;
}

/** A correction note has 1 to CORRECTION_MAX characters (checked with the draft, before anything is read). */
function correctionIssues(note: string | undefined): ValidationIssue[] {
  if (note && note.length <= CORRECTION_MAX) return [];
  const message = `the correction note is required and at most ${CORRECTION_MAX} characters`;
  return [{ path: 'correction', message, code: 'correction_length', params: { max: CORRECTION_MAX } }];
}

/** A public correction is only for a published story (checked against the stored story, in the write). */
function checkCorrection(current: Story): void {
  if (current.status !== 'published') {
    throw new LedeError('VALIDATION', `only a published story can be corrected; this one is ${current.status}: just save the change`, {
      reason: 'correction_published_only', params: { status: current.status },
      issues: [{ path: 'correction', message: 'only for published stories', code: 'correction_published_only' }],
    });
  }
}

/** `story` with its takedown time set to `at`, or cleared. */
function takedownAt(current: Story, at: Date | undefined, now: Date): Story {
  const next: Story = { ...current, modifiedAt: toZonedIso(now) };
  if (at) next.scheduledDepublishAt = toZonedIso(at);
  else delete next.scheduledDepublishAt;
  return next;
}

/** The editable content of a stored story (what an editor's save sends), without identity, workflow and history. */
export function draftOf(story: Story): StoryDraft {
  const {
    id: _id, status: _status, version: _version, createdAt: _c, modifiedAt: _m, scheduledPublishAt: _sp, scheduledDepublishAt: _sd,
    depublishedAt: _d, corrections: _corr, ownerId: _o, modifiedBy: _mb, ...draft
  } = story;
  return draft;
}

/** What the audit log records of a write, if anything: publication, scheduling, takedown, corrections, restores, other moves. */
function auditedAction(before: Story, after: Story, opts: UpdateOptions): AuditAction | undefined {
  if (opts.note === 'correction') return 'story.corrected';
  if (opts.note?.startsWith('restored')) return 'story.restored';
  if (before.status === after.status) return undefined;
  if (after.status === 'published') return 'story.published';
  if (after.status === 'scheduled') return 'story.scheduled';
  if (after.status === 'depublished') return 'story.depublished';
  return 'story.status';
}

/** A copy of `story` in a new state, with the schedule fields that state carries. */
function withStatus(story: Story, status: StoryStatus, now: Date, fields: Partial<Story>): Story {
  const next: Story = { ...story, status, modifiedAt: toZonedIso(now) };
  if (status !== 'scheduled') delete next.scheduledPublishAt;
  if (status !== 'depublished') delete next.depublishedAt;
  if (status === 'depublished') delete next.scheduledDepublishAt;
  return { ...next, ...fields };
}

/** Copies server-owned fields a new draft does not carry from the stored story. */
function keep(next: Story, current: Story, ...keys: Array<'firstPublishedAt' | 'scheduledPublishAt' | 'scheduledDepublishAt' | 'depublishedAt'>): void {
  for (const key of keys) {
    if (key === 'firstPublishedAt' && next.firstPublishedAt) continue;
    if (current[key] !== undefined) next[key] = current[key];
  }
}

/** Assembles a stored story from a validated draft. Publishing stamps firstPublishedAt when the draft has none. */
export function buildStory(draft: StoryDraft, meta: { id: string; slug: string; status: StoryStatus; now: Date }): Story {
  const nowIso = toZonedIso(meta.now);
  const story: Story = {
    ...draft,
    id: meta.id,
    slug: meta.slug,
    section: draft.section ?? 'Nachrichten',
    status: meta.status,
    version: 1,
    createdAt: nowIso,
    modifiedAt: nowIso,
  };
  if (meta.status === 'published' && !story.firstPublishedAt) story.firstPublishedAt = nowIso;
  if (meta.status === 'scheduled' && draft.embargoUntil) story.scheduledPublishAt = draft.embargoUntil;
  return story;
}
