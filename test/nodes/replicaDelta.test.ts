// Replica deltas on a real node store (SQLite): what the hub computes (replicaDelta.ts), how the
// node's store takes it (snapshot.ts), and which messages a node applies (replicaSync.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { openStore, type Store } from '../../src/store/db.ts';
import { snapshotChecksum, type DeltaMessage, type SnapshotContent, type SnapshotMessage } from '../../src/nodes/protocol.ts';
import { changedRows, deltaTo, noRowIds, withRows, type RowIds } from '../../src/nodes/replicaDelta.ts';
import { applyDelta, applySnapshot, readReplicaSource, ReplicaMismatch } from '../../src/nodes/snapshot.ts';
import { ReplicaSync, type ReplicaState } from '../../src/nodes/replicaSync.ts';
import { silentLog, tmpDir } from '../helpers.ts';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const PEOPLE = 8;
const CREDENTIALS = 12;
const TEMPLATES = 6;
const NAMES = Array.from({ length: PEOPLE }, (_, i) => `Name ${i}`);
const LOOKUPS = Array.from({ length: CREDENTIALS }, (_, i) => hex(`pin ${i}`));
const ACCESS = [null, '{"doors":["gate"],"schedule":null}', '{"doors":null,"schedule":[{"days":[1,2,3],"from":"08:00","to":"18:00"}]}'];

/**
 * A replica over a small set of ids, so that two of them share rows, differ in some and swap
 * others: names and PIN lookups are a permutation (unique within a replica, as on the hub), so
 * people swap names and credentials swap PINs between replicas.
 */
const replica: fc.Arbitrary<SnapshotContent> = fc
  .record({
    people: fc.array(fc.option(fc.record({ access: fc.constantFrom(...ACCESS), t: fc.nat(3) }), { nil: undefined }), { minLength: PEOPLE, maxLength: PEOPLE }),
    names: fc.shuffledSubarray(NAMES, { minLength: PEOPLE, maxLength: PEOPLE }),
    credentials: fc.array(fc.option(fc.record({ person: fc.nat(PEOPLE - 1), kind: fc.constantFrom('pin', 'fob') }), { nil: undefined }), { minLength: CREDENTIALS, maxLength: CREDENTIALS }),
    lookups: fc.shuffledSubarray(LOOKUPS, { minLength: CREDENTIALS, maxLength: CREDENTIALS }),
    templates: fc.array(fc.option(fc.record({ person: fc.nat(PEOPLE - 1), embedding: fc.constantFrom('AAAA', 'BBBB', 'CCCC') }), { nil: undefined }), { minLength: TEMPLATES, maxLength: TEMPLATES }),
    key: fc.constantFrom('1', '2'),
  })
  .map((r) => {
    const people = r.people.flatMap((p, i) => (p ? [{ id: `p${i}`, name: r.names[i] ?? '', name_key: (r.names[i] ?? '').toLowerCase(), access: p.access, created_at: 1, updated_at: 1 + p.t }] : []));
    const here = new Set(people.map((p) => p.id));
    const credentials = r.credentials.flatMap((c, i) => (c && here.has(`p${c.person}`) ? [{ id: `c${i}`, person_id: `p${c.person}`, kind: c.kind, lookup: r.lookups[i] ?? '', created_at: 2 }] : []));
    const templates = r.templates.flatMap((t, i) => (t && here.has(`p${t.person}`) ? [{ id: `t${i}`, person_id: `p${t.person}`, embedding: t.embedding, quality: '{}', created_at: 3 }] : []));
    return { people, credentials, templates, credentialKey: hex(`c${r.key}`), templateKey: hex(`t${r.key}`) };
  });

describe('replica deltas on a node store', () => {
  const dir = tmpDir();
  let store: Store;
  before(async () => {
    store = await openStore({ databaseUrl: '', dataDir: dir.dir });
  });
  after(async () => {
    await store.close();
    dir.cleanup();
  });
  /** The checksum of what the node's store holds, with these keys. */
  const held = async (keys: SnapshotContent) => snapshotChecksum({ ...(await readReplicaSource(store.db)), credentialKey: keys.credentialKey, templateKey: keys.templateKey });

  test('applying delta(a -> b) to a store holding a yields b exactly', async () => {
    await fc.assert(
      fc.asyncProperty(replica, replica, async (a, b) => {
        await applySnapshot(store.db, a);
        assert.equal(await held(a), snapshotChecksum(a), 'a whole replica applies exactly');
        const delta = deltaTo(b, changedRows(a, b));
        // Revocations first, and nothing but what changed.
        assert.deepEqual(Object.keys(delta)[0], 'removed');
        assert.ok(delta.people.length + delta.removed.people.length <= a.people.length + b.people.length);
        await applyDelta(store.db, delta, snapshotChecksum(b));
        assert.equal(await held(b), snapshotChecksum(b));
      }),
      { numRuns: 150 },
    );
  });

  test('a delta with every row changed since a base brings any version since that base to the newest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(replica, { minLength: 2, maxLength: 6 }), fc.nat(), async (versions, pick) => {
        let rows: RowIds = noRowIds();
        for (let i = 1; i < versions.length; i++) rows = withRows(rows, changedRows(versions[i - 1] as SnapshotContent, versions[i] as SnapshotContent));
        const newest = versions.at(-1) as SnapshotContent;
        const from = versions[pick % versions.length] as SnapshotContent;
        await applySnapshot(store.db, from);
        await applyDelta(store.db, deltaTo(newest, rows), snapshotChecksum(newest));
        assert.equal(await held(newest), snapshotChecksum(newest));
      }),
      { numRuns: 80 },
    );
  });

  test('a delta applied to a store that does not hold its base is undone whole', async () => {
    await fc.assert(
      fc.asyncProperty(replica, replica, replica, async (a, b, other) => {
        const delta = deltaTo(b, changedRows(a, b));
        await applySnapshot(store.db, other);
        const before = await held(other);
        try {
          await applyDelta(store.db, delta, snapshotChecksum(b));
          // It may fit by chance (other differs from a only in rows the delta writes): then it is b.
          assert.equal(await held(b), snapshotChecksum(b));
        } catch (err) {
          // Its checksum fails, or the database refuses a row on the way: a unique name or PIN
          // lookup, or a face or credential of a person the store does not hold.
          if (err instanceof ReplicaMismatch) assert.equal(err.expected, snapshotChecksum(b));
          else assert.match(String(err), /UNIQUE|FOREIGN KEY/);
          assert.equal(await held(other), before, 'nothing of it kept');
        }
      }),
      { numRuns: 100 },
    );
  });

  test('unchanged replicas make an empty delta; the changed rows are sorted and the removed ones listed', () => {
    const [a, b] = fc.sample(replica, { numRuns: 2, seed: 7 }) as [SnapshotContent, SnapshotContent];
    const none = deltaTo(a, changedRows(a, structuredClone(a)));
    assert.deepEqual([none.removed, none.people, none.credentials, none.templates], [{ people: [], credentials: [], templates: [] }, [], [], []]);
    const d = deltaTo(b, changedRows(a, b));
    const bPeople = new Set(b.people.map((p) => p.id));
    for (const id of d.removed.people) assert.ok(!bPeople.has(id) && a.people.some((p) => p.id === id));
    assert.deepEqual(
      d.people.map((p) => p.id),
      [...d.people.map((p) => p.id)].sort(),
    );
  });

  describe('which replica messages a node takes', () => {
    let state: ReplicaState = { version: 0, sha256: '' };
    let refetches = 0;
    const sync = () =>
      new ReplicaSync({
        state,
        applyWhole: async (c) => {
          await applySnapshot(store.db, c);
        },
        applyDelta: async (d, sha) => {
          await applyDelta(store.db, d, sha);
        },
        held: async (s) => {
          state = s;
        },
        refetchWhole: () => refetches++,
        logger: silentLog(),
      });
    const [r1, r2, r3, r4] = fc.sample(replica, { numRuns: 4, seed: 42 }) as [SnapshotContent, SnapshotContent, SnapshotContent, SnapshotContent];
    const whole = (version: number, content: SnapshotContent): SnapshotMessage => ({ version, sha256: snapshotChecksum(content), content });
    /** The hub's delta from the whole replica `base` (versions[0]) to the last of `versions`. */
    const delta = (base: number, versions: SnapshotContent[]): DeltaMessage => {
      let rows = noRowIds();
      for (let i = 1; i < versions.length; i++) rows = withRows(rows, changedRows(versions[i - 1] as SnapshotContent, versions[i] as SnapshotContent));
      const newest = versions.at(-1) as SnapshotContent;
      return { base, version: base + versions.length - 1, sha256: snapshotChecksum(newest), delta: deltaTo(newest, rows) };
    };

    test('a delta on the wrong base is refused; one that came before its whole replica waits for it', async () => {
      await applySnapshot(store.db, { people: [], credentials: [], templates: [], credentialKey: r1.credentialKey, templateKey: r1.templateKey });
      state = { version: 0, sha256: '' };
      const s = sync();
      // v3 from base 1 reaches a node holding nothing first: it waits.
      await s.delta(delta(1, [r1, r2, r3]));
      assert.equal(s.version, 0);
      assert.equal((await readReplicaSource(store.db)).people.length, 0);
      await s.whole(whole(1, r1));
      assert.equal(s.version, 3, 'the whole replica, then the delta that waited');
      assert.equal(await held(r3), snapshotChecksum(r3));
      // Old or replayed messages change nothing.
      await s.whole(whole(1, r1));
      await s.whole(whole(2, r2));
      await s.delta(delta(1, [r1, r2]));
      await s.delta(delta(1, [r1, r2, r3]));
      assert.equal(s.version, 3);
      assert.equal(await held(r3), snapshotChecksum(r3));
      // A delta from a base the node is not at yet (it missed the whole replica 5) is not applied.
      await s.delta(delta(5, [r3, r4]));
      assert.equal(s.version, 3);
      assert.equal(await held(r3), snapshotChecksum(r3));
      assert.equal(refetches, 0);
    });

    test('a delta that does not give its checksum is undone; the node takes the whole replica again, then the delta', async () => {
      state = { version: 0, sha256: '' };
      refetches = 0;
      const s = sync();
      await s.whole(whole(10, r1));
      await s.delta(delta(10, [r1, r2]));
      assert.equal(s.version, 11);
      // The node's store drifts from what it was sent (a person gone, all credentials gone).
      await store.db.deleteFrom('credentials').execute();
      await store.db.insertInto('people').values({ id: 'stray', name: 'Stray', name_key: 'stray', access: null, created_at: 0, updated_at: 0 }).execute();
      const drifted = await held(r2);
      await s.delta(delta(10, [r1, r2, r3]));
      assert.equal(s.version, 11, 'not applied');
      assert.equal(await held(r2), drifted, 'the transaction was undone');
      assert.equal(refetches, 1, 'the whole replica asked for again');
      // The retained whole replica (older than the version held) is taken now, then the delta.
      await s.whole(whole(10, r1));
      assert.equal(s.version, 12);
      assert.equal(await held(r3), snapshotChecksum(r3));
      // After that, an older whole replica is refused again.
      await s.whole(whole(10, r1));
      assert.equal(s.version, 12);
    });
  });
});
