import type { MqttDeviceRepo } from '../store/mqttDevices.ts';
import type { BrokerEndpoint } from './firmwareConfig.ts';

/** The built-in broker's login for Home Assistant's MQTT integration. */
export const HA_LOGIN = 'homeassistant';

export interface HaLogin {
  broker: BrokerEndpoint;
  username: string;
  password: string;
  discoveryPrefix: string;
}

/** A new password for Home Assistant's login (the old one stops working), with where to connect. */
export async function issueHaLogin(devices: Pick<MqttDeviceRepo, 'issueForIntegration'>, broker: BrokerEndpoint, discoveryPrefix: string): Promise<HaLogin> {
  return { broker, ...(await devices.issueForIntegration(HA_LOGIN)), discoveryPrefix };
}
