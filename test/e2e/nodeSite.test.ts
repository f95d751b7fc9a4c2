// A site on real network pieces: a hub (`vigil start` on PostgreSQL and a Mosquitto with per-node
// ACLs) in this namespace and three door nodes, each in a network namespace of its own behind a veth
// cable. The hub is killed (-9) while the doors work, a cable is pulled for a minute while a person
// is removed on the hub, a standby hub takes over from a killed active one, and afterwards every
// node event is in the hub's chain exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ApiClient, createPgDatabase, freePort, kill9, tmpDir, waitFor } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';
import { Hosts } from '../netns.ts';
import { copyKeys } from '../standbyHubs.ts';

const BIN = path.resolve('bin/vigil.js');
const NODES = 3;
/** Every node serves its kiosk API on this port inside its own namespace. */
const NODE_PORT = 8080;
const prefix = `vs${randomBytes(3).toString('hex')}`;
const doorIds = Array.from({ length: NODES }, (_, i) => `door${i}`);

interface NodeRow {
  origin: string;
  type: string;
  door_id: string | null;
  person_id: string | null;
  details: string;
}

describe('a site: a hub and three door nodes in network namespaces, on Mosquitto and PostgreSQL', () => {
  const hosts = new Hosts(NODES);
  const hubDir = tmpDir();
  const brokerDir = tmpDir();
  const nodeDirs = doorIds.map(() => tmpDir());
  const children: ChildProcess[] = [];
  let db: { url: string; drop: () => Promise<void> };
  let sql: pg.Client;
  let broker: ChildProcess;
  let hub: ChildProcess | undefined;
  let hubPort = 0;
  let hubBase = '';
  let admin: ApiClient;
  const nodeIds: string[] = [];
  const kioskTokens: string[] = [];
  const people: Record<string, string> = {};
  let hubOutput = '';
  const adminName = `admin${randomBytes(3).toString('hex')}`;
  const nodeOutput: string[] = [];

  /** Both hubs run as the README's two hubs on one PostgreSQL: hub.standby on, each with its own address. */
  const hubEnv = (port: number) => ({
    VIGIL_HTTP_HOST: hosts.serviceAddress,
    VIGIL_HTTP_PORT: String(port),
    VIGIL_HUB_STANDBY: 'true',
    VIGIL_HUB_ADVERTISE_URL: `http://${hosts.serviceAddress}:${port}`,
    VIGIL_DATABASE_URL: db.url,
    VIGIL_MQTT_URL: `mqtt://127.0.0.1:${brokerPort}`,
    VIGIL_MQTT_USERNAME: 'vigil-hub',
    VIGIL_MQTT_PREFIX: prefix,
    VIGIL_HOMEASSISTANT_PREFIX: `${prefix}ha`,
    VIGIL_NODES_MQTT_URL: `mqtt://${hosts.serviceAddress}:${brokerPort}`,
    VIGIL_LOG_LEVEL: 'info',
  });
  let brokerPort = 0;

  /** A `vigil start` on `dir`; resolves once it answers in `role`. */
  const startHubProcess = async (dir: string, port: number, role: 'active' | 'standby') => {
    const child = spawn(process.execPath, [BIN, '--data', dir, 'start'], { env: { ...process.env, ...hubEnv(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.stdout?.on('data', (d: Buffer) => (hubOutput += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (hubOutput += d.toString()));
    await untilRole(child, port, role);
    return child;
  };
  const untilRole = (child: ChildProcess, port: number, role: 'active' | 'standby') =>
    waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the hub exited: ${hubOutput}`);
      try {
        const res = await fetch(`http://${hosts.serviceAddress}:${port}/api/health`);
        const h = (await res.json()) as { role?: string; active?: string | null };
        // A standby is of use once it has found the active hub it passes requests to.
        return res.ok && h.role === role && (role === 'active' || Boolean(h.active));
      } catch {
        return false;
      }
    }, 60_000, `the hub on port ${port} to answer as ${role}`);
  const startHub = async () => {
    hub = await startHubProcess(hubDir.dir, hubPort, 'active');
  };

  const startNode = (i: number) => {
    const child = hosts.spawn(i, process.execPath, [BIN, '--data', (nodeDirs[i] as { dir: string }).dir, 'node', 'start'], {
      env: { ...process.env, VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: String(NODE_PORT), VIGIL_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nodeOutput[i] = '';
    child.stdout?.on('data', (d: Buffer) => (nodeOutput[i] += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (nodeOutput[i] += d.toString()));
    children.push(child);
    return child;
  };

  /** The node's own API, called from inside its namespace (it answers there even with its cable pulled). */
  const nodeApi = <T>(i: number, method: 'GET' | 'POST', route: string, body?: unknown, token?: string): T | undefined => {
    const args = ['-sS', '--max-time', '10', '-X', method, '-H', 'content-type: application/json'];
    if (token) args.push('-H', `authorization: Bearer ${token}`);
    if (body !== undefined) args.push('--data', JSON.stringify(body));
    try {
      return JSON.parse(hosts.exec(i, 'curl', ...args, `http://127.0.0.1:${NODE_PORT}${route}`)) as T;
    } catch {
      return undefined;
    }
  };
  const health = (i: number) => nodeApi<{ hubReachable: boolean; snapshotVersion: number; spoolDepth: number }>(i, 'GET', '/api/health');
  const pin = (i: number, value: string) => nodeApi<{ state: string }>(i, 'POST', '/api/terminal/credential', { factor: 'pin', value }, kioskTokens[i])?.state;
  /** What the node's own log holds: the events it made (its seq numbers run 1..head). */
  const nodeHead = async (i: number) => {
    const r = await vigil(['--data', (nodeDirs[i] as { dir: string }).dir, '--json', 'log', 'verify'], { VIGIL_LOG_LEVEL: 'silent' });
    return (JSON.parse(r.stdout) as { count: number }).count;
  };
  const hubRows = async () => (await sql.query<NodeRow>(`SELECT origin, type, door_id, person_id, details FROM events WHERE origin LIKE 'node:%' ORDER BY seq`)).rows;

  /** Every node's events are all in the hub's chain, once each, and the hub's log verifies. */
  const everyNodeEventOnce = async () => {
    const heads: number[] = [];
    for (let i = 0; i < NODES; i++) heads.push(await nodeHead(i));
    const rows = await waitFor(async () => {
      const r = await hubRows();
      const counts = nodeIds.map((id) => r.filter((row) => row.origin.startsWith(`node:${id}:`)).length);
      return counts.every((c, i) => c === heads[i]) ? r : undefined;
    }, 60_000, "every node's events in the hub's chain");
    for (const [i, id] of nodeIds.entries()) {
      const seqs = rows.filter((r) => r.origin.startsWith(`node:${id}:`)).map((r) => Number(r.origin.split(':')[2]));
      assert.deepEqual([...seqs].sort((a, b) => a - b), Array.from({ length: heads[i] as number }, (_, k) => k + 1), `node ${i}: each of its events once`);
    }
    const verify = await vigil(['--data', hubDir.dir, '--json', 'log', 'verify'], { VIGIL_DATABASE_URL: db.url, VIGIL_LOG_LEVEL: 'silent' });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    return rows;
  };

  before(async () => {
    hosts.create();
    db = await createPgDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    brokerPort = await freePort();
    hubPort = await freePort();
    hubBase = `http://${hosts.serviceAddress}:${hubPort}`;
    // The site's broker as the README's Mosquitto set-up has it: the hub may use every topic, a
    // node only its own.
    // Mosquitto started as root runs as the user mosquitto: its files must be readable to it.
    chmodSync(brokerDir.dir, 0o755);
    writeFileSync(path.join(brokerDir.dir, 'acl'), `user vigil-hub\ntopic readwrite #\n\npattern readwrite ${prefix}/node/%u/#\n`, { mode: 0o644 });
    writeFileSync(
      path.join(brokerDir.dir, 'mosquitto.conf'),
      `listener ${brokerPort} 127.0.0.1\nlistener ${brokerPort} ${hosts.serviceAddress}\nallow_anonymous true\npersistence false\nacl_file ${path.join(brokerDir.dir, 'acl')}\n`,
      { mode: 0o644 },
    );
    broker = spawn('mosquitto', ['-c', path.join(brokerDir.dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    broker.stderr?.on('data', (d: Buffer) => (hubOutput += `mosquitto: ${d.toString()}`));
    children.push(broker);
    writeFileSync(
      path.join(hubDir.dir, 'vigil.yaml'),
      `doors:\n${doorIds.map((id, i) => `  - id: ${id}\n    name: Door ${i}\n    mode: pin_only\n    kiosk: true\n    offline: ${i === 2 ? 'deny_all' : 'grant_known'}\n`).join('')}`,
    );
    await startHub();
    const made = await vigil(['--data', hubDir.dir, 'admin', 'add', adminName, '--password-stdin'], { VIGIL_DATABASE_URL: db.url, VIGIL_LOG_LEVEL: 'silent' }, 'correct horse battery\n');
    assert.equal(made.code, 0, made.stderr);
    admin = new ApiClient(hubBase);
    assert.ok((await admin.login(adminName, 'correct horse battery')).ok);
    for (const [name, value] of [['Ada', '1234'], ['Bob', '5678']] as const) {
      people[name] = (await admin.json<{ id: string }>('POST', '/api/people', { name })).id;
      assert.equal((await admin.request('PUT', `/api/people/${people[name]}/pin`, { pin: value })).status, 204);
    }
  });

  after(async () => {
    for (const c of [...children].reverse()) await kill9(c);
    await sql?.end();
    await db?.drop();
    hosts.destroy();
    hubDir.cleanup();
    brokerDir.cleanup();
    for (const d of nodeDirs) d.cleanup();
  });

  test('three nodes join across their cables and grant at their doors; each grant is in the hub chain once', async () => {
    for (let i = 0; i < NODES; i++) {
      const added = await admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: `Box ${i}`, doors: [doorIds[i]] });
      nodeIds.push(added.id);
      const joined = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const c = hosts.spawn(i, process.execPath, [BIN, '--data', (nodeDirs[i] as { dir: string }).dir, '--json', 'node', 'join', hubBase, added.token], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        c.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
        c.on('exit', (code) => resolve({ code, out }));
      });
      assert.equal(joined.code, 0, joined.out);
      const token = await vigil(['--data', (nodeDirs[i] as { dir: string }).dir, '--json', 'node', 'kiosk-token', doorIds[i] as string], { VIGIL_LOG_LEVEL: 'silent' });
      kioskTokens.push((JSON.parse(token.stdout) as { token: string }).token);
      startNode(i);
    }
    for (let i = 0; i < NODES; i++) {
      await waitFor(() => {
        const h = health(i);
        return h && h.hubReachable && h.snapshotVersion >= 1;
      }, 60_000, `node ${i} holding its replica`).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\n${nodeOutput[i]}\n${hubOutput.slice(-3000)}`);
      });
      assert.equal(pin(i, '1234'), 'granted');
    }
    const rows = await everyNodeEventOnce();
    for (let i = 0; i < NODES; i++) assert.ok(rows.some((r) => r.type === 'Entry' && r.door_id === doorIds[i] && r.person_id === people.Ada), `the grant at ${doorIds[i]}`);
  });

  test('the hub killed (-9) while the doors grant and deny: after its restart every node event is in the chain once, and the log verifies', async () => {
    for (let round = 0; round < 6; round++) {
      if (round === 2) await kill9(hub as ChildProcess);
      for (let i = 0; i < NODES; i++) {
        const state = pin(i, '5678');
        // Door 2 refuses everyone once its node counts the hub as gone (deny_all); the others keep granting.
        if (i === 2) assert.ok(state === 'granted' || state === 'denied', state);
        else assert.equal(state, 'granted');
        assert.equal(pin(i, '0000'), 'denied');
      }
    }
    await startHub();
    await everyNodeEventOnce();
  });

  test('a cable pulled for a minute: each door keeps its offline policy, a person removed meanwhile is refused once the node is back, and its offline grant arrives flagged', async () => {
    const cut = [1, 2];
    const before = cut.map((i) => health(i)?.snapshotVersion ?? 0);
    for (const i of cut) hosts.link(i, false);
    const cutAt = Date.now();
    await waitFor(() => cut.every((i) => health(i)?.hubReachable === false), 60_000, 'the cut-off nodes to count the hub as gone');
    assert.equal((await admin.request('DELETE', `/api/people/${people.Bob}`)).status, 204);
    await waitFor(() => pin(0, '5678') === 'denied', 30_000, 'the connected node to refuse Bob at once');
    assert.equal(pin(1, '5678'), 'granted', 'door 1 (grant_known) still decides from its replica, which has Bob');
    assert.equal(pin(1, '1234'), 'granted');
    assert.equal(pin(2, '1234'), 'denied', 'door 2 (deny_all) refuses even Ada while its hub is away');
    // The rest of the minute, the doors keep working offline.
    while (Date.now() - cutAt < 60_000) {
      assert.equal(pin(1, '1234'), 'granted');
      await new Promise((r) => setTimeout(r, 5_000));
    }
    for (const i of cut) hosts.link(i, true);
    await waitFor(
      () =>
        cut.every((i, k) => {
          const h = health(i);
          return h?.hubReachable && h.snapshotVersion > (before[k] as number);
        }),
      90_000,
      'the nodes back, holding the replica without Bob',
    );
    assert.equal(pin(1, '5678'), 'denied', 'Bob is refused the moment the replica is back');
    assert.equal(pin(2, '1234'), 'granted', 'door 2 grants again');
    const rows = await everyNodeEventOnce();
    const bobOffline = rows.filter((r) => r.type === 'Entry' && r.door_id === 'door1' && r.person_id === people.Bob);
    assert.ok(bobOffline.length >= 1);
    const flagged = bobOffline.filter((r) => (JSON.parse(r.details) as { flagged?: string }).flagged);
    assert.ok(flagged.length >= 1, `Bob's offline grant is flagged: ${JSON.stringify(bobOffline)}`);
    assert.ok(
      rows.some((r) => r.type === 'Denied' && r.door_id === 'door2' && (JSON.parse(r.details) as { reason?: string }).reason === 'hub_offline'),
      'the deny_all refusal arrives with its reason',
    );
  });

  test('a standby hub proxies the panel, takes over when the active one is killed (-9), and the nodes carry on into the same chain', async () => {
    const standbyDir = tmpDir();
    try {
      copyKeys(hubDir.dir, standbyDir.dir);
      copyFileSync(path.join(hubDir.dir, 'vigil.yaml'), path.join(standbyDir.dir, 'vigil.yaml'));
      const port = await freePort();
      const standby = await startHubProcess(standbyDir.dir, port, 'standby');
      const panel = new ApiClient(`http://${hosts.serviceAddress}:${port}`);
      const signedIn = await panel.login(adminName, 'correct horse battery');
      assert.equal(signedIn.status, 200, `signed in through the standby: ${await signedIn.text()}`);
      const listed = await panel.json<Array<{ id: string }>>('GET', '/api/nodes');
      assert.deepEqual(listed.map((n) => n.id).sort(), [...nodeIds].sort(), 'the node list through the standby');

      await kill9(hub as ChildProcess);
      await untilRole(standby, port, 'active');
      for (let i = 0; i < NODES; i++) {
        await waitFor(() => health(i)?.hubReachable, 60_000, `node ${i} hearing the new active hub`);
        assert.equal(pin(i, '1234'), 'granted');
      }
      const rows = await everyNodeEventOnce();
      assert.equal((await panel.json<Array<{ id: string }>>('GET', '/api/nodes')).length, NODES, 'the same session works on the new active hub');
      assert.ok(rows.length > 0);
    } finally {
      standbyDir.cleanup();
    }
  });
});
