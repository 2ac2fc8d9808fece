/**
 * The story model. Pure data: no I/O here, so every other layer can depend on it.
 *
 * Times are ISO 8601 strings with an explicit UTC offset ("2022-01-21T13:00:00+01:00").
 * The newsroom works in Europe/Berlin; helpers in ./time.ts convert wall-clock
 * Berlin times to offsets, including the DST switch.
 */

export const STORY_KINDS = ['article', 'liveticker', 'video', 'audio'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/**
 * Workflow states: draft → in_review → scheduled → published → depublished.
 * Only `published` stories whose embargo has passed are ever shown to readers.
 */
export const STORY_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'depublished'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const FIGURE_KINDS = ['image', 'graphic', 'map'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const MEDIA_TYPES = ['article', 'video', 'audio', 'graphic', 'image', 'gallery', 'liveticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const MARKS = ['em', 'strong'] as const;
export type Mark = (typeof MARKS)[number];

/** A run of text inside a paragraph or list item; `href` makes it a link. */
export interface Inline {
  text: string;
  marks?: Mark[];
  href?: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  content: Inline[];
}

export interface HeadingBlock {
  type: 'heading';
  /** 2 = sub-heading under the headline (the page's h1), 3 = one level below. */
  level: 2 | 3;
  text: string;
}

/** An image, graphic or map with its caption and rights line ("Bildrechte: dpa"). */
export interface Figure {
  kind: FigureKind;
  /** Text alternative for readers who cannot see the image. Empty string = decorative. */
  alt: string;
  caption?: string;
  /** The rights holder as printed after "Bildrechte:", e.g. "dpa". */
  credit?: string;
  /** URL or path of the source asset, when there is one. */
  src?: string;
  width?: number;
  height?: number;
  /**
   * The picture from the media library (its UUID). Then the picture, its size
   * and the credit line come from the asset (its current rights), and `src`,
   * `width`, `height` and `credit` here are ignored on reader pages; alt text
   * and caption stay this figure's own (per use).
   */
  assetId?: string;
}

export interface FigureBlock extends Figure {
  type: 'figure';
}

export interface QuoteBlock {
  type: 'quote';
  text: string;
  speaker?: string;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: Inline[][];
}

export interface EmbedBlock {
  type: 'embed';
  url: string;
  provider?: string;
  title?: string;
}

/**
 * One entry of a live ticker: its time, an optional title and its own body.
 * A ticker's body is kept newest first; of two entries with the same time, the
 * one listed first is the newer.
 */
export interface TickerEntryBlock {
  type: 'ticker-entry';
  /**
   * Stable key of the entry (lowercase letters, digits, dashes; e.g. the editing
   * tool's UUID): its anchor on the page (#e-{id}) and how live updates know an
   * entry they already show. Without it a key is derived from the time.
   */
  id?: string;
  time: string;
  title?: string;
  location?: string;
  body: Block[];
}

/**
 * A box beside the running text (an agency's info box or link box, "Hintergrund",
 * "Das Wichtigste in Kürze"): an optional heading and its own text blocks.
 * Its body holds only text blocks (BOX_BODY_TYPES): no figures or embeds, no
 * nested boxes, no ticker entries. Shown as an `<aside>` on the page; its text
 * counts for search like the rest of the body.
 */
export interface BoxBlock {
  type: 'box';
  heading?: string;
  body: Block[];
}

/** The block types a box may hold. */
export const BOX_BODY_TYPES = ['paragraph', 'heading', 'list', 'quote'] as const;

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | FigureBlock
  | QuoteBlock
  | ListBlock
  | EmbedBlock
  | TickerEntryBlock
  | BoxBlock;

export type BlockType = Block['type'];
export const BLOCK_TYPES: readonly BlockType[] = [
  'paragraph',
  'heading',
  'figure',
  'quote',
  'list',
  'embed',
  'ticker-entry',
  'box',
];

export interface Author {
  name: string;
  /** Organisation or desk, e.g. "MDR SACHSEN-ANHALT". */
  affiliation?: string;
  image?: Figure;
}

/** Ties a story to a broadcast slot: "Dieses Thema im Programm: 21. Januar 2022 | 13:00 Uhr". */
export interface BroadcastRef {
  /** Programme name; may be empty when the page only gives the slot. */
  programme?: string;
  /** Start of the slot, ISO 8601 with offset. */
  startsAt: string;
}

/** A teaser in a rail: "Grafik 1 min". */
export interface RelatedTeaser {
  title: string;
  mediaType: MediaType;
  durationSeconds?: number;
  url?: string;
  image?: Figure;
}

/** Playable media of a video or audio item. */
export interface MediaInfo {
  durationSeconds: number;
  src?: string;
}

/** What an importer or an editor hands over: a story without identity or history. */
export interface StoryDraft {
  kind: StoryKind;
  language: string;
  kicker?: string;
  headline: string;
  teaser?: string;
  byline?: string;
  authors: Author[];
  section?: string;
  topics: string[];
  firstPublishedAt?: string;
  updatedAt?: string;
  lead?: Figure;
  broadcast?: BroadcastRef;
  related: RelatedTeaser[];
  media?: MediaInfo;
  body: Block[];
  /**
   * Where and from whom the copy was filed, as agencies print it before the
   * first paragraph: "Berlin (dpa)". Stored without the dash that follows it
   * (validation drops a trailing "-", "–" or "—"); the page adds its own.
   */
  dateline?: string;
  /**
   * Who supplied the text, shown under the article as "Quelle: dpa" (an
   * agency's creditline). Public, unlike `source`.
   */
  sourceLine?: string;
  /** Where the draft came from (file name, agency id); kept for provenance, never shown to readers. */
  source?: string;
  /** Preferred slug; derived from the headline when absent. */
  slug?: string;
  /**
   * Not to be shown anywhere public before this instant (agency embargo).
   * Publishing an embargoed story schedules it for this time instead.
   */
  embargoUntil?: string;
}

/** A stored story: a validated draft plus identity, status and version. */
export interface Story extends StoryDraft {
  id: string;
  slug: string;
  section: string;
  status: StoryStatus;
  version: number;
  createdAt: string;
  modifiedAt: string;
  /** When a scheduled story goes live (set with status `scheduled`). */
  scheduledPublishAt?: string;
  /** When a published story is to be taken down automatically. */
  scheduledDepublishAt?: string;
  /** When it was taken down (status `depublished`); its URL then answers 410. */
  depublishedAt?: string;
  /** Public corrections, oldest first ("Korrektur: …"), shown under the article and in its JSON-LD. */
  corrections?: Correction[];
  /** The newsroom account that owns the story (authors may publish their own). */
  ownerId?: string;
  /** The account that saved this version. */
  modifiedBy?: string;
}

export interface Correction {
  at: string;
  note: string;
}

/** Limits shared by validation, the editor's character counters and the importer. */
export const LIMITS = {
  kicker: 80,
  headline: 200,
  teaser: 600,
  byline: 200,
  slug: 120,
  section: 80,
  topic: 80,
  topics: 20,
  authors: 20,
  related: 50,
  blocks: 2000,
  inlineText: 20000,
  alt: 500,
  caption: 1000,
  credit: 200,
  url: 2000,
  tickerEntryBlocks: 100,
  boxBlocks: 100,
  dateline: 100,
  sourceLine: 200,
} as const;
