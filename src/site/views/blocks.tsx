import { raw } from 'hono/html';
import type { Block, Inline, TickerEntryBlock } from '../../content/index.js';
import { formatGermanTime, berlinParts } from '../../content/index.js';
import { newestFirst, tickerEntryIds } from '../live/entry-ids.js';
import { memoize } from '../memo.js';
import { typographicQuotes } from '../typography.js';
import { FigureView } from './figure.js';
import { esc } from './html-text.js';

/**
 * Text blocks (paragraphs, headings, lists, quotes and their inline runs) are
 * built as strings: they are most of an article's elements, and hono/jsx's
 * per-element work was a tenth of an uncached article render. The markup and
 * escaping (see html-text.ts) are what the JSX printed.
 */
function inlineRunHtml(r: Inline, lang: string): string {
  let node = esc(typographicQuotes(r.text, lang));
  if (r.marks?.includes('em')) node = `<em>${node}</em>`;
  if (r.marks?.includes('strong')) node = `<strong>${node}</strong>`;
  if (r.href) node = /^https?:/.test(r.href) ? `<a href="${esc(r.href)}" rel="noopener">${node}</a>` : `<a href="${esc(r.href)}">${node}</a>`;
  return node;
}

function inlineHtml(content: Inline[], lang: string): string {
  let out = '';
  for (const run of content) out += inlineRunHtml(run, lang);
  return out;
}

export function InlineText(props: { content: Inline[]; lang: string }) {
  return raw(inlineHtml(props.content, props.lang));
}

const germanTime = memoize(formatGermanTime);
const englishTime = memoize((iso: string) => {
  const p = berlinParts(iso);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
});

function tickerTime(iso: string, lang: string): string {
  return lang.startsWith('de') ? germanTime(iso) : englishTime(iso);
}

/**
 * One body block. `headingBase` shifts heading levels so a ticker entry's own
 * headings nest under the entry title (heading order stays valid for screen readers).
 */
export function BlockView(props: { block: Block; lang: string; headingBase?: number }) {
  const b = props.block;
  const lang = props.lang;
  const base = props.headingBase ?? 0;
  switch (b.type) {
    case 'paragraph':
      return raw(`<p>${inlineHtml(b.content, lang)}</p>`);
    case 'heading': {
      const level = Math.min(6, b.level + base);
      const tag = level === 2 || level === 3 || level === 4 ? `h${level}` : 'h5';
      return raw(`<${tag}>${esc(typographicQuotes(b.text, lang))}</${tag}>`);
    }
    case 'figure':
      return <FigureView figure={b} lang={lang} lazy={true} />;
    case 'quote':
      return raw(`<figure class="quote"><blockquote><p>${esc(typographicQuotes(b.text, lang))}</p></blockquote>${b.speaker ? `<figcaption>— ${esc(b.speaker)}</figcaption>` : ''}</figure>`);
    case 'list': {
      let items = '';
      for (const it of b.items) items += `<li>${inlineHtml(it, lang)}</li>`;
      return raw(b.ordered ? `<ol>${items}</ol>` : `<ul>${items}</ul>`);
    }
    case 'embed': {
      const host = safeHost(b.url);
      return (
        <aside class="embed" aria-label={b.provider ?? host}>
          <p>
            {b.provider ?? host}: <a href={b.url} rel="noopener">{b.title ?? b.url}</a>
          </p>
        </aside>
      );
    }
    case 'ticker-entry':
      return <TickerEntry block={b} id={tickerEntryIds([b]).get(b)!} lang={lang} />;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url, 'http://localhost').host;
  } catch {
    return url;
  }
}

/**
 * One ticker entry as a list item. The live endpoint (src/site/live) sends new
 * entries rendered by this same component, so a live update looks exactly like
 * a reload. `id` comes from tickerEntryIds over the whole body.
 */
export function TickerEntry(props: { block: TickerEntryBlock; id: string; lang: string }) {
  const e = props.block;
  return (
    <li id={props.id}>
      <p class="entry-meta">
        <time datetime={e.time}>{tickerTime(e.time, props.lang)}</time>
        {e.location ? <> · {e.location}</> : null}
      </p>
      {e.title ? <h2>{typographicQuotes(e.title, props.lang)}</h2> : null}
      {e.body.map((inner) => <BlockView block={inner} lang={props.lang} headingBase={1} />)}
    </li>
  );
}

/**
 * Body blocks; consecutive ticker entries are grouped into one ordered feed
 * list, newest first by their times whatever order an editor stored them in.
 */
export function BodyView(props: { blocks: Block[]; lang: string }) {
  const out: unknown[] = [];
  const ids = tickerEntryIds(props.blocks);
  let entries: TickerEntryBlock[] = [];
  const flush = () => {
    if (entries.length) {
      out.push(<ol class="ticker" reversed>{newestFirst(entries).map((e) => <TickerEntry block={e} id={ids.get(e)!} lang={props.lang} />)}</ol>);
    }
    entries = [];
  };
  for (const b of props.blocks) {
    if (b.type === 'ticker-entry') entries.push(b);
    else {
      flush();
      out.push(<BlockView block={b} lang={props.lang} />);
    }
  }
  flush();
  return <>{out}</>;
}
