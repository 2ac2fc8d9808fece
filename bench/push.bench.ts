/**
 * Web Push fan-out (issue 14): one send to BENCH_PUSH_SUBSCRIPTIONS (100,000)
 * subscriptions, delivered by one PushWorker to the local fake push service
 * (test/helpers/fake-push-service.ts, counting only), on PGlite and on a
 * throwaway PostgreSQL: the time to write the send (its one INSERT … SELECT
 * of the outbox), the time until every push was answered, pushes per
 * second, CPU per push of the sender (all its threads) and of the fake, the
 * sender's RSS and heap at start, peak and end, and what the fake received:
 * accepted, refused, subscriptions reached twice (duplicates, must be 0) or
 * never. Prints figures; never passes or fails.
 *
 * The fake push service runs in a child process (this file, with
 * BENCH_PUSH_ROLE=fake) on the same two cores as the sender and the
 * database. It checks every VAPID JWT and the aes128gcm framing of every
 * body; decrypting each body as well (ECDH + HKDF + AES-GCM, as the tests
 * do) would take a good share of the CPU the sender under test needs, so it
 * is off unless BENCH_PUSH_DECRYPT=1 (a real push service spends that CPU on
 * its own machines).
 *
 *   BENCH_PUSH_SUBSCRIPTIONS (100000)  BENCH_PUSH_CONNECTIONS (50)  BENCH_ENGINES
 *   BENCH_PUSH_DECRYPT (0)  BENCH_PUSH_PROFILE=<dir> (CPU profiles of the sender's main thread and of the fake during the fan-out)
 *   BENCH_PUSH_THREADS (encryption threads; default one per core but one)  BENCH_PUSH_BATCH (deliveries per claim; default 500)
 *
 * Measured on the 2-core machine (figures in the issue note): one thread
 * beats two there (1,830–1,940 vs 1,590–1,880 pushes/s at 20,000 on
 * PostgreSQL, interleaved runs), and batches of 1,000 gain nothing over 500.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import webPush from 'web-push';
import type { Database } from '../src/store/index.js';
import { PushService } from '../src/services/push/push-service.js';
import { PushWorker } from '../src/services/push/push-worker.js';
import type { VapidIdentity } from '../src/services/push/vapid.js';
import { startFakePushService, type FakePushService } from '../test/helpers/fake-push-service.js';
import { onEachEngine } from './each-engine.js';

const SUBSCRIPTIONS = Number(process.env.BENCH_PUSH_SUBSCRIPTIONS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_PUSH_CONNECTIONS ?? 50);
const DECRYPT = process.env.BENCH_PUSH_DECRYPT === '1';
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

type FakeStats = {
  accepted: number; refused: number; maxInFlight: number; connectionsOpened: number;
  /** Subscriptions that accepted more than one message, and those that got none. */
  duplicates: number; missing: number;
  /** CPU the fake spent since the last mark, in µs. */
  cpuMicros: number;
};
type ToChild = { type: 'subscribers'; n: number; key: string } | { type: 'mark' } | { type: 'stats' } | { type: 'close' };
type FromChild = { type: 'ready'; origin: string; ca: string } | { type: 'subs'; endpoints: string[]; p256dh: string[]; auth: string[] } | { type: 'stats'; stats: FakeStats };

/** The child's side: the fake push service, answering the parent's requests over IPC. */
async function runFakeChild(): Promise<void> {
  const push: FakePushService = await startFakePushService({ keepDeliveries: false, decrypt: DECRYPT });
  const ids: string[] = [];
  let cpu = process.cpuUsage();
  let profiling: Awaited<ReturnType<typeof startProfile>>;
  const send = (m: FromChild) => process.send!(m);
  process.on('message', async (m: ToChild) => {
    if (m.type === 'subscribers') {
      const subs = Array.from({ length: m.n }, () => push.createPushSubscriber({ applicationServerKey: m.key }));
      for (const x of subs) ids.push(x.id);
      send({ type: 'subs', endpoints: subs.map((x) => x.endpoint), p256dh: subs.map((x) => x.keys.p256dh), auth: subs.map((x) => x.keys.auth) });
    } else if (m.type === 'mark') {
      cpu = process.cpuUsage();
      profiling = await startProfile();
    } else if (m.type === 'stats') {
      const used = process.cpuUsage(cpu);
      await profiling?.stop(`fake-${ids.length}`);
      let duplicates = 0;
      let missing = 0;
      for (const id of ids) {
        const n = push.acceptedBy(id);
        if (n > 1) duplicates++;
        if (n === 0) missing++;
      }
      send({ type: 'stats', stats: { ...push.counts, maxInFlight: push.maxInFlight, connectionsOpened: push.connectionsOpened, duplicates, missing, cpuMicros: used.user + used.system } });
    } else {
      void push.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', origin: push.origin, ca: push.ca });
}

/** The parent's handle on the child: ask and wait for the next answer of a type. */
function ask<T extends FromChild['type']>(child: ChildProcess, type: T, message?: ToChild): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromChild) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`the fake push service stopped (exit ${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

/** BENCH_PUSH_PROFILE=<dir>: a CPU profile of the sender's main thread during the fan-out alone (no setup). */
async function startProfile(): Promise<{ stop: (name: string) => Promise<void> } | undefined> {
  const dir = process.env.BENCH_PUSH_PROFILE;
  if (!dir) return undefined;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `push-${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`CPU profile of the fan-out: ${file}`);
    },
  };
}

/** One table row per engine, printed at the end. */
const rows: string[] = [];

async function fanOut(label: string, db: Database): Promise<void> {
  const child = fork(process.argv[1]!, [], { env: { ...process.env, BENCH_PUSH_ROLE: 'fake' }, execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await ask(child, 'ready');
  const keys = webPush.generateVAPIDKeys();
  const vapid: VapidIdentity = { ...keys, subject: 'mailto:technik@news.example.org', source: 'environment' };
  try {
    // Readers, written in chunks straight into the table (the service's one-by-one subscribe is not what is measured).
    let t = performance.now();
    for (let done = 0; done < SUBSCRIPTIONS;) {
      const n = Math.min(5_000, SUBSCRIPTIONS - done);
      const subs = await ask(child, 'subs', { type: 'subscribers', n, key: keys.publicKey });
      await db.query(
        `INSERT INTO push_subscriptions (endpoint, p256dh, auth, topics)
         SELECT e, p, a, ARRAY['all'] FROM unnest($1::text[], $2::text[], $3::text[]) AS s(e, p, a)`,
        [subs.endpoints, subs.p256dh, subs.auth],
      );
      done += n;
    }
    console.log(`${label}: ${SUBSCRIPTIONS} subscriptions made in ${((performance.now() - t) / 1000).toFixed(1)} s (setup)`);

    globalThis.gc?.();
    const start = process.memoryUsage();
    const peak = { rss: start.rss, heap: start.heapUsed };
    // rss() alone is cheap; the full memoryUsage() (heap statistics) is read less often, so sampling does not cost the sender.
    const sampler = setInterval(() => { peak.rss = Math.max(peak.rss, process.memoryUsage.rss()); }, 200);
    const heapSampler = setInterval(() => { peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed); }, 500);
    // What is really held (the peak above includes garbage V8 has not collected yet): the heap after a full GC, every 5 s.
    let liveMax = 0;
    const liveSampler = setInterval(() => {
      globalThis.gc?.();
      liveMax = Math.max(liveMax, process.memoryUsage().heapUsed);
    }, 5_000);
    const service = new PushService(db, { allowPrivate: true });
    const worker = new PushWorker(db, {
      vapid, allowPrivate: true, ca: ready.ca, maxConnections: CONNECTIONS, log: () => undefined,
      ...(process.env.BENCH_PUSH_THREADS !== undefined && { encryptionThreads: Number(process.env.BENCH_PUSH_THREADS) }),
      ...(process.env.BENCH_PUSH_BATCH !== undefined && { batch: Number(process.env.BENCH_PUSH_BATCH) }),
    });
    try {
      t = performance.now();
      const sent = await service.send({ title: 'Eilmeldung: Messung', body: 'Ein Push an alle, die Eilmeldungen wollen.', url: '/eilmeldung/messung', filter: 'all' }, { name: 'bench' });
      const writeMs = performance.now() - t;
      child.send({ type: 'mark' } satisfies ToChild);
      t = performance.now();
      const cpu = process.cpuUsage();
      const profiling = await startProfile();
      worker.start();
      let row = await service.get(sent.id);
      while (row.delivered + row.failed + row.removed < row.audience) {
        await new Promise((r) => setTimeout(r, 100));
        row = await service.get(sent.id);
      }
      const deliverMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      await profiling?.stop(`${label.toLowerCase()}-${SUBSCRIPTIONS}`);
      await worker.stop();
      clearInterval(sampler);
      clearInterval(heapSampler);
      clearInterval(liveSampler);
      globalThis.gc?.();
      const end = process.memoryUsage();
      const fake = (await ask(child, 'stats', { type: 'stats' })).stats;
      const rate = Math.round(row.audience / (deliverMs / 1000));
      console.log(`${label}: send written (send row + ${row.audience} outbox rows, one INSERT … SELECT) in ${writeMs.toFixed(0)} ms`);
      console.log(`${label}: all ${row.audience} pushes answered in ${(deliverMs / 1000).toFixed(1)} s: ${rate} pushes/s`
        + ` (delivered ${row.delivered}, failed ${row.failed}, removed ${row.removed}; ${CONNECTIONS} connections)`);
      console.log(`${label}: CPU per push: sender ${((used.user + used.system) / row.audience).toFixed(0)} µs (all its threads`
        + `${db.engine === 'pglite' ? ', with the embedded database' : '; PostgreSQL\'s own CPU not included'}), fake push service ${(fake.cpuMicros / row.audience).toFixed(0)} µs`);
      console.log(`${label}: fake push service received ${fake.accepted + fake.refused} (${fake.accepted} accepted, ${fake.refused} refused); subscriptions reached twice: ${fake.duplicates},`
        + ` never: ${fake.missing}; at most ${fake.maxInFlight} in flight, ${fake.connectionsOpened} connections opened; VAPID JWTs signed: ${worker.signer.signed}; worker rounds: ${worker.stats.rounds}, connections left waiting for work: ${worker.stats.starved} times`);
      console.log(`${label}: sender RSS start ${mb(start.rss)}, peak ${mb(peak.rss)}, end ${mb(end.rss)}; heap used start ${mb(start.heapUsed)}, peak ${mb(peak.heap)}, end ${mb(end.heapUsed)};`
        + ` live heap (after a full GC every 5 s) at most ${globalThis.gc ? mb(liveMax) : '? (run with --expose-gc)'}`);
      rows.push(`| ${label} | ${SUBSCRIPTIONS} | ${(deliverMs / 1000).toFixed(1)} s | ${rate} | ${mb(start.rss)} / ${mb(peak.rss)} / ${mb(end.rss)} | ${mb(start.heapUsed)} / ${mb(peak.heap)} / ${mb(end.heapUsed)} | ${mb(liveMax)} | ${fake.accepted + fake.refused} | ${fake.duplicates} |`);
    } finally {
      clearInterval(sampler);
      clearInterval(heapSampler);
      clearInterval(liveSampler);
      await worker.stop();
    }
  } finally {
    child.send({ type: 'close' } satisfies ToChild);
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.env.BENCH_PUSH_ROLE === 'fake') {
  await runFakeChild();
} else {
  await main();
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-push-bench-'));
  try {
    console.log(`Web Push fan-out to ${SUBSCRIPTIONS} subscriptions; the fake push service (a child process on the same ${os.cpus().length} cores) checks every VAPID JWT and body framing`
      + `${DECRYPT ? ' and decrypts every body' : ' (decrypting: BENCH_PUSH_DECRYPT=1)'}`);
    await onEachEngine(tmp, {}, async (label, open) => {
      const db = await open();
      try {
        await fanOut(label, db);
      } finally {
        await db.close();
      }
    }, { writeTimeoutMs: 120_000, readTimeoutMs: 30_000 });
    console.log('\n| engine | subscriptions | total | pushes/s | RSS start / peak / end | heap used start / peak / end | live heap max | fake received | duplicates |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
