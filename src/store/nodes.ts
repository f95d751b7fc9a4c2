import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { NodeRow } from './schema.ts';
import { newNodeKey, seal, unseal, type StatusMessage, statusIsNewer } from '../nodes/protocol.ts';

/** The hub's key the nodes' keys are sealed under (a file in the data directory). */
export const NODE_KEY_FILE = 'node.key';
/** A join token is good for a day. */
export const JOIN_TOKEN_MS = 24 * 3600_000;
export const JOIN_TOKEN = /^vn_[A-Za-z0-9_-]{32}$/;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NodeInfo {
  id: string;
  name: string;
  doors: string[];
  createdAt: number;
  joinedAt: number | null;
  /** A join token that is still good (not used, not expired). */
  joinPending: boolean;
  online: boolean;
  lastSeen: number | null;
  /** Published to the node / applied by it. */
  snapshotVersion: number;
  snapshotApplied: number;
  spoolDepth: number;
  ackedSeq: number;
}

function toInfo(r: NodeRow, now: number): NodeInfo {
  return {
    id: r.id,
    name: r.name,
    doors: JSON.parse(r.doors) as string[],
    createdAt: r.created_at,
    joinedAt: r.joined_at,
    joinPending: r.token_hash !== null && (r.token_expires_at ?? 0) > now,
    online: r.online === 1,
    lastSeen: r.last_seen,
    snapshotVersion: r.snapshot_version,
    snapshotApplied: r.snapshot_applied,
    spoolDepth: r.spool_depth,
    ackedSeq: r.acked_seq,
  };
}

/** Door nodes: enrolment (one-time join token), their keys (sealed), and what the hub knows of their health. */
export class NodeRepo {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly db: Db,
    /** The hub's node.key (32 bytes). */
    private readonly hubKey: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new node for these doors and its join token (shown once). */
  async create(name: string, doors: string[]): Promise<{ id: string; token: string }> {
    const id = `node-${randomBytes(4).toString('hex')}`;
    const token = `vn_${randomBytes(24).toString('base64url')}`;
    const now = this.now();
    await this.db
      .insertInto('nodes')
      .values({
        id,
        name,
        doors: JSON.stringify(doors),
        sealed_key: seal(this.hubKey, `node-key:${id}`, newNodeKey()).toString('base64'),
        token_hash: hash(token),
        token_expires_at: now + JOIN_TOKEN_MS,
        created_at: now,
        joined_at: null,
        last_seen: null,
        online: 0,
        status_conn: -1,
        status_tick: 0,
        snapshot_version: 0,
        snapshot_sum: null,
        snapshot_applied: 0,
        spool_depth: 0,
        acked_seq: 0,
      })
      .execute();
    return { id, token };
  }

  /**
   * Uses a join token: only one caller ever gets the node (the update that clears the token is the
   * decision), and only before it expires. Returns the node and its key.
   */
  async join(token: string): Promise<{ node: NodeInfo; key: Buffer } | undefined> {
    if (!JOIN_TOKEN.test(token)) return undefined;
    const now = this.now();
    const res = await this.db
      .updateTable('nodes')
      .set({ token_hash: null, token_expires_at: null, joined_at: now })
      .where('token_hash', '=', hash(token))
      .where('token_expires_at', '>', now)
      .returning(['id'])
      .executeTakeFirst();
    if (!res) return undefined;
    const node = await this.get(res.id);
    const key = node && (await this.key(res.id));
    return node && key ? { node, key } : undefined;
  }

  async list(): Promise<NodeInfo[]> {
    const now = this.now();
    return (await this.db.selectFrom('nodes').selectAll().orderBy('name').execute()).map((r) => toInfo(r, now));
  }

  async get(id: string): Promise<NodeInfo | undefined> {
    const r = await this.db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toInfo(r, this.now());
  }

  /** The node's key; undefined for a node that does not exist (or was removed). */
  async key(id: string): Promise<Buffer | undefined> {
    const cached = this.keys.get(id);
    if (cached) return cached;
    const r = await this.db.selectFrom('nodes').select('sealed_key').where('id', '=', id).executeTakeFirst();
    const key = r && unseal(this.hubKey, `node-key:${id}`, Buffer.from(r.sealed_key, 'base64'));
    if (key) this.keys.set(id, key);
    return key;
  }

  async delete(id: string): Promise<boolean> {
    this.keys.delete(id);
    const res = await this.db.deleteFrom('nodes').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Keeps a status that outranks the last one (a replayed or stale one changes nothing); returns whether it did. */
  async recordStatus(id: string, s: StatusMessage): Promise<boolean> {
    const r = await this.db.selectFrom('nodes').select(['status_conn', 'status_tick']).where('id', '=', id).executeTakeFirst();
    if (!r || !statusIsNewer({ conn: r.status_conn, tick: r.status_tick }, s)) return false;
    await this.db
      .updateTable('nodes')
      .set({ status_conn: s.conn, status_tick: s.tick, online: s.online ? 1 : 0, snapshot_applied: s.snapshotVersion, spool_depth: s.spoolDepth, last_seen: this.now() })
      .where('id', '=', id)
      .execute();
    return true;
  }

  async seen(id: string): Promise<void> {
    await this.db.updateTable('nodes').set({ last_seen: this.now() }).where('id', '=', id).execute();
  }

  async setAcked(id: string, seq: number): Promise<void> {
    await this.db.updateTable('nodes').set({ acked_seq: seq, last_seen: this.now() }).where('id', '=', id).execute();
  }

  /**
   * The version of the node's replica with this checksum: the one published last when it has that
   * checksum, else the next (recorded). `previous` is the version published before it, or the same
   * when nothing changed. Undefined for a node that does not exist.
   */
  async nextSnapshot(id: string, sum: string): Promise<{ version: number; previous: number } | undefined> {
    const r = await this.db.selectFrom('nodes').select(['snapshot_version', 'snapshot_sum']).where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const previous = r.snapshot_version;
    if (r.snapshot_sum === sum) return { version: previous, previous };
    await this.db.updateTable('nodes').set({ snapshot_version: previous + 1, snapshot_sum: sum }).where('id', '=', id).execute();
    return { version: previous + 1, previous };
  }

  /** Joined nodes with their doors (the ones the hub serves over MQTT). */
  async joined(): Promise<Array<{ id: string; doors: string[]; ackedSeq: number }>> {
    const rows = await this.db.selectFrom('nodes').select(['id', 'doors', 'acked_seq']).where('joined_at', 'is not', null).execute();
    return rows.map((r) => ({ id: r.id, doors: JSON.parse(r.doors) as string[], ackedSeq: r.acked_seq }));
  }

  /** Every door some node owns (the hub does not run those itself). */
  async nodeDoors(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('nodes').select('doors').execute();
    return new Set(rows.flatMap((r) => JSON.parse(r.doors) as string[]));
  }
}
