import { writeFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { internalMqtt, mqttClientOptions } from '../../app.ts';
import { Topics } from '../../mqtt/topics.ts';
import { SensorRepo } from '../../store/sensors.ts';
import { MqttDeviceRepo } from '../../store/mqttDevices.ts';
import { sensorMasterKey } from '../../store/secrets.ts';
import { deriveSensorKey, signedPayload } from '../../core/sensorSignature.ts';
import { brokerEndpoint } from '../../mqtt/firmwareConfig.ts';
import { provisionSensor, storedSensorKeys } from '../../alarm/provisioning.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

export async function sensorSimulate(cli: Cli, id: string, contact: string, opts: { battery?: number; tamper?: boolean }): Promise<void> {
  if (contact !== 'open' && contact !== 'closed') throw new UsageError('contact must be "open" or "closed"');
  const fields = { contact, battery: opts.battery, tamper: opts.tamper } as const;
  const { cfg, payload } = await cli.withStore(async (store, cfg) => {
    const s = await new SensorRepo(store.db).get(id);
    if (!s?.signed) return { cfg, payload: JSON.stringify(fields) };
    // Well above the last number Vigil saved (it saves once a second, so the device may be a few
    // ahead), rising with the clock so quick simulations rise too, and below the device's next
    // boot (boot << 32), so a restart brings the real device back.
    const seq = (s.state.lastSeq ?? 0) + 2 ** 20 + (Date.now() % 2 ** 20);
    return { cfg, payload: signedPayload(deriveSensorKey(sensorMasterKey(cfg.dataDir), id, s.keySalt), id, { ...fields, seq }) };
  });
  const login = internalMqtt(cfg);
  const topic = new Topics(cfg.mqtt.prefix).sensorState(id);
  const client = await mqtt.connectAsync(login.url, {
    ...mqttClientOptions(login),
    connectTimeout: 5000,
    reconnectPeriod: 0,
  });
  try {
    await client.publishAsync(topic, payload, { qos: 1 });
  } finally {
    await client.endAsync();
  }
  cli.report({ topic, payload: JSON.parse(payload) as unknown }, `published ${payload} to ${topic}`);
}

export async function sensorProvision(cli: Cli, id: string, opts: { wifiSsid?: string; wifiPassword?: string; host: string; out?: string }): Promise<void> {
  const text = await cli.withStore(async (store, cfg) => {
    const devices = new MqttDeviceRepo(store.db);
    const wifi = opts.wifiSsid ? { ssid: opts.wifiSsid, password: opts.wifiPassword ?? '' } : undefined;
    const made = await provisionSensor(
      {
        sensors: storedSensorKeys(new SensorRepo(store.db), sensorMasterKey(cfg.dataDir)),
        ...(cfg.mqtt.url ? {} : { issueLogin: (sensorId: string) => devices.issueForSensor(sensorId) }),
        topics: new Topics(cfg.mqtt.prefix),
        broker: brokerEndpoint(cfg, opts.host),
      },
      id,
      wifi,
    );
    await cli.audit(store, cfg, { subject: 'sensor_key', action: 'issued', target: id });
    return made.firmwareConfig;
  });
  if (!opts.out) return void process.stdout.write(text);
  writeFileSync(opts.out, text, { mode: 0o600 });
  cli.report({ file: opts.out }, `wrote ${opts.out}; a running Vigil takes the new key within 5 s`);
}
