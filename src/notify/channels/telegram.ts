import Type, { type Static } from 'typebox';
import { FormData, type Response } from 'undici';
import { DeliveryError, request, type Message } from '../message.ts';
import type { Outbound } from '../../net/outbound.ts';
import { channel } from '../channel.ts';

const TelegramSettings = Type.Object(
  {
    token: Type.String({ pattern: '^[0-9]+:[A-Za-z0-9_-]+$', maxLength: 128, writeOnly: true, description: 'the bot token from @BotFather' }),
    chatId: Type.String({ pattern: '^-?[0-9]+$|^@[A-Za-z0-9_]{5,}$', maxLength: 64 }),
    apiBase: Type.String({ pattern: '^https?://', default: 'https://api.telegram.org' }),
  },
  { additionalProperties: false },
);

/** The Bot API: sendPhoto with the snapshot when there is one, sendMessage otherwise. */
async function sendTelegram(s: Static<typeof TelegramSettings>, m: Message, out: Outbound): Promise<void> {
  const base = `${s.apiBase.replace(/\/+$/, '')}/bot${s.token}`;
  const text = [m.title, m.body, m.link].filter(Boolean).join('\n');
  let res: Response;
  if (m.snapshot) {
    const form = new FormData();
    form.set('chat_id', s.chatId);
    form.set('caption', text.slice(0, 1024));
    form.set('photo', new Blob([new Uint8Array(m.snapshot)], { type: 'image/jpeg' }), 'snapshot.jpg');
    res = await request(out, `${base}/sendPhoto`, { method: 'POST', body: form }, 'Telegram');
  } else {
    res = await request(out, `${base}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: s.chatId, text: text.slice(0, 4096) }) }, 'Telegram');
  }
  const answer = (await res.json().catch(() => ({}))) as { ok?: boolean; description?: string };
  // The token is in the URL: never let it into an error message.
  if (!res.ok || answer.ok !== true) throw new DeliveryError(`Telegram answered HTTP ${res.status}: ${answer.description ?? 'no description'}`, res.status === 403 || res.status === 404);
}

export const telegram = channel({
  type: 'telegram',
  label: 'Telegram',
  settings: TelegramSettings,
  form: {
    token: { label: 'Bot token', help: 'From @BotFather.' },
    chatId: { label: 'Chat id' },
  },
  example: { token: '123456:ABC-example', chatId: '-1001234', apiBase: 'https://api.telegram.org' },
  send: sendTelegram,
});
