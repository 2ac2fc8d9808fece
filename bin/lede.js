#!/usr/bin/env node
// The `lede` command. Runs the compiled CLI from dist/ (built by `npm run build`,
// which `npm ci` and `npm start` run for you).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('lede: the compiled code is missing (dist/). Run "npm run build" first.\n');
  process.exit(1);
}
await import(entry.href);
