import type { Config } from '../config/schema.ts';
import { Conflict } from '../core/errors.ts';
import type { MqttDeviceRepo } from '../store/mqttDevices.ts';
import { brokerEndpoint, type BrokerEndpoint } from './firmwareConfig.ts';

/** The built-in broker's login for Home Assistant's MQTT integration. */
export const HA_LOGIN = 'homeassistant';

export interface HaLogin {
  broker: BrokerEndpoint;
  username: string;
  password: string;
  discoveryPrefix: string;
}

/**
 * A new password for Home Assistant's login (the old one stops working), with where to connect;
 * `host` is this machine as HA reaches it, `brokerPort` the running built-in broker's.
 */
export async function issueHaLogin(devices: Pick<MqttDeviceRepo, 'issueForIntegration'>, config: Config, host: string, brokerPort?: number): Promise<HaLogin> {
  if (config.mqtt.url) throw new Conflict('Vigil uses an external broker (mqtt.url): give Home Assistant an account on that broker');
  return { broker: brokerEndpoint(config, host, brokerPort), ...(await devices.issueForIntegration(HA_LOGIN)), discoveryPrefix: config.homeassistant.prefix };
}
