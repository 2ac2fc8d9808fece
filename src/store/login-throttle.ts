import type { Queryable } from './index.js';

/**
 * Back-off for failed logins, per account and per client address, kept in the
 * database so every app node sees the same counts. The first few failures are
 * free; after that each one blocks the key for twice as long as the one
 * before (1 s, 2 s, 4 s … up to 15 min). Failures older than an hour are forgotten.
 */
export interface ThrottlePolicy {
  /** Failures allowed before blocking starts. */
  free: number;
  maxBlockMs: number;
  forgetMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, maxBlockMs: 15 * 60_000, forgetMs: 3600_000 };
// An office shares one address: more room per address than per account.
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, maxBlockMs: 15 * 60_000, forgetMs: 3600_000 };

export class LoginThrottle {
  constructor(private readonly db: Queryable, private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again (0 when it may now). */
  async waitMs(key: string): Promise<number> {
    const rows = await this.db.query<{ blocked_until: string | null }>('SELECT blocked_until FROM login_failures WHERE key = $1', [key]);
    const until = rows[0]?.blocked_until;
    return until ? Math.max(0, Date.parse(until) - this.now()) : 0;
  }

  /** Counts a failure and blocks the key when it is over its allowance. */
  async fail(key: string, policy: ThrottlePolicy): Promise<void> {
    const now = this.now();
    const rows = await this.db.query<{ failures: number; last_failure: string }>('SELECT failures, last_failure FROM login_failures WHERE key = $1', [key]);
    const previous = rows[0] && Date.parse(rows[0].last_failure) + policy.forgetMs > now ? rows[0].failures : 0;
    const failures = previous + 1;
    const over = failures - policy.free;
    const blockedUntil = over > 0 ? new Date(now + Math.min(policy.maxBlockMs, 1000 * 2 ** (over - 1))).toISOString() : null;
    await this.db.query(
      `INSERT INTO login_failures (key, failures, last_failure, blocked_until) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)
       ON CONFLICT (key) DO UPDATE SET failures = $2, last_failure = $3::timestamptz, blocked_until = $4::timestamptz`,
      [key, failures, new Date(now).toISOString(), blockedUntil],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
