import Type from 'typebox';
import { signatureHeader } from '../../core/signature.ts';
import type { DoorLock, LockResult } from '../../core/lock.ts';
import type { Outbound } from '../../net/outbound.ts';
import { lock } from './lock.ts';

/**
 * A lock behind an HTTP endpoint (a door controller, a Shelly relay, a home-automation hook): one
 * POST of `{"door","action":"unlock","durationMs","at"}`, signed with HMAC-SHA256 in
 * `X-Vigil-Signature: sha256=<hex>` when a secret is set. Any 2xx is success.
 */
class WebhookLock implements DoorLock {
  readonly kind = 'webhook';

  constructor(
    private readonly doorId: string,
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly out: Outbound,
  ) {}

  async start(): Promise<void> {}

  async unlock(durationMs: number): Promise<LockResult> {
    const body = JSON.stringify({ door: this.doorId, action: 'unlock', durationMs, at: Date.now() });
    const headers = { 'content-type': 'application/json', ...signatureHeader(this.secret, body) };
    try {
      const res = await this.out.fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
      await res.arrayBuffer();
      return res.ok ? { ok: true } : { ok: false, detail: `HTTP ${res.status}` };
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      const detail = (err as Error).name === 'TimeoutError' ? `no answer in ${this.timeoutMs} ms` : cause instanceof Error ? cause.message : (err as Error).message;
      return { ok: false, detail };
    }
  }

  async close(): Promise<void> {}
}

export const webhook = lock({
  type: 'webhook',
  label: 'Webhook (HTTP door controller)',
  settings: Type.Object(
    {
      url: Type.String({ pattern: '^https?://', maxLength: 2048 }),
      secret: Type.String({ default: '', writeOnly: true, description: 'HMAC-SHA256 key for the X-Vigil-Signature header' }),
      timeoutMs: Type.Integer({ minimum: 100, maximum: 30000, default: 3000 }),
    },
    { additionalProperties: false },
  ),
  form: {
    url: { label: 'URL' },
    secret: { label: 'Signing secret', help: 'Vigil signs each request with it (X-Vigil-Signature).' },
    timeoutMs: { label: 'Timeout (ms)' },
  },
  example: { url: 'https://door.example.org/unlock', secret: 's3cret', timeoutMs: 3000 },
  create: (s, ctx) => new WebhookLock(ctx.doorId, s.url, s.secret, s.timeoutMs, ctx.outbound),
});
