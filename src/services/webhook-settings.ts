import { LedeError } from '../content/index.js';

/** Webhook settings from the environment, checked at start (a bad value stops the process with one line). */
export interface WebhookSettings {
  /** LEDE_WEBHOOKS_ALLOW_PRIVATE: deliveries to private, loopback and link-local addresses (default off). */
  allowPrivate: boolean;
  /** LEDE_WEBHOOKS_POLL_MS: the worker's safety-net poll (default 3000). */
  pollMs: number;
}

export function webhookSettings(env: Record<string, string | undefined>): WebhookSettings {
  const flag = (env.LEDE_WEBHOOKS_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'].includes(flag)) {
    throw new LedeError('CONFIG', `LEDE_WEBHOOKS_ALLOW_PRIVATE must be true or false, got "${flag.slice(0, 40)}"`, { reason: 'bad_config' });
  }
  const poll = (env.LEDE_WEBHOOKS_POLL_MS ?? '').trim();
  const pollMs = poll === '' ? 3_000 : Number(poll);
  if (!Number.isInteger(pollMs) || pollMs < 100 || pollMs > 600_000) {
    throw new LedeError('CONFIG', `LEDE_WEBHOOKS_POLL_MS must be a whole number of milliseconds from 100 to 600000, got "${poll.slice(0, 40)}"`, { reason: 'bad_config' });
  }
  return { allowPrivate: ['1', 'true', 'on', 'yes'].includes(flag), pollMs };
}
