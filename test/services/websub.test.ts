/**
 * WebSub (issue 13): with LEDE_WEBSUB_HUB set, every feed names the hub, and
 * a change readers see queues, in its own transaction, one publish ping per
 * feed the story is in; the worker sends them to a real local hub, retries a
 * hub that is down, and pings again when the feed changed while a ping was
 * in flight. Without a hub nothing is queued or announced.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { createServices, type Services } from '../../src/services/index.js';
import { WebhookWorker } from '../../src/services/webhook-worker.js';
import { websubHubs } from '../../src/services/websub.js';
import { pendingPings, syncWebsubHubs } from '../../src/store/websub-pings.js';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { isLedeError } from '../../src/content/index.js';
import { forEachEngine } from '../helpers/db.js';

const SITE = 'https://news.example.org';
let counter = 0;
const draft = (extra: Record<string, unknown> = {}) => ({
  kind: 'article', headline: `Fähre nach Hiddensee fährt wieder ${++counter}`, section: 'Politik',
  body: [{ type: 'paragraph', content: [{ text: 'Der Betrieb läuft.' }] }], ...extra,
});

interface Hub {
  url: string;
  pings: { contentType: string | undefined; mode: string | null; topic: string | null }[];
  status: number;
  /** Called when a ping arrives, before it is answered (to commit a change while a ping is in flight). */
  onPing?: () => Promise<void>;
  close(): Promise<void>;
}

async function startHub(): Promise<Hub> {
  const hub: Hub = { url: '', pings: [], status: 204, close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const form = new URLSearchParams(body);
      hub.pings.push({ contentType: req.headers['content-type'], mode: form.get('hub.mode'), topic: form.get('hub.url') });
      await hub.onPing?.();
      res.writeHead(hub.status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  hub.close = () => new Promise((r) => server.close(() => r()));
  return hub;
}

test('LEDE_WEBSUB_HUB: URLs separated by commas; anything else is refused naming the value', () => {
  assert.deepEqual(websubHubs({}), []);
  assert.deepEqual(websubHubs({ LEDE_WEBSUB_HUB: ' https://pubsubhubbub.appspot.com/ , https://hub.example/x ' }), ['https://pubsubhubbub.appspot.com/', 'https://hub.example/x']);
  for (const bad of ['ftp://hub.example/', 'hub.example', 'https://user:pw@hub.example/']) {
    assert.throws(() => websubHubs({ LEDE_WEBSUB_HUB: bad }), (e: unknown) => isLedeError(e) && e.message.includes('LEDE_WEBSUB_HUB') && e.message.includes(bad.slice(0, 20)));
  }
  assert.deepEqual(loadConfig({ LEDE_WEBSUB_HUB: 'https://hub.example/' }).websubHubs, ['https://hub.example/']);
  assert.equal(loadConfig({}).websubHubs, undefined);
});

forEachEngine('websub', (ctx) => {
  let services: Services;
  let hub: Hub;
  const worker = () => new WebhookWorker(ctx.db, { siteUrl: SITE, send: { timeoutMs: 5_000 }, retryDelay: () => 0, websub: true });
  const drain = async (w: WebhookWorker) => {
    for (let i = 0; i < 20 && (await w.runOnce()) > 0;);
  };
  const topics = () => hub.pings.map((p) => p.topic).sort();

  before(async () => {
    hub = await startHub();
  });
  after(async () => hub.close());
  beforeEach(async () => {
    services = createServices(ctx.db, {}, {});
    await syncWebsubHubs(ctx.db, [hub.url]);
    await ctx.db.query('DELETE FROM websub_pings');
    hub.pings.length = 0;
    hub.status = 204;
    delete hub.onPing;
  });

  test('every feed names the configured hub, in RSS, Atom and JSON Feed; without one, none does', async () => {
    await services.stories.create(draft({ topics: ['Ostsee'] }), { status: 'published' });
    const withHub = createApp(ctx.db, { siteName: 'Lede', siteUrl: SITE, trustProxy: false, websubHubs: ['https://hub.example/a', 'https://hub.example/b'] });
    const without = createApp(ctx.db, { siteName: 'Lede', siteUrl: SITE, trustProxy: false });
    for (const path of ['/feed.xml', '/politik/feed.xml', '/thema/ostsee/feed.xml']) {
      const rss = await (await withHub.request(`${SITE}${path}`)).text();
      assert.match(rss, /<atom:link href="https:\/\/hub\.example\/a" rel="hub"\/>/, path);
      assert.match(rss, /<atom:link href="https:\/\/hub\.example\/b" rel="hub"\/>/, path);
      assert.match(rss, new RegExp(`<atom:link href="${SITE}${path}" rel="self"`), `${path}: the self link is the topic the hub knows`);
      assert.doesNotMatch(await (await without.request(`${SITE}${path}`)).text(), /rel="hub"/);
    }
    const atom = await (await withHub.request(`${SITE}/atom.xml`)).text();
    assert.match(atom, /<link rel="hub" href="https:\/\/hub\.example\/a"\/>/);
    const json = await (await withHub.request(`${SITE}/feed.json`)).json() as { hubs?: { type: string; url: string }[] };
    assert.deepEqual(json.hubs, [{ type: 'WebSub', url: 'https://hub.example/a' }, { type: 'WebSub', url: 'https://hub.example/b' }]);
    const plain = await (await without.request(`${SITE}/feed.json`)).json() as { hubs?: unknown };
    assert.equal(plain.hubs, undefined);
  });

  test('publishing pings the hub once for each feed the story is in, form-encoded, with absolute feed URLs', async () => {
    const story = await services.stories.create(draft({ topics: ['Ostsee'] }));
    assert.deepEqual(await pendingPings(ctx.db), [], 'a draft changes no feed');
    await services.stories.publish(story.id);
    await drain(worker());
    const feeds = ['/feed.xml', '/atom.xml', '/feed.json'];
    const expected = ['', '/politik', '/thema/ostsee'].flatMap((b) => feeds.map((f) => `${SITE}${b}${f}`)).sort();
    assert.deepEqual(topics(), expected);
    assert.ok(hub.pings.every((p) => p.mode === 'publish' && p.contentType === 'application/x-www-form-urlencoded'));
    assert.deepEqual(await pendingPings(ctx.db), [], 'sent pings are gone');
    await drain(worker());
    assert.equal(hub.pings.length, expected.length, 'nothing is pinged twice');
  });

  test('a burst of changes to the same feeds is one ping per feed; a section move pings the old and the new section', async () => {
    const a = await services.stories.create(draft(), { status: 'published' });
    await services.stories.create(draft(), { status: 'published' });
    const current = await services.stories.get(a.id);
    await services.stories.update(a.id, { ...current, section: 'Kultur' }, { expectedVersion: current.version });
    await drain(worker());
    const t = topics();
    assert.equal(t.filter((x) => x === `${SITE}/feed.xml`).length, 1, 'three changes, one ping of the site feed');
    assert.ok(t.includes(`${SITE}/politik/feed.xml`) && t.includes(`${SITE}/kultur/feed.xml`), t.join(' '));
  });

  test('a write that fails queues no ping', async () => {
    const story = await services.stories.create(draft());
    await assert.rejects(services.stories.publish(story.id, { expectedVersion: story.version + 5 }));
    assert.deepEqual(await pendingPings(ctx.db), []);
  });

  test('a hub that answers 503 is tried again with the error kept; a change during a ping in flight is pinged again', async () => {
    hub.status = 503;
    await services.stories.create(draft(), { status: 'published' });
    const w = worker();
    await w.runOnce();
    const owed = await pendingPings(ctx.db);
    assert.equal(owed.length, 6, 'site and section feeds still owed');
    assert.ok(owed.every((p) => p.attempts === 1 && p.lastError === 'answered 503'), JSON.stringify(owed[0]));

    hub.status = 204;
    hub.pings.length = 0;
    let changed = false;
    hub.onPing = async () => {
      if (changed) return;
      changed = true;
      await services.stories.create(draft(), { status: 'published' }); // commits while the hub holds the first ping
    };
    await drain(w);
    const site = hub.pings.filter((p) => p.topic === `${SITE}/feed.xml`).length;
    assert.ok(site >= 1);
    const perFeed = new Map<string, number>();
    for (const p of hub.pings) perFeed.set(p.topic!, (perFeed.get(p.topic!) ?? 0) + 1);
    assert.ok([...perFeed.values()].some((n) => n === 2), 'the feed that changed mid-ping was pinged again');
    assert.deepEqual(await pendingPings(ctx.db), []);
  });

  test('with no hub configured, writes queue nothing', async () => {
    await syncWebsubHubs(ctx.db, []);
    await services.stories.create(draft(), { status: 'published' });
    assert.deepEqual(await pendingPings(ctx.db), []);
  });
});
