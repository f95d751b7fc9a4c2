import Type, { type Static, type TSchema } from 'typebox';
import { typesOf, type FieldLabel } from '../../core/adapters.ts';
import type { FormatAdapter } from './format.ts';
import { zigbee2mqtt } from './zigbee2mqtt.ts';
import { tasmota } from './tasmota.ts';
import { esphome } from './esphome.ts';
import { shelly } from './shelly.ts';

/** Every off-the-shelf sensor format; a new brand is a file in this folder and its entry here. */
export const FORMAT_LIST = [zigbee2mqtt, tasmota, esphome, shelly] as const;
export const SENSOR_FORMATS = typesOf(FORMAT_LIST);
type FormatType = (typeof SENSOR_FORMATS)[number];

type Both<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SettingsOf<A> = A extends FormatAdapter<infer S> ? Static<S> : never;
/** A sensor's format: its type and every brand's settings (a brand reads its own). */
export type SensorFormat = { type: FormatType } & Both<SettingsOf<(typeof FORMAT_LIST)[number]>>;

/**
 * One object, not a union of one object per brand: configs and stored sensors carry every brand's
 * keys with their defaults, and the HTTP validator fills defaults only outside anyOf. A key several
 * brands use must be declared the same by each of them.
 */
function formatSchema(): TSchema {
  const merged: Record<string, TSchema> = {};
  const keys = [...new Set(FORMAT_LIST.flatMap((f) => Object.keys(f.settings.properties)))];
  for (const key of keys) {
    const users = FORMAT_LIST.filter((f) => key in f.settings.properties);
    const declared = users.map((f) => (f.settings.properties as Record<string, TSchema & { default?: unknown; description?: string }>)[key]!);
    const first = declared[0]!;
    if (declared.some((d) => JSON.stringify(d) !== JSON.stringify(first))) throw new Error(`sensor formats declare ${key} differently: ${users.map((f) => f.type).join(', ')}`);
    const parts = users.map((f) => {
      const l = (f.form as Record<string, FieldLabel | undefined>)[key];
      return l ? `${f.label}: ${l.label}` : f.label;
    });
    const description = first.description ? `${first.description} (${parts.join(', ')})` : parts.join('; ');
    const schema = { ...first, description };
    merged[key] = users.length === FORMAT_LIST.length || first.default !== undefined ? schema : Type.Optional(schema);
  }
  return Type.Object({ type: Type.Enum(SENSOR_FORMATS), ...merged }, { additionalProperties: false, description: "An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor" });
}
export const SensorFormatSchema = Type.Unsafe<SensorFormat>(formatSchema());

export const FORMATS = Object.fromEntries(FORMAT_LIST.map((f) => [f.type, f])) as unknown as Record<FormatType, FormatAdapter>;
export type { Reading } from './format.ts';
