import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

// The hub <-> door node protocol. Every payload is sealed with AES-256-GCM under the node's own key
// (given once at join), with the topic as additional data: on a shared broker (Mosquitto) nobody
// without the key can read, forge or move a message to another node's topic. Replays are refused
// by the receivers: events carry the node's local seq, snapshots a version, acks and statuses an
// ordering the receiver keeps; replica deltas the versions they go from and to.

export const NODE_ID = /^node-[0-9a-f]{8}$/;
export const NODE_KINDS = ['snapshot', 'delta', 'events', 'ack', 'status'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
const NONCE = 12;
const TAG = 16;

export function nodeTopic(prefix: string, nodeId: string, kind: NodeKind): string {
  return `${prefix}/node/${nodeId}/${kind}`;
}

/** The node and kind a topic is for, if it is a node topic under this prefix. */
export function parseNodeTopic(prefix: string, topic: string): { nodeId: string; kind: NodeKind } | null {
  const head = `${prefix}/node/`;
  if (!topic.startsWith(head)) return null;
  const parts = topic.slice(head.length).split('/');
  if (parts.length !== 2) return null;
  const [nodeId, kind] = parts as [string, string];
  if (!NODE_ID.test(nodeId) || !(NODE_KINDS as readonly string[]).includes(kind)) return null;
  return { nodeId, kind: kind as NodeKind };
}

export function newNodeKey(): Buffer {
  return randomBytes(32);
}

/** nonce | tag | ciphertext; `aad` (the topic) is bound to it. */
export function seal(key: Buffer, aad: string, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, c.getAuthTag(), body]);
}

/** The plaintext, or undefined when the message was not sealed under this key for this `aad`. */
export function unseal(key: Buffer, aad: string, sealed: Buffer): Buffer | undefined {
  if (sealed.length < NONCE + TAG) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([d.update(sealed.subarray(NONCE + TAG)), d.final()]);
  } catch {
    return undefined;
  }
}

const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** An event as the node's log holds it; the hub validates its details against the type's schema when it appends. */
export const NodeEvent = Type.Object({
  seq: Seq,
  event: Type.Object({
    type: Type.String({ maxLength: 64 }),
    time: Seq,
    doorId: Nullable(Type.String({ maxLength: 100 })),
    sensorId: Nullable(Type.String({ maxLength: 100 })),
    personId: Nullable(Type.String({ maxLength: 100 })),
    details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  }),
});
export type NodeEvent = Static<typeof NodeEvent>;

/** Node -> hub: its local events in seq order. */
export const EventsMessage = Type.Object({ events: Type.Array(NodeEvent, { maxItems: 1000 }) });
export type EventsMessage = Static<typeof EventsMessage>;

/** Hub -> node: everything up to `seq` is in the hub's chain. Sent as a heartbeat too; `at` (hub time) orders them. */
export const AckMessage = Type.Object({ seq: Seq, at: Seq });
export type AckMessage = Static<typeof AckMessage>;

/**
 * Node -> hub, retained. `conn` counts the node's connections; `tick` orders statuses within one.
 * The last will is `online: false` with the highest tick, so it outranks that connection's statuses.
 */
export const StatusMessage = Type.Object({
  conn: Seq,
  tick: Seq,
  online: Type.Boolean(),
  snapshotVersion: Seq,
  spoolDepth: Seq,
});
export type StatusMessage = Static<typeof StatusMessage>;
export const WILL_TICK = Number.MAX_SAFE_INTEGER;

export const SnapshotPerson = Type.Object({
  id: Id,
  name: Type.String({ maxLength: 200 }),
  name_key: Type.String({ maxLength: 200 }),
  access: Nullable(Type.String({ maxLength: 100_000 })),
  created_at: Seq,
  updated_at: Seq,
});
export const SnapshotCredential = Type.Object({ id: Id, person_id: Id, kind: Type.String({ maxLength: 20 }), lookup: Type.String({ pattern: '^[0-9a-f]{64}$' }), created_at: Seq });
export const SnapshotTemplate = Type.Object({ id: Id, person_id: Id, embedding: Type.String({ maxLength: 100_000 }), quality: Type.String({ maxLength: 10_000 }), created_at: Seq });

/** What a node's doors decide from: the people allowed at any of them, their credentials and face templates, and the keys to use them. */
export const SnapshotContent = Type.Object({
  people: Type.Array(SnapshotPerson),
  credentials: Type.Array(SnapshotCredential),
  templates: Type.Array(SnapshotTemplate),
  credentialKey: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  templateKey: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
});
export type SnapshotContent = Static<typeof SnapshotContent>;

/** Hub -> node, retained: a whole replica; `sha256` is over the canonical JSON of `content`. */
export const SnapshotMessage = Type.Object({ version: Seq, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), content: SnapshotContent });
export type SnapshotMessage = Static<typeof SnapshotMessage>;

const Ids = Type.Array(Id);

/**
 * What turns a replica into the next: the rows that are gone (first: a revocation never waits
 * behind an addition), then the rows added or changed, and the keys.
 */
export const ReplicaDelta = Type.Object({
  removed: Type.Object({ people: Ids, credentials: Ids, templates: Ids }),
  people: Type.Array(SnapshotPerson),
  credentials: Type.Array(SnapshotCredential),
  templates: Type.Array(SnapshotTemplate),
  credentialKey: SnapshotContent.properties.credentialKey,
  templateKey: SnapshotContent.properties.templateKey,
});
export type ReplicaDelta = Static<typeof ReplicaDelta>;

/**
 * Hub -> node, retained on the delta topic: every row that changed since the whole replica `base`
 * (retained on the snapshot topic), as it is in `version`. So it brings a node holding any version
 * from `base` up to `version`, and a node below `base` needs that whole replica first. `sha256` is
 * the checksum of the whole replica `version`, which the node checks after applying.
 */
export const DeltaMessage = Type.Object({ base: Seq, version: Seq, sha256: SnapshotMessage.properties.sha256, delta: ReplicaDelta });
export type DeltaMessage = Static<typeof DeltaMessage>;

/** The content with rows in id order, so that equal replicas have equal checksums. */
export function canonicalSnapshot(c: SnapshotContent): SnapshotContent {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { people: byId(c.people), credentials: byId(c.credentials), templates: byId(c.templates), credentialKey: c.credentialKey, templateKey: c.templateKey };
}

export function snapshotChecksum(c: SnapshotContent): string {
  return createHash('sha256').update(JSON.stringify(canonicalSnapshot(c))).digest('hex');
}

const checkers = new Map<TSchema, ReturnType<typeof Compile>>();
function checker(schema: TSchema) {
  let c = checkers.get(schema);
  if (!c) {
    c = Compile(schema);
    checkers.set(schema, c);
  }
  return c;
}

/** A message sealed for its topic. */
export function encodeMessage(key: Buffer, topic: string, message: unknown): Buffer {
  return seal(key, topic, Buffer.from(JSON.stringify(message)));
}

/** The message, or undefined when it was not sealed for this topic under this key, or does not fit the schema. */
export function decodeMessage<S extends TSchema>(key: Buffer, topic: string, payload: Buffer, schema: S): Static<S> | undefined {
  const plain = unseal(key, topic, payload);
  if (!plain) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(plain.toString('utf8'));
  } catch {
    return undefined;
  }
  return checker(schema).Check(value) ? (value as Static<S>) : undefined;
}

/** Whether a status outranks the last one kept (same connection: higher tick; a newer connection always). */
export function statusIsNewer(last: Pick<StatusMessage, 'conn' | 'tick'> | undefined, next: Pick<StatusMessage, 'conn' | 'tick'>): boolean {
  if (!last) return true;
  return next.conn > last.conn || (next.conn === last.conn && next.tick > last.tick);
}
