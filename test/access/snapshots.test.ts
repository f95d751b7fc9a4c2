import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SnapshotStore } from '../../src/access/snapshots.ts';
import { tmpDir } from '../helpers.ts';

test('snapshots: saved as JPEG by day, read back by name only, old days pruned', async () => {
  const t = tmpDir();
  const store = new SnapshotStore(t.dir);
  const img = { data: new Uint8Array(16 * 16 * 3).fill(128), width: 16, height: 16 };
  const now = Date.parse('2026-11-24T12:00:00Z');
  const name = await store.save(img, now);
  assert.match(name, /^2026-11-24\/[0-9a-f-]{36}\.jpg$/);
  assert.equal((await store.read(name))?.subarray(0, 2).toString('hex'), 'ffd8');
  for (const bad of ['../log.key', '2026-11-24/../../log.key', '2026-11-24/x.jpg', '/etc/passwd']) assert.equal(await store.read(bad), undefined, bad);
  mkdirSync(path.join(store.dir, '2026-10-01'));
  writeFileSync(path.join(store.dir, '2026-10-01', 'a.jpg'), 'x');
  mkdirSync(path.join(store.dir, 'not-a-day'));
  assert.equal(await store.prune(30, now), 1);
  assert.equal(existsSync(path.join(store.dir, '2026-10-01')), false);
  assert.equal(existsSync(path.join(store.dir, 'not-a-day')), true, 'only day folders are touched');
  assert.ok(await store.read(name), 'recent snapshots stay');
  t.cleanup();
});
