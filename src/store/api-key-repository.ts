import type { Queryable } from './index.js';

/** An API key as lists show it: never the secret, never its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** The secret's first characters ("lede_AbCd"), to recognise a key. */
  prefix: string;
  scope: 'public';
  ratePerMinute: number;
  expiresAt: string | null;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
}

/** Read straight into ApiKeyInfo's shape. */
const COLUMNS = `id, name, prefix, scope, rate_per_minute AS "ratePerMinute", expires_at AS "expiresAt", created_by AS "createdBy",
  created_by_name AS "createdByName", created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt", revoked_by_name AS "revokedByName"`;

/** A key to store: what lists show of a new one, and the secret's hash. */
export type NewApiKeyRow = Omit<ApiKeyInfo, 'lastUsedAt' | 'revokedAt' | 'revokedByName'> & { keyHash: string };

/** The api_keys table (migrations/015_api_keys.sql). Keys are looked up by the SHA-256 of their secret only. */
export class ApiKeyRepository {
  constructor(private readonly db: Queryable) {}

  async insert(k: NewApiKeyRow): Promise<ApiKeyInfo> {
    const rows = await this.db.query<ApiKeyInfo>(
      `INSERT INTO api_keys (id, name, prefix, key_hash, scope, rate_per_minute, expires_at, created_by, created_by_name, created_at)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz, $8::uuid, $9, $10::timestamptz) RETURNING ${COLUMNS}`,
      [k.id, k.name, k.prefix, k.keyHash, k.scope, k.ratePerMinute, k.expiresAt, k.createdBy, k.createdByName, k.createdAt],
    );
    return rows[0]!;
  }

  async byHash(keyHash: string): Promise<ApiKeyInfo | undefined> {
    const rows = await this.db.query<ApiKeyInfo>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [keyHash]);
    return rows[0];
  }

  async get(id: string): Promise<ApiKeyInfo | undefined> {
    const rows = await this.db.query<ApiKeyInfo>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1::uuid`, [id]);
    return rows[0];
  }

  /** Every key, newest first (a newsroom has dozens, not thousands). */
  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.db.query<ApiKeyInfo>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`);
    return rows;
  }

  /** Revokes a key once: a second revocation keeps the first time and name. Undefined when there is no such key. */
  async revoke(id: string, at: string, byName: string): Promise<ApiKeyInfo | undefined> {
    const rows = await this.db.query<ApiKeyInfo>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2::timestamptz), revoked_by_name = coalesce(revoked_by_name, $3)
       WHERE id = $1::uuid RETURNING ${COLUMNS}`,
      [id, at, byName],
    );
    return rows[0];
  }

  /** Records a use; never moves the time backwards (two nodes may write out of order). */
  async touch(id: string, at: string): Promise<void> {
    await this.db.query(
      'UPDATE api_keys SET last_used_at = $2::timestamptz WHERE id = $1::uuid AND (last_used_at IS NULL OR last_used_at < $2::timestamptz)',
      [id, at],
    );
  }
}
