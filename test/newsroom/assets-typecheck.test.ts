/**
 * The newsroom's browser scripts (assets/newsroom) are type-checked: each
 * opts in with `// @ts-check`, and tsconfig.assets.json checks their JSDoc
 * types (DOM library, strict, no Node types) against the server's story
 * model. This runs that check; any error fails the test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { EditorText } from '../../assets/newsroom/editor-types.js';
import type { ImportText } from '../../assets/newsroom/import-types.js';
import type { EDITOR_TEXT } from '../../src/admin/editor-page.js';
import type { IMPORT_TEXT } from '../../src/admin/import-page.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const assetsDir = path.join(root, 'assets', 'newsroom');

/**
 * Scripts not yet typed: tsconfig.assets.json parses them but does not judge
 * them (checkJs is off; a file opts in). Take a name off once its file has
 * `// @ts-check`.
 */
const NOT_YET_CHECKED = new Set(['media.js']);

// The texts the pages send are the texts the scripts are checked against (`npm run typecheck` holds this).
type Fits<A, B> = [A] extends [B] ? true : false;
const editorTextsFit: [Fits<typeof EDITOR_TEXT.de.client, EditorText>, Fits<typeof EDITOR_TEXT.en.client, EditorText>] = [true, true];
const importTextsFit: [Fits<typeof IMPORT_TEXT.de.client, ImportText>, Fits<typeof IMPORT_TEXT.en.client, ImportText>] = [true, true];

test('every newsroom script but the listed ones opts in to the type check', () => {
  assert.deepEqual([...editorTextsFit, ...importTextsFit], [true, true, true, true]);
  const scripts = readdirSync(assetsDir).filter((f) => /^[a-z0-9-]+\.js$/.test(f));
  assert.ok(scripts.includes('editor.js') && scripts.includes('editor-core.js'), 'the editor is among the scripts');
  const unchecked = scripts.filter((f) => !NOT_YET_CHECKED.has(f) && !/^\/\/ @ts-check\r?\n/.test(readFileSync(path.join(assetsDir, f), 'utf8')));
  assert.deepEqual(unchecked, [], 'scripts whose first line is not // @ts-check');
});

test('tsc -p tsconfig.assets.json reports no errors', () => {
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['-p', 'tsconfig.assets.json', '--pretty', 'false'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.error, undefined, `tsc did not run: ${run.error?.message}`);
  assert.equal(run.status, 0, `tsc found errors in the browser scripts:\n${run.stdout}${run.stderr}`);
});
