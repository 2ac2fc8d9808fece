import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { NEWSROOM_CSS } from '../admin/styles.js';
import { findPackageRoot } from '../store/index.js';

export interface NewsroomAsset {
  body: string;
  type: string;
  url: string;
}

const hashOf = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12);

const SCRIPT_NAME = /^[a-z0-9-]+\.js$/;

/**
 * A static relative import or re-export at the start of a line: `import { a } from './x.js'`,
 * `import './x.js'`, `export { b } from './y.js'` (also across lines). Comments, JSDoc type
 * imports (`import('./x.js')`) and other exports (`export function f(…)`, `export const c = …`:
 * no parenthesis or `=` may come before the specifier) do not match and stay as written.
 */
const RELATIVE_IMPORT = /^(\s*(?:import|export)\b[^;'"()=]*?)(['"])\.\/([^'"]+)\2/gm;

/**
 * The newsroom's scripts under content-hashed URLs, their relative imports
 * rewritten to the hashed URLs of what they import.
 *
 * Why rewrite rather than serve modules under stable names: every asset stays
 * immutable (cached for a year, never revalidated), and a page always gets
 * parts that belong together — an editor open across a deploy cannot load a
 * new part beside an old one. An import map would do the mapping in the
 * browser, but it is an inline script, which the CSP (script-src 'self')
 * forbids. A module's hash is taken after its imports are rewritten, so it
 * covers what it imports: change one part, and every part that imports it
 * (directly or not) gets a new URL too. That needs an import graph without
 * cycles; a cycle, or an import of a file that is not there, fails loudly
 * here, when the server starts.
 */
export function linkScripts(sources: ReadonlyMap<string, string>, assetPath: string): Map<string, { body: string; url: string }> {
  const linked = new Map<string, { body: string; url: string }>();
  const link = (name: string, trail: string[]): { body: string; url: string } => {
    const done = linked.get(name);
    if (done) return done;
    if (trail.includes(name)) throw new Error(`newsroom scripts import each other in a cycle: ${[...trail, name].join(' → ')}`);
    const source = sources.get(name);
    if (source === undefined) throw new Error(`${trail.at(-1)} imports ./${name}, which is not a script in assets/newsroom`);
    const body = source.replace(RELATIVE_IMPORT, (_all, head: string, quote: string, spec: string) => {
      if (!SCRIPT_NAME.test(spec)) throw new Error(`${name} imports ./${spec}: only scripts beside it (./name.js) can be imported`);
      return `${head}${quote}${link(spec, [...trail, name]).url}${quote}`;
    });
    const out = { body, url: `${assetPath}${name.slice(0, -'.js'.length)}.${hashOf(body)}.js` };
    linked.set(name, out);
    return out;
  };
  for (const name of sources.keys()) link(name, []);
  return linked;
}

/**
 * Static newsroom assets: the stylesheet (from NEWSROOM_CSS) and every .js
 * file in <package>/assets/newsroom, each under a content-hashed name (see
 * linkScripts) and served as immutable.
 */
export function loadNewsroomAssets(assetPath: string): Map<string, NewsroomAsset> {
  const assets = new Map<string, NewsroomAsset>();
  assets.set('newsroom.css', { body: NEWSROOM_CSS, type: 'text/css; charset=utf-8', url: `${assetPath}newsroom.${hashOf(NEWSROOM_CSS)}.css` });
  const dir = path.join(findPackageRoot(), 'assets', 'newsroom');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => SCRIPT_NAME.test(f)).sort();
  } catch {
    /* no scripts shipped */
  }
  const sources = new Map(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  for (const [name, script] of linkScripts(sources, assetPath)) assets.set(name, { ...script, type: 'text/javascript; charset=utf-8' });
  return assets;
}
