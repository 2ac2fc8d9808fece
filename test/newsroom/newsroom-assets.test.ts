/**
 * The newsroom's scripts are served under content-hashed URLs, and the
 * editor's modules import each other by relative path: the loader rewrites
 * those paths to the hashed URLs (linkScripts), so a module's URL changes
 * with anything it imports.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkScripts, loadNewsroomAssets } from '../../src/server/newsroom-assets.js';

const BASE = '/newsroom/assets/';
const IMPORT_LINE = /^\s*(?:import|export)\b[^;'"()=]*?(['"])([^'"]+)\1/gm;

describe('newsroom assets', () => {
  test('every import of a served script names the hashed URL of another served script', () => {
    const assets = loadNewsroomAssets(BASE);
    const urls = new Set([...assets.values()].map((a) => a.url));
    const entry = assets.get('editor.js');
    assert.ok(entry, 'the editor is served');
    let imports = 0;
    for (const [name, asset] of assets) {
      assert.match(asset.url, new RegExp(`^${BASE}${name.replace(/\.(js|css)$/, '')}\\.[0-9a-f]{12}\\.(js|css)$`));
      for (const m of asset.body.matchAll(IMPORT_LINE)) {
        imports += 1;
        assert.ok(urls.has(m[2]!), `${name} imports ${m[2]}, which is not served`);
      }
    }
    assert.ok(imports > 10, 'the editor is split into modules');
    // The classic scripts stay classic: they import nothing.
    for (const classic of ['editor-core.js', 'import.js']) assert.doesNotMatch(assets.get(classic)!.body, IMPORT_LINE);
  });

  test('the editor\'s entry names every part, so the browser fetches them all in one round after it', () => {
    const assets = loadNewsroomAssets(BASE);
    const named = new Set([...assets.get('editor.js')!.body.matchAll(IMPORT_LINE)].map((m) => m[2]));
    const parts = [...assets.keys()].filter((name) => /^editor-.+\.js$/.test(name) && name !== 'editor-core.js');
    assert.ok(parts.length > 10);
    assert.deepEqual(parts.filter((name) => !named.has(assets.get(name)!.url)), [], 'parts the entry does not import');
  });

  test('a changed module changes the URL of every module that imports it, directly or not', () => {
    const files = (leaf: string) => new Map([
      ['app.js', "import { mid } from './mid.js';\nmid();\n"],
      ['mid.js', "import { leaf } from './leaf.js';\nexport function mid() { return leaf; }\n"],
      ['leaf.js', `export const leaf = '${leaf}';\n`],
      ['other.js', 'export const other = 1;\n'],
    ]);
    const a = linkScripts(files('a'), BASE);
    const b = linkScripts(files('b'), BASE);
    for (const name of ['app.js', 'mid.js', 'leaf.js']) assert.notEqual(a.get(name)!.url, b.get(name)!.url, name);
    assert.equal(a.get('other.js')!.url, b.get('other.js')!.url);
    assert.equal(a.get('app.js')!.body, `import { mid } from '${a.get('mid.js')!.url}';\nmid();\n`);
  });

  test('multi-line imports, re-exports and bare imports are rewritten; comments, JSDoc type imports and other code are not', () => {
    const linked = linkScripts(new Map([
      ['a.js', [
        "import {\n  x,\n  y,\n} from './b.js';",
        "export { z } from \"./b.js\";",
        "import './b.js';",
        "/** @typedef {import('./types.js').T} T */",
        "// see import './nowhere.js'",
        "export function f() { return fetch('./data.json'); }",
        '',
      ].join('\n')],
      ['b.js', 'export const x = 1, y = 2, z = 3;\n'],
    ]), BASE);
    const b = linked.get('b.js')!.url;
    assert.equal(linked.get('a.js')!.body, [
      `import {\n  x,\n  y,\n} from '${b}';`,
      `export { z } from "${b}";`,
      `import '${b}';`,
      "/** @typedef {import('./types.js').T} T */",
      "// see import './nowhere.js'",
      "export function f() { return fetch('./data.json'); }",
      '',
    ].join('\n'));
  });

  test('an import cycle or an import of a missing script fails when the assets load', () => {
    assert.throws(() => linkScripts(new Map([
      ['a.js', "import './b.js';\n"],
      ['b.js', "import './a.js';\n"],
    ]), BASE), /cycle: a\.js → b\.js → a\.js/);
    assert.throws(() => linkScripts(new Map([['a.js', "import { x } from './gone.js';\n"]]), BASE), /a\.js imports \.\/gone\.js, which is not a script/);
    assert.throws(() => linkScripts(new Map([['a.js', "import data from './data.json';\n"]]), BASE), /only scripts beside it/);
  });
});
