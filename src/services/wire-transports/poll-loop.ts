import { BackOff, sleep as realSleep, type BackOffOptions, type Sleep } from './back-off.js';
import { errorText, type TransportLog } from './wire-transport.js';

/**
 * Who may poll a source right now. One poller per source per cluster: on
 * PostgreSQL a session-level advisory lock on a connection of its own
 * (src/store/advisory-locks.ts), so a node that dies lets go with its
 * connection; in one process (the embedded database, tests) a map.
 */
export interface PollLocks {
  /** True when `owner` holds (or now took) `key`; false while someone else holds it. */
  tryLock(key: string, owner: object): Promise<boolean>;
  /** True while `owner` still holds `key` (on PostgreSQL: its connection still answers). */
  holds(key: string, owner: object): Promise<boolean>;
  unlock(key: string, owner: object): Promise<void>;
  close(): Promise<void>;
}

/** Locks within one process: enough where one process is the whole cluster (PGlite locks its data directory). */
export function processLocks(): PollLocks {
  const held = new Map<string, object>();
  return {
    tryLock: async (key, owner) => {
      const current = held.get(key);
      if (current && current !== owner) return false;
      held.set(key, owner);
      return true;
    },
    holds: async (key, owner) => held.get(key) === owner,
    unlock: async (key, owner) => {
      if (held.get(key) === owner) held.delete(key);
    },
    close: async () => held.clear(),
  };
}

/**
 * One round of a transport: fetch what is waiting, hand each document to the
 * desk, acknowledge it. Returns how long to wait before the next round (ms).
 * `signal` aborts when the poller stops: waits and fetches of new work end at
 * once, but a document already fetched is still ingested and acknowledged
 * (cutting that short would only cause a redelivery).
 */
export type PollStep = (signal: AbortSignal) => Promise<number>;

export interface PollLoopOptions {
  /** For log lines: "wireq dpa-basis". */
  name: string;
  step: PollStep;
  /** Without: this loop polls whatever other nodes do (tests of a single transport). */
  lock?: { locks: PollLocks; key: string; retryMs?: number };
  log?: TransportLog;
  backOff?: BackOffOptions;
  /** The waits (tests pass a recording one: no timed assertions). */
  sleep?: Sleep;
}

export interface PollLoopStats {
  rounds: number;
  failures: number;
  /** Rounds spent waiting because another node held the source's lock. */
  lockWaits: number;
}

/**
 * Runs a transport's step again and again until stopped: failures (network,
 * 5xx, the database away) are logged and retried with back-off and never end
 * the process. stop() aborts waits and pending fetches and resolves once the
 * round in progress finished, so the database can close under it.
 */
export class PollLoop {
  readonly stats: PollLoopStats = { rounds: 0, failures: 0, lockWaits: 0 };
  #abort: AbortController | undefined;
  #done: Promise<void> | undefined;
  readonly #owner = {};

  constructor(private readonly opts: PollLoopOptions) {}

  get running(): boolean {
    return this.#done !== undefined;
  }

  start(): void {
    if (this.#done) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#done = this.#run(abort.signal).finally(() => {
      if (this.#abort === abort) {
        this.#abort = undefined;
        this.#done = undefined;
      }
    });
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#done;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const log = this.opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const wait = this.opts.sleep ?? realSleep;
    const backOff = new BackOff(this.opts.backOff);
    const lock = this.opts.lock;
    let held = false;
    try {
      while (!signal.aborted) {
        if (lock) {
          const ok = await (held ? lock.locks.holds(lock.key, this.#owner) : lock.locks.tryLock(lock.key, this.#owner)).catch((err: unknown) => {
            log(`${this.opts.name}: cannot check the poll lock: ${errorText(err)}`);
            return false;
          });
          if (!ok) {
            if (held) log(`${this.opts.name}: lost the poll lock; another node may poll now`);
            held = false;
            this.stats.lockWaits++;
            await wait(lock.retryMs ?? 5_000, signal);
            continue;
          }
          // Said on the change only: the operator sees which node polls a source, and when that moves.
          if (!held && this.stats.lockWaits > 0) log(`${this.opts.name}: this node polls the source now`);
          held = true;
        }
        let delay: number;
        try {
          delay = await this.opts.step(signal);
          backOff.reset();
        } catch (err) {
          if (signal.aborted) break;
          this.stats.failures++;
          delay = backOff.next();
          log(`${this.opts.name}: ${errorText(err)}; trying again in ${Math.round(delay / 100) / 10} s`);
        }
        this.stats.rounds++;
        await wait(delay, signal);
      }
    } finally {
      if (lock && held) await lock.locks.unlock(lock.key, this.#owner).catch(() => undefined);
    }
  }
}
