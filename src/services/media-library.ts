import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { LedeError } from '../content/index.js';
import type { Database } from '../store/types.js';
import { AssetRepository, isShowable, type AssetRights, type MediaAsset, type RenditionRecord } from '../store/asset-repository.js';
import { readEmbeddedRights, type EmbeddedRights } from '../imaging/embedded-metadata.js';
import { DEFAULT_LIMITS, EXTENSION, inspectUpload, type IntakeLimits, type UploadInput } from '../imaging/intake.js';
import {
  CROPS, DEFAULT_RENDITION_SETTINGS, FORMATS, FORMAT_EXTENSION, cropBox, parseRenditionPath, renderCrop, renditionTag, renditionWidths,
  type Crop, type RenditionFormat, type RenditionOutput, type RenditionSettings,
} from '../imaging/renditions.js';
import type { MediaStorage } from '../storage/storage.js';

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
}

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
    // Process-wide libvips settings: no operation cache (it would hold decoded
    // originals), and a bounded number of threads per image.
    sharp.cache(false);
    sharp.concurrency(opts.threads ?? 1);
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
    for (const key of keys) {
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
    if (!asset) throw new LedeError('NOT_FOUND', `no media asset ${assetId}`);
    if (!CROPS.includes(crop) || !FORMATS.includes(format)) throw new LedeError('NOT_FOUND', `no rendition ${crop} ${format}`);
    const focal = { x: asset.focalX, y: asset.focalY };
    const box = cropBox(asset.width, asset.height, crop, focal);
    if (!renditionWidths(box.width).includes(width)) throw new LedeError('NOT_FOUND', `the ${crop} crop of asset ${assetId} has no ${width} px rendition`);
    const original = await this.opts.storage.get(asset.storageKey);
    if (!original) throw new LedeError('UNAVAILABLE', `the original of media asset ${assetId} is missing from storage (${asset.storageKey})`);
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
    if (!parsed || !asset) throw new LedeError('NOT_FOUND', 'no such image');
    if (renditionTag(asset.sha256, { x: asset.focalX, y: asset.focalY }, parsed.crop, parsed.width, parsed.format) !== parsed.tag) {
      throw new LedeError('NOT_FOUND', 'this image address is out of date');
    }
    if (!isShowable(asset.rights, this.clock())) throw new LedeError('GONE', 'the rights to this image do not allow showing it now');
    const record = await this.ensureRendition(asset.id, parsed.crop, parsed.width, parsed.format);
    const stream = await this.opts.storage.read(record.storageKey);
    if (!stream) throw new LedeError('UNAVAILABLE', `rendition file ${record.storageKey} is missing from storage`);
    return { record, stream, asset };
  }

  /** Moves the focal point; the old renditions are dropped (and their files, when unshared) and the eager ones made again lazily. */
  async setFocalPoint(assetId: string, x: number, y: number): Promise<MediaAsset> {
    const { asset, droppedKeys } = await this.assets.setFocalPoint(assetId, x, y);
    await this.removeUnused(droppedKeys);
    return asset;
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

export function newsroomMedia(opts: MediaLibraryOptions): NewsroomMedia {
  const clock = opts.clock ?? (() => new Date());
  return { library: new MediaLibrary({ ...opts, clock }), storage: opts.storage, limits: opts.limits ?? DEFAULT_LIMITS, clock };
}
