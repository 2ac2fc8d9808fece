/**
 * Breaking banner benchmark (issue 14): from an editor setting the banner to
 * every cached reader page showing it, on one node and across two app nodes
 * on one PostgreSQL. Prints figures; never passes or fails.
 *
 * Setup per engine: BENCH_BANNER_STORIES published stories (default 10,000);
 * every story page, section page and the home page is rendered once into each
 * node's page cache (fresh for an hour, a byte bound large enough to keep them
 * all), so only the banner can change what a page shows.
 *
 * Measured:
 *  - set → node knows: from the moment set() (or takeDown()) is called on node
 *    A until each node's banner state has moved on (its own event on A; the
 *    relay's NOTIFY and a read of the banner row on B); BENCH_BANNER_ROUNDS
 *    rounds (default 40);
 *  - set → every cached page shows it: right after a set, every kept page is
 *    asked for once (BENCH_BANNER_CONCURRENCY requests at a time, default 16,
 *    in-process app.request); for each page the time from the set until its
 *    answer carried the new banner, and whether any page was rendered again;
 *  - the alternative we did not take, for comparison: the same sweep after
 *    purging every page (what "purge all on change" costs at that moment),
 *    over the first BENCH_BANNER_PURGE_PAGES pages (default 3,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../src/events/event-bus.js';
import { startEventRelay, type EventRelay } from '../src/events/event-relay.js';
import { createServices, type Services } from '../src/services/index.js';
import { createApp } from '../src/server/app.js';
import { BannerState } from '../src/site/banner.js';
import { PageCache } from '../src/site/page-cache.js';
import { sectionSlug } from '../src/content/index.js';
import type { Database } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';

const STORIES = Number(process.env.BENCH_BANNER_STORIES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_BANNER_ROUNDS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_BANNER_CONCURRENCY ?? 16);
/** The purge-everything comparison re-renders every page it asks for: limited to this many (default 3,000). */
const PURGE_PAGES = Number(process.env.BENCH_BANNER_PURGE_PAGES ?? 3000);
const EDITOR = { name: 'Bench' };

interface Node {
  name: string;
  db: Database;
  cache: PageCache;
  banner: BannerState;
  app: ReturnType<typeof createApp>;
  relay: EventRelay;
  services: Services;
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;

async function startNode(name: string, db: Database, databaseUrl: string | undefined): Promise<Node> {
  const cache = new PageCache({ freshMs: 3600_000, staleMs: 3600_000, maxBytes: 8 * 1024 ** 3 });
  const events = new EventBus();
  const relay = await startEventRelay({ db, databaseUrl, bus: events, purgeAll: () => cache.purgeAll(), nodeId: `bench-${name}`, log: () => undefined });
  const services = createServices(db, {}, { events });
  const banner = new BannerState(db, { maxAgeMs: 3600_000 });
  await banner.refresh();
  const app = createApp(db, { siteName: 'Bench', siteUrl: 'https://bench.example', trustProxy: false }, { pageCache: cache, events, services, banner });
  return { name, db, cache, banner, app, relay, services };
}

/** Asks for every page, `CONCURRENCY` at a time; for each, ms from `t0` until an answer contained `marker`. */
async function sweep(node: Node, pages: string[], marker: string, t0: number): Promise<number[]> {
  const shown: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const page = pages[next++]!;
      for (;;) {
        const res = await node.app.request(`https://bench.example${page}`, { headers: { 'accept-encoding': 'br, gzip' } });
        // Decoded only to check: the bytes a reader gets are the kept, compressed ones.
        const text = await new Response(res.body).arrayBuffer().then((b) => decode(Buffer.from(b), res.headers.get('content-encoding')));
        if (text.includes(marker)) break;
        await new Promise((r) => setImmediate(r));
      }
      shown.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return shown;
}

async function decode(raw: Buffer, coding: string | null): Promise<string> {
  const zlib = await import('node:zlib');
  if (coding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8');
  if (coding === 'gzip') return zlib.gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
}

async function warm(node: Node, pages: string[]): Promise<number> {
  const t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < pages.length) {
      const res = await node.app.request(`https://bench.example${pages[next++]!}`);
      await res.arrayBuffer();
    }
  }));
  await node.cache.settled();
  return (performance.now() - t) / 1000;
}

/** ms from calling `act` until every node's banner generation moved on. */
async function propagation(nodes: Node[], act: () => Promise<unknown>): Promise<number[]> {
  const before = nodes.map((n) => n.banner.generation);
  const t0 = performance.now();
  const seen: number[] = nodes.map(() => NaN);
  const done = act();
  while (seen.some(Number.isNaN)) {
    nodes.forEach((n, i) => { if (Number.isNaN(seen[i]!) && n.banner.generation !== before[i]) seen[i] = performance.now() - t0; });
    if (performance.now() - t0 > 10_000) break;
    await new Promise((r) => setTimeout(r, 0));
  }
  await done;
  return seen;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-banner-bench-'));
try {
  await onEachEngine(tmp, { onWarning: () => undefined }, async (label, open) => {
    const db = await open();
    const setupAt = performance.now();
    await bulkStories(db, STORIES);
    const rows = await db.query<{ slug: string; section: string }>(`SELECT slug, section FROM stories WHERE status = 'published'`);
    const pages = ['/', ...new Set(rows.map((r) => `/${sectionSlug(r.section)}`)), ...rows.map((r) => `/${sectionSlug(r.section)}/${r.slug}`)];
    console.log(`${label}: ${STORIES} stories, ${pages.length} pages, set up in ${((performance.now() - setupAt) / 1000).toFixed(0)} s`);
    const databaseUrl = db.engine === 'postgres' ? (db.location as string) : undefined;
    const nodes: Node[] = [await startNode('A', db, databaseUrl)];
    let second: Database | undefined;
    if (db.engine === 'postgres') {
      second = await open();
      nodes.push(await startNode('B', second, databaseUrl));
    }
    try {
      for (const n of nodes) {
        const s = await warm(n, pages);
        console.log(`  node ${n.name}: ${n.cache.size} pages kept (${mb(n.cache.bytes)}) after ${s.toFixed(0)} s of renders`);
      }
      const a = nodes[0]!;
      // 1. set → node knows
      const perNode: number[][] = nodes.map(() => []);
      for (let i = 0; i < ROUNDS; i++) {
        const seen = await propagation(nodes, () => (i % 2 === 0
          ? a.services.breaking.set(EDITOR, { headline: `Eilmeldung Runde ${i}`, url: '/politik' })
          : a.services.breaking.takeDown(EDITOR)));
        seen.forEach((v, k) => perNode[k]!.push(v));
      }
      for (const [k, n] of nodes.entries()) {
        const v = perNode[k]!;
        console.log(`  set → node ${n.name} shows the new banner state: p50 ${ms(pct(v, 50))}, p99 ${ms(pct(v, 99))}, max ${ms(Math.max(...v))} (${v.length} changes)`);
      }
      // 2. set → every cached page shows it; first the same sweep with nothing changed (pure hits), as the baseline
      for (const n of nodes) {
        const t = performance.now();
        const hits = await sweep(n, pages, '</html>', t);
        const last = Math.max(...hits);
        console.log(`  baseline on ${n.name}, nothing changed: every kept page asked for once in ${ms(last)}; ${(pages.length / (last / 1000)).toFixed(0)} pages/s`);
      }
      for (const n of nodes) {
        const renders = n.cache.renders;
        const compressions = n.cache.compressions;
        const marker = `Sweep ${n.name} ${Date.now()}`;
        const t0 = performance.now();
        await a.services.breaking.set(EDITOR, { headline: marker, url: '/politik' });
        const shown = await sweep(n, pages, marker, t0);
        const total = Math.max(...shown);
        console.log(`  set on A → every kept page on ${n.name} shows it (${pages.length} pages asked for right after, ${CONCURRENCY} at a time): `
          + `p50 ${ms(pct(shown, 50))}, p99 ${ms(pct(shown, 99))}, last ${ms(total)}; ${(pages.length / (total / 1000)).toFixed(0)} pages/s; `
          + `renders ${n.cache.renders - renders}, re-compressions ${n.cache.compressions - compressions}`);
      }
      // 3. For comparison: the same sweep after purging everything (the other design), over the first PURGE_PAGES pages.
      const renders = a.cache.renders;
      const marker = `Purged ${Date.now()}`;
      const sample = pages.slice(0, PURGE_PAGES);
      await a.services.breaking.set(EDITOR, { headline: marker, url: '/politik' });
      const t0 = performance.now();
      a.cache.purgeAll();
      const shown = await sweep(a, sample, marker, t0);
      const total = Math.max(...shown);
      console.log(`  for comparison, purge all + the same sweep on A over ${sample.length} pages: p50 ${ms(pct(shown, 50))}, p99 ${ms(pct(shown, 99))}, last ${ms(total)}; `
        + `${(sample.length / (total / 1000)).toFixed(0)} pages/s; renders ${a.cache.renders - renders}`);
      await a.services.breaking.takeDown(EDITOR);
    } finally {
      for (const n of nodes) {
        await n.cache.settled();
        await n.relay.close();
      }
      await second?.close();
      await db.close();
    }
  });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
