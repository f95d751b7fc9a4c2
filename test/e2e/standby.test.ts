// Two real `vigil start` processes on one PostgreSQL database and the machine's Mosquitto: one
// active, one standing by and proxying; the active one killed, the standby takes over.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ApiClient, createPgDatabase, freePort, kill9, openSse, tmpDir, waitFor, type TestEvent } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';
import { copyKeys, hubEnv, startHub, untilRole, type Hub } from '../standbyHubs.ts';
import { HUB_LOCK } from '../../src/store/leadership.ts';

async function stopHub(hub: Hub | undefined): Promise<void> {
  if (hub) await kill9(hub.child);
}

describe('two hubs on one PostgreSQL: one active, one standby that takes over', { timeout: 300_000 }, () => {
  const prefix = `vigilstandby${randomBytes(4).toString('hex')}`;
  const dirA = tmpDir();
  const dirB = tmpDir();
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let a: Hub | undefined;
  let b: Hub | undefined;
  let portA: number;
  let portB: number;

  before(async () => {
    db = await createPgDatabase();
    [portA, portB] = [await freePort(), await freePort()];
  });
  after(async () => {
    await stopHub(a);
    await stopHub(b);
    await db?.drop();
    dirA.cleanup();
    dirB.cleanup();
  });

  test('the API works through the standby, the standby takes over when the active is killed, and the log holds every event once', async () => {
    a = startHub(dirA.dir, hubEnv(db.url, prefix, portA));
    await untilRole(a, 'active');
    copyKeys(dirA.dir, dirB.dir);
    b = startHub(dirB.dir, hubEnv(db.url, prefix, portB));
    await untilRole(b, 'standby', 60_000, a.base);

    // Sign in, list and add people, and watch the event stream — all through the standby.
    const password = readFileSync(path.join(dirA.dir, 'initial-admin-password'), 'utf8').trim();
    const viaB = new ApiClient(b.base);
    assert.equal((await viaB.login('admin', password)).status, 200);
    assert.ok(Array.isArray(await viaB.json<unknown[]>('GET', '/api/people')));
    const sse = await openSse(`${b.base}/api/events/stream`, { cookie: viaB.cookie });
    const before = await viaB.json<{ id: string }>('POST', '/api/people', { name: 'Before Failover' });
    const seen = await sse.next<TestEvent>((e) => e.type === 'ConfigChanged' && e.details.target === before.id, 10_000);
    assert.equal(seen.details.by, 'admin');
    sse.close();

    await kill9(a.child);
    await untilRole(b, 'active', 30_000);
    await waitFor(() => b?.output().includes('this hub is the active hub now'), 10_000, 'the takeover to be printed');

    // The session lives in PostgreSQL: the same sign-in goes on working on the new active hub.
    const after = await viaB.json<{ id: string }>('POST', '/api/people', { name: 'After Failover' });
    const names = (await viaB.json<Array<{ name: string }>>('GET', '/api/people')).map((p) => p.name);
    assert.deepEqual(names.filter((n) => n.endsWith('Failover')).sort(), ['After Failover', 'Before Failover']);

    // The killed hub, started again, comes back as the standby and proxies to the new active one.
    a = startHub(dirA.dir, hubEnv(db.url, prefix, portA));
    await untilRole(a, 'standby', 60_000, b.base);
    const viaA = new ApiClient(a.base);
    viaA.cookie = viaB.cookie;
    assert.equal((await viaA.json<Array<{ name: string }>>('GET', '/api/people')).filter((p) => p.name.endsWith('Failover')).length, 2);

    // Each recorded event is in the chain once, and the chain verifies with the shared key.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = (await client.query<{ type: string; details: string }>('SELECT type, details FROM events ORDER BY seq')).rows;
    await client.end();
    const changes = rows.filter((r) => r.type === 'ConfigChanged').map((r) => (JSON.parse(r.details) as { target: string }).target);
    assert.equal(changes.filter((t) => t === before.id).length, 1);
    assert.equal(changes.filter((t) => t === after.id).length, 1);
    assert.equal(rows.filter((r) => r.type === 'SignedIn').length, 1);
    const verify = await vigil(['--data', dirB.dir, 'log', 'verify'], { VIGIL_DATABASE_URL: db.url });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);

    // A planned handover (an upgrade): the active hub stopped with SIGTERM exits 0 and the standby takes over.
    const activeB = b.child;
    activeB.kill('SIGTERM');
    await waitFor(() => activeB.exitCode !== null, 30_000, 'the active hub to stop');
    assert.equal(activeB.exitCode, 0, b.output());
    await untilRole(a, 'active', 30_000);
    assert.equal((await viaA.json<Array<{ name: string }>>('GET', '/api/people')).filter((p) => p.name.endsWith('Failover')).length, 2);
  });
});

describe('a hub that loses its lock connection stops being the active hub', { timeout: 180_000 }, () => {
  const prefix = `vigilstandby${randomBytes(4).toString('hex')}`;
  const dir = tmpDir();
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let hub: Hub | undefined;

  before(async () => {
    db = await createPgDatabase();
  });
  after(async () => {
    await stopHub(hub);
    await db?.drop();
    dir.cleanup();
  });

  test('its lock session terminated: it stops and exits non-zero, for systemd to restart it as a standby', async () => {
    hub = startHub(dir.dir, hubEnv(db.url, prefix, await freePort()));
    await untilRole(hub, 'active');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [HUB_LOCK],
    );
    assert.equal(rows.length, 1, 'one session holds the hub lock');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await admin.end();
    const child = hub.child;
    await waitFor(() => child.exitCode !== null, 30_000, 'the hub to exit');
    assert.equal(child.exitCode, 1, hub.output());
    assert.match(hub.output(), /lost the hub lock/);
  });
});

describe('hub.standby refuses what cannot work', { timeout: 180_000 }, () => {
  test('on SQLite, or with the built-in broker, `vigil start` stops with a clear message', async () => {
    const t = tmpDir();
    try {
      const onSqlite = await vigil(['--data', t.dir, 'start'], { VIGIL_HUB_STANDBY: 'true', VIGIL_HTTP_PORT: '0' });
      assert.equal(onSqlite.code, 2);
      assert.match(onSqlite.stderr, /hub\.standby needs PostgreSQL/);
      const builtIn = await vigil(['--data', t.dir, 'start'], { VIGIL_HUB_STANDBY: 'true', VIGIL_HTTP_PORT: '0', VIGIL_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none' });
      assert.equal(builtIn.code, 2);
      assert.match(builtIn.stderr, /hub\.standby needs an external MQTT broker/);
    } finally {
      t.cleanup();
    }
  });
});
