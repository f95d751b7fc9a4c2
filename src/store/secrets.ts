import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A secret kept in the data directory (mode 0600), made on first use (32 random bytes unless `make` says otherwise). */
export function readOrCreateSecret(dataDir: string, name: string, make: () => string = () => randomBytes(32).toString('hex')): string {
  const file = path.join(dataDir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = make();
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
}

/** The master key every signed sensor's key is derived from (core/sensorSignature.ts). */
export function sensorMasterKey(dataDir: string): Buffer {
  return Buffer.from(readOrCreateSecret(dataDir, 'sensor.key'), 'hex');
}
