#!/usr/bin/env node
// `npm test`: global setup, then Node's test runner over every test/**/*.test.ts(x)
// (Node 20's --test takes no globs, so we find the files ourselves).
//
//   npm test                     all tests
//   npm test -- test/store       a folder
//   npm test -- test/store/x.test.ts test/cli
//
// Setup: builds or reuses the migrated PGlite template (.cache/), and, when the
// PostgreSQL binaries are installed and LEDE_TEST_DATABASE_URL is not set,
// starts a throwaway PostgreSQL cluster for the server-mode tests and removes
// it afterwards (also on Ctrl-C or failure). The exit code is the runner's.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBinaries, startCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEST_FILE = /\.test\.tsx?$/;

function collect(target, out) {
  const full = path.resolve(root, target);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    console.error(`npm test: no such file or folder: ${target}`);
    process.exit(2);
  }
  if (stat.isFile()) {
    out.push(full);
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(full, entry.name);
    if (entry.isDirectory()) collect(p, out);
    else if (TEST_FILE.test(entry.name)) out.push(p);
  }
}

const args = process.argv.slice(2);
const runnerFlags = args.filter((a) => a.startsWith('--'));
const targets = args.filter((a) => !a.startsWith('--'));
const files = [];
for (const t of targets.length ? targets : ['test']) collect(t, files);
files.sort();
if (!files.length) {
  console.error(`npm test: no *.test.ts files under ${targets.join(', ') || 'test'}`);
  process.exit(2);
}

const env = { ...process.env };
// `lede serve` children started by tests log nothing unless a test asks for it (the request log is for operators).
env.LEDE_LOG ??= 'off';
// Servers the tests start get roomy database deadlines: the suite runs many files at once on a
// small machine, and a read that waits 2 s for a busy core is not the silent server the deadline is for.
// The deadline tests set their own.
env.LEDE_DB_READ_TIMEOUT_MS ??= '30000';
env.LEDE_DB_WRITE_TIMEOUT_MS ??= '60000';

// 1. The PGlite template, built once (10–15 s) and reused while migrations and PGlite stay the same.
const template = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/pglite-template.ts')], { cwd: root, stdio: 'inherit' });
if (template.status !== 0) {
  console.error('npm test: could not build the PGlite template (see above)');
  process.exit(1);
}

// 2. PostgreSQL for server-mode tests.
let cluster;
let stopping;
const stopCluster = () => (stopping ??= cluster ? cluster.stop().catch((err) => console.error(`npm test: stopping PostgreSQL: ${err.message}`)) : Promise.resolve());

if (!env.LEDE_TEST_DATABASE_URL) {
  const bindir = findPostgresBinaries();
  if (!bindir) {
    env.LEDE_TEST_PG_SKIP = 'PostgreSQL binaries not found: server-mode tests skipped';
    console.log(env.LEDE_TEST_PG_SKIP);
  } else {
    try {
      const t0 = performance.now();
      cluster = await startCluster({ bindir });
      env.LEDE_TEST_DATABASE_URL = cluster.url;
      console.log(`PostgreSQL test cluster from ${bindir} at ${cluster.url} (started in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      env.LEDE_TEST_PG_SKIP = `PostgreSQL test cluster did not start (${err.message.split('\n')[0]}): server-mode tests skipped`;
      console.log(env.LEDE_TEST_PG_SKIP);
    }
  }
}

// 3. The tests, two files at a time (the machine has two cores; each file is its own process).
const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...runnerFlags, ...files], {
  cwd: root,
  env,
  stdio: 'inherit',
});

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // Ctrl-C reaches the runner through the terminal too; forward for `kill`.
    interrupted = true;
    if (runner.exitCode === null) runner.kill(signal);
  });
}

const code = await new Promise((resolve) => {
  runner.on('exit', (c, signal) => resolve(c ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
});
await stopCluster();
process.exit(interrupted && code === 0 ? 130 : code);
