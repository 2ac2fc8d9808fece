import type { Story } from '../content/index.js';
import type { StoryService } from './story-service.js';

export interface SchedulerOptions {
  /** How often to look for due stories (default 5 s: a scheduled story goes live at most that late). */
  intervalMs?: number;
  /** Told about each story the scheduler published or took down. */
  onChange?: (story: Story) => void;
  onError?: (err: unknown) => void;
  /** How often the retention pass (StoryService.runRetention) runs within the ticks (default 60 s). */
  retentionIntervalMs?: number;
}

/**
 * Runs StoryService.runDue on a timer: scheduled publication (including the
 * end of an embargo) and scheduled depublication; and, once a minute,
 * StoryService.runRetention (retention rules). Every app node may run one;
 * the versioned writes let exactly one node carry out each change.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #lastRetention = -Infinity;

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
        const now = new Date();
        const changed = await this.service.runDue(now);
        // Retention rules are months long: a pass a minute is plenty, and spares the scan on every tick.
        if (now.getTime() - this.#lastRetention >= (this.opts.retentionIntervalMs ?? 60_000)) {
          this.#lastRetention = now.getTime();
          changed.push(...await this.service.runRetention(now));
        }
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
