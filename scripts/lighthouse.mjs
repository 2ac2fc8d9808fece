#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse audits of the reader site as a reader gets it.
//
// Starts `lede serve --demo` (the compiled CLI, with its page cache) on a fresh
// temporary data directory and a free loopback port, then audits a demo article
// (the Politik story with kicker, lead image, authors and broadcast line) and
// the home page, on the mobile and the desktop form factor. Prints the four
// category scores per page and every audit that pulled a score down, and exits
// 1 when any category is below the bar (95; LIGHTHOUSE_MIN overrides).
//
// The browser is the installed Chromium (CHROME_PATH, else /usr/bin/chromium or
// chromium/google-chrome on PATH); this script never downloads one.
//   LIGHTHOUSE_FORM_FACTORS=mobile   only the mobile run (default: mobile,desktop)
//   LIGHTHOUSE_REPORT_DIR=dir        also write each (median) report there as JSON
//   LIGHTHOUSE_RUNS=3                audits per page and form factor; the median run counts
//
// Lighthouse's own advice for noisy machines: take the median of several runs
// (by its computeMedianRun), after one unmeasured run that pays the browser's
// start-up costs (font set-up, caches), which would otherwise land on the first page.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
const FORM_FACTORS = (process.env.LIGHTHOUSE_FORM_FACTORS ?? 'mobile,desktop').split(',').map((s) => s.trim()).filter(Boolean);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const ARTICLE_HEADLINE = 'Haushalt für 2027 mit knapper Mehrheit beschlossen';

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, name));
  }
  return candidates.find((c) => c && existsSync(c));
}

/** Newest modification time under `dir` (ms), 0 when it does not exist. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than any source file. */
function buildIfNeeded() {
  const built = existsSync(path.join(root, 'dist', 'cli', 'run.js')) ? newestMtime(path.join(root, 'dist')) : 0;
  if (built && built >= newestMtime(path.join(root, 'src'))) return;
  console.log('building (dist/ is missing or older than src/) ...');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status === 0) return;
  // tsc still writes dist/ on type errors; a missing entry point is what stops us.
  if (!existsSync(path.join(root, 'dist', 'cli', 'run.js'))) process.exit(r.status ?? 1);
  console.log('build reported errors (above); auditing the dist/ it produced');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
function waitForOutput(child, stream, pattern, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (d) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        stream.off('data', onData);
        child.off('exit', onExit);
        stream.resume(); // keep draining, so a full pipe never blocks the child
        resolve(m);
      }
    };
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code} during start:\n${seen.slice(-2000)}`));
    };
    stream.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startSite(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'lede.js'), 'serve', '--demo'], {
    cwd: root,
    env: {
      ...process.env,
      LEDE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LEDE_SITE_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(d));
  await waitForOutput(child, child.stdout, /Lede is running/, 'lede serve', 60_000);
  return { child, origin: `http://127.0.0.1:${port}` };
}

async function startChromium(chromePath, profileDir) {
  const args = [
    '--headless=new', '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-gpu',
    '--disable-dev-shm-usage', '--disable-extensions', '--disable-background-networking', '--mute-audio',
  ];
  // Chromium's sandbox refuses to run as root (containers); there is nothing to protect from our own site.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  const child = spawn(chromePath, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const m = await waitForOutput(child, child.stderr, /DevTools listening on ws:\/\/[^:]+:(\d+)\//, 'Chromium', 30_000);
  return { child, port: Number(m[1]) };
}

/** The article's path, read from the section page, so slug rules stay the site's business. */
async function articlePath(origin) {
  const html = await (await fetch(`${origin}/politik`)).text();
  const links = [...html.matchAll(/<a[^>]+href="(\/politik\/[^"]+)"[^>]*>([\s\S]*?)<\/a>/g)];
  const hit = links.find(([, , text]) => text.replace(/<[^>]+>/g, '').includes(ARTICLE_HEADLINE));
  if (!hit) throw new Error(`the demo article "${ARTICLE_HEADLINE}" is not linked from /politik`);
  return hit[1];
}

function scoreText(score) {
  return score === null || score === undefined ? '  –' : String(Math.round(score * 100)).padStart(3);
}

async function main() {
  const chromePath = findChromium();
  if (!chromePath) {
    console.error('lighthouse: no Chromium found; install it (Debian: apt-get install chromium) or set CHROME_PATH');
    return 1;
  }
  buildIfNeeded();
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-lighthouse-'));
  let site;
  let chrome;
  try {
    site = await startSite(path.join(tmp, 'data'));
    chrome = await startChromium(chromePath, path.join(tmp, 'chromium-profile'));
    const pages = [
      { name: 'article', path: await articlePath(site.origin) },
      { name: 'home', path: '/' },
    ];
    // Warm the page cache, as a live site would be.
    for (const p of pages) await (await fetch(site.origin + p.path)).text();

    const audit = async (url, config, categories = CATEGORIES) => {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories }, config);
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      return result.lhr;
    };
    await audit(site.origin + pages[0].path, undefined, ['performance']); // unmeasured warm-up

    let failing = 0;
    const rows = [];
    for (const formFactor of FORM_FACTORS) {
      const config = formFactor === 'desktop' ? desktopConfig : undefined;
      for (const p of pages) {
        console.log(`auditing ${p.name} (${formFactor}), ${RUNS} run(s) ...`);
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await audit(site.origin + p.path, config));
        const lhr = RUNS > 1 ? computeMedianRun(runs) : runs[0];
        if (process.env.LIGHTHOUSE_REPORT_DIR) {
          mkdirSync(process.env.LIGHTHOUSE_REPORT_DIR, { recursive: true });
          writeFileSync(path.join(process.env.LIGHTHOUSE_REPORT_DIR, `${p.name}-${formFactor}.json`), JSON.stringify(lhr, null, 1));
        }
        const scores = CATEGORIES.map((c) => lhr.categories[c]?.score ?? null);
        const perfRuns = runs.map((r) => scoreText(r.categories.performance?.score).trim());
        rows.push({ label: `${p.name} (${formFactor})`, path: p.path, scores, lhr, perfRuns });
        if (scores.some((s) => s === null || s * 100 < MIN)) failing++;
      }
    }

    const env = rows[0]?.lhr.environment;
    console.log(`\nLighthouse ${rows[0]?.lhr.lighthouseVersion ?? ''}, ${env?.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? path.basename(chromePath)}, `
      + `benchmark index ${Math.round(env?.benchmarkIndex ?? 0)}; median of ${RUNS} run(s) per row; bar: ${MIN} in every category\n`);
    const width = Math.max(...rows.map((r) => r.label.length));
    console.log(`${'page'.padEnd(width)}  perf  a11y  best   seo   perf per run  path`);
    for (const r of rows) console.log(`${r.label.padEnd(width)}  ${r.scores.map((s) => ` ${scoreText(s)} `).join('  ')}   ${r.perfRuns.join(' ').padEnd(12)}  ${r.path}`);

    // Every audit that cost points, so the cause is named, not just the score.
    for (const r of rows) {
      const weak = [];
      for (const c of CATEGORIES) {
        for (const ref of r.lhr.categories[c]?.auditRefs ?? []) {
          const a = r.lhr.audits[ref.id];
          if (ref.weight > 0 && a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable') {
            weak.push(`  [${c}] ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} — score ${Math.round(a.score * 100)}`);
          }
        }
      }
      if (weak.length) console.log(`\n${r.label} — audits below full marks:\n${weak.join('\n')}`);
    }
    if (failing) {
      console.log(`\n${failing} page run(s) below ${MIN} in some category.`);
      return 1;
    }
    console.log(`\nevery category ${MIN} or more on every page.`);
    return 0;
  } finally {
    await stopChild(chrome?.child);
    await stopChild(site?.child);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`lighthouse: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
