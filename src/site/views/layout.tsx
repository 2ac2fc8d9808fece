import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { SITE_CSS } from '../styles.js';
import { safeJsonForScript, type HeadMeta } from '../structured-data.js';

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

/** The page frame: landmarks (banner, navigation, main, contentinfo), a skip link and the inlined stylesheet. */
export function Layout(props: LayoutProps) {
  const l = labelsFor(props.lang);
  const description = props.description || fallbackDescription(props, l);
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={description} />
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {(props.feeds ?? [{ title: props.siteName, href: '/feed.xml' }]).map((f) => (
          <link rel="alternate" type={f.type ?? 'application/rss+xml'} title={f.title} href={f.href} />
        ))}
        {props.meta?.map((m) => <meta property={m.property} name={m.name} content={m.content} />)}
        {props.jsonLd !== undefined ? <script type="application/ld+json">{raw(safeJsonForScript(props.jsonLd))}</script> : null}
        <meta name="theme-color" content="#00345e" />
        <style>{raw(SITE_CSS)}</style>
      </head>
      <body>
        <a class="skip" href="#content">{l.skip}</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">{props.siteName}</a>
            <nav class="site-nav" aria-label={l.nav}>
              <ul>
                {props.sections.map((s) => (
                  <li>
                    <a href={`/${s.slug}`} aria-current={s.slug === props.currentSection ? 'page' : undefined}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <form role="search" action="/suche" method="get" class="site-search" aria-label={l.search}>
              <label for="site-search-q">{l.search}</label>{' '}
              <input type="search" id="site-search-q" name="q" maxlength={200} />{' '}
              <button type="submit">{l.searchButton}</button>
            </form>
          </div>
        </header>
        <main id="content" tabindex={-1}>{props.children}</main>
        <footer class="site-footer">
          <div class="bar">
            <p>
              <a href="/">{l.home}</a> · {props.siteName} · {l.footer}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Serialises a page with its doctype. Views are synchronous, so toString() yields a string. */
export function renderPage(node: unknown): string {
  return `<!DOCTYPE html>${String(node)}`;
}
