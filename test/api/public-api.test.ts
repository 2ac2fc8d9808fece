/**
 * The public content API (/api/v1, issue 13) on both engines: what readers
 * may not see never leaks through any format, filters and cursor paging,
 * 400s naming the parameter, ETag/304, CORS, formats by Accept and ?format,
 * compression, lapsed pictures, fresh answers after a change, two app nodes.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { StoryDraft } from '../../src/content/index.js';
import { EventBus, assetUpdated } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import { AssetRepository, type AssetRights, type MediaAsset } from '../../src/store/asset-repository.js';
import { StoryRepository } from '../../src/store/index.js';
import { UserRepository } from '../../src/store/user-repository.js';
import { forEachEngine } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';
import { ninjsSchema } from './formats-support.js';

const SITE = { siteName: 'Lede Test', siteUrl: 'https://news.example', trustProxy: false };
const HOUR = 3_600_000;

function draftWith(marker: string, extra: Partial<StoryDraft> = {}): StoryDraft {
  return {
    kind: 'article', language: 'de', kicker: 'Luftfahrt', headline: `${marker} meldet Rekord bei der Zeppelinwerft`,
    teaser: `${marker}: Die Werft am See baut wieder Luftschiffe.`, authors: [{ name: 'Erika Beispiel' }], section: 'Politik', topics: ['Luftfahrt'],
    related: [], body: [{ type: 'paragraph', content: [{ text: `${marker} und die Zeppelinwerft: ein Bericht über Luftschiffe am Bodensee.` }] }],
    ...extra,
  };
}

const HIDDEN = ['Entwurfsmarke', 'Pruefmarke', 'Planmarke', 'Sperrfristmarke', 'Rueckzugsmarke', 'Riegelmarke'] as const;

let sha = 0;
async function addAsset(repo: AssetRepository, rights: AssetRights): Promise<MediaAsset> {
  const id = crypto.randomUUID();
  const hash = (++sha).toString(16).padStart(64, 'b');
  return (await repo.insert({ id, sha256: hash, mime: 'image/jpeg', width: 4000, height: 3000, bytes: 1000, storageKey: `${hash.slice(0, 2)}/${hash}.jpg`, rights })).asset;
}

forEachEngine('public content API', (ctx) => {
  let app: ReturnType<typeof createApp>;
  let events: EventBus;
  let service: StoryService;
  const ids: Record<string, string> = {};
  const slugs: Record<string, string> = {};
  let visible: { id: string; slug: string };
  let validAsset: MediaAsset;
  let lapsedAsset: MediaAsset;
  let unusedAsset: MediaAsset;
  let internal: { id: string };
  let secrets: string[] = [];

  const get = (p: string, headers: Record<string, string> = {}) => app.request(`https://news.example${p}`, { headers });
  const json = async (p: string, headers: Record<string, string> = {}) => {
    const res = await get(p, headers);
    return { res, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  before(async () => {
    events = new EventBus();
    service = new StoryService(ctx.db, events);
    app = createApp(ctx.db, SITE, { events, apiGate: { anonymousPerMinute: 1_000_000 } });
    const future = new Date(Date.now() + HOUR);
    visible = await service.create(draftWith('Sichtbarmarke'), { status: 'published' });
    ids.Entwurfsmarke = (await service.create(draftWith('Entwurfsmarke'))).id;
    const review = await service.create(draftWith('Pruefmarke'));
    ids.Pruefmarke = (await service.setStatus(review.id, 'in_review')).id;
    ids.Planmarke = (await service.schedule((await service.create(draftWith('Planmarke'))).id, future)).id;
    const embargoed = await service.create(draftWith('Sperrfristmarke', { embargoUntil: future.toISOString() }), { status: 'published' });
    assert.equal(embargoed.status, 'scheduled');
    ids.Sperrfristmarke = embargoed.id;
    const gone = await service.create(draftWith('Rueckzugsmarke'), { status: 'published' });
    ids.Rueckzugsmarke = (await service.depublish(gone.id)).id;
    // A row that says "published" while its embargo runs (written past the service): still hidden by the query rule.
    const raw = makeStory({ headline: 'Riegelmarke meldet Rekord bei der Zeppelinwerft', section: 'Politik', topics: ['Luftfahrt'], embargoUntil: future.toISOString() });
    ids.Riegelmarke = (await new StoryRepository(ctx.db).insert(raw)).id;
    for (const m of HIDDEN) slugs[m] = (await service.get(ids[m]!)).slug;
    // Internal fields written past the service, as an import with provenance would carry them.
    const owner = await new UserRepository(ctx.db).insert({ email: 'owner@news.example', name: 'Owner', role: 'author', passwordHash: 'x' });
    const editor = await new UserRepository(ctx.db).insert({ email: 'editor@news.example', name: 'Editor', role: 'editor', passwordHash: 'x' });
    secrets = [owner.id, editor.id, 'agentur-4711'];
    internal = await new StoryRepository(ctx.db).insert(makeStory({
      headline: 'Interne Felder bleiben intern', section: 'Politik', source: 'agentur-4711.xml', ownerId: owner.id, modifiedBy: editor.id,
    }));
    const repo = new AssetRepository(ctx.db);
    validAsset = await addAsset(repo, { credit: 'Gültigfoto', copyrightHolder: 'Bildagentur Gültig', validUntil: new Date(Date.now() + 24 * HOUR).toISOString() });
    lapsedAsset = await addAsset(repo, { credit: 'Abgelaufenfoto', validUntil: new Date(Date.now() - HOUR).toISOString() });
    unusedAsset = await addAsset(repo, { credit: 'Ungenutzt' });
    const lead = (assetId: string) => ({ kind: 'image' as const, alt: 'Ein Deich an der Elbe', caption: 'Der Deich hält.', assetId });
    ids.valid = (await service.create(draftWith('Bildmarke', { section: 'Wissen', topics: ['Elbe'], lead: lead(validAsset.id) }), { status: 'published' })).id;
    ids.lapsed = (await service.create(draftWith('Ablaufmarke', { section: 'Wissen', topics: ['Elbe'], lead: lead(lapsedAsset.id),
      body: [{ type: 'figure', kind: 'image', alt: 'Noch ein Bild', assetId: lapsedAsset.id }, { type: 'paragraph', content: [{ text: 'Text.' }] }] }), { status: 'published' })).id;
  });

  test('lists and search show public stories only, in every format', async () => {
    for (const p of ['/api/v1/stories', '/api/v1/stories?format=ninjs', '/api/v1/stories?format=ninjs-2.2', '/api/v1/stories?q=Zeppelinwerft',
      '/api/v1/search?q=Zeppelinwerft', '/api/v1/search?q=Luftschiffe&format=ninjs', '/api/v1/stories?section=politik&limit=100',
      '/api/v1/stories?topic=luftfahrt', '/api/v1/stories?author=erika-beispiel', '/api/v1/sections', '/api/v1/topics', '/api/v1/authors']) {
      const res = await get(p);
      assert.equal(res.status, 200, p);
      const text = await res.text();
      for (const m of HIDDEN) {
        assert.ok(!text.includes(m), `${m} leaked into ${p}`);
        assert.ok(!text.includes(ids[m]!) && !text.includes(slugs[m]!), `the id or slug of ${m} leaked into ${p}`);
      }
    }
    const list = await json('/api/v1/stories?topic=luftfahrt');
    assert.deepEqual(list.body.items.map((s: { id: string }) => s.id).sort(), [visible.id].sort());
    const search = await json('/api/v1/search?q=Zeppelinwerft');
    assert.ok(search.body.items.some((s: { id: string; snippet: string }) => s.id === visible.id && /Zeppelinwerft/.test(s.snippet)));
  });

  test('a hidden story is a plain 404 by id and by slug; a depublished one is 410 with its id', async () => {
    for (const m of ['Entwurfsmarke', 'Pruefmarke', 'Planmarke', 'Sperrfristmarke', 'Riegelmarke'] as const) {
      for (const key of [ids[m]!, slugs[m]!]) {
        for (const format of ['', '?format=ninjs', '?format=newsml']) {
          const { res, body } = await json(`/api/v1/stories/${key}${format}`);
          assert.equal(res.status, 404, `${m} ${format}`);
          // Asked by slug, its publication purges a kept 404; asked by id, the slug is not told.
          assert.equal(res.headers.get('surrogate-key'), `story:${key}`);
          assert.equal(body.error.code, 'NOT_FOUND');
          assert.ok(!JSON.stringify(body).includes(m));
        }
      }
    }
    for (const key of [ids.Rueckzugsmarke!, slugs.Rueckzugsmarke!]) {
      const { res, body } = await json(`/api/v1/stories/${key}`);
      assert.equal(res.status, 410);
      assert.equal(body.id, ids.Rueckzugsmarke);
      assert.equal(body.status, 'depublished');
      assert.equal(body.error.code, 'GONE');
      assert.equal(res.headers.get('surrogate-key'), `story:${slugs.Rueckzugsmarke}`);
    }
    assert.equal((await get('/api/v1/stories/gibt-es-nicht')).status, 404);
  });

  test('formats by Accept and ?format: Lede JSON, ninjs 3.1 and 2.2 (IPTC schema), NewsML-G2; 406 names the formats', async (t) => {
    const lede = await json(`/api/v1/stories/${visible.id}`);
    assert.equal(lede.res.status, 200);
    assert.match(lede.res.headers.get('content-type')!, /^application\/json/);
    assert.equal(lede.body.headline, 'Sichtbarmarke meldet Rekord bei der Zeppelinwerft');
    assert.equal(lede.body.url, `https://news.example/politik/${visible.slug}`);
    assert.equal(lede.body.apiUrl, `https://news.example/api/v1/stories/${visible.id}`);
    const bySlug = await json(`/api/v1/stories/${visible.slug}`);
    assert.equal(bySlug.body.id, visible.id);

    const ninjs = await json(`/api/v1/stories/${visible.id}`, { Accept: 'application/ninjs+json' });
    assert.match(ninjs.res.headers.get('content-type')!, /^application\/ninjs\+json; version=3\.1/);
    assert.equal(ninjs.body.headline ?? ninjs.body.headlines?.[0]?.value, 'Sichtbarmarke meldet Rekord bei der Zeppelinwerft');
    const ninjs22 = await json(`/api/v1/stories/${visible.id}?format=ninjs-2.2`);
    const viaAccept22 = await json(`/api/v1/stories/${visible.id}`, { Accept: 'application/ninjs+json; version=2.2' });
    assert.deepEqual(viaAccept22.body, ninjs22.body);
    const list = await json('/api/v1/stories?format=ninjs&limit=100');
    assert.ok(list.body.items.length >= 4);
    const v31 = ninjsSchema('3.1');
    const v22 = ninjsSchema('2.2');
    if (!v31 || !v22) t.diagnostic('../shared/conformance/ninjs absent: ninjs not schema-validated');
    else {
      assert.ok(v31(ninjs.body), JSON.stringify(v31.errors));
      assert.ok(v22(ninjs22.body), JSON.stringify(v22.errors));
      for (const item of list.body.items) assert.ok(v31(item), JSON.stringify(v31.errors));
    }

    const g2 = await get(`/api/v1/stories/${visible.id}`, { Accept: 'application/vnd.iptc.g2.newsitem+xml' });
    assert.equal(g2.status, 200);
    assert.match(g2.headers.get('content-type')!, /^application\/vnd\.iptc\.g2\.newsitem\+xml/);
    const xml = await g2.text();
    assert.match(xml, /<newsItem\b/);
    assert.match(xml, /Sichtbarmarke meldet Rekord/);
    assert.equal(await (await get(`/api/v1/stories/${visible.id}?format=newsml`)).text(), xml);

    // Browsers' Accept: */* gives the default; q=0 refuses a type.
    assert.match((await get(`/api/v1/stories/${visible.id}`, { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })).headers.get('content-type')!, /^application\/json/);
    assert.match((await get(`/api/v1/stories/${visible.id}`, { Accept: 'application/json;q=0, application/ninjs+json' })).headers.get('content-type')!, /ninjs/);
    for (const [p, h] of [['/api/v1/stories?format=newsml', {}], ['/api/v1/stories', { Accept: 'application/vnd.iptc.g2.newsitem+xml' }],
      [`/api/v1/stories/${visible.id}`, { Accept: 'text/html' }], ['/api/v1/sections?format=ninjs', {}]] as const) {
      const { res, body } = await json(p, h);
      assert.equal(res.status, 406, p);
      assert.equal(body.error.code, 'NOT_ACCEPTABLE');
      assert.ok(Array.isArray(body.error.formats) && body.error.formats.includes('json'), p);
      assert.match(body.error.message, /Lede JSON/);
    }
  });

  test('Lede JSON is the story document without the newsroom\'s internal fields', async () => {
    const { body } = await json(`/api/v1/stories/${internal.id}`);
    assert.equal(body.headline, 'Interne Felder bleiben intern');
    for (const f of ['ownerId', 'modifiedBy', 'source', 'scheduledPublishAt', 'scheduledDepublishAt', 'embargoUntil']) assert.ok(!(f in body), f);
    const text = JSON.stringify(body);
    for (const secret of secrets) assert.ok(!text.includes(secret), secret);
    // Fields of the story document stay.
    assert.equal(body.kind, 'article');
    assert.equal(body.section, 'Politik');
    assert.equal(body.status, 'published');
  });

  test('a lapsed picture is absent from every format; a valid one shows with its credit; media metadata only for public pictures', async () => {
    const valid = await json(`/api/v1/stories/${ids.valid}`);
    assert.equal(valid.body.lead.assetId, validAsset.id);
    assert.equal(valid.body.lead.credit, 'Gültigfoto');
    assert.match(valid.body.lead.src, new RegExp(`^https://news\\.example/media/${validAsset.id}/`));
    assert.ok(!('shown' in valid.body.lead));
    assert.match(valid.res.headers.get('surrogate-key')!, new RegExp(`asset:${validAsset.id}`));
    for (const p of [`/api/v1/stories/${ids.lapsed}`, `/api/v1/stories/${ids.lapsed}?format=ninjs`, `/api/v1/stories/${ids.lapsed}?format=ninjs-2.2`,
      `/api/v1/stories/${ids.lapsed}?format=newsml`, '/api/v1/stories?section=wissen', '/api/v1/stories?section=wissen&format=ninjs', '/api/v1/search?q=Ablaufmarke']) {
      const res = await get(p);
      assert.equal(res.status, 200, p);
      const text = await res.text();
      assert.ok(!text.includes(`/media/${lapsedAsset.id}`) && !text.includes('Abgelaufenfoto'), `lapsed picture in ${p}`);
      assert.ok(text.includes('Ablaufmarke'), `the story itself is in ${p}`);
    }
    const lapsed = await json(`/api/v1/stories/${ids.lapsed}`);
    assert.ok(!('lead' in lapsed.body));
    assert.ok(!lapsed.body.body.some((b: { type: string }) => b.type === 'figure'));
    // The lapsed asset still names its key, so renewing its rights purges the answer.
    assert.match(lapsed.res.headers.get('surrogate-key')!, new RegExp(`asset:${lapsedAsset.id}`));

    const meta = await json(`/api/v1/media/${validAsset.id}`);
    assert.equal(meta.res.status, 200);
    assert.equal(meta.body.credit, 'Gültigfoto');
    assert.equal(meta.body.copyrightHolder, 'Bildagentur Gültig');
    assert.equal(meta.body.width, 4000);
    assert.ok(meta.body.renditions.length > 0 && meta.body.renditions.every((r: { href: string }) => r.href.startsWith(`https://news.example/media/${validAsset.id}/`)));
    for (const id of [lapsedAsset.id, unusedAsset.id, crypto.randomUUID(), 'kein-bild']) {
      assert.equal((await get(`/api/v1/media/${id}`)).status, 404, id);
    }
  });

  test('unknown, repeated, malformed and broken parameters are 400s naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/stories?sektion=politik', 'sektion'],
      ['/api/v1/stories?limit=0', 'limit'],
      ['/api/v1/stories?limit=101', 'limit'],
      ['/api/v1/stories?limit=zehn', 'limit'],
      ['/api/v1/stories?limit=5&limit=6', 'limit'],
      ['/api/v1/stories?updated_since=gestern', 'updated_since'],
      ['/api/v1/stories?published_since=2026-01-01', 'published_since'],
      ['/api/v1/stories?kind=podcast', 'kind'],
      ['/api/v1/stories?section=Politik%20und%20mehr', 'section'],
      ['/api/v1/stories?cursor=kaputt', 'cursor'],
      ['/api/v1/stories?q=Werft%00', 'q'],
      ['/api/v1/stories?format=pdf', 'format'],
      ['/api/v1/stories/abc%00def', 'idOrSlug'],
      ['/api/v1/search', 'q'],
      ['/api/v1/search?q=Werft&cursor=eyJvIjotMX0', 'cursor'],
      ['/api/v1/sections?limit=5', 'limit'],
      ['/api/v1/programme?limit=-1', 'limit'],
      // Cursors are checked before they reach SQL: a time the database would not parse is a 400, not a 500.
      [`/api/v1/programme?cursor=${Buffer.from('{"b":"1"}').toString('base64url')}`, 'cursor'],
      [`/api/v1/stories?cursor=${Buffer.from('["2026-02-30T00:00:00Z","00000000-0000-0000-0000-000000000000"]').toString('base64url')}`, 'cursor'],
      [`/api/v1/stories?cursor=${Buffer.from(`["2026-02-03T00:00:00Z","${'-'.repeat(36)}"]`).toString('base64url')}`, 'cursor'],
    ];
    for (const [p, parameter] of cases) {
      const { res, body } = await json(p);
      assert.equal(res.status, 400, p);
      assert.equal(body.error.parameter, parameter, p);
      assert.match(body.error.message, new RegExp(`^${parameter}`), p);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    }
    // A lone surrogate sent as an escaped UTF-16 half cannot come through a URL as one; a raw NUL in a parameter name is refused too.
    assert.equal((await get('/api/v1/stories?%00=1')).status, 400);
  });

  test('cursor paging walks every story changed since a time once, without gaps or repeats', async () => {
    // Stories keep their change time to the second: start on a fresh second, so everything made before is older.
    const boundary = Math.ceil((Date.now() + 1) / 1000) * 1000;
    await new Promise((r) => setTimeout(r, boundary - Date.now()));
    const since = new Date(boundary).toISOString();
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await service.create(draftWith(`Serie ${i}`, { section: 'Serie', topics: ['Reihe'] }), { status: 'published' })).id);
    // A draft made meanwhile is not among them.
    await service.create(draftWith('Serienentwurf', { section: 'Serie' }));
    const seen: string[] = [];
    const order: (readonly [number, string])[] = [];
    let url: string | null = `/api/v1/stories?updated_since=${encodeURIComponent(since)}&limit=7`;
    let pages = 0;
    while (url) {
      const { res, body } = await json(url.replace('https://news.example', ''));
      assert.equal(res.status, 200);
      assert.ok(body.items.length <= 7);
      seen.push(...body.items.map((s: { id: string }) => s.id));
      order.push(...body.items.map((s: { id: string; modifiedAt: string }) => [Date.parse(s.modifiedAt), s.id] as const));
      url = body.next;
      if (url) assert.match(url, /^https:\/\/news\.example\/api\/v1\/stories\?.*cursor=/);
      assert.ok(++pages < 10, 'paging ends');
    }
    assert.equal(pages, 4);
    assert.equal(new Set(seen).size, seen.length, 'no story twice');
    assert.deepEqual([...seen].sort(), [...made].sort(), 'exactly the stories changed since');
    // Newest change first, ties by id, descending: the stable order the cursor follows.
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1]!, order[i]!];
      assert.ok(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]), `order at ${i}`);
    }
    // Filters combine: kind and language.
    assert.equal((await json('/api/v1/stories?section=serie&kind=video')).body.items.length, 0);
    assert.equal((await json('/api/v1/stories?section=serie&language=de&limit=100')).body.items.length, 23);
    assert.equal((await json('/api/v1/stories?section=serie&language=en')).body.items.length, 0);
    const published = await json(`/api/v1/stories?published_since=${encodeURIComponent(since)}&limit=100`);
    assert.deepEqual(published.body.items.map((s: { id: string }) => s.id).sort(), [...made].sort());
  });

  test('ETag and If-None-Match give 304, also for a compressed answer; Cache-Control and Surrogate-Key as the pages', async () => {
    const res = await get(`/api/v1/stories/${visible.id}`);
    const etag = res.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    assert.match(res.headers.get('cache-control')!, /^public, max-age=\d+, s-maxage=\d+/);
    const keys = res.headers.get('surrogate-key')!.split(' ');
    for (const k of [`story:${visible.slug}`, 'section:politik', 'topic:luftfahrt']) assert.ok(keys.includes(k), k);
    assert.match(res.headers.get('vary')!, /Accept\b/);
    const again = await get(`/api/v1/stories/${visible.id}`, { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    // Another format is another answer: its own ETag.
    const ninjs = await get(`/api/v1/stories/${visible.id}?format=ninjs`, { 'If-None-Match': etag });
    assert.equal(ninjs.status, 200);
    assert.notEqual(ninjs.headers.get('etag'), etag);
    // Compressed: gzip body, its own ETag, which revalidates too.
    const gz = await get('/api/v1/stories?limit=50', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    const list = JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')) as { items: unknown[] };
    assert.ok(list.items.length > 1);
    const gzEtag = gz.headers.get('etag')!;
    assert.match(gzEtag, /-gz"$/);
    assert.equal((await get('/api/v1/stories?limit=50', { 'Accept-Encoding': 'gzip', 'If-None-Match': gzEtag })).status, 304);
    const br = await get('/api/v1/stories?limit=50', { 'Accept-Encoding': 'br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal((await get('/api/v1/stories?limit=50')).headers.get('surrogate-key')!.split(' ').includes('feeds'), true);
  });

  test('CORS: any origin may read; the preflight is answered', async () => {
    const pre = await app.request('https://news.example/api/v1/stories', {
      method: 'OPTIONS', headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods')!, /GET/);
    assert.match(pre.headers.get('access-control-allow-headers')!, /Authorization/i);
    const res = await get('/api/v1/sections', { Origin: 'https://partner.example' });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-expose-headers')!, /ETag/);
    const head = await app.request('https://news.example/api/v1/sections', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('catalogue: sections, topics, authors and the programme', async () => {
    const sections = (await json('/api/v1/sections')).body.items as { name: string; slug: string; stories: string }[];
    assert.ok(sections.some((s) => s.name === 'Politik' && s.slug === 'politik' && s.stories === 'https://news.example/api/v1/stories?section=politik'));
    const topics = (await json('/api/v1/topics')).body.items as { name: string; slug: string; count: number }[];
    const luftfahrt = topics.find((t) => t.slug === 'luftfahrt');
    assert.equal(luftfahrt?.name, 'Luftfahrt');
    assert.equal(luftfahrt?.count, 1, 'only the public story counts');
    const authors = (await json('/api/v1/authors')).body.items as { name: string; slug: string; stories: number }[];
    const erika = authors.find((a) => a.slug === 'erika-beispiel');
    assert.equal(erika?.name, 'Erika Beispiel');
    assert.ok(erika!.stories >= 3);
    await service.create(draftWith('Sendemarke', { broadcast: { programme: 'Abendschau', startsAt: '2026-01-21T19:30:00+01:00' } }), { status: 'published' });
    await service.create(draftWith('Sendeentwurf', { broadcast: { programme: 'Abendschau', startsAt: '2026-01-21T19:30:00+01:00' } }));
    const programme = await json('/api/v1/programme');
    assert.equal(programme.res.status, 200);
    const slot = programme.body.items.find((s: { programme?: string }) => s.programme === 'Abendschau');
    assert.ok(slot, JSON.stringify(programme.body));
    assert.equal(Date.parse(slot.startsAt), Date.parse('2026-01-21T19:30:00+01:00'));
    assert.deepEqual(slot.stories.map((s: { headline: string }) => s.headline), ['Sendemarke meldet Rekord bei der Zeppelinwerft']);
    assert.equal(programme.res.headers.get('surrogate-key'), 'programme');
  });

  test('uncached answers share the render gate with pages: with every slot taken and no queue, 503 BUSY with Retry-After; the reference is never held', async () => {
    const pageCache = new PageCache({ gate: { maxRenders: 1, maxQueue: 0 } });
    const gated = createApp(ctx.db, SITE, { pageCache, events: new EventBus() });
    const ask = (p: string) => gated.request(`https://news.example${p}`);
    assert.equal((await ask('/api/v1/sections')).status, 200, 'a free slot: answered');
    let release!: () => void;
    const holding = pageCache.runGated(() => new Promise<void>((r) => (release = r)));
    const busy = await ask(`/api/v1/stories/${ids.valid}`);
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '5');
    assert.equal(((await busy.json()) as { error: { code: string } }).error.code, 'BUSY');
    assert.equal((await ask('/api/v1/sections')).headers.get('x-cache'), 'HIT', 'a kept answer needs no slot');
    assert.equal((await ask('/api/v1/openapi.json')).status, 200, 'the reference needs no slot');
    assert.equal((await gated.request('https://news.example/', { headers: { accept: 'text/html' } })).status, 503, 'a page render is shed by the same gate');
    release();
    await holding;
    assert.equal((await ask(`/api/v1/stories/${ids.valid}`)).status, 200, 'the slot is free again');
  });

  test('kept answers: a hit until the domain event that changes them purges them, as pages', async () => {
    const p = `/api/v1/stories/${ids.valid}`;
    await get(p);
    const hit = await get(p);
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assert.equal(hit.headers.get('access-control-allow-origin'), '*');
    assert.equal((await get(p, { 'If-None-Match': hit.headers.get('etag')! })).status, 304);
    // A picture's event purges the answers that show it, and only those.
    await get('/api/v1/sections');
    assert.equal((await get('/api/v1/sections')).headers.get('x-cache'), 'HIT');
    await events.emit(assetUpdated(validAsset.id));
    assert.equal((await get(p)).headers.get('x-cache'), null);
    assert.equal((await get('/api/v1/sections')).headers.get('x-cache'), 'HIT');
    // A new story in a section: the section's list is fresh at once.
    await get('/api/v1/stories?section=politik&limit=100');
    assert.equal((await get('/api/v1/stories?section=politik&limit=100')).headers.get('x-cache'), 'HIT');
    const added = await service.create(draftWith('Neumarke'), { status: 'published' });
    const list = await json('/api/v1/stories?section=politik&limit=100');
    assert.equal(list.res.headers.get('x-cache'), null);
    assert.ok(list.body.items.some((s: { id: string }) => s.id === added.id));
    // Each format is its own copy.
    const ninjs = await get(`/api/v1/stories/${added.id}`, { Accept: 'application/ninjs+json' });
    assert.match(ninjs.headers.get('content-type')!, /ninjs/);
    assert.match((await get(`/api/v1/stories/${added.id}`)).headers.get('content-type')!, /^application\/json/);
    // A kept answer still counts against the quota.
    const counted = createApp(ctx.db, SITE, { events: new EventBus(), apiGate: { anonymousPerMinute: 2 } });
    const ask = () => counted.request('https://news.example/api/v1/topics');
    assert.equal((await ask()).status, 200);
    assert.equal((await ask()).headers.get('x-cache'), 'HIT');
    assert.equal((await ask()).status, 429);
  });

  test('a change is seen at once, and a second app on the same database answers the same', async () => {
    const first = await json(`/api/v1/stories/${visible.id}`);
    assert.equal((await get(`/api/v1/stories/${visible.id}`)).headers.get('x-cache'), 'HIT');
    const current = await service.get(visible.id);
    await service.update(visible.id, { ...draftWith('Sichtbarmarke'), headline: 'Sichtbarmarke: Werft meldet neuen Rekord' }, { expectedVersion: current.version });
    const after = await json(`/api/v1/stories/${visible.id}`, { 'If-None-Match': first.res.headers.get('etag')! });
    assert.equal(after.res.status, 200);
    assert.equal(after.body.headline, 'Sichtbarmarke: Werft meldet neuen Rekord');
    const other = createApp(ctx.db, SITE, { events: new EventBus(), apiGate: { anonymousPerMinute: 1_000_000 } });
    for (const p of [`/api/v1/stories/${visible.id}`, '/api/v1/stories?limit=100', '/api/v1/topics', `/api/v1/stories/${visible.id}?format=newsml`]) {
      const a = await get(p);
      const b = await other.request(`https://news.example${p}`);
      assert.equal(b.status, a.status, p);
      assert.equal(b.headers.get('etag'), a.headers.get('etag'), p);
      assert.equal(await b.text(), await a.text(), p);
    }
  });

  test('the key gate is mounted: anonymous quota headers, a 429 a browser script can read, a bad key refused', async () => {
    const small = createApp(ctx.db, SITE, { apiGate: { anonymousPerMinute: 2 } });
    const ask = (headers: Record<string, string> = {}) => small.request('https://news.example/api/v1/sections', { headers });
    const first = await ask();
    assert.equal(first.status, 200);
    assert.match(first.headers.get('ratelimit-policy')!, /"anonymous";q=2;w=60/);
    await ask();
    const refused = await ask();
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    // The preflight is never counted or refused.
    assert.equal((await small.request('https://news.example/api/v1/sections', { method: 'OPTIONS' })).status, 204);
    const other = createApp(ctx.db, SITE);
    const bad = await other.request('https://news.example/api/v1/sections', { headers: { Authorization: 'Bearer lede_falsch' } });
    assert.equal(bad.status, 401);
  });

  test('paths that are not resources are JSON 404s, not the site', async () => {
    for (const p of ['/api/v1', '/api/v1/stories/a/b', '/api/v1/nothing']) {
      const { res, body } = await json(p);
      assert.equal(res.status, 404, p);
      assert.equal(body.error.reason, 'no_route');
    }
  });
});
