import { createHash } from 'node:crypto';
import type { Database } from '../../store/types.js';
import { advisoryLocks } from '../../store/advisory-locks.js';
import type { WireDesk } from '../wire-desk.js';
import { folderPoller } from './folder-poller.js';
import { processLocks, type PollLocks, type PollLoop } from './poll-loop.js';
import { s3Poller, type S3Defaults } from './s3-poller.js';
import { wireqPoller } from './wireq-poller.js';
import { errorText, type IngestFn, type TransportLog, type WireSourceConfig } from './wire-transport.js';

/**
 * The polling transports of a node (`lede serve`, in the process that runs
 * the scheduler): one poller per active source whose transport is wireq,
 * folder or s3. Sources are read again every `refreshMs`, so a source added,
 * changed or deactivated in the newsroom is followed without a restart.
 *
 * One poller per source per cluster: on PostgreSQL each poller holds the
 * source's advisory lock (src/store/advisory-locks.ts) while it polls, so
 * of several app nodes exactly one polls a source and another takes over
 * when that node goes away. The embedded database is one process.
 */
export const POLLED_TRANSPORTS = ['wireq', 'folder', 's3'] as const;

export interface WirePollersOptions {
  /** The desk (services.wire), or a stand-in with its ingest (tests). */
  wire: Pick<WireDesk, 'listSources' | 'sourceSecret'> & { ingest: IngestFn };
  db: Pick<Database, 'engine' | 'query'>;
  /** PostgreSQL: the server URL for the lock connection. */
  databaseUrl?: string | undefined;
  /** Lede's media bucket settings (LEDE_S3_*), the defaults of an S3 source. */
  s3Defaults?: S3Defaults;
  log?: TransportLog;
  /** How often the sources are read again (default 30 s; 0: never). */
  refreshMs?: number;
  /** Locks to use instead of the engine's (tests: two "nodes" in one process). */
  locks?: PollLocks;
  /** Passed to every poller (tests). */
  fetch?: typeof fetch;
  lockRetryMs?: number;
}

export interface WirePollers {
  /** Source id → its running poller. */
  readonly running: ReadonlyMap<string, PollLoop>;
  /** Reads the sources and starts, restarts or stops pollers to match (done at start and every refreshMs). */
  refresh(): Promise<void>;
  /** Stops every poller (each finishes the document in hand), then lets go of the locks. */
  stop(): Promise<void>;
}

export function startWirePollers(opts: WirePollersOptions): WirePollers {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const locks = opts.locks ?? (opts.db.engine === 'postgres' && opts.databaseUrl ? advisoryLocks({ url: opts.databaseUrl, log }) : processLocks());
  const running = new Map<string, { poller: PollLoop; fingerprint: string }>();
  const ingest: IngestFn = (id, input, meta) => opts.wire.ingest(id, input, meta);
  /** Sources whose settings were refused, by fingerprint: named once, not at every refresh. */
  const refused = new Map<string, string>();
  let stopped = false;
  let refreshing: Promise<void> | undefined;

  const build = (source: WireSourceConfig): PollLoop => {
    const common = { source, ingest, locks, log, ...(opts.lockRetryMs !== undefined && { lockRetryMs: opts.lockRetryMs }) };
    if (source.transport === 'wireq') return wireqPoller({ ...common, ...(opts.fetch && { fetch: opts.fetch }) });
    if (source.transport === 'folder') return folderPoller(common);
    return s3Poller({ ...common, db: opts.db, ...(opts.s3Defaults && { defaults: opts.s3Defaults }), ...(opts.fetch && { fetch: opts.fetch }) });
  };

  const refreshNow = async () => {
    let wanted: WireSourceConfig[];
    try {
      const sources = (await opts.wire.listSources()).filter((s) => s.active && (POLLED_TRANSPORTS as readonly string[]).includes(s.transport));
      wanted = await Promise.all(sources.map(async (s) => ({
        id: s.id, name: s.name, format: s.format, transport: s.transport, settings: s.settings, active: s.active,
        secret: s.hasSecret ? (await opts.wire.sourceSecret(s.id)) ?? null : null,
      })));
    } catch (err) {
      log(`wire transports: cannot read the sources (${errorText(err)}); the running pollers go on`);
      return;
    }
    const fingerprints = new Map(wanted.map((s) => [s.id, createHash('sha256').update(JSON.stringify([s.transport, s.settings, s.secret])).digest('hex')]));
    // Gone, deactivated or changed: stopped (a changed one starts again below with its new settings).
    for (const [id, r] of [...running]) {
      if (fingerprints.get(id) === r.fingerprint) continue;
      running.delete(id);
      await r.poller.stop();
    }
    for (const source of wanted) {
      if (stopped || running.has(source.id)) continue;
      let poller: PollLoop;
      try {
        poller = build(source);
      } catch (err) {
        if (refused.get(source.id) !== fingerprints.get(source.id)) log(`wire transports: source ${source.id} not polled: ${errorText(err)}`);
        refused.set(source.id, fingerprints.get(source.id)!);
        continue;
      }
      running.set(source.id, { poller, fingerprint: fingerprints.get(source.id)! });
      poller.start();
    }
  };
  const refresh = () => (refreshing ??= refreshNow().finally(() => {
    refreshing = undefined;
  }));

  void refresh();
  const timer = opts.refreshMs === 0 ? undefined : setInterval(() => void refresh(), opts.refreshMs ?? 30_000);
  timer?.unref();

  return {
    get running() {
      return new Map([...running].map(([id, r]) => [id, r.poller]));
    },
    refresh,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await refreshing;
      await Promise.all([...running.values()].map((r) => r.poller.stop()));
      running.clear();
      if (!opts.locks) await locks.close();
    },
  };
}
