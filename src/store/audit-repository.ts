import type { Queryable } from './index.js';

/** Actions the audit log records. */
export type AuditAction =
  | 'story.published' | 'story.scheduled' | 'story.depublished' | 'story.corrected' | 'story.restored' | 'story.status'
  | 'user.created' | 'user.role' | 'user.disabled' | 'user.enabled' | 'user.password' | 'login.failed'
  | 'retention.changed';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorId: string | null;
  action: AuditAction;
  storyId: string | null;
  userId: string | null;
  detail: Record<string, unknown>;
}

/** Who acted: a logged-in user, or the system (scheduler, retention, CLI). */
export interface AuditActor {
  id?: string;
  name: string;
}

export const SYSTEM_ACTOR: AuditActor = { name: 'system' };

export async function audit(db: Queryable, actor: AuditActor, action: AuditAction, target: { storyId?: string; userId?: string; detail?: Record<string, unknown> } = {}): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor, action, story_id, user_id, detail) VALUES ($1::uuid, $2, $3, $4::uuid, $5::uuid, $6::jsonb)`,
    [actor.id ?? null, actor.name, action, target.storyId ?? null, target.userId ?? null, JSON.stringify(target.detail ?? {})],
  );
}

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
