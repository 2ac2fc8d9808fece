import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { EventBus } from '../../src/events/event-bus.js';
import { createServices, type Services } from '../../src/services/index.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { createApp } from '../../src/server/app.js';
import { BannerState, bannerHtml, fillSlot, findSlot } from '../../src/site/banner.js';
import { bannerSlot } from '../../src/site/banner-slot.js';
import { PageCache } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines, freshTarget, openOptions, removeTarget, serverSkipReason, type Target } from '../helpers/db.js';
import { startEventRelay, type EventRelay } from '../../src/events/event-relay.js';
import { openDatabase } from '../../src/store/index.js';

const ARTICLE = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';
const EDITOR = { name: 'Chefin vom Dienst' };

type Hono = ReturnType<typeof createApp>;

async function body(res: Response): Promise<string> {
  const raw = Buffer.from(await res.arrayBuffer());
  const coding = res.headers.get('content-encoding');
  if (coding === 'gzip') return zlib.gunzipSync(raw).toString('utf8');
  if (coding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8');
  return raw.toString('utf8');
}

/** The banner region of a page, or undefined when it shows none. */
function bannerOf(html: string): string | undefined {
  return /<div class="breaking" role="region" aria-label="[^"]+">.*?<\/div><\/div>/.exec(html)?.[0];
}

test('the slot is found and filled by byte offsets, also after multi-byte text before it', () => {
  const page = Buffer.from(`<!DOCTYPE html><html><body><header>Grüße – Überschrift</header>${bannerSlot('de')}<main>ä</main></body></html>`);
  const slot = findSlot(page)!;
  assert.equal(slot.lang, 'de');
  assert.equal(slot.start, slot.end, 'the layout writes the slot empty');
  const html = bannerHtml({ headline: 'Sturm über Sachsen', url: '/politik/sturm' }, 'de');
  const filled = fillSlot(page, slot, html);
  const text = filled.body.toString('utf8');
  assert.ok(text.includes(`<!--eilmeldung:de-->${html}<!--/eilmeldung-->`));
  assert.ok(text.endsWith('<main>ä</main></body></html>'));
  // Emptied again, the page is as the layout wrote it.
  assert.ok(fillSlot(filled.body, { start: slot.start, end: filled.end }, '').body.equals(page));
  assert.equal(findSlot(Buffer.from('<html><body>no slot</body></html>')), undefined);
  // A language tag that is not one is left out of the comment rather than written into the page.
  assert.equal(bannerSlot('de"--><script>'), '<!--eilmeldung:--><!--/eilmeldung-->');
});

test('the banner escapes what an editor typed and labels its region in the page language', () => {
  const de = bannerHtml({ headline: '<script>alert(1)</script> & "mehr"', url: '/a?b=1&c=2' }, 'de');
  assert.ok(!de.includes('<script>'));
  assert.ok(de.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;mehr&quot;'));
  assert.ok(de.includes('href="/a?b=1&amp;c=2"'));
  assert.ok(de.includes('role="region" aria-label="Eilmeldung"'));
  assert.ok(bannerHtml({ headline: 'x', url: '/x' }, 'en-GB').includes('aria-label="Breaking news"'));
});

for (const engine of engines()) {
  describe(`the breaking banner on reader pages (${engine.name})`, { skip: engine.skip }, () => {
    let db: Database;
    let services: Services;
    let cache: PageCache;
    let app: Hono;
    let ahead = 0;
    let banner: BannerState;

    before(async () => {
      db = await engine.open();
      await loadDemoContent(db);
      const events = new EventBus();
      services = createServices(db, {}, { events });
      cache = new PageCache();
      banner = new BannerState(db, { now: () => Date.now() + ahead });
      app = createApp(db, { siteName: 'Lede', siteUrl: 'https://nachrichten.example', trustProxy: false }, { pageCache: cache, events, services, banner });
      await banner.refresh();
    });
    after(async () => {
      await cache.settled();
      await db.close();
    });

    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

    test('a kept page takes the banner when it is set, changed and taken down, without a re-render', async () => {
      const first = await get(ARTICLE, { 'accept-encoding': 'br' });
      assert.equal(first.status, 200);
      assert.equal(bannerOf(await body(first)), undefined);
      const etagBefore = (await get(ARTICLE, { 'accept-encoding': 'br' })).headers.get('etag')!;
      await get('/');
      const renders = cache.renders;

      const compressions = cache.compressions;
      const item = await services.breaking.set(EDITOR, { headline: 'Hochwasser: Pegel in Dresden über 7 Meter', url: '/politik' });
      // While a banner is up a kept page goes out as gzip (brotli cannot be spliced), or plain to a client that takes neither.
      assert.equal((await get(ARTICLE, { 'accept-encoding': 'gzip, deflate, br' })).headers.get('content-encoding'), 'gzip');
      assert.equal((await get(ARTICLE, { 'accept-encoding': 'br' })).headers.get('content-encoding'), null);
      for (const coding of ['br', 'gzip', 'identity']) {
        for (const path of [ARTICLE, '/']) {
          const res = await get(path, { 'accept-encoding': coding });
          assert.equal(res.headers.get('x-cache'), 'HIT', `${path} ${coding} is still the kept copy`);
          const shown = bannerOf(await body(res));
          assert.ok(shown, `${path} in ${coding} shows the banner`);
          assert.ok(shown.includes('Hochwasser: Pegel in Dresden über 7 Meter') && shown.includes('href="/politik"'));
        }
      }
      assert.equal(cache.renders, renders, 'no page was rendered again for the banner');
      assert.equal(cache.compressions, compressions, 'nor compressed again: the banner is spliced into the kept gzip');
      // A browser holding the page without the banner gets the new one, not a 304.
      const revalidated = await get(ARTICLE, { 'accept-encoding': 'br', 'if-none-match': etagBefore });
      assert.equal(revalidated.status, 200);
      const etagWith = revalidated.headers.get('etag')!;
      assert.notEqual(etagWith, etagBefore);
      assert.equal((await get(ARTICLE, { 'accept-encoding': 'br', 'if-none-match': etagWith })).status, 304);

      await services.breaking.update(EDITOR, item.id, item.version, { headline: 'Hochwasser: Dresden ruft Katastrophenalarm aus' });
      const changed = bannerOf(await body(await get(ARTICLE, { 'accept-encoding': 'gzip' })));
      assert.ok(changed?.includes('Katastrophenalarm'), 'the changed headline is shown');
      assert.ok(!changed?.includes('7 Meter'));

      assert.equal(await services.breaking.takeDown(EDITOR), true);
      for (const coding of ['br', 'gzip', 'identity']) {
        const res = await get(ARTICLE, { 'accept-encoding': coding });
        assert.equal(res.headers.get('x-cache'), 'HIT');
        assert.equal(bannerOf(await body(res)), undefined, `taken down: ${coding} shows no banner`);
      }
      assert.equal(cache.renders, renders);
      assert.equal((await get(ARTICLE, { 'accept-encoding': 'gzip, br' })).headers.get('content-encoding'), 'br', 'brotli again once it is down');
      assert.equal(await services.breaking.takeDown(EDITOR), false, 'nothing left to take down');
    });

    test('the fast path (wireHit) serves the banner too', async () => {
      await get('/');
      await services.breaking.set(EDITOR, { headline: 'Wahl: Ergebnis steht fest', url: '/politik', minutes: 30 });
      const hit = cache.wireHit('GET', '/', 'gzip', undefined)!;
      assert.ok(hit, 'a fresh copy is a fast hit');
      const bytes = Buffer.concat(hit.body!.map((b) => Buffer.from(b)));
      hit.release?.();
      assert.equal(hit.length, bytes.length);
      assert.ok(bannerOf(zlib.gunzipSync(bytes).toString('utf8'))?.includes('Wahl: Ergebnis steht fest'));
      await services.breaking.takeDown(EDITOR);
    });

    test('the banner leaves at its end time on its own, from pages and /eilmeldung.json', async () => {
      await get(ARTICLE);
      await services.breaking.set(EDITOR, { headline: 'Bahnstreik beginnt', url: 'https://bahn.example/streik', minutes: 10 });
      const json = await (await get('/eilmeldung.json')).json() as { breaking: { headline: string; url: string } | null };
      assert.equal(json.breaking?.headline, 'Bahnstreik beginnt');
      assert.equal(json.breaking?.url, 'https://bahn.example/streik');
      assert.ok(bannerOf(await body(await get(ARTICLE)))?.includes('Bahnstreik'));
      ahead = 11 * 60_000;
      assert.equal(bannerOf(await body(await get(ARTICLE))), undefined, 'past its end the page shows none');
      ahead = 0;
      // The kept JSON carries the item's end (X-Lede-Expires): a new one is made past it.
      const after = await get('/eilmeldung.json');
      assert.equal(after.status, 200);
      await services.breaking.takeDown(EDITOR);
      assert.deepEqual(await (await get('/eilmeldung.json')).json(), { breaking: null });
    });

    test('/eilmeldung.json names a story banner by its absolute address', async () => {
      const story = await services.stories.get('haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen');
      await services.breaking.set(EDITOR, { story: story.id });
      const json = await (await get('/eilmeldung.json')).json() as { breaking: { headline: string; url: string; storyId: string } };
      assert.equal(json.breaking.storyId, story.id);
      assert.equal(json.breaking.headline, story.headline);
      assert.equal(json.breaking.url, `https://nachrichten.example${ARTICLE}`);
      // The content API gives the same item, and its kept answer is purged when the item goes.
      const api = await get('/api/v1/breaking');
      assert.equal(api.status, 200);
      assert.deepEqual(await api.json(), json);
      // The feeds mark the story's item while the banner is up, in all three formats.
      const itemOf = (xml: string) => xml.split('<item>').find((i) => i.includes(story.id)) ?? '';
      assert.ok(itemOf(await (await get('/feed.xml')).text()).includes('<category>Eilmeldung</category>'));
      assert.ok((await (await get('/atom.xml')).text()).includes('<category term="Eilmeldung"/>'));
      const feed = await (await get('/feed.json')).json() as { items: Array<{ id: string; tags: string[] }> };
      assert.deepEqual(feed.items.filter((i) => i.tags.includes('Eilmeldung')).map((i) => i.id), [`urn:uuid:${story.id}`]);
      await services.breaking.takeDown(EDITOR);
      assert.deepEqual(await (await get('/api/v1/breaking')).json(), { breaking: null });
      assert.ok(!(await (await get('/feed.xml')).text()).includes('<category>Eilmeldung</category>'), 'the mark goes with the banner');
    });

    test('bad input is refused naming the field, and nothing is stored', async () => {
      const before = (await services.breaking.recent(100)).length;
      const refuse = async (input: Record<string, unknown>, field: string) => {
        await assert.rejects(services.breaking.set(EDITOR, input), (err: Error & { code?: string; issues?: Array<{ path: string }> }) => {
          assert.equal(err.code, 'VALIDATION');
          assert.ok(err.issues?.some((i) => i.path === field), `${JSON.stringify(input)} names ${field}: ${err.message}`);
          return true;
        });
      };
      await refuse({ headline: 'a\u0000b', url: '/politik' }, 'headline');
      await refuse({ headline: 'a\ud800b', url: '/politik' }, 'headline');
      await refuse({ headline: 'x'.repeat(201), url: '/politik' }, 'headline');
      await refuse({ headline: 'Titel' }, 'url');
      await refuse({ headline: 'Titel', url: '//evil.example/' }, 'url');
      await refuse({ headline: 'Titel', url: 'javascript:alert(1)' }, 'url');
      await refuse({ headline: 'Titel', url: 'http://plain.example/' }, 'url');
      await refuse({ headline: 'Titel', url: '/politik', minutes: 0 }, 'minutes');
      await refuse({ headline: 'Titel', url: '/politik', minutes: 'viel' }, 'minutes');
      await refuse({ headline: 'Titel', url: '/politik', endsAt: '2001-01-01T00:00:00Z' }, 'endsAt');
      await refuse({ headline: 'Titel', url: '/politik', endsAt: 'morgen' }, 'endsAt');
      await refuse({ story: 'gibt-es-nicht' }, 'story');
      const draft = await services.stories.create({ headline: 'Noch nicht öffentlich', section: 'Politik', body: [{ type: 'paragraph', content: [{ text: 'Entwurf.' }] }] });
      await refuse({ story: draft.id }, 'story');
      assert.equal((await services.breaking.recent(100)).length, before, 'no row was written');
    });

    test('every change is audited, and a stale version is refused', async () => {
      const item = await services.breaking.set(EDITOR, { headline: 'Erste Meldung', url: '/politik' });
      const second = await services.breaking.set(EDITOR, { headline: 'Zweite Meldung', url: '/politik' });
      await assert.rejects(services.breaking.update(EDITOR, item.id, item.version, { headline: 'zu spät' }), /already ended/);
      await services.breaking.update(EDITOR, second.id, second.version, { headline: 'Zweite Meldung, ergänzt' });
      await assert.rejects(services.breaking.update(EDITOR, second.id, second.version, { headline: 'veraltet' }), /meanwhile/);
      await services.breaking.takeDown(EDITOR);
      const rows = await db.query<{ action: string; detail: { breaking: string } }>(
        `SELECT action, detail FROM audit_log WHERE action LIKE 'breaking.%' AND (detail->>'breaking') IN ($1, $2) ORDER BY id`, [item.id, second.id],
      );
      assert.deepEqual(rows.map((r) => [r.action, r.detail.breaking]), [
        ['breaking.set', item.id], ['breaking.ended', item.id], ['breaking.set', second.id], ['breaking.updated', second.id], ['breaking.ended', second.id],
      ]);
      const live = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM breaking_items WHERE ended_at IS NULL`);
      assert.equal(live[0]!.n, 0);
    });
  });
}

describe('pages rendered without a page cache', () => {
  const pglite = engines()[0]!;
  let db: Database;
  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db);
  });
  after(async () => db.close());

  test('show the banner as they are rendered', async () => {
    const events = new EventBus();
    const services = createServices(db, {}, { events });
    const app = createApp(db, { siteName: 'Lede', siteUrl: 'http://localhost', trustProxy: false }, { events, services });
    await services.breaking.set(EDITOR, { headline: 'Eilmeldung ohne Cache', url: '/politik' });
    const html = await (await app.request(ARTICLE)).text();
    assert.ok(bannerOf(html)?.includes('Eilmeldung ohne Cache'));
    await services.breaking.takeDown(EDITOR);
    assert.equal(bannerOf(await (await app.request(ARTICLE)).text()), undefined);
  });
});

describe('the breaking banner across two app nodes [PostgreSQL]', serverSkipReason() ? { skip: serverSkipReason()! } : {}, () => {
  let target: Target;
  const nodes: Array<{ db: Database; app: Hono; cache: PageCache; relay: EventRelay; services: Services }> = [];

  before(async () => {
    target = await freshTarget('postgres');
    for (const name of ['a', 'b']) {
      const db = await openDatabase(openOptions(target, { onWarning: () => undefined }));
      const cache = new PageCache({ freshMs: 600_000 });
      const events = new EventBus();
      const relay = await startEventRelay({
        db, databaseUrl: target.engine === 'postgres' ? target.databaseUrl : undefined, bus: events, purgeAll: () => cache.purgeAll(), nodeId: `banner-${name}`, log: () => undefined,
      });
      const services = createServices(db, {}, { events });
      const app = createApp(db, { siteName: 'Lede', siteUrl: 'http://localhost', trustProxy: false }, { pageCache: cache, events, services });
      nodes.push({ db, app, cache, relay, services });
    }
    await loadDemoContent(nodes[0]!.db);
  });
  after(async () => {
    for (const n of nodes) {
      await n.cache.settled();
      await n.relay.close();
      await n.db.close().catch(() => undefined);
    }
    if (target) await removeTarget(target);
  });

  async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!(await check())) {
      if (Date.now() > deadline) assert.fail(`${what}: not within 5 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  test("a banner set on node A is on node B's kept pages, and goes from them when taken down on B", async () => {
    const [a, b] = [nodes[0]!, nodes[1]!];
    for (const n of nodes) for (const p of ['/', ARTICLE]) await (await n.app.request(p)).text();
    const renders = b.cache.renders;
    await a.services.breaking.set(EDITOR, { headline: 'Eilmeldung von Knoten A', url: '/politik' });
    for (const p of ['/', ARTICLE]) {
      await eventually(`${p} on node B`, async () => bannerOf(await (await b.app.request(p)).text())?.includes('Knoten A') === true);
    }
    assert.equal(b.cache.renders, renders, 'node B put the banner into its kept copies without rendering them');
    await b.services.breaking.takeDown(EDITOR);
    await eventually('the banner gone from node A', async () => bannerOf(await (await a.app.request(ARTICLE)).text()) === undefined);
  });
});

test('a gzip member split at the slot takes any piece between its parts and stays valid', async () => {
  const { gzipSplitSync, deflatePiece, sliceViews, trailer } = await import('../../src/site/gzip-splice.js');
  const page = Buffer.from(`<html><head><style>${'a{color:red}'.repeat(300)}</style></head><body>${bannerSlot('de')}<main>${'Überschwemmung im Tal. '.repeat(400)}</main></body></html>`);
  const slot = findSlot(page)!;
  const split = gzipSplitSync(page, slot.start, 9);
  assert.ok(zlib.gunzipSync(split.gzip).equals(page), 'the split member alone is the page');
  for (const piece of ['', 'x', bannerHtml({ headline: 'Ä'.repeat(150), url: '/a' }, 'de')]) {
    const plain = Buffer.from(piece);
    const expected = Buffer.concat([page.subarray(0, slot.start), plain, page.subarray(slot.start)]);
    let crc = zlib.crc32(plain, split.crcPrefix);
    crc = zlib.crc32(page.subarray(slot.start), crc);
    const views = [
      ...sliceViews([split.gzip.subarray(0, 100), split.gzip.subarray(100)], 0, split.split), deflatePiece(plain),
      ...sliceViews([split.gzip.subarray(0, 100), split.gzip.subarray(100)], split.split, split.gzip.length - 8), trailer(crc, expected.length),
    ];
    assert.ok(zlib.gunzipSync(Buffer.concat(views)).equals(expected), `with ${plain.length} bytes between`);
  }
  // sliceViews cuts across view boundaries without copying
  const views = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('h')];
  assert.equal(Buffer.concat(sliceViews(views, 2, 7)).toString(), 'cdefg');
  assert.equal(Buffer.concat(sliceViews(views, 0, 8)).toString(), 'abcdefgh');
  assert.equal(sliceViews(views, 3, 3).length, 0);
});
