import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './db.ts';
import type { EventRow } from './schema.ts';
import { detailsProblem } from '../core/eventDetails.ts';
import { isEventType, type EventDetails, type EventType, type LoggedEvent, type NewEvent } from '../core/events.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** The PostgreSQL channel a commit of appends notifies, so other processes' log feeds read them. */
export const LOG_CHANNEL = 'vigil_log';
const MAX_BATCH = 500;

export interface EventFilter {
  types?: EventType[];
  sensorId?: string;
  personId?: string;
  doorId?: string;
  /** Inclusive lower bound, ms since the epoch. */
  from?: number;
  /** Exclusive upper bound, ms since the epoch. */
  to?: number;
  /** Continue after this position (the nextCursor of the previous page). */
  before?: Cursor;
  limit?: number;
}

/** A position in the newest-first order: time, then sequence number for events in the same ms. */
export interface Cursor {
  ts: number;
  seq: number;
}

export function encodeCursor(c: Cursor): string {
  return `${c.ts}.${c.seq}`;
}

export function decodeCursor(text: string): Cursor | undefined {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return m ? { ts: Number(m[1]), seq: Number(m[2]) } : undefined;
}

export interface EventPage {
  events: LoggedEvent[];
  nextCursor: string | null;
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; seq: number; reason: string };

function chainHash(key: Buffer, prevHash: string, row: Omit<EventRow, 'hash' | 'prev_hash' | 'origin' | 'arrived_at'>): string {
  const fields = [prevHash, row.seq, row.ts, row.type, row.door_id ?? '', row.sensor_id ?? '', row.person_id ?? '', row.details];
  return createHmac('sha256', key).update(fields.join('\u001f')).digest('hex');
}

/** Why the log refuses this event (unknown type, details that do not fit it), or null. */
export function eventProblem(event: NewEvent): string | null {
  if (!isEventType(event.type)) return `unknown event type ${String(event.type)}`;
  return detailsProblem(event.type, event.details);
}

/** A stored row as an event: the store wrote it through the typed append, so its details are trusted. */
function toEvent(row: EventRow): LoggedEvent {
  return {
    seq: row.seq,
    time: row.ts,
    type: row.type as EventType,
    doorId: row.door_id,
    sensorId: row.sensor_id,
    personId: row.person_id,
    details: JSON.parse(row.details) as EventDetails,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as LoggedEvent;
}

/** An event with the id its recorder gave it (see appendRecorded). */
export interface OriginEvent {
  origin: string;
  event: NewEvent;
  /** When it reached this process, for events that happened elsewhere (a door node); kept beside the chain. */
  arrivedAt?: number;
}

interface Item {
  event: NewEvent;
  origin?: string;
  arrivedAt?: number;
}

interface Pending {
  event: NewEvent;
  resolve: (e: LoggedEvent) => void;
  reject: (err: unknown) => void;
}

/**
 * The append-only, hash-chained event log. Appends are group-committed: callers that arrive while a
 * transaction is writing share the next one, so one fsync acknowledges many events, and a promise
 * resolves only once its event is durably on disk.
 */
export class EventLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly key: Buffer,
    private readonly onAppended: (e: LoggedEvent) => void = () => {},
  ) {}

  /** Rejects an event whose details do not fit its type's schema: a bug in the producer, caught before it is chained. */
  append(event: NewEvent): Promise<LoggedEvent> {
    const problem = eventProblem(event);
    if (problem) return Promise.reject(new Error(problem));
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /**
   * Appends these in one transaction, in their order. With `mayBeLogged` (a replay, a retry after a
   * failure whose commit is uncertain), any whose origin the log already holds is left out, so each is
   * chained exactly once; a first try skips that read (the unique origin still refuses a repeat).
   * Resolves with the events written.
   */
  async appendRecorded(items: OriginEvent[], mayBeLogged = true): Promise<LoggedEvent[]> {
    for (const { event } of items) {
      const problem = eventProblem(event);
      if (problem) throw new Error(problem);
    }
    const logged = await this.writeBatch(items, mayBeLogged);
    for (const e of logged) this.onAppended(e);
    return logged;
  }

  /** Resolves once everything appended so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let every append made in the current tick join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const logged = await this.writeBatch(batch.map((p) => ({ event: p.event })));
        batch.forEach((p, i) => p.resolve(logged[i] as LoggedEvent));
        for (const e of logged) this.onAppended(e);
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = null;
  }

  /**
   * Another process may append too (the CLI's audit entries): on SQLite its commit between this
   * transaction's read of the head and its write makes the write fail with SQLITE_BUSY(_SNAPSHOT);
   * the batch is then written again on top of the new head, never over it.
   */
  private async writeBatch(events: Item[], dedupe = false): Promise<LoggedEvent[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeBatchOnce(events, dedupe);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, Math.min(5 * attempt, 100)));
      }
    }
  }

  private async writeBatchOnce(items: Item[], dedupe: boolean): Promise<LoggedEvent[]> {
    return this.store.db.transaction().execute(async (trx) => {
      // Serialises writers sharing one PostgreSQL database; SQLite transactions are already exclusive.
      if (this.store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7317)`.execute(trx);
      const origins = dedupe ? items.flatMap((i) => (i.origin ? [i.origin] : [])) : [];
      const seen = new Set(origins.length ? (await trx.selectFrom('events').select('origin').where('origin', 'in', origins).execute()).map((r) => r.origin) : []);
      const events = items.filter((i) => !i.origin || (!seen.has(i.origin) && Boolean(seen.add(i.origin))));
      if (events.length === 0) return [];
      const head = await trx.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const now = Date.now();
      const rows: EventRow[] = events.map(({ event: e, origin, arrivedAt }) => {
        seq += 1;
        const base = {
          seq,
          ts: e.time ?? now,
          type: e.type,
          door_id: e.doorId ?? null,
          sensor_id: e.sensorId ?? null,
          person_id: e.personId ?? null,
          details: JSON.stringify(e.details ?? {}),
        };
        const hash = chainHash(this.key, prev, base);
        const row = { ...base, prev_hash: prev, hash, origin: origin ?? null, arrived_at: arrivedAt ?? null };
        prev = hash;
        return row;
      });
      await trx.insertInto('events').values(rows).execute();
      // Delivered to listeners when the transaction commits, never before.
      if (this.store.dialect === 'postgres') await sql`SELECT pg_notify(${LOG_CHANNEL}, ${String(seq)})`.execute(trx);
      return rows.map(toEvent);
    });
  }

  async query(filter: EventFilter): Promise<EventPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 1000);
    let q = this.store.db.selectFrom('events').selectAll();
    if (filter.types?.length) q = q.where('type', 'in', filter.types);
    if (filter.sensorId) q = q.where('sensor_id', '=', filter.sensorId);
    if (filter.personId) q = q.where('person_id', '=', filter.personId);
    if (filter.doorId) q = q.where('door_id', '=', filter.doorId);
    if (filter.from !== undefined) q = q.where('ts', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('ts', '<', filter.to);
    if (filter.before) q = q.where(sql<boolean>`(ts, seq) < (${filter.before.ts}, ${filter.before.seq})`);
    const rows = await q.orderBy('ts', 'desc').orderBy('seq', 'desc').limit(limit + 1).execute();
    const events = rows.slice(0, limit).map(toEvent);
    const last = events.at(-1);
    return { events, nextCursor: rows.length > limit && last ? encodeCursor({ ts: last.time, seq: last.seq }) : null };
  }

  /** Every matching event, newest first, a page at a time (for exports). */
  async *iterate(filter: EventFilter): AsyncGenerator<LoggedEvent> {
    let before = filter.before;
    for (;;) {
      const page = await this.query({ ...filter, before, limit: 1000 });
      yield* page.events;
      if (page.nextCursor === null) return;
      before = decodeCursor(page.nextCursor);
    }
  }

  /** These events, oldest first (for messages that tell of several). */
  async bySeqs(seqs: number[]): Promise<LoggedEvent[]> {
    if (!seqs.length) return [];
    const rows = await this.store.db.selectFrom('events').selectAll().where('seq', 'in', seqs).orderBy('seq', 'asc').execute();
    return rows.map(toEvent);
  }

  /** Events after a sequence number, oldest first (for stream resume). */
  async after(seq: number, limit = 1000): Promise<LoggedEvent[]> {
    const rows = await this.store.db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq', 'asc').limit(limit).execute();
    return rows.map(toEvent);
  }

  async headSeq(): Promise<number> {
    const head = await this.store.db.selectFrom('events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return head?.seq ?? 0;
  }

  /** Walks the whole chain: any edited, inserted or removed event breaks it. */
  async verify(): Promise<VerifyResult> {
    let prev = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const rows = await this.store.db
        .selectFrom('events')
        .selectAll()
        .where('seq', '>=', expected)
        .orderBy('seq', 'asc')
        .limit(5000)
        .execute();
      for (const row of rows) {
        const count = expected - 1;
        if (row.seq !== expected) return { ok: false, count, seq: expected, reason: `event ${expected} is missing` };
        if (row.prev_hash !== prev) return { ok: false, count, seq: row.seq, reason: 'link to the previous event is broken' };
        if (!isEventType(row.type)) return { ok: false, count, seq: row.seq, reason: `unknown event type ${row.type}` };
        if (chainHash(this.key, prev, row) !== row.hash) return { ok: false, count, seq: row.seq, reason: 'event content does not match its hash' };
        prev = row.hash;
        expected += 1;
      }
      if (rows.length < 5000) return { ok: true, count: expected - 1, head: prev };
    }
  }
}
