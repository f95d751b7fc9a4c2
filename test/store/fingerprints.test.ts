import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FingerprintRepo } from '../../src/store/fingerprints.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { storeBackends, type OpenedStore } from '../helpers.ts';

for (const backend of storeBackends()) {
  describe(`fingerprint slots on ${backend.name}`, { skip: backend.skip }, () => {
    let opened: OpenedStore;
    let repo: FingerprintRepo;
    let people: PeopleRepo;
    before(async () => {
      opened = await backend.open();
      repo = new FingerprintRepo(opened.store.db);
      people = new PeopleRepo(opened.store.db);
    });
    after(async () => opened.cleanup());

    test('a slot holds one finger per sensor; a new sensor for the door forgets the old one and its fingers', async () => {
      const ada = (await people.create('Ada')).id;
      assert.equal(await repo.registerSensor('front', 'aa'.repeat(16), 200), 0);
      const index = await repo.add({ personId: ada, sensorUid: 'aa'.repeat(16), slot: 0, duress: false, label: 'index', score: 150 });
      const thumb = await repo.add({ personId: ada, sensorUid: 'aa'.repeat(16), slot: 1, duress: true, label: 'thumb', score: null });
      await assert.rejects(repo.add({ personId: ada, sensorUid: 'aa'.repeat(16), slot: 1, duress: false, label: '', score: null }));
      assert.deepEqual(await repo.atSlot('aa'.repeat(16), 1), thumb);
      assert.deepEqual((await repo.forPerson(ada)).map((f) => f.id), [index.id, thumb.id]);
      assert.deepEqual((await repo.onSensor('aa'.repeat(16))).map((f) => f.slot), [0, 1]);

      assert.equal(await repo.registerSensor('front', 'bb'.repeat(16), 1000), 2);
      assert.deepEqual(await repo.forPerson(ada), []);
      assert.equal((await repo.sensorForDoor('front'))?.uid, 'bb'.repeat(16));
      assert.equal((await repo.sensorForDoor('front'))?.capacity, 1000);
      await assert.rejects(repo.add({ personId: ada, sensorUid: 'aa'.repeat(16), slot: 5, duress: false, label: '', score: null }), 'the old sensor is gone');
    });

    test('deleting a person deletes their slots; removing a slot twice removes it once', async () => {
      const bob = (await people.create('Bob')).id;
      await repo.registerSensor('back', 'cc'.repeat(16), 200);
      const f = await repo.add({ personId: bob, sensorUid: 'cc'.repeat(16), slot: 3, duress: false, label: '', score: 99 });
      const g = await repo.add({ personId: bob, sensorUid: 'cc'.repeat(16), slot: 4, duress: false, label: '', score: 98 });
      assert.equal(await repo.remove(g.id), true);
      assert.equal(await repo.remove(g.id), false);
      await people.delete(bob);
      assert.equal(await repo.get(f.id), undefined);
    });
  });
}
