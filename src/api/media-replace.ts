import { LedeError } from '../content/index.js';
import { AssetRepository, type MediaAsset, type RenditionRecord } from '../store/asset-repository.js';
import { DEFAULT_EAGER, serially } from '../services/media-library.js';
import { DEFAULT_RENDITION_SETTINGS, FORMAT_EXTENSION, cropBox, renderCrop, renditionWidths, type RenditionOutput } from '../imaging/renditions.js';
import { EXTENSION, inspectUpload, type UploadInput } from '../imaging/intake.js';
import { readEmbeddedRights, type EmbeddedRights } from '../imaging/embedded-metadata.js';
import type { Database } from '../store/types.js';
import type { NewsroomMedia } from '../services/media-library.js';

/**
 * Replaces an asset's file and keeps the asset: its id (so every story that
 * uses it keeps using it), rights and focal point. The new original passes the
 * same intake as an upload; its 16:9 renditions are made before anything is
 * written; the record changes in one transaction; the old original and
 * renditions are deleted afterwards when nothing else refers to them. A
 * failure at any step leaves the asset as it was and no new file behind.
 */
export async function replaceAssetFile(db: Database, media: NewsroomMedia, assetId: string, input: UploadInput): Promise<{ asset: MediaAsset; embedded: EmbeddedRights }> {
  const repo = new AssetRepository(db);
  const current = await repo.get(assetId);
  if (!current) throw new LedeError('NOT_FOUND', `no media asset ${assetId}`);
  // The full decode and the renditions queue behind other image work, like an upload's.
  const checked = await serially(() => inspectUpload(input, media.limits));
  const embedded = readEmbeddedRights(checked);
  if (checked.sha256 === current.sha256) return { asset: current, embedded };
  const twin = await repo.bySha256(checked.sha256);
  if (twin) throw new LedeError('CONFLICT', `this file is already in the library as another asset (${twin.id}); use that one, or replace with a different file`);

  const focal = { x: current.focalX, y: current.focalY };
  const settings = { ...DEFAULT_RENDITION_SETTINGS, limitInputPixels: media.limits.maxPixels };
  const outputs: RenditionOutput[] = [];
  for (const crop of DEFAULT_EAGER.crops) {
    const widths = renditionWidths(cropBox(checked.width, checked.height, crop, focal).width);
    outputs.push(...await serially(() => renderCrop(checked.bytes, { width: checked.width, height: checked.height, focal }, crop, widths, DEFAULT_EAGER.formats, settings)));
  }

  const created: string[] = [];
  const removeUnused = async (keys: string[]) => {
    for (const key of new Set(keys)) {
      try {
        if (!(await repo.keyInUse(key))) await media.storage.delete(key);
      } catch {
        // best effort: a stray content-addressed file is harmless
      }
    }
  };
  try {
    const original = await media.storage.put(checked.bytes, EXTENSION[checked.mime]);
    if (original.created) created.push(original.key);
    const records: RenditionRecord[] = [];
    for (const o of outputs) {
      const stored = await media.storage.put(o.data, FORMAT_EXTENSION[o.format]);
      if (stored.created) created.push(stored.key);
      records.push({ assetId, crop: o.crop, width: o.width, height: o.height, format: o.format, storageKey: stored.key, bytes: stored.bytes });
    }
    const name = input.fileName?.split(/[\\/]/).pop()?.slice(0, 255) ?? null;
    const { asset, dropped } = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `UPDATE media_assets SET sha256 = $2, original_name = $3, mime = $4, width = $5, height = $6, bytes = $7, storage_key = $8,
           embedded_caption = $9, updated_at = now()
         WHERE id = $1::uuid RETURNING id`,
        [assetId, checked.sha256, name, checked.mime, checked.width, checked.height, checked.bytes.length, original.key,
          embedded.caption?.slice(0, 2000) ?? null],
      );
      if (!rows[0]) throw new LedeError('NOT_FOUND', `no media asset ${assetId}`);
      const old = await tx.query<{ storage_key: string }>('DELETE FROM media_renditions WHERE asset_id = $1::uuid RETURNING storage_key', [assetId]);
      const txRepo = new AssetRepository(tx);
      for (const r of records) await txRepo.addRendition(r);
      return { asset: (await txRepo.get(assetId))!, dropped: old.map((o) => o.storage_key) };
    });
    await removeUnused([current.storageKey, ...dropped]);
    return { asset, embedded };
  } catch (err) {
    await removeUnused(created);
    if (err instanceof Error && /media_assets_sha256_key|unique/i.test(err.message) && !(err instanceof LedeError)) {
      throw new LedeError('CONFLICT', 'the same file was uploaded as another asset meanwhile; try again', { cause: err });
    }
    throw err;
  }
}
