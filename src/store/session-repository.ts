import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './index.js';
import type { User } from './user-repository.js';

/**
 * Server-side sessions. The cookie holds 32 random bytes; the table holds
 * their SHA-256, so reading the table does not let anyone log in. Each session
 * carries its own CSRF token.
 */

/** A session ends after this long without a request … */
export const IDLE_MS = 12 * 3600_000;
/** … and at the latest this long after login. */
export const ABSOLUTE_MS = 7 * 24 * 3600_000;
// last_seen_at is written at most this often, so reads do not all become writes.
const TOUCH_MS = 60_000;

export interface Session {
  user: User;
  csrfToken: string;
  createdAt: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

interface SessionRow {
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_id: string;
  email: string;
  name: string;
  role: User['role'];
  language: User['language'];
  disabled_at: string | null;
  user_created_at: string;
}

export class SessionStore {
  constructor(private readonly db: Queryable, private readonly now: () => number = Date.now) {}

  /** Starts a session: returns the cookie value (only ever seen here) and the session. */
  async create(user: User, userAgent?: string): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now();
    const rows = await this.db.query<{ created_at: string }>(
      `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
       VALUES ($1, $2::uuid, $3, $4::timestamptz, $4::timestamptz, $5::timestamptz, $6) RETURNING created_at`,
      [digest(token), user.id, csrfToken, new Date(now).toISOString(), new Date(now + ABSOLUTE_MS).toISOString(), userAgent?.slice(0, 300) ?? null],
    );
    return { token, session: { user, csrfToken, createdAt: rows[0]!.created_at } };
  }

  /** The live session for a cookie value, or undefined (unknown, expired, idle too long, or its user disabled). */
  async resolve(token: string | undefined): Promise<Session | undefined> {
    if (!token || token.length > 100) return undefined;
    const idHash = digest(token);
    const rows = await this.db.query<SessionRow>(
      `SELECT s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.id AS user_id, u.email, u.name, u.role, u.language,
              u.disabled_at, u.created_at AS user_created_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
      [idHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    const now = this.now();
    if (row.disabled_at !== null || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + IDLE_MS <= now) {
      await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
      return undefined;
    }
    if (Date.parse(row.last_seen_at) + TOUCH_MS <= now) {
      await this.db.query('UPDATE sessions SET last_seen_at = $2::timestamptz WHERE id_hash = $1', [idHash, new Date(now).toISOString()]);
    }
    return {
      user: {
        id: row.user_id, email: row.email, name: row.name, role: row.role, language: row.language, disabled: false, createdAt: row.user_created_at,
      },
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
    };
  }

  async end(token: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [digest(token)]);
  }

  /** Ends every session of a user, except the one whose cookie is `keep` (password change keeps the changer logged in). */
  async endAllFor(userId: string, keep?: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM sessions WHERE user_id = $1::uuid AND id_hash <> coalesce($2, '') RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [userId, keep ? digest(keep) : null],
    );
    return rows[0]?.n ?? 0;
  }

  /** Drops expired sessions (housekeeping). */
  async sweep(): Promise<number> {
    const now = new Date(this.now());
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM sessions WHERE expires_at <= $1::timestamptz OR last_seen_at <= $2::timestamptz RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [now.toISOString(), new Date(now.getTime() - IDLE_MS).toISOString()],
    );
    return rows[0]?.n ?? 0;
  }
}
