import nodemailer from 'nodemailer';
import Type, { type Static } from 'typebox';
import { DeliveryError, type Message } from '../message.ts';
import type { Outbound } from '../../net/outbound.ts';
import { channel } from '../channel.ts';

const EmailSettings = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
    security: Type.Enum(['starttls', 'tls', 'none'], { default: 'starttls', description: 'starttls: upgrade required (587); tls: TLS from the start (465)' }),
    username: Type.String({ maxLength: 255, default: '' }),
    password: Type.String({ maxLength: 255, default: '', writeOnly: true }),
    from: Type.String({ minLength: 3, maxLength: 255 }),
    to: Type.Array(Type.String({ minLength: 3, maxLength: 255 }), { minItems: 1, maxItems: 50 }),
    /** For a self-signed server on the local network: trust this PEM certificate. */
    ca: Type.String({ maxLength: 20_000, default: '' }),
  },
  { additionalProperties: false },
);

/** SMTP through nodemailer; the snapshot, when there is one, goes as an attachment. */
async function sendEmail(s: Static<typeof EmailSettings>, m: Message, out: Outbound): Promise<void> {
  try {
    // nodemailer resolves the name itself: the addresses are checked just before.
    await out.checkHost(s.host);
  } catch (err) {
    throw new DeliveryError(`the mail server refused: ${(err as Error).message}`);
  }
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.username ? { user: s.username, pass: s.password } : undefined,
    tls: s.ca ? { ca: s.ca } : undefined,
    connectionTimeout: 10_000,
    socketTimeout: 15_000,
  });
  try {
    await transport.sendMail({
      from: s.from,
      to: s.to,
      subject: m.title,
      text: m.link ? `${m.body}\n\n${m.link}` : m.body,
      priority: m.urgent ? 'high' : 'normal',
      attachments: m.snapshot ? [{ filename: 'snapshot.jpg', content: m.snapshot, contentType: 'image/jpeg' }] : [],
    });
  } catch (err) {
    throw new DeliveryError(`SMTP: ${(err as Error).message}`);
  } finally {
    transport.close();
  }
}

export const email = channel({
  type: 'email',
  label: 'E-mail',
  settings: EmailSettings,
  form: {
    host: { label: 'SMTP server' },
    port: { label: 'Port' },
    security: { label: 'Security', options: { starttls: 'STARTTLS (port 587)', tls: 'TLS (port 465)', none: 'none (local relay only)' } },
    username: { label: 'User name' },
    password: { label: 'Password' },
    from: { label: 'From' },
    to: { label: 'To', help: 'Several addresses separated by commas.' },
  },
  example: { host: 'mail.example.org', port: 587, security: 'starttls', username: 'ann', password: 'hunter22', from: 'vigil@example.org', to: ['ann@example.org', 'bob@example.org'], ca: '' },
  send: sendEmail,
});
