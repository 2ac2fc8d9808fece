import { LedeError } from '../content/index.js';
import { PASSWORD_MIN } from '../services/passwords.js';
import { ROLES } from '../content/roles.js';
import type { UserPatch } from '../services/account-service.js';
import { newUserBody, userPatchBody } from '../api/users-api.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, parseInput } from '../http/input.js';
import { pick } from './i18n.js';
import { errorText, issueText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { ROLE_NAMES, page } from './story-text.js';

const TEXT = {
  de: {
    title: 'Benutzer', name: 'Name', email: 'E-Mail-Adresse', role: 'Rolle', language: 'Sprache', status: 'Status', actions: 'Aktionen',
    enabled: 'aktiv', disabled: 'gesperrt', you: '(Sie)', changeRole: 'Rolle ändern', roleFor: (n: string) => `Rolle von ${n}`, save: 'Speichern',
    disable: 'Sperren', enable: 'Entsperren', disableLabel: (n: string) => `${n} sperren`, enableLabel: (n: string) => `${n} entsperren`,
    resetPassword: 'Neues Passwort setzen', passwordFor: (n: string) => `Neues Passwort für ${n}`, setPassword: 'Passwort setzen',
    create: 'Konto anlegen', password: 'Erstes Passwort', hint: `Mindestens ${PASSWORD_MIN} Zeichen. Die Person ändert es nach der Anmeldung selbst.`,
    created: (n: string) => `Das Konto für ${n} wurde angelegt.`, updated: (n: string) => `${n} wurde geändert.`,
    passwordSet: (n: string) => `Das Passwort für ${n} wurde neu gesetzt; alle Sitzungen wurden beendet.`,
    roles: ROLE_NAMES.de,
    languages: { de: 'Deutsch', en: 'Englisch' },
  },
  en: {
    title: 'Users', name: 'Name', email: 'E-mail address', role: 'Role', language: 'Language', status: 'Status', actions: 'Actions',
    enabled: 'enabled', disabled: 'disabled', you: '(you)', changeRole: 'Change role', roleFor: (n: string) => `Role of ${n}`, save: 'Save',
    disable: 'Disable', enable: 'Enable', disableLabel: (n: string) => `Disable ${n}`, enableLabel: (n: string) => `Enable ${n}`,
    resetPassword: 'Set a new password', passwordFor: (n: string) => `New password for ${n}`, setPassword: 'Set password',
    create: 'Create account', password: 'First password', hint: `At least ${PASSWORD_MIN} characters. They change it themselves after logging in.`,
    created: (n: string) => `The account for ${n} was created.`, updated: (n: string) => `${n} was changed.`,
    passwordSet: (n: string) => `The password for ${n} was reset; all their sessions were ended.`,
    roles: ROLE_NAMES.en,
    languages: { de: 'German', en: 'English' },
  },
};

export const USERS_CSS = `
.users td form{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.2rem 0}
.users td label{display:inline;margin:0;font-weight:400}
.users .disabled-row{color:#4d5963}
.users input[type=password]{width:14rem}
`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The accounts page (users.manage): list, create, change role, disable or enable, set a new password. Plain forms, no script needed. */
export function registerUsersPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, notice: { ok?: string; error?: string; status?: number; form?: Record<string, string> } = {}) => {
    const lang = c.get('lang');
    const t = pick(TEXT, lang);
    const session = c.get('session')!;
    const users = await deps.accounts.users.list();
    const csrf = <input type="hidden" name="_csrf" value={session.csrfToken} />;
    const f = notice.form ?? {};
    return c.html(page(
      <NewsroomLayout title={t.title} lang={lang} session={session} current="users" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.title}</h1>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        <table class="users">
          <caption class="vh">{t.title}</caption>
          <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.email}</th><th scope="col">{t.role}</th><th scope="col">{t.status}</th><th scope="col">{t.actions}</th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr class={u.disabled ? 'disabled-row' : undefined}>
                <th scope="row">{u.name}{u.id === session.user.id ? ` ${t.you}` : ''}</th>
                <td>{u.email}</td>
                <td>{t.roles[u.role]}</td>
                <td>{u.disabled ? t.disabled : t.enabled}</td>
                <td>
                  <form method="post" action={`/newsroom/users/${u.id}`}>
                    {csrf}
                    <input type="hidden" name="action" value="role" />
                    <label for={`role-${u.id}`} class="vh">{t.roleFor(u.name)}</label>
                    <select id={`role-${u.id}`} name="role">
                      {ROLES.map((r) => <option value={r} selected={r === u.role}>{t.roles[r]}</option>)}
                    </select>
                    <button type="submit" class="secondary">{t.changeRole}</button>
                  </form>
                  {u.id === session.user.id ? null : (
                    <form method="post" action={`/newsroom/users/${u.id}`}>
                      {csrf}
                      <input type="hidden" name="action" value={u.disabled ? 'enable' : 'disable'} />
                      <button type="submit" class={u.disabled ? 'secondary' : 'danger'} aria-label={u.disabled ? t.enableLabel(u.name) : t.disableLabel(u.name)}>
                        {u.disabled ? t.enable : t.disable}
                      </button>
                    </form>
                  )}
                  <form method="post" action={`/newsroom/users/${u.id}`}>
                    {csrf}
                    <input type="hidden" name="action" value="password" />
                    <label for={`pw-${u.id}`} class="vh">{t.passwordFor(u.name)}</label>
                    <input id={`pw-${u.id}`} name="password" type="password" autocomplete="new-password" minlength={PASSWORD_MIN} required placeholder={t.resetPassword} />
                    <button type="submit" class="secondary">{t.setPassword}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="panel" aria-labelledby="create-h">
          <h2 id="create-h">{t.create}</h2>
          <form method="post" action="/newsroom/users">
            {csrf}
            <label for="new-name">{t.name}</label>
            <input id="new-name" name="name" type="text" required maxlength={200} value={f.name ?? ''} autocomplete="off" />
            <label for="new-email">{t.email}</label>
            <input id="new-email" name="email" type="email" required value={f.email ?? ''} autocomplete="off" />
            <label for="new-role">{t.role}</label>
            <select id="new-role" name="role">
              {ROLES.map((r) => <option value={r} selected={r === (f.role ?? 'contributor')}>{t.roles[r]}</option>)}
            </select>
            <label for="new-language">{t.language}</label>
            <select id="new-language" name="language">
              {(['de', 'en'] as const).map((l) => <option value={l} selected={l === (f.language ?? 'de')}>{t.languages[l]}</option>)}
            </select>
            <label for="new-password">{t.password}</label>
            <input id="new-password" name="password" type="password" required minlength={PASSWORD_MIN} autocomplete="new-password" aria-describedby="new-password-hint" />
            <p id="new-password-hint" class="muted">{t.hint}</p>
            <p><button type="submit">{t.create}</button></p>
          </form>
        </section>
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** Errors a user can fix come back on the page (422/409), worded by their reason and codes; others go to the error page. */
  const attempt = async (c: NewsroomContext, fn: () => Promise<string>, form?: Record<string, string>) => {
    try {
      return render(c, { ok: await fn() });
    } catch (err) {
      if (err instanceof LedeError && (err.code === 'VALIDATION' || err.code === 'CONFLICT')) {
        const lang = c.get('lang');
        const message = errorText(err, lang) ?? (err.issues.length ? err.issues.map((i) => issueText(i, lang)).join('; ') : err.message);
        return render(c, { error: message, status: err.status, ...(form && { form }) });
      }
      throw err;
    }
  };

  registry.add({
    method: 'GET', path: '/newsroom/users', permission: 'users.manage', kind: 'page',
    handler: (c) => render(c as NewsroomContext),
  });

  registry.add({
    method: 'POST', path: '/newsroom/users', permission: 'users.manage', kind: 'page',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const t = pick(TEXT, ctx.get('lang'));
      const form = await c.req.parseBody();
      const fields = { name: str(form.name), email: str(form.email), role: str(form.role), language: str(form.language) };
      return attempt(ctx, async () => {
        const input = parseInput(newUserBody, { ...fields, password: str(form.password) }, 'the account');
        const user = await deps.accounts.createUser(input, actorOf(ctx));
        return t.created(user.name);
      }, fields);
    },
  });

  /** The change each of the row's forms asks for (the same schema as the API's PATCH). */
  const patchOf = (action: string, form: Record<string, unknown>): UserPatch => {
    switch (action) {
      case 'role': return parseInput(userPatchBody, { role: str(form.role) }, 'the change');
      case 'disable': return { disabled: true };
      case 'enable': return { disabled: false };
      case 'password': return parseInput(userPatchBody, { password: str(form.password) }, 'the change');
      default: {
        const allowed = ['role', 'disable', 'enable', 'password'];
        throw new LedeError('VALIDATION', `the change is invalid: action: one of ${allowed.join(', ')}`, {
          reason: 'input_invalid', issues: [{ path: 'action', message: `one of ${allowed.join(', ')}`, code: 'one_of', params: { allowed } }],
        });
      }
    }
  };

  registry.add({
    method: 'POST', path: '/newsroom/users/:id', permission: 'users.manage', kind: 'page',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const t = pick(TEXT, c.get('lang'));
      const form = await c.req.parseBody();
      const action = str(form.action);
      return attempt(c, async () => {
        const user = await deps.accounts.updateUser(params.id, patchOf(action, form), actorOf(c));
        return action === 'password' ? t.passwordSet(user.name) : t.updated(user.name);
      });
    },
  });
}
