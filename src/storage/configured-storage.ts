import type { MediaStorageConfig } from '../server/config.js';
import { S3Storage } from './s3-storage.js';
import { diskStorageFor, type MediaStorage } from './storage.js';

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
