import type { Child } from 'hono/jsx';
import type { Session } from '../store/session-repository.js';
import { hasPermission } from '../content/roles.js';
import { COMMON_TEXT, pick, type UiLang } from './i18n.js';

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
                  {hasPermission(s.user, 'audit.view') ? link('/newsroom/audit', t.audit, 'audit') : null}
                  {hasPermission(s.user, 'users.manage') ? link('/newsroom/users', t.users, 'users') : null}
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
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
