// Door nodes at site scale on Mosquitto + PostgreSQL, with the hub a real `vigil start` process:
//  1. 50 simulated nodes (the real HubLink, joined through the HTTP API) and 1,000 signed sensors
//     publishing in the background: node event -> hub log -> SSE, beside the bare broker round trip;
//  2. sustained node events/s the hub appends with zero loss (checked in PostgreSQL by origin),
//     beside the same batches echoed by a plain subscriber;
//  3. one person revoked or added with 10,000 people: time until all 50 nodes hold the new replica,
//     as a delta and as the whole replica (the hub made to lose its base), and the bytes each node
//     gets, beside the same bytes pushed through the bare broker;
//  4. RSS of the hub, and of one real `vigil node start` holding the 10,000-person replica, and how
//     long that node takes to hold one change as a delta and as the whole replica.
// Knobs: BENCH_SECONDS (sustained, 20), BENCH_NODE_EVENTS (latency samples, 500), BENCH_NODES (50),
// BENCH_PEOPLE (10000), BENCH_SENSOR_RATE (background sensor messages/s, 200), BENCH_PUSHES (3),
// BENCH_HUB_LOG / BENCH_NODE_LOG (log levels of the hub and the simulated nodes: warn, error).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import YAML from 'yaml';
import { sql } from 'kysely';
import { CREDENTIAL_KEY_FILE } from '../src/app.ts';
import type { LoggedEvent } from '../src/core/events.ts';
import { deriveSensorKey } from '../src/core/sensorSignature.ts';
import { Topics } from '../src/mqtt/topics.ts';
import { HubLink } from '../src/nodes/hubLink.ts';
import type { JoinReply } from '../src/nodes/nodeAdmin.ts';
import { decodeMessage, SnapshotMessage, snapshotChecksum } from '../src/nodes/protocol.ts';
import { CredentialRepo } from '../src/store/credentials.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { hashPassword } from '../src/store/passwords.ts';
import { PeopleRepo } from '../src/store/people.ts';
import { readOrCreateSecret, sensorMasterKey } from '../src/store/secrets.ts';
import { SensorRepo } from '../src/store/sensors.ts';
import { UserRepo } from '../src/store/users.ts';
import { ApiClient, createPgDatabase, freePort, kill9, openSse, SignedSensor, tmpDir, waitFor, type TestEvent } from '../test/helpers.ts';
import { joinNode, startNodeProcess, type NodeProcess } from '../test/nodeProcess.ts';
import { compare, heading, ms, row, sleep, summary } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/vigil.js');
const NODES = Number(process.env.BENCH_NODES ?? 50);
const SENSORS = 1000;
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SAMPLES = Number(process.env.BENCH_NODE_EVENTS ?? 500);
const SENSOR_RATE = Number(process.env.BENCH_SENSOR_RATE ?? 200);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 3);
/** HubLink's default batch: what a node with a backlog sends per ack. */
const BATCH = 200;
const PASSWORD = 'correct horse battery';

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function spawnLogged(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

/** SIGTERM, and SIGKILL if it has not exited within 15 s. */
async function stopProc(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => void kill9(child), 15_000);
  await exited;
  clearTimeout(timer);
}

function rssMiB(pid: number | undefined): string {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
}

/** A Mosquitto of this run's own; started as root it drops to user mosquitto, so its files are world-readable. */
async function startMosquitto(): Promise<{ url: string; proc: Proc; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-mosquitto-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  chmodSync(conf, 0o644);
  const proc = spawnLogged('mosquitto', ['-c', conf]);
  const url = `mqtt://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`mosquitto exited: ${proc.output()}`);
      const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 1000 }).catch(() => undefined);
      await c?.endAsync();
      return Boolean(c);
    },
    10_000,
    'mosquitto',
  );
  return { url, proc, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The hub's configuration: a door for each simulated node, one for the real node, and the sensors. */
function hubConfig(dataDir: string): void {
  const doors = [...Array.from({ length: NODES }, (_, i) => ({ id: `nd${i}`, name: `Node door ${i}`, mode: 'pin_only' })), { id: 'real', name: 'Real node door', mode: 'pin_only' }];
  const sensors = Array.from({ length: SENSORS }, (_, i) => ({ id: `s${i}`, name: `Sensor ${i}`, kind: 'window' }));
  writeFileSync(path.join(dataDir, 'vigil.yaml'), YAML.stringify({ http: { loginAttemptsPerMinute: 1000 }, doors, sensors }));
}

/**
 * A door node in this process: the node's own HubLink (sealed protocol, acks, resends, statuses)
 * over a log that makes events on demand, and a replica that is verified but not written anywhere.
 */
class SimNode {
  /** Events the node has recorded; while `flooding`, a read past it records a whole batch more. */
  head = 0;
  acked = 0;
  flooding = false;
  snapshot = { version: 0, at: 0 };
  private readonly settings = new Map<string, unknown>();
  private onAck: (() => void) | undefined;
  private onSnapshot: (() => void) | undefined;
  readonly link: HubLink;

  constructor(
    readonly join: JoinReply,
    readonly door: string,
  ) {
    this.link = new HubLink({
      node: { nodeId: join.nodeId, key: join.key, prefix: join.prefix, mqtt: join.mqtt },
      log: { after: async (seq, limit = BATCH) => this.after(seq, limit), headSeq: async () => this.head },
      settings: {
        get: async (key) => this.settings.get(key),
        set: async (key, value) => this.set(key, value),
      },
      apply: { applyWhole: async () => {}, applyDelta: async () => {} },
      logger: pino({ level: process.env.BENCH_NODE_LOG ?? 'error' }),
    });
  }

  private after(seq: number, limit: number): LoggedEvent[] {
    if (this.flooding) this.head = Math.max(this.head, seq + limit);
    const out: LoggedEvent[] = [];
    for (let s = seq + 1; s <= Math.min(this.head, seq + limit); s++) {
      out.push({ seq: s, time: 1_700_000_000_000 + s, type: 'Denied', doorId: this.door, sensorId: null, personId: null, details: { reason: 'unknown_pin', factors: 'pin' }, prevHash: '', hash: '' } as LoggedEvent);
    }
    return out;
  }

  private set(key: string, value: unknown): void {
    this.settings.set(key, value);
    if (key === 'node.acked') {
      this.acked = value as number;
      this.onAck?.();
    }
    if (key === 'node.snapshot') {
      this.snapshot = { version: (value as { version: number }).version, at: performance.now() };
      this.onSnapshot?.();
    }
  }

  /** Records one event and resolves once the hub acks it. */
  record(): Promise<void> {
    this.head++;
    const want = this.head;
    return new Promise((resolve) => {
      this.onAck = () => {
        if (this.acked >= want) resolve();
      };
      this.link.eventsRecorded();
    });
  }

  untilAcked(): Promise<void> {
    return waitFor(() => this.acked >= this.head, 60_000, `${this.join.nodeId} acked`).then(() => undefined);
  }

  untilSnapshot(after: number): Promise<void> {
    return waitFor(() => this.snapshot.version > after, 120_000, `${this.join.nodeId} replica after v${after}`).then(() => undefined);
  }
}

/** 1,000 signed sensors taking turns at `rate` messages/s, each message a state change. */
function sensorLoad(client: MqttClient, topics: Topics, signers: SignedSensor[], rate: number): () => void {
  const contact = new Array<boolean>(signers.length).fill(false);
  let sent = 0;
  const start = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent++) {
      const i = sent % signers.length;
      contact[i] = !contact[i];
      client.publish(topics.sensorState(`s${i}`), signers[i]?.message({ contact: contact[i] ? 'open' : 'closed' }) ?? '', { qos: 0 });
    }
  }, 20);
  return () => clearInterval(timer);
}

/** Plain clients on the bare broker: the same batch size and count as the nodes, each sent when a plain subscriber echoes the last. */
async function bareBatchesPerSecond(url: string, payloadBytes: number, seconds: number): Promise<number> {
  const echo = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  await echo.subscribeAsync('bench/nodes/+/events', { qos: 1 });
  echo.on('message', (topic) => echo.publish(topic.replace(/events$/, 'ack'), 'ok', { qos: 1 }));
  const clients = await Promise.all(Array.from({ length: NODES }, () => mqtt.connectAsync(url, { reconnectPeriod: 0 })));
  const payload = randomBytes(payloadBytes);
  let acked = 0;
  let running = true;
  await Promise.all(
    clients.map(async (c, i) => {
      await c.subscribeAsync(`bench/nodes/${i}/ack`, { qos: 1 });
      c.on('message', () => {
        acked++;
        if (running) c.publish(`bench/nodes/${i}/events`, payload, { qos: 1 });
      });
    }),
  );
  const t0 = performance.now();
  clients.forEach((c, i) => c.publish(`bench/nodes/${i}/events`, payload, { qos: 1 }));
  await sleep(seconds * 1000);
  running = false;
  const rate = acked / ((performance.now() - t0) / 1000);
  await Promise.all([echo, ...clients].map((c) => c.endAsync()));
  return rate;
}

/** The same bytes as a replica, retained to each node's topic, until all have them. */
async function barePush(url: string, bytes: number): Promise<number> {
  const subs = await Promise.all(Array.from({ length: NODES }, () => mqtt.connectAsync(url, { reconnectPeriod: 0 })));
  const pub = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  const payload = randomBytes(bytes);
  let got = 0;
  const all = new Promise<void>((resolve) => {
    subs.forEach((s, i) => {
      s.on('message', (_t, p) => {
        if (p.length === bytes && ++got === NODES) resolve();
      });
      void s.subscribeAsync(`bench/push/${i}`, { qos: 1 });
    });
  });
  await sleep(200);
  const t0 = performance.now();
  for (let i = 0; i < NODES; i++) pub.publish(`bench/push/${i}`, payload, { qos: 1, retain: true });
  await all;
  const took = performance.now() - t0;
  for (let i = 0; i < NODES; i++) pub.publish(`bench/push/${i}`, Buffer.alloc(0), { retain: true });
  await Promise.all([pub, ...subs].map((c) => c.endAsync()));
  return took;
}

async function addPeople(store: Store, credentialKey: string): Promise<void> {
  const people = new PeopleRepo(store.db);
  const creds = new CredentialRepo(store.db, credentialKey);
  for (let i = 0; i < PEOPLE; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, PEOPLE - i) }, async (_, j) => {
        const p = await people.create(`Person ${i + j}`);
        await creds.set(p.id, 'pin', String(100_000 + i + j));
      }),
    );
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('dist/ could not be built');
  heading(`Door nodes: ${NODES} nodes, ${SENSORS} sensors, ${PEOPLE} people on Mosquitto + PostgreSQL; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`);

  const broker = await startMosquitto();
  const db = await createPgDatabase();
  const hubDir = tmpDir();
  const benchDir = tmpDir();
  const nodeDir = tmpDir();
  const prefix = `vigilbench${randomBytes(4).toString('hex')}`;
  const nodes: SimNode[] = [];
  const clients: MqttClient[] = [];
  let hub: Proc | undefined;
  let realNode: NodeProcess | undefined;
  let store: Store | undefined;
  let stopSensors = () => {};
  try {
    hubConfig(hubDir.dir);
    const httpPort = await freePort();
    const base = `http://127.0.0.1:${httpPort}`;
    hub = spawnLogged(process.execPath, [BIN, '--data', hubDir.dir, 'start'], {
      VIGIL_HTTP_HOST: '127.0.0.1',
      VIGIL_HTTP_PORT: String(httpPort),
      VIGIL_DATABASE_URL: db.url,
      VIGIL_MQTT_URL: broker.url,
      VIGIL_MQTT_PREFIX: prefix,
      VIGIL_LOG_LEVEL: process.env.BENCH_HUB_LOG ?? 'warn',
    });
    const theHub = hub;
    await waitFor(
      async () => {
        if (theHub.child.exitCode !== null) throw new Error(`vigil start exited: ${theHub.output()}`);
        return (await fetch(`${base}/api/health`).catch(() => undefined))?.ok;
      },
      60_000,
      'vigil start',
    );
    const hubIdle = rssMiB(hub.child.pid);

    // The bench's own way into the hub's database: an admin account, the sensors' keys, the people.
    store = await openStore({ databaseUrl: db.url, dataDir: benchDir.dir });
    await new UserRepo(store.db).create('benchadmin', await hashPassword(PASSWORD), 'admin');
    const admin = new ApiClient(base);
    if (!(await admin.login('benchadmin', PASSWORD)).ok) throw new Error('admin login failed');

    const topics = new Topics(prefix);
    const master = sensorMasterKey(hubDir.dir);
    const sensorRepo = new SensorRepo(store.db);
    const signers: SignedSensor[] = [];
    for (let i = 0; i < SENSORS; i++) signers.push(new SignedSensor(deriveSensorKey(master, `s${i}`, (await sensorRepo.get(`s${i}`))?.keySalt ?? ''), `s${i}`));
    const sensorClient = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    clients.push(sensorClient);

    for (let i = 0; i < NODES; i++) {
      const added = await admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: `Bench node ${i}`, doors: [`nd${i}`] });
      const res = await fetch(`${base}/api/nodes/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: added.token }) });
      if (!res.ok) throw new Error(`join: ${res.status} ${await res.text()}`);
      const node = new SimNode((await res.json()) as JoinReply, `nd${i}`);
      nodes.push(node);
      await node.link.start();
    }
    await Promise.all(nodes.map((n) => n.untilSnapshot(0)));

    // 1. Latency, one event at a time, each beside a bare round trip on the same broker.
    heading(`1. Node event -> hub log -> SSE, ${SAMPLES} events from ${NODES} nodes, ${SENSORS} sensors at ${SENSOR_RATE} messages/s in the background`);
    stopSensors = sensorLoad(sensorClient, topics, signers, SENSOR_RATE);
    const probe = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    clients.push(probe);
    await probe.subscribeAsync('bench/echo', { qos: 0 });
    let echo: (() => void) | null = null;
    probe.on('message', () => echo?.());
    const sse = await openSse(`${base}/api/events/stream`, { cookie: admin.cookie });
    const bare: number[] = [];
    const viaHub: number[] = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const t0 = performance.now();
      await new Promise<void>((r) => {
        echo = r;
        probe.publish('bench/echo', 'x', { qos: 0 });
      });
      const rtt = performance.now() - t0;
      const node = nodes[i % NODES] as SimNode;
      const t1 = performance.now();
      void node.record();
      await sse.next<TestEvent>((e) => e.type === 'Denied' && e.doorId === node.door, 10_000);
      // The first few warm up JIT and caches.
      if (i >= 20) {
        bare.push(rtt);
        viaHub.push(performance.now() - t1);
      }
    }
    sse.close();
    await Promise.all(nodes.map((n) => n.untilAcked()));
    compare({ label: 'bare broker publish -> subscriber', samples: bare }, { label: 'node event -> hub log -> SSE', samples: viaHub }, 'Vigil adds');

    // 2. Sustained: every node sends its next batch as soon as the hub acks the last.
    heading(`2. Sustained: ${NODES} nodes send batches of up to ${BATCH} as fast as the hub acks, ${SECONDS} s (sensors still publishing)`);
    const batchBytes = (() => {
      const probeNode = nodes[0] as SimNode;
      return Buffer.byteLength(JSON.stringify({ events: Array.from({ length: BATCH }, (_, i) => ({ seq: probeNode.head + i, event: { type: 'Denied', time: 1_700_000_000_000, doorId: probeNode.door, sensorId: null, personId: null, details: { reason: 'unknown_pin', factors: 'pin' } } })) })) + 28;
    })();
    const bareRate = (await bareBatchesPerSecond(broker.url, batchBytes, Math.min(5, SECONDS))) * BATCH;
    const ackedBefore = nodes.reduce((s, n) => s + n.acked, 0);
    const t0 = performance.now();
    for (const n of nodes) {
      n.flooding = true;
      n.link.eventsRecorded();
    }
    await sleep(SECONDS * 1000);
    const ackedInWindow = nodes.reduce((s, n) => s + n.acked, 0) - ackedBefore;
    const window = (performance.now() - t0) / 1000;
    for (const n of nodes) n.flooding = false;
    const drain0 = performance.now();
    await Promise.all(nodes.map((n) => n.untilAcked()));
    const drain = performance.now() - drain0;
    stopSensors();
    const counts = await sql<{ node: string; n: string; distinct: string; lo: string; hi: string }>`
      SELECT split_part(origin, ':', 2) AS node, count(*) AS n, count(DISTINCT origin) AS distinct,
             min(split_part(origin, ':', 3)::bigint) AS lo, max(split_part(origin, ':', 3)::bigint) AS hi
      FROM events WHERE origin LIKE 'node:%' GROUP BY 1`.execute(store.db);
    const byNode = new Map(counts.rows.map((r) => [r.node, r]));
    let sent = 0;
    let missing = 0;
    let duplicated = 0;
    let notExact = 0;
    for (const n of nodes) {
      const r = byNode.get(n.join.nodeId);
      const distinct = Number(r?.distinct ?? 0);
      sent += n.head;
      missing += Math.max(0, n.head - distinct);
      duplicated += Number(r?.n ?? 0) - distinct;
      // As many distinct seqs as sent, from 1 to the last sent: exactly 1..N.
      if (!(r && distinct === n.head && Number(r.lo) === 1 && Number(r.hi) === n.head)) notExact++;
    }
    row('', 'events/s');
    row(`bare broker, same batches, plain echo`, bareRate.toFixed(0));
    row('Vigil: node events appended + acked', (ackedInWindow / window).toFixed(0));
    row('', 'sent', 'lost', 'duplicated', 'not 1..N');
    row('node seqs in PostgreSQL (by origin)', String(sent), String(missing), String(duplicated), String(notExact));
    row('drain after the window', ms(drain));

    // 3. One change to the replicas of 10,000 people on every node: as a delta, and as the whole replica.
    heading(`3. Replica push: one person revoked or added, ${PEOPLE} people (PINs, allowed at every door) -> all ${NODES} nodes hold the new version`);
    const added0 = performance.now();
    await addPeople(store, readOrCreateSecret(hubDir.dir, CREDENTIAL_KEY_FILE));
    row(`${PEOPLE} people + PINs added (repos)`, ms(performance.now() - added0));
    const someone = (await admin.json<Array<{ id: string }>>('GET', '/api/people'))[0]?.id;
    if (!someone) throw new Error('no people');
    // Every node's replica topics, watched on the broker: when the hub has published them all, and how many bytes each node got.
    const watcher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    clients.push(watcher);
    let arrivals = new Map<string, number>();
    let wire = { snapshot: 0, delta: 0 };
    watcher.on('message', (t, p) => {
      const kind = t.endsWith('/delta') ? 'delta' : 'snapshot';
      wire[kind] += p.length;
      if (p.length && !arrivals.has(t)) arrivals.set(t, performance.now());
    });
    await watcher.subscribeAsync([`${prefix}/node/+/snapshot`, `${prefix}/node/+/delta`], { qos: 1 });
    await sleep(1000);
    /** One change; with `whole`, the hub is first made to lose its base (as a restarted or other hub would), so it publishes whole replicas. */
    const hubDb = store.db;
    const push = async (change: () => Promise<Response>, whole: boolean) => {
      if (whole) await sql`UPDATE nodes SET snapshot_version = snapshot_version + 1`.execute(hubDb);
      const before = nodes.map((n) => n.snapshot.version);
      arrivals = new Map();
      wire = { snapshot: 0, delta: 0 };
      const c0 = performance.now();
      const res = await change();
      if (!res.ok) throw new Error(`change: ${res.status}`);
      await Promise.all(nodes.map((n, j) => n.untilSnapshot(before[j] ?? 0)));
      const held = Math.max(...nodes.map((n) => n.snapshot.at)) - c0;
      await waitFor(() => arrivals.size >= NODES, 10_000, 'every replica on the broker');
      // The round is over when nothing more comes for a second (whole replicas follow the deltas when one grew too big).
      for (let last = -1; last !== wire.snapshot + wire.delta; ) {
        last = wire.snapshot + wire.delta;
        await sleep(1000);
      }
      return { published: Math.max(...arrivals.values()) - c0, held, bytes: (wire.snapshot + wire.delta) / NODES, wire: { ...wire } };
    };
    // The first change carries all the people to every node.
    const first = await push(() => admin.request('PUT', `/api/people/${someone}/pin`, { pin: '900000' }), false);
    const wholeBytes = first.wire.snapshot / NODES;
    const runs = { delta: [] as Array<Awaited<ReturnType<typeof push>>>, whole: [] as Array<Awaited<ReturnType<typeof push>>> };
    for (let i = 0; i < PUSHES * 2; i++) {
      // Revoked from every door, then allowed again: one person out of, then into, every replica;
      // deltas and whole replicas take turns at both (delta, whole, whole, delta, ...). It ends allowed.
      const doors = i % 2 === 0 ? [] : null;
      const whole = i % 4 === 1 || i % 4 === 2;
      runs[whole ? 'whole' : 'delta'].push(await push(() => admin.request('PUT', `/api/people/${someone}/access`, { doors, schedule: null }), whole));
    }
    // What one node does with each, alone (the simulated nodes share this process's one thread).
    const one = nodes[0] as SimNode;
    const reader = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    clients.push(reader);
    const retained = new Map<string, Buffer>();
    reader.on('message', (t, p) => retained.set(t, p));
    const topicOf = (kind: 'snapshot' | 'delta') => `${prefix}/node/${one.join.nodeId}/${kind}`;
    await reader.subscribeAsync([topicOf('snapshot'), topicOf('delta')], { qos: 1 });
    await waitFor(() => retained.has(topicOf('snapshot')), 10_000, 'the retained replica');
    const key = Buffer.from(one.join.key, 'hex');
    const v0 = performance.now();
    const msg = decodeMessage(key, topicOf('snapshot'), retained.get(topicOf('snapshot')) ?? Buffer.alloc(0), SnapshotMessage);
    if (!msg || snapshotChecksum(msg.content) !== msg.sha256) throw new Error('the replica does not verify');
    const verifyOne = performance.now() - v0;
    const bareWhole = await barePush(broker.url, Math.round(wholeBytes));
    const deltaBytes = summary(runs.delta.map((r) => r.bytes)).p50;
    const bareDelta = await barePush(broker.url, Math.max(1, Math.round(deltaBytes)));
    const p50 = (xs: Array<{ published: number; held: number }>, k: 'published' | 'held') => ms(summary(xs.map((x) => x[k])).p50);
    const max = (xs: Array<{ published: number; held: number }>, k: 'published' | 'held') => ms(summary(xs.map((x) => x[k])).max);
    row('', 'on broker p50', 'held p50', 'held max', 'bytes/node');
    row(`bare broker: whole-replica bytes to ${NODES}`, ms(bareWhole), '', '', `${wholeBytes.toFixed(0)} B`);
    row(`bare broker: delta bytes to ${NODES}`, ms(bareDelta), '', '', `${deltaBytes.toFixed(0)} B`);
    row(`first change after adding them (all people)`, ms(first.published), ms(first.held), ms(first.held), `${first.bytes.toFixed(0)} B`);
    row(`one person revoked/added: delta (n=${runs.delta.length})`, p50(runs.delta, 'published'), p50(runs.delta, 'held'), max(runs.delta, 'held'), `${summary(runs.delta.map((r) => r.bytes)).max.toFixed(0)} B`);
    row(`the same change, whole replica (n=${runs.whole.length})`, p50(runs.whole, 'published'), p50(runs.whole, 'held'), max(runs.whole, 'held'), `${summary(runs.whole.map((r) => r.bytes)).max.toFixed(0)} B`);
    row('one node: whole replica unseal + schema + checksum', ms(verifyOne));
    console.log('  ("held": every simulated node has unsealed and schema-checked it, and checked a whole replica\'s checksum, and recorded the version;');
    console.log('   a real node applies it to its store: section 4. A change waits 300 ms before the hub publishes, so a burst makes one; it is in the figures.)');

    // 4. Memory: the hub now, and one real node holding the same replica.
    heading('4. Memory (RSS)');
    const added = await admin.json<{ id: string; token: string }>('POST', '/api/nodes', { name: 'Real node', doors: ['real'] });
    const joined = await joinNode(base, added.token, nodeDir.dir);
    if (joined.code !== 0) throw new Error(`vigil node join: ${joined.stderr}`);
    realNode = await startNodeProcess(nodeDir.dir, { env: { VIGIL_LOG_LEVEL: 'warn' } });
    const theNode = realNode;
    await waitFor(
      async () => {
        const listed = await admin.json<Array<{ id: string; snapshotVersion: number; snapshotApplied: number }>>('GET', '/api/nodes');
        const mine = listed.find((n) => n.id === added.id);
        return mine && mine.snapshotVersion > 0 && (await theNode.health()).snapshotVersion === mine.snapshotVersion;
      },
      120_000,
      'the real node to hold its replica',
    );
    await sleep(2000);
    row('', 'RSS');
    row('hub, idle after start (baseline)', hubIdle);
    row(`hub at the end (${NODES + 1} nodes)`, rssMiB(hub.child.pid));
    row(`one vigil node start, ${PEOPLE} people`, rssMiB(realNode.child.pid));
    row('mosquitto at the end', rssMiB(broker.proc.child.pid));

    // The same changes as the real node takes them into its store (SQLite; a delta is checked against the replica's checksum there).
    heading(`4b. One person added/revoked -> the real node (${PEOPLE} people) holds it in its store`);
    const realHolds = async (doors: string[] | null, whole: boolean) => {
      if (whole) await sql`UPDATE nodes SET snapshot_version = snapshot_version + 1 WHERE id = ${added.id}`.execute(hubDb);
      const before = (await theNode.health()).snapshotVersion;
      const t0 = performance.now();
      const res = await admin.request('PUT', `/api/people/${someone}/access`, { doors, schedule: null });
      if (!res.ok) throw new Error(`change: ${res.status}`);
      await waitFor(async () => (await theNode.health()).snapshotVersion > before, 120_000, 'the real node holds the change');
      return performance.now() - t0;
    };
    row('', 'revoked', 'added');
    row('delta', ms(await realHolds([], false)), ms(await realHolds(null, false)));
    row('whole replica', ms(await realHolds([], true)), ms(await realHolds(null, true)));

    heading('5. Hub failover');
    console.log('  not measured here: `npm run bench -- failover` (bench/failover.ts on main) times kill -9 of the active hub -> standby active.');
  } catch (err) {
    // What the hub said (warnings and errors) is the first thing to read when a step times out.
    console.error(`the hub's output (tail):\n${hub?.output().slice(-4000) ?? ''}`);
    throw err;
  } finally {
    stopSensors();
    await realNode?.stop();
    await Promise.all(nodes.map((n) => n.link.stop().catch(() => {})));
    await Promise.all(clients.map((c) => c.endAsync().catch(() => {})));
    await store?.close();
    if (hub) await stopProc(hub.child);
    await stopProc(broker.proc.child);
    broker.cleanup();
    await db.drop();
    hubDir.cleanup();
    benchDir.cleanup();
    nodeDir.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  process.exit(0);
}
