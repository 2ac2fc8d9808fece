/**
 * A fake Web Push service for tests: a real HTTPS server on 127.0.0.1 that
 * plays the part of a browser vendor's push service (RFC 8030) and checks
 * every push message the way a strict one would — with its own reading of the
 * RFCs, written with node:crypto alone, never with web-push or http_ece, so a
 * sender that signs or encrypts wrongly fails the test instead of agreeing
 * with itself.
 *
 *   const push = await startFakePushService();
 *   const sub = push.createPushSubscriber();        // { id, endpoint, keys: { p256dh, auth } }
 *   await webPush.sendNotification(sub, 'Eilmeldung', { vapidDetails, TTL: 60, agent: push.agent() });
 *   push.deliveries[0]  // { subscriptionId, ttl, urgency, topic, payload: 'Eilmeldung', ok: true, status: 201, … }
 *
 * What it checks, in this order; the first failure decides the answer and is
 * recorded as `problem` (with `ok: false`):
 * - VAPID (RFC 8292): `Authorization: vapid t=<JWT>, k=<key>`; `k` is a
 *   base64url uncompressed P-256 point; the JWT is ES256 (JOSE signature: raw
 *   r||s, 64 octets) and verifies with `k`; `aud` is the endpoint's origin;
 *   `exp` is in the future and at most 24 h ahead; `sub` is a `mailto:` or
 *   `https:` URI; `k` equals the subscription's applicationServerKey when one
 *   was given. No or unreadable authorization → 401; present but wrong → 403.
 *   Every message must carry VAPID here (a real service demands it only for
 *   restricted subscriptions; Lede always signs, so a missing one is a bug).
 * - `TTL` present and a non-negative integer (RFC 8030 §5.2) → else 400;
 *   `Urgency` one of very-low/low/normal/high (§5.3) and `Topic` at most 32
 *   base64url characters (§5.4) when present → else 400.
 * - Body at most `maxBodyBytes` (4096, the least every service must take,
 *   RFC 8030 §7.2) → else 413.
 * - A non-empty body needs `Content-Encoding: aes128gcm` → else 415; it is
 *   decrypted per RFC 8188 + RFC 8291 with the subscriber's private key and
 *   auth secret: one record, keyid = the sender's 65-octet public key, the
 *   last record's padding delimiter 0x02 → else 400. An empty body is a
 *   push without payload (`payload: null`).
 *
 * Then it answers: a subscription marked `gone()` → 410 (or 404) whatever the
 * request was (a real service looks the subscription up first); a failed
 * check → its status; else the next programmed answer for that subscription
 * (`respond()`; only valid requests use them up); else 201 Created with a
 * Location, as RFC 8030 §5 says. Every request is recorded in `deliveries`.
 *
 * web-push's sendNotification always speaks TLS (it calls https.request even
 * for an http: endpoint), so the service serves HTTPS with a self-signed
 * certificate made at start (P-256, for 127.0.0.1 and localhost). Trust it
 * with `agent()` (an https.Agent carrying the certificate, web-push's `agent`
 * option), `ca` (PEM) or, for child processes, NODE_EXTRA_CA_CERTS=`caFile`.
 * `{ tls: false }` serves plain HTTP for senders that bring their own client.
 *
 * Counters: `inFlight`/`maxInFlight` (requests being handled at once — to see
 * that a sender bounds its concurrency; `pause()` holds every answer until
 * `resume()` so requests certainly overlap, `setLatency()` holds each one a
 * while), `openConnections`/`maxConnections`/`connectionsOpened` (TCP
 * connections; opened ≫ requests means no keep-alive).
 *
 * `{ decrypt: false }` (benches only) checks the aes128gcm framing but skips
 * the decryption, so the fake's ECDH does not compete for the CPU of the
 * sender being measured.
 *
 * The checks are also exported on their own: checkVapid(), readAes128gcm(),
 * decryptPushMessage() and contentKeys(), for tests that hold a request
 * without sending it.
 */
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type ECDH,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** One request to the service, valid or not. */
export interface PushDelivery {
  /** The id from the path /push/<id> (the path itself when it has none). */
  subscriptionId: string;
  ttl: number | null;
  /** The Urgency header as sent; null when absent (the RFC's default is normal). */
  urgency: Urgency | null;
  topic: string | null;
  /** The decrypted payload as UTF-8; null for a push without payload or one that did not decrypt. */
  payload: string | null;
  /** Every check passed: a push service would take this message. */
  ok: boolean;
  /** Why a check failed, naming the rule. */
  problem?: string;
  /** What the service answered. */
  status: number;
  /** ok and answered 2xx: the message would reach the browser. */
  accepted: boolean;
  /** The verified VAPID claims and key (base64url), when the JWT checked out. */
  vapid?: { aud: string; exp: number; sub: string; key: string };
  receivedAt: number;
}

/** A programmed answer: a status, or a status with Retry-After, headers and a body. */
export type PushAnswer = number | { status: number; retryAfter?: number | string; headers?: Record<string, string>; body?: string };

/** The browser's side of a subscription, shaped like PushSubscription.toJSON() plus the fake's id. */
export interface FakeSubscription {
  id: string;
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface FakePushServiceOptions {
  /** HTTPS with a self-signed certificate (default), or plain HTTP. */
  tls?: boolean;
  /** Hold every answer this long (so concurrent requests overlap). Default 0. */
  latencyMs?: number;
  /** Largest body taken; more → 413. Default 4096 (RFC 8030 §7.2). */
  maxBodyBytes?: number;
  /** Keep every request in `deliveries` (default); false keeps counts only, for big fan-outs. */
  keepDeliveries?: boolean;
  /**
   * Decrypt every payload (default). false checks the aes128gcm header and
   * record sizes only (payload: null) — for benches, where the ECDH of the
   * check would take the CPU the sender under test shares with it; tests
   * keep it on, so a wrong encryption fails them.
   */
  decrypt?: boolean;
}

export interface FakePushService {
  /** scheme://127.0.0.1:port — the `aud` a sender must sign. */
  origin: string;
  /** The certificate (PEM) in TLS mode, '' in plain mode. */
  ca: string;
  /** A file holding `ca`, for NODE_EXTRA_CA_CERTS in child processes ('' in plain mode). Removed by close(). */
  caFile: string;
  /** An https.Agent that trusts the service (web-push's `agent` option); options are passed on (keepAlive, maxSockets …). */
  agent(options?: https.AgentOptions): https.Agent;
  /**
   * A new subscription as a browser would make it: a fresh P-256 key pair
   * (p256dh, uncompressed, base64url) and a 16-octet auth secret; the service
   * keeps the private key to decrypt. With applicationServerKey (the VAPID
   * public key, base64url) the subscription is restricted to that key.
   */
  createPushSubscriber(opts?: { applicationServerKey?: string }): FakeSubscription;
  /** Every request, in arrival order (empty when keepDeliveries is false). */
  deliveries: PushDelivery[];
  deliveriesFor(id: string): PushDelivery[];
  /** How many messages the subscription accepted (counted also when keepDeliveries is false: a bench's duplicate check). */
  acceptedBy(id: string): number;
  /** Answers for the next valid requests to this subscription, in order; then 201 again. */
  respond(id: string, answers: PushAnswer[]): void;
  /** From now on the subscription answers 410 Gone (or 404 Not Found): the browser dropped it. */
  gone(id: string, status?: 404 | 410): void;
  /**
   * Resolves once `check(deliveries)` holds; checked as each request is
   * recorded, which is before it is answered (a hang fails by the suite's timeout).
   */
  until(check: (deliveries: PushDelivery[]) => boolean): Promise<void>;
  setLatency(ms: number): void;
  /** Hold every answer (requests are still recorded) until resume(): makes overlap certain without timing. */
  pause(): void;
  resume(): void;
  /** Totals, kept also when keepDeliveries is false. */
  readonly counts: { requests: number; accepted: number; refused: number };
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly openConnections: number;
  readonly maxConnections: number;
  readonly connectionsOpened: number;
  /** Sets the max and total counters back to the current state. */
  resetCounters(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// VAPID (RFC 8292)

/** At most this far ahead may a JWT's exp lie (RFC 8292 §2). */
const MAX_EXP_AHEAD_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type VapidCheck =
  | { ok: true; claims: { aud: string; exp: number; sub: string }; key: string }
  | { ok: false; status: 401 | 403; problem: string };

function fromBase64url(s: string): Buffer | null {
  return BASE64URL.test(s) ? Buffer.from(s, 'base64url') : null;
}

/** The P-256 public key in an uncompressed point (0x04 || x || y), or null when it is none. */
function p256PublicKey(point: Buffer): KeyObject | null {
  if (point.length !== 65 || point[0] !== 0x04) return null;
  try {
    return createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null; // not a point on the curve
  }
}

/** Keys already read from k (a sender sends every push with the same one; reading a JWK costs more than the rest of the check). */
const keyObjects = new Map<string, KeyObject | null>();
function vapidKey(k: string, point: Buffer): KeyObject | null {
  let key = keyObjects.get(k);
  if (key === undefined) {
    key = p256PublicKey(point);
    if (keyObjects.size > 1000) keyObjects.clear();
    keyObjects.set(k, key);
  }
  return key;
}

/** Reads `vapid t=…, k=…` (auth-params, values may be quoted) into a map, or null for another scheme. */
function vapidParams(authorization: string): Map<string, string> | null {
  const m = /^vapid\s+(.*)$/is.exec(authorization.trim());
  if (!m) return null;
  const params = new Map<string, string>();
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    params.set(part.slice(0, eq).trim().toLowerCase(), value);
  }
  return params;
}

/** Signatures already verified (token + key), so a sender that reuses its JWT is not charged twice. */
const verifiedSignatures = new Set<string>();
/**
 * Headers that passed every check, with what they said (by header, audience
 * and expected key): a sender reuses one JWT for thousands of pushes, and only
 * the checks that depend on the time need doing again.
 */
const passedHeaders = new Map<string, { claims: { aud: string; exp: number; sub: string }; key: string }>();

/** exp against the clock (RFC 8292 §2), or undefined when it is fine now. */
function expiryProblem(exp: number, now: number): string | undefined {
  if (exp <= now) return `JWT expired (exp ${exp} ≤ now ${now})`;
  if (exp > now + MAX_EXP_AHEAD_SECONDS) return `JWT exp is ${exp - now} s ahead, more than 24 h (RFC 8292 §2)`;
  return undefined;
}

/**
 * Checks a VAPID Authorization header for a push to `audience` (the push
 * service's origin). With `expectedKey` the subscription is restricted to
 * that application server key.
 */
export function checkVapid(authorization: string | undefined, audience: string, opts: { nowSeconds?: number; expectedKey?: string } = {}): VapidCheck {
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!authorization) return { ok: false, status: 401, problem: 'no Authorization header (RFC 8292 §4.2: VAPID is required)' };
  const passedKey = `${authorization}\n${audience}\n${opts.expectedKey ?? ''}`;
  const passed = passedHeaders.get(passedKey);
  if (passed) {
    const late = expiryProblem(passed.claims.exp, now);
    return late ? { ok: false, status: 403, problem: late } : { ok: true, claims: { ...passed.claims }, key: passed.key };
  }
  const params = vapidParams(authorization);
  if (!params) return { ok: false, status: 401, problem: `Authorization scheme is not "vapid" (RFC 8292 §3): ${authorization.slice(0, 20)}…` };
  const token = params.get('t');
  const k = params.get('k');
  if (!token || !k) return { ok: false, status: 401, problem: 'vapid authorization needs both t= and k= (RFC 8292 §3)' };

  const keyBytes = fromBase64url(k);
  const key = keyBytes && vapidKey(k, keyBytes);
  if (!keyBytes || !key) return { ok: false, status: 403, problem: 'k is not a base64url uncompressed P-256 public key (RFC 8292 §3.2)' };
  if (opts.expectedKey !== undefined) {
    const expected = fromBase64url(opts.expectedKey);
    if (!expected || !expected.equals(keyBytes)) return { ok: false, status: 403, problem: 'k is not the applicationServerKey this subscription was made with (RFC 8292 §4.2)' };
  }

  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return { ok: false, status: 403, problem: 't is not a JWS compact serialization (three base64url parts)' };
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, status: 403, problem: 'JWT header or claims are not JSON' };
  }
  if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'ES256') {
    return { ok: false, status: 403, problem: 'JWT alg must be ES256 (RFC 8292 §2)' };
  }
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64) return { ok: false, status: 403, problem: `JWT signature is ${signature.length} octets, not the 64 of a JOSE ES256 r||s (RFC 7518 §3.4)` };
  const cacheKey = `${token} ${k}`;
  if (!verifiedSignatures.has(cacheKey)) {
    const good = verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (!good) return { ok: false, status: 403, problem: 'JWT signature does not verify with the key in k' };
    if (verifiedSignatures.size > 10_000) verifiedSignatures.clear();
    verifiedSignatures.add(cacheKey);
  }

  if (typeof claims !== 'object' || claims === null) return { ok: false, status: 403, problem: 'JWT claims are not an object' };
  const { aud, exp, sub } = claims as { aud?: unknown; exp?: unknown; sub?: unknown };
  if (aud !== audience) return { ok: false, status: 403, problem: `JWT aud is ${JSON.stringify(aud)}, not the push service's origin ${audience} (RFC 8292 §2)` };
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return { ok: false, status: 403, problem: 'JWT exp is missing or not an integer (RFC 8292 §2)' };
  const late = expiryProblem(exp, now);
  if (late) return { ok: false, status: 403, problem: late };
  if (typeof sub !== 'string' || !isContactUri(sub)) return { ok: false, status: 403, problem: `JWT sub ${JSON.stringify(sub)} is not a mailto: or https: URI (RFC 8292 §2.1)` };
  if (passedHeaders.size > 1000) passedHeaders.clear();
  passedHeaders.set(passedKey, { claims: { aud, exp, sub }, key: k });
  return { ok: true, claims: { aud, exp, sub }, key: k };
}

function isContactUri(sub: string): boolean {
  try {
    const u = new URL(sub);
    return u.protocol === 'https:' || (u.protocol === 'mailto:' && u.pathname.includes('@'));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Message encryption (RFC 8188 aes128gcm, keyed per RFC 8291)

const TAG_LENGTH = 16;
const HEADER_FIXED = 16 + 4 + 1; // salt, rs, idlen

export interface Subscriber {
  /** The user agent's ECDH key pair (holds the private key). */
  ecdh: ECDH;
  /** ua_public: the uncompressed point the browser published as p256dh. */
  publicKey: Buffer;
  /** The 16-octet auth secret. */
  auth: Buffer;
}

/** HMAC-SHA-256, the building block of HKDF (RFC 5869). */
const hmac = (key: Buffer, ...data: Buffer[]): Buffer => {
  const h = createHmac('sha256', key);
  for (const d of data) h.update(d);
  return h.digest();
};
/** HKDF-Expand for L ≤ 32: the first L octets of T(1) = HMAC(PRK, info || 0x01). */
const expand = (prk: Buffer, info: Buffer, length: number): Buffer => hmac(prk, info, Buffer.from([1])).subarray(0, length);

export type Decrypted = { ok: true; plaintext: Buffer } | { ok: false; problem: string };

/**
 * The content-encryption key and nonce of a message (RFC 8291 §3.3–3.4 and
 * RFC 8188 §2.2–2.3) from its salt and the sender's public key (as_public).
 * Throws when as_public is not a P-256 point.
 */
export function contentKeys(salt: Buffer, asPublic: Buffer, subscriber: Subscriber): { cek: Buffer; nonce: Buffer } {
  const ecdhSecret = subscriber.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), subscriber.publicKey, asPublic]);
  const prkKey = hmac(subscriber.auth, ecdhSecret);
  const ikm = expand(prkKey, keyInfo, 32);
  const prk = hmac(salt, ikm);
  return {
    cek: expand(prk, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16),
    nonce: expand(prk, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12), // XOR with SEQ = 0, the only record
  };
}

/** The parts of an aes128gcm body (RFC 8188 §2.1 header, then the one record RFC 8291 §4 allows), or why it has none. */
export function readAes128gcm(body: Buffer): { ok: true; salt: Buffer; asPublic: Buffer; record: Buffer } | { ok: false; problem: string } {
  // RFC 8188 §2.1 header: salt (16) | rs (uint32) | idlen (1) | keyid (idlen)
  if (body.length < HEADER_FIXED) return { ok: false, problem: `body of ${body.length} octets is shorter than the aes128gcm header (RFC 8188 §2.1)` };
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (rs < 18) return { ok: false, problem: `record size ${rs} is below 18 (RFC 8188 §2.1)` };
  if (idlen !== 65) return { ok: false, problem: `keyid is ${idlen} octets; it must be the sender's 65-octet public key (RFC 8291 §4)` };
  if (body.length < HEADER_FIXED + idlen) return { ok: false, problem: 'body ends inside the keyid' };
  const asPublic = body.subarray(HEADER_FIXED, HEADER_FIXED + idlen);
  const record = body.subarray(HEADER_FIXED + idlen);
  if (record.length > rs) return { ok: false, problem: `ciphertext of ${record.length} octets exceeds rs ${rs}: more than one record, but RFC 8291 §4 allows exactly one` };
  if (record.length < TAG_LENGTH + 1) return { ok: false, problem: `record of ${record.length} octets cannot hold a 16-octet tag and a padding delimiter (RFC 8188 §2)` };
  return { ok: true, salt, asPublic, record };
}

/** Decrypts an aes128gcm push message body for `subscriber`, as the browser would. */
export function decryptPushMessage(body: Buffer, subscriber: Subscriber): Decrypted {
  const parts = readAes128gcm(body);
  if (!parts.ok) return parts;
  const { salt, asPublic, record } = parts;

  let keys: { cek: Buffer; nonce: Buffer };
  try {
    keys = contentKeys(salt, asPublic, subscriber);
  } catch {
    return { ok: false, problem: "keyid is not a P-256 point (the sender's public key, RFC 8291 §4)" };
  }
  const { cek, nonce } = keys;

  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
    plain = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    return { ok: false, problem: 'AES-128-GCM tag does not verify: encrypted for other keys, a wrong key derivation, or an altered body (RFC 8291 §3.4)' };
  }

  // RFC 8188 §2: data || delimiter || zero padding; the last record's delimiter is 0x02.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0) return { ok: false, problem: 'record holds only zeros: no padding delimiter (RFC 8188 §2)' };
  if (plain[end] !== 2) return { ok: false, problem: `last record's padding delimiter is 0x${plain[end]!.toString(16).padStart(2, '0')}, not 0x02 (RFC 8188 §2)` };
  return { ok: true, plaintext: plain.subarray(0, end) };
}

// ---------------------------------------------------------------------------
// A self-signed certificate, DER-encoded by hand (node:crypto signs but cannot issue X.509).

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer) => der(0xa0 + n, item);
const octets = (b: Buffer) => der(0x04, b);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) base128.unshift(0x80 | (v & 0x7f));
    out.push(...base128);
  }
  return der(0x06, Buffer.from(out));
};
/** UTCTime, which RFC 5280 §4.1.2.5 requires for dates before 2050. */
const utcTime = (d: Date) => der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'ascii'));

function selfSignedCertificate(): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from('Lede fake push service', 'utf8')))));
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, no leading zero octet
  const now = Date.now();
  const tbs = seq(
    explicit(0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now - 60 * 60 * 1000)), utcTime(new Date(now + 7 * 24 * 60 * 60 * 1000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(
      // subjectAltName: IP 127.0.0.1 ([7] iPAddress) and localhost ([2] dNSName)
      seq(oid('2.5.29.17'), octets(seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost', 'ascii'))))),
      // basicConstraints CA:TRUE (critical), so the certificate can be its own trust anchor
      seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), octets(seq(der(0x01, Buffer.from([0xff]))))),
    )),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value, as X.509 wants
  const cert = seq(tbs, ecdsaWithSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  return { cert: pem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

// ---------------------------------------------------------------------------
// The service

const URGENCIES = new Set<string>(['very-low', 'low', 'normal', 'high']);

/** A request header as one string (a repeated header joined with ", ", which no check accepts). */
function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

interface SubscriptionState {
  subscriber: Subscriber;
  applicationServerKey?: string;
  answers: PushAnswer[];
  gone?: 404 | 410;
  /** Messages it accepted (kept also when keepDeliveries is false). */
  accepted: number;
}

type Answer = { status: number; headers: Record<string, string>; body: string };
type Outcome = { status: number; problem?: string; payload: string | null; vapid?: PushDelivery['vapid'] };

export async function startFakePushService(opts: FakePushServiceOptions = {}): Promise<FakePushService> {
  const tls = opts.tls ?? true;
  const maxBodyBytes = opts.maxBodyBytes ?? 4096;
  const keepDeliveries = opts.keepDeliveries ?? true;
  const decrypt = opts.decrypt ?? true;
  let latencyMs = opts.latencyMs ?? 0;

  const subscriptions = new Map<string, SubscriptionState>();
  const deliveries: PushDelivery[] = [];
  const waiters = new Set<() => void>();
  const counts = { requests: 0, accepted: 0, refused: 0 };
  const c = { inFlight: 0, maxInFlight: 0, openConnections: 0, maxConnections: 0, connectionsOpened: 0 };
  const sockets = new Set<Socket>();
  let messageCount = 0;
  let origin = '';
  /** While paused: a promise the held answers wait for, and what releases them. */
  let paused: { promise: Promise<void>; resolve: () => void } | undefined;

  function check(req: http.IncomingMessage, body: Buffer, oversize: boolean, state: SubscriptionState): Outcome {
    const vapid = checkVapid(req.headers.authorization, origin, state.applicationServerKey === undefined ? {} : { expectedKey: state.applicationServerKey });
    if (!vapid.ok) return { status: vapid.status, problem: vapid.problem, payload: null };
    const seen = { vapid: { ...vapid.claims, key: vapid.key } };

    const ttl = header(req, 'ttl');
    if (ttl === undefined) return { ...seen, status: 400, problem: 'no TTL header (RFC 8030 §5.2)', payload: null };
    if (!/^\d+$/.test(ttl.trim())) return { ...seen, status: 400, problem: `TTL ${JSON.stringify(ttl)} is not a non-negative integer (RFC 8030 §5.2)`, payload: null };
    const urgency = header(req, 'urgency');
    if (urgency !== undefined && !URGENCIES.has(urgency)) return { ...seen, status: 400, problem: `Urgency ${JSON.stringify(urgency)} is not very-low, low, normal or high (RFC 8030 §5.3)`, payload: null };
    const topic = header(req, 'topic');
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return { ...seen, status: 400, problem: `Topic ${JSON.stringify(topic)} is not 1–32 base64url characters (RFC 8030 §5.4)`, payload: null };

    if (oversize) return { ...seen, status: 413, problem: `body exceeds ${maxBodyBytes} octets (RFC 8030 §7.2)`, payload: null };
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (body.length === 0) {
      if (encoding) return { ...seen, status: 400, problem: `Content-Encoding ${encoding} on an empty body`, payload: null };
      return { ...seen, status: 201, payload: null };
    }
    if (encoding !== 'aes128gcm') {
      return { ...seen, status: 415, problem: `Content-Encoding is ${JSON.stringify(encoding ?? null)}; push payloads must be aes128gcm (RFC 8291 §4)`, payload: null };
    }
    if (!decrypt) {
      const parts = readAes128gcm(body);
      return parts.ok ? { ...seen, status: 201, payload: null } : { ...seen, status: 400, problem: parts.problem, payload: null };
    }
    const decrypted = decryptPushMessage(body, state.subscriber);
    if (!decrypted.ok) return { ...seen, status: 400, problem: decrypted.problem, payload: null };
    return { ...seen, status: 201, payload: decrypted.plaintext.toString('utf8') };
  }

  async function handle(req: http.IncomingMessage, body: Buffer, oversize: boolean): Promise<Answer> {
    const url = new URL(req.url ?? '/', origin);
    const m = /^\/push\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    const id = m?.[1] ?? url.pathname;
    const state = m ? subscriptions.get(id) : undefined;
    let outcome: Outcome;
    let answer: Answer;
    if (req.method !== 'POST') {
      outcome = { status: 405, problem: `method ${req.method} (push messages are POSTed, RFC 8030 §5)`, payload: null };
      answer = { status: 405, headers: { allow: 'POST' }, body: '' };
    } else if (!state) {
      outcome = { status: 404, problem: 'no such subscription', payload: null };
      answer = { status: 404, headers: {}, body: '' };
    } else {
      outcome = check(req, body, oversize, state);
      if (state.gone) {
        answer = { status: state.gone, headers: {}, body: '' };
      } else if (outcome.problem) {
        answer = { status: outcome.status, headers: {}, body: outcome.problem };
      } else {
        const next = state.answers.shift();
        if (next === undefined) answer = { status: 201, headers: { location: `/message/${++messageCount}` }, body: '' };
        else if (typeof next === 'number') answer = { status: next, headers: {}, body: '' };
        else {
          const headers = { ...next.headers };
          if (next.retryAfter !== undefined) headers['retry-after'] = String(next.retryAfter);
          answer = { status: next.status, headers, body: next.body ?? '' };
        }
      }
    }

    const ok = !outcome.problem;
    const accepted = ok && answer.status >= 200 && answer.status < 300;
    counts.requests++;
    if (accepted) {
      counts.accepted++;
      if (state) state.accepted++;
    }
    else counts.refused++;
    if (keepDeliveries) {
      const ttlHeader = header(req, 'ttl');
      const delivery: PushDelivery = {
        subscriptionId: id,
        ttl: ttlHeader !== undefined && /^\d+$/.test(ttlHeader.trim()) ? Number(ttlHeader) : null,
        urgency: (header(req, 'urgency') as Urgency | undefined) ?? null,
        topic: header(req, 'topic') ?? null,
        payload: outcome.payload,
        ok,
        status: answer.status,
        accepted,
        receivedAt: Date.now(),
      };
      if (outcome.problem) delivery.problem = outcome.problem;
      if (outcome.vapid) delivery.vapid = outcome.vapid;
      deliveries.push(delivery);
    }
    for (const wake of [...waiters]) wake();

    if (latencyMs > 0) await sleep(latencyMs);
    if (paused) await paused.promise;
    return answer;
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    c.inFlight++;
    c.maxInFlight = Math.max(c.maxInFlight, c.inFlight);
    // Done when the answer is handed over (before the client can send its next request
    // on this connection), or when the client gave up first.
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      c.inFlight--;
    };
    res.on('close', finish);

    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      handle(req, Buffer.concat(chunks), size > maxBodyBytes)
        .catch((err: unknown) => ({ status: 500, headers: {}, body: `fake push service: ${String(err)}` }))
        .then((answer) => {
          finish();
          const payload = Buffer.from(answer.body, 'utf8');
          res.writeHead(answer.status, { ...answer.headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(payload.length) });
          res.end(payload);
        });
    });
  };

  let certificate = { cert: '', key: '' };
  let caDir = '';
  let caFile = '';
  let server: http.Server | https.Server;
  if (tls) {
    certificate = selfSignedCertificate();
    caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-fake-push-'));
    caFile = path.join(caDir, 'ca.pem');
    fs.writeFileSync(caFile, certificate.cert);
    server = https.createServer({ cert: certificate.cert, key: certificate.key }, onRequest);
  } else {
    server = http.createServer(onRequest);
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    c.connectionsOpened++;
    c.openConnections++;
    c.maxConnections = Math.max(c.maxConnections, c.openConnections);
    socket.on('close', () => {
      sockets.delete(socket);
      c.openConnections--;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    ca: certificate.cert,
    caFile,
    agent(options = {}) {
      if (!tls) throw new Error('fake push service: agent() is for the TLS mode; this one serves plain HTTP');
      return new https.Agent({ ...options, ca: certificate.cert });
    },
    createPushSubscriber(subOpts = {}) {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys(); // uncompressed point, 65 octets
      const auth = randomBytes(16);
      const id = randomBytes(12).toString('base64url');
      const state: SubscriptionState = { subscriber: { ecdh, publicKey, auth }, answers: [], accepted: 0 };
      if (subOpts.applicationServerKey !== undefined) state.applicationServerKey = subOpts.applicationServerKey;
      subscriptions.set(id, state);
      return { id, endpoint: `${origin}/push/${id}`, expirationTime: null, keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') } };
    },
    deliveries,
    deliveriesFor: (id) => deliveries.filter((d) => d.subscriptionId === id),
    acceptedBy: (id) => subscriptions.get(id)?.accepted ?? 0,
    respond(id, answers) {
      const state = subscriptions.get(id);
      if (!state) throw new Error(`fake push service: no subscription ${id}`);
      state.answers.push(...answers);
    },
    gone(id, status = 410) {
      const state = subscriptions.get(id);
      if (!state) throw new Error(`fake push service: no subscription ${id}`);
      state.gone = status;
    },
    until(predicate) {
      return new Promise<void>((resolve) => {
        const wake = () => {
          if (!predicate(deliveries)) return;
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        wake();
      });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    pause() {
      if (paused) return;
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      paused = { promise, resolve };
    },
    resume() {
      paused?.resolve();
      paused = undefined;
    },
    counts,
    get inFlight() {
      return c.inFlight;
    },
    get maxInFlight() {
      return c.maxInFlight;
    },
    get openConnections() {
      return c.openConnections;
    },
    get maxConnections() {
      return c.maxConnections;
    },
    get connectionsOpened() {
      return c.connectionsOpened;
    },
    resetCounters() {
      c.maxInFlight = c.inFlight;
      c.maxConnections = c.openConnections;
      c.connectionsOpened = 0;
    },
    async close() {
      paused?.resolve();
      paused = undefined;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      if (caDir) fs.rmSync(caDir, { recursive: true, force: true });
    },
  };
}
