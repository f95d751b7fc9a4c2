// Server-side request forgery: the URLs an admin (webhook locks) or any signed-in user (Web Push
// subscriptions) gives Vigil cannot make it reach loopback, link-local or cloud-metadata addresses,
// whether written as an address or as a name that resolves to one, unless `outbound.allow` says so.
// Real listeners on loopback show that a refused request never arrives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { startTestVigil, tmpDir, waitFor, type ApiClient, type TestEvent, type TestVigil } from '../helpers.ts';
import { startLocalPush, type LocalPush } from '../localPush.ts';

const METADATA = 'http://169.254.169.254/latest/meta-data/';

/** A door controller on loopback that counts the unlock requests reaching it. */
async function controller(): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, hits: () => hits };
}

/** Doors whose webhook locks point at the controller (as an address, as a name, IPv4-mapped) and at the metadata service. */
const doors = (port: number) =>
  (
    [
      ['loop', `http://127.0.0.1:${port}/unlock`],
      ['named', `http://localhost:${port}/unlock`],
      ['mapped', `http://[::ffff:127.0.0.1]:${port}/unlock`],
      ['meta', METADATA],
    ] as const
  ).map(([id, url]) => ({ id, name: id, kiosk: true, lock: { type: 'webhook', url, timeoutMs: 2000 } }));

async function unlock(v: TestVigil, events: TestEvent[], admin: ApiClient, door: string): Promise<{ ok: boolean; lock: unknown }> {
  const from = events.length;
  const { ok } = await admin.json<{ ok: boolean }>('POST', `/api/doors/${door}/unlock`);
  const logged = await waitFor(() => events.slice(from).find((e) => e.type === 'DoorUnlocked' && e.doorId === door), 10_000, `DoorUnlocked at ${door}`);
  return { ok, lock: logged.details.lock };
}

/** Subscribes the admin's "browser" at `endpoint`, runs a Web Push channel's test message, and unsubscribes. */
async function pushTest(admin: ApiClient, sub: { keys: { p256dh: string; auth: string } }, endpoint: string): Promise<{ status: number; message?: string; test?: { ok: boolean; error?: string } }> {
  const res = await admin.request('POST', '/api/push/subscriptions', { endpoint, keys: sub.keys });
  if (res.status !== 201) return { status: res.status, message: ((await res.json()) as { message: string }).message };
  const channel = await admin.json<{ id: string }>('POST', '/api/notify/channels', { type: 'webpush', name: `push ${endpoint}`, settings: {}, rules: { types: ['Intrusion'] } });
  try {
    return { status: 201, test: await admin.json<{ ok: boolean; error?: string }>('POST', `/api/notify/channels/${channel.id}/test`) };
  } finally {
    assert.equal((await admin.request('DELETE', `/api/notify/channels/${channel.id}`)).status, 204);
    assert.equal((await admin.request('DELETE', '/api/push/subscriptions', { endpoint })).status, 204);
  }
}

/** A running Vigil with this outbound.allow, a door controller and a push service on loopback. */
function rig(allow: string) {
  const dir = tmpDir();
  const r = { events: [] as TestEvent[] } as { door: Awaited<ReturnType<typeof controller>>; push: LocalPush; v: TestVigil; admin: ApiClient; events: TestEvent[] };
  before(async () => {
    r.door = await controller();
    r.push = await startLocalPush(dir.dir);
    r.v = await startTestVigil({ env: { VIGIL_OUTBOUND_ALLOW: allow }, file: { doors: doors(r.door.port) } });
    r.v.vigil.bus.on('log.appended', (e) => r.events.push(e));
    r.admin = await r.v.client();
  });
  after(async () => {
    await r.v?.stop();
    await r.push?.close();
    r.door?.server.close();
    dir.cleanup();
  });
  return r;
}

describe('outbound requests as shipped (outbound.allow empty)', () => {
  const rigged = rig('');

  test('a webhook lock at a loopback address, a name for one, or the metadata service is not called', async () => {
    for (const [id, why] of [['loop', /loopback/], ['named', /localhost: .*loopback/], ['mapped', /loopback/], ['meta', /link-local or cloud metadata/]] as const) {
      const r = await unlock(rigged.v, rigged.events, rigged.admin, id);
      assert.equal(r.ok, false, id);
      assert.match(String(r.lock), why, id);
      assert.match(String(r.lock), /outbound\.allow/, `${id}: the refusal says how to allow it`);
    }
    assert.equal(rigged.door.hits(), 0, 'no request reached the controller');
  });

  test('a push subscription at a refused address is turned away; one at a name for loopback is never connected to', async () => {
    const sub = await rigged.push.subscribe((await rigged.admin.json<{ publicKey: string }>('GET', '/api/push/key')).publicKey);
    const arrived: number[] = [];
    rigged.push.onArrival(() => arrived.push(Date.now()));
    const port = new URL(sub.endpoint).port;
    for (const [endpoint, why] of [
      [sub.endpoint, /endpoint: 127\.0\.0\.1 is a loopback address/],
      [sub.endpoint.replace('127.0.0.1', '[::1]'), /endpoint: ::1 is a loopback address/],
      ['https://169.254.169.254/push/abc', /link-local or cloud metadata/],
    ] as const) {
      const r = await pushTest(rigged.admin, sub, endpoint);
      assert.equal(r.status, 400, endpoint);
      assert.match(r.message ?? '', why, endpoint);
    }
    const named = await pushTest(rigged.admin, sub, `https://localhost:${port}${new URL(sub.endpoint).pathname}`);
    assert.equal(named.status, 201, 'a name is checked when the push connects');
    assert.equal(named.test?.ok, false);
    assert.match(named.test?.error ?? '', /localhost: .*loopback address/);
    assert.deepEqual(arrived, [], 'nothing reached the push service');
  });
});

describe('outbound requests with loopback allowed (outbound.allow: 127.0.0.1,::1)', () => {
  const rigged = rig('127.0.0.1,::1');

  test('the allowed addresses are reached, by address and by name; the metadata service still is not', async () => {
    for (const id of ['loop', 'named', 'mapped']) assert.deepEqual(await unlock(rigged.v, rigged.events, rigged.admin, id), { ok: true, lock: 'ok' }, id);
    assert.equal(rigged.door.hits(), 3);
    const meta = await unlock(rigged.v, rigged.events, rigged.admin, 'meta');
    assert.equal(meta.ok, false);
    assert.match(String(meta.lock), /link-local or cloud metadata/);
  });

  test('a push subscription on an allowed address is accepted and delivered to', async () => {
    const sub = await rigged.push.subscribe((await rigged.admin.json<{ publicKey: string }>('GET', '/api/push/key')).publicKey);
    const r = await pushTest(rigged.admin, sub, sub.endpoint);
    assert.equal(r.status, 201);
    assert.deepEqual(r.test, { ok: true });
    const [message] = await waitFor(async () => {
      const m = await rigged.push.messages(sub.clientHash);
      return m.length ? m : undefined;
    }, 10_000, 'the pushed message');
    assert.match(String(message), /Vigil: test message/);
    assert.equal((await rigged.admin.request('POST', '/api/push/subscriptions', { endpoint: 'https://169.254.169.254/push/abc', keys: sub.keys })).status, 400, 'the metadata service is still refused');
  });
});
