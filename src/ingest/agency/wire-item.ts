import type { Block } from '../../content/types.js';

/**
 * One agency item as Lede keeps it, whatever it came in as (dpa digitalwires,
 * ninjs 1.x–3.x, NewsML-G2). The readers in this folder turn a document into
 * this shape; the wire desk (services/wire-desk.ts) stores it, versions it
 * and makes stories from it. Pure data: no I/O.
 *
 * Anything the agency marks as not for publication (`notes` with
 * `publishable: false`, `usageTerms`) is desk-only: it never reaches a story's
 * public fields, a reader page, a feed or an API answer.
 */
export const WIRE_FORMATS = ['digitalwires', 'ninjs', 'newsml-g2'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** The agency's publication status: `canceled` and `withheld` withdraw the item. */
export const WIRE_PUB_STATUSES = ['usable', 'withheld', 'canceled'] as const;
export type WirePubStatus = (typeof WIRE_PUB_STATUSES)[number];

export const WIRE_ITEM_TYPES = ['text', 'picture', 'graphic', 'video', 'audio', 'composite', 'package', 'event', 'other'] as const;
export type WireItemType = (typeof WIRE_ITEM_TYPES)[number];

/** Rights of the item or of one associated picture/audio/video, as the agency states them. */
export interface WireRights {
  /** Credit line as to be printed, e.g. "dpa" or "Hendrik Schmidt/dpa". */
  credit?: string;
  copyrightHolder?: string;
  copyrightNotice?: string;
  /** Usage terms (internal: shown to editors, never to readers). */
  usageTerms?: string;
  /** Not to be used after this instant (ISO 8601). */
  validUntil?: string;
}

/** One file of an associated picture/audio/video (a size or format). */
export interface WireRendition {
  /** The agency's name for it ("baseImage", "thumbnail", "raw", "16:9"…). */
  role?: string;
  href: string;
  mimeType?: string;
  width?: number;
  height?: number;
  sizeBytes?: number;
  durationSeconds?: number;
}

/** A picture, graphic, audio, video or text linked to the item (dpa associations, ninjs associations, G2 links/groups). */
export interface WireAssociation {
  kind: 'picture' | 'graphic' | 'video' | 'audio' | 'text' | 'other';
  guid?: string;
  version?: number;
  /** Order given by the agency (1 = first). */
  rank?: number;
  headline?: string;
  caption?: string;
  altText?: string;
  rights: WireRights;
  renditions: WireRendition[];
}

/** How a category is meant: the mapping rules of a source match on scheme + code or name. */
export const WIRE_CATEGORY_SCHEMES = ['desk', 'dpasubject', 'mediatopic', 'geo', 'genre', 'keyword', 'poi', 'service', 'other'] as const;
export type WireCategoryScheme = (typeof WIRE_CATEGORY_SCHEMES)[number];

export interface WireCategory {
  scheme: WireCategoryScheme;
  /** The qcode or uri, e.g. "dpacat:pl", "medtop:11000000", "dpacountry:184". */
  code?: string;
  name: string;
}

/** A note to editors: dpa notepad and ednotes, ninjs/G2 ednote. */
export interface WireNote {
  text: string;
  /** False for notes the agency marks as not for publication (the default for anything unclear). */
  publishable: boolean;
  role?: string;
}

/** A box beside the text (dpa infobox_html / linkbox_html): a heading and blocks. */
export interface WireBox {
  role: 'infobox' | 'linkbox';
  heading?: string;
  blocks: Block[];
}

export interface WireItem {
  format: WireFormat;
  /** The version of the format the document states or has the shape of ("0.9.1", "3.1"…). */
  formatVersion?: string;
  /** The agency's identity of the item (dpa urn, ninjs uri, G2 guid); with the source, the desk's key. */
  guid: string;
  /** The agency's version of the item, ≥ 1; a newer one replaces an older. */
  version: number;
  versionCreated?: string;
  firstCreated?: string;
  pubStatus: WirePubStatus;
  /** Signals as given ("sig:correction", "sig:update"…). */
  signals: string[];
  /** True when the agency calls this version a correction. */
  correction: boolean;
  /** Sperrfrist: not to be published before this instant (ISO 8601 with offset). */
  embargoUntil?: string;
  /** 1 (flash) … 9; 1–2 are an Eilmeldung on the desk. */
  urgency?: number;
  language?: string;
  type: WireItemType;
  kicker?: string;
  headline: string;
  subhead?: string;
  teaser?: string;
  byline?: string;
  dateline?: string;
  /** The text as Lede's body blocks (through the allowlist; see warnings for what was dropped). */
  body: Block[];
  boxes: WireBox[];
  /** "dpa", as printed under the story ("Quelle: dpa"). */
  creditLine?: string;
  rights: WireRights;
  notes: WireNote[];
  associations: WireAssociation[];
  categories: WireCategory[];
  /** A package's items, in order (NewsML-G2 packageItem, ninjs collection). */
  packageItems?: { guid: string; version?: number; headline?: string }[];
  /** What the reader was unsure of or dropped, in plain words ("dropped <table> in the text"). */
  warnings: string[];
}

/** A document that is not an agency item Lede reads: `reason` names what was seen. */
export class WireRefusal extends Error {
  constructor(
    readonly reason: string,
    /** Schema paths that failed, for ninjs validation ("/headlines/0/value: must be string"). */
    readonly paths: string[] = [],
  ) {
    super(paths.length ? `${reason}: ${paths.join('; ')}` : reason);
    this.name = 'WireRefusal';
  }
}
