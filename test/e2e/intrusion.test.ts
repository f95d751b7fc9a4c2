import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { internalMqtt } from '../../src/app.ts';
import { createPgDatabase, openSse, SignedSensor, startTestVigil, waitFor, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';

interface Creds {
  username: string;
  password: string;
  stateTopic: string;
  availabilityTopic: string;
}

// The whole intrusion path through real parts: a device logs in to the built-in broker with its own
// credentials, publishes "open", and the Intrusion event reaches a signed-in SSE client.
for (const db of ['SQLite', 'PostgreSQL'] as const) {
  describe(`intrusion end to end (built-in broker, ${db})`, () => {
    let v: TestVigil;
    let admin: ApiClient;
    let dropDb: (() => Promise<void>) | undefined;
    let creds: Creds;
    let device: mqtt.MqttClient;
    let kitchen: SignedSensor;
    let createdKey: string;

    const internalLogin = () => {
      const { username, password } = internalMqtt(v.config);
      return { username, password };
    };

    before(async () => {
      const env: Record<string, string> = { VIGIL_ALARM_EXIT_DELAY: '0', VIGIL_ALARM_CODE: '4321' };
      if (db === 'PostgreSQL') {
        const pgdb = await createPgDatabase();
        env.VIGIL_DATABASE_URL = pgdb.url;
        dropDb = pgdb.drop;
      }
      v = await startTestVigil({ env, file: { sensors: [{ id: 'hall', name: 'Hall', kind: 'door', entryDelay: 30, bypassHome: true }] } });
      admin = await v.client('admin');
      const created = await admin.json<{ mqtt: Creds; device: { signingKey: string } }>('POST', '/api/sensors', { id: 'kitchen-window', name: 'Kitchen window', kind: 'window', entryDelay: 0 });
      creds = created.mqtt;
      createdKey = created.device.signingKey;
      kitchen = new SignedSensor(Buffer.from(created.device.signingKey, 'hex'), 'kitchen-window');
      device = await mqtt.connectAsync(v.vigil.mqttUrl, { username: creds.username, password: creds.password, reconnectPeriod: 0 });
    });
    after(async () => {
      await device?.endAsync();
      await v?.stop();
      await dropDb?.();
    });

    test('sensor opens while armed away: SensorOpened and Intrusion on the stream, alarm triggered', async () => {
      const sse = await openSse(`${v.base}/api/events/stream`, { cookie: admin.cookie });
      const armed = await admin.json<{ state: string }>('POST', '/api/alarm', { action: 'ARM_AWAY' });
      assert.equal(armed.state, 'armed_away');
      await sse.next<TestEvent>((e) => e.type === 'AlarmArmed');

      await device.publishAsync(creds.stateTopic, kitchen.message({ contact: 'open', battery: 90 }), { qos: 1 });
      const opened = await sse.next<TestEvent>((e) => e.type === 'SensorOpened');
      assert.equal(opened.sensorId, 'kitchen-window');
      const intrusion = await sse.next<TestEvent>((e) => e.type === 'Intrusion');
      assert.equal(intrusion.sensorId, 'kitchen-window');
      assert.equal(intrusion.details.name, 'Kitchen window');
      assert.ok(intrusion.seq > opened.seq);
      await sse.next<TestEvent>((e) => e.type === 'AlarmTriggered');
      assert.equal((await admin.json<{ state: string }>('GET', '/api/alarm')).state, 'triggered');
      sse.close();

      const sensor = await admin.json<{ state: { contact: string; battery: number; online: boolean } }>('GET', '/api/sensors/kitchen-window');
      assert.deepEqual([sensor.state.contact, sensor.state.battery, sensor.state.online], ['open', 90, true]);
    });

    test('disarm needs the code: a wrong one is refused and logged, the right one disarms', async () => {
      const wrong = await admin.request('POST', '/api/alarm', { action: 'DISARM', code: '0000' });
      assert.equal(wrong.status, 403);
      assert.equal((await admin.json<{ state: string }>('GET', '/api/alarm')).state, 'triggered');
      const ok = await admin.json<{ state: string }>('POST', '/api/alarm', { action: 'DISARM', code: '4321' });
      assert.equal(ok.state, 'disarmed');
      const rejected = await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=AlarmCommandRejected');
      assert.equal(rejected.events[0]?.details.reason, 'invalid_code');
      assert.ok(!JSON.stringify(rejected).includes('0000'), 'the code itself is never logged');
      // An account that guesses is held off (429) after five wrong codes, even with the right one.
      const guesser = await v.client('operator');
      for (let i = 0; i < 5; i++) assert.equal((await guesser.request('POST', '/api/alarm', { action: 'DISARM', code: `1${i}00` })).status, 403);
      const held = await guesser.request('POST', '/api/alarm', { action: 'DISARM', code: '4321' });
      assert.equal(held.status, 429);
      assert.match(((await held.json()) as { message: string }).message, /too many wrong codes/);
    });

    test('while disarmed an opening is logged but is no intrusion; armed home ignores bypassed sensors', async () => {
      await device.publishAsync(creds.stateTopic, kitchen.message({ contact: 'closed' }), { qos: 1 });
      await device.publishAsync(creds.stateTopic, kitchen.message({ contact: 'open' }), { qos: 1 });
      const before = (await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=Intrusion')).events.length;
      await waitFor(async () => (await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=SensorOpened&sensorId=kitchen-window')).events.length === 2, 5000, 'second opening');
      assert.equal((await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=Intrusion')).events.length, before);

      await admin.json('POST', '/api/alarm', { action: 'ARM_HOME' });
      v.vigil.bus.emit('sensor.report', { sensorId: 'hall', contact: 'open', receivedAt: Date.now() });
      await waitFor(async () => (await admin.json<{ events: TestEvent[] }>('GET', '/api/events?sensorId=hall&type=SensorOpened')).events.length === 1, 5000, 'hall opened');
      assert.equal((await admin.json<{ state: string }>('GET', '/api/alarm')).state, 'armed_home');
      await admin.json('POST', '/api/alarm', { action: 'DISARM', code: '4321' });
    });

    test('the alarm is on MQTT: state retained, commands accepted with the code', async () => {
      const ha = await mqtt.connectAsync(v.vigil.mqttUrl, { ...internalLogin(), reconnectPeriod: 0 });
      const states: string[] = [];
      ha.on('message', (topic, payload) => topic === 'vigil/alarm/state' && states.push(payload.toString()));
      await ha.subscribeAsync('vigil/alarm/state');
      await waitFor(() => states.includes('disarmed'), 5000, 'retained state');
      await ha.publishAsync('vigil/alarm/set', JSON.stringify({ action: 'ARM_AWAY', code: '4321' }));
      await waitFor(() => states.includes('armed_away'), 5000, 'armed_away over MQTT');
      await ha.publishAsync('vigil/alarm/set', 'DISARM');
      await ha.publishAsync('vigil/alarm/set', '{"action":"EXPLODE"}');
      await ha.publishAsync('vigil/alarm/set', JSON.stringify({ action: 'DISARM', code: '4321' }));
      await waitFor(() => states.at(-1) === 'disarmed', 5000, 'disarmed over MQTT');
      await ha.endAsync();
      assert.ok(v.vigil.diagnostics.get('mqtt_rejected_alarm_command') >= 1);
    });

    test('devices cannot log in without credentials, nor publish to another sensor or the alarm', async () => {
      await assert.rejects(mqtt.connectAsync(v.vigil.mqttUrl, { reconnectPeriod: 0, connectTimeout: 3000 }));
      await assert.rejects(mqtt.connectAsync(v.vigil.mqttUrl, { username: creds.username, password: 'wrong', reconnectPeriod: 0, connectTimeout: 3000 }));
      const seqBefore = await v.vigil.eventLog.headSeq();
      const stray = await mqtt.connectAsync(v.vigil.mqttUrl, { username: creds.username, password: creds.password, reconnectPeriod: 0 });
      // aedes closes a client whose publish is not authorised.
      stray.on('error', () => {});
      await stray.publishAsync('vigil/sensor/hall/state', '{"contact":"closed"}', { qos: 0 }).catch(() => {});
      await waitFor(() => v.vigil.diagnostics.get('mqtt_publish_denied') >= 1, 5000, 'denied publish');
      await stray.endAsync(true);
      assert.equal(v.vigil.sensors.get('hall')?.state.contact, 'open');
      assert.equal(await v.vigil.eventLog.headSeq(), seqBefore, 'nothing was logged');
    });

    test('garbage, wrong-typed, oversized and unknown-sensor messages are counted in health and change nothing', async () => {
      const pub = await mqtt.connectAsync(v.vigil.mqttUrl, { ...internalLogin(), reconnectPeriod: 0 });
      const seqBefore = await v.vigil.eventLog.headSeq();
      const stateBefore = structuredClone(v.vigil.sensors.get('kitchen-window')?.state);
      await pub.publishAsync('vigil/sensor/kitchen-window/state', 'garbage');
      await pub.publishAsync('vigil/sensor/kitchen-window/state', '{"contact":1}');
      await pub.publishAsync('vigil/sensor/kitchen-window/state', JSON.stringify({ contact: 'closed', junk: 'x'.repeat(10_000) }));
      await pub.publishAsync('vigil/sensor/nobody/state', '{"contact":"open"}');
      await pub.publishAsync('vigil/sensor/kitchen-window/availability', 'maybe');
      await pub.endAsync();
      const res = await fetch(`${v.base}/api/health`);
      const health = (await res.json()) as { status: string; counters: Record<string, number> };
      await waitFor(async () => {
        const h = (await (await fetch(`${v.base}/api/health`)).json()) as { counters: Record<string, number> };
        return h.counters.mqtt_rejected_unknown_sensor === 1 && h.counters.mqtt_rejected_invalid_availability === 1;
      }, 5000, 'counters');
      assert.equal(health.status, 'ok');
      const h = (await (await fetch(`${v.base}/api/health`)).json()) as { counters: Record<string, number> };
      assert.equal(h.counters.mqtt_rejected_not_json, 1);
      assert.equal(h.counters.mqtt_rejected_invalid_fields, 1);
      assert.equal(h.counters.mqtt_rejected_oversized, 1);
      assert.equal(await v.vigil.eventLog.headSeq(), seqBefore);
      assert.deepEqual(v.vigil.sensors.get('kitchen-window')?.state, stateBefore);
    });

    test('a signed sensor: forged, replayed, unsigned and borrowed messages are counted and change nothing; a new key retires the old', async () => {
      const counter = (name: string) => v.vigil.diagnostics.get(`mqtt_rejected_${name}`);
      const closedEvents = async () => (await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=SensorClosed&sensorId=kitchen-window')).events.length;
      const closedBefore = await closedEvents();
      const genuine = kitchen.message({ contact: 'closed' });
      await device.publishAsync(creds.stateTopic, genuine, { qos: 1 });
      await waitFor(async () => (await closedEvents()) === closedBefore + 1, 5000, 'the genuine closing');

      const seqBefore = await v.vigil.eventLog.headSeq();
      const [forged, replayed, unsigned] = [counter('bad_signature'), counter('replayed'), counter('unsigned')];
      await device.publishAsync(creds.stateTopic, genuine, { qos: 1 });
      await device.publishAsync(creds.stateTopic, new SignedSensor(randomBytes(32), 'kitchen-window').message({ contact: 'open' }), { qos: 1 });
      await device.publishAsync(creds.stateTopic, kitchen.message({ contact: 'closed' }).replace('"closed"', '"open"'), { qos: 1 });
      await device.publishAsync(creds.stateTopic, JSON.stringify({ contact: 'open' }), { qos: 1 });
      // Signed with the right key, but for another sensor.
      await device.publishAsync(creds.stateTopic, new SignedSensor(Buffer.from(createdKey, 'hex'), 'hall').message({ contact: 'open' }), { qos: 1 });
      // "online" is not signed, so it does not vouch for a signed sensor.
      await device.publishAsync(creds.availabilityTopic, 'online', { qos: 1 });
      await waitFor(() => counter('bad_signature') === forged + 3 && counter('replayed') === replayed + 1 && counter('unsigned') === unsigned + 1, 5000, 'rejections counted');
      assert.equal(await v.vigil.eventLog.headSeq(), seqBefore, 'nothing was logged');
      assert.equal(v.vigil.sensors.get('kitchen-window')?.state.contact, 'closed');

      const fresh = await admin.json<{ mqtt: Creds; device: { signingKey: string; firmwareConfig: string } }>('POST', '/api/sensors/kitchen-window/provision', { wifiSsid: 'home "net"', wifiPassword: 'p\\w' });
      assert.notEqual(fresh.device.signingKey, createdKey);
      assert.match(fresh.device.firmwareConfig, new RegExp(`#define VIGIL_SENSOR_KEY "${fresh.device.signingKey}"`));
      assert.match(fresh.device.firmwareConfig, /#define WIFI_SSID "home \\"net\\""/);
      assert.match(fresh.device.firmwareConfig, new RegExp(`#define MQTT_PASSWORD "${fresh.mqtt.password}"`));
      await device.publishAsync(creds.stateTopic, kitchen.message({ contact: 'open' }), { qos: 1 });
      await waitFor(() => counter('bad_signature') === forged + 4, 5000, 'the old key refused');
      const reflashed = new SignedSensor(Buffer.from(fresh.device.signingKey, 'hex'), 'kitchen-window');
      await device.publishAsync(creds.stateTopic, reflashed.message({ contact: 'open' }), { qos: 1 });
      await waitFor(() => v.vigil.sensors.get('kitchen-window')?.state.contact === 'open', 5000, 'the new key heard');
      await assert.rejects(mqtt.connectAsync(v.vigil.mqttUrl, { username: creds.username, password: creds.password, reconnectPeriod: 0, connectTimeout: 3000 }), 'the old MQTT password is gone');
      creds = fresh.mqtt;
      kitchen = reflashed;
    });
  });
}

describe('built-in broker over TLS', () => {
  test('devices connect with mqtts and the pinned certificate; plain MQTT is refused', async () => {
    const { execFileSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { tmpDir } = await import('../helpers.ts');
    const t = tmpDir();
    const cert = `${t.dir}/cert.pem`;
    const key = `${t.dir}/key.pem`;
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=vigil.local', '-addext', 'subjectAltName=DNS:vigil.local', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const v = await startTestVigil({ env: { VIGIL_MQTT_TLS_CERT: cert, VIGIL_MQTT_TLS_KEY: key, VIGIL_ALARM_EXIT_DELAY: '0' } });
    try {
      assert.match(v.vigil.mqttUrl, /^mqtts:/);
      const admin = await v.client();
      const { mqtt: creds, device: secrets } = await admin.json<{ mqtt: Creds; device: { signingKey: string; firmwareConfig: string } }>('POST', '/api/sensors', { id: 'garage', name: 'Garage' });
      const { X509Certificate } = await import('node:crypto');
      const pinned = new X509Certificate(readFileSync(cert)).fingerprint;
      assert.ok(secrets.firmwareConfig.includes(`#define MQTT_FINGERPRINT "${pinned}"`), 'config.h pins the broker certificate');
      const device = await mqtt.connectAsync(v.vigil.mqttUrl, { username: creds.username, password: creds.password, ca: readFileSync(cert), servername: 'vigil.local', reconnectPeriod: 0 } as mqtt.IClientOptions);
      await device.publishAsync(creds.stateTopic, new SignedSensor(Buffer.from(secrets.signingKey, 'hex'), 'garage').message({ contact: 'open' }), { qos: 1 });
      await waitFor(() => v.vigil.sensors.get('garage')?.state.contact === 'open', 5000, 'open over TLS');
      await device.endAsync();
      const plain = v.vigil.mqttUrl.replace('mqtts:', 'mqtt:');
      const plainClient = mqtt.connect(plain, { username: creds.username, password: creds.password, reconnectPeriod: 0, connectTimeout: 2000 });
      const outcome = await new Promise<string>((resolve) => {
        plainClient.on('connect', () => resolve('connected'));
        plainClient.on('error', () => resolve('refused'));
        plainClient.on('close', () => resolve('refused'));
      });
      plainClient.end(true);
      assert.equal(outcome, 'refused');
    } finally {
      await v.stop();
      t.cleanup();
    }
  });
});
