import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PeopleRepo } from '../../src/store/people.ts';
import { TemplateCipher } from '../../src/store/templateCipher.ts';
import { sql } from 'kysely';
import { Conflict } from '../../src/core/errors.ts';
import { openStore } from '../../src/store/db.ts';
import { olderSqliteDatabase } from '../fixtures/olderDatabase.ts';
import { storeBackends, tmpDir, type OpenedStore } from '../helpers.ts';

for (const backend of storeBackends()) {
  describe(`people and face templates on ${backend.name}`, { skip: backend.skip }, () => {
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
      const jpeg = Buffer.from('a face chip, as JPEG bytes');
      await repo.addTemplate({ id: 't1', personId: a.id, embedding: cipher.encrypt(e, `t1:${a.id}`), quality: '{}', photo: 't1.jpg', chip: cipher.seal(jpeg, `t1:${a.id}:chip`) });
      await repo.addTemplate({ id: 't2', personId: a.id, embedding: cipher.encrypt(e, `t2:${a.id}`), quality: '{}', photo: null, chip: null });
      assert.equal((await repo.get(a.id))?.faces, 2);
      const [t1, t2] = await repo.templatesOf(a.id);
      assert.deepEqual([...cipher.decrypt(t1?.embedding ?? '', `t1:${a.id}`)], [...e]);
      assert.throws(() => cipher.decrypt(t1?.embedding ?? '', `t1:someone-else`), 'a template moved to another person does not decrypt');
      assert.throws(() => new TemplateCipher(randomBytes(32).toString('hex')).decrypt(t1?.embedding ?? '', `t1:${a.id}`), 'nor with another key');
      assert.deepEqual([t1?.hasChip, t2?.hasChip], [true, false]);
      const stored = await repo.pictureOf(a.id, 't1');
      assert.deepEqual(cipher.open(stored?.chip ?? '', `t1:${a.id}:chip`), jpeg);
      assert.ok(!(stored?.chip ?? '').includes(jpeg.toString('base64')), 'the chip is stored encrypted');
      assert.throws(() => cipher.open(stored?.chip ?? '', `t1:${a.id}`), 'a chip does not open as an embedding of the row');
      assert.equal(await repo.pictureOf('someone-else', 't1'), undefined, 'only through its own person');
      await repo.setChip('t2', cipher.seal(jpeg, `t2:${a.id}:chip`));
      assert.equal((await repo.templatesOf(a.id))[1]?.hasChip, true);
    });

    test('no two people share a name in any spelling of case, whether added or renamed, even at the same moment', async () => {
      const grace = await repo.create('Grace Hopper');
      await assert.rejects(repo.create('GRACE HOPPER'), Conflict);
      await assert.rejects(repo.create('ｇrace hopper'), Conflict, 'full-width letters are the same name');
      const other = await repo.create('Grace Kelly');
      await assert.rejects(repo.rename(other.id, 'grace hopper'), Conflict);
      await repo.rename(grace.id, 'GRACE Hopper');
      assert.equal((await repo.findByName('grace hopper'))?.id, grace.id);
      const tries = await Promise.allSettled(Array.from({ length: 5 }, () => repo.create('Hedy Lamarr')));
      assert.equal(tries.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(tries.every((r) => r.status === 'fulfilled' || r.reason instanceof Conflict));
      for (const p of await repo.list('Gr')) await repo.delete(p.id);
      await repo.delete((await repo.findByName('hedy lamarr'))?.id ?? '');
    });

    test('deleting a person removes every template and reports the photos to remove', async () => {
      const ada = (await repo.list('Ada'))[0];
      assert.ok(ada);
      assert.equal(await repo.deleteTemplate(ada.id, 'nope'), undefined);
      assert.deepEqual(await repo.deleteTemplate(ada.id, 't2'), { photo: null });
      assert.equal(await repo.pictureOf(ada.id, 't2'), undefined, 'the chip goes with its template');
      assert.deepEqual(await repo.delete(ada.id), ['t1.jpg']);
      assert.equal(await repo.pictureOf(ada.id, 't1'), undefined, 'and with its person');
      assert.equal((await opened.store.db.selectFrom('face_templates').select('id').where('chip', 'is not', null).execute()).length, 0);
      assert.equal(await repo.get(ada.id), undefined);
      assert.deepEqual(await repo.templatesOf(ada.id), []);
      assert.equal((await repo.allTemplates()).length, 0);
    });
  });
}

test('upgrading a database where the API let two people share a name: the later one is told apart with " (2)"', async (t) => {
  const tmp = tmpDir();
  t.after(() => tmp.cleanup());
  const { db: old } = await olderSqliteDatabase(tmp.dir, (names) => names.filter((n) => n < '0012').at(-1) as string);
  for (const [id, name, at] of [['a', 'Ann', 1], ['b', 'ann', 2], ['c', 'Ann (2)', 3], ['d', 'ANN', 4], ['e', 'Bob', 5]] as const) {
    await sql`INSERT INTO people (id, name, created_at, updated_at) VALUES (${id}, ${name}, ${at}, ${at})`.execute(old);
  }
  await old.destroy();
  const stderr = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir }).finally(() => (process.stderr.write = stderr));
  t.after(() => store.close());
  const names = Object.fromEntries((await new PeopleRepo(store.db).list()).map((p) => [p.id, p.name]));
  assert.deepEqual(names, { a: 'Ann', b: 'ann (3)', c: 'Ann (2)', d: 'ANN (4)', e: 'Bob' });
  await assert.rejects(new PeopleRepo(store.db).create('bob'), Conflict);
});
