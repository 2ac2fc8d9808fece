import type { Context } from 'hono';
import { z } from 'zod';
import { LedeError } from '../content/index.js';
import { LOGIN_FAILED } from '../services/account-service.js';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../services/passwords.js';
import { newPassword } from '../api/users-api.js';
import { pick, type UiLang } from './i18n.js';
import { NewsroomLayout } from './layout.js';
import { ROLE_NAMES, page } from './story-text.js';
import { clientIp, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import { clearSessionCookie, isSecureContext, loginToken, randomToken, setLoginToken, setSessionCookie } from '../http/cookies.js';
import type { EndpointRegistry } from '../http/endpoints.js';

/** A login is an address and a password: a few hundred bytes. */
const LOGIN_BODY_MAX = 16 * 1024;

/** The JSON login: `{"email", "password"}` (any text; a wrong one is the one refusal that does not say which). */
const loginBody = z.object({
  email: z.string({ error: 'required' }),
  password: z.string({ error: 'required' }),
});

/** The own password change: the current password and a new one good enough. */
const passwordChangeBody = z.object({
  current: z.string({ error: 'required' }).min(1, { error: 'required' }),
  next: newPassword,
});

const TEXT = {
  de: {
    login: 'Anmelden', email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden', loggedOut: 'Sie sind abgemeldet.',
    insecure: 'Die Redaktion braucht HTTPS: Der Browser speichert das Anmelde-Cookie nur über eine sichere Verbindung (oder auf localhost).',
    expired: 'Das Anmeldeformular war veraltet. Bitte noch einmal versuchen.',
    account: 'Ihr Konto', role: 'Rolle', changePassword: 'Passwort ändern', current: 'Aktuelles Passwort', next: 'Neues Passwort',
    repeat: 'Neues Passwort wiederholen', save: 'Passwort speichern', changed: 'Das Passwort wurde geändert. Andere Sitzungen wurden beendet.',
    differ: 'Die beiden neuen Passwörter stimmen nicht überein.', hint: `Mindestens ${PASSWORD_MIN} Zeichen.`,
    badNew: `Das neue Passwort braucht mindestens ${PASSWORD_MIN} und höchstens ${PASSWORD_MAX} Zeichen und darf nicht nur aus Leerzeichen bestehen.`,
    wrongCurrent: 'Das aktuelle Passwort ist falsch.',
    roles: ROLE_NAMES.de,
  },
  en: {
    login: 'Log in', email: 'E-mail address', password: 'Password', submit: 'Log in', loggedOut: 'You are logged out.',
    insecure: 'The newsroom needs HTTPS: browsers keep the login cookie only over a secure connection (or on localhost).',
    expired: 'The login form had expired. Please try again.',
    account: 'Your account', role: 'Role', changePassword: 'Change password', current: 'Current password', next: 'New password',
    repeat: 'Repeat new password', save: 'Save password', changed: 'Your password was changed. Other sessions were ended.',
    differ: 'The two new passwords differ.', hint: `At least ${PASSWORD_MIN} characters.`,
    badNew: `The new password needs at least ${PASSWORD_MIN} and at most ${PASSWORD_MAX} characters, and not only spaces.`,
    wrongCurrent: 'The current password is wrong.',
    roles: ROLE_NAMES.en,
  },
};

/**
 * Only local paths inside the newsroom are followed after login (no open
 * redirect): one leading "/" (never "//" or "/\\", which browsers read as
 * another host), no backslash, no control characters (a CR/LF would break the
 * Location header), nothing but printable ASCII; anything else goes to /newsroom.
 */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/newsroom(?:[/?#]|$)/.test(raw) && /^[\x21-\x7e]*$/.test(raw) && !raw.includes('\\') && !raw.startsWith('//') ? raw : '/newsroom';
}

export function registerAuthPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const css = () => deps.asset('newsroom.css');

  const loginPage = (c: NewsroomContext, opts: { error?: string; email?: string; status?: number; info?: string }) => {
    const lang: UiLang = c.get('lang');
    const t = pick(TEXT, lang);
    const token = randomToken();
    setLoginToken(c as unknown as Context, token);
    const secure = isSecureContext(c as unknown as Context, !!deps.config.trustProxy);
    return c.html(page(
      <NewsroomLayout title={t.login} lang={lang} assets={{ css: css() }}>
        <div class="login panel">
          <h1>{t.login}</h1>
          {secure ? null : <p class="notice error">{t.insecure}</p>}
          {opts.info ? <p class="notice ok" role="status">{opts.info}</p> : null}
          {opts.error ? <p class="notice error" role="alert" id="login-error">{opts.error}</p> : null}
          <form method="post" action="/newsroom/login">
            <input type="hidden" name="_login" value={token} />
            <input type="hidden" name="next" value={safeNext(c.req.query('next'))} />
            <label for="email">{t.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value={opts.email ?? ''}
              aria-describedby={opts.error ? 'login-error' : undefined} />
            <label for="password">{t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
            <p><button type="submit">{t.submit}</button></p>
          </form>
        </div>
      </NewsroomLayout>,
    ), (opts.status ?? 200) as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/login', permission: 'public', kind: 'page',
    handler: (c) => {
      const ctx = c as NewsroomContext;
      if (ctx.get('session')) return c.redirect(safeNext(c.req.query('next')), 303);
      return loginPage(ctx, c.req.query('abgemeldet') !== undefined ? { info: pick(TEXT, ctx.get('lang')).loggedOut } : {});
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/login', permission: 'public', kind: 'page', maxBodyBytes: LOGIN_BODY_MAX,
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const t = pick(TEXT, ctx.get('lang'));
      const form = await c.req.parseBody();
      const email = typeof form.email === 'string' ? form.email : '';
      const password = typeof form.password === 'string' ? form.password : '';
      // Login CSRF: the form's token must match the cookie set with the form.
      const expected = loginToken(c);
      if (!expected || form._login !== expected) return loginPage(ctx, { error: t.expired, email, status: 403 });
      try {
        const { token } = await deps.accounts.login(email, password, { ip: clientIp(ctx, deps.config.trustProxy), userAgent: c.req.header('user-agent') ?? '' });
        setSessionCookie(c, token);
        return c.redirect(safeNext(form.next), 303);
      } catch (err) {
        if (err instanceof LedeError && (err.code === 'UNAUTHORIZED' || err.code === 'RATE_LIMITED')) {
          if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
          return loginPage(ctx, { error: err.code === 'UNAUTHORIZED' ? LOGIN_FAILED : err.message, email, status: err.status });
        }
        throw err;
      }
    },
  });

  // JSON login for scripts and integrations: JSON bodies cannot be sent cross-site without a CORS preflight, which we never grant.
  registry.add({
    method: 'POST', path: '/newsroom/api/login', permission: 'public', kind: 'api', maxBodyBytes: LOGIN_BODY_MAX, summary: 'Log in; sets the session cookie',
    input: { body: loginBody, bodyName: '{"email": …, "password": …}' },
    handler: async (c, { body }) => {
      const { token, session } = await deps.accounts.login(body.email, body.password, { ip: clientIp(c, deps.config.trustProxy), userAgent: c.req.header('user-agent') ?? '' });
      setSessionCookie(c, token);
      return c.json({ user: session.user, csrfToken: session.csrfToken });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/logout', permission: 'newsroom.use', kind: 'page',
    handler: async (c) => {
      const token = (c as NewsroomContext).get('sessionToken');
      if (token) await deps.accounts.logout(token);
      clearSessionCookie(c);
      return c.redirect('/newsroom/login?abgemeldet', 303);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/me', permission: 'newsroom.use', kind: 'api',
    handler: (c) => {
      const s = (c as NewsroomContext).get('session')!;
      return c.json({ user: s.user, csrfToken: s.csrfToken });
    },
  });

  // The account's own password by API: {current, next}. Other sessions of the user end; this one goes on.
  registry.add({
    method: 'PUT', path: '/newsroom/api/me/password', permission: 'newsroom.use', kind: 'api', maxBodyBytes: LOGIN_BODY_MAX, summary: 'Change the own password',
    input: { body: passwordChangeBody, bodyName: 'the change' },
    handler: async (c, { body }) => {
      await deps.accounts.changePassword(c.get('session')!, c.get('sessionToken')!, body.current, body.next);
      return c.json({ changed: true });
    },
  });

  const accountPage = (c: NewsroomContext, opts: { error?: string; info?: string; status?: number }) => {
    const lang = c.get('lang');
    const t = pick(TEXT, lang);
    const s = c.get('session')!;
    return c.html(page(
      <NewsroomLayout title={t.account} lang={lang} session={s} current="account" assets={{ css: css() }}>
        <h1>{t.account}</h1>
        <p>{s.user.name} · {s.user.email} · {t.role}: {t.roles[s.user.role]}</p>
        <section class="panel" aria-labelledby="pw-h">
          <h2 id="pw-h">{t.changePassword}</h2>
          {opts.info ? <p class="notice ok" role="status">{opts.info}</p> : null}
          {opts.error ? <p class="notice error" role="alert">{opts.error}</p> : null}
          <form method="post" action="/newsroom/account/password">
            <input type="hidden" name="_csrf" value={s.csrfToken} />
            <input type="text" name="username" autocomplete="username" value={s.user.email} hidden />
            <label for="current">{t.current}</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required />
            <label for="next">{t.next}</label>
            <input id="next" name="next" type="password" autocomplete="new-password" required minlength={PASSWORD_MIN} aria-describedby="pw-hint" />
            <p id="pw-hint" class="muted">{t.hint}</p>
            <label for="repeat">{t.repeat}</label>
            <input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength={PASSWORD_MIN} />
            <p><button type="submit">{t.save}</button></p>
          </form>
        </section>
      </NewsroomLayout>,
    ), (opts.status ?? 200) as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/account', permission: 'newsroom.use', kind: 'page',
    handler: (c) => accountPage(c as NewsroomContext, {}),
  });

  registry.add({
    method: 'POST', path: '/newsroom/account/password', permission: 'newsroom.use', kind: 'page', maxBodyBytes: LOGIN_BODY_MAX,
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const t = pick(TEXT, ctx.get('lang'));
      const form = await c.req.parseBody();
      const [current, next, repeat] = [form.current, form.next, form.repeat].map((v) => (typeof v === 'string' ? v : ''));
      if (next !== repeat) return accountPage(ctx, { error: t.differ, status: 422 });
      // The new password is checked here, so the service's remaining refusal is the current password (said in the user's language, not the service's).
      if (passwordProblem(next!)) return accountPage(ctx, { error: t.badNew, status: 422 });
      try {
        await deps.accounts.changePassword(ctx.get('session')!, ctx.get('sessionToken')!, current!, next!);
      } catch (err) {
        if (err instanceof LedeError && err.reason === 'wrong_password') return accountPage(ctx, { error: t.wrongCurrent, status: 422 });
        throw err;
      }
      return accountPage(ctx, { info: t.changed });
    },
  });
}
