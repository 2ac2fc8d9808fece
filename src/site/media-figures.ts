import type { Block, Figure, Story } from '../content/index.js';
import { isShowable } from '../content/media-types.js';
import type { MediaAsset } from '../store/asset-repository.js';
import { assetsByIds } from '../store/media-queries.js';
import { cropBox, renditionHeight, renditionPath, renditionWidths, type RenditionSource } from '../imaging/renditions.js';
import type { Queryable, SitemapStory, StorySummary } from '../store/index.js';
import { notePageAssets } from './page-assets.js';

/**
 * Figures that name a media library picture (`assetId`) are resolved here,
 * in the read model, before any view, feed, sitemap or structured-data block
 * sees them, so no output can forget the rights:
 *
 *  - rights valid now: the figure gets the picture's rendition as `src`
 *    (the 16:9 JPEG up to 1280 px, what feeds, sitemaps and JSON-LD link),
 *    its `width`/`height`, the asset's current credit line as `credit`, and
 *    `shown` for views that build a <picture> with every size and format;
 *  - rights lapsed, not yet valid, or the asset gone: the figure is dropped
 *    (no lead, no body figure, no teaser image), never the picture.
 *
 * One query per read (all assets of all stories read), none when no figure
 * names an asset; each asset id and the next rights boundary are noted for
 * the page cache (surrogate key `asset:<id>`, hard expiry at the boundary).
 */

/** What a resolved figure carries for the views' <picture>. */
export interface ShownImage {
  source: RenditionSource;
  copyrightHolder?: string;
  licence?: string;
  creator?: string;
}

/** A figure as the reader site sees it after resolution. */
export type SiteFigure = Figure & { shown?: ShownImage };

export function shownImage(f: Figure): ShownImage | undefined {
  return (f as SiteFigure).shown;
}

/** Width of the single image feeds, sitemaps and JSON-LD link (Google asks for at least 1200 px). */
const LINKED_WIDTH = 1280;

// Stories already resolved (the article route resolves, then the page renderer asks again).
const resolved = new WeakSet<object>();

export class FigureResolver {
  constructor(private readonly db: Queryable, private readonly clock: () => Date = () => new Date()) {}

  /** Looks up `ids` in one query, notes them for the page cache, and returns a resolver for figures. */
  async #lookup(ids: Set<string>): Promise<(f: Figure) => Figure | undefined> {
    const now = this.clock();
    const assets = ids.size ? await assetsByIds(this.db, [...ids]) : new Map<string, MediaAsset>();
    let nextChange = Infinity;
    for (const a of assets.values()) {
      for (const edge of [a.rights.validFrom, a.rights.validUntil]) {
        const t = edge ? Date.parse(edge) : NaN;
        if (t > now.getTime() && t < nextChange) nextChange = t;
      }
    }
    notePageAssets(ids, nextChange);
    return (f) => (f.assetId ? resolveFigure(f, assets.get(f.assetId), now) : f);
  }

  async stories<T extends Story>(stories: T[]): Promise<T[]> {
    const todo = stories.filter((s) => !resolved.has(s));
    const ids = new Set<string>();
    for (const s of todo) collectStory(s, ids);
    if (!ids.size) {
      for (const s of todo) resolved.add(s);
      return stories;
    }
    const resolve = await this.#lookup(ids);
    return stories.map((s) => (resolved.has(s) ? s : mark(resolveStory(s, resolve))));
  }

  async story<T extends Story>(story: T): Promise<T> {
    return (await this.stories([story]))[0]!;
  }

  async summaries<T extends Pick<StorySummary, 'lead'>>(list: T[]): Promise<T[]> {
    const ids = new Set<string>();
    collectSummaries(list, ids);
    if (!ids.size) return list;
    return resolveSummaries(list, await this.#lookup(ids));
  }

  /** A story and a list of summaries (an article page and its rail) with one lookup for both. */
  async storyAndSummaries<T extends Story, S extends Pick<StorySummary, 'lead'>>(story: T, list: S[]): Promise<{ story: T; list: S[] }> {
    const ids = new Set<string>();
    const todo = !resolved.has(story);
    if (todo) collectStory(story, ids);
    collectSummaries(list, ids);
    if (!ids.size) {
      if (todo) resolved.add(story);
      return { story, list };
    }
    const resolve = await this.#lookup(ids);
    return { story: todo ? mark(resolveStory(story, resolve)) : story, list: resolveSummaries(list, resolve) };
  }

  /** Sitemap rows: their figures resolved, and image sources only from what may be shown. */
  async sitemap(rows: SitemapStory[]): Promise<SitemapStory[]> {
    const ids = new Set<string>();
    for (const r of rows) for (const f of r.images ?? []) if (f.assetId) ids.add(f.assetId);
    const resolve = ids.size ? await this.#lookup(ids) : (f: Figure) => f;
    return rows.map((r) => {
      if (!r.images) return r;
      const images = r.images.map(resolve).filter((f): f is Figure => !!f?.src);
      return { ...r, images, imageSources: images.map((f) => f.src!) };
    });
  }
}

function mark<T extends object>(s: T): T {
  resolved.add(s);
  return s;
}

function collectSummaries(list: Pick<StorySummary, 'lead'>[], ids: Set<string>): void {
  for (const s of list) if (s.lead?.assetId) ids.add(s.lead.assetId);
}

function resolveSummaries<T extends Pick<StorySummary, 'lead'>>(list: T[], resolve: Resolve): T[] {
  return list.map((s) => {
    if (!s.lead?.assetId) return s;
    const lead = resolve(s.lead);
    const out = { ...s };
    if (lead) out.lead = lead;
    else delete out.lead;
    return out;
  });
}

function collectFigure(f: Figure | undefined, ids: Set<string>): void {
  if (f?.assetId) ids.add(f.assetId);
}

function collectBlocks(blocks: Block[], ids: Set<string>): void {
  for (const b of blocks) {
    if (b.type === 'figure') collectFigure(b, ids);
    else if (b.type === 'ticker-entry') collectBlocks(b.body, ids);
  }
}

function collectStory(s: Story, ids: Set<string>): void {
  collectFigure(s.lead, ids);
  collectBlocks(s.body, ids);
  for (const r of s.related) collectFigure(r.image, ids);
  for (const a of s.authors) collectFigure(a.image, ids);
}

type Resolve = (f: Figure) => Figure | undefined;

function resolveBlocks(blocks: Block[], resolve: Resolve): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type === 'figure') {
      if (!b.assetId) {
        out.push(b);
        continue;
      }
      const f = resolve(b);
      if (f) out.push({ ...f, type: 'figure' });
    } else if (b.type === 'ticker-entry') {
      out.push({ ...b, body: resolveBlocks(b.body, resolve) });
    } else {
      out.push(b);
    }
  }
  return out;
}

function resolveStory<T extends Story>(s: T, resolve: Resolve): T {
  const out: T = { ...s, body: resolveBlocks(s.body, resolve) };
  if (s.lead?.assetId) {
    const lead = resolve(s.lead);
    if (lead) out.lead = lead;
    else delete out.lead;
  }
  out.related = s.related.map((r) => {
    if (!r.image?.assetId) return r;
    const image = resolve(r.image);
    const { image: _drop, ...rest } = r;
    return image ? { ...rest, image } : rest;
  });
  out.authors = s.authors.map((a) => {
    if (!a.image?.assetId) return a;
    const image = resolve(a.image);
    const { image: _drop, ...rest } = a;
    return image ? { ...rest, image } : rest;
  });
  return out;
}

/** One figure against its asset at `now`: the picture with the asset's credit, or undefined (not to be shown). */
export function resolveFigure(f: Figure, asset: MediaAsset | undefined, now: Date): SiteFigure | undefined {
  if (!asset || !isShowable(asset.rights, now)) return undefined;
  const box = cropBox(asset.width, asset.height, '16:9', { x: asset.focalX, y: asset.focalY });
  const widths = renditionWidths(box.width);
  const width = [...widths].reverse().find((w) => w <= LINKED_WIDTH) ?? widths[0]!;
  const { credit: _ownCredit, ...rest } = f;
  const out: SiteFigure = {
    ...rest,
    src: renditionPath(asset, '16:9', width, 'jpeg'),
    width,
    height: renditionHeight('16:9', width, box),
    shown: {
      source: { id: asset.id, sha256: asset.sha256, width: asset.width, height: asset.height, focalX: asset.focalX, focalY: asset.focalY },
      ...(asset.rights.copyrightHolder && { copyrightHolder: asset.rights.copyrightHolder }),
      ...(asset.rights.licence && { licence: asset.rights.licence }),
      ...(asset.rights.creator && { creator: asset.rights.creator }),
    },
  };
  if (asset.rights.credit) out.credit = asset.rights.credit;
  return out;
}
