import { formatGermanDate, topicSlug } from '../../content/index.js';
import type { SectionInfo, TopicInfo } from '../../store/catalog-queries.js';
import { MAX_QUERY_TERMS, snippetParts, type SearchHit, type SearchResult } from '../../store/search-queries.js';
import { searchHref, SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE, type SearchForm } from '../search/search-params.js';
import { TeaserCard } from './teaser.js';

export interface SearchViewProps {
  form: SearchForm;
  errors: string[];
  sections: SectionInfo[];
  topics: TopicInfo[];
  page: number;
  result?: SearchResult;
  suggestion?: string;
  lang: string;
}

const NUMBER = new Intl.NumberFormat('de-DE');

/** The highlighted excerpt: every part is escaped by JSX; only our own <mark> is markup. */
export function Snippet(props: { text: string }) {
  const parts = snippetParts(props.text);
  if (!parts.some((p) => p.text.trim())) return null;
  return <p class="snippet">{parts.map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}</p>;
}

function SearchFormView(props: { form: SearchForm; sections: SectionInfo[]; topics: TopicInfo[] }) {
  const f = props.form;
  return (
    <form role="search" action="/suche" method="get" aria-label="Suche mit Filtern" class="search-form">
      <p>
        <label for="search-q">Suchbegriff</label>{' '}
        <input type="search" id="search-q" name="q" value={f.q} maxlength={200} aria-describedby="search-hint" />{' '}
        <button type="submit">Suchen</button>
      </p>
      <p id="search-hint" class="meta">
        Tipps: „Wörter in Anführungszeichen“ suchen eine Wortfolge, -Wort schließt aus, OR findet das eine oder das andere.
      </p>
      <fieldset>
        <legend>Filter und Sortierung</legend>
        <p>
          <label for="search-rubrik">Rubrik</label>{' '}
          <select id="search-rubrik" name="rubrik">
            <option value="">Alle Rubriken</option>
            {props.sections.map((s) => <option value={s.slug} selected={s.slug === f.rubrik}>{s.name}</option>)}
          </select>
        </p>
        <p>
          <label for="search-thema">Thema</label>{' '}
          <select id="search-thema" name="thema">
            <option value="">Alle Themen</option>
            {props.topics.map((t) => {
              const slug = topicSlug(t.name);
              return <option value={slug} selected={slug === f.thema}>{t.name}</option>;
            })}
          </select>
        </p>
        <p>
          <label for="search-von">Von (Datum)</label>{' '}
          <input type="date" id="search-von" name="von" value={f.von} />{' '}
          <label for="search-bis">bis</label>{' '}
          <input type="date" id="search-bis" name="bis" value={f.bis} />
        </p>
        <p>
          <label for="search-sort">Sortierung</label>{' '}
          <select id="search-sort" name="sort">
            <option value="relevanz" selected={f.sort !== 'neu'}>Relevanz</option>
            <option value="neu" selected={f.sort === 'neu'}>Neueste zuerst</option>
          </select>
        </p>
      </fieldset>
    </form>
  );
}

function Hit(props: { hit: SearchHit; lang: string }) {
  const s = props.hit.story;
  return (
    <li>
      <ul class="cards">
        <TeaserCard story={s} lang={props.lang} headingLevel={3} />
      </ul>
      {s.firstPublishedAt ? (
        <p class="meta"><time datetime={s.firstPublishedAt}>{formatGermanDate(s.firstPublishedAt)}</time> · {s.section}</p>
      ) : null}
      <Snippet text={props.hit.snippet} />
    </li>
  );
}

/** The search page: form, messages, "Meinten Sie", result count, results with snippets, pager. Works without JavaScript. */
export function SearchView(props: SearchViewProps) {
  const { form, result } = props;
  const pages = result ? Math.min(MAX_SEARCH_PAGE, Math.ceil(result.total / SEARCH_PAGE_SIZE)) : 0;
  const first = (props.page - 1) * SEARCH_PAGE_SIZE;
  return (
    <>
      <h1>Suche</h1>
      <SearchFormView form={form} sections={props.sections} topics={props.topics} />
      {props.errors.length ? (
        <section class="search-errors" aria-labelledby="search-errors-h">
          <h2 id="search-errors-h">Bitte prüfen Sie Ihre Eingabe</h2>
          <ul>{props.errors.map((e) => <li>{e}</li>)}</ul>
        </section>
      ) : null}
      {props.suggestion ? (
        <p class="suggestion">
          Meinten Sie: <a href={searchHref({ ...form, q: props.suggestion })}>{props.suggestion}</a>?
        </p>
      ) : null}
      {result ? (
        <section aria-labelledby="search-results-h">
          <h2 id="search-results-h">
            {result.unsearchable
              ? `Keine Suche möglich für „${form.q}“`
              : `${result.more ? 'Mehr als ' : ''}${NUMBER.format(result.total)} Treffer für „${form.q}“`}
          </h2>
          {result.unsearchable === 'stopwords' ? <p>Die Suche enthält nur sehr häufige Wörter (wie „der“, „und“). Bitte geben Sie einen genaueren Begriff ein.</p> : null}
          {result.unsearchable === 'only-exclusions' ? <p>Die Suche schließt nur Wörter aus. Bitte geben Sie mindestens einen Begriff ohne Minuszeichen ein.</p> : null}
          {result.unsearchable === 'too-many-words' ? <p>Die Suche enthält zu viele Wörter: höchstens {MAX_QUERY_TERMS}. Bitte lassen Sie einige weg.</p> : null}
          {!result.unsearchable && !result.total ? <p>Keine veröffentlichten Beiträge gefunden. Versuchen Sie andere oder weniger Wörter, oder entfernen Sie Filter.</p> : null}
          {result.hits.length ? (
            <ol class="search-results" start={first + 1}>
              {result.hits.map((h) => <Hit hit={h} lang={props.lang} />)}
            </ol>
          ) : null}
          {!result.hits.length && result.total && props.page > 1 ? <p>Auf dieser Seite gibt es keine Treffer mehr.</p> : null}
          {pages > 1 ? (
            <nav class="pager" aria-label="Seiten der Suchergebnisse">
              {props.page > 1 ? <a href={searchHref(form, props.page - 1)} rel="prev">Vorherige Seite</a> : <span></span>}
              <span>Seite {props.page} von {pages}</span>
              {props.page < pages ? <a href={searchHref(form, props.page + 1)} rel="next">Nächste Seite</a> : <span></span>}
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
