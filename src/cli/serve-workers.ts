import cluster, { type Worker } from 'node:cluster';
import type { CommandIO } from './command-support.js';

/**
 * The primary of a multi-worker `lede serve` (node:cluster): it forks one
 * worker per slot, the workers share the port (the primary accepts the
 * connections and hands them out in turn, Node's default on Linux), and it
 * serves nothing itself. A worker that ends unexpectedly is replaced in the
 * same slot after a pause that doubles with each quick failure (0.5 s up to
 * 30 s; a worker that ran a minute resets it). SIGTERM or SIGINT ends every
 * worker cleanly (each closes its server, scheduler, relay and database) and
 * then the primary.
 */

/**
 * Connections per worker's pool unless LEDE_DB_POOL says otherwise: 10 for a
 * few workers, fewer for many, so that with the listening connections a node
 * stays within PostgreSQL's default max_connections of 100 (16 workers: 4
 * each, 80 in all).
 */
export function workerPoolSize(workers: number): number {
  return Math.min(10, Math.max(4, Math.floor(64 / workers)));
}

/**
 * glibc malloc settings for a process that serves (`npm start` sets the same;
 * docs/operations.md, "Memory"). MALLOC_ARENA_MAX=2: libvips' and libuv's
 * threads do not each get an arena of their own. MALLOC_MMAP_THRESHOLD_ and
 * MALLOC_TRIM_THRESHOLD_ at 128 KB: by default glibc raises the mmap
 * threshold to the largest block it has seen freed (up to 32 MB), after which
 * large short-lived buffers (compressor state, big query results) and the
 * page cache's 1 MB blocks all come from the main heap, and the holes they
 * leave there are never given back (bench/memory.bench.ts, PGlite: the main
 * heap grew 98 → 123 MB from 10,000 to 50,000 requests, and malloc_trim would
 * have returned 55 MB of free but held memory). A fixed threshold keeps blocks
 * of 128 KB or more in mappings of their own, returned when freed: the main
 * heap then stayed at 47 MB (PGlite) and 17–19 MB (PostgreSQL), and RSS after
 * the first 10,000 requests on PostgreSQL fell from 233 to 208 MB. Other
 * allocators ignore these variables.
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** The malloc settings a worker is started with: MALLOC_SETTINGS, except what the operator set (here or through GLIBC_TUNABLES). */
export function mallocSettingsFor(env: NodeJS.ProcessEnv): Record<string, string> {
  if (/glibc\.malloc\./.test(env.GLIBC_TUNABLES ?? '')) return {};
  return Object.fromEntries(Object.entries(MALLOC_SETTINGS).filter(([k]) => env[k] === undefined));
}

/** The environment variable that tells a forked worker its slot (1..n). */
const SLOT_ENV = 'LEDE_WORKER_SLOT';
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A worker that lived this long counts as healthy: its replacement starts after the first delay again. */
const HEALTHY_AFTER_MS = 60_000;
/** How long workers may take to close before they are killed. */
const STOP_GRACE_MS = 15_000;

/** This process's slot when it is a worker forked by superviseWorkers, else undefined. */
export function workerSlot(): number | undefined {
  if (!cluster.isWorker) return undefined;
  const n = Number(process.env[SLOT_ENV]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

interface WorkerMessage {
  ready?: number;
}

/** A worker tells the primary it listens. */
export function tellPrimary(message: WorkerMessage): void {
  process.send?.({ lede: message });
}

export interface SuperviseOptions {
  workers: number;
  io: CommandIO;
  started: number;
  /** The "Lede is running" line, given the workers' pids (by slot) and the ms since start. */
  running: (pids: number[], ms: number) => string;
}

interface Slot {
  n: number;
  worker?: Worker;
  startedAt: number;
  ready: boolean;
  failures: number;
  timer?: NodeJS.Timeout;
}

/** Runs the workers until SIGTERM/SIGINT; 1 when they could not all start. */
export function superviseWorkers(opts: SuperviseOptions): Promise<number> {
  const { io } = opts;
  const slots: Slot[] = Array.from({ length: opts.workers }, (_, i) => ({ n: i + 1, startedAt: 0, ready: false, failures: 0 }));
  let allReady = false;
  let stopping = false;
  let othersForked = false;

  return new Promise<number>((resolve) => {
    let exitCode = 0;
    const finishIfDone = () => {
      if (stopping && slots.every((s) => !s.worker)) {
        clearTimeout(killTimer);
        resolve(exitCode);
      }
    };
    let killTimer: NodeJS.Timeout | undefined;

    const stopAll = (why: string, code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      if (why) io.stdout.write(`${why}: shutting down\n`);
      for (const s of slots) {
        clearTimeout(s.timer);
        // A signal, not worker.kill(): the worker's own handler closes its server, scheduler, relay and database.
        if (s.worker && !s.worker.isDead()) s.worker.process.kill('SIGTERM');
      }
      killTimer = setTimeout(() => {
        for (const s of slots) if (s.worker && !s.worker.isDead()) s.worker.process.kill('SIGKILL');
      }, STOP_GRACE_MS);
      killTimer.unref();
      finishIfDone();
    };

    const fork = (slot: Slot) => {
      slot.ready = false;
      slot.startedAt = Date.now();
      const worker = cluster.fork({ ...mallocSettingsFor(process.env), [SLOT_ENV]: String(slot.n), ...(!process.env.LEDE_DB_POOL && { LEDE_DB_POOL: String(workerPoolSize(opts.workers)) }) });
      slot.worker = worker;
      worker.on('message', (m: { lede?: WorkerMessage }) => {
        if (m?.lede?.ready !== slot.n) return;
        slot.ready = true;
        if (!othersForked) {
          othersForked = true;
          for (const other of slots.slice(1)) fork(other);
        }
        if (allReady) {
          io.stderr.write(`lede serve: worker ${slot.n} is back (pid ${worker.process.pid})\n`);
        } else if (slots.every((s) => s.ready)) {
          allReady = true;
          io.stdout.write(opts.running(slots.map((s) => s.worker!.process.pid!), Math.round(performance.now() - opts.started)));
        }
      });
      worker.on('exit', (code, signal) => {
        if (slot.worker === worker) slot.worker = undefined;
        if (stopping) return finishIfDone();
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (!allReady) {
          // A worker that cannot start (port taken, database unreachable) would fail the same way again: give up.
          io.stderr.write(`lede serve: worker ${slot.n} ended before it was ready (${how}); stopping\n`);
          stopAll('', 1);
          return;
        }
        if (Date.now() - slot.startedAt >= HEALTHY_AFTER_MS) slot.failures = 0;
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** slot.failures);
        slot.failures++;
        io.stderr.write(`lede serve: worker ${slot.n} (pid ${worker.process.pid}) ended unexpectedly (${how}); starting another in ${(delay / 1000).toFixed(1)} s\n`);
        slot.timer = setTimeout(() => {
          slot.timer = undefined;
          if (!stopping) fork(slot);
        }, delay);
      });
    };

    process.once('SIGINT', () => stopAll('SIGINT', 0));
    process.once('SIGTERM', () => stopAll('SIGTERM', 0));
    // Worker 1 starts alone and the others once it answers: started together they share the cores
    // while they load, and the first answer waited for all of them (1.3 s against 0.8 s on 2 cores).
    fork(slots[0]!);
  });
}
