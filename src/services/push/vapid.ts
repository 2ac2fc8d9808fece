import webPush from 'web-push';
import { LedeError } from '../../content/index.js';
import { readVapidKeys, storeVapidKeysOnce } from '../../store/push-repository.js';
import type { Queryable } from '../../store/types.js';
import { vapidKeysProblem, vapidSubjectProblem, type PushSettings } from './push-settings.js';

/**
 * The application server's VAPID identity (RFC 8292): the key pair every
 * push is signed with, and the contact push services may use.
 */
export interface VapidIdentity {
  /** base64url, uncompressed P-256 point: what the reader's browser gets as applicationServerKey. */
  publicKey: string;
  privateKey: string;
  subject: string;
  /** Where the pair came from. */
  source: 'environment' | 'database';
}

const config = (message: string) => new LedeError('CONFIG', message, { reason: 'bad_config' });

/**
 * The key pair to sign with: the environment's (LEDE_VAPID_*), else the one
 * kept in the database, made on first use. Two nodes starting at once both
 * offer a fresh pair with INSERT … ON CONFLICT DO NOTHING and both read back
 * the one that won, so a database never has two. The subject is the
 * configured one when set (a contact can change freely; subscriptions are
 * bound to the public key only), else the one stored with the pair, else
 * `defaultSubject` (e.g. the site's https URL).
 */
export async function loadVapidIdentity(db: Queryable, settings: Pick<PushSettings, 'vapidKeys' | 'vapidSubject'>, defaultSubject?: string): Promise<VapidIdentity> {
  if (settings.vapidKeys) {
    if (!settings.vapidSubject) throw config('LEDE_VAPID_SUBJECT is required with LEDE_VAPID_PUBLIC_KEY: a mailto: address or https: URL');
    return { ...settings.vapidKeys, subject: settings.vapidSubject, source: 'environment' };
  }
  let stored = await readVapidKeys(db);
  if (!stored) {
    const subject = settings.vapidSubject ?? defaultSubject;
    if (!subject) throw config('LEDE_VAPID_SUBJECT is required to make the VAPID keys: a mailto: address or https: URL push services can reach you at');
    const problem = vapidSubjectProblem(subject);
    if (problem) throw config(`the VAPID subject ${JSON.stringify(subject.slice(0, 60))} ${problem} (set LEDE_VAPID_SUBJECT)`);
    const fresh = webPush.generateVAPIDKeys();
    stored = await storeVapidKeysOnce(db, { publicKey: fresh.publicKey, privateKey: fresh.privateKey, subject });
  }
  const broken = vapidKeysProblem(stored.publicKey, stored.privateKey);
  if (broken) throw config(`the VAPID key pair in the database (push_vapid_keys) is unusable: ${broken.problem}`);
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject: settings.vapidSubject ?? stored.subject, source: 'database' };
}

/**
 * The contact to make a key pair with when LEDE_VAPID_SUBJECT is not set: the
 * site's address when it is https, else a mailto: at its host name.
 */
export function defaultVapidSubject(siteUrl: string | undefined): string {
  try {
    const u = new URL(siteUrl ?? '');
    if (u.protocol === 'https:') return u.origin;
    return `mailto:webmaster@${u.hostname || 'localhost'}`;
  } catch {
    return 'mailto:webmaster@localhost';
  }
}

export interface VapidSignerOptions {
  /** How long a signed JWT is valid (seconds; default 12 h, at most 24 h by RFC 8292). */
  lifetimeSeconds?: number;
  /** A JWT is signed anew this long before it expires (seconds; default 1 h). */
  renewBeforeSeconds?: number;
  /** Seconds since the epoch (tests). */
  now?: () => number;
}

/**
 * VAPID Authorization headers, signed once per push-service origin and reused
 * until shortly before they expire: an ES256 signature costs about 0.5 ms,
 * and a fan-out to 100,000 browsers goes to a handful of origins.
 */
export class VapidSigner {
  readonly #cache = new Map<string, { authorization: string; expires: number }>();
  readonly #lifetime: number;
  readonly #renewBefore: number;
  readonly #now: () => number;
  /** How many JWTs were signed (tests, bench). */
  signed = 0;

  constructor(private readonly identity: VapidIdentity, opts: VapidSignerOptions = {}) {
    this.#lifetime = Math.min(opts.lifetimeSeconds ?? 12 * 3600, 24 * 3600 - 60);
    this.#renewBefore = Math.min(opts.renewBeforeSeconds ?? 3600, this.#lifetime / 2);
    this.#now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  }

  get publicKey(): string {
    return this.identity.publicKey;
  }

  /** `vapid t=<JWT>, k=<key>` for a push to `endpoint` (its origin is the JWT's audience). */
  authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const now = this.#now();
    const hit = this.#cache.get(audience);
    if (hit && hit.expires - now > this.#renewBefore) return hit.authorization;
    const expires = now + this.#lifetime;
    const { Authorization } = webPush.getVapidHeaders(audience, this.identity.subject, this.identity.publicKey, this.identity.privateKey, 'aes128gcm', expires);
    this.signed++;
    // Origins are few (one per browser vendor); a bound keeps a flood of odd endpoints from growing the map.
    if (this.#cache.size >= 1000) this.#cache.clear();
    this.#cache.set(audience, { authorization: Authorization, expires });
    return Authorization;
  }
}
