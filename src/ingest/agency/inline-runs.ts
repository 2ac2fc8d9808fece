import { LIMITS, type Inline } from '../../content/types.js';

/**
 * Text runs (Inline[]) as validateDraft wants them: no empty runs, no doubled
 * spaces across run edges, no paragraph over LIMITS.inlineText.
 */

/** Merges runs of the same marks and link, collapses spaces across their edges, trims the ends, drops empty runs. */
export function finishRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    let text = r.text;
    if ((!prev || prev.text.endsWith(' ')) && text.startsWith(' ')) text = text.slice(1);
    if (!text) continue;
    if (prev && sameStyle(prev, r)) prev.text += text;
    else out.push({ ...r, text });
  }
  // Trim the ends; a run left empty goes.
  while (out.length) {
    const first = out[0]!;
    first.text = first.text.replace(/^ +/, '');
    if (first.text) break;
    out.shift();
  }
  while (out.length) {
    const last = out[out.length - 1]!;
    last.text = last.text.replace(/ +$/, '');
    if (last.text) break;
    out.pop();
  }
  // A paragraph of spaces and no-break spaces only is empty.
  return out.some((r) => /\S/.test(r.text.replace(/[\u00a0\u202f]/g, ' '))) ? out : [];
}

function sameStyle(a: Inline, b: Inline): boolean {
  return a.href === b.href && (a.marks ?? []).join() === (b.marks ?? []).join();
}

/** Paragraph content within LIMITS.inlineText characters per paragraph. */
export function splitRuns(runs: Inline[]): Inline[][] {
  let total = 0;
  for (const r of runs) total += r.text.length;
  if (total <= LIMITS.inlineText) return runs.length ? [runs] : [];
  const out: Inline[][] = [];
  let cur: Inline[] = [];
  let len = 0;
  for (const r of runs) {
    for (const part of chunk(r.text, LIMITS.inlineText)) {
      if (len + part.length > LIMITS.inlineText && cur.length) {
        out.push(cur);
        cur = [];
        len = 0;
      }
      cur.push({ ...r, text: part });
      len += part.length;
    }
  }
  if (cur.length) out.push(cur);
  return out.map((p) => finishRuns(p)).filter((p) => p.length);
}

/** Cuts text into pieces of at most `max` UTF-16 units, at a space where there is one, never inside a surrogate pair. */
export function chunk(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

