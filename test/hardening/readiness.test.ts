/**
 * Liveness and readiness (issue 10, item 5). /healthz says the process
 * answers and asks nothing else; /readyz says whether the node can serve: the
 * database answers SELECT 1 within a short deadline, no migration is pending,
 * and (PostgreSQL) the event relay is listening. 200 names each check; 503
 * names the failing one. Before, /readyz did not exist and /healthz said ok
 * with the database gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { startEventRelay, type EventRelay } from '../../src/events/event-relay.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { createServerDatabase, dropServerDatabase, engines, serverSkipReason } from '../helpers/db.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const CONFIG = { siteName: 'Lede Test', siteUrl: 'http://localhost' };

interface Ready { status: string; failing?: string[]; checks: Record<string, string> }

async function readyz(app: { request(url: string): Response | Promise<Response> }): Promise<{ status: number; body: Ready; cacheControl: string | null }> {
  const res = await app.request('http://localhost/readyz');
  return { status: res.status, body: (await res.json()) as Ready, cacheControl: res.headers.get('cache-control') };
}

for (const e of engines()) {
  describe(`/readyz and /healthz [${e.name}]`, { ...(e.skip && { skip: e.skip }), timeout: 120_000 }, () => {
    let db: Database;
    before(async () => {
      db = await e.open();
    });
    after(() => db?.close());

    test('ready: every check named ok, never cached', async () => {
      const app = createApp(db, CONFIG, { pageCache: new PageCache(), events: new EventBus() });
      const first = await readyz(app);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, { status: 'ready', checks: { database: 'ok', migrations: 'ok', events: 'ok' } });
      assert.equal(first.cacheControl, 'no-store');
      assert.equal((await readyz(app)).status, 200);
    });

    test('a pending migration: 503 naming migrations and the missing one', async () => {
      const app = createApp(db, CONFIG, { pageCache: new PageCache(), events: new EventBus() });
      const [last] = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1');
      await db.query('DELETE FROM schema_migrations WHERE name = $1', [last!.name]);
      try {
        const res = await readyz(app);
        assert.equal(res.status, 503);
        assert.deepEqual(res.body.failing, ['migrations']);
        assert.match(res.body.checks.migrations!, new RegExp(`pending: .*${last!.name}`));
      } finally {
        await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [last!.name]);
      }
      assert.equal((await readyz(app)).status, 200);
    });

    test('a relay that is not listening: 503 naming events', async () => {
      const app = createApp(db, CONFIG, { relay: { active: true, listening: false } });
      const res = await readyz(app);
      assert.equal(res.status, 503);
      assert.deepEqual(res.body.failing, ['events']);
      assert.equal(res.body.checks.database, 'ok');
    });
  });
}

describe('/readyz on the embedded engine with the database closed', () => {
  test('503 naming the database; /healthz still 200', async () => {
    const db = await engines()[0]!.open();
    const app = createApp(db, CONFIG);
    await db.close();
    const res = await readyz(app);
    assert.equal(res.status, 503);
    assert.ok(res.body.failing?.includes('database'), JSON.stringify(res.body));
    assert.equal((await app.request('http://localhost/healthz')).status, 200);
  });
});

describe('/readyz with a silent PostgreSQL server and a real relay [PostgreSQL]', { skip: serverSkipReason(), timeout: 120_000 }, () => {
  let url: string;
  let proxy: TcpProxy;
  let db: Database;
  let relay: EventRelay;
  before(async () => {
    url = await createServerDatabase();
    await (await openDatabase({ databaseUrl: url, onWarning: () => undefined })).close(); // migrated
    const u = new URL(url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    db = await openDatabase({ databaseUrl: proxy.urlFor(url), readTimeoutMs: 2000, onWarning: () => undefined });
    relay = await startEventRelay({ db, databaseUrl: url, bus: new EventBus(), purgeAll: () => undefined, log: () => undefined, heartbeatMs: 0 });
  });
  after(async () => {
    proxy?.resume();
    await relay?.close();
    await db?.close();
    await proxy?.close();
    if (url) await dropServerDatabase(url);
  });

  test('ready while listening; 503 naming the database while silent; ready again after; 503 naming events once the relay stops', async () => {
    const app = createApp(db, CONFIG, { relay, readyTimeoutMs: 300 });
    assert.equal(relay.listening, true);
    assert.equal((await readyz(app)).status, 200);
    proxy.stall();
    try {
      const res = await readyz(app);
      assert.equal(res.status, 503);
      assert.ok(res.body.failing?.includes('database'), JSON.stringify(res.body));
      assert.match(res.body.checks.database!, /not answering/);
      assert.equal((await app.request('http://localhost/healthz')).status, 200, 'liveness does not ask the database');
    } finally {
      proxy.resume();
    }
    // The stalled connections are dropped by the read deadline; then the pool answers again.
    let again = await readyz(app);
    for (let i = 0; i < 50 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await readyz(app);
    }
    assert.equal(again.status, 200, JSON.stringify(again.body));
    await relay.close();
    const deaf = await readyz(app);
    assert.equal(deaf.status, 503);
    assert.deepEqual(deaf.body.failing, ['events']);
  });
});
