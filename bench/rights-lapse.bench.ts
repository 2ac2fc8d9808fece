/**
 * Rights-lapse benchmark: how long after a picture's rights end (valid_until
 * reached, nobody editing) the last cached reader page still shows it.
 * Prints figures; never passes or fails.
 *
 * Setup (PGlite): BENCH_LAPSE_STORIES published stories (default 30) whose
 * lead is one library picture, plus the home page, the section page, the
 * topic page and the three feeds, all warmed in the page cache (fresh for an
 * hour, so only a purge or an expiry can drop them). The scheduler runs with
 * the rights sweep at BENCH_LAPSE_SWEEP_MS (default "1000,5000": the short
 * one to measure, the default tick of `lede serve`).
 *
 * Measured, per sweep interval:
 *  - lapse → last page: every page is polled in a loop; for each, the first
 *    response after valid_until without the picture. The page cache never
 *    serves a copy past the next rights boundary it was told about, so this
 *    is one render per page, whatever the sweep interval;
 *  - lapse → asset.updated: when the sweep announced it (the purge that also
 *    reaches other nodes' caches and a CDN via Surrogate-Key); bounded by
 *    the sweep interval;
 *  - an editor's change (rights set to end now, then asset.updated) → last
 *    page no longer showing it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AssetRepository } from '../src/store/asset-repository.js';
import { EventBus, assetUpdated } from '../src/events/event-bus.js';
import { Scheduler } from '../src/services/scheduler.js';
import { StoryService } from '../src/services/story-service.js';
import { createApp } from '../src/server/app.js';
import { PageCache } from '../src/site/page-cache.js';
import { openDatabase } from '../src/store/index.js';

const STORIES = Number(process.env.BENCH_LAPSE_STORIES ?? 30);
const SWEEPS = (process.env.BENCH_LAPSE_SWEEP_MS ?? '1000,5000').split(',').map(Number);
/** How far ahead of the re-warmed pages the rights end. */
const LEAD_MS = 3000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-lapse-bench-'));
const db = await openDatabase({ dataDir: path.join(tmp, 'data'), onWarning: () => undefined });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sha = 0;

try {
  const assets = new AssetRepository(db);
  const events = new EventBus();
  const cache = new PageCache({ freshMs: 3600_000 });
  const app = createApp(db, { siteName: 'Bench', siteUrl: 'https://bench.example', trustProxy: false }, { pageCache: cache, events });
  const service = new StoryService(db, events);
  const get = async (p: string) => (await app.request(`https://bench.example${p}`)).text();

  async function setup(validUntil: Date, rewarmUntil?: () => Date) {
    const hex = (++sha).toString(16).padStart(64, 'b');
    const { asset } = await assets.insert({
      id: crypto.randomUUID(), sha256: hex, mime: 'image/jpeg', width: 4000, height: 3000, bytes: 1, storageKey: `${hex.slice(0, 2)}/${hex}.jpg`,
      rights: { credit: 'dpa', validUntil: validUntil.toISOString() },
    });
    const section = `Ressort ${sha}`;
    const slugs: string[] = [];
    for (let i = 0; i < STORIES; i++) {
      const s = await service.create({
        kind: 'article', language: 'de', headline: `Meldung ${sha}-${i} zum Hochwasser`, authors: [], section, topics: [`Thema ${sha}`], related: [],
        lead: { kind: 'image', alt: 'Deich', caption: 'Der Deich', assetId: asset.id },
        body: [{ type: 'paragraph', content: [{ text: 'Der Pegel steigt.' }] }],
      }, { status: 'published' });
      slugs.push(`/ressort-${sha}/${s.slug}`);
    }
    const pages = [...slugs, '/', `/ressort-${sha}`, `/thema/thema-${sha}`, '/feed.xml', '/atom.xml', '/feed.json'];
    for (const p of pages) await get(p);
    let until = validUntil;
    if (rewarmUntil) {
      // Setting up took a while: the rights now end a fixed time from here, as an editor would set it (with its event).
      until = rewarmUntil();
      await assets.updateRights(asset.id, { credit: 'dpa', validUntil: until.toISOString() });
      await events.emit(assetUpdated(asset.id));
      for (const p of pages) await get(p);
    }
    return { asset, pages, marker: `/media/${asset.id}/`, until };
  }

  /** Polls every page until none shows `marker`; returns when each stopped, in ms after `t0`. */
  async function pollUntilGone(pages: string[], marker: string, t0: number): Promise<number[]> {
    const goneAt = new Map<string, number>();
    while (goneAt.size < pages.length) {
      for (const p of pages) {
        if (goneAt.has(p)) continue;
        if (!(await get(p)).includes(marker)) goneAt.set(p, performance.now() - t0);
      }
    }
    return [...goneAt.values()];
  }

  const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  console.log(`rights lapse: ${STORIES} articles + home, section, topic, 3 feeds (${STORIES + 6} cached pages), PGlite`);
  for (const sweepMs of SWEEPS) {
    const { asset, pages, marker, until } = await setup(new Date(Date.now() + 3600_000), () => new Date(Date.now() + LEAD_MS));
    let announcedAt: number | undefined;
    const off = events.subscribe((e) => {
      if (e.type === 'asset.updated' && e.assetId === asset.id && announcedAt === undefined) announcedAt = Date.now() - until.getTime();
    });
    const scheduler = new Scheduler(service, {
      intervalMs: sweepMs,
      rightsSweep: { rightsChangedBetween: (a, b, l) => assets.rightsChangedBetween(a, b, l), announce: (id) => events.emit(assetUpdated(id)) },
    });
    scheduler.start();
    // Wait for the boundary, then poll.
    await sleep(Math.max(0, until.getTime() - Date.now()));
    const t0 = performance.now() - (Date.now() - until.getTime());
    const gone = await pollUntilGone(pages, marker, t0);
    while (announcedAt === undefined) await sleep(20);
    await scheduler.stop();
    off();
    console.log(`  sweep every ${sweepMs} ms: lapse → last page without the picture ${Math.max(...gone).toFixed(0)} ms `
      + `(median ${pct(gone, 0.5).toFixed(0)} ms); lapse → asset.updated ${announcedAt} ms (bound: ${sweepMs} ms)`);
  }

  // An editor ends the rights now: update + event → purge → re-render.
  {
    const { asset, pages, marker } = await setup(new Date(Date.now() + 3600_000));
    const t0 = performance.now();
    await assets.updateRights(asset.id, { credit: 'dpa', validUntil: new Date().toISOString() });
    await events.emit(assetUpdated(asset.id));
    const gone = await pollUntilGone(pages, marker, t0);
    console.log(`  editor ends the rights: change → last page without the picture ${Math.max(...gone).toFixed(0)} ms (median ${pct(gone, 0.5).toFixed(0)} ms)`);
  }
} finally {
  await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
