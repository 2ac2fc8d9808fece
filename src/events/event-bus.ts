/**
 * Domain events: what happened to a story, told once by the write path and
 * heard by whoever must react (page cache purge now; search index and
 * webhooks later). Handlers never throw into the writer: a failing listener
 * is reported and the write stands.
 */
export type DomainEvent = {
  /**
   * `topic.updated` is story-less: a topic's name or introduction changed.
   * It carries the topic's slug in `topics` and empty `storyId`, `slug` and
   * `sectionSlug`, so purging by its keys reaches the topic page.
   *
   * `asset.updated` is story-less too: a media library picture's rights,
   * credit or file changed, or its rights began or lapsed by the clock. It
   * carries `assetId` (and empty story fields); every page that names the
   * picture carries the surrogate key `asset:<assetId>`.
   *
   * `wire.received` is for the newsroom's live agency desk only: a new wire
   * item or a new version of one was stored. It carries `wireItemId` (and
   * empty story fields) and touches no reader page (`touchesReaders`).
   *
   * `breaking.changed` (story-less): the breaking banner was set, changed or
   * taken down. Reader pages are not purged for it: each node reads the
   * banner again and its page cache puts it into kept copies (banner.ts).
   *
   * `push.queued` (story-less): a Web Push send has deliveries waiting; it
   * wakes the push senders of every node and touches no reader page.
   */
  type: 'story.published' | 'story.updated' | 'story.depublished' | 'topic.updated' | 'asset.updated' | 'wire.received'
    | 'breaking.changed' | 'push.queued';
  storyId: string;
  slug: string;
  sectionSlug: string;
  topics: string[];
  /** Slugs of the story's authors (author pages). */
  authors?: string[];
  /** The media library picture of an `asset.updated`. */
  assetId?: string;
  /** The wire item of a `wire.received`. */
  wireItemId?: string;
};

/** The event that tells the live desk a wire item arrived or changed. */
export function wireReceived(wireItemId: string): DomainEvent {
  return { type: 'wire.received', storyId: '', slug: '', sectionSlug: '', topics: [], wireItemId };
}

/** The event that tells every node the breaking banner changed. */
export function breakingChanged(): DomainEvent {
  return { type: 'breaking.changed', storyId: '', slug: '', sectionSlug: '', topics: [] };
}

/** The event that wakes every node's push sender. */
export function pushQueued(): DomainEvent {
  return { type: 'push.queued', storyId: '', slug: '', sectionSlug: '', topics: [] };
}

/**
 * False for events no reader page's content depends on through the purge keys
 * (page cache and navigation leave them alone). The banner reaches pages its
 * own way (banner.ts), without a purge.
 */
export function touchesReaders(event: Pick<DomainEvent, 'type'>): boolean {
  return event.type !== 'wire.received' && event.type !== 'push.queued' && event.type !== 'breaking.changed';
}

/** The event that takes a picture's changed rights or credit to every page showing it. */
export function assetUpdated(assetId: string): DomainEvent {
  return { type: 'asset.updated', storyId: '', slug: '', sectionSlug: '', topics: [], assetId };
}

export type Listener = (event: DomainEvent) => void | Promise<void>;

export class EventBus {
  readonly #listeners = new Set<Listener>();

  constructor(private readonly onListenerError: (err: unknown, event: DomainEvent) => void = (err, event) => {
    console.error(`[events] a listener failed on ${event.type} ${event.slug}:`, err);
  }) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Delivers to every listener; resolves when all have finished (or failed). Call after the transaction committed. */
  async emit(event: DomainEvent): Promise<void> {
    await Promise.all([...this.#listeners].map(async (l) => {
      try {
        await l(event);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }));
  }
}
