import type { Static, TSchema } from 'typebox';
import Value from 'typebox/value';
import type { ChannelType } from '../store/notify.ts';
import { WebhookSettings, sendWebhook } from './channels/webhook.ts';
import { NtfySettings, sendNtfy } from './channels/ntfy.ts';
import { TelegramSettings, sendTelegram } from './channels/telegram.ts';
import { EmailSettings, sendEmail } from './channels/email.ts';
import { WebPushSettings } from './channels/webpush.ts';
import type { Message } from './message.ts';
import type { Outbound } from '../net/outbound.ts';

interface ChannelKind {
  schema: TSchema;
  /** Null for web push, which the service sends browser by browser. */
  send: ((settings: unknown, m: Message, out: Outbound) => Promise<void>) | null;
}

/** A channel type from its settings schema and a sender typed by that schema. */
function kind<S extends TSchema>(schema: S, send: ((s: Static<S>, m: Message, out: Outbound) => Promise<void>) | null): ChannelKind {
  return { schema, send: send && ((raw, m, out) => send(Value.Parse(schema, raw), m, out)) };
}

export const CHANNEL_KINDS: Record<ChannelType, ChannelKind> = {
  webpush: kind(WebPushSettings, null),
  ntfy: kind(NtfySettings, sendNtfy),
  telegram: kind(TelegramSettings, sendTelegram),
  email: kind(EmailSettings, sendEmail),
  webhook: kind(WebhookSettings, sendWebhook),
};

/** Fields that hold secrets: never sent back to the panel; the mask in a save keeps the stored value. */
export const SECRET_FIELDS = ['password', 'token', 'secret'];
export const MASK = '********';

/** The settings with defaults filled in, or what is wrong with them. */
export function checkSettings(type: ChannelType, raw: unknown): { ok: true; settings: Record<string, unknown> } | { ok: false; errors: string[] } {
  const { schema } = CHANNEL_KINDS[type];
  const settings = Value.Default(schema, structuredClone(raw ?? {}));
  const errors = [...Value.Errors(schema, settings)].map((e) => `${e.instancePath || '/'} ${e.message}`);
  return errors.length ? { ok: false, errors } : { ok: true, settings: settings as Record<string, unknown> };
}
