import type { SensorFormat } from '../../config/schema.ts';
import type { Contact } from '../../core/bus.ts';

/** What one message of a device's own format says, in Vigil's terms. */
export type Reading =
  | { kind: 'state'; contact?: Contact; battery?: number; tamper?: boolean }
  | { kind: 'availability'; online: boolean }
  /** A message of the device that says nothing about the door (e.g. Tasmota's other keys). */
  | { kind: 'ignore' }
  | { kind: 'invalid'; reason: string };

/** One brand's topics and payloads; each format is one file. */
export interface FormatAdapter {
  topics(f: SensorFormat): string[];
  parse(f: SensorFormat, topic: string, payload: Buffer): Reading;
}

export function json(payload: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(payload.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const percent = (v: unknown): number | undefined => (typeof v === 'number' && v >= 0 && v <= 100 ? v : undefined);

/** ON/OFF to open/closed, by which of them the device sends for open. */
export function onOff(text: string, openWhen: 'ON' | 'OFF'): Contact | undefined {
  const t = text.trim().toUpperCase();
  if (t !== 'ON' && t !== 'OFF') return undefined;
  return t === openWhen ? 'open' : 'closed';
}

/** A state reading, or invalid when the message carried nothing Vigil understands. */
export function state(r: { contact?: Contact | undefined; battery?: number | undefined; tamper?: boolean | undefined }): Reading {
  const out: Extract<Reading, { kind: 'state' }> = { kind: 'state' };
  if (r.contact) out.contact = r.contact;
  if (r.battery !== undefined) out.battery = r.battery;
  if (r.tamper !== undefined) out.tamper = r.tamper;
  return Object.keys(out).length > 1 ? out : { kind: 'invalid', reason: 'no_known_fields' };
}
