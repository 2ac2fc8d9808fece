import { LedeError } from '../content/index.js';
import { claimDuePings, pingFailed, pingSent, type ClaimedPing } from '../store/websub-pings.js';
import type { Database } from '../store/types.js';
import { postBody, type SendOptions } from './webhook-sender.js';

/**
 * WebSub (W3C Recommendation, 2018) for the feeds: the feeds name the hubs
 * (`rel="hub"`), and when a feed changes Lede tells each hub with the
 * de-facto publish ping (`hub.mode=publish&hub.url=<feed>`, form-encoded),
 * which the public hubs (Google's, Superfeedr, WebSubHub) take; the hub then
 * fetches the feed and pushes it to its subscribers.
 */

/**
 * LEDE_WEBSUB_HUB: the hubs, comma- or space-separated http(s) URLs (unset:
 * none, and the feeds announce none). Checked at start: a bad value stops
 * the process with one line naming it.
 */
export function websubHubs(env: Record<string, string | undefined>): string[] {
  const raw = (env.LEDE_WEBSUB_HUB ?? '').trim();
  if (!raw) return [];
  const hubs = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  for (const hub of hubs) {
    let u: URL | undefined;
    try {
      u = new URL(hub);
    } catch {
      u = undefined;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || hub.length > 2000) {
      throw new LedeError('CONFIG', `LEDE_WEBSUB_HUB must be http(s) URLs without a user name, separated by commas; "${hub.slice(0, 80)}" is not one`, { reason: 'bad_config' });
    }
  }
  if (hubs.length > 10) throw new LedeError('CONFIG', `LEDE_WEBSUB_HUB names ${hubs.length} hubs; at most 10 are allowed`, { reason: 'bad_config' });
  return hubs;
}

export interface PingOptions {
  siteUrl: string;
  send: SendOptions;
  batch: number;
  leaseMs: number;
  retryDelay: (attempts: number) => number;
  retryForMs: number;
  log: (line: string) => void;
}

/** The publish ping's body for one feed. */
export function pingBody(feedUrl: string): string {
  return new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feedUrl }).toString();
}

/** One round: claims the pings due (one node each) and sends them side by side. Returns how many were sent. */
export async function pingHubs(db: Database, opts: PingOptions): Promise<number> {
  const claimed = await claimDuePings(db, opts.batch, opts.leaseMs);
  const base = opts.siteUrl.replace(/\/+$/, '');
  await Promise.all(claimed.map(async (p: ClaimedPing) => {
    const r = await postBody(p.hub, { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Lede-WebSub/1' }, pingBody(base + p.topic), opts.send);
    if (r.ok) return pingSent(db, p);
    const error = r.error ?? `answered ${r.statusCode}`;
    const dropped = await pingFailed(db, p, error, opts.retryDelay(p.attempts + 1), opts.retryForMs);
    if (dropped) opts.log(`websub: gave up pinging ${p.hub} for ${p.topic} after ${p.attempts + 1} attempts; last: ${error}`);
  }));
  return claimed.length;
}
