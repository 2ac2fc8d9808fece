import { S3Storage } from './s3-storage.js';
import { diskStorageFor, type MediaStorage } from './storage.js';

/** Media file storage: `<dataDir>/media` on disk, or an S3-compatible bucket shared by every app node (server/config reads it from LEDE_MEDIA_STORAGE and LEDE_S3_*). */
export type MediaStorageConfig =
  | { kind: 'disk' }
  | { kind: 's3'; endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; prefix?: string; pathStyle: boolean };

/**
 * The storage a configuration names: `<dataDir>/media` on disk, or an
 * S3-compatible bucket (several app nodes then share the files).
 */
export function mediaStorageFor(config: { dataDir: string; mediaStorage?: MediaStorageConfig }): MediaStorage {
  const c = config.mediaStorage;
  if (!c || c.kind === 'disk') return diskStorageFor(config.dataDir);
  const { kind: _kind, ...s3 } = c;
  return new S3Storage(s3);
}
