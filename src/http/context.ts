import type { Context } from 'hono';
import type { Database } from '../store/index.js';
import type { AccountService } from '../services/account-service.js';
import type { Session } from '../store/session-repository.js';
import type { EventBus } from '../events/event-bus.js';
import type { StoryService } from '../services/story-service.js';
import type { UiLang } from './lang.js';

/** Per-request values the newsroom middleware sets. */
export interface NewsroomVariables {
  session: Session | undefined;
  /** The session cookie's value (for logout and password change). */
  sessionToken: string | undefined;
  lang: UiLang;
}

export type NewsroomEnv = { Variables: NewsroomVariables; Bindings: { incoming?: { socket?: { remoteAddress?: string } } } };
export type NewsroomContext = Context<NewsroomEnv>;

/** What every newsroom module gets to build its endpoints. */
export interface NewsroomDeps {
  db: Database;
  events: EventBus | undefined;
  accounts: AccountService;
  /** A StoryService that tells `events`; pass `actor` per call. */
  stories: StoryService;
  /** All of the process's services (createServices); the fields above are its most used parts. */
  services: import('../services/index.js').Services;
  config: { siteName: string; siteUrl: string; trustProxy?: boolean };
  /** Hashed URL of a newsroom asset by file name ("editor.js" → "/newsroom/assets/editor.3f9a….js"). */
  asset(name: string): string;
  /** Renders a story exactly as the reader site would (preview). */
  previewHtml(story: import('../content/index.js').Story): Promise<string>;
  /** The media library (uploads, previews); undefined when no media storage is configured (its endpoints answer 503). */
  media?: import('../services/media-library.js').NewsroomMedia | undefined;
}

/** The signed-in user as the audit log and revisions name them. */
export function actorOf(c: NewsroomContext): { id: string; name: string } {
  const s = c.get('session');
  if (!s) throw new Error('actorOf called on an endpoint without a session');
  return { id: s.user.id, name: s.user.name };
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: NewsroomContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
