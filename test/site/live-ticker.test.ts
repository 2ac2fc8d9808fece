/**
 * Live ticker pages update themselves: the live fragment endpoint on both
 * engines (through the page cache, purged by story updates), the script it
 * serves, and the whole loop in a real Chromium with JavaScript on and off.
 */
import { serve } from '@hono/node-server';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { validateDraft, type Block, type Story, type TickerEntryBlock } from '../../src/content/index.js';
import { EventBus } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { tickerEntryIds } from '../../src/site/live/entry-ids.js';
import type { LiveFragment } from '../../src/site/live/live-routes.js';
import { LIVE_TICKER_JS, LIVE_TICKER_SCRIPT_PATH } from '../../src/site/live/live-ticker-script.js';
import { PageCache, surrogateKeysFor } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { AXE_SOURCE_PATH, launchChromium, missingChromium, type AxeViolation } from './page-checkers.js';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const entry = (time: string, title: string, more: Partial<TickerEntryBlock> = {}): TickerEntryBlock => (
  { type: 'ticker-entry', time, title, body: [p(`Text zu ${title}.`)], ...more }
);

let counter = 0;
/** A published live ticker; its body deliberately not in time order (the page sorts). */
async function createTicker(service: StoryService, entries: TickerEntryBlock[]): Promise<Story> {
  counter++;
  return service.create({
    kind: 'liveticker',
    headline: `Unwetter ${counter}: Die Lage im Ticker`,
    teaser: 'Wir halten Sie auf dem Laufenden.',
    section: 'Sachsen-Anhalt',
    topics: ['Unwetter'],
    firstPublishedAt: '2026-11-20T08:00:00+01:00',
    body: entries,
  }, { status: 'published' });
}

/** What an editor's tool does: the story as it is, with one more entry on top. */
async function addEntry(service: StoryService, slug: string, e: TickerEntryBlock): Promise<Story> {
  const s = await service.get(slug);
  return service.update(slug, { ...s, body: [e, ...s.body] });
}

const pagePath = (s: Story) => `/sachsen-anhalt/${s.slug}`;
const livePath = (s: Story, nach?: string) => `${pagePath(s)}/live.json${nach ? `?nach=${encodeURIComponent(nach)}` : ''}`;

test('entry ids: own ids kept, derived ids stable when newer entries arrive, same-minute entries distinct', () => {
  const a = entry('2026-11-20T10:00:00+01:00', 'A');
  const b = entry('2026-11-20T10:00:00+01:00', 'B');
  const own = entry('2026-11-20T09:00:00+01:00', 'Own', { id: 'redaktion-42' });
  const before = tickerEntryIds([b, a, own]);
  assert.equal(before.get(a), 'e-202611201000');
  assert.equal(before.get(b), 'e-202611201000-2');
  assert.equal(before.get(own), 'e-redaktion-42');
  // A newer entry in the same minute, on top as editors add them: nobody is renamed.
  const c = entry('2026-11-20T10:00:30+01:00', 'C');
  const afterAdd = tickerEntryIds([c, b, a, own]);
  assert.equal(afterAdd.get(a), 'e-202611201000');
  assert.equal(afterAdd.get(b), 'e-202611201000-2');
  assert.equal(afterAdd.get(c), 'e-202611201000-3');
  assert.equal(new Set(afterAdd.values()).size, 4);
});

test('ticker entry ids are validated: a safe form, unique within the story', () => {
  const draft = (entries: unknown[]) => validateDraft({ kind: 'liveticker', headline: 'Ticker', body: entries });
  const ok = draft([{ type: 'ticker-entry', id: 'abc-1', time: '2026-11-20T10:00:00+01:00', title: 'A' }]);
  assert.ok(ok.ok);
  assert.equal((ok.value.body[0] as TickerEntryBlock).id, 'abc-1');
  const bad = draft([{ type: 'ticker-entry', id: '"><script>', time: '2026-11-20T10:00:00+01:00', title: 'A' }]);
  assert.ok(!bad.ok);
  assert.equal(bad.issues[0]!.path, 'body[0].id');
  const twice = draft([
    { type: 'ticker-entry', id: 'x', time: '2026-11-20T10:00:00+01:00', title: 'A' },
    { type: 'ticker-entry', id: 'x', time: '2026-11-20T10:01:00+01:00', title: 'B' },
  ]);
  assert.ok(!twice.ok);
  assert.match(twice.issues.map((i) => `${i.path}: ${i.message}`).join(), /body\[1\]\.id: .*unique/);
});

test('the live fragment is purged with its story; the script is not page-cached', () => {
  assert.deepEqual(surrogateKeysFor('/sachsen-anhalt/ein-ticker/live.json'), ['story:ein-ticker']);
  assert.ok(Buffer.byteLength(LIVE_TICKER_JS) < 2048, `live ticker script is ${Buffer.byteLength(LIVE_TICKER_JS)} bytes`);
  assert.match(LIVE_TICKER_SCRIPT_PATH, /^\/assets\/live-ticker\.[0-9a-f]{12}\.js$/);
});

for (const engine of engines()) {
  describe(`live ticker updates on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;

    before(async () => {
      db = await engine.open();
      const events = new EventBus();
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' }, { pageCache: new PageCache(), events });
      service = new StoryService(db, events);
    });
    after(async () => {
      await db?.close();
    });

    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

    test('the page lists entries newest first with their times and loads the script deferred', async () => {
      const s = await createTicker(service, [
        entry('2026-11-20T09:15:00+01:00', 'Mitte'),
        entry('2026-11-20T10:30:00+01:00', 'Neueste'),
        entry('2026-11-20T08:05:00+01:00', 'Älteste'),
      ]);
      const html = await (await get(pagePath(s))).text();
      const times = [...html.matchAll(/<li id="(e-[\w-]+)"><p class="entry-meta"><time datetime="([^"]+)">(\d\d:\d\d) Uhr<\/time>/g)]
        .map((m) => [m[1], m[2], m[3]]);
      assert.deepEqual(times, [
        ['e-202611201030', '2026-11-20T10:30:00+01:00', '10:30'],
        ['e-202611200915', '2026-11-20T09:15:00+01:00', '09:15'],
        ['e-202611200805', '2026-11-20T08:05:00+01:00', '08:05'],
      ]);
      const script = /<script ([^>]*)><\/script>/.exec(html)?.[1] ?? '';
      assert.match(script, new RegExp(`src="${LIVE_TICKER_SCRIPT_PATH.replace(/\./g, '\\.')}"`));
      assert.match(script, /\bdefer\b/);
      assert.match(script, new RegExp(`data-live="${pagePath(s)}/live\\.json"`));
      assert.match(html, /<p class="meta" id="live-note">Neueste Einträge zuerst\. Neu laden für neue Einträge\.<\/p>/);
    });

    test('live.json: only the entries at or after "nach", newest first, rendered exactly as on the page', async () => {
      const s = await createTicker(service, [
        entry('2026-11-20T11:00:00+01:00', 'Drei'),
        entry('2026-11-20T10:00:00+01:00', 'Zwei'),
        entry('2026-11-20T09:00:00+01:00', 'Eins'),
      ]);
      const res = await get(livePath(s, '2026-11-20T10:00:00+01:00'));
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = await res.json() as LiveFragment;
      assert.equal(body.version, s.version);
      assert.deepEqual(body.entries.map((e) => e.id), ['e-202611201100', 'e-202611201000']);
      const page = await (await get(pagePath(s))).text();
      for (const e of body.entries) assert.ok(page.includes(e.html), `${e.id} is rendered as on the page`);
      assert.match(body.entries[0]!.html, /^<li id="e-202611201100"><p class="entry-meta"><time datetime="2026-11-20T11:00:00\+01:00">11:00 Uhr<\/time><\/p><h2>Drei<\/h2>/);
      // Nothing newer than the newest: just the newest itself (the script skips what it shows).
      const none = await (await get(livePath(s, '2026-11-20T11:00:01+01:00'))).json() as LiveFragment;
      assert.deepEqual(none.entries, []);
      // Without "nach": all of them; with a broken one: 400.
      assert.equal((await (await get(livePath(s))).json() as LiveFragment).entries.length, 3);
      assert.equal((await get(`${pagePath(s)}/live.json?nach=gestern`)).status, 400);
    });

    test('hostile entry text arrives escaped', async () => {
      const s = await createTicker(service, [{
        type: 'ticker-entry',
        time: '2026-11-20T12:00:00+01:00',
        title: '<img src=x onerror="alert(1)">',
        location: '</li><script>alert(2)</script>',
        body: [{ type: 'paragraph', content: [{ text: '"><svg onload=alert(3)>', href: 'https://example.org/?a="><b>' }] }],
      }]);
      const body = await (await get(livePath(s, '2026-11-20T12:00:00+01:00'))).json() as LiveFragment;
      const html = body.entries[0]!.html;
      assert.doesNotMatch(html, /<img|<script|<svg|<b>/);
      assert.match(html, /&lt;img src=x onerror=.{1,6}alert\(1\).{1,6}&gt;/);
      assert.match(html, /&lt;\/li&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
      assert.equal(html.match(/<li/g)?.length, 1);
    });

    test('404 for what is not a public live ticker, 410 once it is depublished', async () => {
      const article = await service.create({ headline: `Kein Ticker ${++counter}`, section: 'Sachsen-Anhalt', body: [p('Nur Text.')] }, { status: 'published' });
      assert.equal((await get(livePath(article))).status, 404);
      assert.equal((await get('/sachsen-anhalt/gibt-es-nicht/live.json')).status, 404);
      const draft = await service.create({ kind: 'liveticker', headline: `Entwurf ${++counter}`, section: 'Sachsen-Anhalt', body: [entry('2026-11-20T10:00:00+01:00', 'Geheim')] });
      const hidden = await get(livePath(draft));
      assert.equal(hidden.status, 404);
      assert.doesNotMatch(await hidden.text(), /Geheim/);
      const s = await createTicker(service, [entry('2026-11-20T10:00:00+01:00', 'Bald weg')]);
      assert.equal((await get(livePath(s))).status, 200);
      await service.depublish(s.slug);
      const gone = await get(livePath(s));
      assert.equal(gone.status, 410);
      assert.equal(gone.headers.get('cache-control'), 'no-store');
    });

    test('cached under the story key; an update purges it and the new entry shows on the next poll', async () => {
      const s = await createTicker(service, [entry('2026-11-20T10:00:00+01:00', 'Erste Meldung')]);
      const path = livePath(s, '2026-11-20T10:00:00+01:00');
      const first = await get(path);
      assert.equal(first.headers.get('x-cache'), 'MISS');
      assert.equal(first.headers.get('surrogate-key'), `story:${s.slug}`);
      const etag = first.headers.get('etag')!;
      const again = await get(path, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('x-cache'), 'HIT');

      const updated = await addEntry(service, s.slug, entry('2026-11-20T10:05:00+01:00', 'Zweite Meldung'));
      const fresh = await get(path, { 'if-none-match': etag });
      assert.equal(fresh.status, 200);
      assert.equal(fresh.headers.get('x-cache'), 'MISS');
      const body = await fresh.json() as LiveFragment;
      assert.equal(body.version, updated.version);
      assert.deepEqual(body.entries.map((e) => e.id), ['e-202611201005', 'e-202611201000']);
      assert.match(body.entries[0]!.html, /Zweite Meldung/);
    });

    test('the script: immutable, JavaScript, allowed by the CSP, outside the page cache; other hashes 404', async () => {
      const res = await get(LIVE_TICKER_SCRIPT_PATH);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(res.headers.get('x-cache'), null);
      assert.equal(await res.text(), LIVE_TICKER_JS);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'[;]/);
      assert.doesNotMatch(csp, /unsafe-inline[^;]*;[^;]*$|script-src[^;]*unsafe/);
      assert.equal((await get('/assets/live-ticker.000000000000.js')).status, 404);
    });
  });
}

describe('live ticker in Chromium', () => {
  const pglite = engines()[0]!;
  let db: Database;
  let service: StoryService;
  let base: string;
  let baseUncached: string;
  let close: () => void;

  before(async () => {
    db = await pglite.open();
    const events = new EventBus();
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: new PageCache(), events });
    service = new StoryService(db, events);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    const uncached = serve({ fetch: createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }).fetch, port: 0, hostname: '127.0.0.1' });
    await Promise.all([server, uncached].map((srv) => new Promise((r) => srv.once('listening', r))));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    baseUncached = `http://127.0.0.1:${(uncached.address() as AddressInfo).port}`;
    close = () => {
      server.close();
      uncached.close();
    };
  });
  after(async () => {
    close?.();
    await db?.close();
  });

  const now = (minutesAgo = 0) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

  test('with JavaScript on, a new entry appears without a reload, announced politely; axe finds nothing', async (t) => {
    const why = missingChromium();
    if (why) return t.skip(why);
    const s = await createTicker(service, [entry(now(30), 'Lage unübersichtlich'), entry(now(60), 'Erste Warnungen')]);
    const browser = await launchChromium();
    try {
      // The site's real CSP applies (no bypass): the script must be allowed by it.
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
      let polls = 0;
      page.on('request', (req) => { if (req.url().includes('/live.json')) polls++; });
      // Timers run on a test clock: the 15 s poll interval passes at once, without waiting or timing assertions.
      await page.clock.install();
      await page.goto(base + pagePath(s));
      await page.locator('p.live-status[role="status"]').waitFor({ state: 'attached', timeout: 10_000 });
      assert.equal(await page.locator('#live-note').textContent(), 'Neueste Einträge zuerst. Neue Einträge erscheinen automatisch.');
      assert.equal(await page.locator('ol.ticker > li').count(), 2);
      await page.evaluate(() => { (window as unknown as { stayed: string }).stayed = 'same document'; });
      await page.locator('nav.topics a').focus();

      // A poll with nothing new changes nothing.
      await page.clock.runFor(16_000);
      await waitUntil(() => polls >= 1, 'the first poll');
      assert.equal(await page.locator('ol.ticker > li').count(), 2);

      const added = await addEntry(service, s.slug, entry(now(), 'Deich bei Wörlitz hält <nicht>'));
      const newId = tickerEntryIds(added.body).get(added.body[0] as TickerEntryBlock)!;
      await page.clock.runFor(16_000);
      await page.locator(`ol.ticker > li#${newId}`).waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('ol.ticker > li').first().getAttribute('id'), newId, 'new entry on top');
      assert.equal(await page.locator('ol.ticker > li').count(), 3);
      assert.equal(await page.locator(`#${newId} h2`).textContent(), 'Deich bei Wörlitz hält <nicht>');
      assert.equal(await page.locator('p.live-status').textContent(), '1 neuer Eintrag');
      assert.equal(await page.evaluate(() => (window as unknown as { stayed?: string }).stayed), 'same document', 'no reload');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('nav.topics') !== null), true, 'focus stays where the reader left it');

      // Two more at once: one announcement for both, neither duplicated by later polls.
      const two = await service.get(s.slug);
      await service.update(s.slug, { ...two, body: [entry(now(), 'Zweite neue'), entry(now(), 'Erste neue'), ...two.body] });
      await page.clock.runFor(16_000);
      await waitUntil(async () => (await page.locator('ol.ticker > li').count()) === 5, 'two more entries');
      assert.equal(await page.locator('p.live-status').textContent(), '2 neue Einträge');
      await page.clock.runFor(16_000);
      await page.clock.runFor(16_000);
      assert.equal(await page.locator('ol.ticker > li').count(), 5);

      // axe-core after the update (evaluated through the DevTools protocol, which the CSP does not govern).
      await page.evaluate(readFileSync(AXE_SOURCE_PATH, 'utf8'));
      const violations = (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return r.violations;
      })) as AxeViolation[];
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.html).slice(0, 2).join(' | ')}`), []);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('a ticker taken down: the script stops polling and says so', async (t) => {
    const why = missingChromium();
    if (why) return t.skip(why);
    const s = await createTicker(service, [entry(now(10), 'Letzte Meldung')]);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      let polls = 0;
      page.on('request', (req) => { if (req.url().includes('/live.json')) polls++; });
      await page.clock.install();
      // Without the page cache: through it, non-200 answers currently turn into 500s under @hono/node-server.
      await page.goto(baseUncached + pagePath(s));
      await page.locator('p.live-status').waitFor({ state: 'attached', timeout: 10_000 });
      await service.depublish(s.slug);
      await page.clock.runFor(16_000);
      await waitUntil(async () => /nicht mehr verfügbar/.test((await page.locator('p.live-status').textContent()) ?? ''), 'the "gone" note');
      const pollsWhenGone = polls;
      await page.clock.runFor(120_000);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      assert.equal(polls, pollsWhenGone, 'no polling after 410');
      assert.equal(await page.locator('ol.ticker > li').count(), 1, 'what the reader had stays');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('a hidden tab does not poll; it catches up when shown again', async (t) => {
    const why = missingChromium();
    if (why) return t.skip(why);
    const s = await createTicker(service, [entry(now(30), 'Vor einer halben Stunde')]);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      let polls = 0;
      page.on('request', (req) => { if (req.url().includes('/live.json')) polls++; });
      // Pretend the tab is in the background (the DevTools protocol injects this before any page script;
      // a string, because the test's TypeScript transform would add helpers the page does not have).
      await page.addInitScript({ content: `(() => {
        let hidden = true;
        Object.defineProperty(document, 'hidden', { get: () => hidden });
        Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
        window.show = () => { hidden = false; document.dispatchEvent(new Event('visibilitychange')); };
      })();` });
      await page.clock.install();
      await page.goto(base + pagePath(s));
      await page.locator('p.live-status').waitFor({ state: 'attached', timeout: 10_000 });
      const added = await addEntry(service, s.slug, entry(now(), 'Während der Tab im Hintergrund war'));
      await page.clock.runFor(120_000);
      assert.equal(polls, 0, 'no polls while hidden');
      assert.equal(await page.locator('ol.ticker > li').count(), 1);
      await page.evaluate(() => (window as unknown as { show: () => void }).show());
      await page.clock.runFor(1_000);
      const newId = tickerEntryIds(added.body).get(added.body[0] as TickerEntryBlock)!;
      await page.locator(`#${newId}`).waitFor({ timeout: 10_000 });
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('with JavaScript off the page is complete, and a reload shows a new entry', async (t) => {
    const why = missingChromium();
    if (why) return t.skip(why);
    const s = await createTicker(service, [entry(now(20), 'Pegel steigt'), entry(now(40), 'Sandsäcke verteilt'), entry(now(50), 'Krisenstab tagt')]);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(base + pagePath(s));
      assert.deepEqual(await page.locator('ol.ticker > li h2').allTextContents(), ['Pegel steigt', 'Sandsäcke verteilt', 'Krisenstab tagt']);
      assert.equal(await page.locator('ol.ticker > li .entry-meta time[datetime]').count(), 3);
      assert.equal(await page.locator('#live-note').textContent(), 'Neueste Einträge zuerst. Neu laden für neue Einträge.');
      assert.equal(await page.locator('.live-status').count(), 0);
      await addEntry(service, s.slug, entry(now(), 'Neue Lage nach dem Neuladen'));
      await page.reload();
      assert.deepEqual((await page.locator('ol.ticker > li h2').allTextContents())[0], 'Neue Lage nach dem Neuladen');
      assert.equal(await page.locator('ol.ticker > li').count(), 4);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

/** Polls `check` until it holds (bounded: 10 s), for effects of real network round trips. */
async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
