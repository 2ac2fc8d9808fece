import { randomUUID } from 'node:crypto';
import { toZonedIso, type Block, type TickerEntryBlock } from '../content/index.js';

/** What a reporter sends for a new ticker entry. */
export interface TickerEntryInput {
  text?: string | undefined;
  title?: string | undefined;
  /** ISO 8601 with offset; default: now. */
  time?: string | null | undefined;
}

/** Paragraph blocks from plain text: blank lines separate paragraphs. */
export function paragraphs(text: string): Block[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean)
    .map((p) => ({ type: 'paragraph', content: [{ text: p }] }));
}

/** The entry block, with a fresh id (so the newsroom can point at it before the page reloads). */
export function tickerEntry(input: TickerEntryInput, now: Date): TickerEntryBlock & { id: string } {
  const title = input.title?.trim();
  return {
    type: 'ticker-entry',
    id: randomUUID(),
    time: input.time ?? toZonedIso(now),
    ...(title && { title }),
    body: paragraphs(input.text ?? ''),
  };
}

/** Where a new entry goes in a ticker kept newest first: before the first entry not newer than it. */
export function insertEntry(body: Block[], entry: TickerEntryBlock): Block[] {
  const at = Date.parse(entry.time);
  let index = body.findIndex((b) => b.type === 'ticker-entry' && Date.parse(b.time) <= at);
  if (index < 0) {
    const lastEntry = body.map((b) => b.type).lastIndexOf('ticker-entry');
    index = lastEntry < 0 ? 0 : lastEntry + 1;
  }
  return [...body.slice(0, index), entry, ...body.slice(index)];
}
