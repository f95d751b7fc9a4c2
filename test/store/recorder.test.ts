import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { openStore, sqlitePath, type Store } from '../../src/store/db.ts';
import { EventLog } from '../../src/store/eventLog.ts';
import { openEventLog } from '../../src/store/openEventLog.ts';
import { Recorder, isPassingFailure } from '../../src/store/recorder.ts';
import { Spool } from '../../src/store/spool.ts';
import { anEvent } from '../fixtures/events.ts';
import { createPgDatabase, kill9, PG_ADMIN_URL, pgSkip, tmpDir, waitFor } from '../helpers.ts';

const quiet = { warn() {}, error() {}, info() {} };
const opened = (i: number) => anEvent('SensorOpened', { sensorId: `s${i}`, time: 1_700_000_000_000 + i });

/** The sensor ids of the logged SensorOpened events, in log order. */
async function loggedIds(log: EventLog): Promise<string[]> {
  const out: string[] = [];
  for (let seq = 0; ; ) {
    const page = await log.after(seq, 1000);
    if (page.length === 0) return out;
    for (const e of page) if (e.type === 'SensorOpened') out.push(e.sensorId ?? '');
    seq = page.at(-1)?.seq ?? seq;
  }
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);

describe('recorder on PostgreSQL', { skip: pgSkip }, () => {
  let store: Store;
  let log: EventLog;
  let dbName: string;
  let drop: () => Promise<void>;
  const t = tmpDir();
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };

  before(async () => {
    const db = await createPgDatabase();
    drop = db.drop;
    dbName = new URL(db.url).pathname.slice(1);
    store = await openStore({ databaseUrl: db.url, dataDir: t.dir });
    log = new EventLog(store, randomBytes(32));
  });
  after(async () => {
    await store.close();
    await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await drop();
    t.cleanup();
  });

  test('connections terminated under it (pg_terminate_backend): every event is logged once, in order, and nothing is spooled', async () => {
    const spool = new Spool(path.join(t.dir, 'a.spool'));
    const recorder = new Recorder({ log, spool, logger: quiet, spoolAfterMs: 10_000 });
    await recorder.start();
    for (let i = 0; i < 200; i++) {
      recorder.record(opened(i));
      if (i % 40 === 20) await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    await recorder.stop();
    assert.ok(spool.isEmpty(), 'a passing failure is retried, not spooled');
    assert.deepEqual(await loggedIds(log), ids(0, 200));
    assert.equal((await log.verify()).ok, true);
  });

  test('a database that refuses connections: events go to the spool, and when it is back they are chained once, in order', async () => {
    const before = (await loggedIds(log)).length;
    const spool = new Spool(path.join(t.dir, 'b.spool'));
    const recorder = new Recorder({ log, spool, logger: quiet, spoolAfterMs: 500, retryMs: 200 });
    await recorder.start();
    await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}'`);
    // Acknowledged while the database is away: durable in the spool.
    await Promise.all(ids(1000, 1100).map((_, i) => recorder.recordDurably(opened(1000 + i))));
    assert.equal(recorder.spooled, true);
    assert.equal(new Spool(spool.file).read().items.length, 100);
    await Promise.all(ids(1100, 1150).map((_, i) => recorder.recordDurably(opened(1100 + i))));
    await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await waitFor(() => !recorder.spooled, 20_000, 'the spool to be replayed');
    recorder.record(opened(1150));
    await recorder.stop();
    assert.ok(spool.isEmpty());
    const all = await loggedIds(log);
    assert.deepEqual(all.slice(before), ids(1000, 1151));
    assert.equal((await log.verify()).ok, true);
  });
});

describe('recorder on SQLite', () => {
  const t = tmpDir();
  let store: Store;
  let log: EventLog;
  before(async () => {
    store = await openStore({ databaseUrl: '', dataDir: t.dir });
    log = openEventLog(store, t.dir);
  });
  after(async () => {
    await store.close();
    t.cleanup();
  });

  test('a file locked by another process: events are spooled, and the append that was still waiting on the lock is not chained twice', async () => {
    const spool = new Spool(path.join(t.dir, 'lock.spool'));
    const recorder = new Recorder({ log, spool, logger: quiet, spoolAfterMs: 300, retryMs: 200 });
    await recorder.start();
    const locker = new SQLite(sqlitePath(t.dir));
    locker.exec('BEGIN EXCLUSIVE');
    await Promise.all(ids(0, 50).map((_, i) => recorder.recordDurably(opened(i))));
    assert.equal(recorder.spooled, true);
    await Promise.all(ids(50, 80).map((_, i) => recorder.recordDurably(opened(50 + i))));
    locker.exec('COMMIT');
    locker.close();
    await waitFor(() => !recorder.spooled, 60_000, 'the spool to be replayed');
    await recorder.stop();
    assert.deepEqual(await loggedIds(log), ids(0, 80));
    assert.equal((await log.verify()).ok, true);
  });

  test('a process killed after spooling: the next start replays the spool once, even when a crash left it after its replay', async () => {
    const spoolFile = path.join(t.dir, 'kill.spool');
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./recorderChild.ts', import.meta.url).pathname, t.dir, spoolFile, '40'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    assert.equal((await lines.next()).value, 'ready');
    const locker = new SQLite(sqlitePath(t.dir));
    locker.exec('BEGIN EXCLUSIVE');
    child.stdin.write('go\n');
    assert.equal((await lines.next()).value, 'spooled');
    await kill9(child);
    locker.exec('COMMIT');
    locker.close();
    const before = (await loggedIds(log)).length;
    const spooled = readFileSync(spoolFile);
    assert.equal(new Spool(spoolFile).read().items.length, 40);

    const next = new Recorder({ log, spool: new Spool(spoolFile), logger: quiet });
    await next.start();
    await next.stop();
    const expected = Array.from({ length: 40 }, (_, i) => `child${i}`);
    assert.deepEqual((await loggedIds(log)).slice(before), expected);

    // A crash between the replay's commit and the spool's truncation leaves the spool as it was.
    assert.equal(readFileSync(spoolFile).length, 0, 'a replayed spool is emptied');
    writeFileSync(spoolFile, spooled);
    const again = new Recorder({ log, spool: new Spool(spoolFile), logger: quiet });
    await again.start();
    await again.stop();
    assert.deepEqual((await loggedIds(log)).slice(before), expected, 'each spooled event is chained exactly once');
    assert.ok(new Spool(spoolFile).isEmpty());
    assert.equal((await log.verify()).ok, true);
  });

  test('a torn last line (the write the kill interrupted) and a damaged line are left out; the rest is replayed', async () => {
    const spoolFile = path.join(t.dir, 'torn.spool');
    const spool = new Spool(spoolFile);
    spool.append([{ origin: 'torn-1', event: opened(9001) }, { origin: 'torn-2', event: opened(9002) }]);
    appendFileSync(spoolFile, '{"origin":"torn-3","event":{"type":"Intrusion","details":{}}}\n{"origin":"torn-4","ev');
    assert.deepEqual(spool.read().bad, [3]);
    const before = (await loggedIds(log)).length;
    const r = new Recorder({ log, spool, logger: quiet });
    await r.start();
    await r.stop();
    assert.deepEqual((await loggedIds(log)).slice(before), ['s9001', 's9002']);
  });
});

test('passing failures: a busy SQLite file and a lost PostgreSQL connection; a broken query is not one', () => {
  assert.equal(isPassingFailure(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), true);
  assert.equal(isPassingFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), true);
  assert.equal(isPassingFailure(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isPassingFailure(Object.assign(new Error('syntax error'), { code: '42601' })), false);
  assert.equal(isPassingFailure(undefined), false);
});

test('an event that fits no schema, and a spool that cannot be written, are reported, never thrown at the producer or left unhandled', async (t) => {
  const tmp = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: tmp.dir });
  t.after(() => tmp.cleanup());
  const errors: string[] = [];
  const logger = { ...quiet, error: (_o: unknown, msg?: string) => void errors.push(msg ?? '') } as unknown as ConstructorParameters<typeof Recorder>[0]['logger'];
  let unhandled = 0;
  const count = () => unhandled++;
  process.on('unhandledRejection', count);
  t.after(() => process.off('unhandledRejection', count));
  const log = openEventLog(store, tmp.dir);
  const recorder = new Recorder({ log, spool: new Spool(path.join(tmp.dir, 'missing-dir', 'x.spool')), logger, spoolAfterMs: 0, retryMs: 60_000 });
  await recorder.start();
  recorder.record({ type: 'Intrusion', details: { nonsense: true } } as never);
  await store.close();
  recorder.record(opened(1));
  await recorder.idle();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(unhandled, 0);
  assert.deepEqual(errors, ['event refused: it does not fit its type', 'events could not be logged nor spooled; trying again']);
});
