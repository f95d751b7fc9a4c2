import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { mqttClientOptions } from '../app.ts';
import { redactUrl } from '../core/redact.ts';
import type { LoggedEvent } from '../core/events.ts';
import type { SettingsRepo } from '../store/settings.ts';
import type { EventLog } from '../store/eventLog.ts';
import { AckMessage, decodeMessage, DeltaMessage, encodeMessage, nodeTopic, SnapshotMessage, WILL_TICK, type NodeEvent, type NodeKind, type StatusMessage } from './protocol.ts';
import { ReplicaSync, type ReplicaState, type ReplicaSyncDeps } from './replicaSync.ts';

/** How a node reaches its hub: written by `vigil node join` into node.json. */
export interface NodeLinkConfig {
  nodeId: string;
  /** hex, 32 bytes */
  key: string;
  prefix: string;
  mqtt: { url: string; username: string; password: string; pinnedCert?: string | undefined };
}

export interface HubLinkDeps {
  node: NodeLinkConfig;
  /** The node's own log: its events and their seq. */
  log: Pick<EventLog, 'after' | 'headSeq'>;
  settings: Pick<SettingsRepo, 'get' | 'set'>;
  /** How the store takes a whole replica or a delta (each in one transaction). */
  apply: Pick<ReplicaSyncDeps, 'applyWhole' | 'applyDelta'>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Without a message from the hub for this long, the hub counts as unreachable. */
  hubTimeoutMs?: number;
  /** An unacked batch is sent again after this long. */
  resendMs?: number;
  batch?: number;
  now?: () => number;
}

const ACKED_KEY = 'node.acked';
const SNAPSHOT_KEY = 'node.snapshot';

/**
 * The node's link to its hub over MQTT, with the node's own login: it applies the replicas and
 * deltas the hub publishes (see ReplicaSync), sends the node's local events (its hash-chained log
 * is the durable outbox) until the hub acks them, and says how it is (retained status; the last
 * will says offline).
 */
export class HubLink {
  private client: MqttClient | undefined;
  private readonly key: Buffer;
  private readonly now: () => number;
  private acked = 0;
  private replica: ReplicaSync | undefined;
  /** The hub's time in its newest ack: an older one is a replay. */
  private hubAt = 0;
  private lastHubMessage = 0;
  private conn = 0;
  private tick = 0;
  private inFlight: { upTo: number; at: number } | undefined;
  private sending = false;
  private timer: NodeJS.Timeout | undefined;
  private applying: Promise<void> = Promise.resolve();
  private readonly appliedWaiters: Array<() => void> = [];
  private lastStatus = '';

  constructor(private readonly d: HubLinkDeps) {
    this.key = Buffer.from(d.node.key, 'hex');
    this.now = d.now ?? Date.now;
  }

  private topic(kind: NodeKind): string {
    return nodeTopic(this.d.node.prefix, this.d.node.nodeId, kind);
  }

  async start(): Promise<void> {
    this.acked = Number((await this.d.settings.get(ACKED_KEY)) ?? 0);
    const held = ((await this.d.settings.get(SNAPSHOT_KEY)) as ReplicaState | undefined) ?? { version: 0, sha256: '' };
    this.replica = new ReplicaSync({
      state: held,
      ...this.d.apply,
      held: async (state) => {
        await this.d.settings.set(SNAPSHOT_KEY, state);
        for (const resolve of this.appliedWaiters.splice(0)) resolve();
        this.publishStatus(true);
      },
      refetchWhole: () => this.refetchWhole(),
      logger: this.d.logger,
    });
    const m = this.d.node.mqtt;
    this.conn = this.now();
    this.client = mqtt.connect(m.url, {
      ...mqttClientOptions(m),
      clientId: this.d.node.nodeId,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      will: this.will(),
    });
    const client = this.client;
    // Each connection has its own number; the will sent with it outranks that connection's statuses only.
    client.on('reconnect', () => {
      this.conn = Math.max(this.now(), this.conn + 1);
      this.tick = 0;
      client.options.will = this.will();
    });
    client.on('connect', () => {
      this.d.logger.info({ url: redactUrl(m.url) }, 'connected to the hub broker');
      // The whole replica and the delta since it are both retained: a node that was away gets both.
      client.subscribe([this.topic('snapshot'), this.topic('delta'), this.topic('ack')], { qos: 1 }, (err, granted) => {
        const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
        if (err || refused.length) this.d.logger.error({ err: err?.message, refused }, 'the hub broker refused a subscription: replicas may not reach this node (a Mosquitto ACL without the delta topic?)');
      });
      this.inFlight = undefined;
      this.publishStatus(true);
      this.pump();
    });
    client.on('message', (topic, payload) => this.message(topic, payload));
    client.on('error', (err) => this.d.logger.warn({ err: err.message }, 'hub link error'));
    client.on('offline', () => this.d.logger.warn({ url: redactUrl(m.url) }, 'hub broker unreachable, retrying'));
    this.timer = setInterval(() => this.pump(), this.d.resendMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const client = this.client;
    if (!client) return;
    if (client.connected) await client.publishAsync(this.topic('status'), this.sealedStatus(false, WILL_TICK), { qos: 1, retain: true }).catch(() => {});
    await client.endAsync();
    await this.applying;
  }

  /** Whether the hub answered lately (an ack or heartbeat): what the doors' offline policy goes by. */
  get hubReachable(): boolean {
    return Boolean(this.client?.connected) && this.now() - this.lastHubMessage < (this.d.hubTimeoutMs ?? 15_000);
  }

  get snapshotVersion(): number {
    return this.replica?.version ?? 0;
  }

  /** Resolves once a replica has been applied (at once if one was, in an earlier run too). */
  whenReplica(): Promise<void> {
    if (this.snapshotVersion > 0) return Promise.resolve();
    return new Promise((resolve) => this.appliedWaiters.push(resolve));
  }

  /** New local events: send them if nothing is waiting for an ack. */
  eventsRecorded(): void {
    this.pump();
  }

  async spoolDepth(): Promise<number> {
    return Math.max(0, (await this.d.log.headSeq()) - this.acked);
  }

  private will() {
    return { topic: this.topic('status'), payload: this.sealedStatus(false, WILL_TICK), qos: 1 as const, retain: true };
  }

  private sealedStatus(online: boolean, tick: number, spoolDepth = 0): Buffer {
    const status: StatusMessage = { conn: this.conn, tick, online, snapshotVersion: this.snapshotVersion, spoolDepth };
    return encodeMessage(this.key, this.topic('status'), status);
  }

  private publishStatus(force = false): void {
    void this.spoolDepth().then(
      (depth) => {
        const state = `${this.snapshotVersion}:${depth}`;
        if (!force && state === this.lastStatus) return;
        this.lastStatus = state;
        this.tick += 1;
        this.client?.publish(this.topic('status'), this.sealedStatus(true, this.tick, depth), { qos: 1, retain: true });
      },
      (err: unknown) => this.d.logger.warn({ err }, 'node status could not be read'),
    );
  }

  private message(topic: string, payload: Buffer): void {
    const replica = this.replica;
    if (replica && (topic === this.topic('snapshot') || topic === this.topic('delta'))) {
      // An empty retained message only clears the topic.
      if (payload.length === 0) return;
      const whole = topic === this.topic('snapshot');
      const msg = whole ? decodeMessage(this.key, topic, payload, SnapshotMessage) : decodeMessage(this.key, topic, payload, DeltaMessage);
      if (!msg) return this.d.logger.warn({ topic }, 'a replica not sealed for this node (or malformed) was ignored');
      const apply = () => ('content' in msg ? replica.whole(msg) : replica.delta(msg));
      this.applying = this.applying.then(apply).catch((err: unknown) => this.d.logger.error({ err }, 'the replica could not be applied'));
      return;
    }
    if (topic === this.topic('ack')) {
      const ack = decodeMessage(this.key, topic, payload, AckMessage);
      if (!ack || ack.at <= this.hubAt) return this.d.logger.warn({ topic }, 'an ack not sealed for this node, malformed or replayed was ignored');
      this.hubAt = ack.at;
      this.lastHubMessage = this.now();
      void this.acknowledged(ack.seq);
    }
  }

  /** Subscribing again brings the retained whole replica again. */
  private refetchWhole(): void {
    const client = this.client;
    const topic = this.topic('snapshot');
    client?.unsubscribe(topic, () => client.subscribe(topic, { qos: 1 }));
  }

  private async acknowledged(seq: number): Promise<void> {
    if (seq > this.acked) {
      this.acked = seq;
      await this.d.settings.set(ACKED_KEY, seq);
    }
    if (this.inFlight && seq >= this.inFlight.upTo) this.inFlight = undefined;
    this.publishStatus();
    this.pump();
  }

  /** Sends the next batch after the acked seq, unless one is in flight and not yet overdue. */
  private pump(): void {
    const client = this.client;
    if (!client?.connected || this.sending) return;
    if (this.inFlight && this.now() - this.inFlight.at < (this.d.resendMs ?? 2000)) return;
    this.sending = true;
    this.d.log
      .after(this.acked, this.d.batch ?? 200)
      .then((events) => {
        if (!events.length) {
          this.inFlight = undefined;
          return;
        }
        const message = { events: events.map(toNodeEvent) };
        client.publish(this.topic('events'), encodeMessage(this.key, this.topic('events'), message), { qos: 1 });
        this.inFlight = { upTo: events.at(-1)?.seq ?? this.acked, at: this.now() };
      })
      .catch((err: unknown) => this.d.logger.error({ err }, 'local events could not be read for the hub'))
      .finally(() => {
        this.sending = false;
      });
  }
}

function toNodeEvent(e: LoggedEvent): NodeEvent {
  return { seq: e.seq, event: { type: e.type, time: e.time, doorId: e.doorId, sensorId: e.sensorId, personId: e.personId, details: e.details } };
}
