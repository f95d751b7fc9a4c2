import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CredentialRepo } from '../../src/store/credentials.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { storeBackends, type OpenedStore } from '../helpers.ts';

for (const backend of storeBackends()) {
  describe(`PINs and fobs on ${backend.name}`, { skip: backend.skip }, () => {
    let opened: OpenedStore;
    let creds: CredentialRepo;
    let ada: string;
    let bob: string;
    before(async () => {
      opened = await backend.open();
      creds = new CredentialRepo(opened.store.db, randomBytes(32).toString('hex'));
      const people = new PeopleRepo(opened.store.db);
      ada = (await people.create('Ada')).id;
      bob = (await people.create('Bob')).id;
    });
    after(async () => opened.cleanup());

    test('a PIN finds its person; a duress PIN finds them too, flagged; a fob likewise', async () => {
      assert.equal(await creds.set(ada, 'pin', '1234'), true);
      assert.equal(await creds.set(ada, 'duress_pin', '9999'), true);
      assert.equal(await creds.set(ada, 'fob', '04A1B2C3'), true);
      assert.deepEqual(await creds.find('pin', '1234'), { personId: ada, duress: false });
      assert.deepEqual(await creds.find('pin', '9999'), { personId: ada, duress: true });
      assert.deepEqual(await creds.find('fob', '04a1b2c3'), { personId: ada, duress: false }, 'fob ids ignore case');
      assert.equal(await creds.find('pin', '0000'), undefined);
      assert.equal(await creds.find('pin', 'not digits'), undefined);
      assert.equal(await creds.find('fob', '1234'), undefined, 'a PIN is no fob');
    });

    test('nobody can take a PIN (or duress PIN) already in use; setting a new PIN replaces the old', async () => {
      assert.equal(await creds.set(bob, 'pin', '1234'), false);
      assert.equal(await creds.set(bob, 'pin', '9999'), false, "Ada's duress PIN is taken too");
      assert.equal(await creds.set(bob, 'fob', '04A1B2C3'), false);
      assert.equal(await creds.set(bob, 'pin', '5555'), true);
      assert.equal(await creds.set(bob, 'pin', '5556'), true);
      assert.equal(await creds.find('pin', '5555'), undefined);
      assert.deepEqual(await creds.find('pin', '5556'), { personId: bob, duress: false });
      await assert.rejects(creds.set(bob, 'pin', '12'), /4-12 digits/);
    });

    test('nothing stored reveals the secret; listing shows kinds only; deleting a credential works', async () => {
      const rows = await opened.store.db.selectFrom('credentials').selectAll().execute();
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.lookup) && !r.lookup.includes('1234')));
      const list = await creds.list(ada);
      assert.deepEqual(list.map((c) => c.kind).sort(), ['duress_pin', 'fob', 'pin']);
      const fobId = list.find((c) => c.kind === 'fob')?.id ?? '';
      assert.equal(await creds.delete(bob, fobId), false, "one cannot delete someone else's fob");
      assert.equal(await creds.delete(ada, fobId), true);
      assert.equal(await creds.find('fob', '04A1B2C3'), undefined);
      const other = new CredentialRepo(opened.store.db, randomBytes(32).toString('hex'));
      assert.equal(await other.find('pin', '1234'), undefined, 'without the key the lookup finds nothing');
    });
  });
}
