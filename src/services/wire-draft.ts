import { BLOCK_TYPES, LIMITS, type Block, type Figure } from '../content/index.js';
import type { WireAssociation, WireCategory, WireItem, WireRendition } from '../ingest/agency/wire-item.js';
import type { WireRule, WireSource } from '../store/wire-source-repository.js';
import { categoryMatches } from './wire-sources.js';

/**
 * A wire item as a story draft: what "Übernehmen" puts into the editor.
 * Pure: the picture is fetched by the caller and handed in as an asset id.
 *
 * What the agency marks as internal never goes in: notes (publishable or
 * not: they are messages to editors), usage terms, copyright notices.
 */

/** Cuts `s` to `max` characters at a word boundary where there is one, with "…". */
export function cut(s: string | undefined, max: number): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  if (t.length <= max) return t;
  const head = t.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}

/** Section and topics by the source's rules: the first matching rule gives the section, every matching rule adds its topics. */
export function mapCategories(categories: readonly WireCategory[], rules: readonly WireRule[], fallbackSection?: string): { section?: string; topics: string[] } {
  let section: string | undefined;
  const topics: string[] = [];
  for (const rule of rules) {
    if (!categories.some((c) => categoryMatches(rule, c))) continue;
    if (rule.section && section === undefined) section = rule.section;
    for (const t of rule.topics) if (!topics.includes(t)) topics.push(t);
  }
  section ??= fallbackSection;
  return { ...(section && { section }), topics: topics.slice(0, LIMITS.topics) };
}

/** The first picture (or graphic) association by the agency's order, and its best rendition: the widest with an image type. */
export function leadPicture(item: WireItem): { association: WireAssociation; rendition: WireRendition } | undefined {
  const pictures = item.associations
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.kind === 'picture' || a.kind === 'graphic')
    .sort((x, y) => (x.a.rank ?? Infinity) - (y.a.rank ?? Infinity) || x.i - y.i);
  for (const { a } of pictures) {
    const usable = a.renditions.filter((r) => /^https?:\/\//i.test(r.href) && (r.mimeType ? /^image\//i.test(r.mimeType) : /\.(jpe?g|png|webp|avif|gif)(\?|$)/i.test(r.href)));
    if (!usable.length) continue;
    const best = usable.reduce((b, r) => ((r.width ?? 0) > (b.width ?? 0) ? r : b));
    return { association: a, rendition: best };
  }
  return undefined;
}

const hasBoxBlock = (BLOCK_TYPES as readonly string[]).includes('box');
const BOX_TYPES = new Set(['paragraph', 'heading', 'list', 'quote']);

/** The body: the agency's blocks, then its boxes (as box blocks when the model has them, else a heading and the box's blocks). */
export function bodyOf(item: WireItem): Block[] {
  const body: Block[] = [...item.body];
  for (const box of item.boxes) {
    const blocks = box.blocks.filter((b) => BOX_TYPES.has(b.type));
    if (!blocks.length) continue;
    if (hasBoxBlock) {
      body.push({ type: 'box', ...(box.heading && { heading: cut(box.heading, LIMITS.inlineText) }), body: blocks } as unknown as Block);
    } else {
      if (box.heading) body.push({ type: 'heading', level: 3, text: box.heading });
      body.push(...blocks);
    }
  }
  return body;
}

/** "de", "de-DE" stay; "de-de", "deu", "German" and the like become the two-letter code the model takes; else German. */
function languageOf(item: WireItem): string {
  const m = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(item.language ?? '');
  if (!m) return 'de';
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].toUpperCase()}` : m[1]!.toLowerCase();
}

export interface DraftInput {
  item: WireItem;
  source: Pick<WireSource, 'id' | 'name' | 'settings'>;
  rules: readonly WireRule[];
  /** The lead picture as a media library asset, when it could be fetched. */
  lead?: { assetId: string; association: WireAssociation };
}

/** The story draft (untrusted input for StoryService.create, which validates it). */
export function wireDraft({ item, source, rules, lead }: DraftInput): Record<string, unknown> {
  const fallback = typeof source.settings.section === 'string' ? source.settings.section : undefined;
  const { section, topics } = mapCategories(item.categories, rules, fallback);
  const media = mediaOf(item);
  const kind = media ? media.kind : 'article';
  const figure: Figure | undefined = lead && {
    kind: lead.association.kind === 'graphic' ? 'graphic' : 'image',
    alt: cut(lead.association.altText ?? lead.association.caption ?? lead.association.headline ?? '', LIMITS.alt) ?? '',
    ...(lead.association.caption && { caption: cut(lead.association.caption, LIMITS.caption) }),
    ...(lead.association.rights.credit && { credit: cut(lead.association.rights.credit, LIMITS.credit) }),
    assetId: lead.assetId,
  };
  const embargo = item.embargoUntil && !Number.isNaN(Date.parse(item.embargoUntil)) ? item.embargoUntil : undefined;
  return {
    kind,
    language: languageOf(item),
    ...(item.kicker && { kicker: cut(item.kicker, LIMITS.kicker) }),
    headline: cut(item.headline, LIMITS.headline) ?? item.guid,
    ...((item.teaser ?? item.subhead) && { teaser: cut(item.teaser ?? item.subhead, LIMITS.teaser) }),
    ...(item.byline && { byline: cut(item.byline, LIMITS.byline) }),
    ...(item.dateline && { dateline: cut(item.dateline, 100) }),
    authors: [],
    ...(section && { section }),
    topics,
    related: [],
    ...(figure && { lead: figure }),
    ...(media && { media: media.info }),
    body: bodyOf(item),
    sourceLine: cut(item.creditLine ?? item.rights.credit ?? source.name, 200),
    // Provenance, never shown to readers: which source and item the story came from.
    source: cut(`${source.id}:${item.guid}`, LIMITS.url),
    ...(embargo && { embargoUntil: embargo }),
  };
}

/** A video or audio item with a playable file of known length is a video or audio story; anything else is an article. */
function mediaOf(item: WireItem): { kind: 'video' | 'audio'; info: { durationSeconds: number; src?: string } } | undefined {
  if (item.type !== 'video' && item.type !== 'audio') return undefined;
  for (const a of item.associations) {
    if (a.kind !== item.type) continue;
    const r = a.renditions.find((x) => x.durationSeconds && x.durationSeconds >= 1 && /^https?:\/\//i.test(x.href));
    if (r) return { kind: item.type, info: { durationSeconds: Math.min(86400, Math.round(r.durationSeconds!)), src: r.href } };
  }
  return undefined;
}
