import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PeopleRepo } from '../../src/store/people.ts';
import { TemplateCipher } from '../../src/store/templateCipher.ts';
import { storeBackends, type OpenedStore } from '../helpers.ts';

for (const backend of storeBackends()) {
  describe(`people and face templates on ${backend.name}`, () => {
    let opened: OpenedStore;
    let repo: PeopleRepo;
    before(async () => {
      opened = await backend.open();
      repo = new PeopleRepo(opened.store.db);
    });
    after(async () => opened.cleanup());

    test('create, search (case-insensitive, % and _ literal), rename, count templates', async () => {
      const a = await repo.create('Ada Lovelace');
      await repo.create('Alan Turing');
      await repo.create('100% Real_Name');
      assert.deepEqual((await repo.list('LOVE')).map((p) => p.name), ['Ada Lovelace']);
      assert.deepEqual((await repo.list('%')).map((p) => p.name), ['100% Real_Name']);
      assert.deepEqual((await repo.list('_')).map((p) => p.name), ['100% Real_Name']);
      assert.equal((await repo.list()).length, 3);
      await repo.rename(a.id, 'Augusta Ada King');
      assert.equal((await repo.get(a.id))?.name, 'Augusta Ada King');
      const cipher = new TemplateCipher(randomBytes(32).toString('hex'));
      const e = new Float32Array(128).fill(0.5);
      await repo.addTemplate({ id: 't1', personId: a.id, embedding: cipher.encrypt(e, `t1:${a.id}`), quality: '{}', photo: 't1.jpg' });
      await repo.addTemplate({ id: 't2', personId: a.id, embedding: cipher.encrypt(e, `t2:${a.id}`), quality: '{}', photo: null });
      assert.equal((await repo.get(a.id))?.faces, 2);
      const [t1] = await repo.templatesOf(a.id);
      assert.deepEqual([...cipher.decrypt(t1?.embedding ?? '', `t1:${a.id}`)], [...e]);
      assert.throws(() => cipher.decrypt(t1?.embedding ?? '', `t1:someone-else`), 'a template moved to another person does not decrypt');
      assert.throws(() => new TemplateCipher(randomBytes(32).toString('hex')).decrypt(t1?.embedding ?? '', `t1:${a.id}`), 'nor with another key');
    });

    test('deleting a person removes every template and reports the photos to remove', async () => {
      const ada = (await repo.list('Ada'))[0];
      assert.ok(ada);
      assert.equal(await repo.deleteTemplate(ada.id, 'nope'), undefined);
      assert.deepEqual(await repo.delete(ada.id), ['t1.jpg']);
      assert.equal(await repo.get(ada.id), undefined);
      assert.deepEqual(await repo.templatesOf(ada.id), []);
      assert.equal((await repo.allTemplates()).length, 0);
    });
  });
}
