/**
 * Web Push subscriptions, audiences and sends (issue 14), on both engines:
 * input checked field by field, subscribing idempotent by endpoint, a send's
 * outbox written in the send's own transaction, VAPID keys made once per
 * database or taken from the environment.
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { beforeEach, test } from 'node:test';
import webPush from 'web-push';
import { isLedeError, type LedeError } from '../../src/content/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { PushService, type SubscribeInput } from '../../src/services/push/push-service.js';
import { pushSettings } from '../../src/services/push/push-settings.js';
import { loadVapidIdentity } from '../../src/services/push/vapid.js';
import { joinTransaction } from '../../src/services/story-service.js';
import { NewsroomSettings } from '../../src/services/newsroom-settings.js';
import { audit } from '../../src/store/audit-repository.js';
import { AccountService } from '../../src/services/account-service.js';
import { forEachEngine, openOptions } from '../helpers/db.js';

const EDITOR = { name: 'Jana Redakteurin' };
let n = 0;
/** A subscription as a browser's PushSubscription.toJSON() gives it (real P-256 key, 16-octet auth). */
const browserSubscription = (topics: unknown = ['all'], host = 'push.example.net'): SubscribeInput & { endpoint: string } => ({
  endpoint: `https://${host}/wpush/v2/${++n}-${randomBytes(6).toString('hex')}`,
  expirationTime: null,
  keys: { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  topics,
});

/** The refusal's issue paths, asserting it is a VALIDATION LedeError. */
function refusedPaths(err: unknown): string[] {
  assert.ok(isLedeError(err), String(err));
  assert.equal((err as LedeError).code, 'VALIDATION');
  return (err as LedeError).issues.map((i) => i.path);
}

async function rejectsNaming(p: Promise<unknown>, path: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.deepEqual(refusedPaths(err), [path]);
    if (message) assert.match((err as Error).message, message);
    return true;
  });
}

forEachEngine('push subscriptions and sends', (ctx) => {
  let service: PushService;
  beforeEach(async () => {
    service = new PushService(ctx.db);
    await ctx.db.query('DELETE FROM push_subscriptions');
    await ctx.db.query('DELETE FROM push_deliveries');
    await ctx.db.query('DELETE FROM push_sends');
    await ctx.db.query('DELETE FROM newsroom_settings');
  });

  test('a subscription is stored with its endpoint, keys and choices only; subscribing again updates the choices', async () => {
    const sub = browserSubscription(['all', 'section:politik']);
    const first = await service.subscribe(sub);
    assert.equal(first.created, true);
    assert.deepEqual(first.topics, ['all', 'section:politik']);
    const again = await service.subscribe({ ...sub, topics: ['topic:klimawandel', 'topic:klimawandel'] });
    assert.equal(again.created, false);
    assert.equal(again.id, first.id);
    assert.deepEqual(again.topics, ['topic:klimawandel'], 'duplicates folded');
    const cols = await ctx.db.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'push_subscriptions' ORDER BY column_name",
    );
    assert.deepEqual(cols.map((c) => c.column_name), ['auth', 'created_at', 'endpoint', 'id', 'p256dh', 'topics'], 'nothing about the reader beyond what sending needs');
    const rows = await ctx.db.query('SELECT 1 FROM push_subscriptions');
    assert.equal(rows.length, 1);

    assert.equal(await service.unsubscribe(sub.endpoint), true);
    assert.equal(await service.unsubscribe(sub.endpoint), false, 'a second unsubscribe finds nothing');
  });

  test('bad input is refused naming the field', async () => {
    const good = browserSubscription();
    const keys = good.keys as { p256dh: string; auth: string };
    await rejectsNaming(service.subscribe({ ...good, endpoint: good.endpoint.replace('https:', 'http:') }), 'endpoint', /https/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: 'https://127.0.0.1:9/push/x' }), 'endpoint', /private/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: 'https://10.1.2.3/push/x' }), 'endpoint', /LEDE_PUSH_ALLOW_PRIVATE/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: `https://push.example.net/${'x'.repeat(2000)}` }), 'endpoint', /at most 2000/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: 'https://push.example.net/a\u0000b' }), 'endpoint', /NUL/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: 'https://user:pw@push.example.net/a' }), 'endpoint', /password/);
    await rejectsNaming(service.subscribe({ ...good, endpoint: undefined }), 'endpoint', /required/);

    const point = Buffer.from(keys.p256dh, 'base64url');
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, p256dh: point.subarray(0, 64).toString('base64url') } }), 'keys.p256dh', /65 octets/);
    const compressed = Buffer.from(point);
    compressed[0] = 0x02;
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, p256dh: compressed.toString('base64url') } }), 'keys.p256dh');
    const offCurve = Buffer.from(point);
    offCurve[64]! ^= 1;
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, p256dh: offCurve.toString('base64url') } }), 'keys.p256dh', /P-256/);
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, p256dh: 'kein base64!' } }), 'keys.p256dh');
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, auth: randomBytes(15).toString('base64url') } }), 'keys.auth', /16-octet/);
    await rejectsNaming(service.subscribe({ ...good, keys: { ...keys, auth: '\ud800abc' } }), 'keys.auth', /surrogate/);
    await rejectsNaming(service.subscribe({ ...good, keys: 'p256dh' }), 'keys');

    await rejectsNaming(service.subscribe({ ...good, topics: [] }), 'topics');
    await rejectsNaming(service.subscribe({ ...good, topics: 'all' }), 'topics');
    await rejectsNaming(service.subscribe({ ...good, topics: ['all', 'Politik'] }), 'topics[1]', /"all", "section:<slug>" or "topic:<slug>"/);
    await rejectsNaming(service.subscribe({ ...good, topics: ['section:Politik und Wirtschaft'] }), 'topics[0]', /not a slug/);
    await rejectsNaming(service.subscribe({ ...good, topics: ['topic:wahl\ud800'] }), 'topics[0]', /surrogate/);
    await rejectsNaming(service.subscribe({ ...good, topics: Array.from({ length: 51 }, (_, i) => `topic:t${i}`) }), 'topics', /at most 50/);

    // Several problems at once are all named.
    await assert.rejects(service.subscribe({ endpoint: 'ftp://x', keys: { p256dh: 'x', auth: 'y' }, topics: ['nope'] }), (err: unknown) => {
      assert.deepEqual(refusedPaths(err), ['endpoint', 'keys.p256dh', 'keys.auth', 'topics[0]']);
      return true;
    });
    const [count] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM push_subscriptions');
    assert.equal(count!.n, 0, 'nothing refused was stored');
  });

  test('audience: breaking pushes reach readers who chose "all", section and topic pushes those who chose them (a section and a topic may share a slug)', async () => {
    await service.subscribe(browserSubscription(['all']));
    await service.subscribe(browserSubscription(['all', 'section:sport']));
    await service.subscribe(browserSubscription(['topic:sport']));
    await service.subscribe(browserSubscription(['section:sport', 'topic:wahl-2025']));
    assert.equal(await service.audience('all'), 2);
    assert.equal(await service.audience('section:sport'), 2);
    assert.equal(await service.audience('topic:sport'), 1);
    assert.equal(await service.audience('topic:wahl-2025'), 1);
    assert.equal(await service.audience('section:kultur'), 0);
    await rejectsNaming(service.audience('sport'), 'filter');
    await rejectsNaming(service.audience(undefined), 'filter');
  });

  test('a send writes the send, one delivery per matching subscription and the audit entry in one transaction', async () => {
    const all = [await service.subscribe(browserSubscription(['all'])), await service.subscribe(browserSubscription(['all', 'topic:wahl-2025']))];
    await service.subscribe(browserSubscription(['topic:wahl-2025']));
    const audits: Array<{ actor: string; detail: Record<string, unknown>; deliveriesSeen: number }> = [];
    let told = 0;
    const auditing = new PushService(ctx.db, {
      ttlSeconds: 900,
      audit: async (tx, actor, detail) => {
        // Inside the send's transaction: its deliveries are visible here.
        const [seen] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM push_deliveries WHERE send_id = $1', [detail.send]);
        audits.push({ actor: actor.name, detail, deliveriesSeen: seen!.n });
      },
      afterSend: () => told++,
    });
    const send = await auditing.send({ title: '  Eilmeldung: Regierung tritt zurück ', body: 'Mehr in Kürze.', url: '/politik/ruecktritt', filter: 'all', topic: 'eilmeldung' }, EDITOR);
    assert.equal(send.title, 'Eilmeldung: Regierung tritt zurück');
    assert.equal(send.audience, 2);
    assert.deepEqual([send.delivered, send.failed, send.removed], [0, 0, 0]);
    assert.equal(send.ttlSeconds, 900);
    assert.equal(send.pushTopic, 'eilmeldung');
    assert.equal(send.createdBy, EDITOR.name);
    const rows = await ctx.db.query<{ subscription_id: string; state: string; attempts: number }>(
      'SELECT subscription_id, state, attempts FROM push_deliveries WHERE send_id = $1 ORDER BY subscription_id', [send.id],
    );
    assert.deepEqual(rows, all.map((s) => ({ subscription_id: s.id, state: 'pending', attempts: 0 })).sort((a, b) => a.subscription_id.localeCompare(b.subscription_id)));
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.actor, EDITOR.name);
    assert.equal(audits[0]!.deliveriesSeen, 2);
    assert.deepEqual(audits[0]!.detail, { send: send.id, title: send.title, url: '/politik/ruecktritt', filter: 'all', audience: 2, ttlSeconds: 900 });
    assert.equal(told, 1);
    assert.deepEqual((await auditing.get(send.id)).audience, 2);
    assert.deepEqual((await auditing.recent()).map((s) => s.id), [send.id]);
  });

  test('a rolled back send leaves neither the send nor any delivery', async () => {
    await service.subscribe(browserSubscription(['all']));
    await service.subscribe(browserSubscription(['all']));
    const failing = new PushService(ctx.db, { audit: async () => { throw new Error('audit log unavailable'); } });
    await assert.rejects(failing.send({ title: 'Eilmeldung', url: '/a', filter: 'all' }, EDITOR), /audit log unavailable/);
    // And inside a caller's transaction that fails after the send.
    await assert.rejects(ctx.db.transaction(async (tx) => {
      const sent = await new PushService(joinTransaction(tx)).send({ title: 'Eilmeldung', url: '/b', filter: 'all' }, EDITOR);
      assert.equal(sent.audience, 2, 'written inside the transaction');
      throw new Error('changed my mind');
    }), /changed my mind/);
    const [counts] = await ctx.db.query<{ sends: number; deliveries: number }>(
      'SELECT (SELECT count(*)::int FROM push_sends) AS sends, (SELECT count(*)::int FROM push_deliveries) AS deliveries',
    );
    assert.deepEqual(counts, { sends: 0, deliveries: 0 });
  });

  test('a send is refused naming the field: title, url (a path on this site only), icon, filter, topic, ttl, size', async () => {
    const ok = { title: 'Eilmeldung', body: 'Text', url: '/politik/x', filter: 'all' };
    await rejectsNaming(service.send({ ...ok, title: '   ' }, EDITOR), 'title', /required/);
    await rejectsNaming(service.send({ ...ok, title: 'x'.repeat(121) }, EDITOR), 'title', /120/);
    await rejectsNaming(service.send({ ...ok, body: 'Text\u0000' }, EDITOR), 'body', /NUL/);
    for (const url of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', '/%2F%2Fevil.example', 'politik/x', 'javascript:alert(1)']) {
      await rejectsNaming(service.send({ ...ok, url }, EDITOR), 'url', /path on this site/);
    }
    await rejectsNaming(service.send({ ...ok, icon: 'http://cdn.example/i.png' }, EDITOR), 'icon');
    await rejectsNaming(service.send({ ...ok, filter: 'politik' }, EDITOR), 'filter');
    await rejectsNaming(service.send({ ...ok, topic: 'eil/meldung' }, EDITOR), 'topic');
    await rejectsNaming(service.send({ ...ok, ttlSeconds: -1 }, EDITOR), 'ttlSeconds');
    await rejectsNaming(service.send({ ...ok, body: 'ü'.repeat(400), url: `/${'ä'.repeat(999)}`, icon: `/${'ö'.repeat(300)}` }, EDITOR), '(body)', /octets/);
    const sent = await service.send({ ...ok, icon: 'https://cdn.example.org/logo.png' }, EDITOR);
    assert.equal(sent.icon, 'https://cdn.example.org/logo.png');
    assert.equal(sent.audience, 0, 'a send to nobody is allowed (and audited)');
  });

  test('four eyes: a send waits without deliveries; another editor approves (deliveries, push.approved and push.sent at once) or rejects; never the requester', async () => {
    // Audit entries name real accounts (audit_log.actor_id references users).
    const accounts = new AccountService(ctx.db);
    const person = async (name: string) => {
      const email = `${name.split(' ')[0]!.toLowerCase()}-${randomBytes(3).toString('hex')}@example.org`;
      const u = await accounts.createUser({ email, name, role: 'editor', password: 'vier-augen-passwort-1' }, { name: 'test' });
      return { id: u.id, name: u.name };
    };
    const requester = await person('Rita Anträge');
    const second = await person('Bernd Zweitblick');
    const thirdEditor = await person('Carla Dritte');
    const subs = [await service.subscribe(browserSubscription(['all'])), await service.subscribe(browserSubscription(['all']))];
    let told = 0;
    const audited = new PushService(ctx.db, { audit: (tx, actor, detail) => audit(tx, actor, 'push.sent', { detail }), afterSend: () => told++ });
    const settings = new NewsroomSettings(ctx.db);
    await ctx.db.query("DELETE FROM audit_log WHERE action LIKE 'push.%' OR action = 'settings.changed'");
    const actions = async () => (await ctx.db.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE action LIKE 'push.%' OR action = 'settings.changed' ORDER BY id",
    )).map((r) => `${r.action} ${r.actor}`);

    assert.equal(await audited.fourEyes(), false, 'off unless switched on');
    assert.equal(await settings.setPushFourEyes(requester, true), true);
    assert.equal(await settings.setPushFourEyes(requester, true), true, 'switching to the value it has changes nothing');
    await assert.rejects(settings.setPushFourEyes(requester, 'ja'), (err: unknown) => refusedPaths(err).join() === 'on');
    assert.equal(await audited.fourEyes(), true);

    const pending = await audited.send({ title: 'Eilmeldung: Deich gebrochen', url: '/sachsen-anhalt/deich', filter: 'all' }, requester);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.createdById, requester.id);
    assert.equal(told, 0, 'nobody is woken for a request');
    const deliveries = async (id: string) => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM push_deliveries WHERE send_id = $1', [id]))[0]!.n;
    assert.equal(await deliveries(pending.id), 0, 'a request has no deliveries');
    assert.deepEqual((await audited.pending()).map((s) => s.id), [pending.id]);

    await assert.rejects(audited.approve(pending.id, requester), (err: unknown) => isLedeError(err) && err.code === 'FORBIDDEN' && /another editor/.test(err.message));
    await assert.rejects(audited.reject(pending.id, requester), (err: unknown) => isLedeError(err) && err.code === 'FORBIDDEN');
    await assert.rejects(audited.approve('00000000-0000-4000-8000-00000000ffff', second), (err: unknown) => isLedeError(err) && err.code === 'NOT_FOUND');
    await assert.rejects(audited.approve('kein-push', second), (err: unknown) => isLedeError(err) && err.code === 'NOT_FOUND');

    // A third reader subscribes before the approval: the audience is counted when it goes out.
    subs.push(await service.subscribe(browserSubscription(['all'])));
    const approved = await audited.approve(pending.id, second);
    assert.equal(approved.status, 'sent');
    assert.equal(approved.decidedBy, second.name);
    assert.equal(approved.audience, 3);
    assert.equal(await deliveries(pending.id), 3);
    assert.equal(told, 1, 'the sender is woken once it is approved');
    await assert.rejects(audited.approve(pending.id, second), (err: unknown) => isLedeError(err) && err.code === 'CONFLICT', 'never twice');
    await assert.rejects(audited.reject(pending.id, second), (err: unknown) => isLedeError(err) && err.code === 'CONFLICT');

    const other = await audited.send({ title: 'Eilmeldung: Entwarnung', url: '/sachsen-anhalt/entwarnung', filter: 'all' }, requester);
    const rejected = await audited.reject(other.id, second);
    assert.deepEqual([rejected.status, rejected.decidedBy, await deliveries(other.id)], ['rejected', second.name, 0]);
    assert.deepEqual((await audited.pending()).map((s) => s.id), []);

    // A failing audit rolls the approval back whole: still pending, no deliveries.
    const third = await audited.send({ title: 'Eilmeldung: Pegel sinkt', url: '/sachsen-anhalt/pegel', filter: 'all' }, requester);
    const failing = new PushService(ctx.db, { audit: async () => { throw new Error('audit log unavailable'); } });
    await assert.rejects(failing.approve(third.id, second), /audit log unavailable/);
    assert.equal((await audited.get(third.id)).status, 'pending');
    assert.equal(await deliveries(third.id), 0);

    // Two editors approving at once: one wins, the other hears it was decided.
    const results = await Promise.allSettled([audited.approve(third.id, second), audited.approve(third.id, thirdEditor)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(await deliveries(third.id), 3, 'one set of deliveries');

    assert.equal(await settings.setPushFourEyes(second, false), false);
    const direct = await audited.send({ title: 'Eilmeldung: alles ruhig', url: '/sachsen-anhalt/ruhig', filter: 'all' }, requester);
    assert.equal(direct.status, 'sent');
    assert.deepEqual(await actions(), [
      `settings.changed ${requester.name}`,
      `push.requested ${requester.name}`,
      `push.approved ${second.name}`, `push.sent ${second.name}`,
      `push.requested ${requester.name}`,
      `push.rejected ${second.name}`,
      `push.requested ${requester.name}`,
      `push.approved ${results[0]!.status === 'fulfilled' ? second.name : 'Carla Dritte'}`, `push.sent ${results[0]!.status === 'fulfilled' ? second.name : 'Carla Dritte'}`,
      `settings.changed ${second.name}`,
      `push.sent ${requester.name}`,
    ]);
  });

  test('VAPID: a key pair is made on first use and kept; concurrent first starts end with one pair', async () => {
    await ctx.db.query('DELETE FROM push_vapid_keys');
    await assert.rejects(loadVapidIdentity(ctx.db, pushSettings({})), (err: unknown) => {
      assert.ok(isLedeError(err) && err.code === 'CONFIG');
      assert.match((err as Error).message, /LEDE_VAPID_SUBJECT is required/);
      return true;
    });
    let other: Database | undefined;
    try {
      // Two nodes on PostgreSQL (two handles, two pools); on PGlite one handle, two callers.
      const second = ctx.engine === 'postgres' ? (other = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }))) : ctx.db;
      const settings = pushSettings({ LEDE_VAPID_SUBJECT: 'mailto:technik@news.example.org' });
      const [a, b] = await Promise.all([loadVapidIdentity(ctx.db, settings), loadVapidIdentity(second, settings)]);
      assert.equal(a.publicKey, b.publicKey);
      assert.equal(a.privateKey, b.privateKey);
      assert.equal(a.source, 'database');
      const rows = await ctx.db.query<{ public_key: string }>('SELECT public_key FROM push_vapid_keys');
      assert.deepEqual(rows.map((r) => r.public_key), [a.publicKey]);
      // Later starts read the same pair; a new subject does not change the keys.
      const later = await loadVapidIdentity(ctx.db, pushSettings({ LEDE_VAPID_SUBJECT: 'https://news.example.org/kontakt' }));
      assert.equal(later.publicKey, a.publicKey);
      assert.equal(later.subject, 'https://news.example.org/kontakt');
      const fallback = await loadVapidIdentity(ctx.db, pushSettings({}), 'https://ignored.example');
      assert.equal(fallback.subject, 'mailto:technik@news.example.org', 'the stored subject when none is configured');
    } finally {
      await other?.close();
    }
  });

  test('VAPID keys from the environment are used (the stored pair is not) and validated with the variable named', async () => {
    const keys = webPush.generateVAPIDKeys();
    const env = { LEDE_VAPID_PUBLIC_KEY: keys.publicKey, LEDE_VAPID_PRIVATE_KEY: keys.privateKey, LEDE_VAPID_SUBJECT: 'mailto:technik@news.example.org' };
    const identity = await loadVapidIdentity(ctx.db, pushSettings(env));
    assert.deepEqual(identity, { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: env.LEDE_VAPID_SUBJECT, source: 'environment' });

    const configError = (e: Record<string, string>, message: RegExp) => assert.throws(() => pushSettings(e), (err: unknown) => {
      assert.ok(isLedeError(err) && err.code === 'CONFIG' && err.reason === 'bad_config');
      assert.match((err as Error).message, message);
      return true;
    });
    const other = webPush.generateVAPIDKeys();
    configError({ ...env, LEDE_VAPID_PRIVATE_KEY: '' }, /^LEDE_VAPID_PRIVATE_KEY is missing/);
    configError({ ...env, LEDE_VAPID_PUBLIC_KEY: '' }, /^LEDE_VAPID_PUBLIC_KEY is missing/);
    configError({ ...env, LEDE_VAPID_PUBLIC_KEY: keys.publicKey.slice(0, 40) }, /^LEDE_VAPID_PUBLIC_KEY must be base64url of an uncompressed P-256 public key/);
    configError({ ...env, LEDE_VAPID_PRIVATE_KEY: 'x'.repeat(43) + '!' }, /^LEDE_VAPID_PRIVATE_KEY must be base64url/);
    configError({ ...env, LEDE_VAPID_PRIVATE_KEY: other.privateKey }, /LEDE_VAPID_PUBLIC_KEY is not the public key of LEDE_VAPID_PRIVATE_KEY/);
    configError({ ...env, LEDE_VAPID_SUBJECT: '' }, /^LEDE_VAPID_SUBJECT is required with LEDE_VAPID_PUBLIC_KEY/);
    configError({ ...env, LEDE_VAPID_SUBJECT: 'http://news.example.org' }, /^LEDE_VAPID_SUBJECT must be a mailto: or https: URI, not http:/);
    configError({ ...env, LEDE_VAPID_SUBJECT: 'mailto:technik' }, /^LEDE_VAPID_SUBJECT is a mailto: URI without an address/);
    configError({ LEDE_PUSH_MAX_CONNECTIONS: '0' }, /^LEDE_PUSH_MAX_CONNECTIONS must be a whole number of connections from 1 to 1000, got "0"/);
    configError({ LEDE_PUSH_TTL_SECONDS: '1h' }, /^LEDE_PUSH_TTL_SECONDS must be a whole number/);
    configError({ LEDE_PUSH_ALLOW_PRIVATE: 'vielleicht' }, /^LEDE_PUSH_ALLOW_PRIVATE must be true or false/);
    assert.deepEqual(pushSettings({ LEDE_PUSH_ALLOW_PRIVATE: 'yes', LEDE_PUSH_MAX_CONNECTIONS: '8', LEDE_PUSH_TTL_SECONDS: '0' }), {
      allowPrivate: true, maxConnections: 8, ttlSeconds: 0, timeoutMs: 10_000, pollMs: 2_000,
    });
  });
});
