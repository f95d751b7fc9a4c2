import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { startTestVigil, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { anEvent } from '../fixtures/events.ts';

/** A raw GET or HEAD (fetch would undo the compression and hide the encoding). */
function raw(base: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the panel server, users and incidents', () => {
  let v: TestVigil;
  let admin: ApiClient;

  before(async () => {
    v = await startTestVigil({ file: { alarm: { code: '2468', codeToArm: false, exitDelay: 0 } } });
    admin = await v.client('admin');
  });
  after(async () => v?.stop());

  test('the panel is sent compressed; index.html is revalidated, hashed assets are immutable; no source maps; HEAD answered', async () => {
    const page = await raw(v.base, '/', 'GET', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'br');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self';.*frame-ancestors 'none'/);
    assert.match(String(page.headers.vary), /accept-encoding/i);
    const gz = await raw(v.base, '/people/some-id', 'GET', { 'accept-encoding': 'gzip' });
    assert.deepEqual([gz.status, gz.headers['content-encoding'], gz.headers['content-type']], [200, 'gzip', 'text/html; charset=utf-8'], 'a page address gets index.html');
    const plain = await raw(v.base, '/log');
    assert.equal(plain.headers['content-encoding'], undefined, 'a client that takes no encoding gets the plain file');
    assert.match(plain.body.toString(), /<div id="root">/);

    const script = /src="\/(assets\/[^"]+\.js)"/.exec(plain.body.toString())?.[1];
    assert.ok(script, 'index.html names its script');
    const js = await raw(v.base, `/${script}`, 'GET', { 'accept-encoding': 'br' });
    assert.deepEqual([js.status, js.headers['content-encoding'], js.headers['cache-control']], [200, 'br', 'public, max-age=31536000, immutable']);
    assert.match(String(js.headers['content-type']), /javascript/);

    const head = await raw(v.base, '/', 'HEAD');
    assert.deepEqual([head.status, head.body.length], [200, 0]);
    assert.match(String(head.headers['content-type']), /text\/html/);
    assert.equal((await raw(v.base, `/${script}`, 'HEAD')).status, 200);
    for (const manifest of ['/manifest.webmanifest', '/sw.js', '/icons/icon-192.png']) {
      const r = await raw(v.base, manifest);
      assert.deepEqual([manifest, r.status, r.headers['cache-control']], [manifest, 200, 'no-cache']);
    }

    const dist = new URL('../../web/dist/assets/', import.meta.url).pathname;
    assert.deepEqual(readdirSync(dist).filter((f) => f.endsWith('.map')), [], 'the build has no source maps');
    assert.equal((await raw(v.base, `/${script}.map`)).status, 404);
    assert.equal((await raw(v.base, `/${script}.br`)).status, 404, 'the compressed copies are not files of their own');
    assert.equal((await raw(v.base, '/../package.json')).status, 404);
    assert.equal((await raw(v.base, '/%2e%2e/package.json')).status, 404);
    assert.equal((await raw(v.base, '/%E0%A4%A')).status, 400, 'a malformed escape is a bad request, not a crash');
    const api = await raw(v.base, '/api/nothing-here');
    assert.equal(api.status, 404);
    assert.match(api.body.toString(), /"statusCode":404/);
  });

  test('the alarm says which commands need the code', async () => {
    const alarm = await admin.json<{ codeRequired: { arm: boolean; disarm: boolean } }>('GET', '/api/alarm');
    assert.deepEqual(alarm.codeRequired, { arm: false, disarm: true });
  });

  test('users: admins add accounts (a made password shown once), change roles, reset passwords and remove them; the last admin stays', async () => {
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('GET', '/api/users')).status, 403);
    const made = await admin.json<{ user: { id: string; role: string; passwordChangedAt: number | null }; password: string }>('POST', '/api/users', { username: 'ann', role: 'operator' });
    assert.equal(made.user.role, 'operator');
    assert.equal(made.user.passwordChangedAt, null);
    assert.ok(made.password.length >= 16);
    assert.equal((await admin.request('POST', '/api/users', { username: 'ann', role: 'viewer' })).status, 409);
    assert.equal((await admin.request('POST', '/api/users', { username: '../x', role: 'viewer' })).status, 400);
    assert.equal((await admin.request('POST', '/api/users', { username: 'bob', role: 'root' })).status, 400);
    assert.equal((await admin.request('POST', '/api/users', { username: 'bob', role: 'viewer', password: 'short' })).status, 400);

    const { ApiClient } = await import('../helpers.ts');
    const ann = new ApiClient(v.base);
    assert.equal((await ann.login('ann', made.password)).status, 200);
    assert.equal((await ann.request('GET', '/api/alarm')).status, 200);
    assert.equal((await admin.request('PATCH', `/api/users/${made.user.id}`, { role: 'viewer' })).status, 200);
    assert.equal((await ann.request('POST', '/api/alarm', { action: 'ARM_AWAY' })).status, 403, 'the new role counts at once');

    const reset = await admin.json<{ password: string }>('POST', `/api/users/${made.user.id}/password`);
    assert.equal((await ann.request('GET', '/api/alarm')).status, 401, 'a reset signs the account out');
    assert.equal((await new ApiClient(v.base).login('ann', reset.password)).status, 200);
    type Listed = { id: string; username: string; role: string; passwordChangedAt: number | null };
    const listed = await admin.json<Listed[]>('GET', '/api/users');
    assert.ok(listed.find((u) => u.username === 'ann')?.passwordChangedAt);

    const me = listed.find((u) => u.username === 'admin1');
    assert.ok(me, 'the signed-in test admin');
    const admins = listed.filter((u) => u.role === 'admin');
    assert.equal(admins.length, 2, 'the first admin made at start and this test admin');
    assert.equal((await admin.request('DELETE', `/api/users/${me.id}`)).status, 409, 'not your own account');
    assert.equal((await admin.request('POST', `/api/users/${me.id}/password`)).status, 409, 'your own password goes through Account');
    const other = admins.find((u) => u.id !== me.id);
    assert.ok(other);
    assert.equal((await admin.request('DELETE', `/api/users/${other.id}`)).status, 204);
    assert.equal((await admin.request('PATCH', `/api/users/${me.id}`, { role: 'viewer' })).status, 409, 'the last admin keeps the role');
    assert.equal((await admin.request('DELETE', `/api/users/${made.user.id}`)).status, 204);
    assert.equal((await admin.request('DELETE', `/api/users/${made.user.id}`)).status, 404);
    assert.equal((await new ApiClient(v.base).login('ann', reset.password)).status, 401);
  });

  test('an intrusion is one incident: one acknowledgement, logged once, closes every alert in it', async () => {
    const log = v.vigil.eventLog;
    const first = await log.append(anEvent('AlarmPending', { sensorId: 'front', details: { reason: 'sensor:front' } }));
    await log.append(anEvent('Intrusion', { sensorId: 'front', details: { name: 'Front door' } }));
    await log.append(anEvent('AlarmTriggered', { sensorId: 'front', details: { reason: 'entry_delay_elapsed' } }));
    await log.append(anEvent('AlarmDisarmed', { details: { via: 'http:ann' } }));
    const incidents = await admin.json<Array<{ id: number; open: boolean; alerts: number[]; headline: TestEvent }>>('GET', '/api/incidents');
    const alarm = incidents.find((i) => i.id === first.seq);
    assert.ok(alarm);
    assert.deepEqual([alarm.open, alarm.alerts.length, alarm.headline.type], [true, 2, 'AlarmTriggered']);
    assert.equal((await admin.json<TestEvent[]>('GET', '/api/alerts')).length, 2);
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('POST', `/api/incidents/${alarm.id}/ack`)).status, 403);
    const ack = await admin.json<TestEvent>('POST', `/api/incidents/${alarm.id}/ack`);
    assert.equal(ack.type, 'AlertAcknowledged');
    assert.equal(ack.details.alerts, 2);
    assert.equal((await admin.request('POST', `/api/incidents/${alarm.id}/ack`)).status, 409);
    assert.equal((await admin.request('POST', `/api/alerts/${alarm.alerts[1]}/ack`)).status, 409);
    assert.equal((await admin.request('POST', '/api/incidents/999999/ack')).status, 404);
    assert.deepEqual(await admin.json('GET', '/api/alerts'), []);
    const acks = (await log.query({ types: ['AlertAcknowledged'] })).events;
    assert.equal(acks.length, 1);
  });
});
