/**
 * Rights enforcement and credits (issue 5 §2, §4, §5): a media library
 * picture shows on every reader output with its credit; when its rights are
 * not valid now it leaves all of them at once, also from a warmed page cache;
 * credit changes propagate; the no-credit publishing rule; media_uses across
 * edits; replace everywhere; public renditions and their cache headers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { LedeError, type Figure, type StoryDraft } from '../../src/content/index.js';
import { AssetRepository, type AssetRights, type MediaAsset } from '../../src/store/asset-repository.js';
import { DEFAULT_LIMITS } from '../../src/imaging/intake.js';
import { DiskStorage } from '../../src/storage/storage.js';
import { MediaLibrary } from '../../src/services/media-library.js';
import { countAssetUses, storiesUsingAsset } from '../../src/store/media-uses.js';
import { replaceAssetEverywhere } from '../../src/services/replace-everywhere.js';
import { EventBus, assetUpdated, type DomainEvent } from '../../src/events/event-bus.js';
import { Scheduler } from '../../src/services/scheduler.js';
import { StoryService } from '../../src/services/story-service.js';
import { RevisionRepository } from '../../src/store/index.js';
import { createApp } from '../../src/server/app.js';
import { PageCache, cacheControlUntil, purgeKeysFor } from '../../src/site/page-cache.js';
import { decodeRelayMessage, encodeRelayMessage } from '../../src/events/event-relay.js';
import { forEachEngine } from '../helpers/db.js';
import { gradient } from '../media/images.js';
import { XmlWorkspace, missingSchemas, xmllint } from '../feeds/xml-tools.js';
import { missingJava, vnuErrors } from './page-checkers.js';

const SITE = { siteName: 'Lede Test', siteUrl: 'https://news.example', trustProxy: false };
const HOUR = 3600_000;

let fakeSha = 0;
/** An asset record without a file: enough for pages, feeds and sitemaps (they only link renditions). */
async function addAsset(repo: AssetRepository, rights: AssetRights, size = { width: 4000, height: 3000 }): Promise<MediaAsset> {
  const id = crypto.randomUUID();
  const sha256 = (++fakeSha).toString(16).padStart(64, 'a');
  const { asset } = await repo.insert({ id, sha256, mime: 'image/jpeg', ...size, bytes: 1000, storageKey: `${sha256.slice(0, 2)}/${sha256}.jpg`, rights });
  return asset;
}

const fig = (assetId: string, extra: Partial<Figure> = {}): Figure => ({ kind: 'image', alt: 'Deich an der Elbe', caption: 'Der Deich hält.', assetId, ...extra });

function draft(headline: string, extra: Partial<StoryDraft> = {}): StoryDraft {
  return {
    kind: 'article', language: 'de', headline, teaser: 'Die Pegel steigen.', authors: [], section: 'Sachsen-Anhalt', topics: ['Hochwasser'], related: [],
    body: [{ type: 'paragraph', content: [{ text: 'Der Pegel in Magdeburg steigt weiter an.' }] }], ...extra,
  };
}

test('asset.updated purges exactly the asset key and travels between nodes', () => {
  const id = crypto.randomUUID();
  assert.deepEqual(purgeKeysFor(assetUpdated(id)), [`asset:${id}`]);
  assert.deepEqual(purgeKeysFor({ ...assetUpdated(id), assetId: undefined }), [], 'no id: the app purges everything instead');
  const decoded = decodeRelayMessage(encodeRelayMessage('node-a', assetUpdated(id)).payload);
  assert.ok('event' in decoded && decoded.event.type === 'asset.updated' && decoded.event.assetId === id);
  // shared caches: unbounded pages keep the usual policy; a boundary 10 s away caps everything at 10 s
  assert.match(cacheControlUntil(Infinity, 0), /s-maxage=30, stale-while-revalidate=600, stale-if-error=86400/);
  assert.equal(cacheControlUntil(10_000, 0), 'public, max-age=0, s-maxage=10, stale-while-revalidate=0, stale-if-error=0');
});

forEachEngine('rights enforcement', (ctx) => {
  let now: Date;
  const clock = () => now;
  let events: EventBus;
  let told: DomainEvent[];
  let cache: PageCache;
  let app: ReturnType<typeof createApp>;
  let service: StoryService;
  let repo: AssetRepository;
  let library: MediaLibrary;
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-rights-'));

  before(() => {
    now = new Date();
    events = new EventBus();
    told = [];
    events.subscribe((e) => void told.push(e));
    cache = new PageCache({ freshMs: 24 * HOUR, now: () => now.getTime() });
    const storage = new DiskStorage(storageRoot);
    library = new MediaLibrary({ db: ctx.db, storage, clock });
    app = createApp(ctx.db, { ...SITE, requireImageCredit: true }, {
      pageCache: cache, events, clock, media: { library, storage, limits: DEFAULT_LIMITS, clock },
    });
    service = new StoryService(ctx.db, events);
    repo = new AssetRepository(ctx.db);
  });
  after(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const get = async (p: string) => {
    const res = await app.request(`https://news.example${p}`);
    return { res, text: await res.text() };
  };

  /** Every reader output a story's lead picture can appear on, with whether the picture shows there. */
  async function outputs(slug: string, assetId: string) {
    const article = await get(`/sachsen-anhalt/${slug}`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(article.text)![1]!) as { image?: { url: string; creditText?: string; copyrightHolder?: { name: string } }[] };
    const pages = {
      article: article.text,
      section: (await get('/sachsen-anhalt')).text,
      home: (await get('/')).text,
      rss: (await get('/feed.xml')).text,
      atom: (await get('/atom.xml')).text,
      json: (await get('/feed.json')).text,
      sectionFeed: (await get('/sachsen-anhalt/feed.xml')).text,
      sitemap: (await get('/sitemaps/stories-1.xml')).text,
      topic: (await get('/thema/hochwasser')).text,
      search: (await get('/suche?q=Pegel')).text,
    };
    const shows = Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v.includes(`/media/${assetId}/`)])) as Record<keyof typeof pages, boolean>;
    return { pages, shows, ld, article };
  }

  test('a published story with a library picture shows it, with the asset\'s credit, on every output', async () => {
    const asset = await addAsset(repo, { credit: 'dpa', copyrightHolder: 'dpa Picture-Alliance', licence: 'https://example.org/licence', validUntil: new Date(now.getTime() + 2 * HOUR).toISOString() });
    const story = await service.create(draft('Deich hält dem Hochwasser stand', {
      lead: fig(asset.id, { credit: 'eigene Angabe' }),
      body: [{ type: 'paragraph', content: [{ text: 'Pegel steigen.' }] }, { type: 'figure', ...fig(asset.id, { caption: 'Zweite Verwendung.' }) }],
    }), { status: 'published', now });
    const { pages, shows, ld, article } = await outputs(story.slug, asset.id);
    assert.deepEqual(Object.entries(shows).filter(([, v]) => !v).map(([k]) => k), [], 'shown everywhere');
    // <picture> with AVIF, WebP and JPEG over the rendition widths; no layout shift; the lead not lazy, the body figure lazy
    assert.match(pages.article, /<picture><source type="image\/avif" srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 960w, [^"]+ 1280w, [^"]+ 1920w"/);
    assert.match(pages.article, /<source type="image\/webp"/);
    assert.match(pages.article, /<img src="\/media\/[^"]+\.jpg" srcset="[^"]+" sizes="[^"]+" alt="Deich an der Elbe" width="960" height="540" fetchpriority="high"/);
    assert.match(pages.article, /alt="Deich an der Elbe" width="960" height="540" loading="lazy"/);
    // the asset's credit, not the figure's own
    assert.match(pages.article, /Bildrechte: dpa/);
    assert.doesNotMatch(pages.article, /eigene Angabe/);
    assert.match(pages.rss, /<media:content url="https:\/\/news\.example\/media\/[^"]+-1280-[^"]+\.jpg" type="image\/jpeg" medium="image" width="1280" height="720">.*<media:credit>dpa<\/media:credit>/);
    assert.match(pages.rss, /<enclosure url="https:\/\/news\.example\/media\//);
    assert.match(pages.json, /"image":"https:\/\/news\.example\/media\//);
    assert.match(pages.sitemap, /<image:image><image:loc>https:\/\/news\.example\/media\/[^<]+<\/image:loc><image:caption>Der Deich hält\. \(Bildrechte: dpa\)<\/image:caption><image:license>https:\/\/example\.org\/licence<\/image:license><\/image:image>/);
    assert.equal(ld.image?.[0]?.creditText, 'dpa');
    assert.equal(ld.image?.[0]?.copyrightHolder?.name, 'dpa Picture-Alliance');
    // the page carries the asset's surrogate key, for the cache and for a CDN
    assert.match(article.res.headers.get('surrogate-key') ?? '', new RegExp(`asset:${asset.id}`));
    assert.equal(article.res.headers.get('x-lede-keys'), null, 'internal header stripped');
    assert.equal((await get(`/sachsen-anhalt/${story.slug}`)).res.headers.get('x-cache'), 'HIT');
  });

  test('rights changed by an editor (asset.updated): every warmed page stops showing the picture at once', async () => {
    const asset = await addAsset(repo, { credit: 'Reuters' });
    const story = await service.create(draft('Brücke gesperrt', { lead: fig(asset.id) }), { status: 'published', now });
    const before = await outputs(story.slug, asset.id);
    assert.deepEqual(Object.values(before.shows).every(Boolean), true, JSON.stringify(before.shows));
    // warmed: served from the cache
    assert.equal((await get('/sachsen-anhalt')).res.headers.get('x-cache'), 'HIT');
    await repo.updateRights(asset.id, { credit: 'Reuters', validUntil: new Date(now.getTime() - 1000).toISOString() });
    await events.emit(assetUpdated(asset.id));
    const afterLapse = await outputs(story.slug, asset.id);
    assert.deepEqual(Object.entries(afterLapse.shows).filter(([, v]) => v).map(([k]) => k), [], 'shown nowhere');
    assert.equal(afterLapse.ld.image, undefined, 'no JSON-LD image');
    assert.doesNotMatch(afterLapse.pages.article, /Bildrechte: Reuters/);
    assert.doesNotMatch(afterLapse.pages.article, /og:image/);
    // renewed rights bring it back (the page kept the key although it showed nothing)
    await repo.updateRights(asset.id, { credit: 'Reuters' });
    await events.emit(assetUpdated(asset.id));
    assert.ok((await outputs(story.slug, asset.id)).shows.article);
  });

  test('a lapse by the clock: the sweep announces it and no cached page shows the picture afterwards', async () => {
    const until = new Date(now.getTime() + 10 * 60_000);
    const asset = await addAsset(repo, { credit: 'AP', validUntil: until.toISOString() });
    const story = await service.create(draft('Fähre fährt wieder', { lead: fig(asset.id) }), { status: 'published', now });
    const scheduler = new Scheduler(new StoryService(ctx.db, events), {
      clock,
      rightsSweep: { rightsChangedBetween: (a, b, l) => repo.rightsChangedBetween(a, b, l), announce: (id) => events.emit(assetUpdated(id)) },
    });
    await scheduler.tick();
    const warm = await outputs(story.slug, asset.id);
    assert.ok(Object.values(warm.shows).every(Boolean), JSON.stringify(warm.shows));
    told.length = 0;
    now = new Date(until.getTime() + 1000);
    await scheduler.tick();
    assert.deepEqual(told.filter((e) => e.type === 'asset.updated').map((e) => e.assetId), [asset.id]);
    const lapsed = await outputs(story.slug, asset.id);
    assert.deepEqual(Object.entries(lapsed.shows).filter(([, v]) => v).map(([k]) => k), []);
    // the next sweep does not announce it again
    told.length = 0;
    now = new Date(now.getTime() + 5000);
    await scheduler.tick();
    assert.equal(told.filter((e) => e.type === 'asset.updated').length, 0);
  });

  test('not yet valid: hidden until valid_from, then shown; the page copy expires at the boundary even without a purge', async () => {
    const from = new Date(now.getTime() + 60_000);
    const asset = await addAsset(repo, { credit: 'epd', validFrom: from.toISOString() });
    const story = await service.create(draft('Sperrfrist für ein Bild', { lead: fig(asset.id) }), { status: 'published', now });
    assert.equal((await outputs(story.slug, asset.id)).shows.article, false);
    const page = await get(`/sachsen-anhalt/${story.slug}`);
    assert.equal(page.res.headers.get('x-cache'), 'HIT');
    // a CDN is told not to keep it (fresh or stale) past the boundary either
    assert.equal(page.res.headers.get('cache-control'), 'public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=30');
    now = new Date(from.getTime() + 1);
    assert.ok((await outputs(story.slug, asset.id)).shows.article, 'the cached copy was not served past the boundary');
  });

  test('a credit change reaches the article, feeds, sitemap and JSON-LD', async () => {
    const asset = await addAsset(repo, { credit: 'dpa' });
    const story = await service.create(draft('Neue Schleuse eröffnet', { lead: fig(asset.id) }), { status: 'published', now });
    assert.match((await outputs(story.slug, asset.id)).pages.article, /Bildrechte: dpa/);
    await repo.updateRights(asset.id, { credit: 'MITTELDEUTSCHER RUNDFUNK' });
    await events.emit(assetUpdated(asset.id));
    const { pages, ld } = await outputs(story.slug, asset.id);
    assert.match(pages.article, /Bildrechte: MITTELDEUTSCHER RUNDFUNK/);
    assert.match(pages.section, /Bildrechte: MITTELDEUTSCHER RUNDFUNK/);
    assert.match(pages.rss, /<media:credit>MITTELDEUTSCHER RUNDFUNK<\/media:credit>/);
    assert.match(pages.sitemap, /Bildrechte: MITTELDEUTSCHER RUNDFUNK/);
    assert.equal(ld.image?.[0]?.creditText, 'MITTELDEUTSCHER RUNDFUNK');
  });

  test('a picture without a credit cannot be published or scheduled; the figure is named; the rule can be turned off', async () => {
    const bare = await addAsset(repo, {});
    const input = draft('Bild ohne Rechteangabe', { lead: fig(bare.id), related: [{ title: 'Mehr', mediaType: 'article', image: fig(bare.id) }] });
    await assert.rejects(service.create(input, { status: 'published', now }), (err: unknown) => {
      assert.ok(err instanceof LedeError && err.code === 'VALIDATION');
      assert.match(err.message, /cannot be published: lead: the picture .* has no credit line/);
      assert.deepEqual(err.issues.map((i) => i.path), ['lead', 'related[0].image']);
      return true;
    });
    const drafted = await service.create(input, { now });
    await assert.rejects(service.publish(drafted.id, { now }), /cannot be published: lead/);
    await assert.rejects(service.schedule(drafted.id, new Date(now.getTime() + HOUR), { now }), /cannot be scheduled/);
    // a figure naming a picture that does not exist
    await assert.rejects(service.create(draft('Unbekanntes Bild', { lead: fig(crypto.randomUUID()) })), /lead\.assetId: there is no picture/);
    await assert.rejects(service.create(draft('Kaputte Id', { lead: { kind: 'image', alt: '', assetId: 'nicht-uuid' } as Figure })), /lead\.assetId: must be the UUID/);
    // off: LEDE_REQUIRE_IMAGE_CREDIT=0
    const lenient = new StoryService(ctx.db, events, { requireImageCredit: false });
    assert.equal((await lenient.publish(drafted.id, { now })).status, 'published');
    // with a credit it goes through
    const credited = await addAsset(repo, { credit: 'privat' });
    assert.equal((await service.create(draft('Mit Rechteangabe', { lead: fig(credited.id) }), { status: 'published', now })).status, 'published');
  });

  test('media_uses follows every edit; the list of stories using a picture', async () => {
    const a = await addAsset(repo, { credit: 'dpa' });
    const b = await addAsset(repo, { credit: 'AP' });
    const s = await service.create(draft('Verwendungen', { lead: fig(a.id), body: [{ type: 'figure', ...fig(b.id) }] }), { now });
    const uses = async (id: string) => (await storiesUsingAsset(ctx.db, id)).map((u) => `${u.slug}:${u.places.join('+')}`);
    assert.deepEqual(await uses(a.id), [`${s.slug}:lead`]);
    assert.deepEqual(await uses(b.id), [`${s.slug}:body`]);
    await service.update(s.id, draft('Verwendungen', { lead: fig(a.id), related: [{ title: 'Mehr', mediaType: 'article', image: fig(a.id) }] }), { now });
    assert.deepEqual(await uses(a.id), [`${s.slug}:lead+related`]);
    assert.deepEqual(await uses(b.id), []);
    const other = await service.create(draft('Zweite Geschichte', {
      body: [{ type: 'ticker-entry', time: '2026-11-25T10:00:00+01:00', body: [{ type: 'figure', ...fig(b.id) }] }], kind: 'liveticker',
    }), { now });
    assert.deepEqual(await uses(b.id), [`${other.slug}:body`]);
    assert.deepEqual([...(await countAssetUses(ctx.db, [a.id, b.id])).values()], [1, 1]);
    // a failed write leaves the uses as they were
    await assert.rejects(service.update(s.id, draft('Verwendungen', { lead: fig(crypto.randomUUID()) }), { now }));
    assert.deepEqual(await uses(a.id), [`${s.slug}:lead+related`]);
  });

  test('replace everywhere: every story, alt text and captions kept, a revision each, pages purged', async () => {
    const old = await addAsset(repo, { credit: 'alt' });
    const neu = await addAsset(repo, { credit: 'neu' });
    const one = await service.create(draft('Erste Verwendung', { lead: fig(old.id, { alt: 'Alt eins', caption: 'Text eins' }) }), { status: 'published', now });
    const two = await service.create(draft('Zweite Verwendung', { body: [{ type: 'figure', ...fig(old.id, { alt: 'Alt zwei', caption: 'Text zwei' }) }] }), { now });
    assert.ok((await outputs(one.slug, old.id)).shows.article);
    const bare = await addAsset(repo, {});
    await assert.rejects(replaceAssetEverywhere(ctx.db, service, old.id, bare.id), /has no credit line/);
    const result = await replaceAssetEverywhere(ctx.db, service, old.id, neu.id, { id: null, name: 'Test' } as never);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.replaced.map((s) => s.id).sort(), [one.id, two.id].sort());
    const first = await service.get(one.id);
    assert.deepEqual(first.lead, { kind: 'image', alt: 'Alt eins', caption: 'Text eins', assetId: neu.id });
    const second = await service.get(two.id);
    assert.deepEqual(second.body[0], { type: 'figure', kind: 'image', alt: 'Alt zwei', caption: 'Text zwei', assetId: neu.id });
    assert.equal((await new RevisionRepository(ctx.db).list(one.id))[0]?.note, 'image replaced');
    assert.deepEqual(await storiesUsingAsset(ctx.db, old.id), []);
    assert.equal((await storiesUsingAsset(ctx.db, neu.id)).length, 2);
    const after = await outputs(one.slug, neu.id);
    assert.ok(after.shows.article && after.shows.home && after.shows.rss);
    assert.match(after.pages.article, /Bildrechte: neu/);
    assert.doesNotMatch(after.pages.article, new RegExp(`/media/${old.id}/`));
  });

  test('public renditions: made on request, immutable but kept no longer than the rights; 410 once they lapse', async () => {
    const until = new Date(now.getTime() + HOUR);
    const { asset } = await library.upload({ bytes: await gradient(400, 300), fileName: 'deich.jpg' }, { rights: { credit: 'dpa', validUntil: until.toISOString() } });
    const story = await service.create(draft('Bild aus der Bibliothek', { lead: fig(asset.id) }), { status: 'published', now });
    const page = (await get(`/sachsen-anhalt/${story.slug}`)).text;
    const urls = [...page.matchAll(/(\/media\/[0-9a-f-]{36}\/[^" ,]+)/g)].map((m) => m[1]!);
    const avif = urls.find((u) => u.endsWith('.avif'))!;
    assert.ok(avif, 'the page links an AVIF rendition');
    const res = await app.request(`https://news.example${avif}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/avif');
    const cc = res.headers.get('cache-control') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(cc)?.[1]);
    assert.match(cc, /immutable/);
    assert.ok(maxAge > 0 && maxAge <= 3600, cc);
    assert.equal(res.headers.get('surrogate-key'), `asset:${asset.id}`);
    assert.ok((await res.arrayBuffer()).byteLength > 100);
    now = new Date(until.getTime());
    const gone = await app.request(`https://news.example${avif}`);
    assert.equal(gone.status, 410);
    assert.equal(gone.headers.get('cache-control'), 'no-store');
    assert.equal((await app.request('https://news.example/media/00000000-0000-4000-8000-000000000000/16x9-320-AAAAAAAAAAAAAAAA.jpg')).status, 404);
    now = new Date(until.getTime() - 2 * HOUR);
  });

  test('an article with library pictures in lead, body and rail stays within 30 KB gzipped', async (t) => {
    const pics = await Promise.all(Array.from({ length: 8 }, (_, i) => addAsset(repo, { credit: `Agentur ${i}` })));
    for (let i = 0; i < 4; i++) {
      await service.create(draft(`Weitere Meldung ${i}`, { lead: fig(pics[i + 4]!.id) }), { status: 'published', now });
    }
    const body = [
      ...Array.from({ length: 12 }, (_, i) => ({ type: 'paragraph' as const, content: [{ text: `Absatz ${i}: ${'Hochwasser an der Elbe, die Pegel steigen weiter. '.repeat(8)}` }] })),
      ...pics.slice(1, 4).map((p) => ({ type: 'figure' as const, ...fig(p.id) })),
    ];
    const story = await service.create(draft('Eine lange Geschichte mit Bildern', {
      lead: fig(pics[0]!.id), body, related: pics.slice(4, 8).map((p, i) => ({ title: `Mehr ${i}`, mediaType: 'article' as const, url: '/x', image: fig(p.id) })),
    }), { status: 'published', now });
    const html = (await get(`/sachsen-anhalt/${story.slug}`)).text;
    assert.equal((html.match(/<picture>/g) ?? []).length >= 12, true, 'lead, 3 body figures, 4 related, 4 rail cards');
    const gz = gzipSync(html).length;
    assert.ok(gz <= 30 * 1024, `${gz} bytes gzipped`);
    t.diagnostic(`article with 12 pictures: ${html.length} bytes, ${gz} gzipped`);
  });

  test('the markup is valid: <picture> in the W3C Nu checker, image sitemap entries (caption, licence) against the shared XSD', async (t) => {
    const asset = await addAsset(repo, { credit: 'dpa', licence: 'https://example.org/lizenz' });
    const story = await service.create(draft('Gültiges Markup', {
      lead: fig(asset.id), body: [{ type: 'figure', ...fig(asset.id, { caption: 'Zweimal & "zitiert"' }) }],
    }), { status: 'published', now });
    const ws = new XmlWorkspace();
    try {
      const why = missingSchemas('sitemap.xsd', 'sitemap-image.xsd', 'sitemap-news.xsd');
      if (!why) assert.equal(xmllint(ws.write((await get('/sitemaps/stories-1.xml')).text), ws.combinedSchema()), '');
      const noJava = await missingJava();
      if (!noJava) {
        const errors = await vnuErrors([ws.write((await get(`/sachsen-anhalt/${story.slug}`)).text, 'html'), ws.write((await get('/')).text, 'html')]);
        assert.deepEqual(errors.map((e) => `${e.lastLine}: ${e.message}`), []);
      }
      if (why || noJava) t.diagnostic([why, noJava].filter(Boolean).join('; '));
    } finally {
      ws.remove();
    }
  });
});
