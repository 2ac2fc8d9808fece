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
