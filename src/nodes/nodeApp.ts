import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { DoorConfigSchema, type Config } from '../config/schema.ts';
import type { NewEvent } from '../core/events.ts';
import { StartupError } from '../core/errors.ts';
import { Lifecycle, type Module } from '../lifecycle.ts';
import { coreModule, CREDENTIAL_KEY_FILE, doorsModule, facesModule, peopleModule, type Core, type Shared, type StartOptions } from '../app.ts';
import { PeopleRepo, type Person } from '../store/people.ts';
import { SettingsRepo } from '../store/settings.ts';
import { SessionRepo } from '../store/sessions.ts';
import { Topics } from '../mqtt/topics.ts';
import { TEMPLATE_KEY_FILE } from '../vision/setup.ts';
import type { DoorService } from '../access/doorService.ts';
import { listenHttp } from '../http/server.ts';
import { HubLink } from './hubLink.ts';
import { applyDelta, applySnapshot } from './snapshot.ts';
import { buildNodeHttp, type NodeHttpDeps } from './nodeHttp.ts';
import type { SnapshotContent } from './protocol.ts';

export const NODE_FILE = 'node.json';

export const NodeFileSchema = Type.Object({
  hubUrl: Type.String(),
  nodeId: Type.String(),
  key: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  prefix: Type.String(),
  mqtt: Type.Object({ url: Type.String(), username: Type.String(), password: Type.String(), pinnedCert: Type.Optional(Type.String()) }),
  doors: Type.Array(DoorConfigSchema),
});
export type NodeFile = Static<typeof NodeFileSchema>;
const checkNodeFile = Compile(NodeFileSchema);

/** The node.json `vigil node join` wrote; throws with the reason when it is missing or not one. */
export function readNodeFile(dataDir: string): NodeFile {
  const file = path.join(dataDir, NODE_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StartupError(`${file} cannot be read (join a hub first: vigil node join <hub-url> <token>): ${(err as Error).message}`, { cause: err });
  }
  if (!checkNodeFile.Check(value)) throw new StartupError(`${file} is not a node file written by vigil node join`);
  return value;
}

/** The node's own settings (from --config / the environment) with the doors and prefix the hub gave it. */
export function nodeConfig(base: Config, node: NodeFile): Config {
  return { ...base, doors: node.doors, mqtt: { ...base.mqtt, prefix: node.prefix } };
}

/** The replica's keys become the node's key files: its credential lookups and templates are made with them. */
function writeKeys(dataDir: string, c: Pick<SnapshotContent, 'credentialKey' | 'templateKey'>, log: Logger): void {
  for (const [name, value] of [
    [CREDENTIAL_KEY_FILE, c.credentialKey],
    [TEMPLATE_KEY_FILE, c.templateKey],
  ] as const) {
    const file = path.join(dataDir, name);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8').trim();
    } catch {
      current = undefined;
    }
    if (current === value) continue;
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
    if (current !== undefined) log.error({ file: name }, "the hub's key changed: restart the node to use it");
  }
}

/**
 * What the doors decide from: the replica's people, with the offline policy applied. While the hub
 * is unreachable, nobody may pass a `deny_all` door.
 */
class PolicyPeople extends PeopleRepo {
  constructor(
    db: ConstructorParameters<typeof PeopleRepo>[0],
    private readonly doors: Config['doors'],
    private readonly hubReachable: () => boolean,
  ) {
    super(db);
  }

  override async get(id: string): Promise<Person | undefined> {
    const person = await super.get(id);
    if (!person || this.hubReachable()) return person;
    const closed = new Set(this.doors.filter((d) => d.offline === 'deny_all').map((d) => d.id));
    if (closed.size === 0) return person;
    const doors = (person.access.doors ?? this.doors.map((d) => d.id)).filter((d) => !closed.has(d));
    return { ...person, access: { ...person.access, doors } };
  }
}

/** Door events recorded while the hub is unreachable say so; a deny_all door's refusals give that reason. */
function offlineMarker(doors: Config['doors'], hubReachable: () => boolean): (e: NewEvent) => NewEvent {
  const denyAll = new Set(doors.filter((d) => d.offline === 'deny_all').map((d) => d.id));
  return (e) => {
    if ((e.type !== 'Entry' && e.type !== 'Exit' && e.type !== 'Denied') || !e.doorId || hubReachable()) return e;
    if (e.type === 'Denied') return { ...e, details: { ...e.details, offline: true, ...(denyAll.has(e.doorId) ? { reason: 'hub_offline' } : {}) } };
    return { ...e, details: { ...e.details, offline: true } };
  };
}

export interface DoorNode {
  nodeId: string;
  httpPort: number;
  core: Core;
  link: HubLink;
  doors: DoorService;
  http: FastifyInstance;
  stop(): Promise<void>;
}

const hubLinkModule: Module<Core & { node: NodeFile }, { link: HubLink }> = {
  name: 'hub link',
  async start({ config, log, store, eventLog, bus, node }, scope) {
    const link = new HubLink({
      node,
      log: eventLog,
      settings: new SettingsRepo(store.db),
      apply: {
        applyWhole: async (content) => {
          writeKeys(config.dataDir, content, log);
          await applySnapshot(store.db, content);
        },
        applyDelta: async (delta, sha256) => {
          await applyDelta(store.db, delta, sha256);
          writeKeys(config.dataDir, delta, log);
        },
      },
      logger: log.child({ module: 'hub link' }),
    });
    scope.defer('hub link', () => link.stop());
    await link.start();
    scope.listen(bus, 'log.appended', () => link.eventsRecorded());
    return { link };
  },
};

const nodeHttpModule: Module<NodeHttpDeps & { host: string; port: number }, { http: FastifyInstance; httpPort: number }> = {
  name: 'http',
  async start(d, scope) {
    const http = await buildNodeHttp(d);
    scope.defer('web server', () => http.close());
    return { http, httpPort: await listenHttp(http, d.host, d.port) };
  },
};

/** A door node: its local store, log and recorder, the link to its hub, then its doors and kiosk, as on the hub. */
export async function startNode(config: Config, node: NodeFile, log: Logger, opts: StartOptions = {}): Promise<DoorNode> {
  const life = new Lifecycle((err, what) => log.error({ err, what }, 'error while stopping'));
  const stop = () => life.stop();
  try {
    const started = await life.start(coreModule, { config, log });
    const { link } = await life.start(hubLinkModule, { config, log, ...started, record: (e) => started.recorder.record(e), node });
    const reachable = () => link.hubReachable;
    const mark = offlineMarker(config.doors, reachable);
    const core: Core = { config, log, ...started, record: (e) => started.recorder.record(mark(e)) };
    if (link.snapshotVersion === 0) log.info('waiting for the first replica from the hub');
    await link.whenReplica();
    const shared: Shared = { ...core, ...(await life.start(peopleModule, core)) };
    const people = new PolicyPeople(core.store.db, config.doors, reachable);
    const faces = await life.start(facesModule, shared);
    const { doors, doorTokens } = await life.start(doorsModule, {
      ...shared,
      people,
      ...faces,
      // The hub's alarm is the hub's: a node door does not disarm it.
      alarm: { disarmByAccess: () => {} },
      // MQTT locks need the hub's broker topics, which a node's login may not use: not on nodes yet.
      link: { publish: () => log.warn('an MQTT lock is not supported on a door node'), connected: false },
      topics: new Topics(config.mqtt.prefix, config.homeassistant.prefix),
      gpio: opts.gpio,
      buses: opts.buses,
    });
    const { http, httpPort } = await life.start(nodeHttpModule, {
      log,
      sessions: new SessionRepo(core.store.db),
      record: (e) => core.recorder.recordDurably(e),
      secureCookies: config.http.secureCookies,
      routes: life.routes(),
      doorForToken: (token) => doorTokens.door(token),
      health: async () => ({ nodeId: node.nodeId, hubReachable: link.hubReachable, snapshotVersion: link.snapshotVersion, spoolDepth: await link.spoolDepth() }),
      host: config.http.host,
      port: config.http.port,
    });
    log.info({ node: node.nodeId, port: httpPort, doors: config.doors.map((d) => d.id) }, 'door node is up');
    return { nodeId: node.nodeId, httpPort, core, link, doors, http, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
