/**
 * The readers' push endpoints (issue 14), on both engines, through the app as
 * `lede serve` assembles it (createApp): GET /push/key, POST /push/subscribe
 * and /push/unsubscribe. Subscribing, changing the choices and unsubscribing;
 * every kind of bad input refused with the problem named (never a 500); the
 * same-origin check, the rate limit, the body bound (a 1 GB body on a real
 * socket is refused without being read), 405 with Allow; a database that
 * stops answering gives 503; and the stored row holds the endpoint, its keys
 * and the topics — nothing about the request.
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Hono } from 'hono';
import { readerPushApi, MAX_BODY_BYTES } from '../../src/api/reader-push-api.js';
import { createApp } from '../../src/server/app.js';
import { createServices } from '../../src/services/index.js';
import { PushService } from '../../src/services/push/push-service.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { createServerDatabase, dropServerDatabase, engines, forEachEngine, serverSkipReason } from '../helpers/db.js';
import { serveOnLoopback } from '../helpers/newsroom-chromium.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const SITE = 'https://news.example.org';
const VAPID_PUBLIC = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const SAME = { origin: SITE, 'content-type': 'application/json' };

/** A subscription as a browser's PushSubscription.toJSON() makes it. */
function browserSubscription(host = 'fcm.googleapis.com') {
  const ecdh = createECDH('prime256v1');
  return {
    endpoint: `https://${host}/fcm/send/${randomBytes(12).toString('base64url')}`,
    expirationTime: null,
    keys: { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

type Json = { error?: { code: string; reason: string; message: string; issues?: { path: string; code: string }[] } } & Record<string, unknown>;

forEachEngine('reader push endpoints', (ctx) => {
  let app: Hono;
  let allowing: Hono;
  let client = 0;
  const post = async (path: string, body: unknown, headers: Record<string, string> = SAME, on: Hono = app) => {
    const res = await on.request(`${SITE}${path}`, { method: 'POST', headers: { ...from(), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };
  const rows = () => ctx.db.query<Record<string, unknown>>('SELECT * FROM push_subscriptions ORDER BY created_at');

  // The rate limit is per client address (tested on its own below): behind one trusted proxy, each request here comes from another.
  const from = () => ({ 'x-forwarded-for': `192.0.2.${(client = (client + 1) % 250)}` });
  const config = { siteName: 'Lede Test', siteUrl: SITE, trustProxy: 1 };

  before(() => {
    app = createApp(ctx.db, config, { vapidPublicKey: VAPID_PUBLIC });
    const services = createServices(ctx.db, { push: { allowPrivate: true } });
    allowing = createApp(ctx.db, config, { services, vapidPublicKey: VAPID_PUBLIC });
  });
  beforeEach(async () => {
    await ctx.db.query('DELETE FROM push_subscriptions');
  });

  test('GET /push/key gives the VAPID public key, never cached; without one, 503 naming the problem', async () => {
    const res = await app.request(`${SITE}/push/key`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { publicKey: VAPID_PUBLIC });
    const none = createApp(ctx.db, { siteName: 'Lede Test', siteUrl: SITE });
    const missing = await none.request(`${SITE}/push/key`);
    assert.equal(missing.status, 503);
    assert.equal(missing.headers.get('cache-control'), 'no-store');
    assert.match(((await missing.json()) as Json).error!.message, /no VAPID public key is configured/);
  });

  test('subscribe (201), subscribe again with other choices (200, one row), unsubscribe (200, gone; again 200)', async () => {
    const sub = browserSubscription();
    const first = await post('/push/subscribe', { ...sub, topics: ['all'] });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.deepEqual(first.body, { topics: ['all'], created: true });
    const again = await post('/push/subscribe', { ...sub, topics: ['section:politik', 'topic:hochwasser', 'section:politik'] });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.topics, ['section:politik', 'topic:hochwasser']);
    const stored = await rows();
    assert.equal(stored.length, 1);
    // Only the endpoint, its keys and the choices (and the row's own id and time): no address, no user agent, nothing else.
    assert.deepEqual(Object.keys(stored[0]!).sort(), ['auth', 'created_at', 'endpoint', 'id', 'p256dh', 'topics']);
    assert.deepEqual([stored[0]!.endpoint, stored[0]!.p256dh, stored[0]!.auth, stored[0]!.topics], [sub.endpoint, sub.keys.p256dh, sub.keys.auth, ['section:politik', 'topic:hochwasser']]);

    const gone = await post('/push/unsubscribe', { endpoint: sub.endpoint });
    assert.equal(gone.status, 200);
    assert.equal(gone.headers.get('cache-control'), 'no-store');
    assert.equal((await rows()).length, 0);
    const twice = await post('/push/unsubscribe', { endpoint: sub.endpoint });
    assert.deepEqual([twice.status, twice.body], [gone.status, gone.body], 'an unknown endpoint answers exactly as a known one');
  });

  test('same origin only: a foreign Origin, Sec-Fetch-Site cross-site or same-site, or neither header is 403 naming why; Sec-Fetch-Site same-origin passes', async () => {
    const body = { ...browserSubscription(), topics: ['all'] };
    for (const [headers, pattern] of [
      [{ origin: 'https://evil.example', 'content-type': 'application/json' }, /cross-site request from https:\/\/evil\.example/],
      [{ origin: 'null', 'content-type': 'application/json' }, /cross-site request from null/],
      [{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, /Sec-Fetch-Site is "cross-site"/],
      [{ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, /Sec-Fetch-Site is "same-site"/],
      [{ 'content-type': 'application/json' }, /names no Origin/],
    ] as const) {
      const res = await post('/push/subscribe', body, headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.body.error!.reason, 'cross_site');
      assert.match(res.body.error!.message, pattern);
      const out = await post('/push/unsubscribe', { endpoint: body.endpoint }, headers);
      assert.equal(out.status, 403);
    }
    assert.equal((await rows()).length, 0);
    const ok = await post('/push/subscribe', body, { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
    assert.equal(ok.status, 201);
  });

  test('JSON only: another Content-Type is 415; junk JSON, an array or a string is 400', async () => {
    const sub = { ...browserSubscription(), topics: ['all'] };
    const form = await post('/push/subscribe', 'endpoint=x', { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    assert.equal(form.body.error!.reason, 'wrong_content_type');
    const none = await app.request(`${SITE}/push/subscribe`, { method: 'POST', headers: { origin: SITE, ...from() }, body: JSON.stringify(sub) });
    assert.equal(none.status, 415);
    for (const junk of ['{"endpoint":', 'nicht json', '[1,2]', '"endpoint"', '']) {
      const res = await post('/push/subscribe', junk);
      assert.equal(res.status, 400, junk);
      assert.equal(res.body.error!.reason, 'body_not_json', junk);
    }
    assert.equal((await rows()).length, 0);
  });

  test('NUL and lone surrogates are 400 naming the field; wrong types, bad keys, bad topics, too many topics, unknown fields are 422 naming each', async () => {
    const sub = browserSubscription();
    const nul = await post('/push/subscribe', { ...sub, topics: ['all', 'section:po\u0000litik'] });
    assert.equal(nul.status, 400);
    assert.deepEqual(nul.body.error!.issues!.map((i) => [i.path, i.code]), [['topics[1]', 'broken_text']]);
    // A lone surrogate survives JSON.stringify as an escape; written by hand to be sure it is one.
    const lone = await post('/push/subscribe', `{"endpoint":"${sub.endpoint}\\ud800","keys":${JSON.stringify(sub.keys)},"topics":["all"]}`);
    assert.equal(lone.status, 400);
    assert.deepEqual(lone.body.error!.issues!.map((i) => [i.path, i.code]), [['endpoint', 'broken_text']]);
    const unsubNul = await post('/push/unsubscribe', { endpoint: 'https://x.example/\u0000' });
    assert.equal(unsubNul.status, 400);
    assert.deepEqual(unsubNul.body.error!.issues!.map((i) => i.path), ['endpoint']);

    const cases: [unknown, [string, string][]][] = [
      [{ ...sub, endpoint: 42, topics: ['all'] }, [['endpoint', 'must_be_text']]],
      [{ ...sub, keys: 'p256dh', topics: ['all'] }, [['keys', 'not_an_object']]],
      [{ ...sub, keys: { p256dh: 'AAAA', auth: sub.keys.auth }, topics: ['all'] }, [['keys.p256dh', 'bad_shape']]],
      [{ ...sub, keys: { p256dh: sub.keys.p256dh, auth: 'c2hvcnQ' }, topics: ['all'] }, [['keys.auth', 'bad_shape']]],
      [{ ...sub, topics: 'all' }, [['topics', 'not_list']]],
      [{ ...sub, topics: [] }, [['topics', 'not_list']]],
      [{ ...sub, topics: ['alles'] }, [['topics[0]', 'one_of']]],
      [{ ...sub, topics: ['section:Politik Inland'] }, [['topics[0]', 'one_of']]],
      [{ ...sub, topics: [7] }, [['topics[0]', 'must_be_text']]],
      [{ ...sub, topics: Array.from({ length: 51 }, (_, i) => `section:s${i}`) }, [['topics', 'too_many']]],
      [{ ...sub, endpoint: 'http://push.example.net/send/1', topics: ['all'] }, [['endpoint', 'bad_url']]],
      [{ ...sub, endpoint: 'https://10.0.0.8/send/1', topics: ['all'] }, [['endpoint', 'bad_url']]],
      [{ ...sub, endpoint: 'https://127.0.0.1:8443/push/1', topics: ['all'] }, [['endpoint', 'bad_url']]],
      [{ ...sub, topics: ['all'], userAgent: 'Mozilla/5.0' }, [['userAgent', 'unknown_field']]],
      [{ ...sub, keys: { ...sub.keys, extra: 'x' }, topics: ['all'] }, [['keys.extra', 'unknown_field']]],
    ];
    for (const [body, expected] of cases) {
      const res = await post('/push/subscribe', body);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 200));
      assert.deepEqual(res.body.error!.issues!.map((i) => [i.path, i.code]), expected, JSON.stringify(body).slice(0, 200));
      assert.ok(res.body.error!.message.length > 20);
    }
    const http = await post('/push/subscribe', { ...sub, endpoint: 'http://push.example.net/send/1', topics: ['all'] });
    assert.match(http.body.error!.message, /must be an https URL/);
    const privateOne = await post('/push/subscribe', { ...sub, endpoint: 'https://10.0.0.8/send/1', topics: ['all'] });
    assert.match(privateOne.body.error!.message, /private, loopback or link-local address/);
    assert.equal((await rows()).length, 0);
    // Where LEDE_PUSH_ALLOW_PRIVATE is on (tests, a private push service), the private address is taken.
    const allowed = await post('/push/subscribe', { ...sub, endpoint: 'https://127.0.0.1:8443/push/1', topics: ['all'] }, SAME, allowing);
    assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
    const unknown = await post('/push/unsubscribe', { endpoint: sub.endpoint, topics: ['all'] });
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.error!.issues!.map((i) => [i.path, i.code]), [['topics', 'unknown_field']]);
    const wrongType = await post('/push/unsubscribe', { endpoint: ['x'] });
    assert.equal(wrongType.status, 422);
    assert.deepEqual(wrongType.body.error!.issues!.map((i) => i.path), ['endpoint']);
  });

  test('a body over the limit is 413 (declared or not); other methods 405 with Allow; unknown paths 404', async () => {
    const big = JSON.stringify({ ...browserSubscription(), topics: ['all'], pad: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await post('/push/subscribe', big);
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error!.reason, 'body_too_large');
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1024) c.enqueue(bytes.subarray(i, i + 1024));
        c.close();
      },
    });
    const chunked = await app.request(`${SITE}/push/subscribe`, { method: 'POST', headers: { ...SAME, ...from() }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(chunked.status, 413);
    for (const [method, path, allow] of [['GET', '/push/subscribe', 'POST'], ['PUT', '/push/subscribe', 'POST'], ['DELETE', '/push/unsubscribe', 'POST'], ['POST', '/push/key', 'GET, HEAD']] as const) {
      const res = await app.request(`${SITE}${path}`, { method, headers: { ...SAME, ...from() }, ...(method !== 'GET' && { body: '{}' }) });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
    const nowhere = await app.request(`${SITE}/push/elsewhere`);
    assert.equal(nowhere.status, 404);
  });
});

describe('reader push endpoints: limits on a real socket [PGlite]', () => {
  const pglite = engines()[0]!;
  let db: Database;
  before(async () => {
    db = await pglite.open();
  });
  after(async () => {
    await db?.close();
  });

  test('a 1 GB chunked body is refused with 413 long before it is all sent', async () => {
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE }, { vapidPublicKey: VAPID_PUBLIC });
    const served = await serveOnLoopback(app.fetch);
    try {
      const GB = 1024 ** 3;
      const chunk = Buffer.alloc(256 * 1024, 'a');
      const { status, sent } = await new Promise<{ status: number | undefined; sent: number }>((resolve) => {
        let sent = 0;
        let done = false;
        const req = http.request(`${served.base}/push/subscribe`, { method: 'POST', headers: { origin: served.base, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
        const finish = (status: number | undefined) => {
          if (done) return;
          done = true;
          req.destroy();
          resolve({ status, sent });
        };
        req.on('response', (res) => {
          res.resume();
          finish(res.statusCode);
        });
        req.on('error', () => finish(undefined));
        const pump = () => {
          while (!done && sent < GB) {
            sent += chunk.length;
            if (!req.write(sent === chunk.length ? Buffer.concat([Buffer.from('{"endpoint":"'), chunk]) : chunk)) return void req.once('drain', pump);
          }
          if (!done) req.end();
        };
        pump();
      });
      assert.equal(status, 413);
      assert.ok(sent < GB / 4, `the answer came after ${sent} bytes`);
    } finally {
      served.close();
    }
  });

  test('each address has a token bucket: over it, 429 with Retry-After; other addresses go on; tokens come back with time', async () => {
    let now = 1_000_000;
    const api = readerPushApi(new PushService(db), { siteUrl: SITE, vapidPublicKey: VAPID_PUBLIC, perMinute: 3, now: () => now, trustProxy: 1 });
    const outer = new Hono();
    outer.all('/push/*', (c) => api.fetch(c.req.raw, c.env as object));
    const from = (address: string) => outer.request(`${SITE}/push/unsubscribe`, {
      method: 'POST', headers: { ...SAME, 'x-forwarded-for': address }, body: JSON.stringify({ endpoint: 'https://fcm.googleapis.com/fcm/send/nie' }),
    });
    for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.5')).status, 200);
    const limited = await from('203.0.113.5');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '20');
    assert.equal(limited.headers.get('cache-control'), 'no-store');
    assert.match(((await limited.json()) as Json).error!.message, /too many push subscription requests from this address; try again in 20 s/);
    assert.equal((await from('198.51.100.7')).status, 200, 'another address has its own bucket');
    // A cross-site request costs no token: the bucket is not for others to drain.
    now += 20_000;
    const foreign = await outer.request(`${SITE}/push/unsubscribe`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' }, body: '{}' });
    assert.equal(foreign.status, 403);
    assert.equal((await from('203.0.113.5')).status, 200, 'a token came back after 20 s');
    assert.equal((await from('203.0.113.5')).status, 429);
  });

  test('a closed embedded database gives 503 with Retry-After, not a 500 or a hang', async () => {
    const other = await pglite.open();
    const app = createApp(other, { siteName: 'Lede Test', siteUrl: SITE }, { vapidPublicKey: VAPID_PUBLIC });
    await other.close();
    const res = await app.request(`${SITE}/push/subscribe`, { method: 'POST', headers: SAME, body: JSON.stringify({ ...browserSubscription(), topics: ['all'] }) });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.match(((await res.json()) as Json).error!.message, /database does not answer/);
  });
});

describe('reader push endpoints: a silent PostgreSQL server [PostgreSQL]', { skip: serverSkipReason() }, () => {
  let url: string;
  let proxy: TcpProxy;
  let db: Database;

  before(async () => {
    url = await createServerDatabase();
    const direct = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
    await direct.close();
    const u = new URL(url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    db = await openDatabase({ databaseUrl: proxy.urlFor(url), readTimeoutMs: 1500, writeTimeoutMs: 3000, onWarning: () => undefined });
  });
  after(async () => {
    proxy?.resume();
    await db?.close();
    await proxy?.close();
    if (url) await dropServerDatabase(url);
  });

  test('subscribe and unsubscribe answer 503 with Retry-After while the server is silent, and work again after', async () => {
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE }, { vapidPublicKey: VAPID_PUBLIC });
    const sub = { ...browserSubscription(), topics: ['all'] };
    const send = (path: string, body: unknown) => app.request(`${SITE}${path}`, { method: 'POST', headers: SAME, body: JSON.stringify(body) });
    proxy.stall();
    try {
      for (const [path, body] of [['/push/subscribe', sub], ['/push/unsubscribe', { endpoint: sub.endpoint }]] as const) {
        const res = await send(path, body);
        assert.equal(res.status, 503, path);
        assert.equal(res.headers.get('retry-after'), '5');
        assert.equal(((await res.json()) as Json).error!.code, 'UNAVAILABLE');
      }
    } finally {
      proxy.resume();
    }
    assert.equal((await send('/push/subscribe', sub)).status, 201);
  });
});
