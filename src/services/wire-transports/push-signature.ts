import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of an agency push (`POST /ingest/{source}`):
 *   X-Lede-Timestamp: unix seconds when the sender signed
 *   X-Lede-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}" with the source's secret>
 * The timestamp is inside what is signed and must be within
 * PUSH_TOLERANCE_SECONDS of the server's clock, so a captured request cannot
 * be replayed later (a replay within the window is a duplicate the desk ignores).
 */
export const PUSH_TOLERANCE_SECONDS = 300;

/** The header value a sender puts in X-Lede-Signature (also for tests and the README's example). */
export function signPush(secret: string, timestamp: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type PushProblem = { header: 'X-Lede-Timestamp' | 'X-Lede-Signature'; reason: 'push_timestamp_invalid' | 'push_signature_invalid'; message: string };

/** What is wrong with the timestamp header, if anything (checked before the body is read). */
export function checkPushTimestamp(value: string | undefined, nowMs: number): PushProblem | undefined {
  const problem = (message: string): PushProblem => ({ header: 'X-Lede-Timestamp', reason: 'push_timestamp_invalid', message });
  if (value === undefined || value.trim() === '') return problem('X-Lede-Timestamp is missing: send the unix time in seconds you signed at');
  if (!/^\d{1,12}$/.test(value.trim())) return problem('X-Lede-Timestamp must be the unix time in whole seconds');
  const skew = Math.round(nowMs / 1000) - Number(value.trim());
  if (Math.abs(skew) > PUSH_TOLERANCE_SECONDS) {
    return problem(`X-Lede-Timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}; at most ${PUSH_TOLERANCE_SECONDS} s either way are accepted (check the sender's clock)`);
  }
  return undefined;
}

/** The signature header's digest bytes, or a problem naming what is wrong with its form. */
export function parsePushSignature(value: string | undefined): Buffer | PushProblem {
  const problem = (message: string): PushProblem => ({ header: 'X-Lede-Signature', reason: 'push_signature_invalid', message });
  if (value === undefined || value.trim() === '') return problem('X-Lede-Signature is missing: send sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">');
  const m = /^sha256=([0-9a-f]{64})$/i.exec(value.trim());
  if (!m) return problem('X-Lede-Signature must be sha256= and 64 hex digits');
  return Buffer.from(m[1]!, 'hex');
}

/** True when `digest` is the body's signature; compared in constant time. */
export function pushSignatureMatches(secret: string, timestamp: string, body: Uint8Array, digest: Buffer): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp.trim()}.`).update(body).digest();
  return digest.length === expected.length && timingSafeEqual(digest, expected);
}
