import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { SITE_CSS } from '../styles.js';
import { safeJsonForScript, type HeadMeta } from '../structured-data.js';
import { attr, esc } from './html-text.js';
import { bannerSlot } from '../banner-slot.js';
import { pushOptInHtml } from './push-optin.js';

export interface NavSection {
  name: string;
  slug: string;
}

export interface LayoutProps {
  title: string;
  siteName: string;
  lang: string;
  description?: string;
  canonical?: string;
  sections: NavSection[];
  currentSection?: string;
  /** Feeds offered to readers' feed software; default: the site's RSS feed. */
  feeds?: FeedLink[];
  /** Open Graph / Twitter card tags. */
  meta?: HeadMeta[];
  /** On a topic page: the topic, which the footer's push control then offers too. */
  pushTopic?: { slug: string; name: string };
  /** schema.org data for an inline JSON-LD script (serialised safely). */
  jsonLd?: unknown;
  children?: Child;
}

export interface FeedLink {
  title: string;
  href: string;
  type?: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
}

const LABELS = {
  de: { skip: 'Zum Inhalt springen', nav: 'Rubriken', home: 'Startseite', footer: 'Ein Nachrichtenangebot mit Lede.', search: 'Suche', searchButton: 'Suchen', newsFrom: 'Nachrichten aus', and: 'und' },
  en: { skip: 'Skip to content', nav: 'Sections', home: 'Home', footer: 'A news service built with Lede.', search: 'Search', searchButton: 'Search', newsFrom: 'News from', and: 'and' },
};

export function labelsFor(lang: string) {
  return lang.startsWith('de') ? LABELS.de : LABELS.en;
}

/**
 * A page without its own description (home, sections, topics) still gets one for
 * search results and link previews: its title and the sections the site covers.
 */
function fallbackDescription(props: LayoutProps, l: ReturnType<typeof labelsFor>): string {
  const names = props.sections.map((s) => s.name);
  if (names.length === 0) return props.title;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} ${l.and} ${names[names.length - 1]}`;
  return `${props.title}: ${l.newsFrom} ${list}.`;
}

/**
 * The <head> as a string. Built by hand, not as JSX: hono/jsx treats title,
 * meta, link, script and style as special elements (they may be hoisted into
 * the head), and that check for each of the ~25 head elements cost a fifth
 * of rendering an article page. The markup is the same.
 */
function headHtml(props: LayoutProps, description: string): string {
  let out = `<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${esc(props.title)}</title><meta name="description" content="${esc(description)}"/>`;
  if (props.canonical) out += `<link rel="canonical" href="${esc(props.canonical)}"/>`;
  for (const f of props.feeds ?? [{ title: props.siteName, href: '/feed.xml' }]) {
    out += `<link rel="alternate" type="${esc(f.type ?? 'application/rss+xml')}" title="${esc(f.title)}" href="${esc(f.href)}"/>`;
  }
  for (const m of props.meta ?? []) out += `<meta${attr('property', m.property)}${attr('name', m.name)}${attr('content', m.content)}/>`;
  if (props.jsonLd !== undefined) out += `<script type="application/ld+json">${safeJsonForScript(props.jsonLd)}</script>`;
  return `${out}<meta name="theme-color" content="#00345e"/><style>${SITE_CSS}</style></head>`;
}

/**
 * Skip link and site header with the section navigation. It changes only with
 * the section list, so it is kept per list (the reader keeps one list between
 * story events: the same array object) and per site name, language and current section.
 */
const headers = new WeakMap<NavSection[], Map<string, string>>();

function headerHtml(props: LayoutProps, l: ReturnType<typeof labelsFor>): string {
  let kept = headers.get(props.sections);
  const key = `${props.lang}\n${props.siteName}\n${props.currentSection ?? ''}`;
  const known = kept?.get(key);
  if (known !== undefined) return known;
  let nav = '';
  for (const s of props.sections) {
    nav += `<li><a href="/${esc(s.slug)}"${s.slug === props.currentSection ? ' aria-current="page"' : ''}>${esc(s.name)}</a></li>`;
  }
  const html = `<a class="skip" href="#content">${esc(l.skip)}</a><header class="site-header"><div class="bar"><a class="brand" href="/">${esc(props.siteName)}</a>`
    + `<nav class="site-nav" aria-label="${esc(l.nav)}"><ul>${nav}</ul></nav>`
    + `<form role="search" action="/suche" method="get" class="site-search" aria-label="${esc(l.search)}"><label for="site-search-q">${esc(l.search)}</label> `
    + `<input type="search" id="site-search-q" name="q" maxlength="200"/> <button type="submit">${esc(l.searchButton)}</button></form></div></header>`;
  if (!kept) headers.set(props.sections, (kept = new Map()));
  // A site has few languages and sections; the bound only guards against surprises.
  if (kept.size > 100) kept.clear();
  kept.set(key, html);
  return html;
}

function footerHtml(props: LayoutProps, l: ReturnType<typeof labelsFor>): string {
  return `<footer class="site-footer"><div class="bar">${pushOptInHtml(props.lang, props.sections, props.pushTopic)}<p><a href="/">${esc(l.home)}</a> · ${esc(props.siteName)} · ${esc(l.footer)}</p></div></footer>`;
}

/** The page frame: landmarks (banner, navigation, main, contentinfo), a skip link and the inlined stylesheet. */
export function Layout(props: LayoutProps) {
  const l = labelsFor(props.lang);
  const description = props.description || fallbackDescription(props, l);
  return (
    <html lang={props.lang}>
      {raw(headHtml(props, description))}
      <body>
        {raw(headerHtml(props, l))}
        {raw(bannerSlot(props.lang))}
        <main id="content" tabindex={-1}>{props.children}</main>
        {raw(footerHtml(props, l))}
      </body>
    </html>
  );
}

/** Serialises a page with its doctype. Views are synchronous, so toString() yields a string. */
export function renderPage(node: unknown): string {
  return `<!DOCTYPE html>${String(node)}`;
}
