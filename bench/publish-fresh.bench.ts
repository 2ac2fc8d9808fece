/**
 * Publish to fresh (issue "The reader site"): how long after a newsroom write
 * a reader gets the new version of the article page, its section page and the
 * home page, through the running HTTP server with the page cache warm.
 *
 * One process, as `lede serve` runs: the StoryService writes through the same
 * EventBus that purges the server's PageCache. For each change the three pages
 * are first served from the cache (X-Cache: HIT); then the write; then each URL
 * is polled (one client per page, back to back) until the change shows. The
 * time counts from the start of the write, so it includes the write itself.
 *
 * Changes: headline edits of a published story (update), then taking it down
 * (depublish: article answers 410, lists drop it) and putting it back (publish).
 * On PGlite and on a throwaway PostgreSQL. Prints figures; never passes or fails.
 *
 *   BENCH_FRESH_CHANGES headline edits per engine (20), depublish/publish pairs are half that
 *   BENCH_FRESH_ARCHIVE extra published stories beside the demo content (1000)
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { slugify, type Story } from '../src/content/index.js';
import { EventBus } from '../src/events/event-bus.js';
import { loadDemoContent } from '../src/services/demo/load-demo.js';
import { StoryService } from '../src/services/story-service.js';
import { createApp } from '../src/server/app.js';
import { PageCache } from '../src/site/page-cache.js';
import type { Database } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';

const CHANGES = Number(process.env.BENCH_FRESH_CHANGES ?? 20);
const ARCHIVE = Number(process.env.BENCH_FRESH_ARCHIVE ?? 1000);
const ARTICLE_HEADLINE = 'Haushalt für 2027 mit knapper Mehrheit beschlossen';
/** A page not fresh this long after a write is reported as such, and the run goes on. */
const GIVE_UP_MS = Number(process.env.BENCH_FRESH_GIVE_UP_MS ?? 10_000);
const PAGES = ['article', 'section', 'home'] as const;
type PageName = (typeof PAGES)[number];

/** What a reader must see on a page once the change is live. */
type Fresh = (status: number, body: string) => boolean;

interface Sample {
  ms: number;
  /** Requests until the fresh one (1 = the first request after the write was fresh). */
  polls: number;
  /** Set when the page never became fresh: the last status seen. */
  stuck?: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function get(url: string): Promise<{ status: number; body: string; cache: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), cache: res.headers.get('x-cache') ?? '' };
}

/**
 * Requests each page until the cache answers it (HIT), so every change starts
 * from a warm cache. Pages that are not 200 (a depublished story's 410) are
 * never cached; one request is all they get.
 */
async function warm(urls: string[]): Promise<void> {
  for (const url of urls) {
    for (let i = 0; ; i++) {
      const { status, cache } = await get(url);
      if (cache === 'HIT' || status !== 200) break;
      if (i > 20) throw new Error(`${url} is not being cached`);
    }
  }
}

async function pollUntil(url: string, fresh: Fresh, t0: number): Promise<Sample> {
  for (let polls = 1; ; polls++) {
    const { status, body } = await get(url);
    const ms = performance.now() - t0;
    if (fresh(status, body)) return { ms, polls };
    if (ms > GIVE_UP_MS) return { ms, polls, stuck: status };
  }
}

async function engineBench(engine: string, open: () => Promise<Database>): Promise<void> {
  const db = await open();
  const events = new EventBus();
  const service = new StoryService(db, events);
  const server = serve({
    fetch: createApp(db, { siteName: 'Lede Nachrichten', siteUrl: 'http://127.0.0.1' }, { pageCache: new PageCache(), events }).fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await loadDemoContent(db);
    if (ARCHIVE > 0) await bulkStories(db, ARCHIVE);
    const story = await service.get(slugify(ARTICLE_HEADLINE));
    const section = `/${slugify(story.section)}`;
    const urls: Record<PageName, string> = { article: `${origin}${section}/${story.slug}`, section: origin + section, home: `${origin}/` };
    for (const p of PAGES) {
      const { status, body } = await get(urls[p]);
      if (status !== 200 || !body.includes(story.headline)) throw new Error(`the ${p} page (${urls[p]}) does not show "${story.headline}"`);
    }

    const samples = new Map<string, Record<PageName, Sample[]>>();
    const writes = new Map<string, number[]>();
    const measure = async (kind: string, write: () => Promise<Story>, fresh: Record<PageName, Fresh>) => {
      await warm(PAGES.map((p) => urls[p]));
      const t0 = performance.now();
      await write();
      const writeMs = performance.now() - t0;
      const got = await Promise.all(PAGES.map((p) => pollUntil(urls[p], fresh[p], t0)));
      if (!samples.has(kind)) samples.set(kind, { article: [], section: [], home: [] });
      PAGES.forEach((p, i) => samples.get(kind)![p].push(got[i]!));
      writes.set(kind, [...(writes.get(kind) ?? []), writeMs]);
    };

    for (let i = 0; i < CHANGES; i++) {
      const current = await service.get(story.id);
      const headline = `${ARTICLE_HEADLINE}, Fassung ${i + 1} ${Math.random().toString(36).slice(2, 8)}`;
      const shows: Fresh = (status, body) => status === 200 && body.includes(headline);
      await measure('update', () => service.update(story.id, { ...current, headline }, { expectedVersion: current.version }),
        { article: shows, section: shows, home: shows });
    }
    const last = (await service.get(story.id)).headline;
    const gone: Fresh = (status, body) => status === 200 && !body.includes(last);
    const back: Fresh = (status, body) => status === 200 && body.includes(last);
    for (let i = 0; i < Math.max(1, Math.floor(CHANGES / 2)); i++) {
      await measure('depublish', () => service.depublish(story.id), { article: (status) => status === 410 || status === 404, section: gone, home: gone });
      await measure('publish', () => service.publish(story.id), { article: back, section: back, home: back });
    }

    console.log(`\n${engine}: demo stories + ${ARCHIVE} archive stories; ms from the start of the write to the first fresh response`);
    console.log('change     n   write p50  write max   page      p50      max   requests (max)');
    for (const [kind, byPage] of samples) {
      const w = [...writes.get(kind)!].sort((a, b) => a - b);
      for (const p of PAGES) {
        const ok = byPage[p].filter((s) => s.stuck === undefined);
        const stuck = byPage[p].filter((s) => s.stuck !== undefined);
        const ms = ok.map((s) => s.ms).sort((a, b) => a - b);
        const head = p === 'article' ? `${kind.padEnd(9)} ${String(w.length).padStart(3)} ${pct(w, 50).toFixed(1).padStart(10)} ${w[w.length - 1]!.toFixed(1).padStart(10)}` : ' '.repeat(35);
        const figures = ms.length
          ? `${pct(ms, 50).toFixed(1).padStart(7)}  ${ms[ms.length - 1]!.toFixed(1).padStart(7)}   ${Math.max(...ok.map((s) => s.polls))}`
          : `${'–'.padStart(7)}  ${'–'.padStart(7)}   –`;
        const note = stuck.length ? `   NOT FRESH within ${GIVE_UP_MS / 1000} s in ${stuck.length} of ${byPage[p].length} (last status ${[...new Set(stuck.map((s) => s.stuck))].join('/')})` : '';
        console.log(`${head}   ${p.padEnd(7)} ${figures}${note}`);
      }
    }
  } finally {
    await new Promise((r) => server.close(r));
    await db.close();
  }
}

console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start (other work on the machine colours the figures)`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-fresh-'));
try {
  await onEachEngine(tmp, { checkpointIntervalMs: 30_000 }, engineBench);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
