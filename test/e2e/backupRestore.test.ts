import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { openEventLog } from '../../src/store/openEventLog.ts';
import { readOrCreateSecret } from '../../src/store/secrets.ts';
import { restoreBackup, writeBackup } from '../../src/store/backup.ts';
import { createPgDatabase, tmpDir } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';
import { anEvent } from '../fixtures/events.ts';

test('vigil db backup and vigil db restore bring a whole installation back on another data directory', async (t) => {
  const tmp = tmpDir();
  t.after(() => tmp.cleanup());
  const a = path.join(tmp.dir, 'a');
  const b = path.join(tmp.dir, 'b');
  assert.equal((await vigil(['--data', a, 'admin', 'add', 'alice', '--password-stdin'], {}, 'alice has a long password\n')).code, 0);
  assert.equal((await vigil(['--data', a, 'person', 'add', 'Ada Lovelace'])).code, 0);
  assert.equal((await vigil(['--data', a, 'log', 'verify'])).code, 0, 'makes the log key');
  writeFileSync(path.join(a, 'vigil.yaml'), 'alarm:\n  exitDelay: 10\n');
  const file = path.join(tmp.dir, 'vigil.backup');
  const made = await vigil(['--data', a, '--json', 'db', 'backup', file]);
  assert.equal(made.code, 0, made.stderr);
  const { files } = JSON.parse(made.stdout) as { files: string[] };
  assert.deepEqual(files, ['log.key', 'vigil.yaml']);

  const r = await vigil(['--data', b, '--json', 'db', 'restore', file]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { database: string; log: { ok: boolean }; movedAside: string | null };
  assert.deepEqual({ database: out.database, ok: out.log.ok, movedAside: out.movedAside }, { database: 'sqlite', ok: true, movedAside: null });
  for (const key of files) {
    assert.deepEqual(readFileSync(path.join(b, key)), readFileSync(path.join(a, key)), key);
  }
  assert.equal((await vigil(['--data', b, 'admin', 'add', 'alice'])).code, 2, 'alice came back with the database');
  assert.equal((await vigil(['--data', b, 'person', 'add', 'Ada Lovelace'])).code, 2, 'and so did Ada');

  const again = await vigil(['--data', a, 'db', 'restore', file]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /stop Vigil, then run again with --replace/);
  const replaced = await vigil(['--data', a, '--json', 'db', 'restore', file, '--replace']);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.match((JSON.parse(replaced.stdout) as { movedAside: string }).movedAside, /replaced-/);

  writeFileSync(path.join(tmp.dir, 'junk'), 'junk');
  const junk = await vigil(['--data', b, '--json', 'db', 'restore', path.join(tmp.dir, 'junk'), '--replace']);
  assert.equal(junk.code, 2);
  assert.match((JSON.parse(junk.stdout) as { error: string }).error, /not a Vigil backup/);
});

test('PostgreSQL: a backup (pg_dump inside, with the keys) restores into another database and the log verifies', async (t) => {
  const tmp = tmpDir();
  const from = await createPgDatabase();
  const to = await createPgDatabase();
  t.after(async () => (await from.drop(), await to.drop(), tmp.cleanup()));
  const a = path.join(tmp.dir, 'a');
  const store = await openStore({ databaseUrl: from.url, dataDir: a });
  const log = openEventLog(store, a);
  for (let i = 0; i < 4; i++) await log.append(anEvent('SensorOpened', { sensorId: `s${i}` }));
  await log.drain();
  readOrCreateSecret(a, 'credential.key');
  const file = path.join(tmp.dir, 'pg.backup');
  const info = await writeBackup(store, a, file);
  await store.close();
  assert.equal(info.dialect, 'postgres');

  const b = path.join(tmp.dir, 'b');
  const known = Object.keys(migrations('postgres'));
  await assert.rejects(restoreBackup({ file, dataDir: b, databaseUrl: to.url, knownMigrations: known, replace: false }), /--replace/);
  await restoreBackup({ file, dataDir: b, databaseUrl: to.url, knownMigrations: known, replace: true });
  const restored = await openStore({ databaseUrl: to.url, dataDir: b });
  try {
    const v = await openEventLog(restored, b).verify();
    assert.deepEqual({ ok: v.ok, count: v.count }, { ok: true, count: 4 });
  } finally {
    await restored.close();
  }
});
