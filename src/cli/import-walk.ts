import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file `lede import` will read: its path as shown (and opened) and, under a folder argument, its path relative to that folder. */
export interface WalkedFile {
  path: string;
  /** Set for files found by walking a folder argument. */
  relative?: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Some argument was a folder: the run is a bulk import (journal, resume, summary). */
  walkedFolder: boolean;
  /** Folders that could not be listed, with the reason; reported as failures. */
  problems: Array<{ path: string; reason: string }>;
}

/**
 * Expands the command's arguments: a folder becomes the regular files under
 * it, recursively, in a stable order (names compared by code unit, at every
 * level), skipping names that start with "." (hidden files and folders such
 * as .git) and anything that is neither file nor folder. Symbolic links are
 * followed, but a folder already walked in this run (a link loop, or the same
 * folder named twice) is not walked again, and a file reached twice in folders
 * is taken once.
 * Anything else (a file, or a path that does not exist) is kept as given, so
 * reading it reports the problem exactly as for a single file.
 */
export async function walkArguments(args: readonly string[]): Promise<WalkResult> {
  const out: WalkResult = { files: [], walkedFolder: false, problems: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const walk = async (dir: string, root: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort(byCodeUnit);
    } catch (err) {
      out.problems.push({ path: dir, reason: `cannot list folder (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let info;
      try {
        info = await stat(full); // follows links; a dangling link fails here
      } catch (err) {
        out.problems.push({ path: full, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      const id = `${info.dev}:${info.ino}`;
      if (info.isDirectory()) {
        if (seenDirs.has(id)) continue;
        seenDirs.add(id);
        await walk(full, root);
      } else if (info.isFile()) {
        if (seenFiles.has(id)) continue;
        seenFiles.add(id);
        out.files.push({ path: full, relative: path.relative(root, full).split(path.sep).join('/') });
      }
    }
  };

  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      out.walkedFolder = true;
      const id = `${info.dev}:${info.ino}`;
      if (seenDirs.has(id)) continue;
      seenDirs.add(id);
      await walk(arg, arg);
    } else {
      // As given, every time: naming a file twice imports it twice, as it always did (a bulk run skips the second as a duplicate).
      out.files.push({ path: arg });
    }
  }
  return out;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
