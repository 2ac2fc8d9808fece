import { LedeError } from '../content/index.js';
import { AccountService } from '../services/account-service.js';
import { passwordProblem } from '../services/passwords.js';
import { isRole, type Role } from '../services/roles.js';
import { checkAccountFields, type User } from '../store/user-repository.js';
import type { AuditActor } from '../store/audit-repository.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { joinTransaction } from '../services/story-service.js';
import { api, readJson } from './api-support.js';

/** The issue that refuses demoting or disabling the last enabled administrator (the users page words it in the user's language). */
export const LAST_ADMIN = 'the last enabled administrator cannot be demoted or disabled';

/** What an administrator may change about an account. */
export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  password?: string;
  name?: string;
  language?: 'de' | 'en';
}

/** The fields of an untrusted PATCH body, checked; throws VALIDATION naming each problem. */
export function readUserPatch(body: Record<string, unknown>): UserPatch {
  const issues: Array<{ path: string; message: string }> = [];
  const known = new Set(['role', 'disabled', 'password', 'name', 'language']);
  for (const key of Object.keys(body)) if (!known.has(key)) issues.push({ path: key, message: 'not a field that can be changed here (role, disabled, password, name, language)' });
  const patch: UserPatch = {};
  if (body.role !== undefined) {
    if (isRole(body.role)) patch.role = body.role;
    else issues.push({ path: 'role', message: 'one of contributor, author, editor, admin' });
  }
  if (body.disabled !== undefined) {
    if (typeof body.disabled === 'boolean') patch.disabled = body.disabled;
    else issues.push({ path: 'disabled', message: 'true or false' });
  }
  if (body.password !== undefined) {
    const problem = typeof body.password === 'string' ? passwordProblem(body.password) : 'a string';
    if (problem) issues.push({ path: 'password', message: problem });
    else patch.password = body.password as string;
  }
  if (body.name !== undefined) {
    if (typeof body.name === 'string' && body.name.trim() && body.name.length <= 200) patch.name = body.name;
    else issues.push({ path: 'name', message: 'required, at most 200 characters' });
  }
  if (body.language !== undefined) {
    if (body.language === 'de' || body.language === 'en') patch.language = body.language;
    else issues.push({ path: 'language', message: '"de" or "en"' });
  }
  if (issues.length) throw new LedeError('VALIDATION', `the change is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  return patch;
}

/**
 * Applies `patch` to an account in one transaction. Demoting or disabling
 * the only enabled administrator is refused (VALIDATION, 422): the newsroom
 * would be left without anyone who can manage accounts. The enabled admins
 * are locked first, so two admins demoting each other at once cannot both win.
 * Role changes and disabling are audited; disabling and password resets end
 * the user's sessions (AccountService).
 */
export async function updateUser(deps: NewsroomDeps, id: string, patch: UserPatch, by: AuditActor): Promise<User> {
  return deps.db.transaction(async (tx) => {
    const accounts = new AccountService(joinTransaction(tx));
    const before = await accounts.users.byId(id);
    if (!before) throw new LedeError('NOT_FOUND', `no user with id ${id}`);
    const losesAdmin = before.role === 'admin' && !before.disabled
      && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) {
      const admins = await tx.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE");
      if (!admins.some((a) => a.id !== before.id)) {
        throw new LedeError('VALIDATION', `${before.name} is the only enabled administrator; make someone else an administrator first`, {
          issues: [{ path: patch.disabled === true ? 'disabled' : 'role', message: LAST_ADMIN }],
        });
      }
    }
    const fields = { ...(patch.name !== undefined && { name: patch.name }), ...(patch.language !== undefined && { language: patch.language }) };
    if (Object.keys(fields).length) {
      checkAccountFields(fields);
      await accounts.users.update(id, fields);
    }
    if (patch.role !== undefined && patch.role !== before.role) await accounts.setRole(id, patch.role, by);
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) await accounts.setDisabled(id, patch.disabled, by);
    if (patch.password !== undefined) await accounts.resetPassword(id, patch.password, by);
    return (await accounts.users.byId(id))!;
  });
}

/** `{email, name, role, password, language?}` from an untrusted body; creates the account (audited). */
export async function createUserFrom(deps: NewsroomDeps, body: Record<string, unknown>, by: AuditActor): Promise<User> {
  const { email, name, role, password, language } = body;
  const issues: Array<{ path: string; message: string }> = [];
  if (typeof email !== 'string') issues.push({ path: 'email', message: 'required' });
  if (typeof name !== 'string') issues.push({ path: 'name', message: 'required' });
  if (!isRole(role)) issues.push({ path: 'role', message: 'one of contributor, author, editor, admin' });
  const weak = typeof password === 'string' ? passwordProblem(password) : 'required';
  if (weak) issues.push({ path: 'password', message: weak });
  if (language !== undefined && language !== 'de' && language !== 'en') issues.push({ path: 'language', message: '"de" or "en"' });
  if (issues.length) throw new LedeError('VALIDATION', `the account is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  return deps.accounts.createUser({
    email: email as string, name: name as string, role: role as Role, password: password as string,
    ...(language !== undefined && { language: language as 'de' | 'en' }),
  }, by);
}

/** The accounts API (users.manage): list, create, change. */
export function registerUsersApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/users', permission: 'users.manage', kind: 'api',
    handler: async (c) => c.json(await deps.accounts.users.list()),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/users', permission: 'users.manage', kind: 'api',
    handler: api(async (c) => {
      const user = await createUserFrom(deps, await readJson(c, '{email, name, role, password, language?}'), actorOf(c));
      return c.json(user, 201, { Location: `/newsroom/api/users/${user.id}` });
    }),
  });

  registry.add({
    method: 'PATCH', path: '/newsroom/api/users/:id', permission: 'users.manage', kind: 'api',
    handler: api(async (c) => {
      const patch = readUserPatch(await readJson(c, '{role?, disabled?, password?, name?, language?}'));
      return c.json(await updateUser(deps, c.req.param('id') ?? '', patch, actorOf(c)));
    }),
  });
}
