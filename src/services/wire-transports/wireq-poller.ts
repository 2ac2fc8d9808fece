import { BackOff, sleep as realSleep, type Sleep } from './back-off.js';
import { PollLoop, type PollLocks } from './poll-loop.js';
import { WireqClient, describeBase } from './wireq-client.js';
import { errorText, numberSetting, stringSetting, type IngestFn, type TransportLog, type WireSourceConfig } from './wire-transport.js';

/**
 * Polls a dpa wireQ queue for one source and hands each entry to the desk.
 *
 * Settings: `base` (the queue URL), `mode` ('dequeue' = A, default, or
 * 'receipt' = B), `intervalSeconds` (wait when the queue is empty and sends
 * no retry-after; default 5), `timeoutSeconds` (per request; default 30).
 *
 * Mode A takes entries off the queue as they are handed out, so every entry
 * of an answer is committed (ingest retried through database outages) before
 * the next request; a process killed between the answer and the commit loses
 * that answer's entries, which is why mode B is the one to use where that
 * matters. Mode B deletes an entry only after ingest resolved; an entry whose
 * ingest failed is not deleted and comes back when its receipt expires (the
 * desk ignores the second copy of one it already has).
 */
export interface WireqPollerOptions {
  source: WireSourceConfig;
  ingest: IngestFn;
  locks?: PollLocks;
  log?: TransportLog;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** Back-off after failures (tests make it short). */
  backOff?: { initialMs?: number; maxMs?: number };
  /** How often a node without the source's lock asks again (default 5 s). */
  lockRetryMs?: number;
  /**
   * Mode A: how long a dequeue already sent may still take after stop()
   * (default 5 s). The queue forgets what it hands out, so cutting the
   * answer off at once would lose its entries; the request's own deadline
   * still applies.
   */
  stopGraceMs?: number;
}

export type WireqMode = 'dequeue' | 'receipt';

export function wireqMode(settings: Record<string, unknown>): WireqMode {
  const m = stringSetting(settings, 'mode')?.toLowerCase();
  if (m === undefined || m === 'dequeue' || m === 'a') return 'dequeue';
  if (m === 'receipt' || m === 'b') return 'receipt';
  throw new Error(`wireQ mode "${m}" is unknown; use "dequeue" (POST dequeue-entries.json) or "receipt" (GET entries.json + DELETE)`);
}

const RECEIPT = '_wireq_receipt';

/** The entry as the agency wrote it: the queue's receipt is not part of the document. */
function documentOf(entry: Record<string, unknown>): string {
  if (!(RECEIPT in entry)) return JSON.stringify(entry);
  const { [RECEIPT]: _receipt, ...rest } = entry;
  return JSON.stringify(rest);
}

const nameOf = (entry: Record<string, unknown>, fallback: string) => (typeof entry.urn === 'string' ? entry.urn : typeof entry.uri === 'string' ? entry.uri : fallback);

export function wireqPoller(opts: WireqPollerOptions): PollLoop {
  const { source, ingest } = opts;
  const base = stringSetting(source.settings, 'base');
  if (!base) throw new Error(`wire source ${source.id}: a wireQ source needs settings.base (the queue URL)`);
  const mode = wireqMode(source.settings);
  const client = new WireqClient({ base, timeoutMs: numberSetting(source.settings, 'timeoutSeconds', 30) * 1000, ...(opts.fetch && { fetch: opts.fetch }) });
  const idleMs = numberSetting(source.settings, 'intervalSeconds', 5) * 1000;
  const wait = opts.sleep ?? realSleep;
  const name = `wireq ${source.id} (${describeBase(base)})`;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const meta = (entry: Record<string, unknown>, fallback: string) => ({ name: nameOf(entry, fallback), via: 'wireq' });

  /**
   * Mode A: the entry has left the queue, so ingest is repeated until it
   * commits. Only a stop gives up on it, after one last try, and names it.
   */
  const ingestSurely = async (document: string, label: string, signal: AbortSignal): Promise<void> => {
    const backOff = new BackOff(opts.backOff);
    for (;;) {
      try {
        await ingest(source.id, document, { name: label, via: 'wireq' });
        return;
      } catch (err) {
        if (signal.aborted) {
          log(`${name}: stopped before the entry ${label} was stored (${errorText(err)}); it has left the queue: ask the agency to send it again`);
          return;
        }
        const delay = backOff.next();
        log(`${name}: could not store the entry ${label} (${errorText(err)}); trying again in ${Math.round(delay / 100) / 10} s`);
        await wait(delay, signal);
      }
    }
  };

  const dequeueStep = async (signal: AbortSignal): Promise<number> => {
    if (signal.aborted) return 0;
    const grace = new AbortController();
    const onStop = () => setTimeout(() => grace.abort(), opts.stopGraceMs ?? 5_000).unref();
    signal.addEventListener('abort', onStop, { once: true });
    let answer;
    try {
      answer = await client.dequeue(grace.signal);
    } finally {
      signal.removeEventListener('abort', onStop);
    }
    if (answer.status === 429) return answer.retryAfterMs ?? idleMs;
    if (!answer.entries) {
      // Taken off the queue but not the expected JSON: the desk keeps it as a dead letter instead of it being lost here.
      if (answer.body.trim() !== '') await ingestSurely(answer.body, 'unreadable wireQ answer', signal);
      log(`${name}: the queue's answer was not {"entries": [...]}; kept as a dead letter`);
      return answer.retryAfterMs ?? idleMs;
    }
    // Every entry is committed before the next request (a stop waits for it: they are no longer in the queue).
    for (const entry of answer.entries) await ingestSurely(documentOf(entry), nameOf(entry, 'wireq entry'), signal);
    return answer.retryAfterMs ?? (answer.entries.length ? 0 : idleMs);
  };

  const receiptStep = async (signal: AbortSignal): Promise<number> => {
    const answer = await client.list(signal);
    if (answer.status === 429) return answer.retryAfterMs ?? idleMs;
    if (!answer.entries) throw new Error(`the queue's answer to GET entries.json was not a list of entries`);
    for (const entry of answer.entries) {
      // Stopping: the rest stay hidden until their receipts expire and then come back; nothing is lost.
      if (signal.aborted) break;
      const receipt = typeof entry[RECEIPT] === 'string' ? entry[RECEIPT] : undefined;
      // A failed ingest throws out of the round (back-off) without a DELETE: the entry comes back.
      await ingest(source.id, documentOf(entry), meta(entry, receipt ? `wireq receipt ${receipt}` : 'wireq entry'));
      if (!receipt) {
        log(`${name}: an entry without ${RECEIPT} cannot be removed from the queue; it may come again (the desk ignores repeats)`);
        continue;
      }
      // The DELETE is not cut short by a stop: the entry is stored, and a lost DELETE only means a harmless repeat.
      const removed = await client.remove(receipt).catch((err: unknown) => {
        log(`${name}: ${errorText(err)}; the stored entry will come again and be ignored`);
        return 'failed' as const;
      });
      if (removed === 'expired') log(`${name}: receipt of ${nameOf(entry, 'an entry')} had expired; the entry will come again and be ignored`);
    }
    return answer.retryAfterMs ?? (answer.entries.length ? 0 : idleMs);
  };

  return new PollLoop({
    name,
    step: mode === 'dequeue' ? dequeueStep : receiptStep,
    log,
    ...(opts.sleep && { sleep: opts.sleep }),
    ...(opts.backOff && { backOff: opts.backOff }),
    ...(opts.locks && { lock: { locks: opts.locks, key: `wire-source:${source.id}`, ...(opts.lockRetryMs !== undefined && { retryMs: opts.lockRetryMs }) } }),
  });
}
