import type { SensorFormat } from '../../config/schema.ts';
import type { FormatAdapter } from './format.ts';
import { zigbee2mqtt } from './zigbee2mqtt.ts';
import { tasmota } from './tasmota.ts';
import { esphome } from './esphome.ts';
import { shelly } from './shelly.ts';

export const FORMATS: Record<SensorFormat['type'], FormatAdapter> = { zigbee2mqtt, tasmota, esphome, shelly };
export type { Reading } from './format.ts';
