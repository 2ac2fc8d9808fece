import { registerAuditApi } from './api/audit-api.js';
import { registerDiffApi } from './api/diff-api.js';
import { registerMediaApi } from './api/media-api.js';
import { registerPresenceApi } from './api/presence-api.js';
import { registerStoriesApi } from './api/stories-api.js';
import { registerTaxonomyApi } from './api/taxonomy-api.js';
import { registerUsersApi } from './api/users-api.js';
import type { NewsroomModule } from './http/newsroom-app.js';
import { registerAuditPage } from './ui/audit-page.js';
import { registerEditorPages } from './ui/editor-page.js';
import { registerImportPage } from './ui/import-page.js';
import { registerMediaPages } from './ui/media-pages.js';
import { registerRevisionsPages } from './ui/revisions-page.js';
import { registerStoryListPage } from './ui/story-list-page.js';
import { registerTaxonomyPages } from './ui/taxonomy-page.js';
import { registerUsersPages } from './ui/users-page.js';

/**
 * The newsroom's modules, in registration order. Each registers its own
 * endpoints (with their permissions) on the registry; add a module here to
 * ship it. Login, logout and the account page are built in.
 */
export const NEWSROOM_MODULES: NewsroomModule[] = [
  registerStoriesApi,
  registerStoryListPage,
  registerEditorPages,
  registerImportPage,
  registerDiffApi,
  registerPresenceApi,
  registerRevisionsPages,
  registerUsersApi,
  registerUsersPages,
  registerAuditApi,
  registerAuditPage,
  registerTaxonomyApi,
  registerTaxonomyPages,
  registerMediaApi,
  registerMediaPages,
];
