import path from 'node:path';
import { openDatabase, type Database, type OpenOptions } from '../src/store/index.js';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../scripts/pg-cluster.mjs';

type EngineRun = (label: string, open: () => Promise<Database>) => Promise<void>;

/**
 * Runs `run` on PGlite (in `tmp`) and then on a throwaway PostgreSQL cluster,
 * which is stopped afterwards; without PostgreSQL binaries that half is skipped
 * with one line. BENCH_ENGINES (pglite, postgresql) picks one.
 */
export async function onEachEngine(tmp: string, pglite: Partial<OpenOptions>, run: EngineRun, server: Partial<OpenOptions> = {}): Promise<void> {
  // BENCH_ENGINES=pglite or =postgresql runs one half only (for quick runs by hand).
  const only = (process.env.BENCH_ENGINES ?? '').toLowerCase();
  if (!only || only.includes('pglite')) await run('PGlite', () => openDatabase({ dataDir: path.join(tmp, 'pglite'), ...pglite }));
  if (only && !only.includes('postgres')) return;
  let cluster: { url: string; stop: () => Promise<void> };
  try {
    cluster = await startCluster();
  } catch (err) {
    console.log(`PostgreSQL: skipped (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  try {
    await run('PostgreSQL', () => openDatabase({ databaseUrl: cluster.url, ...server }));
  } finally {
    await cluster.stop();
  }
}
