/**
 * A migrated embedded data directory, built once and copied for every test
 * file: creating a PGlite database costs 10–15 s, copying one a fraction.
 *
 * Cached in .cache/pglite-template-<hash>; the hash covers the migrations, the
 * PGlite version and the code that creates data directories, so any change to
 * them builds a new template (and old ones are deleted).
 *
 * Run directly (`node --import tsx test/helpers/pglite-template.ts`) it builds
 * or reuses the template and prints one line; scripts/test.mjs does that
 * before the tests start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot, listMigrations, openDatabase } from '../../src/store/index.js';

export const ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = path.join(ROOT, '.cache');
const COMPLETE = '.template-complete';

function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const pkg = path.join(findPackageRoot(path.dirname(entry)), 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export function templateFingerprint(): string {
  const h = createHash('sha256');
  h.update(`pglite ${pgliteVersion()}\n`);
  // The code that decides how a data directory is created (WAL settings etc.).
  h.update(fs.readFileSync(path.join(ROOT, 'src/store/open-embedded-database.ts')));
  for (const m of listMigrations()) h.update(`${m.name}\n`).update(fs.readFileSync(m.file));
  return h.digest('hex').slice(0, 16);
}

export function templateDir(): string {
  return path.join(CACHE, `pglite-template-${templateFingerprint()}`);
}

export interface TemplateInfo {
  dir: string;
  built: boolean;
  ms: number;
}

/**
 * Returns the template, building it when missing. Safe when several test
 * processes call it at once: each builds into its own folder and renames it
 * into place; the loser of the rename throws its copy away.
 */
export async function ensurePgliteTemplate(): Promise<TemplateInfo> {
  const dir = templateDir();
  const started = performance.now();
  if (fs.existsSync(path.join(dir, COMPLETE))) return { dir, built: false, ms: performance.now() - started };
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = `${dir}.build-${process.pid}-${Date.now()}`;
  try {
    const db = await openDatabase({ dataDir: staging, checkpointIntervalMs: 0, onWarning: () => undefined });
    await db.close();
    fs.writeFileSync(path.join(staging, COMPLETE), `${new Date().toISOString()}\n`);
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  removeOldTemplates(path.basename(dir));
  return { dir, built: true, ms: performance.now() - started };
}

function removeOldTemplates(keep: string): void {
  for (const name of fs.readdirSync(CACHE)) {
    if (!name.startsWith('pglite-template-') || name === keep) continue;
    const full = path.join(CACHE, name);
    // A build folder may belong to a running process; one an hour old was left by a killed run.
    if (name.includes('.build-') && Date.now() - fs.statSync(full).mtimeMs < 3600_000) continue;
    fs.rmSync(full, { recursive: true, force: true });
  }
}

/** Copies the template to `dest` (which must not exist) and returns `dest`, a ready LEDE_DATA_DIR. */
export async function cloneTemplate(dest: string): Promise<string> {
  const { dir } = await ensurePgliteTemplate();
  fs.cpSync(dir, dest, { recursive: true, filter: (src) => path.basename(src) !== COMPLETE });
  return dest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = await ensurePgliteTemplate();
  const where = path.relative(ROOT, t.dir);
  console.log(t.built ? `PGlite template built in ${(t.ms / 1000).toFixed(1)} s (${where})` : `PGlite template reused (${where})`);
}
