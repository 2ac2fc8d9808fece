import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.LEDE_CHROMIUM ?? '/usr/bin/chromium';

/** Why a real-tool check cannot run here, or undefined when it can. */
export async function missingJava(): Promise<string | undefined> {
  try {
    await run('java', ['-version']);
    return undefined;
  } catch {
    return 'java not found: W3C Nu HTML checks skipped';
  }
}

export function missingChromium(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found: browser checks skipped (apt-get install chromium)`;
}

export interface VnuMessage {
  type: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/** Runs the W3C Nu checker once over several HTML files; returns its error messages. */
export async function vnuErrors(files: string[]): Promise<VnuMessage[]> {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  try {
    const { stderr } = await run('java', ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 });
    return (JSON.parse(stderr || '{"messages":[]}') as { messages: VnuMessage[] }).messages;
  } catch (err) {
    // vnu exits 1 when it found errors and prints them as JSON on stderr.
    const stderr = (err as { stderr?: string }).stderr;
    if (stderr?.trim().startsWith('{')) return (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
    throw err;
  }
}

/** Debian's Chromium through playwright-core; never downloads a browser. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}
