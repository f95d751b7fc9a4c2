import Type, { type Static } from 'typebox';
import { post, type Message } from '../message.ts';
import { signatureHeader } from '../../core/signature.ts';
import type { Outbound } from '../../net/outbound.ts';
import { channel } from '../channel.ts';

const WebhookSettings = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', maxLength: 2048 }),
    secret: Type.String({ maxLength: 256, default: '', writeOnly: true, description: 'HMAC-SHA256 key: X-Vigil-Signature: sha256=<hex of the body>' }),
  },
  { additionalProperties: false },
);

/** A JSON POST of the message and its events, signed so the receiver knows it came from Vigil. */
async function sendWebhook(s: Static<typeof WebhookSettings>, m: Message, out: Outbound): Promise<void> {
  const body = JSON.stringify({ title: m.title, body: m.body, urgent: m.urgent, path: m.path, link: m.link, events: m.events });
  await post(out, s.url, { headers: { 'content-type': 'application/json', ...signatureHeader(s.secret, body) }, body }, 'the webhook');
}

export const webhook = channel({
  type: 'webhook',
  label: 'Webhook',
  settings: WebhookSettings,
  form: {
    url: { label: 'URL' },
    secret: { label: 'Signing secret', help: 'Vigil signs each request with it (X-Vigil-Signature).' },
  },
  example: { url: 'https://hooks.example.org/vigil', secret: 's3cret' },
  send: sendWebhook,
});
