import { registerStoriesApi } from './api/stories-api.js';
import type { NewsroomModule } from './http/newsroom-app.js';
import { registerEditorPages } from './ui/editor-page.js';
import { registerImportPage } from './ui/import-page.js';
import { registerStoryListPage } from './ui/story-list-page.js';

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
];
