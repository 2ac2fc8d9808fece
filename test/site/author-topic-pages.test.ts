import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { PageCache, purgeKeysFor, surrogateKeysFor } from '../../src/site/page-cache.js';
import { createSiteReader } from '../../src/site/read-model.js';
import { createSiteRoutes } from '../../src/site/site-routes.js';
import { StoryRepository, TopicRepository } from '../../src/store/index.js';
import { checkTopic } from '../../src/store/topic-repository.js';
import { forEachEngine } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

const SITE = { siteName: 'Lede Test', siteUrl: 'https://news.example.org' };
const FUTURE = '2099-01-01T00:00:00+01:00';

const KATRIN = { name: 'Katrin Schäfer', affiliation: 'Lede Sachsen' };
const JONAS = { name: 'Jonas Beispiel', affiliation: 'Lede Thüringen' };
const TOPIC = 'Brückensanierung Dresden';

/** Story slugs of the cards on a listing page, in page order (cards link as /section/slug). */
function cardSlugs(html: string): string[] {
  return [...html.matchAll(/<h[23]><a href="\/[a-z0-9-]+\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
}

function nextLink(html: string): string | undefined {
  return /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&');
}

function timelineOf(html: string): string {
  const m = /<section class="timeline"[\s\S]*?<\/section>/.exec(html);
  return m?.[0] ?? '';
}

/** [datetime, slug] of each timeline entry, in page order. */
function timelineEntries(html: string): [string, string][] {
  return [...timelineOf(html).matchAll(/<li(?: lang="[^"]+")?><time datetime="([^"]+)">[^<]*<\/time> <a href="\/[a-z0-9-]+\/([a-z0-9-]+)">/g)]
    .map((m) => [m[1]!, m[2]!]);
}

test('author pages carry their own surrogate key, and a story event purges its authors', () => {
  assert.deepEqual(surrogateKeysFor('/autor/katrin-schaefer'), ['author:katrin-schaefer']);
  const keys = purgeKeysFor({ slug: 's', sectionSlug: 'politik', topics: ['Landeshaushalt'], authors: ['katrin-schaefer', 'jonas-beispiel'] });
  assert.ok(keys.includes('author:katrin-schaefer') && keys.includes('author:jonas-beispiel'), keys.join(' '));
  // Events from nodes that do not send authors still purge everything else.
  assert.ok(purgeKeysFor({ slug: 's', sectionSlug: 'politik', topics: [] }).includes('story:s'));
});

forEachEngine('author and topic pages', (ctx) => {
  let app: ReturnType<typeof createApp>;
  let service: StoryService;
  /** Katrin's public stories, newest first. */
  const katrinPublic: string[] = [];

  const get = async (p: string, on: { request: (p: string) => Response | Promise<Response> } = app) => {
    const res = await on.request(p);
    return { status: res.status, html: await res.text(), res };
  };

  before(async () => {
    const db = ctx.db;
    await loadDemoContent(db, new Date('2026-11-20T12:00:00Z'));
    app = createApp(db, SITE);
    service = new StoryService(db);
    const publish = (draft: Record<string, unknown>) => service.create({ section: 'Politik', ...draft }, { status: 'published' });

    // 23 stories by Katrin, an hour apart; the first ones print an older affiliation.
    for (let i = 0; i < 23; i++) {
      const slug = `katrin-meldung-${i}`;
      await publish({
        slug, headline: `Katrins Meldung Nummer ${i}`, section: i % 2 ? 'Politik' : 'Sachsen',
        authors: [{ name: KATRIN.name, affiliation: i < 20 ? 'Lede Thüringen' : KATRIN.affiliation }],
        firstPublishedAt: new Date(Date.UTC(2026, 9, 1, 6 + i)).toISOString(),
      });
      katrinPublic.unshift(slug);
    }
    // Written together with Jonas: on both pages. Not the newest, so the newest story's affiliation still wins.
    await publish({
      slug: 'gemeinsam-recherchiert', headline: 'Gemeinsam recherchiert', authors: [JONAS, { name: KATRIN.name, affiliation: 'Lede Gastautorin' }],
      firstPublishedAt: '2026-09-30T10:00:00+02:00',
    });
    katrinPublic.push('gemeinsam-recherchiert');
    // Not public, each in its own way: draft, depublished, embargoed (scheduled), and a row that says
    // "published" while its embargo runs (only the embargo clause of PUBLIC_STORY keeps it off).
    await service.create({ slug: 'katrin-entwurf', headline: 'Katrins Entwurf', authors: [KATRIN], firstPublishedAt: '2026-10-02T09:00:00+02:00' });
    await publish({ slug: 'katrin-zurueckgezogen', headline: 'Katrins zurückgezogene Meldung', authors: [KATRIN], firstPublishedAt: '2026-10-02T10:00:00+02:00' });
    await service.depublish('katrin-zurueckgezogen');
    const scheduled = await publish({ slug: 'katrin-sperrfrist', headline: 'Katrins Meldung unter Sperrfrist', authors: [KATRIN], embargoUntil: FUTURE });
    assert.equal(scheduled.status, 'scheduled');
    await new StoryRepository(db).insert(makeStory({
      slug: 'katrin-sperrfrist-roh', headline: 'Katrins Rohmeldung unter Sperrfrist', authors: [KATRIN], embargoUntil: FUTURE,
      firstPublishedAt: '2026-10-02T11:00:00+02:00',
    }));
    // Authors with nothing public.
    await service.create({ slug: 'nur-entwurf', headline: 'Nur ein Entwurf', authors: [{ name: 'Erika Entwurf' }] });
    await publish({ slug: 'nur-depubliziert', headline: 'Nur depubliziert', authors: [{ name: 'Dieter Depub' }] });
    await service.depublish('nur-depubliziert');
    await publish({ slug: 'nur-sperrfrist', headline: 'Nur Sperrfrist', authors: [{ name: 'Susi Sperrfrist' }], embargoUntil: FUTURE });

    // The topic: created out of order, over three days, with stories that must stay off it.
    const topicStory = (slug: string, at: string, extra: Record<string, unknown> = {}) =>
      publish({ slug, headline: `Brücke: ${slug}`, kicker: `Kicker ${slug}`, topics: [TOPIC], firstPublishedAt: at, ...extra });
    await topicStory('bruecke-c', '2026-10-05T18:30:00+02:00');
    await topicStory('bruecke-a', '2026-10-03T07:15:00+02:00');
    await topicStory('bruecke-d', '2026-10-05T23:30:00+02:00');
    await topicStory('bruecke-b', '2026-10-03T12:00:00+02:00');
    await topicStory('bruecke-e', '2026-10-06T00:30:00+02:00');
    await service.create({ slug: 'bruecke-entwurf', headline: 'Brücke: Entwurf', topics: [TOPIC], firstPublishedAt: '2026-10-01T08:00:00+02:00' });
    await topicStory('bruecke-depubliziert', '2026-10-01T09:00:00+02:00');
    await service.depublish('bruecke-depubliziert');
    await topicStory('bruecke-sperrfrist', '2026-10-01T10:00:00+02:00', { embargoUntil: FUTURE });
    await new StoryRepository(db).insert(makeStory({
      slug: 'bruecke-sperrfrist-roh', headline: 'Brücke: Rohmeldung', topics: [TOPIC], embargoUntil: FUTURE, firstPublishedAt: '2026-10-01T11:00:00+02:00',
    }));
    await new TopicRepository(db).upsert({
      name: TOPIC,
      intro: 'Die Carolabrücke wird saniert.\r\n\r\n  Wir begleiten die Bauarbeiten von Anfang an.  \n\n\n',
    });
    // A topic nobody described.
    await publish({ slug: 'ohne-einleitung', headline: 'Ohne Einleitung', topics: ['Stadtfest Halle'] });
  });

  test('an author page lists only that author’s public stories, newest first, in keyset pages', async () => {
    const first = await get('/autor/katrin-schaefer');
    assert.equal(first.status, 200);
    assert.match(first.html, /<h1>Katrin Schäfer<\/h1>/);
    // The affiliation her newest story prints, not an older one.
    assert.match(first.html, /<p class="teaser">Lede Sachsen<\/p>/);
    assert.match(first.html, /<title>Katrin Schäfer – Lede Test<\/title>/);
    assert.match(first.html, /<link rel="canonical" href="https:\/\/news\.example\.org\/autor\/katrin-schaefer"\/>/);
    assert.deepEqual(cardSlugs(first.html), katrinPublic.slice(0, 20));

    const older = nextLink(first.html);
    assert.ok(older?.startsWith('/autor/katrin-schaefer?vor='), `older link: ${older}`);
    const second = await get(older!);
    assert.equal(second.status, 200);
    assert.deepEqual(cardSlugs(second.html), katrinPublic.slice(20));
    assert.equal(nextLink(second.html), undefined);
    assert.match(second.html, /<a href="\/autor\/katrin-schaefer">Neueste<\/a>/);

    for (const { html } of [first, second]) {
      assert.doesNotMatch(html, /Katrins Entwurf|zurückgezogene|Sperrfrist/);
    }
  });

  test('a story by two authors is on both pages, and on no one else’s', async () => {
    const jonas = await get('/autor/jonas-beispiel');
    assert.equal(jonas.status, 200);
    assert.match(jonas.html, /<h1>Jonas Beispiel<\/h1>/);
    assert.deepEqual(cardSlugs(jonas.html), ['gemeinsam-recherchiert']);
    const lena = await get('/autor/lena-vogt');
    assert.equal(lena.status, 200);
    assert.deepEqual(cardSlugs(lena.html), ['elbe-erreicht-in-magdeburg-alarmstufe-drei']);
  });

  test('unknown authors and authors without public stories get 404', async () => {
    for (const p of ['/autor/niemand', '/autor/erika-entwurf', '/autor/dieter-depub', '/autor/susi-sperrfrist', '/autor/Katrin-Schaefer', '/autor/a--b']) {
      const { status, html } = await get(p);
      assert.equal(status, 404, p);
      assert.match(html, /Seite nicht gefunden/, p);
    }
    // A broken page link is a missing page too.
    assert.equal((await get('/autor/katrin-schaefer?vor=kaputt')).status, 404);
  });

  test('bylines link to their authors’ pages', async () => {
    const { status, html } = await get('/politik/gemeinsam-recherchiert');
    assert.equal(status, 200);
    const byline = /<p class="byline">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    assert.match(byline, /<a href="\/autor\/jonas-beispiel">Jonas Beispiel<\/a>, Lede Thüringen und <a href="\/autor\/katrin-schaefer">Katrin Schäfer<\/a>, Lede Gastautorin/);
    for (const [, href] of byline.matchAll(/href="([^"]+)"/g)) assert.equal((await get(href!)).status, 200, href);
  });

  test('a topic page shows the introduction, the newest stories and a chronological timeline of public stories', async () => {
    const { status, html } = await get('/thema/brueckensanierung-dresden');
    assert.equal(status, 200);
    assert.match(html, /<div class="intro"><p>Die Carolabrücke wird saniert\.<\/p><p>Wir begleiten die Bauarbeiten von Anfang an\.<\/p><\/div>/);
    assert.match(html, /<meta name="description" content="Die Carolabrücke wird saniert\."/);
    assert.deepEqual(cardSlugs(html.slice(0, html.indexOf('<section class="timeline"'))), ['bruecke-e', 'bruecke-d', 'bruecke-c', 'bruecke-b', 'bruecke-a']);

    const entries = timelineEntries(html);
    assert.deepEqual(entries.map(([, slug]) => slug), ['bruecke-a', 'bruecke-b', 'bruecke-c', 'bruecke-d', 'bruecke-e']);
    const times = entries.map(([at]) => Date.parse(at));
    assert.deepEqual([...times].sort((a, b) => a - b), times);
    // Grouped by Berlin calendar day: 00:30 on the 6th (22:30 UTC on the 5th) starts a new day.
    const timeline = timelineOf(html);
    const days = [...timeline.matchAll(/<h3><time datetime="([^"]+)">([^<]+)<\/time><\/h3>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(days, [['2026-10-03', '3. Oktober 2026'], ['2026-10-05', '5. Oktober 2026'], ['2026-10-06', '6. Oktober 2026']]);
    const dayOf = (slug: string) => days[timeline.split(/<h3>/).findIndex((part, i) => i > 0 && part.includes(`/${slug}"`)) - 1]?.[0];
    assert.equal(dayOf('bruecke-b'), '2026-10-03');
    assert.equal(dayOf('bruecke-d'), '2026-10-05');
    assert.equal(dayOf('bruecke-e'), '2026-10-06');
    // Each entry: time, headline link, kicker.
    assert.match(timeline, /<time datetime="[^"]+">07:15 Uhr<\/time> <a href="\/politik\/bruecke-a"><span class="kicker">Kicker bruecke-a<span class="vh">: <\/span><\/span>Brücke: bruecke-a<\/a>/);
    assert.doesNotMatch(timeline, /class="note"/, 'no "more" note when everything is shown');

    for (const hidden of ['bruecke-entwurf', 'bruecke-depubliziert', 'bruecke-sperrfrist', 'bruecke-sperrfrist-roh']) {
      assert.ok(!html.includes(hidden), `${hidden} must not appear`);
    }
  });

  test('a long timeline stops at its limit with a note pointing to the full list; later pages are the list only', async () => {
    const site = createSiteRoutes(createSiteReader(ctx.db), { ...SITE, timelineLimit: 3 });
    const { html } = await get('/thema/brueckensanierung-dresden', site);
    assert.deepEqual(timelineEntries(html).map(([, slug]) => slug), ['bruecke-a', 'bruecke-b', 'bruecke-c']);
    assert.match(timelineOf(html), /<p class="note">Die Chronik zeigt die ersten 3 von 5 Beiträgen\. Alle Beiträge finden Sie in der Liste <a href="#neueste">Neueste Beiträge<\/a>/);

    const { status, html: page2 } = await get(`/thema/brueckensanierung-dresden?vor=${Buffer.from(`2026-10-05T18:30:00+02:00|${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`).toString('base64url')}`);
    assert.equal(status, 200);
    assert.deepEqual(cardSlugs(page2), ['bruecke-b', 'bruecke-a']);
    assert.doesNotMatch(page2, /class="intro"|class="timeline"/);
    assert.match(page2, /<h2 id="neueste">Ältere Beiträge<\/h2>/);
  });

  test('a topic without an introduction works, and the demo topics have theirs', async () => {
    const plain = await get('/thema/stadtfest-halle');
    assert.equal(plain.status, 200);
    assert.match(plain.html, /<h1>Stadtfest Halle<\/h1>/);
    assert.doesNotMatch(plain.html, /class="intro"/);
    assert.deepEqual(timelineEntries(plain.html).map(([, s]) => s), ['ohne-einleitung']);

    const demo = await get('/thema/hochwasser-an-der-elbe');
    assert.match(demo.html, /<div class="intro"><p>Tagelanger Regen/);
    const landtag = await get('/thema/landeshaushalt');
    assert.match(landtag.html, /<div class="intro"><p>Wofür gibt das Land sein Geld aus/);
    assert.equal((await get('/thema/kein-thema')).status, 404);
  });

  test('the topics table: upsert replaces, list reads back, bad input is refused', async () => {
    const topics = new TopicRepository(ctx.db);
    const saved = await topics.upsert({ name: 'Test-Thema', intro: 'Erste Fassung.' });
    assert.equal(saved.slug, 'test-thema');
    const again = await topics.upsert({ name: 'Test-Thema', intro: '   ' });
    assert.equal(again.intro, undefined, 'a blank intro is no intro');
    assert.ok(Date.parse(again.updatedAt) >= Date.parse(saved.updatedAt));
    assert.deepEqual((await topics.get('test-thema'))?.name, 'Test-Thema');
    assert.ok((await topics.list()).some((t) => t.slug === 'hochwasser-an-der-elbe' && t.intro?.startsWith('Tagelanger Regen')));
    assert.equal(await topics.get('Nicht Erlaubt'), undefined);
    await assert.rejects(topics.upsert({ name: '' }), /name: required/);
    await assert.rejects(topics.upsert({ name: 'X', intro: 'x'.repeat(4001) }), /intro: at most 4000/);
  });

  test('topic versions: every write bumps it; a write against a stale version changes nothing, and of two racing saves one wins', async () => {
    const topics = new TopicRepository(ctx.db);
    const created = await topics.create(checkTopic({ name: 'Versioniertes Thema', intro: 'Eins.' }));
    assert.equal(created?.version, 1);
    assert.equal(await topics.create(checkTopic({ name: 'Versioniertes Thema', intro: 'Doppelt.' })), undefined, 'an existing topic is not created again');
    const racing = await Promise.all(['Zwei A.', 'Zwei B.'].map((intro) => topics.update(checkTopic({ name: 'Versioniertes Thema', intro }), 1)));
    const won = racing.filter((t) => t !== undefined);
    assert.equal(won.length, 1, 'exactly one of two saves against version 1 wins');
    assert.equal(won[0]!.version, 2);
    assert.equal(await topics.update(checkTopic({ name: 'Versioniertes Thema', intro: 'Veraltet.' }), 1), undefined);
    const stored = (await topics.get('versioniertes-thema'))!;
    assert.deepEqual([stored.intro, stored.version], [won[0]!.intro, 2], 'the stale save left nothing behind');
    assert.equal((await topics.upsert({ name: 'Versioniertes Thema', intro: 'Drei.' })).version, 3, 'the unversioned upsert (demo content) bumps it too');
  });

  test('publishing or depublishing a story purges its authors’ cached pages, and only theirs', async () => {
    const cache = new PageCache();
    const events = new EventBus();
    const cached = createApp(ctx.db, SITE, { pageCache: cache, events });
    const writer = new StoryService(ctx.db, events);
    for (const p of ['/autor/katrin-schaefer', '/autor/lena-vogt']) {
      await get(p, cached);
      const hit = await get(p, cached);
      assert.equal(hit.res.headers.get('x-cache'), 'HIT', p);
    }
    assert.equal((await get('/autor/katrin-schaefer', cached)).res.headers.get('surrogate-key'), 'author:katrin-schaefer');

    await writer.create({ slug: 'katrin-eilmeldung', headline: 'Katrins Eilmeldung', section: 'Politik', authors: [KATRIN] }, { status: 'published' });
    const fresh = await get('/autor/katrin-schaefer', cached);
    assert.equal(fresh.res.headers.get('x-cache'), 'MISS');
    assert.equal(cardSlugs(fresh.html)[0], 'katrin-eilmeldung');
    assert.equal((await get('/autor/lena-vogt', cached)).res.headers.get('x-cache'), 'HIT', 'another author’s page stays cached');

    await writer.depublish('katrin-eilmeldung');
    const after = await get('/autor/katrin-schaefer', cached);
    assert.equal(after.res.headers.get('x-cache'), 'MISS');
    assert.ok(!cardSlugs(after.html).includes('katrin-eilmeldung'));
  });
});
