/**
 * Newsroom saves (issue "The newsroom", Measure): through the real HTTP
 * server and the stories API, as an editor's browser would call it.
 *
 * 1. Save latency: PUT /newsroom/api/stories/:id of a 2,000-word story, one
 *    save after the other (each with If-Match of the version before), p50/p99.
 * 2. 20 concurrent saves of one story, all against the same version: exactly
 *    one may win, the others get 412 with the winner's version; the stored
 *    text must be the winner's (nothing lost, nothing mixed). Several rounds.
 * 3. Publish to visible: from the start of the publish call (POST …/transitions
 *    {to: published}) to the reader site's article URL answering 200 with the
 *    headline — one process as `lede serve` wires it (the API's writes go
 *    through the EventBus that purges the PageCache). Also a headline change
 *    of a live story, with the article page warm in the cache first.
 *
 * On PGlite and on a throwaway PostgreSQL. Prints figures; never passes or fails.
 *
 *   BENCH_SAVE_N        sequential saves per engine (200)
 *   BENCH_SAVE_ROUNDS   rounds of 20 concurrent saves (10)
 *   BENCH_SAVE_PUBLISH  publish-to-visible samples (20)
 *   BENCH_SAVE_ARCHIVE  published archive stories beside (1000)
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { slugify, type Block, type Story, type StoryDraft } from '../src/content/index.js';
import { AccountService } from '../src/services/account-service.js';
import { EventBus } from '../src/events/event-bus.js';
import { createApp } from '../src/server/app.js';
import { PageCache } from '../src/site/page-cache.js';
import type { Database } from '../src/store/index.js';
import { BASE, Browser } from '../test/helpers/newsroom-browser.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';

const SAVES = Number(process.env.BENCH_SAVE_N ?? 200);
const ROUNDS = Number(process.env.BENCH_SAVE_ROUNDS ?? 10);
const PUBLISHES = Number(process.env.BENCH_SAVE_PUBLISH ?? 20);
const ARCHIVE = Number(process.env.BENCH_SAVE_ARCHIVE ?? 1000);
const CONCURRENT = 20;
const WORDS_PER_STORY = 2000;
const GIVE_UP_MS = 10_000;
const PASSWORD = 'bench-passwort-123';
const API = '/newsroom/api/stories';

const VOCABULARY = ('Landtag Regierung Minister Bürgerinnen Stadt Gemeinde Haushalt Schule Verkehr Bahn Straße Wasser Hochwasser '
  + 'Polizei Gericht Klinik Energie Preise Wirtschaft Unternehmen Arbeit Kultur Museum Theater Sport Verein Wahl Elbe Saale').split(' ');

/** ~`words` words of varied German text in paragraphs of 60. */
function body(words: number, seed: number): Block[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const out: Block[] = [];
  for (let left = words; left > 0; left -= 60) {
    const w = Array.from({ length: Math.min(60, left) }, () => VOCABULARY[next() % VOCABULARY.length]!.toLowerCase());
    w[0] = VOCABULARY[next() % VOCABULARY.length]!;
    out.push({ type: 'paragraph', content: [{ text: `${w.join(' ')}.` }] });
  }
  return out;
}

const plain = (s: Story) => s.body.map((b) => (b.type === 'paragraph' ? b.content.map((i) => i.text).join('') : '')).join('\n');

function draft(headline: string, seed: number): StoryDraft {
  return {
    kind: 'article', language: 'de', kicker: 'Magdeburg', headline, teaser: 'Der Stadtrat hat entschieden.',
    authors: [{ name: 'Rita Rad' }], section: 'Sachsen-Anhalt', topics: ['Verkehr'], related: [], body: body(WORDS_PER_STORY, seed),
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function figures(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  if (!s.length) return 'no samples';
  return `n ${s.length}  p50 ${pct(s, 50).toFixed(1)} ms  p99 ${pct(s, 99).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms`;
}

async function engineBench(engine: string, open: () => Promise<Database>): Promise<void> {
  const db = await open();
  const events = new EventBus();
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
    if (ARCHIVE > 0) await bulkStories(db, ARCHIVE);
    await new AccountService(db).createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'bench' });
    // The test helper's cookie jar, speaking to the real server over TCP.
    const b = new Browser({ request: (url, init) => fetch(url.replace(BASE, origin), init) });
    await b.apiLogin('cvd@example.org', PASSWORD);

    const created = await b.json<Story>('POST', API, draft('Radwegeplan: 2.000 Wörter über zwölf Kilometer', 1));
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    let story = created.body;
    const bytes = Buffer.byteLength(JSON.stringify({ story }));

    // 1. Sequential saves, each changing one paragraph.
    const saveMs: number[] = [];
    for (let i = 0; i < SAVES + 5; i++) {
      const next = { ...story, body: [...story.body] };
      next.body[i % next.body.length] = { type: 'paragraph', content: [{ text: `Fassung ${i}: ${plain(story).slice(0, 300)}` }] };
      const t0 = performance.now();
      const res = await b.json<Story>('PUT', `${API}/${story.id}`, { story: next }, { 'if-match': `"v${story.version}"` });
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`save ${i} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      story = res.body;
      if (i >= 5) saveMs.push(ms); // the first few warm up the JIT and the connection
    }

    // 2. Rounds of 20 concurrent saves against one version.
    const roundMs: number[] = [];
    let winners = 0;
    let losers = 0;
    let other = 0;
    const problems: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const base = (await b.json<Story>('GET', `${API}/${story.id}`)).body;
      const t0 = performance.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => {
        const mine = { ...base, body: [{ type: 'paragraph', content: [{ text: `Runde ${r}, Redakteurin ${i}` }] }, ...base.body.slice(1)] };
        return b.json<Story & { current?: Story }>('PUT', `${API}/${story.id}`, { story: mine }, { 'if-match': `"v${base.version}"` });
      }));
      roundMs.push(performance.now() - t0);
      const won = results.filter((x) => x.status === 200);
      const lost = results.filter((x) => x.status === 412);
      winners += won.length;
      losers += lost.length;
      other += results.length - won.length - lost.length;
      if (won.length !== 1) problems.push(`round ${r}: ${won.length} winners`);
      const stored = (await b.json<Story>('GET', `${API}/${story.id}`)).body;
      if (won[0] && (plain(stored) !== plain(won[0].body) || stored.version !== base.version + 1)) problems.push(`round ${r}: stored story is not the winner's`);
      if (lost.some((x) => (x.body as { current?: Story }).current?.version !== base.version + 1)) problems.push(`round ${r}: a 412 did not carry the winner's version`);
      story = stored;
    }
    const revisions = (await b.json<unknown[]>('GET', `${API}/${story.id}/revisions`)).body.length;

    // 3. Publish to visible, and a live headline change to visible (article page warm in the cache).
    const publishMs: number[] = [];
    const callMs: number[] = [];
    const changeMs: number[] = [];
    let stuck = 0;
    const poll = async (url: string, headline: string, t0: number) => {
      for (;;) {
        const res = await fetch(url);
        const html = await res.text();
        if (res.status === 200 && html.includes(headline)) return performance.now() - t0;
        if (performance.now() - t0 > GIVE_UP_MS) {
          stuck++;
          return undefined;
        }
      }
    };
    for (let i = 0; i < PUBLISHES; i++) {
      const headline = `Brücke ${i} ${Math.random().toString(36).slice(2, 8)} wieder offen`;
      const s = (await b.json<Story>('POST', API, { ...draft(headline, 100 + i), body: body(400, 100 + i) })).body;
      const url = `${origin}/${slugify(s.section)}/${s.slug}`;
      const t0 = performance.now();
      const res = await b.json<Story>('POST', `${API}/${s.id}/transitions`, { to: 'published' }, { 'if-match': `"v${s.version}"` });
      callMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`publish failed: ${res.status}`);
      const visible = await poll(url, headline, t0);
      if (visible !== undefined) publishMs.push(visible);

      // Warm the article page, then change the headline of the live story.
      for (let w = 0; w < 5; w++) if ((await fetch(url)).headers.get('x-cache') === 'HIT') break;
      const changed = `${headline}, Fassung 2`;
      const t1 = performance.now();
      const put = await b.json<Story>('PUT', `${API}/${s.id}`, { story: { ...res.body, headline: changed } }, { 'if-match': `"v${res.body.version}"` });
      if (put.status !== 200) throw new Error(`live save failed: ${put.status}`);
      const seen = await poll(url, changed, t1);
      if (seen !== undefined) changeMs.push(seen);
    }

    console.log(`\n${engine}: ${ARCHIVE} archive stories; the story has ${WORDS_PER_STORY} words (${(bytes / 1024).toFixed(0)} KB as JSON); real HTTP server on 127.0.0.1`);
    console.log(`  save (PUT with If-Match), one after the other:      ${figures(saveMs)}`);
    console.log(`  ${CONCURRENT} concurrent saves of one version, per round:    ${figures(roundMs)}`);
    console.log(`    ${ROUNDS} rounds: ${winners} won, ${losers} got 412, ${other} other answers; ${revisions} revisions stored; `
      + `${problems.length ? `PROBLEMS: ${problems.join('; ')}` : 'exactly one winner per version, stored text = winner\'s every round'}`);
    console.log(`  publish call (POST …/transitions):                   ${figures(callMs)}`);
    console.log(`  publish → article 200 with headline:                 ${figures(publishMs)}`);
    console.log(`  live headline save → article shows it (cache warm):  ${figures(changeMs)}${stuck ? `   NOT VISIBLE within ${GIVE_UP_MS / 1000} s: ${stuck}` : ''}`);
  } finally {
    // fetch keeps connections alive; close them so the server (and then the database) can shut down at once.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise((r) => server.close(r));
    await db.close();
  }
}

console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start (other work on the machine colours the figures)`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-save-'));
try {
  await onEachEngine(tmp, { checkpointIntervalMs: 30_000 }, engineBench);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
