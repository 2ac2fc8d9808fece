/**
 * API keys and the /api/v1 gate on both engines: the secret shown once and
 * only its hash stored, revocation and expiry, token buckets on an injected
 * clock, the 429 and RateLimit headers, the anonymous quota per address
 * (with and without trusted proxies), odd headers, the bounded last-use
 * write. The gate runs in front of a dummy /api/v1/ping in a tiny Hono app.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { test } from 'node:test';
import { Hono } from 'hono';
import { LedeError } from '../../src/content/index.js';
import { compression } from '../../src/server/compression.js';
import { publicApiGate, TokenBuckets, type PublicApiGateOptions } from '../../src/api/public-keys-gate.js';
import { ApiKeyService, CACHE_MS, TOUCH_MS } from '../../src/services/api-keys.js';
import { forEachEngine } from '../helpers/db.js';
import { serveOnLoopback } from '../helpers/newsroom-chromium.js';

const ADMIN = { name: 'Ada Admin' };

function clock(start = Date.parse('2026-12-05T10:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

/** The gate in front of a dummy route; `peer` plays the socket's address. */
function appWith(keys: ApiKeyService, opts: PublicApiGateOptions, peer = '192.0.2.1') {
  const app = new Hono();
  app.use('/api/v1/*', publicApiGate({ apiKeys: keys }, opts));
  app.get('/api/v1/ping', (c) => c.json({ pong: true }));
  app.get('/api/v1/boom', (c) => c.json({ error: 'down' }, 503));
  app.get('/api/v1/raw', () => new Response('roh', { status: 200, headers: { 'content-type': 'text/plain' } }));
  app.get('/api/v1/throws', () => { throw new Error('kaputt'); });
  app.onError((_err, c) => c.json({ error: 'internal' }, 500));
  return {
    get: (path: string, headers: Record<string, string> = {}, from = peer) => app.request(`http://localhost${path}`, { headers }, { incoming: { socket: { remoteAddress: from } } }),
    options: (path: string) => app.request(`http://localhost${path}`, { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' } }, { incoming: { socket: { remoteAddress: peer } } }),
  };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

forEachEngine('API keys and the /api/v1 gate', (ctx) => {
  test('the secret is shown once and only its SHA-256 and a short prefix are stored', async () => {
    const keys = new ApiKeyService(ctx.db);
    const { key, secret } = await keys.create({ name: '  Partner-App ', ratePerMinute: 120 }, ADMIN);
    assert.match(secret, /^lede_[A-Za-z0-9_-]{32}$/);
    assert.equal(key.name, 'Partner-App');
    assert.equal(key.prefix, secret.slice(0, 11));
    assert.equal(key.ratePerMinute, 120);
    assert.equal(key.scope, 'public');
    assert.equal(key.createdByName, 'Ada Admin');
    assert.equal(key.lastUsedAt, null);
    const rows = await ctx.db.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [key.id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.key_hash, createHash('sha256').update(secret).digest('hex'));
    const stored = JSON.stringify(rows[0]);
    assert.ok(!stored.includes(secret.slice(11)), 'no part of the secret beyond the prefix is stored');
    const listed = (await keys.list()).find((k) => k.id === key.id)!;
    assert.ok(!JSON.stringify(listed).includes(secret.slice(11)) && !('keyHash' in listed), 'the list holds neither secret nor hash');
    const second = await keys.create({ name: 'Zweite' }, ADMIN);
    assert.notEqual(second.secret, secret);
    assert.equal(second.key.ratePerMinute, 600, 'the default rate');
  });

  test('bad input is named, nothing is stored', async () => {
    const keys = new ApiKeyService(ctx.db, () => Date.parse('2026-12-05T10:00:00Z'));
    const before = (await keys.list()).length;
    for (const [input, path] of [
      [{ name: '' }, 'name'], [{ name: 'a\u0000b' }, 'name'], [{ name: '\uD800x' }, 'name'], [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'ok', ratePerMinute: 0 }, 'ratePerMinute'], [{ name: 'ok', ratePerMinute: 1.5 }, 'ratePerMinute'],
      [{ name: 'ok', expiresAt: '2026-12-01T00:00:00+01:00' }, 'expiresAt'], [{ name: 'ok', expiresAt: 'morgen' }, 'expiresAt'],
      [{ name: 'ok', scope: 'drafts' }, 'scope'],
    ] as const) {
      await assert.rejects(keys.create(input as never, ADMIN), (e: unknown) => e instanceof LedeError && e.status === 422 && e.issues[0]?.path === path);
    }
    assert.equal((await keys.list()).length, before);
  });

  test('a valid key passes with the key policy headers; a key not sent reads on the anonymous quota', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const { secret } = await keys.create({ name: 'Gate', ratePerMinute: 300 }, ADMIN);
    const app = appWith(keys, { now: c.now });
    const ok = await app.get('/api/v1/ping', bearer(secret));
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { pong: true });
    assert.equal(ok.headers.get('ratelimit-policy'), '"key";q=300;w=60');
    assert.equal(ok.headers.get('ratelimit'), '"key";r=299;t=1');
    const anon = await app.get('/api/v1/ping');
    assert.equal(anon.status, 200);
    assert.equal(anon.headers.get('ratelimit-policy'), '"anonymous";q=60;w=60');
    assert.equal(anon.headers.get('ratelimit'), '"anonymous";r=59;t=1');
    const failing = await app.get('/api/v1/boom', bearer(secret));
    assert.equal(failing.status, 503);
    assert.equal(failing.headers.get('ratelimit'), '"key";r=298;t=1', 'the headers are on every answer, errors too');
    const raw = await app.get('/api/v1/raw', bearer(secret));
    assert.equal(await raw.text(), 'roh');
    assert.equal(raw.headers.get('ratelimit'), '"key";r=297;t=1', 'also on a Response a route built itself');
    const thrown = await app.get('/api/v1/throws', bearer(secret));
    assert.equal(thrown.status, 500);
    assert.equal(thrown.headers.get('ratelimit'), '"key";r=296;t=1');
  });

  test('revocation works at once on the revoking node and within the cache bound on another', async () => {
    const c = clock();
    const nodeA = new ApiKeyService(ctx.db, c.now);
    const nodeB = new ApiKeyService(ctx.db, c.now);
    const { key, secret } = await nodeA.create({ name: 'Widerruf' }, ADMIN);
    const a = appWith(nodeA, { now: c.now });
    const b = appWith(nodeB, { now: c.now });
    assert.equal((await a.get('/api/v1/ping', bearer(secret))).status, 200);
    assert.equal((await b.get('/api/v1/ping', bearer(secret))).status, 200);
    const revoked = await nodeA.revoke(key.id, ADMIN);
    assert.ok(revoked.revokedAt);
    assert.equal(revoked.revokedByName, 'Ada Admin');
    const onA = await a.get('/api/v1/ping', bearer(secret));
    assert.equal(onA.status, 401);
    const body = await onA.json() as { error: { reason: string; message: string } };
    assert.equal(body.error.reason, 'api_key_revoked');
    assert.match(body.error.message, /revoked/);
    c.advance(CACHE_MS);
    assert.equal((await b.get('/api/v1/ping', bearer(secret))).status, 401, 'node B reads the key again after CACHE_MS');
    await assert.rejects(nodeA.revoke('00000000-0000-4000-8000-000000000000', ADMIN), (e: unknown) => e instanceof LedeError && e.status === 404);
    await assert.rejects(nodeA.revoke('kein-schluessel', ADMIN), (e: unknown) => e instanceof LedeError && e.status === 404);
  });

  test('an expired key is refused; unknown and malformed keys are named, not listed', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const { secret } = await keys.create({ name: 'Kurz', expiresAt: '2026-12-05T11:30:00+01:00' }, ADMIN);
    const app = appWith(keys, { now: c.now });
    assert.equal((await app.get('/api/v1/ping', bearer(secret))).status, 200);
    c.advance(3600_000);
    const expired = await app.get('/api/v1/ping', bearer(secret));
    assert.equal(expired.status, 401);
    assert.equal(((await expired.json()) as { error: { reason: string } }).error.reason, 'api_key_expired');
    const unknown = await app.get('/api/v1/ping', bearer(`${secret.slice(0, -4)}AAAA`));
    assert.equal(unknown.status, 401);
    assert.equal(unknown.headers.get('www-authenticate'), 'Bearer realm="api", error="invalid_token"');
    const u = await unknown.json() as { error: { reason: string; message: string } };
    assert.equal(u.error.reason, 'api_key_unknown');
    assert.ok(!u.error.message.includes('lede_'), 'no key is named');
    const bad = await app.get('/api/v1/ping', bearer('geheim'));
    assert.equal(((await bad.json()) as { error: { reason: string } }).error.reason, 'api_key_malformed');
    const basic = await app.get('/api/v1/ping', { authorization: 'Basic dXNlcjpwdw==' });
    assert.equal(basic.status, 401);
    assert.equal(((await basic.json()) as { error: { reason: string } }).error.reason, 'api_key_not_bearer');
    const query = await app.get(`/api/v1/ping?api_key=${secret}`);
    assert.equal(query.headers.get('ratelimit-policy'), '"anonymous";q=60;w=60', 'a key in the query is not read');
  });

  test('odd headers never cause a 500', async () => {
    const keys = new ApiKeyService(ctx.db);
    const app = appWith(keys, {});
    const odd = ['Bearer ' + 'x'.repeat(20_000), 'Bearer lede_\u00ff\u00fe' + 'a'.repeat(30), 'Bearer', 'Bearer  ', 'bearer lede_' + 'ä'.repeat(30), '\u00e4\u00f6', 'Bearer a b'];
    for (const value of odd) {
      const res = await app.get('/api/v1/ping', { authorization: value });
      assert.equal(res.status, 401, JSON.stringify(value.slice(0, 30)));
    }
    // Headers a fetch Request cannot even carry (NUL, lone surrogates) never reach a handler: the Request refuses them.
    assert.throws(() => new Headers({ authorization: 'Bearer lede_\u0000x' }));
    // A lone surrogate given straight to the service is only malformed.
    assert.deepEqual(await keys.check('lede_\uD800' + 'a'.repeat(30)), { ok: false, problem: 'malformed' });
    assert.deepEqual(await keys.check('lede_' + 'a'.repeat(30) + '\u0000'), { ok: false, problem: 'malformed' });
  });

  test('odd header bytes over a real socket: a 401 or the server\'s own 400, never a 500', async () => {
    const keys = new ApiKeyService(ctx.db);
    const app = new Hono();
    // As in the real app: compression outside the gate (it wraps the answer the gate stamped).
    app.use('*', compression());
    app.use('/api/v1/*', publicApiGate({ apiKeys: keys }));
    app.get('/api/v1/ping', (c) => c.json({ pong: true, filler: 'x'.repeat(2000) }));
    const { base, close } = await serveOnLoopback(app.fetch);
    const port = Number(new URL(base).port);
    const raw = (header: Buffer) => new Promise<number>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => { answer += d.toString('latin1'); });
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
      socket.on('error', reject);
      socket.end(Buffer.concat([Buffer.from('GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: '), header, Buffer.from('\r\n\r\n')]));
    });
    try {
      const statuses = [
        await raw(Buffer.from('Bearer lede_\xed\xa0\x80' + 'a'.repeat(30), 'latin1')), // a lone surrogate, UTF-8 encoded as some clients do
        await raw(Buffer.from('Bearer lede_\u20ac' + 'a'.repeat(30), 'utf8')),
        await raw(Buffer.from('Bearer ' + 'x'.repeat(8000))),
        await raw(Buffer.from('Bearer lede_\x00' + 'a'.repeat(30), 'latin1')),
      ];
      assert.deepEqual(statuses.slice(0, 3), [401, 401, 401]);
      assert.equal(statuses[3], 400, "Node's parser refuses a NUL in a header before the app sees it");
      const { secret } = await keys.create({ name: 'Draht', ratePerMinute: 50 }, ADMIN);
      const wire = await fetch(`${base}/api/v1/ping`, { headers: { authorization: `Bearer ${secret}`, 'accept-encoding': 'gzip' } });
      assert.equal(wire.status, 200);
      assert.equal(wire.headers.get('content-encoding'), 'gzip');
      assert.equal(((await wire.json()) as { pong: boolean }).pong, true);
      assert.equal(wire.headers.get('ratelimit-policy'), '"key";q=50;w=60', 'the headers survive compression on the wire');
      assert.match(wire.headers.get('ratelimit') ?? '', /^"key";r=49;t=\d+$/);
    } finally {
      close();
    }
  });

  test('a key\'s bucket empties, answers 429 with Retry-After, and refills by the clock', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const { secret } = await keys.create({ name: 'Eimer', ratePerMinute: 3 }, ADMIN);
    const app = appWith(keys, { now: c.now });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.get('/api/v1/ping', bearer(secret));
      seen.push(`${res.status} ${res.headers.get('ratelimit')}`);
    }
    assert.deepEqual(seen, ['200 "key";r=2;t=20', '200 "key";r=1;t=40', '200 "key";r=0;t=60']);
    const refused = await app.get('/api/v1/ping', bearer(secret));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '20', 'one token comes back every 20 s at 3 per minute');
    assert.equal(refused.headers.get('ratelimit-policy'), '"key";q=3;w=60');
    assert.equal(refused.headers.get('ratelimit'), '"key";r=0;t=60');
    const body = await refused.json() as { error: { code: string; reason: string; params: { retryAfterSeconds: number } } };
    assert.deepEqual([body.error.code, body.error.reason, body.error.params.retryAfterSeconds], ['RATE_LIMITED', 'rate_limited', 20]);
    c.advance(10_000);
    const half = await app.get('/api/v1/ping', bearer(secret));
    assert.equal(half.status, 429);
    assert.equal(half.headers.get('retry-after'), '10');
    c.advance(10_000);
    assert.equal((await app.get('/api/v1/ping', bearer(secret))).status, 200, 'one token after 20 s');
    assert.equal((await app.get('/api/v1/ping', bearer(secret))).status, 429);
    c.advance(10 * 60_000);
    const full = await app.get('/api/v1/ping', bearer(secret));
    assert.equal(full.headers.get('ratelimit'), '"key";r=2;t=20', 'refilled to the rate, never above it');
  });

  test('OPTIONS preflight is neither counted nor refused', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const app = appWith(keys, { now: c.now, anonymousPerMinute: 1 });
    assert.equal((await app.get('/api/v1/ping')).status, 200);
    assert.equal((await app.get('/api/v1/ping')).status, 429);
    for (let i = 0; i < 5; i++) {
      const pre = await app.options('/api/v1/ping');
      assert.notEqual(pre.status, 429);
      assert.notEqual(pre.status, 401);
      assert.equal(pre.headers.get('ratelimit'), null);
    }
  });

  test('the anonymous quota is per address; proxies are trusted only as configured', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const direct = appWith(keys, { now: c.now, anonymousPerMinute: 2 });
    assert.equal((await direct.get('/api/v1/ping', {}, '198.51.100.7')).status, 200);
    assert.equal((await direct.get('/api/v1/ping', { 'x-forwarded-for': '203.0.113.1' }, '198.51.100.7')).status, 200);
    // Without trusted proxies a forged X-Forwarded-For changes nothing: the same peer is over its quota.
    assert.equal((await direct.get('/api/v1/ping', { 'x-forwarded-for': '203.0.113.2' }, '198.51.100.7')).status, 429);
    assert.equal((await direct.get('/api/v1/ping', {}, '198.51.100.8')).status, 200, 'another address has its own quota');

    const proxied = appWith(keys, { now: c.now, anonymousPerMinute: 2, trustProxy: 1 });
    const via = (client: string, forged?: string) => proxied.get('/api/v1/ping', { 'x-forwarded-for': forged ? `${forged}, ${client}` : client }, '10.0.0.1');
    assert.equal((await via('203.0.113.10')).status, 200);
    assert.equal((await via('203.0.113.10', '1.1.1.1')).status, 200, 'the entry the proxy wrote counts, not what the client forged');
    assert.equal((await via('203.0.113.10', '2.2.2.2')).status, 429);
    assert.equal((await via('203.0.113.11')).status, 200, 'two clients behind one proxy are told apart');
    // A bad key costs the address a unit of its anonymous quota, so guessing is throttled too.
    const guessing = appWith(keys, { now: c.now, anonymousPerMinute: 2 }, '198.51.100.9');
    assert.equal((await guessing.get('/api/v1/ping', bearer('lede_' + 'A'.repeat(30)))).status, 401);
    assert.equal((await guessing.get('/api/v1/ping', bearer('lede_' + 'B'.repeat(30)))).status, 401);
    assert.equal((await guessing.get('/api/v1/ping', bearer('lede_' + 'C'.repeat(30)))).status, 429);
  });

  test('last use is written at most once a minute per key and node', async () => {
    const c = clock();
    const keys = new ApiKeyService(ctx.db, c.now);
    const { key, secret } = await keys.create({ name: 'Zuletzt' }, ADMIN);
    let writes = 0;
    const repoTouch = keys.repo.touch.bind(keys.repo);
    keys.repo.touch = async (id, at) => { writes++; await repoTouch(id, at); };
    assert.equal(await keys.noteUse(key.id), true);
    for (let i = 0; i < 10; i++) {
      c.advance(1000);
      assert.equal(await keys.noteUse(key.id), false);
    }
    assert.equal(writes, 1);
    const first = (await keys.repo.get(key.id))!.lastUsedAt!;
    assert.equal(Date.parse(first), Date.parse('2026-12-05T10:00:00Z'));
    c.advance(TOUCH_MS);
    assert.equal(await keys.noteUse(key.id), true);
    assert.equal(writes, 2);
    assert.equal(Date.parse((await keys.repo.get(key.id))!.lastUsedAt!), Date.parse('2026-12-05T10:01:10Z'));
    // An older time from another node never moves it back.
    await repoTouch(key.id, '2026-12-05T09:00:00Z');
    assert.equal(Date.parse((await keys.repo.get(key.id))!.lastUsedAt!), Date.parse('2026-12-05T10:01:10Z'));
    // Through the gate: many requests, one write.
    const app = appWith(keys, { now: c.now });
    c.advance(TOUCH_MS);
    for (let i = 0; i < 5; i++) assert.equal((await app.get('/api/v1/ping', bearer(secret))).status, 200);
    await new Promise((r) => setImmediate(r));
    assert.equal(writes, 3);
  });
});

test('token buckets stay bounded: refilled buckets go first, then the longest idle', () => {
  const c = clock();
  const b = new TokenBuckets(3, c.now);
  b.take('a', 60);
  b.take('b', 60);
  b.take('c', 60);
  assert.equal(b.size, 3);
  c.advance(1000); // 'a', 'b' and 'c' have refilled their one token
  b.take('d', 60);
  assert.equal(b.size, 1, 'the refilled buckets were dropped');
  b.take('d', 60);
  b.take('e', 60);
  b.take('f', 60);
  b.take('g', 60); // none refilled: the longest idle ('d') goes
  assert.equal(b.size, 3);
  assert.equal(b.take('e', 60).remaining, 58, "'e' kept its count");
  assert.equal(b.take('d', 60).remaining, 59, "'d' starts afresh");
});

test('a database that does not answer gives 503 with Retry-After, not a 401 or a 500', async () => {
  const broken = { check: async () => { throw new Error('connection refused'); }, noteUse: async () => false };
  const app = new Hono();
  app.use('/api/v1/*', publicApiGate({ apiKeys: broken as never }));
  app.get('/api/v1/ping', (c) => c.json({ pong: true }));
  const res = await app.request('http://localhost/api/v1/ping', { headers: { authorization: `Bearer lede_${'Q'.repeat(32)}` } });
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE');
  const anonymous = await app.request('http://localhost/api/v1/ping');
  assert.equal(anonymous.status, 200, 'reading without a key needs no database in the gate');
});
