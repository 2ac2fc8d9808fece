import { createECDH } from 'node:crypto';
import { LedeError } from '../../content/index.js';

/**
 * Web Push settings from the environment, checked at start: a bad value
 * stops the process with one line naming the variable.
 */
export interface PushSettings {
  /**
   * LEDE_VAPID_PUBLIC_KEY + LEDE_VAPID_PRIVATE_KEY (base64url, as
   * `web-push generate-vapid-keys` prints them): used instead of the pair kept
   * in the database. Both or neither.
   */
  vapidKeys?: { publicKey: string; privateKey: string };
  /** LEDE_VAPID_SUBJECT: the contact push services may use (mailto: or https:). Required with keys from the environment. */
  vapidSubject?: string;
  /** LEDE_PUSH_ALLOW_PRIVATE: endpoints on private, loopback and link-local addresses (tests; default off). */
  allowPrivate: boolean;
  /** LEDE_PUSH_MAX_CONNECTIONS: connections (and pushes in flight) per node (default 50). */
  maxConnections: number;
  /** LEDE_PUSH_TTL_SECONDS: how long a push service keeps an undelivered message, and how long we retry (default 3600). */
  ttlSeconds: number;
  /** LEDE_PUSH_TIMEOUT_MS: one push request, connect to answer (default 10000). */
  timeoutMs: number;
  /** LEDE_PUSH_POLL_MS: the worker's safety-net poll (default 2000). */
  pollMs: number;
}

export const PUSH_DEFAULTS = { maxConnections: 50, ttlSeconds: 3600, timeoutMs: 10_000, pollMs: 2_000 } as const;
/** 28 days: the longest TTL push services keep a message (Firefox/Chrome cap lower; the header is a request). */
export const MAX_TTL_SECONDS = 2_419_200;

const config = (message: string) => new LedeError('CONFIG', message, { reason: 'bad_config' });
const shown = (v: string) => `"${v.slice(0, 40)}${v.length > 40 ? '…' : ''}"`;

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw config(`${name} must be a whole number of ${unit} from ${min} to ${max}, got ${shown(raw)}`);
  }
  return n;
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** The bytes of a base64url string, or undefined when it is none. */
export function fromBase64url(value: string): Buffer | undefined {
  return BASE64URL.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url') : undefined;
}

/** Why `subject` cannot be a VAPID contact (RFC 8292 §2.1: a mailto: or https: URI), or undefined. */
export function vapidSubjectProblem(subject: string): string | undefined {
  let u: URL;
  try {
    u = new URL(subject);
  } catch {
    return 'is not a URI; give mailto:someone@example.org or an https: URL';
  }
  if (u.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(u.pathname)) ? undefined : 'is a mailto: URI without an address';
  if (u.protocol === 'https:') return undefined;
  return `must be a mailto: or https: URI, not ${u.protocol}`;
}

/**
 * Why a VAPID key pair is unusable, or undefined: the public key must be an
 * uncompressed P-256 point (65 octets) and the private key its 32-octet
 * scalar; the two must belong together (else every push is refused with 403).
 */
export function vapidKeysProblem(publicKey: string, privateKey: string): { which: 'public' | 'private' | 'pair'; problem: string } | undefined {
  const pub = fromBase64url(publicKey);
  if (!pub || pub.length !== 65 || pub[0] !== 0x04) return { which: 'public', problem: 'must be base64url of an uncompressed P-256 public key (65 octets starting 0x04)' };
  const priv = fromBase64url(privateKey);
  if (!priv || priv.length !== 32) return { which: 'private', problem: 'must be base64url of a 32-octet P-256 private key' };
  let derived: Buffer;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    derived = ecdh.getPublicKey();
  } catch {
    return { which: 'private', problem: 'is not a valid P-256 private key' };
  }
  if (!derived.equals(pub)) return { which: 'pair', problem: 'LEDE_VAPID_PUBLIC_KEY is not the public key of LEDE_VAPID_PRIVATE_KEY' };
  return undefined;
}

export function pushSettings(env: Record<string, string | undefined>): PushSettings {
  const publicKey = (env.LEDE_VAPID_PUBLIC_KEY ?? '').trim();
  const privateKey = (env.LEDE_VAPID_PRIVATE_KEY ?? '').trim();
  const subject = (env.LEDE_VAPID_SUBJECT ?? '').trim();
  if (Boolean(publicKey) !== Boolean(privateKey)) {
    throw config(`${publicKey ? 'LEDE_VAPID_PRIVATE_KEY' : 'LEDE_VAPID_PUBLIC_KEY'} is missing: give both VAPID keys or neither (then a pair is made and kept in the database)`);
  }
  if (publicKey) {
    const bad = vapidKeysProblem(publicKey, privateKey);
    if (bad?.which === 'public') throw config(`LEDE_VAPID_PUBLIC_KEY ${bad.problem}`);
    if (bad?.which === 'private') throw config(`LEDE_VAPID_PRIVATE_KEY ${bad.problem}`);
    if (bad) throw config(bad.problem);
    if (!subject) throw config('LEDE_VAPID_SUBJECT is required with LEDE_VAPID_PUBLIC_KEY: a mailto: address or https: URL push services can reach you at');
  }
  if (subject) {
    const problem = vapidSubjectProblem(subject);
    if (problem) throw config(`LEDE_VAPID_SUBJECT ${problem}, got ${shown(subject)}`);
  }
  const flag = (env.LEDE_PUSH_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'].includes(flag)) {
    throw config(`LEDE_PUSH_ALLOW_PRIVATE must be true or false, got ${shown(flag)}`);
  }
  return {
    // web-push takes the keys without base64 padding
    ...(publicKey && { vapidKeys: { publicKey: publicKey.replace(/=+$/, ''), privateKey: privateKey.replace(/=+$/, '') } }),
    ...(subject && { vapidSubject: subject }),
    allowPrivate: ['1', 'true', 'on', 'yes'].includes(flag),
    maxConnections: integer(env, 'LEDE_PUSH_MAX_CONNECTIONS', PUSH_DEFAULTS.maxConnections, 1, 1000, 'connections'),
    ttlSeconds: integer(env, 'LEDE_PUSH_TTL_SECONDS', PUSH_DEFAULTS.ttlSeconds, 0, MAX_TTL_SECONDS, 'seconds'),
    timeoutMs: integer(env, 'LEDE_PUSH_TIMEOUT_MS', PUSH_DEFAULTS.timeoutMs, 500, 120_000, 'milliseconds'),
    pollMs: integer(env, 'LEDE_PUSH_POLL_MS', PUSH_DEFAULTS.pollMs, 100, 600_000, 'milliseconds'),
  };
}
