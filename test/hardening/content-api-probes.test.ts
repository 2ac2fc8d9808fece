/**
 * The probes operators and attackers run, pointed at what issue 13 added: the
 * content API (/api/v1), API keys, webhooks and WebSub.
 *
 * 1. 1 GB bodies, chunked and without Content-Length, to the real server
 *    (`lede serve`): the newsroom's webhook and API key endpoints (JSON and
 *    page forms) answer 413 while the body streams in, the read-only
 *    /api/v1 refuses a POST or PUT without reading it, and the child's
 *    memory stays near idle.
 * 2. PostgreSQL that stops answering without closing its connections (a
 *    silent TCP proxy): every /api/v1 route, a keyed request and the webhook
 *    worker answer or fail instead of hanging, and work again afterwards.
 * 3. Junk in every path and query parameter of every registered /api/v1
 *    route (taken from the registry, so a new route is probed without a
 *    change here): never a 5xx, never a redirect off the site, a 400 names
 *    the parameter. Section, topic, webhook and key names of `<!--<script>`
 *    keep every JSON answer valid and every page escaped.
 * 4. NUL and lone surrogates, written as JSON escapes, in every field of the
 *    newsroom's webhook and API key bodies: a 4xx naming the field, nothing
 *    stored.
 * 5. Two app nodes on one PostgreSQL database: a key revoked on one is
 *    refused by the other within the documented bound, and a WebSub ping is
 *    sent by exactly one of two workers running at once.
 *
 * No timed assertions: a request that hangs fails by the suite's timeout;
 * deadlines here only keep the run short.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createPublicApi } from '../../src/api/public/public-api.js';
import { queryNames, type RegisteredRoute } from '../../src/api/public/public-registry.js';
import { isLedeError, sectionSlug } from '../../src/content/index.js';
import { EventBus } from '../../src/events/event-bus.js';
import { AccountService } from '../../src/services/account-service.js';
import { CACHE_MS } from '../../src/services/api-keys.js';
import { createServices, type Services } from '../../src/services/index.js';
import { WebhookWorker } from '../../src/services/webhook-worker.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { pendingPings, syncWebsubHubs } from '../../src/store/websub-pings.js';
import { createServerDatabase, dropServerDatabase, forEachEngine, openOptions, serverSkipReason } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { rssOf, serveChild, type ServedChild } from './serve-child.js';

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;
const SITE_URL = 'https://news.example';
const SITE = { siteName: 'Lede Test', siteUrl: SITE_URL, trustProxy: false };
const PASSWORD = 'sonden-passwort-2026';
/** A request or round that hangs fails its test after this long instead of holding the run (the run has no overall timeout). */
const HANG = { timeout: 120_000 };
/** Markup that must never reach a page unescaped. */
const HOSTILE = '"><!--<script>alert(1)</script>';

/** Parameter values as an attacker types them into a URL (already percent-encoded where needed). */
const JUNK = ['%00', '%ED%A0%80', '%3C!--', '%0D%0A', '%E2%80%AE', '..', '%2F%2Fevil.example', 'x'.repeat(5_000), '%'];

/** Whether `location` stays on this site (a path that no browser reads as another host, or the site's own URL). */
const onSite = (location: string) => /^\/(?![/\\])/.test(location) || location.startsWith(`${SITE_URL}/`);

// ------------------------------------------------------------------ 1. 1 GB bodies

interface Streamed { status: number | undefined; sent: number; peakRss: number; error?: string }

/**
 * Sends `head` and then up to 1 GB of `a`s as a chunked body, written only as
 * fast as the socket takes it, and stops at the server's first answer or when
 * it drops the connection; samples the child's RSS meanwhile.
 */
function sendGigabyte(server: ServedChild, method: string, path: string, headers: Record<string, string>, head: string): Promise<Streamed> {
  const block = Buffer.alloc(256 * 1024, 'a');
  return new Promise((resolve) => {
    const r: Streamed = { status: undefined, sent: 0, peakRss: rssOf(server.pid) };
    const sample = () => {
      try {
        r.peakRss = Math.max(r.peakRss, rssOf(server.pid));
      } catch { /* the child is gone: the assertions after say so */ }
    };
    const sampler = setInterval(sample, 10);
    let finished = false;
    const end = (error?: string) => {
      if (finished) return;
      finished = true;
      clearInterval(sampler);
      sample();
      req.destroy();
      resolve(error ? { ...r, error } : r);
    };
    const req = http.request(`${server.base}${path}`, { method, headers: { ...headers, 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      r.status = res.statusCode;
      res.resume();
      end();
    });
    req.on('error', (err) => end((err as NodeJS.ErrnoException).code ?? err.message));
    const write = () => {
      while (!finished && r.sent < GB) {
        const more = req.write(r.sent === 0 ? Buffer.concat([Buffer.from(head), block]) : block);
        r.sent += block.length;
        if (!more) return void req.once('drain', write);
      }
      if (!finished) req.end();
    };
    write();
  });
}

describe('1 GB bodies to the webhook, API key and content API endpoints (lede serve; PGlite: the limit is the HTTP layer\'s, the same on both engines)', () => {
  let server: ServedChild;
  let cookie = '';
  let csrf = '';
  let idle = 0;
  let hookId = '';

  before(async () => {
    server = await serveChild();
    const admin = server.browser();
    await admin.apiLogin(server.email, server.password);
    cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    csrf = await admin.csrf();
    const made = await admin.json('POST', '/newsroom/api/webhooks', { url: 'https://hooks.example.org/lede', events: ['story.published'], active: false });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    hookId = (made.body as { id: string }).id;
    // Every route class once (lazy imports, JIT, caches), then the idle figure.
    for (const p of ['/newsroom/api/webhooks', '/newsroom/api/api-keys', '/newsroom/webhooks', '/newsroom/api-keys', '/api/v1/stories', '/api/v1/openapi.json']) {
      await (await fetch(`${server.base}${p}`, { headers: { cookie } })).arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 500));
    idle = rssOf(server.pid);
  });
  after(async () => {
    await server?.stop();
  });

  const json = () => ({ cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' });
  const form = () => ({ cookie, 'content-type': 'application/x-www-form-urlencoded' });
  // `status`: the answers that are right; 413 wherever the body would be read.
  const cases: { name: string; method: string; path: () => string; headers: () => Record<string, string>; head: string; status: number[] }[] = [
    { name: 'webhook create (JSON)', method: 'POST', path: () => '/newsroom/api/webhooks', headers: json, head: '{"url":"https://hooks.example.org/', status: [413] },
    { name: 'webhook change (JSON)', method: 'PATCH', path: () => `/newsroom/api/webhooks/${hookId}`, headers: json, head: '{"description":"', status: [413] },
    { name: 'webhook create, not logged in', method: 'POST', path: () => '/newsroom/api/webhooks', headers: () => ({ 'content-type': 'application/json' }), head: '{"url":"', status: [401] },
    { name: 'webhook form without X-CSRF-Token (the guard reads the form for _csrf)', method: 'POST', path: () => '/newsroom/webhooks', headers: form, head: 'description=', status: [413] },
    { name: 'API key create (JSON)', method: 'POST', path: () => '/newsroom/api/api-keys', headers: json, head: '{"name":"', status: [413] },
    { name: 'API key create, not logged in', method: 'POST', path: () => '/newsroom/api/api-keys', headers: () => ({ 'content-type': 'application/json' }), head: '{"name":"', status: [401] },
    { name: 'API key form without X-CSRF-Token', method: 'POST', path: () => '/newsroom/api-keys', headers: form, head: 'name=', status: [413] },
    // A read-only API: refused by method (405) or, as now, as no resource (404); either way the body is never read.
    { name: 'POST to the read-only /api/v1/stories', method: 'POST', path: () => '/api/v1/stories', headers: () => ({ 'content-type': 'application/json' }), head: '{"headline":"', status: [404, 405, 413] },
    { name: 'PUT to the read-only /api/v1/stories', method: 'PUT', path: () => '/api/v1/stories', headers: () => ({ 'content-type': 'application/json' }), head: '{"headline":"', status: [404, 405, 413] },
    {
      name: 'PUT with an API key to /api/v1/stories/<id>', method: 'PUT', path: () => `/api/v1/stories/${randomUUID()}`,
      headers: () => ({ 'content-type': 'application/json', authorization: `Bearer lede_${'A'.repeat(32)}` }), head: '{"headline":"', status: [401, 404, 405, 413],
    },
  ];

  for (const c of cases) {
    test(`${c.method} ${c.name}: answered while the gigabyte streams in, memory near idle`, HANG, async (t) => {
      const start = rssOf(server.pid);
      const r = await sendGigabyte(server, c.method, c.path(), c.headers(), c.head);
      const grew = r.peakRss - Math.max(idle, start);
      assert.ok(r.status !== undefined, `no answer (${r.error}) after ${Math.round(r.sent / MB)} MB`);
      assert.ok(c.status.includes(r.status), `answered ${r.status}, expected ${c.status.join(' or ')}`);
      assert.ok(r.sent < GB, 'the whole gigabyte went in before the answer');
      assert.ok(grew < 50 * MB, `RSS grew by ${Math.round(grew / MB)} MB (idle ${Math.round(idle / MB)} MB)`);
      t.diagnostic(`answered ${r.status} after ${Math.round(r.sent / MB)} MB sent; RSS peak ${Math.round(r.peakRss / MB)} MB (idle ${Math.round(idle / MB)} MB)`);
      const still = await fetch(`${server.base}/api/v1/sections`);
      assert.equal(still.status, 200, 'still serving');
      await still.arrayBuffer();
    });
  }
});

// ------------------------------------------------------------------ 2. a silent PostgreSQL

describe('a silent PostgreSQL under the content API and the webhook worker [PGlite]', () => {
  test('not probed', { skip: 'PGlite runs inside this process: there is no connection to go silent (db-deadline.test.ts bounds it by its input)' }, () => undefined);
});

describe('a silent PostgreSQL under the content API and the webhook worker [PostgreSQL]', { skip: serverSkipReason(), ...HANG }, () => {
  let url: string;
  let proxy: TcpProxy;
  let db: Database;
  let app: Hono;
  let receiver: WebhookReceiver;
  let storyId = '';
  let secret = '';

  before(async () => {
    url = await createServerDatabase();
    receiver = await startWebhookReceiver();
    const direct = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
    try {
      const services = createServices(direct, { webhooksAllowPrivate: true });
      storyId = (await services.stories.create({
        kind: 'article', headline: 'Der Pegel der Elbe steigt', section: 'Sachsen', topics: ['Hochwasser'],
        body: [{ type: 'paragraph', content: [{ text: 'Der Pegel in Dresden steigt weiter.' }] }],
      }, { status: 'published' })).id;
      secret = (await services.apiKeys.create({ name: 'Partner-App', ratePerMinute: 100_000 }, { name: 'test' })).secret;
      const sub = await services.webhooks.create({ url: receiver.url, events: ['story.published'] });
      receiver.setSecret(sub.secret);
      await services.webhooks.sendTest(sub.id);
    } finally {
      await direct.close();
    }
    const u = new URL(url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    db = await openDatabase({ databaseUrl: proxy.urlFor(url), readTimeoutMs: 1500, writeTimeoutMs: 3000, onWarning: () => undefined });
    // No event bus: nothing is kept, every request asks the database.
    app = createApp(db, SITE, { apiGate: { anonymousPerMinute: 1_000_000 } });
  });
  after(async () => {
    proxy?.resume();
    await db?.close();
    await proxy?.close();
    await receiver?.close();
    if (url) await dropServerDatabase(url);
  });

  const keyed = () => ({ authorization: `Bearer ${secret}` });
  // Every registered route (its path parameters filled with the story's id, its required query with a word), and the cases named below.
  const registered = () => createPublicApi(db, { siteUrl: SITE_URL, siteName: SITE.siteName }).registry.routes.map((r) => {
    const q = new URLSearchParams(requiredQuery(r)).toString();
    return { path: `${r.path.replace(/:([A-Za-z_]+)/g, storyId)}${q ? `?${q}` : ''}`, headers: {}, needsDb: true };
  });
  const probes = (): { path: string; headers: Record<string, string>; needsDb: boolean }[] => [
    ...registered(),
    { path: '/api/v1/stories', headers: {}, needsDb: true },
    { path: `/api/v1/stories/${storyId}?format=ninjs`, headers: {}, needsDb: true },
    { path: '/api/v1/search?q=Pegel', headers: {}, needsDb: true },
    { path: '/api/v1/stories?topic=hochwasser', headers: {}, needsDb: true },
    { path: '/api/v1/stories', headers: keyed(), needsDb: true },
    { path: '/api/v1/openapi.json', headers: {}, needsDb: false },
    { path: '/api/v1/docs', headers: {}, needsDb: false },
  ];
  const ask = (p: { path: string; headers: Record<string, string> }) => app.request(`${SITE_URL}${p.path}`, { headers: p.headers });

  test('every route answers 503 (or 200 where no database is needed) instead of hanging; the worker fails its round; all works again afterwards', async (t) => {
    const before = new Map<string, number>();
    for (const p of probes()) {
      const res = await ask(p);
      const text = await res.text();
      // 200, or the 404 of a story id asked as a picture's.
      assert.ok(res.status === 200 || res.status === 404, `${p.path} before: ${res.status} ${text.slice(0, 300)}`);
      before.set(`${p.path} ${p.headers.authorization ?? ''}`, res.status);
    }
    const worker = new WebhookWorker(db, { siteUrl: SITE_URL, send: { allowPrivate: true, timeoutMs: 2_000 }, retryDelay: () => 0, websub: true, log: () => undefined });

    proxy.stall();
    try {
      for (const p of probes()) {
        const res = await ask(p);
        const text = await res.text();
        const label = `${p.path}${p.headers.authorization ? ' (with a key)' : ''}`;
        if (p.needsDb) {
          assert.equal(res.status, 503, `${label}: ${text.slice(0, 300)}`);
          assert.ok(Number(res.headers.get('retry-after')) > 0, `${label}: a 503 says when to come back`);
          assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'UNAVAILABLE', label);
        } else {
          assert.equal(res.status, 200, `${label} needs no database: ${text.slice(0, 300)}`);
        }
      }
      // The key is no longer in the gate's memory (CACHE_MS): the gate itself must ask the database, and must not answer 401 or 500.
      const keyCheck = await ask({ path: '/api/v1/openapi.json', headers: keyed() });
      assert.ok([200, 503].includes(keyCheck.status), `a keyed request for the document answered ${keyCheck.status}`);
      await keyCheck.arrayBuffer();
      // The worker's round ends: with a refusal naming the database, or by returning (never by hanging).
      const round = await worker.runOnce().then((n) => ({ returned: n }), (err: unknown) => ({ err }));
      if ('err' in round) assert.ok(isLedeError(round.err) && round.err.code === 'UNAVAILABLE', `the round failed otherwise: ${String(round.err)}`);
      t.diagnostic(`worker round while silent: ${'err' in round ? (round.err as Error).message : `returned ${round.returned}`}`);
      assert.equal(receiver.received.length, 0, 'nothing was sent while the database was silent');
    } finally {
      proxy.resume();
    }

    for (const p of probes()) {
      const res = await ask(p);
      const text = await res.text();
      assert.equal(res.status, before.get(`${p.path} ${p.headers.authorization ?? ''}`), `${p.path} after: ${text.slice(0, 300)}`);
    }
    // The queued test delivery goes out now (a claim the silence interrupted is taken again once its lease ends).
    while (receiver.received.length === 0) {
      if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(receiver.received[0]!.body.type, 'webhook.test');
    assert.equal(receiver.received[0]!.verified, true);
  });
});

// ------------------------------------------------------------------ 3, 4, 5 on both engines

/** The path parameters of a route: those its schema declares and those in its pattern. */
function pathParams(route: RegisteredRoute): string[] {
  return [...new Set([...Object.keys(route.params?.shape ?? {}), ...[...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!)])];
}

/** Query parameters a route cannot do without (the search words), with a value that passes. */
function requiredQuery(route: RegisteredRoute): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    if (!(schema as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success) out[name] = 'Pegel';
  }
  return out;
}

interface Answer { status: number; location: string | null; type: string; text: string }

forEachEngine('content API probes', (ctx) => {
  let services: Services;
  let app: Hono;
  let admin: Browser;
  let csrf = '';
  let routes: RegisteredRoute[];
  let storyId = '';
  const hostileTopic = '<!--<script>alert(1)</script>';

  before(async () => {
    await new AccountService(ctx.db).createUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD, language: 'en' }, { name: 'test' });
    const events = new EventBus();
    services = createServices(ctx.db, { webhooksAllowPrivate: true }, { events });
    // As `lede serve` runs it: answers and pages kept and purged by events.
    app = createApp(ctx.db, SITE, { services, events, pageCache: new PageCache(), apiGate: { anonymousPerMinute: 1_000_000 } });
    admin = new Browser(app);
    await admin.apiLogin('admin@example.org', PASSWORD);
    csrf = await admin.csrf();
    routes = createPublicApi(ctx.db, { siteUrl: SITE_URL, siteName: SITE.siteName }).registry.routes;
    storyId = (await services.stories.create({
      kind: 'article', headline: 'Der Pegel steigt', section: 'Sachsen', topics: ['Hochwasser'],
      body: [{ type: 'paragraph', content: [{ text: 'Pegel in Dresden.' }] }],
    }, { status: 'published' })).id;
  });

  const get = async (path: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await app.request(`${SITE_URL}${path}`, { headers });
    return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  /** What is wrong with an answer to a junk request ('' if nothing): 5xx, an outside redirect, broken JSON, a 400 that names another parameter. */
  function judge(label: string, a: Answer, parameter: string | undefined): string[] {
    const wrong: string[] = [];
    if (a.status >= 500) wrong.push(`${label}: ${a.status} ${a.text.slice(0, 200)}`);
    if (a.location !== null && !onSite(a.location)) wrong.push(`${label}: redirects to ${a.location}`);
    let body: { error?: { parameter?: unknown } } | undefined;
    if (/json/.test(a.type)) {
      try {
        body = JSON.parse(a.text) as typeof body;
      } catch {
        wrong.push(`${label}: ${a.type} that is not JSON`);
      }
    }
    if (a.status === 400) {
      const named = body?.error?.parameter;
      if (parameter === undefined ? typeof named !== 'string' || !named : named !== parameter) {
        wrong.push(`${label}: the 400 names ${JSON.stringify(named)}, not ${parameter ?? 'a parameter'}`);
      }
    }
    return wrong;
  }

  test('3. junk in every path and query parameter of every registered /api/v1 route: never 5xx, never off site, a 400 names the parameter', HANG, async (t) => {
    assert.ok(routes.length >= 8, `the registry lists ${routes.length} routes`);
    const wrong: string[] = [];
    let asked = 0;
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const params = pathParams(route);
      const required = requiredQuery(route);
      const filled = (junk?: { name: string; value: string }) => route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => (junk?.name === name ? junk.value : storyId));
      const probesOf: { label: string; path: string; parameter: string | undefined }[] = [];
      for (const value of JUNK) {
        for (const name of params) probesOf.push({ label: `${route.path} :${name}=${value.slice(0, 20)}`, path: filled({ name, value }), parameter: name });
        for (const name of queryNames(route)) {
          const q = Object.entries({ ...required, [name]: undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
          probesOf.push({ label: `${route.path} ?${name}=${value.slice(0, 20)}`, path: `${filled()}?${[...q, `${name}=${value}`].join('&')}`, parameter: name });
        }
        // Junk as a parameter's name: refused as unknown (or broken), named however it is shown.
        probesOf.push({ label: `${route.path} ?${value.slice(0, 20)}=1`, path: `${filled()}?${value}=1`, parameter: undefined });
      }
      for (const p of probesOf) {
        const a = await get(p.path);
        asked++;
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        // `..` as a path parameter is resolved away by the URL itself: that request is for another path, which may 400 on its own terms.
        const parameter = p.path.includes('/..') ? undefined : p.parameter;
        wrong.push(...judge(p.label, a, parameter));
      }
    }
    t.diagnostic(`${asked} requests over ${routes.length} routes; answers ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    assert.deepEqual(wrong, []);
  });

  test('3. a section and topics named "<!--" and "<!--<script>…": the catalogue, filters and feeds stay valid; the docs page has no script', HANG, async () => {
    const hostile = await services.stories.create({
      kind: 'article', headline: 'Kommentar zur Lage', section: '<!--', topics: [hostileTopic, 'Hochwasser'],
      body: [{ type: 'paragraph', content: [{ text: 'Ein Kommentar.' }] }],
    }, { status: 'published' });
    const sections = await get('/api/v1/sections');
    assert.equal(sections.status, 200);
    const section = (JSON.parse(sections.text) as { items: { name: string; slug: string; stories: string }[] }).items.find((s) => s.name === '<!--');
    assert.ok(section, 'the section is listed by its name');
    assert.equal(section.slug, sectionSlug('<!--'));
    const topics = await get('/api/v1/topics');
    assert.equal(topics.status, 200);
    const topic = (JSON.parse(topics.text) as { items: { name: string; slug: string; stories: string }[] }).items.find((x) => x.name === hostileTopic);
    assert.ok(topic, 'the topic is listed by its name');

    for (const link of [section.stories, topic.stories]) {
      assert.ok(link.startsWith(`${SITE_URL}/api/v1/stories?`), link);
      const list = await get(link.slice(SITE_URL.length));
      assert.equal(list.status, 200, `${link}: ${list.text.slice(0, 200)}`);
      const items = (JSON.parse(list.text) as { items: { id: string; section: string; topics: string[] }[] }).items;
      assert.ok(items.some((s) => s.id === hostile.id && s.section === '<!--' && s.topics.includes(hostileTopic)), `${link} lists the story with its names intact`);
    }
    // The name itself is no slug: a 400 naming the parameter, not a 500 or an empty list passed off as an answer.
    for (const name of ['section', 'topic']) {
      const raw = await get(`/api/v1/stories?${name}=${encodeURIComponent('<!--')}`);
      assert.equal(raw.status, 400);
      assert.equal((JSON.parse(raw.text) as { error: { parameter: string } }).error.parameter, name);
    }
    for (const format of ['ninjs', 'ninjs-2.2', 'newsml', 'json']) {
      const one = await get(`/api/v1/stories/${hostile.id}?format=${format}`);
      assert.equal(one.status, 200, format);
      if (format === 'newsml') assert.ok(!one.text.includes('<!--<script>') && !one.text.includes('<script>'), 'NewsML-G2 escapes the names');
      else JSON.parse(one.text);
    }
    for (const feed of [`/${section.slug}/feed.xml`, `/thema/${topic.slug}/feed.xml`, '/feed.json', '/atom.xml']) {
      const res = await get(feed);
      assert.equal(res.status, 200, feed);
      if (feed.endsWith('.json')) {
        // JSON Feed: the names are text in JSON strings (no HTML context), and the document stays JSON.
        const items = (JSON.parse(res.text) as { items: { id: string; tags?: string[]; content_html?: string }[] }).items;
        const mine = items.find((i) => i.id.includes(hostile.id) || (i.tags ?? []).includes(hostileTopic));
        assert.ok(mine, `${feed} lists the story`);
        assert.ok(!(mine.content_html ?? '').includes('<script>'), `${feed}: content_html carries no raw <script>`);
      } else {
        assert.ok(!res.text.includes('<!--<script>') && !res.text.includes('<script>alert'), `${feed} carries the names escaped`);
      }
    }

    const docs = await get('/api/v1/docs');
    assert.equal(docs.status, 200);
    assert.doesNotMatch(docs.text, /<script/i, 'the reference page has no script');
    // The site's name is the one outside text the reference page and the OpenAPI document carry.
    const named = createApp(ctx.db, { ...SITE, siteName: HOSTILE }, { apiGate: { anonymousPerMinute: 1_000_000 } });
    const page = await (await named.request(`${SITE_URL}/api/v1/docs`)).text();
    assert.ok(!page.includes('<!--<script>') && !/<script/i.test(page), 'a site name with markup is escaped on the reference page');
    assert.ok(page.includes('alert(1)'), 'the site name is shown (escaped), so the check above saw it');
    const doc = JSON.parse(await (await named.request(`${SITE_URL}/api/v1/openapi.json`)).text()) as { info: { title: string } };
    assert.ok(doc.info.title.includes(HOSTILE), 'the OpenAPI document stays JSON with the name as text');
  });

  test('3. every topic /api/v1/topics lists has a slug its own `stories` link and its page accept, "<!--" and "経済" too', HANG, async () => {
    await services.stories.create({
      kind: 'article', headline: 'Nur Zeichen', section: 'Sachsen', topics: ['<!--', '経済'],
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { status: 'published' });
    const items = (JSON.parse((await get('/api/v1/topics')).text) as { items: { name: string; slug: string; stories: string }[] }).items;
    const wrong: string[] = [];
    for (const topic of items) {
      if (!topic.slug) wrong.push(`${topic.name}: empty slug`);
      const list = await get(topic.stories.slice(SITE_URL.length));
      if (list.status !== 200) wrong.push(`${topic.name}: ${topic.stories} answered ${list.status}`);
      else if (!(JSON.parse(list.text) as { items: unknown[] }).items.length) wrong.push(`${topic.name}: ${topic.stories} lists nothing`);
      const page = await app.request(`${SITE_URL}/thema/${topic.slug}`);
      if (page.status !== 200) wrong.push(`${topic.name}: its page /thema/${topic.slug} answered ${page.status}`);
      await page.arrayBuffer();
    }
    assert.ok(items.some((t) => t.name === '経済' && /^thema-[0-9a-f]{8}$/.test(t.slug)), 'a topic in another script gets a stable fallback slug');
    assert.deepEqual(wrong, []);
  });

  test('3. webhook descriptions, URLs and key names with markup are escaped on the newsroom pages', HANG, async () => {
    const hook = await services.webhooks.create({ url: `https://hooks.example.org/a?x=${encodeURIComponent('"><')}<script>alert(2)</script>`, events: ['story.published'], description: HOSTILE, active: false });
    const made = await admin.json('POST', '/newsroom/api/api-keys', { name: HOSTILE });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    try {
      const pages = new Browser(app);
      await pages.login('admin@example.org', PASSWORD);
      for (const path of ['/newsroom/webhooks', `/newsroom/webhooks/${hook.id}`, '/newsroom/api-keys', '/newsroom/audit']) {
        const res = await pages.request(path);
        const html = await res.text();
        assert.equal(res.status, 200, path);
        assert.ok(!html.includes('<script>alert('), `${path}: a raw <script> from stored text`);
        assert.ok(!html.includes('<!--<script>'), `${path}: a raw comment opener from stored text`);
      }
      const list = await (await pages.request('/newsroom/webhooks')).text();
      assert.ok(list.includes('&lt;!--&lt;script&gt;alert(1)'), 'the description is shown, escaped');
      const keys = await (await pages.request('/newsroom/api-keys')).text();
      assert.ok(keys.includes('&lt;!--&lt;script&gt;alert(1)'), 'the key name is shown, escaped');
      // JSON answers carry the names as text.
      const hooks = (await admin.json('GET', '/newsroom/api/webhooks')).body as { description: string }[];
      assert.ok(hooks.some((h) => h.description === HOSTILE));
    } finally {
      await services.webhooks.remove(hook.id);
      await services.apiKeys.revoke((made.body as { id: string }).id, { name: 'test' });
    }
  });

  test('1. a write method on a read-only /api/v1 resource is 405 with Allow, not "no such resource"', HANG, async () => {
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z_]+)/g, storyId);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await app.request(`${SITE_URL}${path}`, { method, body: method === 'DELETE' ? null : '{}', headers: { 'content-type': 'application/json' } });
        await res.arrayBuffer();
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.match(res.headers.get('allow') ?? '', /\bGET\b/, `${method} ${path}: Allow names GET`);
      }
    }
  });

  // ---------------------------------------------------------------- 4. broken text in the newsroom's JSON bodies

  test('4. NUL and lone surrogates as JSON escapes in webhook and API key bodies: a 4xx naming the field, nothing stored', HANG, async () => {
    const raw = (method: string, path: string, text: string) =>
      admin.request(path, { method, body: text, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf } });
    const counts = async () => (await ctx.db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM webhook_subscriptions) + (SELECT count(*) FROM api_keys) * 1000 + (SELECT count(*) FROM audit_log) * 1000000 AS n`))[0]!.n;
    const target = await services.webhooks.create({ url: 'https://hooks.example.org/bleibt', events: ['story.published'], description: 'bleibt', active: false });
    const stored = JSON.stringify(await services.webhooks.get(target.id));
    const before = await counts();
    const wrong: string[] = [];
    try {
      for (const bad of ['\\u0000', '\\ud800', '\\udc00']) {
        const hook = { url: `"https://hooks.example.org/x${bad}"`, description: `"Partner${bad}"`, events: `["story.published${bad}"]` };
        const cases: { method: string; path: string; field: string; body: string }[] = [];
        for (const [field, value] of Object.entries(hook)) {
          const fields = { url: '"https://hooks.example.org/ok"', events: '["story.published"]', active: 'false', [field]: value };
          cases.push({ method: 'POST', path: '/newsroom/api/webhooks', field, body: `{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(',')}}` });
          cases.push({ method: 'PATCH', path: `/newsroom/api/webhooks/${target.id}`, field, body: `{"${field}":${value}}` });
        }
        cases.push({ method: 'POST', path: '/newsroom/api/api-keys', field: 'name', body: `{"name":"Partner${bad}"}` });
        cases.push({ method: 'POST', path: '/newsroom/api/api-keys', field: 'expiresAt', body: `{"name":"Partner","expiresAt":"2099-01-01T00:00:00${bad}+01:00"}` });
        // In a field's name too.
        cases.push({ method: 'POST', path: '/newsroom/api/api-keys', field: `na${bad === '\\u0000' ? '\u0000' : bad === '\\ud800' ? '\ud800' : '\udc00'}me`, body: `{"name":"Partner","na${bad}me":"x"}` });
        for (const c of cases) {
          const res = await raw(c.method, c.path, c.body);
          const text = await res.text();
          const label = `${c.method} ${c.path.replace(target.id, ':id')} ${c.field} with ${bad}`;
          if (res.status < 400 || res.status >= 500) {
            wrong.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
            continue;
          }
          let issues: { path: string }[] = [];
          try {
            issues = (JSON.parse(text) as { error: { issues?: { path: string }[] } }).error.issues ?? [];
          } catch {
            wrong.push(`${label}: not JSON: ${text.slice(0, 200)}`);
          }
          if (!issues.some((i) => i.path === c.field || i.path.startsWith(`${c.field}[`))) wrong.push(`${label}: ${res.status} names ${JSON.stringify(issues.map((i) => i.path))}`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.equal(await counts(), before, 'no subscription, key or audit entry was added');
      assert.equal(JSON.stringify(await services.webhooks.get(target.id)), stored, 'the subscription is unchanged');
    } finally {
      await services.webhooks.remove(target.id);
    }
  });

  // ---------------------------------------------------------------- 5. two nodes on one database

  const oneProcess = ctx.engine === 'pglite' ? 'PGlite: one process owns the database, so there is no second node' : false;

  test('5. a key revoked on node A is refused by node B within CACHE_MS', { skip: oneProcess, ...HANG }, async (t) => {
    const second = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }));
    try {
      const nodeB = createApp(second, SITE, { apiGate: { anonymousPerMinute: 1_000_000 } });
      const made = await admin.json('POST', '/newsroom/api/api-keys', { name: 'Zwei Knoten', ratePerMinute: 100_000 });
      assert.equal(made.status, 201);
      const { id, secret } = made.body as { id: string; secret: string };
      const ask = (node: Hono) => node.request(`${SITE_URL}/api/v1/sections`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal((await ask(app)).status, 200, 'node A takes the key');
      assert.equal((await ask(nodeB)).status, 200, 'node B takes the key (and now remembers it)');

      const revokeSent = Date.now();
      assert.equal((await admin.api('POST', `/newsroom/api/api-keys/${id}/revoke`)).status, 200);
      const revoked = Date.now();
      assert.equal((await ask(app)).status, 401, 'node A refuses it at once');
      // Any request node B starts at least CACHE_MS after the revocation was sent must be refused. Poll until it is.
      const bound = Math.max(revokeSent + CACHE_MS, revoked);
      let answered = 0;
      for (;;) {
        const started = Date.now();
        const res = await ask(nodeB);
        await res.arrayBuffer();
        if (res.status === 401) {
          answered = started;
          break;
        }
        assert.equal(res.status, 200, 'until then node B answers as before');
        assert.ok(started < bound, `node B still took the revoked key ${started - revokeSent} ms after the revocation (bound ${CACHE_MS} ms)`);
        await new Promise((r) => setTimeout(r, 100));
      }
      t.diagnostic(`node B refused the key ${answered - revokeSent} ms after the revocation was sent`);
    } finally {
      await second.close();
    }
  });

  test('5. a WebSub ping queued once is sent by exactly one of two workers running at once', { skip: oneProcess, ...HANG }, async (t) => {
    const second = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }));
    const pings: string[] = [];
    const hub = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        pings.push(new URLSearchParams(body).get('hub.url') ?? '(none)');
        // A little while in flight, so the two workers' rounds overlap.
        setTimeout(() => res.writeHead(204).end(), 30);
      });
    });
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub`;
    try {
      // No webhook subscription may be waiting: the workers would send its deliveries too.
      for (const old of await services.webhooks.list()) await services.webhooks.remove(old.id);
      await syncWebsubHubs(ctx.db, [hubUrl]);
      await ctx.db.query('DELETE FROM websub_pings');
      for (const section of ['Sachsen', 'Kultur', 'Sport']) {
        await services.stories.create({
          kind: 'article', headline: `Neues aus ${section}`, section, topics: [`${section} aktuell`],
          body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
        }, { status: 'published' });
      }
      const owed = (await pendingPings(ctx.db)).map((p) => p.topic).sort();
      assert.ok(owed.length >= 9, `pings queued: ${owed.length}`);
      assert.equal(new Set(owed).size, owed.length, 'one ping per feed is queued');

      const worker = (db: Database, node: string) => new WebhookWorker(db, {
        siteUrl: SITE_URL, send: { timeoutMs: 5_000 }, retryDelay: () => 0, websub: true, batch: 2, node, log: () => undefined,
      });
      const a = worker(ctx.db, 'a');
      const b = worker(second, 'b');
      const drain = async (w: WebhookWorker) => {
        for (let idle = 0; idle < 3;) idle = (await w.runOnce()) > 0 ? 0 : idle + 1;
      };
      await Promise.all([drain(a), drain(b)]);
      t.diagnostic(`node a sent ${a.stats.pinged}, node b ${b.stats.pinged} of ${owed.length} pings`);
      assert.deepEqual(pings.map((p) => p.slice(SITE_URL.length)).sort(), owed, 'each feed pinged exactly once');
      assert.equal(a.stats.pinged + b.stats.pinged, owed.length);
      assert.deepEqual(await pendingPings(ctx.db), []);
    } finally {
      await syncWebsubHubs(ctx.db, []);
      await second.close();
      await new Promise<void>((r) => hub.close(() => r()));
    }
  });
});
