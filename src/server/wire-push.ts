import { Hono, type Context } from 'hono';
import { LedeError, isLedeError } from '../content/index.js';
import { limitBody } from '../http/endpoints.js';
import { withDatabasePriority } from '../store/index.js';
import type { WireDesk } from '../services/wire-desk.js';
import { checkPushTimestamp, parsePushSignature, pushSignatureMatches, type PushProblem } from '../services/wire-transports/push-signature.js';

/**
 * Agency push: `POST /ingest/{source}`, a machine endpoint (no session, no
 * CSRF: the HMAC signature is the credential; see push-signature.ts).
 *
 * Answers, all `Cache-Control: no-store`, JSON in the app's error shape:
 *  - 202 `{ outcomes }` once every item of the document is committed;
 *  - 422 `{ error, outcomes }` when the desk refused the document (or an item
 *    of it). The refusal is kept as a dead letter an editor can retry after a
 *    fix, but the sender hears of it: a 4xx tells it not to send the same
 *    bytes again, where a 202 would hide the problem on its side;
 *  - 401 naming the header when the timestamp or signature is missing, stale
 *    or wrong; 404 for an unknown or inactive source, or one that does not
 *    take pushes; 413 over the size limit (decided from Content-Length
 *    before reading when there is one, else while the body streams in);
 *  - 5xx when the desk could not commit: the sender should retry.
 */
export const MAX_PUSH_BYTES = 5 * 1024 * 1024;

export interface WirePushOptions {
  maxBytes?: number;
  /** The clock timestamps are checked against (tests). */
  now?: () => number;
}

const noStore = { 'Cache-Control': 'no-store' };

function answer(c: Context, status: number, body: unknown): Response {
  return c.json(body as object, status as 202, noStore);
}

const refused = (c: Context, p: PushProblem) =>
  // Own reasons (push_*) for a sender's program to branch on; the push refusals are the only ones this endpoint gives.
  answer(c, 401, { error: { code: 'UNAUTHORIZED', reason: p.reason, message: p.message, params: { header: p.header } } });

export function wirePush(wire: Pick<WireDesk, 'source' | 'sourceSecret' | 'ingest'>, opts: WirePushOptions = {}): Hono {
  const app = new Hono();
  const maxBytes = opts.maxBytes ?? MAX_PUSH_BYTES;
  const now = opts.now ?? Date.now;

  app.post('/ingest/:source', limitBody(maxBytes), (c) => withDatabasePriority(async () => {
    const id = c.req.param('source') ?? '';
    // Unknown, inactive and non-push sources look the same from outside.
    const source = /^[a-z0-9-]{1,64}$/.test(id) ? await wire.source(id).catch((err: unknown) => {
      if (isLedeError(err) && err.status === 404) return undefined;
      throw err;
    }) : undefined;
    if (!source || !source.active || source.transport !== 'push') {
      throw new LedeError('NOT_FOUND', `no active push source "${id.slice(0, 64)}"; add it in the newsroom (agency sources) with transport push and a secret`, {
        reason: 'no_wire_source', params: { source: id.slice(0, 64) },
      });
    }
    // Cheap checks first: a stale or unsigned request costs no body read.
    const timestamp = c.req.header('x-lede-timestamp');
    const stale = checkPushTimestamp(timestamp, now());
    if (stale) return refused(c, stale);
    const digest = parsePushSignature(c.req.header('x-lede-signature'));
    if (!Buffer.isBuffer(digest)) return refused(c, digest);
    const secret = await wire.sourceSecret(source.id);
    if (!secret) return refused(c, { header: 'X-Lede-Signature', reason: 'push_signature_invalid', message: `the source "${source.id}" has no secret set; set one in the newsroom` });
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (!pushSignatureMatches(secret, timestamp!, body, digest)) {
      return refused(c, { header: 'X-Lede-Signature', reason: 'push_signature_invalid', message: 'X-Lede-Signature does not match the body and timestamp signed with this source\'s secret' });
    }
    const outcomes = await wire.ingest(source.id, body, { name: `push ${timestamp}`, via: 'push' });
    const bad = outcomes.filter((o) => o.result === 'refused');
    if (!bad.length) return answer(c, 202, { outcomes });
    const reasons = bad.map((o) => ('reason' in o ? o.reason : 'refused')).join('; ');
    return answer(c, 422, {
      error: { code: 'VALIDATION', reason: 'input_invalid', message: `the wire desk refused the document: ${reasons} (kept as a dead letter)` },
      outcomes,
    });
  }));

  app.onError((err, c) => {
    // A body over the limit fails its read with the 413 (limitBody).
    const e = isLedeError(err) ? err : isLedeError((err as { cause?: unknown }).cause) ? (err as { cause: LedeError }).cause : undefined;
    if (e) {
      if (e.retryAfterSeconds) c.header('Retry-After', String(e.retryAfterSeconds));
      return answer(c, e.status, e.toJSON());
    }
    console.error(`[wire push] POST ${c.req.path}:`, err);
    return answer(c, 500, new LedeError('INTERNAL', 'an unexpected error occurred; it has been logged. Send the document again later.', { reason: 'internal' }).toJSON());
  });
  return app;
}
