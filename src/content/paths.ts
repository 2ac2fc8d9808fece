import { berlinParts, zonedIso } from './time.js';

/**
 * Where things live on the reader site: pure rules, shared by the site (which
 * serves these addresses) and the newsroom (which links to them).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A story's page: /politik/haushalt-beschlossen. */
export function storyPath(s: { sectionSlug: string; slug: string }): string {
  return `/${s.sectionSlug}/${s.slug}`;
}

/** A topic's page, by the topic's slug: /thema/hochwasser-an-der-elbe. */
export function topicPath(slug: string): string {
  return `/thema/${slug}`;
}

/** Where a feed's three formats live under `base` ("" for the whole site, "/politik", "/thema/x"). */
export function feedPaths(base: string): { rss: string; atom: string; json: string } {
  return { rss: `${base}/feed.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` };
}

/** An author's page: /autor/katrin-schaefer. */
export function authorPath(slug: string): string {
  return `/autor/${slug}`;
}

/** The page of a broadcast slot: /programm/2022-01-21/1300 (Berlin wall-clock time, as printed on air). */
export function programmePath(startsAt: string): string {
  const p = berlinParts(startsAt);
  return `/programm/${p.year}-${pad(p.month)}-${pad(p.day)}/${pad(p.hour)}${pad(p.minute)}`;
}

/** The slot's start instant from the path parts, or undefined when they name no real time. */
export function parseProgrammePath(date: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2})(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  return zonedIso(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]));
}

/**
 * Whether `value` is a path on this site and nothing else: "/" alone or "/"
 * followed by a character that is neither "/" nor "\" — so never "//host" or
 * "/\host", which browsers follow to another site — with no backslash and no
 * control character (browsers drop tabs and line breaks, so "/\t/host" would
 * become "//host"). The same holds after one round of percent-decoding, so
 * "/%2F%2Fhost" and "/%5Chost" are refused too (as is a broken "%" escape), in
 * case a proxy or a later reader decodes it.
 */
export function isSafeLocalPath(value: unknown): value is string {
  if (typeof value !== 'string' || !isPlainLocalPath(value)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  return isPlainLocalPath(decoded);
}

function isPlainLocalPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^\/(?![/\\])/.test(value) && !/[\\\u0000-\u001f\u007f-\u009f]/.test(value);
}

/**
 * `value` when it is a safe path on this site (isSafeLocalPath), else
 * `fallback`. Every redirect the site and the newsroom answer goes through
 * this, so no input can turn one into a redirect to another host.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  return isSafeLocalPath(value) ? value : fallback;
}
