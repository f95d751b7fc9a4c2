import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/db.ts';
import { SensorRepo } from '../../src/store/sensors.ts';
import { MqttDeviceRepo } from '../../src/store/mqttDevices.ts';
import { provisionSensor, storedSensorKeys } from '../../src/alarm/provisioning.ts';
import { deriveSensorKey } from '../../src/core/sensorSignature.ts';
import { Conflict, NotFound } from '../../src/core/errors.ts';
import { Topics } from '../../src/mqtt/topics.ts';
import type { SensorConfig } from '../../src/config/schema.ts';
import { tmpDir } from '../helpers.ts';

const sensor = (id: string, more: Partial<SensorConfig> = {}): SensorConfig => ({
  id, name: id, kind: 'door', zone: 'default', entryDelay: 30, bypassHome: false, heartbeat: 0, batteryLow: 20, triggerOnTamper: true, triggerOnOffline: false, signed: true, ...more,
});

test('provisioning from the store (the CLI): a new key that the stored salt derives, a new login, and config.h; refusals are domain errors', async (t) => {
  const tmp = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir });
  t.after(async () => {
    await store.close();
    tmp.cleanup();
  });
  const repo = new SensorRepo(store.db);
  const master = randomBytes(32);
  await repo.create(sensor('hall'));
  await repo.create(sensor('plain', { signed: false }));
  await repo.create(sensor('zb', { format: { type: 'zigbee2mqtt', device: 'zb', input: 'contact', openWhen: 'OFF', baseTopic: 'zigbee2mqtt' } }));
  const devices = new MqttDeviceRepo(store.db);
  const deps = {
    sensors: storedSensorKeys(repo, master),
    issueLogin: (id: string) => devices.issueForSensor(id),
    topics: new Topics('vigil'),
    broker: { host: '192.0.2.1', port: 1883, tls: false, tlsFingerprint: null },
  };
  const before = (await repo.get('hall'))?.keySalt;
  const made = await provisionSensor(deps, 'hall', { ssid: 'home', password: 'secret-wifi' });
  const salt = (await repo.get('hall'))?.keySalt ?? '';
  assert.notEqual(salt, before, 'a new key');
  assert.deepEqual(made.key, deriveSensorKey(master, 'hall', salt), 'the key a running Vigil derives from the stored salt');
  assert.equal(made.login?.username, 'hall');
  assert.ok((await devices.find('hall'))?.passwordHash);
  assert.ok(made.firmwareConfig.includes(made.key.toString('hex')), 'the key is in config.h');
  assert.match(made.firmwareConfig, /home/);

  const external = await provisionSensor({ ...deps, issueLogin: undefined }, 'hall');
  assert.equal(external.login, null, 'no login to hand out on an external broker');

  await assert.rejects(provisionSensor(deps, 'nope'), NotFound);
  await assert.rejects(provisionSensor(deps, 'plain'), Conflict);
  await assert.rejects(provisionSensor(deps, 'zb'), Conflict);
});
