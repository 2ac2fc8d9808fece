import { sleep as realSleep, type Sleep } from '../../src/services/wire-transports/back-off.js';
import type { IngestFn, IngestMeta, TransportOutcome } from '../../src/services/wire-transports/wire-transport.js';

/**
 * A recording stand-in for the desk's ingest (services.wire.ingest), with the
 * desk's contract: a JSON document with an `urn` (and `version`) is stored
 * once per (source, urn, version), again is 'duplicate'; anything else is
 * 'refused' with a dead letter; `failNext` makes the next calls throw as a
 * database outage would.
 */
export interface FakeDesk {
  ingest: IngestFn;
  /** Every call, in order, with what it answered ('threw' for an injected failure). */
  calls: Array<{ sourceId: string; name?: string; via?: string; urn?: string; result: TransportOutcome['result'] | 'threw'; bytes: number }>;
  /** Stored items: "source urn version". */
  stored: string[];
  deadLetters: string[];
  /** The next n calls throw (or those whose urn matches). */
  failNext(n: number, urn?: string): void;
  /** Called after each commit (tests hook their timeline here). */
  onCommit?: (urn: string) => void;
}

export function fakeDesk(): FakeDesk {
  const failures: Array<string | undefined> = [];
  const desk: FakeDesk = {
    calls: [],
    stored: [],
    deadLetters: [],
    failNext: (n, urn) => {
      for (let i = 0; i < n; i++) failures.push(urn);
    },
    ingest: async (sourceId: string, input: Uint8Array | string, meta: IngestMeta = {}) => {
      const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
      const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
      let doc: { urn?: unknown; version?: unknown } | undefined;
      try {
        doc = JSON.parse(text) as { urn?: unknown; version?: unknown };
      } catch {
        doc = undefined;
      }
      const urn = typeof doc?.urn === 'string' ? doc.urn : undefined;
      const call = { sourceId, ...(meta.name !== undefined && { name: meta.name }), ...(meta.via !== undefined && { via: meta.via }), ...(urn && { urn }), bytes };
      const failAt = failures.findIndex((f) => f === undefined || f === urn);
      if (failAt >= 0) {
        failures.splice(failAt, 1);
        desk.calls.push({ ...call, result: 'threw' });
        throw new Error('database unavailable (injected)');
      }
      // Commits take a turn of the event loop, as a real one does.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!urn || text.includes('\u0000')) {
        const id = `dl-${desk.deadLetters.length + 1}`;
        desk.deadLetters.push(id);
        desk.calls.push({ ...call, result: 'refused' });
        return [{ result: 'refused', reason: urn ? 'NUL byte in the document' : 'not a JSON document with an urn', deadLetterId: id }];
      }
      const key = `${sourceId} ${urn} ${Number(doc?.version ?? 1)}`;
      if (desk.stored.includes(key)) {
        desk.calls.push({ ...call, result: 'duplicate' });
        return [{ result: 'duplicate', guid: urn }];
      }
      desk.stored.push(key);
      desk.calls.push({ ...call, result: 'new' });
      desk.onCommit?.(urn);
      return [{ result: 'new', guid: urn, version: Number(doc?.version ?? 1) }];
    },
  };
  return desk;
}

/** A wire entry of our own invention (digitalwires-like: urn and version). */
export const entry = (n: number, version = 1): Record<string, unknown> => ({
  urn: `urn:newsml:test.example:20261205:wire-${n}`,
  version,
  headline: `Testmeldung ${n}`,
  article_html: `<section class="main"><p>Absatz ${n}.</p></section>`,
});

/** A sleep that records what was asked (ms, and after how many of `counter()`'s events) and waits only a moment. */
export function recordingSleep(counter: () => number, cap = 5): { sleep: Sleep; asked: Array<{ ms: number; after: number }> } {
  const asked: Array<{ ms: number; after: number }> = [];
  return {
    asked,
    sleep: (ms, signal) => {
      asked.push({ ms, after: counter() });
      return realSleep(Math.min(ms, cap), signal);
    },
  };
}

/** Resolves once `predicate` holds (checked every few ms); for waiting on background pollers without timing anything. */
export async function eventually(predicate: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
