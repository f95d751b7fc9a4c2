import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from '../src/config/load.ts';
import { standbyProblem } from '../src/config/schema.ts';
import { advertisedUrl } from '../src/standbyHub.ts';
import { tmpDir } from './helpers.ts';

test('defaults give the embedded mode', () => {
  const t = tmpDir();
  const c = loadConfig({ dataDir: t.dir, env: {} });
  assert.equal(c.database.url, '');
  assert.equal(c.mqtt.url, '');
  assert.equal(c.mqtt.port, 1883);
  assert.equal(c.http.port, 8080);
  assert.equal(c.mqtt.prefix, 'vigil');
  assert.deepEqual(c.sensors, []);
  assert.equal(c.dataDir, t.dir);
  t.cleanup();
});

test('a YAML file is read, and VIGIL_<SECTION>_<KEY> overrides it with typed values', () => {
  const t = tmpDir();
  const file = path.join(t.dir, 'c.yaml');
  writeFileSync(file, 'http:\n  port: 9000\nalarm:\n  exitDelay: 10\nsensors:\n  - id: front\n    name: Front door\n    entryDelay: 15\n');
  const c = loadConfig({ file, dataDir: t.dir, env: { VIGIL_HTTP_PORT: '9100', VIGIL_ALARM_EXIT_DELAY: '5', VIGIL_ALARM_DISARM_AFTER_TRIGGER: 'true', VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883' } });
  assert.equal(c.http.port, 9100);
  assert.equal(c.alarm.exitDelay, 5);
  assert.equal(c.alarm.disarmAfterTrigger, true);
  assert.equal(c.mqtt.url, 'mqtt://127.0.0.1:1883');
  assert.deepEqual(c.sensors[0], { id: 'front', name: 'Front door', kind: 'door', zone: 'default', entryDelay: 15, bypassHome: false, heartbeat: 0, batteryLow: 20, triggerOnTamper: true, triggerOnOffline: false, signed: true });
  t.cleanup();
});

test('vigil.yaml in the data directory is picked up without --config', () => {
  const t = tmpDir();
  writeFileSync(path.join(t.dir, 'vigil.yaml'), 'http:\n  port: 9200\n');
  assert.equal(loadConfig({ dataDir: t.dir, env: {} }).http.port, 9200);
  t.cleanup();
});

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

test('a wrong value names the key, where it came from, and what is allowed', () => {
  const t = tmpDir();
  const msg = configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_HTTP_PORT: '70000' } }));
  assert.match(msg, /http\.port \(from VIGIL_HTTP_PORT\)/);
  assert.match(msg, /0\.\.65535/);
  assert.match(configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_LOG_LEVEL: 'loud' } })), /log\.level.*one of "fatal", "error"/s);
  assert.match(configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_HTTP_PROT: '1' } })), /Unknown setting VIGIL_HTTP_PROT: section "http" has host, port/);
  assert.match(configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_NOPE_X: '1' } })), /sections are http, mqtt/);
  assert.match(configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_ALARM_CODE: '12a4' } })), /alarm\.code/);
  assert.match(configError(() => loadConfig({ dataDir: t.dir, env: { VIGIL_DATABASE_URL: 'mysql://x' } })), /database\.url: must start with postgres/);
  t.cleanup();
});

test('bad files: unreadable, not YAML, unknown keys, duplicate sensor ids', () => {
  const t = tmpDir();
  const file = path.join(t.dir, 'c.yaml');
  assert.match(configError(() => loadConfig({ file: path.join(t.dir, 'missing.yaml'), dataDir: t.dir, env: {} })), /Cannot read config file/);
  writeFileSync(file, 'http: [unclosed\n');
  assert.match(configError(() => loadConfig({ file, dataDir: t.dir, env: {} })), /not valid YAML/);
  writeFileSync(file, '- just\n- a list\n');
  assert.match(configError(() => loadConfig({ file, dataDir: t.dir, env: {} })), /must hold a mapping/);
  writeFileSync(file, 'http:\n  prot: 1\n');
  assert.match(configError(() => loadConfig({ file, dataDir: t.dir, env: {} })), /http.*unknown key.*prot/);
  writeFileSync(file, 'sensors:\n  - {id: a, name: A}\n  - {id: a, name: B}\n');
  assert.match(configError(() => loadConfig({ file, dataDir: t.dir, env: {} })), /"a" is used twice/);
  writeFileSync(file, 'sensors:\n  - {id: "../etc", name: A}\n');
  assert.match(configError(() => loadConfig({ file, dataDir: t.dir, env: {} })), /sensors\.0\.id/);
  t.cleanup();
});

test('doors: defaults filled in, devices validated, wrong references named', () => {
  const t = tmpDir();
  const file = path.join(t.dir, 'doors.yaml');
  const load = (yaml: string) => {
    writeFileSync(file, yaml);
    return loadConfig({ file, dataDir: t.dir, env: {} });
  };
  const c = load('sensors:\n  - id: fc\n    name: Front contact\ndoors:\n  - id: front\n    name: Front\n    camera:\n      input: /dev/video0\n    contactSensor: fc\n    keypads:\n      - type: wiegand\n        d0: 17\n        d1: 27\n    lock:\n      type: gpio\n      line: 26\n');
  const door = c.doors[0];
  assert.equal(door?.mode, 'pin_face');
  assert.equal(door?.faceWindow, 5);
  assert.equal(door?.camera?.fps, 10);
  assert.deepEqual(door?.keypads, [{ type: 'wiegand', chip: 'gpiochip0', d0: 17, d1: 27 }]);
  assert.deepEqual(door?.lock, { type: 'gpio', chip: 'gpiochip0', line: 26, activeLow: false });
  assert.deepEqual(load('doors:\n  - id: a\n    name: A\n    mode: pin_only\n').doors[0]?.lock, { type: 'none' });
  assert.throws(() => load('doors:\n  - id: a\n    name: A\n    mode: pin_only\n  - id: a\n    name: B\n    mode: pin_only\n'), /doors\.a: id is used twice/);
  assert.throws(() => load('doors:\n  - id: a\n    name: A\n    mode: pin_only\n    contactSensor: nope\n'), /contactSensor "nope" is not one of the sensors/);
  assert.throws(() => load('doors:\n  - id: a\n    name: A\n'), /mode pin_face needs a camera/);
  assert.throws(() => load('doors:\n  - id: a\n    name: A\n    kiosk: true\n    lock:\n      type: webhook\n      url: ftp://x\n'), ConfigError);
  assert.throws(() => load('doors:\n  - id: a\n    name: A\n    kiosk: true\n    keypads:\n      - type: matrix\n        rows: [1]\n'), ConfigError);
  t.cleanup();
});

test('hub.standby: off by default; needs PostgreSQL and an external broker; the advertised URL is checked', () => {
  const t = tmpDir();
  const load = (env: Record<string, string>) => loadConfig({ dataDir: t.dir, env });
  assert.equal(load({}).hub.standby, false);
  assert.equal(standbyProblem(load({})), null);
  assert.match(standbyProblem(load({ VIGIL_HUB_STANDBY: 'true', VIGIL_MQTT_URL: 'mqtt://b:1883' })) ?? '', /needs PostgreSQL/);
  assert.match(standbyProblem(load({ VIGIL_HUB_STANDBY: 'true', VIGIL_DATABASE_URL: 'postgres://db/v' })) ?? '', /external MQTT broker/);
  const both = load({ VIGIL_HUB_STANDBY: 'true', VIGIL_DATABASE_URL: 'postgres://db/v', VIGIL_MQTT_URL: 'mqtt://b:1883' });
  assert.equal(standbyProblem(both), null);
  assert.equal(advertisedUrl(both, 8080), 'http://127.0.0.1:8080');
  assert.equal(advertisedUrl(load({ VIGIL_HUB_ADVERTISE_URL: 'http://hub1.site:8080/' }), 8080), 'http://hub1.site:8080');
  assert.equal(advertisedUrl(load({ VIGIL_HTTP_HOST: '::1' }), 9000), 'http://[::1]:9000');
  for (const bad of ['hub1:8080', 'http://hub1:8080/panel', 'ftp://hub1', 'http://a b']) assert.throws(() => load({ VIGIL_HUB_ADVERTISE_URL: bad }), ConfigError, bad);
  t.cleanup();
});
