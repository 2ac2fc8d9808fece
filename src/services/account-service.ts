import { LedeError } from '../content/index.js';
import type { Queryable } from '../store/index.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import { checkPassword, hashPassword } from './passwords.js';
import type { Role } from '../content/roles.js';
import { joinTransaction } from './story-service.js';
import { SessionStore, type Session } from '../store/session-repository.js';
import { ACCOUNT_CEILING, ADDRESS_POLICY, LoginThrottle, PAIR_POLICY } from '../store/login-throttle.js';
import { UserRepository, checkAccountFields, normalizeEmail, type User } from '../store/user-repository.js';

/** The refusal to disable one's own account (the newsroom words it by its code, not_yourself). */
export const NOT_YOURSELF = 'you cannot disable your own account';

/** The refusal to demote or disable the last enabled administrator (code last_admin). */
export const LAST_ADMIN = 'the last enabled administrator cannot be demoted or disabled';

/** What an administrator may change about an account. */
export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  password?: string;
  name?: string;
  language?: 'de' | 'en';
}

/** One message for an unknown address and a wrong password: the login form must not tell which accounts exist. */
export const LOGIN_FAILED = 'E-Mail-Adresse oder Passwort ist falsch.';

export interface Transactional extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * Accounts and logins: creating users, logging in and out (with back-off),
 * password changes, roles and disabling. Changes that matter are audited;
 * changes that must end access end the user's sessions in the same step.
 */
export class AccountService {
  readonly users: UserRepository;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;

  constructor(private readonly db: Transactional, private readonly now: () => number = Date.now) {
    this.users = new UserRepository(db);
    this.sessions = new SessionStore(db, now);
    this.throttle = new LoginThrottle(db, now);
  }

  async createUser(input: { email: string; name: string; role: Role; password: string; language?: 'de' | 'en' }, by: AuditActor): Promise<User> {
    checkAccountFields(input);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const user = await new UserRepository(tx).insert({ ...input, passwordHash });
      await audit(tx, by, 'user.created', { userId: user.id, detail: { email: user.email, role: user.role } });
      return user;
    });
  }

  /**
   * Checks a login. Throws RATE_LIMITED (with Retry-After) while the account
   * from this address, the address, or the account as a whole is blocked
   * (see login-throttle.ts), UNAUTHORIZED with one message for every other
   * failure. A success returns a new session (never an old id: no fixation).
   */
  async login(email: string, password: string, client: { ip: string; userAgent?: string }): Promise<{ token: string; session: Session }> {
    const account = normalizeEmail(String(email ?? '')).slice(0, 254);
    const address = throttleAddress(client.ip);
    const accountKey = `account:${account}`;
    const addressKey = `ip:${address}`;
    const pairKey = `pair:${account}|${address}`;
    const waits = await Promise.all([pairKey, addressKey, accountKey].map((k) => this.throttle.waitMs(k)));
    const wait = Math.max(...waits);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new LedeError('RATE_LIMITED', `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${seconds} Sekunden erneut versuchen.`, {
        reason: 'login_throttled', params: { seconds }, retryAfterSeconds: seconds,
      });
    }
    const found = typeof email === 'string' && typeof password === 'string' ? await this.users.credentials(email) : undefined;
    const ok = await checkPassword(found?.passwordHash, typeof password === 'string' ? password : '');
    if (!ok || !found || found.user.disabled) {
      await this.throttle.fail(pairKey, PAIR_POLICY);
      await this.throttle.fail(addressKey, ADDRESS_POLICY);
      await this.throttle.fail(accountKey, ACCOUNT_CEILING);
      throw new LedeError('UNAUTHORIZED', LOGIN_FAILED, { reason: 'login_failed' });
    }
    // Only this address's back-off ends: the ceiling across addresses keeps counting others' guesses.
    await this.throttle.clear(pairKey);
    return this.sessions.create(found.user, client.userAgent);
  }

  logout(token: string): Promise<void> {
    return this.sessions.end(token);
  }

  /** Changes one's own password: the old one is required; every other session of the user ends. */
  async changePassword(session: { user: User }, currentToken: string, oldPassword: string, newPassword: string): Promise<void> {
    const stored = await this.users.passwordHash(session.user.id);
    if (!(await checkPassword(stored, oldPassword))) {
      throw new LedeError('VALIDATION', 'the current password is wrong', { reason: 'wrong_password' });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await new UserRepository(tx).update(session.user.id, { passwordHash });
      await new SessionStore(tx).endAllFor(session.user.id, currentToken);
      await audit(tx, { id: session.user.id, name: session.user.name }, 'user.password', { userId: session.user.id });
    });
  }

  /** An admin sets a new password for someone: all of that user's sessions end. */
  async resetPassword(userId: string, newPassword: string, by: AuditActor): Promise<void> {
    await this.setPasswordHash(userId, await hashPassword(newPassword), by);
  }

  private async setPasswordHash(userId: string, passwordHash: string, by: AuditActor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await new UserRepository(tx).update(userId, { passwordHash });
      await new SessionStore(tx).endAllFor(userId);
      await audit(tx, by, 'user.password', { userId, detail: { reset: true } });
    });
  }

  async setRole(userId: string, role: Role, by: AuditActor): Promise<User> {
    checkAccountFields({ role });
    return this.db.transaction(async (tx) => {
      const before = await new UserRepository(tx).byId(userId);
      if (!before) throw new LedeError('NOT_FOUND', `no user with id ${userId}`, { reason: 'no_user' });
      const user = await new UserRepository(tx).update(userId, { role });
      await audit(tx, by, 'user.role', { userId, detail: { from: before.role, to: role } });
      return user;
    });
  }

  /** Disabling ends every session at once; the account and its stories stay. */
  async setDisabled(userId: string, disabled: boolean, by: AuditActor): Promise<User> {
    if (disabled && by.id === userId) {
      throw new LedeError('VALIDATION', NOT_YOURSELF, { reason: 'not_yourself', issues: [{ path: 'disabled', message: NOT_YOURSELF, code: 'not_yourself' }] });
    }
    return this.db.transaction(async (tx) => {
      const user = await new UserRepository(tx).update(userId, { disabled });
      if (disabled) await new SessionStore(tx).endAllFor(userId);
      await audit(tx, by, disabled ? 'user.disabled' : 'user.enabled', { userId });
      return user;
    });
  }

  /**
   * Applies an administrator's `patch` to an account in one transaction:
   * name and language, role, disabling, a new password. Demoting or
   * disabling the only enabled administrator is refused (VALIDATION): the
   * newsroom would be left without anyone who can manage accounts. The
   * enabled admins are locked first, so two admins demoting each other at
   * once cannot both win. Role changes and disabling are audited; disabling
   * and password resets end the user's sessions.
   */
  async updateUser(id: string, patch: UserPatch, by: AuditActor): Promise<User> {
    // Hashed before the transaction: argon2 takes a while, and the admins' rows may be locked meanwhile.
    const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    return this.db.transaction(async (tx) => {
      const accounts = new AccountService(joinTransaction(tx), this.now);
      const before = await accounts.users.byId(id);
      if (!before) throw new LedeError('NOT_FOUND', `no user with id ${id}`, { reason: 'no_user' });
      const losesAdmin = before.role === 'admin' && !before.disabled
        && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
      if (losesAdmin && !(await accounts.users.lockEnabledAdmins()).some((adminId) => adminId !== before.id)) {
        throw new LedeError('VALIDATION', `${before.name} is the only enabled administrator; make someone else an administrator first`, {
          reason: 'last_admin', issues: [{ path: patch.disabled === true ? 'disabled' : 'role', message: LAST_ADMIN, code: 'last_admin' }],
        });
      }
      const fields = { ...(patch.name !== undefined && { name: patch.name }), ...(patch.language !== undefined && { language: patch.language }) };
      if (Object.keys(fields).length) {
        checkAccountFields(fields);
        await accounts.users.update(id, fields);
      }
      if (patch.role !== undefined && patch.role !== before.role) await accounts.setRole(id, patch.role, by);
      if (patch.disabled !== undefined && patch.disabled !== before.disabled) await accounts.setDisabled(id, patch.disabled, by);
      if (passwordHash !== undefined) await accounts.setPasswordHash(id, passwordHash, by);
      return (await accounts.users.byId(id))!;
    });
  }
}
export { normalizeEmail, type User };

/**
 * The address a login is counted under: IPv4 as is (also when mapped into
 * IPv6), IPv6 by its /64 network, since one host is usually given a whole /64
 * and could otherwise try from a fresh address each time.
 */
export function throttleAddress(ip: string): string {
  const raw = ip.trim().replace(/^\[|\](:\d+)?$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(raw);
  if (mapped) return mapped[1]!;
  if (!raw.includes(':') || !/^[0-9a-f:.]+$/.test(raw)) return raw.slice(0, 100);
  const [head = '', tail = ''] = raw.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = raw.includes('::') && tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - left.length - right.length);
  const groups = raw.includes('::') ? [...left, ...Array(missing).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (g.replace(/^0+(?=.)/, '') || '0')).join(':')}::/64`;
}
