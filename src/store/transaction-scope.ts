import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Catches a classic mistake: using `db` instead of `tx` inside
 * `db.transaction(async (tx) => …)`. On PGlite that call waits for the
 * transaction to end, which waits for the call: the process hangs silently.
 * On PostgreSQL it runs outside the transaction (and can deadlock on its row
 * locks). Both engines throw instead, so tests on either one catch it.
 */
const open = new AsyncLocalStorage<ReadonlySet<object>>();

export function inTransactionScope<T>(db: object, fn: () => Promise<T>): Promise<T> {
  const current = open.getStore();
  return open.run(new Set([...(current ?? []), db]), fn);
}

export function assertOutsideTransaction(db: object, what: string): void {
  if (open.getStore()?.has(db)) {
    throw new Error(`${what} called on the database inside db.transaction(); use the transaction's own handle (tx) instead`);
  }
}
