// Types of the import page's script (assets/newsroom/import.js), checked by tsconfig.assets.json. Not served.
export type { ApiError, ApiIssue } from './editor-types.js';

/** The import page's texts in the user's language (IMPORT_TEXT[lang].client in src/admin/import-page.tsx). */
export interface ImportText {
  working: string;
  empty: string;
  failed: string;
  offline: string;
  notText: string;
  done: string;
}
