import type { StorySummary, PageCursor } from '../../store/index.js';
import { TeaserCard } from './teaser.js';

export interface SectionBlock {
  name: string;
  slug: string;
  stories: StorySummary[];
}

/** Home: the newest story as lead, then one block per section. */
export function HomeView(props: { siteName: string; lead?: StorySummary; sections: SectionBlock[]; lang: string }) {
  return (
    <>
      <h1 class="vh">{props.siteName}</h1>
      {props.lead ? (
        <section aria-label={props.lang.startsWith('de') ? 'Top-Thema' : 'Top story'}>
          <ul class="cards"><TeaserCard story={props.lead} lang={props.lang} showTeaser={true} headingLevel={2} className="lead-story" /></ul>
        </section>
      ) : (
        <p>{props.lang.startsWith('de') ? 'Noch keine Nachrichten veröffentlicht.' : 'No stories published yet.'}</p>
      )}
      {props.sections.map((sec) => (
        <section class="section-block" aria-labelledby={`s-${sec.slug}`}>
          <h2 id={`s-${sec.slug}`}><a href={`/${sec.slug}`}>{sec.name}</a></h2>
          <ul class="cards">{sec.stories.map((s) => <TeaserCard story={s} lang={props.lang} />)}</ul>
        </section>
      ))}
    </>
  );
}

export function cursorParam(c: PageCursor): string {
  return Buffer.from(`${c.publishedAt}|${c.id}`).toString('base64url');
}

/** A section or topic page: heading, optional intro, cards, and an "older" link (keyset pagination). */
export function ListingView(props: { title: string; intro?: string; stories: StorySummary[]; next?: PageCursor; basePath: string; lang: string; isFirstPage: boolean }) {
  const de = props.lang.startsWith('de');
  return (
    <>
      <h1>{props.title}</h1>
      {props.intro ? <p class="teaser">{props.intro}</p> : null}
      {props.stories.length ? (
        <ul class="cards">{props.stories.map((s) => <TeaserCard story={s} lang={props.lang} showTeaser={true} headingLevel={2} />)}</ul>
      ) : (
        <p>{de ? 'Hier gibt es noch keine Beiträge.' : 'Nothing here yet.'}</p>
      )}
      {props.next || !props.isFirstPage ? (
        <nav class="pager" aria-label={de ? 'Seiten' : 'Pages'}>
          {!props.isFirstPage ? <a href={props.basePath}>{de ? 'Neueste' : 'Newest'}</a> : <span></span>}
          {props.next ? <a href={`${props.basePath}?vor=${cursorParam(props.next)}`} rel="next">{de ? 'Ältere Beiträge' : 'Older stories'}</a> : null}
        </nav>
      ) : null}
    </>
  );
}

/** 404, 410, 503: say what happened and offer a way on. */
export function ErrorView(props: {
  status: number; lang: string; sections: { name: string; slug: string }[];
  /** Newest stories of the section a removed story belonged to (410). */
  more?: { section: { name: string; slug: string }; stories: StorySummary[] };
}) {
  const de = props.lang.startsWith('de');
  const text: Record<number, [string, string]> = de
    ? {
        404: ['Seite nicht gefunden', 'Diese Adresse gibt es bei uns nicht (mehr). Vielleicht finden Sie das Gesuchte über die Startseite oder eine Rubrik.'],
        410: ['Beitrag nicht mehr verfügbar', 'Dieser Beitrag wurde depubliziert und ist nicht mehr abrufbar.'],
        503: ['Vorübergehend nicht erreichbar', 'Wir haben gerade technische Probleme. Bitte versuchen Sie es in einigen Minuten noch einmal.'],
        500: ['Ein Fehler ist aufgetreten', 'Bitte versuchen Sie es später noch einmal.'],
      }
    : {
        404: ['Page not found', 'This address does not exist (any more). Try the home page or a section.'],
        410: ['Story no longer available', 'This story has been taken down.'],
        503: ['Temporarily unavailable', 'We are having technical problems. Please try again in a few minutes.'],
        500: ['Something went wrong', 'Please try again later.'],
      };
  const [title, body] = text[props.status] ?? text[500]!;
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      {props.more?.stories.length ? (
        <section aria-labelledby="more-heading">
          <h2 id="more-heading">{de ? `Neues aus ${props.more.section.name}` : `Latest in ${props.more.section.name}`}</h2>
          <ul class="cards">{props.more.stories.map((s) => <TeaserCard story={s} lang={props.lang} headingLevel={3} />)}</ul>
        </section>
      ) : null}
      <p><a href="/">{de ? 'Zur Startseite' : 'Go to the home page'}</a></p>
      {props.sections.length ? (
        <ul>{props.sections.map((s) => <li><a href={`/${s.slug}`}>{s.name}</a></li>)}</ul>
      ) : null}
    </>
  );
}
