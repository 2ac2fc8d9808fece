import type { Block, TickerEntryBlock } from '../../content/index.js';

export function isTickerEntry(b: Block): b is TickerEntryBlock {
  return b.type === 'ticker-entry';
}

/**
 * The HTML id of every ticker entry in a story body: `e-{id}` when the entry
 * has its own id, else `e-{YYYYMMDDHHMM}` from its time (the anchors pages have
 * always had). The page, the JSON-LD and the live endpoint all use these, and
 * the live script recognises entries it already shows by them, so they must not
 * change when newer entries arrive. Hence keys are handed out oldest entry
 * first, and a later entry in the same minute gets `-2`, `-3`: adding a newer
 * entry never renames an older one. (Of two entries with the very same time,
 * the one further down the body counts as the older: bodies are kept newest first.)
 */
export function tickerEntryIds(body: readonly Block[]): Map<TickerEntryBlock, string> {
  const entries = body.filter(isTickerEntry);
  const oldestFirst = entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.time) }))
    .sort((a, b) => a.at - b.at || b.index - a.index);
  const ids = new Map<TickerEntryBlock, string>();
  const taken = new Set<string>();
  // Entries with their own id keep it whatever else the body holds.
  for (const entry of entries) {
    if (entry.id && !taken.has(`e-${entry.id}`)) {
      taken.add(`e-${entry.id}`);
      ids.set(entry, `e-${entry.id}`);
    }
  }
  for (const { entry } of oldestFirst) {
    if (ids.has(entry)) continue;
    const base = entry.id ? `e-${entry.id}` : `e-${entry.time.replace(/[^0-9]/g, '').slice(0, 12)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(entry, id);
  }
  return ids;
}

/** Entries newest first by their time; entries with equal times keep their body order. */
export function newestFirst<T extends { time: string }>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.time) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map((x) => x.entry);
}
