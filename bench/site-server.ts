/**
 * The reader site as a process of its own, for HTTP benchmarks: the load
 * generator runs in the parent, so client and server do not share one event
 * loop (as autocannon and `lede serve` would not in real life).
 *
 *   node --import tsx bench/site-server.ts cached|uncached
 *   env: BENCH_DATA_DIR (PGlite) or BENCH_DATABASE_URL (PostgreSQL)
 *
 * "cached" assembles the app as `lede serve` does (PageCache purged through an
 * EventBus, fresh hits answered before the app by fast-hits.ts; BENCH_SLOW_HITS=1
 * leaves them to the app, for comparison); "uncached" renders every request
 * (the same app with its event bus, without the page cache). Listens on a free loopback port
 * and prints one JSON line {"port": …}; SIGTERM closes server and database.
 */
import type { AddressInfo } from 'node:net';
import { EventBus } from '../src/events/event-bus.js';
import { createApp } from '../src/server/app.js';
import { fastHits } from '../src/server/fast-hits.js';
import { listen } from '../src/server/http-server.js';
import { PageCache } from '../src/site/page-cache.js';
import { openDatabase } from '../src/store/index.js';

const mode = process.argv[2];
if (mode !== 'cached' && mode !== 'uncached') throw new Error('usage: site-server.ts cached|uncached');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir!, checkpointIntervalMs: 30_000 });
const config = { siteName: 'Lede Nachrichten', siteUrl: 'http://127.0.0.1' };
const pageCache = mode === 'cached' ? new PageCache() : undefined;
// Uncached still has the event bus `lede serve` always has (the reader keeps navigation and rails by it): only the page cache is missing.
const app = createApp(db, config, { events: new EventBus(), ...(pageCache && { pageCache }) });
const fastPath = pageCache && !process.env.BENCH_SLOW_HITS ? fastHits(pageCache, {}) : undefined;
const server = listen(app.fetch, { port: 0, host: '127.0.0.1', ...(fastPath && { fastPath }) });
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  server.close();
  db.close().then(() => process.exit(0), () => process.exit(1));
});
