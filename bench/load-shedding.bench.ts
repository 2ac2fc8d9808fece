/**
 * Load shedding (issue 10, item 3): what a flood of uncached requests does to
 * cached readers and to the newsroom. The probe's mix: 300 connections asking
 * for random search words, `?page=N` of a section, 404s (random story slugs)
 * and `/?utm=<random>`, while
 *  - 10 connections read one cached article (req/s), and
 *  - an editor saves a story one save after the other (PUT with If-Match, p50/p99),
 * first without the flood, then during it. Goal: cached keeps ≥ 70 % of its
 * unloaded rate; saves p99 < 500 ms.
 *
 * Three processes, as in real life: the server (as `lede serve` assembles it,
 * LEDE_MAX_RENDERS / LEDE_RENDER_QUEUE / LEDE_PAGE_CACHE_MB from the
 * environment), the flood (autocannon in a child process), and this one
 * measuring. On PGlite and on a throwaway PostgreSQL. On a small machine the
 * three share the cores, which colours the figures; the line at the start
 * says how many there are. Prints figures; never passes or fails.
 *
 *   BENCH_SHED_SECONDS     measured seconds per phase (10)
 *   BENCH_SHED_FLOOD       flood connections (300)
 *   BENCH_SHED_ARCHIVE     archive stories beside the demo content (1000)
 *   BENCH_SHED_TARGET      what the flood asks for: `site` (the mix above; default)
 *                          or `api`: uncached content API reads (story lists since a
 *                          random time, by random section, random searches, unknown
 *                          stories, in every format) with a partner key allowed
 *                          100,000 a minute, so the quota does not turn them away
 *   BENCH_SHED_PROFILE     a directory: the server writes a CPU profile (--cpu-prof) there
 *
 * Internally: `load-shedding.bench.ts serve` is the server, `… flood <origin> <seconds> <connections>` the flood.
 */
// @ts-expect-error autocannon ships no types; the little used here is typed below
import autocannonUntyped from 'autocannon';
import { serve } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const SECONDS = Number(process.env.BENCH_SHED_SECONDS ?? 10);
const FLOOD = Number(process.env.BENCH_SHED_FLOOD ?? 300);
const ARCHIVE = Number(process.env.BENCH_SHED_ARCHIVE ?? 1000);
const CACHED_CONNECTIONS = 10;
const TARGET = process.env.BENCH_SHED_TARGET === 'api' ? 'api' : 'site';
/** BENCH_SHED_PROFILE=<dir>: the server runs with --cpu-prof, its profile written there (to see where a flood's time goes). */
const PROFILE_DIR = process.env.BENCH_SHED_PROFILE;
const PASSWORD = 'bench-passwort-123';
const ARTICLE_HEADLINE = 'Haushalt für 2027 mit knapper Mehrheit beschlossen';

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Run = PromiseLike<LoadResult> & { on(event: 'response', fn: (client: unknown, status: number) => void): void };
type Req = { method?: string; path?: string; headers?: Record<string, string> };
const autocannon = autocannonUntyped as (opts: {
  url: string; connections: number; duration: number; timeout?: number;
  requests?: Array<{ setupRequest?: (req: Req) => Req }>;
}) => Run;

const mode = process.argv[2];
if (mode === 'serve') await runServer();
else if (mode === 'flood') await runFlood(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
else await main();

/** The server process: the app as `lede serve` assembles it, on the database the parent filled. */
async function runServer(): Promise<void> {
  const { EventBus } = await import('../src/events/event-bus.js');
  const { createApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/server/config.js');
  const { PageCache } = await import('../src/site/page-cache.js');
  const { openDatabase } = await import('../src/store/index.js');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: process.env.BENCH_DATA_DIR!, checkpointIntervalMs: 30_000 });
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl ?? '', LEDE_SITE_URL: 'http://127.0.0.1' }) as ReturnType<typeof loadConfig> & Record<string, number | undefined>;
  // As serve-command.ts builds it (options an older PageCache does not know are ignored by it).
  const pageCache = new PageCache({
    maxBytes: (config.pageCacheMb ?? 64) * 1024 * 1024,
    gate: { maxRenders: config.maxRenders, maxQueue: config.renderQueue, maxWaitMs: config.renderWaitMs },
  } as ConstructorParameters<typeof PageCache>[0]);
  const app = createApp(db, { siteName: 'Lede Nachrichten', siteUrl: 'http://127.0.0.1', trustProxy: false }, { pageCache, events: new EventBus() });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.once('SIGTERM', () => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close();
    db.close().then(() => process.exit(0), () => process.exit(1));
  });
}

/** The flood: random uncached URLs of the probe's four kinds; prints one JSON line of figures. */
async function runFlood(origin: string, seconds: number, connections: number): Promise<void> {
  const words = ('elbe haushalt brücke landtag schule bahn wasser klinik theater verein wahl energie preise museum gericht polizei '
    + 'wald klima rente kinder forschung hafen deich flut markt').split(' ');
  const rnd = (n: number) => Math.floor(Math.random() * n);
  const junk = () => Math.random().toString(36).slice(2, 10);
  const formats = ['', '&format=ninjs', '&format=ninjs-2.2'];
  const since = () => new Date(Date.now() - rnd(400 * 86400_000)).toISOString();
  const kinds = TARGET === 'api' ? [
    () => `/api/v1/stories?limit=100&updated_since=${encodeURIComponent(since())}${formats[rnd(3)]}`,
    () => `/api/v1/stories?limit=50&section=politik&published_since=${encodeURIComponent(since())}${formats[rnd(3)]}`,
    () => `/api/v1/search?q=${words[rnd(words.length)]}+${words[rnd(words.length)]}&limit=${1 + rnd(100)}`,
    () => `/api/v1/stories/${junk()}-${junk()}?format=newsml`,
  ] : [
    () => `/suche?q=${words[rnd(words.length)]}+${junk()}`,
    () => `/politik?page=${rnd(100_000)}`,
    () => `/politik/${junk()}-${junk()}`,
    () => `/?utm=${junk()}`,
  ];
  const key = process.env.BENCH_SHED_API_KEY;
  const byStatus: Record<string, number> = {};
  const run = autocannon({
    url: origin, connections, duration: seconds, timeout: 10,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: kinds[rnd(kinds.length)]!(), ...(key && { headers: { authorization: `Bearer ${key}` } }) }) }],
  });
  run.on('response', (_c, status) => { byStatus[status] = (byStatus[status] ?? 0) + 1; });
  const r = await run;
  process.stdout.write(`${JSON.stringify({ rps: r.requests.average, total: r.requests.total, errors: r.errors, timeouts: r.timeouts, byStatus })}\n`);
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

interface Phase {
  cachedRps: number;
  cachedP99: number;
  cachedBad: string;
  saves: number[];
  saveErrors: number;
}

async function main(): Promise<void> {
  const { slugify } = await import('../src/content/index.js');
  const { loadDemoContent } = await import('../src/services/demo/load-demo.js');
  const { AccountService } = await import('../src/services/account-service.js');
  const { StoryRepository } = await import('../src/store/index.js');
  const { BASE, Browser } = await import('../test/helpers/newsroom-browser.js');
  const { bulkStories } = await import('./bulk-stories.js');
  const { onEachEngine } = await import('./each-engine.js');
  const { stopChild, waitForLine } = await import('./processes.js');

  const startChild = (args: string[], env: NodeJS.ProcessEnv): ChildProcess => spawn(process.execPath, [...(args[0] === 'serve' && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), '--import', 'tsx', here, ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });

  /** Reads the cached article and saves a story side by side for SECONDS. */
  async function measure(origin: string, article: string, save: () => Promise<boolean>): Promise<Phase> {
    const until = performance.now() + SECONDS * 1000;
    const saves: number[] = [];
    let saveErrors = 0;
    const saving = (async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const ok = await save();
        if (ok) saves.push(performance.now() - t0);
        else saveErrors++;
      }
    })();
    const r = await autocannon({ url: origin + article, connections: CACHED_CONNECTIONS, duration: SECONDS, timeout: 10 });
    await saving;
    const bad = [r.non2xx && `${r.non2xx} non-2xx`, r.errors && `${r.errors} errors`, r.timeouts && `${r.timeouts} timeouts`].filter(Boolean).join(', ');
    return { cachedRps: r.requests.average, cachedP99: r.latency.p99, cachedBad: bad, saves: saves.sort((a, b) => a - b), saveErrors };
  }

  const lines: string[] = [];
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start (server, flood and measurement share them)`);
  console.log(`${FLOOD} flood connections (${TARGET === 'api' ? 'content API: lists since random times, searches, unknown stories, every format, with a partner key' : 'random search words, ?page=N, 404s, /?utm=…'}), ${CACHED_CONNECTIONS} connections on one cached article, `
    + `one editor saving; ${SECONDS} s per phase; demo stories + ${ARCHIVE} archive stories`);
  const limits = ['LEDE_MAX_RENDERS', 'LEDE_RENDER_QUEUE', 'LEDE_RENDER_WAIT_MS', 'LEDE_PAGE_CACHE_MB'].filter((n) => process.env[n]).map((n) => `${n}=${process.env[n]}`);
  if (limits.length) console.log(`server environment: ${limits.join(' ')}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-shed-'));
  try {
    await onEachEngine(tmp, { checkpointIntervalMs: 0 }, async (engine, open) => {
      const db = await open();
      let article: string;
      let env: NodeJS.ProcessEnv;
      let apiKey = '';
      try {
        await loadDemoContent(db);
        if (ARCHIVE > 0) await bulkStories(db, ARCHIVE);
        await new AccountService(db).createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'bench' });
        if (TARGET === 'api') {
          const { ApiKeyService } = await import('../src/services/api-keys.js');
          apiKey = (await new ApiKeyService(db).create({ name: 'Bench-Partner', ratePerMinute: 100_000 }, { name: 'bench' })).secret;
        }
        const story = await new StoryRepository(db).getBySlug(slugify(ARTICLE_HEADLINE));
        if (!story) throw new Error(`demo story "${ARTICLE_HEADLINE}" not found`);
        article = `/${slugify(story.section)}/${story.slug}`;
        env = db.engine === 'pglite' ? { BENCH_DATA_DIR: db.location, BENCH_DATABASE_URL: '' } : { BENCH_DATABASE_URL: db.location };
      } finally {
        await db.close(); // the server process opens it (PGlite: one process per data directory)
      }
      const server = startChild(['serve'], env);
      try {
        const origin = `http://127.0.0.1:${JSON.parse(await waitForLine(server, /^\{"port":\d+\}$/m, 'server', 120_000)).port}`;
        const b = new Browser({ request: (url, init) => fetch(url.replace(BASE, origin), init) });
        await b.apiLogin('cvd@example.org', PASSWORD);
        const created = await b.json('POST', '/newsroom/api/stories', {
          kind: 'article', language: 'de', headline: 'Stadtrat beschließt Radwegeplan', teaser: 'Zwölf Kilometer neue Wege.', section: 'Politik',
          authors: [{ name: 'Rita Rad' }], topics: [], related: [],
          body: Array.from({ length: 10 }, (_, i) => ({ type: 'paragraph', content: [{ text: `Absatz ${i}: ${'Der Stadtrat hat entschieden. '.repeat(10)}` }] })),
        });
        if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
        let story = created.body as { id: string; version: number; body: unknown[] };
        let n = 0;
        const save = async () => {
          const next = { ...story, body: [{ type: 'paragraph', content: [{ text: `Fassung ${++n}` }] }, ...story.body.slice(1)] };
          const res = await b.json('PUT', `/newsroom/api/stories/${story.id}`, { story: next }, { 'if-match': `"v${story.version}"` });
          if (res.status !== 200) return false;
          story = res.body;
          return true;
        };
        for (let i = 0; i < 5; i++) await save(); // warm the JIT and the connection
        for (let i = 0; i < 5 && (await fetch(origin + article)).headers.get('x-cache') !== 'HIT'; i++);

        const quiet = await measure(origin, article, save);
        console.log(`  ${engine}: unloaded done`);
        const flood = startChild(['flood', origin, String(SECONDS + 4), String(FLOOD)], { BENCH_SHED_API_KEY: apiKey });
        let floodLine = '';
        flood.stdout!.on('data', (d: Buffer) => (floodLine += d.toString()));
        const floodDone = new Promise((r) => flood.once('exit', r));
        await new Promise((r) => setTimeout(r, 2_000)); // let the flood build up
        const spike = await measure(origin, article, save);
        await floodDone;
        const f = JSON.parse(floodLine.trim().split('\n').pop() || '{}') as { rps?: number; total?: number; errors?: number; timeouts?: number; byStatus?: Record<string, number> };
        console.log(`  ${engine}: spike done`);

        const saveFig = (p: Phase) => `p50 ${pct(p.saves, 50).toFixed(0)} ms, p99 ${pct(p.saves, 99).toFixed(0)} ms, max ${(p.saves.at(-1) ?? NaN).toFixed(0)} ms (n ${p.saves.length}${p.saveErrors ? `, ${p.saveErrors} failed` : ''})`;
        const kept = spike.cachedRps / quiet.cachedRps;
        lines.push(
          `${engine}:`,
          `  cached article, unloaded:   ${quiet.cachedRps.toFixed(0)} req/s, p99 ${quiet.cachedP99} ms${quiet.cachedBad ? ` (${quiet.cachedBad})` : ''}`,
          `  cached article, flood:      ${spike.cachedRps.toFixed(0)} req/s, p99 ${spike.cachedP99} ms${spike.cachedBad ? ` (${spike.cachedBad})` : ''}`
            + `  → keeps ${(kept * 100).toFixed(0)} % (goal ≥ 70 %)`,
          `  newsroom save, unloaded:    ${saveFig(quiet)}`,
          `  newsroom save, flood:       ${saveFig(spike)}  (goal p99 < 500 ms)`,
          `  flood itself:               ${(f.rps ?? NaN).toFixed(0)} req/s; answers ${Object.entries(f.byStatus ?? {}).map(([s, c]) => `${s}: ${c}`).join(', ')}`
            + `; ${f.errors ?? 0} errors, ${f.timeouts ?? 0} timeouts`,
        );
      } finally {
        await stopChild(server);
      }
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
}
