import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Cli } from '../context.ts';
import { UsageError } from '../basics.ts';
import { NotFound } from '../../core/errors.ts';
import { MqttDeviceRepo } from '../../store/mqttDevices.ts';
import { nodeRepo } from '../../nodes/hubModule.ts';
import { NodeAdmin, type JoinReply } from '../../nodes/nodeAdmin.ts';

export async function nodeAdd(cli: Cli, name: string, doors: string[]): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const admin = new NodeAdmin({ config: cfg, repo: nodeRepo(cfg, store), devices: new MqttDeviceRepo(store.db) });
    const { id, token } = await admin.add(name, doors);
    await cli.audit(store, cfg, { subject: 'node', action: 'created', target: id });
    cli.report({ id, token }, `door node ${id} (${name}) for ${doors.join(', ')}; its join token (shown once, good for 24 h):\n${token}\non the node: vigil node join http://<this hub>:${cfg.http.port} ${token}`);
  });
}

export async function nodeList(cli: Cli): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const nodes = await nodeRepo(cfg, store).list();
    const line = (n: (typeof nodes)[number]) =>
      `${n.id}  ${n.name}  doors ${n.doors.join(',')}  ${n.joinedAt === null ? (n.joinPending ? 'waiting to join' : 'token expired') : n.online ? 'online' : 'offline'}  replica ${n.snapshotApplied}/${n.snapshotVersion}  undelivered ${n.spoolDepth}`;
    cli.report(nodes, nodes.length ? nodes.map(line).join('\n') : 'no door nodes');
  });
}

export async function nodeRemove(cli: Cli, id: string): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const admin = new NodeAdmin({ config: cfg, repo: nodeRepo(cfg, store), devices: new MqttDeviceRepo(store.db) });
    if (!(await admin.remove(id))) throw new NotFound(`no door node ${id}`);
    await cli.audit(store, cfg, { subject: 'node', action: 'deleted', target: id });
    cli.report({ id }, `door node ${id} removed`);
  });
}

export async function nodeJoin(cli: Cli, hubUrl: string, token: string): Promise<void> {
  const cfg = cli.config();
  const file = path.join(cfg.dataDir, 'node.json');
  // The data directory's log and acks belong to one node: another join would mix two nodes' sequences.
  if (existsSync(file)) throw new UsageError(`${file} exists: this data directory belongs to a node already; join with a fresh --data directory`);
  let url: URL;
  try {
    url = new URL('/api/nodes/join', hubUrl);
  } catch {
    throw new UsageError(`not a hub address: ${hubUrl} (e.g. http://192.168.1.10:8080)`);
  }
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }).catch((err: unknown) => {
    throw new UsageError(`the hub at ${url.origin} cannot be reached: ${(err as Error).message}`);
  });
  if (!res.ok) throw new UsageError(`the hub refused to join: ${res.status} ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? ''}`);
  const joined = (await res.json()) as JoinReply;
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify({ hubUrl: url.origin, ...joined }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  cli.report({ nodeId: joined.nodeId, file, doors: joined.doors.map((d) => d.id) }, `joined as ${joined.nodeId} (doors ${joined.doors.map((d) => d.id).join(', ')}); wrote ${file}\nstart it with: vigil --data ${cfg.dataDir} node start`);
}

export async function nodeStart(cli: Cli): Promise<void> {
  const { createLogger } = await import('../../logger.ts');
  const { nodeConfig, readNodeFile, startNode } = await import('../../nodes/nodeApp.ts');
  const base = cli.config();
  const file = readNodeFile(base.dataDir);
  const cfg = nodeConfig(base, file);
  const log = createLogger(cfg.log.level);
  const node = await startNode(cfg, file, log);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    node.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

export async function nodeKioskToken(cli: Cli, door: string): Promise<void> {
  const { readNodeFile } = await import('../../nodes/nodeApp.ts');
  const { DoorTokenRepo } = await import('../../store/doorTokens.ts');
  await cli.withStore(async (store, cfg) => {
    const doors = readNodeFile(cfg.dataDir).doors.map((d) => d.id);
    if (!doors.includes(door)) throw new UsageError(`no door "${door}" on this node (doors: ${doors.join(', ')})`);
    const token = await new DoorTokenRepo(store.db).issue(door);
    await cli.audit(store, cfg, { subject: 'door_token', action: 'issued', target: door });
    cli.report({ door, token }, `kiosk token for ${door} (shown once): ${token}\nopen http://<this node>:${cfg.http.port}/kiosk#token=${token} on the door's tablet`);
  });
}
