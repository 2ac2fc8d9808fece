import type { Queryable } from './index.js';

/**
 * Back-off for failed logins, kept in the database so every app node sees the
 * same counts (each count is one atomic statement, on PGlite and PostgreSQL
 * alike). The first few failures of a key are free; after that each one
 * blocks the key for twice as long as the one before (1 s, 2 s, 4 s … up to
 * 15 min). A key's failures are forgotten after an hour without one.
 *
 * Three keys are counted for every failed login (AccountService.login):
 * - `pair:<email>|<address>` (PAIR_POLICY): the account from that address. An
 *   attacker elsewhere blocks only their own tries, never the editor's login
 *   from the editor's own address.
 * - `ip:<address>` (ADDRESS_POLICY): every account from one address, against
 *   password spraying.
 * - `account:<email>` (ACCOUNT_CEILING): every address trying one account, a
 *   much higher ceiling against slow guessing spread over many addresses.
 */
export interface ThrottlePolicy {
  /** Failures allowed before blocking starts. */
  free: number;
  maxBlockMs: number;
  forgetMs: number;
}

export const PAIR_POLICY: ThrottlePolicy = { free: 5, maxBlockMs: 15 * 60_000, forgetMs: 3600_000 };
// An office shares one address: more room per address than per account.
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, maxBlockMs: 15 * 60_000, forgetMs: 3600_000 };
// Across all addresses: 50 failures without an hour's pause, then back-off.
export const ACCOUNT_CEILING: ThrottlePolicy = { free: 50, maxBlockMs: 15 * 60_000, forgetMs: 3600_000 };

export class LoginThrottle {
  constructor(private readonly db: Queryable, private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again (0 when it may now). */
  async waitMs(key: string): Promise<number> {
    const rows = await this.db.query<{ blocked_until: string | null }>('SELECT blocked_until FROM login_failures WHERE key = $1', [key]);
    const until = rows[0]?.blocked_until;
    return until ? Math.max(0, Date.parse(until) - this.now()) : 0;
  }

  /**
   * Counts a failure and blocks the key when it is over its allowance: one
   * statement, so failures arriving in parallel are each counted (a read
   * followed by a write would let them overwrite each other's count).
   * Returns the count and the block as stored.
   */
  async fail(key: string, policy: ThrottlePolicy): Promise<{ failures: number; blockedUntil: string | null }> {
    // The block for `n` failures: none within the allowance, then 1 s doubling per failure up to the maximum (the exponent is capped so power() cannot overflow).
    const blockFor = (n: string) => `CASE WHEN ${n} > $3::int
      THEN $2::timestamptz + make_interval(secs => least($4::float8, 1000 * power(2::float8, least(${n} - $3::int - 1, 40))) / 1000)
      ELSE NULL END`;
    // Failures older than the forget period start the count afresh.
    const next = 'CASE WHEN f.last_failure > $2::timestamptz - make_interval(secs => $5::float8 / 1000) THEN f.failures + 1 ELSE 1 END';
    const rows = await this.db.query<{ failures: number; blocked_until: string | null }>(
      `INSERT INTO login_failures AS f (key, failures, last_failure, blocked_until) VALUES ($1, 1, $2::timestamptz, ${blockFor('1')})
       ON CONFLICT (key) DO UPDATE SET failures = ${next}, last_failure = $2::timestamptz, blocked_until = ${blockFor(`(${next})`)}
       RETURNING failures, blocked_until`,
      [key, new Date(this.now()).toISOString(), policy.free, policy.maxBlockMs, policy.forgetMs],
    );
    return { failures: Number(rows[0]!.failures), blockedUntil: rows[0]!.blocked_until };
  }

  /** The failures counted for `key` now (0 when none). */
  async failures(key: string): Promise<number> {
    const rows = await this.db.query<{ failures: number }>('SELECT failures FROM login_failures WHERE key = $1', [key]);
    return Number(rows[0]?.failures ?? 0);
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
