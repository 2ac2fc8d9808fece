import { LedeError } from '../content/index.js';
import { hasPermission } from '../content/roles.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import type { IngestOutcome } from '../services/wire-desk.js';
import { errorText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';
import { WireNav, when, wireErrorText, wireText } from './wire-common.js';

interface RetryResult {
  ok?: string;
  error?: string;
  /** Items stored by the retry, to link to. */
  items?: { id: string; label: string }[];
  status?: number;
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Deliveries that could not be read (wire.view), each with a retry for those who manage sources (wire.manage). */
export function registerWireDeadLetterPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, result: RetryResult = {}) => {
    const lang = c.get('lang');
    const t = wireText(lang);
    const session = c.get('session')!;
    const letters = await deps.services.wire.deadLetters({ limit: 200 });
    const mayRetry = hasPermission(session.user, 'wire.manage');
    return c.html(page(
      <NewsroomLayout title={t.deadLetters} lang={lang} session={session} current="wire" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.deadLetters}</h1>
        <WireNav t={t} session={session} current="dead" />
        <p class="muted">{t.deadHint}</p>
        {result.ok ? (
          <div class="notice ok" role="status">
            <p>{result.ok}</p>
            {result.items?.length ? <ul>{result.items.map((i) => <li><a href={`/newsroom/agentur/${i.id}`}>{i.label}</a></li>)}</ul> : null}
          </div>
        ) : null}
        {result.error ? <p class="notice error" role="alert">{result.error}</p> : null}
        {letters.length ? (
          <table>
            <caption class="vh">{t.deadLetters}</caption>
            <thead>
              <tr><th scope="col">{t.received}</th><th scope="col">{t.source}</th><th scope="col">{t.fileName}</th><th scope="col">{t.reason}</th><th scope="col">{t.retries}</th>{mayRetry ? <th scope="col"><span class="vh">{t.retry}</span></th> : null}</tr>
            </thead>
            <tbody>
              {letters.map((d) => (
                <tr>
                  <td><time datetime={d.receivedAt}>{when(d.receivedAt, lang)}</time></td>
                  <td>{d.source}{d.via ? <span class="muted"> ({d.via})</span> : null}</td>
                  <th scope="row">{d.name ?? d.id}<div class="muted">{kb(d.size)}</div></th>
                  <td>{d.reason}{d.truncated ? <div class="muted">{t.truncated}</div> : null}</td>
                  <td>{d.retries}</td>
                  {mayRetry ? (
                    <td>
                      {d.truncated ? null : (
                        <form method="post" action={`/newsroom/agentur/fehler/${d.id}/erneut`}>
                          <input type="hidden" name="_csrf" value={session.csrfToken} />
                          <button type="submit" class="secondary" aria-label={t.retryLabel(d.name ?? d.id)}>{t.retry}</button>
                        </form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p class="notice">{t.noDead}</p>}
      </NewsroomLayout>,
    ), (result.status ?? 200) as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/agentur/fehler', permission: 'wire.view', kind: 'page',
    handler: (c) => render(c),
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/fehler/:id/erneut', permission: 'wire.manage', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const t = wireText(c.get('lang'));
      let outcomes: IngestOutcome[];
      try {
        outcomes = await deps.services.wire.retryDeadLetter(params.id);
      } catch (err) {
        if (err instanceof LedeError && err.code !== 'INTERNAL') {
          return render(c, { error: wireErrorText(err, c.get('lang'), (e) => errorText(e, c.get('lang'))), status: err.status });
        }
        throw err;
      }
      const refused = outcomes.find((o) => o.result === 'refused');
      if (refused && refused.result === 'refused') return render(c, { error: t.retryRefused(refused.reason) });
      const items = outcomes.flatMap((o) => (o.result === 'refused' ? [] : [{ id: o.itemId, label: `${o.guid} (${t.version} ${o.version})` }]));
      return render(c, { ok: t.retryOk(items.length), items });
    },
  });
}
