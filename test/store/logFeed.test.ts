import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/db.ts';
import { EventLog } from '../../src/store/eventLog.ts';
import { LogFeed } from '../../src/store/logFeed.ts';
import type { LoggedEvent } from '../../src/core/events.ts';
import { anEvent } from '../fixtures/events.ts';
import { createPgDatabase, pgSkip, tmpDir, waitFor } from '../helpers.ts';

const opened = (i: number) => anEvent('SensorOpened', { sensorId: `s${i}` });

for (const backend of ['SQLite', 'PostgreSQL'] as const) {
  test(`log feed on ${backend}: this process's appends and another's arrive in sequence order, none twice, none missed`, { skip: backend === 'PostgreSQL' && pgSkip }, async (t) => {
    const tmp = tmpDir();
    const pgdb = backend === 'PostgreSQL' ? await createPgDatabase() : undefined;
    const args = { databaseUrl: pgdb?.url ?? '', dataDir: tmp.dir };
    const mine = await openStore(args);
    const theirs = await openStore(args);
    const key = randomBytes(32);
    const seen: LoggedEvent[] = [];
    const errors: unknown[] = [];
    // eslint-disable-next-line prefer-const -- the log's callback needs the feed, the feed reads the log
    let feed: LogFeed;
    const log = new EventLog(mine, key, (e) => feed.appended(e));
    feed = new LogFeed(log, (e) => seen.push(e), (err) => errors.push(err));
    const other = new EventLog(theirs, key);
    t.after(async () => {
      await feed.stop();
      await mine.close();
      await theirs.close();
      await pgdb?.drop();
      tmp.cleanup();
    });
    await log.append(opened(0));
    await feed.start(pgdb ? { postgresUrl: pgdb.url } : { dataVersion: () => mine.dataVersion?.() ?? 0 });

    const writes: Array<Promise<unknown>> = [];
    for (let i = 1; i <= 200; i++) writes.push(i % 3 === 0 ? other.append(opened(i)) : log.append(opened(i)));
    await Promise.all(writes);
    const head = await log.headSeq();
    await waitFor(() => seen.at(-1)?.seq === head, 10_000, 'the feed to reach the head');
    assert.deepEqual(
      seen.map((e) => e.seq),
      Array.from({ length: head - 1 }, (_, i) => i + 2),
      'from the head at start, every event once, in order',
    );
    await other.append(opened(300));
    await waitFor(() => seen.at(-1)?.sensorId === 's300', 10_000, `another process's lone append to arrive (${backend === 'SQLite' ? 'data version' : 'NOTIFY'})`);
    assert.deepEqual(errors, []);
  });
}
