import webpush from 'web-push';
import { readOrCreateSecret } from '../store/secrets.ts';
import type { Vapid } from './channels/webpush.ts';

export const VAPID_FILE = 'vapid.json';

/** The server's Web Push key pair: made on first start, kept in the data directory (0600). */
export function readOrCreateVapid(dataDir: string, subject: string): Vapid {
  const keys = JSON.parse(readOrCreateSecret(dataDir, VAPID_FILE, () => JSON.stringify(webpush.generateVAPIDKeys()))) as { publicKey: string; privateKey: string };
  return { subject, ...keys };
}
