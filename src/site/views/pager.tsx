import type { PageCursor } from '../../store/index.js';
import { cursorParam } from './listing.js';

/** "Neueste" and "Ältere Beiträge" links under a keyset-paged list; nothing when there is one page only. */
export function Pager(props: { next?: PageCursor; basePath: string; lang: string; isFirstPage: boolean }) {
  const de = props.lang.startsWith('de');
  if (!props.next && props.isFirstPage) return null;
  return (
    <nav class="pager" aria-label={de ? 'Seiten' : 'Pages'}>
      {!props.isFirstPage ? <a href={props.basePath}>{de ? 'Neueste' : 'Newest'}</a> : <span></span>}
      {props.next ? <a href={`${props.basePath}?vor=${cursorParam(props.next)}`} rel="next">{de ? 'Ältere Beiträge' : 'Older stories'}</a> : null}
    </nav>
  );
}
