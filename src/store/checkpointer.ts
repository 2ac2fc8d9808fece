/**
 * Checkpoints for the embedded engine. PGlite runs PostgreSQL as a single
 * backend without the background checkpointer, so nothing ever checkpoints on
 * its own: the WAL grows without bound, and crash recovery replays all of it
 * since the last clean shutdown. We CHECKPOINT on a timer (when anything was
 * written), whenever the WAL since the last checkpoint passes a size, and on
 * close.
 *
 * There is no autovacuum either, so planner statistics are never refreshed on
 * their own; without them the planner guesses and picks slow plans (measured:
 * the section navigation query 167 ms → 0.5 ms on 10,000 stories). The same
 * timer runs ANALYZE once enough rows have been written.
 */

export interface CheckpointPolicy {
  /** Timer period; 0 = no timer. */
  intervalMs: number;
  /** WAL bytes since the last checkpoint that trigger one; 0 = never by size. */
  walBytes: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { intervalMs: 30_000, walBytes: 16 * 1024 * 1024 };

/** How many writes pass between two looks at the WAL size (a look costs a tiny query). */
const PROBE_EVERY = 32;

/** Writes after which the timer refreshes planner statistics (ANALYZE samples, so it stays cheap). */
export const ANALYZE_AFTER_WRITES = 200;

type Run = <T>(sql: string) => Promise<T[]>;

export class Checkpointer {
  #writes = 0;
  #writesSinceAnalyze = 0;
  #sinceProbe = 0;
  #probing = false;
  #running: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #background = new Set<Promise<void>>();
  /** Checkpoints done (for tests and diagnostics). */
  count = 0;

  constructor(
    private readonly run: Run,
    private readonly policy: CheckpointPolicy,
    private readonly onError: (err: unknown) => void,
  ) {
    if (policy.intervalMs > 0) {
      this.#timer = setInterval(() => {
        if (this.#writesSinceAnalyze >= ANALYZE_AFTER_WRITES) this.#inBackground(() => this.analyze());
        if (this.#writes > 0) this.#inBackground(() => this.checkpoint());
      }, policy.intervalMs);
      // A timer must not keep a finished CLI command alive.
      this.#timer.unref();
    }
  }

  /** Called after every statement or transaction that may have written. */
  noteWrite(): void {
    this.#writes++;
    this.#writesSinceAnalyze++;
    if (this.policy.walBytes <= 0 || this.#stopped) return;
    if (++this.#sinceProbe < PROBE_EVERY || this.#probing) return;
    this.#sinceProbe = 0;
    this.#probing = true;
    this.#inBackground(async () => {
      try {
        const bytes = await this.walSinceCheckpoint();
        if (bytes >= this.policy.walBytes && !this.#stopped) await this.checkpoint();
      } finally {
        this.#probing = false;
      }
    });
  }

  /** Bytes of WAL that crash recovery would replay right now. */
  async walSinceCheckpoint(): Promise<number> {
    const rows = await this.run<{ bytes: number }>(
      'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::int8 AS bytes FROM pg_control_checkpoint()',
    );
    return Number(rows[0]?.bytes ?? 0);
  }

  /** One checkpoint at a time; a caller arriving during one waits for it. */
  checkpoint(): Promise<void> {
    if (!this.#running) {
      this.#writes = 0;
      this.#running = this.run('CHECKPOINT').then(
        () => {
          this.count++;
          this.#running = undefined;
        },
        (err: unknown) => {
          this.#running = undefined;
          throw err;
        },
      );
    }
    return this.#running;
  }

  /** Refreshes planner statistics for every table. */
  async analyze(): Promise<void> {
    this.#writesSinceAnalyze = 0;
    await this.run('ANALYZE');
  }

  /** Stops the timer and waits for background work; close() then does the final checkpoint. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await Promise.all([...this.#background]);
    await this.#running?.catch(() => undefined);
  }

  #inBackground(task: () => Promise<void>): void {
    if (this.#stopped) return;
    const p = task().catch((err: unknown) => {
      if (!this.#stopped) this.onError(err);
    });
    this.#background.add(p);
    void p.finally(() => this.#background.delete(p));
  }
}
