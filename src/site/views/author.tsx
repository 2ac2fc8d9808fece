import { authorPath } from '../../content/index.js';
import type { PageCursor, StorySummary } from '../../store/index.js';
import type { AuthorProfile } from '../../store/author-queries.js';
import { Pager } from './pager.js';
import { TeaserCard } from './teaser.js';

/** The line under an author page's heading, also its description for search results. */
export function authorDescription(author: AuthorProfile, lang: string): string {
  const who = author.affiliation ? `${author.name}, ${author.affiliation}` : author.name;
  return lang.startsWith('de') ? `Alle Beiträge von ${who}, die neuesten zuerst.` : `All stories by ${who}, newest first.`;
}

/** An author page: who they are (as their newest story prints it) and their public stories, newest first. */
export function AuthorView(props: {
  author: AuthorProfile; stories: StorySummary[]; next?: PageCursor; lang: string; isFirstPage: boolean;
}) {
  const { author, lang } = props;
  const de = lang.startsWith('de');
  return (
    <>
      <h1>{author.name}</h1>
      {author.affiliation ? <p class="teaser">{author.affiliation}</p> : null}
      <p class="meta">{authorDescription({ ...author, affiliation: undefined }, lang)}</p>
      {props.stories.length ? (
        <ul class="cards">{props.stories.map((s) => <TeaserCard story={s} lang={lang} showTeaser={true} headingLevel={2} />)}</ul>
      ) : (
        <p>{de ? 'Hier gibt es keine weiteren Beiträge.' : 'No more stories here.'}</p>
      )}
      <Pager next={props.next} basePath={authorPath(author.slug)} lang={lang} isFirstPage={props.isFirstPage} />
    </>
  );
}
