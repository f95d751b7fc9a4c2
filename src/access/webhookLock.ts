import { signatureHeader } from '../core/signature.ts';
import type { DoorLock, LockResult } from './devices.ts';
import type { Outbound } from '../net/outbound.ts';

/**
 * A lock behind an HTTP endpoint (a door controller, a Shelly relay, a home-automation hook): one
 * POST of `{"door","action":"unlock","durationMs","at"}`, signed with HMAC-SHA256 in
 * `X-Vigil-Signature: sha256=<hex>` when a secret is set. Any 2xx is success.
 */
export class WebhookLock implements DoorLock {
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
