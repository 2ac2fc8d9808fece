import { raw } from 'hono/html';
import type { Block, BoxBlock, Inline, TickerEntryBlock } from '../../content/index.js';
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

const BLOCK_TEXT = {
  // A box without a heading still needs a name as a landmark ("Infokasten").
  de: { box: 'Infokasten', datelineDash: ' –' },
  en: { box: 'Info box', datelineDash: ' —' },
};
const blockText = (lang: string) => (lang.startsWith('de') ? BLOCK_TEXT.de : BLOCK_TEXT.en);

/** How a box is named on the page: its heading's id, or (no heading) the words of its aria-label. */
export interface BoxName {
  id: string;
  label?: string;
}

/**
 * Ids and names of the boxes a body shows directly: `box-1`, `box-2` … in
 * order; boxes without a heading are called "Infokasten", numbered when there
 * is more than one (landmarks of one kind need names of their own). Boxes in
 * ticker entries are named by their entry instead (boxInEntry), so a live
 * update renders them as a reload does.
 */
export function boxNames(blocks: readonly Block[], lang: string): Map<BoxBlock, BoxName> {
  const boxes = blocks.filter((b): b is BoxBlock => b.type === 'box');
  const unnamed = boxes.filter((b) => !b.heading).length;
  const names = new Map<BoxBlock, BoxName>();
  let n = 0;
  boxes.forEach((b, i) => {
    if (!b.heading) n++;
    names.set(b, { id: `box-${i + 1}`, ...(!b.heading && { label: unnamed > 1 ? `${blockText(lang).box} ${n}` : blockText(lang).box }) });
  });
  return names;
}

function boxInEntry(b: BoxBlock, entryId: string, index: number, entryTime: string, lang: string): BoxName {
  return { id: `${entryId}-box-${index + 1}`, ...(!b.heading && { label: `${blockText(lang).box} (${tickerTime(entryTime, lang)})` }) };
}

function headingTag(level: number): string {
  return level === 2 || level === 3 || level === 4 ? `h${level}` : 'h5';
}

/** A box as a complementary landmark, named by its heading (or a generic label); its own headings nest under that heading. */
function BoxView(props: { block: BoxBlock; name: BoxName; lang: string; headingBase: number }) {
  const b = props.block;
  const lang = props.lang;
  const headId = `${props.name.id}-h`;
  const tag = headingTag(Math.min(6, 2 + props.headingBase));
  const heading = b.heading ? raw(`<${tag} id="${headId}">${esc(typographicQuotes(b.heading, lang))}</${tag}>`) : null;
  const inner = b.body.map((x) => <BlockView block={x} lang={lang} headingBase={props.headingBase + (b.heading ? 1 : 0)} />);
  return b.heading
    ? <aside class="box" aria-labelledby={headId}>{heading}{inner}</aside>
    : <aside class="box" aria-label={props.name.label ?? blockText(lang).box}>{inner}</aside>;
}

/**
 * "Berlin (dpa) –" set in front of a paragraph's text, as agency copy and
 * German papers print it; the dash is the site's own (validation drops the agency's).
 */
function datelineHtml(dateline: string, lang: string): string {
  return `<span class="dateline">${esc(typographicQuotes(dateline, lang))}${blockText(lang).datelineDash}</span> `;
}

/**
 * One body block. `headingBase` shifts heading levels so a ticker entry's own
 * headings nest under the entry title (heading order stays valid for screen readers).
 */
export function BlockView(props: { block: Block; lang: string; headingBase?: number; box?: BoxName; dateline?: string }) {
  const b = props.block;
  const lang = props.lang;
  const base = props.headingBase ?? 0;
  switch (b.type) {
    case 'paragraph':
      return raw(`<p>${props.dateline ? datelineHtml(props.dateline, lang) : ''}${inlineHtml(b.content, lang)}</p>`);
    case 'heading': {
      const tag = headingTag(Math.min(6, b.level + base));
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
    case 'box':
      return <BoxView block={b} name={props.box ?? boxNames([b], lang).get(b)!} lang={lang} headingBase={base} />;
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
      {e.body.map((inner, j) => (
        <BlockView block={inner} lang={props.lang} headingBase={1} {...(inner.type === 'box' && { box: boxInEntry(inner, props.id, j, e.time, props.lang) })} />
      ))}
    </li>
  );
}

/**
 * Where the dateline goes: run in at the start of the first paragraph when
 * the text begins with one (pictures and embeds before it do not count),
 * else (a heading, list, box or ticker first) on its own line above the body.
 */
function datelineAt(blocks: readonly Block[]): number {
  const first = blocks.findIndex((b) => b.type !== 'figure' && b.type !== 'embed');
  return first >= 0 && blocks[first]!.type === 'paragraph' ? first : -1;
}

/**
 * Body blocks; consecutive ticker entries are grouped into one ordered feed
 * list, newest first by their times whatever order an editor stored them in.
 * `dateline` ("Berlin (dpa)") opens the text.
 */
export function BodyView(props: { blocks: Block[]; lang: string; dateline?: string }) {
  const out: unknown[] = [];
  const ids = tickerEntryIds(props.blocks);
  const boxes = boxNames(props.blocks, props.lang);
  const runIn = props.dateline ? datelineAt(props.blocks) : -1;
  if (props.dateline && runIn < 0) out.push(raw(`<p class="dateline">${esc(typographicQuotes(props.dateline, props.lang))}</p>`));
  let entries: TickerEntryBlock[] = [];
  const flush = () => {
    if (entries.length) {
      out.push(<ol class="ticker" reversed>{newestFirst(entries).map((e) => <TickerEntry block={e} id={ids.get(e)!} lang={props.lang} />)}</ol>);
    }
    entries = [];
  };
  props.blocks.forEach((b, i) => {
    if (b.type === 'ticker-entry') entries.push(b);
    else {
      flush();
      const box = b.type === 'box' ? boxes.get(b) : undefined;
      out.push(<BlockView block={b} lang={props.lang} {...(box && { box })} {...(i === runIn && { dateline: props.dateline })} />);
    }
  });
  flush();
  return <>{out}</>;
}
