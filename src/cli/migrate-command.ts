import { migrate } from '../store/index.js';
import type { CommandIO } from './command-support.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const MIGRATE_HELP = `Usage: lede migrate

Applies pending SQL migrations to the database (embedded LEDE_DATA_DIR, or
DATABASE_URL). Safe to run repeatedly and from several nodes at once.
`;

export async function runMigrate(args: string[], io: CommandIO): Promise<number> {
  if (args.length) {
    io.stderr.write(`lede migrate: takes no arguments, got "${args.join(' ')}". See --help.\n`);
    return 2;
  }
  const db = await openConfiguredDatabase(undefined, { migrate: false });
  try {
    const result = await migrate(db);
    io.stdout.write(result.applied.length ? `applied: ${result.applied.join(', ')}\n` : `database is up to date (${db.location})\n`);
    return 0;
  } finally {
    await db.close();
  }
}
