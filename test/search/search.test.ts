import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Story } from '../../src/content/index.js';
import { createApp } from '../../src/server/app.js';
import { MARK_END, MARK_START, searchStories, snippetParts, suggestQuery } from '../../src/store/search-queries.js';
import { StoryRepository } from '../../src/store/index.js';
import { forEachEngine } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

/** The page without the site's own scripts (the footer's push control loads one from /assets): what is left must have none. */
function withoutOwnScripts(html: string): string {
  return html.replace(/<script src="\/assets\/[a-z-]+\.[0-9a-f]+\.js" defer><\/script>/g, '');
}

const para = (text: string): Story['body'] => [{ type: 'paragraph', content: [{ text }] }];

/** The search test archive: a few stories with words no other test story uses. */
function archive(): Record<string, Story> {
  return {
    minister: makeStory({
      headline: 'Blinken trifft Lawrow in Genf',
      kicker: 'Ukraine-Konflikt',
      teaser: 'Die beiden Außenminister wollen weiter reden.',
      section: 'Politik',
      topics: ['Ukraine-Konflikt'],
      body: para('Das Treffen des US-Außenministers mit seinem russischen Amtskollegen dauerte neunzig Minuten.'),
      firstPublishedAt: '2022-01-21T14:35:00+01:00',
    }),
    flutMagdeburg: makeStory({
      headline: 'Zitronenfalter-Hochwasser erreicht Magdeburg',
      kicker: 'Pegelstand',
      teaser: 'Die Zitronenfalterflut steigt.',
      section: 'Sachsen-Anhalt',
      topics: ['Elbeflut'],
      body: para('Das Zitronenfalter-Hochwasser an der Elbe erreicht am Abend Magdeburg. Berlin schickt Helfer.'),
      firstPublishedAt: '2024-06-02T23:30:00+02:00', // Berlin day 2024-06-02
    }),
    flutDresden: makeStory({
      headline: 'Zitronenfalter-Hochwasser in Dresden',
      kicker: 'Pegelstand',
      teaser: 'Auch in Dresden steigt das Wasser.',
      section: 'Sachsen',
      topics: ['Elbeflut'],
      body: para('In Dresden ist die Altstadt gesperrt. Zitronenfalter-Hochwasser an der Elbe, sagt die Stadt.'),
      firstPublishedAt: '2024-06-03T00:30:00+02:00', // Berlin day 2024-06-03 (UTC: still 06-02)
    }),
    draft: makeStory({
      headline: 'Geheimer Zitronenfalter-Entwurf',
      teaser: 'Zitronenfalter-Hochwasser im Entwurf, Kennwort Quastenflosser.',
      section: 'Politik',
      status: 'draft',
      firstPublishedAt: '2024-06-04T10:00:00+02:00',
    }),
    script: makeStory({
      headline: 'Sicherheitslücke im Stadtportal',
      teaser: 'Angreifer schleusten <script>alert(1)</script> in die Kolibriseite ein & mehr.',
      section: 'Politik',
      topics: [],
      body: para('Der Kolibri-Fehler: <b>fett</b> und "Anführungszeichen" wurden nicht maskiert.'),
      firstPublishedAt: '2023-03-01T10:00:00+01:00',
    }),
  };
}

forEachEngine('search', (ctx) => {
  let s: Record<string, Story>;
  const ids = async (query: string, more: Partial<Parameters<typeof searchStories>[1]> = {}) =>
    (await searchStories(ctx.db, { query, limit: 20, ...more })).hits.map((h) => h.story.id);

  before(async () => {
    s = archive();
    const repo = new StoryRepository(ctx.db);
    for (const story of Object.values(s)) await repo.insert(story);
  });

  test('German stemming: Außenminister finds Außenministers, and the other way round', async () => {
    assert.deepEqual(await ids('Außenminister'), [s.minister!.id]);
    assert.deepEqual(await ids('Außenministers'), [s.minister!.id]);
    assert.deepEqual(await ids('aussenminister'), [s.minister!.id]);
  });

  test('a quoted phrase needs the words in order; -word excludes; OR is an alternative', async () => {
    assert.deepEqual(new Set(await ids('"Hochwasser an der Elbe" Zitronenfalter')), new Set([s.flutMagdeburg!.id, s.flutDresden!.id]));
    assert.deepEqual(await ids('"Elbe an der Hochwasser" Zitronenfalter'), []);
    assert.deepEqual(await ids('Zitronenfalter -Berlin'), [s.flutDresden!.id]);
    assert.deepEqual(new Set(await ids('Lawrow OR Kolibriseite')), new Set([s.minister!.id, s.script!.id]));
  });

  test('drafts never appear, whatever the query', async () => {
    assert.deepEqual(await ids('Quastenflosser'), []);
    assert.ok(!(await ids('Zitronenfalter')).includes(s.draft!.id));
    const r = await searchStories(ctx.db, { query: 'Zitronenfalter', limit: 20 });
    assert.equal(r.total, 2);
    // Nor are a draft's words suggested.
    assert.equal(await suggestQuery(ctx.db, 'Quastenflosse'), undefined);
  });

  test('filters: section, topic, and Berlin days from/until', async () => {
    assert.deepEqual(await ids('Zitronenfalter', { sectionSlug: 'sachsen' }), [s.flutDresden!.id]);
    assert.deepEqual(new Set(await ids('Zitronenfalter', { topic: 'Elbeflut' })), new Set([s.flutMagdeburg!.id, s.flutDresden!.id]));
    assert.deepEqual(await ids('Zitronenfalter', { topic: 'Ukraine-Konflikt' }), []);
    // 00:30 on 3 June in Berlin is the 3rd there, though still the 2nd in UTC.
    assert.deepEqual(await ids('Zitronenfalter', { from: '2024-06-03T00:00:00+02:00' }), [s.flutDresden!.id]);
    assert.deepEqual(await ids('Zitronenfalter', { until: '2024-06-03T00:00:00+02:00' }), [s.flutMagdeburg!.id]);
  });

  test('order: newest first, or by relevance (a headline match beats a body match)', async () => {
    assert.deepEqual(await ids('Zitronenfalter', { order: 'newest' }), [s.flutDresden!.id, s.flutMagdeburg!.id]);
    // "Zitronenfalterflut" (teaser) and "Magdeburg" (headline) only in the older story: it ranks first.
    assert.deepEqual(await ids('Zitronenfalter OR Magdeburg', { order: 'relevance' }), [s.flutMagdeburg!.id, s.flutDresden!.id]);
    assert.deepEqual(await ids('Dresden OR Zitronenfalter', { order: 'relevance' }), [s.flutDresden!.id, s.flutMagdeburg!.id]);
  });

  test('pagination: limit and offset, with the total', async () => {
    const first = await searchStories(ctx.db, { query: 'Zitronenfalter', order: 'newest', limit: 1 });
    const second = await searchStories(ctx.db, { query: 'Zitronenfalter', order: 'newest', limit: 1, offset: 1 });
    assert.equal(first.total, 2);
    assert.deepEqual([first.hits[0]?.story.id, second.hits[0]?.story.id], [s.flutDresden!.id, s.flutMagdeburg!.id]);
    assert.deepEqual((await searchStories(ctx.db, { query: 'Zitronenfalter', limit: 1, offset: 5 })).hits, []);
  });

  test('queries without a searchable word are told apart', async () => {
    assert.equal((await searchStories(ctx.db, { query: 'der die das', limit: 5 })).unsearchable, 'stopwords');
    assert.equal((await searchStories(ctx.db, { query: '-Berlin', limit: 5 })).unsearchable, 'only-exclusions');
  });

  test('snippets mark the matched words; markers in stored text cannot forge a mark', async () => {
    const [hit] = (await searchStories(ctx.db, { query: 'Amtskollegen', limit: 5 })).hits;
    assert.ok(hit);
    assert.ok(hit.snippet.includes(`${MARK_START}Amtskollegen${MARK_END}`), hit.snippet);
    assert.deepEqual(snippetParts(`a ${MARK_START}b${MARK_END} ${MARK_START}c${MARK_END} d`), [
      { text: 'a ', marked: false }, { text: 'b', marked: true }, { text: ' ', marked: false }, { text: 'c', marked: true }, { text: ' d', marked: false },
    ]);
    assert.deepEqual(snippetParts(`x${MARK_END}y${MARK_START}z`), [{ text: 'xy', marked: false }, { text: 'z', marked: true }]);
  });

  test('typo: "Hochwaser" suggests "Hochwasser"; a known word suggests nothing', async () => {
    if (!ctx.db.extensions.includes('pg_trgm')) return;
    assert.equal(await suggestQuery(ctx.db, 'Zitronenfalter-Hochwaser'), 'Zitronenfalter-Hochwasser');
    assert.equal(await suggestQuery(ctx.db, 'Hochwaser'), 'Hochwasser');
    assert.equal(await suggestQuery(ctx.db, 'Zitronenfalter'), undefined);
  });

  test('without pg_trgm there are no suggestions, and no error', async () => {
    const noTrgm = { query: ctx.db.query.bind(ctx.db), extensions: [] as string[] };
    assert.equal(await suggestQuery(noTrgm, 'Hochwaser'), undefined);
  });

  test('the GIN index on the search column is used', async () => {
    await ctx.db.query('ANALYZE stories');
    // A handful of rows is cheapest read whole, or through the small partial
    // indexes; rule those out to see that the GIN index answers the match
    // (bench/search.bench.ts shows the plans at 100,000 stories).
    const plan = await ctx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return (await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM stories WHERE search @@ websearch_to_tsquery('german', 'Zitronenfalter')`,
      )).map((r) => r['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /Bitmap Index Scan on stories_search_idx/);
  });

  // The page.
  const page = async (query: string) => {
    const app = createApp(ctx.db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
    const res = await app.request(`/suche${query}`);
    return { status: res.status, html: await res.text() };
  };

  test('search page: the form alone for an empty query; the header has a search box', async () => {
    const { status, html } = await page('');
    assert.equal(status, 200);
    assert.match(html, /<form role="search" action="\/suche" method="get" class="site-search" aria-label="Suche">/);
    assert.match(html, /<label for="search-q">Suchbegriff<\/label>/);
    assert.doesNotMatch(html, /Treffer/);
  });

  test('search page: results as teaser cards with escaped snippets; <mark> only from us', async () => {
    const { status, html } = await page('?q=Kolibriseite');
    assert.equal(status, 200);
    assert.match(html, /1 Treffer für „Kolibriseite“/);
    assert.match(html, /<li class="card"><h3><a href="\/politik\/[^"]+">(<span class="kicker">.*?<\/span><\/span>)?<span class="title">Sicherheitslücke im Stadtportal<\/span>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; in die <mark>Kolibriseite<\/mark> ein &amp; mehr/);
    assert.doesNotMatch(withoutOwnScripts(html), /<script/);
    assert.equal([...html.matchAll(/<mark>/g)].length, 1);
    const b = await page('?q=Kolibri-Fehler');
    assert.match(b.html, /&lt;b&gt;fett&lt;\/b&gt;/);
    assert.doesNotMatch(b.html, /<b>fett/);
  });

  test('search page: filters and order in the URL; drafts never shown', async () => {
    const { html } = await page('?q=Zitronenfalter&rubrik=sachsen-anhalt&thema=elbeflut&von=2024-06-01&bis=2024-06-02&sort=neu');
    assert.match(html, /1 Treffer/);
    assert.match(html, /Zitronenfalter-Hochwasser erreicht Magdeburg/);
    assert.match(html, /<option value="neu" selected="">Neueste zuerst<\/option>/);
    assert.match(html, /<option value="sachsen-anhalt" selected="">/);
    const all = await page('?q=Zitronenfalter');
    assert.match(all.html, /2 Treffer/);
    assert.doesNotMatch(all.html, /Geheimer|Quastenflosser/);
  });

  test('search page: 20 results a page, with a pager that keeps the query and filters', async () => {
    const repo = new StoryRepository(ctx.db);
    for (let i = 0; i < 23; i++) {
      await repo.insert(makeStory({ headline: `Blätterwort Meldung ${i}`, section: 'Kultur', topics: [], firstPublishedAt: `2025-01-${String(i + 1).padStart(2, '0')}T10:00:00+01:00` }));
    }
    const one = await page('?q=Bl%C3%A4tterwort&sort=neu');
    assert.match(one.html, /23 Treffer/);
    assert.equal([...one.html.matchAll(/<li class="card">/g)].length, 20);
    assert.match(one.html, /<a href="\/suche\?q=Bl%C3%A4tterwort&amp;sort=neu&amp;seite=2" rel="next">Nächste Seite<\/a>/);
    assert.match(one.html, /Blätterwort Meldung 22/);
    const two = await page('?q=Bl%C3%A4tterwort&sort=neu&seite=2');
    assert.equal([...two.html.matchAll(/<li class="card">/g)].length, 3);
    assert.match(two.html, /<ol class="search-results" start="21">/);
    assert.match(two.html, /rel="prev">Vorherige Seite/);
    assert.match(two.html, /Blätterwort Meldung 0</);
  });

  test('search page: "Meinten Sie" for a typo', async () => {
    if (!ctx.db.extensions.includes('pg_trgm')) return;
    const { status, html } = await page('?q=Hochwaser');
    assert.equal(status, 200);
    assert.match(html, /Meinten Sie: <a href="\/suche\?q=Hochwasser">Hochwasser<\/a>\?/);
  });

  test('search page: bad input is a 400 with a clear message, never a stack trace', async () => {
    const cases: [string, RegExp][] = [
      ['?q=Elbe&von=2024-02-30', /„Von“ ist kein gültiges Datum/],
      ['?q=Elbe&bis=gestern', /„Bis“ ist kein gültiges Datum/],
      ['?q=Elbe&von=2024-06-05&bis=2024-06-01', /„Von“ liegt nach „Bis“/],
      [`?q=${'Elbe '.repeat(41)}x`, /zu lang: höchstens 200 Zeichen/],
      ['?q=Elbe&seite=0', /Ungültige Seitenzahl/],
      ['?q=Elbe&seite=9999', /Ungültige Seitenzahl/],
      ['?q=Elbe&sort=zufall', /Unbekannte Sortierung/],
      ['?q=Elbe&rubrik=gibt-es-nicht', /Diese Rubrik gibt es nicht/],
      ['?q=Elbe&thema=%3Cscript%3E', /Dieses Thema gibt es nicht/],
    ];
    for (const [query, message] of cases) {
      const { status, html } = await page(query);
      assert.equal(status, 400, query);
      assert.match(html, message, query);
      assert.match(html, /<label for="search-q">Suchbegriff<\/label>/, query);
      assert.doesNotMatch(withoutOwnScripts(html), /at \w+ \(|Error:|<script/, query);
    }
  });
});
