// Door nodes on real parts: a hub (in this process, SQLite) and a `vigil node` process, on the
// built-in broker and on the machine's Mosquitto. The node joins once, decides from its replica,
// keeps its offline policy while the hub is away, and every event reaches the hub's chain once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { ApiClient, freePort, silentLog, testConfig, tmpDir, waitFor } from '../helpers.ts';
import { CREDENTIAL_KEY_FILE, internalMqtt, mqttClientOptions, startVigil, type Vigil } from '../../src/app.ts';
import { CredentialRepo } from '../../src/store/credentials.ts';
import { UserRepo } from '../../src/store/users.ts';
import type { Config } from '../../src/config/schema.ts';
import { hashPassword } from '../../src/store/passwords.ts';
import { openStore } from '../../src/store/db.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { joinNode, nodeKioskToken, startNodeProcess, type NodeProcess } from '../nodeProcess.ts';
import { decodeMessage, DeltaMessage, SnapshotMessage } from '../../src/nodes/protocol.ts';
import { vigil } from '../vigilProcess.ts';

const DOORS = {
  doors: [
    { id: 'gate', name: 'Gate', mode: 'pin_only', kiosk: true },
    { id: 'vault', name: 'Vault', mode: 'pin_only', kiosk: true, offline: 'deny_all' },
  ],
};

interface Hub {
  vigil: Vigil;
  config: Config;
  base: string;
  admin: ApiClient;
  stop(): Promise<void>;
}

/** The hub on a data directory that outlives it, so that it can be stopped and started again. */
async function startHub(dataDir: string, env: Record<string, string>): Promise<Hub> {
  const config = testConfig(dataDir, DOORS, env);
  const vigil = await startVigil(config, silentLog());
  const base = `http://127.0.0.1:${vigil.httpPort}`;
  const username = `admin${randomBytes(3).toString('hex')}`;
  await new UserRepo(vigil.store.db).create(username, await hashPassword('correct horse battery'), 'admin');
  const admin = new ApiClient(base);
  if (!(await admin.login(username, 'correct horse battery')).ok) throw new Error('admin login failed');
  return { vigil, config, base, admin, stop: () => vigil.stop() };
}

interface NodeRow {
  seq: number;
  ts: number;
  type: string;
  door_id: string | null;
  person_id: string | null;
  details: string;
  origin: string;
  arrived_at: number | null;
}

async function nodeEvents(hub: Hub, nodeId: string): Promise<NodeRow[]> {
  const rows = await sql<NodeRow>`SELECT seq, ts, type, door_id, person_id, details, origin, arrived_at FROM events WHERE origin LIKE ${`node:${nodeId}:%`} ORDER BY seq`.execute(hub.vigil.store.db);
  return rows.rows;
}

for (const broker of ['built-in', 'mosquitto'] as const) {
  describe(`a door node on the ${broker} broker`, () => {
    const hubDir = tmpDir();
    const nodeDir = tmpDir();
    const prefix = `vt${randomBytes(4).toString('hex')}`;
    let env: Record<string, string> = {};
    let hub: Hub | undefined;
    let node: NodeProcess | undefined;
    let nodeId = '';
    let gate = '';
    let vault = '';
    let ada = '';
    let bob = '';
    const theHub = () => {
      if (!hub) throw new Error('the hub is not running');
      return hub;
    };
    const theNode = () => {
      if (!node) throw new Error('the node is not running');
      return node;
    };

    before(async () => {
      env = broker === 'built-in' ? { VIGIL_MQTT_PREFIX: prefix, VIGIL_MQTT_PORT: String(await freePort()) } : { VIGIL_MQTT_PREFIX: prefix, VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883' };
      hub = await startHub(hubDir.dir, env);
      ada = (await hub.admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada' })).id;
      bob = (await hub.admin.json<{ id: string }>('POST', '/api/people', { name: 'Bob' })).id;
      assert.equal((await hub.admin.request('PUT', `/api/people/${ada}/pin`, { pin: '1234' })).status, 204);
      assert.equal((await hub.admin.request('PUT', `/api/people/${bob}/pin`, { pin: '5678' })).status, 204);
    });
    after(async () => {
      await node?.stop();
      // Mosquitto keeps retained messages: the node's replica goes with the node.
      if (hub && nodeId) await hub.admin.request('DELETE', `/api/nodes/${nodeId}`);
      await hub?.stop();
      hubDir.cleanup();
      nodeDir.cleanup();
    });

    test('a node joins once with its token; the token cannot join again', async () => {
      const h = theHub();
      const added = await h.admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: 'Gate box', doors: ['gate', 'vault'] });
      nodeId = added.id;
      const joined = await joinNode(h.base, added.token, nodeDir.dir);
      assert.equal(joined.code, 0, joined.stderr);
      assert.equal(statSync(path.join(nodeDir.dir, 'node.json')).mode & 0o777, 0o600);
      const elsewhere = tmpDir();
      const again = await joinNode(h.base, added.token, elsewhere.dir);
      elsewhere.cleanup();
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /refused/);
      const twice = await joinNode(h.base, added.token, nodeDir.dir);
      assert.match(twice.stderr, /belongs to a node already/, "a node's data directory is not joined again");
      const [listed] = await h.admin.json<Array<{ id: string; joinedAt: number | null; joinPending: boolean }>>('GET', '/api/nodes');
      assert.equal(listed?.id, nodeId);
      assert.ok(listed?.joinedAt);
      assert.equal(listed?.joinPending, false);
    });

    test("the node decides from its replica; a grant is in the hub's chain once, with the time it happened", async () => {
      node = await startNodeProcess(nodeDir.dir);
      gate = await nodeKioskToken(nodeDir.dir, 'gate');
      vault = await nodeKioskToken(nodeDir.dir, 'vault');
      await waitFor(async () => {
        const h = await theNode().health();
        return h.snapshotVersion >= 1 && h.hubReachable;
      }, 30_000, 'replica applied and hub reachable');
      const before = Date.now();
      assert.equal((await theNode().pin(gate, '1234')).state, 'granted');
      assert.equal((await theNode().pin(gate, '0000')).state, 'denied');
      const rows = await waitFor(async () => {
        const r = await nodeEvents(theHub(), nodeId);
        return r.some((e) => e.type === 'Entry') && r.some((e) => e.type === 'Denied') ? r : undefined;
      }, 20_000, "the node's events in the hub's log");
      const entries = rows.filter((e) => e.type === 'Entry');
      assert.equal(entries.length, 1);
      const entry = entries[0] as NodeRow;
      assert.equal(entry.door_id, 'gate');
      assert.equal(entry.person_id, ada);
      assert.ok(entry.ts >= before && entry.arrived_at !== null && entry.arrived_at >= entry.ts, 'its own time, and the arrival beside it');
      assert.equal(JSON.parse(entry.details).offline, undefined);
    });

    test('with the hub away the node keeps its offline policy and spools; back, every event is chained once and a revoked person is refused', async () => {
      const acked = (await nodeEvents(theHub(), nodeId)).length;
      await theHub().stop();
      hub = undefined;
      await waitFor(async () => !(await theNode().health()).hubReachable, 40_000, 'the node notices the hub is away');
      assert.equal((await theNode().pin(gate, '1234')).state, 'granted', 'grant_known: a known PIN opens');
      assert.equal((await theNode().pin(vault, '1234')).state, 'denied', 'deny_all: nobody');
      assert.equal((await theNode().pin(gate, '5678')).state, 'granted', 'Bob, still in the replica');
      assert.ok((await theNode().health()).spoolDepth >= 3);
      // Bob loses his access while the node is cut off (on the hub's database, as another hub process would).
      const store = await openStore({ databaseUrl: '', dataDir: hubDir.dir });
      await new PeopleRepo(store.db).setAccess(bob, { doors: [], schedule: null });
      await store.close();
      const version = (await theNode().health()).snapshotVersion;

      hub = await startHub(hubDir.dir, env);
      await waitFor(async () => {
        const h = await theNode().health();
        return h.hubReachable && h.spoolDepth === 0 && h.snapshotVersion > version;
      }, 40_000, 'the node delivers its spool and applies the new replica');
      assert.equal((await theNode().pin(gate, '5678')).state, 'denied', 'revoked while offline: refused once the replica applied');

      const rows = await waitFor(async () => {
        const r = await nodeEvents(theHub(), nodeId);
        return r.length >= acked + 4 ? r : undefined;
      }, 20_000, 'the spooled events and the refusal in the hub');
      assert.equal(new Set(rows.map((r) => r.origin)).size, rows.length, 'each once');
      const late = rows.slice(acked).map((r) => ({ type: r.type, door: r.door_id, person: r.person_id, details: JSON.parse(r.details) as Record<string, unknown> }));
      const adaIn = late.find((e) => e.type === 'Entry' && e.person === ada);
      assert.equal(adaIn?.details.offline, true);
      assert.equal(adaIn?.details.flagged, undefined);
      const vaultNo = late.find((e) => e.type === 'Denied' && e.door === 'vault');
      assert.equal(vaultNo?.details.reason, 'hub_offline');
      const bobIn = late.find((e) => e.type === 'Entry' && e.person === bob);
      assert.equal(bobIn?.details.offline, true);
      assert.match(String(bobIn?.details.flagged), /does not allow/);
      const offlineRows = rows.slice(acked, acked + 3);
      for (const r of offlineRows) assert.ok(r.arrived_at !== null && r.arrived_at - r.ts > 0, 'arrived after it happened');
      const verified = await theHub().vigil.eventLog.verify();
      assert.equal(verified.ok, true);

      // Started again, the node sends nothing twice.
      await theNode().stop();
      node = await startNodeProcess(nodeDir.dir);
      await waitFor(async () => (await theNode().health()).hubReachable, 30_000, 'hub reachable again');
      assert.equal((await theNode().pin(gate, '1234')).state, 'granted');
      const all = await waitFor(async () => {
        const r = await nodeEvents(theHub(), nodeId);
        return r.length === rows.length + 1 ? r : undefined;
      }, 20_000, 'the new grant, and nothing else');
      assert.equal(new Set(all.map((r) => r.origin)).size, all.length);
      const [health] = await theHub().admin.json<Array<{ online: boolean; spoolDepth: number; snapshotVersion: number; snapshotApplied: number }>>('GET', '/api/nodes');
      assert.equal(health?.online, true);
      assert.equal(health?.snapshotApplied, health?.snapshotVersion);
    });

    test('a forged, moved or replayed message changes nothing', async () => {
      const h = theHub();
      const login = broker === 'built-in' ? internalMqtt(h.config, Number(env.VIGIL_MQTT_PORT)) : { url: 'mqtt://127.0.0.1:1883', username: '', password: '' };
      const sniffer = await mqtt.connectAsync(login.url, { ...mqttClientOptions(login), clientId: `sniffer-${randomBytes(3).toString('hex')}` });
      try {
        const captured = new Map<string, Buffer>();
        sniffer.on('message', (topic, payload) => captured.set(topic.split('/').at(-1) ?? '', Buffer.from(payload)));
        await sniffer.subscribeAsync([`${prefix}/node/${nodeId}/#`], { qos: 1 });
        const count = (await nodeEvents(h, nodeId)).length;
        assert.equal((await theNode().pin(gate, '1234')).state, 'granted');
        await waitFor(() => captured.has('events') && captured.has('snapshot') && captured.has('ack'), 20_000, 'messages seen on the broker');
        await waitFor(async () => (await nodeEvents(h, nodeId)).length === count + 1, 20_000, 'the grant in the hub');
        const other = await h.admin.json<{ id: string }>('POST', '/api/nodes', { name: 'Spare', doors: [] }).catch(() => undefined);
        assert.equal(other, undefined, 'a node needs a door');
        const events = captured.get('events') as Buffer;
        const snapshot = captured.get('snapshot') as Buffer;
        const applied = (await theNode().health()).snapshotVersion;
        const pub = (kind: string, payload: Buffer) => sniffer.publishAsync(`${prefix}/node/${nodeId}/${kind}`, payload, { qos: 1 });
        await pub('events', events);
        await pub('events', randomBytes(200));
        await pub('status', events);
        await pub('snapshot', events);
        await pub('ack', events);
        await pub('ack', captured.get('ack') as Buffer);
        // The next real grant comes after those; once it is in, they have been handled.
        assert.equal((await theNode().pin(gate, '1234')).state, 'granted');
        const rows = await waitFor(async () => {
          const r = await nodeEvents(h, nodeId);
          return r.length === count + 2 ? r : undefined;
        }, 20_000, 'the next grant, and nothing more');
        assert.equal(new Set(rows.map((r) => r.origin)).size, rows.length);
        assert.equal((await theNode().health()).snapshotVersion, applied);
        assert.equal((await theNode().pin(gate, '5678')).state, 'denied', 'the replica is still the newest');
        assert.equal(snapshot.length > 0, true);
        assert.equal((await h.vigil.eventLog.verify()).ok, true);
      } finally {
        await sniffer.endAsync();
      }
    });

    test('changes reach the node as deltas, a revocation first; a node that was away catches up, through the whole replica when there is a newer one, and one whose store drifted takes the whole replica', async () => {
      const key = Buffer.from((JSON.parse(readFileSync(path.join(nodeDir.dir, 'node.json'), 'utf8')) as { key: string }).key, 'hex');
      const topic = (kind: 'snapshot' | 'delta') => `${prefix}/node/${nodeId}/${kind}`;
      const access = async (person: string, doors: string[]) => assert.equal((await theHub().admin.request('PUT', `/api/people/${person}/access`, { doors, schedule: null })).status, 200);
      /** Waits until the node holds the replica the hub published last, newer than `after`. */
      const synced = (after: number) =>
        waitFor(
          async () => {
            const published = (await theHub().admin.json<Array<{ id: string; snapshotVersion: number }>>('GET', '/api/nodes')).find((n) => n.id === nodeId)?.snapshotVersion ?? 0;
            const held = (await theNode().health()).snapshotVersion;
            return published > after && held === published ? held : undefined;
          },
          30_000,
          `the node holds a replica after v${after}`,
        );
      const inLog = (msg: string) => theNode().output().includes(`"msg":"${msg}"`);
      /** Whether the node has logged all of these (its output may come a little after its health says so). */
      const logged = (...msgs: string[]) => waitFor(() => msgs.every(inLog), 10_000, msgs.join(', ')).catch(() => false);
      const replicaLog = () => theNode().output().split('\n').filter((l) => l.includes('replica')).join('\n');

      const h = theHub();
      const login = broker === 'built-in' ? internalMqtt(h.config, Number(env.VIGIL_MQTT_PORT)) : { url: 'mqtt://127.0.0.1:1883', username: '', password: '' };
      const sniffer = await mqtt.connectAsync(login.url, { ...mqttClientOptions(login), clientId: `sniffer-${randomBytes(3).toString('hex')}` });
      const wholes: SnapshotMessage[] = [];
      const deltas: DeltaMessage[] = [];
      sniffer.on('message', (t, p) => {
        const whole = t === topic('snapshot') && decodeMessage(key, t, p, SnapshotMessage);
        const delta = t === topic('delta') && decodeMessage(key, t, p, DeltaMessage);
        if (whole) wholes.push(whole);
        if (delta) deltas.push(delta);
      });
      let v = (await theNode().health()).snapshotVersion;
      try {
        await sniffer.subscribeAsync([topic('snapshot'), topic('delta')], { qos: 1 });
        // Bob (revoked earlier) may use the gate again: the node gets him in a delta.
        await access(bob, ['gate']);
        v = await synced(v);
        assert.equal((await theNode().pin(gate, '5678')).state, 'granted');
        const added = deltas.find((d) => d.version === v);
        assert.ok(added?.delta.people.some((p) => p.id === bob), 'Bob in the delta');
        assert.ok((added?.delta.people.length ?? 0) < 3 && (added?.delta.credentials.length ?? 0) < 3, 'only what changed');
        assert.ok(!wholes.some((w) => w.version === v), 'no whole replica for a change');
        // Revoked: the delta lists him and his PIN as removed, first, and the door refuses him.
        await access(bob, []);
        v = await synced(v);
        assert.equal((await theNode().pin(gate, '5678')).state, 'denied');
        const revoked = deltas.find((d) => d.version === v);
        assert.deepEqual(revoked?.delta.removed.people, [bob]);
        assert.equal(revoked.delta.removed.credentials.length, 1);
        assert.equal(Object.keys(revoked.delta)[0], 'removed');
        assert.ok(!wholes.some((w) => w.version === v));

        // Away while Bob gets the gate back: started again, the node applies the retained delta.
        await theNode().stop();
        node = undefined;
        await access(bob, ['gate']);
        const missed = await waitFor(() => deltas.find((d) => d.version === v + 1), 20_000, 'the delta the node misses');
        node = await startNodeProcess(nodeDir.dir);
        v = await synced(v);
        assert.equal(v, missed.version);
        assert.ok((await logged('replica delta applied')) && !inLog('replica applied'), `caught up by the delta alone:\n${replicaLog()}`);
        assert.equal((await theNode().pin(gate, '5678')).state, 'granted');
      } finally {
        await sniffer.endAsync();
      }

      // Away while Bob is revoked and the hub restarts (it publishes whole replicas, deltas start
      // again from them) and Ada's PIN changes: the node takes the newer whole replica, then the delta.
      await theNode().stop();
      node = undefined;
      await access(bob, []);
      await waitFor(async () => ((await theHub().admin.json<Array<{ id: string; snapshotVersion: number }>>('GET', '/api/nodes')).find((n) => n.id === nodeId)?.snapshotVersion ?? 0) > v, 20_000, 'the revocation published');
      await theHub().stop();
      hub = undefined;
      hub = await startHub(hubDir.dir, env);
      assert.equal((await theHub().admin.request('PUT', `/api/people/${ada}/pin`, { pin: '4321' })).status, 204);
      node = await startNodeProcess(nodeDir.dir);
      v = await synced(v + 1);
      assert.ok(await logged('replica applied', 'replica delta applied'), `the whole replica, then the delta:\n${replicaLog()}`);
      assert.equal((await theNode().pin(gate, '5678')).state, 'denied', 'Bob revoked while the node was away');
      assert.equal((await theNode().pin(gate, '4321')).state, 'granted', "Ada's new PIN");

      // The node's store drifts while it is stopped (someone with a PIN the hub never gave): the
      // next delta does not give its checksum, is undone, and the node takes the whole replica and
      // the delta after it.
      await theNode().stop();
      node = undefined;
      const store = await openStore({ databaseUrl: '', dataDir: nodeDir.dir });
      await store.db.insertInto('people').values({ id: 'stray', name: 'Stray', name_key: 'stray', access: null, created_at: 1, updated_at: 1 }).execute();
      await new CredentialRepo(store.db, readFileSync(path.join(nodeDir.dir, CREDENTIAL_KEY_FILE), 'utf8').trim()).set('stray', 'pin', '9999');
      await store.close();
      await access(bob, ['gate']);
      node = await startNodeProcess(nodeDir.dir);
      v = await synced(v);
      assert.ok(await logged('a replica delta could not be applied (undone); taking the whole replica', 'replica applied'), replicaLog());
      assert.equal((await theNode().pin(gate, '4321')).state, 'granted');
      assert.equal((await theNode().pin(gate, '5678')).state, 'granted');
      assert.equal((await theNode().pin(gate, '9999')).state, 'denied', 'the stray PIN is gone');
      assert.equal((await theHub().vigil.eventLog.verify()).ok, true);
    });

    test("on the built-in broker the node's login reaches only its own node topics, and removing the node revokes it", { skip: broker !== 'built-in' }, async () => {
      const h = theHub();
      const file = JSON.parse(readFileSync(path.join(nodeDir.dir, 'node.json'), 'utf8')) as { mqtt: { url: string; username: string; password: string } };
      const internal = internalMqtt(h.config, Number(env.VIGIL_MQTT_PORT));
      const sniffer = await mqtt.connectAsync(internal.url, { ...mqttClientOptions(internal), clientId: `sniffer-${randomBytes(3).toString('hex')}` });
      const seen: string[] = [];
      sniffer.on('message', (topic) => seen.push(topic));
      await sniffer.subscribeAsync([`${prefix}/#`], { qos: 1 });
      const login = { username: file.mqtt.username, password: file.mqtt.password };
      const probe = await mqtt.connectAsync(file.mqtt.url, { ...login, clientId: `${nodeId}-probe`, reconnectPeriod: 0 });
      try {
        // mqtt.js rejects a SUBACK with any refusal in it; the packet says which were refused (128).
        const suback = await probe.subscribeAsync([`${prefix}/#`, `${prefix}/node/node-ffffffff/snapshot`, `${prefix}/node/${nodeId}/ack`], { qos: 1 }).then(
          () => undefined,
          (err: { packet?: { granted?: number[] } }) => err.packet?.granted,
        );
        assert.deepEqual(suback, [128, 128, 1]);
        for (const topic of [`${prefix}/sensor/front/state`, `${prefix}/node/node-ffffffff/events`, `${prefix}/node/${nodeId}/snapshot`, `${prefix}/alarm/set`]) {
          const denied = await mqtt.connectAsync(file.mqtt.url, { ...login, clientId: `${nodeId}-deny-${randomBytes(2).toString('hex')}`, reconnectPeriod: 0 });
          await denied.publishAsync(topic, 'x', { qos: 0 }).catch(() => undefined);
          await denied.endAsync(true);
        }
        // A message the login may send, after those: once it is seen, the refused ones would have been too.
        await probe.publishAsync(`${prefix}/node/${nodeId}/events`, randomBytes(64), { qos: 1 });
        await waitFor(() => seen.includes(`${prefix}/node/${nodeId}/events`), 10_000, 'the allowed message');
        for (const topic of ['sensor/front/state', 'node/node-ffffffff/events', 'alarm/set']) assert.ok(!seen.includes(`${prefix}/${topic}`), `${topic} reached the broker`);
      } finally {
        await probe.endAsync(true);
        await sniffer.endAsync();
      }
      assert.equal((await h.admin.request('DELETE', `/api/nodes/${nodeId}`)).status, 204);
      await assert.rejects(mqtt.connectAsync(file.mqtt.url, { ...login, clientId: `${nodeId}-after`, reconnectPeriod: 0 }));
      nodeId = '';
    });
  });
}

describe('a door node over TLS to the built-in broker', () => {
  const hubDir = tmpDir();
  const nodeDir = tmpDir();
  let hub: Hub | undefined;
  let node: NodeProcess | undefined;
  after(async () => {
    await node?.stop();
    await hub?.stop();
    hubDir.cleanup();
    nodeDir.cleanup();
  });

  test('the node joins with the mqtts:// URL and the broker certificate (signed by a site CA), takes its replica and deltas, and its grants reach the chain', async () => {
    // The site's own CA signs the broker's certificate; the file holds that certificate alone.
    const file = (name: string) => path.join(hubDir.dir, name);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    execFileSync('openssl', ['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=Site CA', '-keyout', file('ca.key'), '-out', file('ca.pem')], { stdio: 'ignore' });
    execFileSync('openssl', ['req', ...ec, '-subj', '/CN=hub.lan', '-keyout', file('broker.key'), '-out', file('broker.csr')], { stdio: 'ignore' });
    writeFileSync(file('ext'), 'subjectAltName=DNS:hub.lan\n');
    execFileSync('openssl', ['x509', '-req', '-in', file('broker.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', file('ext'), '-out', file('broker.pem')], { stdio: 'ignore' });
    const cert = file('broker.pem');
    const certKey = file('broker.key');
    const port = await freePort();
    const prefix = `vt${randomBytes(4).toString('hex')}`;
    hub = await startHub(hubDir.dir, { VIGIL_MQTT_PREFIX: prefix, VIGIL_MQTT_PORT: String(port), VIGIL_MQTT_TLS_CERT: cert, VIGIL_MQTT_TLS_KEY: certKey, VIGIL_NODES_MQTT_URL: `mqtts://127.0.0.1:${port}` });
    const h = hub;
    const ada = (await h.admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada' })).id;
    assert.equal((await h.admin.request('PUT', `/api/people/${ada}/pin`, { pin: '1234' })).status, 204);
    const added = await h.admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: 'Gate box', doors: ['gate'] });
    const joined = await joinNode(h.base, added.token, nodeDir.dir);
    assert.equal(joined.code, 0, joined.stderr);
    const nodeFile = JSON.parse(readFileSync(path.join(nodeDir.dir, 'node.json'), 'utf8')) as { mqtt: { url: string; pinnedCert?: string } };
    assert.equal(nodeFile.mqtt.url, `mqtts://127.0.0.1:${port}`);
    assert.equal(nodeFile.mqtt.pinnedCert, readFileSync(cert, 'utf8'), "the node trusts the broker's certificate");

    node = await startNodeProcess(nodeDir.dir);
    const n = node;
    const gate = await nodeKioskToken(nodeDir.dir, 'gate');
    await waitFor(async () => {
      const health = await n.health();
      return health.snapshotVersion >= 1 && health.hubReachable;
    }, 30_000, 'replica applied and hub reachable over TLS');
    assert.equal((await n.pin(gate, '1234')).state, 'granted');
    await waitFor(async () => (await nodeEvents(h, added.id)).some((e) => e.type === 'Entry' && e.person_id === ada), 20_000, 'the grant in the hub over TLS');
    // Revoked: a delta over TLS.
    const version = (await n.health()).snapshotVersion;
    assert.equal((await h.admin.request('PUT', `/api/people/${ada}/access`, { doors: [], schedule: null })).status, 200);
    await waitFor(async () => (await n.health()).snapshotVersion > version, 20_000, 'the revocation at the node');
    assert.equal((await n.pin(gate, '1234')).state, 'denied');
    assert.ok(n.output().includes('"msg":"replica delta applied"'));
    // Plain MQTT to the broker's port is refused: the node's link is the TLS one.
    const plain = mqtt.connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 2000 });
    const outcome = await new Promise<string>((resolve) => {
      plain.on('connect', () => resolve('connected'));
      plain.on('error', () => resolve('refused'));
      plain.on('close', () => resolve('refused'));
    });
    plain.end(true);
    assert.equal(outcome, 'refused');
  });
});

describe('vigil node add, list and remove on the hub', () => {
  const dir = tmpDir();
  after(() => dir.cleanup());

  test('adds a node for configured doors (token shown once), lists it waiting to join, removes it; bad doors change nothing', async () => {
    writeFileSync(path.join(dir.dir, 'vigil.yaml'), 'doors:\n  - id: gate\n    name: Gate\n    mode: pin_only\n');
    const cli = (...args: string[]) => vigil(['--data', dir.dir, '--json', ...args], { VIGIL_LOG_LEVEL: 'silent' });
    const bad = await cli('node', 'add', 'Box', '--door', 'nowhere');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no door nowhere/);
    const added = await cli('node', 'add', 'Box', '--door', 'gate');
    assert.equal(added.code, 0, added.stderr);
    const { id, token } = JSON.parse(added.stdout) as { id: string; token: string };
    assert.match(token, /^vn_[A-Za-z0-9_-]{32}$/);
    const taken = await cli('node', 'add', 'Other', '--door', 'gate');
    assert.equal(taken.code, 2, 'a door belongs to one node');
    const listed = JSON.parse((await cli('node', 'list')).stdout) as Array<{ id: string; joinPending: boolean; doors: string[] }>;
    assert.deepEqual(listed.map((n) => [n.id, n.joinPending, n.doors]), [[id, true, ['gate']]]);
    assert.equal((await cli('node', 'remove', id)).code, 0);
    assert.deepEqual(JSON.parse((await cli('node', 'list')).stdout), []);
    assert.equal((await cli('node', 'remove', id)).code, 2);
    const verify = await cli('log', 'verify');
    assert.equal(verify.code, 0, verify.stdout);
  });
});
