import { LedeError } from '../content/index.js';
import type { AuditAction, AuditEntry } from '../store/audit-repository.js';
import { auditedHeadlines, listAudit } from '../store/audit-queries.js';
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, auditQuery } from '../api/story-inputs.js';
import { parseInput } from '../http/input.js';
import { errorText } from './issue-text.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pick, type UiLang } from './i18n.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';

const TEXT = {
  de: {
    title: 'Protokoll', when: 'Zeit', who: 'Wer', what: 'Was', subject: 'Betrifft', detail: 'Einzelheiten', filter: 'Filtern',
    story: 'Beitrags-ID', limit: 'Anzahl', none: 'Keine Einträge.', storyOf: (id: string) => `Nur Beitrag ${id}`, all: 'Alle Einträge',
    revisions: 'Versionen', deletedStory: 'Beitrag (gelöscht)', user: 'Konto',
    actions: {
      'story.published': 'veröffentlicht', 'story.scheduled': 'eingeplant', 'story.depublished': 'depubliziert', 'story.corrected': 'korrigiert',
      'story.restored': 'Version wiederhergestellt', 'story.status': 'Status geändert', 'user.created': 'Konto angelegt', 'user.role': 'Rolle geändert',
      'user.disabled': 'Konto gesperrt', 'user.enabled': 'Konto entsperrt', 'user.password': 'Passwort geändert', 'login.failed': 'Anmeldung fehlgeschlagen',
      'retention.changed': 'Aufbewahrungsregel geändert', 'wire.taken': 'Agenturmeldung übernommen', 'wire.merged': 'Agenturfassung eingearbeitet',
      'apikey.created': 'API-Schlüssel angelegt', 'apikey.revoked': 'API-Schlüssel widerrufen',
      'webhook.created': 'Webhook angelegt', 'webhook.changed': 'Webhook geändert', 'webhook.removed': 'Webhook entfernt',
      'breaking.set': 'Eilmeldung gesetzt', 'breaking.updated': 'Eilmeldung geändert', 'breaking.ended': 'Eilmeldung beendet',
      'push.sent': 'Push gesendet', 'push.requested': 'Push zur Freigabe vorgelegt', 'push.approved': 'Push freigegeben', 'push.rejected': 'Push abgelehnt', 'push.finished': 'Push zugestellt (Ergebnis)',
      'settings.changed': 'Einstellung geändert',
    } satisfies Record<AuditAction, string>,
  },
  en: {
    title: 'Audit log', when: 'Time', who: 'Who', what: 'What', subject: 'Concerns', detail: 'Details', filter: 'Filter',
    story: 'Story id', limit: 'Entries', none: 'No entries.', storyOf: (id: string) => `Only story ${id}`, all: 'All entries',
    revisions: 'Revisions', deletedStory: 'Story (deleted)', user: 'Account',
    actions: {
      'story.published': 'published', 'story.scheduled': 'scheduled', 'story.depublished': 'depublished', 'story.corrected': 'corrected',
      'story.restored': 'version restored', 'story.status': 'status changed', 'user.created': 'account created', 'user.role': 'role changed',
      'user.disabled': 'account disabled', 'user.enabled': 'account enabled', 'user.password': 'password changed', 'login.failed': 'login failed',
      'retention.changed': 'retention rule changed', 'wire.taken': 'wire item taken over', 'wire.merged': 'agency version merged',
      'apikey.created': 'API key created', 'apikey.revoked': 'API key revoked',
      'webhook.created': 'webhook added', 'webhook.changed': 'webhook changed', 'webhook.removed': 'webhook removed',
      'breaking.set': 'breaking news set', 'breaking.updated': 'breaking news changed', 'breaking.ended': 'breaking news ended',
      'push.sent': 'push sent', 'push.requested': 'push awaiting approval', 'push.approved': 'push approved', 'push.rejected': 'push rejected', 'push.finished': 'push finished (results)',
      'settings.changed': 'setting changed',
    } satisfies Record<AuditAction, string>,
  },
};

/** An audit action in the user's language (also used by the revisions page). */
export function auditActionText(lang: UiLang, action: AuditAction): string {
  return pick(TEXT, lang).actions[action] ?? action;
}

export const AUDIT_CSS = `
.audit-filter{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.audit-filter label{margin:0}
.audit-filter input[type=text]{width:24rem}
.audit td code{white-space:pre-wrap;word-break:break-word;font-size:.85rem}
`;

/** `key: value` pairs of an entry's detail, one line each. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n');
}

/** The audit log page (audit.view): newest first, optionally one story's entries. */
export function registerAuditPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/audit', permission: 'audit.view', kind: 'page',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const lang = ctx.get('lang');
      const t = pick(TEXT, lang);
      const story = c.req.query('story')?.trim() || undefined;
      const limitRaw = c.req.query('limit')?.trim() || undefined;
      let entries: AuditEntry[] = [];
      let error: string | undefined;
      try {
        // Parsed here, not declared: a bad filter shows the page with the refusal beside the form.
        const query = parseInput(auditQuery, c.req.query(), 'the filter');
        entries = await listAudit(deps.db, { ...(query.story && { storyId: query.story }), limit: query.limit });
      } catch (err) {
        if (!(err instanceof LedeError && err.code === 'VALIDATION')) throw err;
        error = errorText(err, lang) ?? err.message;
      }
      // Names for the stories and accounts the entries mention.
      const headlines = await auditedHeadlines(deps.db, [...new Set(entries.map((e) => e.storyId).filter((x): x is string => !!x))]);
      const names = new Map((await deps.accounts.users.list()).map((u) => [u.id, `${u.name} <${u.email}>`]));
      const fmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });
      return c.html(page(
        <NewsroomLayout title={t.title} lang={lang} session={ctx.get('session')} current="audit" assets={{ css: deps.asset('newsroom.css') }}>
          <h1>{t.title}</h1>
          <form method="get" action="/newsroom/audit" class="audit-filter panel">
            <div><label for="audit-story">{t.story}</label><input id="audit-story" name="story" type="text" value={story ?? ''} /></div>
            <div><label for="audit-limit">{t.limit}</label><input id="audit-limit" name="limit" type="number" min={1} max={AUDIT_MAX_LIMIT} value={limitRaw ?? String(AUDIT_DEFAULT_LIMIT)} /></div>
            <div><button type="submit">{t.filter}</button></div>
          </form>
          {story ? <p><a href="/newsroom/audit">{t.all}</a></p> : null}
          {error ? <p class="notice error" role="alert">{error}</p> : null}
          {entries.length ? (
            <table class="audit">
              <caption class="vh">{story ? t.storyOf(story) : t.title}</caption>
              <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.who}</th><th scope="col">{t.what}</th><th scope="col">{t.subject}</th><th scope="col">{t.detail}</th></tr></thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td><time datetime={e.at}>{fmt.format(new Date(e.at))}</time></td>
                    <td>{e.actor}</td>
                    <td>{t.actions[e.action] ?? e.action}</td>
                    <td>
                      {e.storyId ? (headlines.has(e.storyId)
                        ? <a href={`/newsroom/stories/${e.storyId}/revisions`}>{headlines.get(e.storyId)}</a>
                        : <span>{t.deletedStory}</span>) : null}
                      {e.userId ? <span>{t.user}: {names.get(e.userId) ?? e.userId}</span> : null}
                    </td>
                    <td><code>{detailText(e.detail)}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (error ? null : <p>{t.none}</p>)}
        </NewsroomLayout>,
      ), error ? 422 : 200);
    },
  });
}
