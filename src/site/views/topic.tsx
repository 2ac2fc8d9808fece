import { berlinParts, formatGermanDate, formatGermanTime, storyPath } from '../../content/index.js';
import type { PageCursor, StorySummary, TimelineEntry } from '../../store/index.js';
import type { TopicTimeline } from '../read-model.js';
import { typographicQuotes } from '../typography.js';
import { Pager } from './pager.js';
import { TeaserCard } from './teaser.js';

/** An introduction's paragraphs: the newsroom separates them with a blank line. */
export function introParagraphs(intro: string | undefined): string[] {
  return (intro ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** A description for search results and link previews: the intro's first paragraph, cut at a word near 300 characters. */
export function introDescription(intro: string | undefined): string | undefined {
  const first = introParagraphs(intro)[0];
  if (!first || first.length <= 300) return first;
  const cut = first.slice(0, 300);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200)).replace(/[\s,;:.–-]+$/, '')} …`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day (Berlin) of an instant, as YYYY-MM-DD: the timeline's grouping key. */
function berlinDay(iso: string): string {
  const p = berlinParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

function dayLabel(iso: string, lang: string): string {
  if (lang.startsWith('de')) return formatGermanDate(iso);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'long' }).format(new Date(iso));
}

function timeLabel(iso: string, lang: string): string {
  if (lang.startsWith('de')) return formatGermanTime(iso);
  const p = berlinParts(iso);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Entries grouped by their Berlin calendar day, keeping their (chronological) order. */
function byDay(entries: TimelineEntry[]): { day: string; first: string; entries: TimelineEntry[] }[] {
  const days: { day: string; first: string; entries: TimelineEntry[] }[] = [];
  for (const e of entries) {
    const day = berlinDay(e.publishedAt);
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(e);
    else days.push({ day, first: e.publishedAt, entries: [e] });
  }
  return days;
}

/**
 * The topic's chronicle: every story in the order it appeared, one group per
 * day. When the topic has more stories than the timeline shows, a note says so
 * and points to the newest-first list, which pages through all of them.
 */
function Timeline(props: { timeline: TopicTimeline; lang: string }) {
  const { entries, total } = props.timeline;
  const de = props.lang.startsWith('de');
  const number = (n: number) => n.toLocaleString(de ? 'de-DE' : 'en-GB');
  return (
    <section class="timeline" aria-labelledby="chronik">
      <h2 id="chronik">{de ? 'Chronik' : 'Timeline'}</h2>
      <p class="meta">{de ? 'Die Beiträge zum Thema in der Reihenfolge ihres Erscheinens.' : 'The stories on this topic in the order they appeared.'}</p>
      <ol class="days">
        {byDay(entries).map((d) => (
          <li>
            <h3><time datetime={d.day}>{dayLabel(d.first, props.lang)}</time></h3>
            <ol>
              {d.entries.map((e) => {
                const lang = e.language || props.lang;
                return (
                  <li lang={lang !== props.lang ? lang : undefined}>
                    <time datetime={e.publishedAt}>{timeLabel(e.publishedAt, props.lang)}</time>{' '}
                    <a href={storyPath(e)}>
                      {e.kicker ? <span class="kicker">{typographicQuotes(e.kicker, lang)}<span class="vh">: </span></span> : null}
                      {typographicQuotes(e.headline, lang)}
                    </a>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
      {total > entries.length ? (
        <p class="note">
          {de
            ? <>Die Chronik zeigt die ersten {number(entries.length)} von {number(total)} Beiträgen. Alle Beiträge finden Sie in der Liste <a href="#neueste">Neueste Beiträge</a>, Seite für Seite.</>
            : <>The timeline shows the first {number(entries.length)} of {number(total)} stories. All of them are in the <a href="#neueste">newest stories</a> list, page by page.</>}
        </p>
      ) : null}
    </section>
  );
}

/**
 * A topic (dossier) page. First page: heading, the newsroom's introduction,
 * the newest stories and the chronicle. Later pages (`?vor=`): older stories only.
 */
export function TopicView(props: {
  title: string; intro?: string; stories: StorySummary[]; next?: PageCursor; basePath: string; lang: string; isFirstPage: boolean;
  timeline?: TopicTimeline;
}) {
  const de = props.lang.startsWith('de');
  const paragraphs = introParagraphs(props.intro);
  return (
    <>
      <h1>{props.title}</h1>
      {props.isFirstPage && paragraphs.length ? <div class="intro">{paragraphs.map((p) => <p>{typographicQuotes(p, props.lang)}</p>)}</div> : null}
      {props.isFirstPage && props.timeline?.entries.length ? (
        <p><a href="#chronik">{de ? 'Zur Chronik' : 'Go to the timeline'}</a></p>
      ) : null}
      <section aria-labelledby="neueste">
        <h2 id="neueste">{props.isFirstPage ? (de ? 'Neueste Beiträge' : 'Newest stories') : (de ? 'Ältere Beiträge' : 'Older stories')}</h2>
        {props.stories.length ? (
          <ul class="cards">{props.stories.map((s) => <TeaserCard story={s} lang={props.lang} showTeaser={true} headingLevel={3} />)}</ul>
        ) : (
          <p>{de ? 'Hier gibt es keine weiteren Beiträge.' : 'No more stories here.'}</p>
        )}
        <Pager next={props.next} basePath={props.basePath} lang={props.lang} isFirstPage={props.isFirstPage} />
      </section>
      {props.isFirstPage && props.timeline?.entries.length ? <Timeline timeline={props.timeline} lang={props.lang} /> : null}
    </>
  );
}
