/**
 * Waiting between polls: an abortable sleep (a stopping poller must not sit
 * out a long retry-after) and the back-off after failures, doubling from
 * `initialMs` to `maxMs` with jitter so several nodes that lost the same
 * server do not come back in step.
 */

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) => new Promise<void>((resolve) => {
  if (signal.aborted || ms <= 0) return resolve();
  const done = () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', done);
    resolve();
  };
  const timer = setTimeout(done, ms);
  signal.addEventListener('abort', done, { once: true });
});

export interface BackOffOptions {
  initialMs?: number;
  maxMs?: number;
  /** 0..1: how much of each delay is random (default 0.2). */
  jitter?: number;
}

export class BackOff {
  #failures = 0;
  constructor(private readonly opts: BackOffOptions = {}) {}

  /** The delay after one more failure. */
  next(): number {
    const initial = this.opts.initialMs ?? 1_000;
    const max = this.opts.maxMs ?? 60_000;
    const base = Math.min(max, initial * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    const jitter = this.opts.jitter ?? 0.2;
    return Math.round(base * (1 - jitter + Math.random() * jitter));
  }

  reset(): void {
    this.#failures = 0;
  }

  get failures(): number {
    return this.#failures;
  }
}
