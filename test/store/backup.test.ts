import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { readBackupInfo, restoreBackup, writeBackup } from '../../src/store/backup.ts';
import { EVENT_SPOOL_FILE } from '../../src/store/spool.ts';

test('a backup carries the event spool whatever its size (events not yet in the log), but no other large file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-backup-'));
  try {
    const data = path.join(dir, 'data');
    const store = await openStore({ databaseUrl: '', dataDir: data });
    const line = `${JSON.stringify({ origin: 'o', event: { type: 'SystemStarted', time: 1, details: {} } })}\n`;
    const spool = Buffer.from(line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)));
    writeFileSync(path.join(data, EVENT_SPOOL_FILE), spool);
    writeFileSync(path.join(data, 'big.bin'), Buffer.alloc(2 * 1024 * 1024));
    writeFileSync(path.join(data, 'credential.key'), 'ab'.repeat(32));
    const file = path.join(dir, 'b.vigil');
    try {
      await writeBackup(store, data, file);
    } finally {
      await store.close();
    }
    const info = readBackupInfo(file);
    assert.ok(info.files.includes(EVENT_SPOOL_FILE));
    assert.ok(info.files.includes('credential.key'));
    assert.ok(!info.files.includes('big.bin'));

    const fresh = path.join(dir, 'fresh');
    await restoreBackup({ file, dataDir: fresh, databaseUrl: '', knownMigrations: Object.keys(migrations('sqlite')), replace: false });
    assert.ok(readFileSync(path.join(fresh, EVENT_SPOOL_FILE)).equals(spool));
    assert.ok(!existsSync(path.join(fresh, 'big.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
