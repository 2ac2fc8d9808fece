import { openDatabase, type Database } from '../store/index.js';
import { loadConfig, type Config } from '../server/config.js';

/** Opens the database the environment points at: PostgreSQL when DATABASE_URL is set, else the embedded data directory. */
export async function openConfiguredDatabase(config: Config = loadConfig(), opts: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase({
    migrate: opts.migrate ?? true,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    checkpointIntervalMs: config.checkpointIntervalMs,
  });
}
