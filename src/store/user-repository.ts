import { randomUUID } from 'node:crypto';
import { LedeError, formatIssues, type ValidationIssue } from '../content/index.js';
import type { Queryable } from './index.js';
import { isRole, type Role } from '../content/roles.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: 'de' | 'en';
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: 'de' | 'en';
  disabled_at: string | null;
  created_at: string;
  password_hash: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

function toUser(row: UserRow): User {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, language: row.language,
    disabled: row.disabled_at !== null, createdAt: row.created_at,
  };
}

/** Checks the fields of a new or changed account; throws VALIDATION naming each problem (each issue with its code). */
export function checkAccountFields(fields: { email?: string; name?: string; role?: unknown; language?: unknown }): void {
  const issues: ValidationIssue[] = [];
  if (fields.email !== undefined && (!EMAIL.test(normalizeEmail(fields.email)) || fields.email.length > 254)) {
    issues.push({ path: 'email', message: `"${fields.email}" is not an e-mail address`, code: 'bad_email', params: { email: fields.email } });
  }
  if (fields.name !== undefined && (!fields.name.trim() || fields.name.length > 200)) issues.push({ path: 'name', message: 'required, at most 200 characters', code: 'required', params: { max: 200 } });
  if (fields.role !== undefined && !isRole(fields.role)) issues.push({ path: 'role', message: `must be one of contributor, author, editor, admin (got "${String(fields.role)}")`, code: 'one_of_roles' });
  if (fields.language !== undefined && fields.language !== 'de' && fields.language !== 'en') issues.push({ path: 'language', message: 'must be "de" or "en"', code: 'one_of', params: { allowed: ['de', 'en'] } });
  if (!issues.length) return;
  // A wrong address alone is said as such ("… is not an e-mail address"); several problems are listed.
  const onlyEmail = issues.length === 1 && issues[0]!.code === 'bad_email';
  throw new LedeError('VALIDATION', formatIssues(issues), {
    reason: onlyEmail ? 'bad_email' : 'input_invalid', issues, ...(onlyEmail && { params: { email: fields.email! } }),
  });
}

export class UserRepository {
  constructor(private readonly db: Queryable) {}

  async insert(u: { email: string; name: string; role: Role; passwordHash: string; language?: 'de' | 'en' }): Promise<User> {
    const rows = await this.db.query<UserRow>(
      `INSERT INTO users (id, email, name, role, password_hash, language) VALUES ($1::uuid, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING *`,
      [randomUUID(), normalizeEmail(u.email), u.name.trim(), u.role, u.passwordHash, u.language ?? 'de'],
    );
    if (!rows[0]) throw new LedeError('CONFLICT', `an account for ${normalizeEmail(u.email)} already exists`, { reason: 'account_exists', params: { email: normalizeEmail(u.email) } });
    return toUser(rows[0]);
  }

  async byId(id: string): Promise<User | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1::uuid', [id]);
    return rows[0] && toUser(rows[0]);
  }

  /** The account and its password hash, for login. */
  async credentials(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(email) = $1', [normalizeEmail(email)]);
    return rows[0] && { user: toUser(rows[0]), passwordHash: rows[0].password_hash };
  }

  async passwordHash(id: string): Promise<string | undefined> {
    const rows = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1::uuid', [id]);
    return rows[0]?.password_hash;
  }

  async list(): Promise<User[]> {
    return (await this.db.query<UserRow>('SELECT * FROM users ORDER BY lower(name), id')).map(toUser);
  }

  /**
   * Locks the enabled administrators' rows until the transaction ends and
   * returns their ids: run it in the transaction that may take the last one
   * away, so two admins demoting each other at once cannot both win.
   */
  async lockEnabledAdmins(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE");
    return rows.map((r) => r.id);
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]?.n ?? 0;
  }

  async update(id: string, fields: { role?: Role; name?: string; language?: 'de' | 'en'; passwordHash?: string; disabled?: boolean }): Promise<User> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (col: string, value: unknown) => { params.push(value); sets.push(`${col} = $${params.length}`); };
    if (fields.role !== undefined) set('role', fields.role);
    if (fields.name !== undefined) set('name', fields.name.trim());
    if (fields.language !== undefined) set('language', fields.language);
    if (fields.passwordHash !== undefined) set('password_hash', fields.passwordHash);
    if (fields.disabled !== undefined) sets.push(fields.disabled ? 'disabled_at = coalesce(disabled_at, now())' : 'disabled_at = NULL');
    sets.push('updated_at = now()');
    const rows = await this.db.query<UserRow>(`UPDATE users SET ${sets.join(', ')} WHERE id = $1::uuid RETURNING *`, params);
    if (!rows[0]) throw new LedeError('NOT_FOUND', `no user with id ${id}`, { reason: 'no_user' });
    return toUser(rows[0]);
  }
}
