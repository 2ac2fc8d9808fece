/**
 * The house rules of docs/architecture.md, checked on the source itself:
 * which folder may import which, no import cycles, SQL only in src/store,
 * domain events told only by services, and the read side (site, api, admin)
 * reaching the store only through its read modules. A new file that breaks a
 * rule fails here with the file and the import named.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');

/** Folder → the folders its files may import (besides their own). Type-only imports follow the same table. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  content: [],
  store: ['content'],
  imaging: ['content'],
  storage: ['content'],
  ingest: ['content'],
  events: ['content', 'store'],
  services: ['content', 'store', 'events', 'imaging', 'storage', 'ingest'],
  http: ['content', 'store', 'events', 'services'],
  // The public content API shows exactly what the site shows: it takes the site's read model, visibility and picture rules.
  api: ['content', 'store', 'services', 'http', 'ingest', 'imaging', 'site'],
  site: ['content', 'store', 'imaging', 'events'],
  admin: ['content', 'store', 'services', 'http', 'api', 'imaging', 'site'],
  server: ['content', 'store', 'imaging', 'storage', 'ingest', 'events', 'services', 'http', 'api', 'site', 'admin'],
  cli: ['content', 'store', 'storage', 'ingest', 'events', 'services', 'site', 'server'],
};

/** Folders that only read: they may take values from the store's read modules only (types from anywhere in it). */
const READ_SIDE = new Set(['site', 'api', 'admin', 'http']);
/** The store's read modules: queries that never write. */
const isReadModule = (file: string) => /^src\/store\/(?:[a-z-]+-queries|published-filter|types|type-parsers)\.ts$/.test(file);

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
const folderOf = (file: string) => file.split('/')[1]!;

function resolveSpecifier(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx']) if (fs.existsSync(base + ext)) return base + ext;
  return undefined;
}

/** Every relative import and re-export of the file (static, dynamic and `import('…').T` type references). */
function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const statement = /^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gms;
  for (const m of text.matchAll(statement)) {
    const to = resolveSpecifier(file, m[3]!);
    if (to) found.push({ from: rel(file), to: rel(to), typeOnly: !!m[2], line: lineAt(m.index!) });
  }
  const bare = /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(bare)) {
    const to = resolveSpecifier(file, m[1]!);
    if (to) found.push({ from: rel(file), to: rel(to), typeOnly: false, line: lineAt(m.index!) });
  }
  const dynamic = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)(\.[A-Za-z_$])?/g;
  for (const m of text.matchAll(dynamic)) {
    const to = resolveSpecifier(file, m[1]!);
    // `import('./x.js').Type` in a type position is a type reference; `await import('./x.js')` loads code.
    if (to) found.push({ from: rel(file), to: rel(to), typeOnly: !!m[2], line: lineAt(m.index!) });
  }
  return found;
}

/** Strips comments so examples in them do not count as code. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const files = sourceFiles(src);
const texts = new Map(files.map((f) => [rel(f), fs.readFileSync(f, 'utf8')]));
const imports = files.flatMap((f) => importsOf(f, texts.get(rel(f))!));

test('the import scanner sees the imports it must judge', () => {
  // A scanner that finds nothing would pass every rule below.
  assert.ok(files.length > 100, `found ${files.length} source files`);
  assert.ok(imports.length > 500, `found ${imports.length} imports`);
  assert.ok(imports.some((i) => i.from === 'src/server/app.ts' && i.to.startsWith('src/site/')), 'server/app.ts imports the site');
  assert.ok(imports.some((i) => i.typeOnly), 'type-only imports are told apart');
});

test('every folder imports only the folders below it', () => {
  const wrong: string[] = [];
  for (const i of imports) {
    const from = folderOf(i.from);
    const to = folderOf(i.to);
    if (from === to) continue;
    const allowed = MAY_IMPORT[from];
    if (!allowed) wrong.push(`${i.from}: folder src/${from} is not in the layer table (docs/architecture.md)`);
    else if (!allowed.includes(to)) wrong.push(`${i.from}:${i.line} imports ${i.to} (src/${from} may import ${allowed.join(', ') || 'nothing of ours'})`);
  }
  assert.deepEqual(wrong, []);
});

test('the read side takes only queries from the store, never a repository that writes', () => {
  const wrong = imports
    .filter((i) => READ_SIDE.has(folderOf(i.from)) && folderOf(i.to) === 'store' && !i.typeOnly && !isReadModule(i.to))
    .map((i) => `${i.from}:${i.line} imports values from ${i.to} (use a *-queries.ts module or a service)`);
  assert.deepEqual(wrong, []);
});

test('the store\'s read modules never write', () => {
  const write = /\b(?:INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|DELETE\s+FROM|TRUNCATE|CREATE\s+(?:TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|FOR\s+UPDATE|pg_notify)\b/i;
  const wrong = [...texts].filter(([file, text]) => isReadModule(file) && write.test(withoutComments(text))).map(([file]) => file);
  assert.deepEqual(wrong, []);
});

test('no SQL outside src/store', () => {
  // A string that starts like a statement (SELECT … FROM, INSERT INTO, UPDATE … SET, DELETE FROM, LISTEN …).
  const sql = /(['"`])\s*(?:SELECT\s[\s\S]*?\bFROM\b|SELECT\s+(?:1|pg_|\$\d)|INSERT\s+INTO\b|UPDATE\s+[a-z_]+\s+SET\b|DELETE\s+FROM\b|WITH\s+[a-z_]+\s+AS\s*\(|LISTEN\s|NOTIFY\s|CREATE\s+TABLE\b)/;
  const wrong = [...texts]
    .filter(([file]) => !file.startsWith('src/store/'))
    .filter(([, text]) => sql.test(withoutComments(text)))
    .map(([file, text]) => `${file}: ${withoutComments(text).match(sql)![0].slice(0, 60).replace(/\s+/g, ' ')}`);
  assert.deepEqual(wrong, []);
});

test('domain events are told only by services (and carried by the event relay)', () => {
  const wrong = [...texts]
    .filter(([file]) => !file.startsWith('src/services/') && !file.startsWith('src/events/'))
    .filter(([, text]) => /\.emit\(/.test(withoutComments(text)))
    .map(([file]) => file);
  assert.deepEqual(wrong, []);
});

test('there are no import cycles', () => {
  const graph = new Map<string, string[]>();
  for (const i of imports) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
  // Tarjan's strongly connected components: any with more than one file is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  assert.deepEqual(cycles, []);
});
