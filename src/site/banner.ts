import { breakingItem, liveBreaking, type BreakingItem } from '../store/breaking-queries.js';
import type { Queryable } from '../store/types.js';
import { SLOT_CLOSE, SLOT_OPEN_PREFIX } from './banner-slot.js';
import { esc } from './views/html-text.js';

/**
 * The breaking banner as one process shows it (issue 14).
 *
 * Every reader page has an empty slot below its header (banner-slot.ts). The
 * banner goes into that slot when a page is rendered, and the page cache puts
 * the current one into each kept copy the first time the copy is served after
 * a change (PageCache, `banner`): no purge, no re-render, so a breaking-news
 * spike does not begin with every page of the site uncached.
 *
 * `generation` says which banner a copy shows: it moves on when the banner is
 * set, changed or taken down (the `breaking.changed` event, from this node or
 * through the relay from another), and when the banner's end time passes,
 * which needs no event. As a safety net against a lost event the state is
 * read again in the background when it is older than `maxAgeMs`.
 */
/** The banner as the site shows it (the store's item). */
export type BannerItem = BreakingItem;

export interface BannerSource {
  /** Which banner pages should show now; changes whenever that does. */
  readonly generation: number;
  /** The slot's content for a page in `lang` (empty when no banner is up). */
  fragment(lang: string): string;
}

const LABEL: Record<'de' | 'en', string> = { de: 'Eilmeldung', en: 'Breaking news' };

function labelFor(lang: string): string {
  return lang.toLowerCase().startsWith('en') ? LABEL.en : LABEL.de;
}

/** The banner's markup: a labelled region with the label and the linked headline. */
export function bannerHtml(item: Pick<BannerItem, 'headline' | 'url'>, lang: string): string {
  const label = labelFor(lang);
  return `<div class="breaking" role="region" aria-label="${esc(label)}"><div class="bar"><strong class="breaking-label">${esc(label)}</strong> `
    + `<a href="${esc(item.url)}">${esc(item.headline)}</a></div></div>`;
}

export interface BannerStateOptions {
  now?: () => number;
  /** Read again in the background when older than this (default 10 s). */
  maxAgeMs?: number;
  onError?: (err: unknown) => void;
}

export class BannerState implements BannerSource {
  #item: BannerItem | undefined;
  #endsAt = Infinity;
  #generation = 0;
  /** Refreshes started / the last one whose answer was applied: an older read never overwrites a newer one. */
  #started = 0;
  #applied = 0;
  #readAt = -Infinity;
  #reading: Promise<void> | undefined;
  readonly #fragments = new Map<string, string>();
  readonly #now: () => number;
  readonly #maxAge: number;

  constructor(private readonly db: Queryable, private readonly opts: BannerStateOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.#maxAge = opts.maxAgeMs ?? 10_000;
  }

  get generation(): number {
    const now = this.#now();
    if (this.#item && now >= this.#endsAt) this.#set(undefined);
    if (now - this.#readAt > this.#maxAge && !this.#reading) void this.refresh().catch(() => undefined);
    return this.#generation;
  }

  /** The banner up now, if any. */
  get current(): BannerItem | undefined {
    void this.generation;
    return this.#item;
  }

  fragment(lang: string): string {
    const item = this.current;
    if (!item) return '';
    let html = this.#fragments.get(lang);
    if (html === undefined) {
      html = bannerHtml(item, lang);
      if (this.#fragments.size < 50) this.#fragments.set(lang, html);
    }
    return html;
  }

  /** Reads the banner from the database (on `breaking.changed`, at start, and when the state is old). */
  refresh(): Promise<void> {
    const seq = ++this.#started;
    const reading = (async () => {
      try {
        const row = await liveBreaking(this.db, new Date(this.#now()));
        this.#readAt = this.#now();
        if (seq < this.#applied) return;
        this.#applied = seq;
        const next = row && breakingItem(row);
        const same = next && this.#item && next.id === this.#item.id && next.version === this.#item.version && next.endsAt === this.#item.endsAt;
        if (!same && (next || this.#item)) this.#set(next);
      } catch (err) {
        // Tried again at the next look after maxAgeMs; the banner shown stays as it was.
        this.#readAt = this.#now();
        this.opts.onError?.(err);
        throw err;
      }
    })();
    this.#reading = reading;
    void reading.finally(() => { if (this.#reading === reading) this.#reading = undefined; }).catch(() => undefined);
    return reading;
  }

  #set(item: BannerItem | undefined): void {
    this.#item = item;
    this.#endsAt = item ? Date.parse(item.endsAt) : Infinity;
    this.#fragments.clear();
    this.#generation++;
  }
}

/**
 * Where the slot's content is in an HTML body, as byte offsets (`start`
 * after the opening comment, `end` at the closing one), and the page's
 * language from the opening comment; undefined when the body has no slot.
 */
export function findSlot(body: Buffer): { start: number; end: number; lang: string } | undefined {
  const open = body.indexOf(SLOT_OPEN_PREFIX, 0, 'latin1');
  if (open < 0) return undefined;
  const langEnd = body.indexOf('-->', open + SLOT_OPEN_PREFIX.length, 'latin1');
  if (langEnd < 0 || langEnd - open > SLOT_OPEN_PREFIX.length + 40) return undefined;
  const start = langEnd + 3;
  const end = body.indexOf(SLOT_CLOSE, start, 'latin1');
  if (end < 0) return undefined;
  return { start, end, lang: body.toString('latin1', open + SLOT_OPEN_PREFIX.length, langEnd) };
}

/** `body` with the slot's content replaced by `fragment`, and where the slot now is. */
export function fillSlot(body: Buffer, slot: { start: number; end: number }, fragment: string): { body: Buffer; end: number } {
  const inner = Buffer.from(fragment, 'utf8');
  if (inner.length === slot.end - slot.start && inner.equals(body.subarray(slot.start, slot.end))) return { body, end: slot.end };
  return { body: Buffer.concat([body.subarray(0, slot.start), inner, body.subarray(slot.end)]), end: slot.start + inner.length };
}

/**
 * An HTML body with `banner`'s current content in its slot (the same Buffer
 * when it has no slot or the slot already holds it). For answers the page
 * cache does not keep, and for pages rendered without a cache.
 */
export function withBanner(body: Buffer, banner: BannerSource): Buffer {
  const slot = findSlot(body);
  return slot ? fillSlot(body, slot, banner.fragment(slot.lang)).body : body;
}
