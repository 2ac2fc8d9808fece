import {
  authorPath, formatDuration, formatEnglishDateTime, formatGermanDateTime, programmePath, topicPath, type RelatedTeaser, type Story,
} from '../../content/index.js';
import { raw } from 'hono/html';
import type { StorySummary } from '../../store/index.js';
import { memoize, slugOf, topicSlugOf } from '../memo.js';
import { typographicQuotes } from '../typography.js';
import { BodyView } from './blocks.js';
import { LiveTickerScript } from '../live/live-ticker-view.js';
import { CARD_SIZES, FigureView, FigureMedia, creditHtml } from './figure.js';
import { Badge, TeaserCard } from './teaser.js';

const TEXT = {
  de: { by: 'Von', published: 'Veröffentlicht', updated: 'Aktualisiert', correction: 'Korrektur', corrections: 'Korrekturen', programme: 'Dieses Thema im Programm', moreFrom: 'Mehr aus', related: 'Mehr zum Thema', topics: 'Themen', duration: 'Dauer', live: 'Live-Ticker', newestFirst: 'Neueste Einträge zuerst. Neu laden für neue Einträge.', source: 'Quelle' },
  en: { by: 'By', published: 'Published', updated: 'Updated', correction: 'Correction', corrections: 'Corrections', programme: 'On air', moreFrom: 'More from', related: 'Related', topics: 'Topics', duration: 'Duration', live: 'Live blog', newestFirst: 'Newest entries first. Reload for new entries.', source: 'Source' },
};

export function textFor(lang: string) {
  return lang.startsWith('de') ? TEXT.de : TEXT.en;
}

const germanDateTime = memoize(formatGermanDateTime);
const englishDateTime = memoize(formatEnglishDateTime);
const programmeHref = memoize(programmePath);

export function formatDateTime(iso: string, lang: string): string {
  return lang.startsWith('de') ? germanDateTime(iso) : englishDateTime(iso);
}

function Byline(props: { story: Story }) {
  const s = props.story;
  const t = textFor(s.language);
  if (s.authors.length) {
    return (
      <p class="byline">
        {t.by}{' '}
        {s.authors.map((a, i) => (
          <>
            {i > 0 ? (i === s.authors.length - 1 ? (s.language.startsWith('de') ? ' und ' : ' and ') : ', ') : ''}
            {slugOf(a.name) ? <a href={authorPath(slugOf(a.name))}>{a.name}</a> : <span>{a.name}</span>}
            {a.affiliation ? <>, {a.affiliation}</> : null}
          </>
        ))}
      </p>
    );
  }
  return s.byline ? <p class="byline">{s.byline}</p> : null;
}

function RelatedItem(props: { item: RelatedTeaser; lang: string }) {
  const r = props.item;
  const title = typographicQuotes(r.title, props.lang);
  return (
    <li class="card">
      {r.image ? (
        <figure>
          <FigureMedia figure={{ ...r.image, alt: '' }} lazy={true} sizes={CARD_SIZES} />
          {r.image.credit ? <figcaption>{raw(creditHtml(r.image.credit, props.lang))}</figcaption> : null}
        </figure>
      ) : null}
      {r.mediaType !== 'article' ? <p><Badge mediaType={r.mediaType} durationSeconds={r.durationSeconds} lang={props.lang} /></p> : null}
      <h3>{r.url ? <a href={r.url}><span class="title">{title}</span></a> : <span class="title">{title}</span>}</h3>
    </li>
  );
}

export interface ArticleProps {
  story: Story;
  rail: StorySummary[];
}

/**
 * The article page body, ordered as a broadcaster prints it: kicker above the
 * headline, teaser, byline and dates, lead figure with rights line, body
 * (opened by the dateline), the source line, corrections, the broadcast line,
 * then rails.
 */
export function ArticleView(props: ArticleProps) {
  const s = props.story;
  const lang = s.language;
  const t = textFor(lang);
  const q = (x: string) => typographicQuotes(x, lang);
  return (
    <>
      <article class="article">
        <header>
          {s.kind === 'liveticker' ? <p><span class="badge live">{t.live}</span></p> : null}
          <h1>
            {s.kicker ? <span class="kicker">{q(s.kicker)}<span class="vh">: </span></span> : null}
            <span class="headline">{q(s.headline)}</span>
          </h1>
          {s.teaser ? <p class="teaser">{q(s.teaser)}</p> : null}
          <div class="meta">
            <Byline story={s} />
            {s.firstPublishedAt ? (
              <p>{t.published}: <time datetime={s.firstPublishedAt}>{formatDateTime(s.firstPublishedAt, lang)}</time></p>
            ) : null}
            {s.updatedAt && s.updatedAt !== s.firstPublishedAt ? (
              <p>{t.updated}: <time datetime={s.updatedAt}>{formatDateTime(s.updatedAt, lang)}</time></p>
            ) : null}
            {s.media ? (
              <p>
                <Badge mediaType={s.kind === 'audio' ? 'audio' : 'video'} lang={lang} /> {t.duration}:{' '}
                <time datetime={`PT${Math.round(s.media.durationSeconds)}S`}>{formatDuration(s.media.durationSeconds)}</time>
              </p>
            ) : null}
          </div>
        </header>
        {s.lead ? <FigureView figure={s.lead} lang={lang} className="lead" /> : null}
        {s.media?.src ? (
          s.kind === 'audio'
            ? <audio controls preload="none" src={s.media.src}></audio>
            : <video controls preload="none" src={s.media.src} width={1280} height={720}></video>
        ) : null}
        {s.kind === 'liveticker' ? <><p class="meta" id="live-note">{t.newestFirst}</p><LiveTickerScript story={s} /></> : null}
        <BodyView blocks={s.body} lang={lang} {...(s.dateline && { dateline: s.dateline })} />
        {/* Who supplied the text ("Quelle: dpa"); `source` is provenance and never shown. */}
        {s.sourceLine ? <p class="source-line">{t.source}: {q(s.sourceLine)}</p> : null}
        {s.corrections?.length ? (
          <aside class="corrections" aria-label={t.corrections}>
            {s.corrections.map((c) => (
              <p><strong>{t.correction}</strong> (<time datetime={c.at}>{formatDateTime(c.at, lang)}</time>): {c.note}</p>
            ))}
          </aside>
        ) : null}
        {s.broadcast ? (
          <p class="broadcast">
            {t.programme}: {s.broadcast.programme ? <>{s.broadcast.programme} | </> : null}
            <a href={programmeHref(s.broadcast.startsAt)}><time datetime={s.broadcast.startsAt}>{formatDateTime(s.broadcast.startsAt, lang)}</time></a>
          </p>
        ) : null}
        {s.topics.length ? (
          <nav class="topics" aria-label={t.topics}>
            <p>
              {t.topics}:{' '}
              {s.topics.map((topic, i) => (
                <>{i > 0 ? ', ' : ''}<a href={topicPath(topicSlugOf(topic))}>{topic}</a></>
              ))}
            </p>
          </nav>
        ) : null}
      </article>
      {s.related.length ? (
        <section class="rail" aria-labelledby="rail-related">
          <h2 id="rail-related">{t.related}</h2>
          <ul class="cards">{s.related.map((r) => <RelatedItem item={r} lang={lang} />)}</ul>
        </section>
      ) : null}
      {props.rail.length ? (
        <section class="rail" aria-labelledby="rail-section">
          <h2 id="rail-section">{t.moreFrom} {s.section}</h2>
          <ul class="cards">{props.rail.map((r) => <TeaserCard story={r} lang={lang} />)}</ul>
        </section>
      ) : null}
    </>
  );
}
