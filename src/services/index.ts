import type { Database } from '../store/types.js';
import { AssetRepository } from '../store/asset-repository.js';
import type { EventBus } from '../events/event-bus.js';
import { assetUpdated, pushQueued } from '../events/event-bus.js';
import { audit } from '../store/audit-repository.js';
import { BreakingService } from './breaking-service.js';
import { PushService } from './push/push-service.js';
import { AccountService } from './account-service.js';
import { ApiKeyService } from './api-keys.js';
import { newsroomMedia, type MediaLibraryOptions, type NewsroomMedia } from './media-library.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { StoryService } from './story-service.js';
import { PresenceService } from './presence-service.js';
import { TaxonomyService } from './taxonomy-service.js';
import { WireDesk } from './wire-desk.js';
import { WebhookService } from './webhook-service.js';

/** The configuration the services follow (a part of server/config's Config). */
export interface ServicesConfig {
  /** Refuse to publish a story whose library picture has no credit line (LEDE_REQUIRE_IMAGE_CREDIT; default on). */
  requireImageCredit?: boolean;
  /** Webhook URLs may point at private, loopback and link-local addresses (LEDE_WEBHOOKS_ALLOW_PRIVATE; default off). */
  webhooksAllowPrivate?: boolean;
  /** Reader push endpoints on private addresses (LEDE_PUSH_ALLOW_PRIVATE; tests) and the default TTL of a send (LEDE_PUSH_TTL_SECONDS). */
  push?: { allowPrivate?: boolean; ttlSeconds?: number };
}

export interface ServicesOptions {
  /** The bus every service tells its domain events on (none: nobody listens, e.g. one-shot CLI commands). */
  events?: EventBus | undefined;
  /** The media library: a built one, or what to build it from; none: the media endpoints answer 503. */
  media?: NewsroomMedia | MediaLibraryOptions | undefined;
}

/**
 * The services of one process, wired once: the only code that writes, tells
 * domain events and audits. Everything that needs one (the newsroom's
 * endpoints and pages, the scheduler, the CLI) takes it from here, so every
 * writer follows the same rules (no hidden per-database settings).
 */
export interface Services {
  db: Database;
  events: EventBus | undefined;
  stories: StoryService;
  accounts: AccountService;
  /** Keys of the public content API (/api/v1) and their checks. */
  apiKeys: ApiKeyService;
  /** Topics and sections (retention rules). */
  taxonomy: TaxonomyService;
  /** Who has which story open in the editor. */
  presence: PresenceService;
  media: NewsroomMedia | undefined;
  /** The agency desk: wire sources, items, take-overs. */
  wire: WireDesk;
  /** Webhook subscriptions, their delivery log and test events (the worker is started by serve). */
  webhooks: WebhookService;
  /** Web Push: readers' subscriptions, audiences, sends (the sender, PushWorker, is started by serve). */
  push: PushService;
  /** The breaking banner (Eilmeldung). */
  breaking: BreakingService;
  /** A scheduler over these services; with media, its rights sweep announces lapsing pictures. */
  scheduler(opts?: Omit<SchedulerOptions, 'rightsSweep'>): Scheduler;
}

const isBuilt = (m: NewsroomMedia | MediaLibraryOptions): m is NewsroomMedia => 'library' in m;

export function createServices(db: Database, config: ServicesConfig = {}, opts: ServicesOptions = {}): Services {
  const events = opts.events;
  const stories = new StoryService(db, events, config.requireImageCredit === undefined ? {} : { requireImageCredit: config.requireImageCredit });
  // The library tells the process's bus of its changes, also when it was built beforehand (tests, serve).
  const media = opts.media
    ? (isBuilt(opts.media) ? { ...opts.media, library: events ? opts.media.library.withEvents(events) : opts.media.library } : newsroomMedia({ ...opts.media, events }))
    : undefined;
  const webhooks = new WebhookService(db, { allowPrivate: config.webhooksAllowPrivate ?? false });
  const push = new PushService(db, {
    ...(config.push?.allowPrivate !== undefined && { allowPrivate: config.push.allowPrivate }),
    ...(config.push?.ttlSeconds !== undefined && { ttlSeconds: config.push.ttlSeconds }),
    audit: (tx, actor, detail) => audit(tx, actor, 'push.sent', { detail }),
    // Wakes the push sender of this process and, through the relay, of every node.
    ...(events && { afterSend: () => void events.emit(pushQueued()) }),
  });
  return {
    db,
    events,
    stories,
    push,
    breaking: new BreakingService(db, events),
    accounts: new AccountService(db),
    apiKeys: new ApiKeyService(db),
    taxonomy: new TaxonomyService(db, events),
    presence: new PresenceService(db),
    media,
    wire: new WireDesk(db, stories, { events, media }),
    webhooks,
    scheduler(schedulerOpts = {}) {
      const assets = new AssetRepository(db);
      return new Scheduler(stories, {
        ...schedulerOpts,
        // The rights sweep: a picture whose rights lapse (or begin) by the clock is purged from every page within a tick.
        ...(events && {
          rightsSweep: {
            rightsChangedBetween: (from: Date, to: Date, limit?: number) => assets.rightsChangedBetween(from, to, limit),
            // A lapse is queued for webhooks before the pages are told, so a failure repeats the sweep instead of losing it.
            announce: async (id: string) => { await webhooks.assetRightsChanged(id); await events.emit(assetUpdated(id)); },
          },
        }),
      });
    },
  };
}
