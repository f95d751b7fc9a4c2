import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { Vapid } from './channels/webpush.ts';

export const VAPID_FILE = 'vapid.json';

/** The server's Web Push key pair: made on first start, kept in the data directory (0600). */
export function readOrCreateVapid(dataDir: string, subject: string): Vapid {
  const file = path.join(dataDir, VAPID_FILE);
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
    return { subject, ...keys };
  }
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return { subject, ...keys };
}
