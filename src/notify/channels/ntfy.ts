import Type, { type Static } from 'typebox';
import { post, type Message } from '../message.ts';
import type { Outbound } from '../../net/outbound.ts';
import { channel } from '../channel.ts';

const NtfySettings = Type.Object(
  {
    server: Type.String({ pattern: '^https?://', maxLength: 2048, default: 'https://ntfy.sh' }),
    topic: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    token: Type.String({ maxLength: 256, default: '', writeOnly: true, description: 'access token for a protected topic' }),
  },
  { additionalProperties: false },
);

/** ntfy's publish API: the body is the message, title and priority go in headers. */
async function sendNtfy(s: Static<typeof NtfySettings>, m: Message, out: Outbound): Promise<void> {
  const headers: Record<string, string> = { title: m.title, priority: m.urgent ? 'urgent' : 'default', tags: m.urgent ? 'rotating_light' : 'bell' };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  if (m.link) headers.click = m.link;
  const url = `${s.server.replace(/\/+$/, '')}/${s.topic}`;
  await post(out, url, { headers, body: m.body }, 'ntfy');
}

export const ntfy = channel({
  type: 'ntfy',
  label: 'ntfy',
  settings: NtfySettings,
  form: {
    server: { label: 'Server', help: 'https://ntfy.sh or your own' },
    topic: { label: 'Topic' },
    token: { label: 'Access token', help: 'Only for a protected topic.' },
  },
  example: { server: 'https://ntfy.sh', topic: 'vigil-home', token: 'tk_example' },
  send: sendNtfy,
});
