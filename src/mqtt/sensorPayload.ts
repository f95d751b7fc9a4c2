import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

// The DIY sensor's message (DESIGN.md). Unknown extra fields are tolerated so that firmware can add
// diagnostics without breaking older hubs; known ones must have the right type.
export const StatePayload = Type.Object({
  contact: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  battery: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  tamper: Type.Optional(Type.Boolean()),
  vbat: Type.Optional(Type.Integer({ minimum: 0, maximum: 20000, description: 'supply voltage, millivolts' })),
  seq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  sig: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
});
export type StatePayload = Static<typeof StatePayload>;

const check = Compile(StatePayload);

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseStatePayload(buf: Buffer, maxBytes: number): Parsed<StatePayload> {
  if (buf.length > maxBytes) return { ok: false, reason: 'oversized' };
  let json: unknown;
  try {
    json = JSON.parse(buf.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  if (!check.Check(json)) return { ok: false, reason: 'invalid_fields' };
  if (json.contact === undefined && json.battery === undefined && json.tamper === undefined) {
    return { ok: false, reason: 'empty' };
  }
  return { ok: true, value: json };
}

export function parseAvailability(buf: Buffer): Parsed<boolean> {
  const text = buf.toString('utf8').trim();
  if (text === 'online') return { ok: true, value: true };
  if (text === 'offline') return { ok: true, value: false };
  return { ok: false, reason: 'invalid_availability' };
}
