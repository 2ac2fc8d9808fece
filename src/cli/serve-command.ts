import path from 'node:path';
import { createDemoAccount, loadDemoContent } from '../services/demo/load-demo.js';
import { EventBus } from '../events/event-bus.js';
import { mediaStorageFor } from '../storage/configured-storage.js';
import { createServices } from '../services/index.js';
import { createApp } from '../server/app.js';
import { listen } from '../server/http-server.js';
import { startEventRelay } from '../events/event-relay.js';
import { PageCache } from '../site/page-cache.js';
import { loadConfig } from '../server/config.js';
import { createAppMetrics } from '../server/metrics.js';
import { createLogger } from '../server/request-log.js';
import { registerRuntimeMetrics } from '../server/runtime-metrics.js';
import type { CommandIO } from './command-support.js';
import { parseCommandArgs } from './command-support.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const SERVE_HELP = `Usage: lede serve [--demo]

Starts the reader site on http://localhost:$PORT (default 3000). Uses the
embedded database in LEDE_DATA_DIR (default ./data), or PostgreSQL when
DATABASE_URL is set. Pending migrations are applied at start.

Options:
  --demo   load the demo stories when the database has no stories yet, and
           make a newsroom account (an admin, its password printed once)
           when the database has no accounts yet
`;

export async function runServe(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { demo: { type: 'boolean' } }, false);
  const started = performance.now();
  const config = loadConfig();
  const db = await openConfiguredDatabase(config);
  try {
    if (values.demo) {
      const added = await loadDemoContent(db);
      if (added) io.stdout.write(`loaded ${added} demo stories\n`);
      // A first look at the newsroom needs an account; only a database without any gets one.
      const demo = await createDemoAccount(db);
      if (demo) {
        io.stdout.write(`newsroom demo account (shown once; lede user add makes others): ${demo.email} / ${demo.password} at http://localhost:${config.port}/newsroom\n`);
      }
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  // One process, one bus: writes made by this server purge its page cache at once.
  // On PostgreSQL the relay carries events to and from the other app nodes (a no-op on the embedded engine).
  const events = new EventBus();
  // Renders are bounded (a few at once, a bounded queue): a flood of uncached URLs cannot take the database from the newsroom.
  const pageCache = new PageCache({
    maxBytes: (config.pageCacheMb ?? 64) * 1024 * 1024,
    gate: { maxRenders: config.maxRenders, maxQueue: config.renderQueue, maxWaitMs: config.renderWaitMs },
  });
  const relay = await startEventRelay({
    db,
    databaseUrl: config.databaseUrl,
    bus: events,
    purgeAll: () => pageCache.purgeAll(),
    log: (line) => io.stderr.write(`lede serve: ${line}\n`),
  });
  // One set of services for the process: the newsroom and the scheduler follow the same rules and tell the same bus.
  const services = createServices(db, config, { events, media: { db, storage: mediaStorageFor(config) } });
  // The request log (LEDE_LOG, default info: one JSON line per request on stdout) and, with LEDE_METRICS_TOKEN, /metrics.
  const logger = createLogger(config.log ?? 'info');
  const metrics = config.metricsToken ? createAppMetrics() : undefined;
  const app = createApp(db, config, { pageCache, events, services, relay, logger, metrics, metricsToken: config.metricsToken });
  // Scheduled publication (and embargo ends), scheduled depublication and the rights sweep; every node may run it.
  const scheduler = services.scheduler({
    onChange: (s) => io.stdout.write(`scheduler: ${s.status} ${s.slug}\n`),
    onError: (err) => io.stderr.write(`lede serve: scheduler pass failed: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  if (metrics) registerRuntimeMetrics(metrics.registry, { pageCache, db, relay, scheduler, startedAt: Date.now() });
  // Bound with the slow-client deadlines (LEDE_HEADERS_TIMEOUT_MS, LEDE_REQUEST_TIMEOUT_MS, LEDE_IDLE_TIMEOUT_MS).
  const server = listen(app.fetch, config);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${config.port} is already in use; set PORT to a free port`) : err);
    });
  }).catch(async (err) => {
    await scheduler.stop();
    await relay.close();
    await db.close();
    throw err;
  });
  const where = db.engine === 'pglite' ? `embedded database in ${db.location}` : `PostgreSQL at ${db.location}`;
  const mediaWhere = config.mediaStorage?.kind === 's3'
    ? `media in bucket ${config.mediaStorage.bucket} at ${config.mediaStorage.endpoint}`
    : `media in ${path.join(config.dataDir, 'media')}`;
  scheduler.start();
  io.stdout.write(`Lede is running at http://localhost:${config.port} (${where}; ${mediaWhere}; ready in ${Math.round(performance.now() - started)} ms)\n`);

  // Close cleanly so the embedded database checkpoints and releases its lock.
  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      io.stdout.write(`${signal}: shutting down\n`);
      server.close();
      logger?.flush();
      scheduler.stop().then(() => relay.close()).then(() => db.close()).then(() => resolve(0), (err: unknown) => {
        io.stderr.write(`lede serve: error while closing the database: ${err instanceof Error ? err.message : String(err)}\n`);
        resolve(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
