import { Hono } from 'hono';
import type { PushService } from '../services/push/push-service.js';

export interface ReaderPushApiOptions {
  vapidPublicKey?: string | undefined;
  /** LEDE_TRUST_PROXY: as the site reads client addresses (config.trustProxy). */
  trustProxy?: boolean | number | undefined;
  siteUrl: string;
}

/** Readers' Web Push subscriptions (issue 14; being built). */
export function readerPushApi(push: PushService, opts: ReaderPushApiOptions): Hono {
  void push;
  void opts;
  const app = new Hono();
  app.all('*', (c) => c.json({ error: { code: 'UNAVAILABLE', message: 'push subscriptions are not available yet' } }, 503));
  return app;
}
