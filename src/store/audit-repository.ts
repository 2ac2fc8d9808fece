import type { Queryable } from './types.js';

/** Actions the audit log records. */
export type AuditAction =
  | 'story.published' | 'story.scheduled' | 'story.depublished' | 'story.corrected' | 'story.restored' | 'story.status'
  | 'user.created' | 'user.role' | 'user.disabled' | 'user.enabled' | 'user.password' | 'login.failed'
  | 'retention.changed'
  // The agency desk: a story made from a wire item (by an editor, or by an auto-publish rule as the system)
  | 'wire.taken'
  // A newer agency version merged into a story taken from it (the story's link now names that version)
  | 'wire.merged'
  // The content API's keys and the webhook subscriptions: who opened or closed a door to the outside
  | 'apikey.created' | 'apikey.revoked'
  | 'webhook.created' | 'webhook.changed' | 'webhook.removed'
  // Eilmeldung: the breaking banner, and Web Push sends (asked for, approved or rejected under four eyes, sent)
  | 'breaking.set' | 'breaking.updated' | 'breaking.ended'
  | 'push.sent' | 'push.requested' | 'push.approved' | 'push.rejected' | 'push.finished'
  // A newsroom setting an admin switched (e.g. four eyes for pushes)
  | 'settings.changed';

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

/** Many entries in one statement (the import's batch path); the same rows `audit` writes one by one. */
export async function auditMany(db: Queryable, entries: Array<{ actor: AuditActor; action: AuditAction; storyId?: string; userId?: string; detail?: Record<string, unknown> }>): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((_, r) => {
    const o = r * 6;
    return `($${o + 1}::uuid, $${o + 2}, $${o + 3}, $${o + 4}::uuid, $${o + 5}::uuid, $${o + 6}::jsonb)`;
  });
  await db.query(
    `INSERT INTO audit_log (actor_id, actor, action, story_id, user_id, detail) VALUES ${rows.join(', ')}`,
    entries.flatMap((e) => [e.actor.id ?? null, e.actor.name, e.action, e.storyId ?? null, e.userId ?? null, JSON.stringify(e.detail ?? {})]),
  );
}
