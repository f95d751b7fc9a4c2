// Hub leadership on a real PostgreSQL: one holder at a time, the standby sees who, and takes over.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { HUB_LOCK, Leadership } from '../../src/store/leadership.ts';
import { openStore } from '../../src/store/db.ts';
import { createPgDatabase, pgSkip, tmpDir, waitFor } from '../helpers.ts';

describe('leadership (PostgreSQL advisory lock)', { skip: pgSkip }, () => {
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  const dir = tmpDir();
  const open: Leadership[] = [];
  const leadership = () => {
    const l = new Leadership({ url: db.url, pollMs: 50, heartbeatMs: 100 });
    open.push(l);
    return l;
  };

  before(async () => {
    db = await createPgDatabase();
  });
  after(async () => {
    for (const l of open) await l.close();
    await db?.drop();
    dir.cleanup();
  });

  test('before any hub migrated the database, the first takes the lead and nobody is named active', async () => {
    const first = leadership();
    await first.acquire();
    assert.equal(first.holds, true);
    const second = leadership();
    let took = false;
    void second.acquire().then(() => (took = true), () => {});
    await waitFor(() => second.connected, 5000, 'the second to connect');
    assert.equal(second.active, null);
    await first.close();
    await waitFor(() => took, 5000, 'the second to take the lead');
    await second.close();
  });

  test('the standby names the advertised holder, takes over when it closes, and a dead holder is named by no one', async () => {
    const store = await openStore({ databaseUrl: db.url, dataDir: dir.dir });
    await store.close();
    const a = leadership();
    await a.acquire();
    await a.advertise('http://hub-a:8080');
    const b = leadership();
    let bHolds = false;
    void b.acquire().then(() => (bHolds = true), () => {});
    await waitFor(() => b.active === 'http://hub-a:8080', 5000, 'the standby to see hub a');
    assert.equal(bHolds, false);
    await a.close();
    await waitFor(() => bHolds, 5000, 'b to take over');
    // b holds the lock but has not advertised: the row still says hub a, whose session is gone.
    const c = leadership();
    void c.acquire().catch(() => {});
    await waitFor(() => c.connected, 5000, 'c to connect');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(c.active, null);
    await b.advertise('http://hub-b:8080');
    await waitFor(() => c.active === 'http://hub-b:8080', 5000, 'c to see hub b');
    await b.close();
    await c.close();
  });

  test('a holder whose lock session is terminated hears that it lost the lead, once', async () => {
    const a = leadership();
    await a.acquire();
    const lost: Error[] = [];
    a.onLost((err) => lost.push(err));
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [HUB_LOCK],
    );
    await admin.end();
    await waitFor(() => lost.length > 0, 10_000, 'the loss to be noticed');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lost.length, 1);
    assert.equal(a.holds, false);
  });
});
