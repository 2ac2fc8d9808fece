import { z } from 'zod';
import { passwordIssue } from '../services/passwords.js';
import { isRole, type Role } from '../content/roles.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';

/**
 * The accounts API (users.manage): list, create, change. The schemas below
 * are the declared input; the users page checks its forms with them too.
 */

const ROLE_WORDS = 'one of contributor, author, editor, admin';
const role = z.custom<Role>((v) => isRole(v), { error: ROLE_WORDS, params: { code: 'one_of_roles' } });
const language = z.enum(['de', 'en'], { error: '"de" or "en"' });

/** A new password: long enough, not too long, not only spaces (each refusal with its code). */
export const newPassword = z.string({ error: 'required' }).superRefine((value, ctx) => {
  const problem = passwordIssue(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code, ...problem.params } });
});

/** `{email, name, role, password, language?}`: the address and name are checked by the service (AccountService.createUser). */
export const newUserBody = z.object({
  email: z.string({ error: 'required' }),
  name: z.string({ error: 'required' }),
  role,
  password: newPassword,
  language: language.optional(),
});

/** What an administrator may change about an account; anything else is named as not changeable here. */
export const userPatchBody = z.strictObject({
  role: role.optional(),
  disabled: z.boolean({ error: 'true or false' }).optional(),
  password: newPassword.optional(),
  name: z.string({ error: 'required, at most 200 characters' }).refine((v) => v.trim() !== '' && v.length <= 200, { error: 'required, at most 200 characters', params: { code: 'required', max: 200 } }).optional(),
  language: language.optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'not a field that can be changed here (role, disabled, password, name, language)' : 'a JSON object') });

export function registerUsersApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/users', permission: 'users.manage', kind: 'api', summary: 'Every account',
    handler: async (c) => c.json(await deps.accounts.users.list()),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api/users', permission: 'users.manage', kind: 'api', status: 201, summary: 'Create an account (audited)',
    input: { body: newUserBody, bodyName: 'the account' },
    handler: async (c, { body }) => {
      const user = await deps.accounts.createUser(body, actorOf(c));
      return c.json(user, 201, { Location: `/newsroom/api/users/${user.id}` });
    },
  });

  registry.add({
    method: 'PATCH', path: '/newsroom/api/users/:id', permission: 'users.manage', kind: 'api', summary: 'Change role, status, password, name or language (audited)',
    input: { params: idParams, body: userPatchBody, bodyName: 'the change' },
    handler: async (c, { params, body }) => c.json(await deps.accounts.updateUser(params.id, body, actorOf(c))),
  });
}
