import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { JOIN_TOKEN_MS, NodeRepo } from '../../src/store/nodes.ts';
import { CredentialRepo } from '../../src/store/credentials.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { SettingsRepo } from '../../src/store/settings.ts';
import { VERSION_KEY } from '../../src/vision/faceService.ts';
import { applySnapshot, buildSnapshot } from '../../src/nodes/snapshot.ts';
import { storeBackends, type OpenedStore } from '../helpers.ts';

for (const backend of storeBackends()) {
  describe(`door nodes on ${backend.name}`, { skip: backend.skip }, () => {
    let opened: OpenedStore;
    let now = 1_000_000;
    let repo: NodeRepo;
    before(async () => {
      opened = await backend.open();
      repo = new NodeRepo(opened.store.db, randomBytes(32), () => now);
    });
    after(async () => opened.cleanup());

    test("a join token works once, even when two joins race; the key opens only with the hub's key", async () => {
      const { id, token } = await repo.create('Gate box', ['gate']);
      const [a, b] = await Promise.all([repo.join(token), repo.join(token)]);
      assert.equal([a, b].filter(Boolean).length, 1, 'exactly one join wins');
      const won = a ?? b;
      assert.equal(won?.node.id, id);
      assert.equal(won?.key.length, 32);
      assert.deepEqual(await new NodeRepo(opened.store.db, Buffer.alloc(32)).key(id), undefined, "another hub key opens nothing");
      assert.equal(await repo.join(token), undefined);
      const info = await repo.get(id);
      assert.equal(info?.joinPending, false);
      assert.equal(info?.joinedAt, now);
    });

    test('a token is refused after 24 hours, and a made-up one at once', async () => {
      const { token } = await repo.create('Late box', ['late']);
      now += JOIN_TOKEN_MS + 1;
      assert.equal(await repo.join(token), undefined);
      assert.equal(await repo.join('vn_' + 'A'.repeat(32)), undefined);
      assert.equal(await repo.join('nonsense'), undefined);
    });

    test('statuses: a newer one is kept, a replayed or older one is not', async () => {
      const { id } = await repo.create('Status box', ['s']);
      assert.equal(await repo.recordStatus(id, { conn: 5, tick: 1, online: true, snapshotVersion: 2, spoolDepth: 3 }), true);
      assert.equal(await repo.recordStatus(id, { conn: 5, tick: 1, online: false, snapshotVersion: 0, spoolDepth: 0 }), false);
      assert.equal(await repo.recordStatus(id, { conn: 4, tick: 9, online: false, snapshotVersion: 0, spoolDepth: 0 }), false);
      const info = await repo.get(id);
      assert.equal(info?.online, true);
      assert.equal(info?.snapshotApplied, 2);
      assert.equal(info?.spoolDepth, 3);
    });

    test('a replica holds the people allowed at the doors, and applying it deletes what is gone', async () => {
      const people = new PeopleRepo(opened.store.db);
      const creds = new CredentialRepo(opened.store.db, randomBytes(32).toString('hex'));
      const anywhere = await people.create(`Anywhere ${backend.name}`);
      const gateOnly = await people.create(`Gate ${backend.name}`);
      const elsewhere = await people.create(`Elsewhere ${backend.name}`);
      await people.setAccess(gateOnly.id, { doors: ['gate'], schedule: null });
      await people.setAccess(elsewhere.id, { doors: ['office'], schedule: null });
      await creds.set(anywhere.id, 'pin', '1111');
      await creds.set(gateOnly.id, 'pin', '2222');
      await creds.set(elsewhere.id, 'pin', '3333');
      const keys = { credentialKey: 'a'.repeat(64), templateKey: 'b'.repeat(64) };
      const replica = await buildSnapshot(opened.store.db, ['gate'], keys);
      const names = replica.people.map((p) => p.id);
      assert.ok(names.includes(anywhere.id) && names.includes(gateOnly.id) && !names.includes(elsewhere.id));
      assert.equal(replica.credentials.some((c) => c.person_id === elsewhere.id), false);

      // The node's store: a second database with the same schema.
      const node = await backend.open();
      try {
        await applySnapshot(node.store.db, replica);
        const settings = new SettingsRepo(node.store.db);
        const v1 = await settings.get(VERSION_KEY);
        assert.equal((await new PeopleRepo(node.store.db).list()).length, 2);
        assert.equal((await node.store.db.selectFrom('credentials').selectAll().execute()).length, 2);
        // Revoked: gateOnly may no longer use the gate.
        await people.setAccess(gateOnly.id, { doors: [], schedule: null });
        await applySnapshot(node.store.db, await buildSnapshot(opened.store.db, ['gate'], keys));
        assert.deepEqual((await new PeopleRepo(node.store.db).list()).map((p) => p.id), [anywhere.id]);
        assert.deepEqual((await node.store.db.selectFrom('credentials').select('person_id').execute()).map((r) => r.person_id), [anywhere.id]);
        assert.notEqual(await settings.get(VERSION_KEY), v1, 'the face gallery reloads');
      } finally {
        await node.cleanup();
      }
    });
  });
}
