import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { canonicalText, checkSigned, signedPayload, type SignedFields } from '../src/core/sensorSignature.ts';
import { parseStatePayload } from '../src/mqtt/sensorPayload.ts';
import { SensorRepo } from '../src/store/sensors.ts';
import { startTestVigil, tmpDir, waitFor, type ApiClient, type TestVigil, type TestEvent } from './helpers.ts';
import { vigil } from './vigilProcess.ts';

const run = promisify(execFile);
const FIRMWARE = path.resolve(import.meta.dirname, '../firmware/esp8266-door-sensor');
const TESTS = path.join(FIRMWARE, 'test');

interface Vector {
  key: Buffer;
  sensorId: string;
  fields: SignedFields;
  payload: string;
}

/** The shared test vectors: the firmware's host tests encode them, Vigil must accept them. */
function vectors(): Vector[] {
  return readFileSync(path.join(TESTS, 'vectors.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const [key = '', sensorId = '', seq = '', contact = '', battery = '', vbat = '', tamper = '', payload = ''] = line.split('\t');
      const opt = (v: string) => (v === '-' ? undefined : v);
      const num = (v: string) => (v === '-' ? undefined : Number(v));
      const fields: SignedFields = {
        contact: opt(contact) as SignedFields['contact'],
        battery: num(battery),
        vbat: num(vbat),
        tamper: tamper === '-' ? undefined : tamper === 'true',
        seq: Number(seq),
      };
      return { key: Buffer.from(key, 'hex'), sensorId, fields, payload };
    });
}

function parsed(payload: string) {
  const p = parseStatePayload(Buffer.from(payload), 2048);
  assert.ok(p.ok, `payload parses: ${payload}`);
  return p.value;
}

describe('the ESP8266 sensor firmware', () => {
  const tmp = tmpDir();
  after(() => tmp.cleanup());

  test('host-side C++ tests pass (g++ with BearSSL, under ASan and UBSan), on the shared vectors', async () => {
    const r = await run('make', ['-C', TESTS, '--no-print-directory', `BUILD=${path.join(tmp.dir, 'host')}`], { timeout: 120_000 });
    assert.match(r.stdout, /vectors: [5-9]\d* checked/);
    assert.match(r.stdout, /\d+ checks, 0 failed/);
  });

  test('Vigil accepts every vector, signs each exactly as the firmware does, and refuses any change', () => {
    const all = vectors();
    assert.ok(all.length >= 5);
    for (const v of all) {
      assert.equal(signedPayload(v.key, v.sensorId, v.fields), v.payload, `Vigil's own signer agrees: ${v.sensorId} ${v.fields.seq}`);
      const m = parsed(v.payload);
      assert.deepEqual(checkSigned(v.key, null, v.sensorId, m), { ok: true, seq: v.fields.seq });
      assert.deepEqual(checkSigned(v.key, v.fields.seq, v.sensorId, m), { ok: false, reason: 'replayed' }, 'the same number twice');
      assert.deepEqual(checkSigned(v.key, v.fields.seq - 1, v.sensorId, m), { ok: true, seq: v.fields.seq });
      const changes: Array<[string, Record<string, unknown>]> = [
        ['contact flipped', { contact: m.contact === 'open' ? 'closed' : 'open' }],
        ['seq changed', { seq: m.seq === 0 ? 1 : (m.seq ?? 1) - 1 }],
        ['tamper hidden', { tamper: m.tamper === undefined ? false : !m.tamper }],
        ['battery changed', { battery: (m.battery ?? 0) + 1 }],
        ['signature changed', { sig: `${m.sig?.slice(0, 63)}${m.sig?.endsWith('0') ? '1' : '0'}` }],
      ];
      for (const [what, patch] of changes) {
        assert.deepEqual(checkSigned(v.key, null, v.sensorId, { ...m, ...patch }), { ok: false, reason: 'bad_signature' }, what);
      }
      assert.deepEqual(checkSigned(v.key, null, `${v.sensorId}x`, m), { ok: false, reason: 'bad_signature' }, 'moved to another sensor');
      const otherKey = Buffer.from(v.key.map((b) => b ^ 1));
      assert.deepEqual(checkSigned(otherKey, null, v.sensorId, m), { ok: false, reason: 'bad_signature' }, 'another key');
      const { sig: _sig, ...bare } = m;
      assert.deepEqual(checkSigned(v.key, null, v.sensorId, bare), { ok: false, reason: 'unsigned' });
    }
  });

  test('the canonical text keeps absent fields distinct from present ones', () => {
    const texts = new Set(
      [{ seq: 1 }, { seq: 1, contact: 'open' as const }, { seq: 1, battery: 0 }, { seq: 1, vbat: 0 }, { seq: 1, tamper: false }, { seq: 10 }].map((f) => canonicalText('s', f)),
    );
    assert.equal(texts.size, 6);
  });

  describe('provisioned by Vigil, encoded by the firmware, verified by Vigil', () => {
    let v: TestVigil;
    let admin: ApiClient;
    before(async () => {
      v = await startTestVigil({ env: { VIGIL_MQTT_HOST: '127.0.0.1' } });
      admin = await v.client();
    });
    after(async () => {
      await v?.stop();
    });

    let builds = 0;
    /** Builds the host stand-in of the sketch from this config.h and asks it for one message. */
    async function firmwareMessage(configH: string, contact: 'open' | 'closed', seq: bigint) {
      const dir = path.join(tmp.dir, `cfg-${++builds}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'config.h'), configH);
      const build = path.join(dir, 'build');
      await run('make', ['-C', TESTS, '--no-print-directory', 'encode', `CONFIG_DIR=${dir}`, `BUILD=${build}`], { timeout: 120_000 });
      const out = await run(path.join(build, 'encode'), [contact, String(seq)]);
      const [host = '', port = '', username = '', password = '', topic = '', payload = ''] = out.stdout.trim().split('\n');
      return { host, port: Number(port), username, password, topic, payload };
    }

    test('a sensor added in the panel, its config.h compiled in: the firmware\'s messages are heard, a replay and the old key are not', async () => {
      const created = await admin.json<{ device: { firmwareConfig: string } }>('POST', '/api/sensors', { id: 'porch', name: 'Porch door', entryDelay: 0 });
      const boot1 = 1n << 32n;
      const msg = await firmwareMessage(created.device.firmwareConfig, 'open', boot1);
      assert.equal(msg.topic, 'vigil/sensor/porch/state');
      assert.equal(`mqtt://${msg.host}:${msg.port}`, v.vigil.mqttUrl);
      const device = await mqtt.connectAsync(`mqtt://${msg.host}:${msg.port}`, { username: msg.username, password: msg.password, reconnectPeriod: 0 });
      try {
        await device.publishAsync(msg.topic, msg.payload, { qos: 1 });
        await waitFor(() => v.vigil.sensors.get('porch')?.state.contact === 'open', 5000, 'porch open');
        assert.equal(v.vigil.sensors.get('porch')?.state.battery, 72);

        const replayed = v.vigil.diagnostics.get('mqtt_rejected_replayed');
        await device.publishAsync(msg.topic, msg.payload, { qos: 1 });
        await waitFor(() => v.vigil.diagnostics.get('mqtt_rejected_replayed') === replayed + 1, 5000, 'replay refused');

        const closed = await firmwareMessage(created.device.firmwareConfig, 'closed', boot1 + 1n);
        await device.publishAsync(msg.topic, closed.payload, { qos: 1 });
        await waitFor(() => v.vigil.sensors.get('porch')?.state.contact === 'closed', 5000, 'porch closed');

        // Re-provisioned (say, the board was erased and its boot counter starts again).
        const again = await admin.json<{ device: { firmwareConfig: string } }>('POST', '/api/sensors/porch/provision', { wifiSsid: 'home' });
        assert.match(again.device.firmwareConfig, /#define WIFI_SSID "home"/);
        const stale = await firmwareMessage(created.device.firmwareConfig, 'open', boot1 + 2n);
        const bad = v.vigil.diagnostics.get('mqtt_rejected_bad_signature');
        await device.publishAsync(msg.topic, stale.payload, { qos: 1 });
        await waitFor(() => v.vigil.diagnostics.get('mqtt_rejected_bad_signature') === bad + 1, 5000, 'old key refused');
        const fresh = await firmwareMessage(again.device.firmwareConfig, 'open', 1n << 32n);
        await device.publishAsync(msg.topic, fresh.payload, { qos: 1 });
        await waitFor(() => v.vigil.sensors.get('porch')?.state.contact === 'open', 5000, 'new key heard from boot 1');
      } finally {
        await device.endAsync();
      }
      const opened = await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=SensorOpened&sensorId=porch');
      assert.equal(opened.events.length, 2);
    });

    test('after `vigil sensor simulate` on a sensor with real firmware, the device is heard again from its next boot', async () => {
      const created = await admin.json<{ device: { firmwareConfig: string } }>('POST', '/api/sensors', { id: 'gate', name: 'Gate', entryDelay: 0 });
      const first = await firmwareMessage(created.device.firmwareConfig, 'open', 1n << 32n);
      const device = await mqtt.connectAsync(v.vigil.mqttUrl, { username: first.username, password: first.password, reconnectPeriod: 0 });
      try {
        await device.publishAsync(first.topic, first.payload, { qos: 1 });
        await waitFor(() => v.vigil.sensors.get('gate')?.state.contact === 'open', 5000, 'gate open');
        // The CLI reads the number Vigil last saved (once a second).
        await waitFor(async () => (await new SensorRepo(v.vigil.store.db).get('gate'))?.state.lastSeq === 2 ** 32, 5000, 'sequence saved');
        const sim = await vigil(['--data', v.config.dataDir, '--json', 'sensor', 'simulate', 'gate', 'closed'], { VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: new URL(v.vigil.mqttUrl).port });
        assert.equal(sim.code, 0, sim.stderr);
        await waitFor(() => v.vigil.sensors.get('gate')?.state.contact === 'closed', 5000, 'simulated close heard');
        const sameBoot = await firmwareMessage(created.device.firmwareConfig, 'open', (1n << 32n) + 1n);
        const replayed = v.vigil.diagnostics.get('mqtt_rejected_replayed');
        await device.publishAsync(first.topic, sameBoot.payload, { qos: 1 });
        await waitFor(() => v.vigil.diagnostics.get('mqtt_rejected_replayed') === replayed + 1, 5000, 'the same boot stays below the simulated number');
        const nextBoot = await firmwareMessage(created.device.firmwareConfig, 'open', 2n << 32n);
        await device.publishAsync(first.topic, nextBoot.payload, { qos: 1 });
        await waitFor(() => v.vigil.sensors.get('gate')?.state.contact === 'open', 5000, 'heard again after a restart');
      } finally {
        await device.endAsync();
      }
    });

    test('provisioning refuses sensors that do not run the Vigil firmware', async () => {
      await admin.json('POST', '/api/sensors', { id: 'zig', name: 'Zigbee door', format: { type: 'zigbee2mqtt', device: 'zig door' } });
      await admin.json('POST', '/api/sensors', { id: 'plain', name: 'Plain', signed: false });
      for (const id of ['zig', 'plain']) assert.equal((await admin.request('POST', `/api/sensors/${id}/provision`, {})).status, 409);
      assert.equal((await admin.request('POST', '/api/sensors/nope/provision', {})).status, 404);
      assert.equal((await admin.request('POST', '/api/sensors/porch/provision', { wifiSsid: 'x'.repeat(33) })).status, 400);
    });
  });
});
