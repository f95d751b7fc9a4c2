import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestVigil, waitFor, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';

// Off-the-shelf sensors publishing their own formats to the machine's Mosquitto, as their bridges
// and firmware do, with Vigil as a client of that broker.
describe('Zigbee2MQTT, Tasmota, ESPHome and Shelly sensors through Mosquitto', () => {
  const tag = randomBytes(4).toString('hex');
  const dev = (name: string) => `${name}_${tag}`;
  let v: TestVigil;
  let admin: ApiClient;
  let bridge: MqttClient;
  const events: TestEvent[] = [];

  before(async () => {
    v = await startTestVigil({
      env: { VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883', VIGIL_MQTT_PREFIX: `vigilfmt${tag}`, VIGIL_ALARM_EXIT_DELAY: '0' },
      file: {
        sensors: [
          { id: 'z2m', name: 'Zigbee front door', format: { type: 'zigbee2mqtt', device: dev('front door') } },
          { id: 'tas', name: 'Tasmota garage', format: { type: 'tasmota', device: dev('garage') } },
          { id: 'esp', name: 'ESPHome back door', format: { type: 'esphome', device: dev('hall'), input: 'back_door' } },
          { id: 'shl', name: 'Shelly window', kind: 'window', format: { type: 'shelly', device: dev('shellydw2') } },
        ],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    bridge = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 });
  });
  after(async () => {
    await bridge?.endAsync();
    await v?.stop();
  });

  const stateOf = async (id: string) => (await admin.json<{ state: { contact: string | null; battery: number | null; online: boolean | null } }>('GET', `/api/sensors/${id}`)).state;

  test('each format opens and closes its sensor, with battery and availability', async () => {
    await bridge.publishAsync(`zigbee2mqtt/${dev('front door')}`, JSON.stringify({ battery: 64, contact: false, linkquality: 110, tamper: false }), { qos: 1 });
    await bridge.publishAsync(`stat/${dev('garage')}/RESULT`, JSON.stringify({ Switch1: { Action: 'ON' } }), { qos: 1 });
    await bridge.publishAsync(`${dev('hall')}/binary_sensor/back_door/state`, 'ON', { qos: 1 });
    await bridge.publishAsync(`shellies/${dev('shellydw2')}/sensor/state`, 'open', { qos: 1 });
    await bridge.publishAsync(`shellies/${dev('shellydw2')}/sensor/battery`, '73', { qos: 1 });
    for (const id of ['z2m', 'tas', 'esp', 'shl']) await waitFor(async () => (await stateOf(id)).contact === 'open', 5000, `${id} open`);
    assert.equal((await stateOf('z2m')).battery, 64);
    assert.equal((await stateOf('shl')).battery, 73);

    await bridge.publishAsync(`zigbee2mqtt/${dev('front door')}`, JSON.stringify({ contact: true }), { qos: 1 });
    await bridge.publishAsync(`tele/${dev('garage')}/SENSOR`, JSON.stringify({ Time: '2026-11-24T10:00:00', Switch1: 'OFF' }), { qos: 1 });
    await waitFor(async () => (await stateOf('z2m')).contact === 'closed' && (await stateOf('tas')).contact === 'closed', 5000, 'closed again');

    await bridge.publishAsync(`${dev('hall')}/status`, 'offline', { qos: 1 });
    await bridge.publishAsync(`tele/${dev('garage')}/LWT`, 'Offline', { qos: 1 });
    await waitFor(() => events.some((e) => e.type === 'SensorOffline' && e.sensorId === 'esp') && events.some((e) => e.type === 'SensorOffline' && e.sensorId === 'tas'), 5000, 'offline events');
  });

  test('armed, a Zigbee contact opening is an intrusion', async () => {
    await admin.json('POST', '/api/alarm', { action: 'ARM_AWAY' });
    await waitFor(async () => (await admin.json<{ state: string }>('GET', '/api/alarm')).state === 'armed_away', 10_000, 'armed');
    await bridge.publishAsync(`zigbee2mqtt/${dev('front door')}`, JSON.stringify({ contact: false }), { qos: 1 });
    const intrusion = await waitFor(() => events.find((e) => e.type === 'Intrusion'), 5000, 'the intrusion');
    assert.equal(intrusion.sensorId, 'z2m');
    await admin.json('POST', '/api/alarm', { action: 'DISARM' });
  });

  test('a sensor added through the API with a format is listened to at once', async () => {
    const subscribed = () => v.vigil.diagnostics.get('mqtt_topics_subscribed');
    const before = subscribed();
    const res = await admin.request('POST', '/api/sensors', { id: 'esp2', name: 'ESPHome cellar', format: { type: 'esphome', device: dev('cellar'), input: 'hatch' } });
    assert.equal(res.status, 201, await res.text());
    // A publish before the broker acknowledged the new topics would simply not be delivered.
    await waitFor(() => subscribed() > before, 10_000, "the broker's SUBACK for the new sensor's topics");
    await bridge.publishAsync(`${dev('cellar')}/binary_sensor/hatch/state`, 'ON', { qos: 1 });
    await waitFor(async () => (await stateOf('esp2')).contact === 'open', 5000, 'esp2 open');
  });

  test("garbage in a device's format is dropped and counted, and changes nothing", async () => {
    const before = await stateOf('shl');
    await bridge.publishAsync(`shellies/${dev('shellydw2')}/sensor/state`, 'ajar', { qos: 1 });
    await bridge.publishAsync(`zigbee2mqtt/${dev('front door')}`, '{"contact":', { qos: 1 });
    await waitFor(async () => {
      const h = await admin.json<{ counters: Record<string, number> }>('GET', '/api/health');
      return (h.counters.mqtt_rejected_invalid_contact ?? 0) >= 1 && (h.counters.mqtt_rejected_not_json ?? 0) >= 1;
    }, 5000, 'the rejections counted');
    assert.deepEqual(await stateOf('shl'), before);
  });
});
