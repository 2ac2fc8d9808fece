/**
 * Web Push fan-out (issue 14): one send to BENCH_PUSH_SUBSCRIPTIONS (100,000)
 * subscriptions, delivered by one PushWorker to the local fake push service
 * (test/helpers/fake-push-service.ts, counting only), on PGlite and on a
 * throwaway PostgreSQL: the time to write the send (its one INSERT … SELECT
 * of the outbox), the time until every push was answered, pushes per
 * second, and the process's RSS at start, peak and end. Prints figures;
 * never passes or fails.
 *
 * The fake push service runs in a child process (this file, with
 * BENCH_PUSH_ROLE=fake) and checks every message the way the tests do (VAPID
 * JWT, then ECDH + HKDF + AES-GCM to decrypt it): its CPU is spent on the
 * same two cores as the sender's and the database's, so the figures are a
 * floor for the sender alone. The sender's own CPU per push is printed too.
 *
 *   BENCH_PUSH_SUBSCRIPTIONS (100000)  BENCH_PUSH_CONNECTIONS (50)  BENCH_ENGINES
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

type FakeStats = { accepted: number; refused: number; maxInFlight: number; connectionsOpened: number };
type ToChild = { type: 'subscribers'; n: number; key: string } | { type: 'stats' } | { type: 'close' };
type FromChild = { type: 'ready'; origin: string; ca: string } | { type: 'subs'; endpoints: string[]; p256dh: string[]; auth: string[] } | { type: 'stats'; stats: FakeStats };

/** The child's side: the fake push service, answering the parent's requests over IPC. */
async function runFakeChild(): Promise<void> {
  const push: FakePushService = await startFakePushService({ keepDeliveries: false });
  const send = (m: FromChild) => process.send!(m);
  process.on('message', (m: ToChild) => {
    if (m.type === 'subscribers') {
      const subs = Array.from({ length: m.n }, () => push.createPushSubscriber({ applicationServerKey: m.key }));
      send({ type: 'subs', endpoints: subs.map((x) => x.endpoint), p256dh: subs.map((x) => x.keys.p256dh), auth: subs.map((x) => x.keys.auth) });
    } else if (m.type === 'stats') {
      send({ type: 'stats', stats: { ...push.counts, maxInFlight: push.maxInFlight, connectionsOpened: push.connectionsOpened } });
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
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 50);
    const service = new PushService(db, { allowPrivate: true });
    const worker = new PushWorker(db, { vapid, allowPrivate: true, ca: ready.ca, maxConnections: CONNECTIONS, log: () => undefined });
    try {
      t = performance.now();
      const sent = await service.send({ title: 'Eilmeldung: Messung', body: 'Ein Push an alle, die Eilmeldungen wollen.', url: '/eilmeldung/messung', filter: 'all' }, { name: 'bench' });
      const writeMs = performance.now() - t;
      t = performance.now();
      const cpu = process.cpuUsage();
      worker.start();
      let row = await service.get(sent.id);
      while (row.delivered + row.failed + row.removed < row.audience) {
        await new Promise((r) => setTimeout(r, 100));
        row = await service.get(sent.id);
      }
      const deliverMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      await worker.stop();
      clearInterval(sampler);
      globalThis.gc?.();
      const rssEnd = process.memoryUsage().rss;
      const fake = (await ask(child, 'stats', { type: 'stats' })).stats;
      console.log(`${label}: send written (send row + ${row.audience} outbox rows, one INSERT … SELECT) in ${writeMs.toFixed(0)} ms`);
      console.log(`${label}: all ${row.audience} pushes answered in ${(deliverMs / 1000).toFixed(1)} s: ${Math.round(row.audience / (deliverMs / 1000))} pushes/s`
        + ` (delivered ${row.delivered}, failed ${row.failed}, removed ${row.removed}; ${CONNECTIONS} connections)`);
      console.log(`${label}: sender process CPU ${(((used.user + used.system) / row.audience)).toFixed(0)} µs per push`
        + `${db.engine === 'pglite' ? ' (with the embedded database)' : ' (PostgreSQL\'s own CPU not included)'}`);
      console.log(`${label}: fake push service: ${fake.accepted} accepted, ${fake.refused} refused, at most ${fake.maxInFlight} in flight,`
        + ` ${fake.connectionsOpened} connections opened; VAPID JWTs signed: ${worker.signer.signed}; worker rounds: ${worker.stats.rounds}`);
      console.log(`${label}: sender RSS start ${mb(rssStart)}, peak ${mb(rssPeak)}, end ${mb(rssEnd)}`);
    } finally {
      clearInterval(sampler);
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
    console.log(`Web Push fan-out to ${SUBSCRIPTIONS} subscriptions; the fake push service (a child process) decrypts and checks every message on the same ${os.cpus().length} cores, so pushes/s is a floor for the sender alone`);
    await onEachEngine(tmp, {}, async (label, open) => {
      const db = await open();
      try {
        await fanOut(label, db);
      } finally {
        await db.close();
      }
    }, { writeTimeoutMs: 120_000, readTimeoutMs: 30_000 });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
