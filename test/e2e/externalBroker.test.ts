import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { freePort, kill9, openSse, startTestVigil, tmpDir, waitFor, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';

const MOSQUITTO = '/usr/sbin/mosquitto';

/** A Mosquitto of the test's own on a free port, so it can be killed and restarted. */
async function startMosquitto(port: number, dir: string): Promise<ChildProcess> {
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
  await waitFor(async () => {
    try {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync();
      return true;
    } catch {
      return false;
    }
  }, 10_000, 'mosquitto up');
  return child;
}


describe("external broker: the machine's Mosquitto on 1883", () => {
  let v: TestVigil;
  let admin: ApiClient;
  const prefix = `vigiltest${randomBytes(4).toString('hex')}`;

  before(async () => {
    v = await startTestVigil({
      env: { VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883', VIGIL_MQTT_PREFIX: prefix, VIGIL_ALARM_EXIT_DELAY: '0' },
      file: { sensors: [{ id: 'patio', name: 'Patio door', entryDelay: 0, signed: false }] },
    });
    admin = await v.client();
  });
  after(async () => v?.stop());

  test('a sensor on Mosquitto opens while armed: Intrusion on the stream', async () => {
    const sse = await openSse(`${v.base}/api/events/stream`, { cookie: admin.cookie });
    await admin.json('POST', '/api/alarm', { action: 'ARM_AWAY' });
    const device = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0, will: { topic: `${prefix}/sensor/patio/availability`, payload: Buffer.from('offline'), retain: false, qos: 1 } });
    await device.publishAsync(`${prefix}/sensor/patio/availability`, 'online');
    await device.publishAsync(`${prefix}/sensor/patio/state`, '{"contact":"open"}', { qos: 1 });
    const e = await sse.next<TestEvent>((x) => x.type === 'Intrusion');
    assert.equal(e.sensorId, 'patio');
    // The device dies without a goodbye: the broker delivers its last will.
    device.stream.destroy();
    const off = await sse.next<TestEvent>((x) => x.type === 'SensorOffline');
    assert.equal(off.details.reason, 'last_will');
    sse.close();
    await admin.json('POST', '/api/alarm', { action: 'DISARM' });
  });
});

describe('external broker restart: Vigil reconnects, resubscribes and keeps sensor state', () => {
  let v: TestVigil;
  let admin: ApiClient;
  let broker: ChildProcess;
  let port: number;
  const tmp = tmpDir();

  before(async () => {
    port = await freePort();
    broker = await startMosquitto(port, tmp.dir);
    v = await startTestVigil({
      env: { VIGIL_MQTT_URL: `mqtt://127.0.0.1:${port}`, VIGIL_ALARM_EXIT_DELAY: '0' },
      file: { sensors: [{ id: 'back', name: 'Back door', entryDelay: 0, signed: false }, { id: 'attic', name: 'Attic window', kind: 'window', signed: false }] },
    });
    admin = await v.client();
  });
  after(async () => {
    await v?.stop();
    if (broker) await kill9(broker);
    tmp.cleanup();
  });

  test('kill -9 the broker, start it again: events keep flowing and state survives', async () => {
    const pub = async (topic: string, payload: string) => {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
      await c.publishAsync(topic, payload, { qos: 1 });
      await c.endAsync();
    };
    await pub('vigil/sensor/attic/state', '{"contact":"open","battery":55}');
    await waitFor(() => v.vigil.sensors.get('attic')?.state.contact === 'open', 5000, 'attic open');

    await kill9(broker);
    await waitFor(async () => {
      const h = (await (await fetch(`${v.base}/api/health`)).json()) as { mqtt: boolean; status: string };
      return !h.mqtt && h.status === 'degraded';
    }, 10_000, 'health to notice the broker is gone');
    assert.equal(v.vigil.sensors.get('attic')?.state.contact, 'open', 'state is kept while the broker is down');

    broker = await startMosquitto(port, tmp.dir);
    await waitFor(async () => ((await (await fetch(`${v.base}/api/health`)).json()) as { mqtt: boolean }).mqtt, 15_000, 'reconnect');

    const sse = await openSse(`${v.base}/api/events/stream`, { cookie: admin.cookie });
    await admin.json('POST', '/api/alarm', { action: 'ARM_AWAY' });
    await pub('vigil/sensor/back/state', '{"contact":"open"}');
    const e = await sse.next<TestEvent>((x) => x.type === 'Intrusion', 10_000);
    assert.equal(e.sensorId, 'back');
    sse.close();
    assert.deepEqual([v.vigil.sensors.get('attic')?.state.contact, v.vigil.sensors.get('attic')?.state.battery], ['open', 55]);
    assert.ok(v.vigil.diagnostics.get('mqtt_connects') >= 2);

    // The retained alarm state is back on the fresh broker.
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
    const got = new Promise<string>((r) => c.on('message', (_t, p) => r(p.toString())));
    await c.subscribeAsync('vigil/alarm/state');
    assert.equal(await got, 'triggered');
    await c.endAsync();
  });
});
