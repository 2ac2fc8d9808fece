/**
 * Web Push delivery end to end (issue 14), on both engines, against the fake
 * push service (test/helpers/fake-push-service.ts), which checks every VAPID
 * JWT and decrypts every payload with the browser's private key on its own:
 * a send reaches each matching subscription once with exactly its payload;
 * 404/410 remove the subscription; 429 (Retry-After) and 5xx are retried;
 * other refusals are not; connections stay within the bound; a fan-out of
 * several batches (encrypted on a thread or inline) reaches each reader once
 * and stop() ends the thread; two workers on one PostgreSQL never send a
 * subscription the same push twice.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import webPush from 'web-push';
import { openDatabase, type Database } from '../../src/store/index.js';
import { PushService } from '../../src/services/push/push-service.js';
import { PushWorker, type PushWorkerOptions } from '../../src/services/push/push-worker.js';
import type { VapidIdentity } from '../../src/services/push/vapid.js';
import { forEachEngine, openOptions } from '../helpers/db.js';
import { startFakePushService, type FakePushService, type FakeSubscription } from '../helpers/fake-push-service.js';

const EDITOR = { name: 'Jana Redakteurin' };
const keys = webPush.generateVAPIDKeys();
const identity: VapidIdentity = { ...keys, subject: 'mailto:technik@news.example.org', source: 'environment' };

forEachEngine('push delivery', (ctx) => {
  let push: FakePushService;
  let service: PushService;
  const logged: string[] = [];
  const worker = (more: Partial<PushWorkerOptions> = {}, db: Database = ctx.db) => new PushWorker(db, {
    vapid: identity, allowPrivate: true, ca: push.ca, retryDelay: () => 0, log: (l) => logged.push(l), ...more,
  });
  const workers: PushWorker[] = [];
  /** Rounds until one finds nothing due. */
  const drain = async (w: PushWorker) => {
    for (let i = 0; i < 100 && (await w.runOnce()) > 0;);
  };
  /** A browser subscribes through the service. */
  const subscribe = async (topics: string[] = ['all'], opts: { applicationServerKey?: string } = { applicationServerKey: keys.publicKey }) => {
    const sub = push.createPushSubscriber(opts);
    const row = await service.subscribe({ ...sub, topics });
    return { ...sub, rowId: row.id };
  };
  const accepted = (sub: FakeSubscription) => push.deliveriesFor(sub.id).filter((d) => d.accepted);
  const sendRow = async (id: string) => (await service.get(id));

  before(async () => {
    push = await startFakePushService();
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await push.close();
  });
  beforeEach(async () => {
    service = new PushService(ctx.db, { allowPrivate: true });
    await ctx.db.query('DELETE FROM push_subscriptions');
    await ctx.db.query('DELETE FROM push_deliveries');
    await ctx.db.query('DELETE FROM push_sends');
    logged.length = 0;
  });
  const track = (w: PushWorker) => (workers.push(w), w);

  test('a send reaches every matching subscription once; the push service decrypts exactly the payload and accepts the VAPID JWT', async () => {
    const readers = [await subscribe(['all']), await subscribe(['all', 'section:sport']), await subscribe(['all'])];
    const sportOnly = await subscribe(['section:sport']);
    const sent = await service.send({ title: 'Eilmeldung: Regierung tritt zurück', body: 'Die Kanzlerin hat ihren Rücktritt erklärt.', url: '/politik/ruecktritt', filter: 'all', topic: 'eilmeldung' }, EDITOR);
    assert.equal(sent.audience, 3);
    const w = track(worker());
    await drain(w);
    for (const r of readers) {
      const got = push.deliveriesFor(r.id);
      assert.equal(got.length, 1, 'one request per subscription');
      const d = got[0]!;
      assert.equal(d.ok, true, d.problem);
      assert.equal(d.status, 201);
      assert.deepEqual(JSON.parse(d.payload!), { title: 'Eilmeldung: Regierung tritt zurück', body: 'Die Kanzlerin hat ihren Rücktritt erklärt.', url: '/politik/ruecktritt' });
      assert.equal(d.urgency, 'high');
      assert.equal(d.topic, 'eilmeldung');
      assert.ok(d.ttl! > 3500 && d.ttl! <= 3600, `TTL ${d.ttl}`);
      assert.deepEqual(d.vapid && { aud: d.vapid.aud, sub: d.vapid.sub, key: d.vapid.key }, { aud: push.origin, sub: identity.subject, key: keys.publicKey });
    }
    assert.equal(push.deliveriesFor(sportOnly.id).length, 0, 'a section-only reader gets no breaking push');
    assert.equal(w.signer.signed, 1, 'one JWT for the one push-service origin, reused');
    const after = await sendRow(sent.id);
    assert.deepEqual([after.delivered, after.failed, after.removed], [3, 0, 0]);
    const states = await ctx.db.query<{ state: string; last_status: number; attempts: number }>('SELECT state, last_status, attempts FROM push_deliveries WHERE send_id = $1', [sent.id]);
    assert.deepEqual(states, Array(3).fill({ state: 'delivered', last_status: 201, attempts: 1 }));
    await drain(w);
    assert.equal(readers.flatMap((r) => push.deliveriesFor(r.id)).length, 3, 'nothing is sent twice');
  });

  test('a push to a topic or a section reaches only the readers who chose it; an icon is carried', async () => {
    const topic = await subscribe(['topic:sport']);
    const section = await subscribe(['section:sport']);
    const both = await subscribe(['all', 'topic:sport']);
    const w = track(worker());
    const s1 = await service.send({ title: 'Tor!', url: '/sport/tor', icon: '/static/icon-192.png', filter: 'topic:sport' }, EDITOR);
    await drain(w);
    assert.deepEqual([accepted(topic).length, accepted(section).length, accepted(both).length], [1, 0, 1]);
    assert.deepEqual(JSON.parse(accepted(topic)[0]!.payload!), { title: 'Tor!', body: '', url: '/sport/tor', icon: '/static/icon-192.png' });
    const s2 = await service.send({ title: 'Neuer Trainer', url: '/sport/trainer', filter: 'section:sport' }, EDITOR);
    await drain(w);
    assert.deepEqual([accepted(topic).length, accepted(section).length, accepted(both).length], [1, 1, 1]);
    assert.deepEqual([(await sendRow(s1.id)).delivered, (await sendRow(s2.id)).delivered], [2, 1]);
  });

  test('410 and 404 remove the subscription at once, with its other pending pushes; the sends count them as removed', async () => {
    const gone410 = await subscribe();
    const gone404 = await subscribe();
    const fine = await subscribe();
    push.gone(gone410.id, 410);
    push.gone(gone404.id, 404);
    const first = await service.send({ title: 'Eins', url: '/eins', filter: 'all' }, EDITOR);
    const second = await service.send({ title: 'Zwei', url: '/zwei', filter: 'all' }, EDITOR);
    const w = track(worker({ batch: 3 }));
    await drain(w);
    const left = await ctx.db.query<{ id: string }>('SELECT id FROM push_subscriptions');
    assert.deepEqual(left.map((r) => r.id), [fine.rowId]);
    const [pending] = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM push_deliveries WHERE state = 'pending'");
    assert.equal(pending!.n, 0);
    for (const id of [first.id, second.id]) {
      const s = await sendRow(id);
      assert.deepEqual([s.audience, s.delivered, s.failed, s.removed], [3, 1, 0, 2], `send ${s.title}`);
    }
    assert.equal(accepted(fine).length, 2);
    assert.ok(push.deliveriesFor(gone410.id).length >= 1 && push.deliveriesFor(gone410.id).length <= 2);
    assert.ok(w.stats.removed >= 2);
    // Each drained send is audited once, by the system, with its audience and results; another pass adds nothing.
    assert.equal(await w.finishSends(), 0);
    const finished = await ctx.db.query<{ actor: string; detail: Record<string, unknown> }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'push.finished' AND detail->>'send' IN ($1, $2) ORDER BY id", [first.id, second.id],
    );
    // Which send drains first depends on the answers' order; each is audited exactly once.
    const bySend = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
    assert.deepEqual(finished.map((r) => [r.actor, r.detail.send, r.detail.audience, r.detail.delivered, r.detail.failed, r.detail.removed]).sort(bySend), [
      ['system', first.id, 3, 1, 0, 2], ['system', second.id, 3, 1, 0, 2],
    ].sort(bySend));
  });

  test('429 with Retry-After and 500 are retried, Retry-After honoured, then delivered once', async () => {
    const reader = await subscribe();
    push.respond(reader.id, [{ status: 429, retryAfter: 30 }, 500]);
    const sent = await service.send({ title: 'Eilmeldung', body: 'Nachgereicht', url: '/x', filter: 'all' }, EDITOR);
    const w = track(worker());
    assert.equal(await w.runOnce(), 1);
    const [row] = await ctx.db.query<{ state: string; last_status: number; wait: number }>(
      'SELECT state, last_status, extract(epoch FROM next_attempt_at - now())::float8 AS wait FROM push_deliveries WHERE send_id = $1', [sent.id],
    );
    assert.equal(row!.state, 'pending');
    assert.equal(row!.last_status, 429);
    assert.ok(row!.wait > 25 && row!.wait <= 30, `next attempt in ${row!.wait} s, as Retry-After asked`);
    assert.equal(await w.runOnce(), 0, 'not due before Retry-After');
    await ctx.db.query('UPDATE push_deliveries SET next_attempt_at = now() WHERE send_id = $1', [sent.id]);
    assert.equal(await w.runOnce(), 1, 'the 500');
    assert.equal(await w.runOnce(), 1, 'retried at once (retryDelay 0 here), delivered');
    assert.equal(await w.runOnce(), 0);
    assert.deepEqual(push.deliveriesFor(reader.id).map((d) => [d.status, d.ok, d.payload && JSON.parse(d.payload).body]), [[429, true, 'Nachgereicht'], [500, true, 'Nachgereicht'], [201, true, 'Nachgereicht']]);
    const s = await sendRow(sent.id);
    assert.deepEqual([s.delivered, s.failed], [1, 0]);
    const [done] = await ctx.db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM push_deliveries WHERE send_id = $1', [sent.id]);
    assert.deepEqual(done, { state: 'delivered', attempts: 3 });
  });

  test('400/401/403/413 fail at once and are not retried; a retry past the TTL fails; the reason is kept', async () => {
    const refused = [await subscribe(), await subscribe(), await subscribe(), await subscribe()];
    refused.forEach((r, i) => push.respond(r.id, [{ status: [400, 401, 403, 413][i]!, body: `nein ${i}` }]));
    // A subscription made with another application server key: the service refuses our JWT (403), as after a key rotation.
    const otherKey = await subscribe(['all'], { applicationServerKey: webPush.generateVAPIDKeys().publicKey });
    const sent = await service.send({ title: 'Eilmeldung', url: '/x', filter: 'all' }, EDITOR);
    const w = track(worker());
    await drain(w);
    for (const r of [...refused, otherKey]) assert.equal(push.deliveriesFor(r.id).length, 1, 'sent once, not again');
    const s = await sendRow(sent.id);
    assert.deepEqual([s.delivered, s.failed, s.removed], [0, 5, 0]);
    const rows = await ctx.db.query<{ last_status: number; last_error: string }>('SELECT last_status, last_error FROM push_deliveries WHERE send_id = $1 ORDER BY last_status, last_error', [sent.id]);
    assert.deepEqual(rows.map((r) => r.last_status), [400, 401, 403, 403, 413]);
    assert.match(rows[0]!.last_error, /answered 400: nein 0/);
    assert.ok(rows.some((r) => /not the applicationServerKey/.test(r.last_error)), 'the service\'s explanation is kept');
    assert.equal(logged.filter((l) => /not retried/.test(l)).length, 5);

    // TTL 0: deliver now or never; a 503 is not retried.
    const now = await subscribe();
    push.respond(now.id, [503]);
    const instant = await service.send({ title: 'Jetzt', url: '/jetzt', filter: 'all', ttlSeconds: 0 }, EDITOR);
    await drain(w);
    assert.equal(push.deliveriesFor(now.id).length, 1);
    assert.equal(push.deliveriesFor(now.id)[0]!.ttl, 0);
    const [row] = await ctx.db.query<{ state: string; last_status: number }>('SELECT state, last_status FROM push_deliveries WHERE send_id = $1 AND subscription_id = $2', [instant.id, now.rowId]);
    assert.deepEqual(row, { state: 'failed', last_status: 503 });
  });

  test('connections stay within the bound with more pushes than connections; kept alive', async () => {
    const readers = await Promise.all(Array.from({ length: 14 }, () => subscribe()));
    await service.send({ title: 'Viele', url: '/viele', filter: 'all' }, EDITOR);
    // Earlier tests' workers are stopped (their agents destroyed); sockets still closing count as open here.
    for (const old of workers.splice(0)) await old.stop();
    push.resetCounters();
    const opened = push.connectionsOpened;
    const open = push.openConnections;
    const w = track(worker({ maxConnections: 3, batch: 20 }));
    push.pause();
    const round = w.runOnce();
    try {
      const ids = new Set(readers.map((r) => r.id));
      await push.until((all) => all.filter((d) => ids.has(d.subscriptionId)).length >= 3);
      assert.equal(push.inFlight, 3, 'three held, the rest wait for a connection');
    } finally {
      push.resume();
    }
    assert.equal(await round, 14);
    assert.equal(push.maxInFlight, 3);
    assert.ok(push.maxConnections - open <= 3, `at most 3 connections of this worker at once, saw ${push.maxConnections - open}`);
    assert.ok(push.connectionsOpened - opened <= 3, 'keep-alive: the connections carry every push');
    assert.ok(readers.every((r) => accepted(r).length === 1));
    await w.stop();
  });

  test('a fan-out of several batches, encrypted on a thread and inline, reaches each reader once with the payload the service decrypts; stop() ends the thread', async () => {
    const readers = await Promise.all(Array.from({ length: 23 }, () => subscribe()));
    const gone = readers[7]!;
    push.gone(gone.id, 410);
    for (const threads of [1, 0]) {
      const sent = await service.send({ title: `Viele Empfänger ${threads}`, body: 'In Stapeln', url: '/stapel', filter: 'all' }, EDITOR);
      // Batches of 5 with 3 connections: the next batch is claimed and encrypted while the last is sent.
      const w = track(worker({ batch: 5, maxConnections: 3, encryptionThreads: threads }));
      const claimed = await w.runOnce();
      assert.equal(claimed, threads === 1 ? 23 : 22, 'one round claims batch after batch while they come back full');
      assert.equal(w.encryptionThreads, threads, threads ? 'the thread runs while the worker does' : 'inline: no thread');
      for (const r of readers.filter((x) => x !== gone)) {
        const got = push.deliveriesFor(r.id).filter((d) => d.payload && JSON.parse(d.payload).title === sent.title);
        assert.equal(got.length, 1, 'each reader once');
        assert.equal(got[0]!.ok, true, got[0]!.problem);
        assert.deepEqual(JSON.parse(got[0]!.payload!), { title: sent.title, body: 'In Stapeln', url: '/stapel' });
        assert.equal(got[0]!.urgency, 'high');
      }
      const row = await sendRow(sent.id);
      assert.deepEqual([row.audience, row.delivered, row.failed, row.removed], threads === 1 ? [23, 22, 0, 1] : [22, 22, 0, 0]);
      await w.stop();
      assert.equal(w.encryptionThreads, 0, 'stop() ends the encryption thread');
    }
    assert.equal(push.deliveriesFor(gone.id).length, 1, 'the 410 reader was tried once and removed');
  });

  test('a stopped worker that is started again encrypts on a new thread', async () => {
    const reader = await subscribe();
    const w = track(worker({ encryptionThreads: 1, pollMs: 600_000 }));
    w.start();
    await w.stop();
    const waking = new PushService(ctx.db, { allowPrivate: true, afterSend: () => w.wake() });
    w.start();
    await waking.send({ title: 'Wieder da', url: '/wieder', filter: 'all' }, EDITOR);
    await push.until((all) => all.some((d) => d.subscriptionId === reader.id && d.accepted));
    assert.equal(w.encryptionThreads, 1);
    await w.stop();
    assert.equal(w.encryptionThreads, 0);
    assert.equal(JSON.parse(push.deliveriesFor(reader.id)[0]!.payload!).title, 'Wieder da');
  });

  test('private addresses are refused unless allowed; nothing reaches them', async () => {
    const reader = await subscribe();
    const sent = await service.send({ title: 'Eilmeldung', url: '/x', filter: 'all' }, EDITOR);
    const strict = track(worker({ allowPrivate: false }));
    await drain(strict);
    assert.equal(push.deliveriesFor(reader.id).length, 0);
    const [row] = await ctx.db.query<{ state: string; last_error: string }>('SELECT state, last_error FROM push_deliveries WHERE send_id = $1', [sent.id]);
    assert.equal(row!.state, 'failed');
    assert.match(row!.last_error, /private, loopback or link-local/);
  });

  test('the running worker delivers on its own once woken by the send', async () => {
    const reader = await subscribe();
    const w = track(worker({ pollMs: 600_000 }));
    const waking = new PushService(ctx.db, { allowPrivate: true, afterSend: () => w.wake() });
    w.start();
    const sent = await waking.send({ title: 'Von selbst', url: '/selbst', filter: 'all' }, EDITOR);
    await push.until((all) => all.some((d) => d.subscriptionId === reader.id && d.accepted));
    await w.stop();
    assert.equal((await sendRow(sent.id)).delivered, 1);
  });

  test('two workers on one PostgreSQL database never send a subscription the same push twice', { skip: ctx.engine === 'pglite' ? 'one PGlite database has one handle, so there is no second node to race' : false }, async () => {
    const other = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }));
    try {
      const readers = await Promise.all(Array.from({ length: 120 }, () => subscribe()));
      const s1 = await service.send({ title: 'Eins', url: '/eins', filter: 'all' }, EDITOR);
      const s2 = await service.send({ title: 'Zwei', url: '/zwei', filter: 'all' }, EDITOR);
      push.setLatency(3);
      const a = track(worker({ batch: 7, maxConnections: 4 }));
      const b = track(worker({ batch: 7, maxConnections: 4 }, other));
      await Promise.all([drain(a), drain(b)]);
      assert.ok(a.stats.delivered > 0 && b.stats.delivered > 0, `both nodes sent (${a.stats.delivered} + ${b.stats.delivered})`);
      for (const r of readers) {
        assert.deepEqual(push.deliveriesFor(r.id).map((d) => JSON.parse(d.payload!).title).sort(), ['Eins', 'Zwei'], 'each push once');
      }
      assert.equal(a.stats.delivered + b.stats.delivered, 240);
      for (const id of [s1.id, s2.id]) assert.equal((await sendRow(id)).delivered, 120);
    } finally {
      push.setLatency(0);
      await other.close();
    }
  });
});
