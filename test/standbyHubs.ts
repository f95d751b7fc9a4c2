// Hubs with hub.standby as operators run them: `vigil start` processes on one PostgreSQL database
// and the machine's Mosquitto (the standby e2e test and `npm run bench -- failover`).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from './helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/vigil.js');
// What both hubs must share besides the database: without the same keys the log chain, PINs, face
// templates and sensor signatures would not carry over (README: "Two hubs on one PostgreSQL").
const SHARED_KEYS = ['log.key', 'credential.key', 'template.key', 'sensor.key', 'node.key', 'vapid.json'];

export interface Health {
  role: 'active' | 'standby';
  active?: string | null;
}

export interface Hub {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
}

export function hubEnv(databaseUrl: string, prefix: string, port: number, standby = true): Record<string, string> {
  return {
    VIGIL_HTTP_HOST: '127.0.0.1',
    VIGIL_HTTP_PORT: String(port),
    VIGIL_DATABASE_URL: databaseUrl,
    VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883',
    VIGIL_MQTT_PREFIX: prefix,
    // The machine's broker is shared: keep Home Assistant discovery under this run's own prefix.
    VIGIL_HOMEASSISTANT_PREFIX: `${prefix}ha`,
    VIGIL_HUB_STANDBY: String(standby),
    VIGIL_LOG_LEVEL: 'info',
  };
}

export function startHub(dataDir: string, env: Record<string, string>): Hub {
  const child = spawn(process.execPath, [BIN, '--data', dataDir, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = Number(env.VIGIL_HTTP_PORT);
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out };
}

/** The hub's /api/health, or undefined while it does not answer; throws once it has exited. */
export async function health(hub: Hub): Promise<Health | undefined> {
  if (hub.child.exitCode !== null) throw new Error(`vigil exited with ${hub.child.exitCode}: ${hub.output()}`);
  try {
    const res = await fetch(`${hub.base}/api/health`);
    return res.ok ? ((await res.json()) as Health) : undefined;
  } catch {
    return undefined;
  }
}

export async function untilRole(hub: Hub, role: Health['role'], ms = 60_000, active?: string): Promise<void> {
  await waitFor(
    async () => {
      const h = await health(hub);
      return h?.role === role && (active === undefined || h.active === active);
    },
    ms,
    `${hub.base} to be ${role}${active ? ` of ${active}` : ''}`,
  );
}

/** Gives the second hub's data directory the first one's keys. */
export function copyKeys(fromDir: string, toDir: string): void {
  for (const key of SHARED_KEYS) if (existsSync(path.join(fromDir, key))) copyFileSync(path.join(fromDir, key), path.join(toDir, key));
}
