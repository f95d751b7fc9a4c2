import webPush from 'web-push';
import Type from 'typebox';
import { DeliveryError, type Message } from '../message.ts';
import type { Outbound } from '../../net/outbound.ts';
import { snapshotOf } from '../../core/events.ts';
import { channel } from '../channel.ts';

const WebPushSettings = Type.Object(
  {
    /** Whose browsers: user ids; empty = every subscribed browser. */
    users: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 256, default: [] }),
  },
  { additionalProperties: false },
);

/** Sent browser by browser by the notify service (sendWebPush), not through `send`. */
export const webpush = channel({ type: 'webpush', label: 'Web Push (this panel’s browsers and installed apps)', settings: WebPushSettings, form: {}, example: { users: [] }, send: null });

export interface Vapid {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** One encrypted push to one browser; 404/410 from the push service means the subscription is gone. */
export async function sendWebPush(vapid: Vapid, target: PushTarget, m: Message, out: Outbound): Promise<void> {
  const snapshot = m.events.map(snapshotOf).find((s): s is string => s !== null) ?? null;
  const payload = JSON.stringify({ title: m.title, body: m.body, path: m.path, urgent: m.urgent, seq: m.events[0]?.seq ?? null, snapshot });
  try {
    out.checkUrl(target.endpoint);
  } catch (err) {
    throw new DeliveryError(`push service refused: ${(err as Error).message}`, true);
  }
  try {
    await webPush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
      vapidDetails: vapid,
      TTL: m.urgent ? 3600 : 24 * 3600,
      urgency: m.urgent ? 'high' : 'normal',
      timeout: 10_000,
      agent: out.httpsAgent,
    });
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    throw new DeliveryError(`push service: ${status ? `HTTP ${status}` : (err as Error).message}`, status === 404 || status === 410);
  }
}
