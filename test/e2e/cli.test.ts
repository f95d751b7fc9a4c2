import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import SQLite from 'better-sqlite3';
import { ApiClient, kill9, tmpDir, waitFor, type TestEvent } from '../helpers.ts';
import { startServer, vigil, type Server } from '../vigilProcess.ts';

describe('vigil CLI and crash safety', () => {
  const tmp = tmpDir();
  const data = tmp.dir;
  let server: Server | undefined;

  before(() => {
    writeFileSync(path.join(data, 'vigil.yaml'), 'sensors:\n  - id: front\n    name: Front door\n    entryDelay: 0\n  - id: hall\n    name: Hall motion test contact\n    signed: false\n');
  });
  after(async () => {
    if (server) await kill9(server.child);
    tmp.cleanup();
  });

  test('a wrong config value stops start-up with a message naming the key', async () => {
    const bad = path.join(data, 'bad.yaml');
    writeFileSync(bad, 'alarm:\n  exitDelay: forever\n');
    const r = await vigil(['--data', data, '--config', bad, 'start']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /alarm\.exitDelay.*must be number/);
  });

  test('a port taken by another broker stops start-up and says how to fix it', async () => {
    // The machine's Mosquitto owns 1883.
    const r = await vigil(['--data', data, 'start'], { VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: '1883', VIGIL_HTTP_PORT: '0', VIGIL_LOG_LEVEL: 'silent' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /127\.0\.0\.1:1883: the port is already in use/);
    assert.match(r.stderr, /VIGIL_MQTT_PORT=1884/);
    assert.match(r.stderr, /VIGIL_MQTT_URL=mqtt:\/\/127\.0\.0\.1:1883/);
  });

  test('admin add creates an account (password generated or from stdin); duplicates are refused', async () => {
    const r = await vigil(['--data', data, '--json', 'admin', 'add', 'alice', '--role', 'operator']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { user: { username: string; role: string }; password: string };
    assert.equal(out.user.role, 'operator');
    assert.ok(out.password.length >= 20);
    const stdin = await vigil(['--data', data, 'admin', 'add', 'bob', '--password-stdin'], {}, 'a long enough secret\n');
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.ok(!stdin.stdout.includes('a long enough secret'), 'a given password is never echoed');
    const dup = await vigil(['--data', data, 'admin', 'add', 'alice']);
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /exists/);
    const badRole = await vigil(['--data', data, 'admin', 'add', 'carol', '--role', 'god']);
    assert.notEqual(badRole.code, 0);
  });

  test('door token makes a kiosk token for a configured door only', async () => {
    const cfgFile = path.join(data, 'doors.yaml');
    writeFileSync(cfgFile, 'doors:\n  - id: front\n    name: Front\n    kiosk: true\n');
    const r = await vigil(['--data', data, '--config', cfgFile, '--json', 'door', 'token', 'front']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { token: string; kioskUrl: string };
    assert.match(out.token, /^vd_[A-Za-z0-9_-]{32}$/);
    assert.ok(out.kioskUrl.endsWith(`/kiosk#token=${out.token}`));
    const none = await vigil(['--data', data, '--config', cfgFile, 'door', 'token', 'back']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no door "back"/);
  });

  test('start prints the first admin password once; sensor simulate publishes like a device', async () => {
    server = await startServer(data);
    const s = server;
    const c = new ApiClient(`http://127.0.0.1:${s.httpPort}`);
    assert.equal((await c.login('alice', 'wrong')).status, 401);
    // alice exists, so no first-admin password was printed.
    assert.ok(!s.output().includes('First start'));
    const bob = new ApiClient(c.base);
    assert.equal((await bob.login('bob', 'a long enough secret')).status, 200);

    const r = await vigil(['--data', data, '--json', 'sensor', 'simulate', 'front', 'open', '--battery', '40'], { VIGIL_MQTT_PORT: String(s.mqttPort), VIGIL_MQTT_HOST: '127.0.0.1' });
    assert.equal(r.code, 0, r.stderr);
    // front is signed (the default), so simulate signs like the firmware does; Vigil logging the event proves it verified.
    const sent = JSON.parse(r.stdout) as { topic: string; payload: { contact: string; battery: number; seq: number; sig: string } };
    assert.equal(sent.topic, 'vigil/sensor/front/state');
    assert.deepEqual({ contact: sent.payload.contact, battery: sent.payload.battery }, { contact: 'open', battery: 40 });
    assert.ok(Number.isSafeInteger(sent.payload.seq) && sent.payload.seq > 0);
    assert.match(sent.payload.sig, /^[0-9a-f]{64}$/);
    await waitFor(async () => {
      const page = (await (await bob.request('GET', '/api/events?sensorId=front&type=SensorOpened')).json()) as { events: TestEvent[] };
      return page.events.length === 1;
    }, 10_000, 'SensorOpened from simulate');
    const bad = await vigil(['--data', data, 'sensor', 'simulate', 'front', 'ajar']);
    assert.equal(bad.code, 2);
  });

  test('homeassistant login makes a login that receives the discovery configs from the running Vigil', async () => {
    const s = server as Server;
    const r = await vigil(['--data', data, '--json', 'homeassistant', 'login', '--host', '127.0.0.1']);
    assert.equal(r.code, 0, r.stderr);
    const login = JSON.parse(r.stdout) as { username: string; password: string; broker: { host: string; port: number }; discoveryPrefix: string };
    assert.deepEqual([login.username, login.broker.host, login.discoveryPrefix], ['homeassistant', '127.0.0.1', 'homeassistant']);
    const ha = await mqtt.connectAsync(`mqtt://127.0.0.1:${s.mqttPort}`, { username: login.username, password: login.password, reconnectPeriod: 0 });
    const configs = new Set<string>();
    ha.on('message', (topic) => configs.add(topic));
    await ha.subscribeAsync('homeassistant/#');
    await waitFor(() => configs.has('homeassistant/alarm_control_panel/vigil/alarm/config') && configs.has('homeassistant/binary_sensor/vigil/sensor_front_contact/config'), 5000, 'discovery configs');
    await ha.endAsync();
  });

  test('kill -9 while events stream in: every acknowledged event survives and the chain verifies', async () => {
    const s = server as Server;
    const secret = (await import('node:fs')).readFileSync(path.join(data, 'mqtt-internal.secret'), 'utf8').trim();
    const url = `mqtt://127.0.0.1:${s.mqttPort}`;
    const listener = await mqtt.connectAsync(url, { username: 'vigil-internal', password: secret, reconnectPeriod: 0 });
    const acked = new Map<number, string>();
    listener.on('message', (_t, p) => {
      const e = JSON.parse(p.toString()) as TestEvent;
      acked.set(e.seq, e.hash);
    });
    await listener.subscribeAsync('vigil/event', { qos: 1 });
    const device = await mqtt.connectAsync(url, { username: 'vigil-internal', password: secret, reconnectPeriod: 0 });
    device.on('error', () => {});
    listener.on('error', () => {});
    let n = 0;
    const pump = setInterval(() => {
      for (let i = 0; i < 20; i++) device.publish('vigil/sensor/hall/state', JSON.stringify({ contact: n++ % 2 ? 'open' : 'closed' }), { qos: 0 });
    }, 5);
    await waitFor(() => acked.size >= 300, 20_000, '300 acknowledged events');
    await kill9(s.child);
    clearInterval(pump);
    device.end(true);
    listener.end(true);
    assert.ok(acked.size >= 300);

    const verify = await vigil(['--data', data, '--json', 'log', 'verify']);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const v = JSON.parse(verify.stdout) as { ok: boolean; count: number };
    assert.equal(v.ok, true);

    const db = new SQLite(path.join(data, 'vigil.db'), { readonly: true });
    const stored = new Map((db.prepare('SELECT seq, hash FROM events').all() as Array<{ seq: number; hash: string }>).map((r) => [r.seq, r.hash]));
    db.close();
    for (const [seq, hash] of acked) assert.equal(stored.get(seq), hash, `acknowledged event ${seq} is on disk unchanged`);

    server = await startServer(data, { httpPort: s.httpPort, mqttPort: s.mqttPort });
    const again = await vigil(['--data', data, '--json', 'log', 'verify']);
    assert.equal(JSON.parse(again.stdout).ok, true);
  });

  test('db backup writes a consistent copy while Vigil runs', async () => {
    const file = path.join(data, 'backup.db');
    const r = await vigil(['--data', data, '--json', 'db', 'backup', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(file));
    const db = new SQLite(file, { readonly: true });
    const n = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    db.close();
    assert.ok(n >= 300);
  });

  test('log verify exits 1 and names the event when the log was tampered with', async () => {
    await kill9((server as Server).child);
    server = undefined;
    const db = new SQLite(path.join(data, 'vigil.db'));
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET details = '{\"forged\":true}' WHERE seq = 10").run();
    db.close();
    const r = await vigil(['--data', data, 'log', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /LOG BROKEN at event 10/);
  });
});
