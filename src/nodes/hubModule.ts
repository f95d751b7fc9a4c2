import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Bus } from '../core/bus.ts';
import { PERSON_SUBJECTS } from '../core/audit.ts';
import type { Store } from '../store/db.ts';
import type { EventLog } from '../store/eventLog.ts';
import type { Recorder } from '../store/recorder.ts';
import { routeSet } from '../http/routeSet.ts';
import { nodeRoutes } from '../http/routes/nodeRoutes.ts';
import type { MqttDeviceRepo } from '../store/mqttDevices.ts';
import { NODE_KEY_FILE, NodeRepo } from '../store/nodes.ts';
import { readOrCreateSecret } from '../store/secrets.ts';
import type { MqttLink } from '../mqtt/connection.ts';
import type { Broker } from '../mqtt/broker.ts';
import { TEMPLATE_KEY_FILE } from '../vision/setup.ts';
import type { Module } from '../lifecycle.ts';
import { NodeAdmin } from './nodeAdmin.ts';
import { NodeHub } from './nodeHub.ts';

export interface NodesNeeds {
  config: Config;
  log: Logger;
  store: Store;
  eventLog: EventLog;
  recorder: Recorder;
  bus: Bus;
  devices: MqttDeviceRepo;
  link: MqttLink;
  broker: Broker | undefined;
  /** The hub's credential key (hex), which the nodes' replicas carry. */
  credentialKey: string;
}

export function nodeRepo(config: Config, store: Store): NodeRepo {
  return new NodeRepo(store.db, Buffer.from(readOrCreateSecret(config.dataDir, NODE_KEY_FILE), 'hex'));
}

/** The hub's door nodes: their replicas and events over MQTT, and what the API needs to manage them. */
export const nodesModule: Module<NodesNeeds, { nodeRepo: NodeRepo; nodeAdmin: NodeAdmin; nodeHub: NodeHub; nodeDoors: Set<string> }> = {
  name: 'nodes',
  async start({ config, log, store, eventLog, recorder, bus, devices, link, broker, credentialKey }, scope) {
    const repo = nodeRepo(config, store);
    const hub = new NodeHub({
      db: store.db,
      repo,
      log: eventLog,
      link,
      prefix: config.mqtt.prefix,
      keys: { credentialKey, templateKey: config.vision.templateKey || readOrCreateSecret(config.dataDir, TEMPLATE_KEY_FILE) },
      logger: log.child({ module: 'nodes' }),
    });
    scope.defer('door nodes', () => hub.stop());
    await hub.start();
    // A change to people, credentials or faces (each is in the audit trail) reaches the replicas.
    scope.listen(bus, 'log.appended', (e) => {
      if (e.type === 'ConfigChanged' && PERSON_SUBJECTS.includes(e.details.subject)) hub.peopleChanged();
    });
    const admin = new NodeAdmin({ config, repo, devices, brokerPort: broker?.port });
    scope.serve(
      routeSet(nodeRoutes, {
        repo,
        admin,
        changed: (removed) => {
          if (removed) hub.forget(removed);
          hub.peopleChanged(0);
        },
        joinAttemptsPerMinute: config.http.loginAttemptsPerMinute,
        record: (e) => recorder.recordDurably(e),
      }),
    );
    return { nodeRepo: repo, nodeAdmin: admin, nodeHub: hub, nodeDoors: await repo.nodeDoors() };
  },
};
