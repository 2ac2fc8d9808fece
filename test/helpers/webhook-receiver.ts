/**
 * A real HTTP server that receives webhooks and checks each signature with
 * its own reading of the Standard Webhooks spec (not Lede's signer): the
 * secret after "whsec_" is base64 key material; the signed content is
 * msg_id "." timestamp "." raw body; the header holds space-separated
 * "v1,<base64>" entries, any of which may match (compared in constant time);
 * the timestamp must be within five minutes of now.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  /** The raw body as sent. */
  raw: string;
  body: { type: string; occurred_at: string; data: Record<string, unknown> };
  /** Whether the signature matched the secret (and the timestamp was fresh). */
  verified: boolean;
  /** What the receiver answered. */
  status: number;
}

/** What to answer the nth request (0-based): a status, or something unkind. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { flood: number } // a 200 with this many bytes of body
  | { hang: true }; // never answers

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Every request, also those that were not webhooks (e.g. a redirect target). */
  requests: number;
  setSecret(secret: string): void;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 5 * 60;

/** Verifies one delivery from scratch, from the spec's description. */
export function verifyStandardWebhook(secret: string, headers: { id: string; timestamp: string; signature: string }, raw: string, nowSeconds = Date.now() / 1000): boolean {
  if (!secret.startsWith('whsec_')) return false;
  const ts = Number(headers.timestamp);
  if (!/^\d+$/.test(headers.timestamp) || Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return false;
  const keyBytes = Buffer.from(secret.substring('whsec_'.length), 'base64');
  const expected = createHmac('sha256', keyBytes).update(Buffer.from(`${headers.id}.${headers.timestamp}.${raw}`, 'utf8')).digest();
  for (const entry of headers.signature.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}

export async function startWebhookReceiver(opts: { secret?: string; reply?: (n: number, raw: string) => Reply } = {}): Promise<WebhookReceiver> {
  let secret = opts.secret ?? '';
  const received: ReceivedWebhook[] = [];
  const state = { requests: 0 };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const n = state.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const reply = opts.reply?.(n, raw) ?? { status: 204 };
      const id = String(req.headers['webhook-id'] ?? '');
      if (id) {
        const h = { id, timestamp: String(req.headers['webhook-timestamp'] ?? ''), signature: String(req.headers['webhook-signature'] ?? '') };
        let body: ReceivedWebhook['body'];
        try {
          body = JSON.parse(raw) as ReceivedWebhook['body'];
        } catch {
          body = { type: '(not JSON)', occurred_at: '', data: {} };
        }
        received.push({ ...h, raw, body, verified: verifyStandardWebhook(secret, h, raw), status: 'status' in reply ? reply.status : 200 });
      }
      if ('hang' in reply) return; // the socket stays open until the sender gives up
      if ('flood' in reply) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const block = Buffer.alloc(64 * 1024, 'x');
        let left = reply.flood;
        const pump = (): void => {
          while (left > 0) {
            const part = left >= block.length ? block : block.subarray(0, left);
            left -= part.length;
            if (!res.write(part)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    get requests() {
      return state.requests;
    },
    setSecret: (s) => (secret = s),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
