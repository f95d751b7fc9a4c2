import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openStore } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { openEventLog } from '../../src/store/openEventLog.ts';
import { readOrCreateSecret } from '../../src/store/secrets.ts';
import { UserRepo } from '../../src/store/users.ts';
import { BackupError, readBackupInfo, restoreBackup, writeBackup } from '../../src/store/backup.ts';
import { tmpDir } from '../helpers.ts';
import { olderSqliteDatabase } from '../fixtures/olderDatabase.ts';
import { anEvent } from '../fixtures/events.ts';

const known = Object.keys(migrations('sqlite'));

/** A data directory with a database, a logged event chain, keys and a config file. */
async function installation(events = 5) {
  const t = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: t.dir });
  readOrCreateSecret(t.dir, 'credential.key');
  writeFileSync(path.join(t.dir, 'vigil.yaml'), 'alarm:\n  exitDelay: 10\n');
  await new UserRepo(store.db).create('admin', 'not-a-real-hash', 'admin');
  const log = openEventLog(store, t.dir);
  for (let i = 0; i < events; i++) await log.append(anEvent('SensorOpened', { sensorId: `s${i}` }));
  await log.drain();
  return { dir: t.dir, store, cleanup: async () => (await store.close(), t.cleanup()) };
}

test('backup and restore round trip: the database, its keys and config come back and the log verifies', async (t) => {
  const a = await installation();
  const b = tmpDir();
  t.after(async () => (await a.cleanup(), b.cleanup()));
  const file = path.join(b.dir, 'vigil.backup');
  const info = await writeBackup(a.store, a.dir, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(info.files, ['credential.key', 'log.key', 'vigil.yaml']);
  assert.deepEqual(readBackupInfo(file).migrations, known);

  const target = path.join(b.dir, 'data');
  const r = await restoreBackup({ file, dataDir: target, databaseUrl: '', knownMigrations: known, replace: false });
  assert.equal(r.movedAside, null);
  for (const name of info.files) {
    assert.deepEqual(readFileSync(path.join(target, name)), readFileSync(path.join(a.dir, name)), name);
    assert.equal(statSync(path.join(target, name)).mode & 0o777, 0o600);
  }
  const store = await openStore({ databaseUrl: '', dataDir: target });
  try {
    const v = await openEventLog(store, target).verify();
    assert.deepEqual({ ok: v.ok, count: v.count }, { ok: true, count: 5 });
    assert.equal(await new UserRepo(store.db).count(), 1);
    const tables = (await store.db.introspection.getTables()).map((x) => x.name);
    assert.ok(!tables.some((n) => n.startsWith('vigil_backup')), 'the backup tables are not left in the restored database');
  } finally {
    await store.close();
  }
});

test('restore refuses to overwrite a database or different keys unless told to, and then moves them aside', async (t) => {
  const a = await installation(3);
  const other = await installation(7);
  t.after(async () => (await a.cleanup(), await other.cleanup()));
  const file = path.join(a.dir, '..', `${path.basename(a.dir)}.backup`);
  await writeBackup(a.store, a.dir, file);
  await other.store.close();
  const before = readFileSync(path.join(other.dir, 'log.key'));
  await assert.rejects(restoreBackup({ file, dataDir: other.dir, databaseUrl: '', knownMigrations: known, replace: false }), (e: Error) => e instanceof BackupError && /--replace/.test(e.message) && /vigil\.db/.test(e.message) && /log\.key/.test(e.message));
  assert.deepEqual(readFileSync(path.join(other.dir, 'log.key')), before, 'a refusal changes nothing');

  const r = await restoreBackup({ file, dataDir: other.dir, databaseUrl: '', knownMigrations: known, replace: true });
  assert.ok(r.movedAside && readdirSync(r.movedAside).includes('vigil.db') && readdirSync(r.movedAside).includes('log.key'));
  assert.deepEqual(readFileSync(path.join(r.movedAside, 'log.key')), before);
  const restored = await openStore({ databaseUrl: '', dataDir: other.dir });
  try {
    const v = await openEventLog(restored, other.dir).verify();
    assert.deepEqual({ ok: v.ok, count: v.count }, { ok: true, count: 3 });
  } finally {
    await restored.close();
  }
});

test('restore refuses what is not a Vigil backup, a newer Vigil backup, the other database kind and hostile file names', async (t) => {
  const a = await installation(1);
  const b = tmpDir();
  t.after(async () => (await a.cleanup(), b.cleanup()));
  const restore = (file: string, over: Partial<Parameters<typeof restoreBackup>[0]> = {}) =>
    restoreBackup({ file, dataDir: path.join(b.dir, 'data'), databaseUrl: '', knownMigrations: known, replace: false, ...over });
  const garbage = path.join(b.dir, 'garbage');
  writeFileSync(garbage, 'not a database at all');
  await assert.rejects(restore(garbage), (e: Error) => e instanceof BackupError && /not a Vigil backup/.test(e.message));
  const plain = path.join(b.dir, 'plain.db');
  await a.store.backup(plain);
  await assert.rejects(restore(plain), /not a Vigil backup/);
  await assert.rejects(restore(path.join(b.dir, 'missing')), /cannot open/);

  const file = path.join(b.dir, 'ok.backup');
  await writeBackup(a.store, a.dir, file);
  await assert.rejects(restore(file, { knownMigrations: known.slice(0, 1) }), /newer Vigil/);
  await assert.rejects(restore(file, { databaseUrl: 'postgres://127.0.0.1/x', replace: true }), /holds a sqlite database/);

  const hostile = path.join(b.dir, 'hostile.backup');
  await writeBackup(a.store, a.dir, hostile);
  const db = new SQLite(hostile);
  db.prepare('INSERT INTO vigil_backup_files VALUES (?, ?)').run('../escape', Buffer.from('x'));
  db.close();
  await assert.rejects(restore(hostile), /unexpected file name/);
  assert.ok(!existsSync(path.join(b.dir, 'escape')) && !existsSync(path.join(b.dir, 'data', 'vigil.db')), 'nothing was written');
});

test('opening a database that this version will upgrade backs it up first, restorably', async (t) => {
  const tmp = tmpDir();
  t.after(() => tmp.cleanup());
  // A database as an older Vigil left it: only the first migration applied.
  const { db: old, last: first } = await olderSqliteDatabase(tmp.dir, (names) => names[0] as string);
  await old.destroy();
  readOrCreateSecret(tmp.dir, 'log.key');

  const stderr = process.stderr.write;
  let said = '';
  process.stderr.write = ((s: string) => ((said += s), true)) as typeof process.stderr.write;
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir }).finally(() => (process.stderr.write = stderr));
  await store.close();
  const backups = readdirSync(path.join(tmp.dir, 'backups'));
  assert.equal(backups.length, 1);
  assert.match(said, /backed up first/);
  const info = readBackupInfo(path.join(tmp.dir, 'backups', backups[0] as string));
  assert.deepEqual(info.migrations, [first]);
  assert.deepEqual(info.files, ['log.key']);

  // A second open has nothing to upgrade and makes no second backup.
  await (await openStore({ databaseUrl: '', dataDir: tmp.dir })).close();
  assert.equal(readdirSync(path.join(tmp.dir, 'backups')).length, 1);
});
