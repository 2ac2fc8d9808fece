import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signing as the Standard Webhooks spec does it: the secret is "whsec_" and
 * base64 bytes; the HMAC-SHA256 key is those bytes (not the text), the signed
 * content is "{webhook-id}.{webhook-timestamp}.{body}", and the header value
 * is "v1," and the base64 signature.
 */

export const SECRET_PREFIX = 'whsec_';

/** A new subscription secret: 24 random bytes (192 bits), as "whsec_…". */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

/** The `webhook-signature` header value for one delivery. */
export function signatureHeader(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The three Standard Webhooks headers and the JSON content type. */
export function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatureHeader(secret, id, timestampSeconds, body),
  };
}
