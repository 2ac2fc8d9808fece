import type { Child } from 'hono/jsx';
import type { Session } from '../store/session-repository.js';
import { hasPermission } from '../content/roles.js';
import { API_KEYS_TEXT, COMMON_TEXT, WEBHOOKS_TEXT, WIRE_NOTICE_TEXT, pick, type UiLang } from './i18n.js';

/** The Eilmeldung notice's poll: the desk's JSON list, Eilmeldungen only (src/api/wire-api.ts; the script adds `after`). */
export const WIRE_NOTICE_POLL = '/newsroom/api/wire/items?urgency=eil&limit=5';

/**
 * The URL of the Eilmeldung notice script, told by the newsroom app once its
 * assets are linked (src/server/newsroom-app.tsx: admin may not import the
 * server, and the layout is otherwise given only the stylesheet and each
 * page's own scripts). Not told (a package shipped without assets, a test
 * that renders the layout alone): pages go without the notice.
 */
let noticeScript: string | undefined;

/** Sets the notice script's URL (hashed, immutable) for every newsroom page. */
export function setNoticeScript(url: string | undefined): void {
  noticeScript = url;
}

export interface NewsroomLayoutProps {
  title: string;
  lang: UiLang;
  session?: Session | undefined;
  /** Paths of the stylesheet and of scripts (hashed, immutable). */
  assets: { css: string; scripts?: string[] };
  current?: string;
  children?: Child;
}

/** The newsroom's page frame: navigation by permission, the CSRF token for scripts, the logout form. */
export function NewsroomLayout(props: NewsroomLayoutProps) {
  const t = pick(COMMON_TEXT, props.lang);
  const s = props.session;
  // Every page for people who read the wire; without JavaScript there is no notice (the desk page is the place), and
  // the server looks nothing up for it: the script asks the desk's list, so a page render costs no query more.
  const notice = s && noticeScript && hasPermission(s.user, 'wire.view') ? pick(WIRE_NOTICE_TEXT, props.lang) : undefined;
  const link = (href: string, label: string, key: string) => (
    <li><a href={href} aria-current={props.current === key ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        {s ? <meta name="csrf-token" content={s.csrfToken} /> : null}
        <title>{`${props.title} – ${t.newsroom}`}</title>
        <link rel="stylesheet" href={props.assets.css} />
        {(props.assets.scripts ?? []).map((src) => <script src={src} defer></script>)}
        {notice ? <script src={noticeScript} defer></script> : null}
      </head>
      <body>
        <a class="skip" href="#main">{t.skip}</a>
        <header class="nr-header">
          <div class="bar">
            <strong>Lede · {t.newsroom}</strong>
            {s ? (
              <nav aria-label={t.mainNav}>
                <ul>
                  {link('/newsroom', t.stories, 'stories')}
                  {link('/newsroom/stories/new', t.newStory, 'new')}
                  {link('/newsroom/import', t.import, 'import')}
                  {link('/newsroom/topics', t.topics, 'topics')}
                  {link('/newsroom/sections', t.sections, 'sections')}
                  {link('/newsroom/media', t.media, 'media')}
                  {hasPermission(s.user, 'wire.view') ? link('/newsroom/agentur', t.wire, 'wire') : null}
                  {hasPermission(s.user, 'breaking.send') ? link('/newsroom/eilmeldung', props.lang === 'en' ? 'Breaking news' : 'Eilmeldung', 'breaking') : null}
                  {hasPermission(s.user, 'audit.view') ? link('/newsroom/audit', t.audit, 'audit') : null}
                  {hasPermission(s.user, 'users.manage') ? link('/newsroom/users', t.users, 'users') : null}
                  {hasPermission(s.user, 'settings.manage') ? link('/newsroom/api-keys', pick(API_KEYS_TEXT, props.lang).nav, 'api-keys') : null}
                  {hasPermission(s.user, 'settings.manage') ? link('/newsroom/webhooks', pick(WEBHOOKS_TEXT, props.lang).nav, 'webhooks') : null}
                </ul>
              </nav>
            ) : null}
            {s ? (
              <div class="who">
                <a href="/newsroom/account" aria-current={props.current === 'account' ? 'page' : undefined}>
                  <span class="vh">{t.loggedInAs} </span>{s.user.name}
                </a>
                <form method="post" action="/newsroom/logout">
                  <input type="hidden" name="_csrf" value={s.csrfToken} />
                  <button type="submit" class="link">{t.logout}</button>
                </form>
              </div>
            ) : <div class="who"><a href="/">{t.site}</a></div>}
          </div>
          {notice ? (
            <div id="wire-eil-notice" class="eil-notice" data-poll={WIRE_NOTICE_POLL} data-interval="20000" data-label={notice.label}>
              <div role="alert" class="eil-notice-text"></div>
              <button type="button" class="secondary" hidden>{notice.dismiss}</button>
            </div>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
