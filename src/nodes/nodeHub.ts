import type { Logger } from 'pino';
import type { Db } from '../store/db.ts';
import type { NodeRepo } from '../store/nodes.ts';
import type { EventLog, OriginEvent } from '../store/eventLog.ts';
import { eventProblem } from '../store/eventLog.ts';
import type { NewEvent } from '../core/events.ts';
import { accessAllowed } from '../core/schedule.ts';
import { parseAccess } from '../store/people.ts';
import {
  AckMessage,
  decodeMessage,
  encodeMessage,
  EventsMessage,
  nodeTopic,
  parseNodeTopic,
  snapshotChecksum,
  StatusMessage,
  type DeltaMessage,
  type NodeEvent,
  type SnapshotContent,
  type SnapshotMessage,
} from './protocol.ts';
import { changedRows, deltaTo, noRowIds, withRows, type RowIds } from './replicaDelta.ts';
import { readReplicaSource, replicaFor } from './snapshot.ts';

/** What the hub needs of its MQTT client. */
export interface NodeHubLink {
  publish(topic: string, payload: Buffer, options?: { retain?: boolean; qos?: 0 | 1 }): void;
  subscribe(topics: string[]): void;
  onMessage(handler: (topic: string, payload: Buffer) => void): () => void;
}

export interface NodeHubDeps {
  db: Db;
  repo: NodeRepo;
  log: Pick<EventLog, 'appendRecorded'>;
  link: NodeHubLink;
  prefix: string;
  keys: { credentialKey: string; templateKey: string };
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How often the hub says it is alive (an ack) to every node: the node's "hub reachable". */
  heartbeatMs?: number;
  now?: () => number;
}

interface Replica {
  content: SnapshotContent;
  sha256: string;
}

/** What this process last published to a node: where its next delta goes from. */
interface Published {
  version: number;
  content: SnapshotContent;
  /** The whole replica retained for the node, which every delta goes from. */
  base: number;
  /** The rows changed since `base`: each delta carries them all, so it serves a node holding any version since. */
  changed: RowIds;
  wholeBytes: number;
}

/** A delta is published alone until it is bigger than this share of the whole replica (and than the minimum). */
const COMPACT_SHARE = 32;
const COMPACT_MIN_BYTES = 16 * 1024;

/** Events of the door types whose person the hub checks again when a node's grant arrives. */
const PASSAGES = new Set(['Entry', 'Exit']);

/**
 * The hub's side of its door nodes: it appends their events to the chain exactly once (origin
 * `node:<id>:<seq>`, their own time kept, the arrival time beside it) and acks the highest
 * contiguous seq; it publishes each node's replica whenever it changes (a delta when it can); it
 * keeps their status.
 */
export class NodeHub {
  private readonly now: () => number;
  /** One node's messages are handled one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>();
  private beat: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private publishing: Promise<void> = Promise.resolve();
  private off: (() => void) | undefined;
  /** Per node; lost with the process, so a restarted hub publishes whole replicas first. */
  private readonly published = new Map<string, Published>();

  constructor(private readonly d: NodeHubDeps) {
    this.now = d.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.off = this.d.link.onMessage((topic, payload) => this.message(topic, payload));
    this.d.link.subscribe([`${this.d.prefix}/node/+/events`, `${this.d.prefix}/node/+/status`]);
    // The built-in broker forgets retained messages when it stops: every replica is published again.
    await this.publishSnapshots(true);
    this.beat = setInterval(() => void this.heartbeat(), this.d.heartbeatMs ?? 5000);
    this.beat.unref();
  }

  async stop(): Promise<void> {
    this.off?.();
    clearInterval(this.beat);
    clearTimeout(this.debounce);
    await this.publishing;
    await Promise.all(this.queues.values());
  }

  /** People, credentials or faces changed: the replicas are rebuilt soon (changes in a burst make one). */
  peopleChanged(delayMs = 300): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.publishing = this.publishing.then(() => this.publishSnapshots(false)).catch((err: unknown) => this.d.logger.error({ err }, 'door node replicas could not be published'));
    }, delayMs);
    this.debounce.unref();
  }

  /** A removed node's retained replica and delta are taken off the broker. */
  forget(nodeId: string): void {
    for (const kind of ['snapshot', 'delta'] as const) this.d.link.publish(nodeTopic(this.d.prefix, nodeId, kind), Buffer.alloc(0), { retain: true });
    this.published.delete(nodeId);
  }

  /**
   * Publishes each joined node's replica when it changed (or, with `always`, in any case): as a
   * delta from the whole replica retained for it when this process published that, else whole.
   * All deltas go out before any whole replica, so a revocation does not wait behind 50 big ones.
   */
  async publishSnapshots(always: boolean): Promise<void> {
    const nodes = await this.d.repo.joined();
    if (nodes.length === 0) return;
    // The tables are read once; nodes whose replicas hold the same people share one, its checksum and its changes.
    const source = await readReplicaSource(this.d.db);
    const made = new Map<string, Replica>();
    const changes = new Map<SnapshotContent, Map<SnapshotContent, RowIds>>();
    const wholes: Array<() => void> = [];
    for (const node of nodes) {
      const content = replicaFor(source, node.doors, this.d.keys);
      const same = content.people.map((p) => p.id).join();
      let replica = made.get(same);
      if (!replica) {
        replica = { content, sha256: snapshotChecksum(content) };
        made.set(same, replica);
      }
      const key = await this.d.repo.key(node.id);
      const next = key && (await this.d.repo.nextSnapshot(node.id, replica.sha256));
      if (!key || !next) continue;
      const whole = () => this.publishWhole(node.id, key, next.version, replica);
      const last = this.published.get(node.id);
      if (next.version === next.previous) {
        if (always) wholes.push(whole);
      } else if (last?.version === next.previous) {
        const bytes = this.publishDelta(node.id, key, last, next.version, replica, changes);
        // A delta grows with every change since its base; past a share of the whole replica, that is retained again.
        if (bytes > Math.max(COMPACT_MIN_BYTES, last.wholeBytes / COMPACT_SHARE)) wholes.push(whole);
      } else {
        // Nothing published by this process since the version before (a restart, another hub): no base to go from.
        wholes.push(whole);
      }
    }
    for (const publish of wholes) publish();
  }

  private publishDelta(nodeId: string, key: Buffer, last: Published, version: number, replica: Replica, changes: Map<SnapshotContent, Map<SnapshotContent, RowIds>>): number {
    let fromLast = changes.get(last.content);
    if (!fromLast) changes.set(last.content, (fromLast = new Map()));
    let step = fromLast.get(replica.content);
    if (!step) fromLast.set(replica.content, (step = changedRows(last.content, replica.content)));
    const changed = withRows(last.changed, step);
    const delta = deltaTo(replica.content, changed);
    const bytes = this.publish(nodeId, key, 'delta', { base: last.base, version, sha256: replica.sha256, delta } satisfies DeltaMessage);
    this.published.set(nodeId, { ...last, version, content: replica.content, changed });
    this.d.logger.info({ node: nodeId, base: last.base, version, removed: delta.removed.people.length, people: delta.people.length, bytes }, 'door node replica delta published');
    return bytes;
  }

  private publishWhole(nodeId: string, key: Buffer, version: number, { content, sha256 }: Replica): void {
    // The deltas from the last whole replica are of no use to anyone after this one.
    this.publish(nodeId, key, 'delta', undefined);
    const bytes = this.publish(nodeId, key, 'snapshot', { version, sha256, content } satisfies SnapshotMessage);
    this.published.set(nodeId, { version, content, base: version, changed: noRowIds(), wholeBytes: bytes });
    this.d.logger.info({ node: nodeId, version, people: content.people.length, bytes }, 'door node replica published');
  }

  /** Retained, so that a node that starts or was away finds it; an empty message clears the topic. */
  private publish(nodeId: string, key: Buffer, kind: 'snapshot' | 'delta', message: SnapshotMessage | DeltaMessage | undefined): number {
    const topic = nodeTopic(this.d.prefix, nodeId, kind);
    const payload = message ? encodeMessage(key, topic, message) : Buffer.alloc(0);
    this.d.link.publish(topic, payload, { retain: true, qos: 1 });
    return payload.length;
  }

  private async heartbeat(): Promise<void> {
    try {
      for (const node of await this.d.repo.joined()) await this.ack(node.id, node.ackedSeq);
    } catch (err) {
      this.d.logger.warn({ err }, 'door node heartbeat failed');
    }
  }

  private async ack(nodeId: string, seq: number): Promise<void> {
    const key = await this.d.repo.key(nodeId);
    if (!key) return;
    const topic = nodeTopic(this.d.prefix, nodeId, 'ack');
    this.d.link.publish(topic, encodeMessage(key, topic, { seq, at: this.now() } satisfies AckMessage), { qos: 1 });
  }

  private message(topic: string, payload: Buffer): void {
    const t = parseNodeTopic(this.d.prefix, topic);
    if (!t || (t.kind !== 'events' && t.kind !== 'status')) return;
    const previous = this.queues.get(t.nodeId) ?? Promise.resolve();
    const next = previous
      .then(() => (t.kind === 'events' ? this.events(t.nodeId, topic, payload) : this.status(t.nodeId, topic, payload)))
      .catch((err: unknown) => this.d.logger.error({ err, node: t.nodeId }, 'a door node message could not be handled'));
    this.queues.set(t.nodeId, next);
    void next.finally(() => {
      if (this.queues.get(t.nodeId) === next) this.queues.delete(t.nodeId);
    });
  }

  private async status(nodeId: string, topic: string, payload: Buffer): Promise<void> {
    const key = await this.d.repo.key(nodeId);
    const status = key && decodeMessage(key, topic, payload, StatusMessage);
    if (!status) return this.refused(nodeId, topic);
    await this.d.repo.recordStatus(nodeId, status);
  }

  /** Appends the node's events that come next after what is acked, in order; a gap waits for the node to send again. */
  private async events(nodeId: string, topic: string, payload: Buffer): Promise<void> {
    const key = await this.d.repo.key(nodeId);
    const msg = key && decodeMessage(key, topic, payload, EventsMessage);
    const node = msg && (await this.d.repo.get(nodeId));
    if (!msg || !node) return this.refused(nodeId, topic);
    let acked = node.ackedSeq;
    const items: OriginEvent[] = [];
    const arrivedAt = this.now();
    for (const e of [...msg.events].sort((a, b) => a.seq - b.seq)) {
      if (e.seq <= acked) continue;
      if (e.seq !== acked + 1) break;
      acked = e.seq;
      const event = await this.toEvent(nodeId, node.doors, e);
      if (event) items.push({ origin: `node:${nodeId}:${e.seq}`, event, arrivedAt });
    }
    if (items.length) await this.d.log.appendRecorded(items, true);
    if (acked !== node.ackedSeq) await this.d.repo.setAcked(nodeId, acked);
    else await this.d.repo.seen(nodeId);
    await this.ack(nodeId, acked);
  }

  /**
   * The event as the hub chains it, or undefined (reported) when it can never be: a type or details
   * the log refuses, or a door that is not the node's. Skipping it keeps the node's later events flowing.
   */
  private async toEvent(nodeId: string, doors: string[], e: NodeEvent): Promise<NewEvent | undefined> {
    const event = { ...e.event, details: { ...e.event.details } } as NewEvent;
    const problem = eventProblem(event) ?? (event.doorId && !doors.includes(event.doorId) ? `door ${event.doorId} is not this node's` : null);
    if (problem) {
      this.d.logger.error({ node: nodeId, seq: e.seq, type: e.event.type, problem }, 'a door node event was refused');
      return undefined;
    }
    if (PASSAGES.has(event.type) && event.personId && event.doorId) {
      const why = await this.notAllowed(event.personId, event.doorId, event.time ?? this.now());
      if (why) (event.details as { flagged?: string }).flagged = why;
    }
    return event;
  }

  /** Why the hub would not have let this person through this door at that time, or null. */
  private async notAllowed(personId: string, doorId: string, at: number): Promise<string | null> {
    const person = await this.d.db.selectFrom('people').select('access').where('id', '=', personId).executeTakeFirst();
    if (!person) return 'the person no longer exists on the hub';
    return accessAllowed(parseAccess(person.access), doorId, new Date(at)) ? null : 'the hub does not allow this person at this door at that time';
  }

  private refused(nodeId: string, topic: string): void {
    this.d.logger.warn({ node: nodeId, topic }, 'a door node message that is not sealed with its key (or is malformed) was ignored');
  }
}
