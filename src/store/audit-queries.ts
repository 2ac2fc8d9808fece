import type { Queryable } from './types.js';
import type { AuditAction, AuditEntry } from './audit-repository.js';

/** Reading the audit log (the newsroom's audit page and API); entries are written by audit() in audit-repository.ts. */

export async function listAudit(db: Queryable, filter: { storyId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const params: unknown[] = [Math.min(Math.max(filter.limit ?? 100, 1), 1000)];
  let where = '';
  if (filter.storyId) {
    params.push(filter.storyId);
    where = 'WHERE story_id = $2::uuid';
  }
  const rows = await db.query<{ id: string | number; at: string; actor: string; actor_id: string | null; action: AuditAction; story_id: string | null; user_id: string | null; detail: Record<string, unknown> }>(
    `SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT $1`, params,
  );
  return rows.map((r) => ({ id: Number(r.id), at: r.at, actor: r.actor, actorId: r.actor_id, action: r.action, storyId: r.story_id, userId: r.user_id, detail: r.detail }));
}

/** The headlines of the stories audit entries name (a story deleted since has none). */
export async function auditedHeadlines(db: Queryable, storyIds: readonly string[]): Promise<Map<string, string>> {
  if (!storyIds.length) return new Map();
  const rows = await db.query<{ id: string; headline: string }>('SELECT id, headline FROM stories WHERE id = ANY($1::uuid[])', [[...storyIds]]);
  return new Map(rows.map((r) => [r.id, r.headline]));
}
