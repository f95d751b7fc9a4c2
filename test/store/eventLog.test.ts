import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/db.ts';
import { EventLog, decodeCursor } from '../../src/store/eventLog.ts';
import { migrations } from '../../src/store/migrations.ts';
import type { EventType, NewEvent } from '../../src/core/events.ts';
import { storeBackends, type OpenedStore } from '../helpers.ts';
import { anEvent } from '../fixtures/events.ts';

for (const backend of storeBackends()) {
  describe(`event log on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let args: OpenedStore['args'];
    let cleanup: () => Promise<void>;
    const key = randomBytes(32);
    let log: EventLog;

    before(async () => {
      ({ store, args, cleanup } = await backend.open());
      log = new EventLog(store, key);
    });
    after(async () => cleanup());

    test('appends get consecutive numbers and a valid chain, even when 1,000 arrive at once', async () => {
      const types: EventType[] = ['SensorOpened', 'SensorClosed', 'Intrusion', 'Entry'];
      const all = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => log.append(anEvent(types[i % 4] as EventType, { sensorId: `s${i % 7}`, personId: i % 4 === 3 ? `p${i % 3}` : null, time: 1_700_000_000_000 + i * 1000 }))),
      );
      assert.deepEqual(all.map((e) => e.seq), Array.from({ length: 1000 }, (_, i) => i + 1));
      for (let i = 1; i < all.length; i++) assert.equal(all[i]?.prevHash, all[i - 1]?.hash);
      const v = await log.verify();
      assert.equal(v.ok, true);
      assert.equal(v.count, 1000);
    });

    test('an event whose details do not fit its type is refused, and nothing is written', async () => {
      const head = (await log.verify()).count;
      await assert.rejects(log.append({ type: 'Intrusion', details: { name: 'x' } } as unknown as NewEvent), /Intrusion details/);
      assert.equal((await log.verify()).count, head);
    });

    test('filters by type, sensor, person and time, newest first, with cursor paging', async () => {
      const first = await log.query({ types: ['Intrusion'], limit: 100 });
      assert.equal(first.events.length, 100);
      assert.ok(first.events.every((e) => e.type === 'Intrusion'));
      assert.ok(first.events.every((e, i, a) => i === 0 || (a[i - 1] as { seq: number }).seq > e.seq));
      const second = await log.query({ types: ['Intrusion'], limit: 100, before: decodeCursor(first.nextCursor ?? '') });
      assert.equal(second.events.length, 100);
      const third = await log.query({ types: ['Intrusion'], limit: 100, before: decodeCursor(second.nextCursor ?? '') });
      assert.equal(third.events.length, 50);
      assert.equal(third.nextCursor, null);
      const seqs = [...first.events, ...second.events, ...third.events].map((e) => e.seq);
      assert.equal(new Set(seqs).size, 250, 'pages neither overlap nor skip');
      assert.equal(second.nextCursor !== null, true);

      const bySensor = await log.query({ sensorId: 's3', limit: 1000 });
      assert.equal(bySensor.events.length, 143);
      const byPerson = await log.query({ personId: 'p1', types: ['Entry'], limit: 1000 });
      assert.ok(byPerson.events.length > 0 && byPerson.events.every((e) => e.personId === 'p1'));
      const window = await log.query({ from: 1_700_000_000_000 + 10_000, to: 1_700_000_000_000 + 20_000, limit: 1000 });
      assert.deepEqual(window.events.map((e) => e.seq), [20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
      assert.equal(window.nextCursor, null);
    });

    test('resumes a stream after a sequence number, oldest first', async () => {
      const after995 = await log.after(995);
      assert.deepEqual(after995.map((e) => e.seq), [996, 997, 998, 999, 1000]);
      assert.equal(await log.headSeq(), 1000);
    });

    test('the database refuses edits and deletions of events', async () => {
      await assert.rejects(sql`UPDATE events SET type = 'Entry' WHERE seq = 5`.execute(store.db), /append-only/);
      await assert.rejects(sql`DELETE FROM events WHERE seq = 5`.execute(store.db), /append-only/);
    });

    test('verify finds an edited event, a deleted one, and a forged chain without the key', async () => {
      // An attacker with raw database access first removes the guard.
      const dropGuard = store.dialect === 'sqlite'
        ? [sql`DROP TRIGGER events_no_update`, sql`DROP TRIGGER events_no_delete`]
        : [sql`DROP TRIGGER events_append_only ON events`];
      for (const q of dropGuard) await q.execute(store.db);

      await sql`UPDATE events SET details = '{"i":1}' WHERE seq = 500`.execute(store.db);
      let v = await log.verify();
      assert.deepEqual(v, { ok: false, count: 499, seq: 500, reason: 'event content does not match its hash' });

      const forger = new EventLog(store, randomBytes(32));
      const row = await store.db.selectFrom('events').selectAll().where('seq', '=', 499).executeTakeFirstOrThrow();
      await sql`UPDATE events SET details = ${row.details} WHERE seq = 500`.execute(store.db);
      assert.equal((await log.verify()).ok, false, 'details copied from another event still break the hash');
      assert.equal((await forger.verify()).ok, false, 'a different key cannot vouch for the chain');

      await sql`DELETE FROM events WHERE seq = 300`.execute(store.db);
      v = await log.verify();
      assert.equal(v.ok, false);
      if (!v.ok) assert.ok(v.seq <= 300);
    });

    test('migrations are idempotent: opening again changes nothing', async () => {
      const again = await openStore(args);
      await again.close();
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM vigil_migrations`.execute(store.db);
      assert.equal(Number(rows[0]?.n), Object.keys(migrations(store.dialect)).length);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(store.db);
      assert.equal(Number(count.rows[0]?.n), 999, 'the deleted event is gone, nothing else changed');
    });
  });
}
