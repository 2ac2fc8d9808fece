import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LedeError, isIsoDateTime, isUuid, type ValidationIssue } from '../content/index.js';
import { ApiKeyRepository, type ApiKeyInfo } from '../store/api-key-repository.js';
import type { Database } from '../store/types.js';
import { audit, type AuditActor } from '../store/audit-repository.js';

/**
 * API keys of the public content API: created and revoked by admins in the
 * newsroom, checked by the /api/v1 gate (src/api/public-keys-gate.ts).
 *
 * - The secret is `lede_` + 32 base64url characters (24 random bytes), shown
 *   once by `create` and never stored. The table holds its SHA-256: the
 *   secret is random and high-entropy, so unlike a password no slow hash is
 *   needed (there is nothing to guess from a hash of 192 random bits), and a
 *   fast one keeps the per-request check cheap.
 * - Revocation bound: a node answers from its own cache for at most
 *   CACHE_MS (5 s) after it last read a key; the node that revokes forgets
 *   the key at once. So a revoked key stops working everywhere within 5 s.
 * - Last use: written at most once per TOUCH_MS (a minute) per key and node,
 *   so a busy key does not turn every read into a write.
 */

export const KEY_PREFIX = 'lede_';
/** The characters of a key kept in clear to recognise it ("lede_" and 6 more). */
export const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
export const DEFAULT_RATE_PER_MINUTE = 600;
export const MAX_RATE_PER_MINUTE = 100_000;
export const MAX_NAME_LENGTH = 100;
/** How long a node trusts what it read about a key (the revocation bound). */
export const CACHE_MS = 5_000;
/** A key's last use is written at most this often per node. */
export const TOUCH_MS = 60_000;
/** Most lookups a node keeps (unknown secrets included, so random guesses cannot grow it without bound). */
const MAX_CACHED = 10_000;

// A well-formed secret: nothing else is looked up (a lookup of garbage would only cost a query).
const SECRET = /^lede_[A-Za-z0-9_-]{22,64}$/;

export type ApiKeyProblem = 'malformed' | 'unknown' | 'revoked' | 'expired';
export type ApiKeyCheck = { ok: true; key: ApiKeyInfo } | { ok: false; problem: ApiKeyProblem };

export interface NewApiKey {
  name: string;
  scope?: 'public' | undefined;
  ratePerMinute?: number | undefined;
  /** ISO 8601 with offset; none: the key does not expire. */
  expiresAt?: string | null | undefined;
}

export const hashApiKey = (secret: string): string => createHash('sha256').update(secret).digest('hex');

// eslint-disable-next-line no-control-regex
const BROKEN = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function invalid(issues: ValidationIssue[]): LedeError {
  return new LedeError('VALIDATION', `the API key is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
}

/** What the audit log keeps of a key: never the secret or its hash. */
function keyDetail(k: ApiKeyInfo): Record<string, unknown> {
  return { key: k.id, name: k.name, prefix: k.prefix, scope: k.scope, ratePerMinute: k.ratePerMinute, expiresAt: k.expiresAt };
}

export class ApiKeyService {
  readonly repo: ApiKeyRepository;
  private readonly cache = new Map<string, { check: ApiKeyCheck; readAt: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: Database, private readonly now: () => number = Date.now) {
    this.repo = new ApiKeyRepository(db);
  }

  /** Creates a key: the secret is in this answer only. */
  async create(input: NewApiKey, actor: AuditActor): Promise<{ key: ApiKeyInfo; secret: string }> {
    const issues: ValidationIssue[] = [];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > MAX_NAME_LENGTH || BROKEN.test(name)) {
      issues.push({ path: 'name', message: `required, at most ${MAX_NAME_LENGTH} characters, no control characters`, code: 'required', params: { max: MAX_NAME_LENGTH } });
    }
    if (input.scope !== undefined && input.scope !== 'public') issues.push({ path: 'scope', message: 'one of public', code: 'one_of', params: { allowed: ['public'] } });
    const rate = input.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE;
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_PER_MINUTE) {
      issues.push({ path: 'ratePerMinute', message: `a whole number from 1 to ${MAX_RATE_PER_MINUTE}`, code: 'number_range', params: { min: 1, max: MAX_RATE_PER_MINUTE } });
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && (!isIsoDateTime(expiresAt) || Date.parse(expiresAt) <= this.now())) {
      issues.push({ path: 'expiresAt', message: 'a date and time with offset in the future, e.g. "2027-06-30T23:59:00+02:00"', code: 'bad_datetime' });
    }
    if (issues.length) throw invalid(issues);
    const secret = KEY_PREFIX + randomBytes(24).toString('base64url');
    // The key and its audit entry commit together: no key exists that the log does not name.
    const key = await this.db.transaction(async (tx) => {
      const made = await new ApiKeyRepository(tx).insert({
        id: randomUUID(), name, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(secret), scope: 'public', ratePerMinute: rate,
        expiresAt: expiresAt && new Date(Date.parse(expiresAt)).toISOString(), createdBy: actor.id ?? null, createdByName: actor.name,
        createdAt: new Date(this.now()).toISOString(),
      });
      await audit(tx, actor, 'apikey.created', { detail: keyDetail(made) });
      return made;
    });
    return { key, secret };
  }

  list(): Promise<ApiKeyInfo[]> {
    return this.repo.list();
  }

  /** Revokes a key, effective on this node at once and on every other within CACHE_MS. */
  async revoke(id: string, actor: AuditActor): Promise<ApiKeyInfo> {
    const at = new Date(this.now()).toISOString();
    const key = !isUuid(id) ? undefined : await this.db.transaction(async (tx) => {
      const revoked = await new ApiKeyRepository(tx).revoke(id, at, actor.name);
      // Revoking a revoked key keeps the first revocation's time and is not logged again.
      if (revoked?.revokedAt && Date.parse(revoked.revokedAt) === Date.parse(at)) await audit(tx, actor, 'apikey.revoked', { detail: keyDetail(revoked) });
      return revoked;
    });
    if (!key) throw new LedeError('NOT_FOUND', `there is no API key ${JSON.stringify(id.slice(0, 60))}; the list at /newsroom/api/api-keys names every key`, { reason: 'not_found' });
    for (const [hash, entry] of this.cache) if (entry.check.ok && entry.check.key.id === id) this.cache.delete(hash);
    return key;
  }

  /** Whether `secret` is a usable key now (read from the database at most every CACHE_MS per secret). */
  async check(secret: string): Promise<ApiKeyCheck> {
    if (!SECRET.test(secret)) return { ok: false, problem: 'malformed' };
    const hash = hashApiKey(secret);
    const now = this.now();
    let entry = this.cache.get(hash);
    if (!entry || now - entry.readAt >= CACHE_MS || now < entry.readAt) {
      const key = await this.repo.byHash(hash);
      entry = { check: key ? { ok: true, key } : { ok: false, problem: 'unknown' }, readAt: now };
      this.cache.delete(hash);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(hash, entry);
    }
    const { check } = entry;
    if (!check.ok) return check;
    if (check.key.revokedAt !== null) return { ok: false, problem: 'revoked' };
    // Expiry is judged by the clock on every request, not by the cached read.
    if (check.key.expiresAt !== null && Date.parse(check.key.expiresAt) <= now) return { ok: false, problem: 'expired' };
    return check;
  }

  /**
   * Notes a use of key `id`: written when this node has not written one in
   * the last TOUCH_MS. Resolves when a write (if any) is done; the gate does
   * not wait for it, and a failed write is only a stale "last used".
   */
  async noteUse(id: string): Promise<boolean> {
    const now = this.now();
    const last = this.touched.get(id);
    if (last !== undefined && now - last < TOUCH_MS && now >= last) return false;
    this.touched.delete(id);
    if (this.touched.size >= MAX_CACHED) this.touched.delete(this.touched.keys().next().value!);
    this.touched.set(id, now);
    await this.repo.touch(id, new Date(now).toISOString());
    return true;
  }
}
