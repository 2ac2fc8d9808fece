/**
 * The agency desk under a wire's load (issue 12), on PGlite and on a
 * throwaway PostgreSQL:
 *
 * 1. Ingest throughput: BENCH_WIRE_ITEMS (100,000) invented dpa digitalwires
 *    entries of ~300 words through the desk's one write path (parse, store
 *    with its version, desk search index), delivered as wireQ hands them out:
 *    answers of BENCH_WIRE_BATCH entries (25), BENCH_WIRE_PARALLEL answers at
 *    a time (2, as two sources or two nodes would). One in ten entries is a
 *    later version of an earlier one. Printed: items/s per 10,000 and overall,
 *    and the RSS of this process at each step (memory while they stream).
 * 2. From an entry appearing in a fake wireQ (real HTTP, mode A, asked every
 *    second as a source set to intervalSeconds 1 is) to the desk's list
 *    showing it: p50 and p99 of BENCH_WIRE_LATENCY (60) entries added one by one.
 * 3. The desk list and its full-text search at the archive's size: p50/p95 of
 *    a query mix (newest page, Eil first, a desk, a geo, a second page, common
 *    and rare words, a word start, a phrase of two words, text with a desk).
 *
 * Prints figures; never passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../src/services/index.js';
import { EventBus } from '../src/events/event-bus.js';
import { migrate, type Database } from '../src/store/index.js';
import { wireqPoller } from '../src/services/wire-transports/wireq-poller.js';
import { startFakeWireq } from '../test/helpers/fake-wireq.js';
import { onEachEngine } from './each-engine.js';

const ITEMS = Number(process.env.BENCH_WIRE_ITEMS ?? 100_000);
const BATCH = Number(process.env.BENCH_WIRE_BATCH ?? 25);
const PARALLEL = Number(process.env.BENCH_WIRE_PARALLEL ?? 2);
const LATENCY_SAMPLES = Number(process.env.BENCH_WIRE_LATENCY ?? 60);
const STEP = 10_000;

const WORDS = ('Landtag Regierung Minister Bürgerinnen Stadtrat Gemeinde Haushalt Schule Verkehr Bahnstrecke Straße Trinkwasser Hochwasser ' +
  'Polizei Landgericht Klinik Energie Strompreise Wirtschaft Unternehmen Arbeitsmarkt Kultur Museum Theater Fußball Verein Landtagswahl Partei ' +
  'Umwelt Klimaschutz Wald Landwirtschaft Forschung Universität Studierende Familien Kinder Rente Gesundheit Pflege Feuerwehr Brücke').split(' ');
const DESKS = ['pl', 'wi', 'vm', 'ku', 'sp', 'wo'];
const GEO = ['Sachsen', 'Sachsen-Anhalt', 'Thüringen', 'Berlin', 'Bayern', 'USA', 'Frankreich', 'Ukraine'];
const PLACES = ['Berlin', 'Dresden', 'Leipzig', 'Magdeburg', 'Erfurt', 'Halle', 'Jena', 'Chemnitz'];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Invented digitalwires entries in the shape dpa delivers them (the fields the desk reads). */
function entryMaker(seed: number): (i: number, version?: number) => Record<string, unknown> {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const sentence = () => {
    const w = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => pick(WORDS).toLowerCase());
    w[0] = pick(WORDS);
    return `${w.join(' ')}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rnd() * 3) }, sentence).join(' ');
  return (i, version = 1) => {
    const urgency = rnd() < 0.01 ? 2 : 3 + Math.floor(rnd() * 3);
    const desk = pick(DESKS);
    const place = pick(PLACES);
    const paragraphs = Array.from({ length: 5 + Math.floor(rnd() * 4) }, paragraph);
    return {
      format: 'digitalwires@0.9.1',
      type: 'text',
      entry_id: `bench-${seed}-${i}-${version}`,
      urn: `urn:newsml:dpa.com:20090101:260101-99-${String(i).padStart(6, '0')}`,
      version,
      version_created: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + version * 1000).toISOString(),
      pubstatus: 'usable',
      signal: version > 1 && rnd() < 0.3 ? 'sig:correction' : null,
      embargoed: null,
      language: 'de',
      urgency,
      kicker: pick(WORDS),
      headline: `${pick(WORDS)} ${pick(WORDS).toLowerCase()} in ${place}: ${sentence().slice(0, 60)}`,
      teaser: sentence(),
      byline: 'Anna Beispiel, dpa',
      dateline: `${place} (dpa) - `,
      article_html: `<section class="main">${paragraphs.map((p, k) => (k === 2 ? `<h2>${pick(WORDS)}</h2><p>${p}</p>` : `<p>${p}</p>`)).join('')}</section>`,
      creditline: 'dpa',
      usageterms: 'Nur für Kunden mit gültigem Vertrag',
      notepad: null,
      ednotes: [],
      associations: [],
      categories: [
        { type: 'dnltype:desk', name: desk, qcode: `dpacat:${desk}` },
        { type: 'dnltype:geosubject', name: pick(GEO), qcode: null, rank: 1 },
        { type: 'dnltype:dpasubject', name: pick(WORDS), qcode: `dpasubject:${Math.floor(rnd() * 900)}`, rank: 1 },
      ],
    };
  };
}

const mb = () => (process.memoryUsage().rss / 1048576).toFixed(0);
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function ingestArchive(label: string, db: Database): Promise<void> {
  const services = createServices(db, {}, { events: new EventBus() });
  await services.wire.saveSource({ id: 'dpa', name: 'dpa Basisdienst', format: 'digitalwires', transport: 'manual' });
  const make = entryMaker(12);
  // Entry numbers in delivery order: every tenth is a second version of an item ten before it.
  let next = 0;
  let delivered = 0;
  const counts: Record<string, number> = {};
  const start = performance.now();
  let stepStart = start;
  let stepMark = STEP;
  const answer = (): string | undefined => {
    if (delivered >= ITEMS) return undefined;
    const entries: Record<string, unknown>[] = [];
    for (let k = 0; k < BATCH && delivered < ITEMS; k++, delivered++) {
      entries.push(delivered % 10 === 9 && next > 60 ? make(next - 60, 2) : make(next++));
    }
    return JSON.stringify({ entries });
  };
  const worker = async () => {
    for (let doc = answer(); doc; doc = answer()) {
      for (const o of await services.wire.ingest('dpa', doc, { via: 'bench' })) counts[o.result] = (counts[o.result] ?? 0) + 1;
      const done = Object.values(counts).reduce((a, b) => a + b, 0);
      if (done >= stepMark) {
        const now = performance.now();
        console.log(`  ${label}: ${done.toLocaleString('en')} items, ${((STEP / (now - stepStart)) * 1000).toFixed(0)} items/s in this step, RSS ${mb()} MB`);
        stepStart = now;
        stepMark += STEP;
      }
    }
  };
  const rssBefore = mb();
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const secs = (performance.now() - start) / 1000;
  console.log(`${label}: ingest ${ITEMS.toLocaleString('en')} entries in ${secs.toFixed(1)} s = ${(ITEMS / secs).toFixed(0)} items/s ` +
    `(${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); RSS ${rssBefore} → ${mb()} MB`);
}

async function deskQueries(label: string, db: Database): Promise<void> {
  const services = createServices(db, {}, { events: new EventBus() });
  const page2 = (await services.wire.list({ limit: 50 })).next;
  const mix: Array<[string, () => Promise<unknown>]> = [
    ['newest 50', () => services.wire.list({ limit: 50 })],
    ['Eil first', () => services.wire.list({ limit: 50, eilFirst: true })],
    ['only Eil', () => services.wire.list({ limit: 50, urgency: 'eil' })],
    ['desk pl', () => services.wire.list({ limit: 50, desk: 'pl' })],
    ['geo Thüringen', () => services.wire.list({ limit: 50, geo: 'Thüringen' })],
    ['second page', () => services.wire.list({ limit: 50, ...(page2 && { cursor: page2 }) })],
    ['q common word', () => services.wire.list({ limit: 50, q: 'Regierung' })],
    ['q rare pair', () => services.wire.list({ limit: 50, q: 'Feuerwehr Brücke Rente' })],
    ['q word start', () => services.wire.list({ limit: 50, q: 'Hochw' })],
    ['q with desk', () => services.wire.list({ limit: 50, q: 'Klimaschutz', desk: 'wi' })],
    ['q no match', () => services.wire.list({ limit: 50, q: 'Zeppelinwerft' })],
  ];
  for (const [, run] of mix) await run(); // warm
  const all: number[] = [];
  const rows: string[] = [];
  for (const [name, run] of mix) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push(`${name} ${pct(times, 50).toFixed(1)}/${pct(times, 95).toFixed(1)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`${label}: desk list and search at ${ITEMS.toLocaleString('en')} entries: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms over the mix`);
  console.log(`  per query, p50/p95 ms: ${rows.join(' · ')}`);
}

async function wireLatency(label: string, db: Database): Promise<void> {
  const services = createServices(db, {}, { events: new EventBus() });
  const queue = await startFakeWireq();
  queue.batchSize = 50;
  const source = await services.wire.saveSource({ id: 'dpa-wireq', name: 'dpa wireQ', format: 'digitalwires', transport: 'wireq', settings: { base: queue.base, intervalSeconds: 1 } });
  const poller = wireqPoller({ source, ingest: (id, input, meta) => services.wire.ingest(id, input, meta), log: () => undefined });
  poller.start();
  const make = entryMaker(99);
  const waits: number[] = [];
  try {
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const entry = make(900_000 + i);
      const t = performance.now();
      queue.add(entry);
      for (;;) {
        const { items } = await services.wire.list({ limit: 1, source: 'dpa-wireq' });
        if (items[0]?.guid === entry.urn) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      waits.push(performance.now() - t);
      // Entries arrive at random moments relative to the poll, as agency copy does.
      await new Promise((r) => setTimeout(r, Math.random() * 700));
    }
  } finally {
    await poller.stop();
    await queue.close();
  }
  waits.sort((a, b) => a - b);
  console.log(`${label}: wireQ entry → listed on the desk (polled every 1 s): p50 ${pct(waits, 50).toFixed(0)} ms, p99 ${pct(waits, 99).toFixed(0)} ms (${waits.length} entries)`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-wire-'));
try {
  console.log(`${ITEMS.toLocaleString('en')} invented digitalwires entries, ${BATCH} per wireQ answer, ${PARALLEL} answers at a time`);
  await onEachEngine(tmp, {}, async (label, open) => {
    const db = await open();
    try {
      await migrate(db);
      await ingestArchive(label, db);
      await wireLatency(label, db);
      // Fresh planner statistics, as lede serve has them: PostgreSQL's autovacuum and, on PGlite, the checkpointer's timed ANALYZE.
      await db.query('ANALYZE');
      await deskQueries(label, db);
    } finally {
      await db.close();
    }
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
