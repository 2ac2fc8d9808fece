import { LedeError, STORY_STATUSES, formatGermanDateTime, formatEnglishDateTime } from '../content/index.js';
import { listSections, listTopics } from '../store/catalog-queries.js';
import { NEWSROOM_QUERY_MAX, PICTURE_RIGHTS, encodeCursor, listNewsroomStories, type PictureRights } from '../store/newsroom-queries.js';
import { listFilter, storyListQuery } from '../api/story-inputs.js';
import { parseInput } from '../http/input.js';
import { issueText } from './issue-text.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { COMMON_TEXT, pick } from './i18n.js';
import { NewsroomLayout } from './layout.js';
import { STORY_TEXT, page } from './story-text.js';

export const LIST_TEXT = {
  de: {
    title: 'Beiträge', filters: 'Filter', status: 'Status', all: 'Alle', section: 'Ressort', topic: 'Thema', author: 'Autorin/Autor',
    mine: 'Nur meine Beiträge', from: 'Geändert ab', to: 'Geändert bis', q: 'Suche', apply: 'Filtern', reset: 'Filter zurücksetzen',
    headline: 'Überschrift', owner: 'Verantwortlich', changed: 'Letzte Änderung', by: 'von', none: 'Keine Beiträge gefunden.',
    next: 'Nächste Seite', first: 'Erste Seite', caption: 'Beiträge, zuletzt geänderte zuerst', badFilter: 'Ungültiger Filter:',
    scheduled: 'geplant für', embargo: 'Sperrfrist bis', count: (n: number) => `${n} Beiträge auf dieser Seite`,
    pictures: 'Bildrechte', pictureRights: { lapsed: 'Bildrechte abgelaufen: Bild wird nicht gezeigt', expiring: 'Bildrechte laufen in 7 Tagen ab' } as Record<PictureRights, string>,
  },
  en: {
    title: 'Stories', filters: 'Filters', status: 'Status', all: 'All', section: 'Section', topic: 'Topic', author: 'Author',
    mine: 'Only my stories', from: 'Changed from', to: 'Changed until', q: 'Search', apply: 'Filter', reset: 'Reset filters',
    headline: 'Headline', owner: 'Owner', changed: 'Last change', by: 'by', none: 'No stories found.',
    next: 'Next page', first: 'First page', caption: 'Stories, most recently changed first', badFilter: 'Invalid filter:',
    scheduled: 'scheduled for', embargo: 'embargo until', count: (n: number) => `${n} stories on this page`,
    pictures: 'Picture rights', pictureRights: { lapsed: 'Picture rights lapsed: picture not shown', expiring: 'Picture rights lapse within 7 days' } as Record<PictureRights, string>,
  },
};

export const LIST_CSS = `
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:0 1rem;align-items:end}
.filters .wide{grid-column:1/-1}
.filters .buttons{display:flex;gap:.6rem;align-items:center;margin-top:.75rem}
.story-list td.status span{display:inline-block;padding:.05rem .45rem;border-radius:3px;background:#e8edf2;font-size:.9rem}
.story-list td.status .pictures{margin-top:.25rem;font-size:.9rem;font-weight:600}.story-list td.status .pictures.lapsed{color:#a61b1b}.story-list td.status .pictures.expiring{color:#7a4d00}
.story-list td.status .published{background:#dff3e4}.story-list td.status .scheduled{background:#fff3cd}.story-list td.status .depublished{background:#f4dcdc}
.pager{display:flex;gap:1rem;margin:1rem 0}
label.inline{display:inline}
`.trim().replace(/\n/g, '');

const PAGE_SIZE = 50;

export function registerStoryListPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom', permission: 'story.list', kind: 'page',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const lang = ctx.get('lang');
      const t = pick(LIST_TEXT, lang);
      const st = pick(STORY_TEXT, lang);
      const session = ctx.get('session')!;
      const q = (name: string) => c.req.query(name)?.trim() || '';
      const f = { status: q('status'), section: q('section'), topic: q('topic'), author: q('author'), q: q('q'), from: q('from'), to: q('to'), pictures: q('pictures'), mine: q('mine') === '1' ? '1' : '' };
      let error: string | undefined;
      let result: Awaited<ReturnType<typeof listNewsroomStories>> = { items: [] };
      try {
        // The same declared query and filter as GET /newsroom/api/stories; the form's long search text is cut, not refused.
        const query = parseInput(storyListQuery, { ...f, q: f.q.slice(0, NEWSROOM_QUERY_MAX), cursor: q('cursor'), limit: String(PAGE_SIZE) }, 'the filter');
        const filter = listFilter(session.user, query, deps.media?.clock());
        if (filter && f.mine) filter.ownerId = session.user.id;
        if (filter) result = await listNewsroomStories(deps.db, filter);
      } catch (err) {
        if (!(err instanceof LedeError) || err.code !== 'VALIDATION') throw err;
        error = `${t.badFilter} ${err.issues.length ? err.issues.map((i) => issueText(i, lang)).join('; ') : err.message}`;
      }
      const [sections, topics] = await Promise.all([listSections(deps.db), listTopics(deps.db)]);
      const when = (iso: string) => (lang === 'en' ? formatEnglishDateTime(iso) : formatGermanDateTime(iso));
      const keep = Object.entries(f).filter(([, v]) => v) as [string, string][];
      const nextHref = result.next ? `/newsroom?${new URLSearchParams([...keep, ['cursor', encodeCursor(result.next)]]).toString()}` : undefined;
      const firstHref = q('cursor') ? `/newsroom${keep.length ? `?${new URLSearchParams(keep).toString()}` : ''}` : undefined;
      return c.html(page(
        <NewsroomLayout title={t.title} lang={lang} session={session} current="stories" assets={{ css: deps.asset('newsroom.css') }}>
          <h1>{t.title}</h1>
          <form method="get" action="/newsroom" class="panel filters" role="search" aria-label={t.filters}>
            <div class="wide">
              <label for="flt-q">{t.q}</label>
              <input id="flt-q" name="q" type="search" value={f.q} maxlength={200} />
            </div>
            <div>
              <label for="flt-status">{t.status}</label>
              <select id="flt-status" name="status">
                <option value="">{t.all}</option>
                {STORY_STATUSES.map((s) => <option value={s} selected={f.status === s}>{st.status[s]}</option>)}
              </select>
            </div>
            <div>
              <label for="flt-section">{t.section}</label>
              <input id="flt-section" name="section" type="text" value={f.section} list="flt-sections" />
              <datalist id="flt-sections">{sections.map((s) => <option value={s.name}></option>)}</datalist>
            </div>
            <div>
              <label for="flt-topic">{t.topic}</label>
              <input id="flt-topic" name="topic" type="text" value={f.topic} list="flt-topics" />
              <datalist id="flt-topics">{topics.map((s) => <option value={s.name}></option>)}</datalist>
            </div>
            <div>
              <label for="flt-author">{t.author}</label>
              <input id="flt-author" name="author" type="text" value={f.author} />
            </div>
            <div>
              <label for="flt-pictures">{t.pictures}</label>
              <select id="flt-pictures" name="pictures">
                <option value="">{t.all}</option>
                {PICTURE_RIGHTS.map((p) => <option value={p} selected={f.pictures === p}>{t.pictureRights[p]}</option>)}
              </select>
            </div>
            <div>
              <label for="flt-from">{t.from}</label>
              <input id="flt-from" name="from" type="date" value={f.from} />
            </div>
            <div>
              <label for="flt-to">{t.to}</label>
              <input id="flt-to" name="to" type="date" value={f.to} />
            </div>
            <div>
              <p><input id="flt-mine" name="mine" type="checkbox" value="1" checked={!!f.mine} /> <label for="flt-mine" class="inline">{t.mine}</label></p>
            </div>
            <div class="buttons wide">
              <button type="submit">{t.apply}</button>
              <a href="/newsroom">{t.reset}</a>
            </div>
          </form>
          {error ? <p class="notice error" role="alert">{error}</p> : null}
          {result.items.length ? (
            <table class="story-list">
              <caption class="vh">{t.caption}</caption>
              <thead>
                <tr><th scope="col">{t.headline}</th><th scope="col">{t.status}</th><th scope="col">{t.section}</th><th scope="col">{t.owner}</th><th scope="col">{t.changed}</th></tr>
              </thead>
              <tbody>
                {result.items.map((s) => (
                  <tr>
                    <th scope="row">
                      {s.kicker ? <span class="muted">{s.kicker}: </span> : null}
                      <a href={`/newsroom/stories/${s.id}`}>{s.headline}</a>
                      {s.kind !== 'article' ? <span class="muted"> · {st.kind[s.kind]}</span> : null}
                    </th>
                    <td class="status">
                      <span class={s.status}>{st.status[s.status]}</span>
                      {s.status === 'scheduled' && s.scheduledPublishAt ? <div class="muted">{t.scheduled} {when(s.scheduledPublishAt)}</div> : null}
                      {s.pictureRights ? <div class={`pictures ${s.pictureRights}`}>{t.pictureRights[s.pictureRights]}</div> : null}
                      {s.embargoUntil && Date.parse(s.embargoUntil) > Date.now() ? <div class="muted">{t.embargo} {when(s.embargoUntil)}</div> : null}
                    </td>
                    <td>{s.section}</td>
                    <td>{s.ownerName ?? '–'}</td>
                    <td><time datetime={s.modifiedAt}>{when(s.modifiedAt)}</time>{s.modifiedByName ? ` ${t.by} ${s.modifiedByName}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p class="notice">{t.none}</p>}
          {nextHref || firstHref ? (
            <nav class="pager" aria-label={pick(COMMON_TEXT, lang).stories}>
              {firstHref ? <a href={firstHref}>{t.first}</a> : null}
              {nextHref ? <a href={nextHref} rel="next">{t.next}</a> : null}
            </nav>
          ) : null}
        </NewsroomLayout>,
      ));
    },
  });
}
