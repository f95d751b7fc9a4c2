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

export const MASK = '********';

/** The settings a schema marks writeOnly: secrets, whatever they are called. */
export function secretFields(schema: TSchema): string[] {
  const properties = (schema as { properties?: Record<string, { writeOnly?: boolean }> }).properties ?? {};
  return Object.entries(properties).flatMap(([k, p]) => (p.writeOnly ? [k] : []));
}

/** Settings as the panel sees them: every secret the schema declares that is set shows as the mask. */
export function maskSecrets(schema: TSchema, settings: Record<string, unknown>): Record<string, unknown> {
  const secret = secretFields(schema);
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, secret.includes(k) && v ? MASK : v]));
}

/** A save from the panel: a secret sent back as the mask keeps its stored value. */
export function unmaskSecrets(schema: TSchema, sent: Record<string, unknown>, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const secret = secretFields(schema);
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, secret.includes(k) && v === MASK && stored ? stored[k] : v]));
}

/** The settings with defaults filled in, or what is wrong with them. */
export function checkSettings(type: ChannelType, raw: unknown): { ok: true; settings: Record<string, unknown> } | { ok: false; errors: string[] } {
  const { schema } = CHANNEL_KINDS[type];
  const settings = Value.Default(schema, structuredClone(raw ?? {}));
  const errors = [...Value.Errors(schema, settings)].map((e) => `${e.instancePath || '/'} ${e.message}`);
  return errors.length ? { ok: false, errors } : { ok: true, settings: settings as Record<string, unknown> };
}
