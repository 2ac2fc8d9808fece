import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.js';
import type { Database } from '../store/index.js';
import { describeServerUrl } from '../store/open-server-database.js';
import type { CommandIO } from './command-support.js';
import { parseCommandArgs } from './command-support.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { superviseWorkers, tellPrimary, workerSlot } from './serve-workers.js';
import { webhookSettings } from '../services/webhook-settings.js';
import { pushSettings } from '../services/push/push-settings.js';
import { WebhookWorker } from '../services/webhook-worker.js';
import { syncWebsubHubs } from '../store/websub-pings.js';

/**
 * What serving needs beyond the database: the app, services, cache, relay,
 * logging. Loaded while the database opens (start-up time is spent on both:
 * compiling these modules, and PGlite's WebAssembly or PostgreSQL's round
 * trips), and never in the primary of several workers, which serves nothing.
 */
async function loadServing() {
  const [events, storage, services, app, http, relay, cache, metrics, log, runtime, fast] = await Promise.all([
    import('../events/event-bus.js'), import('../storage/configured-storage.js'), import('../services/index.js'),
    import('../server/app.js'), import('../server/http-server.js'), import('../events/event-relay.js'), import('../site/page-cache.js'),
    import('../server/metrics.js'), import('../server/request-log.js'), import('../server/runtime-metrics.js'), import('../server/fast-hits.js'),
  ]);
  return {
    EventBus: events.EventBus, mediaStorageFor: storage.mediaStorageFor, createServices: services.createServices, createApp: app.createApp,
    listen: http.listen, startEventRelay: relay.startEventRelay, PageCache: cache.PageCache, DEFAULT_PAGE_CACHE_MB: cache.DEFAULT_PAGE_CACHE_MB,
    createAppMetrics: metrics.createAppMetrics, createLogger: log.createLogger, registerRuntimeMetrics: runtime.registerRuntimeMetrics,
    fastHits: fast.fastHits,
  };
}

/** The scheduler's first pass waits this long after the server listens, so it does not hold up the first requests. */
const SCHEDULER_FIRST_DELAY_MS = 2_000;

export const SERVE_HELP = `Usage: lede serve [--demo]

Starts the reader site on http://localhost:$PORT (default 3000). Uses the
embedded database in LEDE_DATA_DIR (default ./data), or PostgreSQL when
DATABASE_URL is set. Pending migrations are applied at start.

On PostgreSQL it runs one worker process per core (LEDE_WORKERS=n sets the
number; 1 runs a single process); the embedded database allows one process.

Options:
  --demo   load the demo stories when the database has no stories yet, and
           make a newsroom account (an admin, its password printed once)
           when the database has no accounts yet
`;

export async function runServe(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { demo: { type: 'boolean' } }, false);
  const started = performance.now();
  const config = loadConfig();
  webhookSettings(process.env); // a bad LEDE_WEBHOOKS_* value stops the start here, before anything opens
  pushSettings(process.env); // and so does a bad LEDE_VAPID_* or LEDE_PUSH_* value
  // A worker forked by the primary below: it serves, the primary printed the notes and loaded the demo.
  const slot = workerSlot();
  if (cluster.isWorker && slot !== undefined) return serveNode(config, io, { started, slot, workers: config.workers ?? 1 });
  const workers = workerCount(config, io);
  if (workers === 1) return serveNode(config, io, { started, demo: values.demo === true, workers: 1 });
  // Several workers: the primary stays thin and forks at once; each worker opens (and, under the migration lock, migrates)
  // the database itself and names any problem with it. Only the demo is loaded first, once, so workers do not race to.
  if (values.demo) {
    const db = await openConfiguredDatabase(config);
    try {
      await loadDemo(db, config, io);
    } finally {
      await db.close();
    }
  }
  const db = { engine: 'postgres' as const, location: describeServerUrl(config.databaseUrl!).location };
  return superviseWorkers({
    workers,
    io,
    started,
    running: (ready, ms) => `Lede is running at http://localhost:${config.port} (${where(db, config)}; ready in ${ms} ms; ${workers} workers, pids ${ready.join(', ')})\n`,
  });
}

/**
 * One worker per core on PostgreSQL unless LEDE_WORKERS says otherwise. The
 * embedded database belongs to one process (it locks its data directory), so
 * there it is always one, with a note when more were asked for.
 */
function workerCount(config: Config, io: CommandIO): number {
  if (!config.databaseUrl) {
    if ((config.workers ?? 1) > 1) io.stderr.write(`lede serve: LEDE_WORKERS=${config.workers} ignored: the embedded database is served by one process (set DATABASE_URL for PostgreSQL to use more)\n`);
    return 1;
  }
  return config.workers ?? availableParallelism();
}

async function loadDemo(db: Database, config: Config, io: CommandIO): Promise<void> {
  const { createDemoAccount, loadDemoContent } = await import('../services/demo/load-demo.js');
  const added = await loadDemoContent(db);
  if (added) io.stdout.write(`loaded ${added} demo stories\n`);
  // A first look at the newsroom needs an account; only a database without any gets one.
  const demo = await createDemoAccount(db);
  if (demo) {
    io.stdout.write(`newsroom demo account (shown once; lede user add makes others): ${demo.email} / ${demo.password} at http://localhost:${config.port}/newsroom\n`);
  }
}

function where(db: Pick<Database, 'engine' | 'location'>, config: Config): string {
  const database = db.engine === 'pglite' ? `embedded database in ${db.location}` : `PostgreSQL at ${db.location}`;
  const media = config.mediaStorage?.kind === 's3'
    ? `media in bucket ${config.mediaStorage.bucket} at ${config.mediaStorage.endpoint}`
    : `media in ${path.join(config.dataDir, 'media')}`;
  return `${database}; ${media}`;
}

interface NodeOptions {
  started: number;
  demo?: boolean;
  /** Set in a worker process: its place among the workers (1..n), kept by its replacements. */
  slot?: number;
  workers: number;
}

/** One serving process: the whole server on its own, or one of several workers. */
async function serveNode(config: Config, io: CommandIO, opts: NodeOptions): Promise<number> {
  const { started, slot } = opts;
  // The database first: PGlite's modules and WebAssembly then load ahead of the app's.
  const opening = openConfiguredDatabase(config);
  const loading = loadServing();
  // Settled at once so a failed open does not leave it unhandled; its error is thrown below.
  loading.catch(() => undefined);
  const db = await opening;
  let m: Awaited<typeof loading>;
  try {
    m = await loading;
    if (opts.demo) await loadDemo(db, config, io);
  } catch (err) {
    await db.close();
    throw err;
  }
  const {
    EventBus, PageCache, DEFAULT_PAGE_CACHE_MB, startEventRelay, createServices, mediaStorageFor, createLogger, createAppMetrics, createApp,
    registerRuntimeMetrics, listen, fastHits,
  } = m;
  // One process, one bus: writes made by this process purge its page cache at once.
  // On PostgreSQL the relay carries events to and from the other app nodes and this node's other
  // workers (each worker is a relay node of its own, with its own id); a no-op on the embedded engine.
  const events = new EventBus();
  // Renders are bounded (a few at once, a bounded queue): a flood of uncached URLs cannot take the database from the newsroom.
  const pageCache = new PageCache({
    maxBytes: (config.pageCacheMb ?? DEFAULT_PAGE_CACHE_MB) * 1024 * 1024,
    gate: { maxRenders: config.maxRenders, maxQueue: config.renderQueue, maxWaitMs: config.renderWaitMs },
  });
  const relay = await startEventRelay({
    db,
    databaseUrl: config.databaseUrl,
    bus: events,
    purgeAll: () => pageCache.purgeAll(),
    log: (line) => io.stderr.write(`lede serve${slot ? ` (worker ${slot})` : ''}: ${line}\n`),
  });
  // One set of services for the process: the newsroom and the scheduler follow the same rules and tell the same bus.
  const hooks = webhookSettings(process.env);
  const push = pushSettings(process.env);
  const services = createServices(
    db,
    { ...config, webhooksAllowPrivate: hooks.allowPrivate, push: { allowPrivate: push.allowPrivate, ttlSeconds: push.ttlSeconds } },
    { events, media: { db, storage: mediaStorageFor(config) } },
  );
  // Web Push: the VAPID pair from LEDE_VAPID_* or the database (made on the first start); every node and worker runs a
  // sender, and the outbox claim (SKIP LOCKED) gives each delivery to one.
  const { loadVapidIdentity, defaultVapidSubject } = await import('../services/push/vapid.js');
  const { PushWorker } = await import('../services/push/push-worker.js');
  const vapid = await loadVapidIdentity(db, push, defaultVapidSubject(config.siteUrl)).catch(async (err: unknown) => { await relay.close(); await db.close(); throw err; });
  const pushWorker = new PushWorker(db, {
    vapid, events, maxConnections: push.maxConnections, timeoutMs: push.timeoutMs, pollMs: push.pollMs, allowPrivate: push.allowPrivate,
    log: (line) => io.stderr.write(`lede serve: ${line}\n`),
  });
  // Webhook deliveries: every node (and worker) runs a sender; the outbox claim (SKIP LOCKED) gives each delivery to one.
  // WebSub: the hub table follows LEDE_WEBSUB_HUB (writers queue pings only for hubs in it); the same worker sends the pings.
  await syncWebsubHubs(db, config.websubHubs ?? []);
  const webhookWorker = new WebhookWorker(db, {
    siteUrl: config.siteUrl, events, pollMs: hooks.pollMs, send: { allowPrivate: hooks.allowPrivate }, websub: (config.websubHubs?.length ?? 0) > 0,
    log: (line) => io.stderr.write(`lede serve: ${line}\n`),
  });
  // The request log (LEDE_LOG, default info: one JSON line per request on stdout) and, with LEDE_METRICS_TOKEN, /metrics.
  const logger = createLogger(config.log ?? 'info');
  const metrics = config.metricsToken ? createAppMetrics() : undefined;
  const app = createApp(db, config, { pageCache, events, services, relay, logger, metrics, metricsToken: config.metricsToken, vapidPublicKey: vapid.publicKey });
  // Scheduled publication (and embargo ends), scheduled depublication and the rights sweep: once per node, so only
  // worker 1 runs it (its replacement takes over). Several nodes may run it: each change is a versioned write.
  const scheduler = slot === undefined || slot === 1
    ? services.scheduler({
      onChange: (s) => io.stdout.write(`scheduler: ${s.status} ${s.slug}\n`),
      onError: (err) => io.stderr.write(`lede serve: scheduler pass failed: ${err instanceof Error ? err.message : String(err)}\n`),
    })
    : undefined;
  // Agency transports (wireQ, watch folders, S3 prefixes) run beside the scheduler; on PostgreSQL each source is polled by
  // one node of the cluster at a time (advisory locks). LEDE_WIRE_SOURCES is applied first: a bad value stops the start.
  if (scheduler && config.wireSources) await services.wire.configureFromEnv(config.wireSources).catch(async (err: unknown) => { await relay.close(); await db.close(); throw err; });
  const wireTransports = scheduler ? await import('../services/wire-transports/wire-pollers.js') : undefined;
  let wirePollers: ReturnType<NonNullable<typeof wireTransports>['startWirePollers']> | undefined;
  if (metrics) registerRuntimeMetrics(metrics.registry, { pageCache, db, relay, ...(scheduler && { scheduler }), startedAt: Date.now() });
  // Bound with the slow-client deadlines (LEDE_HEADERS_TIMEOUT_MS, LEDE_REQUEST_TIMEOUT_MS, LEDE_IDLE_TIMEOUT_MS).
  // Fresh page-cache hits are written straight from Node's request event (fast-hits.ts); the rest goes to the app.
  const server = listen(app.fetch, { ...config, fastPath: fastHits(pageCache, { trustProxy: config.trustProxy, logger, metrics }) });
  // Which worker answered (for operators and tests): set on Node's response before the app writes, off the app's path.
  if (slot !== undefined) {
    const value = String(slot);
    server.prependListener('request', (_req, res) => res.setHeader('X-Lede-Worker', value));
  }
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${config.port} is already in use; set PORT to a free port`) : err);
    });
  }).catch(async (err) => {
    await scheduler?.stop();
    await relay.close();
    await db.close();
    throw err;
  });
  webhookWorker.start();
  pushWorker.start();
  // Its first pass (due stories, retention, rights) runs shortly after the first requests, not in their way.
  const schedulerStart = scheduler && setTimeout(() => {
    scheduler.start();
    const s3 = config.mediaStorage?.kind === 's3' ? config.mediaStorage : undefined;
    wirePollers = wireTransports?.startWirePollers({
      wire: services.wire, db, databaseUrl: config.databaseUrl, ...(s3 && { s3Defaults: s3 }),
      log: (line) => io.stderr.write(`lede serve: ${line}\n`),
    });
  }, SCHEDULER_FIRST_DELAY_MS);
  if (slot === undefined) {
    io.stdout.write(`Lede is running at http://localhost:${config.port} (${where(db, config)}; ready in ${Math.round(performance.now() - started)} ms; 1 worker)\n`);
  } else {
    tellPrimary({ ready: slot });
  }

  // Close cleanly so the embedded database checkpoints and releases its lock.
  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      // Workers close quietly: the primary says it once.
      if (slot === undefined) io.stdout.write(`${signal}: shutting down\n`);
      server.close();
      clearTimeout(schedulerStart);
      logger?.flush();
      // Pollers finish the document in hand (acknowledged after its commit) before the database closes.
      const closed = Promise.all([scheduler?.stop(), wirePollers?.stop(), webhookWorker.stop(), pushWorker.stop()]);
      closed.then(() => relay.close()).then(() => db.close()).then(() => resolve(0), (err: unknown) => {
        io.stderr.write(`lede serve: error while closing the database: ${err instanceof Error ? err.message : String(err)}\n`);
        resolve(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }).then((code) => {
    // A worker's channel to the primary keeps its event loop alive: let go of it so the process can end.
    if (slot !== undefined && process.connected) process.disconnect();
    return code;
  });
}
