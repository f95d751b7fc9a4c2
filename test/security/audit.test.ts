// The audit trail: every change of configuration or credentials made through the API is in the
// hash-chained log, with who, what and from where, never a secret; sign-ins and failures too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kill9, startTestVigil, tmpDir, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { portrait } from '../faceVideos.ts';
import { startServer, vigil } from '../vigilProcess.ts';
import { openStore } from '../../src/store/db.ts';
import { openEventLog } from '../../src/store/openEventLog.ts';

describe('audit trail', () => {
  let v: TestVigil;
  let admin: ApiClient;
  const events: TestEvent[] = [];
  const audits = () => events.filter((e) => e.type === 'ConfigChanged').map((e) => `${e.details.subject} ${e.details.action}`);

  before(async () => {
    v = await startTestVigil({ file: { doors: [{ id: 'front', name: 'Front', mode: 'pin_only' }] }, env: { VIGIL_WIREGUARD_ENDPOINT: 'home.example.net:51820' } });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client('admin');
  });
  after(async () => v?.stop());

  test('changes through the API are logged with who, what and from where, and no secret', async () => {
    const person = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada Lovelace' });
    assert.equal((await admin.request('PUT', `/api/people/${person.id}/pin`, { pin: '481516' })).status, 204);
    assert.equal((await admin.request('PUT', `/api/people/${person.id}/duress-pin`, { pin: '999111' })).status, 204);
    assert.equal((await admin.request('POST', `/api/people/${person.id}/fobs`, { fob: 'DEADBEEF' })).status, 201);
    const [fob] = await admin.json<Array<{ id: string }>>('GET', `/api/people/${person.id}/credentials`);
    assert.equal((await admin.request('DELETE', `/api/people/${person.id}/credentials/${fob?.id}`)).status, 204);
    assert.equal((await admin.request('PUT', `/api/people/${person.id}/access`, { doors: ['front'], schedule: null })).status, 200);
    const sensor = await admin.json<{ mqtt: { password: string } }>('POST', '/api/sensors', { id: 'porch', name: 'Porch', kind: 'door' });
    assert.equal((await admin.request('POST', '/api/sensors/porch/provision', {})).status, 200);
    const { token } = await admin.json<{ token: string }>('POST', '/api/doors/front/token');
    assert.equal((await admin.request('PUT', '/api/settings/retention', { snapshotDays: 30 })).status, 200);
    const ha = await admin.json<{ password: string }>('POST', '/api/settings/homeassistant');
    assert.equal((await admin.request('POST', '/api/remote/peers', { name: 'ann-phone' })).status, 201);
    const node = await admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: 'Gate box', doors: ['front'] });
    assert.equal((await fetch(`${v.base}/api/nodes/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: node.token }) })).status, 200);
    assert.equal((await admin.request('DELETE', `/api/nodes/${node.id}`)).status, 204);
    assert.equal((await admin.request('GET', '/api/system/backup')).status, 200);
    assert.equal((await admin.request('DELETE', `/api/people/${person.id}`)).status, 204);

    assert.deepEqual(audits(), [
      'person created',
      'pin changed',
      'duress_pin changed',
      'fob created',
      'credential deleted',
      'schedule changed',
      'sensor created',
      'sensor_key issued',
      'door_token issued',
      'retention changed',
      'homeassistant_login issued',
      'wireguard_peer created',
      'node created',
      'node_login issued',
      'node deleted',
      'backup exported',
      'person deleted',
    ]);
    const changes = events.filter((e) => e.type === 'ConfigChanged');
    const me = changes[0]?.details.by;
    for (const e of changes) {
      // A node's join is made by the node itself, not by a signed-in account.
      assert.equal(e.details.by, e.details.subject === 'node_login' ? `node:${node.id}` : me);
      assert.equal(e.details.from, '127.0.0.1');
    }
    assert.equal(changes[0]?.personId, person.id, 'person changes carry the person id, so the log filter finds them');
    assert.equal(changes.find((e) => e.details.subject === 'sensor')?.sensorId, 'porch');
    assert.equal(changes.find((e) => e.details.subject === 'door_token')?.doorId, 'front');
    assert.equal(changes.find((e) => e.details.subject === 'wireguard_peer')?.details.target, 'ann-phone');
    const text = JSON.stringify(events);
    for (const secret of ['481516', '999111', 'DEADBEEF', 'Ada Lovelace', sensor.mqtt.password, token, ha.password, node.token]) assert.ok(!text.includes(secret), `the log holds a secret or a name: ${secret}`);
  });

  test('faces, channels, accounts, sensor logins and edits, WireGuard peers: one entry per change, naming who, what and from where, no secret', async () => {
    const from = events.length;
    const person = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Grace Hopper' });
    const photo = readFileSync(portrait('amy', 1));
    const enrolled = await fetch(`${v.base}/api/people/${person.id}/faces`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'image/png' }, body: photo });
    assert.equal(enrolled.status, 201, await enrolled.clone().text());
    const face = (await enrolled.json()) as { id: string };
    assert.equal((await admin.request('DELETE', `/api/people/${person.id}/faces/${face.id}`)).status, 204);

    const hook = (secret: string) => ({ type: 'webhook', name: 'house hook', settings: { url: 'http://192.168.1.20/hook', secret }, rules: { types: ['Intrusion'] } });
    const channel = await admin.json<{ id: string }>('POST', '/api/notify/channels', hook('chan-secret-4242'));
    assert.equal((await admin.request('PUT', `/api/notify/channels/${channel.id}`, hook('chan-secret-5353'))).status, 200);
    assert.equal((await admin.request('DELETE', `/api/notify/channels/${channel.id}`)).status, 204);

    const account = await admin.json<{ user: { id: string }; password: string }>('POST', '/api/users', { username: 'carol', role: 'viewer' });
    assert.equal((await admin.request('PATCH', `/api/users/${account.user.id}`, { role: 'operator' })).status, 200);
    const reset = await admin.json<{ password: string }>('POST', `/api/users/${account.user.id}/password`);
    assert.equal((await admin.request('DELETE', `/api/users/${account.user.id}`)).status, 204);

    assert.equal((await admin.request('POST', '/api/sensors', { id: 'garage', name: 'Garage', kind: 'door' })).status, 201);
    const login = await admin.json<{ password: string }>('POST', '/api/sensors/garage/credentials');
    assert.equal((await admin.request('PATCH', '/api/sensors/garage', { name: 'Garage door' })).status, 200);
    assert.equal((await admin.request('DELETE', '/api/sensors/garage')).status, 204);

    const peer = await admin.json<{ config: string }>('POST', '/api/remote/peers', { name: 'bob-phone' });
    assert.equal((await admin.request('DELETE', '/api/remote/peers/bob-phone')).status, 200);
    assert.equal((await admin.request('DELETE', `/api/people/${person.id}`)).status, 204);

    const changes = events.slice(from).filter((e) => e.type === 'ConfigChanged');
    assert.deepEqual(
      changes.map((e) => [e.details.subject, e.details.action, e.details.target, e.details.item]),
      [
        ['person', 'created', person.id, null],
        ['face', 'created', person.id, null],
        ['face', 'deleted', person.id, face.id],
        ['notify_channel', 'created', channel.id, null],
        ['notify_channel', 'changed', channel.id, null],
        ['notify_channel', 'deleted', channel.id, null],
        ['account', 'created', account.user.id, null],
        ['account', 'changed', account.user.id, null],
        ['account', 'changed', account.user.id, null],
        ['account', 'deleted', account.user.id, null],
        ['sensor', 'created', 'garage', null],
        ['sensor_login', 'issued', 'garage', null],
        ['sensor', 'changed', 'garage', null],
        ['sensor', 'deleted', 'garage', null],
        ['wireguard_peer', 'created', 'bob-phone', null],
        ['wireguard_peer', 'deleted', 'bob-phone', null],
        ['person', 'deleted', person.id, null],
      ],
    );
    const me = changes[0]?.details.by;
    assert.match(String(me), /^admin/);
    for (const e of changes) {
      assert.equal(e.details.by, me);
      assert.equal(e.details.from, '127.0.0.1');
    }
    assert.ok(changes.filter((e) => e.details.subject === 'face').every((e) => e.personId === person.id), 'face changes are found by the person filter');
    assert.ok(changes.filter((e) => String(e.details.subject).startsWith('sensor')).every((e) => e.sensorId === 'garage'), 'sensor changes are found by the sensor filter');
    const privateKey = /PrivateKey = (\S+)/.exec(peer.config)?.[1];
    assert.ok(privateKey);
    const text = JSON.stringify(events);
    for (const secret of ['Grace Hopper', 'chan-secret-4242', 'chan-secret-5353', account.password, reset.password, login.password, privateKey]) assert.ok(!text.includes(secret), `the log holds a secret or a name: ${secret}`);
  });

  test('sign-ins and failed sign-ins are logged; a made-up name is not kept', async () => {
    const before = events.length;
    const viewer = await v.client('viewer');
    assert.ok(viewer.cookie);
    const stranger = await (await fetch(`${v.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hunter2-oops', password: 'x' }) })).status;
    assert.equal(stranger, 401);
    const known = await (await fetch(`${v.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong' }) })).status;
    assert.equal(known, 401);
    const mine = events.slice(before).filter((e) => e.type === 'SignedIn' || e.type === 'SignInFailed');
    assert.deepEqual(
      mine.map((e) => [e.type, e.details.username, e.details.reason ?? null]),
      [
        ['SignedIn', mine[0]?.details.username, null],
        ['SignInFailed', null, 'unknown_user'],
        ['SignInFailed', 'admin', 'wrong_password'],
      ],
    );
    assert.ok(!JSON.stringify(events).includes('hunter2-oops'));
  });

  test('the log filters to the audit trail', async () => {
    const page = await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=ConfigChanged,SignedIn,SignInFailed&limit=100');
    assert.ok(page.events.length >= 17);
    assert.ok(page.events.every((e) => ['ConfigChanged', 'SignedIn', 'SignInFailed'].includes(e.type)));
    const verify = await admin.json<{ ok: boolean }>('GET', '/api/events/verify');
    assert.equal(verify.ok, true);
  });

  test('guessing with made-up names from one address is cut off, and the refusals are not logged one by one', async () => {
    const before = events.filter((e) => e.type === 'SignInFailed').length;
    let limited = 0;
    for (let i = 0; i < 60; i++) {
      const r = await fetch(`${v.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `guess${i}`, password: 'x' }) });
      if (r.status === 429) limited++;
    }
    const logged = events.filter((e) => e.type === 'SignInFailed').length - before;
    assert.ok(limited > 0, 'no attempt was refused');
    assert.ok(logged <= v.config.http.loginAttemptsPerMinute * 3, `${logged} failures logged`);
  });
});

describe('audit trail from the command line', () => {
  const tmp = tmpDir();
  after(() => tmp.cleanup());

  test('changes made with vigil are logged as the local user, while a running Vigil appends too, and the chain holds', async () => {
    const server = await startServer(tmp.dir);
    try {
      const person = await vigil(['--data', tmp.dir, '--json', 'person', 'add', 'Grace Hopper']);
      assert.equal(person.code, 0, person.stderr);
      const admin = await vigil(['--data', tmp.dir, '--json', 'admin', 'add', 'carol', '--role', 'viewer']);
      assert.equal(admin.code, 0, admin.stderr);
      const verify = await vigil(['--data', tmp.dir, '--json', 'log', 'verify']);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    } finally {
      await kill9(server.child);
    }
    const store = await openStore({ databaseUrl: '', dataDir: tmp.dir });
    try {
      const page = await openEventLog(store, tmp.dir).query({ types: ['ConfigChanged'] });
      const rows = page.events.map((e) => (e.type === 'ConfigChanged' ? [e.details.subject, e.details.action, e.details.by.startsWith('cli:'), e.details.from] : []));
      assert.deepEqual(rows.reverse(), [
        ['person', 'created', true, 'local'],
        ['account', 'created', true, 'local'],
      ]);
    } finally {
      await store.close();
    }
  });
});
