import { berlinParts, zonedIso } from '../content/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

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
