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
  /**
   * The rights sweep: on every tick, the media library pictures whose rights
   * began or lapsed since the last tick (valid_from / valid_until passed, by
   * the clock, with nobody editing) are told as `asset.updated`, which purges
   * every page showing them. Without it there is no sweep.
   */
  rightsSweep?: RightsSweep;
  /** The clock (tests); default the system's. */
  clock?: () => Date;
}

export interface RightsSweep {
  /** Assets whose rights status changed in (from, to] (AssetRepository.rightsChangedBetween). */
  rightsChangedBetween(from: Date, to: Date, limit?: number): Promise<{ id: string }[]>;
  /** Tells that an asset's rights changed (emits asset.updated on the event bus). */
  announce(assetId: string): Promise<void>;
  /** How far back the first sweep looks (default 10 min): lapses while the node was down reach CDNs too. */
  lookbackMs?: number;
}

/**
 * Runs StoryService.runDue on a timer: scheduled publication (including the
 * end of an embargo) and scheduled depublication; the rights sweep of media
 * library pictures (every tick); and, once a minute,
 * StoryService.runRetention (retention rules). Every app node may run one;
 * the versioned writes let exactly one node carry out each change.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #lastRetention = -Infinity;
  #lastSweep: Date | undefined;
  /** When the last pass ended without an error (epoch ms; metrics show the time since as the scheduler's lag). */
  lastPassAt: number | undefined;

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
        const now = (this.opts.clock ?? (() => new Date()))();
        // A failed sweep is reported and repeated next tick; it does not hold up publication.
        await this.#sweepRights(now).catch((err: unknown) => (this.opts.onError ?? ((e) => console.error('[scheduler] rights sweep failed:', e)))(err));
        const changed = await this.service.runDue(now);
        // Retention rules are months long: a pass a minute is plenty, and spares the scan on every tick.
        if (now.getTime() - this.#lastRetention >= (this.opts.retentionIntervalMs ?? 60_000)) {
          this.#lastRetention = now.getTime();
          changed.push(...await this.service.runRetention(now));
        }
        for (const story of changed) this.opts.onChange?.(story);
        this.lastPassAt = Date.now();
      } catch (err) {
        (this.opts.onError ?? ((e) => console.error('[scheduler] pass failed:', e)))(err);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  /**
   * Announces every picture whose rights began or ended since the last sweep.
   * The window moves on only after all were announced, so a failed pass is
   * repeated, never skipped.
   */
  async #sweepRights(now: Date): Promise<void> {
    const sweep = this.opts.rightsSweep;
    if (!sweep) return;
    const from = this.#lastSweep ?? new Date(now.getTime() - (sweep.lookbackMs ?? 600_000));
    if (now.getTime() <= from.getTime()) return;
    const changed = await sweep.rightsChangedBetween(from, now, 10_000);
    for (const asset of changed) await sweep.announce(asset.id);
    this.#lastSweep = now;
  }

  /** Stops the timer and waits for a pass in progress, so the database can close under it safely. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
