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
  /**
   * While cache hits are being served, the share of the time queued renders
   * may take, all slots together (default RENDER_SHARE_WHILE_HITS); the rest
   * is left to the hits. Without hits renders go back to back.
   */
  shareWhileHits?: number;
}

/**
 * The renders' share of time while readers are being served from the cache:
 * a render that took t ms moves the earliest start of the next one t·(1/share − 1)
 * ms on (a wait of at most MAX_REST_MS at a time), so renders stay near
 * `share` of the time and the hits get the rest. Why: handing a slot on
 * at once (setImmediate) lets hits in between renders, but a flood of costly
 * uncached requests (the content API's 100-story ninjs pages, PGlite's
 * queries on this thread) still filled the event loop: cached pages kept 3 %
 * (PGlite) and 24 % (PostgreSQL) of their rate (bench/load-shedding,
 * BENCH_SHED_TARGET=api). Renders are timed by the wall clock, which on
 * PostgreSQL includes waiting for the database: the rest is then longer than
 * needed, which errs toward the readers.
 */
export const RENDER_SHARE_WHILE_HITS = 0.3;
const MAX_REST_MS = 200;
/**
 * A hit this recent means readers are being served now. Long enough that a
 * loop slowed by renders (hits then come seldom) still counts as busy with
 * readers: a short window turned the pacing off exactly when it was needed.
 */
const HITS_RECENT_MS = 1_000;

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
  #lastHit = -Infinity;
  /** While readers are being served, no render starts before this (performance.now() time). */
  #nextStart = 0;
  #scheduled = false;
  readonly #restFactor: number;

  constructor(opts: RenderGateOptions = {}) {
    this.#max = Math.max(1, opts.maxRenders ?? DEFAULT_MAX_RENDERS);
    this.#maxQueue = Math.max(0, opts.maxQueue ?? DEFAULT_RENDER_QUEUE);
    this.#maxWait = Math.max(0, opts.maxWaitMs ?? DEFAULT_RENDER_WAIT_MS);
    const share = Math.min(1, Math.max(0.01, opts.shareWhileHits ?? RENDER_SHARE_WHILE_HITS));
    this.#restFactor = 1 / share - 1;
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
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.#leave(performance.now() - started);
    }
  }

  /** A reader was served from the cache (PageCache calls this on every hit): queued renders then leave room (shareWhileHits). */
  noteHit(): void {
    this.#lastHit = performance.now();
  }

  /** Readers are being served from the cache now: renders keep to their share of the time. */
  #pacing(now: number): boolean {
    return now - this.#lastHit < HITS_RECENT_MS;
  }

  #enter(first: boolean): Promise<void> {
    const now = performance.now();
    // While readers are being served, a render that would start before its share allows waits in the queue like one
    // without a slot: on PGlite a render runs on this thread from start to end, so free slots alone never made renders wait.
    if (this.#active < this.#max && !this.#queue.length && !(this.#pacing(now) && now < this.#nextStart)) {
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
        this.#schedule();
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
      this.#schedule();
    });
  }

  #leave(tookMs: number): void {
    this.#active--;
    const now = performance.now();
    // While readers are being served, each render moves the next start on by its own time × (1/share − 1).
    if (this.#pacing(now)) this.#nextStart = Math.max(this.#nextStart, now) + tookMs * this.#restFactor;
    this.#schedule();
  }

  /**
   * Starts the next waiting render when a slot is free: on a later turn of
   * the event loop (never in the finishing render's promise chain, so waiting
   * requests — cache hits, the newsroom — are served between renders), and
   * while readers are being served not before its share of time allows
   * (at most MAX_REST_MS ahead).
   */
  #schedule(): void {
    if (this.#scheduled || !this.#queue.length || this.#active >= this.#max) return;
    this.#scheduled = true;
    const go = () => {
      this.#scheduled = false;
      // Every free slot at once (as a finishing render used to hand its slot straight on); while paced, one.
      while (this.#queue.length && this.#active < this.#max) {
        const next = this.#queue.shift()!;
        clearTimeout(next.timer);
        this.#active++;
        next.start();
        if (this.#pacing(performance.now())) break;
      }
      this.#schedule();
    };
    const now = performance.now();
    const wait = this.#pacing(now) ? Math.min(MAX_REST_MS, this.#nextStart - now) : 0;
    if (wait >= 1) setTimeout(go, wait);
    else setImmediate(go);
  }
}
