import type { EventBus } from '../events/event-bus.js';

/**
 * The loop every outbox sender runs (webhooks and WebSub pings, Web Push):
 * a round now; again at once when the round found work (more may be due) or
 * when woken meanwhile; otherwise a safety-net poll. Woken by every domain
 * event (a commit just happened; on PostgreSQL the relay brings other nodes'
 * too). Housekeeping runs at most once per `housekeepingMs`. A failed round
 * is logged and the loop goes on.
 */
export interface OutboxLoopOptions {
  /** One round: returns how many items it handled. */
  round: () => Promise<number>;
  /** Housekeeping between rounds (pruning old rows), at most once per housekeepingMs. */
  housekeeping?: () => Promise<unknown>;
  housekeepingMs?: number;
  pollMs: number;
  events?: EventBus | undefined;
  /** Names the sender in the log line of a failed round ("webhooks", "push"). */
  name: string;
  log: (line: string) => void;
}

export class OutboxLoop {
  #stopped = true;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #kicked = false;
  #unsubscribe: (() => void) | undefined;
  #lastHousekeeping = -Infinity;

  constructor(private readonly opts: OutboxLoopOptions) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = this.opts.events?.subscribe(() => this.wake());
    this.#loop = this.#run();
  }

  /** Looks at the outbox now instead of at the next poll. */
  wake(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      this.#kicked = false;
      let handled = 0;
      try {
        handled = await this.opts.round();
        if (this.opts.housekeeping && Date.now() - this.#lastHousekeeping >= (this.opts.housekeepingMs ?? 3600_000)) {
          this.#lastHousekeeping = Date.now();
          await this.opts.housekeeping();
        }
      } catch (err) {
        this.opts.log(`${this.opts.name}: a delivery round failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (this.#stopped || handled > 0 || this.#kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.pollMs);
        timer.unref();
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
