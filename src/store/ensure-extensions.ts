import type { Queryable } from './types.js';

/** Extensions later features (accent-insensitive and fuzzy search) use when present. */
export const OPTIONAL_EXTENSIONS = ['pg_trgm', 'unaccent'] as const;

async function installed(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ extname: string }>('SELECT extname FROM pg_extension');
  return new Set(rows.map((r) => r.extname));
}

/**
 * Creates the optional extensions that are missing and returns those present.
 * Never fails the start: without the right to create an extension (or when the
 * server lacks it) we warn once and carry on; nothing in the schema needs them.
 */
export async function ensureExtensions(db: Queryable, where: string, warn: (message: string) => void): Promise<string[]> {
  const have = await installed(db);
  for (const name of OPTIONAL_EXTENSIONS) {
    if (have.has(name)) continue;
    try {
      await db.query(`CREATE EXTENSION IF NOT EXISTS ${name}`);
      have.add(name);
    } catch (err) {
      // Another app node may have created it at the same moment.
      if ((await installed(db)).has(name)) {
        have.add(name);
        continue;
      }
      const code = (err as { code?: string }).code;
      const why = code === '42501' ? 'no permission to create it' : (err as Error).message;
      warn(`${where}: extension ${name} is not available (${why}); search works without it. A database owner can add it with: CREATE EXTENSION ${name};`);
    }
  }
  return OPTIONAL_EXTENSIONS.filter((n) => have.has(n));
}
