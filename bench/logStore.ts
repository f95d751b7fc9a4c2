// Event log: group-committed appends beside raw prepared-statement inserts of the same rows, then
// filtered page queries with 1,000,000 events stored.
import SQLite from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openStore } from '../src/store/db.ts';
import { EventLog } from '../src/store/eventLog.ts';
import type { EventType } from '../src/core/events.ts';
import { tmpDir } from '../test/helpers.ts';
import { heading, ms, row, summary } from './lib.ts';
import { anEvent } from '../test/fixtures/events.ts';

const TYPES: EventType[] = ['SensorOpened', 'SensorClosed', 'Entry', 'Exit', 'Intrusion', 'Denied', 'AlarmArmed', 'AlarmDisarmed'];
const T0 = Date.UTC(2026, 0, 1);

function sample(i: number) {
  return anEvent(TYPES[i % TYPES.length] as EventType, {
    sensorId: `sensor-${i % 50}`,
    personId: i % 4 === 2 ? `person-${i % 40}` : null,
    doorId: i % 4 === 2 ? `door-${i % 3}` : null,
    time: T0 + i * 30_000,
  });
}

export async function benchLogStore(total = Number(process.env.BENCH_EVENTS ?? 1_000_000)): Promise<void> {
  heading(`Event log on SQLite (WAL, synchronous=FULL): inserts, then queries over ${total.toLocaleString('en')} events`);
  const t = tmpDir();
  try {
    // Baseline: the same row shape through a bare prepared statement, committed in batches of 500.
    const raw = new SQLite(path.join(t.dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, ts BIGINT, type TEXT, door_id TEXT, sensor_id TEXT, person_id TEXT, details TEXT, prev_hash TEXT, hash TEXT)');
    const ins = raw.prepare('INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)');
    const batch = raw.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const e = sample(i);
        ins.run(i + 1, e.time, e.type, e.doorId, e.sensorId, e.personId, JSON.stringify(e.details), 'x'.repeat(64), 'y'.repeat(64));
      }
    });
    const N = 100_000;
    let t0 = performance.now();
    for (let i = 0; i < N; i += 500) batch(i, 500);
    const rawRate = N / ((performance.now() - t0) / 1000);
    raw.close();

    const store = await openStore({ databaseUrl: '', dataDir: t.dir });
    const log = new EventLog(store, randomBytes(32));
    t0 = performance.now();
    await Promise.all(Array.from({ length: N }, (_, i) => log.append(sample(i))));
    const logRate = N / ((performance.now() - t0) / 1000);

    // One at a time, each awaited: the latency a single sensor sees, fsync included.
    const single: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      await log.append(sample(N + i));
      single.push(performance.now() - s);
    }
    row('', 'events/s');
    row('raw prepared INSERTs, 500 per commit (baseline)', rawRate.toFixed(0));
    row('EventLog.append, hash chain + group commit', logRate.toFixed(0));
    const one = summary(single);
    row('single awaited append (durable): p50 / p99', ms(one.p50), ms(one.p99));

    // Fill up to the target size in big concurrent waves.
    let have = N + 300;
    while (have < total) {
      const n = Math.min(50_000, total - have);
      await Promise.all(Array.from({ length: n }, (_, i) => log.append(sample(have + i))));
      have += n;
    }
    const queries: Array<[string, Parameters<EventLog['query']>[0]]> = [
      ['newest page, no filter', { limit: 50 }],
      ['type = Intrusion', { types: ['Intrusion'], limit: 50 }],
      ['type in (Entry, Exit), person', { types: ['Entry', 'Exit'], personId: 'person-2', limit: 50 }],
      ['sensor', { sensorId: 'sensor-7', limit: 50 }],
      ['door + type', { doorId: 'door-1', types: ['Entry'], limit: 50 }],
      ['time range (one day)', { from: T0 + 10 * 86_400_000, to: T0 + 11 * 86_400_000, limit: 50 }],
      ['type + time range', { types: ['Denied'], from: T0 + 5 * 86_400_000, to: T0 + 30 * 86_400_000, limit: 50 }],
      ['deep cursor (page in the middle), type', { types: ['SensorOpened'], before: { ts: T0 + (total / 2) * 30_000, seq: total / 2 }, limit: 50 }],
    ];
    row('', 'p50', 'p95', 'max');
    const all: number[] = [];
    for (const [label, filter] of queries) {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const s = performance.now();
        const page = await log.query(filter);
        times.push(performance.now() - s);
        if (page.events.length === 0) throw new Error(`query "${label}" found nothing`);
      }
      all.push(...times.slice(10));
      const q = summary(times.slice(10));
      row(label, ms(q.p50), ms(q.p95), ms(q.max));
    }
    const overall = summary(all);
    row('all filtered page queries (target p95 < 20 ms)', ms(overall.p50), ms(overall.p95), ms(overall.max));
    await store.close();
  } finally {
    t.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLogStore();
  process.exit(0);
}
