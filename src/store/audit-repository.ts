import type { Queryable } from './types.js';

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
