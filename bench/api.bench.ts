/**
 * The content API (issue 13) at BENCH_API_STORIES (100,000) published
 * stories, on PGlite and on a throwaway PostgreSQL, uncached (the app gets no
 * event bus, so its answer cache is off and every request is served from the
 * database): p50/p99 of the story list (first page, a later page by cursor,
 * filtered by section and by updated_since) and of one story, each in Lede
 * JSON, ninjs 3.1, ninjs 2.2 and (single stories) NewsML-G2. Requests go
 * through app.request, so the figures are the app's own time without the
 * network.
 *
 * Webhooks, through the real outbox and worker to a local receiver that
 * checks every signature: publish → received p50/p99 (stories published one
 * at a time), deliveries per second for BENCH_API_BURST (500) stories
 * published at once, and a receiver that answers 503 for
 * BENCH_API_DOWN_SECONDS (60; the issue's case is 600) while stories are
 * published, then comes back: how long until every event arrived, and
 * whether any event came with two different ids. Prints figures; never
 * passes or fails.
 *
 *   BENCH_API_STORIES (100000)  BENCH_API_RUNS (60)  BENCH_API_BURST (500)
 *   BENCH_API_DOWN_SECONDS (60)  BENCH_ENGINES  BENCH_API_WEBHOOKS (0: reads only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { migrate, type Database } from '../src/store/index.js';
import { fastFill } from './search-archive.js';
import { EventBus } from '../src/events/event-bus.js';
import { createServices } from '../src/services/index.js';
import { WebhookWorker } from '../src/services/webhook-worker.js';
import type { StoryDraft } from '../src/content/index.js';
import { startWebhookReceiver, type Reply } from '../test/helpers/webhook-receiver.js';
import { onEachEngine } from './each-engine.js';

const STORIES = Number(process.env.BENCH_API_STORIES ?? 100_000);
const RUNS = Number(process.env.BENCH_API_RUNS ?? 60);
const SITE = { siteName: 'Lede Bench', siteUrl: 'https://news.example', trustProxy: false };
const BURST = Number(process.env.BENCH_API_BURST ?? 500);
const DOWN_SECONDS = Number(process.env.BENCH_API_DOWN_SECONDS ?? 60);

const draft = (i: number): StoryDraft => ({
  kind: 'article', language: 'de', headline: `Webhook-Messung ${i}: Brücke wieder offen`, teaser: 'Kurz.', authors: [], section: 'Politik', topics: [], related: [],
  body: [{ type: 'paragraph', content: [{ text: `Absatz ${i}.` }] }],
});

async function webhooks(label: string, db: Database): Promise<void> {
  const events = new EventBus();
  const services = createServices(db, { webhooksAllowPrivate: true }, { events });
  let down = false;
  const receiver = await startWebhookReceiver({ reply: (): Reply => (down ? { status: 503 } : { status: 204 }) });
  const sub = await services.webhooks.create({ url: receiver.url, events: ['story.published'] });
  receiver.setSecret(sub.secret);
  const worker = new WebhookWorker(db, { siteUrl: SITE.siteUrl, events, send: { allowPrivate: true }, log: () => undefined });
  worker.start();
  // Ids delivered so far, read incrementally: a scan of every request per check would eat the worker's CPU in this process.
  const got = new Set<string>();
  let seen = 0;
  const arrived = (id: string) => {
    for (; seen < receiver.received.length; seen++) {
      const r = receiver.received[seen]!;
      if (r.status < 300) got.add(String(r.body.data.id));
    }
    return got.has(id);
  };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 2));
  };
  try {
    const waits: number[] = [];
    for (let i = 0; i < 60; i++) {
      const story = await services.stories.create(draft(i));
      const t = performance.now();
      await services.stories.publish(story.id);
      await until(() => arrived(story.id));
      waits.push(performance.now() - t);
    }
    waits.sort((a, b) => a - b);
    console.log(`${label}: publish → webhook received: p50 ${pct(waits, 50).toFixed(1)} ms, p99 ${pct(waits, 99).toFixed(1)} ms (60 stories, one at a time)`);

    const drafts = await Promise.all(Array.from({ length: BURST }, (_, i) => services.stories.create(draft(1000 + i))));
    const t = performance.now();
    for (const d of drafts) await services.stories.publish(d.id);
    await until(() => drafts.every((d) => arrived(d.id)));
    const secs = (performance.now() - t) / 1000;
    console.log(`${label}: ${BURST} stories published at once: all delivered in ${secs.toFixed(1)} s = ${(BURST / secs).toFixed(0)} deliveries/s (publishing included)`);

    // Delivery alone: the outbox filled while no worker runs, then one worker drains it.
    await worker.stop();
    const queued = await Promise.all(Array.from({ length: BURST }, (_, i) => services.stories.create(draft(3000 + i))));
    for (const d of queued) await services.stories.publish(d.id);
    const t2 = performance.now();
    worker.start();
    await until(() => queued.every((d) => arrived(d.id)));
    const drainSecs = (performance.now() - t2) / 1000;
    console.log(`${label}: ${BURST} deliveries queued, then one worker drains them: ${drainSecs.toFixed(1)} s = ${(BURST / drainSecs).toFixed(0)} deliveries/s`);

    down = true;
    const offline = await Promise.all(Array.from({ length: 100 }, (_, i) => services.stories.create(draft(5000 + i))));
    for (const d of offline) await services.stories.publish(d.id);
    await new Promise((r) => setTimeout(r, DOWN_SECONDS * 1000));
    down = false;
    const back = performance.now();
    await until(() => offline.every((d) => arrived(d.id)));
    const ids = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const key = `${r.body.type} ${String(r.body.data.id)}`;
      ids.set(key, (ids.get(key) ?? new Set()).add(r.id));
    }
    const twoIds = [...ids.values()].filter((v) => v.size > 1).length;
    const unverified = receiver.received.filter((r) => !r.verified).length;
    console.log(`${label}: receiver down ${DOWN_SECONDS} s during 100 publications, then back: all 100 arrived ${((performance.now() - back) / 1000).toFixed(1)} s after it came back; ` +
      `events with two different ids: ${twoIds}; signatures that failed the receiver's check: ${unverified}; requests ${receiver.received.length}`);
  } finally {
    await worker.stop();
    await receiver.close();
  }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, db: Database): Promise<void> {
  const app = createApp(db, SITE, { apiGate: { anonymousPerMinute: 100_000_000 } });
  // The body is taken as bytes, as a server writes it: decoding a megabyte of UTF-8 into a string is the client's work, not the API's.
  const get = async (url: string): Promise<{ status: number; body: Uint8Array }> => {
    const res = await app.request(`https://news.example${url}`);
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
  };
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  const first = JSON.parse(text((await get('/api/v1/stories?limit=20')).body)) as { items: { id: string; slug: string }[]; next?: string };
  const cursor = first.next ? new URL(first.next, 'https://news.example').searchParams.get('cursor') : undefined;
  const ids = first.items.map((s) => s.id);
  const since = new Date(Date.now() - 30 * 86400_000).toISOString();
  const lists: Array<[string, string]> = [
    ['list, first page', '/api/v1/stories?limit=20'],
    ['list, by cursor', `/api/v1/stories?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`],
    ['list, section', '/api/v1/stories?limit=20&section=sachsen-anhalt'],
    ['list, updated_since 30 days', `/api/v1/stories?limit=100&updated_since=${encodeURIComponent(since)}`],
  ];
  const formats: Array<[string, string]> = [['Lede JSON', ''], ['ninjs 3.1', 'format=ninjs'], ['ninjs 2.2', 'format=ninjs-2.2'], ['NewsML-G2', 'format=newsml']];
  const rows: Array<[string, () => string]> = [];
  for (const [name, url] of lists) {
    for (const [f, q] of formats.slice(0, 3)) rows.push([`${name}, ${f}`, () => (q ? `${url}&${q}` : url)]);
  }
  let k = 0;
  for (const [f, q] of formats) rows.push([`one story, ${f}`, () => `/api/v1/stories/${ids[k++ % ids.length]}${q ? `?${q}` : ''}`]);
  const all: number[] = [];
  for (const [name, url] of rows) {
    const check = await get(url());
    if (check.status !== 200) {
      console.log(`  ${label}: ${name}: answered ${check.status} (${text(check.body).slice(0, 200)})`);
      continue;
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await get(url());
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`  ${label}: ${name.padEnd(44)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p99 ${pct(times, 99).toFixed(1).padStart(6)} ms`);
  }
  all.sort((a, b) => a - b);
  console.log(`${label}: all API reads at ${STORIES.toLocaleString('en')} stories, uncached: p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-api-'));
try {
  // Filling 100,000 stories and ANALYZE outlast the default query deadlines; the reads measured are far below them.
  const slow = { readTimeoutMs: 600_000, writeTimeoutMs: 600_000 };
  await onEachEngine(tmp, slow, async (label, open) => {
    const db = await open();
    try {
      await migrate(db);
      const t = performance.now();
      await fastFill(db, STORIES);
      await db.query('ANALYZE');
      console.log(`${label}: ${STORIES.toLocaleString('en')} stories filled in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await measure(label, db);
      if (process.env.BENCH_API_WEBHOOKS !== '0') await webhooks(label, db);
    } finally {
      await db.close();
    }
  }, slow);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
