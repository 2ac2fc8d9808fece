import { availableParallelism } from 'node:os';

/**
 * A bound on how many reader pages render at once, with a bounded queue behind
 * it. Rendering is what costs database time; bounding it keeps the rest of the
 * database (the newsroom's saves, on PGlite the one connection) and the event
 * loop (cache hits) free during a flood of uncached requests. A render that
 * cannot get a slot, or a queue place, or waits too long for one, is refused
 * with RenderShed: the page cache then answers with a stale copy or 503.
 */
export interface RenderGateOptions {
  /** Renders at once (LEDE_MAX_RENDERS). */
  maxRenders?: number;
  /** Renders waiting for a slot; beyond, refused at once (LEDE_RENDER_QUEUE). */
  maxQueue?: number;
  /** Longest a render waits for a slot before it is refused (LEDE_RENDER_WAIT_MS). */
  maxWaitMs?: number;
}

/**
 * A render is mostly work on this thread (templates; on PGlite the queries
 * too): more at once than there are cores only adds waiting. Measured with
 * bench/load-shedding.bench.ts on 2 cores, 2 instead of 4 kept 49 % instead of
 * 37 % of the cached rate on PostgreSQL during the flood.
 */
export const DEFAULT_MAX_RENDERS = Math.max(2, Math.min(8, availableParallelism()));
export const DEFAULT_RENDER_QUEUE = 256;
export const DEFAULT_RENDER_WAIT_MS = 5_000;

/** A render refused for lack of capacity (not an error of the page). */
export class RenderShed extends Error {
  constructor(why: string) {
    super(`render refused: ${why}`);
    this.name = 'RenderShed';
  }
}

export function isRenderShed(err: unknown): err is RenderShed {
  return err instanceof RenderShed;
}

interface Waiter {
  /** A page readers already asked for: served before unknown ones. */
  first: boolean;
  start: () => void;
  refuse: (err: RenderShed) => void;
  timer: NodeJS.Timeout;
}

export class RenderGate {
  readonly #max: number;
  readonly #maxQueue: number;
  readonly #maxWait: number;
  readonly #queue: Waiter[] = [];
  #active = 0;
  #shed = 0;

  constructor(opts: RenderGateOptions = {}) {
    this.#max = Math.max(1, opts.maxRenders ?? DEFAULT_MAX_RENDERS);
    this.#maxQueue = Math.max(0, opts.maxQueue ?? DEFAULT_RENDER_QUEUE);
    this.#maxWait = Math.max(0, opts.maxWaitMs ?? DEFAULT_RENDER_WAIT_MS);
  }

  /** Renders running now. */
  get inFlight(): number {
    return this.#active;
  }

  /** Renders waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Renders refused so far (queue full or waited too long). */
  get shed(): number {
    return this.#shed;
  }

  /** Every slot taken: a new render would have to wait (or be refused). */
  get saturated(): boolean {
    return this.#active >= this.#max;
  }

  /**
   * Runs `fn` once a slot is free; rejects with RenderShed when none comes in time.
   * `first`: a page readers already asked for (its copy was purged or grew old)
   * goes ahead of pages never seen, so a flood of made-up URLs cannot keep
   * the pages people read waiting behind it.
   */
  async run<T>(fn: () => Promise<T>, opts: { first?: boolean } = {}): Promise<T> {
    await this.#enter(opts.first === true);
    try {
      return await fn();
    } finally {
      this.#leave();
    }
  }

  #enter(first: boolean): Promise<void> {
    if (this.#active < this.#max && !this.#queue.length) {
      this.#active++;
      return Promise.resolve();
    }
    if (this.#queue.length >= this.#maxQueue && !(first && this.#queue.some((w) => !w.first))) {
      this.#shed++;
      return Promise.reject(new RenderShed('too many pages waiting to render'));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        first,
        start: resolve,
        refuse: reject,
        timer: setTimeout(() => {
          const at = this.#queue.indexOf(waiter);
          if (at !== -1) this.#queue.splice(at, 1);
          this.#shed++;
          reject(new RenderShed(`no render slot within ${this.#maxWait} ms`));
        }, this.#maxWait),
      };
      waiter.timer.unref();
      if (!first) {
        this.#queue.push(waiter);
        return;
      }
      // Behind the other known pages, ahead of every unknown one; a full queue gives up its newest unknown page for it.
      const at = this.#queue.findIndex((w) => !w.first);
      if (at === -1) this.#queue.push(waiter);
      else this.#queue.splice(at, 0, waiter);
      if (this.#queue.length > this.#maxQueue) {
        const last = this.#queue.pop()!;
        clearTimeout(last.timer);
        this.#shed++;
        last.refuse(new RenderShed('too many pages waiting to render'));
      }
    });
  }

  #leave(): void {
    this.#active--;
    const next = this.#queue.shift();
    if (!next) return;
    clearTimeout(next.timer);
    this.#active++;
    // The next render starts on a later turn of the event loop, not in this
    // promise chain: waiting requests (cache hits, the newsroom) get served between renders.
    setImmediate(next.start);
  }
}
