import Value from 'typebox/value';
import { adapterOf, typesOf } from '../core/adapters.ts';
import { webpush } from './channels/webpush.ts';
import { ntfy } from './channels/ntfy.ts';
import { telegram } from './channels/telegram.ts';
import { email } from './channels/email.ts';
import { webhook } from './channels/webhook.ts';

/** Every notification channel; a new one is a file in channels/ and its entry here. */
export const CHANNELS = [webpush, ntfy, telegram, email, webhook] as const;
export const CHANNEL_TYPES = typesOf(CHANNELS);
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The channel of a type; throws on a type no channel has (a row written by a newer Vigil). */
export const channelAdapter = (type: string): (typeof CHANNELS)[number] => adapterOf(CHANNELS, type);

/** The settings with defaults filled in, or what is wrong with them. */
export function checkSettings(type: ChannelType, raw: unknown): { ok: true; settings: Record<string, unknown> } | { ok: false; errors: string[] } {
  const schema = channelAdapter(type).settings;
  const settings = Value.Default(schema, structuredClone(raw ?? {}));
  const errors = [...Value.Errors(schema, settings)].map((e) => `${e.instancePath || '/'} ${e.message}`);
  return errors.length ? { ok: false, errors } : { ok: true, settings: settings as Record<string, unknown> };
}
