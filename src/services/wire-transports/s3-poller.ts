import type { Queryable } from '../../store/types.js';
import { markTaken, takenKeys } from '../../store/wire-transport-keys.js';
import type { Sleep } from './back-off.js';
import { PollLoop, type PollLocks } from './poll-loop.js';
import { S3BucketReader, TooLarge, type S3Listed } from './s3-bucket-reader.js';
import { numberSetting, stringSetting, type IngestFn, type TransportLog, type WireSourceConfig } from './wire-transport.js';

/**
 * Polls a bucket prefix an agency writes into (dpa s3push) and takes each
 * new object once: it is read, handed to the desk, and only after the desk
 * committed is its key remembered (wire_transport_keys). A crash in between
 * reads it again on the next poll, and the desk stores it once.
 *
 * Settings: `bucket`, `prefix`, `endpoint`, `region`, `accessKeyId`,
 * `pathStyle` (default true), `intervalSeconds` (default 10),
 * `maxObjectMB` (default 20); the secret access key is the source's secret
 * (or `secretAccessKey`). Endpoint, region and keys default to Lede's own
 * media bucket settings (LEDE_S3_*) when the agency writes there.
 */
export interface S3Defaults {
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  pathStyle?: boolean;
}

export interface S3PollerOptions {
  source: WireSourceConfig;
  ingest: IngestFn;
  /** Where the taken keys are remembered. */
  db: Queryable;
  defaults?: S3Defaults;
  locks?: PollLocks;
  log?: TransportLog;
  fetch?: typeof fetch;
  sleep?: Sleep;
  backOff?: { initialMs?: number; maxMs?: number };
  lockRetryMs?: number;
}

/** Objects taken per round at most; the next round follows at once when more are waiting. */
const ROUND_LIMIT = 200;
/** Keys asked about per query. */
const KEY_BATCH = 500;
// A key the database cannot hold as text (NUL, a lone surrogate) or longer than the table allows.
const unsoundKey = (key: string) => key.length > 1024 || /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(key);

export function s3Poller(opts: S3PollerOptions): PollLoop {
  const { source, ingest, db } = opts;
  const s = source.settings;
  const d = opts.defaults ?? {};
  const bucket = stringSetting(s, 'bucket');
  const endpoint = stringSetting(s, 'endpoint') ?? d.endpoint;
  const accessKeyId = stringSetting(s, 'accessKeyId') ?? d.accessKeyId;
  const secretAccessKey = source.secret ?? stringSetting(s, 'secretAccessKey') ?? d.secretAccessKey;
  const missing = [!bucket && 'bucket', !endpoint && 'endpoint', !accessKeyId && 'accessKeyId', !secretAccessKey && 'the secret (secret access key)'].filter(Boolean);
  if (missing.length) throw new Error(`wire source ${source.id}: an S3 source needs ${missing.join(', ')} (settings, or LEDE_S3_* for Lede's own bucket)`);
  const prefix = typeof s.prefix === 'string' ? s.prefix : '';
  const pathStyle = typeof s.pathStyle === 'boolean' ? s.pathStyle : d.pathStyle ?? true;
  const reader = new S3BucketReader({
    endpoint: endpoint!, region: stringSetting(s, 'region') ?? d.region ?? 'us-east-1', bucket: bucket!, accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!, pathStyle, ...(opts.fetch && { fetch: opts.fetch }),
  });
  const intervalMs = numberSetting(s, 'intervalSeconds', 10) * 1000;
  const maxBytes = numberSetting(s, 'maxObjectMB', 20) * 1024 * 1024;
  const name = `s3 ${source.id} (${bucket}/${prefix})`;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const warned = new Set<string>();

  const fresh = async (listed: S3Listed[]): Promise<S3Listed[]> => {
    const objects = listed.filter((o) => {
      if (o.key.endsWith('/')) return false;
      if (!unsoundKey(o.key)) return true;
      if (!warned.has(o.key)) log(`${name}: skipped a key that cannot be stored as text (${JSON.stringify(o.key.slice(0, 80))})`);
      warned.add(o.key);
      return false;
    });
    const out: S3Listed[] = [];
    for (let i = 0; i < objects.length; i += KEY_BATCH) {
      const batch = objects.slice(i, i + KEY_BATCH);
      const taken = await takenKeys(db, source.id, batch.map((o) => o.key));
      out.push(...batch.filter((o) => !taken.has(o.key)));
    }
    // Oldest first, as the agency wrote them (a later version after an earlier one).
    return out.sort((a, b) => (a.lastModified ?? '').localeCompare(b.lastModified ?? '') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };

  const step = async (signal: AbortSignal): Promise<number> => {
    const waiting = await fresh(await reader.list(prefix, signal));
    let done = 0;
    for (const object of waiting.slice(0, ROUND_LIMIT)) {
      if (signal.aborted) break;
      let bytes: Buffer | undefined;
      try {
        bytes = await reader.get(object.key, maxBytes, signal);
      } catch (err) {
        if (!(err instanceof TooLarge)) throw err;
        // Not an agency document: remembered so it is not fetched on every poll, and named for the operator.
        log(`${name}: ${object.key} is ${Math.round(err.bytes / 1024 / 1024)} MB, over the ${Math.round(maxBytes / 1024 / 1024)} MB limit (maxObjectMB); skipped`);
        await markTaken(db, source.id, object.key, object.etag);
        continue;
      }
      if (!bytes) continue; // deleted since the listing: nothing to take
      // MUST come before markTaken: a key is remembered only for what the desk committed.
      await ingest(source.id, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: object.key, via: 's3' });
      await markTaken(db, source.id, object.key, object.etag);
      done++;
    }
    return waiting.length > done && !signal.aborted ? 0 : intervalMs;
  };

  return new PollLoop({
    name,
    step,
    log,
    ...(opts.sleep && { sleep: opts.sleep }),
    ...(opts.backOff && { backOff: opts.backOff }),
    ...(opts.locks && { lock: { locks: opts.locks, key: `wire-source:${source.id}`, ...(opts.lockRetryMs !== undefined && { retryMs: opts.lockRetryMs }) } }),
  });
}
