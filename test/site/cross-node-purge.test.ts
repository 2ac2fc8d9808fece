import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import {
  decodeRelayMessage, encodeRelayMessage, isRelayed, startEventRelay, type EventRelay,
} from '../../src/events/event-relay.js';
import { PageCache } from '../../src/site/page-cache.js';
import { openForWriting } from '../../src/cli/open-configured-database.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { freshTarget, openOptions, removeTarget, serverSkipReason, type Target } from '../helpers/db.js';

/** Waits for `check` to hold, trying every 25 ms; fails after `timeoutMs` (NOTIFY is quick, but not synchronous). */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ARTICLE = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';

interface Node {
  name: string;
  db: Database;
  cache: PageCache;
  bus: EventBus;
  app: ReturnType<typeof createApp>;
  relay: EventRelay;
  service: StoryService;
  /** Every event its bus emitted, with whether it came from another node. */
  heard: { event: DomainEvent; relayed: boolean }[];
  logs: string[];
}

describe('cross-node page-cache purge [PostgreSQL]', serverSkipReason() ? { skip: serverSkipReason()! } : {}, () => {
  let target: Target;
  let a: Node;
  let b: Node;

  async function startNode(name: string): Promise<Node> {
    const db = await openDatabase(openOptions(target, { onWarning: () => undefined }));
    // Fresh for ten minutes: within a test only a purge can make a page render again.
    const cache = new PageCache({ freshMs: 600_000 });
    const bus = new EventBus();
    const heard: Node['heard'] = [];
    bus.subscribe((event) => void heard.push({ event, relayed: isRelayed(event) }));
    const logs: string[] = [];
    const relay = await startEventRelay({
      db,
      databaseUrl: target.engine === 'postgres' ? target.databaseUrl : undefined,
      bus,
      purgeAll: () => cache.purgeAll(),
      nodeId: `node-${name}`,
      log: (line) => void logs.push(line),
      backoff: { initialMs: 50, maxMs: 400 },
    });
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: cache, events: bus });
    return { name, db, cache, bus, app, relay, service: new StoryService(db, bus), heard, logs };
  }

  /** Renders each page into `node`'s cache and checks the next request is a hit. */
  async function warm(node: Node, paths: string[]): Promise<void> {
    for (const p of paths) await (await node.app.request(p)).text();
    for (const p of paths) assert.equal((await node.app.request(p)).headers.get('x-cache'), 'HIT', `${node.name} ${p} cached`);
  }

  async function page(node: Node, path: string): Promise<{ cache: string | null; body: string }> {
    const res = await node.app.request(path);
    return { cache: res.headers.get('x-cache'), body: await res.text() };
  }

  /** An event that touches nothing on the demo site: a barrier for notification order. */
  const marker = (slug: string): DomainEvent => ({ type: 'story.updated', storyId: slug, slug, sectionSlug: 'nirgendwo', topics: [] });

  before(async () => {
    target = await freshTarget('postgres');
    a = await startNode('a');
    b = await startNode('b');
    await loadDemoContent(a.db, new Date('2026-11-20T12:00:00Z'));
  });
  after(async () => {
    for (const node of [a, b]) {
      await node?.relay.close();
      await node?.db.close().catch(() => undefined);
    }
    if (target) await removeTarget(target);
  });

  test('both nodes listen on a dedicated connection', () => {
    for (const node of [a, b]) {
      assert.equal(node.relay.active, true);
      assert.equal(node.relay.listening, true);
      assert.ok(node.relay.listenerPid, `${node.name} knows its listener's backend pid`);
    }
    assert.notEqual(a.relay.listenerPid, b.relay.listenerPid);
  });

  test("a story published through node A is on node B's home, section and article pages", async () => {
    const paths = ['/', '/politik', ARTICLE, '/kultur'];
    await warm(a, paths);
    await warm(b, paths);
    for (const p of paths) assert.doesNotMatch((await page(b, p)).body, /Eilmeldung vom Knoten A/);

    await a.service.create({ headline: 'Eilmeldung vom Knoten A', section: 'Politik', topics: ['Landtag'] }, { status: 'published' });

    for (const p of ['/', '/politik', ARTICLE]) {
      await eventually(`node B shows the new story on ${p}`, async () => /Eilmeldung vom Knoten A/.test((await page(b, p)).body));
    }
    // Exact purge, not a flush: a page that cannot show the story stays cached on B.
    assert.equal((await page(b, '/kultur')).cache, 'HIT');
    // Node A purged by itself, at once (its bus told it before create() returned).
    assert.match((await page(a, '/politik')).body, /Eilmeldung vom Knoten A/);
  });

  test('a CLI write (send-only relay, no listening connection) purges the serving nodes', async () => {
    assert.equal(target.engine, 'postgres');
    await warm(b, ['/', '/kultur']);
    const writer = await openForWriting({ ...loadConfig({}), databaseUrl: target.engine === 'postgres' ? target.databaseUrl : undefined });
    try {
      const pids = await writer.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'");
      await new StoryService(writer.db, writer.events).create({ headline: 'Per Kommandozeile gemeldet', section: 'Kultur' }, { status: 'published' });
      await eventually('node B shows the CLI story on /kultur', async () => /Per Kommandozeile gemeldet/.test((await page(b, '/kultur')).body));
      const after = await writer.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'");
      assert.equal(after[0]!.n, pids[0]!.n, 'the writer opened no listening connection');
    } finally {
      await writer.close();
    }
  });

  test('each node hears its own event once, and the other node once, as relayed', async () => {
    const ownBefore = a.relay.stats.ownIgnored;
    const story = await a.service.create({ headline: 'Nur einmal gemeldet', section: 'Wirtschaft' }, { status: 'published' });
    // B's marker is sent after A's event; the server delivers notifications in commit order,
    // so once A hears the marker it has had its own message back too.
    await b.bus.emit(marker('barriere-1'));
    await eventually('node A hears the marker from B', () => a.heard.some((h) => h.event.slug === 'barriere-1'));
    await eventually('node B hears the story from A', () => b.heard.some((h) => h.event.storyId === story.id));

    const onA = a.heard.filter((h) => h.event.storyId === story.id);
    assert.deepEqual(onA.map((h) => h.relayed), [false], 'A: its own emit only, not the echo');
    assert.ok(a.relay.stats.ownIgnored > ownBefore, "A's own message came back and was dropped");
    const onB = b.heard.filter((h) => h.event.storyId === story.id);
    assert.deepEqual(onB.map((h) => h.relayed), [true]);
    assert.equal(onB[0]!.event.slug, story.slug);
    // A relayed event is not sent on again: B's echo would have gone out before B's next
    // message and reached A as a second, relayed copy.
    const sentByB = b.relay.stats.sent;
    await b.bus.emit(marker('barriere-2'));
    assert.equal(b.relay.stats.sent, sentByB + 1, 'B sent its marker and nothing else');
    await eventually('node A hears the second marker', () => a.heard.some((h) => h.event.slug === 'barriere-2'));
    assert.equal(a.heard.filter((h) => h.event.storyId === story.id).length, 1);
  });

  test('an event too large for one NOTIFY makes the other nodes purge everything', async () => {
    const paths = ['/', '/kultur', '/welt'];
    await warm(a, paths);
    await warm(b, paths);
    const huge: DomainEvent = {
      type: 'story.updated', storyId: 'viele-themen', slug: 'viele-themen', sectionSlug: 'politik',
      topics: Array.from({ length: 400 }, (_, i) => `Ein recht langes Thema Nummer ${i}`),
    };
    const sentBefore = a.relay.stats.sentPurgeAll;
    await a.bus.emit(huge);
    assert.equal(a.relay.stats.sentPurgeAll, sentBefore + 1, 'A sent a purge-all marker');
    // /kultur and /welt carry none of the event's keys: only a purge-all drops them.
    await eventually('node B purges /kultur', async () => (await page(b, '/kultur')).cache === 'MISS');
    assert.equal((await page(b, '/welt')).cache, 'MISS');
    assert.ok(!b.heard.some((h) => h.event.slug === 'viele-themen'), 'the marker carries no event');
    // A ignores its own marker.
    await b.bus.emit(marker('barriere-3'));
    await eventually('node A hears the marker from B', () => a.heard.some((h) => h.event.slug === 'barriere-3'));
    assert.equal((await page(a, '/kultur')).cache, 'HIT');
  });

  test('an unreadable message on the channel makes a node purge everything', async () => {
    await warm(b, ['/kultur']);
    const logged = b.logs.length;
    await a.db.query("SELECT pg_notify('lede_events', 'kein JSON')");
    await eventually('node B purges /kultur', async () => (await page(b, '/kultur')).cache === 'MISS');
    assert.match(b.logs.slice(logged).join('\n'), /unreadable message/);
  });

  test('a killed listening connection reconnects, purges the whole cache, and relays again', async () => {
    const paths = ['/kultur', '/welt', '/politik'];
    await warm(b, paths);
    const logged = b.logs.length;
    const reconnects = b.relay.stats.reconnects;
    const pid = b.relay.listenerPid!;
    const [killed] = await a.db.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    assert.equal(killed?.ok, true);

    await eventually('node B listens again on a new connection', () => b.relay.listening && b.relay.listenerPid !== pid);
    assert.equal(b.relay.stats.reconnects, reconnects + 1);
    for (const p of paths) assert.equal((await page(b, p)).cache, 'MISS', `${p} purged on reconnect`);
    const lines = b.logs.slice(logged);
    assert.equal(lines.length, 2, `one line for the drop, one for the return: ${lines.join(' | ')}`);
    assert.match(lines[0]!, /lost the event connection/);
    assert.match(lines[1]!, /is back.*purged the whole page cache/);

    await warm(b, ['/politik']);
    await a.service.create({ headline: 'Nach dem Neustart gemeldet', section: 'Politik' }, { status: 'published' });
    await eventually('node B shows the story published after the reconnect', async () => /Nach dem Neustart gemeldet/.test((await page(b, '/politik')).body));
  });

  test('a closed relay neither sends nor listens', async () => {
    const c = await startNode('c');
    const pid = c.relay.listenerPid!;
    await c.relay.close();
    assert.equal(c.relay.listening, false);
    const sent = c.relay.stats.sent;
    await c.bus.emit(marker('nach-dem-schliessen'));
    assert.equal(c.relay.stats.sent, sent);
    await eventually('the listening backend is gone', async () => {
      const rows = await a.db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      return rows.length === 0;
    });
    await c.db.close();
  });
});

describe('event relay without a server', () => {
  test('is inactive on the embedded engine: nothing is sent, nothing listens', async () => {
    const bus = new EventBus();
    let queries = 0;
    const relay = await startEventRelay({
      db: { engine: 'pglite', query: async () => { queries++; return []; } },
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      bus,
      purgeAll: () => assert.fail('nothing to purge'),
      log: (line) => assert.fail(`unexpected log line: ${line}`),
    });
    assert.equal(relay.active, false);
    assert.equal(relay.listening, false);
    await bus.emit({ type: 'story.published', storyId: 'x', slug: 'x', sectionSlug: 'politik', topics: [] });
    assert.equal(queries, 0);
    await relay.close();
  });

  test('messages name their origin; too large ones become a purge-all marker', () => {
    const event: DomainEvent = { type: 'story.published', storyId: 'id-1', slug: 'ein-text', sectionSlug: 'politik', topics: ['Landtag'], authors: ['anna-beispiel'] };
    const small = encodeRelayMessage('node-x', event);
    assert.equal(small.purgeAll, false);
    assert.deepEqual(decodeRelayMessage(small.payload), { v: 1, origin: 'node-x', event });

    const big = encodeRelayMessage('node-x', { ...event, topics: Array.from({ length: 1000 }, (_, i) => `Thema ${i} äöü`) });
    assert.equal(big.purgeAll, true);
    assert.ok(Buffer.byteLength(big.payload) < 8000);
    assert.deepEqual(decodeRelayMessage(big.payload), { v: 1, origin: 'node-x', purgeAll: true });
    // Multi-byte characters count as bytes, as the server counts them.
    const wide = encodeRelayMessage('node-x', { ...event, topics: ['ä'.repeat(3000)] }, 5000);
    assert.equal(wide.purgeAll, true);

    assert.deepEqual(decodeRelayMessage('{"v":2,"origin":"node-y"}'), { origin: 'node-y', unreadable: true });
    assert.deepEqual(decodeRelayMessage('{"v":1,"origin":"node-y","event":{"type":"story.published"}}'), { origin: 'node-y', unreadable: true });
    assert.deepEqual(decodeRelayMessage('[]'), { unreadable: true });
    const badAuthors = JSON.stringify({ v: 1, origin: 'node-y', event: { ...event, authors: 'anna-beispiel' } });
    assert.deepEqual(decodeRelayMessage(badAuthors), { origin: 'node-y', unreadable: true });
  });
});
