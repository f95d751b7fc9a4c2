import { createHmac } from 'node:crypto';

/** The header on everything Vigil POSTs to someone's endpoint (webhook locks and alerts): `sha256=<hex HMAC of the body>`; none without a secret. */
export function signatureHeader(secret: string, body: string): Record<string, string> {
  return secret ? { 'x-vigil-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` } : {};
}
