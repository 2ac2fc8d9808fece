import { LedeError } from '../content/index.js';
import { SecretOnce } from './secret-once.js';
import { berlinDayBound } from '../api/api-support.js';
import type { ApiKeyInfo } from '../store/api-key-repository.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { API_KEYS_TEXT, pick } from './i18n.js';
import { errorText, issueText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';

/**
 * The API keys page (settings.manage): the keys with their last use, a form
 * to create one — the answer to that form is the only page that ever shows
 * the secret — and a revoke button per key. Plain forms with the session's
 * CSRF token, no script needed.
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const when = (iso: string, lang: 'de' | 'en') =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));

export function registerApiKeysPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, notice: { ok?: string; error?: string; status?: number; secret?: string; form?: Record<string, string> } = {}) => {
    const lang = c.get('lang');
    const t = pick(API_KEYS_TEXT, lang);
    const session = c.get('session')!;
    const keys = await deps.services.apiKeys.list();
    const csrf = <input type="hidden" name="_csrf" value={session.csrfToken} />;
    const f = notice.form ?? {};
    const now = Date.now();
    const status = (k: ApiKeyInfo) => (k.revokedAt ? t.revoked : k.expiresAt && Date.parse(k.expiresAt) <= now ? t.expired : t.active);
    return c.html(page(
      <NewsroomLayout title={t.title} lang={lang} session={session} current="api-keys" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        <SecretOnce secret={notice.secret} label={t.secretLabel} />
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {keys.length ? (
          <table class="users">
            <caption class="vh">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th><th scope="col">{t.prefix}</th><th scope="col">{t.scope}</th><th scope="col">{t.rate}</th>
                <th scope="col">{t.created}</th><th scope="col">{t.lastUsed}</th><th scope="col">{t.expiresCol}</th><th scope="col">{t.status}</th><th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr class={k.revokedAt ? 'disabled-row' : undefined}>
                  <th scope="row">{k.name}</th>
                  <td><code>{k.prefix}…</code></td>
                  <td>{t.scopes[k.scope] ?? k.scope}</td>
                  <td>{k.ratePerMinute.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE')}</td>
                  <td>{t.by(k.createdByName, when(k.createdAt, lang))}</td>
                  <td>{k.lastUsedAt ? when(k.lastUsedAt, lang) : t.notUsed}</td>
                  <td>{k.expiresAt ? when(k.expiresAt, lang) : t.never}</td>
                  <td>{k.revokedAt ? t.revokedBy(k.revokedByName ?? '?', when(k.revokedAt, lang)) : status(k)}</td>
                  <td>
                    {k.revokedAt ? null : (
                      <form method="post" action={`/newsroom/api-keys/${k.id}/revoke`}>
                        {csrf}
                        <button type="submit" class="danger" aria-label={t.revokeLabel(k.name)}>{t.revoke}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{t.none}</p>}
        <p class="muted">{t.lastUsed}: {t.lastUsedHint}</p>
        <section class="panel" aria-labelledby="create-h">
          <h2 id="create-h">{t.create}</h2>
          <p class="muted">{t.createHint}</p>
          <form method="post" action="/newsroom/api-keys">
            {csrf}
            <label for="key-name">{t.name}</label>
            <input id="key-name" name="name" type="text" required maxlength={100} value={f.name ?? ''} autocomplete="off" />
            <label for="key-rate">{t.rate}</label>
            <input id="key-rate" name="ratePerMinute" type="number" min={1} max={100000} step={1} value={f.ratePerMinute ?? '600'} aria-describedby="key-rate-hint" />
            <p id="key-rate-hint" class="muted">{t.rateHint}</p>
            <label for="key-expires">{t.expires}</label>
            <input id="key-expires" name="expires" type="date" value={f.expires ?? ''} />
            <p><button type="submit">{t.create}</button></p>
          </form>
        </section>
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** Errors a user can fix come back on the page (422/404), worded by their reason and codes. */
  const attempt = async (c: NewsroomContext, fn: () => Promise<{ ok: string; secret?: string; status?: number }>, form?: Record<string, string>) => {
    try {
      return await render(c, await fn());
    } catch (err) {
      if (err instanceof LedeError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) {
        const lang = c.get('lang');
        const message = errorText(err, lang) ?? (err.issues.length ? err.issues.map((i) => issueText(i, lang)).join('; ') : err.message);
        return render(c, { error: message, status: err.status, ...(form && { form }) });
      }
      throw err;
    }
  };

  registry.add({
    method: 'GET', path: '/newsroom/api-keys', permission: 'settings.manage', kind: 'page',
    handler: (c) => render(c),
  });

  registry.add({
    method: 'POST', path: '/newsroom/api-keys', permission: 'settings.manage', kind: 'page',
    handler: async (c) => {
      const t = pick(API_KEYS_TEXT, c.get('lang'));
      const form = await c.req.parseBody();
      const fields = { name: str(form.name), ratePerMinute: str(form.ratePerMinute), expires: str(form.expires) };
      return attempt(c, async () => {
        const day = fields.expires.trim();
        const expiresAt = day ? berlinDayBound(day, true) : null;
        if (expiresAt === undefined) {
          throw new LedeError('VALIDATION', t.badDay, { reason: 'input_invalid', issues: [{ path: 'expiresAt', message: t.badDay }] });
        }
        const rate = fields.ratePerMinute.trim();
        const { key, secret } = await deps.services.apiKeys.create({
          name: fields.name, ratePerMinute: rate === '' ? undefined : /^\d{1,9}$/.test(rate) ? Number(rate) : Number.NaN, expiresAt,
        }, actorOf(c));
        return { ok: t.shownOnce(key.name), secret, status: 201 };
      }, fields);
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/api-keys/:id/revoke', permission: 'settings.manage', kind: 'page',
    input: { params: idParams },
    handler: async (c, { params }) => {
      const t = pick(API_KEYS_TEXT, c.get('lang'));
      return attempt(c, async () => ({ ok: t.didRevoke((await deps.services.apiKeys.revoke(params.id, actorOf(c))).name) }));
    },
  });
}
