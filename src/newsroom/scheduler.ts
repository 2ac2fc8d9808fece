import type { Story } from '../content/index.js';
import type { StoryService } from './story-service.js';

export interface SchedulerOptions {
  /** How often to look for due stories (default 5 s: a scheduled story goes live at most that late). */
  intervalMs?: number;
  /** Told about each story the scheduler published or took down. */
  onChange?: (story: Story) => void;
  onError?: (err: unknown) => void;
}

/**
 * Runs StoryService.runDue on a timer: scheduled publication (including the
 * end of an embargo) and scheduled depublication. Every app node may run one;
 * the versioned writes let exactly one node carry out each change.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(private readonly service: StoryService, private readonly opts: SchedulerOptions = {}) {}

  start(): void {
    if (this.#timer) return;
    const interval = this.opts.intervalMs ?? 5_000;
    this.#timer = setInterval(() => void this.tick(), interval);
    this.#timer.unref();
    void this.tick();
  }

  /** One pass; overlapping calls share the pass in progress. */
  tick(): Promise<void> {
    this.#running ??= (async () => {
      try {
        const changed = await this.service.runDue(new Date());
        for (const story of changed) this.opts.onChange?.(story);
      } catch (err) {
        (this.opts.onError ?? ((e) => console.error('[scheduler] pass failed:', e)))(err);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  /** Stops the timer and waits for a pass in progress, so the database can close under it safely. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
