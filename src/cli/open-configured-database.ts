import { openDatabase, type Database } from '../store/index.js';
import { loadConfig, type Config } from '../server/config.js';

/** Opens the database the environment points at: PostgreSQL when DATABASE_URL is set, else the embedded data directory. */
export async function openConfiguredDatabase(config: Config = loadConfig()): Promise<Database> {
  return openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    checkpointIntervalMs: config.checkpointIntervalMs,
  });
}
