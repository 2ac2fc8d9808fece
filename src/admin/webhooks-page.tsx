import { LedeError } from '../content/index.js';
import { SecretOnce } from './secret-once.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { WEBHOOK_EVENTS } from '../services/webhook-events.js';
import type { WebhookSubscription } from '../store/webhook-subscriptions.js';
import { WEBHOOKS_TEXT, pick } from './i18n.js';
import { errorText, issueText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';

/**
 * The webhooks page (settings.manage): subscriptions with their state — a
 * subscription the worker turned off after repeated failure is announced at
 * the top with the reason — forms to create one (the answer is the only page
 * that shows the secret), send a test event, switch on or off and delete;
 * and per subscription the delivery log. Plain forms with CSRF, no script.
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const when = (iso: string, lang: 'de' | 'en') =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));

type Notice = { ok?: string; error?: string; status?: number; secret?: string; form?: { url: string; description: string; events: string[] } };

export function registerWebhooksPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, notice: Notice = {}) => {
    const lang = c.get('lang');
    const t = pick(WEBHOOKS_TEXT, lang);
    const session = c.get('session')!;
    const subs = await deps.services.webhooks.list();
    const csrf = <input type="hidden" name="_csrf" value={session.csrfToken} />;
    const f = notice.form ?? { url: '', description: '', events: ['story.published', 'story.updated', 'story.corrected', 'story.depublished'] };
    const status = (s: WebhookSubscription) => (s.active ? t.active : s.disabledReason ? t.disabled : t.off);
    return c.html(page(
      <NewsroomLayout title={t.title} lang={lang} session={session} current="webhooks" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        {subs.filter((s) => !s.active && s.disabledReason).map((s) => <p class="notice error" role="alert">{t.disabledNotice(s.url, s.disabledReason!)}</p>)}
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        <SecretOnce secret={notice.secret} label={t.secretLabel} />
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {subs.length ? (
          <table class="users">
            <caption class="vh">{t.title}</caption>
            <thead>
              <tr><th scope="col">{t.url}</th><th scope="col">{t.events}</th><th scope="col">{t.status}</th><th scope="col">{t.log}</th><th scope="col">{t.actions}</th></tr>
            </thead>
            <tbody>
              {subs.map((s) => (
                <tr class={s.active ? undefined : 'disabled-row'}>
                  <th scope="row"><code>{s.url}</code>{s.description ? <><br />{s.description}</> : null}</th>
                  <td>{s.events.join(', ')}</td>
                  <td>{status(s)}{s.consecutiveFailures ? <><br /><span class="muted">{t.failures(s.consecutiveFailures)}</span></> : null}</td>
                  <td><a href={`/newsroom/webhooks/${s.id}`}>{t.log}</a></td>
                  <td>
                    <form method="post" action={`/newsroom/webhooks/${s.id}/test`}>
                      {csrf}<button type="submit" aria-label={t.testLabel(s.url)}>{t.sendTest}</button>
                    </form>
                    <form method="post" action={`/newsroom/webhooks/${s.id}/active`}>
                      {csrf}<input type="hidden" name="active" value={s.active ? 'false' : 'true'} />
                      <button type="submit">{s.active ? t.switchOff : t.switchOn}</button>
                    </form>
                    <form method="post" action={`/newsroom/webhooks/${s.id}/delete`}>
                      {csrf}<button type="submit" class="danger" aria-label={t.removeLabel(s.url)}>{t.remove}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>{t.none}</p>}
        <section class="panel" aria-labelledby="create-h">
          <h2 id="create-h">{t.create}</h2>
          <p class="muted">{t.createHint}</p>
          <form method="post" action="/newsroom/webhooks">
            {csrf}
            <label for="hook-url">{t.url}</label>
            <input id="hook-url" name="url" type="url" required maxlength={2000} value={f.url} autocomplete="off" />
            <fieldset>
              <legend>{t.events}</legend>
              {WEBHOOK_EVENTS.map((e) => (
                <label><input type="checkbox" name="events" value={e} checked={f.events.includes(e)} /> <code>{e}</code></label>
              ))}
            </fieldset>
            <label for="hook-description">{t.description}</label>
            <input id="hook-description" name="description" type="text" maxlength={500} value={f.description} />
            <p><button type="submit">{t.create}</button></p>
          </form>
        </section>
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** Errors a user can fix come back on the page (422/404), worded by their reason and codes. */
  const attempt = async (c: NewsroomContext, fn: () => Promise<Notice>, form?: Notice['form']) => {
    try {
      return await render(c, await fn());
    } catch (err) {
      if (err instanceof LedeError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) {
        const lang = c.get('lang');
        const message = err.issues.length ? err.issues.map((i) => `${i.path}: ${issueText(i, lang)}`).join('; ') : errorText(err, lang) ?? err.message;
        return render(c, { error: message, status: err.status, ...(form && { form }) });
      }
      throw err;
    }
  };

  registry.add({ method: 'GET', path: '/newsroom/webhooks', permission: 'settings.manage', kind: 'page', handler: (c) => render(c) });

  registry.add({
    method: 'POST', path: '/newsroom/webhooks', permission: 'settings.manage', kind: 'page',
    handler: async (c) => {
      const t = pick(WEBHOOKS_TEXT, c.get('lang'));
      const body = await c.req.parseBody({ all: true });
      const events = ([] as unknown[]).concat(body.events ?? []).map(str);
      const form = { url: str(body.url), description: str(body.description), events };
      return attempt(c, async () => {
        const made = await deps.services.webhooks.create(form, actorOf(c));
        return { ok: t.created(made.url), secret: made.secret, status: 201 };
      }, form);
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/webhooks/:id/test', permission: 'settings.manage', kind: 'page', input: { params: idParams },
    handler: (c, { params }) => attempt(c, async () => ({ ok: pick(WEBHOOKS_TEXT, c.get('lang')).testQueued(await deps.services.webhooks.sendTest(params.id)) })),
  });

  registry.add({
    method: 'POST', path: '/newsroom/webhooks/:id/active', permission: 'settings.manage', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const t = pick(WEBHOOKS_TEXT, c.get('lang'));
      const on = str((await c.req.parseBody()).active) === 'true';
      return attempt(c, async () => {
        const s = await deps.services.webhooks.update(params.id, { active: on }, actorOf(c));
        return { ok: on ? t.switchedOn(s.url) : t.switchedOff(s.url) };
      });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/webhooks/:id/delete', permission: 'settings.manage', kind: 'page', input: { params: idParams },
    handler: (c, { params }) => attempt(c, async () => {
      const s = await deps.services.webhooks.get(params.id);
      await deps.services.webhooks.remove(s.id, actorOf(c));
      return { ok: pick(WEBHOOKS_TEXT, c.get('lang')).removed(s.url) };
    }),
  });

  registry.add({
    method: 'GET', path: '/newsroom/webhooks/:id', permission: 'settings.manage', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const lang = c.get('lang');
      const t = pick(WEBHOOKS_TEXT, lang);
      const s = await deps.services.webhooks.get(params.id);
      const attempts = await deps.services.webhooks.attempts(s.id);
      return c.html(page(
        <NewsroomLayout title={t.logTitle(s.url)} lang={lang} session={c.get('session')!} current="webhooks" assets={{ css: deps.asset('newsroom.css') }}>
          <p><a href="/newsroom/webhooks">{t.back}</a></p>
          <h1>{t.logTitle(s.url)}</h1>
          {!s.active && s.disabledReason ? <p class="notice error" role="alert">{t.disabledNotice(s.url, s.disabledReason)}</p> : null}
          <p class="muted">{t.logIntro}</p>
          {attempts.length ? (
            <table class="users">
              <caption class="vh">{t.logTitle(s.url)}</caption>
              <thead>
                <tr><th scope="col">{t.at}</th><th scope="col">{t.event}</th><th scope="col">{t.state}</th><th scope="col">{t.answer}</th><th scope="col">{t.duration}</th><th scope="col">{t.node}</th></tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr>
                    <th scope="row">{when(a.at, lang)}</th>
                    <td><code>{a.eventType}</code><br /><span class="muted"><code>{a.outboxId}</code></span></td>
                    <td>{t.states[a.state] ?? a.state}</td>
                    <td>{a.statusCode ?? ''}{a.error ? <><br /><span class="muted">{a.error}</span></> : null}</td>
                    <td>{t.ms(a.durationMs)}</td>
                    <td>{a.node}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p>{t.noAttempts}</p>}
        </NewsroomLayout>,
      ));
    },
  });
}
