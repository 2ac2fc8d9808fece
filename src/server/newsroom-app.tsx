import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { LedeError, isLedeError, type Story } from '../content/index.js';
import type { Config } from './config.js';
import { createSiteReader } from '../site/read-model.js';
import { renderStoryPage } from '../site/site-routes.js';
import type { Services } from '../services/index.js';
import { ROLE_GRANTS, STORY_ACTIONS, hasPermission, mayOnStory, type GlobalPermission, type StoryAction } from '../content/roles.js';
import { findStory } from '../store/story-queries.js';
import { noStory } from '../services/story-service.js';
import { COMMON_TEXT, langFromHeader, pick } from '../admin/i18n.js';
import { errorText, localizeError } from '../admin/issue-text.js';
import { NewsroomLayout, setNoticeScript } from '../admin/layout.js';
import { registerAuthPages } from '../admin/auth-pages.js';
import type { NewsroomDeps, NewsroomEnv } from '../http/context.js';
import { clearSessionCookie, sessionToken } from '../http/cookies.js';
import { EndpointRegistry, type Requirement } from '../http/endpoints.js';
import { loadNewsroomAssets } from './newsroom-assets.js';
import { noteRequest } from './request-log.js';
import { MIN_COMPRESS_BYTES, encodeStored, negotiate } from '../site/content-encoding.js';
import { routePath } from 'hono/route';

/** A newsroom module: registers its endpoints (each with its permission) on the registry. */
export type NewsroomModule = (registry: EndpointRegistry, deps: NewsroomDeps) => void;

export interface NewsroomOptions {
  /** Further modules (stories API, editor, users …), registered after the built-in ones. */
  modules?: NewsroomModule[];
}

const ASSET_PATH = '/newsroom/assets/';

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The newsroom: login, the editorial UI under /newsroom and its JSON API
 * under /newsroom/api. Never cached, never indexed. Every endpoint is
 * registered with the permission it needs (see EndpointRegistry).
 */
export function createNewsroom(services: Services, config: Pick<Config, 'siteName' | 'siteUrl' | 'trustProxy'>, opts: NewsroomOptions = {}): { app: Hono<NewsroomEnv>; registry: EndpointRegistry } {
  const app = new Hono<NewsroomEnv>();
  const { db, accounts } = services;
  const assets = loadNewsroomAssets(ASSET_PATH);
  const assetsByUrl = new Map([...assets.values()].map((a) => [a.url, a]));
  setNoticeScript(assets.get('wire-eil-notice.js')?.url);
  const siteOrigin = new URL(config.siteUrl).origin;
  const reader = createSiteReader(db);
  const deps: NewsroomDeps = {
    db,
    events: services.events,
    services,
    accounts,
    stories: services.stories,
    config,
    asset: (name) => {
      const a = assets.get(name);
      if (!a) throw new Error(`no newsroom asset "${name}" (looked in assets/newsroom)`);
      return a.url;
    },
    previewHtml: (story: Story) => renderStoryPage(reader, { siteName: config.siteName, siteUrl: config.siteUrl }, story),
    media: services.media,
  };

  // Session and language for every request; newsroom responses are private and never stored.
  app.use('*', async (c, next) => {
    const token = sessionToken(c as unknown as Context);
    // Static assets are the same for everyone: they cost no session lookup (a database round trip, sometimes a write).
    const asset = c.req.path.startsWith(ASSET_PATH);
    const session = asset ? undefined : await accounts.sessions.resolve(token);
    c.set('session', session);
    c.set('sessionToken', session ? token : undefined);
    c.set('lang', session?.user.language ?? langFromHeader(c.req.header('accept-language')));
    // For the request log and metrics: who (an id, never a name or cookie) and which declared route.
    if (session) noteRequest({ userId: session.user.id });
    await next();
    noteRequest({ route: routePath(c as unknown as Context, -1) });
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('X-Robots-Tag', 'noindex, nofollow');
    // A cookie for a session that no longer exists is dropped.
    if (token && !session && !asset && !c.res.headers.get('set-cookie')) clearSessionCookie(c as unknown as Context);
  });

  const fail = (c: Context<NewsroomEnv>, kind: 'api' | 'page', err: LedeError) => {
    if (kind === 'api') {
      // A logged-in editor also gets the refusal in their language (`text`); code, message and issues stay as they are.
      const lang = c.get('session')?.user.language;
      const body = err.toJSON();
      return c.json(lang === 'de' || lang === 'en' ? { ...body, error: localizeError(body.error, lang) } : body, err.status as 400);
    }
    const t = pick(COMMON_TEXT, c.get('lang'));
    const page = (
      <NewsroomLayout title={String(err.status)} lang={c.get('lang')} session={c.get('session')} assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{err.status === 403 ? t.forbidden : err.status === 404 ? t.notFound : t.error}</h1>
        <p class="notice error">{errorText(err, c.get('lang')) ?? err.message}</p>
        <p><a href="/newsroom">{t.back}</a></p>
      </NewsroomLayout>
    );
    return c.html(`<!DOCTYPE html>${String(page)}`, err.status as 400);
  };

  const guard = (permission: Requirement, kind: 'api' | 'page') => async (c: Context<NewsroomEnv>, next: () => Promise<void>) => {
    const method = c.req.method;
    const changes = method !== 'GET' && method !== 'HEAD';
    // Cross-site requests never change anything: a browser's Origin must be ours.
    const origin = c.req.header('origin');
    if (changes && origin && origin !== new URL(c.req.url).origin && origin !== siteOrigin) {
      return fail(c, kind, new LedeError('FORBIDDEN', `cross-site request from ${origin} refused`, { reason: 'cross_site' }));
    }
    if (permission === 'public') return next();
    const session = c.get('session');
    if (!session) {
      if (kind === 'page' && method === 'GET') {
        const here = new URL(c.req.url);
        return c.redirect(`/newsroom/login?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
      }
      return fail(c, kind, new LedeError('UNAUTHORIZED', 'not logged in (or the session has ended); log in at /newsroom/login', { reason: 'not_logged_in' }));
    }
    if (changes) {
      let sent = c.req.header('x-csrf-token');
      if (!sent && FORM_TYPE.test(c.req.header('content-type') ?? '')) {
        const form = await c.req.parseBody();
        sent = typeof form._csrf === 'string' ? form._csrf : undefined;
      }
      if (!sameToken(sent, session.csrfToken)) {
        return fail(c, kind, new LedeError('FORBIDDEN', 'the security token (CSRF) is missing or out of date; reload the page and try again', { reason: 'csrf' }));
      }
    }
    const allowed = (STORY_ACTIONS as readonly string[]).includes(permission)
      ? ROLE_GRANTS[session.user.role].story[permission as StoryAction] !== undefined
      : hasPermission(session.user, permission as GlobalPermission);
    if (!allowed) {
      // A story the caller may not even see answers as if it did not exist: a 403 would tell them it does.
      const storyId = (STORY_ACTIONS as readonly string[]).includes(permission) ? c.req.param('id') : undefined;
      if (storyId !== undefined) {
        const story = await findStory(db, storyId);
        if (!story || !mayOnStory(session.user, 'story.view', story)) return fail(c, kind, noStory(storyId));
      }
      return fail(c, kind, new LedeError('FORBIDDEN', `your role (${session.user.role}) does not allow ${permission}`, { reason: 'role_lacks', params: { role: session.user.role, permission } }));
    }
    return next();
  };

  const registry = new EndpointRegistry(app as unknown as Hono, guard as never);
  // Assets never change while the process runs: each is compressed once (best settings, thread pool), on its first request.
  const compressed = new Map<string, Promise<Buffer>>();
  const compressedAsset = (url: string, body: string, coding: 'br' | 'gzip'): Promise<Buffer> => {
    const key = `${coding} ${url}`;
    let done = compressed.get(key);
    if (!done) compressed.set(key, (done = encodeStored(Buffer.from(body), coding)));
    return done;
  };

  registry.add({
    method: 'GET', path: `${ASSET_PATH}:file`, permission: 'public', kind: 'api',
    handler: (c) => {
      const file = c.req.param('file') ?? '';
      const found = assetsByUrl.get(`${ASSET_PATH}${file}`);
      if (!found) return c.json(new LedeError('NOT_FOUND', `no asset ${file}`, { reason: 'not_found' }).toJSON(), 404);
      const headers = { 'Content-Type': found.type, 'Cache-Control': 'public, max-age=31536000, immutable', Vary: 'Accept-Encoding' };
      const coding = negotiate(c.req.header('accept-encoding'));
      if (coding === 'identity' || Buffer.byteLength(found.body) < MIN_COMPRESS_BYTES) return c.body(found.body, 200, headers);
      return compressedAsset(found.url, found.body, coding).then((body) => c.body(new Uint8Array(body), 200, { ...headers, 'Content-Encoding': coding }));
    },
  });

  registerAuthPages(registry, deps);
  for (const mod of opts.modules ?? []) mod(registry, deps);

  app.notFound((c) => fail(c, c.req.path.startsWith('/newsroom/api/') ? 'api' : 'page', new LedeError('NOT_FOUND', `nothing at ${c.req.path}`, { reason: 'not_found' })));
  app.onError((err, c) => {
    const kind = c.req.path.startsWith('/newsroom/api/') ? 'api' : 'page';
    if (isLedeError(err)) {
      if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
      return fail(c, kind, err);
    }
    console.error(`[newsroom] ${c.req.method} ${c.req.path}:`, err);
    return fail(c, kind, new LedeError('INTERNAL', 'an unexpected error occurred; it has been logged. Please try again.', { reason: 'internal' }));
  });
  return { app, registry };
}
