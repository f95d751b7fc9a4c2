import Type, { type Static, type TObject } from 'typebox';
import type { Contact } from '../../core/bus.ts';
import type { Adapter } from '../../core/adapters.ts';

/** What one message of a device's own format says, in Vigil's terms. */
export type Reading =
  | { kind: 'state'; contact?: Contact; battery?: number; tamper?: boolean }
  | { kind: 'availability'; online: boolean }
  /** A message of the device that says nothing about the door (e.g. Tasmota's other keys). */
  | { kind: 'ignore' }
  | { kind: 'invalid'; reason: string };

/** One brand's settings, topics and payloads; each format is one file, listed in index.ts. */
export interface FormatAdapter<S extends TObject = TObject, T extends string = string> extends Adapter<S, T> {
  // Method syntax: the registry holds formats of different settings side by side.
  topics(f: Static<S>): string[];
  parse(f: Static<S>, topic: string, payload: Buffer): Reading;
}

/** A format declaration, its type kept literal for the registry's union. */
export const format = <const T extends string, S extends TObject>(a: FormatAdapter<S, T>): FormatAdapter<S, T> => a;

// Settings several brands share; a key two formats both use must mean the same (the registry's test checks).
export const Device = Type.String({ pattern: '^[^#+]{1,128}$' });
export const Input = Type.String({ maxLength: 64, default: '' });
export const OpenWhen = Type.Enum(['ON', 'OFF'], { default: 'ON', description: 'which state means open' });

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
