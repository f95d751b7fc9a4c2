// How fast the `vigil` command answers and how much it holds, as a user runs it (the compiled
// dist/, built first if stale), each beside a bare Node process measured in the same run:
//   vigil --help                         vs  node -e 0                      (target < 300 ms)
//   vigil log verify, 1,000 events       vs  node -e 0                      (target < 1 s)
//   vigil start -> healthy /api/health   vs  a bare node:http server's first answer (target < 3 s)
//   RSS of vigil start at idle           vs  an idle node process
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/db.ts';
import { openEventLog } from '../src/store/openEventLog.ts';
import { distIsFresh } from '../scripts/build-state.mjs';
import { freePort, tmpDir } from '../test/helpers.ts';
import { heading, ms, row, sleep, summary } from './lib.ts';
import { anEvent } from '../test/fixtures/events.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/vigil.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// GNU time (Debian's `time` package) adds the CPU time and peak memory of each run: on a shared,
// loaded machine the wall time mostly measures the wait for a core, the CPU time what Vigil does.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Runs {
  wall: number[];
  cpu: number[];
  maxRssMiB: number[];
}

function timeRuns(args: string[]): Runs {
  const out: Runs = { wall: [], cpu: [], maxRssMiB: [] };
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = GNU_TIME
      ? spawnSync(GNU_TIME, ['-f', '@@%U %S %M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    out.wall.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
    const m = /@@([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr.toString());
    if (m) {
      out.cpu.push((Number(m[1]) + Number(m[2])) * 1000);
      out.maxRssMiB.push(Number(m[3]) / 1024);
    }
  }
  return out;
}

function line(label: string, runs: Runs | number[], target?: string): void {
  const r = Array.isArray(runs) ? { wall: runs, cpu: [], maxRssMiB: [] } : runs;
  const cpu = r.cpu.length ? ms(summary(r.cpu).p50) : '';
  const rss = r.maxRssMiB.length ? `${summary(r.maxRssMiB).p50.toFixed(0)} MiB` : '';
  row(label, ms(summary(r.wall).p50), ms(summary(r.wall).max), cpu, rss, target ?? '');
}

/** Resident memory of a process, from /proc (MiB). */
function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

async function untilHealthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0 || !distIsFresh()) throw new Error('dist/ could not be built');
  heading(`vigil as users run it (dist/), ${RUNS} runs each; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`);
  const t = tmpDir();
  try {
    row('', 'wall p50', 'wall max', 'CPU p50', 'peak RSS', 'target');
    line('baseline: node -e 0', timeRuns(['-e', '0']));
    line('vigil --help', timeRuns([BIN, '--help']), '< 300 ms');

    const data = path.join(t.dir, 'verify');
    const store = await openStore({ databaseUrl: '', dataDir: data });
    const log = openEventLog(store, data);
    for (let i = 0; i < 1000; i++) void log.append(anEvent(i % 2 ? 'SensorOpened' : 'SensorClosed', { sensorId: `s${i % 20}` }));
    await log.drain();
    await store.close();
    line('vigil log verify, 1,000 events', timeRuns([BIN, '--data', data, 'log', 'verify']), '< 1 s');

    // Start-up: a bare HTTP server's first answer, then vigil start to a healthy /api/health
    // (the first start makes keys and the admin account; the later ones find them).
    const bare: number[] = [];
    const started: number[] = [];
    const rss: number[] = [];
    let idleNode = 0;
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const port = await freePort();
      const t0 = performance.now();
      const node = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });
      await untilHealthy(`http://127.0.0.1:${port}/`, node);
      bare.push(performance.now() - t0);
      if (i === 0) {
        await sleep(5000);
        idleNode = rssMiB(node.pid as number);
      }
      await stop(node);

      const httpPort = await freePort();
      const env = { ...process.env, VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: String(httpPort), VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: String(await freePort()), VIGIL_LOG_LEVEL: 'silent' };
      const t1 = performance.now();
      const vigil = spawn(process.execPath, [BIN, '--data', path.join(t.dir, 'start'), 'start'], { env, stdio: 'ignore' });
      try {
        await untilHealthy(`http://127.0.0.1:${httpPort}/api/health`, vigil);
        started.push(performance.now() - t1);
        if (i < 2) {
          await sleep(10_000);
          rss.push(rssMiB(vigil.pid as number));
        }
      } finally {
        await stop(vigil);
      }
    }
    line('baseline: bare node:http first answer', bare);
    line('vigil start -> healthy /api/health', started, '< 3 s');
    row('', 'RSS');
    row('baseline: idle node process', `${idleNode.toFixed(0)} MiB`);
    row('vigil start, 10 s idle after healthy', `${summary(rss).p50.toFixed(0)} MiB`);
  } finally {
    t.cleanup();
  }
}

await main();
