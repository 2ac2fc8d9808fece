import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LedeError } from '../content/index.js';

/**
 * Where media files live. Keys are content-addressed ("ab/ab12…ef.jpg": the
 * SHA-256 of the bytes, its first two hex digits as a folder), so a file is
 * never overwritten with other bytes, the same bytes are stored once, and a
 * URL made from a key can be cached forever.
 *
 * Backends: the disk (below; the embedded default). An S3-compatible backend
 * is planned behind the same interface and not yet built.
 */
export interface MediaStorage {
  /** Stores `bytes` under their content key and returns it; a no-op when already stored. */
  put(bytes: Buffer, extension: string): Promise<StoredObject>;
  /** The whole object, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** A stream of the object (for serving), or undefined when there is none. */
  read(key: string): Promise<Readable | undefined>;
  stat(key: string): Promise<{ bytes: number } | undefined>;
  /** Removes the object; true when it existed. */
  delete(key: string): Promise<boolean>;
}

export interface StoredObject {
  key: string;
  bytes: number;
  /** False when the same bytes were already stored (deduplicated). */
  created: boolean;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,5}$/;

/** The content key of `bytes`: "<first two hex>/<sha256>.<extension>". */
export function contentKey(bytes: Buffer, extension: string): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return `${sha.slice(0, 2)}/${sha}.${extension}`;
}

/** True for a well-formed key: nothing else ever reaches the file system. */
export function isContentKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * Files under one directory (default `<LEDE_DATA_DIR>/media`). Writes go to a
 * temporary file in the same directory and are renamed into place, so a
 * reader never sees half a file and a crash leaves at most a stray temporary
 * file (".tmp-…", removed by cleanTemporaryFiles at start).
 */
export class DiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private file(key: string): string {
    if (!isContentKey(key)) throw new LedeError('VALIDATION', `not a media storage key: ${JSON.stringify(key).slice(0, 80)}`, { reason: 'storage_key_invalid' });
    return path.join(this.root, key);
  }

  async put(bytes: Buffer, extension: string): Promise<StoredObject> {
    const key = contentKey(bytes, extension);
    const file = this.file(key);
    const existing = await this.stat(key);
    if (existing && existing.bytes === bytes.length) return { key, bytes: bytes.length, created: false };
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await fsp.writeFile(tmp, bytes, { flag: 'wx' });
      await fsp.rename(tmp, file);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw new LedeError('UNAVAILABLE', `could not store a media file in ${this.root}: ${(err as Error).message}`, { reason: 'storage_unavailable', cause: err });
    }
    return { key, bytes: bytes.length, created: true };
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fsp.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async read(key: string): Promise<Readable | undefined> {
    const file = this.file(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | undefined> {
    try {
      const s = await fsp.stat(this.file(key));
      return { bytes: s.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await fsp.unlink(this.file(key));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** Removes temporary files a crashed write left behind. */
  cleanTemporaryFiles(): number {
    let removed = 0;
    if (!fs.existsSync(this.root)) return 0;
    for (const dir of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(this.root, dir.name))) {
        if (f.startsWith('.tmp-')) {
          fs.rmSync(path.join(this.root, dir.name, f), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

/** The disk storage of a data directory: `<dataDir>/media`. */
export function diskStorageFor(dataDir: string): DiskStorage {
  return new DiskStorage(path.join(dataDir, 'media'));
}

