import { LedeError, isSafeLocalPath, type ValidationIssue } from '../content/index.js';
import { hasPermission } from '../content/roles.js';
import { audienceChoices, type AudienceChoice } from '../api/push-api.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { NewsroomSettings } from '../services/newsroom-settings.js';
import { LIMITS, type SendInput } from '../services/push/push-service.js';
import type { PushSendRow } from '../store/push-repository.js';
import { pick, type UiLang } from './i18n.js';
import { errorText, issueMessage } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';

/**
 * The push page (issue 14; breaking.send): a form (title, text, link, icon,
 * audience with its size per choice), then a preview of the notification
 * with the exact audience, then the send only on confirmation — the
 * confirmation carries the checked values in hidden fields and the server
 * checks them again. With four eyes on, the confirmation is a request that
 * another editor approves or rejects here; admins switch four eyes on this
 * page. Below, the recent sends with their counters. Plain forms, no script.
 */

export const PUSH_TEXT = {
  de: {
    title: 'Push senden',
    intro: 'Eine Push-Benachrichtigung geht an die Leserinnen und Leser, die sie auf der Website abonniert haben: an alle oder an die eines Ressorts oder Themas.',
    pushTitle: 'Titel', body: 'Text', url: 'Link (Pfad auf dieser Website)', icon: 'Symbol (optional)', audience: 'Empfänger',
    urlHint: 'Beim Antippen öffnet sich diese Seite, z. B. „/politik/wahl-2025“.', iconHint: 'Ein Pfad auf dieser Website oder eine https-Adresse eines Bildes.',
    all: 'Alle Eilmeldungs-Abonnements', section: 'Ressort', topic: 'Thema', people: (n: number) => `${n.toLocaleString('de-DE')} ${n === 1 ? 'Abonnement' : 'Abonnements'}`,
    preview: 'Vorschau', previewTitle: 'So sieht die Benachrichtigung aus', exact: (n: number, who: string) => `Geht jetzt an ${n.toLocaleString('de-DE')} ${n === 1 ? 'Abonnement' : 'Abonnements'} (${who}).`,
    confirm: 'Jetzt senden', confirmFourEyes: 'Zur Freigabe vorlegen', change: 'Ändern',
    fourEyesOn: 'Vier-Augen-Prinzip ist an: Ein Push geht erst hinaus, wenn eine zweite Person mit Eilmeldungs-Recht ihn freigibt.',
    fourEyesOff: 'Vier-Augen-Prinzip ist aus: Ein bestätigter Push geht sofort hinaus.',
    switchOn: 'Vier-Augen-Prinzip einschalten', switchOff: 'Vier-Augen-Prinzip ausschalten', settings: 'Einstellung (Administration)',
    switchedOn: 'Das Vier-Augen-Prinzip ist eingeschaltet.', switchedOff: 'Das Vier-Augen-Prinzip ist ausgeschaltet.',
    pending: 'Warten auf Freigabe', noPending: 'Kein Push wartet auf Freigabe.', requestedBy: (who: string, at: string) => `vorgelegt von ${who}, ${at}`,
    approve: 'Freigeben und senden', reject: 'Ablehnen', ownRequest: 'Ihr eigener Antrag: Eine andere Person muss ihn freigeben.',
    approveLabel: (title: string) => `„${title}“ freigeben und senden`, rejectLabel: (title: string) => `„${title}“ ablehnen`,
    sent: (n: number) => `Der Push ist unterwegs an ${n.toLocaleString('de-DE')} ${n === 1 ? 'Abonnement' : 'Abonnements'}.`,
    requested: 'Der Push ist zur Freigabe vorgelegt. Eine andere Person mit Eilmeldungs-Recht gibt ihn auf dieser Seite frei.',
    approved: (n: number) => `Freigegeben: Der Push ist unterwegs an ${n.toLocaleString('de-DE')} ${n === 1 ? 'Abonnement' : 'Abonnements'}.`,
    rejected: 'Der Push ist abgelehnt und geht nicht hinaus.',
    ownForbidden: 'Ihren eigenen Push können Sie nicht freigeben oder ablehnen; das tut eine zweite Person.',
    decided: 'Über diesen Push wurde inzwischen schon entschieden.',
    recent: 'Letzte Pushes', noRecent: 'Noch keine Pushes.', at: 'Zeit', status: 'Stand', delivered: 'zugestellt', failed: 'fehlgeschlagen', removed: 'abgemeldet',
    states: { pending: 'wartet auf Freigabe', sent: 'gesendet', rejected: 'abgelehnt' } as Record<string, string>,
    by: 'von', decidedBy: (who: string) => `entschieden von ${who}`, errorsAbove: 'Bitte die markierten Angaben prüfen.',
    tooBig: 'Titel, Text, Link und Symbol sind zusammen zu lang für einen Push; bitte kürzen.',
  },
  en: {
    title: 'Send push',
    intro: 'A push notification goes to the readers who subscribed on the site: to all, or to those of a section or topic.',
    pushTitle: 'Title', body: 'Text', url: 'Link (path on this site)', icon: 'Icon (optional)', audience: 'Recipients',
    urlHint: 'A tap opens this page, e.g. "/politik/wahl-2025".', iconHint: 'A path on this site or an https address of a picture.',
    all: 'All breaking news subscriptions', section: 'Section', topic: 'Topic', people: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'subscription' : 'subscriptions'}`,
    preview: 'Preview', previewTitle: 'This is how the notification looks', exact: (n: number, who: string) => `Goes to ${n.toLocaleString('en-GB')} ${n === 1 ? 'subscription' : 'subscriptions'} now (${who}).`,
    confirm: 'Send now', confirmFourEyes: 'Submit for approval', change: 'Change',
    fourEyesOn: 'Four eyes are on: a push goes out only when a second person with the breaking news right approves it.',
    fourEyesOff: 'Four eyes are off: a confirmed push goes out at once.',
    switchOn: 'Switch four eyes on', switchOff: 'Switch four eyes off', settings: 'Setting (administration)',
    switchedOn: 'Four eyes are switched on.', switchedOff: 'Four eyes are switched off.',
    pending: 'Waiting for approval', noPending: 'No push is waiting for approval.', requestedBy: (who: string, at: string) => `requested by ${who}, ${at}`,
    approve: 'Approve and send', reject: 'Reject', ownRequest: 'Your own request: someone else must approve it.',
    approveLabel: (title: string) => `Approve and send “${title}”`, rejectLabel: (title: string) => `Reject “${title}”`,
    sent: (n: number) => `The push is on its way to ${n.toLocaleString('en-GB')} ${n === 1 ? 'subscription' : 'subscriptions'}.`,
    requested: 'The push is submitted for approval. Another person with the breaking news right approves it on this page.',
    approved: (n: number) => `Approved: the push is on its way to ${n.toLocaleString('en-GB')} ${n === 1 ? 'subscription' : 'subscriptions'}.`,
    rejected: 'The push is rejected and does not go out.',
    ownForbidden: 'You cannot approve or reject your own push; a second person does.',
    decided: 'This push has already been decided.',
    recent: 'Recent pushes', noRecent: 'No pushes yet.', at: 'Time', status: 'State', delivered: 'delivered', failed: 'failed', removed: 'unsubscribed',
    states: { pending: 'waiting for approval', sent: 'sent', rejected: 'rejected' } as Record<string, string>,
    by: 'by', decidedBy: (who: string) => `decided by ${who}`, errorsAbove: 'Please check the marked fields.',
    tooBig: 'Title, text, link and icon together are too long for a push; please shorten them.',
  },
};

type T = (typeof PUSH_TEXT)['de'];

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const when = (iso: string, lang: UiLang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));

interface PushForm { title: string; body: string; url: string; icon: string; filter: string }

const FIELDS = ['title', 'body', 'url', 'icon', 'filter'] as const;
const MAX: Record<string, number> = { title: LIMITS.title, body: LIMITS.body, url: LIMITS.url, icon: LIMITS.icon };

const formOf = (src: Record<string, unknown>): PushForm => ({
  title: str(src.title), body: str(src.body), url: str(src.url), icon: str(src.icon), filter: str(src.filter) || 'all',
});

const inputOf = (f: PushForm): SendInput => ({ title: f.title, body: f.body, url: f.url, ...(f.icon.trim() && { icon: f.icon }), filter: f.filter });

/** Who a filter reaches, in words ("Ressort: Politik"). */
function choiceName(filter: string, choices: AudienceChoice[], t: T): string {
  const c = choices.find((x) => x.filter === filter);
  if (filter === 'all') return t.all;
  const [kind, slug] = filter.split(':');
  return `${kind === 'section' ? t.section : t.topic}: ${c?.name ?? slug}`;
}

interface Notice {
  ok?: string;
  error?: string;
  status?: number;
  form?: PushForm;
  issues?: ValidationIssue[];
  /** The preview step: the values as checked, and the audience now. */
  preview?: { form: PushForm; audience: number };
}

function FieldIssues(props: { field: string; issues: ValidationIssue[] | undefined; value: string; lang: UiLang }) {
  const mine = (props.issues ?? []).filter((i) => i.path === props.field);
  if (!mine.length) return null;
  return (
    <p class="notice error" id={`push-${props.field}-error`}>
      {mine.map((i) => issueMessage(i.code === 'too_long' ? { ...i, params: { max: MAX[props.field] ?? '', got: props.value.trim().length, ...i.params } } : i, props.lang)).join('; ')}
    </p>
  );
}

export function registerPushPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const push = deps.services.push;
  const settings = new NewsroomSettings(deps.services.db);

  const render = async (c: NewsroomContext, notice: Notice = {}) => {
    const lang = c.get('lang');
    const t = pick(PUSH_TEXT, lang);
    const session = c.get('session')!;
    const csrf = <input type="hidden" name="_csrf" value={session.csrfToken} />;
    const [fourEyes, choices, pending, recent] = await Promise.all([
      push.fourEyes(), push.audiences().then((a) => audienceChoices(deps.services.db, a)), push.pending(), push.recent(30),
    ]);
    const f = notice.preview?.form ?? notice.form ?? formOf(c.req.query());
    const issues = notice.issues;
    const bad = (field: string) => (issues ?? []).some((i) => i.path === field);
    const attrs = (field: string, hint?: string) => ({
      id: `push-${field}`, name: field, 'aria-invalid': bad(field) ? 'true' : undefined,
      'aria-describedby': [bad(field) ? `push-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
    });
    const other = (issues ?? []).filter((i) => !(FIELDS as readonly string[]).includes(i.path));
    const options = choices.some((ch) => ch.filter === f.filter) ? choices : [...choices, { filter: f.filter, kind: 'topic' as const, name: f.filter.split(':')[1] ?? f.filter, audience: await push.audience(f.filter).catch(() => 0) }];
    const mayDecide = (s: PushSendRow) => s.createdById !== session.user.id;
    return c.html(page(
      <NewsroomLayout title={t.title} lang={lang} session={session} current="breaking" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <p class="notice">{fourEyes ? t.fourEyesOn : t.fourEyesOff}</p>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {issues?.length ? <p class="notice error" role="alert">{t.errorsAbove}{other.length ? ` ${other.map((i) => (i.code === 'too_long' && i.path === '(body)' ? t.tooBig : issueMessage(i, lang))).join('; ')}` : ''}</p> : null}

        {notice.preview ? (
          <section class="panel" aria-labelledby="push-preview-h">
            <h2 id="push-preview-h">{t.previewTitle}</h2>
            <figure class="push-preview" aria-label={t.preview}>
              {notice.preview.form.icon && isSafeLocalPath(notice.preview.form.icon) ? <img src={notice.preview.form.icon} alt="" width={48} height={48} /> : null}
              <p><strong>{notice.preview.form.title}</strong></p>
              {notice.preview.form.body ? <p>{notice.preview.form.body}</p> : null}
              <p class="muted"><code>{notice.preview.form.url}</code>{notice.preview.form.icon ? <> · {t.icon}: <code>{notice.preview.form.icon}</code></> : null}</p>
            </figure>
            <p id="push-audience-exact"><strong>{t.exact(notice.preview.audience, choiceName(notice.preview.form.filter, choices, t))}</strong></p>
            <form method="post" action="/newsroom/push/senden">
              {csrf}
              {FIELDS.map((k) => <input type="hidden" name={k} value={notice.preview!.form[k]} />)}
              <p><button type="submit">{fourEyes ? t.confirmFourEyes : t.confirm}</button></p>
            </form>
            <form method="get" action="/newsroom/push">
              {FIELDS.map((k) => <input type="hidden" name={k} value={notice.preview!.form[k]} />)}
              <p><button type="submit" class="secondary">{t.change}</button></p>
            </form>
          </section>
        ) : (
          <section class="panel" aria-labelledby="push-form-h">
            <h2 id="push-form-h">{t.title}</h2>
            <form method="post" action="/newsroom/push/vorschau">
              {csrf}
              <label for="push-title">{t.pushTitle}</label>
              <input {...attrs('title')} type="text" required maxlength={LIMITS.title} value={f.title} />
              <FieldIssues field="title" issues={issues} value={f.title} lang={lang} />
              <label for="push-body">{t.body}</label>
              <textarea {...attrs('body')} rows={3} maxlength={LIMITS.body}>{f.body}</textarea>
              <FieldIssues field="body" issues={issues} value={f.body} lang={lang} />
              <label for="push-url">{t.url}</label>
              <input {...attrs('url', 'push-url-hint')} type="text" required maxlength={LIMITS.url} value={f.url} />
              <p class="muted" id="push-url-hint">{t.urlHint}</p>
              <FieldIssues field="url" issues={issues} value={f.url} lang={lang} />
              <label for="push-icon">{t.icon}</label>
              <input {...attrs('icon', 'push-icon-hint')} type="text" maxlength={LIMITS.icon} value={f.icon} />
              <p class="muted" id="push-icon-hint">{t.iconHint}</p>
              <FieldIssues field="icon" issues={issues} value={f.icon} lang={lang} />
              <label for="push-filter">{t.audience}</label>
              <select {...attrs('filter')}>
                {options.map((ch) => (
                  <option value={ch.filter} selected={ch.filter === f.filter}>
                    {`${choiceName(ch.filter, choices, t)} – ${t.people(ch.audience)}`}
                  </option>
                ))}
              </select>
              <FieldIssues field="filter" issues={issues} value={f.filter} lang={lang} />
              <p><button type="submit">{t.preview}</button></p>
            </form>
          </section>
        )}

        <section aria-labelledby="push-pending-h">
          <h2 id="push-pending-h">{t.pending}</h2>
          {pending.length ? (
            <ul>
              {pending.map((s) => (
                <li>
                  <p><strong>{s.title}</strong>{s.body ? ` – ${s.body}` : ''} <code>{s.url}</code></p>
                  <p class="muted">{choiceName(s.filter, choices, t)} · {t.requestedBy(s.createdBy, when(s.createdAt, lang))}</p>
                  {mayDecide(s) ? (
                    <>
                      <form method="post" action={`/newsroom/push/${s.id}/freigeben`}>
                        {csrf}<button type="submit" aria-label={t.approveLabel(s.title)}>{t.approve}</button>
                      </form>
                      <form method="post" action={`/newsroom/push/${s.id}/ablehnen`}>
                        {csrf}<button type="submit" class="danger" aria-label={t.rejectLabel(s.title)}>{t.reject}</button>
                      </form>
                    </>
                  ) : <p class="muted">{t.ownRequest}</p>}
                </li>
              ))}
            </ul>
          ) : <p>{t.noPending}</p>}
        </section>

        <section aria-labelledby="push-recent-h">
          <h2 id="push-recent-h">{t.recent}</h2>
          {recent.length ? (
            <table class="users">
              <caption class="vh">{t.recent}</caption>
              <thead>
                <tr><th scope="col">{t.pushTitle}</th><th scope="col">{t.at}</th><th scope="col">{t.status}</th><th scope="col">{t.audience}</th>
                  <th scope="col">{t.delivered}</th><th scope="col">{t.failed}</th><th scope="col">{t.removed}</th></tr>
              </thead>
              <tbody>
                {recent.map((s) => (
                  <tr>
                    <th scope="row">{s.title}<br /><span class="muted"><code>{s.url}</code> · {choiceName(s.filter, choices, t)} · {t.by} {s.createdBy}</span></th>
                    <td><time datetime={s.createdAt}>{when(s.createdAt, lang)}</time></td>
                    <td>{t.states[s.status] ?? s.status}{s.decidedBy ? <><br /><span class="muted">{t.decidedBy(s.decidedBy)}</span></> : null}</td>
                    <td>{s.status === 'sent' ? String(s.audience) : '–'}</td>
                    <td>{String(s.delivered)}</td>
                    <td>{String(s.failed)}</td>
                    <td>{String(s.removed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p>{t.noRecent}</p>}
        </section>

        {hasPermission(session.user, 'settings.manage') ? (
          <section class="panel" aria-labelledby="push-settings-h">
            <h2 id="push-settings-h">{t.settings}</h2>
            <form method="post" action="/newsroom/push/vier-augen">
              {csrf}
              <input type="hidden" name="on" value={fourEyes ? 'false' : 'true'} />
              <button type="submit">{fourEyes ? t.switchOff : t.switchOn}</button>
            </form>
          </section>
        ) : null}
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** A refusal the editor can fix: the form again with the issues at their fields (422), or a notice (404/409/403). */
  const refused = (c: NewsroomContext, err: unknown, form?: PushForm) => {
    if (!(err instanceof LedeError) || !['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'].includes(err.code)) throw err;
    const t = pick(PUSH_TEXT, c.get('lang'));
    if (err.code === 'VALIDATION' && err.issues.length) return render(c, { issues: err.issues, status: err.status, ...(form && { form }) });
    const error = err.code === 'FORBIDDEN' ? t.ownForbidden : err.code === 'CONFLICT' ? t.decided : errorText(err, c.get('lang')) ?? err.message;
    return render(c, { error, status: err.status, ...(form && { form }) });
  };

  registry.add({ method: 'GET', path: '/newsroom/push', permission: 'breaking.send', kind: 'page', handler: (c) => render(c) });

  registry.add({
    method: 'POST', path: '/newsroom/push/vorschau', permission: 'breaking.send', kind: 'page',
    handler: async (c) => {
      const form = formOf(await c.req.parseBody());
      try {
        const checked = push.checkSend(inputOf(form));
        // The preview shows the values as they will go out (trimmed), and the confirmation carries exactly these.
        const shown: PushForm = { title: checked.payload.title, body: checked.payload.body, url: checked.payload.url, icon: checked.payload.icon ?? '', filter: checked.filter };
        return render(c, { preview: { form: shown, audience: await push.audience(checked.filter) } });
      } catch (err) {
        return refused(c, err, form);
      }
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/push/senden', permission: 'breaking.send', kind: 'page',
    handler: async (c) => {
      const t = pick(PUSH_TEXT, c.get('lang'));
      const form = formOf(await c.req.parseBody());
      let sent: PushSendRow;
      try {
        // Checked again: the hidden fields are the client's to change.
        sent = await push.send(inputOf(form), actorOf(c));
      } catch (err) {
        return refused(c, err, form);
      }
      return render(c, { ok: sent.status === 'pending' ? t.requested : t.sent(sent.audience), status: sent.status === 'pending' ? 202 : 201, form: { title: '', body: '', url: '', icon: '', filter: 'all' } });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/push/:id/freigeben', permission: 'breaking.send', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      try {
        const row = await push.approve(params.id, actorOf(c));
        return render(c, { ok: pick(PUSH_TEXT, c.get('lang')).approved(row.audience) });
      } catch (err) {
        return refused(c, err);
      }
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/push/:id/ablehnen', permission: 'breaking.send', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      try {
        await push.reject(params.id, actorOf(c));
        return render(c, { ok: pick(PUSH_TEXT, c.get('lang')).rejected });
      } catch (err) {
        return refused(c, err);
      }
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/push/vier-augen', permission: 'settings.manage', kind: 'page',
    handler: async (c) => {
      const t = pick(PUSH_TEXT, c.get('lang'));
      const raw = str((await c.req.parseBody()).on);
      try {
        const on = await settings.setPushFourEyes(actorOf(c), raw === 'true' ? true : raw === 'false' ? false : raw);
        return render(c, { ok: on ? t.switchedOn : t.switchedOff });
      } catch (err) {
        return refused(c, err);
      }
    },
  });
}
