import { formatGermanDate, formatGermanTime, type Block, type Inline, type Story } from '../../content/index.js';
import { clean, dateTime, safeHref } from './output-options.js';
import type { StoryPictures } from './public-pictures.js';

/**
 * A story's body as HTML for other systems (ninjs bodies, the XHTML inside a
 * NewsML-G2 item): built from the blocks, every text escaped, and well-formed
 * XML at the same time (void elements closed, only the five XML entities), so
 * one string serves both formats.
 *
 *  - paragraphs with <em>/<strong> and links (http(s), mailto, site paths made
 *    absolute; any other link is dropped, its text kept);
 *  - headings h2/h3, lists, quotes as <blockquote> with the speaker in <cite>;
 *  - boxes as <aside> with their heading;
 *  - figures as <figure> with <img> (the file pages link), caption and the
 *    rights line "Bildrechte: …"; a figure with no public picture is left out
 *    (its caption alone would describe a picture nobody gets);
 *  - ticker entries in the story's order (newest first, as the page shows
 *    them), each a <section> with its <time>, title, place and blocks;
 *  - embeds as a link to what they show.
 *
 * The lead picture is not part of the body (it is its own association), nor
 * are the dateline and the source line (they have their own fields).
 */

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and attribute values, with the characters XML forbids dropped. */
export function esc(text: string | number): string {
  return clean(String(text)).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

export interface BodyOptions {
  siteUrl: string;
  pictures: StoryPictures;
}

export function bodyHtml(story: Story, opts: BodyOptions): string {
  return blocksHtml(story.body, story.language, opts);
}

function blocksHtml(blocks: Block[], lang: string, opts: BodyOptions): string {
  let out = '';
  for (const b of blocks) out += blockHtml(b, lang, opts);
  return out;
}

function blockHtml(b: Block, lang: string, opts: BodyOptions): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inlinesHtml(b.content, opts.siteUrl)}</p>`;
    case 'heading':
      return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${inlinesHtml(item, opts.siteUrl)}</li>`).join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote><p>${esc(b.text)}</p>${b.speaker ? `<footer><cite>${esc(b.speaker)}</cite></footer>` : ''}</blockquote>`;
    case 'box':
      return `<aside>${b.heading ? `<h3>${esc(b.heading)}</h3>` : ''}${blocksHtml(b.body, lang, opts)}</aside>`;
    case 'embed': {
      const href = safeHref(b.url, opts.siteUrl);
      const label = b.title || b.provider || b.url;
      return href ? `<p class="embed"><a href="${esc(href)}">${esc(label)}</a></p>` : '';
    }
    case 'figure': {
      const pic = opts.pictures.byFigure.get(b);
      if (!pic) return '';
      const file = pic.renditions[0]!;
      // A library picture's other widths as srcset, so a consumer's page can pick its size as ours does.
      const sized = pic.renditions.filter((r) => r.width);
      const srcset = sized.length > 1 ? ` srcset="${esc([...sized].sort((a, b) => a.width! - b.width!).map((r) => `${r.href} ${r.width}w`).join(', '))}"` : '';
      const img = `<img src="${esc(file.href)}"${srcset} alt="${esc(pic.alt)}"${file.width ? ` width="${file.width}"` : ''}${file.height ? ` height="${file.height}"` : ''}/>`;
      const caption = pic.caption || pic.creditLine
        ? `<figcaption>${pic.caption ? esc(pic.caption) : ''}${pic.creditLine ? `${pic.caption ? ' ' : ''}<small>${esc(pic.creditLine)}</small>` : ''}</figcaption>`
        : '';
      return `<figure>${img}${caption}</figure>`;
    }
    case 'ticker-entry': {
      const at = dateTime(b.time);
      const time = at ? `<time datetime="${esc(at)}">${esc(wallClock(at, lang))}</time>` : '';
      const head = `<header>${time}${b.title ? `<h3>${esc(b.title)}</h3>` : ''}${b.location ? `<p>${esc(b.location)}</p>` : ''}</header>`;
      return `<section class="ticker-entry">${head}${blocksHtml(b.body, lang, opts)}</section>`;
    }
    default:
      return '';
  }
}

/** The entry's time as the page prints it: "21. Januar 2022, 13:05 Uhr" (Berlin wall clock). */
function wallClock(iso: string, lang: string): string {
  return lang.startsWith('de') ? `${formatGermanDate(iso)}, ${formatGermanTime(iso)}` : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function inlinesHtml(runs: Inline[], siteUrl: string): string {
  let out = '';
  for (const r of runs) {
    let html = esc(r.text);
    for (const m of r.marks ?? []) if (m === 'em' || m === 'strong') html = `<${m}>${html}</${m}>`;
    const href = safeHref(r.href, siteUrl);
    out += href ? `<a href="${esc(href)}">${html}</a>` : html;
  }
  return out;
}

/** Plain text of the body for a text/plain body and word counts: paragraphs on their own lines. */
export function bodyText(blocks: Block[]): string {
  const lines: string[] = [];
  const walk = (list: Block[]) => {
    for (const b of list) {
      switch (b.type) {
        case 'paragraph': lines.push(b.content.map((r) => r.text).join('')); break;
        case 'heading': lines.push(b.text); break;
        case 'list': for (const item of b.items) lines.push(item.map((r) => r.text).join('')); break;
        case 'quote': lines.push(b.speaker ? `${b.text} (${b.speaker})` : b.text); break;
        case 'box': if (b.heading) lines.push(b.heading); walk(b.body); break;
        case 'ticker-entry': if (b.title) lines.push(b.title); walk(b.body); break;
        default: break;
      }
    }
  };
  walk(blocks);
  return clean(lines.map((l) => l.trim()).filter(Boolean).join('\n'));
}
