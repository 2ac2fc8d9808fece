/**
 * Every query has a deadline (issue 10, item 2).
 *
 * PostgreSQL: the app talks to the test server through a TCP proxy that can go
 * silent (sockets stay open, nothing is forwarded either way), as in a network
 * partition or a stuck failover. While it is silent: a cached page is served
 * stale, an uncached page is the 503 page, /newsroom/api/me and a save are 503
 * UNAVAILABLE, a transaction that had already written saves nothing, and
 * /healthz still answers. When the proxy forwards again everything works
 * (the pool replaced the connections it dropped). Before, all of these hung.
 *
 * PGlite runs in this process and ignores statement_timeout (measured: a
 * 30-second statement ran to its end, no timer fired meanwhile), so its bound
 * is the input: a search may hold at most MAX_QUERY_TERMS words.
 *
 * No timed assertions: a request that hangs fails the test by the suite's
 * overall timeout; the small deadlines only keep the run short.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { EventBus } from '../../src/events/event-bus.js';
import { createApp } from '../../src/server/app.js';
import { AccountService } from '../../src/services/account-service.js';
import { PageCache } from '../../src/site/page-cache.js';
import { StoryService } from '../../src/services/story-service.js';
import { openDatabase, StoryRepository, type Database } from '../../src/store/index.js';
import { MAX_QUERY_TERMS, searchStories } from '../../src/store/search-queries.js';
import { isLedeError, slugify, storyPath, type Story } from '../../src/content/index.js';
import { createServerDatabase, dropServerDatabase, engines, serverSkipReason } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { makeStory } from '../helpers/stories.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const PASSWORD = 'Deadline-Test-2026!';
const SUITE_TIMEOUT = 120_000;
const pageOf = (s: Story) => `http://localhost${storyPath({ sectionSlug: slugify(s.section), slug: s.slug })}`;

describe('a silent PostgreSQL server [PostgreSQL]', { skip: serverSkipReason(), timeout: SUITE_TIMEOUT }, () => {
  let url: string;
  let proxy: TcpProxy;
  let db: Database;
  let app: Hono;
  let editor: Browser;
  let cached: Story;
  let uncached: Story;
  let draft: Story;

  before(async () => {
    url = await createServerDatabase();
    const direct = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
    try {
      await new AccountService(direct).createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
      const repo = new StoryRepository(direct);
      cached = makeStory({ headline: 'Der Pegel bleibt hoch', section: 'Sachsen' });
      uncached = makeStory({ headline: 'Niemand hat diese Seite gelesen', section: 'Sachsen' });
      await repo.insert(cached);
      await repo.insert(uncached);
      draft = await new StoryService(direct).create({ kind: 'article', headline: 'Ein Entwurf', body: [{ type: 'paragraph', content: [{ text: 'Erster Stand.' }] }] });
    } finally {
      await direct.close();
    }
    const u = new URL(url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    db = await openDatabase({ databaseUrl: proxy.urlFor(url), readTimeoutMs: 1500, writeTimeoutMs: 3000, onWarning: () => undefined });
    // Always stale after its first render, so the next request tries the database again.
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: new PageCache({ freshMs: 0, staleMs: 0, errorMs: 3_600_000 }), events: new EventBus() });
    editor = new Browser(app);
    await editor.apiLogin('cvd@example.org', PASSWORD);
    const first = await app.request(pageOf(cached));
    assert.equal(first.status, 200);
  });

  after(async () => {
    proxy?.resume();
    await db?.close();
    await proxy?.close();
    if (url) await dropServerDatabase(url);
  });

  test('while it is silent: stale page, 503 page, 503 UNAVAILABLE, nothing saved; /healthz answers; afterwards all works again', async () => {
    proxy.stall();
    try {
      const stale = await app.request(pageOf(cached));
      assert.equal(stale.status, 200, 'the cached page is served from the cache');
      assert.match(await stale.text(), /Der Pegel bleibt hoch/);

      const missing = await app.request(pageOf(uncached));
      assert.equal(missing.status, 503, 'an uncached page is the 503 page');
      assert.match(missing.headers.get('content-type') ?? '', /text\/html/);

      const me = await editor.request('/newsroom/api/me');
      assert.equal(me.status, 503);
      assert.equal(((await me.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE');

      const save = await editor.api('PUT', `/newsroom/api/stories/${draft.id}`, { story: { ...draft, headline: 'Halb gespeichert?' } }, { 'if-match': `"v${draft.version}"` });
      assert.equal(save.status, 503);
      const { error } = (await save.json()) as { error: { code: string; reason: string } };
      assert.equal(error.code, 'UNAVAILABLE');
      assert.match(error.reason, /^database_(timeout|unavailable)$/);

      const health = await app.request('http://localhost/healthz');
      assert.equal(health.status, 200, 'liveness does not ask the database');
    } finally {
      proxy.resume();
    }

    const page = await app.request(pageOf(uncached));
    assert.equal(page.status, 200, 'the page renders once the server answers again');
    const me = await editor.request('/newsroom/api/me');
    assert.equal(me.status, 200, 'the session is still there');
    const got = await editor.api('GET', `/newsroom/api/stories/${draft.id}`);
    assert.equal(got.status, 200);
    const stored = (await got.json()) as Story;
    assert.equal(stored.headline, 'Ein Entwurf', 'the save during the silence changed nothing');
    assert.equal(stored.version, draft.version);
    const save = await editor.api('PUT', `/newsroom/api/stories/${draft.id}`, { story: { ...stored, headline: 'Zweiter Stand' } }, { 'if-match': `"v${stored.version}"` });
    assert.equal(save.status, 200, await save.clone().text());
  });

  test('a transaction that wrote before the server went silent saves nothing, and says database_timeout', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS deadline_probe (n int)');
    const attempt = db.transaction(async (tx) => {
      await tx.query('INSERT INTO deadline_probe VALUES (1)');
      proxy.stall();
      await tx.query('INSERT INTO deadline_probe VALUES (2)');
    });
    await assert.rejects(attempt, (err) => isLedeError(err) && err.code === 'UNAVAILABLE' && err.reason === 'database_timeout');
    const read = db.query('SELECT 1');
    await assert.rejects(read, (err) => isLedeError(err) && err.reason === 'database_timeout', 'a plain query has its deadline too');
    proxy.resume();
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deadline_probe');
    assert.equal(rows[0]!.n, 0);
  });
});

describe('a pathological search on PGlite is bounded by its input', () => {
  let db: Database;
  before(async () => {
    db = await engines()[0]!.open();
    const repo = new StoryRepository(db);
    for (let i = 0; i < 5; i++) await repo.insert(makeStory({ headline: `Landtag Regierung Minister Bürger Stadt Gemeinde Haushalt Schule Verkehr ${i}` }));
  });
  after(() => db?.close());

  test(`more than ${MAX_QUERY_TERMS} searchable words are refused, as many are searched`, async () => {
    const words = 'Landtag Regierung Minister Bürger Stadt Gemeinde Haushalt Schule Verkehr Bahn Straße Wasser'.split(' ');
    const many = [...words, ...words].join(' ');
    const refused = await searchStories(db, { query: many, limit: 20 });
    assert.equal(refused.unsearchable, 'too-many-words');
    assert.equal(refused.hits.length, 0);
    const repeated = await searchStories(db, { query: Array(MAX_QUERY_TERMS + 1).fill('Stadt').join(' '), limit: 20 });
    assert.equal(repeated.unsearchable, 'too-many-words', 'a repeated word costs a scan each time, so it counts each time');
    const enough = await searchStories(db, { query: words.slice(0, MAX_QUERY_TERMS).join(' '), limit: 20 });
    assert.equal(enough.unsearchable, undefined);
    assert.equal(enough.total, 5);
  });
});
