/**
 * "cached plan must not change result type": a prepared read (see the two
 * open-*-database.ts) outlived a change to its tables, such as a migration
 * run while the process serves. The caller forgets the statement and runs the
 * text the usual way.
 */
export function isStalePlan(err: unknown): boolean {
  return (err as { code?: unknown })?.code === '0A000' && /cached plan must not change result type/.test((err as Error)?.message ?? '');
}
