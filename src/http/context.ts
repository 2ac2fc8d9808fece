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
  config: { siteName: string; siteUrl: string; trustProxy?: boolean | number };
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

/** How many reverse proxies stand in front of the app: LEDE_TRUST_PROXY as a count (`true` is one, off is 0). */
export function trustedProxyHops(trustProxy: boolean | number | undefined): number {
  if (trustProxy === true) return 1;
  return typeof trustProxy === 'number' && Number.isInteger(trustProxy) && trustProxy > 0 ? trustProxy : 0;
}

/**
 * The client's address as the outermost trusted proxy saw it. Each proxy
 * appends the address it received the request from to X-Forwarded-For, so
 * with `n` trusted proxies the n-th entry from the right is the one the first
 * of them wrote; everything to its left came from the client and is ignored (a
 * client could otherwise write a new "address" into every request and never
 * be throttled). Without trusted proxies: the socket's peer.
 */
export function clientIp(c: NewsroomContext, trustProxy: boolean | number | undefined): string {
  const socket = c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  const hops = trustedProxyHops(trustProxy);
  if (!hops) return socket;
  // Repeated headers arrive joined with ", ", which splits the same way.
  const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  if (!chain.length) return socket;
  // Fewer entries than proxies: the request skipped the outer ones; the left-most entry is still a proxy's.
  const seen = chain[Math.max(0, chain.length - hops)]!;
  return seen.slice(0, 100);
}
