import type { SensorConfig } from '../config/schema.ts';
import { Conflict, NotFound } from '../core/errors.ts';
import { deriveSensorKey } from '../core/sensorSignature.ts';
import { firmwareConfig, runsVigilFirmware, type BrokerEndpoint } from '../mqtt/firmwareConfig.ts';
import type { Topics } from '../mqtt/topics.ts';
import type { SensorRepo } from '../store/sensors.ts';

/** The sensors as provisioning sees them: the running SensorService, or the store when the CLI works alone. */
export interface SensorKeys {
  get(id: string): Promise<Pick<SensorConfig, 'id' | 'signed' | 'format'> | undefined>;
  /** A new signing key; the old one, and its counter, stop counting. */
  newKey(id: string): Promise<Buffer | undefined>;
}

export interface ProvisionDeps {
  sensors: SensorKeys;
  /** A new MQTT password for the sensor; absent when the broker's accounts are not Vigil's to hand out. */
  issueLogin?: (sensorId: string) => Promise<{ username: string; password: string }>;
  topics: Topics;
  broker: BrokerEndpoint;
}

export interface Provisioned {
  login: { username: string; password: string } | null;
  key: Buffer;
  /** config.h for firmware/esp8266-door-sensor. */
  firmwareConfig: string;
}

/**
 * (Re)provisions a Vigil ESP8266 sensor: a new signing key, a new MQTT password and its config.h.
 * The panel and `vigil sensor provision` both come here.
 */
export async function provisionSensor(d: ProvisionDeps, id: string, wifi?: { ssid: string; password: string }): Promise<Provisioned> {
  const s = await d.sensors.get(id);
  if (!s) throw new NotFound(`no sensor "${id}" (a sensor in the config file is known once Vigil has started with it)`);
  if (!runsVigilFirmware(s)) throw new Conflict(`sensor "${id}" is not a signed sensor on Vigil's own topics, so it does not run the Vigil firmware`);
  const key = await d.sensors.newKey(id);
  if (!key) throw new NotFound(`no sensor "${id}"`);
  const login = d.issueLogin ? await d.issueLogin(id) : null;
  return { login, key, firmwareConfig: firmwareConfig({ sensorId: id, key, broker: d.broker, login, topics: d.topics, wifi }) };
}

/** Sensor keys straight from the store, for the CLI; a running Vigil takes a new key within seconds. */
export function storedSensorKeys(repo: SensorRepo, masterKey: Buffer): SensorKeys {
  return {
    get: (id) => repo.get(id),
    newKey: async (id) => ((await repo.get(id)) ? deriveSensorKey(masterKey, id, await repo.newKeySalt(id)) : undefined),
  };
}
