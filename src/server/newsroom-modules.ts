import { registerApiKeysApi } from '../api/api-keys-api.js';
import { registerAuditApi } from '../api/audit-api.js';
import { registerBreakingApi } from '../api/breaking-api.js';
import { registerDiffApi } from '../api/diff-api.js';
import { registerMediaApi } from '../api/media-api.js';
import { registerPresenceApi } from '../api/presence-api.js';
import { registerPushApi } from '../api/push-api.js';
import { registerStoriesApi } from '../api/stories-api.js';
import { registerTaxonomyApi } from '../api/taxonomy-api.js';
import { registerUsersApi } from '../api/users-api.js';
import { registerWireApi } from '../api/wire-api.js';
import { registerWireStoryApi } from '../api/wire-story-api.js';
import { registerWebhooksApi } from '../api/webhooks-api.js';
import type { NewsroomModule } from './newsroom-app.js';
import { registerApiKeysPage } from '../admin/api-keys-page.js';
import { registerAuditPage } from '../admin/audit-page.js';
import { registerBreakingPage } from '../admin/breaking-page.js';
import { registerEditorPages } from '../admin/editor-page.js';
import { registerImportPage } from '../admin/import-page.js';
import { registerMediaPages } from '../admin/media-pages.js';
import { registerPushPage } from '../admin/push-page.js';
import { registerRevisionsPages } from '../admin/revisions-page.js';
import { registerStoryListPage } from '../admin/story-list-page.js';
import { registerTaxonomyPages } from '../admin/taxonomy-page.js';
import { registerUsersPages } from '../admin/users-page.js';
import { registerWireDeskPages } from '../admin/wire-desk-page.js';
import { registerWebhooksPage } from '../admin/webhooks-page.js';

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
  registerWireApi,
  registerWireStoryApi,
  registerWireDeskPages,
  registerApiKeysApi,
  registerApiKeysPage,
  registerWebhooksApi,
  registerWebhooksPage,
  registerBreakingApi,
  registerBreakingPage,
  registerPushApi,
  registerPushPage,
];
