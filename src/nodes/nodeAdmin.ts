import { readFileSync } from 'node:fs';
import type { Config, DoorConfig } from '../config/schema.ts';
import { Conflict, InvalidInput } from '../core/errors.ts';
import type { MqttDeviceRepo } from '../store/mqttDevices.ts';
import type { NodeRepo } from '../store/nodes.ts';

/** What a node gets when it joins: written to its node.json by `vigil node join`. */
export interface JoinReply {
  nodeId: string;
  /** The node's 32-byte key, hex: every message between hub and node is sealed with it. */
  key: string;
  /** The MQTT topic prefix (the node's topics are <prefix>/node/<nodeId>/...). */
  prefix: string;
  mqtt: { url: string; username: string; password: string; pinnedCert?: string };
  /** The hub's configuration of the node's doors. */
  doors: DoorConfig[];
}

export interface NodeAdminDeps {
  config: Config;
  repo: NodeRepo;
  devices: Pick<MqttDeviceRepo, 'issueForNode' | 'deleteForNode'>;
  /** The running built-in broker's port (undefined with an external broker, or from the CLI). */
  brokerPort?: number | undefined;
}

/** Adding, joining and removing door nodes: the same rules for the API and the command line. */
export class NodeAdmin {
  constructor(private readonly d: NodeAdminDeps) {}

  async add(name: string, doors: string[]): Promise<{ id: string; token: string }> {
    const known = new Set(this.d.config.doors.map((door) => door.id));
    const unknown = doors.filter((id) => !known.has(id));
    if (unknown.length) throw new InvalidInput(`no door ${unknown.join(', ')} in the hub's configuration (doors: ${[...known].join(', ') || 'none'})`);
    if (new Set(doors).size !== doors.length || doors.length === 0) throw new InvalidInput('name one or more different doors');
    const owned = await this.d.repo.nodeDoors();
    const taken = doors.filter((id) => owned.has(id));
    if (taken.length) throw new Conflict(`door ${taken.join(', ')} belongs to another node already`);
    return this.d.repo.create(name, doors);
  }

  /** Uses a join token (once); `host` is the hub as the node reached it (for the built-in broker's address). */
  async join(token: string, host: string): Promise<JoinReply | undefined> {
    const joined = await this.d.repo.join(token);
    if (!joined) return undefined;
    const { node, key } = joined;
    const cfg = this.d.config;
    const doors = cfg.doors.filter((door) => node.doors.includes(door.id));
    return { nodeId: node.id, key: key.toString('hex'), prefix: cfg.mqtt.prefix, mqtt: await this.mqttLogin(node.id, host), doors };
  }

  /** Removes the node: its key, and on the built-in broker its login. */
  async remove(id: string): Promise<boolean> {
    const gone = await this.d.repo.delete(id);
    if (gone) await this.d.devices.deleteForNode(id);
    return gone;
  }

  private async mqttLogin(nodeId: string, host: string): Promise<JoinReply['mqtt']> {
    const cfg = this.d.config;
    // On an external broker (Mosquitto) the operator gives the node its login there (docs/mosquitto-nodes.md).
    const url = cfg.nodes.mqttUrl || cfg.mqtt.url;
    if (cfg.mqtt.url) return { url, username: nodeId, password: '' };
    const { password } = await this.d.devices.issueForNode(nodeId);
    const tls = Boolean(cfg.mqtt.tlsCert && cfg.mqtt.tlsKey);
    const builtIn = `${tls ? 'mqtts' : 'mqtt'}://${host.includes(':') ? `[${host}]` : host}:${this.d.brokerPort ?? cfg.mqtt.port}`;
    return { url: url || builtIn, username: nodeId, password, ...(tls ? { pinnedCert: readFileSync(cfg.mqtt.tlsCert, 'utf8') } : {}) };
  }
}
