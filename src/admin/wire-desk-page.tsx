import { LedeError } from '../content/index.js';
import { WIRE_Q_MAX, newestMark, parseWireListQuery, wireFilter, type WireListQuery } from '../api/wire-api.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { WIRE_STATUSES } from '../store/wire-desk-page-queries.js';
import type { WireListEntry } from '../store/wire-queries.js';
import { issueText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { jsonIsland, page } from './story-text.js';
import { EilBadge, EmbargoBadge, StatusBadge, WireNav, inWords, isEil, when, wireText, type WireT } from './wire-common.js';
import { registerWireDeadLetterPages } from './wire-dead-letters-page.js';
import { renderWireItemPage } from './wire-item-view.js';
import { registerWireSourcePages } from './wire-sources-page.js';
import type { UiLang } from './i18n.js';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'source', 'urgency', 'desk', 'category', 'geo', 'status'] as const;

/** What the desk script needs: the poll address and its words (a JSON island: the CSP runs no inline script). */
export interface WireDeskClientConfig {
  poll: string;
  newest: string;
  lang: UiLang;
  text: { eil: string; embargo: string; statusNames: Record<string, string>; newItems: { one: string; many: string }; moreNew: string; eilAlert: string; versionCount: string };
}

/** The desk's filter keys hold each desk as code, code tail and name; the list shows the readable ones. */
export const deskNames = (desks: string[]) => desks.filter((d) => !d.includes(':')).join(', ');

/** One row of the desk; the desk script builds the same row for items that arrive live (see assets/newsroom/wire-desk.js). */
export function WireRow(props: { e: WireListEntry; t: WireT; lang: UiLang }) {
  const { e, t, lang } = props;
  const eil = isEil(e.urgency);
  const cls = [eil ? 'eil' : '', e.status === 'withdrawn' ? 'withdrawn' : ''].filter(Boolean).join(' ');
  return (
    <tr class={cls || undefined} data-id={e.id}>
      <td><time datetime={e.receivedAt}>{when(e.receivedAt, lang)}</time></td>
      <td>{e.source}</td>
      <td>{eil ? <EilBadge t={t} /> : null} {e.urgency ?? '–'}</td>
      <th scope="row">
        {e.kicker ? <span class="muted">{e.kicker}: </span> : null}
        <a class="headline" href={`/newsroom/agentur/${e.id}`}>{e.headline}</a>
        {e.teaser ? <p class="teaser">{e.teaser}</p> : null}
      </th>
      <td>{deskNames(e.desks)}</td>
      <td>
        <StatusBadge status={e.status} t={t} />
        {e.versions > 1 ? <div class="muted">{t.versionCount(e.versions)}</div> : null}
        {e.embargoUntil && Date.parse(e.embargoUntil) > Date.now() ? <div><EmbargoBadge until={e.embargoUntil} t={t} lang={lang} /></div> : null}
      </td>
    </tr>
  );
}

export function registerWireDeskPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  // The fixed addresses first: /newsroom/agentur/:id would otherwise answer "fehler" and "quellen".
  registerWireDeadLetterPages(registry, deps);
  registerWireSourcePages(registry, deps);

  registry.add({
    method: 'GET', path: '/newsroom/agentur', permission: 'wire.view', kind: 'page',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const lang = ctx.get('lang');
      const t = wireText(lang);
      const session = ctx.get('session')!;
      const raw = (name: string) => c.req.query(name)?.trim() ?? '';
      // The form's long search text is cut, not refused (as on the story list).
      const f: Record<(typeof FILTER_KEYS)[number], string> = {
        q: raw('q').slice(0, WIRE_Q_MAX), source: raw('source'), urgency: raw('urgency'), desk: raw('desk'), category: raw('category'), geo: raw('geo'), status: raw('status'),
      };
      const cursor = raw('cursor');
      let error: string | undefined;
      let result: { items: WireListEntry[]; next?: string } = { items: [] };
      let query: WireListQuery | undefined;
      let newest = '';
      try {
        query = parseWireListQuery({ ...f, cursor, limit: String(PAGE_SIZE) });
        const filter = wireFilter(query);
        result = await deps.services.wire.list({ ...filter, eilFirst: true, limit: PAGE_SIZE, ...(query.cursor && { cursor: query.cursor }) });
        newest = await newestMark(deps, filter);
      } catch (err) {
        if (!(err instanceof LedeError) || err.code !== 'VALIDATION') throw err;
        error = `${t.badFilter} ${err.issues.length ? err.issues.map((i) => issueText(i, lang)).join('; ') : err.message}`;
      }
      const sources = await deps.services.wire.listSources();
      const keep = FILTER_KEYS.filter((k) => f[k]).map((k) => [k, f[k]] as [string, string]);
      const nextHref = result.next ? `/newsroom/agentur?${new URLSearchParams([...keep, ['cursor', result.next]]).toString()}` : undefined;
      const firstHref = cursor ? `/newsroom/agentur${keep.length ? `?${new URLSearchParams(keep).toString()}` : ''}` : undefined;
      // Live only on the first page of a valid filter: an older page stays as it was asked for.
      const live = !cursor && !error && newest;
      const config: WireDeskClientConfig = {
        poll: `/newsroom/api/wire/items?${new URLSearchParams([...keep, ['limit', String(PAGE_SIZE)]]).toString()}`,
        newest, lang,
        text: {
          eil: t.eil, embargo: t.embargo, statusNames: t.statusNames, newItems: { one: t.newItems(1), many: t.newItems(2).replace('2', '{n}') }, moreNew: t.moreNew,
          eilAlert: t.eilAlert('{h}'), versionCount: t.versionCount(2).replace('2', '{n}'),
        },
      };
      const scripts = live ? [deps.asset('wire-desk.js')] : [];
      return c.html(page(
        <NewsroomLayout title={t.title} lang={lang} session={session} current="wire" assets={{ css: deps.asset('newsroom.css'), scripts }}>
          <h1>{t.title}</h1>
          <WireNav t={t} session={session} current="desk" />
          <form method="get" action="/newsroom/agentur" class="panel filters" role="search" aria-label={t.filters}>
            <div class="wide">
              <label for="wf-q">{t.q}</label>
              <input id="wf-q" name="q" type="search" value={f.q} maxlength={WIRE_Q_MAX} />
            </div>
            <div>
              <label for="wf-source">{t.source}</label>
              <select id="wf-source" name="source">
                <option value="">{t.all}</option>
                {sources.map((s) => <option value={s.id} selected={f.source === s.id}>{s.name}</option>)}
              </select>
            </div>
            <div>
              <label for="wf-urgency">{t.urgency}</label>
              <select id="wf-urgency" name="urgency">
                <option value="">{t.all}</option>
                <option value="eil" selected={f.urgency === 'eil'}>{t.eilOnly}</option>
                {[3, 4, 5, 6].map((n) => <option value={String(n)} selected={f.urgency === String(n)}>{t.upTo(n)}</option>)}
              </select>
            </div>
            <div>
              <label for="wf-status">{t.status}</label>
              <select id="wf-status" name="status">
                <option value="">{t.all}</option>
                {WIRE_STATUSES.map((s) => <option value={s} selected={f.status === s}>{t.statusNames[s]}</option>)}
              </select>
            </div>
            <div>
              <label for="wf-desk">{t.desk}</label>
              <input id="wf-desk" name="desk" type="text" value={f.desk} maxlength={200} />
            </div>
            <div>
              <label for="wf-category">{t.category}</label>
              <input id="wf-category" name="category" type="text" value={f.category} maxlength={200} />
            </div>
            <div>
              <label for="wf-geo">{t.geo}</label>
              <input id="wf-geo" name="geo" type="text" value={f.geo} maxlength={200} />
            </div>
            <div class="buttons wide">
              <button type="submit">{t.apply}</button>
              <a href="/newsroom/agentur">{t.reset}</a>
            </div>
          </form>
          {error ? <p class="notice error" role="alert">{error}</p> : null}
          {live ? (
            <>
              <p class="muted">{t.liveHint}</p>
              <p id="wire-live" class="wire-live" role="status" aria-live="polite"></p>
              <div id="wire-eil-alert" class="wire-eil-alert" role="alert"></div>
              <script type="application/json" id="wire-desk-config" dangerouslySetInnerHTML={{ __html: jsonIsland(config) }}></script>
            </>
          ) : null}
          <table class="wire-list" id="wire-list">
            <caption class="vh">{t.caption}</caption>
            <thead>
              <tr><th scope="col">{t.time}</th><th scope="col">{t.source}</th><th scope="col">{t.urgency}</th><th scope="col">{t.item}</th><th scope="col">{t.desk}</th><th scope="col">{t.status}</th></tr>
            </thead>
            <tbody>
              {result.items.map((e) => <WireRow e={e} t={t} lang={lang} />)}
            </tbody>
          </table>
          {result.items.length ? null : <p class="notice" id="wire-none">{t.none}</p>}
          {nextHref || firstHref ? (
            <nav class="pager" aria-label={t.title}>
              {firstHref ? <a href={firstHref}>{t.newest}</a> : null}
              {nextHref ? <a href={nextHref} rel="next">{t.older}</a> : null}
            </nav>
          ) : null}
        </NewsroomLayout>,
      ));
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/agentur/:id', permission: 'wire.view', kind: 'page', input: { params: idParams },
    handler: (c, { params }) => inWords(c.get('lang'), () => renderWireItemPage(c, deps, params.id)),
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/:id/uebernehmen', permission: 'wire.take', kind: 'page', input: { params: idParams },
    handler: (c, { params }) => inWords(c.get('lang'), async () => {
      try {
        const { story, warnings } = await deps.services.wire.take(params.id, actorOf(c));
        // No flash messages in the newsroom: a take-over with notes (a picture left out) shows them here, with the way to the editor.
        if (!warnings.length) return c.redirect(`/newsroom/stories/${story.id}`, 303);
        return renderWireItemPage(c, deps, params.id, { taken: { storyId: story.id, warnings } });
      } catch (err) {
        if (err instanceof LedeError && (err.code === 'CONFLICT' || err.code === 'VALIDATION')) {
          return renderWireItemPage(c, deps, params.id, { error: err, status: err.status });
        }
        throw err;
      }
    }),
  });
}
