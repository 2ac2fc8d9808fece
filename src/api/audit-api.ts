import { LedeError } from '../content/index.js';
import { isUuid } from '../store/index.js';
import { listAudit, type AuditEntry } from '../store/audit-repository.js';
import type { NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** Reads `?story&limit` (untrusted) and lists the audit log, newest first. */
export async function auditQuery(deps: NewsroomDeps, story: string | undefined, limitRaw: string | undefined): Promise<AuditEntry[]> {
  const issues: Array<{ path: string; message: string }> = [];
  if (story && !isUuid(story)) issues.push({ path: 'story', message: 'a story id (UUID)' });
  let limit = AUDIT_DEFAULT_LIMIT;
  if (limitRaw !== undefined && limitRaw !== '') {
    limit = Number(limitRaw);
    if (!/^\d{1,5}$/.test(limitRaw) || limit < 1 || limit > AUDIT_MAX_LIMIT) issues.push({ path: 'limit', message: `a whole number from 1 to ${AUDIT_MAX_LIMIT}` });
  }
  if (issues.length) throw new LedeError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return listAudit(deps.db, { ...(story && { storyId: story }), limit });
}

/** `GET /newsroom/api/audit?story&limit` (audit.view). A story's own entries are also at /newsroom/api/stories/:id/audit (story.view). */
export function registerAuditApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/audit', permission: 'audit.view', kind: 'api',
    handler: async (c) => c.json(await auditQuery(deps, c.req.query('story'), c.req.query('limit'))),
  });
}
