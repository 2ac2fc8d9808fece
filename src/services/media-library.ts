import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setSharpThreads } from '../imaging/sharp-loader.js';
import { LedeError } from '../content/index.js';
import { CROPS, FORMATS, isShowable, type AssetRights, type Crop, type RenditionFormat } from '../content/media-types.js';
import type { Database } from '../store/types.js';
import { AssetRepository, normaliseRights, type MediaAsset, type RenditionRecord } from '../store/asset-repository.js';
import { countAssetUses, storiesUsingAsset, type AssetUse } from '../store/media-uses.js';
import { listMediaAssets, type MediaCursor, type MediaListFilter } from '../store/media-queries.js';
import { readEmbeddedRights, type EmbeddedRights } from '../imaging/embedded-metadata.js';
import { DEFAULT_LIMITS, EXTENSION, inspectUpload, type IntakeLimits, type UploadInput } from '../imaging/intake.js';
import {
  DEFAULT_RENDITION_SETTINGS, FORMAT_EXTENSION, cropBox, parseRenditionPath, renderCrop, renditionTag, renditionWidths,
  type RenditionOutput, type RenditionSettings,
} from '../imaging/renditions.js';
import type { MediaStorage } from '../storage/storage.js';
import { assetUpdated, type EventBus } from '../events/event-bus.js';
import { assetVersionConflict, mergeRights, sameRights, type AssetChange } from './asset-change.js';

export { assetVersionConflict, mergeRights, publicAsset, type AssetChange, type PublicAsset } from './asset-change.js';

export interface MediaLibraryOptions {
  db: Database;
  storage: MediaStorage;
  limits?: IntakeLimits;
  renditions?: Partial<RenditionSettings>;
  /**
   * Renditions made during the upload, before it reports ready: what the
   * article page needs first. Default: the 16:9 lead crop, every width, every
   * format. The rest (4:3 teasers, 1:1 rails) is made on first request.
   */
  eager?: { crops: readonly Crop[]; formats: readonly RenditionFormat[] };
  /** libvips threads per image (default 1: the site keeps a core while a picture is processed). */
  threads?: number;
  clock?: () => Date;
  /** Told `asset.updated` after every change of an asset's rights, focal point or file (pages showing it are purged). */
  events?: EventBus | undefined;
}

const notFound = (id: string) => new LedeError('NOT_FOUND', `no media asset with id "${id}"`, { reason: 'no_picture' });

export interface UploadResult {
  asset: MediaAsset;
  /** False when the same file was already in the library (that asset is returned as is). */
  created: boolean;
  /** What the file's IPTC/XMP/EXIF said, with each field's source. */
  embedded: EmbeddedRights;
  renditions: RenditionRecord[];
}

export const DEFAULT_EAGER = { crops: ['16:9'] as const, formats: FORMATS };

// Image work runs one job at a time per process: peak memory is one decode.
let queue: Promise<unknown> = Promise.resolve();
/** Runs `job` after all image work queued before it (replacing a file joins the same queue as uploads). */
export function serially<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/** Field lengths of media_assets: embedded text longer than that is cut, never a reason to refuse. */
const cut = (v: string | undefined, n: number) => (v === undefined ? undefined : v.length > n ? `${v.slice(0, n - 1)}…` : v);

/** The rights an upload starts with: the file's embedded metadata, under what the uploader stated. */
export function initialRights(embedded: EmbeddedRights, stated: AssetRights = {}): AssetRights {
  const holder = embedded.copyright?.replace(/^(©|\(c\)|copyright)\s*/i, '');
  const fromFile: AssetRights = {
    credit: cut(embedded.credit, 200),
    copyrightHolder: cut(holder, 200),
    source: cut(embedded.source, 200),
    licence: cut(embedded.licenceUrl, 500),
    usageTerms: cut(embedded.usageTerms, 2000),
    creator: cut(embedded.creator, 200),
    validFrom: embedded.validFrom,
    validUntil: embedded.validUntil,
  };
  const out: AssetRights = {};
  for (const key of Object.keys(fromFile) as (keyof AssetRights)[]) {
    const v = stated[key] ?? fromFile[key];
    if (v) out[key] = v;
  }
  return out;
}

/**
 * The media library: uploads (intake, rights from the file, storage, record,
 * first renditions) and renditions on demand. An upload that fails at any
 * step leaves no record and no file behind.
 */
export class MediaLibrary {
  readonly assets: AssetRepository;
  private readonly limits: IntakeLimits;
  private readonly settings: RenditionSettings;
  private readonly eager: { crops: readonly Crop[]; formats: readonly RenditionFormat[] };
  private readonly clock: () => Date;
  private readonly inFlight = new Map<string, Promise<RenditionRecord>>();

  constructor(private readonly opts: MediaLibraryOptions) {
    this.assets = new AssetRepository(opts.db);
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.settings = { ...DEFAULT_RENDITION_SETTINGS, limitInputPixels: this.limits.maxPixels, ...opts.renditions };
    this.eager = opts.eager ?? DEFAULT_EAGER;
    this.clock = opts.clock ?? (() => new Date());
    // Process-wide libvips settings, applied when sharp loads (sharp-loader.ts).
    setSharpThreads(opts.threads ?? 1);
  }

  /** The same library telling `events` of its changes (createServices hands a library built without a bus the process's bus). */
  withEvents(events: EventBus | undefined): MediaLibrary {
    return events === this.opts.events ? this : new MediaLibrary({ ...this.opts, events });
  }

  /** The asset, or NOT_FOUND (reason no_picture). */
  async find(id: string): Promise<MediaAsset> {
    const asset = await this.assets.get(id);
    if (!asset) throw notFound(id);
    return asset;
  }

  /** One page of the library, newest first, with how many stories use each asset. */
  async list(filter: MediaListFilter): Promise<{ items: { asset: MediaAsset; usedIn: number }[]; next?: MediaCursor }> {
    const page = await listMediaAssets(this.opts.db, filter, this.clock());
    return { ...page, items: await this.withUses(page.items) };
  }

  /** Assets whose rights lapse within 7 days (soonest first), with usage counts. */
  async expiring(): Promise<{ asset: MediaAsset; usedIn: number }[]> {
    return this.withUses(await this.assets.expiring(this.clock()));
  }

  /** The stories that use an asset, most recently changed first. */
  uses(id: string): Promise<AssetUse[]> {
    return storiesUsingAsset(this.opts.db, id);
  }

  /** How many stories use one asset. */
  async usedIn(id: string): Promise<number> {
    return (await countAssetUses(this.opts.db, [id])).get(id) ?? 0;
  }

  private async withUses(assets: MediaAsset[]): Promise<{ asset: MediaAsset; usedIn: number }[]> {
    const counts = await countAssetUses(this.opts.db, assets.map((a) => a.id));
    return assets.map((asset) => ({ asset, usedIn: counts.get(asset.id) ?? 0 }));
  }

  /**
   * Changes an asset's rights and/or focal point as one new version, when
   * `expectedVersion` (the version the editor saw) is still current:
   * otherwise VERSION_CONFLICT with the stored asset and `yours`, and nothing
   * is written. The rights are checked as a whole after the change
   * (VALIDATION, reason rights_invalid, an issue per field). A change that
   * changes nothing writes nothing. A new focal point drops the renditions of
   * the old cut (their files too, when nothing else uses them). Tells the
   * bus `asset.updated`, so pages showing the picture are purged.
   */
  async change(id: string, change: AssetChange, opts: { expectedVersion?: number; yours?: unknown } = {}): Promise<MediaAsset> {
    const result = await this.opts.db.transaction(async (tx) => {
      const repo = new AssetRepository(tx);
      const current = await repo.getForUpdate(id);
      if (!current) throw notFound(id);
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
        throw assetVersionConflict(current, opts.yours ?? change, opts.expectedVersion);
      }
      const rights = change.rights && normaliseRights(mergeRights(current.rights, change.rights));
      const newRights = rights && !sameRights(rights, current.rights) ? rights : undefined;
      const focal = change.focal && (change.focal.x !== current.focalX || change.focal.y !== current.focalY) ? change.focal : undefined;
      if (!newRights && !focal) return { asset: current, droppedKeys: [] as string[], changed: false };
      return { ...(await repo.update(id, { ...(newRights && { rights: newRights }), ...(focal && { focal }) })), changed: true };
    });
    await this.removeUnused(result.droppedKeys);
    if (result.changed) await this.announce(id);
    return result.asset;
  }

  /**
   * Replaces an asset's file and keeps the asset: its id (so every story that
   * uses it keeps using it), rights and focal point. The new original passes
   * the same intake as an upload; its eager renditions are made before
   * anything is written; the record changes in one transaction, as one new
   * version, when `expectedVersion` is still current (else VERSION_CONFLICT);
   * the old original and renditions are deleted afterwards when nothing else
   * refers to them. A failure at any step leaves the asset as it was and no
   * new file behind. The same file again changes nothing.
   */
  async replaceFile(id: string, input: UploadInput, opts: { expectedVersion?: number } = {}): Promise<{ asset: MediaAsset; embedded: EmbeddedRights }> {
    const current = await this.find(id);
    const yours = { file: input.fileName ?? null };
    // Checked before the expensive work too, so a stale form costs no decode.
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) throw assetVersionConflict(current, yours, opts.expectedVersion);
    // The full decode and the renditions queue behind other image work, like an upload's.
    const checked = await serially(() => inspectUpload(input, this.limits));
    const embedded = readEmbeddedRights(checked);
    if (checked.sha256 === current.sha256) return { asset: current, embedded };
    const twin = await this.assets.bySha256(checked.sha256);
    if (twin) {
      throw new LedeError('CONFLICT', `this file is already in the library as another asset (${twin.id}); use that one, or replace with a different file`, {
        reason: 'file_in_library', params: { assetId: twin.id },
      });
    }
    const focal = { x: current.focalX, y: current.focalY };
    const outputs: RenditionOutput[] = [];
    for (const crop of this.eager.crops) {
      const widths = renditionWidths(cropBox(checked.width, checked.height, crop, focal).width);
      outputs.push(...await serially(() => renderCrop(checked.bytes, { width: checked.width, height: checked.height, focal }, crop, widths, this.eager.formats, this.settings)));
    }
    const created: string[] = [];
    try {
      const original = await this.opts.storage.put(checked.bytes, EXTENSION[checked.mime]);
      if (original.created) created.push(original.key);
      const records: RenditionRecord[] = [];
      for (const o of outputs) {
        const stored = await this.opts.storage.put(o.data, FORMAT_EXTENSION[o.format]);
        if (stored.created) created.push(stored.key);
        records.push({ assetId: id, crop: o.crop, width: o.width, height: o.height, format: o.format, storageKey: stored.key, bytes: stored.bytes });
      }
      const name = input.fileName?.split(/[\\/]/).pop();
      const { asset, dropped } = await this.opts.db.transaction(async (tx) => {
        const repo = new AssetRepository(tx);
        const locked = await repo.getForUpdate(id);
        if (!locked) throw notFound(id);
        if (opts.expectedVersion !== undefined && opts.expectedVersion !== locked.version) throw assetVersionConflict(locked, yours, opts.expectedVersion);
        const file = {
          sha256: checked.sha256, mime: checked.mime, width: checked.width, height: checked.height, bytes: checked.bytes.length, storageKey: original.key,
          ...(name && { originalName: name }), ...(embedded.caption && { embeddedCaption: embedded.caption }),
        };
        const replaced = await repo.replaceFile(id, file, records);
        return { asset: replaced.asset, dropped: [locked.storageKey, ...replaced.droppedKeys] };
      });
      await this.removeUnused(dropped);
      await this.announce(id);
      return { asset, embedded };
    } catch (err) {
      await this.removeUnused(created);
      if (err instanceof Error && !(err instanceof LedeError) && /media_assets_sha256_key|unique/i.test(err.message)) {
        throw new LedeError('CONFLICT', 'the same file was uploaded as another asset meanwhile; try again', { reason: 'upload_raced', cause: err });
      }
      throw err;
    }
  }

  /** Tells listeners an asset changed (`asset.updated`): the page cache purges every page showing it, on every node through the relay. */
  private async announce(id: string): Promise<void> {
    await this.opts.events?.emit(assetUpdated(id));
  }

  /**
   * Takes an upload in: checks it (inspectUpload), reads its rights, stores
   * the original and its eager renditions, records all of it in one
   * transaction. `rights` given by the uploader win over the file's own.
   */
  async upload(input: UploadInput, opts: { createdBy?: string; rights?: AssetRights; focal?: { x: number; y: number } } = {}): Promise<UploadResult> {
    // The full decode in intake is image work too: queued, so concurrent uploads do not add up in memory.
    const checked = await serially(() => inspectUpload(input, this.limits));
    const embedded = readEmbeddedRights(checked);
    const known = await this.assets.bySha256(checked.sha256);
    if (known) return { asset: known, created: false, embedded, renditions: await this.assets.renditions(known.id) };

    const rights = initialRights(embedded, opts.rights);
    const focal = opts.focal ?? { x: 0.5, y: 0.5 };
    const id = randomUUID();
    const source = { width: checked.width, height: checked.height, focal };
    const outputs: RenditionOutput[] = [];
    for (const crop of this.eager.crops) {
      const widths = renditionWidths(cropBox(source.width, source.height, crop, focal).width);
      outputs.push(...await serially(() => renderCrop(checked.bytes, source, crop, widths, this.eager.formats, this.settings)));
    }

    const createdKeys: string[] = [];
    try {
      const original = await this.opts.storage.put(checked.bytes, EXTENSION[checked.mime]);
      if (original.created) createdKeys.push(original.key);
      const records: RenditionRecord[] = [];
      for (const o of outputs) {
        const stored = await this.opts.storage.put(o.data, FORMAT_EXTENSION[o.format]);
        if (stored.created) createdKeys.push(stored.key);
        records.push({ assetId: id, crop: o.crop, width: o.width, height: o.height, format: o.format, storageKey: stored.key, bytes: stored.bytes });
      }
      const result = await this.opts.db.transaction(async (tx) => {
        const repo = new AssetRepository(tx);
        const { asset, created } = await repo.insert({
          id, sha256: checked.sha256, ...(input.fileName && { originalName: input.fileName.split(/[\\/]/).pop()! }),
          mime: checked.mime, width: checked.width, height: checked.height, bytes: checked.bytes.length, storageKey: original.key,
          focalX: focal.x, focalY: focal.y, rights, ...(embedded.caption && { embeddedCaption: embedded.caption }),
          ...(opts.createdBy && { createdBy: opts.createdBy }),
        });
        if (!created) return { asset, created, renditions: await repo.renditions(asset.id) };
        for (const r of records) await repo.addRendition(r);
        return { asset, created, renditions: records };
      });
      if (!result.created) await this.removeUnused(createdKeys); // a concurrent upload of the same file won
      return { ...result, embedded };
    } catch (err) {
      await this.removeUnused(createdKeys);
      throw err;
    }
  }

  /** Deletes stored files no record refers to (after a failed or lost upload). */
  private async removeUnused(keys: string[]): Promise<void> {
    for (const key of new Set(keys)) {
      try {
        if (!(await this.assets.keyInUse(key))) await this.opts.storage.delete(key);
      } catch {
        // best effort: a stray content-addressed file is harmless
      }
    }
  }

  /**
   * One rendition, made now when it does not exist yet (one decode, one
   * encode, queued behind other image work). Concurrent requests for the same
   * rendition share one job. NOT_FOUND for unknown assets and for widths the
   * crop does not have.
   */
  async ensureRendition(assetId: string, crop: Crop, width: number, format: RenditionFormat): Promise<RenditionRecord> {
    const existing = await this.assets.rendition(assetId, crop, width, format);
    if (existing) return existing;
    const key = `${assetId}|${crop}|${width}|${format}`;
    let job = this.inFlight.get(key);
    if (!job) {
      job = this.makeRendition(assetId, crop, width, format).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, job);
    }
    return job;
  }

  private async makeRendition(assetId: string, crop: Crop, width: number, format: RenditionFormat): Promise<RenditionRecord> {
    const asset = await this.assets.get(assetId);
    if (!asset) throw notFound(assetId);
    if (!CROPS.includes(crop) || !FORMATS.includes(format)) throw new LedeError('NOT_FOUND', `no rendition ${crop} ${format}`, { reason: 'no_rendition' });
    const focal = { x: asset.focalX, y: asset.focalY };
    const box = cropBox(asset.width, asset.height, crop, focal);
    if (!renditionWidths(box.width).includes(width)) throw new LedeError('NOT_FOUND', `the ${crop} crop of asset ${assetId} has no ${width} px rendition`, { reason: 'no_rendition' });
    const original = await this.opts.storage.get(asset.storageKey);
    if (!original) throw new LedeError('UNAVAILABLE', `the original of media asset ${assetId} is missing from storage (${asset.storageKey})`, { reason: 'media_file_missing' });
    const [out] = await serially(() => renderCrop(original, { width: asset.width, height: asset.height, focal }, crop, [width], [format], this.settings));
    const stored = await this.opts.storage.put(out!.data, FORMAT_EXTENSION[format]);
    const record: RenditionRecord = { assetId, crop, width, height: out!.height, format, storageKey: stored.key, bytes: stored.bytes };
    if (!(await this.assets.addRendition(record))) {
      // Someone else recorded it meanwhile (another node): theirs counts.
      if (stored.created && !(await this.assets.keyInUse(stored.key))) await this.opts.storage.delete(stored.key);
      return (await this.assets.rendition(assetId, crop, width, format))!;
    }
    return record;
  }

  /**
   * The file behind a public rendition path (see renditionPath), made on
   * first request. NOT_FOUND for a path that is malformed or stale (the
   * focal point moved, so the tag no longer matches); GONE when the asset's
   * rights do not allow showing it now.
   */
  async openRendition(p: string): Promise<{ record: RenditionRecord; stream: Readable; asset: MediaAsset }> {
    const parsed = parseRenditionPath(p);
    const asset = parsed && await this.assets.get(parsed.assetId);
    if (!parsed || !asset) throw new LedeError('NOT_FOUND', 'no such image', { reason: 'no_rendition' });
    if (renditionTag(asset.sha256, { x: asset.focalX, y: asset.focalY }, parsed.crop, parsed.width, parsed.format) !== parsed.tag) {
      throw new LedeError('NOT_FOUND', 'this image address is out of date', { reason: 'image_out_of_date' });
    }
    if (!isShowable(asset.rights, this.clock())) throw new LedeError('GONE', 'the rights to this image do not allow showing it now', { reason: 'image_rights_lapsed' });
    const record = await this.ensureRendition(asset.id, parsed.crop, parsed.width, parsed.format);
    const stream = await this.opts.storage.read(record.storageKey);
    if (!stream) throw new LedeError('UNAVAILABLE', `rendition file ${record.storageKey} is missing from storage`, { reason: 'media_file_missing' });
    return { record, stream, asset };
  }

  /** Moves the focal point (see change); the old renditions are dropped and made again on request. */
  async setFocalPoint(assetId: string, x: number, y: number): Promise<MediaAsset> {
    return this.change(assetId, { focal: { x, y } });
  }

  /** Removes an asset, its renditions and their files. */
  async delete(assetId: string): Promise<boolean> {
    const gone = await this.opts.db.transaction((tx) => new AssetRepository(tx).delete(assetId));
    if (!gone) return false;
    await this.removeUnused([gone.asset.storageKey, ...gone.renditionKeys]);
    return true;
  }
}

/**
 * What the newsroom's media endpoints and pages need: the library (uploads,
 * renditions), its storage (previews, replacing a file) and the limits and
 * clock it was built with. Built once per process (createServices) and
 * handed to createApp / createNewsroom; without it the media endpoints
 * answer 503.
 */
export interface NewsroomMedia {
  library: MediaLibrary;
  storage: MediaStorage;
  limits: IntakeLimits;
  clock: () => Date;
}

/** The media library over `opts` with what the newsroom needs beside it. */
export function newsroomMedia(opts: MediaLibraryOptions): NewsroomMedia {
  const clock = opts.clock ?? (() => new Date());
  return { library: new MediaLibrary({ ...opts, clock }), storage: opts.storage, limits: opts.limits ?? DEFAULT_LIMITS, clock };
}
