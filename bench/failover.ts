// Hub failover (hub.standby) on the machine's PostgreSQL and Mosquitto, as users run it (dist/):
//   kill -9 of the active hub -> the standby answers /api/health as the active hub
// beside, in the same run, the baseline without a standby: a cold `vigil start` of one hub on the
// same database to a healthy /api/health (what a restart would give, before systemd's RestartSec).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { distIsFresh } from '../scripts/build-state.mjs';
import { createPgDatabase, freePort, kill9, tmpDir } from '../test/helpers.ts';
import { copyKeys, health, hubEnv, startHub, untilRole, type Hub } from '../test/standbyHubs.ts';
import { heading, ms, row, sleep, summary } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Polls /api/health every 5 ms until the hub answers as the active one. */
async function untilActive(hub: Hub): Promise<void> {
  for (;;) {
    if ((await health(hub))?.role === 'active') return;
    await sleep(5);
  }
}

/** What the hub logged it spent between holding the lock and serving as the active hub. */
function takeoverMs(hub: Hub): number | undefined {
  const lines = hub.output().split('\n').filter((l) => l.includes('active hub: took over'));
  const last = lines.at(-1);
  return last ? (JSON.parse(last) as { ms: number }).ms : undefined;
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0 || !distIsFresh()) throw new Error('dist/ could not be built');
  heading(`hub failover on PostgreSQL + Mosquitto, ${RUNS} runs; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`);
  const db = await createPgDatabase();
  const prefix = `vigilbench${randomBytes(4).toString('hex')}`;
  const dirs = [tmpDir(), tmpDir()] as const;
  const ports = [await freePort(), await freePort()] as const;
  const hubs: Array<Hub | undefined> = [undefined, undefined];
  try {
    // Baseline: one hub, no standby, started cold on the same database and broker.
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const hub = startHub(dirs[0].dir, hubEnv(db.url, prefix, ports[0], false));
      await untilActive(hub);
      cold.push(performance.now() - t0);
      await kill9(hub.child);
    }
    copyKeys(dirs[0].dir, dirs[1].dir);

    hubs[0] = startHub(dirs[0].dir, hubEnv(db.url, prefix, ports[0]));
    await untilRole(hubs[0], 'active');
    hubs[1] = startHub(dirs[1].dir, hubEnv(db.url, prefix, ports[1]));
    await untilRole(hubs[1], 'standby', 60_000, hubs[0].base);
    const failover: number[] = [];
    const startup: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [active, standby] = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
      const standbyHub = hubs[standby] as Hub;
      const t0 = performance.now();
      await kill9((hubs[active] as Hub).child);
      await untilActive(standbyHub);
      failover.push(performance.now() - t0);
      // The killed one comes back as the standby of the new active hub (which has logged its takeover by then).
      const back = startHub(dirs[active].dir, hubEnv(db.url, prefix, ports[active]));
      hubs[active] = back;
      await untilRole(back, 'standby', 60_000, standbyHub.base);
      const took = takeoverMs(standbyHub);
      if (took !== undefined) startup.push(took);
    }
    row('', 'p50', 'max');
    row('baseline: cold vigil start -> healthy', ms(summary(cold).p50), ms(summary(cold).max));
    row('failover: kill -9 active -> standby active', ms(summary(failover).p50), ms(summary(failover).max));
    row('  of which: hub start once it holds the lock', ms(summary(startup).p50), ms(summary(startup).max));
  } finally {
    for (const hub of hubs) if (hub) await kill9(hub.child);
    await db.drop();
    for (const d of dirs) d.cleanup();
  }
}

await main();
