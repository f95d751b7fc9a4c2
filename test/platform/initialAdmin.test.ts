import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/db.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword, verifyPassword } from '../../src/store/passwords.ts';
import { ensureFirstAdmin, INITIAL_ADMIN_PASSWORD_FILE, retireInitialAdminPassword } from '../../src/store/initialAdmin.ts';
import { silentLog, tmpDir } from '../helpers.ts';

test('the first admin password is written down (0600) and retired by the first password change', async (t) => {
  const tmp = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir });
  t.after(async () => {
    await store.close();
    tmp.cleanup();
  });
  const file = path.join(tmp.dir, INITIAL_ADMIN_PASSWORD_FILE);
  const users: UserRepo = new UserRepo(store.db, () => retireInitialAdminPassword(users, tmp.dir));
  const stderr = process.stderr.write;
  let printed = '';
  process.stderr.write = ((s: string) => ((printed += s), true)) as typeof process.stderr.write;
  try {
    await ensureFirstAdmin(users, tmp.dir, silentLog());
  } finally {
    process.stderr.write = stderr;
  }
  const password = readFileSync(file, 'utf8').trim();
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(printed.includes(password) && printed.includes(file));
  const admin = await users.findByName('admin');
  assert.ok(admin && (await verifyPassword(admin.passwordHash, password)));

  // Later starts neither make a second account nor touch a password that still works.
  await ensureFirstAdmin(users, tmp.dir, silentLog());
  assert.equal(await users.count(), 1);
  assert.ok(existsSync(file));

  await users.setPassword(admin.id, await hashPassword('a new and secret password'));
  assert.ok(!existsSync(file), 'the written-down password goes with the first change');
});

test('a written-down password that no longer opens the admin account is removed at start', async (t) => {
  const tmp = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir });
  t.after(async () => {
    await store.close();
    tmp.cleanup();
  });
  const users = new UserRepo(store.db);
  await users.create('admin', await hashPassword('the real password'), 'admin');
  const file = path.join(tmp.dir, INITIAL_ADMIN_PASSWORD_FILE);
  writeFileSync(file, 'an old password\n', { mode: 0o600 });
  await ensureFirstAdmin(users, tmp.dir, silentLog());
  assert.ok(!existsSync(file));
});
