import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work that should not wait behind reader-page renders for the database:
 * the newsroom's requests (an editor publishing during a traffic spike).
 * The embedded engine runs one statement at a time and serves this lane
 * first; everything started inside `withDatabasePriority` is in it.
 */
const lane = new AsyncLocalStorage<true>();

export function withDatabasePriority<T>(fn: () => T): T {
  return lane.run(true, fn);
}

export function hasDatabasePriority(): boolean {
  return lane.getStore() === true;
}
