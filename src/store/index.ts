export * from './types.js';
export { openDatabase } from './open-database.js';
export { migrate, listMigrations, migrationsDir, findPackageRoot, type Migration, type MigrationResult } from './migrate.js';
export { StoryRepository, isUuid, MAX_PAGE } from './story-repository.js';
export { acquireDataDirLock, LOCK_FILE, type DataDirLock, type LockInfo } from './data-dir-lock.js';
export { PG_SUBDIR } from './open-embedded-database.js';
export { DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy } from './checkpointer.js';
export { OPTIONAL_EXTENSIONS } from './ensure-extensions.js';
export { listSections, listTopics, type SectionInfo, type TopicInfo } from './catalog-queries.js';
