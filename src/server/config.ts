import path from 'node:path';
import { LedeError } from '../content/index.js';

export interface Config {
  port: number;
  host: string;
  /** Embedded data directory (used when databaseUrl is unset). */
  dataDir: string;
  /** PostgreSQL server mode when set. */
  databaseUrl?: string;
  siteName: string;
  /** Public origin for canonical URLs, e.g. https://www.example.org (no trailing slash). */
  siteUrl: string;
  /** How often the embedded database checkpoints, in ms. */
  checkpointIntervalMs: number;
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy (LEDE_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** Refuse to publish a story with a media library picture that has no credit line (LEDE_REQUIRE_IMAGE_CREDIT, default on; 0 turns it off). */
  requireImageCredit: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LedeError('CONFIG', `${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/.test(raw)) return true;
  if (/^(0|false|no|off)$/.test(raw)) return false;
  throw new LedeError('CONFIG', `${name} must be 1 or 0 (on or off), got "${env[name]}"`);
}

/** Reads and checks the environment once at start; a bad value stops the process with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000, 1, 65535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new LedeError('CONFIG', `DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  const siteUrl = (env.LEDE_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const u = new URL(siteUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new LedeError('CONFIG', `LEDE_SITE_URL must be an http(s) URL such as https://news.example.org, got "${siteUrl}"`);
  }
  return {
    port,
    host,
    dataDir: path.resolve(env.LEDE_DATA_DIR || './data'),
    ...(databaseUrl && { databaseUrl }),
    siteName: env.LEDE_SITE_NAME || 'Lede Nachrichten',
    siteUrl,
    checkpointIntervalMs: int(env, 'LEDE_CHECKPOINT_INTERVAL_MS', 30000, 0, 3600000),
    trustProxy: /^(1|true|yes)$/i.test(env.LEDE_TRUST_PROXY ?? ''),
    requireImageCredit: flag(env, 'LEDE_REQUIRE_IMAGE_CREDIT', true),
  };
}
