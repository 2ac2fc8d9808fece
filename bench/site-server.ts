/**
 * The reader site as a process of its own, for HTTP benchmarks: the load
 * generator runs in the parent, so client and server do not share one event
 * loop (as autocannon and `lede serve` would not in real life).
 *
 *   node --import tsx bench/site-server.ts cached|uncached
 *   env: BENCH_DATA_DIR (PGlite) or BENCH_DATABASE_URL (PostgreSQL)
 *
 * "cached" assembles the app as `lede serve` does (PageCache purged through an
 * EventBus); "uncached" renders every request. Listens on a free loopback port
 * and prints one JSON line {"port": …}; SIGTERM closes server and database.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { EventBus } from '../src/events/event-bus.js';
import { createApp } from '../src/server/app.js';
import { PageCache } from '../src/site/page-cache.js';
import { openDatabase } from '../src/store/index.js';

const mode = process.argv[2];
if (mode !== 'cached' && mode !== 'uncached') throw new Error('usage: site-server.ts cached|uncached');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir!, checkpointIntervalMs: 30_000 });
const config = { siteName: 'Lede Nachrichten', siteUrl: 'http://127.0.0.1' };
const app = mode === 'cached'
  ? createApp(db, config, { pageCache: new PageCache(), events: new EventBus() })
  : createApp(db, config);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  server.close();
  db.close().then(() => process.exit(0), () => process.exit(1));
});
