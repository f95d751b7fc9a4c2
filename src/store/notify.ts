import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.ts';
import type { OutboxRow } from './schema.ts';
import type { ChannelRules } from '../core/notifyRules.ts';


export interface Channel {
  id: string;
  /** One of notify/channelTypes.ts's CHANNEL_TYPES (the API refuses others). */
  type: string;
  name: string;
  settings: Record<string, unknown>;
  rules: ChannelRules;
  enabled: boolean;
  createdAt: number;
}

export interface PushSubscription {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface OutboxItem {
  id: number;
  channelId: string;
  target: string;
  seqs: number[];
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  nextAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

const CURSOR = 'notify.cursor';

const toItem = (r: Omit<OutboxRow, 'id'> & { id: number | string }): OutboxItem => ({
  id: Number(r.id),
  channelId: r.channel_id,
  target: r.target,
  seqs: JSON.parse(r.event_seqs) as number[],
  status: r.status as OutboxItem['status'],
  attempts: r.attempts,
  nextAt: Number(r.next_at),
  lastError: r.last_error,
  createdAt: Number(r.created_at),
  sentAt: r.sent_at === null ? null : Number(r.sent_at),
});

/** Notification channels, browsers' push subscriptions, and the outbox of messages to send. */
export class NotifyRepo {
  constructor(private readonly db: Db) {}

  async channels(): Promise<Channel[]> {
    const rows = await this.db.selectFrom('notify_channels').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      settings: JSON.parse(r.settings) as Record<string, unknown>,
      rules: JSON.parse(r.rules) as ChannelRules,
      enabled: r.enabled === 1,
      createdAt: Number(r.created_at),
    }));
  }

  async saveChannel(c: Omit<Channel, 'id' | 'createdAt'> & { id?: string }): Promise<string> {
    const values = { type: c.type, name: c.name, settings: JSON.stringify(c.settings), rules: JSON.stringify(c.rules), enabled: c.enabled ? 1 : 0 };
    if (c.id) {
      await this.db.updateTable('notify_channels').set(values).where('id', '=', c.id).execute();
      return c.id;
    }
    const id = randomUUID();
    await this.db.insertInto('notify_channels').values({ id, ...values, created_at: Date.now() }).execute();
    return id;
  }

  async deleteChannel(id: string): Promise<boolean> {
    const res = await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('outbox').where('channel_id', '=', id).where('status', '=', 'pending').execute();
      return trx.deleteFrom('notify_channels').where('id', '=', id).executeTakeFirst();
    });
    return Number(res.numDeletedRows) > 0;
  }

  async subscribe(userId: string, s: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
    await this.db
      .insertInto('push_subscriptions')
      .values({ id: randomUUID(), user_id: userId, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth, created_at: Date.now() })
      .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: userId, p256dh: s.p256dh, auth: s.auth }))
      .execute();
  }

  async unsubscribe(endpoint: string, userId?: string): Promise<boolean> {
    let q = this.db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
    if (userId) q = q.where('user_id', '=', userId);
    return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
  }

  async dropSubscription(id: string): Promise<void> {
    await this.db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  }

  async subscription(id: string): Promise<PushSubscription | undefined> {
    const r = await this.db.selectFrom('push_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, userId: r.user_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth };
  }

  async subscriptionsOf(userId: string): Promise<PushSubscription[]> {
    const rows = await this.db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth }));
  }

  async cursor(): Promise<number> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', CURSOR).executeTakeFirst();
    return row ? Number(JSON.parse(row.value)) : -1;
  }

  /** Only ever forward: a late writer must not move it back over events already routed. */
  async setCursor(seq: number): Promise<void> {
    if (seq <= (await this.cursor())) return;
    const value = JSON.stringify(seq);
    await this.db
      .insertInto('settings')
      .values({ key: CURSOR, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /**
   * Runs the router's reads and writes of the outbox, and the cursor it moves, in one transaction:
   * after a crash, routing resumes exactly where it stopped.
   */
  inTransaction<T>(fn: (tx: OutboxTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new OutboxTx(trx)));
  }

  async due(now: number, limit = 50): Promise<OutboxItem[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('status', '=', 'pending').where('next_at', '<=', now).orderBy('next_at').limit(limit).execute();
    return rows.map(toItem);
  }

  async nextDueAt(): Promise<number | null> {
    const r = await this.db.selectFrom('outbox').select((eb) => eb.fn.min('next_at').as('at')).where('status', '=', 'pending').executeTakeFirst();
    return r?.at == null ? null : Number(r.at);
  }

  async markSent(id: number, at: number): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute();
  }

  async markFailed(id: number, attempts: number, nextAt: number, error: string, dead: boolean): Promise<void> {
    await this.db.updateTable('outbox').set({ status: dead ? 'dead' : 'pending', attempts, next_at: nextAt, last_error: error.slice(0, 500) }).where('id', '=', id).execute();
  }

  /** The latest deliveries, for the panel. */
  async recent(limit = 100): Promise<OutboxItem[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toItem);
  }
}

/** The outbox as the notification router reads and writes it, inside one transaction. */
export class OutboxTx {
  constructor(private readonly trx: Db) {}

  /** Messages made for the channel since this time (its rate limit). */
  async madeSince(channelId: string, since: number): Promise<number> {
    const row = await this.trx
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll<number>().as('n')])
      .where('channel_id', '=', channelId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** When the channel last got a message with this dedupe key, or null. */
  async lastWithKey(channelId: string, key: string): Promise<number | null> {
    const row = await this.trx.selectFrom('outbox').select((eb) => eb.fn.max('created_at').as('at')).where('channel_id', '=', channelId).where('dedupe_key', '=', key).executeTakeFirst();
    return row?.at == null ? null : Number(row.at);
  }

  /** The push subscriptions a web push channel reaches: its users' browsers, or everyone's. */
  async pushTargets(ch: Channel): Promise<string[]> {
    const users = (ch.settings.users as string[] | undefined) ?? [];
    let q = this.trx.selectFrom('push_subscriptions').select('id');
    if (users.length) q = q.where('user_id', 'in', users);
    return (await q.execute()).map((r) => r.id);
  }

  /** A group still collecting events for this channel and target: a pending first try due later than now. */
  async openGroup(channelId: string, target: string, now: number): Promise<{ id: number; seqs: number[] } | undefined> {
    const open = await this.trx
      .selectFrom('outbox')
      .select(['id', 'event_seqs'])
      .where('channel_id', '=', channelId)
      .where('target', '=', target)
      .where('status', '=', 'pending')
      .where('attempts', '=', 0)
      .where(sql<boolean>`next_at > ${now}`)
      .executeTakeFirst();
    return open && { id: Number(open.id), seqs: JSON.parse(open.event_seqs) as number[] };
  }

  async setGroup(id: number, seqs: number[]): Promise<void> {
    await this.trx.updateTable('outbox').set({ event_seqs: JSON.stringify(seqs) }).where('id', '=', id).execute();
  }

  async add(m: { channelId: string; target: string; seq: number; nextAt: number; dedupeKey: string; now: number }): Promise<void> {
    await this.trx
      .insertInto('outbox')
      .values({
        channel_id: m.channelId,
        target: m.target,
        event_seqs: JSON.stringify([m.seq]),
        status: 'pending',
        attempts: 0,
        next_at: m.nextAt,
        last_error: null,
        dedupe_key: m.dedupeKey,
        created_at: m.now,
        sent_at: null,
      })
      .execute();
  }

  async setCursor(seq: number): Promise<void> {
    const value = JSON.stringify(seq);
    await this.trx
      .insertInto('settings')
      .values({ key: CURSOR, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
