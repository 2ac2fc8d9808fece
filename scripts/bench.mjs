#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (one process each, so
// one benchmark's heap does not colour the next) and prints their figures.
// Benchmarks measure; they never pass or fail. `npm run bench -- import` runs
// only the benchmarks whose file name contains "import".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
// Start-up benchmarks run the compiled CLI, as `npm start` does.
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join('bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} stopped with exit code ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
