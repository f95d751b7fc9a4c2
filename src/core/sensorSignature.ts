import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed sensor messages (the Vigil ESP8266 firmware). The HMAC-SHA256 covers a canonical text of
 * the fields rather than the JSON bytes, so formatting never matters; it names the sensor, so a
 * message cannot be moved to another sensor, and carries a sequence number that must rise, so a
 * recorded "closed" cannot be played back. The firmware's C++ encoder builds the same text
 * (firmware/esp8266-door-sensor/src/sensor_message.cpp); both are checked against one set of test
 * vectors.
 */
export interface SignedFields {
  contact?: 'open' | 'closed';
  battery?: number;
  /** Supply voltage in millivolts. */
  vbat?: number;
  tamper?: boolean;
  seq: number;
}

export const SIGNATURE_VERSION = 'vigil-sensor-v1';

export function canonicalText(sensorId: string, f: SignedFields): string {
  const opt = (v: string | number | boolean | undefined) => (v === undefined ? '' : String(v));
  return [SIGNATURE_VERSION, sensorId, String(f.seq), opt(f.contact), opt(f.battery), opt(f.vbat), opt(f.tamper)].join('\n');
}

export function signFields(key: Buffer, sensorId: string, f: SignedFields): string {
  return createHmac('sha256', key).update(canonicalText(sensorId, f)).digest('hex');
}

/** The JSON a signed sensor publishes, in the firmware's field order. */
export function signedPayload(key: Buffer, sensorId: string, f: SignedFields): string {
  const { contact, battery, vbat, tamper, seq } = f;
  return JSON.stringify({ contact, battery, vbat, tamper, seq, sig: signFields(key, sensorId, f) });
}

export function signatureValid(key: Buffer, sensorId: string, f: SignedFields, sig: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(sig)) return false;
  return timingSafeEqual(Buffer.from(signFields(key, sensorId, f), 'hex'), Buffer.from(sig, 'hex'));
}

/**
 * Each sensor's key comes from one master key in the data directory and a random salt stored with
 * the sensor: the database (and its backups) hold no key, and a new salt (re-provisioning, or a
 * sensor deleted and added again under the same id) makes a new key.
 */
export function deriveSensorKey(master: Buffer, sensorId: string, salt: string): Buffer {
  return createHmac('sha256', master).update(`vigil-sensor-key\n${sensorId}\n${salt}`).digest();
}

export type SignedCheck = { ok: true; seq: number } | { ok: false; reason: 'unsigned' | 'bad_signature' | 'replayed' };

/** Whether a signed sensor's message is genuine and new; `lastSeq` is the highest accepted so far. */
export function checkSigned(key: Buffer, lastSeq: number | null, sensorId: string, m: Partial<SignedFields> & { sig?: string }): SignedCheck {
  // Typed checks, not presence: the fields come from a payload, and a non-string `sig` must not reach the regex.
  if (typeof m.seq !== 'number' || typeof m.sig !== 'string') return { ok: false, reason: 'unsigned' };
  const fields: SignedFields = { contact: m.contact, battery: m.battery, vbat: m.vbat, tamper: m.tamper, seq: m.seq };
  if (!signatureValid(key, sensorId, fields, m.sig)) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature, so a forger cannot probe the counter.
  if (lastSeq !== null && m.seq <= lastSeq) return { ok: false, reason: 'replayed' };
  return { ok: true, seq: m.seq };
}
