/**
 * Importers: outside formats → StoryDraft. Pure functions (no I/O); callers read
 * files and store drafts. Every failure is a LedeError('IMPORT_FAILED') whose
 * message names the problem.
 */
export { importPageText, importPageTextBuffer } from './page-text/page-text-importer.js';
export type { ImportOptions, ImportResult } from './page-text/types.js';
