import type { NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { listAudit } from '../store/audit-queries.js';
import { auditQuery } from './story-inputs.js';

export { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, auditQuery } from './story-inputs.js';

/** `GET /newsroom/api/audit?story&limit` (audit.view). A story's own entries are also at /newsroom/api/stories/:id/audit (story.view). */
export function registerAuditApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/audit', permission: 'audit.view', kind: 'api', summary: 'The audit log, newest first',
    input: { query: auditQuery },
    handler: async (c, { query }) => c.json(await listAudit(deps.db, { ...(query.story && { storyId: query.story }), limit: query.limit })),
  });
}
