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
   */
  type: 'story.published' | 'story.updated' | 'story.depublished' | 'topic.updated';
  storyId: string;
  slug: string;
  sectionSlug: string;
  topics: string[];
  /** Slugs of the story's authors (author pages). */
  authors?: string[];
};

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
