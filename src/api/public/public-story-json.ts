import type { Story } from '../../content/index.js';
import type { StorySummary } from '../../store/types.js';
import { absoluteUrl } from '../../site/feeds/xml.js';
import { outputContext, type OutputOptions } from '../formats/output-options.js';

/**
 * A story in Lede JSON for the public API: the shape `lede story --json`
 * prints (the Story document), less what is the newsroom's own business:
 *
 * - `ownerId`, `modifiedBy` (newsroom accounts), `source` (provenance: the
 *   file or agency item an import came from), `scheduledPublishAt`,
 *   `scheduledDepublishAt`, `embargoUntil` (the newsroom's plans; a public
 *   story's embargo has passed);
 * - `shown` on figures (the read model's rendering aid);
 *
 * and plus `url` (the reader page) and `apiUrl` (this resource, by id). Media
 * library figures come resolved against their rights now: a lapsed picture is
 * absent, a shown one has its rendition as an absolute `src`, its size and
 * the asset's credit; `assetId` leads to /api/v1/media/{assetId}.
 */
export const INTERNAL_STORY_FIELDS = ['ownerId', 'modifiedBy', 'source', 'scheduledPublishAt', 'scheduledDepublishAt', 'embargoUntil'] as const;

export function publicStoryJson(story: Story, opts: OutputOptions): Record<string, unknown> {
  const ctx = outputContext(story, opts);
  const doc: Record<string, unknown> = { ...story };
  for (const f of INTERNAL_STORY_FIELDS) delete doc[f];
  return { ...(publicFigures(doc, ctx.siteUrl) as Record<string, unknown>), url: ctx.canonical, apiUrl: ctx.uri };
}

/** A list entry of the programme: a story summary, its figure made public the same way. */
export function publicSummaryJson(s: StorySummary, siteUrl: string): Record<string, unknown> {
  const { status: _status, ...rest } = s;
  return {
    ...(publicFigures(rest, siteUrl) as Record<string, unknown>),
    url: absoluteUrl(siteUrl, `/${s.sectionSlug}/${s.slug}`),
    apiUrl: absoluteUrl(siteUrl, `/api/v1/stories/${encodeURIComponent(s.id)}`),
  };
}

/** A deep copy in which every figure has lost `shown` and has an absolute `src`. */
function publicFigures(value: unknown, siteUrl: string): unknown {
  if (Array.isArray(value)) return value.map((v) => publicFigures(v, siteUrl));
  if (!value || typeof value !== 'object') return value;
  const isFigure = 'alt' in value && 'kind' in value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isFigure && k === 'shown') continue;
    out[k] = isFigure && k === 'src' && typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? absoluteUrl(siteUrl, v) : publicFigures(v, siteUrl);
  }
  return out;
}
